"""Keras's dtype and shape rules, and its tensor conversion (keras.src.backend.common/tensorflow.core)."""

from __future__ import annotations

from typing import Any

import numpy as np

import tfshim as tf
from tfshim.keras.backend.config import floatx

FLOAT_TYPES = ("bfloat16", "float16", "float32", "float64")
INT_TYPES = ("uint8", "uint16", "uint32", "uint64", "int8", "int16", "int32", "int64")
ALLOWED_DTYPES = frozenset(("float16", "float32", "float64", "uint8", "uint16", "uint32", "uint64", "int8",
                            "int16", "int32", "int64", "bfloat16", "bool", "string", "float8_e4m3fn",
                            "float8_e5m2", "complex64", "complex128"))
_PYTHON_DTYPES = {bool: "bool", int: "int64", float: "float32", str: "string", "int": "int64",
                  complex: "complex128"}


def standardize_dtype(dtype: Any) -> str:
    """A dtype's Keras name (`'float32'`); None means floatx. ValueError for an unknown dtype."""
    if dtype is None:
        return floatx()
    if type(dtype) is str and dtype in ALLOWED_DTYPES:
        return dtype
    try:
        dtype = _PYTHON_DTYPES.get(dtype, dtype)
    except TypeError:  # an unhashable value
        pass
    if hasattr(dtype, "name"):
        dtype = dtype.name
    elif hasattr(dtype, "__name__"):
        dtype = dtype.__name__
    if dtype not in ALLOWED_DTYPES:
        raise ValueError(f"Invalid dtype: {dtype}")
    return dtype


def is_float_dtype(dtype: Any) -> bool:
    return standardize_dtype(dtype) in FLOAT_TYPES


def is_int_dtype(dtype: Any) -> bool:
    return standardize_dtype(dtype) in INT_TYPES


def standardize_shape(shape: Any) -> tuple:
    """A tuple of ints and Nones. ValueError for strings, floats, negatives or a non-iterable."""
    if not isinstance(shape, tuple):
        if shape is None:
            raise ValueError("Undefined shapes are not supported.")
        if not hasattr(shape, "__iter__"):
            raise ValueError(f"Cannot convert '{shape}' to a shape.")
        if isinstance(shape, tf.TensorShape):
            shape = shape.as_list()
    out = []
    for d in shape:
        if d is None:
            out.append(None)
            continue
        if isinstance(d, (str, float)):
            raise ValueError(f"Cannot convert '{shape}' to a shape. Found invalid dimension '{d}' of type "
                             f"'{type(d)}'. ")
        try:
            d = int(d)
        except Exception as e:
            raise ValueError(f"Cannot convert '{shape}' to a shape. Found invalid dimension '{d}' of type "
                             f"'{type(d)}'. ") from e
        if d < 0:
            raise ValueError(f"Cannot convert '{shape}' to a shape. Negative dimensions are not allowed.")
        out.append(d)
    return tuple(out)


def convert_to_tensor(x: Any, dtype: Any = None) -> Any:
    """Keras's TensorFlow-backend conversion: a tensor of another dtype is cast; a Python or NumPy
    value asked to be int or bool is converted first and then cast (TF alone would refuse)."""
    if dtype is not None:
        dtype = standardize_dtype(dtype)
    if not tf.is_tensor(x):
        if dtype == "bool" or dtype in INT_TYPES:
            return tf.cast(tf.convert_to_tensor(x), dtype)
        return tf.convert_to_tensor(x, dtype=dtype)
    if dtype is not None and standardize_dtype(x.dtype) != dtype:
        return tf.cast(x, dtype)
    return x


def convert_to_numpy(x: Any) -> np.ndarray:
    return np.array(x)


_autocast: list = [None]


def get_autocast_scope() -> AutocastScope | None:
    return _autocast[0]


class AutocastScope:
    """Inside it, float Keras variables are read in `dtype` (mixed precision)."""

    def __init__(self, dtype: Any) -> None:
        if dtype is not None:
            dtype = standardize_dtype(dtype)
            if dtype not in FLOAT_TYPES:
                raise ValueError("`AutocastScope` can only be used with a floating-point target dtype, such as "
                                 f"'float16'. Received: dtype={dtype}")
        self.dtype = dtype
        self.original_scope: AutocastScope | None = None

    def maybe_cast(self, value: Any) -> Any:
        if self.dtype is not None and standardize_dtype(value.dtype) in FLOAT_TYPES:
            return tf.cast(value, self.dtype)
        return value

    def __enter__(self) -> None:
        self.original_scope = _autocast[0]
        _autocast[0] = self

    def __exit__(self, *exc: Any) -> None:
        _autocast[0] = self.original_scope
