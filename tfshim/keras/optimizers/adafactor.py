"""`tf.keras.optimizers.Adafactor`."""

from __future__ import annotations

from typing import Any

import tfshim as tf
from tfshim.keras.optimizers.base_optimizer import Optimizer


def _mean(x: Any, axis: Any = None, keepdims: bool = False) -> Any:
    """`keras.ops.mean`: float16/bfloat16 are averaged in float32 and cast back."""
    if x.dtype in (tf.float16, tf.bfloat16):
        return tf.cast(tf.reduce_mean(tf.cast(x, tf.float32), axis=axis, keepdims=keepdims), x.dtype)
    return tf.reduce_mean(x, axis=axis, keepdims=keepdims)


def _rms(x: Any) -> Any:
    return tf.sqrt(_mean(tf.square(x)))


class Adafactor(Optimizer):
    """Keras's Adafactor: factored second moments `r` (rows) and `c` (columns) for rank >= 2 variables.

    As in Keras, a rank < 2 variable gets two unused int32 scalar variables named like the variable
    (`<name>/<variable name>`) in place of `r` and `c`, and a full `velocity`. With a float rate and
    `relative_step`, the rate is capped at `1/sqrt(t)`. An `IndexedSlices` gradient is densified.
    """

    def __init__(self, learning_rate: Any = 0.001, beta_2_decay: float = -0.8, epsilon_1: float = 1e-30,
                 epsilon_2: float = 1e-3, clip_threshold: float = 1.0, relative_step: bool = True,
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
        self.beta_2_decay = beta_2_decay
        self.epsilon_1 = epsilon_1
        self.epsilon_2 = epsilon_2
        self.clip_threshold = clip_threshold
        self.relative_step = relative_step

    def build(self, var_list: Any) -> None:
        if self.built:
            return
        super().build(var_list)
        self._r, self._c, self._v = [], [], []
        for var in var_list:
            shape = tuple(var.shape)
            name = str(var.name)
            if len(shape) < 2:
                self._r.append(self.add_variable(shape=(), dtype="int32", name=name))
                self._c.append(self.add_variable(shape=(), dtype="int32", name=name))
            elif getattr(var, "overwrite_with_gradient", False):
                self._r.append(None)
                self._c.append(None)
            else:
                self._r.append(self.add_variable(shape=shape[:-1], dtype=var.dtype, name=name))
                self._c.append(self.add_variable(shape=shape[:-2] + shape[-1:], dtype=var.dtype, name=name))
            if getattr(var, "overwrite_with_gradient", False):
                self._v.append(None)
            else:
                self._v.append(self.add_variable_from_reference(var, name="velocity"))

    def _constants(self, dtype: Any, learning_rate: Any) -> Any:
        lr = tf.cast(learning_rate, dtype)
        local_step = self._local_step(dtype)
        inverse_sqrt_step = tf.divide(tf.constant(1, dtype), tf.sqrt(local_step))
        if not callable(self._learning_rate) and self.relative_step:
            lr = tf.minimum(lr, inverse_sqrt_step)
        rho_t = tf.minimum(lr, inverse_sqrt_step)
        beta_2_t = tf.subtract(tf.constant(1, dtype), tf.pow(local_step, tf.cast(self.beta_2_decay, dtype)))
        return rho_t, beta_2_t

    def _update(self, index: int, gradient: Any, variable: Any, constants: Any) -> None:
        rho_t, beta_2_t = constants
        dtype = variable.dtype
        gradient = tf.convert_to_tensor(gradient)
        one = tf.constant(1, dtype)
        v = self._v[index].value
        alpha_t = tf.multiply(tf.maximum(tf.constant(self.epsilon_2, dtype), _rms(variable.value())), rho_t)
        regulated = tf.add(tf.square(gradient), tf.constant(self.epsilon_1, dtype))
        if len(variable.shape) >= 2:
            r = self._r[index].value
            c = self._c[index].value
            r.assign(tf.add(tf.multiply(beta_2_t, r.value()),
                            tf.multiply(tf.subtract(one, beta_2_t), _mean(regulated, axis=-1))),
                     read_value=False)
            c.assign(tf.add(tf.multiply(beta_2_t, c.value()),
                            tf.multiply(tf.subtract(one, beta_2_t), _mean(regulated, axis=-2))),
                     read_value=False)
            r_value = r.value()
            v.assign(tf.multiply(tf.expand_dims(tf.divide(r_value, _mean(r_value, axis=-1, keepdims=True)),
                                                axis=-1),
                                 tf.expand_dims(c.value(), -2)), read_value=False)
        else:
            v.assign(tf.add(tf.multiply(beta_2_t, v.value()), tf.multiply(tf.subtract(one, beta_2_t), regulated)),
                     read_value=False)
        u_t = tf.divide(gradient, tf.sqrt(v.value()))
        u_t_hat = tf.divide(u_t, tf.maximum(one, tf.divide(_rms(u_t), tf.constant(self.clip_threshold, dtype))))
        variable.assign_sub(tf.multiply(alpha_t, u_t_hat), read_value=False)

    def get_config(self) -> dict:
        config = super().get_config()
        config.update({"beta_2_decay": self.beta_2_decay, "epsilon_1": self.epsilon_1, "epsilon_2": self.epsilon_2,
                       "clip_threshold": self.clip_threshold, "relative_step": self.relative_step})
        return config
