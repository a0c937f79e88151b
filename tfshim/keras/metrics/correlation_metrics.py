"""`keras.metrics.PearsonCorrelation` / `ConcordanceCorrelation` and their per-sample functions."""

from __future__ import annotations

from typing import Any

import tfshim as tf
from tfshim.keras.losses._keras_state import epsilon
from tfshim.keras.losses.loss import squeeze_or_expand_to_same_rank
from tfshim.keras.metrics.reduction_metrics import MeanMetricWrapper

_LOW = ("float16", "bfloat16")


def _convert_like(y_true: Any, y_pred: Any) -> tuple:
    y_pred = y_pred if tf.is_tensor(y_pred) else tf.convert_to_tensor(y_pred)
    if tf.is_tensor(y_true):
        y_true = y_true if y_true.dtype == y_pred.dtype else tf.cast(y_true, y_pred.dtype)
    else:
        y_true = tf.convert_to_tensor(y_true, dtype=y_pred.dtype)
    return squeeze_or_expand_to_same_rank(y_true, y_pred)


def _mean(x: Any, axis: Any) -> Any:
    """`keras.ops.mean(keepdims=True)`: float16/bfloat16 are averaged in float32 and cast back."""
    if x.dtype.name in _LOW:
        return tf.cast(tf.reduce_mean(tf.cast(x, tf.float32), axis=axis, keepdims=True), x.dtype)
    return tf.reduce_mean(x, axis=axis, keepdims=True)


def _var(x: Any, axis: Any) -> Any:
    """`keras.ops.var(keepdims=True)`: float16/bfloat16 in float32, cast back."""
    if x.dtype.name in _LOW:
        return tf.cast(tf.math.reduce_variance(tf.cast(x, tf.float32), axis=axis, keepdims=True), x.dtype)
    return tf.math.reduce_variance(x, axis=axis, keepdims=True)


def pearson_correlation(y_true: Any, y_pred: Any, axis: int = -1) -> Any:
    """The mean over `axis` of the product of the centred inputs, each divided by its std."""
    y_true, y_pred = _convert_like(y_true, y_pred)
    y_true_norm = y_true - _mean(y_true, axis)
    y_pred_norm = y_pred - _mean(y_pred, axis)
    y_true_norm = y_true_norm / tf.math.reduce_std(y_true_norm, axis=axis, keepdims=True)
    y_pred_norm = y_pred_norm / tf.math.reduce_std(y_pred_norm, axis=axis, keepdims=True)
    return tf.squeeze(_mean(y_true_norm * y_pred_norm, axis), axis=axis)


def concordance_correlation(y_true: Any, y_pred: Any, axis: int = -1) -> Any:
    """Keras's formula: `mean(2 (y_true - mean(y_pred)) (y_pred - mean(y_pred)) / (var_t + var_p + (m_t - m_p)^2
    + epsilon))` over `axis` (the covariance term centres `y_true` on the mean of `y_pred`, as Keras does)."""
    y_true, y_pred = _convert_like(y_true, y_pred)
    y_true_mean = _mean(y_true, axis)
    y_pred_mean = _mean(y_pred, axis)
    y_true_var = _var(y_true - y_true_mean, axis)
    y_pred_var = _var(y_pred - y_pred_mean, axis)
    covar = (y_true - y_pred_mean) * (y_pred - y_pred_mean)
    norm = y_true_var + y_pred_var + tf.square(y_true_mean - y_pred_mean)
    return tf.squeeze(_mean(2 * covar / (norm + epsilon()), axis), axis=axis)


class PearsonCorrelation(MeanMetricWrapper):
    """`keras.metrics.PearsonCorrelation`: the weighted mean of `pearson_correlation`."""

    def __init__(self, name: str = "pearson_correlation", dtype: Any = None, axis: int = -1) -> None:
        super().__init__(pearson_correlation, name=name, dtype=dtype, axis=axis)
        self.axis = axis
        self._direction = "up"

    def get_config(self) -> dict:
        return {"name": self.name, "dtype": self.dtype, "axis": self.axis}

    @classmethod
    def from_config(cls, config: dict) -> PearsonCorrelation:
        return cls(**config)


class ConcordanceCorrelation(MeanMetricWrapper):
    """`keras.metrics.ConcordanceCorrelation`: the weighted mean of `concordance_correlation`."""

    def __init__(self, name: str = "concordance_correlation", dtype: Any = None, axis: int = -1) -> None:
        super().__init__(concordance_correlation, name=name, dtype=dtype, axis=axis)
        self.axis = axis
        self._direction = "up"

    def get_config(self) -> dict:
        return {"name": self.name, "dtype": self.dtype, "axis": self.axis}

    @classmethod
    def from_config(cls, config: dict) -> ConcordanceCorrelation:
        return cls(**config)
