"""Gathering and scattering by index: gather (axis, batch_dims), gather_nd, scatter_nd, the
tensor_scatter_nd_* family, unsorted_segment_sum, the variable reads ResourceGather/ResourceGatherNd,
embedding_lookup, and the densifying of `tf.IndexedSlices`.

Gradients of axis-0 gathers (and of reads of a variable's rows) are IndexedSlices, as in TensorFlow;
`convert_to_tensor` turns one into a dense tensor with UnsortedSegmentSum (duplicate rows summed).
"""

from __future__ import annotations

from typing import Any

import numpy as np

from tfshim._engine import dtypes as _dtypes
from tfshim._engine.convert import convert_to_tensor, register_conversion
from tfshim._engine.errors import NotFoundError
from tfshim._engine.indexed_slices import IndexedSlices
from tfshim._engine.registry import execute, kernel, op_def
from tfshim._engine.tensor import EagerTensor
from tfshim.ops import _args
from tfshim.ops.array_ops import _array, _call_name, _dense, _int_tensor, _kernel_error, _match, _renamed, _shape_text

_GATHER_V2 = op_def("GatherV2")
_GATHER_ND = op_def("GatherNd")
_RESOURCE_GATHER = op_def("ResourceGather")
_RESOURCE_GATHER_ND = op_def("ResourceGatherNd")
_SCATTER_ND = op_def("ScatterNd")
_TENSOR_SCATTER_UPDATE = op_def("TensorScatterUpdate")
_TENSOR_SCATTER_ADD = op_def("TensorScatterAdd")
_TENSOR_SCATTER_SUB = op_def("TensorScatterSub")
_TENSOR_SCATTER_MAX = op_def("TensorScatterMax")
_TENSOR_SCATTER_MIN = op_def("TensorScatterMin")
_UNSORTED_SEGMENT_SUM = op_def("UnsortedSegmentSum")


def _tensor(value: Any) -> EagerTensor:
    return value if type(value) is EagerTensor else convert_to_tensor(value)


def _indices_arg(op: Any, value: Any, name: str | None, attr: str = "Tindices") -> EagerTensor:
    t = _tensor(value)
    if t._value.dtype not in op.allowed[attr][0]:
        raise _renamed(_args.dtype_error(op, t._value.dtype, attr), name)
    return t


def _position(flat: int, shape: tuple) -> str:
    """How TF prints the position of an element of `indices`: `[0,1]`, or nothing for a scalar."""
    if not shape:
        return ""
    return "[" + ",".join(str(int(i)) for i in np.unravel_index(flat, shape)) + "]"


# -- gather ----------------------------------------------------------------------------------------
def gather(params: Any, indices: Any, validate_indices: Any = None, axis: Any = None, batch_dims: int = 0,
           name: Any = None) -> EagerTensor:
    """`tf.gather`. Along axis 0 a variable is read with `sparse_read` (ResourceGather), as in TF; an
    axis-0 gather ignores `batch_dims`, as TF's does."""
    if axis is None:
        axis = batch_dims
    axis_value = int(axis._value) if isinstance(axis, EagerTensor) else axis
    if axis_value != 0:
        return _gather_v2(params, indices, axis, batch_dims, name)
    if getattr(params, "_is_variable", False):
        return params.sparse_read(indices, name=name)
    return _gather_v2(params, indices, axis, 0, name)


def _gather_v2(params: Any, indices: Any, axis: Any, batch_dims: int, name: Any) -> EagerTensor:
    call_name = _call_name(name, params, indices, axis)
    p = _tensor(params)
    idx = _indices_arg(_GATHER_V2, indices, call_name)
    axis_t = axis if isinstance(axis, EagerTensor) else convert_to_tensor(axis, dtype=_dtypes.int32)
    if axis_t._value.dtype not in _GATHER_V2.allowed["Taxis"][0]:
        raise _renamed(_args.dtype_error(_GATHER_V2, axis_t._value.dtype, "Taxis"), call_name)
    value = _gather_kernel("GatherV2", p._value, idx._value, int(axis_t._value), int(batch_dims), call_name)
    return execute(_GATHER_V2, (p, idx, axis_t), value, {"batch_dims": int(batch_dims)})


def _gather_kernel(op: str, params: Any, indices: np.ndarray, axis: int, batch_dims: int, name: Any) -> Any:
    rank = params.ndim
    if rank < 1:
        raise _kernel_error(op, "params must be at least 1 dimensional", name)
    need = -axis if axis < 0 else axis + 1
    if rank < need:
        raise _kernel_error(op, f"Shape must be at least rank {need} but is rank {rank}", name)
    if axis < 0:
        axis += rank
    if batch_dims != 0:
        irank = indices.ndim
        if not -irank <= batch_dims <= irank:
            raise _kernel_error(op, f"Expected batch_dims in the range [{-irank}, {irank}], but got {batch_dims}", name)
        if batch_dims < 0:
            batch_dims += irank
        if batch_dims >= rank:
            raise _kernel_error(op, f"batch_dims ({batch_dims}) must be less than rank(params) ({rank}).", name)
        if axis < batch_dims:
            raise _kernel_error(op, f"batch_dims ({batch_dims}) must be less than or equal to axis ({axis}).", name)
        for i in range(batch_dims):
            if params.shape[i] != indices.shape[i]:
                raise _kernel_error(op, f"params.shape[{i}]: {params.shape[i]} should be equal to indices.shape[{i}]: "
                                        f"{indices.shape[i]}", name)
    limit = params.shape[axis]
    if indices.size and (indices.min() < 0 or indices.max() >= limit):
        flat = int(np.flatnonzero((indices < 0) | (indices >= limit))[0])
        raise _kernel_error(op, f"indices{_position(flat, indices.shape)} = {int(indices.reshape(-1)[flat])} is not in "
                                f"[0, {limit})", name)
    if batch_dims == 0:
        return _array(np.take(params, indices, axis=axis))
    batch_shape = params.shape[:batch_dims]
    n = int(np.prod(batch_shape, dtype=np.int64))
    p = params.reshape((n, *params.shape[batch_dims:]))
    i = indices.reshape((n, *indices.shape[batch_dims:]))
    parts = [np.take(p[k], i[k], axis=axis - batch_dims) for k in range(n)]
    out_shape = (*params.shape[:axis], *indices.shape[batch_dims:], *params.shape[axis + 1:])
    if not parts:
        return np.zeros(out_shape, dtype=params.dtype)
    return np.stack(parts).reshape(out_shape)


@_GATHER_V2.gradient
def _gather_v2_grad(op: Any, grad: Any) -> tuple:
    from tfshim.ops.shape_ops import reshape, transpose

    params, indices, axis_t = op.inputs
    params_shape = params._value.shape
    shape_t = _int_tensor(params_shape)
    size = indices._value.size
    batch_dims = op.attrs["batch_dims"]
    if batch_dims < 0:
        batch_dims += indices._value.ndim
    axis_static = int(axis_t._value)
    if axis_static == 0:
        values = reshape(_dense(grad), (size, *params_shape[1:]))
        flat = reshape(indices, (size,))
        return IndexedSlices(values, flat, shape_t), None, None
    axis = axis_static % len(params_shape)
    outer = params_shape[:axis]
    inner = params_shape[axis + 1:]
    values = reshape(_dense(grad), (*outer, -1, *inner))
    values_dims = len(outer) + 1 + len(inner)
    outer_batches = list(range(batch_dims))
    batch_axis = list(range(batch_dims, axis))
    inner_axes = list(range(axis + 1, values_dims))
    perm = [*outer_batches, axis, *batch_axis, *inner_axes]
    values_t = transpose(values, perm)
    params_shape_t = tuple(params_shape[p] for p in perm)
    params_grad = _batch_gather_grad(params_shape_t, values_t, indices._value, batch_dims, params_shape[axis])
    invert = [*outer_batches, *(b + 1 for b in batch_axis), batch_dims, *inner_axes]
    params_grad = transpose(params_grad, invert)
    return reshape(params_grad, params_shape), None, None


def _batch_gather_grad(params_shape: tuple, values: EagerTensor, indices: np.ndarray, batch_dims: int,
                       gather_dim_size: int) -> EagerTensor:
    """TF's _BatchGatherGrad (values already transposed so the gathered axis follows the batch axes)."""
    from tfshim.ops.shape_ops import reshape

    if batch_dims:
        values_shape = values._value.shape
        outer_shape = values_shape[:batch_dims]
        inner_shape = values_shape[batch_dims + 1:]
        gather_dim_size *= int(np.prod(outer_shape, dtype=np.int64))
        indices = _batch_indices(params_shape, indices, batch_dims)
        values = reshape(values, (-1, *inner_shape))
    ids = EagerTensor(np.reshape(indices, -1))
    params_grad = unsorted_segment_sum(values, ids, EagerTensor(np.int32(gather_dim_size)))
    if batch_dims:
        params_grad = reshape(params_grad, (*outer_shape, -1, *inner_shape))
    return params_grad


def _batch_indices(params_shape: tuple, indices: np.ndarray, batch_dims: int) -> np.ndarray:
    """TF's _GetBatchIndices: adds each batch position's offset to the indices."""
    out = indices
    accum = 1
    for dim in range(batch_dims, 0, -1):
        dim_value = params_shape[dim - 1]
        accum *= params_shape[dim]
        offsets = np.arange(dim_value, dtype=indices.dtype) * indices.dtype.type(accum)
        out = out + offsets.reshape((1,) * (dim - 1) + (dim_value,) + (1,) * (indices.ndim - dim))
    return out


# -- variable reads ----------------------------------------------------------------------------------
def resource_gather(handle: Any, indices: Any, batch_dims: int = 0, name: Any = None) -> EagerTensor:
    """ResourceGather: rows of a variable, read straight from its handle (`Variable.sparse_read`)."""
    call_name = _call_name(name, indices)
    idx = _indices_arg(_RESOURCE_GATHER, indices, call_name)
    value = _gather_kernel("ResourceGather", handle._value, idx._value, batch_dims, batch_dims, call_name)
    return execute(_RESOURCE_GATHER, (handle, idx), value, {"batch_dims": batch_dims})


@_RESOURCE_GATHER.gradient
def _resource_gather_grad(op: Any, grad: Any) -> tuple:
    from tfshim.ops.shape_ops import reshape

    handle, indices = op.inputs
    params_shape = np.shape(handle._value)
    size = indices._value.size
    values = reshape(grad, (size, *params_shape[1:]))
    return IndexedSlices(values, reshape(indices, (size,)), _int_tensor(params_shape)), None


def resource_gather_nd(handle: Any, indices: Any, name: Any = None) -> EagerTensor:
    """ResourceGatherNd: `tf.gather_nd` on a variable (`Variable.gather_nd`)."""
    call_name = _call_name(name, indices)
    idx = _indices_arg(_RESOURCE_GATHER_ND, indices, call_name)
    value = _gather_nd_kernel("ResourceGatherNd", handle._value, idx._value, call_name)
    return execute(_RESOURCE_GATHER_ND, (handle, idx), value)


@_RESOURCE_GATHER_ND.sparse_gradient
def _resource_gather_nd_grad(op: Any, grad: Any) -> tuple:
    handle, indices = op.inputs
    return _gather_nd_grad_value(np.shape(handle._value), indices, grad), None


# -- gather_nd -------------------------------------------------------------------------------------
def gather_nd(params: Any, indices: Any, batch_dims: Any = 0, name: Any = None) -> EagerTensor:
    """`tf.gather_nd`: slices of `params` addressed by the last axis of `indices`; on a variable it
    reads with ResourceGatherNd, as in TF."""
    if isinstance(batch_dims, EagerTensor):
        batch_dims = int(batch_dims._value)
    if batch_dims == 0:
        if getattr(params, "_is_variable", False):
            return params.gather_nd(indices, name=name)
        return _gather_nd(params, indices, name)
    return _batch_gather_nd(params, indices, batch_dims, name)


def _gather_nd(params: Any, indices: Any, name: Any) -> EagerTensor:
    call_name = _call_name(name, params, indices)
    p = _tensor(params)
    idx = _indices_arg(_GATHER_ND, indices, call_name)
    value = _gather_nd_kernel("GatherNd", p._value, idx._value, call_name)
    return execute(_GATHER_ND, (p, idx), value)


def _gather_nd_kernel(op: str, params: Any, indices: np.ndarray, name: Any) -> Any:
    if params.ndim < 1:
        raise _kernel_error(op, "params must be at least a vector", name)
    if indices.ndim < 1:
        raise _kernel_error(op, "indices must be at least a vector", name)
    depth = indices.shape[-1]
    if depth > params.ndim:
        raise _kernel_error(op, f"index innermost dimension length must be <= params rank; saw: {depth} vs. "
                                f"{params.ndim}", name)
    outer = indices.shape[:-1]
    if depth == 0:
        return np.broadcast_to(params, (*outer, *params.shape)).copy()
    flat = indices.reshape(-1, depth)
    limits = np.asarray(params.shape[:depth])
    bad = np.flatnonzero(np.any((flat < 0) | (flat >= limits), axis=1)) if flat.size else np.empty(0)
    if bad.size:
        row = int(bad[0])
        where = _position(row, outer) if outer else ""
        raise _kernel_error(op, f"indices{where} = [{', '.join(str(int(v)) for v in flat[row])}] does not index into "
                                f"param shape {_shape_text(params.shape)}, node name: {op}", name)
    return params[tuple(flat[:, k] for k in range(depth))].reshape((*outer, *params.shape[depth:]))


def _gather_nd_grad_value(ref_shape: tuple, indices: EagerTensor, grad: Any) -> Any:
    shape_t = EagerTensor(np.asarray(ref_shape, dtype=indices._value.dtype))
    iv = indices._value
    if iv.ndim == 2 and iv.shape[-1] == 1:
        return IndexedSlices(grad, EagerTensor(iv[:, 0].copy()), shape_t)
    return _scatter_nd(indices, _tensor(_dense(grad)), shape_t, "")


@_GATHER_ND.sparse_gradient
def _gather_nd_grad(op: Any, grad: Any) -> tuple:
    ref, indices = op.inputs
    return _gather_nd_grad_value(ref._value.shape, indices, grad), None


def _batch_gather_nd(params: Any, indices: Any, batch_dims: int, name: Any) -> EagerTensor:
    """TF's batch_gather_nd: the batch coordinates are prepended to the indices, then one GatherNd."""
    from tfshim.ops.shape_ops import reshape

    idx = _tensor(indices)
    p = _tensor(params)
    if not isinstance(batch_dims, int):
        raise TypeError(f"Argument `batch_dims` must be an int; got {batch_dims}")
    if batch_dims < 0:
        raise ValueError("tf.gather_nd does not allow negative batch_dims.")
    if batch_dims >= idx._value.ndim:
        raise ValueError(f"Argument `batch_dims` = {batch_dims} must be less than rank(`indices`) = "
                         f"{idx._value.ndim}")
    if batch_dims >= p._value.ndim:
        raise ValueError(f"Argument `batch_dims` = {batch_dims} must be less than rank(`params`) = {p._value.ndim}")
    iv = idx._value
    batch_shape = p._value.shape[:batch_dims]
    batch_size = int(np.prod(batch_shape, dtype=np.int64))
    grid = np.stack([g.reshape(-1) for g in np.meshgrid(*[np.arange(d) for d in batch_shape], indexing="ij")],
                    axis=-1).astype(iv.dtype)
    internal = iv.shape[batch_dims:-1]
    grid = np.broadcast_to(grid.reshape((batch_size,) + (1,) * len(internal) + (batch_dims,)),
                           (batch_size, *internal, batch_dims))
    flat = iv.reshape((batch_size, *iv.shape[batch_dims:]))
    full = EagerTensor(np.concatenate([grid, flat], axis=-1))
    out = _gather_nd(p, full, name)
    return reshape(out, (*batch_shape, *out._value.shape[1:]))


# -- scatter ------------------------------------------------------------------------------------------
def scatter_nd(indices: Any, updates: Any, shape: Any, name: Any = None) -> EagerTensor:
    """`tf.scatter_nd`: `updates` summed into zeros of `shape` at `indices`."""
    call_name = _call_name(name, indices, updates, shape)
    idx, shape_t = _match(_SCATTER_ND, [indices, shape], call_name, attr="Tindices")
    u = _tensor(updates)
    return _scatter_nd(idx, u, shape_t, call_name)


def _scatter_nd(idx: EagerTensor, u: EagerTensor, shape_t: EagerTensor, name: Any) -> EagerTensor:
    op = "ScatterNd"
    _rank_checks(op, idx._value, u._value, name)
    if shape_t._value.ndim != 1:
        raise _kernel_error(op, "Shape must be a vector", name)
    shape = tuple(int(d) for d in shape_t._value)
    _check_update_shape(op, shape, idx._value.shape, u._value.shape, name)
    _prepare_scatter(op, shape, idx._value, u._value, name)
    out = np.zeros(shape, dtype=u._value.dtype)
    if out.dtype == object:
        out[...] = b""
    _scatter_into(op, out, idx._value, u._value, np.add, name, "shape")
    return execute(_SCATTER_ND, (idx, u, shape_t), out)


def _rank_checks(op: str, indices: np.ndarray, updates: np.ndarray, name: Any) -> None:
    if indices.ndim < 1:
        raise _kernel_error(op, f"Indices shape must have rank at least one. Found:{_shape_text(indices.shape)}", name)
    if updates.ndim < 1:
        raise _kernel_error(op, f"Updates shape must have rank at least one. Found:{_shape_text(updates.shape)}", name)


def _check_update_shape(op: str, shape: tuple, ish: tuple, ush: tuple, name: Any, legacy: bool = False) -> None:
    """TF's ValidateScatterNdUpdateShape: updates.shape = indices.shape[:-1] + shape[indices.shape[-1]:].
    The `legacy` form (run again inside every scatter kernel) reads 1-D indices as one index per element."""
    if legacy and len(ish) <= 1:
        slice_dim, batch_dim = 1, 1
    else:
        slice_dim = ish[-1] if ish else 1
        batch_dim = len(ish) - 1 if ish else 0

    def prefix() -> Any:
        return _kernel_error(op, f"Dimensions [0,{batch_dim}) of indices[shape={_shape_text(ish)}] must match "
                                 f"dimensions [0,{batch_dim}) of updates[shape={_shape_text(ush)}]", name)

    def suffix() -> Any:
        return _kernel_error(op, f"Dimensions [{slice_dim},{len(shape)}) of input[shape={_shape_text(shape)}] must "
                                 f"match dimensions [{batch_dim},{len(ush)}) of updates[shape={_shape_text(ush)}]",
                             name)

    if len(ush) < batch_dim:
        raise prefix()
    if len(shape) < slice_dim + (len(ush) - batch_dim):
        raise suffix()
    if len(ush) != batch_dim + len(shape) - slice_dim:
        raise suffix()
    for d in range(batch_dim):
        if ush[d] != ish[d]:
            raise prefix()
    for d in range(len(ush) - batch_dim):
        if ush[d + batch_dim] != shape[d + slice_dim]:
            raise suffix()


def _prepare_scatter(op: str, shape: tuple, indices: np.ndarray, updates: np.ndarray, name: Any) -> None:
    """TF's PrepareAndValidateInputs, run by every scatter kernel before it writes."""
    ish, ush = indices.shape, updates.shape
    if len(shape) < 1:
        raise _kernel_error(op, f"Output must be at least 1-D, got shape: {_shape_text(shape)}", name)
    if not _valid_empty_output(int(np.prod(shape, dtype=np.int64)), indices.size, updates.size):
        raise _kernel_error(op, f"Indices and updates specified for empty output.  indices shape: "
                                f"{_shape_text(ish)}", name)
    if ish and ush and ush[0] != ish[0]:
        raise _kernel_error(op, f"Dimensions [0,1) of indices[shape={_shape_text(ish)}] = {ish[0]} must match "
                                f"dimensions [0,1) of updates[shape={_shape_text(ush)}] = {ush[0]}", name)
    _check_update_shape(op, shape, ish, ush, name, legacy=True)


def _valid_empty_output(outputs: int, indices: int, updates: int) -> bool:
    """TF's ValidEmptyOutputShape: no indices and no updates, or all three non-empty."""
    return (indices == 0 and updates == 0) or (outputs != 0 and indices != 0 and updates != 0)


def _scatter_into(op: str, out: np.ndarray, indices: np.ndarray, updates: np.ndarray, combine: Any, name: Any,
                  what: str) -> None:
    """Applies `updates` at `indices` (the last axis addresses `out`) in place."""
    depth = indices.shape[-1] if indices.ndim > 1 else 1
    flat = indices.reshape(-1, depth)
    limits = np.asarray(out.shape[:depth])
    if flat.size:
        bad = np.flatnonzero(np.any((flat < 0) | (flat >= limits), axis=1))
        if bad.size:
            row = int(bad[0])
            raise _kernel_error(op, f"indices[{row}] = [{', '.join(str(int(v)) for v in flat[row])}] does not index "
                                    f"into {what} {_shape_text(out.shape)}", name)
    rows = updates.reshape((flat.shape[0], *out.shape[depth:]))
    where = tuple(flat[:, k] for k in range(depth))
    if combine is None:
        out[where] = rows
    elif depth == 0:
        for r in rows:
            out[...] = combine(out, r)
    else:
        combine.at(out, where, rows)


@_SCATTER_ND.gradient
def _scatter_nd_grad(op: Any, grad: Any) -> tuple:
    indices = op.inputs[0]
    return None, _gather_nd(_dense(grad), indices, None), None


def _tensor_scatter(op: Any, tensor: Any, indices: Any, updates: Any, combine: Any, name: Any) -> EagerTensor:
    call_name = _call_name(name, tensor, indices, updates)
    t = _tensor(tensor)
    u = updates if type(updates) is EagerTensor else convert_to_tensor(updates, dtype=t.dtype)
    if u._value.dtype != t._value.dtype:
        raise _renamed(_args.mismatch_error(op, 2, t._value.dtype, u._value.dtype), call_name)
    idx = _indices_arg(op, indices, call_name)
    return _tensor_scatter_value(op, t, idx, u, combine, call_name)


def _tensor_scatter_value(op: Any, t: EagerTensor, idx: EagerTensor, u: EagerTensor, combine: Any,
                          name: Any) -> EagerTensor:
    if t._value.dtype == object and op is not _TENSOR_SCATTER_UPDATE:
        raise _no_string_kernel(op.name)
    ish, ush, shape = idx._value.shape, u._value.shape, t._value.shape
    _rank_checks(op.name, idx._value, u._value, name)
    if not _valid_empty_output(int(np.prod(shape, dtype=np.int64)), idx._value.size, u._value.size):
        raise _kernel_error(op.name, "Indices and updates specified for empty output shape", name)
    outer = len(ish) - 1
    for i in range(outer):
        if ish[i] != ush[i]:
            raise _kernel_error(op.name, f"Outer dimensions of indices and update must match. Indices shape: "
                                         f"{_shape_text(ish)}, updates shape:{_shape_text(ush)}", name)
    ix = ish[outer]
    if len(ush) - outer != len(shape) - ix:
        raise _kernel_error(op.name, f"Inner dimensions of output shape must match inner dimensions of updates shape. "
                                     f"Output: {_shape_text(shape)} updates: {_shape_text(ush)}", name)
    for i in range(len(ush) - outer):
        if ush[i + outer] != shape[ix + i]:
            raise _kernel_error(op.name, f"The inner {len(shape) - ix} dimensions of output.shape="
                                         f"{_shape_text(shape)} must match the inner {len(ush) - outer} dimensions of "
                                         f"updates.shape={_shape_text(ush)}", name)
    _prepare_scatter(op.name, shape, idx._value, u._value, name)
    out = np.array(t._value, copy=True)
    kernel(_scatter_into, op.name, out, idx._value, u._value, combine, name, "shape")
    return execute(op, (t, idx, u), out if out.ndim else out[()])


def _no_string_kernel(op: str) -> NotFoundError:
    return NotFoundError(None, None, f"Could not find device for node: {{{{node {op}}}}} = {op}[T=DT_STRING, "
                                     'Tindices=DT_INT32, bad_indices_policy=""]')


def tensor_scatter_nd_update(tensor: Any, indices: Any, updates: Any, name: Any = None) -> EagerTensor:
    """`tf.tensor_scatter_nd_update`: a copy of `tensor` with `updates` written at `indices` (for
    repeated indices the last update wins, as on TF's CPU kernel)."""
    return _tensor_scatter(_TENSOR_SCATTER_UPDATE, tensor, indices, updates, None, name)


def tensor_scatter_nd_add(tensor: Any, indices: Any, updates: Any, name: Any = None) -> EagerTensor:
    """`tf.tensor_scatter_nd_add`."""
    return _tensor_scatter(_TENSOR_SCATTER_ADD, tensor, indices, updates, np.add, name)


def tensor_scatter_nd_sub(tensor: Any, indices: Any, updates: Any, name: Any = None) -> EagerTensor:
    """`tf.tensor_scatter_nd_sub`."""
    return _tensor_scatter(_TENSOR_SCATTER_SUB, tensor, indices, updates, np.subtract, name)


def tensor_scatter_nd_max(tensor: Any, indices: Any, updates: Any, name: Any = None) -> EagerTensor:
    """`tf.tensor_scatter_nd_max`."""
    return _tensor_scatter(_TENSOR_SCATTER_MAX, tensor, indices, updates, np.maximum, name)


def tensor_scatter_nd_min(tensor: Any, indices: Any, updates: Any, name: Any = None) -> EagerTensor:
    """`tf.tensor_scatter_nd_min`."""
    return _tensor_scatter(_TENSOR_SCATTER_MIN, tensor, indices, updates, np.minimum, name)


@_TENSOR_SCATTER_UPDATE.gradient
def _tensor_scatter_update_grad(op: Any, grad: Any) -> tuple:
    from tfshim.ops.creation import zeros_like
    from tfshim.ops.shape_ops import identity

    indices = op.inputs[1]
    grad = _tensor(_dense(grad))
    updates_grad = _gather_nd(grad, indices, None)
    tensor_grad = _tensor_scatter_value(_TENSOR_SCATTER_UPDATE, identity(grad), indices,
                                        zeros_like(op.inputs[2], dtype=grad.dtype), None, "")
    return tensor_grad, None, updates_grad


@_TENSOR_SCATTER_ADD.sparse_gradient
def _tensor_scatter_add_grad(op: Any, grad: Any) -> tuple:
    from tfshim.ops.shape_ops import identity

    return identity(grad), None, _gather_nd(_tensor(_dense(grad)), op.inputs[1], None)  # (identity keeps slices)


@_TENSOR_SCATTER_SUB.sparse_gradient
def _tensor_scatter_sub_grad(op: Any, grad: Any) -> tuple:
    from tfshim.ops.arithmetic import negative
    from tfshim.ops.shape_ops import identity

    return identity(grad), None, negative(_gather_nd(_tensor(_dense(grad)), op.inputs[1], None))


def _tensor_scatter_min_max_grad(op: Any, grad: Any) -> tuple:
    from tfshim.ops.arithmetic import add, multiply, truediv
    from tfshim.ops.casting import cast
    from tfshim.ops.comparison import equal

    x, indices, y = op.inputs
    output = op.outputs[0]
    grad = _tensor(_dense(grad))
    x_indicators = cast(equal(x, output), grad.dtype)
    y_output = _gather_nd(output, indices, None)
    y_indicators = cast(equal(y, y_output), grad.dtype)
    shape_t = EagerTensor(np.asarray(x._value.shape, dtype=indices._value.dtype))
    ys_indicators = _scatter_nd(indices, y_indicators, shape_t, "")
    indicators = add(x_indicators, ys_indicators)
    x_grad = truediv(multiply(grad, x_indicators), indicators)
    y_grad = multiply(_gather_nd(truediv(grad, indicators), indices, None), y_indicators)
    return x_grad, None, y_grad


_TENSOR_SCATTER_MAX.grad_fn = _tensor_scatter_min_max_grad
_TENSOR_SCATTER_MIN.grad_fn = _tensor_scatter_min_max_grad


# -- unsorted_segment_sum ------------------------------------------------------------------------------
def unsorted_segment_sum(data: Any, segment_ids: Any, num_segments: Any, name: Any = None) -> EagerTensor:
    """`tf.math.unsorted_segment_sum`: sums of the rows of `data` that share a segment id (negative ids
    are dropped)."""
    call_name = _call_name(name, data, segment_ids, num_segments)
    d = _tensor(data)
    if d._value.dtype not in _UNSORTED_SEGMENT_SUM.allowed["T"][0]:
        raise _renamed(_args.dtype_error(_UNSORTED_SEGMENT_SUM, d._value.dtype), call_name)
    ids = _indices_arg(_UNSORTED_SEGMENT_SUM, segment_ids, call_name)
    n = num_segments if type(num_segments) is EagerTensor else convert_to_tensor(num_segments)
    if n._value.dtype not in _UNSORTED_SEGMENT_SUM.allowed["Tnumsegments"][0]:
        raise _renamed(_args.dtype_error(_UNSORTED_SEGMENT_SUM, n._value.dtype, "Tnumsegments"), call_name)
    return _unsorted_segment_sum(d, ids, n, call_name)


def _unsorted_segment_sum(d: EagerTensor, ids: EagerTensor, n: EagerTensor, name: Any = "") -> EagerTensor:
    op = "UnsortedSegmentSum"
    if n._value.ndim != 0:
        raise _kernel_error(op, f"num_segments should be a scalar, not shape {_shape_text(n._value.shape)}", name)
    count = int(n._value)
    if count < 0:
        raise _kernel_error(op, f"Input num_segments == {count} must not be negative.", name)
    dv, iv = d._value, ids._value
    if dv.shape[:iv.ndim] != iv.shape:
        raise _kernel_error(op, f"data.shape = {_shape_text(dv.shape)} does not start with segment_ids.shape = "
                                f"{_shape_text(iv.shape)}", name)
    flat_ids = iv.reshape(-1)
    bad = np.flatnonzero(flat_ids >= count)
    if bad.size:
        j = int(bad[0])
        raise _kernel_error(op, f"segment_ids{_position(j, iv.shape)} = {int(flat_ids[j])} is out of range "
                                f"[0, {count})", name)
    inner = dv.shape[iv.ndim:]
    rows = dv.reshape((flat_ids.size, *inner))
    out = np.zeros((count, *inner), dtype=dv.dtype)
    keep = flat_ids >= 0
    kernel(np.add.at, out, flat_ids[keep], rows[keep])
    return execute(_UNSORTED_SEGMENT_SUM, (d, ids, n), out)


@_UNSORTED_SEGMENT_SUM.gradient
def _unsorted_segment_sum_grad(op: Any, grad: Any) -> tuple:
    from tfshim.ops.creation import zeros_like
    from tfshim.ops.selection import where

    ids = op.inputs[1]
    iv = ids._value
    gathered = gather(_dense(grad), EagerTensor(np.maximum(iv, 0)))
    is_positive = np.broadcast_to((iv >= 0).reshape(iv.shape + (1,) * (gathered._value.ndim - iv.ndim)),
                                  gathered._value.shape)
    return where(EagerTensor(np.ascontiguousarray(is_positive)), gathered, zeros_like(gathered)), None, None


# -- embedding_lookup ---------------------------------------------------------------------------------
def embedding_lookup(params: Any, ids: Any, max_norm: Any = None, name: Any = None) -> EagerTensor:
    """`tf.nn.embedding_lookup`: rows of `params` (or of the concatenation of a list of shards, split
    with TF's "div" strategy), optionally clipped to an L2 norm of `max_norm`."""
    from tfshim.ops.shape_ops import identity, reshape

    if params is None:
        raise ValueError("params must be specified")
    if isinstance(params, (list, tuple)) and not params:
        raise ValueError("Length of params is currently 0. Need at least one param.")
    if not isinstance(params, (list, tuple)):
        params = [params]
    if not any(getattr(p, "_is_variable", False) for p in params):
        params = [p if isinstance(p, IndexedSlices) else _tensor(p) for p in params]
    ids_t = _tensor(ids)
    if len(params) == 1:
        return identity(_clip(gather(params[0], ids_t, name=name), ids_t, max_norm))
    return _sharded_lookup(params, ids_t, max_norm, reshape)


def _sharded_lookup(params: list, ids: EagerTensor, max_norm: Any, reshape: Any) -> EagerTensor:
    """The "div" partition strategy: shard p holds a contiguous block of ids. Each shard is gathered,
    and the rows are put back in order with a gather over their concatenation (TF stitches them)."""
    from tfshim.ops.array_ops import concat

    np_count = len(params)
    flat_ids = np.reshape(ids._value, -1)
    total = sum(int(p.shape[0]) for p in params)
    per = total // np_count
    extras = total % np_count
    with np.errstate(divide="ignore"):
        assign = np.maximum(flat_ids // (per + 1), (flat_ids - extras) // per if per else 0).astype(np.int32)
    bad = np.flatnonzero((assign < 0) | (assign >= np_count))
    if bad.size:
        j = int(bad[0])
        raise _kernel_error("DynamicPartition", f"partitions[{j}] = {int(assign[j])} is not in [0, {np_count})", "",
                            f"DynamicPartition_num_partitions_{np_count}")
    new_ids = np.where(assign < extras, flat_ids % (per + 1), (flat_ids - extras) % per if per else 0)
    parts = []
    order = []
    for p in range(np_count):
        mask = assign == p
        order.append(np.flatnonzero(mask))
        parts.append(gather(params[p], EagerTensor(new_ids[mask].astype(ids._value.dtype))))
    stitched = concat(parts, 0)
    position = np.empty(flat_ids.size, dtype=np.int64)
    position[np.concatenate(order)] = np.arange(flat_ids.size)
    ret = gather(stitched, EagerTensor(position))
    element_shape = tuple(params[0].shape[1:])
    ret = reshape(ret, (*ids._value.shape, *element_shape))
    return _clip(ret, ids, max_norm)


def _clip(params: EagerTensor, ids: EagerTensor, max_norm: Any) -> EagerTensor:
    """TF's embedding _clip: tf.clip_by_norm over the embedding axes, written out as clip_ops does."""
    if max_norm is None:
        return params
    from tfshim.ops.arithmetic import maximum, multiply, truediv
    from tfshim.ops.casting import cast
    from tfshim.ops.comparison import greater
    from tfshim.ops.creation import ones_like
    from tfshim.ops.reductions import reduce_sum
    from tfshim.ops.selection import where
    from tfshim.ops.shape_ops import identity
    from tfshim.ops.unary_math import sqrt

    ids_rank = ids._value.ndim
    axes = list(range(ids_rank, params._value.ndim)) if ids_rank else None
    if np.isscalar(max_norm):
        clip_norm = 0 if max_norm < 0 else max_norm
    else:
        clip_norm = cast(maximum(max_norm, 0), params.dtype)
    l2sum = reduce_sum(multiply(params, params), axes, keepdims=True)
    pred = greater(l2sum, 0)
    l2sum_safe = where(pred, l2sum, ones_like(l2sum))
    l2norm = where(pred, sqrt(l2sum_safe), l2sum)
    intermediate = multiply(params, clip_norm)
    return identity(truediv(intermediate, maximum(l2norm, clip_norm)))


# -- IndexedSlices to dense ----------------------------------------------------------------------------
def _indexed_slices_to_tensor(value: IndexedSlices, dtype: Any = None) -> EagerTensor:
    if dtype is not None and dtype != value.dtype:
        raise ValueError(f"Incompatible tensor conversion requested to `dtype` {dtype.name} for IndexedSlices "
                         f"({value}) with dtype {value.dtype.name}")
    if value.dense_shape is None:
        raise ValueError(f"Tensor conversion requested for IndexedSlices for argument `value` without dense_shape: "
                         f"{value!s}")
    return unsorted_segment_sum(value.values, value.indices, value.dense_shape[0])


register_conversion(IndexedSlices, _indexed_slices_to_tensor)


# -- variable scatters (Variable.scatter_* / scatter_nd_*) ----------------------------------------------
_RESOURCE_SCATTER = {mode: op_def(f"ResourceScatter{mode}") for mode in ("Update", "Add", "Sub", "Max", "Min", "Mul",
                                                                         "Div")}
_RESOURCE_SCATTER_ND = {mode: op_def(f"ResourceScatterNd{mode}") for mode in ("Update", "Add", "Sub")}
_COMBINE = {"Update": None, "Add": np.add, "Sub": np.subtract, "Max": np.maximum, "Min": np.minimum,
            "Mul": np.multiply, "Div": np.true_divide}


def resource_scatter(handle: Any, sparse_delta: Any, dtype: Any, mode: str, name: Any = None) -> None:
    """ResourceScatter{Update,Add,...}: rows `sparse_delta.indices` of the variable combined with
    `sparse_delta.values` (a scalar value applies to every row); the handle gets a new array."""
    if not isinstance(sparse_delta, IndexedSlices):
        raise TypeError(f"Argument `sparse_delta` must be a `tf.IndexedSlices`. Received arg: {sparse_delta}")
    op = _RESOURCE_SCATTER[mode]
    call_name = _call_name(name, sparse_delta.indices, sparse_delta.values)
    idx = _indices_arg(op, sparse_delta.indices, call_name)
    updates = convert_to_tensor(sparse_delta.values, dtype)
    params = np.asarray(handle._value)
    iv, uv = idx._value, updates._value
    if params.ndim < 1:
        raise _kernel_error(op.name, f"params must be at least 1-D, got {_shape_text(params.shape)}", call_name)
    if not (uv.ndim == 0 or (uv.ndim == iv.ndim + params.ndim - 1
                             and uv.shape == iv.shape + params.shape[1:])):
        raise _kernel_error(op.name, "Must have updates.shape = indices.shape + params.shape[1:] or updates.shape "
                                     f"= [], got updates.shape {_shape_text(uv.shape)}, indices.shape "
                                     f"{_shape_text(iv.shape)}, params.shape {_shape_text(params.shape)}", call_name)
    flat = iv.reshape(-1)
    bad = np.flatnonzero((flat < 0) | (flat >= params.shape[0]))
    if bad.size:
        j = int(bad[0])
        raise _kernel_error(op.name, f"indices{_position(j, iv.shape)} = {int(flat[j])} is not in "
                                     f"[0, {params.shape[0]})", call_name)
    out = params.copy()
    rows = np.broadcast_to(uv, (flat.size, *params.shape[1:])) if uv.ndim == 0 else \
        uv.reshape((flat.size, *params.shape[1:]))
    combine = _COMBINE[mode]
    if combine is None:
        out[flat] = rows
    else:
        kernel(combine.at, out, flat, rows)
    handle._value = out


def resource_scatter_nd(handle: Any, indices: Any, updates: Any, dtype: Any, mode: str, name: Any = None) -> None:
    """ResourceScatterNd{Update,Add,Sub}: `tf.tensor_scatter_nd_*` applied to the variable in place."""
    op = _RESOURCE_SCATTER_ND[mode]
    call_name = _call_name(name, indices, updates)
    idx = _indices_arg(op, indices, call_name)
    u = convert_to_tensor(updates, dtype)
    params = np.asarray(handle._value)
    iv, uv = idx._value, u._value
    _prepare_scatter(op.name, params.shape, iv, uv, call_name)
    out = params.copy()
    kernel(_scatter_into, op.name, out, iv, uv, _COMBINE[mode], call_name, "shape")
    handle._value = out
