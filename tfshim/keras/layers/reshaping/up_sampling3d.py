"""`tf.keras.layers.UpSampling3D`: nearest-neighbour repeats of the three spatial axes
(`tf.repeat`, as Keras's `ops.repeat` on the TensorFlow backend)."""

from __future__ import annotations

from typing import Any

from tfshim.keras.backend.config import standardize_data_format
from tfshim.keras.layers.convolutional._args import standardize_tuple
from tfshim.keras.layers.input_spec import InputSpec
from tfshim.keras.layers.layer import Layer
from tfshim.keras.layers.reshaping._triples import spatial_offset
from tfshim.keras.layers.reshaping.up_sampling2d import _repeat


class UpSampling3D(Layer):
    def __init__(self, size: Any = (2, 2, 2), data_format: Any = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.data_format = standardize_data_format(data_format)
        self.size = standardize_tuple(size, 3, "size")
        self.input_spec = InputSpec(ndim=5)

    def compute_output_shape(self, input_shape: Any) -> tuple:
        """Keras's: indexes a 5-D shape (IndexError for a shorter one)."""
        s = tuple(input_shape)
        offset = spatial_offset(self.data_format)
        dims = tuple(None if s[i + offset] is None else factor * s[i + offset] for i, factor in enumerate(self.size))
        if self.data_format == "channels_first":
            return (s[0], s[1], *dims)
        return (s[0], *dims, s[4])

    def call(self, inputs: Any) -> Any:
        offset = spatial_offset(self.data_format)
        x = inputs
        for i, factor in enumerate(self.size):
            x = _repeat(x, factor, i + offset)
        return x

    def get_config(self) -> dict:
        return {**super().get_config(), "size": self.size, "data_format": self.data_format}
