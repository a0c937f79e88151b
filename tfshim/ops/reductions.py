"""Reductions over axes: sum and mean here (the core), with TensorFlow's gradient structure: the
upstream is reshaped to the kept-dims shape and broadcast back over the input's shape."""

from __future__ import annotations

from typing import Any

import numpy as np

from tfshim._engine.errors import kernel_error
from tfshim._engine.registry import execute, kernel, op_def
from tfshim._engine.tensor import EagerTensor
from tfshim.ops import _args

_SUM = op_def("Sum")
_MEAN = op_def("Mean")


def reduction_axes(op: Any, x: EagerTensor, axis: Any) -> tuple:
    """Normalises `axis` (None, int, list, tensor) to sorted non-negative axes, with TF's errors."""
    rank = x._value.ndim
    if axis is None:
        return tuple(range(rank))
    axes = _args.axis_list(axis)
    axes = [axes] if isinstance(axes, int) else axes
    out = []
    for a in axes:
        if a < -max(rank, 1) or a >= max(rank, 1):
            raise kernel_error(op.name, f"Invalid reduction dimension ({a} for input with {rank} dimension(s)")
        a = a % rank if rank else 0
        if a in out:
            raise kernel_error(op.name, f"Axes contains duplicate dimension: {a}")
        out.append(a)
    return tuple(sorted(out))


def _reduce(op: Any, fn: Any, input_tensor: Any, axis: Any, keepdims: bool, allowed_check: bool = True) -> EagerTensor:
    x = _args.tensor(input_tensor)
    if allowed_check:
        _args.check(op, x)
    axes = reduction_axes(op, x, axis)
    value = kernel(fn, x._value, axes, keepdims)
    return execute(op, (x,), value, {"axes": axes, "keepdims": bool(keepdims)})


def _np_sum(value: np.ndarray, axes: tuple, keepdims: bool) -> Any:
    out = np.sum(value, axis=axes, keepdims=keepdims)
    return out.astype(value.dtype, copy=False) if out.dtype != value.dtype else out


def reduce_sum(input_tensor: Any, axis: Any = None, keepdims: bool = False, name: Any = None) -> EagerTensor:
    """`tf.math.reduce_sum`."""
    return _reduce(_SUM, _np_sum, input_tensor, axis, keepdims)


def kept_dims_shape(shape: tuple, axes: tuple) -> tuple:
    """The shape a reduction over `axes` has with keepdims=True."""
    return tuple(1 if i in axes else d for i, d in enumerate(shape))


def _sum_grad_value(op: Any, grad: Any) -> EagerTensor:
    from tfshim.ops.shape_ops import broadcast_to, reshape

    shape = op.inputs[0]._value.shape
    axes = op.attrs["axes"]
    grad = reshape(grad, kept_dims_shape(shape, axes))
    return broadcast_to(grad, shape)


@_SUM.gradient
def _sum_grad(op: Any, grad: Any) -> Any:
    return _sum_grad_value(op, grad)


def _np_mean(value: np.ndarray, axes: tuple, keepdims: bool) -> Any:
    if value.dtype.kind in "iu":
        count = 1
        for a in axes:
            count *= value.shape[a]
        total = np.sum(value, axis=axes, keepdims=keepdims, dtype=value.dtype)
        if count == 0:
            return total
        # integer mean truncates toward zero, as C division does
        return (np.sign(total) * (np.abs(total) // count)).astype(value.dtype)
    out = np.mean(value, axis=axes, keepdims=keepdims)
    return out.astype(value.dtype, copy=False) if out.dtype != value.dtype else out


def reduce_mean(input_tensor: Any, axis: Any = None, keepdims: bool = False, name: Any = None) -> EagerTensor:
    """`tf.math.reduce_mean`. Integer inputs give an integer (truncated) mean."""
    return _reduce(_MEAN, _np_mean, input_tensor, axis, keepdims)


@_MEAN.gradient
def _mean_grad(op: Any, grad: Any) -> Any:
    from tfshim.ops.arithmetic import truediv

    sum_grad = _sum_grad_value(op, grad)
    in_size = int(np.prod(op.inputs[0]._value.shape, dtype=np.int64))
    out_size = int(np.prod(op.outputs[0]._value.shape, dtype=np.int64))
    factor = EagerTensor(np.asarray(in_size // max(out_size, 1)).astype(sum_grad._value.dtype)[()])
    return truediv(sum_grad, factor)
