"""`Sum`, `Mean` and `MeanMetricWrapper` (a `Mean` over a per-sample function)."""

from __future__ import annotations

from typing import Any

import tfshim as tf
from tfshim.keras.losses._keras_state import floatx
from tfshim.keras.losses.loss import apply_mask, convert, squeeze_or_expand_to_same_rank
from tfshim.keras.metrics.metric import Metric


def reduce_to_samplewise_values(values: Any, sample_weight: Any, reduce_fn: Any, dtype: Any,
                                mask: Any = None) -> tuple:
    """Casts `values` to `dtype`; with weights of rank r, reduces the axes beyond r and multiplies
    by the broadcast weights; finally reduces every axis but the first. Returns (values, weights).

    `mask` is the Keras mask of the values (applied to the weights only, as Keras does)."""
    dtype = dtype or floatx()
    values = tf.cast(values, dtype)
    if sample_weight is not None:
        sample_weight = convert(sample_weight, dtype)
        if mask is not None:
            sample_weight = apply_mask(sample_weight, mask, dtype=dtype, reduction="sum")
        values, sample_weight = squeeze_or_expand_to_same_rank(values, sample_weight)
        weight_ndim = len(sample_weight.shape)
        values_ndim = len(values.shape)
        if values_ndim > weight_ndim:
            values = reduce_fn(values, axis=list(range(weight_ndim, values_ndim)))
        sample_weight = tf.broadcast_to(sample_weight, tf.shape(values))
        values = values * sample_weight
        if weight_ndim > 1:
            sample_weight = reduce_fn(sample_weight, axis=list(range(1, weight_ndim)))
    values_ndim = len(values.shape)
    if values_ndim > 1:
        values = reduce_fn(values, axis=list(range(1, values_ndim)))
    return values, sample_weight


def _zeros(shape: Any, dtype: Any = None) -> Any:
    return tf.zeros(shape, dtype=dtype)


class Sum(Metric):
    """`keras.metrics.Sum`: variable `total`, adds `sum(values * sample_weight)`."""

    def __init__(self, name: str = "sum", dtype: Any = None) -> None:
        super().__init__(name=name, dtype=dtype)
        self.total = self.add_variable(shape=(), initializer=_zeros, dtype=self.dtype, name="total")

    def update_state(self, values: Any, sample_weight: Any = None) -> None:
        values, _ = reduce_to_samplewise_values(values, sample_weight, tf.reduce_sum, self.dtype)
        self.total.assign_add(tf.reduce_sum(values))

    def reset_state(self) -> None:
        self.total.assign(0)

    def result(self) -> Any:
        return tf.cast(self.total, self.dtype)


class Mean(Metric):
    """`keras.metrics.Mean`: variables `total` and `count`; the result is `total / count`
    (0 when empty). `count` grows by `sum(sample_weight)`, or by the batch size."""

    def __init__(self, name: str = "mean", dtype: Any = None) -> None:
        super().__init__(name=name, dtype=dtype)
        self.total = self.add_variable(shape=(), initializer=_zeros, dtype=self.dtype, name="total")
        self.count = self.add_variable(shape=(), initializer=_zeros, dtype=self.dtype, name="count")

    def update_state(self, values: Any, sample_weight: Any = None) -> None:
        self._update(values, sample_weight, None)

    def _update(self, values: Any, sample_weight: Any, mask: Any) -> None:
        values, sample_weight = reduce_to_samplewise_values(
            _as_tensor(values), sample_weight, tf.reduce_mean, self.dtype, mask=mask)
        self.total.assign_add(tf.reduce_sum(values))
        if sample_weight is not None:
            num_samples = tf.reduce_sum(sample_weight)
        elif len(values.shape) >= 1:
            num_samples = values.shape[0]
        else:
            num_samples = 1
        self.count.assign_add(tf.cast(num_samples, dtype=self.dtype))

    def reset_state(self) -> None:
        self.total.assign(0)
        self.count.assign(0)

    def result(self) -> Any:
        return tf.math.divide_no_nan(tf.convert_to_tensor(self.total), tf.cast(self.count, dtype=self.dtype))


def _as_tensor(x: Any) -> Any:
    return x if tf.is_tensor(x) else tf.convert_to_tensor(x)


class MeanMetricWrapper(Mean):
    """`keras.metrics.MeanMetricWrapper(fn, name=None, dtype=None, **kwargs)`: the weighted mean
    of `fn(y_true, y_pred, **kwargs)`.

    Differs from Keras: `get_config()['fn']` is the function's name, not Keras's serialized dict."""

    def __init__(self, fn: Any, name: str | None = None, dtype: Any = None, **kwargs: Any) -> None:
        super().__init__(name=name, dtype=dtype)
        self._fn = fn
        self._fn_kwargs = kwargs

    def _values_and_mask(self, y_true: Any, y_pred: Any) -> tuple:
        return self._fn(y_true, y_pred, **self._fn_kwargs), None

    def update_state(self, y_true: Any, y_pred: Any, sample_weight: Any = None) -> None:
        values, mask = self._values_and_mask(y_true, y_pred)
        self._update(values, sample_weight, mask)

    def get_config(self) -> dict:
        config = {"name": self.name, "dtype": self.dtype, "fn": getattr(self._fn, "__name__", self._fn)}
        config.update(self._fn_kwargs)
        return config

    @classmethod
    def from_config(cls, config: dict) -> Metric:
        config = dict(config)
        if isinstance(config.get("fn"), str):
            from tfshim.keras import losses

            config["fn"] = losses.get(config["fn"])
        return cls(**config)
