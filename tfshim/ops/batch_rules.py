"""Batch rules: gradient rules for a whole batch of upstream gradients (leading axis B), for the ops
whose ordinary rules reshape, transpose, reduce or multiply matrices and so would not carry the extra
axis. Each mirrors the op's ordinary rule; see tfshim/_engine/batching.py for how they are used."""

from __future__ import annotations

from typing import Any

import numpy as np

from tfshim._engine.batching import register_batch_rule, sum_batched
from tfshim._engine.tensor import EagerTensor
from tfshim.ops import shape_ops


@register_batch_rule("Reshape", "ExpandDims", "Squeeze")
def _reshape_like(op: Any, grad: Any, batch: int) -> tuple:
    return (shape_ops.reshape(grad, (batch, *op.inputs[0]._value.shape)),) + (None,) * (len(op.inputs) - 1)


@register_batch_rule("Transpose")
def _transpose(op: Any, grad: Any, batch: int) -> tuple:
    inverse = tuple(int(i) + 1 for i in np.argsort(op.attrs["perm"]))
    return (shape_ops.transpose(grad, (0, *inverse)),) + (None,) * (len(op.inputs) - 1)


def _sum_back(op: Any, grad: Any, batch: int) -> EagerTensor:
    from tfshim.ops.reductions import kept_dims_shape

    shape = tuple(op.inputs[0]._value.shape)
    kept = kept_dims_shape(shape, op.attrs["axes"])
    return shape_ops.broadcast_to(shape_ops.reshape(grad, (batch, *kept)), (batch, *shape))


@register_batch_rule("Sum")
def _sum(op: Any, grad: Any, batch: int) -> tuple:
    return (_sum_back(op, grad, batch),) + (None,) * (len(op.inputs) - 1)


@register_batch_rule("Mean")
def _mean(op: Any, grad: Any, batch: int) -> tuple:
    from tfshim.ops.arithmetic import truediv

    summed = _sum_back(op, grad, batch)
    in_size = int(np.prod(op.inputs[0]._value.shape, dtype=np.int64))
    out_size = int(np.prod(op.outputs[0]._value.shape, dtype=np.int64))
    factor = EagerTensor(np.asarray(in_size // max(out_size, 1)).astype(summed._value.dtype)[()])
    return (truediv(summed, factor),) + (None,) * (len(op.inputs) - 1)


@register_batch_rule("MatMul")
def _matmul(op: Any, grad: Any, batch: int) -> tuple:
    from tfshim.ops.matmul import matmul, matmul_grad_products

    rule_a, rule_b = matmul_grad_products(op, grad)
    skip = op.skip_input_indices
    ga = None if 0 in skip else matmul(rule_a[0], rule_a[1], transpose_a=rule_a[2], transpose_b=rule_a[3])
    gb = None if 1 in skip else matmul(rule_b[0], rule_b[1], transpose_a=rule_b[2], transpose_b=rule_b[3])
    return ga, gb


@register_batch_rule("BatchMatMulV2")
def _batch_matmul(op: Any, grad: Any, batch: int) -> tuple:
    from tfshim.ops.matmul import matmul

    x, y = op.inputs
    adj_x, adj_y = op.attrs["adj_x"], op.attrs["adj_y"]
    if not adj_x:
        gx, gy = (matmul(grad, y, adjoint_b=True), matmul(x, grad, adjoint_a=True)) if not adj_y else \
            (matmul(grad, y), matmul(grad, x, adjoint_a=True))
    else:
        gx, gy = (matmul(y, grad, adjoint_b=True), matmul(x, grad)) if not adj_y else \
            (matmul(y, grad, adjoint_a=True, adjoint_b=True), matmul(grad, x, adjoint_a=True, adjoint_b=True))
    return (sum_batched(gx, tuple(x._value.shape), tuple(gx._value.shape[1:]), batch),
            sum_batched(gy, tuple(y._value.shape), tuple(gy._value.shape[1:]), batch))
