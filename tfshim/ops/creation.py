"""Tensors made from a shape or another tensor: zeros, ones, fill, *_like, range, eye, linspace.
`zeros_like`/`ones_like`/`range` have no gradient; `fill` passes the summed gradient to its value."""

from __future__ import annotations

from typing import Any

import numpy as np

from tfshim._engine import dtypes as _dtypes
from tfshim._engine.convert import convert_to_tensor
from tfshim._engine.errors import kernel_error
from tfshim._engine.registry import execute, kernel, op_def
from tfshim._engine.tensor import EagerTensor
from tfshim._engine.tensor_shape import TensorShape
from tfshim.ops import _args

_ZEROS_LIKE = op_def("ZerosLike", differentiable=False)
_ONES_LIKE = op_def("OnesLike", differentiable=False)
_FILL = op_def("Fill")
_RANGE = op_def("Range", differentiable=False)


def shape_tuple(shape: Any) -> tuple:
    """A shape argument (list, tuple, TensorShape, int tensor) as a tuple of non-negative ints."""
    if isinstance(shape, TensorShape):
        return tuple(shape.as_list())
    if isinstance(shape, EagerTensor):
        if shape._value.dtype.kind not in "iu":
            raise kernel_error("Fill", f"dims must be a vector of int32 or int64, got {shape.dtype.name}")
        return tuple(int(d) for d in np.atleast_1d(shape._value))
    if isinstance(shape, (int, np.integer)):
        return (int(shape),)
    return tuple(int(d) for d in shape)


def _filled(shape: Any, value: Any, dtype: Any) -> EagerTensor:
    dtype = _dtypes.as_dtype(dtype)
    dims = shape_tuple(shape)
    if any(d < 0 for d in dims):
        raise kernel_error("Fill", f"Fill dimensions must be >= 0, got {list(dims)}")
    if dtype is _dtypes.string:
        array = np.full(dims, b"" if value == 0 else value, dtype=object)
    else:
        array = np.full(dims, value, dtype=dtype._np)
    return EagerTensor(array if dims else array[()])


def zeros(shape: Any, dtype: Any = _dtypes.float32, name: Any = None, layout: Any = None) -> EagerTensor:
    """`tf.zeros`."""
    return _filled(shape, 0, dtype)


def ones(shape: Any, dtype: Any = _dtypes.float32, name: Any = None, layout: Any = None) -> EagerTensor:
    """`tf.ones`."""
    return _filled(shape, 1, dtype)


def _like(op: Any, fill: int, input: Any, dtype: Any) -> EagerTensor:
    x = input if type(input) is EagerTensor else convert_to_tensor(input)
    target = x._value.dtype if dtype is None else _dtypes.as_dtype(dtype)._np
    if target.kind == "O":
        value = np.full(x._value.shape, b"", dtype=object)
    else:
        value = np.full(x._value.shape, fill, dtype=target)
    return execute(op, (x,), value if value.ndim else value[()])


def zeros_like(input: Any, dtype: Any = None, name: Any = None, layout: Any = None) -> EagerTensor:
    """`tf.zeros_like`."""
    return _like(_ZEROS_LIKE, 0, input, dtype)


def ones_like(input: Any, dtype: Any = None, name: Any = None, layout: Any = None) -> EagerTensor:
    """`tf.ones_like`."""
    return _like(_ONES_LIKE, 1, input, dtype)


def fill(dims: Any, value: Any, name: Any = None, layout: Any = None) -> EagerTensor:
    """`tf.fill`: a tensor of shape `dims` filled with the scalar `value` (differentiable in it)."""
    value = _args.tensor(value)
    if value._value.ndim != 0:
        raise kernel_error("Fill", f"value must be a scalar, got {_args.shape_text(value._value.shape)}")
    dims_tensor = dims if isinstance(dims, EagerTensor) else convert_to_tensor(shape_tuple(dims), dtype="int32")
    shape = shape_tuple(dims_tensor)
    array = np.full(shape, value._value, dtype=value._value.dtype)
    return execute(_FILL, (dims_tensor, value), array if shape else array[()])


@_FILL.gradient
def _fill_grad(op: Any, grad: Any) -> tuple:
    from tfshim.ops.reductions import reduce_sum

    return None, reduce_sum(grad)


_RANGE_ORDER = (_dtypes.int32, _dtypes.int64, _dtypes.float16, _dtypes.bfloat16, _dtypes.float32, _dtypes.float64)


def range(start: Any, limit: Any = None, delta: Any = 1, dtype: Any = None, name: str = "range") -> EagerTensor:
    """`tf.range`: like Python's range; the dtype is the widest of the arguments' unless given."""
    if limit is None:
        start, limit = 0, start
    args = []
    for a in (start, limit, delta):
        if isinstance(a, EagerTensor):
            args.append(a)
        else:
            args.append(convert_to_tensor(a, dtype=dtype) if dtype is not None else convert_to_tensor(a))
    if dtype is None:
        dtype = max((a.dtype for a in args), key=lambda d: _RANGE_ORDER.index(d) if d in _RANGE_ORDER else 0)
    else:
        dtype = _dtypes.as_dtype(dtype)
    from tfshim.ops.casting import cast

    args = [cast(a, dtype) for a in args]
    s, lim, d = (a._value.item() for a in args)
    if d == 0:
        raise kernel_error("Range", "Requires delta != 0: 0")
    if (d > 0 and s > lim) or (d < 0 and s < lim):
        raise kernel_error("Range", f"Requires start <= limit when delta > 0: {_num(s)}/{_num(lim)}" if d > 0
                           else f"Requires start >= limit when delta < 0: {_num(s)}/{_num(lim)}")
    value = kernel(np.arange, s, lim, d, dtype=dtype._np)
    return execute(_RANGE, tuple(args), value)


def _num(v: Any) -> str:
    return str(int(v)) if float(v).is_integer() else str(v)


def eye(num_rows: Any, num_columns: Any = None, batch_shape: Any = None, dtype: Any = _dtypes.float32,
        name: Any = None) -> EagerTensor:
    """`tf.eye`: identity matrices, optionally batched."""
    dtype = _dtypes.as_dtype(dtype)
    rows = int(num_rows)
    cols = rows if num_columns is None else int(num_columns)
    matrix = np.eye(rows, cols, dtype=dtype._np)
    if batch_shape is not None:
        batch = shape_tuple(batch_shape)
        matrix = np.broadcast_to(matrix, (*batch, rows, cols)).copy()
    return EagerTensor(matrix)
