"""Matrix products: MatMul for two matrices, BatchMatMulV2 when either side has batch dimensions
(which broadcast). Gradients follow TensorFlow's formulas for each transpose/adjoint combination."""

from __future__ import annotations

from typing import Any

import numpy as np

from tfshim._engine import backprop
from tfshim._engine.errors import InvalidArgumentError, kernel_error
from tfshim._engine.registry import execute, kernel, op_def
from tfshim._engine.tensor import EagerTensor
from tfshim.ops import _args

_MATMUL = op_def("MatMul")
_BATCH_MATMUL = op_def("BatchMatMulV2")
_MKL = "__MklMatMul"  # the kernel name TF's CPU build prints for MatMul errors


def matmul(a: Any, b: Any, transpose_a: bool = False, transpose_b: bool = False, adjoint_a: bool = False,
           adjoint_b: bool = False, a_is_sparse: bool = False, b_is_sparse: bool = False,
           output_type: Any = None, grad_a: bool = False, grad_b: bool = False, name: Any = None) -> EagerTensor:
    """`tf.linalg.matmul` (`@`). `output_type` is not supported (differs from TF: raises)."""
    from tfshim.ops.complex_ops import conj

    if transpose_a and adjoint_a:
        raise ValueError("Only one of `transpose_a` and `adjoint_a` can be True. Received "
                         f"`transpose_a`={transpose_a}, `adjoint_a`={adjoint_a}.")
    if transpose_b and adjoint_b:
        raise ValueError("Only one of `transpose_b` and `adjoint_b` can be True. Received "
                         f"`transpose_b`={transpose_b}, `adjoint_b`={adjoint_b}.")
    a, b = _args.hinted(_MATMUL, a, b) if type(a) is not EagerTensor or type(b) is not EagerTensor \
        else (a, b)
    if a._value.ndim > 2 or b._value.ndim > 2:
        if transpose_a:
            a, adjoint_a = conj(a), True
        if transpose_b:
            b, adjoint_b = conj(b), True
        return _batch_matmul(a, b, bool(adjoint_a), bool(adjoint_b))
    if adjoint_a:
        a, transpose_a = conj(a), True
    if adjoint_b:
        b, transpose_b = conj(b), True
    return _matmul(a, b, bool(transpose_a), bool(transpose_b))


def _matmul(a: EagerTensor, b: EagerTensor, transpose_a: bool, transpose_b: bool) -> EagerTensor:
    _args.same_dtype(_MATMUL, (a, b))
    av, bv = a._value, b._value
    for i, v in enumerate((av, bv)):
        if v.ndim < 2:
            raise InvalidArgumentError(None, None, _kernel_message(f"In[{i}] ndims must be >= 2"))
    inner_a = av.shape[0] if transpose_a else av.shape[1]
    inner_b = bv.shape[1] if transpose_b else bv.shape[0]
    if inner_a != inner_b:
        raise InvalidArgumentError(None, None, _kernel_message(
            f"Matrix size-incompatible: In[0]: {_args.shape_text(av.shape)}, In[1]: {_args.shape_text(bv.shape)}"))
    value = kernel(np.matmul, av.T if transpose_a else av, bv.T if transpose_b else bv)
    return execute(_MATMUL, (a, b), value, {"transpose_a": transpose_a, "transpose_b": transpose_b})


def _kernel_message(detail: str) -> str:
    return kernel_error(_MKL, detail).message.replace(f"[Op:{_MKL}]", "[Op:MatMul]")


@_MATMUL.gradient
def _matmul_grad(op: Any, grad: Any) -> tuple:
    from tfshim.ops.complex_ops import conj

    t_a, t_b = op.attrs["transpose_a"], op.attrs["transpose_b"]
    a, b = conj(op.inputs[0]), conj(op.inputs[1])
    skip = op.skip_input_indices
    # (left, right, transpose_left, transpose_right) for each input's gradient, per TF's table
    if not t_a and not t_b:
        rule_a, rule_b = (grad, b, False, True), (a, grad, True, False)
    elif not t_a and t_b:
        rule_a, rule_b = (grad, b, False, False), (grad, a, True, False)
    elif t_a and not t_b:
        rule_a, rule_b = (b, grad, False, True), (a, grad, False, False)
    else:
        rule_a, rule_b = (b, grad, True, True), (grad, a, True, True)
    return (None if 0 in skip else _matmul(*rule_a)), (None if 1 in skip else _matmul(*rule_b))


def _batch_matmul(x: EagerTensor, y: EagerTensor, adj_x: bool, adj_y: bool) -> EagerTensor:
    _args.same_dtype(_BATCH_MATMUL, (x, y))
    xv, yv = x._value, y._value
    for i, v in enumerate((xv, yv)):
        if v.ndim < 2:
            raise kernel_error("BatchMatMulV2", f"In[{i}] ndims must be >= 2")
    try:
        batch = np.broadcast_shapes(xv.shape[:-2], yv.shape[:-2])
    except ValueError:
        raise kernel_error("BatchMatMulV2", "In[0] and In[1] must have compatible batch dimensions: "
                                            f"{_args.shape_text(xv.shape)} vs. {_args.shape_text(yv.shape)}") from None
    xm = np.conj(np.swapaxes(xv, -1, -2)) if adj_x else xv
    ym = np.conj(np.swapaxes(yv, -1, -2)) if adj_y else yv
    if xm.shape[-1] != ym.shape[-2]:
        raise kernel_error("BatchMatMulV2", "Matrix size-incompatible: In[0]: "
                                            f"{_args.shape_text(xv.shape)}, In[1]: {_args.shape_text(yv.shape)}")
    del batch
    value = kernel(np.matmul, xm, ym)
    return execute(_BATCH_MATMUL, (x, y), value, {"adj_x": adj_x, "adj_y": adj_y})


@_BATCH_MATMUL.gradient
def _batch_matmul_grad(op: Any, grad: Any) -> tuple:
    x, y = op.inputs
    adj_x, adj_y = op.attrs["adj_x"], op.attrs["adj_y"]
    if not adj_x:
        if not adj_y:
            gx, gy = matmul(grad, y, adjoint_b=True), matmul(x, grad, adjoint_a=True)
        else:
            gx, gy = matmul(grad, y), matmul(grad, x, adjoint_a=True)
    else:
        if not adj_y:
            gx, gy = matmul(y, grad, adjoint_b=True), matmul(x, grad)
        else:
            gx, gy = matmul(y, grad, adjoint_a=True, adjoint_b=True), matmul(grad, x, adjoint_a=True, adjoint_b=True)
    if x._value.shape[:-2] == y._value.shape[:-2]:
        return gx, gy
    return (backprop.sum_to_shape(gx, x._value.shape, gx._value.shape),
            backprop.sum_to_shape(gy, y._value.shape, gy._value.shape))
