"""`tf.keras.optimizers.Ftrl`."""

from __future__ import annotations

from typing import Any

import tfshim as tf
from tfshim.keras.optimizers import _sparse as k
from tfshim.keras.optimizers.base_optimizer import Optimizer, _constant


class Ftrl(Optimizer):
    """Follow The Regularized Leader, Keras's form (with `beta`, L1, L2 and L2-shrinkage).

    An `IndexedSlices` gradient follows Keras's sparse op rules (`_sparse`) (per-occurrence squares).
    """

    def __init__(self, learning_rate: Any = 0.001, learning_rate_power: float = -0.5,
                 initial_accumulator_value: float = 0.1,
                 l1_regularization_strength: float = 0.0, l2_regularization_strength: float = 0.0,
                 l2_shrinkage_regularization_strength: float = 0.0, beta: float = 0.0,
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
        if initial_accumulator_value < 0.0:
            raise ValueError("`initial_accumulator_value` needs to be positive or zero. Received: "
                             f"initial_accumulator_value={initial_accumulator_value}.")
        if learning_rate_power > 0.0:
            raise ValueError("`learning_rate_power` needs to be negative or zero. Received: "
                             f"learning_rate_power={learning_rate_power}.")
        if l1_regularization_strength < 0.0:
            raise ValueError("`l1_regularization_strength` needs to be positive or zero. Received: "
                             f"l1_regularization_strength={l1_regularization_strength}.")
        if l2_regularization_strength < 0.0:
            raise ValueError("`l2_regularization_strength` needs to be positive or zero. Received: "
                             f"l2_regularization_strength={l2_regularization_strength}.")
        if l2_shrinkage_regularization_strength < 0.0:
            raise ValueError("`l2_shrinkage_regularization_strength` needs to be positive or zero. Received: "
                             f"l2_shrinkage_regularization_strength={l2_shrinkage_regularization_strength}.")
        self.learning_rate_power = learning_rate_power
        self.initial_accumulator_value = initial_accumulator_value
        self.l1_regularization_strength = l1_regularization_strength
        self.l2_regularization_strength = l2_regularization_strength
        self.l2_shrinkage_regularization_strength = l2_shrinkage_regularization_strength
        self.beta = beta

    def build(self, var_list: Any) -> None:
        if self.built:
            return
        super().build(var_list)
        self._accumulators, self._linears = self.add_optimizer_variables(
            var_list, ["accumulator", "linear"], initializer=[_constant(self.initial_accumulator_value), "zeros"])
        self._acc = [None if s is None else s.value for s in self._accumulators]
        self._lin = [None if s is None else s.value for s in self._linears]

    def _update(self, index: int, gradient: Any, variable: Any, lr: Any) -> None:
        accum = self._acc[index]
        linear = self._lin[index]
        power = -self.learning_rate_power
        l2 = self.l2_regularization_strength + self.beta / (2.0 * lr)
        grad_to_use = k.add(gradient, tf.multiply(2 * self.l2_shrinkage_regularization_strength, variable.value()))
        old_accum = accum.value()
        new_accum = k.add(old_accum, k.square(gradient))
        linear.assign_add(tf.subtract(grad_to_use, tf.multiply(
            tf.divide(tf.subtract(tf.pow(new_accum, power), tf.pow(old_accum, power)), lr), variable.value())),
            read_value=False)
        quadratic = tf.add(tf.divide(tf.pow(new_accum, power), lr), 2 * l2)
        l1 = self.l1_regularization_strength
        clipped = tf.clip_by_value(linear.value(), -l1, l1)
        variable.assign(tf.divide(tf.subtract(clipped, linear.value()), quadratic), read_value=False)
        accum.assign(new_accum, read_value=False)

    def get_config(self) -> dict:
        config = super().get_config()
        config.update({"learning_rate_power": self.learning_rate_power,
                       "initial_accumulator_value": self.initial_accumulator_value,
                       "l1_regularization_strength": self.l1_regularization_strength,
                       "l2_regularization_strength": self.l2_regularization_strength,
                       "l2_shrinkage_regularization_strength": self.l2_shrinkage_regularization_strength,
                       "beta": self.beta})
        return config
