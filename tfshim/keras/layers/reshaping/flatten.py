"""`tf.keras.layers.Flatten`: keeps the batch axis and flattens the rest (`(5,)` becomes `(5, 1)`)."""

from __future__ import annotations

import math
from typing import Any

import tfshim as tf
from tfshim.keras.backend.config import standardize_data_format
from tfshim.keras.layers.input_spec import InputSpec
from tfshim.keras.layers.layer import Layer


class Flatten(Layer):
    """`Flatten(data_format=None)`; `channels_first` moves the channel axis last first."""

    def __init__(self, data_format: str | None = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.data_format = standardize_data_format(data_format)
        self.input_spec = InputSpec(min_ndim=1)
        self._channels_first = self.data_format == "channels_first"

    def call(self, inputs: Any) -> Any:
        shape = tuple(inputs.shape)
        rank = len(shape)
        if self._channels_first and rank > 1:
            inputs = tf.transpose(inputs, perm=(0, *range(2, rank), 1))
        non_batch = shape[1:]
        flat = 1 if not non_batch else math.prod(non_batch)
        return tf.reshape(inputs, (shape[0], flat))

    def compute_output_shape(self, input_shape: Any) -> tuple:
        non_batch = tuple(input_shape[1:])
        if not non_batch:
            flat: Any = 1
        elif any(d is None for d in non_batch):
            flat = None
        else:
            flat = math.prod(non_batch)
        return (input_shape[0], flat)

    def get_config(self) -> dict:
        return {**super().get_config(), "data_format": self.data_format}
