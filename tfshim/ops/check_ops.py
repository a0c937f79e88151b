"""Assertions and numeric checks: `tf.debugging.assert_*`, `tf.debugging.Assert`,
`tf.debugging.check_numerics` / `assert_all_finite`, `tf.ensure_shape`.

Each follows TensorFlow's eager code path (check_ops.py), so the exception classes, the message
layout (summarized values, the `Condition x == y did not hold.` lines, the message prefix with its
two spaces) and the quirks are TensorFlow's. Assertions return None when they pass, as in eager TF.
`CheckNumerics` is an op with TF's gradient (the upstream gradient is checked too).
"""

from __future__ import annotations

import collections
from typing import Any

import numpy as np

from tfshim._engine import dtypes as _dtypes
from tfshim._engine.convert import convert_to_tensor
from tfshim._engine.errors import InvalidArgumentError, kernel_error
from tfshim._engine.registry import execute, op_def
from tfshim._engine.tensor import EagerTensor, Tensor
from tfshim._engine.tensor_shape import TensorShape
from tfshim.ops import _args

_CHECK_NUMERICS = op_def("CheckNumerics")
_ENSURE_SHAPE = op_def("EnsureShape")

NUMERIC_TYPES = frozenset([
    _dtypes.float16, _dtypes.float32, _dtypes.float64, _dtypes.int8, _dtypes.int16, _dtypes.int32, _dtypes.int64,
    _dtypes.uint8, _dtypes.uint16, _dtypes.uint32, _dtypes.uint64, _dtypes.complex64, _dtypes.complex128,
    _dtypes.bfloat16])


def _message_prefix(message: Any) -> str:
    return f"{message}.  " if message else ""


def _shape_and_dtype_str(x: EagerTensor) -> str:
    return f"shape={x.shape} dtype={x.dtype.name}"


# -- Assert -------------------------------------------------------------------------------------
def _summarize_eager(x: EagerTensor, summarize: Any) -> str:
    if summarize is None:
        summarize = 3
    elif summarize < 0:
        summarize = x._value.size
    if x._value.ndim:
        flat = x.numpy().reshape((-1,))
        items = [str(v) for v in flat[:summarize]]
        if len(items) < flat.size:
            items.append("...")
    else:
        items = [str(x.numpy())] if summarize != 0 else []
    return ", ".join(items)


def Assert(condition: Any, data: Any, summarize: Any = None, name: Any = None) -> None:  # noqa: N802 - TF's name
    """`tf.debugging.Assert`: raises InvalidArgumentError("Expected '<condition>' to be true. Summarized
    data: ...") when `condition` is false."""
    if not condition:
        xs = [convert_to_tensor(x) for x in data]
        text = "\n".join(_summarize_eager(x, summarize) for x in xs)
        raise InvalidArgumentError(None, None, f"Expected '{condition!s}' to be true. Summarized data: {text}")


# -- binary assertions --------------------------------------------------------------------------
def _pretty_print(item: Any, summarize: Any) -> str:
    if isinstance(item, Tensor):
        arr = item.numpy()
        if np.isscalar(arr):
            return str(arr)
        flat = arr.reshape((-1,))
        items = [str(v) for v in flat[:summarize]]
        if len(items) < flat.size:
            items.append("...")
        return str(items)
    return str(item)


def _assert_message_data(sym: str, x: EagerTensor, y: EagerTensor, summarize: Any, test: EagerTensor) -> list:
    data = [f"Condition x {sym} y did not hold."]
    if summarize > 0:
        if x.shape == y.shape and x.shape.as_list():
            mask = ~np.asarray(test._value)
            indices = np.argwhere(mask).astype(np.int64)
            x_vals = np.asarray(x._value)[mask]
            y_vals = np.asarray(y._value)[mask]
            count = min(int(summarize), indices.shape[0])
            data.append(f"Indices of first {count} different values:")
            data.append(indices[:count])
            data.append("Corresponding x values:")
            data.append(x_vals.reshape((-1,))[:count])
            data.append("Corresponding y values:")
            data.append(y_vals.reshape((-1,))[:count])
        x_np = x.numpy().reshape((-1,))
        y_np = y.numpy().reshape((-1,))
        x_sum = min(x_np.size, summarize)
        y_sum = min(y_np.size, summarize)
        data.append(f"First {int(x_sum)} elements of x:")
        data.append(x_np[:int(x_sum)])
        data.append(f"First {int(y_sum)} elements of y:")
        data.append(y_np[:int(y_sum)])
    return data


def _binary_assert(sym: str, op_func: Any, x: Any, y: Any, data: Any, summarize: Any, message: Any) -> None:
    from tfshim.ops.reductions import reduce_all

    x = convert_to_tensor(x)
    y = convert_to_tensor(y)
    test = op_func(x, y)
    if reduce_all(test):
        return None
    if summarize is None:
        summarize = 3
    elif summarize < 0:
        summarize = 1e9
    if data is None:
        data = _assert_message_data(sym, x, y, summarize, test)
    if message is not None:
        data = [message, *list(data)]
    raise InvalidArgumentError(None, None, "\n".join(_pretty_print(d, summarize) for d in data))


def assert_equal(x: Any, y: Any, message: Any = None, summarize: Any = None, name: Any = None) -> None:
    """`tf.debugging.assert_equal`: InvalidArgumentError unless `x == y` element-wise."""
    from tfshim.ops.comparison import equal

    if x is y:
        return None
    return _binary_assert("==", equal, x, y, None, summarize, message)


def assert_none_equal(x: Any, y: Any, summarize: Any = None, message: Any = None, name: Any = None) -> None:
    """`tf.debugging.assert_none_equal`: InvalidArgumentError unless `x != y` element-wise."""
    from tfshim.ops.comparison import not_equal

    return _binary_assert("!=", not_equal, x, y, None, summarize, message)


def assert_less(x: Any, y: Any, message: Any = None, summarize: Any = None, name: Any = None) -> None:
    """`tf.debugging.assert_less`: InvalidArgumentError unless `x < y` element-wise."""
    from tfshim.ops.comparison import less

    return _binary_assert("<", less, x, y, None, summarize, message)


def assert_less_equal(x: Any, y: Any, message: Any = None, summarize: Any = None, name: Any = None) -> None:
    """`tf.debugging.assert_less_equal`: InvalidArgumentError unless `x <= y` element-wise."""
    from tfshim.ops.comparison import less_equal

    return _binary_assert("<=", less_equal, x, y, None, summarize, message)


def assert_greater(x: Any, y: Any, message: Any = None, summarize: Any = None, name: Any = None) -> None:
    """`tf.debugging.assert_greater`: InvalidArgumentError unless `x > y` element-wise."""
    from tfshim.ops.comparison import greater

    return _binary_assert(">", greater, x, y, None, summarize, message)


def assert_greater_equal(x: Any, y: Any, message: Any = None, summarize: Any = None, name: Any = None) -> None:
    """`tf.debugging.assert_greater_equal`: InvalidArgumentError unless `x >= y` element-wise."""
    from tfshim.ops.comparison import greater_equal

    return _binary_assert(">=", greater_equal, x, y, None, summarize, message)


# -- sign assertions (TF builds their data itself and passes no message) ------------------------
def _sign_assert(x: Any, message: Any, summarize: Any, text: str, zero_first: bool, strict: bool) -> None:
    prefix = _message_prefix(message)
    x = convert_to_tensor(x)
    name = _shape_and_dtype_str(x)
    if text == "<= 0":  # TF's list misses a comma here, joining two lines
        data = [prefix, f"Condition x {text} did not hold element-wise:x ({name}) = ", x]
    else:
        data = [prefix, f"Condition x {text} did not hold element-wise:", f"x ({name}) = ", x]
    from tfshim.ops.comparison import less, less_equal

    zero = convert_to_tensor(0, dtype=x.dtype)
    left, right = (zero, x) if zero_first else (x, zero)
    if strict:
        return _binary_assert("<", less, left, right, data, summarize, None)
    return _binary_assert("<=", less_equal, left, right, data, summarize, None)


def assert_negative(x: Any, message: Any = None, summarize: Any = None, name: Any = None) -> None:
    """`tf.debugging.assert_negative`: InvalidArgumentError unless `x < 0` element-wise."""
    return _sign_assert(x, message, summarize, "< 0", zero_first=False, strict=True)


def assert_positive(x: Any, message: Any = None, summarize: Any = None, name: Any = None) -> None:
    """`tf.debugging.assert_positive`: InvalidArgumentError unless `x > 0` element-wise."""
    return _sign_assert(x, message, summarize, "> 0", zero_first=True, strict=True)


def assert_non_negative(x: Any, message: Any = None, summarize: Any = None, name: Any = None) -> None:
    """`tf.debugging.assert_non_negative`: InvalidArgumentError unless `x >= 0` element-wise."""
    return _sign_assert(x, message, summarize, ">= 0", zero_first=True, strict=False)


def assert_non_positive(x: Any, message: Any = None, summarize: Any = None, name: Any = None) -> None:
    """`tf.debugging.assert_non_positive`: InvalidArgumentError unless `x <= 0` element-wise."""
    return _sign_assert(x, message, summarize, "<= 0", zero_first=False, strict=False)


def assert_near(x: Any, y: Any, rtol: Any = None, atol: Any = None, message: Any = None, summarize: Any = None,
                name: Any = None) -> None:
    """`tf.debugging.assert_near`: InvalidArgumentError unless `|x - y| < atol + rtol * |y|`
    element-wise (tolerances default to 10 * eps of the dtype)."""
    from tfshim.ops.arithmetic import add, multiply, subtract
    from tfshim.ops.comparison import less
    from tfshim.ops.reductions import reduce_all
    from tfshim.ops.unary_math import abs as _abs

    prefix = _message_prefix(message)
    x = convert_to_tensor(x)
    y = convert_to_tensor(y, dtype=x.dtype)
    dtype = x.dtype
    if dtype.is_complex:
        dtype = dtype.real_dtype
    eps = np.finfo(dtype._np).eps
    rtol = 10 * eps if rtol is None else rtol
    atol = 10 * eps if atol is None else atol
    rtol = convert_to_tensor(rtol, dtype=dtype)
    atol = convert_to_tensor(atol, dtype=dtype)
    data = [prefix, f"x and y not equal to tolerance rtol = {rtol!s}, atol = {atol!s}",
            f"x ({_shape_and_dtype_str(x)}) = ", x, f"y ({_shape_and_dtype_str(y)}) = ", y]
    tol = add(atol, multiply(rtol, _abs(y)))
    diff = _abs(subtract(x, y))
    condition = reduce_all(less(diff, tol))
    return Assert(condition, data, summarize=summarize)


# -- rank, type and shape assertions ------------------------------------------------------------
def _rank_value(rank: Any) -> np.ndarray:
    rank = convert_to_tensor(rank)
    assert_type(rank, _dtypes.int32)
    value = np.asarray(rank._value)
    if value.ndim != 0:
        raise ValueError("Rank must be a scalar.")
    return value


def assert_rank(x: Any, rank: Any, message: Any = None, name: Any = None) -> None:
    """`tf.debugging.assert_rank`: ValueError unless `x` has rank `rank`."""
    x = convert_to_tensor(x)
    prefix = _message_prefix(message)
    given = _rank_value(rank)
    if x._value.ndim != given:
        raise ValueError(f"{prefix}Tensor  must have rank {int(given)}.  Received rank {x._value.ndim}, "
                         f"shape {x.shape}")
    return None


def assert_rank_at_least(x: Any, rank: Any, message: Any = None, name: Any = None) -> None:
    """`tf.debugging.assert_rank_at_least`: ValueError unless `x` has at least rank `rank`."""
    x = convert_to_tensor(x)
    prefix = _message_prefix(message)
    given = _rank_value(rank)
    if not x._value.ndim >= given:
        raise ValueError(f"{prefix}Tensor  must have rank at least {int(given)}.  Received rank {x._value.ndim}, "
                         f"shape {x.shape}")
    return None


def assert_rank_in(x: Any, ranks: Any, message: Any = None, name: Any = None) -> None:
    """`tf.debugging.assert_rank_in`: ValueError unless the rank of `x` is one of `ranks`."""
    x = convert_to_tensor(x)
    values = tuple(_rank_value(r) for r in ranks)
    prefix = _message_prefix(message)
    if x._value.ndim not in values:
        raise ValueError(f"{prefix}Tensor  must have rank in {tuple(r.item() for r in values)}.  Received rank "
                         f"{x._value.ndim}, shape {x.shape}")
    return None


def assert_integer(x: Any, message: Any = None, name: Any = None) -> None:
    """`tf.debugging.assert_integer`: TypeError unless `x` has an integer dtype."""
    x = convert_to_tensor(x)
    if not x.dtype.is_integer:
        raise TypeError(f'{_message_prefix(message)}Expected "x" to be integer type.  Found: tensor of dtype '
                        f"{x.dtype}")
    return None


def assert_type(tensor: Any, tf_type: Any, message: Any = None, name: Any = None) -> None:
    """`tf.debugging.assert_type`: TypeError unless `tensor` has dtype `tf_type`."""
    tf_type = _dtypes.as_dtype(tf_type)
    tensor = convert_to_tensor(tensor)
    if tensor.dtype != tf_type:
        raise TypeError(f"{_message_prefix(message)}tensor must be of type {tf_type!r}; got {tensor.dtype!r}")
    return None


def assert_scalar(tensor: Any, message: Any = None, name: Any = None) -> Any:
    """`tf.debugging.assert_scalar`: ValueError unless `tensor` is a scalar (returns it)."""
    tensor = convert_to_tensor(tensor)
    if tensor._value.ndim != 0:
        raise ValueError(f"{_message_prefix(message)}Expected scalar shape, saw shape: {tensor.shape}.")
    return None


def assert_proper_iterable(values: Any) -> None:
    """`tf.debugging.assert_proper_iterable`: TypeError for tensors, arrays, strings and non-iterables."""
    if isinstance(values, (Tensor, np.ndarray, bytes, str)):
        raise TypeError(f'Expected argument "values" to be a "proper" iterable.  Found: {type(values)}')
    if not hasattr(values, "__iter__"):
        raise TypeError(f'Expected argument "values" to be iterable.  Found: {type(values)}')


def is_numeric_tensor(tensor: Any) -> bool:
    """`tf.debugging.is_numeric_tensor`."""
    return isinstance(tensor, Tensor) and tensor.dtype in NUMERIC_TYPES


def assert_same_float_dtype(tensors: Any = None, dtype: Any = None) -> _dtypes.DType:
    """`tf.debugging.assert_same_float_dtype`: the common floating dtype (float32 if none)."""
    if tensors:
        expected = dtype
        mismatch = False
        for item in tensors:
            if item is not None:
                if not expected:
                    expected = item.dtype
                elif expected != item.dtype:
                    mismatch = True
                    break
        if mismatch:
            expected = dtype
            original = None
            for item in tensors:
                if item is None:
                    continue
                if not expected:
                    expected = item.dtype
                    original = str(item)
                elif expected != item.dtype:
                    raise ValueError(f"{item!s}, type={item.dtype}, must be of the same type ({expected})"
                                     f"{f' as {original}' if original else ''}.")
        dtype = expected
    if not dtype:
        return _dtypes.float32
    dtype = _dtypes.as_dtype(dtype)
    if not dtype.is_floating:
        raise ValueError(f"Expected floating point type, got {dtype}.")
    return dtype


_DimSizes = collections.namedtuple("_DimSizes", ["x", "unspecified_dim", "actual_sizes", "symbolic_sizes"])


def assert_shapes(shapes: Any, data: Any = None, summarize: Any = None, message: Any = None,
                  name: Any = None) -> None:
    """`tf.debugging.assert_shapes`: checks ranks and (symbolic or explicit) dimension sizes of several
    tensors at once; ValueError on a mismatch, with TF's messages."""
    if isinstance(shapes, dict):
        shapes = shapes.items()
    prefix = _message_prefix(message)
    constraints = [(convert_to_tensor(x), s) for x, s in shapes if s is not None]
    sizes_list = []
    for tensor, symbolic in constraints:
        if not (hasattr(symbolic, "__iter__") or hasattr(symbolic, "__getitem__")):
            raise ValueError(f"{prefix}Tensor {_shape_and_dtype_str(tensor)}.  Specified shape must be an iterable.  "
                             "An iterable has the attribute `__iter__` or `__getitem__`.  Received specified shape: "
                             f"{symbolic}")
        symbols = tuple(symbolic)
        innermost = False
        for i, symbol in enumerate(symbols):
            if symbol not in [Ellipsis, "*"]:
                continue
            if i != 0:
                raise ValueError(f"{prefix}Tensor {_shape_and_dtype_str(tensor)} specified shape index {i}.  Symbol "
                                 "`...` or `*` for a variable number of unspecified dimensions is only allowed as "
                                 "the first entry")
            innermost = True
        actual = (1,) if tensor._value.ndim == 0 else tuple(tensor._value.shape)
        symbolic_sizes = symbols[1:] if innermost else symbols
        sizes_list.append(_DimSizes(tensor, innermost, actual, symbolic_sizes or (1,)))
    for sizes in sizes_list:
        rank = len(sizes.symbolic_sizes)
        if sizes.unspecified_dim:
            if rank in (0, 1):
                continue
            assert_rank_at_least(sizes.x, rank, message=message)
        elif rank in (0, 1):
            assert_rank_in(sizes.x, [0, 1], message=message)
        else:
            assert_rank(sizes.x, rank, message=message)
    specified: dict = {}
    for sizes in sizes_list:
        for i, symbol in enumerate(sizes.symbolic_sizes):
            if symbol is None or symbol == ".":
                continue
            dim = i - len(sizes.symbolic_sizes) if sizes.unspecified_dim else i
            if symbol in specified or _has_known_value(symbol):
                if _has_known_value(symbol):
                    want = int(symbol)
                    how = "Specified explicitly"
                else:
                    want, by, at = specified[symbol]
                    how = f"Specified by tensor {_shape_and_dtype_str(by)} dimension {at}"
                got = sizes.actual_sizes[dim]
                if int(got) != int(want):
                    raise ValueError(f"{prefix}{how}.  Tensor {_shape_and_dtype_str(sizes.x)} dimension {dim} must "
                                     f"have size {want}.  Received size {got}, shape {sizes.x.shape}")
            else:
                specified[symbol] = (sizes.actual_sizes[dim], sizes.x, dim)
    return None


def _has_known_value(size: Any) -> bool:
    if size is None:
        return False
    try:
        int(size)
    except (ValueError, TypeError):
        return False
    return True


# -- CheckNumerics ------------------------------------------------------------------------------
def check_numerics(tensor: Any, message: str, name: Any = None) -> EagerTensor:
    """`tf.debugging.check_numerics`: `tensor` unchanged, or InvalidArgumentError if it holds NaN or
    Inf ("<message> : Tensor had NaN values"). The gradient is checked the same way."""
    error_name = None if isinstance(tensor, (list, tuple)) else ""
    x = _args.tensor(tensor)
    if x._value.dtype not in _CHECK_NUMERICS.allowed["T"][0]:
        error = _args.dtype_error(_CHECK_NUMERICS, x._value.dtype)
        if error_name is None:
            error = InvalidArgumentError(None, None, error.message[: -len(" name: ")])
        raise error
    value = x._value
    has_nan = bool(np.isnan(value).any())
    has_inf = bool(np.isinf(value).any())
    if has_nan or has_inf:
        status = "Inf and NaN" if has_nan and has_inf else ("NaN" if has_nan else "Inf")
        raise kernel_error("CheckNumerics", f"{message} : Tensor had {status} values", name=error_name)
    attr = message.encode() if isinstance(message, str) else message  # TF's get_attr returns bytes
    return execute(_CHECK_NUMERICS, (x,), value, {"message": attr})


@_CHECK_NUMERICS.gradient
def _check_numerics_grad(op: Any, grad: Any) -> Any:
    return check_numerics(grad, "Not a number (NaN) or infinity (Inf) values detected in gradient. "
                                f"{op.attrs['message']!s}")


def assert_all_finite(x: Any, message: str, name: Any = None) -> Any:
    """`tf.debugging.assert_all_finite`: `x` unchanged, or check_numerics' InvalidArgumentError."""
    x = convert_to_tensor(x)
    check_numerics(x, message)
    return x


# -- EnsureShape --------------------------------------------------------------------------------
def ensure_shape(x: Any, shape: Any, name: Any = None) -> EagerTensor:
    """`tf.ensure_shape`: `x` unchanged if its shape is compatible with `shape`, else
    InvalidArgumentError. The gradient passes through."""
    if not isinstance(shape, TensorShape):
        shape = TensorShape(shape)
    error_name = None if isinstance(x, (list, tuple)) else (name or "")
    t = _args.tensor(x)
    if not shape.is_compatible_with(t.shape):
        raise kernel_error("EnsureShape", f"Shape of tensor input {_shape_list(t.shape)} is not compatible with "
                                          f"expected shape {_shape_list(shape)}.", name=error_name)
    return execute(_ENSURE_SHAPE, (t,), t._value)


def _shape_list(shape: TensorShape) -> str:
    if shape.rank is None:
        return "<unknown>"
    return "[" + ",".join("?" if d is None else str(d) for d in shape.as_list()) + "]"


@_ENSURE_SHAPE.sparse_gradient
def _ensure_shape_grad(op: Any, grad: Any) -> Any:
    return grad
