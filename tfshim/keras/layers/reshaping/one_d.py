"""`tf.keras.layers.ZeroPadding1D`, `Cropping1D` and `UpSampling1D`: padding, slicing and
repeating along the single spatial axis."""

from __future__ import annotations

from typing import Any

import tfshim as tf
from tfshim.keras.backend.config import standardize_data_format
from tfshim.keras.layers.convolutional._args import standardize_tuple
from tfshim.keras.layers.input_spec import InputSpec
from tfshim.keras.layers.layer import Layer
from tfshim.keras.layers.reshaping.up_sampling2d import _repeat


class ZeroPadding1D(Layer):
    def __init__(self, padding: Any = 1, data_format: Any = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.data_format = standardize_data_format(data_format)
        self.padding = standardize_tuple(padding, 2, "padding", allow_zero=True)
        self.input_spec = InputSpec(ndim=3)

    def compute_output_shape(self, input_shape: Any) -> tuple:
        out = list(input_shape)
        dim = 2 if self.data_format == "channels_first" else 1
        if out[dim] is not None:
            out[dim] += self.padding[0] + self.padding[1]
        return tuple(out)

    def call(self, inputs: Any) -> Any:
        pads = [[0, 0], [0, 0], list(self.padding)] if self.data_format == "channels_first" else \
            [[0, 0], list(self.padding), [0, 0]]
        return tf.pad(tf.convert_to_tensor(inputs), pads)

    def get_config(self) -> dict:
        return {**super().get_config(), "padding": self.padding, "data_format": self.data_format}


class Cropping1D(Layer):
    def __init__(self, cropping: Any = (1, 1), **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.cropping = standardize_tuple(cropping, 2, "cropping", allow_zero=True)
        self.input_spec = InputSpec(ndim=3)

    def compute_output_shape(self, input_shape: Any) -> tuple:
        length = None
        if input_shape[1] is not None:
            length = input_shape[1] - self.cropping[0] - self.cropping[1]
            if length <= 0:
                raise ValueError("`cropping` parameter of `Cropping1D` layer must be smaller than the input length. "
                                 f"Received: input_shape={input_shape}, cropping={self.cropping}")
        return (input_shape[0], length, input_shape[2])

    def call(self, inputs: Any) -> Any:
        x = tf.convert_to_tensor(inputs)
        if sum(self.cropping) >= x.shape[1]:
            raise ValueError("`cropping` parameter of `Cropping1D` layer must be smaller than the input length. "
                             f"Received: inputs.shape={x.shape}, cropping={self.cropping}")
        return x[:, self.cropping[0]:x.shape[1] - self.cropping[1], :]

    def get_config(self) -> dict:
        return {**super().get_config(), "cropping": self.cropping}


class UpSampling1D(Layer):
    def __init__(self, size: int = 2, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        if not isinstance(size, int) or isinstance(size, bool):
            raise TypeError(f"Expected an integer value for `size`, got {type(size)}.")
        if size <= 0:
            raise ValueError(f"Argument `size` should be a positive integer. Received: size={size}")
        self.size = size
        self.input_spec = InputSpec(ndim=3)

    def compute_output_shape(self, input_shape: Any) -> tuple:
        # Keras returns a list; a tuple, so that the Layer reads it as one shape, not a structure of shapes
        return (input_shape[0], self.size * input_shape[1] if input_shape[1] is not None else None, input_shape[2])

    def call(self, inputs: Any) -> Any:
        return _repeat(tf.convert_to_tensor(inputs), self.size, 1)

    def get_config(self) -> dict:
        return {**super().get_config(), "size": self.size}
