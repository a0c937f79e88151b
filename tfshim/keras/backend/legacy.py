"""The legacy `tf.keras.backend.get_value` / `set_value` that TF 2.21's Keras still exports."""

from __future__ import annotations

from typing import Any

import numpy as np

import tfshim as tf


def get_value(x: Any) -> Any:
    """A tensor's or variable's value as NumPy; anything else is returned as it is."""
    if not tf.is_tensor(x):
        return x
    return x.numpy()


def set_value(x: Any, value: Any) -> None:
    """Assigns `value` (converted to `x`'s dtype) to the variable `x`. As in Keras 3.15 this reads
    `x.dtype.name`, so it works for a `tf.Variable` and raises AttributeError for a Keras variable,
    whose dtype is a string."""
    x.assign(np.asarray(value, dtype=x.dtype.name))
