"""`keras.metrics.IoU`, `BinaryIoU`, `MeanIoU`, `OneHotIoU`, `OneHotMeanIoU`: a confusion matrix
accumulated over updates (int64 by default), with IoU computed per target class in float32."""

from __future__ import annotations

import warnings
from typing import Any

import tfshim as tf
from tfshim.keras.losses._keras_state import epsilon
from tfshim.keras.metrics.metric import Metric


def _convert(x: Any, dtype: Any) -> Any:
    """`keras.ops.convert_to_tensor(x, dtype)`: non-tensors are converted then cast to int/bool dtypes."""
    dtype = tf.as_dtype(dtype)
    if not tf.is_tensor(x):
        if dtype.is_integer or dtype.is_bool:
            return tf.cast(tf.convert_to_tensor(x), dtype)
        return tf.convert_to_tensor(x, dtype=dtype)
    return x if x.dtype == dtype else tf.cast(x, dtype)


def confusion_matrix(labels: Any, predictions: Any, num_classes: int, weights: Any = None,
                     dtype: Any = "int32") -> Any:
    """Keras's `metrics_utils.confusion_matrix` for 1-D labels/predictions: a scatter of the weights."""
    labels = _convert(labels, dtype)
    predictions = _convert(predictions, dtype)
    if weights is not None:
        weights = _convert(weights, dtype)
    indices = tf.cast(tf.stack([labels, predictions], axis=1), tf.int64)
    values = tf.ones_like(predictions, dtype) if weights is None else weights
    values = tf.cast(values, dtype)
    num_classes = int(num_classes)
    return tf.scatter_nd(indices, values, (num_classes, num_classes))


class _IoUBase(Metric):
    """The shared state: `total_confusion_matrix` `(num_classes, num_classes)` of the metric's dtype.

    Class ids outside `[0, num_classes)` in either input, and `ignore_class` labels, are left out.
    """

    def __init__(self, num_classes: int, name: str | None = None, dtype: Any = None, ignore_class: Any = None,
                 sparse_y_true: bool = True, sparse_y_pred: bool = True, axis: int = -1) -> None:
        super().__init__(name=name, dtype=dtype or "int64")  # Keras's dtype "int" is int64 on TF
        self._direction = "up"
        self.num_classes = num_classes
        self.ignore_class = ignore_class
        self.sparse_y_true = sparse_y_true
        self.sparse_y_pred = sparse_y_pred
        self.axis = axis
        self.total_cm = self.add_variable(name="total_confusion_matrix", shape=(num_classes, num_classes),
                                          initializer="zeros", dtype=self.dtype)

    def update_state(self, y_true: Any, y_pred: Any, sample_weight: Any = None) -> Any:
        if not self.sparse_y_true:
            y_true = tf.argmax(y_true, axis=self.axis, output_type=tf.int32)
        if not self.sparse_y_pred:
            y_pred = tf.argmax(y_pred, axis=self.axis, output_type=tf.int32)
        y_true = _convert(y_true, self.dtype)
        y_pred = _convert(y_pred, self.dtype)
        if len(y_pred.shape) > 1:
            y_pred = tf.reshape(y_pred, [-1])
        if len(y_true.shape) > 1:
            y_true = tf.reshape(y_true, [-1])
        if sample_weight is None:
            sample_weight = 1
        elif hasattr(sample_weight, "dtype") and "float" in str(sample_weight.dtype) and "int" in str(self.dtype):
            warnings.warn("You are passing weight as `float`, but dtype is `int`. This may result in an incorrect "
                          "weight due to type casting Consider using integer weights.", stacklevel=2)
        sample_weight = _convert(sample_weight, self.dtype)
        if len(sample_weight.shape) > 1:
            sample_weight = tf.reshape(sample_weight, [-1])
        sample_weight = tf.broadcast_to(sample_weight, tf.shape(y_true))
        num_cls = tf.convert_to_tensor(self.num_classes, dtype=y_true.dtype)
        mask = tf.logical_and(tf.logical_and(tf.greater_equal(y_true, 0), tf.less(y_true, num_cls)),
                              tf.logical_and(tf.greater_equal(y_pred, 0), tf.less(y_pred, num_cls)))
        if self.ignore_class is not None:
            mask = tf.logical_and(mask, tf.not_equal(y_true, _convert(self.ignore_class, y_true.dtype)))
        y_true = tf.where(mask, y_true, tf.zeros_like(y_true))
        y_pred = tf.where(mask, y_pred, tf.zeros_like(y_pred))
        sample_weight = tf.cast(tf.where(mask, sample_weight, tf.zeros_like(sample_weight)), self.dtype)
        current = confusion_matrix(y_true, y_pred, self.num_classes, weights=sample_weight, dtype=self.dtype)
        return self.total_cm.assign(self.total_cm + current)

    def reset_state(self) -> None:
        self.total_cm.assign(tf.zeros(self.total_cm.shape, dtype=self.total_cm.dtype))


class IoU(_IoUBase):
    """`keras.metrics.IoU`: mean of `TP / (TP + FP + FN)` over `target_class_ids` present in the data."""

    def __init__(self, num_classes: int, target_class_ids: Any, name: str | None = None, dtype: Any = None,
                 ignore_class: Any = None, sparse_y_true: bool = True, sparse_y_pred: bool = True,
                 axis: int = -1) -> None:
        super().__init__(name=name, num_classes=num_classes, ignore_class=ignore_class, sparse_y_true=sparse_y_true,
                         sparse_y_pred=sparse_y_pred, axis=axis, dtype=dtype)
        if max(target_class_ids) >= num_classes:
            raise ValueError(f"Target class id {max(target_class_ids)} is out of range, which is [0, {num_classes}).")
        self.target_class_ids = list(target_class_ids)

    def result(self) -> Any:
        cm = self.total_cm.value if hasattr(self.total_cm, "value") else self.total_cm
        cm = tf.convert_to_tensor(cm)
        sum_over_row = tf.cast(tf.reduce_sum(cm, axis=0), self.dtype)
        sum_over_col = tf.cast(tf.reduce_sum(cm, axis=1), self.dtype)
        true_positives = tf.cast(tf.linalg.diag_part(cm), self.dtype)
        denominator = sum_over_row + sum_over_col - true_positives
        ids = tf.convert_to_tensor(self.target_class_ids, dtype=tf.int32)
        true_positives = tf.cast(tf.gather(true_positives, ids), tf.float32)
        denominator = tf.cast(tf.gather(denominator, ids), tf.float32)
        valid = tf.cast(tf.greater(denominator, 1e-9), tf.float32)
        num_valid = tf.reduce_sum(valid)
        iou = tf.divide(true_positives, denominator + epsilon())
        iou = tf.where(tf.cast(valid, tf.bool), iou, tf.zeros_like(iou))
        return tf.divide(tf.reduce_sum(iou, axis=self.axis), num_valid + epsilon())

    def get_config(self) -> dict:
        config = super().get_config()
        config.update({"num_classes": self.num_classes, "target_class_ids": self.target_class_ids,
                       "ignore_class": self.ignore_class, "sparse_y_true": self.sparse_y_true,
                       "sparse_y_pred": self.sparse_y_pred, "axis": self.axis})
        return config


class BinaryIoU(IoU):
    """`keras.metrics.BinaryIoU`: two classes, predictions thresholded (`y_pred >= threshold`) in float32."""

    def __init__(self, target_class_ids: Any = (0, 1), threshold: float = 0.5, name: str | None = None,
                 dtype: Any = None) -> None:
        super().__init__(num_classes=2, target_class_ids=target_class_ids, name=name, dtype=dtype)
        self.threshold = threshold

    def update_state(self, y_true: Any, y_pred: Any, sample_weight: Any = None) -> Any:
        y_true = _convert(y_true, self.dtype)
        y_pred = _convert(y_pred, "float32")
        y_pred = tf.cast(y_pred >= self.threshold, self.dtype)
        return super().update_state(y_true, y_pred, sample_weight)

    def get_config(self) -> dict:
        return {"target_class_ids": self.target_class_ids, "threshold": self.threshold, "name": self.name,
                "dtype": self.dtype}


class MeanIoU(IoU):
    """`keras.metrics.MeanIoU`: IoU over every class."""

    def __init__(self, num_classes: int, name: str | None = None, dtype: Any = None, ignore_class: Any = None,
                 sparse_y_true: bool = True, sparse_y_pred: bool = True, axis: int = -1) -> None:
        super().__init__(name=name, num_classes=num_classes, target_class_ids=list(range(num_classes)), axis=axis,
                         dtype=dtype, ignore_class=ignore_class, sparse_y_true=sparse_y_true,
                         sparse_y_pred=sparse_y_pred)

    def get_config(self) -> dict:
        return {"num_classes": self.num_classes, "name": self.name, "dtype": self.dtype,
                "ignore_class": self.ignore_class, "sparse_y_true": self.sparse_y_true,
                "sparse_y_pred": self.sparse_y_pred, "axis": self.axis}


class OneHotIoU(IoU):
    """`keras.metrics.OneHotIoU`: one-hot labels (argmax over `axis`), predictions scores unless sparse."""

    def __init__(self, num_classes: int, target_class_ids: Any, name: str | None = None, dtype: Any = None,
                 ignore_class: Any = None, sparse_y_pred: bool = False, axis: int = -1) -> None:
        super().__init__(num_classes=num_classes, target_class_ids=target_class_ids, name=name, dtype=dtype,
                         ignore_class=ignore_class, sparse_y_true=False, sparse_y_pred=sparse_y_pred, axis=axis)

    def get_config(self) -> dict:
        return {"num_classes": self.num_classes, "target_class_ids": self.target_class_ids, "name": self.name,
                "dtype": self.dtype, "ignore_class": self.ignore_class, "sparse_y_pred": self.sparse_y_pred,
                "axis": self.axis}


class OneHotMeanIoU(MeanIoU):
    """`keras.metrics.OneHotMeanIoU`: MeanIoU on one-hot labels (argmax over `axis`)."""

    def __init__(self, num_classes: int, name: str | None = None, dtype: Any = None, ignore_class: Any = None,
                 sparse_y_pred: bool = False, axis: int = -1) -> None:
        super().__init__(num_classes=num_classes, axis=axis, name=name, dtype=dtype, ignore_class=ignore_class,
                         sparse_y_true=False, sparse_y_pred=sparse_y_pred)

    def get_config(self) -> dict:
        return {"num_classes": self.num_classes, "name": self.name, "dtype": self.dtype,
                "ignore_class": self.ignore_class, "sparse_y_pred": self.sparse_y_pred, "axis": self.axis}
