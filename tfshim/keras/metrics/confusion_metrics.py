"""Threshold metrics: TruePositives/FalsePositives/TrueNegatives/FalseNegatives, Precision, Recall,
the sensitivity/specificity/precision/recall-at metrics and AUC, counting `y_pred > threshold`.
"""

from __future__ import annotations

from typing import Any

import numpy as np

import tfshim as tf
from tfshim.keras.losses._keras_state import epsilon
from tfshim.keras.metrics import metrics_utils
from tfshim.keras.metrics.metric import Metric
from tfshim.keras.metrics.metrics_utils import ConfusionMatrix


def _zeros(shape: Any, dtype: Any = None) -> Any:
    return tf.zeros(shape, dtype=dtype)


class _ConfusionMatrixConditionCount(Metric):
    def __init__(self, confusion_matrix_cond: ConfusionMatrix, thresholds: Any = None, name: str | None = None,
                 dtype: Any = None) -> None:
        super().__init__(name=name, dtype=dtype)
        self._confusion_matrix_cond = confusion_matrix_cond
        self.init_thresholds = thresholds
        self.thresholds = metrics_utils.parse_init_thresholds(thresholds, default_threshold=0.5)
        self._thresholds_distributed_evenly = metrics_utils.is_evenly_distributed_thresholds(self.thresholds)
        self.accumulator = self.add_variable(shape=(len(self.thresholds),), initializer=_zeros, name="accumulator")

    def update_state(self, y_true: Any, y_pred: Any, sample_weight: Any = None) -> None:
        metrics_utils.update_confusion_matrix_variables(
            {self._confusion_matrix_cond: self.accumulator}, y_true, y_pred, thresholds=self.thresholds,
            thresholds_distributed_evenly=self._thresholds_distributed_evenly, sample_weight=sample_weight)

    def result(self) -> Any:
        """A scalar for one threshold; for several, the `accumulator` Keras variable itself
        (as Keras's TF backend returns it)."""
        if len(self.thresholds) == 1:
            return self.accumulator[0]
        return self.accumulator

    def get_config(self) -> dict:
        return {**super().get_config(), "thresholds": self.init_thresholds}


class FalsePositives(_ConfusionMatrixConditionCount):
    """`keras.metrics.FalsePositives(thresholds=None)`: variable `accumulator`."""

    def __init__(self, thresholds: Any = None, name: str | None = None, dtype: Any = None) -> None:
        super().__init__(ConfusionMatrix.FALSE_POSITIVES, thresholds=thresholds, name=name, dtype=dtype)


class FalseNegatives(_ConfusionMatrixConditionCount):
    """`keras.metrics.FalseNegatives(thresholds=None)`: variable `accumulator`."""

    def __init__(self, thresholds: Any = None, name: str | None = None, dtype: Any = None) -> None:
        super().__init__(ConfusionMatrix.FALSE_NEGATIVES, thresholds=thresholds, name=name, dtype=dtype)


class TrueNegatives(_ConfusionMatrixConditionCount):
    """`keras.metrics.TrueNegatives(thresholds=None)`: variable `accumulator`."""

    def __init__(self, thresholds: Any = None, name: str | None = None, dtype: Any = None) -> None:
        super().__init__(ConfusionMatrix.TRUE_NEGATIVES, thresholds=thresholds, name=name, dtype=dtype)


class TruePositives(_ConfusionMatrixConditionCount):
    """`keras.metrics.TruePositives(thresholds=None)`: variable `accumulator`."""

    def __init__(self, thresholds: Any = None, name: str | None = None, dtype: Any = None) -> None:
        super().__init__(ConfusionMatrix.TRUE_POSITIVES, thresholds=thresholds, name=name, dtype=dtype)


class _PrecisionRecall(Metric):
    # Precision and Recall: true_positives plus false_positives / false_negatives per threshold.
    _other: ConfusionMatrix
    _other_name: str

    def __init__(self, thresholds: Any = None, top_k: int | None = None, class_id: int | None = None,
                 name: str | None = None, dtype: Any = None) -> None:
        super().__init__(name=name, dtype=dtype)
        self.init_thresholds = thresholds
        self.top_k = top_k
        self.class_id = class_id
        default_threshold = 0.5 if top_k is None else metrics_utils.NEG_INF
        self.thresholds = metrics_utils.parse_init_thresholds(thresholds, default_threshold=default_threshold)
        self._thresholds_distributed_evenly = metrics_utils.is_evenly_distributed_thresholds(self.thresholds)
        n = len(self.thresholds)
        self.true_positives = self.add_variable(shape=(n,), initializer=_zeros, name="true_positives")
        setattr(self, self._other_name, self.add_variable(shape=(n,), initializer=_zeros, name=self._other_name))

    def update_state(self, y_true: Any, y_pred: Any, sample_weight: Any = None) -> None:
        metrics_utils.update_confusion_matrix_variables(
            {ConfusionMatrix.TRUE_POSITIVES: self.true_positives, self._other: getattr(self, self._other_name)},
            y_true, y_pred, thresholds=self.thresholds,
            thresholds_distributed_evenly=self._thresholds_distributed_evenly, top_k=self.top_k,
            class_id=self.class_id, sample_weight=sample_weight)

    def result(self) -> Any:
        tp = tf.convert_to_tensor(self.true_positives)
        result = tf.math.divide_no_nan(tp, tf.add(tp, tf.convert_to_tensor(getattr(self, self._other_name))))
        return result[0] if len(self.thresholds) == 1 else result

    def reset_state(self) -> None:
        n = len(self.thresholds)
        self.true_positives.assign(tf.zeros((n,)))
        getattr(self, self._other_name).assign(tf.zeros((n,)))

    def get_config(self) -> dict:
        return {**super().get_config(), "thresholds": self.init_thresholds, "top_k": self.top_k,
                "class_id": self.class_id}


class Precision(_PrecisionRecall):
    """`keras.metrics.Precision(thresholds=None, top_k=None, class_id=None)`: `tp / (tp + fp)`."""

    _other = ConfusionMatrix.FALSE_POSITIVES
    _other_name = "false_positives"


class Recall(_PrecisionRecall):
    """`keras.metrics.Recall(thresholds=None, top_k=None, class_id=None)`: `tp / (tp + fn)`."""

    _other = ConfusionMatrix.FALSE_NEGATIVES
    _other_name = "false_negatives"


class _SensitivitySpecificityBase(Metric):
    # The four counts over `num_thresholds` evenly spaced thresholds in [0, 1]; subclasses return
    # the best `dependent` rate among the thresholds whose `constrained` rate reaches `value`.
    _value_name: str

    def __init__(self, value: float, num_thresholds: int = 200, class_id: int | None = None,
                 name: str | None = None, dtype: Any = None) -> None:
        if value < 0 or value > 1:
            raise ValueError(f"Argument `{self._value_name}` must be in the range [0, 1]. "
                             f"Received: {self._value_name}={value}")
        setattr(self, self._value_name, value)
        self.num_thresholds = num_thresholds
        super().__init__(name=name, dtype=dtype)
        if num_thresholds <= 0:
            raise ValueError("Argument `num_thresholds` must be an integer > 0. "
                             f"Received: num_thresholds={num_thresholds}")
        self.value = value
        self.class_id = class_id
        if num_thresholds == 1:
            self.thresholds = [0.5]
            self._thresholds_distributed_evenly = False
        else:
            inner = [(i + 1) * 1.0 / (num_thresholds - 1) for i in range(num_thresholds - 2)]
            self.thresholds = [0.0, *inner, 1.0]
            self._thresholds_distributed_evenly = True
        n = len(self.thresholds)
        self.true_positives = self.add_variable(shape=(n,), initializer=_zeros, name="true_positives")
        self.false_positives = self.add_variable(shape=(n,), initializer=_zeros, name="false_positives")
        self.true_negatives = self.add_variable(shape=(n,), initializer=_zeros, name="true_negatives")
        self.false_negatives = self.add_variable(shape=(n,), initializer=_zeros, name="false_negatives")

    def update_state(self, y_true: Any, y_pred: Any, sample_weight: Any = None) -> None:
        metrics_utils.update_confusion_matrix_variables(
            {ConfusionMatrix.TRUE_POSITIVES: self.true_positives, ConfusionMatrix.TRUE_NEGATIVES: self.true_negatives,
             ConfusionMatrix.FALSE_POSITIVES: self.false_positives,
             ConfusionMatrix.FALSE_NEGATIVES: self.false_negatives},
            y_true, y_pred, thresholds=self.thresholds,
            thresholds_distributed_evenly=self._thresholds_distributed_evenly, class_id=self.class_id,
            sample_weight=sample_weight)

    def reset_state(self) -> None:
        n = len(self.thresholds)
        for v in (self.true_positives, self.false_positives, self.true_negatives, self.false_negatives):
            v.assign(tf.zeros((n,)))

    def _rates(self) -> dict:
        tp, fp, tn, fn = (tf.convert_to_tensor(v) for v in (self.true_positives, self.false_positives,
                                                            self.true_negatives, self.false_negatives))
        return {"sensitivity": tf.math.divide_no_nan(tp, tf.add(tp, fn)),
                "specificity": tf.math.divide_no_nan(tn, tf.add(tn, fp)),
                "precision": tf.math.divide_no_nan(tp, tf.add(tp, fp))}

    def _max_under_constraint(self, constrained: Any, dependent: Any) -> Any:
        feasible = tf.greater_equal(constrained, self.value)
        return tf.maximum(tf.reduce_max(tf.where(feasible, dependent, tf.zeros_like(dependent))), 0.0)

    def get_config(self) -> dict:
        return {**super().get_config(), "class_id": self.class_id, "num_thresholds": self.num_thresholds,
                self._value_name: getattr(self, self._value_name)}


class SensitivityAtSpecificity(_SensitivitySpecificityBase):
    """`keras.metrics.SensitivityAtSpecificity(specificity, num_thresholds=200, class_id=None)`."""

    _value_name = "specificity"

    def __init__(self, specificity: float, num_thresholds: int = 200, class_id: int | None = None,
                 name: str | None = None, dtype: Any = None) -> None:
        super().__init__(specificity, num_thresholds=num_thresholds, class_id=class_id, name=name, dtype=dtype)

    def result(self) -> Any:
        r = self._rates()
        return self._max_under_constraint(r["specificity"], r["sensitivity"])


class SpecificityAtSensitivity(_SensitivitySpecificityBase):
    """`keras.metrics.SpecificityAtSensitivity(sensitivity, num_thresholds=200, class_id=None)`."""

    _value_name = "sensitivity"

    def __init__(self, sensitivity: float, num_thresholds: int = 200, class_id: int | None = None,
                 name: str | None = None, dtype: Any = None) -> None:
        super().__init__(sensitivity, num_thresholds=num_thresholds, class_id=class_id, name=name, dtype=dtype)

    def result(self) -> Any:
        r = self._rates()
        return self._max_under_constraint(r["sensitivity"], r["specificity"])


class PrecisionAtRecall(_SensitivitySpecificityBase):
    """`keras.metrics.PrecisionAtRecall(recall, num_thresholds=200, class_id=None)`."""

    _value_name = "recall"

    def __init__(self, recall: float, num_thresholds: int = 200, class_id: int | None = None,
                 name: str | None = None, dtype: Any = None) -> None:
        super().__init__(recall, num_thresholds=num_thresholds, class_id=class_id, name=name, dtype=dtype)

    def result(self) -> Any:
        r = self._rates()
        return self._max_under_constraint(r["sensitivity"], r["precision"])


class RecallAtPrecision(_SensitivitySpecificityBase):
    """`keras.metrics.RecallAtPrecision(precision, num_thresholds=200, class_id=None)`."""

    _value_name = "precision"

    def __init__(self, precision: float, num_thresholds: int = 200, class_id: int | None = None,
                 name: str | None = None, dtype: Any = None) -> None:
        super().__init__(precision, num_thresholds=num_thresholds, class_id=class_id, name=name, dtype=dtype)

    def result(self) -> Any:
        r = self._rates()
        return self._max_under_constraint(r["precision"], r["sensitivity"])


class AUC(Metric):
    """`keras.metrics.AUC(num_thresholds=200, curve='ROC', summation_method='interpolation')`.

    The thresholds are `[-eps, 1/(n-1), ..., (n-2)/(n-1), 1+eps]` (or `[-eps, *sorted(thresholds),
    1+eps]`); ROC and PR use the trapezoid (or minoring/majoring) rule, PR with interpolation
    Davis & Goadrich's interpolated sum."""

    def __init__(self, num_thresholds: int = 200, curve: Any = "ROC", summation_method: Any = "interpolation",
                 name: str | None = None, dtype: Any = None, thresholds: Any = None, multi_label: bool = False,
                 num_labels: int | None = None, label_weights: Any = None, from_logits: bool = False) -> None:
        self._init_from_thresholds = thresholds is not None
        if thresholds is not None:
            self.num_thresholds = len(thresholds) + 2
            thresholds = sorted(thresholds)
            self._thresholds_distributed_evenly = metrics_utils.is_evenly_distributed_thresholds(
                np.array([0.0, *thresholds, 1.0]))
        else:
            if num_thresholds <= 1:
                raise ValueError("Argument `num_thresholds` must be an integer > 1. "
                                 f"Received: num_thresholds={num_thresholds}")
            self.num_thresholds = num_thresholds
            thresholds = [(i + 1) * 1.0 / (num_thresholds - 1) for i in range(num_thresholds - 2)]
            self._thresholds_distributed_evenly = True
        eps = epsilon()
        self._thresholds = np.array([0.0 - eps, *thresholds, 1.0 + eps])
        self.curve = curve if isinstance(curve, metrics_utils.AUCCurve) else metrics_utils.AUCCurve.from_str(curve)
        if isinstance(summation_method, metrics_utils.AUCSummationMethod):
            self.summation_method = summation_method
        else:
            self.summation_method = metrics_utils.AUCSummationMethod.from_str(summation_method)
        super().__init__(name=name, dtype=dtype)
        self.multi_label = multi_label
        self.num_labels = num_labels
        self.label_weights = None if label_weights is None else tf.constant(label_weights, dtype=self.dtype)
        self._from_logits = from_logits
        self._built = False
        if multi_label:
            if num_labels:
                self._build([None, num_labels])
        else:
            if num_labels:
                raise ValueError("`num_labels` is needed only when `multi_label` is True.")
            self._build(None)

    def _build(self, shape: Any) -> None:
        # The counts are (thresholds,), or (thresholds, labels) with multi_label, built on the first
        # update when the number of labels is not given.
        if self.multi_label:
            if len(shape) != 2:
                raise ValueError(f"`y_pred` must have rank 2 when `multi_label=True`. Found rank {len(shape)}. "
                                 f"Full shape received for `y_pred`: {shape}")
            self._num_labels = shape[1]
            variable_shape: Any = [self.num_thresholds, self._num_labels]
        else:
            variable_shape = [self.num_thresholds]
        self._build_input_shape = shape
        self.true_positives = self.add_variable(shape=variable_shape, initializer=_zeros, name="true_positives")
        self.false_positives = self.add_variable(shape=variable_shape, initializer=_zeros, name="false_positives")
        self.true_negatives = self.add_variable(shape=variable_shape, initializer=_zeros, name="true_negatives")
        self.false_negatives = self.add_variable(shape=variable_shape, initializer=_zeros, name="false_negatives")
        self._built = True

    @property
    def thresholds(self) -> list:
        return list(self._thresholds)

    def update_state(self, y_true: Any, y_pred: Any, sample_weight: Any = None) -> None:
        if not self._built:
            self._build(tuple(y_pred.shape))
        if self._from_logits:
            y_pred = tf.sigmoid(y_pred if tf.is_tensor(y_pred) else tf.convert_to_tensor(y_pred))
        metrics_utils.update_confusion_matrix_variables(
            {ConfusionMatrix.TRUE_POSITIVES: self.true_positives, ConfusionMatrix.TRUE_NEGATIVES: self.true_negatives,
             ConfusionMatrix.FALSE_POSITIVES: self.false_positives,
             ConfusionMatrix.FALSE_NEGATIVES: self.false_negatives},
            y_true, y_pred, self._thresholds, thresholds_distributed_evenly=self._thresholds_distributed_evenly,
            sample_weight=sample_weight, multi_label=self.multi_label,
            label_weights=None if self.multi_label else self.label_weights)

    def _counts(self) -> tuple:
        return tuple(tf.convert_to_tensor(v) for v in (self.true_positives, self.false_positives,
                                                       self.true_negatives, self.false_negatives))

    def interpolate_pr_auc(self) -> Any:
        """Davis & Goadrich's interpolated area under the precision-recall curve."""
        tp, fp, _, fn = self._counts()
        n = self.num_thresholds
        dtp = tf.subtract(tp[: n - 1], tp[1:])
        p = tf.add(tp, fp)
        dp = tf.subtract(p[: n - 1], p[1:])
        prec_slope = tf.math.divide_no_nan(dtp, tf.maximum(dp, 0))
        intercept = tf.subtract(tp[1:], tf.multiply(prec_slope, p[1:]))
        safe_p_ratio = tf.where(tf.logical_and(p[: n - 1] > 0, p[1:] > 0),
                                tf.math.divide_no_nan(p[: n - 1], tf.maximum(p[1:], 0)), tf.ones_like(p[1:]))
        increment = tf.math.divide_no_nan(
            tf.multiply(prec_slope, tf.add(dtp, tf.multiply(intercept, tf.math.log(safe_p_ratio)))),
            tf.maximum(tf.add(tp[1:], fn[1:]), 0))
        return self._aggregate(increment)

    def _aggregate(self, terms: Any) -> Any:
        # The sum over thresholds; with multi_label, the per-label areas' (weighted) mean.
        if not self.multi_label:
            return tf.reduce_sum(terms)
        by_label = tf.reduce_sum(terms, axis=0)
        if self.label_weights is None:
            return tf.reduce_mean(by_label)
        return tf.math.divide_no_nan(tf.reduce_sum(tf.multiply(by_label, self.label_weights)),
                                     tf.reduce_sum(self.label_weights))

    def result(self) -> Any:
        curves = metrics_utils.AUCCurve
        methods = metrics_utils.AUCSummationMethod
        if self.curve == curves.PR and self.summation_method == methods.INTERPOLATION:
            return self.interpolate_pr_auc()
        tp, fp, tn, fn = self._counts()
        recall = tf.math.divide_no_nan(tp, tf.add(tp, fn))
        if self.curve == curves.ROC:
            x = tf.math.divide_no_nan(fp, tf.add(fp, tn))
            y = recall
        elif self.curve == curves.PR:
            x = recall
            y = tf.math.divide_no_nan(tp, tf.add(tp, fp))
        else:
            scaling = tf.math.divide_no_nan(tf.add(tp, fn), tf.add(tn, fp))
            recall_gain = 1.0 - scaling * tf.math.divide_no_nan(fn, tp)
            precision_gain = 1.0 - scaling * tf.math.divide_no_nan(fp, tp)
            no_tp = tf.equal(tp, 0.0)
            recall_gain = tf.where(no_tp, tf.zeros_like(recall_gain), recall_gain)
            precision_gain = tf.where(no_tp, tf.ones_like(precision_gain), precision_gain)
            x = tf.maximum(recall_gain, 0.0)
            y = precision_gain
        n = self.num_thresholds
        if self.summation_method == methods.INTERPOLATION:
            heights = tf.divide(tf.add(y[: n - 1], y[1:]), 2.0)
        elif self.summation_method == methods.MINORING:
            heights = tf.minimum(y[: n - 1], y[1:])
        else:
            heights = tf.maximum(y[: n - 1], y[1:])
        return self._aggregate(tf.multiply(tf.subtract(x[: n - 1], x[1:]), heights))

    def reset_state(self) -> None:
        if not self._built:
            return
        shape = (self.num_thresholds, self._num_labels) if self.multi_label else (self.num_thresholds,)
        for v in (self.true_positives, self.false_positives, self.true_negatives, self.false_negatives):
            v.assign(tf.zeros(shape))

    def get_config(self) -> dict:
        config = {"num_thresholds": self.num_thresholds, "curve": self.curve.value,
                  "summation_method": self.summation_method.value, "multi_label": self.multi_label,
                  "num_labels": self.num_labels, "label_weights": self.label_weights,
                  "from_logits": self._from_logits}
        if self._init_from_thresholds:
            config["thresholds"] = self.thresholds[1:-1]
        return {**super().get_config(), **config}
