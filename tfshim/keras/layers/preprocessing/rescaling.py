"""`tf.keras.layers.Rescaling`: `inputs * scale + offset` in the layer's compute dtype."""

from __future__ import annotations

from typing import Any

import tfshim as tf
from tfshim.keras.layers.layer import Layer


class Rescaling(Layer):
    def __init__(self, scale: Any, offset: Any = 0.0, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.scale = scale
        self.offset = offset


    def call(self, inputs: Any) -> Any:
        dtype = self.compute_dtype
        x = tf.cast(tf.convert_to_tensor(inputs), dtype)
        return x * tf.cast(self.scale, dtype) + tf.cast(self.offset, dtype)

    def compute_output_shape(self, input_shape: Any) -> Any:
        return input_shape

    def get_config(self) -> dict:
        return {**super().get_config(), "scale": self.scale, "offset": self.offset}
