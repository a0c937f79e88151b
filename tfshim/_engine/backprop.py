"""The backward walk over one tape (TensorFlow's imperative_grad).

1. From the targets, follow the tape back to find every recorded op they depend on, counting how
   often each tensor is used by those ops and how many outputs of each op are awaited.
2. Seed each target: the caller's output gradient, or ones when the target was produced on the tape
   (or is itself a source).
3. Pop ready ops (all awaited output gradients in), sum the gradients that reached each output,
   fill missing outputs with zeros, call the op's gradient function, sum each input gradient back to
   the input's shape for broadcasting ops, and pass it on.

Every step that computes (sums, reshapes, densifying) runs through the op library, so a tape that is
watching the backward pass records it and can differentiate it again.
"""

from __future__ import annotations

import math
from collections import deque
from typing import Any

import numpy as np

from tfshim._engine import batching, vspace
from tfshim._engine import dtypes as _dtypes
from tfshim._engine import tape as _tape
from tfshim._engine.errors import OpError
from tfshim._engine.indexed_slices import IndexedSlices
from tfshim._engine.registry import quiet_numpy
from tfshim._engine.sums import BIG_SUM, add_reduce
from tfshim._engine.tape import Record, Tape
from tfshim._engine.tensor import EagerTensor

_add_reduce = np.add.reduce

_state = _tape.state


def imperative_grad(tape: Tape, targets: list, sources: list, output_gradients: list | None,
                    batch: int | None = None) -> list:
    """Gradients of the sum of `targets` with respect to each of `sources`, None where unconnected.

    Targets and sources are tensors or variable handles. `output_gradients` (already converted) has
    one entry per target, or None; a missing entry means "ones".

    With `batch=B`, every output gradient carries a leading dimension of size B (B independent
    cotangents, as a Jacobian needs) and so does every result: one walk instead of B walks.
    """
    tensors = tape.tensors
    get = tensors.get
    source_ids = set(map(id, sources))

    # 1. the ops the targets depend on; how often each tracked tensor is used by them; how many used
    # outputs each op has (its gradient function runs once all of them got their gradients). Gradients
    # reaching untracked tensors are dropped (TF's walk drops them at their last use).
    ops: dict[int, Record] = {}  # by creation order
    usage: dict[int, int] = {}
    missing: dict[Record, int] = {}
    used_untracked_sources = []  # (their seeds are dropped too, as TF drops them at their last use)
    pending = list(map(get, map(id, targets)))
    while pending:
        rec = pending.pop()
        if rec is None:
            continue
        seq = rec.seq
        if seq in ops:
            continue
        ops[seq] = rec
        for x in rec.inputs:
            key = id(x)
            count = usage.get(key)
            if count is not None:
                usage[key] = count + 1
            elif key in tensors:
                usage[key] = 1
                producer = tensors[key]
                if producer is not None:
                    pending.append(producer)
                    missing[producer] = missing.get(producer, 0) + 1
            elif key in source_ids:
                used_untracked_sources.append(key)

    # 2. seeds
    grads: dict[int, list] = {}
    for i, target in enumerate(targets):
        key = id(target)
        given = output_gradients[i] if output_gradients is not None and i < len(output_gradients) else None
        if given is not None:
            grads.setdefault(key, []).append(given)
        elif get(key) is not None or key in source_ids:
            seed = ones_like(target)
            if seed is not None:
                grads.setdefault(key, []).append(seed)

    # 3. the walk. TF's order: start from the ops nothing waits on, take from the back, and queue newly
    # ready ops at the front (it decides how concatenated IndexedSlices are ordered)
    if ops:
        ready: deque = deque()
        for seq in sorted(ops):
            if ops[seq] not in missing:
                ready.append(ops[seq])
        outer_walk = _state.walk
        _state.walk = (tensors, source_ids)  # what the records' skip_input_indices are computed against
        try:
            _walk(ready, tensors, grads, usage, missing, source_ids, batch)
        finally:
            _state.walk = outer_walk
        for key in used_untracked_sources:
            grads.pop(key, None)

    result = []
    for source in sources:
        found = grads.get(id(source))
        result.append(None if found is None else aggregate(found))
    return result


def _walk(ready: deque, tensors: dict, grads: dict, usage: dict, missing: dict, source_ids: set,
          batch: int | None) -> None:
    """Step 3: runs the gradient function of each ready op and passes the results to its inputs."""
    while ready:
        rec = ready.pop()
        outputs = rec.outputs
        if len(outputs) == 1:  # most ops: no zero-filling to consider
            key = id(outputs[0])
            found = grads.pop(key, None)
            if found is None:
                out_grads = None
            else:
                total = found[0] if len(found) == 1 else aggregate(found)
                if key in source_ids:
                    grads[key] = [total]
                if type(total) is IndexedSlices and not rec.op_def.keeps_indexed_slices:
                    total = vspace.ops.convert(total)  # (what the rule's first op would do in TF)
                out_grads = [total]
        else:
            out_grads = _gather_output_grads(rec, grads, source_ids, batch)
        inputs = rec.inputs
        if out_grads is None:
            in_grads = (None,) * len(inputs)
        elif batch is None:
            in_grads = call_gradient(rec, out_grads)
        else:
            in_grads = batching.call_batched(rec, out_grads, batch)
        for x, g in zip(inputs, in_grads):
            key = id(x)
            count = usage.get(key)
            if count is None:  # not tracked by this tape: its gradient is dropped
                continue
            if g is not None:
                found = grads.get(key)
                if found is None:
                    grads[key] = [g]
                else:
                    found.append(g)
            if count > 1:
                usage[key] = count - 1
                continue
            producer = tensors[key]  # the tensor's last use: its gradient is complete
            if producer is not None:
                left = missing[producer]
                missing[producer] = left - 1
                if left == 1:
                    ready.appendleft(producer)


def _gather_output_grads(rec: Record, grads: dict, source_ids: set, batch: int | None) -> list | None:
    """The summed gradients of a multi-output op's outputs; zeros for outputs that got none (unless the
    op accepts None there), or None when no output got a gradient (the op is then skipped)."""
    out_grads: list = []
    zero_slots: list[int] = []
    any_grad = False
    for i, out in enumerate(rec.outputs):
        key = id(out)
        found = grads.get(key)
        if found is None:
            out_grads.append(None)
            if i not in rec.op_def.accepts_none:
                zero_slots.append(i)
        else:
            any_grad = True
            total = found[0] if len(found) == 1 else aggregate(found)
            if key in source_ids:
                grads[key] = [total]
            else:
                del grads[key]
            if type(total) is IndexedSlices and not rec.op_def.keeps_indexed_slices:
                total = vspace.ops.convert(total)  # (what the rule's first op would do in TF)
            out_grads.append(total)
    if not any_grad:
        return None
    for i in zero_slots:
        out_grads[i] = zeros_like(rec.outputs[i], batch)
    return out_grads


def call_gradient(rec: Record, out_grads: list) -> tuple:
    """Runs one op's gradient function and sums broadcast input gradients back to input shapes."""
    op_def = rec.op_def
    grad_fn = op_def.grad_fn
    if grad_fn is None:
        raise LookupError(f"gradient registry has no entry for: {op_def.name}")
    try:
        in_grads = grad_fn(rec, *out_grads)
        if type(in_grads) is not tuple:
            in_grads = tuple(in_grads) if type(in_grads) is list else (in_grads,)
        if op_def.broadcasting:  # sum the gradient of each broadcast input back to its shape
            out_shape = rec.outputs[0]._value.shape
            for x in rec.inputs:
                if x._value.shape != out_shape:
                    break
            else:
                return in_grads  # (no input was broadcast)
            fixed = None
            i = 0
            for g, x in zip(in_grads, rec.inputs):
                shape = x._value.shape
                if shape != out_shape and type(g) is EagerTensor and g._value.shape != shape:
                    if fixed is None:
                        fixed = list(in_grads)
                    fixed[i] = sum_to_shape(g, shape, out_shape)
                i += 1
            if fixed is not None:
                in_grads = tuple(fixed)
    except OpError as e:
        if e.message.endswith("]"):  # TF's gradient code runs ops on tensors: its errors end in " name: "
            e._message += " name: "
        raise
    return in_grads


def broadcast_reduction_axes(shape: tuple, out_shape: tuple) -> tuple:
    """The axes of `out_shape` along which an input of `shape` was broadcast."""
    found = _AXES.get((shape, out_shape))
    if found is None:
        if len(_AXES) > 1024:
            _AXES.clear()
        found = _AXES[shape, out_shape] = _broadcast_axes(shape, out_shape)
    return found


_AXES: dict[tuple, tuple] = {}


def _broadcast_axes(shape: tuple, out_shape: tuple) -> tuple:
    lead = len(out_shape) - len(shape)
    axes = list(range(lead))
    for i, d in enumerate(shape):
        if d == 1 and out_shape[lead + i] != 1:
            axes.append(lead + i)
    return tuple(axes)


def sum_to_shape(grad: Any, shape: tuple, out_shape: tuple) -> Any:
    """Undoes broadcasting: `reshape(reduce_sum(grad, axes), shape)` when the shapes differ."""
    if grad is None or type(grad) is not EagerTensor or grad._value.shape == shape:
        return grad
    axes = broadcast_reduction_axes(shape, out_shape) if len(out_shape) >= len(shape) else ()
    value = grad._value
    # nothing records the Sum and Reshape: one kernel, the same sum as Sum's
    if axes and not _state.active and value.dtype in _dtypes.SINGLE_DOUBLE_NP:
        summed = quiet_numpy.run(add_reduce if value.size >= BIG_SUM else _add_reduce, value, axes)
        if summed.size == math.prod(shape):  # (else the Reshape op raises TF's error)
            return EagerTensor(summed.reshape(shape))
    summed = vspace.ops.reduce_sum(grad, axes) if axes else grad
    if summed._value.shape == shape:  # only leading axes were summed: TF's Reshape would change nothing
        return summed
    return vspace.ops.reshape(summed, shape)


def aggregate(grads: list) -> Any:
    """Sums the gradients that reached one tensor: AddN for dense ones, concatenation when all are
    IndexedSlices (densified as soon as one dense gradient is among them)."""
    if len(grads) == 1:
        return grads[0]
    if type(grads[0]) is EagerTensor or any(not isinstance(g, IndexedSlices) for g in grads):
        return vspace.ops.add_n(grads)
    index_dtypes = {g.indices.dtype for g in grads}
    if len(index_dtypes) > 1:
        grads = [IndexedSlices(g.values, vspace.ops.cast(g.indices, "int64"), g.dense_shape) for g in grads]
    return IndexedSlices(vspace.ops.concat([g.values for g in grads], 0),
                         vspace.ops.concat([g.indices for g in grads], 0),
                         grads[0].dense_shape)


def _value_of(obj: Any) -> Any:
    """The array behind a tensor or variable handle."""
    return obj._value


def ones_like(obj: Any) -> EagerTensor | None:
    value = _value_of(obj)
    dtype = value.dtype
    if dtype.kind == "O":  # strings have no gradient
        return None
    shape = value.shape
    if not shape:
        return EagerTensor(dtype.type(1))
    ones = np.empty(shape, dtype=dtype)
    ones.fill(1)  # (half the time of np.ones)
    return EagerTensor(ones)


def zeros_like(obj: Any, batch: int | None = None) -> EagerTensor | None:
    value = _value_of(obj)
    if value.dtype == object:
        return None
    shape = np.shape(value) if batch is None else (batch, *np.shape(value))
    return EagerTensor(np.zeros(shape, dtype=value.dtype))
