"""`keras.losses.Loss`: the base class, its reductions, and the weighting both losses and metrics use.

Differs from Keras 3.15: nested Python lists of `y_true`/`y_pred` must pair up as in Keras (which
maps over their leaves together), but are then converted as one tensor each (same values); the
structure-mismatch message is tfshim's own. A Keras mask attached to `y_pred` by
a masking layer is not read (the `ignore_class` mask of `SparseCategoricalCrossentropy` is).
"""

from __future__ import annotations

from typing import Any

import tfshim as tf
from tfshim.keras.losses import _keras_state

_REDUCTIONS = ("sum_over_batch_size", "sum", None, "none", "mean", "mean_with_sample_weight")
# Keras prints the allowed set in its message; this is the order TF 2.21 prints it in.
_ALLOWED_TEXT = "{'mean', 'mean_with_sample_weight', 'none', 'sum_over_batch_size', 'sum', None}"


def standardize_reduction(reduction: Any) -> Any:
    """Returns `reduction` unchanged, or raises ValueError for a value Keras 3 does not accept
    (`'auto'` included)."""
    if not any(reduction is r or (isinstance(reduction, str) and reduction == r) for r in _REDUCTIONS):
        raise ValueError(
            "Invalid value for argument `reduction`. "
            f"Expected one of {_ALLOWED_TEXT}. Received: reduction={reduction}")
    return reduction


def convert(x: Any, dtype: Any) -> Any:
    """Keras's `ops.convert_to_tensor(x, dtype)`: a tensor (or Keras variable) of another dtype is
    cast; a Python or NumPy value is converted, through a cast for integer and bool targets."""
    if tf.is_tensor(x):
        if tf.as_dtype(x.dtype) != tf.as_dtype(dtype):
            return tf.cast(x, dtype)
        return tf.convert_to_tensor(x)
    target = tf.as_dtype(dtype)
    if target.is_integer or target.is_bool:
        return tf.cast(tf.convert_to_tensor(x), target)
    return tf.convert_to_tensor(x, dtype=target)


def squeeze_or_expand_to_same_rank(x1: Any, x2: Any, expand_rank_1: bool = True) -> tuple:
    """When the ranks differ by one and the longer has a trailing 1: give a rank-1 side a trailing
    axis (so `(N,1)` against `(N,)` never broadcasts to `(N,N)`), otherwise drop the trailing 1."""
    r1 = len(x1.shape)
    r2 = len(x2.shape)
    if r1 == r2:
        return x1, x2
    if r1 == r2 + 1 and x1.shape[-1] == 1:
        if r2 == 1 and expand_rank_1:
            x2 = tf.expand_dims(x2, axis=-1)
        else:
            x1 = tf.squeeze(x1, axis=-1)
    if r2 == r1 + 1 and x2.shape[-1] == 1:
        if r1 == 1 and expand_rank_1:
            x1 = tf.expand_dims(x1, axis=-1)
        else:
            x2 = tf.squeeze(x2, axis=-1)
    return x1, x2


def _num_elements(shape: Any) -> int:
    n = 1
    for d in shape:
        n *= int(d)
    return n


def reduce_values(values: Any, sample_weight: Any = None, reduction: Any = "sum_over_batch_size") -> Any:
    """Sums the (already weighted) values; the mean reductions then divide with `divide_no_nan`
    by the number of values, or by `sum(sample_weight)` for `'mean_with_sample_weight'`.
    Scalars, `(0,)`-shaped values and `'none'`/None come back unchanged."""
    shape = tuple(values.shape)
    if reduction is None or reduction == "none" or shape == () or shape == (0,):
        return values
    loss = tf.reduce_sum(values)
    if reduction in ("sum_over_batch_size", "mean", "mean_with_sample_weight"):
        if reduction == "mean_with_sample_weight" and sample_weight is not None:
            divisor = tf.cast(tf.reduce_sum(sample_weight), loss.dtype)
        else:
            divisor = tf.cast(tf.constant(_num_elements(shape), tf.int32), loss.dtype)
        loss = tf.math.divide_no_nan(loss, divisor)
    return loss


def apply_mask(sample_weight: Any, mask: Any, dtype: Any, reduction: Any) -> Any:
    """Folds a boolean mask into the sample weights. For the mean reductions a valid entry weighs
    `total/valid`, so the mean is over the valid entries only."""
    if mask is None:
        return sample_weight
    if reduction in ("mean", "sum_over_batch_size"):
        total = tf.cast(tf.constant(_num_elements(mask.shape), tf.int32), dtype)
        valid = tf.reduce_sum(tf.cast(mask, dtype))
        mask_weight = tf.math.divide_no_nan(total, valid)
        float_mask = tf.where(tf.cast(mask, tf.bool), mask_weight, tf.zeros_like(mask_weight))
    else:
        float_mask = tf.cast(mask, dtype)
    if sample_weight is None:
        return float_mask
    sample_weight = tf.cast(sample_weight, dtype)
    float_mask, sample_weight = squeeze_or_expand_to_same_rank(float_mask, sample_weight)
    return sample_weight * float_mask


def reduce_weighted_values(values: Any, sample_weight: Any = None, mask: Any = None,
                           reduction: Any = "sum_over_batch_size", dtype: Any = None) -> Any:
    """Weights the per-sample values (ranks matched first), then reduces them."""
    reduction = standardize_reduction(reduction)
    dtype = dtype or _keras_state.floatx()
    values = convert(values, dtype)
    if sample_weight is not None:
        sample_weight = convert(sample_weight, dtype)
    if mask is not None:
        mask = convert(mask, dtype)
    sample_weight = apply_mask(sample_weight, mask, values.dtype, reduction)
    if sample_weight is not None:
        sample_weight = tf.cast(sample_weight, values.dtype)
        values, sample_weight = squeeze_or_expand_to_same_rank(values, sample_weight)
        values = values * sample_weight
    return reduce_values(values, sample_weight, reduction)


class Loss:
    """`keras.losses.Loss`: subclasses implement `call(y_true, y_pred)`; `__call__` converts both
    inputs to `dtype` (floatx) first, then weights and reduces what `call` returns."""

    def __init__(self, name: str | None = None, reduction: Any = "sum_over_batch_size",
                 dtype: Any = None) -> None:
        self.name = name or _keras_state.auto_name(type(self).__name__)
        self.reduction = standardize_reduction(reduction)
        self._dtype = _keras_state.compute_dtype(dtype or _keras_state.floatx())

    @property
    def dtype(self) -> str:
        return self._dtype

    def __call__(self, y_true: Any, y_pred: Any, sample_weight: Any = None) -> Any:
        if _structure(y_true) != _structure(y_pred):
            # Keras maps over the two nested structures together, so Python lists must pair up.
            raise ValueError("Structures don't have the same nested structure: y_true is "
                             f"{type(y_true).__name__}, y_pred is {type(y_pred).__name__}.")
        y_pred = convert(y_pred, self._dtype)
        y_true = convert(y_true, self._dtype)
        losses, mask = self._call_with_mask(y_true, y_pred)
        return reduce_weighted_values(losses, sample_weight=sample_weight, mask=mask,
                                      reduction=self.reduction, dtype=self._dtype)

    def _call_with_mask(self, y_true: Any, y_pred: Any) -> tuple:
        # The per-sample values and the Keras mask Keras would attach to them (None here).
        return self.call(y_true, y_pred), None

    def call(self, y_true: Any, y_pred: Any) -> Any:
        raise NotImplementedError

    def get_config(self) -> dict:
        return {"name": self.name, "reduction": self.reduction}

    @classmethod
    def from_config(cls, config: dict) -> Loss:
        return cls(**config)


def _structure(x: Any) -> Any:
    # The nesting of Python lists and tuples (None for a leaf: a tensor, array or number).
    if isinstance(x, (list, tuple)):
        return (type(x), tuple(_structure(e) for e in x))
    return None
