"""Keras 3's activation functions, written with tfshim ops the way Keras's TensorFlow backend writes
them (so values, kinks and gradients follow TF: e.g. `relu` with a threshold uses a strict `x > t`,
`hard_sigmoid` is `relu6(x+3)/6`, `gelu` defaults to the exact erf form)."""

from __future__ import annotations

import weakref
from typing import Any

import tfshim as tf


def _tensor(x: Any) -> Any:
    return x if tf.is_tensor(x) else tf.convert_to_tensor(x)


def _float_tensor(x: Any) -> Any:
    """Keras's numpy-style ops: ints and bools are computed in floatx."""
    x = _tensor(x)
    if x.dtype.is_integer or x.dtype == tf.bool:
        from tfshim.keras.initializers._helpers import floatx

        x = tf.cast(x, floatx())
    return x


# Keras marks the outputs of its sigmoid/softmax with the logits (`output._keras_logits`), so that the
# cross-entropy losses can use the logits instead. tfshim's EagerTensor has no room for the attribute,
# so the mark lives in this side table, keyed by the output's id and dropped when the output dies.
_LOGITS: dict = {}


def _attach_logits(output: Any, logits: Any) -> Any:
    try:
        output._keras_logits = logits
        return output
    except AttributeError:
        pass
    key = id(output)

    def forget(_ref: Any, key: int = key) -> None:
        _LOGITS.pop(key, None)

    _LOGITS[key] = (weakref.ref(output, forget), logits)
    return output


def attached_logits(output: Any) -> Any:
    """The logits Keras's `sigmoid`/`softmax` produced `output` from, or None (what Keras reads as
    `output._keras_logits`)."""
    entry = _LOGITS.get(id(output))
    if entry is not None and entry[0]() is output:
        return entry[1]
    return getattr(output, "_keras_logits", None)


def relu(x: Any, negative_slope: float = 0.0, max_value: Any = None, threshold: float = 0.0) -> Any:
    """`x` where `x > threshold`, else `negative_slope*(x - threshold)`, capped at `max_value`."""
    x = _tensor(x)
    if negative_slope != 0.0:
        if max_value is None and threshold == 0:
            return tf.nn.leaky_relu(x, alpha=negative_slope)
        if threshold != 0:
            negative_part = tf.nn.relu(-x + threshold)
        else:
            negative_part = tf.nn.relu(-x)
    else:
        negative_part = 1
    clip_max = max_value is not None
    if threshold != 0:
        t = tf.cast(threshold, x.dtype)
        x = tf.where(tf.greater(x, t), x, tf.zeros_like(x))
    elif max_value == 6:
        x = tf.nn.relu6(x)
        clip_max = False
    else:
        x = tf.nn.relu(x)
    if clip_max:
        x = tf.clip_by_value(x, tf.cast(0.0, x.dtype), tf.cast(max_value, x.dtype))
    if negative_slope != 0.0:
        x = x - negative_slope * negative_part
    return x


def leaky_relu(x: Any, negative_slope: float = 0.2) -> Any:
    """`tf.nn.leaky_relu` with `alpha=negative_slope` (default 0.2; the layer's default is 0.3)."""
    return tf.nn.leaky_relu(x, alpha=negative_slope)


def relu6(x: Any) -> Any:
    return tf.nn.relu6(x)


def softmax(x: Any, axis: Any = -1) -> Any:
    """`tf.nn.softmax` over `axis` (None: over all elements)."""
    x = _tensor(x)
    if axis is None:
        out = tf.reshape(tf.nn.softmax(tf.reshape(x, [-1]), axis=-1), tf.shape(x))
    else:
        out = tf.nn.softmax(x, axis=axis)
    return _attach_logits(out, x)


def log_softmax(x: Any, axis: Any = -1) -> Any:
    x = _tensor(x)
    if axis is None:
        return tf.reshape(tf.nn.log_softmax(tf.reshape(x, [-1]), axis=-1), tf.shape(x))
    return tf.nn.log_softmax(x, axis=axis)


def elu(x: Any, alpha: float = 1.0) -> Any:
    x = _tensor(x)
    res = tf.nn.elu(x)
    if alpha == 1:
        return res
    return tf.where(x > 0, res, alpha * res)


def selu(x: Any) -> Any:
    return tf.nn.selu(x)


def softplus(x: Any) -> Any:
    return tf.math.softplus(x)


def softsign(x: Any) -> Any:
    return tf.nn.softsign(x)


def soft_shrink(x: Any, threshold: float = 0.5) -> Any:
    x = _tensor(x)
    return tf.where(x > threshold, x - threshold,
                    tf.where(x < -threshold, x + threshold, tf.zeros_like(x)))


def sparse_plus(x: Any) -> Any:
    x = _tensor(x)
    return tf.where(x <= -1, tf.zeros_like(x), tf.where(x < 1, (1 / 4) * tf.pow(x + 1, 2), x))


def silu(x: Any) -> Any:
    """`x*sigmoid(x)`; `swish` is this same function (its `__name__` is 'silu')."""
    return tf.nn.silu(x)


swish = silu


def squareplus(x: Any, b: float = 4) -> Any:
    x = _tensor(x)
    b = tf.cast(b, x.dtype)
    return (x + tf.sqrt(tf.square(x) + b)) / 2


def gelu(x: Any, approximate: bool = False) -> Any:
    return tf.nn.gelu(_tensor(x), approximate=approximate)


def celu(x: Any, alpha: float = 1.0) -> Any:
    x = _tensor(x)
    return tf.maximum(x, 0.0) + alpha * tf.math.expm1(tf.minimum(x, 0.0) / alpha)


def glu(x: Any, axis: int = -1) -> Any:
    x = _tensor(x)
    if x.shape[axis] % 2 != 0:
        raise ValueError("axis size must be divisible by 2. "
                         f"Received: x.shape={x.shape} with axis={axis}")
    x1, x2 = tf.split(x, num_or_size_splits=2, axis=axis)
    return x1 * tf.sigmoid(x2)


def tanh(x: Any) -> Any:
    return tf.nn.tanh(_float_tensor(x))


def tanh_shrink(x: Any) -> Any:
    x = _tensor(x)
    return x - tf.math.tanh(x)


def hard_tanh(x: Any) -> Any:
    return tf.clip_by_value(x, clip_value_min=-1.0, clip_value_max=1.0)


def hard_shrink(x: Any, threshold: float = 0.5) -> Any:
    x = _tensor(x)
    return tf.where(tf.abs(x) > threshold, x, tf.zeros_like(x))


def threshold(x: Any, threshold: float, default_value: float) -> Any:
    x = _tensor(x)
    return tf.where(x > threshold, x, tf.cast(default_value, x.dtype))


def sigmoid(x: Any) -> Any:
    x = _tensor(x)
    return _attach_logits(tf.nn.sigmoid(x), x)


def exponential(x: Any) -> Any:
    return tf.exp(_float_tensor(x))


def hard_sigmoid(x: Any) -> Any:
    """`relu6(x + 3) / 6` (Keras 3; Keras 2 had `0.2x + 0.5`)."""
    x = _tensor(x)
    return tf.nn.relu6(x + tf.constant(3.0, x.dtype)) / tf.constant(6.0, x.dtype)


def log_sigmoid(x: Any) -> Any:
    return tf.math.log_sigmoid(x)


def sparse_sigmoid(x: Any) -> Any:
    x = _tensor(x)
    return tf.where(x <= -1, tf.constant(0.0, dtype=x.dtype),
                    tf.where(x >= 1, tf.constant(1.0, dtype=x.dtype), 0.5 * (x + 1)))


def hard_silu(x: Any) -> Any:
    x = _tensor(x)
    return x * hard_sigmoid(x)


hard_swish = hard_silu


def linear(x: Any) -> Any:
    """The identity (returns its argument unchanged)."""
    return x


def mish(x: Any) -> Any:
    x = _tensor(x)
    return x * tf.nn.tanh(tf.nn.softplus(x))


def sparsemax(x: Any, axis: int = -1) -> Any:
    logits = _tensor(x)
    ordered = tf.sort(logits, direction="DESCENDING", axis=axis)
    cumsum = tf.cumsum(ordered, axis=axis)
    r = tf.range(1, tf.shape(logits)[axis] + 1, dtype=logits.dtype)
    r_shape = [1] * len(logits.shape)
    r_shape[axis] = -1
    r = tf.reshape(r, r_shape)
    support = ordered - (cumsum - 1) / r > 0
    safe = tf.where(support, cumsum, tf.zeros_like(cumsum))
    k = tf.reduce_sum(tf.cast(support, logits.dtype), axis=axis, keepdims=True)
    tau = (tf.reduce_sum(safe, axis=axis, keepdims=True) - 1) / k
    return tf.maximum(logits - tau, 0.0)
