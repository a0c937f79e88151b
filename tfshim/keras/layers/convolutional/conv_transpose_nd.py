"""`tf.keras.layers.Conv1DTranspose` and `Conv3DTranspose`: Conv2DTranspose's weights, output sizes
and config at rank 1 and 3; the op is `tf.nn.conv_transpose` in NWC/NDHWC (or channels-first), as
Keras's TensorFlow backend calls it."""

from __future__ import annotations

from typing import Any

import tfshim as tf
from tfshim.keras.layers.convolutional import _args
from tfshim.keras.layers.convolutional.base_conv import BaseConv
from tfshim.keras.layers.convolutional.conv2d_transpose import Conv2DTranspose


class _ConvTransposeND(Conv2DTranspose):
    _rank = 2

    def __init__(self, filters: int, kernel_size: Any, strides: Any = 1, padding: str = "valid",
                 output_padding: Any = None, data_format: Any = None, dilation_rate: Any = 1,
                 activation: Any = None, use_bias: bool = True, kernel_initializer: Any = "glorot_uniform",
                 bias_initializer: Any = "zeros", kernel_regularizer: Any = None, bias_regularizer: Any = None,
                 activity_regularizer: Any = None, kernel_constraint: Any = None, bias_constraint: Any = None,
                 **kwargs: Any) -> None:
        BaseConv.__init__(self, rank=self._rank, filters=filters, kernel_size=kernel_size, strides=strides,
                          padding=padding, data_format=data_format, dilation_rate=dilation_rate,
                          activation=activation, use_bias=use_bias, kernel_initializer=kernel_initializer,
                          bias_initializer=bias_initializer, kernel_regularizer=kernel_regularizer,
                          bias_regularizer=bias_regularizer, activity_regularizer=activity_regularizer,
                          kernel_constraint=kernel_constraint, bias_constraint=bias_constraint, **kwargs)
        self.output_padding = None if output_padding is None else \
            _args.standardize_tuple(output_padding, self._rank, "output_padding", allow_zero=True)
        if self.output_padding is not None:
            for i, (op, s) in enumerate(zip(self.output_padding, self.strides)):
                if op >= s:
                    raise ValueError("`output_padding` must be strictly less than `strides` for all dimensions. "
                                     f"At dimension {i}, `output_padding` is {op} but `strides` is {s}. "
                                     f"Received: output_padding={self.output_padding}, strides={self.strides}")

    def call(self, inputs: Any) -> Any:
        x = tf.convert_to_tensor(inputs)
        out_shape = list(self.compute_output_shape(tuple(x.shape.as_list())))
        y = tf.nn.conv_transpose(x, tf.convert_to_tensor(self.kernel), out_shape, list(self.strides),
                                 padding=self.padding.upper(),
                                 data_format=_args.tf_format(self.data_format, self._rank + 2),
                                 dilations=list(self.dilation_rate))
        return self._bias_and_activation(y)


class Conv1DTranspose(_ConvTransposeND):
    _rank = 1


class Conv3DTranspose(_ConvTransposeND):
    _rank = 3

    def __init__(self, filters: int, kernel_size: Any, strides: Any = (1, 1, 1), padding: str = "valid",
                 output_padding: Any = None, data_format: Any = None, dilation_rate: Any = (1, 1, 1),
                 **kwargs: Any) -> None:
        super().__init__(filters, kernel_size, strides=strides, padding=padding, output_padding=output_padding,
                         data_format=data_format, dilation_rate=dilation_rate, **kwargs)
