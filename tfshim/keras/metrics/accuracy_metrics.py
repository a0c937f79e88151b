"""Accuracy metrics: the per-sample functions (float values, no batch reduction) and the
`MeanMetricWrapper` classes over them."""

from __future__ import annotations

from typing import Any

import numpy as np

import tfshim as tf
from tfshim.keras.losses._keras_state import floatx
from tfshim.keras.losses.loss import convert, squeeze_or_expand_to_same_rank
from tfshim.keras.metrics.reduction_metrics import MeanMetricWrapper


def _tensor(x: Any) -> Any:
    return x if tf.is_tensor(x) else tf.convert_to_tensor(x)


def _argmax(x: Any) -> Any:
    # keras.ops.argmax on the TF backend: int32 indices, floats compared in at least float32 with
    # -0.0 replaced by -tiny (so 0.0 beats -0.0).
    x = _tensor(x)
    if x.dtype.is_floating and len(x.shape):
        if x.dtype != tf.float64:
            x = tf.cast(x, tf.float32)
        negative_zero = tf.logical_and(tf.equal(x, 0.0), tf.less(1.0 / x, 0.0))
        tiny = tf.fill(tf.shape(x), tf.constant(-np.finfo(x.dtype.as_numpy_dtype).tiny, x.dtype))
        x = tf.where(negative_zero, tiny, x)
    return tf.argmax(x, axis=-1, output_type=tf.int32)


def in_top_k(targets: Any, predictions: Any, k: int) -> Any:
    """`tf.math.in_top_k` (TF's InTopKV2 kernel): True where fewer than `k` classes score strictly
    higher than the target; False for an out-of-range target or a non-finite score in the row."""
    targets = tf.cast(_tensor(targets), tf.int32)
    predictions = _tensor(predictions)
    num_classes = predictions.shape[-1]
    valid = tf.logical_and(targets >= 0, targets < num_classes)
    safe = tf.where(valid, targets, tf.zeros_like(targets))
    rows = tf.range(tf.shape(targets)[0], dtype=tf.int32)
    target_score = tf.gather_nd(predictions, tf.stack([rows, safe], axis=1))
    finite = tf.reduce_all(tf.math.is_finite(predictions), axis=-1)
    higher = tf.reduce_sum(tf.cast(predictions > tf.expand_dims(target_score, -1), tf.int32), axis=-1)
    return tf.logical_and(tf.logical_and(valid, finite), higher < k)


def accuracy(y_true: Any, y_pred: Any) -> Any:
    """1.0 where `y_true == y_pred` exactly."""
    y_pred = _tensor(y_pred)
    y_true = convert(y_true, y_pred.dtype)
    y_true, y_pred = squeeze_or_expand_to_same_rank(y_true, y_pred)
    return tf.cast(tf.equal(y_true, y_pred), floatx())


def binary_accuracy(y_true: Any, y_pred: Any, threshold: float = 0.5) -> Any:
    """1.0 where `(y_pred > threshold) == y_true` (strictly greater), one value per element."""
    y_pred = _tensor(y_pred)
    y_true = _tensor(y_true)
    y_true, y_pred = squeeze_or_expand_to_same_rank(y_true, y_pred)
    # Keras compares in the promoted dtype of y_pred and a float32 threshold.
    common = tf.float64 if y_pred.dtype == tf.float64 else tf.float32
    above = tf.greater(tf.cast(y_pred, common), tf.cast(tf.convert_to_tensor(threshold), common))
    y_pred = tf.cast(above, y_true.dtype)
    return tf.cast(tf.equal(y_true, y_pred), floatx())


def categorical_accuracy(y_true: Any, y_pred: Any) -> Any:
    """1.0 where the argmax of `y_true` equals the argmax of `y_pred`."""
    y_true = _argmax(y_true)
    y_pred = _tensor(y_pred)
    y_true = convert(y_true, y_pred.dtype)
    reshape_matches = False
    true_shape = y_true.shape
    if len(y_true.shape) == len(y_pred.shape):
        y_true = tf.squeeze(y_true, -1)
        reshape_matches = True
    y_pred = tf.cast(_argmax(y_pred), y_true.dtype)
    matches = tf.cast(tf.equal(y_true, y_pred), floatx())
    if reshape_matches:
        matches = tf.reshape(matches, true_shape)
    return matches


def sparse_categorical_accuracy(y_true: Any, y_pred: Any) -> Any:
    """1.0 where the label (`(N,)` or `(N,1)`) equals the argmax of `y_pred`."""
    y_pred = _tensor(y_pred)
    y_true = convert(y_true, y_pred.dtype)
    true_shape = y_true.shape
    reshape_matches = False
    if len(y_true.shape) == len(y_pred.shape) and y_true.shape[-1] == 1:
        y_true = tf.squeeze(y_true, -1)
        reshape_matches = True
    y_pred = tf.cast(_argmax(y_pred), y_true.dtype)
    matches = tf.cast(tf.equal(y_true, y_pred), floatx())
    if reshape_matches:
        matches = tf.reshape(matches, true_shape)
    if len(matches.shape) > 1 and matches.shape[-1] == 1:
        matches = tf.squeeze(matches, -1)
    return matches


def top_k_categorical_accuracy(y_true: Any, y_pred: Any, k: int = 5) -> Any:
    """1.0 where the argmax of `y_true` is among the top `k` predictions."""
    y_pred = _tensor(y_pred)
    y_true = _argmax(convert(y_true, y_pred.dtype))
    true_shape = y_true.shape
    reshape_matches = False
    if len(y_pred.shape) > 2:
        y_pred = tf.reshape(y_pred, [-1, y_pred.shape[-1]])
    if len(y_true.shape) > 1:
        reshape_matches = True
        y_true = tf.reshape(y_true, [-1])
    matches = tf.cast(in_top_k(y_true, y_pred, k), floatx())
    if reshape_matches:
        matches = tf.reshape(matches, true_shape)
    return matches


def sparse_top_k_categorical_accuracy(y_true: Any, y_pred: Any, k: int = 5, from_sorted_ids: bool = False) -> Any:
    """1.0 where the integer label is among the top `k` predictions (or, with `from_sorted_ids`,
    among the first `k` ids of `y_pred`)."""
    y_pred = _tensor(y_pred)
    y_true = convert(y_true, y_pred.dtype if from_sorted_ids else tf.int32)
    true_shape = y_true.shape
    reshape_matches = False
    if len(y_pred.shape) > 2:
        y_pred = tf.reshape(y_pred, [-1, y_pred.shape[-1]])
    if len(y_true.shape) > 1:
        reshape_matches = True
        y_true = tf.reshape(y_true, [-1])
    if from_sorted_ids:
        matches = tf.reduce_any(tf.equal(tf.expand_dims(y_true, axis=1), y_pred[:, :k]), axis=1)
    else:
        matches = in_top_k(y_true, y_pred, k)
    matches = tf.cast(matches, floatx())
    if reshape_matches:
        matches = tf.reshape(matches, true_shape)
    return matches


class Accuracy(MeanMetricWrapper):
    """`keras.metrics.Accuracy`."""

    def __init__(self, name: str = "accuracy", dtype: Any = None) -> None:
        super().__init__(fn=accuracy, name=name, dtype=dtype)

    def get_config(self) -> dict:
        return {"name": self.name, "dtype": self.dtype}


class BinaryAccuracy(MeanMetricWrapper):
    """`keras.metrics.BinaryAccuracy(threshold=0.5)`."""

    def __init__(self, name: str = "binary_accuracy", dtype: Any = None, threshold: float = 0.5) -> None:
        super().__init__(fn=binary_accuracy, name=name, dtype=dtype, threshold=threshold)
        self.threshold = threshold

    def get_config(self) -> dict:
        return {"name": self.name, "dtype": self.dtype, "threshold": self.threshold}


class CategoricalAccuracy(MeanMetricWrapper):
    """`keras.metrics.CategoricalAccuracy`."""

    def __init__(self, name: str = "categorical_accuracy", dtype: Any = None) -> None:
        super().__init__(fn=categorical_accuracy, name=name, dtype=dtype)

    def get_config(self) -> dict:
        return {"name": self.name, "dtype": self.dtype}


class SparseCategoricalAccuracy(MeanMetricWrapper):
    """`keras.metrics.SparseCategoricalAccuracy`."""

    def __init__(self, name: str = "sparse_categorical_accuracy", dtype: Any = None) -> None:
        super().__init__(fn=sparse_categorical_accuracy, name=name, dtype=dtype)

    def get_config(self) -> dict:
        return {"name": self.name, "dtype": self.dtype}


class TopKCategoricalAccuracy(MeanMetricWrapper):
    """`keras.metrics.TopKCategoricalAccuracy(k=5)`."""

    def __init__(self, k: int = 5, name: str = "top_k_categorical_accuracy", dtype: Any = None) -> None:
        super().__init__(fn=top_k_categorical_accuracy, name=name, dtype=dtype, k=k)
        self.k = k

    def get_config(self) -> dict:
        return {"name": self.name, "dtype": self.dtype, "k": self.k}


class SparseTopKCategoricalAccuracy(MeanMetricWrapper):
    """`keras.metrics.SparseTopKCategoricalAccuracy(k=5, from_sorted_ids=False)`."""

    def __init__(self, k: int = 5, name: str = "sparse_top_k_categorical_accuracy", dtype: Any = None,
                 from_sorted_ids: bool = False) -> None:
        super().__init__(fn=sparse_top_k_categorical_accuracy, name=name, dtype=dtype, k=k,
                         from_sorted_ids=from_sorted_ids)
        self.k = k
        self.from_sorted_ids = from_sorted_ids

    def get_config(self) -> dict:
        config = {"name": self.name, "dtype": self.dtype, "k": self.k}
        if self.from_sorted_ids:
            config["from_sorted_ids"] = True
        return config
