"""Regression metrics: weighted means of the regression losses' per-sample values, and
`RootMeanSquaredError` (the square root of the weighted mean squared error), and `R2Score`."""

from __future__ import annotations

import warnings
from typing import Any

import tfshim as tf
from tfshim.keras.losses import losses as _losses
from tfshim.keras.losses.loss import convert, squeeze_or_expand_to_same_rank
from tfshim.keras.metrics.metric import Metric
from tfshim.keras.metrics.reduction_metrics import Mean, MeanMetricWrapper


def _zeros(shape: Any, dtype: Any = None) -> Any:
    return tf.zeros(shape, dtype=dtype)


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


def _accumulate(variable: Any, increment: Any) -> None:
    # `variable + increment` with Keras's type promotion (a float32 variable plus a float64 sum
    # adds in float64), then assigned back in the variable's dtype.
    value = tf.convert_to_tensor(variable)
    if value.dtype != increment.dtype:
        wide = tf.float64 if tf.float64 in (value.dtype, increment.dtype) else value.dtype
        value, increment = tf.cast(value, wide), tf.cast(increment, wide)
    variable.assign(value + increment)


class R2Score(Metric):
    """`keras.metrics.R2Score(class_aggregation='uniform_average', num_regressors=0)`: the
    coefficient of determination per output column, aggregated uniformly, variance-weighted or not
    at all (None); `num_regressors > 0` gives the adjusted score. Variables (beyond `num_samples`)
    are built on the first update from the 2-D inputs."""

    def __init__(self, class_aggregation: str | None = "uniform_average", num_regressors: int = 0,
                 name: str = "r2_score", dtype: Any = None) -> None:
        super().__init__(name=name, dtype=dtype)
        valid = (None, "uniform_average", "variance_weighted_average")
        if class_aggregation not in valid:
            raise ValueError("Invalid value for argument `class_aggregation`. Expected one of "
                             f"{valid}. Received: class_aggregation={class_aggregation}")
        if num_regressors < 0:
            raise ValueError("Invalid value for argument `num_regressors`. Expected a value >= 0. "
                             f"Received: num_regressors={num_regressors}")
        self.class_aggregation = class_aggregation
        self.num_regressors = num_regressors
        self.num_samples = self.add_variable(shape=(), initializer=_zeros, name="num_samples")
        self._built = False

    def _build(self, y_true_shape: Any, y_pred_shape: Any) -> None:
        if len(y_pred_shape) != 2 or len(y_true_shape) != 2:
            raise ValueError("R2Score expects 2D inputs with shape (batch_size, output_dim). Received input "
                             f"shapes: y_pred.shape={y_pred_shape} and y_true.shape={y_true_shape}.")
        n = [y_pred_shape[-1]]
        self.squared_sum = self.add_variable(name="squared_sum", shape=n, initializer=_zeros)
        self.sum = self.add_variable(name="sum", shape=n, initializer=_zeros)
        self.total_mse = self.add_variable(name="residual", shape=n, initializer=_zeros)
        self.count = self.add_variable(name="count", shape=n, initializer=_zeros)
        self._built = True

    def update_state(self, y_true: Any, y_pred: Any, sample_weight: Any = None) -> None:
        y_true = convert(y_true, self._dtype)
        y_pred = convert(y_pred, self._dtype)
        y_true, y_pred = squeeze_or_expand_to_same_rank(y_true, y_pred)
        if not self._built:
            self._build(y_true.shape, y_pred.shape)
        sample_weight = convert(1 if sample_weight is None else sample_weight, self.dtype)
        if len(sample_weight.shape) == 1:
            sample_weight = tf.expand_dims(sample_weight, axis=1)
        sample_weight = tf.cast(tf.broadcast_to(sample_weight, tf.shape(y_true)), y_true.dtype)
        weighted_y_true = y_true * sample_weight
        _accumulate(self.sum, tf.reduce_sum(weighted_y_true, axis=0))
        _accumulate(self.squared_sum, tf.reduce_sum(y_true * weighted_y_true, axis=0))
        _accumulate(self.total_mse, tf.reduce_sum((y_true - y_pred) ** 2 * sample_weight, axis=0))
        _accumulate(self.count, tf.reduce_sum(sample_weight, axis=0))
        self.num_samples.assign(self.num_samples + tf.cast(tf.size(y_true), self.num_samples.dtype))

    def result(self) -> Any:
        total_sum = tf.convert_to_tensor(self.sum)
        mean = total_sum / self.count
        total = self.squared_sum - total_sum * mean
        raw_scores = 1 - (self.total_mse / total)
        raw_scores = tf.where(tf.math.is_inf(raw_scores), tf.zeros_like(raw_scores), raw_scores)
        if self.class_aggregation == "uniform_average":
            r2 = tf.reduce_mean(raw_scores)
        elif self.class_aggregation == "variance_weighted_average":
            r2 = tf.reduce_sum(total * raw_scores) / tf.reduce_sum(total)
        else:
            r2 = raw_scores
        if self.num_regressors != 0:
            samples = float(self.num_samples.numpy())
            if self.num_regressors > samples - 1:
                warnings.warn("More independent predictors than datapoints in adjusted R2 score. "
                              "Falling back to standard R2 score.", stacklevel=2)
            elif self.num_regressors == samples - 1:
                warnings.warn("Division by zero in Adjusted R2 score. Falling back to standard R2 score.",
                              stacklevel=2)
            else:
                n = tf.cast(tf.convert_to_tensor(self.num_samples), tf.float32)
                p = tf.constant(self.num_regressors, tf.float32)
                num = tf.multiply(tf.subtract(1.0, r2), tf.subtract(n, 1.0))
                den = tf.subtract(tf.subtract(n, p), 1.0)
                r2 = tf.subtract(1.0, tf.divide(num, den))
        return r2

    def reset_state(self) -> None:
        for v in self.variables:
            v.assign(tf.zeros(v.shape, dtype=v.dtype))

    def get_config(self) -> dict:
        return {"name": self.name, "dtype": self.dtype, "class_aggregation": self.class_aggregation,
                "num_regressors": self.num_regressors}
