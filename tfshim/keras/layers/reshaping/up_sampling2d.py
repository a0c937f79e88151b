"""`tf.keras.layers.UpSampling2D`: nearest repeats rows and columns (`tf.repeat`); other
interpolations are `tf.image.resize`, cast back to the input's dtype as `keras.ops.image.resize` does."""

from __future__ import annotations

from typing import Any

import tfshim as tf
from tfshim.keras.backend.config import standardize_data_format
from tfshim.keras.layers.convolutional._args import standardize_tuple
from tfshim.keras.layers.input_spec import InputSpec
from tfshim.keras.layers.layer import Layer
from tfshim.keras.layers.preprocessing._image import cast_back

_INTERPOLATIONS = ("bilinear", "nearest", "lanczos3", "lanczos5", "bicubic", "area")


def _repeat(x: Any, times: int, axis: int) -> Any:
    """`tf.repeat` with a scalar count, as TF builds it: expand, tile, reshape."""
    shape = x.shape.as_list()
    multiples = [1] * (len(shape) + 1)
    multiples[axis + 1] = times
    tiled = tf.tile(tf.expand_dims(x, axis + 1), multiples)
    shape[axis] *= times
    return tf.reshape(tiled, shape)


class UpSampling2D(Layer):
    def __init__(self, size: Any = (2, 2), data_format: Any = None, interpolation: str = "nearest",
                 **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.data_format = standardize_data_format(data_format)
        self.size = standardize_tuple(size, 2, "size")
        self.interpolation = interpolation.lower()
        self.input_spec = InputSpec(ndim=4)

    def compute_output_shape(self, input_shape: Any) -> tuple:
        """Keras's: indexes a 4-D shape (IndexError for a shorter one)."""
        s = tuple(input_shape)

        def scaled(i: int, n: Any) -> Any:
            return None if n is None else self.size[i] * n

        if self.data_format == "channels_first":
            return (s[0], s[1], scaled(0, s[2]), scaled(1, s[3]))
        return (s[0], scaled(0, s[1]), scaled(1, s[2]), s[3])

    def call(self, inputs: Any) -> Any:
        x = tf.convert_to_tensor(inputs)
        if self.data_format == "channels_first":
            x = tf.transpose(x, [0, 2, 3, 1])
        if self.interpolation == "nearest":
            x = _repeat(x, self.size[0], 1)
            x = _repeat(x, self.size[1], 2)
        else:
            if self.interpolation not in _INTERPOLATIONS:
                raise ValueError(f"Invalid value for argument `interpolation`. Expected of one {_INTERPOLATIONS}. "
                                 f"Received: interpolation={self.interpolation}")
            resized = tf.image.resize(x, (x.shape[1] * self.size[0], x.shape[2] * self.size[1]), self.interpolation)
            x = cast_back(resized, x.dtype)
        if self.data_format == "channels_first":
            x = tf.transpose(x, [0, 3, 1, 2])
        return x

    def get_config(self) -> dict:
        return {**super().get_config(), "size": self.size, "data_format": self.data_format,
                "interpolation": self.interpolation}
