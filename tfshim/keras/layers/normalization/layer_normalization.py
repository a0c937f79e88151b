"""`tf.keras.layers.LayerNormalization`: `(x - mean) * rsqrt(var + eps) * gamma + beta` over `axis`,
computed as Keras's `ops.layer_normalization` composes it."""

from __future__ import annotations

import warnings
from typing import Any

import tfshim as tf
from tfshim.keras import constraints, initializers, regularizers
from tfshim.keras.layers.layer import Layer
from tfshim.keras.layers.normalization._affine import affine_config, output_shape_checking_axes


class LayerNormalization(Layer):
    def __init__(self, axis: Any = -1, epsilon: float = 1e-3, center: bool = True, scale: bool = True,
                 beta_initializer: Any = "zeros", gamma_initializer: Any = "ones", beta_regularizer: Any = None,
                 gamma_regularizer: Any = None, beta_constraint: Any = None, gamma_constraint: Any = None,
                 **kwargs: Any) -> None:
        rms_scaling = kwargs.pop("rms_scaling", False)
        if rms_scaling:
            warnings.warn("You passed `rms_scaling=True`, which is deprecated. This argument incorrectly scales the "
                          "input by the variance, not the root mean square. To correctly use RMS Normalization, "
                          "please use `keras.layers.RMSNormalization` instead.", stacklevel=2)
        super().__init__(**kwargs)
        if isinstance(axis, (list, tuple)):
            self.axis = list(axis)
        elif isinstance(axis, int):
            self.axis = axis
        else:
            raise TypeError(f"Expected an int or a list/tuple of ints for the argument 'axis', but received: {axis!r}")
        self.epsilon = epsilon
        self.center = center
        self.scale = scale
        self.rms_scaling = rms_scaling
        self.beta_initializer = initializers.get(beta_initializer)
        self.gamma_initializer = initializers.get(gamma_initializer)
        self.beta_regularizer = regularizers.get(beta_regularizer)
        self.gamma_regularizer = regularizers.get(gamma_regularizer)
        self.beta_constraint = constraints.get(beta_constraint)
        self.gamma_constraint = constraints.get(gamma_constraint)

        self.autocast = False

    def build(self, input_shape: Any) -> None:
        if isinstance(self.axis, (list, tuple)):
            self.axis = sorted(self.axis)
            shape = tuple(input_shape[d] for d in self.axis)
        else:
            shape = (input_shape[self.axis],)
            self.axis = [self.axis]
        self.gamma = self.add_weight(name="gamma", shape=shape, initializer=self.gamma_initializer,
                                     regularizer=self.gamma_regularizer, constraint=self.gamma_constraint,
                                     trainable=True, autocast=False) if self.scale or self.rms_scaling else None
        self.beta = self.add_weight(name="beta", shape=shape, initializer=self.beta_initializer,
                                    regularizer=self.beta_regularizer, constraint=self.beta_constraint,
                                    trainable=True, autocast=False) if self.center and not self.rms_scaling else None

    def call(self, inputs: Any) -> Any:
        x = tf.convert_to_tensor(inputs)
        original = x.dtype
        compute = tf.float64 if original == tf.float64 else tf.float32
        x = tf.cast(x, compute)
        ndims = x.shape.rank
        # Keras sorts the axes as given: with a negative axis gamma/beta are always reshaped to the
        # input's broadcast shape (so a channel-count mismatch fails in that Reshape, as in Keras)
        axis = sorted(self.axis)
        shape = [1] * ndims
        for d in axis:
            shape[d] = x.shape[d]

        def broadcast(v: Any) -> Any:
            if v is None:
                return None
            v = tf.cast(tf.convert_to_tensor(v), compute)
            if v.shape.rank != ndims and axis != [ndims - 1]:
                return tf.reshape(v, shape)
            return v

        if self.rms_scaling:
            _, variance = tf.nn.moments(x, axis, keepdims=True)
            outputs = x * tf.math.rsqrt(variance + self.epsilon)
            if self.gamma is not None:
                outputs = outputs * broadcast(self.gamma)
        else:
            mean, variance = tf.nn.moments(x, axis, keepdims=True)
            gamma, beta = broadcast(self.gamma), broadcast(self.beta)
            inv = tf.math.rsqrt(variance + self.epsilon)
            if gamma is not None:
                inv = inv * gamma
            res = -mean * inv
            if beta is not None:
                res = res + beta
            outputs = x * inv + res
        return tf.cast(tf.cast(outputs, original), self.compute_dtype)

    def compute_output_shape(self, input_shape: Any) -> Any:
        return output_shape_checking_axes(self.axis, input_shape)

    def get_config(self) -> dict:
        config = {
            "axis": self.axis, "epsilon": self.epsilon, "center": self.center, "scale": self.scale,
            "rms_scaling": self.rms_scaling,
            **affine_config(self),
        }
        return {**super().get_config(), **config}
