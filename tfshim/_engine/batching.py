"""Running a gradient rule on a batch of upstream gradients at once (for Jacobians).

In a batched backward walk every gradient has a leading dimension B. An op's rule can serve the
batch in one of three ways:

* elementwise rules (declared batch-safe below) are called unchanged: NumPy broadcasting carries the
  extra leading dimension through them, and the engine then sums broadcast axes back per input while
  keeping the batch axis;
* ops whose rules reshape, transpose or reduce have a dedicated batch rule (tfshim.ops.batch_rules);
* any other op falls back to calling its rule once per batch row and stacking the results, which is
  always correct, only slower.

All three compute with tfshim ops, so an outer tape can still differentiate a Jacobian.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from tfshim._engine import vspace
from tfshim._engine.indexed_slices import IndexedSlices
from tfshim._engine.tensor import EagerTensor

# Ops whose gradient rules are elementwise in the upstream gradient (they broadcast over a batch axis).
BATCH_SAFE = frozenset("""
Abs Acos Acosh AddN AddV2 Angle Asin Asinh Atan Atan2 Atanh Cast ComplexAbs Conj Cos Cosh Digamma DivNoNan Elu
EluGrad Erf Erfc Exp Expm1 Floor FloorDiv FloorMod Identity Imag Inv Lgamma Log Log1p LeakyRelu LeakyReluGrad
BroadcastTo Maximum Minimum Mul MulNoNan Neg Pow ReadVariableOp Real RealDiv Reciprocal ReciprocalGrad Relu Relu6
Relu6Grad ReluGrad Rsqrt RsqrtGrad Selu SeluGrad SelectV2 Sigmoid SigmoidGrad Sign Sin Sinh Softplus SoftplusGrad
Softsign SoftsignGrad Sqrt SqrtGrad Square SquaredDifference Sub Tan Tanh TanhGrad Xdivy Xlog1py Xlogy
""".split())

# op name -> rule(op, *batched_output_grads, batch=B) returning per-input batched gradients
BATCH_RULES: dict[str, Callable[..., Any]] = {}


def register_batch_rule(*op_names: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    def decorate(fn: Callable[..., Any]) -> Callable[..., Any]:
        for name in op_names:
            BATCH_RULES[name] = fn
        return fn

    return decorate


def _dense(g: Any) -> Any:
    return vspace.ops.convert(g) if isinstance(g, IndexedSlices) else g


def _lift(g: Any, shape: tuple, batch: int) -> Any:
    """A rule result without the batch axis does not depend on the upstream: broadcast it."""
    if g is None or type(g) is not EagerTensor:
        return g
    if g._value.ndim < len(shape) + 1:
        return vspace.ops.broadcast_to(g, (batch, *shape))
    return g


def call_batched(rec: Any, out_grads: list, batch: int) -> tuple:
    """The batched counterpart of backprop.call_gradient."""
    from tfshim._engine.backprop import call_gradient

    name = rec.op_def.name
    rule = BATCH_RULES.get(name)
    if rule is not None:
        return tuple(rule(rec, *out_grads, batch=batch))
    if name in BATCH_SAFE:
        grad_fn = rec.op_def.grad_fn
        in_grads = grad_fn(rec, *out_grads)
        if type(in_grads) is not tuple:
            in_grads = tuple(in_grads) if type(in_grads) is list else (in_grads,)
        result = []
        out_shape = tuple(rec.outputs[0]._value.shape)
        for g, x in zip(in_grads, rec.inputs):
            shape = tuple(x._value.shape)
            g = _lift(_dense(g), shape, batch)
            if rec.op_def.broadcasting:
                g = sum_batched(g, shape, out_shape, batch)
            result.append(g)
        return tuple(result)
    return _row_by_row(rec, out_grads, batch, call_gradient)


def sum_batched(g: Any, shape: tuple, out_shape: tuple, batch: int) -> Any:
    """Undo broadcasting of an input of `shape` to `out_shape`, on a gradient with a batch axis."""
    from tfshim._engine.backprop import broadcast_reduction_axes

    if g is None or type(g) is not EagerTensor or g._value.shape == (batch, *shape):
        return g
    inner = tuple(g._value.shape[1:])
    axes = broadcast_reduction_axes(shape, inner) if len(inner) >= len(shape) else ()
    summed = vspace.ops.reduce_sum(g, tuple(a + 1 for a in axes)) if axes else g
    return vspace.ops.reshape(summed, (batch, *shape))


def _row_by_row(rec: Any, out_grads: list, batch: int, call_gradient: Callable[..., Any]) -> tuple:
    rows: list[list] = [[] for _ in rec.inputs]
    for b in range(batch):
        sliced = [None if g is None else vspace.ops.gather_row(_dense(g), b) for g in out_grads]
        for column, g in zip(rows, call_gradient(rec, sliced)):
            column.append(_dense(g))
    result = []
    for x, column in zip(rec.inputs, rows):
        if all(g is None for g in column):
            result.append(None)
            continue
        zeros = None
        filled = []
        for g in column:
            if g is None:
                if zeros is None:
                    zeros = EagerTensor(_zeros_of(x))
                g = zeros
            filled.append(g)
        result.append(vspace.ops.stack(filled, 0))
    return tuple(result)


def _zeros_of(x: Any) -> Any:
    import numpy as np

    value = x._value
    return np.zeros(np.shape(value), dtype=value.dtype)
