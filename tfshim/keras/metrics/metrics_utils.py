"""Confusion-matrix bookkeeping shared by the threshold metrics (Keras's `metrics_utils`).

Counts are accumulated with the same tf ops Keras uses: a tiled `pred > threshold` comparison in
general, and for evenly spaced thresholds the bucketed form (`unsorted_segment_sum` then a reversed
`cumsum`), so the float32 sums round as TensorFlow's do.
"""

from __future__ import annotations

import math
from enum import Enum
from typing import Any

import numpy as np

import tfshim as tf
from tfshim.keras.losses._keras_state import epsilon
from tfshim.keras.losses.loss import squeeze_or_expand_to_same_rank

NEG_INF = -1e10


class ConfusionMatrix(Enum):
    TRUE_POSITIVES = "tp"
    FALSE_POSITIVES = "fp"
    TRUE_NEGATIVES = "tn"
    FALSE_NEGATIVES = "fn"


class AUCCurve(Enum):
    ROC = "ROC"
    PR = "PR"
    PRGAIN = "PRGAIN"

    @staticmethod
    def from_str(key: str) -> AUCCurve:
        if key in ("pr", "PR"):
            return AUCCurve.PR
        if key in ("roc", "ROC"):
            return AUCCurve.ROC
        if key in ("prgain", "PRGAIN"):
            return AUCCurve.PRGAIN
        raise ValueError(f'Invalid AUC curve value: "{key}". Expected values are ["PR", "ROC", "PRGAIN"]')


class AUCSummationMethod(Enum):
    INTERPOLATION = "interpolation"
    MAJORING = "majoring"
    MINORING = "minoring"

    @staticmethod
    def from_str(key: str) -> AUCSummationMethod:
        if key in ("interpolation", "Interpolation"):
            return AUCSummationMethod.INTERPOLATION
        if key in ("majoring", "Majoring"):
            return AUCSummationMethod.MAJORING
        if key in ("minoring", "Minoring"):
            return AUCSummationMethod.MINORING
        raise ValueError(f'Invalid AUC summation method value: "{key}". '
                         'Expected values are ["interpolation", "majoring", "minoring"]')


def _to_list(x: Any) -> list:
    return list(x) if isinstance(x, (list, tuple)) else [x]


def parse_init_thresholds(thresholds: Any, default_threshold: float = 0.5) -> list:
    """The thresholds as a list (the default when None); each must lie in [0, 1]."""
    if thresholds is not None:
        invalid = [t for t in _to_list(thresholds) if t is None or t < 0 or t > 1]
        if invalid:
            raise ValueError(f"Threshold values must be in [0, 1]. Received: {invalid}")
    return _to_list(default_threshold if thresholds is None else thresholds)


def is_evenly_distributed_thresholds(thresholds: Any) -> bool:
    """True for at least 3 thresholds equal (within epsilon) to `i / (n - 1)`."""
    n = len(thresholds)
    if n < 3:
        return False
    even = np.arange(n, dtype=np.float32) / (n - 1)
    return bool(np.allclose(thresholds, even, atol=epsilon()))


def _filter_top_k(x: Any, k: int) -> Any:
    # Keep each row's top-k scores; push the others to NEG_INF.
    _, top_k_idx = tf.math.top_k(x, k)
    mask = tf.reduce_sum(tf.one_hot(top_k_idx, x.shape[-1], axis=-1, dtype=x.dtype), axis=-2)
    return x * mask + NEG_INF * (1 - mask)


def _flip_cumsum(x: Any, axis: int = 0) -> Any:
    return tf.reverse(tf.cumsum(tf.reverse(x, [axis]), axis=axis), [axis])


def _update_bucketed(variables: dict, y_true: Any, y_pred: Any, thresholds: Any, sample_weight: Any,
                     label_weights: Any, multi_label: bool, thresholds_with_epsilon: bool) -> None:
    # Each prediction lands in the bucket of the thresholds just below it; a reversed cumulative sum
    # of the bucket totals gives the counts above every threshold.
    num_thresholds = thresholds.shape[0]
    weights = tf.constant(1.0, y_true.dtype)
    if sample_weight is not None:
        sample_weight = tf.broadcast_to(tf.cast(sample_weight, y_pred.dtype), tf.shape(y_pred))
        weights = sample_weight if multi_label else tf.reshape(sample_weight, [-1])
    if label_weights is not None:
        label_weights = tf.broadcast_to(tf.expand_dims(label_weights, 0), tf.shape(y_pred))
        weights = weights * (label_weights if multi_label else tf.reshape(label_weights, [-1]))
    weights = tf.cast(weights, y_true.dtype)
    y_pred = tf.clip_by_value(y_pred, 0.0, 1.0)
    y_true = tf.cast(tf.cast(y_true, tf.bool), y_true.dtype)
    if not multi_label:
        y_true = tf.reshape(y_true, [-1])
        y_pred = tf.reshape(y_pred, [-1])
    true_labels = y_true * weights
    false_labels = (1.0 - y_true) * weights
    buckets = tf.math.ceil(y_pred * (tf.cast(num_thresholds, y_pred.dtype) - 1)) - 1
    if thresholds_with_epsilon:
        buckets = tf.nn.relu(buckets)
    buckets = tf.cast(buckets, tf.int32)
    if multi_label:
        # One row per label: (labels, thresholds) bucket totals, then (thresholds, labels) counts.
        true_labels = tf.transpose(true_labels)
        false_labels = tf.transpose(false_labels)
        buckets = tf.transpose(buckets)
        tp_rows = tf.stack([tf.math.unsorted_segment_sum(d, b, num_thresholds)
                            for d, b in zip(tf.unstack(true_labels), tf.unstack(buckets))])
        fp_rows = tf.stack([tf.math.unsorted_segment_sum(d, b, num_thresholds)
                            for d, b in zip(tf.unstack(false_labels), tf.unstack(buckets))])
        tp = tf.transpose(_flip_cumsum(tp_rows, axis=1))
        fp = tf.transpose(_flip_cumsum(fp_rows, axis=1))
        total_true = tf.reduce_sum(true_labels, axis=1)
        total_false = tf.reduce_sum(false_labels, axis=1)
    else:
        tp = _flip_cumsum(tf.math.unsorted_segment_sum(true_labels, buckets, num_thresholds))
        fp = _flip_cumsum(tf.math.unsorted_segment_sum(false_labels, buckets, num_thresholds))
        total_true = tf.reduce_sum(true_labels)
        total_false = tf.reduce_sum(false_labels)
    if ConfusionMatrix.TRUE_POSITIVES in variables:
        v = variables[ConfusionMatrix.TRUE_POSITIVES]
        v.assign(v + tp)
    if ConfusionMatrix.FALSE_POSITIVES in variables:
        v = variables[ConfusionMatrix.FALSE_POSITIVES]
        v.assign(v + fp)
    if ConfusionMatrix.TRUE_NEGATIVES in variables:
        v = variables[ConfusionMatrix.TRUE_NEGATIVES]
        v.assign(v + (total_false - fp))
    if ConfusionMatrix.FALSE_NEGATIVES in variables:
        v = variables[ConfusionMatrix.FALSE_NEGATIVES]
        v.assign(v + (total_true - tp))


def update_confusion_matrix_variables(variables: dict, y_true: Any, y_pred: Any, thresholds: Any,
                                      top_k: int | None = None, class_id: int | None = None,
                                      sample_weight: Any = None, multi_label: bool = False,
                                      label_weights: Any = None,
                                      thresholds_distributed_evenly: bool = False) -> None:
    """Adds this batch's weighted TP/FP/TN/FN counts per threshold (`pred > threshold`) to the
    variables given by `ConfusionMatrix` key; with `multi_label`, one column per label."""
    if multi_label and label_weights is not None:
        raise ValueError("`label_weights` for multilabel data should be handled outside of "
                         "`update_confusion_matrix_variables` when `multi_label` is True.")
    if not variables:
        return
    dtype = next(iter(variables.values())).dtype
    y_true = tf.cast(y_true if tf.is_tensor(y_true) else tf.convert_to_tensor(y_true), dtype)
    y_pred = tf.cast(y_pred if tf.is_tensor(y_pred) else tf.convert_to_tensor(y_pred), dtype)
    with_epsilon = False
    if thresholds_distributed_evenly:
        with_epsilon = bool(thresholds[0] < 0.0 or thresholds[-1] > 1.0)
    thresholds = tf.convert_to_tensor(np.asarray(thresholds), dtype=dtype) if not tf.is_tensor(thresholds) \
        else tf.cast(thresholds, dtype)
    num_thresholds = thresholds.shape[0]
    y_pred, y_true = squeeze_or_expand_to_same_rank(y_pred, y_true)
    if sample_weight is not None:
        sample_weight = tf.expand_dims(tf.cast(sample_weight, dtype), axis=-1)
        _, sample_weight = squeeze_or_expand_to_same_rank(y_true, sample_weight, expand_rank_1=False)
    if top_k is not None:
        y_pred = _filter_top_k(y_pred, top_k)
    if class_id is not None:
        if len(y_pred.shape) == 1:
            raise ValueError("When class_id is provided, y_pred must be a 2D array with shape "
                             f"(num_samples, num_classes), found shape: {y_pred.shape}")
        y_true = y_true[..., class_id, None]
        y_pred = y_pred[..., class_id, None]
    if label_weights is not None:
        label_weights = tf.cast(tf.convert_to_tensor(label_weights), dtype)
    if thresholds_distributed_evenly:
        _update_bucketed(variables, y_true, y_pred, thresholds, sample_weight, label_weights, multi_label,
                         with_epsilon)
        return
    shape = y_pred.shape
    num_predictions = shape[0]
    num_labels = 1 if len(shape) == 1 else math.prod(shape[1:])
    if multi_label:
        predictions = tf.expand_dims(y_pred, 0)
        labels = tf.expand_dims(tf.cast(y_true, tf.bool), 0)
        thresh_pretile = [num_thresholds, 1, -1]
        thresh_tiles = [1, num_predictions, num_labels]
        data_tiles = [num_thresholds, 1, 1]
    else:
        predictions = tf.reshape(y_pred, [1, -1])
        labels = tf.reshape(tf.cast(y_true, tf.bool), [1, -1])
        thresh_pretile = [num_thresholds, -1]
        thresh_tiles = [1, num_predictions * num_labels]
        data_tiles = [num_thresholds, 1]
    thresh_tiled = tf.tile(tf.reshape(thresholds, thresh_pretile), thresh_tiles)
    pred_is_pos = tf.greater(tf.tile(predictions, data_tiles), thresh_tiled)
    label_is_pos = tf.tile(labels, data_tiles)
    weights_tiled = None
    if sample_weight is not None:
        sample_weight = tf.broadcast_to(tf.cast(sample_weight, y_pred.dtype), tf.shape(y_pred))
        weights_tiled = tf.tile(tf.reshape(sample_weight, thresh_tiles), data_tiles)
    if label_weights is not None and not multi_label:
        label_weights = tf.broadcast_to(tf.expand_dims(label_weights, 0), tf.shape(y_pred))
        label_tiled = tf.tile(tf.reshape(label_weights, thresh_tiles), data_tiles)
        weights_tiled = label_tiled if weights_tiled is None else weights_tiled * label_tiled

    def add(label: Any, pred: Any, var: Any) -> None:
        both = tf.logical_and(label, pred)
        if weights_tiled is not None:
            counted = tf.where(both, tf.cast(weights_tiled, var.dtype), tf.zeros_like(weights_tiled))
        else:
            counted = tf.cast(both, var.dtype)
        var.assign(var + tf.reduce_sum(counted, 1))

    if ConfusionMatrix.TRUE_POSITIVES in variables:
        add(label_is_pos, pred_is_pos, variables[ConfusionMatrix.TRUE_POSITIVES])
    pred_is_neg = tf.logical_not(pred_is_pos)
    label_is_neg = tf.logical_not(label_is_pos)
    if ConfusionMatrix.FALSE_NEGATIVES in variables:
        add(label_is_pos, pred_is_neg, variables[ConfusionMatrix.FALSE_NEGATIVES])
    if ConfusionMatrix.FALSE_POSITIVES in variables:
        add(label_is_neg, pred_is_pos, variables[ConfusionMatrix.FALSE_POSITIVES])
    if ConfusionMatrix.TRUE_NEGATIVES in variables:
        add(label_is_neg, pred_is_neg, variables[ConfusionMatrix.TRUE_NEGATIVES])
