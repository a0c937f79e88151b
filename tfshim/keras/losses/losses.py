"""The Keras 3.15 losses: per-sample functions and the `Loss` classes that wrap them.

Each function computes with the tf ops Keras's TensorFlow backend uses, in the same order, so the
values and gradients are TensorFlow's. The functions do not reduce over the batch and keep the
input dtype; the classes convert both inputs to floatx first, then weight and reduce.
"""

from __future__ import annotations

import warnings
from typing import Any

import tfshim as tf
from tfshim.keras.losses import _nn
from tfshim.keras.losses._keras_state import epsilon
from tfshim.keras.losses.loss import Loss, convert, squeeze_or_expand_to_same_rank


# -- Keras-ops helpers (what `keras.ops` does on the TF backend, where it differs from plain tf) ---
def _tensor(x: Any) -> Any:
    return x if tf.is_tensor(x) else tf.convert_to_tensor(x)


def _cast(x: Any, dtype: Any) -> Any:
    return tf.cast(_tensor(x), dtype)


def _mean(x: Any, axis: Any = None) -> Any:
    # keras.ops.mean: integers and bools are averaged in float32; float16 and bfloat16 are
    # averaged in float32 and cast back.
    if x.dtype.is_integer or x.dtype.is_bool:
        return tf.reduce_mean(tf.cast(x, tf.float32), axis=axis)
    if x.dtype in (tf.float16, tf.bfloat16):
        return tf.cast(tf.reduce_mean(tf.cast(x, tf.float32), axis=axis), x.dtype)
    return tf.reduce_mean(x, axis=axis)


def _check_axis(axis: Any) -> None:
    if isinstance(axis, bool):
        raise ValueError(f"`axis` must be of type `int`. Received: axis={axis} of type {type(axis)}")


def _warn_one_class(fn_name: str, y_pred: Any) -> None:
    if len(y_pred.shape) and y_pred.shape[-1] == 1:
        warnings.warn(
            f"In loss {fn_name}, expected y_pred.shape to be (batch_size, num_classes) with "
            f"num_classes > 1. Received: y_pred.shape={y_pred.shape}. Consider using "
            "'binary_crossentropy' if you only have 2 classes.", SyntaxWarning, stacklevel=3)


def _smooth_categorical(y_true: Any, y_pred: Any, label_smoothing: float) -> Any:
    num_classes = tf.cast(y_true.shape[-1], y_pred.dtype)
    return y_true * (1.0 - label_smoothing) + (label_smoothing / num_classes)


def _l2_normalize(x: Any, axis: Any) -> Any:
    # keras.ops.normalize(order=2): x * min(rsqrt(sum(x^2)), 1/epsilon); a 0-d input gets an axis.
    if len(x.shape) == 0:
        x = tf.expand_dims(x, axis=0)
    square_sum = tf.reduce_sum(tf.square(x), axis=axis, keepdims=True)
    inv_norm = tf.minimum(tf.math.rsqrt(square_sum), 1.0 / epsilon())
    return x * inv_norm


def _binary_labels_to_hinge(y_true: Any) -> Any:
    is_binary = tf.reduce_all(tf.logical_or(tf.equal(y_true, 0), tf.equal(y_true, 1)))
    return 2.0 * y_true - 1.0 if bool(is_binary) else y_true


# -- regression ------------------------------------------------------------------------------------
def mean_squared_error(y_true: Any, y_pred: Any) -> Any:
    """`mean((y_true - y_pred)^2, axis=-1)`, ranks matched first."""
    y_pred = _tensor(y_pred)
    y_true = convert(y_true, y_pred.dtype)
    y_true, y_pred = squeeze_or_expand_to_same_rank(y_true, y_pred)
    return _mean(tf.square(y_true - y_pred), axis=-1)


def mean_absolute_error(y_true: Any, y_pred: Any) -> Any:
    """`mean(|y_true - y_pred|, axis=-1)`, ranks matched first."""
    y_pred = _tensor(y_pred)
    y_true = convert(y_true, y_pred.dtype)
    y_true, y_pred = squeeze_or_expand_to_same_rank(y_true, y_pred)
    return _mean(tf.abs(y_true - y_pred), axis=-1)


def mean_absolute_percentage_error(y_true: Any, y_pred: Any) -> Any:
    """`100 * mean(|y_true - y_pred| / max(|y_true|, epsilon), axis=-1)`."""
    y_pred = _tensor(y_pred)
    y_true = convert(y_true, y_pred.dtype)
    eps = tf.convert_to_tensor(epsilon(), dtype=y_pred.dtype)
    y_true, y_pred = squeeze_or_expand_to_same_rank(y_true, y_pred)
    diff = tf.abs((y_true - y_pred) / tf.maximum(tf.abs(y_true), eps))
    return 100.0 * _mean(diff, axis=-1)


def mean_squared_logarithmic_error(y_true: Any, y_pred: Any) -> Any:
    """`mean((log(max(y_pred, eps) + 1) - log(max(y_true, eps) + 1))^2, axis=-1)`."""
    eps = epsilon()
    y_pred = _tensor(y_pred)
    y_true = convert(y_true, y_pred.dtype)
    y_true, y_pred = squeeze_or_expand_to_same_rank(y_true, y_pred)
    first_log = tf.math.log(tf.maximum(y_pred, eps) + 1.0)
    second_log = tf.math.log(tf.maximum(y_true, eps) + 1.0)
    return _mean(tf.square(first_log - second_log), axis=-1)


def cosine_similarity(y_true: Any, y_pred: Any, axis: int = -1) -> Any:
    """`-sum(l2_normalize(y_true) * l2_normalize(y_pred), axis)`: in [-1, 1]; a zero vector gives -0."""
    y_pred = _tensor(y_pred)
    y_true = convert(y_true, y_pred.dtype)
    y_true, y_pred = squeeze_or_expand_to_same_rank(y_true, y_pred)
    y_pred = _l2_normalize(y_pred, axis)
    y_true = _l2_normalize(y_true, axis)
    return -tf.reduce_sum(y_true * y_pred, axis=axis)


def huber(y_true: Any, y_pred: Any, delta: float = 1.0) -> Any:
    """`mean(0.5 e^2 if |e| <= delta else delta |e| - 0.5 delta^2, axis=-1)`, `e = y_pred - y_true`."""
    y_pred = _tensor(y_pred)
    y_true = convert(y_true, y_pred.dtype)
    y_true, y_pred = squeeze_or_expand_to_same_rank(y_true, y_pred)
    delta = tf.convert_to_tensor(delta, dtype=y_pred.dtype)
    error = tf.subtract(y_pred, y_true)
    abs_error = tf.abs(error)
    half = tf.convert_to_tensor(0.5, dtype=abs_error.dtype)
    return _mean(tf.where(abs_error <= delta, half * tf.square(error),
                          delta * abs_error - half * tf.square(delta)), axis=-1)


def log_cosh(y_true: Any, y_pred: Any) -> Any:
    """`mean(x + softplus(-2x) - log 2, axis=-1)` with `x = y_pred - y_true`."""
    y_pred = _tensor(y_pred)
    y_true = convert(y_true, y_pred.dtype)
    y_true, y_pred = squeeze_or_expand_to_same_rank(y_true, y_pred)
    log2 = tf.cast(tf.math.log(tf.constant(2.0)), y_pred.dtype)  # Keras takes log(2) in float32
    x = y_pred - y_true
    return _mean(x + tf.math.softplus(x * -2.0) - log2, axis=-1)


# -- hinge -----------------------------------------------------------------------------------------
def hinge(y_true: Any, y_pred: Any) -> Any:
    """`mean(max(1 - y_true * y_pred, 0), axis=-1)`; 0/1 labels are mapped to -1/+1 first."""
    y_pred = _tensor(y_pred)
    y_true = _binary_labels_to_hinge(_cast(y_true, y_pred.dtype))
    return _mean(tf.maximum(1.0 - y_true * y_pred, 0.0), axis=-1)


def squared_hinge(y_true: Any, y_pred: Any) -> Any:
    """`mean(max(1 - y_true * y_pred, 0)^2, axis=-1)`; 0/1 labels are mapped to -1/+1 first."""
    y_pred = _tensor(y_pred)
    y_true = _binary_labels_to_hinge(_cast(y_true, y_pred.dtype))
    return _mean(tf.square(tf.maximum(1.0 - y_true * y_pred, 0.0)), axis=-1)


def categorical_hinge(y_true: Any, y_pred: Any) -> Any:
    """`max(max((1 - y_true) * y_pred) - sum(y_true * y_pred) + 1, 0)` over the last axis."""
    y_pred = _tensor(y_pred)
    y_true = _cast(y_true, y_pred.dtype)
    pos = tf.reduce_sum(y_true * y_pred, axis=-1)
    neg = tf.reduce_max((1.0 - y_true) * y_pred, axis=-1)
    zero = tf.cast(0.0, y_pred.dtype)
    return tf.maximum(neg - pos + 1.0, zero)


# -- probabilistic ---------------------------------------------------------------------------------
def kl_divergence(y_true: Any, y_pred: Any) -> Any:
    """`sum(t * log(t / p), axis=-1)` with both `t` and `p` clipped to `[epsilon, 1]`."""
    y_pred = _tensor(y_pred)
    y_true = convert(y_true, y_pred.dtype)
    y_true = tf.clip_by_value(y_true, epsilon(), 1)
    y_pred = tf.clip_by_value(y_pred, epsilon(), 1)
    return tf.reduce_sum(y_true * tf.math.log(y_true / y_pred), axis=-1)


def poisson(y_true: Any, y_pred: Any) -> Any:
    """`mean(y_pred - y_true * log(y_pred + epsilon), axis=-1)`."""
    y_pred = _tensor(y_pred)
    y_true = convert(y_true, y_pred.dtype)
    eps = tf.convert_to_tensor(epsilon(), dtype=y_pred.dtype)
    return _mean(y_pred - y_true * tf.math.log(y_pred + eps), axis=-1)


def binary_crossentropy(y_true: Any, y_pred: Any, from_logits: bool = False, label_smoothing: float = 0.0,
                        axis: int = -1) -> Any:
    """Mean over `axis` of the element-wise binary cross-entropy; smoothing `t*(1-s) + 0.5*s`."""
    y_pred = _tensor(y_pred)
    y_true = _cast(y_true, y_pred.dtype)
    if label_smoothing:
        y_true = y_true * (1.0 - label_smoothing) + 0.5 * label_smoothing
    return _mean(_nn.binary_crossentropy(y_true, y_pred, from_logits=from_logits), axis=axis)


def binary_focal_crossentropy(y_true: Any, y_pred: Any, apply_class_balancing: bool = False,
                              alpha: float = 0.25, gamma: float = 2.0, from_logits: bool = False,
                              label_smoothing: float = 0.0, axis: int = -1) -> Any:
    """`mean((1 - p_t)^gamma * bce, axis)`, `p_t = t*p + (1-t)(1-p)`; balancing multiplies by
    `t*alpha + (1-t)(1-alpha)`. With `from_logits` the inner cross-entropy uses the logits."""
    y_pred = _tensor(y_pred)
    y_true = _cast(y_true, y_pred.dtype)
    if label_smoothing:
        y_true = y_true * (1.0 - label_smoothing) + 0.5 * label_smoothing
    if from_logits:
        # Keras's sigmoid attaches the logits, so its BCE then takes the logits path.
        logits = y_pred
        y_pred = tf.sigmoid(logits)
        bce = _nn.binary_crossentropy(y_true, logits, from_logits=True)
    else:
        bce = _nn.binary_crossentropy(y_true, y_pred, from_logits=False)
    p_t = y_true * y_pred + (1 - y_true) * (1 - y_pred)
    focal_bce = tf.pow(1.0 - p_t, gamma) * bce
    if apply_class_balancing:
        weight = y_true * alpha + (1 - y_true) * (1 - alpha)
        focal_bce = weight * focal_bce
    return _mean(focal_bce, axis=axis)


def categorical_crossentropy(y_true: Any, y_pred: Any, from_logits: bool = False,
                             label_smoothing: float = 0.0, axis: int = -1) -> Any:
    """`-sum(t * log p, axis)` on renormalised, clipped probabilities (or softmax cross-entropy of
    logits); smoothing `t*(1-s) + s/num_classes`."""
    _check_axis(axis)
    y_pred = _tensor(y_pred)
    y_true = _cast(y_true, y_pred.dtype)
    _warn_one_class("categorical_crossentropy", y_pred)
    if label_smoothing:
        y_true = _smooth_categorical(y_true, y_pred, label_smoothing)
    return _nn.categorical_crossentropy(y_true, y_pred, from_logits=from_logits, axis=axis)


def categorical_focal_crossentropy(y_true: Any, y_pred: Any, alpha: float = 0.25, gamma: float = 2.0,
                                   from_logits: bool = False, label_smoothing: float = 0.0,
                                   axis: int = -1) -> Any:
    """`sum(alpha * (1 - p)^gamma * -t log p, axis)` on renormalised, clipped probabilities."""
    _check_axis(axis)
    y_pred = _tensor(y_pred)
    y_true = _cast(y_true, y_pred.dtype)
    _warn_one_class("categorical_focal_crossentropy", y_pred)
    if label_smoothing:
        y_true = _smooth_categorical(y_true, y_pred, label_smoothing)
    if from_logits:
        y_pred = tf.nn.softmax(y_pred, axis=axis)
    output = y_pred / tf.reduce_sum(y_pred, axis=axis, keepdims=True)
    eps = epsilon()
    output = tf.clip_by_value(output, eps, 1.0 - eps)
    cce = -y_true * tf.math.log(output)
    weighting = tf.multiply(tf.pow(1.0 - output, gamma), alpha)
    return tf.reduce_sum(tf.multiply(weighting, cce), axis=axis)


def _sparse_categorical_crossentropy(y_true: Any, y_pred: Any, from_logits: bool, ignore_class: Any,
                                     axis: int) -> tuple:
    # The per-sample values and, with ignore_class, the mask of the samples that count.
    if len(y_true.shape) == len(y_pred.shape) and y_true.shape[axis] == 1:
        y_true = tf.squeeze(y_true, axis=axis)
    valid_mask = None
    if ignore_class is not None:
        y_true = _tensor(y_true)
        y_pred = _tensor(y_pred)
        rank = len(y_pred.shape)
        class_axis = axis + rank if axis < 0 else axis
        res_shape = [d for i, d in enumerate(y_pred.shape) if i != class_axis]
        valid_mask = tf.not_equal(y_true, tf.cast(ignore_class, y_true.dtype))
        y_true = tf.where(valid_mask, y_true, tf.zeros_like(y_true))
        y_pred = tf.where(tf.expand_dims(valid_mask, axis), y_pred, tf.zeros_like(y_pred))
    res = _nn.sparse_categorical_crossentropy(y_true, y_pred, from_logits=from_logits, axis=axis)
    if valid_mask is not None:
        valid_mask = tf.reshape(valid_mask, res_shape)
        res = tf.where(valid_mask, res, tf.zeros_like(res))
    return res, valid_mask


def sparse_categorical_crossentropy(y_true: Any, y_pred: Any, from_logits: bool = False,
                                    ignore_class: Any = None, axis: int = -1) -> Any:
    """Cross-entropy against integer labels (`(N,)` or `(N,1)`); `ignore_class` samples give 0.

    Differs from Keras: the ignore mask is not attached to the result (`_keras_mask`); the
    `SparseCategoricalCrossentropy` class still averages over the non-ignored samples only."""
    return _sparse_categorical_crossentropy(y_true, y_pred, from_logits, ignore_class, axis)[0]


# -- the classes -----------------------------------------------------------------------------------
class LossFunctionWrapper(Loss):
    """A `Loss` around a per-sample function `fn(y_true, y_pred, **kwargs)`; the ranks of the
    inputs are matched before the call."""

    def __init__(self, fn: Any, reduction: Any = "sum_over_batch_size", name: str | None = None,
                 dtype: Any = None, **kwargs: Any) -> None:
        super().__init__(name=name, reduction=reduction, dtype=dtype)
        self.fn = fn
        self._fn_kwargs = kwargs

    def call(self, y_true: Any, y_pred: Any) -> Any:
        y_true, y_pred = squeeze_or_expand_to_same_rank(y_true, y_pred)
        return self.fn(y_true, y_pred, **self._fn_kwargs)

    def get_config(self) -> dict:
        config = super().get_config()
        config["fn"] = getattr(self.fn, "__name__", self.fn)
        config.update(self._fn_kwargs)
        return config

    @classmethod
    def from_config(cls, config: dict) -> Loss:
        config = dict(config)
        fn = config.get("fn")
        if isinstance(fn, str):
            from tfshim.keras.losses import get

            config["fn"] = get(fn)
        return cls(**config)

    def __repr__(self) -> str:
        return f"<LossFunctionWrapper({self.fn}, kwargs={self._fn_kwargs})>"


# -- image segmentation ------------------------------------------------------------------------------
def dice(y_true: Any, y_pred: Any, axis: Any = None) -> Any:
    """`1 - 2 sum(y_true y_pred) / (sum(y_true) + sum(y_pred) + epsilon)` over `axis` (all axes when None)."""
    y_pred = _tensor(y_pred)
    y_true = _cast(y_true, y_pred.dtype)
    intersection = tf.reduce_sum(y_true * y_pred, axis=axis)
    return 1 - tf.divide(2.0 * intersection,
                         tf.reduce_sum(y_true, axis=axis) + tf.reduce_sum(y_pred, axis=axis) + epsilon())


def tversky(y_true: Any, y_pred: Any, alpha: float = 0.5, beta: float = 0.5, axis: Any = None) -> Any:
    """`1 - TP / (TP + alpha FP + beta FN + epsilon)` with soft counts over `axis` (all axes when None)."""
    y_pred = _tensor(y_pred)
    y_true = _cast(y_true, y_pred.dtype)
    intersection = tf.reduce_sum(y_true * y_pred, axis=axis)
    fp = tf.reduce_sum((1 - y_pred) * y_true, axis=axis)
    fn = tf.reduce_sum(y_pred * (1 - y_true), axis=axis)
    return 1 - tf.divide(intersection, intersection + fp * alpha + fn * beta + epsilon())


class _PlainWrapper(LossFunctionWrapper):
    # A built-in whose config is only `name` and `reduction` (Keras drops the function's
    # arguments from it: Huber's delta and CosineSimilarity's axis are not saved).
    def get_config(self) -> dict:
        return Loss.get_config(self)


class MeanSquaredError(_PlainWrapper):
    """`keras.losses.MeanSquaredError`."""

    def __init__(self, reduction: Any = "sum_over_batch_size", name: str = "mean_squared_error",
                 dtype: Any = None) -> None:
        super().__init__(mean_squared_error, name=name, reduction=reduction, dtype=dtype)


class MeanAbsoluteError(_PlainWrapper):
    """`keras.losses.MeanAbsoluteError`."""

    def __init__(self, reduction: Any = "sum_over_batch_size", name: str = "mean_absolute_error",
                 dtype: Any = None) -> None:
        super().__init__(mean_absolute_error, name=name, reduction=reduction, dtype=dtype)


class MeanAbsolutePercentageError(_PlainWrapper):
    """`keras.losses.MeanAbsolutePercentageError`."""

    def __init__(self, reduction: Any = "sum_over_batch_size",
                 name: str = "mean_absolute_percentage_error", dtype: Any = None) -> None:
        super().__init__(mean_absolute_percentage_error, name=name, reduction=reduction, dtype=dtype)


class MeanSquaredLogarithmicError(_PlainWrapper):
    """`keras.losses.MeanSquaredLogarithmicError`."""

    def __init__(self, reduction: Any = "sum_over_batch_size",
                 name: str = "mean_squared_logarithmic_error", dtype: Any = None) -> None:
        super().__init__(mean_squared_logarithmic_error, name=name, reduction=reduction, dtype=dtype)


class CosineSimilarity(_PlainWrapper):
    """`keras.losses.CosineSimilarity`."""

    def __init__(self, axis: int = -1, reduction: Any = "sum_over_batch_size",
                 name: str = "cosine_similarity", dtype: Any = None) -> None:
        super().__init__(cosine_similarity, name=name, reduction=reduction, dtype=dtype, axis=axis)


class Huber(_PlainWrapper):
    """`keras.losses.Huber`; named `huber_loss`."""

    def __init__(self, delta: float = 1.0, reduction: Any = "sum_over_batch_size", name: str = "huber_loss",
                 dtype: Any = None) -> None:
        super().__init__(huber, name=name, reduction=reduction, dtype=dtype, delta=delta)


class LogCosh(_PlainWrapper):
    """`keras.losses.LogCosh`; named `log_cosh`."""

    def __init__(self, reduction: Any = "sum_over_batch_size", name: str = "log_cosh", dtype: Any = None) -> None:
        super().__init__(log_cosh, name=name, reduction=reduction, dtype=dtype)


class Hinge(_PlainWrapper):
    """`keras.losses.Hinge`."""

    def __init__(self, reduction: Any = "sum_over_batch_size", name: str = "hinge", dtype: Any = None) -> None:
        super().__init__(hinge, name=name, reduction=reduction, dtype=dtype)


class SquaredHinge(_PlainWrapper):
    """`keras.losses.SquaredHinge`."""

    def __init__(self, reduction: Any = "sum_over_batch_size", name: str = "squared_hinge",
                 dtype: Any = None) -> None:
        super().__init__(squared_hinge, name=name, reduction=reduction, dtype=dtype)


class CategoricalHinge(_PlainWrapper):
    """`keras.losses.CategoricalHinge`."""

    def __init__(self, reduction: Any = "sum_over_batch_size", name: str = "categorical_hinge",
                 dtype: Any = None) -> None:
        super().__init__(categorical_hinge, name=name, reduction=reduction, dtype=dtype)


class KLDivergence(_PlainWrapper):
    """`keras.losses.KLDivergence`; named `kl_divergence`."""

    def __init__(self, reduction: Any = "sum_over_batch_size", name: str = "kl_divergence",
                 dtype: Any = None) -> None:
        super().__init__(kl_divergence, name=name, reduction=reduction, dtype=dtype)


class Poisson(_PlainWrapper):
    """`keras.losses.Poisson`."""

    def __init__(self, reduction: Any = "sum_over_batch_size", name: str = "poisson", dtype: Any = None) -> None:
        super().__init__(poisson, name=name, reduction=reduction, dtype=dtype)


class BinaryCrossentropy(LossFunctionWrapper):
    """`keras.losses.BinaryCrossentropy`."""

    def __init__(self, from_logits: bool = False, label_smoothing: float = 0.0, axis: int = -1,
                 reduction: Any = "sum_over_batch_size", name: str = "binary_crossentropy",
                 dtype: Any = None) -> None:
        super().__init__(binary_crossentropy, name=name, reduction=reduction, dtype=dtype,
                         from_logits=from_logits, label_smoothing=label_smoothing, axis=axis)
        self.from_logits = from_logits
        self.label_smoothing = label_smoothing
        self.axis = axis

    def get_config(self) -> dict:
        config = Loss.get_config(self)
        config.update(from_logits=self.from_logits, label_smoothing=self.label_smoothing, axis=self.axis)
        return config


class BinaryFocalCrossentropy(LossFunctionWrapper):
    """`keras.losses.BinaryFocalCrossentropy`."""

    def __init__(self, apply_class_balancing: bool = False, alpha: float = 0.25, gamma: float = 2.0,
                 from_logits: bool = False, label_smoothing: float = 0.0, axis: int = -1,
                 reduction: Any = "sum_over_batch_size", name: str = "binary_focal_crossentropy",
                 dtype: Any = None) -> None:
        super().__init__(binary_focal_crossentropy, name=name, reduction=reduction, dtype=dtype,
                         apply_class_balancing=apply_class_balancing, alpha=alpha, gamma=gamma,
                         from_logits=from_logits, label_smoothing=label_smoothing, axis=axis)
        self.from_logits = from_logits
        self.label_smoothing = label_smoothing
        self.axis = axis
        self.apply_class_balancing = apply_class_balancing
        self.alpha = alpha
        self.gamma = gamma

    def get_config(self) -> dict:
        config = Loss.get_config(self)
        config.update(from_logits=self.from_logits, label_smoothing=self.label_smoothing, axis=self.axis,
                      apply_class_balancing=self.apply_class_balancing, alpha=self.alpha, gamma=self.gamma)
        return config


class CategoricalCrossentropy(LossFunctionWrapper):
    """`keras.losses.CategoricalCrossentropy`."""

    def __init__(self, from_logits: bool = False, label_smoothing: float = 0.0, axis: int = -1,
                 reduction: Any = "sum_over_batch_size", name: str = "categorical_crossentropy",
                 dtype: Any = None) -> None:
        super().__init__(categorical_crossentropy, name=name, reduction=reduction, dtype=dtype,
                         from_logits=from_logits, label_smoothing=label_smoothing, axis=axis)
        self.from_logits = from_logits
        self.label_smoothing = label_smoothing
        self.axis = axis

    def get_config(self) -> dict:
        config = Loss.get_config(self)
        config.update(from_logits=self.from_logits, label_smoothing=self.label_smoothing, axis=self.axis)
        return config


class CategoricalFocalCrossentropy(LossFunctionWrapper):
    """`keras.losses.CategoricalFocalCrossentropy`."""

    def __init__(self, alpha: float = 0.25, gamma: float = 2.0, from_logits: bool = False,
                 label_smoothing: float = 0.0, axis: int = -1, reduction: Any = "sum_over_batch_size",
                 name: str = "categorical_focal_crossentropy", dtype: Any = None) -> None:
        super().__init__(categorical_focal_crossentropy, name=name, reduction=reduction, dtype=dtype,
                         alpha=alpha, gamma=gamma, from_logits=from_logits,
                         label_smoothing=label_smoothing, axis=axis)
        self.from_logits = from_logits
        self.label_smoothing = label_smoothing
        self.axis = axis
        self.alpha = alpha
        self.gamma = gamma

    def get_config(self) -> dict:
        config = Loss.get_config(self)
        config.update(from_logits=self.from_logits, label_smoothing=self.label_smoothing, axis=self.axis,
                      alpha=self.alpha, gamma=self.gamma)
        return config


class SparseCategoricalCrossentropy(LossFunctionWrapper):
    """`keras.losses.SparseCategoricalCrossentropy`; with `ignore_class` the mean reductions divide
    by the number of non-ignored samples."""

    def __init__(self, from_logits: bool = False, ignore_class: Any = None,
                 reduction: Any = "sum_over_batch_size", axis: int = -1,
                 name: str = "sparse_categorical_crossentropy", dtype: Any = None) -> None:
        super().__init__(sparse_categorical_crossentropy, name=name, reduction=reduction, dtype=dtype,
                         from_logits=from_logits, ignore_class=ignore_class, axis=axis)
        self.from_logits = from_logits
        self.ignore_class = ignore_class

    def _call_with_mask(self, y_true: Any, y_pred: Any) -> tuple:
        y_true, y_pred = squeeze_or_expand_to_same_rank(y_true, y_pred)
        kw = self._fn_kwargs
        return _sparse_categorical_crossentropy(y_true, y_pred, kw["from_logits"], kw["ignore_class"],
                                                kw["axis"])

    def get_config(self) -> dict:
        config = Loss.get_config(self)
        config.update(from_logits=self.from_logits, ignore_class=self.ignore_class)
        return config


class Dice(LossFunctionWrapper):
    """`keras.losses.Dice`; its config adds `axis`."""

    def __init__(self, reduction: Any = "sum_over_batch_size", name: str = "dice", axis: Any = None,
                 dtype: Any = None) -> None:
        super().__init__(dice, name=name, reduction=reduction, dtype=dtype, axis=axis)
        self.axis = axis

    def get_config(self) -> dict:
        config = Loss.get_config(self)
        config.update({"axis": self.axis})
        return config


class Tversky(LossFunctionWrapper):
    """`keras.losses.Tversky`; its config adds `alpha`, `beta` and `axis`."""

    def __init__(self, alpha: float = 0.5, beta: float = 0.5, reduction: Any = "sum_over_batch_size",
                 name: str = "tversky", axis: Any = None, dtype: Any = None) -> None:
        super().__init__(tversky, name=name, reduction=reduction, dtype=dtype, alpha=alpha, beta=beta, axis=axis)
        self.alpha = alpha
        self.beta = beta
        self.axis = axis

    def get_config(self) -> dict:
        config = Loss.get_config(self)
        config.update({"alpha": self.alpha, "beta": self.beta, "axis": self.axis})
        return config
