"""`tf.keras.layers.Permute`: permutes the non-batch axes (`dims` counts from 1)."""

from __future__ import annotations

from typing import Any

import tfshim as tf
from tfshim.keras.layers.input_spec import InputSpec
from tfshim.keras.layers.layer import Layer


class Permute(Layer):
    """`Permute(dims)`, e.g. `(2, 1)` swaps the two non-batch axes."""

    def __init__(self, dims: Any, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.dims = tuple(dims)
        if sorted(dims) != list(range(1, len(dims) + 1)):
            raise ValueError("Invalid permutation argument `dims` for Permute Layer. The set of "
                             "indices in `dims` must be consecutive and start from 1. "
                             f"Received dims={dims}")
        self.input_spec = InputSpec(ndim=len(self.dims) + 1)

    def compute_output_shape(self, input_shape: Any) -> tuple:
        return (input_shape[0], *(input_shape[d] for d in self.dims))

    def call(self, inputs: Any) -> Any:
        return tf.transpose(inputs, perm=(0, *self.dims))

    def get_config(self) -> dict:
        return {**super().get_config(), "dims": self.dims}
