"""`tf.einsum`: TensorFlow's equation checks, the Einsum kernel (repeated labels in an input take a
diagonal, repeated labels in the output - which only gradients produce - fill one, `...` broadcasts)
and TensorFlow's gradient, which is itself made of einsums, reshapes, broadcasts and sums.

With more than two operands TensorFlow pairs them along opt_einsum's greedy path; tfshim takes the path
from NumPy's greedy `einsum_path` (the same algorithm) and builds the pairwise equations as opt_einsum
does, so the recorded ops and gradients have the same structure; a different pairing is possible for
ties, which only changes rounding.
"""

from __future__ import annotations

import collections
import re
from typing import Any

import numpy as np

from tfshim._engine.convert import convert_to_tensor
from tfshim._engine.errors import InvalidArgumentError, NotFoundError, kernel_error
from tfshim._engine.registry import execute, kernel, op_def
from tfshim._engine.tensor import EagerTensor
from tfshim.ops import _args

_EINSUM = op_def("Einsum")
_ELLIPSIS = "..."
_KERNEL_TYPES = {"int64", "int32", "float16", "float32", "float64", "complex64", "complex128", "bfloat16"}
_KERNEL_LINES = ("device='XLA_CPU_JIT'; T in [DT_FLOAT, DT_DOUBLE, DT_INT32, DT_COMPLEX64, DT_INT64, DT_BFLOAT16, "
                 "DT_COMPLEX128, DT_HALF, DT_UINT64]", "device='CPU'; T in [DT_INT64]", "device='CPU'; T in [DT_INT32]",
                 "device='CPU'; T in [DT_HALF]", "device='CPU'; T in [DT_FLOAT]", "device='CPU'; T in [DT_DOUBLE]",
                 "device='CPU'; T in [DT_COMPLEX64]", "device='CPU'; T in [DT_COMPLEX128]",
                 "device='CPU'; T in [DT_BFLOAT16]")


def einsum(equation: str, *inputs: Any, **kwargs: Any) -> EagerTensor:
    """`tf.einsum` (`tf.linalg.einsum`). `optimize` is accepted; the pairing of three or more operands
    follows NumPy's greedy path (see the module docstring)."""
    kwargs.pop("name", None)
    kwargs.pop("optimize", "greedy")
    if kwargs:
        raise TypeError(f'Invalid keyword arguments for einsum: {", ".join(kwargs)}. '
                        "Valid arguments: name, optimize, greedy.")
    inputs = list(inputs)
    shapes = []
    for operand in inputs:
        shape = operand.shape
        shapes.append(list(shape.as_list()) if hasattr(shape, "as_list") else list(shape))
    resolved, resolved_shapes, ellipsis_label = _parse_and_resolve(equation, shapes)
    if len(inputs) <= 2:
        if ellipsis_label:
            resolved = resolved.replace(ellipsis_label, _ELLIPSIS)
        return _einsum_op([_tensor(x) for x in inputs], resolved)
    tensors = [_tensor(x) for x in inputs]
    for indices, binary in _contraction_path(resolved, resolved_shapes):
        if ellipsis_label:
            binary = binary.replace(ellipsis_label, _ELLIPSIS)
        operands = [tensors.pop(i) for i in indices]
        tensors.append(_einsum_op(operands, binary))
    return tensors[0]


def _tensor(x: Any) -> EagerTensor:
    return x if type(x) is EagerTensor else convert_to_tensor(x)


def _parse_and_resolve(equation: str, input_shapes: list) -> tuple:
    """TensorFlow's _einsum_v2_parse_and_resolve_equation."""
    resolved = equation.replace(" ", "")
    ellipsis_label = None
    if _ELLIPSIS in equation:
        ellipsis_label = "0"
        if ellipsis_label in resolved:
            raise ValueError(f'Invalid character "{ellipsis_label}" in equation: {equation}.')
        resolved = resolved.replace(_ELLIPSIS, ellipsis_label)
    allowed = "a-zA-Z" + (ellipsis_label or "")
    match = re.match(f"^([{allowed},]*)(->[{allowed}]*)?$", resolved)
    if not match:
        raise ValueError(f"Subscripts have incorrect format: {resolved}")
    input_labels = match.group(1).split(",")
    output_labels = match.group(2)[2:] if match.group(2) else None
    if len(input_shapes) != len(input_labels):
        raise ValueError(f'Got {len(input_shapes)} inputs for equation "{equation}", expecting {len(input_labels)}')
    if "->" not in resolved:
        counts = collections.Counter(match.group(1))
        output_labels = "".join(x for x in sorted(counts) if x != "," and counts[x] == 1)
        resolved += "->" + output_labels
    if output_labels and len(set(output_labels)) != len(output_labels):
        raise ValueError(f"Output subscripts contain a label appearing more than once: {equation}")
    input_label_set = set(match.group(1))
    for label in output_labels:
        if label != ellipsis_label and label not in input_label_set:
            raise ValueError(f"Output subscripts contain the label {label} not present in the input subscripts.")
    if ellipsis_label and output_labels and output_labels.count(ellipsis_label) > 1:
        raise ValueError(f"Output subscripts contain multiple ellipsis: {equation}")
    if len(input_shapes) <= 2:
        return resolved, None, ellipsis_label
    label_to_dim: dict = collections.defaultdict(lambda: 1)
    for i, (labels, shape) in enumerate(zip(input_labels, input_shapes)):
        shape = list(shape)
        start = labels.find(ellipsis_label) if ellipsis_label else -1
        if start != -1:
            if start != labels.rfind(ellipsis_label):
                raise ValueError(f'Too many ellipses in input label {labels.replace(ellipsis_label, _ELLIPSIS)}.')
            if len(labels) > len(shape) + 1:
                raise ValueError(f"Too many named labels in {i}th subscript string of equation {equation} for "
                                 f"input shape {shape} ")
            end = start + len(shape) + 1 - len(labels)
            shape[start:end] = [int(np.prod([d for d in shape[start:end] if d], dtype=np.int64))]
        elif len(labels) != len(shape):
            raise ValueError(f"Number of named labels in input #{i} of equation {equation} must be equal to the "
                             f"number of dimensions in shape {shape}")
        for dim, label in zip(shape, labels):
            if dim is not None:
                label_to_dim[label] = max(label_to_dim[label], dim)
    return resolved, [[label_to_dim[label] for label in labels] for labels in input_labels], ellipsis_label


def _contraction_path(equation: str, shapes: list) -> list:
    """(operand positions, binary equation) per step, as opt_einsum's contract_path reports them."""
    inputs, output = equation.split("->")
    input_list = inputs.split(",")
    used = set(equation)
    spare = iter(c for c in "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ" if c not in used)
    rename = {"0": next(spare)} if "0" in equation else {}
    numpy_eq = "".join(rename.get(c, c) for c in equation)
    dummies = [np.empty(shape, dtype=np.int8) if shape else np.empty((), dtype=np.int8) for shape in shapes]
    path = np.einsum_path(numpy_eq, *dummies, optimize="greedy")[0][1:]
    steps = []
    for n, positions in enumerate(path):
        indices = tuple(sorted(positions, reverse=True))
        operands = [input_list.pop(i) for i in indices]
        if n == len(path) - 1:
            result = output
        else:
            remaining = set("".join(input_list) + output)
            joined = "".join(operands)
            kept = {c for c in set(joined) if c in remaining}
            result = "".join(sorted(kept, key=joined.find))
        input_list.append(result)
        steps.append((indices, ",".join(operands) + "->" + result))
    return steps


# -- the Einsum op -------------------------------------------------------------------------------
def _split_labels(subscripts: str) -> tuple:
    """(labels before the ellipsis, labels after it, whether there is one)."""
    if _ELLIPSIS in subscripts:
        before, after = subscripts.split(_ELLIPSIS)
        return before, after, True
    return subscripts, "", False


def _einsum_op(operands: list, equation: str) -> EagerTensor:
    """The Einsum kernel with TensorFlow's checks."""
    first = operands[0]._value.dtype
    for i in range(1, len(operands)):
        got = operands[i]._value.dtype
        if got != first:
            kname = "_MklEinsum" if first.name in ("float32", "bfloat16") else "Einsum"
            raise InvalidArgumentError(None, None, f"cannot compute {kname} as input #{i}(zero-based) was expected "
                                                   f"to be a {_args.kernel_name(first)} tensor but is a "
                                                   f"{_args.kernel_name(got)} tensor [Op:Einsum] name: ")
    if first.name not in _KERNEL_TYPES:
        lines = "\n".join(f"  {line}" for line in _KERNEL_LINES)
        type_name = _args.kernel_name(first).upper()
        raise NotFoundError(None, None, "Could not find device for node: {{node Einsum}} = "
                                        f"Einsum[N={len(operands)}, T=DT_{type_name}, equation=\"{equation}\"]\n"
                                        f"All kernels registered for op Einsum:\n{lines}\n [Op:Einsum] name: ")
    ins, out = equation.split("->")
    in_subs = ins.split(",")
    values = [x._value for x in operands]
    label_dims: dict = {}
    batch_shapes = []
    for i, (subs, v) in enumerate(zip(in_subs, values)):
        before, after, has_ellipsis = _split_labels(subs)
        named = len(before) + len(after)
        if not has_ellipsis and v.ndim != named:
            raise kernel_error("Einsum", f"Expected input {i} to have rank {named} but got: {v.ndim}")
        if has_ellipsis and v.ndim < named:
            raise kernel_error("Einsum", f"Expected input {i} to have rank at least {named} but got: {v.ndim}")
        axes = list(range(len(before))) + list(range(v.ndim - len(after), v.ndim))
        for label, axis in zip(before + after, axes):
            dim = v.shape[axis]
            if label in label_dims and label_dims[label] != dim:
                raise kernel_error("Einsum", f"Expected dimension {label_dims[label]} at axis {axis} of the input "
                                             f"shaped {_args.shape_text(v.shape)} but got dimension {dim}")
            label_dims.setdefault(label, dim)
        batch_shapes.append(v.shape[len(before):v.ndim - len(after)] if has_ellipsis else ())
    try:
        broadcast = np.broadcast_shapes(*batch_shapes)
    except ValueError:
        raise kernel_error("Einsum", "Expected input batch dimensions to be broadcastable: "
                                     + ", ".join(_args.shape_text(s) for s in batch_shapes)) from None
    if broadcast and _ELLIPSIS not in out:
        raise kernel_error("Einsum", f"Output contains {len(broadcast)} broadcasting dimension(s) but no ellipsis "
                                     "(...) was found in the output subscripts.")
    value = kernel(_einsum_kernel, values, in_subs, out, label_dims, broadcast)
    return execute(_EINSUM, tuple(operands), value, {"equation": equation})


def _einsum_kernel(values: list, in_subs: list, out: str, label_dims: dict, broadcast: tuple) -> Any:
    dtype = values[0].dtype
    wide = [v.astype(np.float32) for v in values] if dtype.name == "bfloat16" else values
    before, after, has_ellipsis = _split_labels(out)
    unique_before = list(dict.fromkeys(before))
    unique_after = [c for c in dict.fromkeys(after) if c not in unique_before]
    np_out = "".join(unique_before) + (_ELLIPSIS if has_ellipsis else "") + "".join(unique_after)
    plain = all(len(set(s.replace(_ELLIPSIS, ""))) == len(s.replace(_ELLIPSIS, "")) for s in in_subs)
    result = np.einsum(",".join(in_subs) + "->" + np_out, *wide, optimize=len(values) == 2 and plain)
    result = np.asarray(result).astype(dtype, copy=False)
    if len(unique_before) + len(unique_after) == len(before) + len(after):
        return result[()] if result.ndim == 0 else result
    # a label repeated in the output: place the values on that diagonal, zeros elsewhere
    nb = len(broadcast) if has_ellipsis else 0
    axis = {c: i for i, c in enumerate(unique_before)}
    axis.update({c: len(unique_before) + nb + j for j, c in enumerate(unique_after)})
    grids = np.indices(result.shape, sparse=True)
    index = [grids[axis[c]] for c in before] + [grids[len(unique_before) + k] for k in range(nb)] + \
        [grids[axis[c]] for c in after]
    shape = [label_dims[c] for c in before] + list(broadcast if has_ellipsis else ()) + [label_dims[c] for c in after]
    inflated = np.zeros(shape, dtype)
    inflated[tuple(index)] = result
    return inflated


# -- gradient ------------------------------------------------------------------------------------
def _axis_from_label(subscripts: str, label: str) -> int | None:
    splits = subscripts.split(_ELLIPSIS)
    index = splits[0].find(label)
    if index != -1:
        return index
    if len(splits) < 2:
        return None
    index = splits[1].find(label)
    if index != -1:
        return index - len(splits[1])
    return None


def _bcast_subshape(subscripts: str) -> tuple:
    start = subscripts.find(_ELLIPSIS)
    if start == -1:
        return 0, 0
    remaining = len(subscripts) - (start + len(_ELLIPSIS))
    return start, (-remaining if remaining > 0 else None)


def _reduced_subscripts(reduced_label_set: set, input_shape: tuple, subscripts: str) -> tuple:
    reduced_subs = "".join(sorted(reduced_label_set))
    reduced_axes = [_axis_from_label(subscripts, s) for s in reduced_subs]
    reduced_dims = [input_shape[ax] for ax in reduced_axes]
    return reduced_subs, reduced_dims, reduced_axes


def _grad_reduced(output_grad: EagerTensor, output_subs: str, input_subs: str, input_shape: tuple,
                  reduced_label_set: set) -> EagerTensor:
    from tfshim.ops.shape_ops import broadcast_to, reshape

    reduced_subs, reduced_dims, reduced_axes = _reduced_subscripts(reduced_label_set, input_shape, input_subs)
    has_repeated = len(set(input_subs)) + len(set(output_subs)) < len(input_subs) + len(output_subs)
    input_subs_without_reduced = "".join(s for s in input_subs if s not in reduced_label_set)
    if not has_repeated and input_subs_without_reduced == output_subs:
        rank = len(input_shape)
        reduced_shape = list(input_shape)
        for ax in reduced_axes:
            reduced_shape[ax % rank] = 1
        return broadcast_to(reshape(output_grad, reduced_shape), list(input_shape))
    grad_shape_with_reduced = list(reduced_dims) + list(output_grad._value.shape)
    reduced_shape = [1] * len(reduced_label_set) + list(output_grad._value.shape)
    broadcasted = broadcast_to(reshape(output_grad, reduced_shape), grad_shape_with_reduced)
    return _einsum_op([broadcasted], f"{reduced_subs + output_subs}->{input_subs}")


def _grad_wrt(output_grad: EagerTensor, other: EagerTensor, input_shape: tuple, input_subs: str, other_subs: str,
              output_subs: str) -> EagerTensor:
    reduced_label_set = set(input_subs).difference(set(output_subs + other_subs + "."))
    left_subs = "".join(s for s in input_subs if s not in reduced_label_set)
    grad_reduced = _einsum_op([output_grad, other], f"{output_subs},{other_subs}->{left_subs}")
    if not reduced_label_set:
        return grad_reduced
    return _grad_reduced(grad_reduced, left_subs, input_subs, input_shape, reduced_label_set)


def _broadcast_gradient_args(sx: tuple, sy: tuple) -> tuple:
    """BroadcastGradientArgs: the axes of the broadcast shape along which each input was broadcast."""
    rank = max(len(sx), len(sy))
    px = (1,) * (rank - len(sx)) + tuple(sx)
    py = (1,) * (rank - len(sy)) + tuple(sy)
    rx = [i for i in range(rank) if px[i] == 1 and (py[i] != 1 or i < rank - len(sx))]
    ry = [i for i in range(rank) if py[i] == 1 and (px[i] != 1 or i < rank - len(sy))]
    return rx, ry


@_EINSUM.gradient
def _einsum_grad(op: Any, grad: Any) -> Any:
    from tfshim.ops.complex_ops import conj
    from tfshim.ops.reductions import reduce_sum
    from tfshim.ops.shape_ops import reshape

    equation = op.attrs["equation"]
    input_subs, output_subs = equation.split("->")
    if len(op.inputs) == 1:
        input_shape = op.inputs[0]._value.shape
        reduced_label_set = set(input_subs).difference(set(output_subs + _ELLIPSIS))
        if not reduced_label_set:
            return _einsum_op([grad], f"{output_subs}->{input_subs}")
        return _grad_reduced(grad, output_subs, input_subs, input_shape, reduced_label_set)
    x_subs, y_subs = input_subs.split(",")
    if _ELLIPSIS in output_subs:
        if _ELLIPSIS not in x_subs:
            x_subs += _ELLIPSIS
        if _ELLIPSIS not in y_subs:
            y_subs += _ELLIPSIS
    x, y = op.inputs[0], op.inputs[1]
    if grad._value.dtype.kind == "c":
        x = conj(x)
        y = conj(y)
    x_shape, y_shape = x._value.shape, y._value.shape
    grad_x = _grad_wrt(grad, y, x_shape, x_subs, y_subs, output_subs)
    grad_y = _grad_wrt(grad, x, y_shape, y_subs, x_subs, output_subs)
    if _ELLIPSIS not in output_subs:
        return grad_x, grad_y
    bx_start, bx_end = _bcast_subshape(x_subs)
    by_start, by_end = _bcast_subshape(y_subs)
    if x_shape[bx_start:bx_end] == y_shape[by_start:by_end]:
        return grad_x, grad_y
    rx, ry = _broadcast_gradient_args(x_shape[bx_start:bx_end], y_shape[by_start:by_end])
    grad_x = reshape(reduce_sum(grad_x, [bx_start + r for r in rx]), list(x_shape))
    grad_y = reshape(reduce_sum(grad_y, [by_start + r for r in ry]), list(y_shape))
    return grad_x, grad_y
