"""`tf.keras.layers.ZeroPadding3D`: `tf.pad` of the three spatial axes."""

from __future__ import annotations

from typing import Any

import tfshim as tf
from tfshim.keras.backend.config import standardize_data_format
from tfshim.keras.layers.input_spec import InputSpec
from tfshim.keras.layers.layer import Layer
from tfshim.keras.layers.reshaping._triples import spatial_offset, triples


class _ZeroPadding(Layer):
    padding: tuple

    def compute_output_shape(self, input_shape: Any) -> tuple:
        out = list(input_shape)
        offset = spatial_offset(self.data_format)
        for i, (a, b) in enumerate(self.padding):
            if out[i + offset] is not None:
                out[i + offset] += a + b
        return tuple(out)

    def call(self, inputs: Any) -> Any:
        pads = [list(p) for p in self.padding]
        pads = [[0, 0], [0, 0], *pads] if self.data_format == "channels_first" else [[0, 0], *pads, [0, 0]]
        return tf.pad(tf.convert_to_tensor(inputs), pads)

    def get_config(self) -> dict:
        return {**super().get_config(), "padding": self.padding, "data_format": self.data_format}


class ZeroPadding3D(_ZeroPadding):
    def __init__(self, padding: Any = ((1, 1), (1, 1), (1, 1)), data_format: Any = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.data_format = standardize_data_format(data_format)
        self.padding = triples(padding, "padding")
        self.input_spec = InputSpec(ndim=5)
