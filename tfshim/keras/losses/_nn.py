"""The element-wise cross-entropies of Keras's TensorFlow backend (`keras.src.backend.tensorflow.nn`),
built from the same tf ops so that values and gradients (at clipped points too) are TensorFlow's:
the logits paths call `tf.nn.*_cross_entropy_with_logits`, the probability paths clip to
`[epsilon, 1 - epsilon]` with `tf.clip_by_value`.

When `output` carries the logits Keras's own `sigmoid`/`softmax` attached to it, those logits are
used as if `from_logits=True` (Keras's "logits shortcut"); `from_logits=True` on such an output warns.
"""

from __future__ import annotations

import warnings
from typing import Any

import tfshim as tf
from tfshim.keras.losses._keras_state import epsilon, keras_logits


def _logits_of(output: Any, from_logits: bool, op_type: str, fn_name: str) -> tuple:
    logits = keras_logits(output)
    if logits is None:
        return output, from_logits
    if from_logits:
        warnings.warn(
            f'"`{fn_name}` received `from_logits=True`, but the `output` argument was produced by '
            f"a {op_type} activation and thus does not represent logits. Was this intended?",
            stacklevel=3)
    return logits, True


def _same_shape(target: Any, output: Any, rank_message: str) -> None:
    if len(target.shape) != len(output.shape):
        raise ValueError(
            f"Arguments `target` and `output` must have the same rank (ndim). {rank_message}"
            f"target.shape={target.shape}, output.shape={output.shape}")
    for e1, e2 in zip(target.shape, output.shape):
        if e1 is not None and e2 is not None and e1 != e2:
            raise ValueError(
                "Arguments `target` and `output` must have the same shape. Received: "
                f"target.shape={target.shape}, output.shape={output.shape}")


def binary_crossentropy(target: Any, output: Any, from_logits: bool = False) -> Any:
    """Element-wise binary cross-entropy (Keras's `ops.binary_crossentropy`)."""
    target = tf.convert_to_tensor(target)
    output = tf.convert_to_tensor(output)
    _same_shape(target, output, "Received: ")
    output, from_logits = _logits_of(output, from_logits, "Sigmoid", "binary_crossentropy")
    if from_logits:
        return tf.nn.sigmoid_cross_entropy_with_logits(labels=target, logits=output)
    eps = epsilon()
    output = tf.clip_by_value(output, eps, 1.0 - eps)
    bce = target * tf.math.log(output)
    bce += (1 - target) * tf.math.log(1 - output)
    return -bce


def categorical_crossentropy(target: Any, output: Any, from_logits: bool = False, axis: int = -1) -> Any:
    """Cross-entropy over `axis` (Keras's `ops.categorical_crossentropy`): probabilities are
    renormalised to sum 1, then clipped."""
    target = tf.convert_to_tensor(target)
    output = tf.convert_to_tensor(output)
    if len(target.shape) < 1:
        raise ValueError(
            "Arguments `target` and `output` must be at least rank 1. Received: "
            f"target.shape={target.shape}, output.shape={output.shape}")
    _same_shape(target, output, "Received: ")
    output, from_logits = _logits_of(output, from_logits, "Softmax", "categorical_crossentropy")
    if from_logits:
        return tf.nn.softmax_cross_entropy_with_logits(labels=target, logits=output, axis=axis)
    output = output / tf.reduce_sum(output, axis, keepdims=True)
    eps = epsilon()
    output = tf.clip_by_value(output, eps, 1.0 - eps)
    return -tf.reduce_sum(target * tf.math.log(output), axis)


def sparse_categorical_crossentropy(target: Any, output: Any, from_logits: bool = False, axis: int = -1) -> Any:
    """Cross-entropy against integer labels (Keras's `ops.sparse_categorical_crossentropy`):
    probabilities are clipped and their log taken as logits (no renormalisation)."""
    if axis != -1 and axis != len(output.shape) - 1:
        raise ValueError(f"Only axis=-1 is currently supported. Received: axis={axis}")
    output, from_logits = _logits_of(output, from_logits, "Softmax", "sparse_categorical_crossentropy")
    target = tf.cast(tf.convert_to_tensor(target), tf.int64)
    output = tf.convert_to_tensor(output)
    if len(target.shape) == len(output.shape) and target.shape[-1] == 1:
        target = tf.squeeze(target, axis=-1)
    if len(output.shape) < 1:
        raise ValueError(f"Argument `output` must be at least rank 1. Received: output.shape={output.shape}")
    if len(target.shape) != len(output.shape[:-1]):
        raise ValueError(
            "Argument `output` must have rank (ndim) `target.ndim - 1`. Received: "
            f"target.shape={target.shape}, output.shape={output.shape}")
    for e1, e2 in zip(target.shape, output.shape[:-1]):
        if e1 is not None and e2 is not None and e1 != e2:
            raise ValueError(
                "Arguments `target` and `output` must have the same shape up until the last "
                f"dimension: target.shape={target.shape}, output.shape={output.shape}")
    if not from_logits:
        eps = epsilon()
        output = tf.math.log(tf.clip_by_value(output, eps, 1 - eps))
    return tf.nn.sparse_softmax_cross_entropy_with_logits(labels=target, logits=output)
