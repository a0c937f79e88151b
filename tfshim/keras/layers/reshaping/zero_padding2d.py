"""`tf.keras.layers.ZeroPadding2D`: `tf.pad` of the two spatial axes."""

from __future__ import annotations

from typing import Any

import tfshim as tf
from tfshim.keras.backend.config import standardize_data_format
from tfshim.keras.layers.convolutional._args import standardize_tuple
from tfshim.keras.layers.input_spec import InputSpec
from tfshim.keras.layers.layer import Layer


def _pairs(value: Any, what: str) -> tuple:
    if isinstance(value, int):
        return (value, value), (value, value)
    if hasattr(value, "__len__"):
        if len(value) != 2:
            raise ValueError(f"`{what}` should have two elements. Received: {what}={value}.")
        return (standardize_tuple(value[0], 2, f"1st entry of {what}", allow_zero=True),
                standardize_tuple(value[1], 2, f"2nd entry of {what}", allow_zero=True))
    raise ValueError(f"`{what}` should be either an int, a tuple of 2 ints (symmetric_height_crop, "
                     "symmetric_width_crop), or a tuple of 2 tuples of 2 ints ((top_crop, bottom_crop), (left_crop, "
                     f"right_crop)). Received: {what}={value}.")


class ZeroPadding2D(Layer):
    def __init__(self, padding: Any = (1, 1), data_format: Any = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.data_format = standardize_data_format(data_format)
        self.padding = _pairs(padding, "padding")
        self.input_spec = InputSpec(ndim=4)

    def compute_output_shape(self, input_shape: Any) -> tuple:
        out = list(input_shape)
        offset = 2 if self.data_format == "channels_first" else 1
        for i in range(2):
            if out[i + offset] is not None:
                out[i + offset] += self.padding[i][0] + self.padding[i][1]
        return tuple(out)

    def call(self, inputs: Any) -> Any:
        if self.data_format == "channels_first":
            pads = [[0, 0], [0, 0], list(self.padding[0]), list(self.padding[1])]
        else:
            pads = [[0, 0], list(self.padding[0]), list(self.padding[1]), [0, 0]]
        return tf.pad(tf.convert_to_tensor(inputs), pads)

    def get_config(self) -> dict:
        return {**super().get_config(), "padding": self.padding, "data_format": self.data_format}
