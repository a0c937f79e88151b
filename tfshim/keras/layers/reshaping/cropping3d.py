"""`tf.keras.layers.Cropping3D`: slicing of the three spatial axes."""

from __future__ import annotations

from typing import Any

import tfshim as tf
from tfshim.keras.backend.config import standardize_data_format
from tfshim.keras.layers.input_spec import InputSpec
from tfshim.keras.layers.layer import Layer
from tfshim.keras.layers.reshaping._triples import spatial_offset, triples


class Cropping3D(Layer):
    def __init__(self, cropping: Any = ((1, 1), (1, 1), (1, 1)), data_format: Any = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.data_format = standardize_data_format(data_format)
        self.cropping = triples(cropping, "cropping")
        self.input_spec = InputSpec(ndim=5)

    def _out(self, shape: tuple, what: str) -> list:
        out = list(shape)
        offset = spatial_offset(self.data_format)
        for i, (a, b) in enumerate(self.cropping):
            if out[i + offset] is None:
                continue
            out[i + offset] -= a + b
            if out[i + offset] <= 0:
                raise ValueError("Values in `cropping` argument should be smaller than the corresponding spatial "
                                 f"dimension of the input. Received: {what}={shape}, cropping={self.cropping}")
        return out

    def compute_output_shape(self, input_shape: Any) -> tuple:
        """Keras's: the three spatial sizes, then the shape's 5-D layout (IndexError for a shorter one)."""
        s = tuple(input_shape)
        offset = spatial_offset(self.data_format)
        dims = self._out(s, "input_shape")[offset:offset + 3]
        if self.data_format == "channels_first":
            return (s[0], s[1], *dims)
        return (s[0], *dims, s[4])

    def call(self, inputs: Any) -> Any:
        x = tf.convert_to_tensor(inputs)
        self._out(tuple(x.shape), "inputs.shape")
        index = [slice(None)] * 5
        offset = spatial_offset(self.data_format)
        for i, (a, b) in enumerate(self.cropping):
            index[i + offset] = slice(a, x.shape[i + offset] - b)
        return x[tuple(index)]

    def get_config(self) -> dict:
        return {**super().get_config(), "cropping": self.cropping, "data_format": self.data_format}
