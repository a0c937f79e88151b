"""Cumulative scans along one axis: cumsum, cumprod and cumulative_logsumexp, each optionally
exclusive (the running result before each element) and reversed. Gradients follow TensorFlow's
math_grad.py: a cumsum's gradient is the opposite-direction cumsum of the upstream, a cumprod's is
built from a cumsum of products divided (div_no_nan) by the input.

Like TensorFlow's kernels, a scan starts from its identity (0, 1 or -inf), so a cumsum never
yields -0.0, and cumulative_logsumexp combines neighbours as `max + log1p(exp(min - max))` with
C++'s max/min (a NaN can therefore be skipped or absorbed exactly where TensorFlow's is).
"""

from __future__ import annotations

from typing import Any

import numpy as np

from tfshim._engine.errors import kernel_error
from tfshim._engine.registry import OpDef, execute, kernel, op_def
from tfshim._engine.tensor import EagerTensor
from tfshim.ops import _args
from tfshim.ops.reductions import _is_sequence, check_dtype, int_input

_CUMSUM = op_def("Cumsum")
_CUMPROD = op_def("Cumprod")
_CUMULATIVE_LOGSUMEXP = op_def("CumulativeLogsumexp")


def bool_attr(value: Any, arg_name: str) -> bool:
    """TF's check of a bool op attribute (`exclusive`, `reverse`, `sorted`)."""
    if type(value) is not bool:
        raise TypeError(f"Expected bool for argument '{arg_name}' not {value!r}.")
    return value


def _scan(op: OpDef, fn: Any, x: Any, axis: Any, exclusive: Any, reverse: Any, name: Any) -> EagerTensor:
    exclusive = bool_attr(exclusive, "exclusive")
    reverse = bool_attr(reverse, "reverse")
    x = _args.tensor(x)
    error_name = None if _is_sequence(axis) else (name or "")
    check_dtype(op, x, error_name)
    if type(axis) is int and -2147483648 <= axis < 2147483648:
        a = axis
    else:
        t = int_input(op, axis, "Tidx", error_name)
        if t._value.ndim != 0:
            raise kernel_error(op.name, f"ScanOp: axis must be a scalar, not {_args.shape_text(t._value.shape)}",
                               name=error_name)
        a = int(t._value)
    rank = x._value.ndim
    if a < 0:
        a += rank
    if a < 0 or a >= rank:
        raise kernel_error(op.name, f"ScanOp: Expected scan axis in the range [{-rank}, {rank}), but got {a}",
                           name=error_name)
    value = kernel(fn, x._value, a, exclusive, reverse)
    return execute(op, (x,), value, {"axis": a, "exclusive": exclusive, "reverse": reverse})


def _shifted(out: np.ndarray, axis: int, identity: Any) -> np.ndarray:
    """The exclusive form of an inclusive scan: the identity, then all but the last result."""
    if out.shape[axis] == 0:
        return out
    first = np.full((*out.shape[:axis], 1, *out.shape[axis + 1:]), identity, dtype=out.dtype)
    rest = np.take(out, np.arange(out.shape[axis] - 1), axis=axis)
    return np.concatenate([first, rest], axis=axis)


def _np_cumsum(value: np.ndarray, axis: int, exclusive: bool, reverse: bool) -> np.ndarray:
    v = np.flip(value, axis) if reverse else value
    out = np.cumsum(v, axis=axis, dtype=value.dtype)
    if value.dtype.kind in "fc" or value.dtype.kind == "V":
        out = np.add(out, np.zeros((), value.dtype))  # the scan starts from +0: no -0.0 results
    if exclusive:
        out = _shifted(out, axis, 0)
    return np.flip(out, axis) if reverse else out


def _np_cumprod(value: np.ndarray, axis: int, exclusive: bool, reverse: bool) -> np.ndarray:
    v = np.flip(value, axis) if reverse else value
    out = np.cumprod(v, axis=axis, dtype=value.dtype)
    if exclusive:
        out = _shifted(out, axis, 1)
    return np.flip(out, axis) if reverse else out


def _log_add_exp(acc: np.ndarray, x: np.ndarray, lowest: Any) -> np.ndarray:
    """TF's LogSumExp combiner, with C++ max/min (a NaN compares false either way). Each step is
    computed in float64 and rounded to the input dtype, as accurate as TF's per-op float math."""
    dtype = acc.dtype
    high = np.where(acc < x, x, acc)
    low = np.where(x < acc, x, acc)
    diff = np.subtract(low, high)
    grown = np.log1p(np.exp(diff.astype(np.float64)).astype(dtype).astype(np.float64)).astype(dtype)
    combined = np.add(grown, high)
    return np.where(high < lowest, high, combined)


def _np_cumulative_logsumexp(value: np.ndarray, axis: int, exclusive: bool, reverse: bool) -> np.ndarray:
    moved = np.moveaxis(value, axis, 0)
    if reverse:
        moved = moved[::-1]
    dtype = value.dtype
    lowest = dtype.type(np.finfo(np.float32).min) if dtype.kind == "V" else np.finfo(dtype).min
    acc = np.full(moved.shape[1:], -np.inf, dtype=dtype)
    out = np.empty_like(moved)
    for i in range(moved.shape[0]):
        if exclusive:
            out[i] = acc
            acc = _log_add_exp(acc, moved[i], lowest).astype(dtype, copy=False)
        else:
            acc = _log_add_exp(acc, moved[i], lowest).astype(dtype, copy=False)
            out[i] = acc
    if reverse:
        out = out[::-1]
    return np.moveaxis(out, 0, axis)


def cumsum(x: Any, axis: Any = 0, exclusive: bool = False, reverse: bool = False, name: Any = None) -> EagerTensor:
    """`tf.math.cumsum`."""
    return _scan(_CUMSUM, _np_cumsum, x, axis, exclusive, reverse, name)


@_CUMSUM.gradient
def _cumsum_grad(op: Any, grad: Any) -> Any:
    attrs = op.attrs
    return cumsum(grad, attrs["axis"], exclusive=attrs["exclusive"], reverse=not attrs["reverse"])


def cumprod(x: Any, axis: Any = 0, exclusive: bool = False, reverse: bool = False, name: Any = None) -> EagerTensor:
    """`tf.math.cumprod`."""
    return _scan(_CUMPROD, _np_cumprod, x, axis, exclusive, reverse, name)


@_CUMPROD.gradient
def _cumprod_grad(op: Any, grad: Any) -> Any:
    from tfshim.ops.arithmetic import div_no_nan, multiply

    x = op.inputs[0]
    attrs = op.attrs
    axis, exclusive, reverse = attrs["axis"], attrs["exclusive"], attrs["reverse"]
    prod = cumprod(x, axis, exclusive=exclusive, reverse=reverse)
    out = cumsum(multiply(prod, grad), axis, exclusive=exclusive, reverse=not reverse)
    return div_no_nan(out, x)


def cumulative_logsumexp(x: Any, axis: Any = 0, exclusive: bool = False, reverse: bool = False,
                         name: Any = None) -> EagerTensor:
    """`tf.math.cumulative_logsumexp`: log(cumsum(exp(x))), computed stably."""
    return _scan(_CUMULATIVE_LOGSUMEXP, _np_cumulative_logsumexp, x, axis, exclusive, reverse, name)


@_CUMULATIVE_LOGSUMEXP.gradient
def _cumulative_logsumexp_grad(op: Any, grad: Any) -> Any:
    from tfshim.ops.arithmetic import add, negative, subtract
    from tfshim.ops.comparison import greater, less
    from tfshim.ops.selection import where
    from tfshim.ops.unary_math import exp, log

    x, result = op.inputs[0], op.outputs[0]
    attrs = op.attrs
    axis, exclusive, reverse = attrs["axis"], attrs["exclusive"], attrs["reverse"]
    lowest = float(grad.dtype.min)
    # the upstream split into its positive and negative parts, so that each can be taken in logs
    log_grad_positive = where(greater(grad, 0), log(grad), lowest)
    log_grad_negative = where(less(grad, 0), log(negative(grad)), lowest)
    output_pos = exp(add(cumulative_logsumexp(subtract(log_grad_positive, result), axis=axis,
                                              reverse=not reverse, exclusive=exclusive), x))
    output_neg = exp(add(cumulative_logsumexp(subtract(log_grad_negative, result), axis=axis,
                                              reverse=not reverse, exclusive=exclusive), x))
    return subtract(output_pos, output_neg)
