"""`tf.keras.layers.Conv1D`: BaseConv with rank 1; `padding='causal'` left-pads by `(k-1)*d`."""

from __future__ import annotations

from typing import Any

import tfshim as tf
from tfshim.keras.layers.convolutional.base_conv import BaseConv


class Conv1D(BaseConv):
    def __init__(self, filters: int, kernel_size: Any, strides: Any = 1, padding: str = "valid",
                 data_format: Any = None, dilation_rate: Any = 1, groups: int = 1, activation: Any = None,
                 use_bias: bool = True, kernel_initializer: Any = "glorot_uniform", bias_initializer: Any = "zeros",
                 kernel_regularizer: Any = None, bias_regularizer: Any = None, activity_regularizer: Any = None,
                 kernel_constraint: Any = None, bias_constraint: Any = None, **kwargs: Any) -> None:
        super().__init__(rank=1, filters=filters, kernel_size=kernel_size, strides=strides, padding=padding,
                         data_format=data_format, dilation_rate=dilation_rate, groups=groups, activation=activation,
                         use_bias=use_bias, kernel_initializer=kernel_initializer, bias_initializer=bias_initializer,
                         kernel_regularizer=kernel_regularizer, bias_regularizer=bias_regularizer,
                         activity_regularizer=activity_regularizer, kernel_constraint=kernel_constraint,
                         bias_constraint=bias_constraint, **kwargs)

    def _compute_causal_padding(self) -> list:
        left = self.dilation_rate[0] * (self.kernel_size[0] - 1)
        if self.data_format == "channels_last":
            return [[0, 0], [left, 0], [0, 0]]
        return [[0, 0], [0, 0], [left, 0]]

    def call(self, inputs: Any) -> Any:
        if self.padding == "causal":
            padded = tf.pad(tf.convert_to_tensor(inputs), self._compute_causal_padding())
            return self._bias_and_activation(self.convolution_op(padded, self.kernel, padding="valid"))
        return super().call(inputs)
