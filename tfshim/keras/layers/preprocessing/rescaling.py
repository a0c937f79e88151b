"""`tf.keras.layers.Rescaling`: `inputs * scale + offset` in the layer's compute dtype. Its config
holds `scale`/`offset` as Keras's `serialize_keras_object` writes them (arrays and tensors as
`__numpy__`/`__tensor__` dicts, tuples kept) and `from_config` reads them back."""

from __future__ import annotations

from typing import Any

import numpy as np

import tfshim as tf
from tfshim.keras.initializers._helpers import deserialize_value, serialize_value
from tfshim.keras.layers.layer import Layer


def _serialize(value: Any) -> Any:
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, (list, tuple)):
        items = [_serialize(v) for v in value]
        return tuple(items) if isinstance(value, tuple) else items
    if isinstance(value, np.ndarray) and value.ndim == 0:
        return value.item()
    return serialize_value(value)


def _deserialize(value: Any) -> Any:
    """`deserialize_keras_object`: lists and tuples come back as lists."""
    if isinstance(value, (list, tuple)):
        return [_deserialize(v) for v in value]
    return deserialize_value(value)


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
        return {**super().get_config(), "scale": _serialize(self.scale), "offset": _serialize(self.offset)}

    @classmethod
    def from_config(cls, config: dict) -> Rescaling:
        config = dict(config)
        config["scale"] = _deserialize(config["scale"])
        config["offset"] = _deserialize(config["offset"])
        return super().from_config(config)
