"""A subset of `keras.ops` (the NumPy-like and NN ops most custom layers and losses use), with
Keras's dtype rules on the TensorFlow backend:

* inputs are converted as Keras converts them (Python floats to float32, NumPy keeps its dtype);
* binary ops promote: a Python scalar is "weak" (an int tensor plus `1.5` is float32, plus `1` stays
  int), a float tensor wins over an int one, and two floats or two ints give the wider;
* float-only math (`exp`, `log`, `sqrt`, `tanh`, `mean`, `divide`, `floor`, ...) turns int and bool
  inputs into floatx first;
* `zeros`, `ones`, `full`, `eye` default to floatx; `arange` to int32 for ints and float32 otherwise.

Every result is an `EagerTensor` (except `shape`, a tuple, and `convert_to_numpy`). The activation
ops (`relu`, `sigmoid`, `softmax`, ...) are Keras's activation functions, so the outputs of
`sigmoid`/`softmax` carry their logits for the losses' shortcut, as in Keras.
"""

from __future__ import annotations

import builtins
from typing import Any

import numpy as np

import tfshim as tf
from tfshim.keras import activations as _act
from tfshim.keras.backend.config import floatx
from tfshim.keras.backend.core import FLOAT_TYPES, INT_TYPES, standardize_dtype
from tfshim.keras.backend.core import convert_to_numpy as _to_numpy
from tfshim.keras.backend.core import convert_to_tensor as _convert

_ORDER = ("bool", "uint8", "int8", "uint16", "int16", "uint32", "int32", "uint64", "int64", "bfloat16", "float16",
          "float32", "float64")


def convert_to_tensor(x: Any, dtype: Any = None, sparse: Any = None, ragged: Any = None) -> Any:
    return _convert(x, dtype)


def convert_to_numpy(x: Any) -> np.ndarray:
    return _to_numpy(x)


def _t(x: Any) -> Any:
    return x if tf.is_tensor(x) and not hasattr(x, "path") else _convert(x)


def _name(x: Any) -> str:
    return standardize_dtype(x.dtype)


def _float(x: Any) -> Any:
    """`x` as a tensor, cast to floatx when it is not a float."""
    x = _t(x)
    return x if _name(x) in FLOAT_TYPES else tf.cast(x, floatx())


def _weak(value: Any) -> str | None:
    if isinstance(value, builtins.bool):
        return None
    if isinstance(value, int):
        return "int"
    if isinstance(value, float):
        return "float"
    return None


def result_type(*dtypes: str) -> str:
    """Keras-like promotion of tensor dtypes (floats beat ints; the wider of two of a kind)."""
    floats = [d for d in dtypes if d in FLOAT_TYPES]
    pool = floats or [d for d in dtypes if d in INT_TYPES] or list(dtypes)
    return builtins.max(pool, key=lambda d: _ORDER.index(d) if d in _ORDER else -1)


def _binary(x1: Any, x2: Any) -> tuple:
    w1, w2 = _weak(x1), _weak(x2)
    if w1 and w2:
        a, b = _t(x1), _t(x2)
        dtype = "float32" if "float" in (w1, w2) else "int32"
    elif w1 or w2:
        tensor = _t(x2 if w1 else x1)
        weak = w1 or w2
        dtype = _name(tensor)
        if weak == "float" and dtype not in FLOAT_TYPES:
            dtype = floatx()
        a, b = (x1, tensor) if w1 else (tensor, x2)
    else:
        a, b = _t(x1), _t(x2)
        dtype = result_type(_name(a), _name(b))
    return _convert(a, dtype), _convert(b, dtype)


# -- arithmetic -----------------------------------------------------------------------------------
def add(x1: Any, x2: Any) -> Any:
    a, b = _binary(x1, x2)
    return tf.add(a, b)


def subtract(x1: Any, x2: Any) -> Any:
    a, b = _binary(x1, x2)
    return tf.subtract(a, b)


def multiply(x1: Any, x2: Any) -> Any:
    a, b = _binary(x1, x2)
    return tf.multiply(a, b)


def divide(x1: Any, x2: Any) -> Any:
    a, b = _binary(x1, x2)
    if _name(a) not in FLOAT_TYPES:
        a, b = tf.cast(a, floatx()), tf.cast(b, floatx())
    return tf.divide(a, b)


true_divide = divide


def divide_no_nan(x1: Any, x2: Any) -> Any:
    a, b = _binary(x1, x2)
    if _name(a) not in FLOAT_TYPES:
        a, b = tf.cast(a, floatx()), tf.cast(b, floatx())
    return tf.math.divide_no_nan(a, b)


def power(x1: Any, x2: Any) -> Any:
    a, b = _binary(x1, x2)
    return tf.pow(a, b)


def maximum(x1: Any, x2: Any) -> Any:
    a, b = _binary(x1, x2)
    return tf.maximum(a, b)


def minimum(x1: Any, x2: Any) -> Any:
    a, b = _binary(x1, x2)
    return tf.minimum(a, b)


def matmul(x1: Any, x2: Any) -> Any:
    a, b = _binary(x1, x2)
    return tf.matmul(a, b)


def dot(x1: Any, x2: Any) -> Any:
    a, b = _binary(x1, x2)
    if a.shape.rank == 1 and b.shape.rank == 1:
        return tf.reduce_sum(a * b)
    return tf.tensordot(a, b, axes=[[a.shape.rank - 1], [builtins.max(b.shape.rank - 2, 0)]])


def negative(x: Any) -> Any:
    return tf.negative(_t(x))


def abs(x: Any) -> Any:
    return tf.abs(_t(x))


absolute = abs


def square(x: Any) -> Any:
    return tf.square(_t(x))


def sign(x: Any) -> Any:
    return tf.sign(_t(x))


def clip(x: Any, x_min: Any, x_max: Any) -> Any:
    x = _t(x)
    return tf.clip_by_value(x, tf.cast(x_min, x.dtype), tf.cast(x_max, x.dtype))


def _comparison(fn: Any) -> Any:
    def compare(x1: Any, x2: Any) -> Any:
        a, b = _binary(x1, x2)
        return fn(a, b)

    return compare


equal = _comparison(tf.equal)
not_equal = _comparison(tf.not_equal)
greater = _comparison(tf.greater)
greater_equal = _comparison(tf.greater_equal)
less = _comparison(tf.less)
less_equal = _comparison(tf.less_equal)


# -- float math -------------------------------------------------------------------------------------
def _unary_float(fn: Any) -> Any:
    def op(x: Any) -> Any:
        return fn(_float(x))

    op.__name__ = fn.__name__
    return op


exp = _unary_float(tf.exp)
log = _unary_float(tf.math.log)
log1p = _unary_float(tf.math.log1p)
expm1 = _unary_float(tf.math.expm1)
sqrt = _unary_float(tf.sqrt)
rsqrt = _unary_float(tf.math.rsqrt)
sin = _unary_float(tf.sin)
cos = _unary_float(tf.cos)
tan = _unary_float(tf.tan)
tanh = _unary_float(tf.tanh)
erf = _unary_float(tf.math.erf)
floor = _unary_float(tf.floor)
ceil = _unary_float(tf.math.ceil)
round = _unary_float(tf.round)


def isnan(x: Any) -> Any:
    x = _t(x)
    return tf.math.is_nan(x) if _name(x) in FLOAT_TYPES else tf.zeros_like(x, dtype=tf.bool)


# -- reductions -------------------------------------------------------------------------------------
def sum(x: Any, axis: Any = None, keepdims: bool = False) -> Any:
    return tf.reduce_sum(_t(x), axis=axis, keepdims=keepdims)


def mean(x: Any, axis: Any = None, keepdims: bool = False) -> Any:
    return tf.reduce_mean(_float(x), axis=axis, keepdims=keepdims)


def max(x: Any, axis: Any = None, keepdims: bool = False, initial: Any = None) -> Any:
    out = tf.reduce_max(_t(x), axis=axis, keepdims=keepdims)
    return out if initial is None else tf.maximum(out, tf.cast(initial, out.dtype))


def min(x: Any, axis: Any = None, keepdims: bool = False, initial: Any = None) -> Any:
    out = tf.reduce_min(_t(x), axis=axis, keepdims=keepdims)
    return out if initial is None else tf.minimum(out, tf.cast(initial, out.dtype))


def prod(x: Any, axis: Any = None, keepdims: bool = False, dtype: Any = None) -> Any:
    x = _t(x) if dtype is None else _convert(x, dtype)
    return tf.reduce_prod(x, axis=axis, keepdims=keepdims)


def var(x: Any, axis: Any = None, keepdims: bool = False) -> Any:
    x = _float(x)
    m = tf.reduce_mean(x, axis=axis, keepdims=True)
    return tf.reduce_mean(tf.square(x - m), axis=axis, keepdims=keepdims)


def std(x: Any, axis: Any = None, keepdims: bool = False) -> Any:
    return tf.sqrt(var(x, axis=axis, keepdims=keepdims))


def all(x: Any, axis: Any = None, keepdims: bool = False) -> Any:
    return tf.reduce_all(tf.cast(_t(x), tf.bool), axis=axis, keepdims=keepdims)


def any(x: Any, axis: Any = None, keepdims: bool = False) -> Any:
    return tf.reduce_any(tf.cast(_t(x), tf.bool), axis=axis, keepdims=keepdims)


def argmax(x: Any, axis: Any = None, keepdims: bool = False) -> Any:
    x = _t(x)
    if axis is None:
        out = tf.cast(tf.argmax(tf.reshape(x, [-1]), axis=0), tf.int32)
        return tf.reshape(out, [1] * x.shape.rank) if keepdims else out
    out = tf.cast(tf.argmax(x, axis=axis), tf.int32)
    return tf.expand_dims(out, axis) if keepdims else out


def argmin(x: Any, axis: Any = None, keepdims: bool = False) -> Any:
    x = _t(x)
    if axis is None:
        out = tf.cast(tf.argmin(tf.reshape(x, [-1]), axis=0), tf.int32)
        return tf.reshape(out, [1] * x.shape.rank) if keepdims else out
    out = tf.cast(tf.argmin(x, axis=axis), tf.int32)
    return tf.expand_dims(out, axis) if keepdims else out


def cumsum(x: Any, axis: Any = None) -> Any:
    x = _t(x)
    if axis is None:
        return tf.cumsum(tf.reshape(x, [-1]))
    return tf.cumsum(x, axis=axis)


def logsumexp(x: Any, axis: Any = None, keepdims: bool = False) -> Any:
    return tf.reduce_logsumexp(_float(x), axis=axis, keepdims=keepdims)


def norm(x: Any, ord: Any = None, axis: Any = None, keepdims: bool = False) -> Any:
    x = _float(x)
    if ord is None:
        return tf.sqrt(tf.reduce_sum(tf.square(x), axis=axis, keepdims=keepdims))
    return tf.norm(x, ord=ord, axis=axis, keepdims=keepdims)


# -- shapes and creation ----------------------------------------------------------------------------
def shape(x: Any) -> tuple:
    return tuple(_t(x).shape.as_list())


def cast(x: Any, dtype: Any) -> Any:
    return tf.cast(_t(x), standardize_dtype(dtype))


def reshape(x: Any, newshape: Any) -> Any:
    return tf.reshape(_t(x), newshape)


def transpose(x: Any, axes: Any = None) -> Any:
    return tf.transpose(_t(x), perm=axes)


def expand_dims(x: Any, axis: int) -> Any:
    return tf.expand_dims(_t(x), axis)


def squeeze(x: Any, axis: Any = None) -> Any:
    return tf.squeeze(_t(x), axis=axis)


def concatenate(xs: Any, axis: int = 0) -> Any:
    return tf.concat([_t(x) for x in xs], axis=axis)


def stack(xs: Any, axis: int = 0) -> Any:
    return tf.stack([_t(x) for x in xs], axis=axis)


def where(condition: Any, x1: Any = None, x2: Any = None) -> Any:
    condition = tf.cast(_t(condition), tf.bool)
    if x1 is None and x2 is None:
        return tf.where(condition)
    a, b = _binary(x1, x2)
    return tf.where(condition, a, b)


def zeros(shape: Any, dtype: Any = None) -> Any:
    return tf.zeros(shape, dtype=standardize_dtype(dtype))


def ones(shape: Any, dtype: Any = None) -> Any:
    return tf.ones(shape, dtype=standardize_dtype(dtype))


def zeros_like(x: Any, dtype: Any = None) -> Any:
    x = _t(x)
    return tf.zeros_like(x, dtype=standardize_dtype(dtype) if dtype is not None else None)


def ones_like(x: Any, dtype: Any = None) -> Any:
    x = _t(x)
    return tf.ones_like(x, dtype=standardize_dtype(dtype) if dtype is not None else None)


def full(shape: Any, fill_value: Any, dtype: Any = None) -> Any:
    return tf.fill(shape, tf.cast(fill_value, standardize_dtype(dtype)))


def eye(N: int, M: int | None = None, k: int = 0, dtype: Any = None) -> Any:  # noqa: N803 - Keras's names
    return tf.constant(np.eye(N, M, k), dtype=standardize_dtype(dtype))


def arange(start: Any, stop: Any = None, step: Any = 1, dtype: Any = None) -> Any:
    if dtype is None:
        values = [v for v in (start, stop, step) if v is not None]
        dtype = "int32" if builtins.all(isinstance(v, int) for v in values) else floatx()
    if stop is None:
        start, stop = 0, start
    return tf.range(start, stop, step, dtype=standardize_dtype(dtype))


def one_hot(x: Any, num_classes: int, axis: int = -1, dtype: Any = None, sparse: bool = False) -> Any:
    return tf.one_hot(tf.cast(_t(x), tf.int64), num_classes, axis=axis, dtype=standardize_dtype(dtype))


def stop_gradient(x: Any) -> Any:
    return tf.stop_gradient(_t(x))


# -- neural-network ops (Keras's activations) -------------------------------------------------------
relu = _act.relu
relu6 = _act.relu6
sigmoid = _act.sigmoid
softplus = _act.softplus
softsign = _act.softsign
silu = _act.silu
swish = _act.silu
elu = _act.elu
selu = _act.selu
leaky_relu = _act.leaky_relu
hard_sigmoid = _act.hard_sigmoid
log_sigmoid = _act.log_sigmoid


def softmax(x: Any, axis: int = -1) -> Any:
    return _act.softmax(x, axis=axis)


def log_softmax(x: Any, axis: int = -1) -> Any:
    return _act.log_softmax(x, axis=axis)


def gelu(x: Any, approximate: bool = True) -> Any:
    """`keras.ops.gelu` defaults to the tanh approximation (`keras.activations.gelu` does not)."""
    return _act.gelu(x, approximate=approximate)


# -- symbolic use: an op called on KerasTensors becomes a graph operation ---------------------------
def _symbolic_aware(fn: Any, class_name: str) -> Any:
    def op(*args: Any, **kwargs: Any) -> Any:
        if _operation.any_symbolic(args, kwargs):
            return _operation.symbolic(class_name, fn, *args, **kwargs)
        return fn(*args, **kwargs)

    op.__name__ = op.__qualname__ = getattr(fn, "__name__", class_name)
    op.__doc__ = fn.__doc__
    op.__wrapped__ = fn  # type: ignore[attr-defined]
    return op


from tfshim.keras.ops import operation as _operation  # noqa: E402 - after the ops it wraps

_NOT_SYMBOLIC = {"convert_to_tensor", "convert_to_numpy", "shape", "result_type", "zeros", "ones", "full", "eye",
                 "arange"}
_CLASS_NAMES = {"true_divide": "TrueDivide", "divide": "Divide", "abs": "Absolute", "absolute": "Absolute",
                "swish": "Silu"}
for _name_ in [n for n, v in list(globals().items())
               if callable(v) and not n.startswith("_")
               and str(getattr(v, "__module__", "")).startswith((__name__, "tfshim.keras.activations"))
               and n not in _NOT_SYMBOLIC and not isinstance(v, type)]:
    globals()[_name_] = _symbolic_aware(globals()[_name_], _CLASS_NAMES.get(_name_, _operation.camel(_name_)))
del _name_
