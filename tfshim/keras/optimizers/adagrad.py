"""`tf.keras.optimizers.Adagrad`."""

from __future__ import annotations

from typing import Any

import tfshim as tf
from tfshim.keras.optimizers.base_optimizer import Optimizer, _constant


class Adagrad(Optimizer):
    """`acc += g²` (from `initial_accumulator_value`), `var -= lr*g/sqrt(acc + ε)`.

    An `IndexedSlices` gradient updates only its rows, per occurrence, as in Keras: each occurrence's
    square is added to the accumulator, then each takes its step with the new accumulator.
    """

    def __init__(self, learning_rate: Any = 0.001, initial_accumulator_value: float = 0.1, epsilon: float = 1e-7,
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
        self.initial_accumulator_value = initial_accumulator_value
        self.epsilon = epsilon

    def build(self, var_list: Any) -> None:
        if self.built:
            return
        super().build(var_list)
        self._accumulators = self.add_optimizer_variables(var_list, "accumulator",
                                                          initializer=_constant(self.initial_accumulator_value))
        self._acc = [None if s is None else s.value for s in self._accumulators]

    def _update(self, index: int, gradient: Any, variable: Any, lr: Any) -> None:
        accumulator = self._acc[index]
        if isinstance(gradient, tf.IndexedSlices):
            indices, shape = gradient.indices, gradient.dense_shape
            accumulator.scatter_add(tf.IndexedSlices(tf.square(gradient.values), indices, shape))
            denominator = tf.sqrt(tf.add(accumulator.value(), self.epsilon))
            step = tf.divide(tf.multiply(lr, gradient.values), tf.gather(denominator, indices))
            variable.scatter_sub(tf.IndexedSlices(step, indices, shape))
            return
        accumulator.assign_add(tf.square(gradient), read_value=False)
        variable.assign_sub(tf.divide(tf.multiply(lr, gradient), tf.sqrt(tf.add(accumulator.value(), self.epsilon))),
                            read_value=False)

    def get_config(self) -> dict:
        config = super().get_config()
        config.update({"initial_accumulator_value": self.initial_accumulator_value, "epsilon": self.epsilon})
        return config
