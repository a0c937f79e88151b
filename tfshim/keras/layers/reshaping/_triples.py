"""Keras's reading of the 3-D padding/cropping argument: an int, three ints, or three pairs."""

from __future__ import annotations

from typing import Any

from tfshim.keras.layers.convolutional._args import standardize_tuple


def triples(value: Any, what: str) -> tuple:
    if isinstance(value, int):
        if what == "cropping" and value < 0:
            raise ValueError(f"`cropping` cannot be negative. Received: cropping={value}.")
        return ((value, value),) * 3
    if hasattr(value, "__len__"):
        if len(value) != 3:
            raise ValueError(f"`{what}` should have 3 elements. Received: {value}.")
        return tuple(standardize_tuple(v, 2, f"{n} entry of {what}", allow_zero=True)
                     for v, n in zip(value, ("1st", "2nd", "3rd")))
    symmetric = "pad" if what == "padding" else "crop"
    received = f"padding={value}" if what == "padding" else f"{value}"
    raise ValueError(f"`{what}` should be either an int, a tuple of 3 ints (symmetric_dim1_{symmetric}, "
                     f"symmetric_dim2_{symmetric}, symmetric_dim3_{symmetric}), or a tuple of 3 tuples of 2 ints "
                     f"((left_dim1_{symmetric}, right_dim1_{symmetric}), (left_dim2_{symmetric}, "
                     f"right_dim2_{symmetric}), (left_dim3_{symmetric}, right_dim2_{symmetric})). "
                     f"Received: {received}.")


def spatial_offset(data_format: str) -> int:
    return 2 if data_format == "channels_first" else 1
