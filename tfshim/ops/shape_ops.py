"""Ops that rearrange without computing: identity, stop_gradient, reshape, transpose, expand_dims,
squeeze, and the shape queries shape/size/rank (which have no gradient)."""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from tfshim._engine import dtypes as _dtypes
from tfshim._engine import tape as _tape
from tfshim._engine.errors import kernel_error
from tfshim._engine.indexed_slices import IndexedSlices
from tfshim._engine.registry import execute, op_def
from tfshim._engine.tensor import EagerTensor
from tfshim.ops import _args

_state = _tape.state
_IDENTITY = op_def("Identity")
_STOP_GRADIENT = op_def("StopGradient", differentiable=False)
_RESHAPE = op_def("Reshape")
_TRANSPOSE = op_def("Transpose")
_EXPAND_DIMS = op_def("ExpandDims")
_SQUEEZE = op_def("Squeeze")
_SHAPE = op_def("Shape", differentiable=False)
_SIZE = op_def("Size", differentiable=False)
_RANK = op_def("Rank", differentiable=False)


def identity(input: Any, name: Any = None) -> EagerTensor:
    """`tf.identity`: the same value as a new tensor (reading a variable); an IndexedSlices gets the
    identity of each of its parts, as in TF."""
    if isinstance(input, IndexedSlices):
        shape = input.dense_shape
        return IndexedSlices(identity(input.values), identity(input.indices),
                             None if shape is None else identity(shape))
    x = _args.tensor(input)
    return execute(_IDENTITY, (x,), x._value)


@_IDENTITY.sparse_gradient
def _identity_grad(op: Any, grad: Any) -> Any:
    return grad


def stop_gradient(input: Any, name: Any = None) -> EagerTensor:
    """`tf.stop_gradient`: the same value, which no tape tracks (TensorFlow does not record it)."""
    if isinstance(input, IndexedSlices):
        return IndexedSlices(stop_gradient(input.values), input.indices, input.dense_shape)
    x = _args.tensor(input)
    out = EagerTensor(x._value)
    if _state.active:
        _tape.record_untracked(_STOP_GRADIENT, (x,), (out,))
    return out


def _shape_arg(shape: Any) -> tuple:
    if isinstance(shape, EagerTensor):
        return tuple(int(d) for d in np.atleast_1d(shape._value))
    if hasattr(shape, "as_list"):
        return tuple(shape.as_list())
    if isinstance(shape, (int, np.integer)):
        return (int(shape),)
    return tuple(-1 if d is None else int(d) for d in shape)


def reshape(tensor: Any, shape: Any, name: Any = None) -> EagerTensor:
    """`tf.reshape`: one dimension may be -1."""
    if type(tensor) is EagerTensor and type(shape) is tuple and _complete(shape, tensor._value.size):
        return execute(_RESHAPE, (tensor,), tensor._value.reshape(shape))  # the common case, checked
    x = _args.tensor(tensor)
    dims = _reshape_dims(x._value.shape, _shape_arg(shape))
    value = np.reshape(x._value, dims)
    return execute(_RESHAPE, (x,), value)


def _complete(dims: tuple, size: int) -> bool:
    """Whether `dims` is a plain shape (non-negative ints) holding exactly `size` elements."""
    return _plain_size(dims) == size


def _plain_size(dims: tuple) -> int | None:
    """The element count of a shape given as non-negative Python ints; None for anything else."""
    total = 1
    for d in dims:
        if type(d) is not int or d < 0:
            return None
        total *= d
    return total


def _reshape_dims(in_shape: tuple, dims: tuple) -> tuple:
    """TF's Reshape kernel (ValidateSizes): the output shape, with the -1 inferred. Zero-sized
    requested dimensions are left out of the product, and then so are the input's zero dimensions,
    so the other sizes can still be inferred for an empty tensor."""
    product, unknown, has_zero = 1, -1, False
    for d, size in enumerate(dims):
        if size == -1:
            if unknown != -1:
                raise kernel_error("Reshape", f"Only one input size may be -1, not both {unknown} and {d}", name=None)
            unknown = d
        elif size < 0:
            raise kernel_error("Reshape", f"Size {d} must be non-negative, not {size}", name=None)
        elif size == 0:
            has_zero = True
        else:
            product *= size
    total = 1
    for d in in_shape:
        total *= d
    if unknown != -1:
        counted, input_has_zero = 1, False
        for d in in_shape:
            if d > 0 or not has_zero:
                counted *= d
            else:
                input_has_zero = True
        missing = counted // product
        if not input_has_zero and product * missing != counted:
            raise kernel_error("Reshape", f"Input to reshape is a tensor with {counted} values, but the requested "
                                          f"shape requires a multiple of {product}", name=None)
        dims = (*dims[:unknown], missing, *dims[unknown + 1:])
    wanted = 1
    for d in dims:
        wanted *= d
    if wanted != total:
        raise kernel_error("Reshape", f"Input to reshape is a tensor with {total} values, but the requested shape has "
                                      f"{wanted}", name=None)
    return dims


@_RESHAPE.gradient
def _reshape_grad(op: Any, grad: Any) -> tuple:
    return reshape(grad, op.inputs[0]._value.shape)


def transpose(a: Any, perm: Any = None, conjugate: bool = False, name: str = "transpose") -> EagerTensor:
    """`tf.transpose`: reverses the axes unless `perm` is given."""
    from tfshim.ops.complex_ops import conj

    x = _args.tensor(a)
    rank = x._value.ndim
    perm = tuple(reversed(range(rank))) if perm is None else tuple(_args.axis_list(perm) if not isinstance(
        perm, (list, tuple)) else [int(p) for p in perm])
    if len(perm) != rank:
        raise kernel_error("Transpose", f"transpose expects a vector of size {rank}. But input(1) is a vector "
                                        f"of size {len(perm)}", name=None)
    if sorted(p % rank if rank else p for p in perm) != list(range(rank)) or any(p >= rank or p < -rank for p in perm):
        bad = next((p for p in perm if p >= rank or p < -rank), None)
        detail = f"{bad} is out of range [0 .. {rank})" if bad is not None else f"{perm[0]} is duplicated in perm"
        raise kernel_error("Transpose", detail, name=None)
    perm = tuple(p % rank for p in perm)
    out = execute(_TRANSPOSE, (x,), np.transpose(x._value, perm), {"perm": perm})
    return conj(out) if conjugate else out


@_TRANSPOSE.gradient
def _transpose_grad(op: Any, grad: Any) -> Any:
    perm = op.attrs["perm"]
    return transpose(grad, tuple(np.argsort(perm)))


def expand_dims(input: Any, axis: Any, name: Any = None) -> EagerTensor:
    """`tf.expand_dims`: inserts a length-1 axis at `axis` (which may be negative)."""
    x = _args.tensor(input)
    axis = _args.axis_list(axis)
    if isinstance(axis, list):
        if len(axis) != 1:
            raise kernel_error("ExpandDims", "'dim' must be a tensor with a single value", name=None)
        axis = axis[0]
    rank = x._value.ndim
    if axis < -rank - 1 or axis > rank:
        raise kernel_error("ExpandDims", f"Tried to expand dim index {axis} for tensor with {rank} dimensions.",
                           name=None)
    return execute(_EXPAND_DIMS, (x,), np.expand_dims(x._value, axis))


@_EXPAND_DIMS.gradient
def _expand_dims_grad(op: Any, grad: Any) -> tuple:
    return reshape(grad, op.inputs[0]._value.shape)


def _check_squeeze_axis(axis: Any) -> None:
    """TF's wrapper takes Squeeze's `axis` as a list or an int (floats truncated): a 1-D tensor or
    array and strings raise its TypeErrors."""
    if isinstance(axis, str) or (isinstance(axis, (list, tuple)) and any(isinstance(a, str) for a in axis)):
        bad = axis if isinstance(axis, str) else next(a for a in axis if isinstance(a, str))
        raise TypeError(f"Expected int for argument 'axis' not {bad!r}.")
    if np.ndim(axis._value if isinstance(axis, EagerTensor) else axis) and not isinstance(axis, (list, tuple)):
        raise TypeError(f"Expected list for 'axis' argument to 'squeeze' Op, not {axis!r}.")


def squeeze(input: Any, axis: Any = None, name: Any = None) -> EagerTensor:
    """`tf.squeeze`: removes length-1 axes (all of them, or those in `axis`)."""
    x = _args.tensor(input)
    shape = x._value.shape
    rank = len(shape)
    if axis is None:
        dims = tuple(i for i, d in enumerate(shape) if d == 1)
    else:
        _check_squeeze_axis(axis)
        axes = _args.axis_list(axis)
        axes = [axes] if isinstance(axes, int) else axes
        dims = []
        for a in axes:
            if a < -rank or a >= rank:
                raise kernel_error("Squeeze", f"Tried to squeeze dim index {a} for tensor with {rank} dimensions.",
                                   name=name or "")
            a %= rank
            if shape[a] != 1:
                raise kernel_error("Squeeze", f"Can not squeeze dim[{a}], expected a dimension of 1, got {shape[a]}",
                                   name=name or "")
            dims.append(a)
        dims = tuple(sorted(set(dims)))
    return execute(_SQUEEZE, (x,), np.squeeze(x._value, dims) if dims else x._value)


@_SQUEEZE.gradient
def _squeeze_grad(op: Any, grad: Any) -> tuple:
    return reshape(grad, op.inputs[0]._value.shape)


def _out_type(out_type: Any) -> Any:
    dtype = _dtypes.as_dtype(out_type)
    if dtype not in (_dtypes.int32, _dtypes.int64):
        raise TypeError(f"Value passed to parameter 'out_type' has DataType {dtype.name} not in list of allowed "
                        "values: int32, int64")
    return dtype


def shape(input: Any, out_type: Any = _dtypes.int32, name: Any = None) -> EagerTensor:
    """`tf.shape`: the shape as an int32 (or int64) vector."""
    x = _args.tensor(input)
    return execute(_SHAPE, (x,), np.asarray(x._value.shape, dtype=_out_type(out_type)._np))


def size(input: Any, out_type: Any = _dtypes.int32, name: Any = None) -> EagerTensor:
    """`tf.size`: the number of elements."""
    x = _args.tensor(input)
    return execute(_SIZE, (x,), _out_type(out_type)._np.type(x._value.size))


def rank(input: Any, name: Any = None) -> EagerTensor:
    """`tf.rank`: the number of dimensions, as an int32 scalar."""
    x = _args.tensor(input)
    return execute(_RANK, (x,), np.int32(x._value.ndim))


_BROADCAST_TO = op_def("BroadcastTo", broadcasting=True)
_SMALL_COPY = 1 << 14  # results up to this many elements are materialized: faster than np.broadcast_to's view


def broadcast_to(input: Any, shape: Any, name: Any = None) -> EagerTensor:
    """`tf.broadcast_to`. Its gradient sums back over the broadcast axes (done by the engine)."""
    x = input if type(input) is EagerTensor else _args.tensor(input)
    dims = shape if type(shape) is tuple else _shape_arg(shape)
    size = _plain_size(dims)
    if size is not None and size <= _SMALL_COPY and x._value.ndim <= len(dims):
        try:
            return execute(_BROADCAST_TO, (x,), _small_copy(x._value, dims))
        except ValueError:
            pass  # the general path raises TF's error
    try:
        value = np.broadcast_to(x._value, dims)
    except ValueError:
        raise _broadcast_error(x._value.shape, tuple(dims)) from None
    return execute(_BROADCAST_TO, (x,), value)


def _broadcast_error(shape: tuple, dims: tuple) -> Exception:
    """BroadcastTo's kernel checks, in its order: the ranks, the two shapes broadcasting together, and
    their broadcast being the target shape (its errors carry no name suffix)."""
    if len(shape) > len(dims):
        detail = f"Rank of input ({len(shape)}) must be no greater than rank of output shape ({len(dims)})."
    else:
        try:
            joint = np.broadcast_shapes(shape, dims)
        except ValueError:
            joint = None
        if joint is None:
            detail = f"Incompatible shapes: {_args.shape_text(shape)} vs. {_args.shape_text(dims)}"
        else:
            detail = (f"Unable to broadcast tensor of shape {_args.shape_text(shape)} to tensor of shape "
                      f"{_args.shape_text(dims)}")
    return kernel_error("BroadcastTo", detail, name=None)


def _small_copy(value: Any, dims: tuple) -> np.ndarray:
    out = np.empty(dims, value.dtype)  # np.broadcast_to's set-up costs more than copying this
    np.copyto(out, value)
    return out


def broadcast_value(value: Any, dims: tuple) -> Any:
    """BroadcastTo's result for a shape known to be valid: a copy when small, else a read-only view."""
    if math.prod(dims) <= _SMALL_COPY:
        return _small_copy(value, dims)
    return np.broadcast_to(value, dims)


@_BROADCAST_TO.gradient
def _broadcast_to_grad(op: Any, grad: Any) -> Any:
    return grad
