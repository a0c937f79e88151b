"""`tf.keras.optimizers.Adadelta`."""

from __future__ import annotations

from typing import Any

import tfshim as tf
from tfshim.keras.optimizers import _sparse as k
from tfshim.keras.optimizers.base_optimizer import Optimizer


class Adadelta(Optimizer):
    """`Eg = rhoEg + (1-rho)g²`; `Δ = -sqrt(Edx + ε)·g/sqrt(Eg + ε)`; `Edx = rhoEdx + (1-rho)Δ²`; `var += lr·Δ`.

    An `IndexedSlices` gradient follows Keras's sparse op rules (`_sparse`): only looked-up rows change.
    """

    def __init__(self, learning_rate: Any = 0.001, rho: float = 0.95, epsilon: float = 1e-7,
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
        self.epsilon = epsilon

    def build(self, var_list: Any) -> None:
        if self.built:
            return
        super().build(var_list)
        self._accumulated_grads, self._accumulated_delta_vars = self.add_optimizer_variables(
            var_list, ["accumulated_grad", "accumulated_delta_var"])
        self._eg = [None if s is None else s.value for s in self._accumulated_grads]
        self._edx = [None if s is None else s.value for s in self._accumulated_delta_vars]

    def _update(self, index: int, gradient: Any, variable: Any, lr: Any) -> None:
        rho = self.rho
        eg = self._eg[index]
        edx = self._edx[index]
        eg.assign(k.add(rho * eg.value(), k.multiply(1 - rho, k.square(gradient))), read_value=False)
        delta = k.negative(k.divide(k.multiply(tf.sqrt(tf.add(edx.value(), self.epsilon)), gradient),
                                    tf.sqrt(tf.add(eg.value(), self.epsilon))))
        edx.assign(k.add(tf.multiply(rho, edx.value()), k.multiply(1 - rho, k.square(delta))), read_value=False)
        k.assign_add(variable, k.multiply(lr, delta))

    def get_config(self) -> dict:
        config = super().get_config()
        config.update({"rho": self.rho, "epsilon": self.epsilon})
        return config
