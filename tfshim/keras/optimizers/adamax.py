"""`tf.keras.optimizers.Adamax`."""

from __future__ import annotations

from typing import Any

import tfshim as tf
from tfshim.keras.optimizers import _sparse as k
from tfshim.keras.optimizers.base_optimizer import Optimizer


class Adamax(Optimizer):
    """`m += (g-m)(1-β1)`, `u = max(β2·u, |g|)`, `var -= lr·m/((1-β1^t)(u+ε))`.

    An `IndexedSlices` gradient follows Keras's sparse op rules (`_sparse`) (`|g|` summed per row for `u`).
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
        self._m_slots, self._u_slots = self.add_optimizer_variables(var_list, ["momentum", "norm"])
        self._mm = [None if s is None else s.value for s in self._m_slots]
        self._uu = [None if s is None else s.value for s in self._u_slots]

    def _constants(self, dtype: Any, learning_rate: Any) -> Any:
        beta_1_power = tf.pow(tf.cast(self.beta_1, dtype), self._local_step(dtype))
        return tf.cast(learning_rate, dtype), beta_1_power

    def _update(self, index: int, gradient: Any, variable: Any, constants: Any) -> None:
        lr, beta_1_power = constants
        m = self._mm[index]
        u = self._uu[index]
        m.assign_add(tf.multiply(k.subtract(gradient, m.value()), (1 - self.beta_1)), read_value=False)
        u.assign(k.maximum(tf.multiply(self.beta_2, u.value()), k.abs(gradient)), read_value=False)
        variable.assign_sub(tf.divide(tf.multiply(lr, m.value()),
                                      tf.multiply((1 - beta_1_power), tf.add(u.value(), self.epsilon))),
                            read_value=False)

    def get_config(self) -> dict:
        config = super().get_config()
        config.update({"beta_1": self.beta_1, "beta_2": self.beta_2, "epsilon": self.epsilon})
        return config
