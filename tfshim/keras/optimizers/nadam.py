"""`tf.keras.optimizers.Nadam`."""

from __future__ import annotations

from typing import Any

import tfshim as tf
from tfshim.keras.backend.config import floatx
from tfshim.keras.backend.variables import Variable as KerasVariable
from tfshim.keras.optimizers import _sparse as k
from tfshim.keras.optimizers.base_optimizer import Optimizer


class Nadam(Optimizer):
    """Adam with Nesterov momentum and Keras's momentum schedule `μ_t = β1(1 - 0.5·0.96^t)`.

    The running product of the `μ_t` is an extra scalar variable (unnamed, so `variable`, `variable_1`,
    ...; last in `variables`), multiplied by `μ_t` once per step before the per-variable updates.
    An `IndexedSlices` gradient follows Keras's sparse op rules (`_sparse`) (per-occurrence squares in `v`).
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
        var_list = list(var_list)
        dtype = var_list[0].dtype if var_list else floatx()
        super().build(var_list)
        self._momentums, self._velocities = self.add_optimizer_variables(var_list, ["momentum", "velocity"])
        self._m = [None if s is None else s.value for s in self._momentums]
        self._v = [None if s is None else s.value for s in self._velocities]
        self._u_product = KerasVariable(1.0, dtype=dtype)

    def _backend_update_step(self, grads: list, indices: list, learning_rate: Any) -> None:
        product = self._u_product.value
        dtype = product.dtype
        product.assign(product.value() * self.beta_1
                       * (1.0 - 0.5 * tf.pow(0.96, tf.cast(self.iterations + 1, dtype))), read_value=False)
        super()._backend_update_step(grads, indices, learning_rate)

    def _constants(self, dtype: Any, learning_rate: Any) -> Any:
        lr = tf.cast(learning_rate, dtype)
        local_step = self._local_step(dtype)
        next_step = tf.cast(self.iterations + 2, dtype)
        decay = tf.cast(0.96, dtype)
        beta_1 = tf.cast(self.beta_1, dtype)
        beta_2 = tf.cast(self.beta_2, dtype)
        u_t = beta_1 * (1.0 - 0.5 * (tf.pow(decay, local_step)))
        u_t_1 = beta_1 * (1.0 - 0.5 * (tf.pow(decay, next_step)))
        u_product_t = tf.cast(self._u_product.value.value(), dtype)
        u_product_t_1 = u_product_t * u_t_1
        beta_2_power = tf.pow(beta_2, local_step)
        return lr, beta_1, beta_2, u_t, u_t_1, u_product_t, u_product_t_1, beta_2_power

    def _update(self, index: int, gradient: Any, variable: Any, constants: Any) -> None:
        lr, beta_1, beta_2, u_t, u_t_1, u_product_t, u_product_t_1, beta_2_power = constants
        m = self._m[index]
        v = self._v[index]
        m.assign_add(tf.multiply(k.subtract(gradient, m.value()), (1 - beta_1)), read_value=False)
        v.assign_add(tf.multiply(k.subtract(k.square(gradient), v.value()), (1 - beta_2)), read_value=False)
        m_hat = k.add(tf.divide(tf.multiply(u_t_1, m.value()), 1 - u_product_t_1),
                      k.divide(k.multiply(1 - u_t, gradient), 1 - u_product_t))
        v_hat = tf.divide(v.value(), (1 - beta_2_power))
        variable.assign_sub(tf.divide(tf.multiply(m_hat, lr), tf.add(tf.sqrt(v_hat), self.epsilon)),
                            read_value=False)

    def get_config(self) -> dict:
        config = super().get_config()
        config.update({"beta_1": self.beta_1, "beta_2": self.beta_2, "epsilon": self.epsilon})
        return config
