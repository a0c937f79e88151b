"""The few Keras `ops` the built-in layers need, written with tfshim ops as Keras's TensorFlow backend
writes them (dtype promotion of mixed int/float operands, `matmul` over the last axis of rank > 2)."""

from __future__ import annotations

from typing import Any

import tfshim as tf
from tfshim.keras.backend.variables import Variable

_FLOAT_RANK = {"float16": 1, "bfloat16": 1, "float32": 2, "float64": 3}


def tensor(x: Any) -> Any:
    """A tfshim tensor for `x` (Keras variables, NumPy arrays and lists included)."""
    # a Keras Variable reports its dtype as a string: read it as a tensor
    return x if tf.is_tensor(x) and not isinstance(x, Variable) else tf.convert_to_tensor(x)


def result_dtype(a: Any, b: Any) -> Any:
    """Keras's promotion for two tensor dtypes, for the cases the layers meet: an int with a float
    gives the float; two floats the wider; otherwise the first."""
    da, db = a.dtype, b.dtype
    if da == db:
        return da
    if da.is_floating and not db.is_floating:
        return da
    if db.is_floating and not da.is_floating:
        return db
    if da.is_floating and db.is_floating:
        return da if _FLOAT_RANK.get(da.name, 0) >= _FLOAT_RANK.get(db.name, 0) else db
    return da


def promote(a: Any, b: Any) -> tuple:
    a, b = tensor(a), tensor(b)
    dtype = result_dtype(a, b)
    if a.dtype != dtype:
        a = tf.cast(a, dtype)
    if b.dtype != dtype:
        b = tf.cast(b, dtype)
    return a, b


def matmul(x1: Any, x2: Any) -> Any:
    """`keras.ops.matmul` on the TF backend: rank-2 x rank-2 is `tf.matmul`; a rank > 2 input against a
    rank-2 kernel contracts the last axis with `tf.tensordot`."""
    x1, x2 = promote(x1, x2)
    r1, r2 = x1.shape.rank, x2.shape.rank
    if r1 == 2 and r2 == 2:
        return tf.matmul(x1, x2)
    if r2 == 1:
        return tf.tensordot(x1, x2, axes=1)
    if r1 == 1:
        return tf.tensordot(x1, x2, axes=[[0], [-2]])
    if r2 == 2 and r1 > 2:
        return tf.tensordot(x1, x2, axes=[[-1], [0]])
    return tf.matmul(x1, x2)


def add(x1: Any, x2: Any) -> Any:
    x1, x2 = promote(x1, x2)
    return tf.add(x1, x2)
