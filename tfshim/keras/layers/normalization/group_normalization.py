"""`tf.keras.layers.GroupNormalization`: the channels split into `groups`, each normalized over its
channels and the non-batch axes with `tf.nn.moments` (biased variance), then `x * inv + (beta - mean
* inv)` with `inv = rsqrt(var + eps) * gamma`, as Keras composes it. `groups=-1` is instance
normalization. Differs from Keras: no masks."""

from __future__ import annotations

from typing import Any

import tfshim as tf
from tfshim.keras import constraints, initializers, regularizers
from tfshim.keras.layers.input_spec import InputSpec
from tfshim.keras.layers.layer import Layer
from tfshim.keras.layers.normalization._affine import affine_config, output_shape_checking_axes


class GroupNormalization(Layer):
    def __init__(self, groups: int = 32, axis: int = -1, epsilon: float = 1e-3, center: bool = True,
                 scale: bool = True, beta_initializer: Any = "zeros", gamma_initializer: Any = "ones",
                 beta_regularizer: Any = None, gamma_regularizer: Any = None, beta_constraint: Any = None,
                 gamma_constraint: Any = None, **kwargs: Any) -> None:
        if not isinstance(groups, int) or (groups <= 0 and groups != -1):
            raise ValueError("Received an invalid value for argument `groups`, expected a positive integer (or `-1` "
                             f"for instance normalization). Received: groups={groups}")
        super().__init__(**kwargs)
        self.autocast = False
        self.groups = groups
        self.axis = axis
        self.epsilon = epsilon
        self.center = center
        self.scale = scale
        self.beta_initializer = initializers.get(beta_initializer)
        self.gamma_initializer = initializers.get(gamma_initializer)
        self.beta_regularizer = regularizers.get(beta_regularizer)
        self.gamma_regularizer = regularizers.get(gamma_regularizer)
        self.beta_constraint = constraints.get(beta_constraint)
        self.gamma_constraint = constraints.get(gamma_constraint)

    def build(self, input_shape: Any) -> None:
        dim = input_shape[self.axis]
        if dim is None:
            raise ValueError(f"Axis {self.axis} of input tensor should have a defined dimension but the layer "
                             f"received an input with shape {input_shape}.")
        if self.groups == -1:
            self.groups = dim
        if dim < self.groups:
            raise ValueError(f"Number of groups ({self.groups}) cannot be more than the number of channels ({dim}).")
        if dim % self.groups != 0:
            raise ValueError(f"Number of groups ({self.groups}) must be a multiple of the number of channels ({dim}).")
        self.input_spec = InputSpec(ndim=len(input_shape), axes={self.axis: dim})
        self.gamma = self.add_weight(shape=(dim,), name="gamma", initializer=self.gamma_initializer,
                                     regularizer=self.gamma_regularizer, constraint=self.gamma_constraint,
                                     autocast=False) if self.scale else None
        self.beta = self.add_weight(shape=(dim,), name="beta", initializer=self.beta_initializer,
                                    regularizer=self.beta_regularizer, constraint=self.beta_constraint,
                                    autocast=False) if self.center else None

    def _group_shape(self, shape: list) -> list:
        """Keras's grouping: the channel axis becomes `channels // groups`, with `groups` inserted
        before it (`list.insert(axis, groups)`, negative axes included)."""
        out = list(shape)
        out[self.axis] = shape[self.axis] // self.groups
        out.insert(self.axis, self.groups)
        return out

    def call(self, inputs: Any) -> Any:
        x = tf.convert_to_tensor(inputs)
        shape = x.shape.as_list()
        group_shape = self._group_shape(shape)
        group_shape[0] = -1
        grouped = tf.reshape(x, group_shape)
        original = grouped.dtype
        compute = tf.float64 if original == tf.float64 else tf.float32
        grouped = tf.cast(grouped, compute)
        axes = list(range(1, len(group_shape)))
        axes.pop(-2 if self.axis == -1 else self.axis - 1)
        broadcast = [1] * len(shape)
        broadcast[self.axis] = shape[self.axis] // self.groups
        broadcast.insert(self.axis, self.groups)
        mean, variance = tf.nn.moments(grouped, axes, keepdims=True)
        inv = tf.math.rsqrt(variance + self.epsilon)
        if self.scale:
            inv = inv * tf.cast(tf.reshape(tf.convert_to_tensor(self.gamma), broadcast), compute)
        res = -mean * inv
        if self.center:
            res = res + tf.cast(tf.reshape(tf.convert_to_tensor(self.beta), broadcast), compute)
        outputs = tf.cast(grouped * inv + res, original)
        return tf.cast(tf.reshape(outputs, tf.shape(x)), self.compute_dtype)

    def compute_output_shape(self, input_shape: Any) -> Any:
        return output_shape_checking_axes(self.axis, input_shape)

    def get_config(self) -> dict:
        config = {
            "groups": self.groups, "axis": self.axis, "epsilon": self.epsilon, "center": self.center,
            "scale": self.scale,
            **affine_config(self),
        }
        return {**super().get_config(), **config}
