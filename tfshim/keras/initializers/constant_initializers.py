"""Zeros, Ones, Constant and Identity."""

from __future__ import annotations

from typing import Any

import tfshim as tf
from tfshim.keras.initializers._helpers import deserialize_value, serialize_value, standardize_dtype
from tfshim.keras.initializers.initializer import Initializer


class Constant(Initializer):
    """A scalar or full-shape array-like, converted then cast to the dtype (so a Python float goes
    through float32 first, as in Keras: `Constant(0.3)` in float64 is 0.30000001192092896)."""

    def __init__(self, value: Any = 0.0) -> None:
        self.value = value

    def __call__(self, shape: Any, dtype: Any = None) -> Any:
        dtype = standardize_dtype(dtype)
        return tf.cast(self.value, dtype) * tf.ones(shape, dtype=dtype)

    def get_config(self) -> dict:
        return {"value": serialize_value(self.value)}

    @classmethod
    def from_config(cls, config: dict) -> Constant:
        return cls(deserialize_value(config["value"]))


class Zeros(Initializer):
    """All zeros."""

    def __call__(self, shape: Any, dtype: Any = None) -> Any:
        return tf.zeros(shape, dtype=standardize_dtype(dtype))


class Ones(Initializer):
    """All ones."""

    def __call__(self, shape: Any, dtype: Any = None) -> Any:
        return tf.ones(shape, dtype=standardize_dtype(dtype))


class Identity(Initializer):
    """A (possibly non-square) eye times `gain`; 2-D shapes only."""

    def __init__(self, gain: float = 1.0) -> None:
        self.gain = gain

    def __call__(self, shape: Any, dtype: Any = None) -> Any:
        if len(shape) != 2:
            raise ValueError(
                "Identity matrix initializer can only be used for 2D matrices. "
                f"Received: shape={shape} of rank {len(shape)}.")
        dtype = standardize_dtype(dtype)
        return self.gain * tf.eye(shape[0], shape[1], dtype=dtype)
