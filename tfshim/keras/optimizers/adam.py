"""`tf.keras.optimizers.Adam` (and AMSGrad)."""

from __future__ import annotations

from typing import Any

import tfshim as tf
from tfshim.keras.optimizers.base_optimizer import Optimizer


class Adam(Optimizer):
    """`m += (g-m)(1-β1)`, `v += (g²-v)(1-β2)`, `var -= alpha·m/(sqrt(v)+ε)` with
    `alpha = lr·sqrt(1-β2^t)/(1-β1^t)` (the "epsilon hat" form); AMSGrad uses `v̂ = max(v̂, v)`.

    An `IndexedSlices` gradient updates densely, its second moment adding each occurrence's square
    (`Σ g_i²` for an id repeated in the batch), as Keras's sparse ops give.
    """

    def __init__(self, learning_rate: Any = 0.001, beta_1: float = 0.9, beta_2: float = 0.999,
                 epsilon: float = 1e-7, amsgrad: bool = False, weight_decay: float | None = None,
                 clipnorm: float | None = None, clipvalue: float | None = None, global_clipnorm: float | None = None,
                 use_ema: bool = False, ema_momentum: float = 0.99, ema_overwrite_frequency: int | None = None,
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
        self.amsgrad = amsgrad

    def build(self, var_list: Any) -> None:
        if self.built:
            return
        super().build(var_list)
        self._momentums, self._velocities = self.add_optimizer_variables(var_list, ["momentum", "velocity"])
        self._m = [None if s is None else s.value for s in self._momentums]
        self._v = [None if s is None else s.value for s in self._velocities]
        if self.amsgrad:
            self._velocity_hats = self.add_optimizer_variables(var_list, "velocity_hat")
            self._v_hat = [None if s is None else s.value for s in self._velocity_hats]

    def _constants(self, dtype: Any, learning_rate: Any) -> Any:
        # The hyperparameters as tensors of `dtype` (Keras converts the same Python floats on every
        # use); cached per dtype and value, the step-dependent part computed every step.
        key = (dtype, self.beta_1, self.beta_2, self.epsilon)
        fixed = self._fixed.get(key) if "_fixed" in self.__dict__ else None
        if fixed is None:
            fixed = (tf.cast(self.beta_1, dtype), tf.cast(self.beta_2, dtype), tf.cast(1 - self.beta_1, dtype),
                     tf.cast(1 - self.beta_2, dtype), tf.cast(self.epsilon, dtype))
            self.__dict__.setdefault("_fixed", {})[key] = fixed
        beta_1, beta_2, one_minus_beta_1, one_minus_beta_2, epsilon = fixed
        lr = tf.cast(learning_rate, dtype)
        local_step = self._local_step(dtype)
        alpha = lr * tf.sqrt(1 - tf.pow(beta_2, local_step)) / (1 - tf.pow(beta_1, local_step))
        return alpha, one_minus_beta_1, one_minus_beta_2, epsilon

    def _update(self, index: int, gradient: Any, variable: Any, constants: Any) -> None:
        alpha, one_minus_beta_1, one_minus_beta_2, epsilon = constants
        m = self._m[index]
        v = self._v[index]
        if isinstance(gradient, tf.IndexedSlices):
            square = tf.convert_to_tensor(tf.IndexedSlices(tf.square(gradient.values), gradient.indices,
                                                           gradient.dense_shape))
            gradient = tf.convert_to_tensor(gradient)
        else:
            square = tf.square(gradient)
        m.assign_add(tf.multiply(tf.subtract(gradient, m.value()), one_minus_beta_1), read_value=False)
        v.assign_add(tf.multiply(tf.subtract(square, v.value()), one_minus_beta_2), read_value=False)
        if self.amsgrad:
            v_hat = self._v_hat[index]
            v_hat.assign(tf.maximum(v_hat.value(), v.value()), read_value=False)
            v = v_hat
        variable.assign_sub(tf.divide(tf.multiply(m.value(), alpha), tf.add(tf.sqrt(v.value()), epsilon)),
                            read_value=False)

    def get_config(self) -> dict:
        config = super().get_config()
        config.update({"beta_1": self.beta_1, "beta_2": self.beta_2, "epsilon": self.epsilon,
                       "amsgrad": self.amsgrad})
        return config
