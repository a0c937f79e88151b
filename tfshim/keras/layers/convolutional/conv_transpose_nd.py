"""`tf.keras.layers.Conv1DTranspose` and `Conv3DTranspose`: Keras's `BaseConvTranspose` at rank 1 and
3; the op is `tf.nn.conv_transpose` in NWC/NDHWC (or channels-first), as Keras's TensorFlow backend
calls it."""

from __future__ import annotations

from typing import Any

from tfshim.keras.layers.convolutional.conv2d_transpose import BaseConvTranspose


class Conv1DTranspose(BaseConvTranspose):
    rank = 1

    def __init__(self, filters: int, kernel_size: Any, strides: Any = 1, padding: str = "valid",
                 output_padding: Any = None, data_format: Any = None, dilation_rate: Any = 1,
                 **kwargs: Any) -> None:
        super().__init__(filters, kernel_size, strides=strides, padding=padding, output_padding=output_padding,
                         data_format=data_format, dilation_rate=dilation_rate, **kwargs)


class Conv3DTranspose(BaseConvTranspose):
    rank = 3

    def __init__(self, filters: int, kernel_size: Any, strides: Any = (1, 1, 1), padding: str = "valid",
                 output_padding: Any = None, data_format: Any = None, dilation_rate: Any = (1, 1, 1),
                 **kwargs: Any) -> None:
        super().__init__(filters, kernel_size, strides=strides, padding=padding, output_padding=output_padding,
                         data_format=data_format, dilation_rate=dilation_rate, **kwargs)
