"""`tf.keras.optimizers.Lion`."""

from __future__ import annotations

from typing import Any

import tfshim as tf
from tfshim.keras.optimizers import _sparse as k
from tfshim.keras.optimizers.base_optimizer import Optimizer


class Lion(Optimizer):
    """`var -= lr·sign(β1·m + (1-β1)·g)`, then `m = β2·m + (1-β2)·g`.

    An `IndexedSlices` gradient follows Keras's sparse op rules (`_sparse`).
    """

    def __init__(self, learning_rate: Any = 0.001, beta_1: float = 0.9, beta_2: float = 0.99,
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
        if beta_1 <= 0 or beta_1 > 1:
            raise ValueError("Argument `beta_1` must be in the [0, 1] range. Otherwise, the optimizer degenerates "
                             f"to SignSGD. Received: beta_1={beta_1}.")

    def build(self, var_list: Any) -> None:
        if self.built:
            return
        super().build(var_list)
        self._momentums = self.add_optimizer_variables(var_list, "momentum")
        self._m = [None if s is None else s.value for s in self._momentums]

    def _constants(self, dtype: Any, learning_rate: Any) -> Any:
        return tf.cast(learning_rate, dtype), tf.cast(self.beta_1, dtype), tf.cast(self.beta_2, dtype)

    def _update(self, index: int, gradient: Any, variable: Any, constants: Any) -> None:
        lr, beta_1, beta_2 = constants
        m = self._m[index]
        direction = tf.sign(k.add(tf.multiply(m.value(), beta_1), k.multiply(gradient, (1.0 - beta_1))))
        variable.assign_sub(tf.multiply(lr, direction), read_value=False)
        m.assign(k.add(tf.multiply(m.value(), beta_2), k.multiply(gradient, (1.0 - beta_2))), read_value=False)

    def get_config(self) -> dict:
        config = super().get_config()
        config.update({"beta_1": self.beta_1, "beta_2": self.beta_2})
        return config
