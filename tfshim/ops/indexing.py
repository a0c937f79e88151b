"""Python indexing of tensors (`x[...]`, TensorFlow's StridedSlice): ints, slices with steps,
`...`, `tf.newaxis` and scalar integer tensors; a boolean tensor or array index is a boolean mask.
The gradient scatters the upstream into zeros of the input's shape (StridedSliceGrad)."""

from __future__ import annotations

from typing import Any

import numpy as np

from tfshim._engine.errors import kernel_error
from tfshim._engine.registry import execute, execute_as, op_def
from tfshim._engine.tensor import EagerTensor
from tfshim.ops import _args

_STRIDED_SLICE = op_def("StridedSlice")
_STRIDED_SLICE_GRAD = op_def("StridedSliceGrad")
_NAME = "strided_slice/"


def _index_error(item: Any) -> TypeError:
    return TypeError("Only integers, slices (`:`), ellipsis (`...`), tf.newaxis (`None`) and scalar "
                     f"tf.int32/tf.int64 tensors are valid indices, got {item!r}")


def _as_int(item: Any) -> int | None:
    """An index item as an int, or None if it is not an integer scalar."""
    if isinstance(item, bool):
        return None
    if isinstance(item, (int, np.integer)):
        return int(item)
    if isinstance(item, EagerTensor) and item._value.ndim == 0 and item._value.dtype.kind in "iu":
        return int(item._value)
    if getattr(item, "_is_variable", False) and item.shape.rank == 0 and item.dtype.is_integer:
        return int(item.numpy())
    return None


def _slice_part(part: Any) -> int | None:
    if part is None:
        return None
    value = _as_int(part)
    if value is None:
        raise _index_error(part)
    return value


def numpy_index(shape: tuple, spec: Any) -> tuple:
    """Checks a Python index against `shape` as TF does and returns the equivalent NumPy index."""
    items = list(spec) if isinstance(spec, (list, tuple)) else [spec]
    rank = len(shape)
    if rank == 0 and any(it is not None and it is not Ellipsis for it in items):
        raise kernel_error("StridedSlice", "Attempting to slice scalar input.", name=_NAME)
    consumed = sum(1 for it in items if it is not None and it is not Ellipsis)
    out: list = []
    dim = 0
    for it in items:
        if it is Ellipsis:
            out.append(Ellipsis)
            dim = rank - (consumed - dim) if consumed <= rank else dim
            continue
        if it is None:
            out.append(None)
            continue
        if dim >= rank:
            raise kernel_error("StridedSlice", f"Index out of range using input dim {dim}; input has only {rank} dims",
                               name=_NAME)
        if isinstance(it, slice):
            step = _slice_part(it.step)
            if step == 0:
                raise kernel_error("StridedSlice", "strides[0] must be non-zero", name=_NAME)
            out.append(slice(_slice_part(it.start), _slice_part(it.stop), step))
        else:
            value = _as_int(it)
            if value is None:
                raise _index_error(it)
            size = shape[dim]
            if value < -size or value >= size:
                raise kernel_error("StridedSlice", f"slice index {value} of dimension {dim} out of bounds.",
                                   name=_NAME)
            out.append(value)
        dim += 1
    return tuple(out)


def getitem(tensor: Any, slice_spec: Any, var: Any = None) -> EagerTensor:
    """`tensor[slice_spec]`, as TensorFlow's Tensor.__getitem__ computes it."""
    x = _args.tensor(tensor)
    if _is_boolean_index(slice_spec):
        from tfshim.ops.array_ops import boolean_mask

        return boolean_mask(x, slice_spec)
    index = numpy_index(x._value.shape, slice_spec)
    value = x._value[index]
    if var is not None:
        return execute_as(_STRIDED_SLICE, (x,), SlicedVariable(value, var, index), {"index": index})
    return execute(_STRIDED_SLICE, (x,), value, {"index": index})


def _is_boolean_index(spec: Any) -> bool:
    if isinstance(spec, bool):
        return True
    if isinstance(spec, EagerTensor):
        return spec._value.dtype == np.bool_
    return isinstance(spec, np.ndarray) and spec.dtype == np.bool_


@_STRIDED_SLICE.gradient
def _strided_slice_grad(op: Any, grad: Any) -> Any:
    return strided_slice_grad(op.inputs[0]._value.shape, op.attrs["index"], grad)


def strided_slice_grad(shape: tuple, index: tuple, dy: EagerTensor) -> EagerTensor:
    """StridedSliceGrad: `dy` placed at `index` in zeros of `shape`."""
    dy = _args.tensor(dy)
    out = np.zeros(shape, dtype=dy._value.dtype)
    try:
        out[index] = dy._value
    except ValueError:
        raise kernel_error("StridedSliceGrad", f"shape of dy was {_args.shape_text(dy._value.shape)} instead of "
                                               f"{_args.shape_text(np.shape(out[index]))}") from None
    return execute(_STRIDED_SLICE_GRAD, (dy,), out if out.ndim else out[()], {"index": index})


@_STRIDED_SLICE_GRAD.gradient
def _strided_slice_grad_grad(op: Any, grad: Any) -> Any:
    value = grad._value[op.attrs["index"]]
    return execute(_STRIDED_SLICE, (grad,), value, {"index": op.attrs["index"]})


class SlicedVariable(EagerTensor):
    """A slice read from a variable; `assign` writes into that slice of the variable, as in TF."""

    __slots__ = ("_var", "_index")

    def __init__(self, value: Any, var: Any, index: tuple) -> None:
        super().__init__(value)
        self._var = var
        self._index = index

    def assign(self, value: Any, name: Any = None) -> Any:
        return self._var._assign_slice(self._index, value)
