"""Reductions over axes: sum, mean, max, min, prod, all, any, euclidean norm (single ops) and
std, variance, logsumexp, count_nonzero (built from other ops, as TensorFlow builds them, so their
gradients follow the same op structure).

Each gradient follows TensorFlow's math_grad.py: Sum/Mean reshape the upstream to the kept-dims
shape and broadcast it back; Max/Min split the upstream evenly among tied extrema; Prod uses two
exclusive cumulative products so zeros in the input are handled.

Error wording follows TensorFlow's eager fast path: a kernel error ends with ` name: ` unless the
input or the axis is a Python list, tuple or string, in which case TensorFlow takes its slower path
whose errors end at `[Op:<Op>]`.

Known difference: float16 sums and means of eight or more elements accumulate as NumPy does
(pairwise, with float32 partial sums), which can differ from TensorFlow's Eigen kernels in the last
bit. Fewer than eight elements are accumulated in float16 one by one, exactly as TensorFlow does.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from tfshim._engine import dtypes as _dtypes
from tfshim._engine.errors import OpError, kernel_error
from tfshim._engine.registry import OpDef, execute, kernel, op_def, quiet_numpy
from tfshim._engine.sums import BIG_SUM, add_reduce
from tfshim._engine.tensor import EagerTensor
from tfshim.ops import _args, shape_ops
from tfshim.ops._unrecorded import one_kernel
from tfshim.ops.arithmetic import mul_raw, realdiv
from tfshim.ops.casting import cast
from tfshim.ops.comparison import equal
from tfshim.ops.shape_ops import reshape

_SUM = op_def("Sum")
_MEAN = op_def("Mean")
_MAX = op_def("Max")
_MIN = op_def("Min")
_PROD = op_def("Prod")
_ALL = op_def("All")
_ANY = op_def("Any")
_EUCLIDEAN_NORM = op_def("EuclideanNorm")

_INT32 = _dtypes.int32
_BOOL = np.dtype(np.bool_)
_FLOAT16 = np.dtype(np.float16)
# (a dtype no tensor has when ml_dtypes is missing: `np.dtype(...) == None` would be True for float64)
_BFLOAT16 = _dtypes.bfloat16._np if _dtypes.HAS_BFLOAT16 else np.dtype("V3")
_SEQUENTIAL_HALF_LIMIT = 8  # below this many elements, float16 sums are accumulated one by one
_NAME_SUFFIX = " name: "


# -- arguments and TensorFlow's errors --------------------------------------------------------
def _is_sequence(value: Any) -> bool:
    """Python lists, tuples and strings: arguments that send TF's op wrappers to the slow path."""
    kind = type(value)
    return kind is list or kind is tuple or kind is str or kind is bytes


def _error_name(input_value: Any, axis: Any, name: Any) -> str | None:
    """The name a kernel error ends with: None (no ` name: ` part) on TF's slow path, which Python
    lists, tuples and strings among the op's arguments send it to."""
    if _is_sequence(input_value) or _is_sequence(axis):
        return None
    return name or ""


def renamed(error: OpError, name: str | None) -> OpError:
    """`error` (whose message ends with ` name: `) with TF's ending for `name`."""
    message = error.message
    if message.endswith(_NAME_SUFFIX):
        message = message[:-len(_NAME_SUFFIX)]
        if name is not None:
            message = f"{message}{_NAME_SUFFIX}{name}"
    return type(error)(None, None, message)


def check_dtype(op: OpDef, x: EagerTensor, name: str | None, attr: str = "T") -> None:
    """TF's error when `x`'s dtype is not registered for `op`."""
    if x._value.dtype not in op.allowed[attr][0]:
        raise renamed(_args.dtype_error(op, x._value.dtype, attr), name)


def int_input(op: OpDef, value: Any, attr: str, name: str | None) -> EagerTensor:
    """An int32/int64 op input (an axis, `k`) converted as TF's eager fast path converts it: NumPy
    values are cast to int32, Python scalars must fit int32, Python sequences become int32 if they
    can (else their own dtype, which then fails the attr check)."""
    if isinstance(value, EagerTensor) or getattr(value, "_is_variable", False):
        t = _args.tensor(value)
    elif isinstance(value, (np.ndarray, np.generic)) and value.dtype.kind in "biuf":
        cast = np.asarray(value).astype(np.int32)
        t = EagerTensor(cast[()] if cast.ndim == 0 else cast)
    elif isinstance(value, (str, bytes, np.ndarray, np.generic)):
        t = _args.convert_to_tensor(value)
    elif _is_sequence(value):
        t = _args.convert_to_tensor(value, dtype_hint=_INT32)
    else:
        t = _args.convert_to_tensor(value, dtype=_INT32)
    check_dtype(op, t, name, attr)
    return t


def _axis_tensor(op: OpDef, axis: Any, name: str | None) -> EagerTensor:
    """An axis argument converted as TF converts an int32/int64 `Tidx` input."""
    return int_input(op, axis, "Tidx", name)


def _axis_values(op: OpDef, axis: Any, name: str | None) -> list:
    """The axis argument (not None) as a list of Python ints, as given."""
    if type(axis) is int and -2147483648 <= axis < 2147483648:
        return [axis]
    if (type(axis) is list or type(axis) is tuple) and all(
            type(a) is int and -2147483648 <= a < 2147483648 for a in axis):
        return list(axis)
    return _axis_tensor(op, axis, name)._value.reshape(-1).tolist()


def _normalized_axes(op: OpDef, values: list, rank: int, name: str | None) -> tuple:
    """Axes as non-negative ints in the order given, with TF's errors for out-of-range and
    repeated axes."""
    out: list = []
    for a in values:
        if a < -rank or a >= rank:
            raise kernel_error(op.name, f"Invalid reduction dimension ({a} for input with {rank} dimension(s)",
                               name=name)
        if a < 0:
            a += rank
        if a in out:
            raise kernel_error(op.name, f"Invalid reduction arguments: Axes contains duplicate dimension: {a}",
                               name=name)
        out.append(a)
    return tuple(out)


def reduction_axes(op: OpDef, x: EagerTensor, axis: Any, name: str | None = "") -> tuple:
    """`axis` (None, int, list, tuple, tensor) as non-negative axes in the order given, with TF's
    errors for out-of-range and repeated axes."""
    rank = x._value.ndim
    if axis is None:
        return tuple(range(rank))
    return _normalized_axes(op, _axis_values(op, axis, name), rank, name)


def kept_dims_shape(shape: tuple, axes: tuple) -> tuple:
    """The shape a reduction over `axes` has with keepdims=True."""
    found = _KEPT.get((shape, axes))
    if found is None:
        if len(_KEPT) > 1024:
            _KEPT.clear()
        found = _KEPT[shape, axes] = tuple(1 if i in axes else d for i, d in enumerate(shape))
    return found


_KEPT: dict[tuple, tuple] = {}


def _reduce(op: OpDef, fn: Any, input_tensor: Any, axis: Any, keepdims: Any, name: Any) -> EagerTensor:
    if type(input_tensor) is EagerTensor and (axis is None or type(axis) is int) and \
            input_tensor._value.dtype in op.allowed["T"][0]:
        fast = _reduce_fast(op, fn, input_tensor, axis, keepdims)  # a tensor and a plain axis: the common case
        if fast is not None:
            return fast
    x = input_tensor if type(input_tensor) is EagerTensor else _args.convert_to_tensor(input_tensor)
    error_name = _error_name(input_tensor, axis, name)
    check_dtype(op, x, error_name)
    rank = x._value.ndim
    if axis is None:
        axes = tuple(range(rank))
        in_order = True
    else:
        values = _axis_values(op, axis, error_name)
        axes = _normalized_axes(op, values, rank, error_name)
        in_order = values == list(range(rank))
    keepdims = False if keepdims is None else bool(keepdims)
    value = kernel(fn, x._value, axes, keepdims)
    # "all": the axes given are exactly 0..rank-1 in order (TF's gradients take a shortcut then)
    return execute(op, (x,), value, {"axes": axes, "keepdims": keepdims, "all": in_order})


def _reduce_fast(op: OpDef, fn: Any, x: EagerTensor, axis: int | None, keepdims: Any) -> EagerTensor | None:
    rank = x._value.ndim
    if axis is None:
        axes = tuple(range(rank))
    elif -rank <= axis < rank:
        axes = (axis + rank if axis < 0 else axis,)
    else:
        return None  # out of range: the general path raises TF's error
    keepdims = bool(keepdims)
    value = quiet_numpy.run(fn, x._value, axes, keepdims)
    return execute(op, (x,), value, {"axes": axes, "keepdims": keepdims, "all": axis is None or rank == 1})


# -- kernels -----------------------------------------------------------------------------------
def _same_dtype(out: Any, dtype: np.dtype) -> Any:
    return out.astype(dtype, copy=False) if out.dtype != dtype else out


def _reduced_count(shape: tuple, axes: tuple) -> int:
    count = 1
    for a in axes:
        count *= shape[a]
    return count


def _sequential_half_sum(value: np.ndarray, axes: tuple, keepdims: bool) -> np.ndarray:
    """float16 partial sums rounded after every addition, in element order (TF's small reductions)."""
    rest = tuple(a for a in range(value.ndim) if a not in axes)
    moved = np.transpose(value, rest + tuple(sorted(axes)))
    count = _reduced_count(value.shape, axes)
    flat = moved.reshape((*moved.shape[:len(rest)], count))
    total = np.zeros(flat.shape[:-1], dtype=value.dtype)
    for i in range(count):
        total = np.add(total, flat[..., i])
    if keepdims:
        total = total.reshape(kept_dims_shape(value.shape, axes))
    return total[()] if total.ndim == 0 else total


# dtypes NumPy reduces in their own precision, as TF does (np.add.reduce skips np.sum's dispatch layers)
_NATIVE = frozenset(np.dtype(t) for t in (np.float32, np.float64, np.complex64, np.complex128, np.int64))
_ADD_REDUCE = np.add.reduce


def _native_sum(value: np.ndarray, axes: tuple, keepdims: bool) -> Any:
    if value.size < BIG_SUM:  # (small arrays: NumPy's own sum, without add_reduce's checks)
        return _ADD_REDUCE(value, axes, keepdims=keepdims)
    total = add_reduce(value, axes)
    return total.reshape(kept_dims_shape(value.shape, axes)) if keepdims else total


def _np_sum(value: np.ndarray, axes: tuple, keepdims: bool) -> Any:
    dtype = value.dtype
    if dtype in _NATIVE:
        return _native_sum(value, axes, keepdims)
    if dtype == _FLOAT16 and _reduced_count(value.shape, axes) < _SEQUENTIAL_HALF_LIMIT:
        return _sequential_half_sum(value, axes, keepdims)
    if dtype == _BFLOAT16:
        return np.sum(value.astype(np.float32), axis=axes, keepdims=keepdims).astype(dtype)
    return _same_dtype(np.sum(value, axis=axes, keepdims=keepdims), dtype)


def _np_mean(value: np.ndarray, axes: tuple, keepdims: bool) -> Any:
    dtype = value.dtype
    count = _reduced_count(value.shape, axes)
    if dtype.kind in "iu":
        wide = np.uint64 if dtype.kind == "u" else np.int64
        total = np.sum(value, axis=axes, keepdims=keepdims, dtype=wide)
        if count == 0:
            return _same_dtype(total, dtype)
        # integer mean truncates toward zero, as C division does
        quotient = np.abs(total) // count if dtype.kind == "i" else total // count
        return (np.sign(total) * quotient if dtype.kind == "i" else quotient).astype(dtype)
    if dtype == _FLOAT16:
        return np.divide(_np_sum(value, axes, keepdims), np.float16(count)).astype(dtype)
    if dtype == _BFLOAT16:
        total = np.sum(value.astype(np.float32), axis=axes, keepdims=keepdims)
        return np.true_divide(total, np.float32(count)).astype(dtype)
    return _same_dtype(np.true_divide(_native_sum(value, axes, keepdims), count), dtype)


def _identity(dtype: np.dtype, largest: bool) -> Any:
    if dtype.kind in "iu":
        info = np.iinfo(dtype)
        return info.max if largest else info.min
    return np.inf if largest else -np.inf


def _np_max(value: np.ndarray, axes: tuple, keepdims: bool) -> Any:
    dtype = value.dtype
    if dtype in _NATIVE and dtype.kind == "f":
        return np.maximum.reduce(value, axis=axes, keepdims=keepdims, initial=-np.inf)
    if dtype == _BFLOAT16:
        return _np_max(value.astype(np.float32), axes, keepdims).astype(dtype)
    return _same_dtype(np.max(value, axis=axes, keepdims=keepdims, initial=_identity(dtype, False)), dtype)


def _np_min(value: np.ndarray, axes: tuple, keepdims: bool) -> Any:
    dtype = value.dtype
    if dtype == _BFLOAT16:
        return _np_min(value.astype(np.float32), axes, keepdims).astype(dtype)
    return _same_dtype(np.min(value, axis=axes, keepdims=keepdims, initial=_identity(dtype, True)), dtype)


def _np_prod(value: np.ndarray, axes: tuple, keepdims: bool) -> Any:
    dtype = value.dtype
    if dtype == _BFLOAT16:
        return np.prod(value.astype(np.float32), axis=axes, keepdims=keepdims).astype(dtype)
    return _same_dtype(np.prod(value, axis=axes, keepdims=keepdims), dtype)


def _np_all(value: np.ndarray, axes: tuple, keepdims: bool) -> Any:
    return np.all(value, axis=axes, keepdims=keepdims)


def _np_any(value: np.ndarray, axes: tuple, keepdims: bool) -> Any:
    return np.any(value, axis=axes, keepdims=keepdims)


def _np_euclidean_norm(value: np.ndarray, axes: tuple, keepdims: bool) -> Any:
    dtype = value.dtype
    squares = np.multiply(value, np.conj(value)) if dtype.kind == "c" else np.multiply(value, value)
    total = np.asarray(_np_sum(squares, axes, keepdims))
    if dtype.kind in "iu":  # the integer square root truncates
        out = np.sqrt(total.astype(np.float64)).astype(dtype)
    elif dtype == _BFLOAT16:
        out = np.sqrt(total.astype(np.float32)).astype(dtype)
    else:
        out = np.sqrt(total)
    return out[()] if out.ndim == 0 else out


# -- sum and mean ------------------------------------------------------------------------------
def reduce_sum(input_tensor: Any, axis: Any = None, keepdims: bool = False, name: Any = None) -> EagerTensor:
    """`tf.math.reduce_sum`. Integer sums wrap around in the input dtype, as in TF."""
    return _reduce(_SUM, _np_sum, input_tensor, axis, keepdims, name)


def sum_over(x: EagerTensor, axes: tuple) -> EagerTensor:
    """Sum over normalized axes, without argument processing (the engine's undoing of broadcasting)."""
    v = x._value
    value = quiet_numpy.run(_ADD_REDUCE if v.size < BIG_SUM else add_reduce, v, axes) if v.dtype in _NATIVE else \
        kernel(_np_sum, v, axes, False)
    return execute(_SUM, (x,), value, {"axes": axes, "keepdims": False, "all": axes == tuple(range(x._value.ndim))})


def _sum_grad_value(op: Any, grad: Any) -> EagerTensor:
    """TF reshapes the upstream to the kept-dims shape and broadcasts it (tiles it, when every axis was
    reduced in order: the same values and the same dependence, so broadcast_to serves both)."""
    shape = op.inputs[0]._value.shape
    if not op.attrs["keepdims"]:
        grad = shape_ops.reshape(grad, kept_dims_shape(shape, op.attrs["axes"]))
    return shape_ops.broadcast_to(grad, shape)


@_SUM.gradient
def _sum_grad(op: Any, grad: Any) -> Any:
    done = one_kernel(_np_sum_grad, (grad,), op.inputs[0]._value.shape, op.attrs)
    return _sum_grad_value(op, grad) if done is None else done


def _np_sum_grad(grad: Any, shape: tuple, attrs: dict) -> Any:
    if not attrs["keepdims"]:
        grad = grad.reshape(kept_dims_shape(shape, attrs["axes"]))
    return shape_ops.broadcast_value(grad, shape)


def reduce_mean(input_tensor: Any, axis: Any = None, keepdims: bool = False, name: Any = None) -> EagerTensor:
    """`tf.math.reduce_mean`. Integer inputs give an integer mean, truncated toward zero."""
    return _reduce(_MEAN, _np_mean, input_tensor, axis, keepdims, name)


@_MEAN.gradient
def _mean_grad(op: Any, grad: Any) -> Any:
    shape = op.inputs[0]._value.shape
    factor = grad._value.dtype.type(math.prod(shape) // max(math.prod(op.outputs[0]._value.shape), 1))
    done = one_kernel(_np_mean_grad, (grad,), shape, op.attrs, factor)
    if done is None:
        return realdiv(_sum_grad_value(op, grad), EagerTensor(factor))  # (TF's truediv: the same op here)
    return done


def _np_mean_grad(grad: Any, shape: tuple, attrs: dict, factor: Any) -> Any:
    return np.true_divide(_np_sum_grad(grad, shape, attrs), factor)


# -- max and min -------------------------------------------------------------------------------
def reduce_max(input_tensor: Any, axis: Any = None, keepdims: bool = False, name: Any = None) -> EagerTensor:
    """`tf.math.reduce_max`. Empty reductions give -inf (or the integer minimum). The gradient is
    shared evenly among tied maxima."""
    return _reduce(_MAX, _np_max, input_tensor, axis, keepdims, name)


def reduce_min(input_tensor: Any, axis: Any = None, keepdims: bool = False, name: Any = None) -> EagerTensor:
    """`tf.math.reduce_min`. Empty reductions give inf (or the integer maximum). The gradient is
    shared evenly among tied minima."""
    return _reduce(_MIN, _np_min, input_tensor, axis, keepdims, name)


def _min_or_max_grad(op: Any, grad: Any) -> Any:
    x, y = op.inputs[0], op.outputs[0]
    axes = op.attrs["axes"]
    kept = kept_dims_shape(x._value.shape, axes)
    done = one_kernel(_np_min_or_max_grad, (x, y, grad), axes, kept)
    if done is not None:
        return done
    if not op.attrs["keepdims"]:
        y = reshape(y, kept)
        grad = reshape(grad, kept)
    indicators = cast(equal(y, x), grad.dtype)
    num_selected = reshape(sum_over(indicators, axes), kept)
    return mul_raw(realdiv(indicators, num_selected), grad)  # (TF's divide: RealDiv for floating gradients)


def _np_min_or_max_grad(x: Any, y: Any, grad: Any, axes: tuple, kept: tuple) -> Any:
    y, grad = y.reshape(kept), grad.reshape(kept)  # (a no-op with keepdims)
    indicators = np.equal(y, x).astype(grad.dtype)
    num_selected = np.add.reduce(indicators, axes).reshape(kept)
    return np.multiply(np.true_divide(indicators, num_selected), grad)


_MAX.gradient(_min_or_max_grad)
_MIN.gradient(_min_or_max_grad)


# -- prod --------------------------------------------------------------------------------------
def reduce_prod(input_tensor: Any, axis: Any = None, keepdims: bool = False, name: Any = None) -> EagerTensor:
    """`tf.math.reduce_prod`. Accepts a fully known TensorShape (its dimensions are multiplied)."""
    return _reduce(_PROD, _np_prod, input_tensor, axis, keepdims, name)


@_PROD.gradient
def _prod_grad(op: Any, grad: Any) -> Any:
    from tfshim.ops.arithmetic import multiply
    from tfshim.ops.complex_ops import conj
    from tfshim.ops.scans import cumprod
    from tfshim.ops.shape_ops import broadcast_to, reshape, transpose

    x = op.inputs[0]
    shape = x._value.shape
    reduced = list(op.attrs["axes"])
    if not op.attrs["keepdims"]:
        grad = reshape(grad, kept_dims_shape(shape, tuple(reduced)))
    grad = broadcast_to(grad, shape)
    # all reduced axes first, packed into one, so the products can be taken as cumulative products
    other = [i for i in range(len(shape)) if i not in reduced]
    perm = reduced + other
    reduced_num = int(np.prod([shape[i] for i in reduced], dtype=np.int64))
    other_num = int(np.prod([shape[i] for i in other], dtype=np.int64))
    permuted = transpose(x, perm)
    permuted_shape = permuted._value.shape
    reshaped = reshape(permuted, (reduced_num, other_num))
    # the product of everything before and after each entry, leaving the entry out
    left = cumprod(reshaped, axis=0, exclusive=True)
    right = cumprod(reshaped, axis=0, exclusive=True, reverse=True)
    y = reshape(multiply(conj(left), conj(right)), permuted_shape)
    out = multiply(grad, transpose(y, tuple(int(i) for i in np.argsort(perm))))
    return reshape(out, shape)


# -- all and any -------------------------------------------------------------------------------
def _logical_reduce(op: OpDef, fn: Any, input_tensor: Any, axis: Any, keepdims: Any, name: Any) -> EagerTensor:
    if type(input_tensor) is EagerTensor:
        x = input_tensor
    else:
        x = _args.convert_to_tensor(input_tensor, dtype=_dtypes.bool) \
            if not getattr(input_tensor, "_is_variable", False) else _args.tensor(input_tensor)
    error_name = _error_name(input_tensor, axis, name)
    if x._value.dtype != _BOOL:
        raise renamed(_args.mismatch_error(op, 0, _BOOL, x._value.dtype), error_name)
    axes = reduction_axes(op, x, axis, error_name)
    keepdims = False if keepdims is None else bool(keepdims)
    value = kernel(fn, x._value, axes, keepdims)
    return execute(op, (x,), value, {"axes": axes, "keepdims": keepdims})


def reduce_all(input_tensor: Any, axis: Any = None, keepdims: bool = False, name: Any = None) -> EagerTensor:
    """`tf.math.reduce_all`: logical and over axes; the input must be bool."""
    return _logical_reduce(_ALL, _np_all, input_tensor, axis, keepdims, name)


def reduce_any(input_tensor: Any, axis: Any = None, keepdims: bool = False, name: Any = None) -> EagerTensor:
    """`tf.math.reduce_any`: logical or over axes; the input must be bool."""
    return _logical_reduce(_ANY, _np_any, input_tensor, axis, keepdims, name)


# -- euclidean norm ----------------------------------------------------------------------------
def reduce_euclidean_norm(input_tensor: Any, axis: Any = None, keepdims: bool = False,
                          name: Any = None) -> EagerTensor:
    """`tf.math.reduce_euclidean_norm`. Integer inputs give the truncated integer root; complex
    inputs a complex result with zero imaginary part."""
    return _reduce(_EUCLIDEAN_NORM, _np_euclidean_norm, input_tensor, axis, keepdims, name)


@_EUCLIDEAN_NORM.gradient
def _euclidean_norm_grad(op: Any, grad: Any) -> Any:
    from tfshim.ops.arithmetic import truediv
    from tfshim.ops.shape_ops import reshape

    output = op.outputs[0]
    if not op.attrs["keepdims"]:
        kept = kept_dims_shape(op.inputs[0]._value.shape, op.attrs["axes"])
        output = reshape(output, kept)
        grad = reshape(grad, kept)
    return truediv(op.inputs[0], truediv(output, grad))


# -- compositions ------------------------------------------------------------------------------
def reduce_variance(input_tensor: Any, axis: Any = None, keepdims: bool = False, name: Any = None) -> EagerTensor:
    """`tf.math.reduce_variance`: the mean squared deviation from the mean (real for complex input)."""
    from tfshim.ops.arithmetic import multiply, subtract
    from tfshim.ops.complex_ops import conj, real
    from tfshim.ops.unary_math import square

    x = _args.tensor(input_tensor)
    means = reduce_mean(x, axis=axis, keepdims=True)
    if means.dtype.is_integer:
        raise TypeError(f"Input must be either real or complex. Received integer type {means.dtype}.")
    diff = subtract(x, means)
    if diff.dtype.is_complex:
        squared_deviations = real(multiply(conj(diff), diff))
    else:
        squared_deviations = square(diff)
    return reduce_mean(squared_deviations, axis=axis, keepdims=keepdims)


def reduce_std(input_tensor: Any, axis: Any = None, keepdims: bool = False, name: Any = None) -> EagerTensor:
    """`tf.math.reduce_std`: the square root of `reduce_variance`."""
    from tfshim.ops.unary_math import sqrt

    x = _args.tensor(input_tensor)
    return sqrt(reduce_variance(x, axis=axis, keepdims=keepdims))


def reduce_logsumexp(input_tensor: Any, axis: Any = None, keepdims: bool = False, name: Any = None) -> EagerTensor:
    """`tf.math.reduce_logsumexp`: log(sum(exp(x))), computed stably around the (non-differentiated)
    maximum."""
    from tfshim.ops.arithmetic import add, subtract
    from tfshim.ops.selection import where
    from tfshim.ops.shape_ops import reshape, stop_gradient
    from tfshim.ops.unary_math import exp, is_finite, log

    raw_max = reduce_max(input_tensor, axis=axis, keepdims=True)
    my_max = stop_gradient(where(is_finite(raw_max), raw_max, 0))
    result = log(reduce_sum(exp(subtract(input_tensor, my_max)), axis=axis, keepdims=keepdims))
    if not keepdims:
        my_max = reshape(my_max, result._value.shape)
    return add(result, my_max)


def count_nonzero(input: Any, axis: Any = None, keepdims: Any = None, dtype: Any = _dtypes.int64,
                  name: Any = None) -> EagerTensor:
    """`tf.math.count_nonzero`: the number of non-zero (non-empty for strings) elements."""
    from tfshim.ops.casting import cast
    from tfshim.ops.comparison import not_equal

    x = _args.tensor(input)
    if x._value.dtype == _BOOL:
        predicate = x
    else:  # a scalar zero (the empty string for strings), as tf.zeros([], dtype) makes
        zero = np.array(b"", dtype=object) if x._value.dtype == object else np.zeros((), x._value.dtype)[()]
        predicate = not_equal(x, EagerTensor(zero))
    counted = reduce_sum(cast(predicate, _dtypes.int64), axis=axis, keepdims=bool(keepdims))
    return cast(counted, dtype)
