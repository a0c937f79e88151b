"""`tf.keras.optimizers.RMSprop` (with momentum, centered)."""

from __future__ import annotations

from typing import Any

import tfshim as tf
from tfshim.keras.optimizers import _sparse as k
from tfshim.keras.optimizers.base_optimizer import Optimizer


class RMSprop(Optimizer):
    """`v = rhov + (1-rho)g²`; centered: `a = rhoa + (1-rho)g`, `den = v - a² + ε`, else `den = v + ε`;
    `inc = lr*g/sqrt(den)`; with momentum `mom = momentum*mom + inc`, `var -= mom`, else `var -= inc`.

    An `IndexedSlices` gradient follows Keras's sparse op rules (`_sparse`): the squares are per
    occurrence, and without momentum only the looked-up rows change.
    """

    def __init__(self, learning_rate: Any = 0.001, rho: float = 0.9, momentum: float = 0.0, epsilon: float = 1e-7,
                 centered: bool = False,
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
        self.rho = rho
        self.momentum = momentum
        self.epsilon = epsilon
        self.centered = centered

    def build(self, var_list: Any) -> None:
        if self.built:
            return
        super().build(var_list)
        self._velocities = self.add_optimizer_variables(var_list, "velocity")
        self._momentums = []
        if self.momentum > 0:
            self._momentums = self.add_optimizer_variables(var_list, "momentum")
        self._average_gradients = []
        if self.centered:
            self._average_gradients = self.add_optimizer_variables(var_list, "average_gradient")
        self._vel = [None if s is None else s.value for s in self._velocities]
        self._mom = [None if s is None else s.value for s in self._momentums]
        self._avg = [None if s is None else s.value for s in self._average_gradients]

    def _update(self, index: int, gradient: Any, variable: Any, lr: Any) -> None:
        velocity = self._vel[index]
        rho = self.rho
        velocity.assign(k.add(k.multiply(rho, velocity.value()), k.multiply(1 - rho, k.square(gradient))),
                        read_value=False)
        if self.centered:
            average = self._avg[index]
            average.assign(k.add(k.multiply(rho, average.value()), k.multiply(1 - rho, gradient)),
                           read_value=False)
            denominator = velocity.value() - tf.square(average.value()) + self.epsilon
        else:
            denominator = tf.add(velocity.value(), self.epsilon)
        increment = k.divide(k.multiply(lr, gradient), tf.sqrt(denominator))
        if self.momentum > 0:
            momentum = self._mom[index]
            momentum.assign(k.add(tf.multiply(self.momentum, momentum.value()), increment), read_value=False)
            variable.assign_sub(momentum.value(), read_value=False)
        else:
            k.assign_sub(variable, increment)

    def get_config(self) -> dict:
        config = super().get_config()
        config.update({"rho": self.rho, "momentum": self.momentum, "epsilon": self.epsilon,
                       "centered": self.centered})
        return config
