"""`tf.keras.optimizers.SGD`: gradient descent, with momentum and Nesterov momentum."""

from __future__ import annotations

from typing import Any

import tfshim as tf
from tfshim.keras.optimizers.base_optimizer import Optimizer


class SGD(Optimizer):
    """`m = momentum*m - lr*g`; `var += m` (Nesterov: `var += momentum*m - lr*g`); without momentum
    `var -= lr*g`.

    An `IndexedSlices` gradient without momentum changes only its rows (duplicates summed); with
    momentum it is made dense first, as in Keras.
    """

    def __init__(self, learning_rate: Any = 0.01, momentum: float = 0.0, nesterov: bool = False,
                 weight_decay: float | None = None, clipnorm: float | None = None, clipvalue: float | None = None,
                 global_clipnorm: float | None = None, use_ema: bool = False, ema_momentum: float = 0.99,
                 ema_overwrite_frequency: int | None = None, loss_scale_factor: float | None = None,
                 gradient_accumulation_steps: int | None = None, name: str | None = None, **kwargs: Any) -> None:
        super().__init__(learning_rate=learning_rate, name=name, weight_decay=weight_decay, clipnorm=clipnorm,
                         clipvalue=clipvalue, global_clipnorm=global_clipnorm, use_ema=use_ema,
                         ema_momentum=ema_momentum, ema_overwrite_frequency=ema_overwrite_frequency,
                         loss_scale_factor=loss_scale_factor,
                         gradient_accumulation_steps=gradient_accumulation_steps, **kwargs)
        if not isinstance(momentum, float) or momentum < 0 or momentum > 1:
            raise ValueError("`momentum` must be a float between [0, 1].")
        self.momentum = momentum
        self.nesterov = nesterov

    def build(self, variables: Any) -> None:
        if self.built:
            return
        super().build(variables)
        self.momentums = []
        if self.momentum != 0:
            self.momentums = self.add_optimizer_variables(variables, "momentum")
        self._m = [None if m is None else m.value for m in self.momentums]

    def _constants(self, dtype: Any, learning_rate: Any) -> Any:
        return tf.cast(learning_rate, dtype), tf.cast(self.momentum, dtype)

    def _update(self, index: int, gradient: Any, variable: Any, constants: Any) -> None:
        lr, momentum = constants
        if self.momentum == 0:
            if isinstance(gradient, tf.IndexedSlices):
                variable.scatter_sub(tf.IndexedSlices(tf.multiply(gradient.values, lr), gradient.indices,
                                                      gradient.dense_shape))
            else:
                variable.assign_sub(tf.multiply(gradient, lr), read_value=False)
            return
        m = self._m[index]
        if isinstance(gradient, tf.IndexedSlices):
            step = tf.convert_to_tensor(tf.IndexedSlices(tf.multiply(gradient.values, lr), gradient.indices,
                                                         gradient.dense_shape))
        else:
            step = tf.multiply(gradient, lr)
        m.assign(tf.subtract(tf.multiply(m.value(), momentum), step), read_value=False)
        if self.nesterov:
            variable.assign_add(tf.subtract(tf.multiply(m.value(), momentum), step), read_value=False)
        else:
            variable.assign_add(m.value(), read_value=False)

    def get_config(self) -> dict:
        config = super().get_config()
        config.update({"momentum": self.momentum, "nesterov": self.nesterov})
        return config
