"""`keras.utils.to_categorical` and `keras.utils.normalize`."""

from __future__ import annotations

from typing import Any

import numpy as np

import tfshim as tf
from tfshim.keras.backend.config import epsilon as _epsilon


def to_categorical(x: Any, num_classes: int | None = None) -> Any:
    """One-hot rows: a float64 NumPy array for array-like input (a float32 tensor for a tensor),
    `max(x) + 1` classes unless `num_classes` is given. A trailing axis of size 1 is dropped."""
    if tf.is_tensor(x):
        shape = tuple(x.shape)
        if len(shape) > 1 and shape[-1] == 1:
            x = tf.reshape(x, shape[:-1])
        if num_classes is None:
            num_classes = int(np.max(np.asarray(x))) + 1
        return tf.one_hot(tf.cast(x, tf.int64), num_classes)
    x = np.array(x, dtype="int64")
    input_shape = x.shape
    if input_shape and input_shape[-1] == 1 and len(input_shape) > 1:
        input_shape = tuple(input_shape[:-1])
    x = x.reshape(-1)
    if not num_classes:
        num_classes = np.max(x) + 1
    batch_size = x.shape[0]
    categorical = np.zeros((batch_size, num_classes))
    categorical[np.arange(batch_size), x] = 1
    return np.reshape(categorical, (*input_shape, num_classes))


def normalize(x: Any, axis: int = -1, order: int = 2) -> Any:
    """`x` divided by its `order`-norm along `axis` (NumPy in, NumPy out; zero norms left as 1).
    A tensor is normalized with tf ops (L2 as `x * min(rsqrt(sum(x²)), 1/ε)`)."""
    if isinstance(x, np.ndarray):
        norm = np.atleast_1d(np.linalg.norm(x, order, axis))
        norm[norm == 0] = 1
        axis = axis or -1
        return x / np.expand_dims(norm, axis)
    if not isinstance(order, int) or not order >= 1:
        raise ValueError(f"Argument `order` must be an int >= 1. Received: order={order}")
    x = tf.convert_to_tensor(x)
    if x.shape.rank == 0:
        x = tf.expand_dims(x, 0)
    eps = _epsilon()
    if order == 2:
        inv_norm = tf.math.rsqrt(tf.reduce_sum(tf.square(x), axis=axis, keepdims=True))
        return x * tf.minimum(inv_norm, tf.cast(1.0 / eps, x.dtype))
    norm = tf.norm(x, ord=order, axis=axis, keepdims=True)
    return x / tf.maximum(norm, tf.cast(eps, x.dtype))
