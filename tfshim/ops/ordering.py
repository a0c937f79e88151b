"""Ordering: argmax/argmin (no gradient), top_k (TopKV2) and sort/argsort, which TensorFlow builds
from top_k (negating the input for an ascending order, transposing the sorted axis last), so their
gradients are top_k's: the upstream scattered back to the positions the values came from.

Ties keep the lower index first (a stable order), as in TensorFlow.

With NaNs, TensorFlow's order depends on its sorting algorithm (a NaN compares false with
everything). For full sorts of up to 16 elements (tf.sort, tf.argsort, top_k with k equal to the
axis length) tfshim replays that algorithm, so NaNs land where TensorFlow puts them.

Known differences: in longer rows, and in top_k with k below the row length, NaNs are ordered
after every number; `top_k(..., sorted=False)` returns the top k in sorted order (TensorFlow's
unsorted order is that of its internal heap).
"""

from __future__ import annotations

import collections
from typing import Any

import numpy as np

from tfshim._engine import dtypes as _dtypes
from tfshim._engine.errors import kernel_error
from tfshim._engine.registry import OpDef, execute, execute_multi, kernel, op_def
from tfshim._engine.tensor import EagerTensor
from tfshim.ops import _args
from tfshim.ops.reductions import _is_sequence, check_dtype, int_input, renamed
from tfshim.ops.scans import bool_attr

_ARG_MAX = op_def("ArgMax", differentiable=False)
_ARG_MIN = op_def("ArgMin", differentiable=False)
_TOP_K = op_def("TopKV2")
_ADD = op_def("AddV2", broadcasting=True)

_INT32 = _dtypes.int32
_AXIS_DTYPES = (_dtypes.int8, _dtypes.uint8, _dtypes.int16, _dtypes.uint16, _dtypes.int32, _dtypes.int64)
_CASTABLE_AXIS_DTYPES = (_dtypes.int8, _dtypes.int16, _dtypes.uint8, _dtypes.uint16)
# (a dtype no tensor has when ml_dtypes is missing: `np.dtype(...) == None` would be True for float64)
_BFLOAT16 = _dtypes.bfloat16._np if _dtypes.HAS_BFLOAT16 else np.dtype("V3")
_DIRECTIONS = ("ASCENDING", "DESCENDING")
_INSERTION_SORT_LIMIT = 16  # std::sort sorts this few elements by insertion

TopKV2 = collections.namedtuple("TopKV2", ["values", "indices"])


# -- argmax / argmin ---------------------------------------------------------------------------
def _arg_index(op: OpDef, input: Any, axis: Any, output_type: Any, name: Any) -> EagerTensor:
    x = _args.tensor(input)
    error_name = None if _is_sequence(input) or _is_sequence(axis) else (name or "")
    check_dtype(op, x, error_name)
    if type(axis) is int and -2147483648 <= axis < 2147483648:
        axis_value: Any = axis
        axis_shape: tuple = ()
    else:
        t = int_input(op, axis, "Tidx", error_name)
        axis_shape = t._value.shape
        axis_value = int(t._value) if t._value.ndim == 0 else None
    out_dtype = _dtypes.as_dtype(output_type)
    if out_dtype._np not in op.allowed["output_type"][0]:
        raise renamed(_args.dtype_error(op, out_dtype._np, "output_type"), error_name)
    if axis_shape:
        raise kernel_error(op.name, "dim must be a scalar, but received tensor of shape: "
                                    f"{_args.shape_text(axis_shape)}", name=error_name)
    shape = x._value.shape
    rank = len(shape)
    if axis_value < -rank or axis_value >= rank:
        raise kernel_error(op.name, f"Expected dimension in the range [{-rank}, {rank}), but got {axis_value}",
                           name=error_name)
    a = axis_value + rank if axis_value < 0 else axis_value
    if shape[a] == 0:
        raise kernel_error(op.name, f"Reduction axis {axis_value} is empty in shape {_args.shape_text(shape)}",
                           name=error_name)
    largest = op is _ARG_MAX
    value = kernel(_np_arg_index, x._value, a, largest, out_dtype._np)
    return execute(op, (x,), value, {"axis": a})


def _np_arg_index(value: np.ndarray, axis: int, largest: bool, out_dtype: np.dtype) -> Any:
    """TF's Eigen arg reducers: the first extreme; a NaN, or a value at or beyond the dtype's
    lowest (highest) finite value, is never selected over index 0."""
    if value.dtype == _BFLOAT16:
        value = value.astype(np.float32)
    if value.dtype.kind == "f":
        bound = np.finfo(value.dtype).min if largest else np.finfo(value.dtype).max
        mask = value > bound if largest else value < bound
        value = np.where(mask, value, -np.inf if largest else np.inf)
    index = np.argmax(value, axis=axis) if largest else np.argmin(value, axis=axis)
    return index.astype(out_dtype)


def argmax(input: Any, axis: Any = None, output_type: Any = _dtypes.int64, name: Any = None) -> EagerTensor:
    """`tf.math.argmax`: the index of the largest value along `axis` (default 0); the first one on ties."""
    from tfshim.ops.casting import cast

    if axis is None:
        axis = 0
    if hasattr(axis, "dtype"):
        dtype = axis.dtype
        if not isinstance(dtype, _dtypes.DType) or not any(dtype is d for d in _AXIS_DTYPES):
            raise TypeError(f"axis tensor dtypes {dtype} is not supported")
        if any(dtype is d for d in _CASTABLE_AXIS_DTYPES):
            axis = cast(axis, _INT32)
    elif not isinstance(axis, int):
        raise TypeError("axis must be int or Tensor with integer datatype")
    return _arg_index(_ARG_MAX, input, axis, output_type, name)


def argmin(input: Any, axis: Any = None, output_type: Any = _dtypes.int64, name: Any = None) -> EagerTensor:
    """`tf.math.argmin`: the index of the smallest value along `axis` (default 0); the first one on ties."""
    if axis is None:
        axis = 0
    return _arg_index(_ARG_MIN, input, axis, output_type, name)


# -- top_k -------------------------------------------------------------------------------------
def _descending_order(value: np.ndarray, k: int) -> np.ndarray:
    """Indices sorting the last axis from largest to smallest, ties in index order."""
    if value.dtype == _BFLOAT16:
        value = value.astype(np.float32)
    key = np.invert(value) if value.dtype.kind in "iu" else np.negative(value)
    order = np.argsort(key, axis=-1, kind="stable")
    n = value.shape[-1] if value.ndim else 0
    if value.dtype.kind == "f" and k == n <= _INSERTION_SORT_LIMIT and value.size:
        rows = value.reshape(-1, n)
        flat = order.reshape(-1, n)
        for r in np.flatnonzero(np.isnan(rows).any(axis=1)):
            flat[r] = _full_sort_with_nan(rows[r])
    return order


def _full_sort_with_nan(row: np.ndarray) -> list:
    """TF's order when k equals the row length: std::sort on `x[b] < x[a]` (an insertion sort for
    rows this short, in which a NaN compares false both ways), then runs of equal values put in
    index order. Only needed with NaNs; otherwise this is the stable order."""
    idx = list(range(len(row)))
    for i in range(1, len(idx)):
        v = idx[i]
        if row[idx[0]] < row[v]:
            idx[1:i + 1] = idx[0:i]
            idx[0] = v
        else:
            j = i
            while row[idx[j - 1]] < row[v]:
                idx[j] = idx[j - 1]
                j -= 1
            idx[j] = v
    start = 0
    while start < len(idx) - 1:
        end = start + 1
        while end < len(idx) and row[idx[start]] == row[idx[end]]:
            end += 1
        idx[start:end] = sorted(idx[start:end])
        start = end
    return idx


def _np_top_k(value: np.ndarray, k: int, index_dtype: np.dtype) -> tuple:
    order = _descending_order(value, k)[..., :k]
    return np.take_along_axis(value, order, axis=-1), order.astype(index_dtype)


def top_k(input: Any, k: Any = 1, sorted: bool = True, index_type: Any = _dtypes.int32, name: Any = None) -> TopKV2:
    """`tf.math.top_k`: the `k` largest entries of the last axis and their indices, as a `TopKV2`
    namedtuple (values, indices). Equal values keep their index order. With `sorted=False` the
    result is still sorted (TensorFlow leaves that order unspecified)."""
    sorted = bool_attr(sorted, "sorted")
    index_dtype = _dtypes.as_dtype(index_type)
    x = _args.tensor(input)
    error_name = None if _is_sequence(input) or _is_sequence(k) else (name or "")
    check_dtype(_TOP_K, x, error_name)
    if type(k) is int and -2147483648 <= k < 2147483648:
        k_value: Any = k
        k_shape: tuple = ()
    else:
        t = int_input(_TOP_K, k, "Tk", error_name)
        k_shape = t._value.shape
        k_value = int(t._value) if t._value.ndim == 0 else None
    if index_dtype._np not in _TOP_K.allowed["index_type"][0]:
        raise renamed(_args.dtype_error(_TOP_K, index_dtype._np, "index_type"), error_name)
    if k_shape:
        raise kernel_error("TopKV2", f"k must be scalar, got shape {_args.shape_text(k_shape)}", name=error_name)
    if k_value < 0:
        raise kernel_error("TopKV2", f"Need k >= 0, got {k_value}", name=error_name)
    shape = x._value.shape
    if not shape:
        raise kernel_error("TopKV2", "input must be >= 1-D, got shape []", name=error_name)
    if shape[-1] < k_value:
        raise kernel_error("TopKV2", f"input must have at least k columns. Had {shape[-1]}, needed {k_value}",
                           name=error_name)
    values = kernel(_np_top_k, x._value, k_value, index_dtype._np)
    outs = execute_multi(_TOP_K, (x,), values, {"k": k_value, "sorted": sorted})
    return TopKV2(*outs)


@_TOP_K.gradient
def _top_k_grad(op: Any, grad: Any, _indices_grad: Any) -> Any:
    from tfshim.ops.gather_ops import scatter_nd
    from tfshim.ops.shape_ops import reshape

    in_shape = op.inputs[0]._value.shape
    indices = op.outputs[1]._value
    if indices.dtype != np.int32:  # TF adds int32 row offsets to the indices with AddV2
        raise _args.mismatch_error(_ADD, 1, indices.dtype, np.dtype(np.int32))
    in_lastdim = in_shape[-1]
    k = indices.shape[-1]
    outer = indices.size // k if k else 0
    offsets = (np.arange(outer, dtype=np.int64) * in_lastdim).astype(np.int32)
    linear = (indices.reshape(outer, k) + offsets[:, None]).reshape(-1, 1)
    size = int(np.prod(in_shape, dtype=np.int64))
    scattered = scatter_nd(EagerTensor(linear), reshape(grad, (-1,)), [size])
    return reshape(scattered, in_shape)


# -- sort / argsort ----------------------------------------------------------------------------
def _sort_or_argsort(values: Any, axis: Any, direction: Any, return_argsort: bool) -> EagerTensor:
    if direction not in _DIRECTIONS:
        raise ValueError("Argument `direction` should be one of ASCENDING, DESCENDING. "
                         f"Received: direction={direction}")
    axis_tensor = _args.convert_to_tensor(axis)
    if axis_tensor._value.ndim != 0:
        raise ValueError(f"Argument `axis` must be a constant scalar. Received: axis={axis_tensor.numpy()}.")
    axis = int(axis_tensor._value)
    x = _args.tensor(values)
    if direction == "DESCENDING":
        return _descending_sort(x, axis, return_argsort)
    return _ascending_sort(x, axis, return_argsort)


def _descending_sort(x: EagerTensor, axis: int, return_argsort: bool) -> EagerTensor:
    from tfshim.ops.shape_ops import transpose

    rank = x._value.ndim
    if axis < -rank or axis >= rank:  # TF reads the axis length with `tf.shape(values)[axis]`
        raise kernel_error("StridedSlice", f"slice index {axis + rank if axis < 0 else axis} of dimension 0 out "
                                           "of bounds.", name="strided_slice/")
    k = x._value.shape[axis]
    if axis == -1 or axis + 1 == rank:
        top_k_input = x
        transposition = None
    else:
        if axis < 0:
            axis += rank
        # swap the sorted axis with the last one (a transposition, its own inverse)
        transposition = (*range(axis), rank - 1, *range(axis + 1, rank - 1), axis)
        top_k_input = transpose(x, transposition)
    result = top_k(top_k_input, k)
    out = result.indices if return_argsort else result.values
    if transposition is not None:
        out = transpose(out, transposition)
    return out


def _ascending_sort(x: EagerTensor, axis: int, return_argsort: bool) -> EagerTensor:
    from tfshim.ops.arithmetic import negative, subtract

    kind = x._value.dtype.kind
    if kind == "u":  # order reversed by subtracting from the largest value
        offset = EagerTensor(np.asarray(np.iinfo(x._value.dtype).max, dtype=x._value.dtype)[()])
        out = _descending_sort(subtract(offset, x), axis, return_argsort)
        return out if return_argsort else subtract(offset, out)
    if kind == "i":  # -x - 1 maps the integer minimum to the maximum, keeping the order stable
        one = EagerTensor(np.ones((), dtype=x._value.dtype))
        out = _descending_sort(subtract(negative(x), one), axis, return_argsort)
        return out if return_argsort else subtract(negative(out), one)
    out = _descending_sort(negative(x), axis, return_argsort)
    return out if return_argsort else negative(out)


def sort(values: Any, axis: Any = -1, direction: str = "ASCENDING", name: Any = None) -> EagerTensor:
    """`tf.sort`: sorted along `axis`, ASCENDING or DESCENDING; equal values keep their order."""
    return _sort_or_argsort(values, axis, direction, False)


def argsort(values: Any, axis: Any = -1, direction: str = "ASCENDING", stable: bool = False,
            name: Any = None) -> EagerTensor:
    """`tf.argsort`: the int32 indices that sort `values` along `axis`; always stable, as in TF."""
    return _sort_or_argsort(values, axis, direction, True)
