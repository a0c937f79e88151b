"""`tf.keras.dtype_policies`: DTypePolicy, get, serialize, deserialize."""

from typing import Any

from tfshim.keras.backend.dtype_policy import DTypePolicy, FloatDTypePolicy, get, serialize


def deserialize(config: Any, custom_objects: Any = None) -> DTypePolicy:
    return get(config)


__all__ = ["DTypePolicy", "FloatDTypePolicy", "deserialize", "get", "serialize"]
