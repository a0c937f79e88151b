"""Ops that assemble and cut tensors: concat, stack/unstack, split, tile, pad, reverse, roll, slice,
boolean_mask, one_hot, meshgrid, linspace, unique, identity_n.

Each op is recorded under TensorFlow's op name with TensorFlow's inputs (the integer arguments too),
and its gradient ports array_grad.py op for op, so second derivatives come back as zeros or None
where TensorFlow's do. Integer bookkeeping inside gradients (shapes, offsets) is done in NumPy: those
values are never differentiable, so no tape needs to see them.
"""

from __future__ import annotations

import builtins
import collections
from typing import Any

import numpy as np

from tfshim._engine import dtypes as _dtypes
from tfshim._engine.convert import convert_to_tensor
from tfshim._engine.errors import InvalidArgumentError, OpError
from tfshim._engine.indexed_slices import IndexedSlices
from tfshim._engine.registry import OpDef, execute, execute_multi, kernel, op_def
from tfshim._engine.tensor import EagerTensor
from tfshim._engine.tensor_shape import TensorShape
from tfshim.ops import _args

_CONCAT = op_def("ConcatV2")
_PACK = op_def("Pack")
_UNPACK = op_def("Unpack")
_SPLIT = op_def("Split")
_SPLIT_V = op_def("SplitV")
_TILE = op_def("Tile")
_PAD = op_def("Pad")
_PAD_V2 = op_def("PadV2")
_MIRROR_PAD = op_def("MirrorPad")
_MIRROR_PAD_GRAD = op_def("MirrorPadGrad")
_REVERSE = op_def("ReverseV2")
_ROLL = op_def("Roll")
_SLICE = op_def("Slice")
_ONE_HOT = op_def("OneHot", differentiable=False)
_UNIQUE = op_def("Unique")  # TensorFlow registers no gradient: asking for one raises LookupError
_IDENTITY_N = op_def("IdentityN")

_DEVICE = "/job:localhost/replica:0/task:0/device:CPU:0"
_INT32 = np.dtype(np.int32)
_INT64 = np.dtype(np.int64)


# -- errors worded as TensorFlow words them ---------------------------------------------------------
def _kernel_error(op: str, detail: str, name: str | None, node: str | None = None,
                  cls: type[OpError] = InvalidArgumentError) -> OpError:
    """A kernel failure. `node` is the function TF names in the prefix (`ConcatV2_N_2`), `name` the
    name after `[Op:...]` (None: TF prints no name)."""
    suffix = f"[Op:{op}]" if name is None else f"[Op:{op}] name: {name}"
    return cls(None, None, f"{{{{function_node __wrapped__{node or op}_device_{_DEVICE}}}}} {detail} {suffix}")


def _renamed(err: OpError, name: str | None) -> OpError:
    """`err` (which ends in ' name: ') with TF's name for this call."""
    message = err.message
    if message.endswith(" name: "):
        message = message[:-len(" name: ")]
    return type(err)(None, None, message if name is None else f"{message} name: {name}")


def _call_name(name: Any, *args: Any) -> str | None:
    """The name TF's error carries for a call: none at all when some argument was a Python sequence or
    a NumPy scalar (TF then runs the op through its slow path, whose errors drop the name)."""
    for a in args:
        if isinstance(a, (list, tuple, np.generic)):
            return None
    return "" if name is None else name


def _shape_text(shape: tuple) -> str:
    return "[" + ",".join(str(d) for d in shape) + "]"


# -- argument conversion (TF's args_to_matching_eager) ----------------------------------------------
def _tensor_arg(value: Any) -> EagerTensor:
    return value if type(value) is EagerTensor else convert_to_tensor(value)


def _match(op: OpDef, values: Any, name: str | None, offset: int = 0, attr: str = "T") -> list:
    """Converts a list of values to one dtype (the first tensor's, else the first value's) and checks
    that they agree and that the dtype is registered for `op`."""
    out = _args.convert_to_first_tensor_dtype(values)
    first = out[0]._value.dtype
    for i in range(1, len(out)):
        if out[i]._value.dtype != first:
            raise _renamed(_args.mismatch_error(op, i + offset, first, out[i]._value.dtype), name)
    if attr in op.allowed and first not in op.allowed[attr][0]:
        raise _renamed(_args.dtype_error(op, first, attr), name)
    return out


def _int_arg(op: OpDef, value: Any, attr: str, name: str | None, default: Any = _dtypes.int32) -> EagerTensor:
    """An integer-typed op argument: a Python scalar is converted to `default` (TF's fast path), other
    values keep the dtype they convert to when it is allowed (falling back to `default`)."""
    if type(value) is EagerTensor:
        t = value
    elif isinstance(value, (int, float, complex)) and not isinstance(value, bool) and default is not None:
        t = convert_to_tensor(value, dtype=default)
    else:
        t = convert_to_tensor(value)
        allowed = op.allowed[attr][0]
        if t._value.dtype not in allowed and default is not None:
            t = convert_to_tensor(value, dtype_hint=default)
    if attr in op.allowed and t._value.dtype not in op.allowed[attr][0]:
        raise _renamed(_args.dtype_error(op, t._value.dtype, attr), name)
    return t


def _int_tensor(values: Any, dtype: Any = _INT32) -> EagerTensor:
    """A constant integer tensor built from NumPy bookkeeping (never differentiable)."""
    return EagerTensor(np.asarray(values, dtype=dtype))


def _ints(t: EagerTensor) -> list:
    return [int(v) for v in np.reshape(t._value, -1)]


def _array(value: Any) -> Any:
    """A kernel result as a tensor value: NumPy indexing returns one element of an object (string)
    array as a bare Python object."""
    return value if isinstance(value, (np.ndarray, np.generic)) else np.array(value, dtype=object)


def _dense(value: Any) -> EagerTensor:
    """TF's _IndexedSlicesToTensorNoWarning: IndexedSlices summed into a dense tensor."""
    if isinstance(value, IndexedSlices):
        return convert_to_tensor(value)
    return value


# -- concat -------------------------------------------------------------------------------------
def concat(values: Any, axis: Any, name: str = "concat") -> EagerTensor:
    """`tf.concat`: joins tensors along an existing axis (a single value is returned through identity)."""
    from tfshim.ops.shape_ops import identity

    if not isinstance(values, (list, tuple)):
        values = [values]
    if len(values) == 1:
        axis_t = axis if isinstance(axis, EagerTensor) else convert_to_tensor(axis, dtype=_dtypes.int32)
        if axis_t._value.ndim != 0:
            raise ValueError(f"Shape {axis_t.shape} must have rank 0")
        return identity(values[0])
    if not values:
        raise InvalidArgumentError(
            None, None, "OpKernel 'ConcatV2' has constraint on attr 'T' not in NodeDef '[N=0, Tidx=DT_INT32]', "
            "KernelDef: 'goo.gle/debugonly  op: \"ConcatV2\" device_type: \"CPU\" constraint { name: \"T\" "
            "allowed_values { list { type: DT_QINT32 } } } host_memory_arg: \"axis\"' [Op:ConcatV2] name: "
            f"{name}")
    tensors = _match(_CONCAT, values, _call_name(name, *values, axis))
    axis_t = _int_arg(_CONCAT, axis, "Tidx", _call_name(name, *values, axis))
    return _concat(tensors, axis_t, name)


def _concat(tensors: list, axis_t: EagerTensor, name: Any = "concat") -> EagerTensor:
    n = len(tensors)
    if axis_t._value.ndim > 1 or axis_t._value.size != 1:
        raise _kernel_error("ConcatV2", f"axis tensor should be a scalar integer, but got shape "
                                        f"{_shape_text(axis_t._value.shape)}", None, f"ConcatV2_N_{n}")
    axis = int(np.reshape(axis_t._value, -1)[0])
    first = tensors[0]._value.shape
    rank = len(first)
    node = f"ConcatV2_N_{n}"
    if not (-rank <= axis < rank or (rank == 0 and axis == 0)):
        lo = f"-{rank}" if rank else "0"
        raise _kernel_error("ConcatV2", f"ConcatOp : Expected concatenating dimensions in the range [{lo}, {rank}), "
                                        f"but got {axis}", name, node)
    if rank:
        axis %= rank
    for i, t in enumerate(tensors):
        shape = t._value.shape
        if rank == 0 or len(shape) == 0:
            raise _kernel_error("ConcatV2", "ConcatOp : Can't concatenate scalars (use tf.stack instead)", name, node)
        if len(shape) != rank:
            raise _kernel_error("ConcatV2", f"ConcatOp : Ranks of all input tensors should match: shape[0] = "
                                            f"{_shape_text(first)} vs. shape[{i}] = {_shape_text(shape)}", name, node)
        for j in range(rank):
            if j != axis and shape[j] != first[j]:
                raise _kernel_error("ConcatV2", f"ConcatOp : Dimension {j} in both shapes must be equal: shape[0] = "
                                                f"{_shape_text(first)} vs. shape[{i}] = {_shape_text(shape)}",
                                    name, node)
    value = np.concatenate([t._value for t in tensors], axis=axis)
    return execute(_CONCAT, (*tensors, axis_t), value)


@_CONCAT.sparse_gradient
def _concat_grad(op: Any, grad: Any) -> list:
    values = op.inputs[:-1]
    axis_t = op.inputs[-1]
    if len(values) == 1:
        return [grad, None]
    rank = values[0]._value.ndim
    axis = int(np.reshape(axis_t._value, -1)[0]) % rank
    if isinstance(grad, IndexedSlices):
        return [*_concat_grad_sparse(values, axis, grad), None]
    sizes = [v._value.shape[axis] for v in values]
    return [*_split_v(grad, _int_tensor(sizes), _int_tensor(axis), len(sizes)), None]


def _concat_grad_sparse(values: tuple, axis: int, grad: IndexedSlices) -> list:
    out = []
    if axis > 0:
        begin = [0] * values[0]._value.ndim
        for v in values:
            shape = v._value.shape
            new_values = _slice(grad.values, _int_tensor(begin), _int_tensor([-1, *shape[1:]]))
            out.append(IndexedSlices(new_values, grad.indices, _int_tensor(shape)))
            begin[axis] += shape[axis]
        return out
    from tfshim.ops.arithmetic import subtract
    from tfshim.ops.gather_ops import gather

    indices = grad.indices._value
    start = 0
    for v in values:
        shape = v._value.shape
        end = start + shape[0]
        selected = EagerTensor(np.nonzero((indices >= start) & (indices < end))[0].astype(np.int64))
        new_indices = subtract(gather(grad.indices, selected), EagerTensor(indices.dtype.type(start)))
        out.append(IndexedSlices(gather(grad.values, selected), new_indices, _int_tensor(shape)))
        start = end
    return out


# -- stack / unstack ----------------------------------------------------------------------------
def _is_tensor_like(x: Any) -> bool:
    return isinstance(x, EagerTensor) or getattr(x, "_is_variable", False)


def _contains_tensor(values: Any) -> bool:
    if isinstance(values, (list, tuple)):
        return any(_contains_tensor(v) for v in values)
    return _is_tensor_like(values)


def _first_tensor_dtype(values: Any) -> Any:
    if isinstance(values, (list, tuple)):
        for v in values:
            found = _first_tensor_dtype(v)
            if found is not None:
                return found
        return None
    return values.dtype if _is_tensor_like(values) else None


def _autopack(values: Any, dtype: Any, name: str) -> Any:
    """TF's conversion of a (nested) list holding tensors: Pack ops, recorded like any op."""
    if all(_is_tensor_like(v) for v in values):
        return _pack(_match(_PACK, values, name), 0, name)
    converted = []
    for v in values:
        if _is_tensor_like(v):
            if v.dtype != dtype:
                raise TypeError(f"Cannot convert a list containing a tensor of dtype {v.dtype} to {dtype} "
                                f"(Tensor is: {v!r})")
            converted.append(_tensor_arg(v))
        elif isinstance(v, (list, tuple)) and _contains_tensor(v):
            converted.append(_autopack(v, dtype, name))
        else:
            converted.append(convert_to_tensor(v, dtype=dtype))
    return _pack(converted, 0, name)


def stack(values: Any, axis: int = 0, name: str = "stack") -> EagerTensor:
    """`tf.stack`: joins same-shaped tensors along a new axis."""
    if _is_tensor_like(values):
        if axis == 0:
            return convert_to_tensor(values)
        values = list(_tensor_arg(values))
    if axis == 0:
        try:  # (as TF: a list that does not convert as a constant goes to Pack, which raises its own errors)
            if isinstance(values, (list, tuple)) and _contains_tensor(values):
                return _autopack(values, _first_tensor_dtype(values), name)
            return convert_to_tensor(values)
        except (TypeError, ValueError, NotImplementedError):
            pass
    rank = _tensor_arg(values[0])._value.ndim + 1
    if axis < -rank or axis >= rank:
        raise ValueError(f"Argument `axis` = {axis} not in range [{-rank}, {rank})")
    tensors = _match(_PACK, values, _call_name(name, *values))
    return _pack(tensors, axis, name)


def _pack(tensors: list, axis: int, name: Any = "stack") -> EagerTensor:
    first = tensors[0]._value.shape
    for i, t in enumerate(tensors):
        if t._value.shape != first:
            raise _kernel_error("Pack", f"Shapes of all inputs must match: values[0].shape = {_shape_text(first)} != "
                                        f"values[{i}].shape = {_shape_text(t._value.shape)}", name,
                                f"Pack_N_{len(tensors)}")
    value = np.stack([t._value for t in tensors], axis=axis)
    return execute(_PACK, tuple(tensors), value, {"axis": axis, "N": len(tensors)})


@_PACK.gradient
def _pack_grad(op: Any, grad: Any) -> list:
    return _unpack(_dense(grad), op.attrs["N"], op.attrs["axis"])


def unstack(value: Any, num: Any = None, axis: int = 0, name: str = "unstack") -> list:
    """`tf.unstack`: the slices of `value` along `axis`, as a list."""
    x = _tensor_arg(value)
    rank = x._value.ndim
    if num is None:
        if axis < -rank or axis >= rank:
            raise ValueError(f"Argument `axis` = {axis} not in range [{-rank}, {rank})")
        num = x._value.shape[axis]
    if num < 0:
        raise InvalidArgumentError(None, None, f"Value for attr 'num' of {num} must be at least minimum 0\n\t; "
                                               f"NodeDef: {{{{node Unpack}}}}; {_UNPACK.summary} [Op:Unpack]")
    return _unpack(x, num, axis, name)


def _unpack(x: EagerTensor, num: int, axis: int, name: Any = "unstack") -> list:
    shape = x._value.shape
    rank = len(shape)
    if axis < -rank or axis >= rank:
        raise _kernel_error("Unpack", f"axis = {axis} not in [{-rank}, {rank})", name, f"Unpack_num_{num}")
    axis %= rank
    if shape[axis] != num:
        raise _kernel_error("Unpack", f"Input shape axis {axis} must equal {num}, got shape {_shape_text(shape)}",
                            name, f"Unpack_num_{num}")
    values = [_array(np.take(x._value, i, axis=axis)) for i in range(num)]
    return list(execute_multi(_UNPACK, (x,), values, {"axis": axis, "num": num}))


@_UNPACK.gradient
def _unpack_grad(op: Any, *grads: Any) -> Any:
    return _pack([_dense(g) for g in grads], op.attrs["axis"])


# -- split --------------------------------------------------------------------------------------
def split(value: Any, num_or_size_splits: Any, axis: Any = 0, num: Any = None, name: str = "split") -> list:
    """`tf.split`: `num_or_size_splits` equal parts (Split), or parts of the given sizes (SplitV),
    one of which may be -1."""
    if isinstance(num_or_size_splits, (int, np.integer)):
        x = _tensor_arg(value)
        call_name = _call_name(name, value, axis, num_or_size_splits)
        n = int(num_or_size_splits)
        if n < 1:
            raise InvalidArgumentError(None, None, f"Value for attr 'num_split' of {n} must be at least minimum 1\n\t"
                                                   f"; NodeDef: {{{{node Split}}}}; {_SPLIT.summary} [Op:Split] name: "
                                                   f"{name}")
        axis_t = axis if isinstance(axis, EagerTensor) else convert_to_tensor(axis, dtype=_dtypes.int32)
        return _split(x, axis_t, n, call_name)
    size_splits = _tensor_arg(num_or_size_splits)
    if size_splits._value.ndim == 0:
        raise ValueError("Rank-0 tensors are not supported as the num_or_size_splits argument to split. Argument "
                         f"provided: {num_or_size_splits!s}")
    if num is None:
        num = size_splits._value.shape[0]
    call_name = _call_name(name, value, axis)
    x = _tensor_arg(value)
    if size_splits._value.dtype not in _SPLIT_V.allowed["Tlen"][0]:
        raise _renamed(_args.dtype_error(_SPLIT_V, size_splits._value.dtype, "Tlen"), call_name)
    axis_t = axis if isinstance(axis, EagerTensor) else convert_to_tensor(axis, dtype=_dtypes.int32)
    return _split_v(x, size_splits, axis_t, num, call_name)


def _split_dim(op: str, x: EagerTensor, axis_t: EagerTensor, name: Any, node: str) -> int:
    rank = x._value.ndim
    axis = int(axis_t._value)
    if not -rank <= axis < rank:
        raise _kernel_error(op, f"-input rank(-{rank}) <= split_dim < input rank ({rank}), but got {axis}", name, node)
    return axis % rank


def _split(x: EagerTensor, axis_t: EagerTensor, n: int, name: Any = "split") -> list:
    node = f"Split_num_split_{n}"
    axis = _split_dim("Split", x, axis_t, name, node)
    size = x._value.shape[axis]
    if size % n:
        raise _kernel_error("Split", f"Number of ways to split should evenly divide the split dimension, but got "
                                     f"split_dim {axis} (size = {size}) and num_split {n}", name, node)
    values = np.split(x._value, n, axis=axis)
    return list(execute_multi(_SPLIT, (axis_t, x), values, {"num_split": n}))


@_SPLIT.gradient
def _split_grad(op: Any, *grads: Any) -> tuple:
    return None, _concat([_dense(g) for g in grads], op.inputs[0])


def _split_v(x: Any, sizes_t: EagerTensor, axis_t: EagerTensor, n: int, name: Any = "split") -> list:
    x = _tensor_arg(_dense(x))
    node = f"SplitV_num_split_{n}"
    sizes_value = sizes_t._value
    if sizes_value.ndim != 1 or sizes_value.size != n:
        raise _kernel_error("SplitV", f"size of the split_tensor must be 1-D and have the same elements as outputs got "
                                      f"{sizes_value.ndim} -D and {sizes_value.size} elements", name, node)
    axis = _split_dim("SplitV", x, axis_t, name, node)
    total = x._value.shape[axis]
    sizes = [int(s) for s in sizes_value]
    unknown = -1
    determined = 0
    for i, s in enumerate(sizes):
        if s == -1:
            if unknown != -1:
                raise _kernel_error("SplitV", "There can only be one -1 in the input.", name, node)
            unknown = i
        elif s < 0:
            raise _kernel_error("SplitV", f"Split size at index {i} must be >= 0. Got: {s}", name, node)
        else:
            determined += s
    if (unknown == -1 and determined != total) or (unknown != -1 and determined > total):
        raise _kernel_error("SplitV", "Determined shape must either match input shape along split_dim exactly if fully "
                                      "specified, or be less than the size of the input along split_dim if not fully "
                                      f"specified.  Got: {determined}", name, node)
    if unknown != -1:
        sizes[unknown] = total - determined
    bounds = np.cumsum(sizes)[:-1]
    values = np.split(x._value, bounds, axis=axis)
    return list(execute_multi(_SPLIT_V, (x, sizes_t, axis_t), values, {"num_split": n}))


@_SPLIT_V.gradient
def _split_v_grad(op: Any, *grads: Any) -> tuple:
    return _concat([_dense(g) for g in grads], op.inputs[2]), None, None


# -- tile ---------------------------------------------------------------------------------------
def tile(input: Any, multiples: Any, name: Any = None) -> EagerTensor:
    """`tf.tile`: repeats the tensor `multiples[i]` times along axis i."""
    x = _tensor_arg(input)
    call_name = _call_name(name, input, multiples)
    m = _int_arg(_TILE, multiples, "Tmultiples", call_name)
    rank = x._value.ndim
    reps = np.reshape(m._value, -1)
    if m._value.ndim != 1 or reps.size != rank:
        raise _kernel_error("Tile", f"Expected multiples argument to be a vector of length {rank} but got length "
                                    f"{reps.size}", call_name)
    for i, r in enumerate(reps):
        if r < 0:
            raise _kernel_error("Tile", f"Expected multiples[{i}] >= 0, but got {int(r)}", call_name)
    value = np.tile(x._value, tuple(int(r) for r in reps)) if rank else x._value
    return execute(_TILE, (x, m), value)


@_TILE.sparse_gradient
def _tile_grad(op: Any, grad: Any) -> tuple:
    from tfshim.ops.gather_ops import unsorted_segment_sum
    from tfshim.ops.reductions import reduce_sum
    from tfshim.ops.shape_ops import reshape

    shape = op.inputs[0]._value.shape
    reps = _ints(op.inputs[1])
    split_shape = [d for pair in zip(reps, shape) for d in pair]
    axes = tuple(range(0, len(split_shape), 2))
    if isinstance(grad, IndexedSlices):
        index_dtype = grad.indices._value.dtype
        n = EagerTensor(index_dtype.type(shape[0]))
        from tfshim.ops.arithmetic import floormod

        grad = unsorted_segment_sum(grad.values, floormod(grad.indices, n), n)
        split_shape = [1, *split_shape[1:]]
    return reduce_sum(reshape(grad, split_shape), axes), None


# -- pad ----------------------------------------------------------------------------------------
def pad(tensor: Any, paddings: Any, mode: str = "CONSTANT", constant_values: Any = 0,
        name: Any = None) -> EagerTensor:
    """`tf.pad`: CONSTANT (Pad, or PadV2 for a non-zero value), REFLECT or SYMMETRIC (MirrorPad)."""
    mode = mode.upper()
    if mode == "CONSTANT":
        if not _is_tensor_like(constant_values) and np.ndim(constant_values) == 0 and constant_values == 0:
            x = _tensor_arg(tensor)
            call_name = _call_name(name, tensor, paddings)
            p = _int_arg(_PAD, paddings, "Tpaddings", call_name)
            return _pad(x, p, call_name)
        call_name = _call_name(name, tensor, paddings, constant_values)
        x, c = _match(_PAD_V2, [tensor, constant_values], call_name)
        p = _int_arg(_PAD_V2, paddings, "Tpaddings", call_name)
        return _pad(x, p, call_name, c)
    if mode in ("REFLECT", "SYMMETRIC"):
        x = _tensor_arg(tensor)
        call_name = _call_name(name, tensor, paddings)
        p = _int_arg(_MIRROR_PAD, paddings, "Tpaddings", call_name)
        return _mirror_pad(x, p, mode, call_name)
    raise ValueError('Value of argument `mode` expected to be one of "CONSTANT", "REFLECT", or "SYMMETRIC". '
                     f"Received `mode` = {mode}")


def _check_paddings(op: str, x: EagerTensor, p: EagerTensor, name: Any, comma: str = " ") -> list:
    pv = p._value
    if pv.ndim != 2 or pv.shape[1] != 2:
        raise _kernel_error(op, f"paddings must be a matrix with 2 columns: {_shape_text(pv.shape)}", name)
    if pv.shape[0] != x._value.ndim:
        raise _kernel_error(op, f"The first dimension of paddings must be the rank of inputs{_shape_text(pv.shape)}"
                                f"{comma}{_shape_text(x._value.shape)}", name)
    return [(int(a), int(b)) for a, b in pv]


def _pad(x: EagerTensor, p: EagerTensor, name: Any = None, constant: EagerTensor | None = None) -> EagerTensor:
    op = "Pad" if constant is None else "PadV2"
    pads = _check_paddings(op, x, p, name)
    if constant is not None and constant._value.ndim != 0:
        raise _kernel_error(op, f"constant_values must be a scalar. Got: {_shape_text(constant._value.shape)}", name)
    for before, after in pads:
        if before < 0 or after < 0:
            raise _kernel_error(op, f"Paddings must be non-negative: {before} {after}", name)
    fill = 0 if constant is None else constant._value
    if x._value.dtype == object:
        fill = b"" if constant is None else fill
    value = np.pad(x._value, pads, mode="constant", constant_values=fill) if pads else x._value
    if constant is None:
        return execute(_PAD, (x, p), value)
    return execute(_PAD_V2, (x, p, constant), value)


def _pad_grad(op: Any, grad: Any) -> tuple:
    x, p = op.inputs[0], op.inputs[1]
    begin = EagerTensor(np.ascontiguousarray(p._value[:, 0]))
    sizes = EagerTensor(np.asarray(x._value.shape, dtype=p._value.dtype))
    x_grad = _slice(_dense(grad), begin, sizes)
    return (x_grad, None, None) if len(op.inputs) == 3 else (x_grad, None)


_PAD.grad_fn = _pad_grad
_PAD_V2.grad_fn = _pad_grad


def _mirror_pad(x: EagerTensor, p: EagerTensor, mode: str, name: Any = None) -> EagerTensor:
    pads = _check_paddings("MirrorPad", x, p, name, ", ")
    offset = 1 if mode == "REFLECT" else 0
    for d, (before, after) in enumerate(pads):
        if before < 0 or after < 0:
            raise _kernel_error("MirrorPad", f"paddings must be non-negative: {before} {after}", name)
        size = x._value.shape[d]
        if before > size - offset or after > size - offset:
            word, fail = ("less than", "not less than") if offset else ("no greater than", "greater than")
            raise _kernel_error("MirrorPad", f"paddings must be {word} the dimension size: {before}, {after} {fail} "
                                             f"{size}", name)
    value = np.pad(x._value, pads, mode=mode.lower()) if pads else x._value
    return execute(_MIRROR_PAD, (x, p), value, {"mode": mode})


@_MIRROR_PAD.gradient
def _mirror_pad_grad(op: Any, grad: Any) -> tuple:
    return _mirror_pad_fold(_tensor_arg(_dense(grad)), op.inputs[1], op.attrs["mode"]), None


def _mirror_pad_fold(grad: EagerTensor, p: EagerTensor, mode: str) -> EagerTensor:
    """MirrorPadGrad: sums each padded element back onto the element it mirrors."""
    offset = 1 if mode == "REFLECT" else 0
    value = grad._value
    for d, (before, after) in enumerate(p._value):
        before, after = int(before), int(after)
        n = value.shape[d] - before - after
        core = np.take(value, range(before, before + n), axis=d).copy()
        for i in range(before):  # padded position i mirrors source position before - i - 1 + offset
            src = before - i - 1 + offset
            _add_slice(core, d, src, np.take(value, i, axis=d))
        for j in range(after):
            src = n - 1 - j - offset
            _add_slice(core, d, src, np.take(value, before + n + j, axis=d))
        value = core
    return execute(_MIRROR_PAD_GRAD, (grad, p), value, {"mode": mode})


def _add_slice(array: np.ndarray, axis: int, index: int, part: np.ndarray) -> None:
    where = [builtins.slice(None)] * array.ndim
    where[axis] = index
    array[tuple(where)] += part


@_MIRROR_PAD_GRAD.gradient
def _mirror_pad_grad_grad(op: Any, grad: Any) -> tuple:
    return _mirror_pad(_tensor_arg(_dense(grad)), op.inputs[1], op.attrs["mode"]), None


# -- reverse / roll -----------------------------------------------------------------------------
def reverse(tensor: Any, axis: Any, name: Any = None) -> EagerTensor:
    """`tf.reverse` (ReverseV2): flips the given axes."""
    x = _tensor_arg(tensor)
    call_name = _call_name(name, tensor, axis)
    if x._value.dtype not in _REVERSE.allowed["T"][0]:
        raise _renamed(_args.dtype_error(_REVERSE, x._value.dtype), call_name)
    a = _int_arg(_REVERSE, axis, "Tidx", call_name)
    return _reverse(x, a, call_name)


def _reverse(x: EagerTensor, a: EagerTensor, name: Any = None) -> EagerTensor:
    if a._value.ndim != 1:
        raise _kernel_error("ReverseV2", f"'dims' must be 1-dimension, not {a._value.ndim}", name)
    rank = x._value.ndim
    seen = set()
    for i, ax in enumerate(_ints(a)):
        if ax < -rank or ax >= rank:
            raise _kernel_error("ReverseV2", f"'axis'[{i}] = {ax} is out of valid range [0, {rank - 1}", name)
        ax %= rank
        if ax in seen:
            raise _kernel_error("ReverseV2", f"axis {ax} specified more than once.", name)
        seen.add(ax)
    value = np.flip(x._value, tuple(sorted(seen))) if seen else x._value
    return execute(_REVERSE, (x, a), value)


@_REVERSE.gradient
def _reverse_grad(op: Any, grad: Any) -> tuple:
    return _reverse(_tensor_arg(_dense(grad)), op.inputs[1]), None


def roll(input: Any, shift: Any, axis: Any, name: Any = None) -> EagerTensor:
    """`tf.roll`: shifts elements cyclically along the given axes (shifts on one axis add up)."""
    x = _tensor_arg(input)
    call_name = _call_name(name, input, shift, axis)
    s = _int_arg(_ROLL, shift, "Tshift", call_name, None)
    a = _int_arg(_ROLL, axis, "Taxis", call_name, None)
    return _roll(x, s, a, call_name)


def _roll(x: EagerTensor, s: EagerTensor, a: EagerTensor, name: Any = None) -> EagerTensor:
    rank = x._value.ndim
    if rank < 1:
        raise _kernel_error("Roll", "input must be 1-D or higher", name)
    if s._value.ndim > 1:
        raise _kernel_error("Roll", f"shift must be a scalar or a 1-D vector. Found: {_shape_text(s._value.shape)}",
                            name)
    if a._value.ndim > 1:
        raise _kernel_error("Roll", f"axis must be a scalar or a 1-D vector. Found: {_shape_text(a._value.shape)}",
                            name)
    if s._value.size != a._value.size:
        raise _kernel_error("Roll", "shift and axis must have the same size", name)
    shifts, axes = _ints(s), _ints(a)
    for ax in axes:
        if ax < -rank or ax >= rank:
            raise _kernel_error("Roll", f"axis {ax} is out of range", name)
    value = np.roll(x._value, shifts, [ax % rank for ax in axes]) if axes else x._value
    return execute(_ROLL, (x, s, a), value)


@_ROLL.gradient
def _roll_grad(op: Any, grad: Any) -> tuple:
    from tfshim.ops.arithmetic import negative

    return _roll(_tensor_arg(_dense(grad)), negative(op.inputs[1]), op.inputs[2]), None, None


# -- slice --------------------------------------------------------------------------------------
def slice(input_: Any, begin: Any, size: Any, name: Any = None) -> EagerTensor:
    """`tf.slice`: `size[i]` elements from `begin[i]` along each axis (-1: to the end)."""
    x = _tensor_arg(input_)
    call_name = _call_name(name, input_, begin, size)
    b, s = _match(_SLICE, [begin, size], call_name, offset=1, attr="Index")
    return _slice(x, b, s, call_name)


def _slice(x: Any, b: EagerTensor, s: EagerTensor, name: Any = None) -> EagerTensor:
    x = _tensor_arg(x)
    shape = x._value.shape
    rank = len(shape)
    if b._value.ndim != 1 or s._value.ndim != 1 or b._value.size != rank or s._value.size != rank:
        raise _kernel_error("Slice", f"Expected begin and size arguments to be 1-D tensors of size {rank}, but got "
                                     f"shapes {_shape_text(b._value.shape)} and {_shape_text(s._value.shape)} "
                                     "instead.", name)
    index = []
    for i, (start, n) in enumerate(zip(_ints(b), _ints(s))):
        dim = shape[i]
        if n == -1:
            n = dim - start
        if start < 0 or start > dim:
            raise _kernel_error("Slice", f"Expected begin[{i}] in [0, {dim}], but got {start}", name)
        if n < 0 or start + n > dim:
            raise _kernel_error("Slice", f"Expected size[{i}] in [0, {dim - start}], but got {n}", name)
        index.append(builtins.slice(start, start + n))
    return execute(_SLICE, (x, b, s), x._value[tuple(index)])


@_SLICE.gradient
def _slice_grad(op: Any, grad: Any) -> tuple:
    x, b = op.inputs[0], op.inputs[1]
    index_dtype = b._value.dtype
    before = np.reshape(b._value, (-1, 1))
    after = np.reshape(np.asarray(x._value.shape, dtype=index_dtype)
                       - np.asarray(op.outputs[0]._value.shape, dtype=index_dtype) - b._value, (-1, 1))
    paddings = EagerTensor(np.concatenate([before, after], axis=1).astype(index_dtype))
    return _pad(_tensor_arg(_dense(grad)), paddings), None, None


# -- boolean_mask -------------------------------------------------------------------------------
def boolean_mask(tensor: Any, mask: Any, axis: Any = None, name: str = "boolean_mask") -> EagerTensor:
    """`tf.boolean_mask`: the elements (or slices from `axis` on) where `mask` holds, flattened over the
    mask's dimensions."""
    from tfshim.ops.gather_ops import gather
    from tfshim.ops.shape_ops import reshape

    x = _tensor_arg(tensor)
    m = _tensor_arg(mask)
    mask_rank = m._value.ndim
    if mask_rank == 0:
        raise ValueError("mask cannot be scalar.")
    axis = 0 if axis is None else int(axis)
    shape = x._value.shape
    part = shape[axis:axis + mask_rank]
    if len(part) != mask_rank or any(a != b for a, b in zip(part, m._value.shape)):
        raise ValueError(f"Shapes {TensorShape(list(part))} and {m.shape} are incompatible")
    leading = int(np.prod(part, dtype=np.int64))
    x = reshape(x, (*shape[:axis], leading, *shape[axis + mask_rank:]))
    indices = EagerTensor(np.nonzero(np.reshape(m._value, -1))[0].astype(np.int64))
    return gather(x, indices, axis=axis)


# -- one_hot ------------------------------------------------------------------------------------
def one_hot(indices: Any, depth: Any, on_value: Any = None, off_value: Any = None, axis: Any = None,
            dtype: Any = None, name: Any = None) -> EagerTensor:
    """`tf.one_hot` (no gradient, as in TensorFlow)."""
    if dtype is not None:
        dtype = _dtypes.as_dtype(dtype)
    on_exists = on_value is not None
    off_exists = off_value is not None
    if on_exists:
        on_value = convert_to_tensor(on_value, dtype_hint=dtype)
    if off_exists:
        off_value = convert_to_tensor(off_value, dtype_hint=dtype)
    on_dtype = on_value.dtype if on_exists else None
    off_dtype = off_value.dtype if off_exists else None
    if on_exists or off_exists:
        if dtype is not None:
            if on_exists and on_dtype != dtype:
                raise TypeError(f"dtype {on_dtype!s} of on_value does not match dtype parameter {dtype!s}")
            if off_exists and off_dtype != dtype:
                raise TypeError(f"dtype {off_dtype!s} of off_value does not match dtype parameter {dtype!s}")
        else:
            dtype = on_dtype if on_exists else off_dtype
    elif dtype is None:
        dtype = _dtypes.float32
    if not on_exists:
        on_value = convert_to_tensor(1, dtype)
        on_dtype = dtype
    if not off_exists:
        off_value = convert_to_tensor(0, dtype)
        off_dtype = dtype
    if on_dtype != off_dtype:
        raise TypeError(f"dtype {on_dtype!s} of on_value does not match dtype {off_dtype!s} of off_value")
    call_name = _call_name(name, indices, depth)
    idx = _int_arg(_ONE_HOT, indices, "TI", call_name, _dtypes.int64)
    depth_t = depth if isinstance(depth, EagerTensor) else convert_to_tensor(depth, dtype=_dtypes.int32)
    axis = -1 if axis is None else int(axis)
    rank = idx._value.ndim
    if axis != -1 and not 0 <= axis <= rank:
        raise _kernel_error("OneHot", f"Expected axis to be -1 or between [0, {rank + 1}).  But received: {axis}",
                            call_name)
    if depth_t._value.ndim != 0:
        raise _kernel_error("OneHot", f"depth must be a scalar, but got: {_shape_text(depth_t._value.shape)}",
                            call_name)
    n = int(depth_t._value)
    if n < 0:
        raise _kernel_error("OneHot", f"depth must be non-negative, got: {n}", call_name)
    for label, v in (("on_value", on_value), ("off_value", off_value)):
        if v._value.ndim != 0:
            raise _kernel_error("OneHot", f"{label} must be a scalar, but got: {_shape_text(v._value.shape)}",
                                call_name)
    hot = np.expand_dims(idx._value, -1) == np.arange(n)
    value = np.where(hot, on_value._value, off_value._value).astype(on_value._value.dtype)
    if axis != -1:
        value = np.moveaxis(value, -1, axis)
    return execute(_ONE_HOT, (idx, depth_t, on_value, off_value), value, {"axis": axis})


# -- meshgrid / linspace ------------------------------------------------------------------------
def meshgrid(*args: Any, **kwargs: Any) -> list:
    """`tf.meshgrid`: coordinate grids from 1-D inputs ('xy' or 'ij' indexing)."""
    from tfshim.ops.arithmetic import multiply
    from tfshim.ops.creation import ones
    from tfshim.ops.shape_ops import reshape

    indexing = kwargs.pop("indexing", "xy")
    kwargs.pop("name", "meshgrid")
    if kwargs:
        key = next(iter(kwargs))
        raise TypeError(f"'{key}' is an invalid keyword argument for this function")
    if indexing not in ("xy", "ij"):
        raise ValueError(f"Argument `indexing` parameter must be either 'xy' or 'ij', got '{indexing}'")
    ndim = len(args)
    if not ndim:
        return []
    s0 = (1,) * ndim
    output = [reshape(stack(x), (*s0[:i], -1, *s0[i + 1:])) for i, x in enumerate(args)]
    shapes = [_tensor_arg(x)._value.size for x in args]
    output_dtype = _tensor_arg(args[0]).dtype
    if indexing == "xy" and ndim > 1:
        output[0] = reshape(output[0], (1, -1) + (1,) * (ndim - 2))
        output[1] = reshape(output[1], (-1, 1) + (1,) * (ndim - 2))
        shapes[0], shapes[1] = shapes[1], shapes[0]
    mult_fact = ones(shapes, output_dtype)
    return [multiply(x, mult_fact) for x in output]


def linspace(start: Any, stop: Any, num: Any, name: Any = None, axis: int = 0) -> EagerTensor:
    """`tf.linspace`: `num` evenly spaced values from `start` to `stop` (both included), along `axis`
    when they are tensors. Built from differentiable ops, as TensorFlow's is."""
    from tfshim.ops.arithmetic import add, multiply, subtract, truediv
    from tfshim.ops.casting import cast
    from tfshim.ops.creation import range as tf_range
    from tfshim.ops.shape_ops import broadcast_to, expand_dims, reshape

    start = _tensor_arg(start)
    stop = stop if isinstance(stop, EagerTensor) and stop.dtype == start.dtype else \
        convert_to_tensor(stop, dtype=start.dtype)
    num_int = convert_to_tensor(num, preferred_dtype=_dtypes.int32)
    if not num_int.dtype.is_integer:
        raise TypeError(f"Argument `tensor` (name: num) must be of type integer. Received `tensor` = {num_int} of "
                        f"dtype: {num_int.dtype!s}")
    n = int(num_int._value)
    shape = np.broadcast_shapes(start._value.shape, stop._value.shape)
    start = broadcast_to(start, shape)
    stop = broadcast_to(stop, shape)
    expanded_start = expand_dims(start, axis)
    expanded_stop = expand_dims(stop, axis)
    exp_shape = expanded_start._value.shape
    ndims = len(exp_shape)
    axis = axis if axis >= 0 else ndims + axis
    num_fill = max(n - 2, 0)
    n_steps = max(n - 1, 1)
    delta = truediv(subtract(expanded_stop, expanded_start), cast(_int_tensor(n_steps), expanded_stop.dtype))
    expanded_start = cast(expanded_start, delta.dtype)
    expanded_stop = cast(expanded_stop, delta.dtype)
    range_end = n_steps if n >= 0 else -1
    desired_range = cast(tf_range(1, range_end, dtype=_dtypes.int64), delta.dtype)
    desired_range = reshape(desired_range, [num_fill if i == axis else 1 for i in range(ndims)])
    res = add(expanded_start, multiply(delta, desired_range))
    concatenated = _concat([expanded_start, res, expanded_stop], _int_tensor(axis))
    size = [n if i == axis else d for i, d in enumerate(exp_shape)]
    return _slice(concatenated, _int_tensor([0] * ndims), _int_tensor(size))


# -- unique / identity_n ------------------------------------------------------------------------
Unique = collections.namedtuple("Unique", ["y", "idx"])


def unique(x: Any, out_idx: Any = _dtypes.int32, name: Any = None) -> Unique:
    """`tf.unique`: the distinct values in order of first appearance, and each element's position
    among them. TensorFlow registers no gradient for it."""
    t = _tensor_arg(x)
    out_idx = _dtypes.as_dtype(out_idx)
    call_name = _call_name(name, x)
    if out_idx._np not in _UNIQUE.allowed["out_idx"][0]:
        raise _renamed(_args.dtype_error(_UNIQUE, out_idx._np, "out_idx"), call_name)
    if t._value.ndim != 1:
        raise _kernel_error("Unique", "unique expects a 1D vector.", call_name)
    y, idx = kernel(_unique_kernel, t._value)
    return Unique(*execute_multi(_UNIQUE, (t,), (y, idx.astype(out_idx._np)), {"out_idx": out_idx}))


def _unique_kernel(value: np.ndarray) -> tuple:
    positions: dict = {}
    idx = np.empty(value.shape[0], dtype=np.int64)
    firsts = []
    for i, item in enumerate(value.tolist()):
        key = item if item == item else ("nan", i)  # every NaN is distinct, as in TensorFlow's hash map
        found = positions.get(key)
        if found is None:
            found = positions[key] = len(firsts)
            firsts.append(i)
        idx[i] = found
    return value[np.asarray(firsts, dtype=np.int64)], idx


def identity_n(input: Any, name: Any = None) -> list:
    """`tf.identity_n`: each input as a new tensor, gradients passed through unchanged."""
    tensors = tuple(_tensor_arg(t) for t in input)
    return list(execute_multi(_IDENTITY_N, tensors, [t._value for t in tensors]))


@_IDENTITY_N.sparse_gradient
def _identity_n_grad(op: Any, *grads: Any) -> tuple:
    return grads
