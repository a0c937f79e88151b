"""`tf.keras.optimizers.Lamb`."""

from __future__ import annotations

from typing import Any

import tfshim as tf
from tfshim.keras.optimizers.base_optimizer import Optimizer


class Lamb(Optimizer):
    """Adam's bias-corrected step `u = m̂/(sqrt(v̂)+ε)` scaled by the trust ratio `‖var‖/‖u‖` (1 when either is 0).

    As in Keras, Lamb is not among the names `optimizers.get` resolves. An `IndexedSlices` gradient is
    densified.
    """

    def __init__(self, learning_rate: Any = 0.001, beta_1: float = 0.9, beta_2: float = 0.999, epsilon: float = 1e-7,
                 weight_decay: float | None = None, clipnorm: float | None = None,
                 clipvalue: float | None = None, global_clipnorm: float | None = None, use_ema: bool = False,
                 ema_momentum: float = 0.99, ema_overwrite_frequency: int | None = None,
                 loss_scale_factor: float | None = None, gradient_accumulation_steps: int | None = None,
                 name: str | None = None, **kwargs: Any) -> None:
        super().__init__(learning_rate=learning_rate, name=name, weight_decay=weight_decay, clipnorm=clipnorm,
                         clipvalue=clipvalue, global_clipnorm=global_clipnorm, use_ema=use_ema,
                         ema_momentum=ema_momentum, ema_overwrite_frequency=ema_overwrite_frequency,
                         loss_scale_factor=loss_scale_factor,
                         gradient_accumulation_steps=gradient_accumulation_steps, **kwargs)
        self.beta_1 = beta_1
        self.beta_2 = beta_2
        self.epsilon = epsilon

    def build(self, var_list: Any) -> None:
        if self.built:
            return
        super().build(var_list)
        self._momentums, self._velocities = self.add_optimizer_variables(var_list, ["momentum", "velocity"])
        self._m = [None if s is None else s.value for s in self._momentums]
        self._v = [None if s is None else s.value for s in self._velocities]

    def _constants(self, dtype: Any, learning_rate: Any) -> Any:
        local_step = self._local_step(dtype)
        beta_1_power = tf.pow(tf.cast(self.beta_1, dtype), local_step)
        beta_2_power = tf.pow(tf.cast(self.beta_2, dtype), local_step)
        return tf.cast(learning_rate, dtype), beta_1_power, beta_2_power

    def _update(self, index: int, gradient: Any, variable: Any, constants: Any) -> None:
        lr, beta_1_power, beta_2_power = constants
        dtype = variable.dtype
        gradient = tf.convert_to_tensor(gradient)
        m = self._m[index]
        v = self._v[index]
        m.assign_add(tf.multiply(tf.subtract(gradient, m.value()), tf.constant(1 - self.beta_1, dtype)),
                     read_value=False)
        v.assign_add(tf.multiply(tf.subtract(tf.square(gradient), v.value()), tf.constant(1 - self.beta_2, dtype)),
                     read_value=False)
        m_t_hat = tf.divide(m.value(), (1.0 - beta_1_power))
        v_sqrt = tf.add(tf.sqrt(tf.divide(v.value(), (1.0 - beta_2_power))), tf.constant(self.epsilon, dtype))
        update = tf.divide(m_t_hat, v_sqrt)
        w_norm = tf.sqrt(tf.reduce_sum(tf.pow(variable.value(), 2)))
        g_norm = tf.sqrt(tf.reduce_sum(tf.pow(update, 2)))
        one = tf.constant(1.0, dtype)
        ratio = tf.where(tf.greater(w_norm, 0), tf.where(tf.greater(g_norm, 0), w_norm / g_norm, one), one)
        variable.assign_sub(ratio * lr * update, read_value=False)

    def get_config(self) -> dict:
        config = super().get_config()
        config.update({"beta_1": self.beta_1, "beta_2": self.beta_2, "epsilon": self.epsilon})
        return config
