"""Regression metrics: weighted means of the regression losses' per-sample values, and
`RootMeanSquaredError` (the square root of the weighted mean squared error)."""

from __future__ import annotations

from typing import Any

import tfshim as tf
from tfshim.keras.losses import losses as _losses
from tfshim.keras.losses.loss import convert, squeeze_or_expand_to_same_rank
from tfshim.keras.metrics.reduction_metrics import Mean, MeanMetricWrapper


def cosine_similarity(y_true: Any, y_pred: Any, axis: int = -1) -> Any:
    """`sum(l2_normalize(y_true) * l2_normalize(y_pred), axis)` (the loss is its negative)."""
    y_pred = y_pred if tf.is_tensor(y_pred) else tf.convert_to_tensor(y_pred)
    y_true = convert(y_true, y_pred.dtype)
    y_true, y_pred = squeeze_or_expand_to_same_rank(y_true, y_pred)
    y_pred = _losses._l2_normalize(y_pred, axis)
    y_true = _losses._l2_normalize(y_true, axis)
    return tf.reduce_sum(y_true * y_pred, axis=axis)


class _NameDtypeConfig(MeanMetricWrapper):
    # Built-ins whose config is only name and dtype.
    def get_config(self) -> dict:
        return {"name": self.name, "dtype": self.dtype}


class MeanSquaredError(_NameDtypeConfig):
    """`keras.metrics.MeanSquaredError`."""

    def __init__(self, name: str = "mean_squared_error", dtype: Any = None) -> None:
        super().__init__(fn=_losses.mean_squared_error, name=name, dtype=dtype)


class MeanAbsoluteError(_NameDtypeConfig):
    """`keras.metrics.MeanAbsoluteError`."""

    def __init__(self, name: str = "mean_absolute_error", dtype: Any = None) -> None:
        super().__init__(_losses.mean_absolute_error, name, dtype=dtype)


class MeanAbsolutePercentageError(_NameDtypeConfig):
    """`keras.metrics.MeanAbsolutePercentageError`."""

    def __init__(self, name: str = "mean_absolute_percentage_error", dtype: Any = None) -> None:
        super().__init__(_losses.mean_absolute_percentage_error, name, dtype=dtype)


class MeanSquaredLogarithmicError(_NameDtypeConfig):
    """`keras.metrics.MeanSquaredLogarithmicError`."""

    def __init__(self, name: str = "mean_squared_logarithmic_error", dtype: Any = None) -> None:
        super().__init__(_losses.mean_squared_logarithmic_error, name, dtype=dtype)


class CosineSimilarity(_NameDtypeConfig):
    """`keras.metrics.CosineSimilarity(axis=-1)` (the config does not keep `axis`, as in Keras)."""

    def __init__(self, name: str = "cosine_similarity", dtype: Any = None, axis: int = -1) -> None:
        super().__init__(cosine_similarity, name, dtype=dtype, axis=axis)


class LogCoshError(_NameDtypeConfig):
    """`keras.metrics.LogCoshError`; named `logcosh`."""

    def __init__(self, name: str = "logcosh", dtype: Any = None) -> None:
        super().__init__(_losses.log_cosh, name, dtype=dtype)


class RootMeanSquaredError(Mean):
    """`keras.metrics.RootMeanSquaredError`: `sqrt(total / count)` of the squared errors."""

    def __init__(self, name: str = "root_mean_squared_error", dtype: Any = None) -> None:
        super().__init__(name, dtype=dtype)

    def update_state(self, y_true: Any, y_pred: Any, sample_weight: Any = None) -> None:
        y_true = convert(y_true, self._dtype)
        y_pred = convert(y_pred, self._dtype)
        y_true, y_pred = squeeze_or_expand_to_same_rank(y_true, y_pred)
        super().update_state(tf.square(y_pred - y_true), sample_weight=sample_weight)

    def result(self) -> Any:
        return tf.sqrt(super().result())
