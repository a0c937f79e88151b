"""`tf.keras.layers.Conv3D`: BaseConv with rank 3."""

from __future__ import annotations

from typing import Any

import tfshim as tf
from tfshim.keras.layers.convolutional.base_conv import BaseConv


class Conv3D(BaseConv):
    def __init__(self, filters: int, kernel_size: Any, strides: Any = (1, 1, 1), padding: str = "valid",
                 data_format: Any = None, dilation_rate: Any = (1, 1, 1), groups: int = 1, activation: Any = None,
                 use_bias: bool = True, kernel_initializer: Any = "glorot_uniform", bias_initializer: Any = "zeros",
                 kernel_regularizer: Any = None, bias_regularizer: Any = None, activity_regularizer: Any = None,
                 kernel_constraint: Any = None, bias_constraint: Any = None, **kwargs: Any) -> None:
        super().__init__(rank=3, filters=filters, kernel_size=kernel_size, strides=strides, padding=padding,
                         data_format=data_format, dilation_rate=dilation_rate, groups=groups, activation=activation,
                         use_bias=use_bias, kernel_initializer=kernel_initializer, bias_initializer=bias_initializer,
                         kernel_regularizer=kernel_regularizer, bias_regularizer=bias_regularizer,
                         activity_regularizer=activity_regularizer, kernel_constraint=kernel_constraint,
                         bias_constraint=bias_constraint, **kwargs)

    def convolution_op(self, inputs: Any, kernel: Any, padding: str | None = None) -> Any:
        """`groups > 1`: one convolution per group of channels, concatenated (TF's CPU Conv3D kernel
        has no grouped form; Keras runs an XLA-compiled convolution, whose values this reproduces up
        to float rounding)."""
        if self.groups == 1:
            return super().convolution_op(inputs, kernel, padding)
        axis = -1 if self.data_format == "channels_last" else 1
        xs = tf.split(tf.convert_to_tensor(inputs), self.groups, axis=axis)
        ks = tf.split(tf.convert_to_tensor(kernel), self.groups, axis=-1)
        return tf.concat([super(Conv3D, self).convolution_op(x, k, padding) for x, k in zip(xs, ks)], axis=axis)
