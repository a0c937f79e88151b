"""Python indexing of tensors (`x[...]`) and `tf.strided_slice` (TensorFlow's StridedSlice op).

`x[spec]` is translated as TensorFlow's `_slice_helper` does: each item becomes one entry of the
begin/end/strides vectors plus mask bits (ints shrink an axis, `...` and `tf.newaxis` set their
masks), and the kernel's validation (`ValidateStridedSliceOp`) is ported, so errors and their
wording match. A boolean tensor or array index is a boolean mask. The gradient scatters the upstream
into zeros of the input's shape (StridedSliceGrad), whose own gradient slices again.
"""

from __future__ import annotations

import builtins
import numbers
from typing import Any

import numpy as np

from tfshim._engine import dtypes as _dtypes
from tfshim._engine.convert import convert_to_tensor
from tfshim._engine.errors import InvalidArgumentError
from tfshim._engine.registry import execute, execute_as, op_def
from tfshim._engine.tensor import EagerTensor
from tfshim.ops import _args

_STRIDED_SLICE = op_def("StridedSlice")
_STRIDED_SLICE_GRAD = op_def("StridedSliceGrad")
_NAME = "strided_slice/"
_DEVICE = "/job:localhost/replica:0/task:0/device:CPU:0"
_INDEX_DTYPES = (np.dtype(np.int16), np.dtype(np.int32), np.dtype(np.int64))
_MASKS = ("begin_mask", "end_mask", "ellipsis_mask", "new_axis_mask", "shrink_axis_mask")


def _error(op: str, detail: str, name: str | None) -> InvalidArgumentError:
    suffix = f"[Op:{op}]" if name is None else f"[Op:{op}] name: {name}"
    return InvalidArgumentError(None, None, f"{{{{function_node __wrapped__{op}_device_{_DEVICE}}}}} {detail} "
                                            f"{suffix}")


def _with_name(err: Any, name: str | None) -> Any:
    message = err.message
    if message.endswith(" name: "):
        message = message[:-len(" name: ")]
    return type(err)(None, None, message if name is None else f"{message} name: {name}")


def _index_error(item: Any) -> TypeError:
    return TypeError("Only integers, slices (`:`), ellipsis (`...`), tf.newaxis (`None`) and scalar "
                     f"tf.int32/tf.int64 tensors are valid indices, got {item!r}")


# -- the kernel's validation -----------------------------------------------------------------------
def _spec(op: str, shape: tuple, begin: list, end: list, strides: list, masks: tuple, name: str | None) -> tuple:
    """TensorFlow's ValidateStridedSliceOp: the NumPy index (one int or slice per input dimension)
    and the final shape, or TF's error."""
    begin_mask, end_mask, ellipsis_mask, new_axis_mask, shrink_mask = masks
    if ellipsis_mask & (ellipsis_mask - 1):
        raise _error(op, "Multiple ellipses in slice spec not allowed", name)
    n = len(strides)
    ellipsis_seen = False
    add_after_ellipsis = 0
    for i in range(n):
        if ellipsis_seen and (1 << i) & new_axis_mask:
            add_after_ellipsis += 1
        if (1 << i) & ellipsis_mask:
            ellipsis_seen = True
    if not ellipsis_seen:
        ellipsis_mask |= 1 << n
        n += 1
    dims = len(shape)
    # dense spec: (begin, end, stride, begin_masked, end_masked, shrink) per input dimension
    dense: list = []
    gather: list = []  # final shape: input dimension index, or -2 for a new axis (shrunk ones skipped)
    for i in range(n):
        if (1 << i) & ellipsis_mask:
            target = min(dims - (n - i) + 1 + add_after_ellipsis, dims)
            while len(dense) < target:
                gather.append(len(dense))
                dense.append((0, 0, 1, True, True, False))
        elif (1 << i) & new_axis_mask:
            gather.append(-2)
        else:
            if len(dense) == dims:
                if dims == 0:
                    raise _error(op, "Attempting to slice scalar input.", name)
                raise _error(op, f"Index out of range using input dim {len(dense)}; input has only {dims} dims", name)
            shrink = bool(shrink_mask & (1 << i))
            if not shrink:
                gather.append(len(dense))
            dense.append((begin[i], end[i], strides[i], bool(begin_mask & (1 << i)), bool(end_mask & (1 << i)),
                          shrink))
    index: list = []
    processing: list = []
    for i, (b, e, s, bm, em, shrink) in enumerate(dense):
        dim = shape[i]
        if s == 0:
            raise _error(op, f"strides[{i}] must be non-zero", name)
        if shrink and s <= 0:
            raise _error(op, "only stride 1 allowed on non-range indexing.", name)
        if shrink:
            fwd = b + dim if b < 0 else b
            if fwd < 0 or fwd >= dim:
                raise _error(op, f"slice index {fwd} of dimension {i} out of bounds.", name)
            index.append(fwd)
            processing.append(1)
            continue
        lo, hi = (0, dim) if s > 0 else (-1, dim - 1)
        b = _canonical(b, bm, s, dim, lo, hi, 0)
        e = _canonical(e, em, s, dim, lo, hi, 1)
        length = e - b
        if length == 0 or (length < 0) != (s < 0):
            size = 0
        else:
            size = length // s + (1 if length % s else 0)
        processing.append(size)
        if size == 0:
            index.append(builtins.slice(0, 0))
        else:
            index.append(builtins.slice(b, e if e >= 0 else None, s))
    final = tuple(1 if g == -2 else processing[g] for g in gather)
    return tuple(index), final


def _canonical(x: int, masked: bool, s: int, dim: int, lo: int, hi: int, c: int) -> int:
    if masked:
        return (lo, hi)[c] if s > 0 else (lo, hi)[1 - c]
    fwd = x + dim if x < 0 else x
    return lo if fwd < lo else hi if fwd > hi else fwd


# -- the op -------------------------------------------------------------------------------------
def strided_slice(input_: Any, begin: Any, end: Any, strides: Any = None, begin_mask: int = 0, end_mask: int = 0,
                  ellipsis_mask: int = 0, new_axis_mask: int = 0, shrink_axis_mask: int = 0, var: Any = None,
                  name: Any = None) -> EagerTensor:
    """`tf.strided_slice`: the general form of Python slicing, with TensorFlow's masks."""
    call_name = None
    for a in (begin, end, strides):
        if isinstance(a, (list, tuple, np.generic)):
            break
    else:
        call_name = "" if name is None else name
    if strides is None:
        b = begin if type(begin) is EagerTensor else convert_to_tensor(begin)
        strides = EagerTensor(np.ones_like(b._value))
    x = _args.tensor(input_)
    b, e, s = _match_index((begin, end, strides), call_name)
    masks = (int(begin_mask), int(end_mask), int(ellipsis_mask), int(new_axis_mask), int(shrink_axis_mask))
    return _strided_slice(x, b, e, s, masks, call_name, var)


def _match_index(values: tuple, name: str | None) -> tuple:
    out = _args.convert_to_first_tensor_dtype(values)
    first = out[0]._value.dtype
    for i in (1, 2):
        if out[i]._value.dtype != first:
            raise _with_name(_args.mismatch_error(_STRIDED_SLICE, i + 1, first, out[i]._value.dtype), name)
    if first not in _INDEX_DTYPES:
        raise _with_name(_args.dtype_error(_STRIDED_SLICE, first, "Index"), name)
    return tuple(out)


def _strided_slice(x: EagerTensor, b: EagerTensor, e: EagerTensor, s: EagerTensor, masks: tuple,
                   name: str | None, var: Any = None) -> EagerTensor:
    bv, ev, sv = b._value, e._value, s._value
    if bv.ndim != 1 or ev.ndim != 1 or sv.ndim != 1 or not bv.size == ev.size == sv.size:
        raise _error("StridedSlice", "Expected begin, end, and strides to be 1D equal size tensors, but got shapes "
                                     f"{_args.shape_text(bv.shape)}, {_args.shape_text(ev.shape)}, and "
                                     f"{_args.shape_text(sv.shape)} instead.", name)
    index, final = _spec("StridedSlice", x._value.shape, bv.tolist(), ev.tolist(), sv.tolist(), masks, name)
    value = x._value[index]
    if not isinstance(value, (np.ndarray, np.generic)):  # one element of a string tensor
        value = np.array(value, dtype=object)
    if value.shape != final:
        value = np.reshape(value, final)
    attrs = dict(zip(_MASKS, masks))
    if var is not None:
        return execute_as(_STRIDED_SLICE, (x, b, e, s), SlicedVariable(value, var, index), attrs)
    return execute(_STRIDED_SLICE, (x, b, e, s), value, attrs)


@_STRIDED_SLICE.gradient
def _strided_slice_grad(op: Any, grad: Any) -> tuple:
    x, b, e, s = op.inputs
    shape = EagerTensor(np.asarray(x._value.shape, dtype=b._value.dtype))
    masks = tuple(op.attrs[m] for m in _MASKS)
    return _strided_slice_grad_op(shape, b, e, s, grad, masks), None, None, None


def _strided_slice_grad_op(shape: EagerTensor, b: EagerTensor, e: EagerTensor, s: EagerTensor, dy: Any,
                           masks: tuple) -> EagerTensor:
    """StridedSliceGrad: `dy` placed where the slice came from, in zeros of `shape`."""
    dy = _args.tensor(dy)
    dims = tuple(int(d) for d in shape._value)
    index, final = _spec("StridedSliceGrad", dims, b._value.tolist(), e._value.tolist(), s._value.tolist(), masks,
                         "")
    if dy._value.shape != final:
        raise _error("StridedSliceGrad", f"shape of dy was {_args.shape_text(dy._value.shape)} instead of "
                                         f"{_args.shape_text(final)}", "")
    out = np.zeros(dims, dtype=dy._value.dtype)
    out[index] = np.reshape(dy._value, np.shape(out[index]))
    return execute(_STRIDED_SLICE_GRAD, (shape, b, e, s, dy), out, dict(zip(_MASKS, masks)))


@_STRIDED_SLICE_GRAD.gradient
def _strided_slice_grad_grad(op: Any, grad: Any) -> tuple:
    _, b, e, s, _ = op.inputs
    masks = tuple(op.attrs[m] for m in _MASKS)
    return None, None, None, None, _strided_slice(_args.tensor(grad), b, e, s, masks, "")


# -- Python indexing ----------------------------------------------------------------------------
def _check_index(item: Any) -> None:
    """TF's _check_index: ints, and scalar int16/int32/int64 tensors."""
    if isinstance(item, numbers.Integral):
        return
    dtype = getattr(item, "dtype", None)
    if dtype is None:
        raise _index_error(item)
    try:
        dtype = _dtypes.as_dtype(dtype)
    except TypeError:
        raise _index_error(item) from None
    if dtype._np not in _INDEX_DTYPES or len(item.shape) == 1:
        raise _index_error(item)


def getitem(tensor: Any, slice_spec: Any, var: Any = None) -> EagerTensor:
    """`tensor[slice_spec]`, as TensorFlow's Tensor.__getitem__ computes it."""
    x = _args.tensor(tensor)
    if _is_boolean_index(slice_spec):
        from tfshim.ops.array_ops import boolean_mask

        return boolean_mask(x, slice_spec)
    if not isinstance(slice_spec, (list, tuple)):
        slice_spec = [slice_spec]
    begin: list = []
    end: list = []
    strides: list = []
    new_axis_mask = shrink_axis_mask = begin_mask = end_mask = ellipsis_mask = 0
    kinds: set = set()
    for index, s in enumerate(slice_spec):
        bit = 1 << index
        if isinstance(s, builtins.slice):
            if s.start is None:
                begin.append(0)
                begin_mask |= bit
            else:
                begin.append(_index_value(s.start, kinds))
            if s.stop is None:
                end.append(0)
                end_mask |= bit
            else:
                end.append(_index_value(s.stop, kinds))
            strides.append(1 if s.step is None else _index_value(s.step, kinds))
        elif s is Ellipsis:
            begin.append(0)
            end.append(0)
            strides.append(1)
            ellipsis_mask |= bit
        elif s is None:
            begin.append(0)
            end.append(0)
            strides.append(1)
            new_axis_mask |= bit
        else:
            value = _index_value(s, kinds)
            begin.append(value)
            end.append(value + 1)
            strides.append(1)
            shrink_axis_mask |= bit
    if begin and kinds == {"bool"}:
        raise _with_name(_args.dtype_error(_STRIDED_SLICE, np.dtype(np.bool_), "Index"), _NAME)
    wide = "int64" in kinds or any(not -2**31 <= v < 2**31 for v in begin + end + strides)
    dtype = _INDEX_DTYPES[2] if wide else _INDEX_DTYPES[1]
    b, e, s = (EagerTensor(np.asarray(part, dtype=dtype)) for part in (begin, end, strides))
    masks = (begin_mask, end_mask, ellipsis_mask, new_axis_mask, shrink_axis_mask)
    return _strided_slice(x, b, e, s, masks, _NAME, var)


def _index_value(item: Any, kinds: set) -> int:
    """One index item as an int (TF's _check_index first); notes bool items and int64 tensors."""
    _check_index(item)
    if isinstance(item, bool):
        kinds.add("bool")
    else:
        kinds.add("int64" if getattr(item, "dtype", None) == _dtypes.int64 else "int")
    return int(item)


def _is_boolean_index(spec: Any) -> bool:
    if isinstance(spec, bool):
        return True
    if isinstance(spec, EagerTensor):
        return spec._value.dtype == np.bool_
    return isinstance(spec, np.ndarray) and spec.dtype == np.bool_


class SlicedVariable(EagerTensor):  # TF's slice of a variable is an EagerTensor with `assign` attached
    """A slice read from a variable; `assign` writes into that slice of the variable, as in TF."""

    __slots__ = ("_var", "_index")

    def __init__(self, value: Any, var: Any, index: tuple) -> None:
        super().__init__(value)
        self._var = var
        self._index = index

    def assign(self, value: Any, name: Any = None) -> Any:
        return self._var._assign_slice(self._index, value)


SlicedVariable.__name__ = SlicedVariable.__qualname__ = "EagerTensor"  # what type(v[0]).__name__ shows in TF
