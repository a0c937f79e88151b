"""Matrix products: MatMul for two matrices, BatchMatMulV2 when either side has batch dimensions
(which broadcast), BatchMatMulV3 when `output_type` asks for another dtype. Gradients follow
TensorFlow's formulas for each transpose/adjoint combination.

Error texts follow TensorFlow's x86 build, where float32 and bfloat16 products run in oneDNN kernels
(`_MklMatMul`, `_MklBatchMatMulV2`) whose names appear in dtype-mismatch messages. Not reproduced: a
bfloat16 operand mixed with another float dtype (TensorFlow then takes its SparseMatMul path and returns
float32); tfshim raises the dtype mismatch instead.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from tfshim._engine import backprop
from tfshim._engine import dtypes as _dtypes
from tfshim._engine.errors import InvalidArgumentError, NotFoundError, kernel_error
from tfshim._engine.registry import OpDef, execute, kernel, op_def, quiet_numpy
from tfshim._engine.tensor import EagerTensor
from tfshim.ops import _args

_MATMUL = op_def("MatMul")
_BATCH_MATMUL = op_def("BatchMatMulV2")
_BATCH_MATMUL_V3 = op_def("BatchMatMulV3")
_MKL = "__MklMatMul"  # the kernel name TF's CPU build prints for MatMul errors
_ONEDNN = ("float32", "bfloat16")

# dtypes the op definitions allow but no CPU kernel implements -> NotFoundError listing the kernels
_NO_CPU_KERNEL = "u"  # the unsigned kinds
_MATMUL_KERNELS = ("device='XLA_CPU_JIT'; T in [DT_FLOAT, DT_DOUBLE, DT_INT32, DT_COMPLEX64, DT_INT64, DT_BFLOAT16, "
                   "DT_COMPLEX128, DT_HALF]",)
_BATCH_KERNELS = ("device='XLA_CPU_JIT'; T in [DT_FLOAT, DT_DOUBLE, DT_INT32, DT_UINT8, DT_INT16, DT_COMPLEX64, "
                  "DT_INT64, DT_BFLOAT16, DT_UINT16, DT_COMPLEX128, DT_HALF, DT_UINT32, DT_UINT64]",)
_CPU_LINES = tuple(f"device='CPU'; T in [DT_{t}]" for t in
                   ("INT64", "INT32", "INT16", "DOUBLE", "FLOAT", "BFLOAT16", "HALF", "COMPLEX128", "COMPLEX64"))
_V3_CPU = (("UINT8", "BFLOAT16", "BFLOAT16"), ("INT8", "BFLOAT16", "BFLOAT16"), ("BFLOAT16", "UINT8", "BFLOAT16"),
           ("BFLOAT16", "INT8", "BFLOAT16"), ("UINT8", "UINT8", "INT32"), ("INT8", "UINT8", "INT32"),
           ("UINT8", "INT8", "INT32"), ("INT8", "INT8", "INT32"), ("INT64", "INT64", "INT64"),
           ("INT32", "INT32", "INT32"), ("INT16", "INT16", "INT16"), ("DOUBLE", "DOUBLE", "DOUBLE"),
           ("FLOAT", "FLOAT", "FLOAT"), ("BFLOAT16", "BFLOAT16", "BFLOAT16"),
           ("COMPLEX128", "COMPLEX128", "COMPLEX128"), ("COMPLEX64", "COMPLEX64", "COMPLEX64"))
_V3_XLA = ("device='XLA_CPU_JIT'; Tout in [DT_FLOAT, DT_DOUBLE, DT_INT32, DT_INT16, DT_COMPLEX64, DT_INT64, "
           "DT_BFLOAT16, DT_COMPLEX128, DT_HALF]; Tb in [DT_FLOAT, DT_DOUBLE, DT_INT32, DT_UINT8, DT_INT16, DT_INT8, "
           "DT_COMPLEX64, DT_INT64, DT_BFLOAT16, DT_COMPLEX128, DT_HALF]; Ta in [DT_FLOAT, DT_DOUBLE, DT_INT32, "
           "DT_UINT8, DT_INT16, DT_INT8, DT_COMPLEX64, DT_INT64, DT_BFLOAT16, DT_COMPLEX128, DT_HALF]")


def _type_enum(dtype: np.dtype) -> str:
    return _args.kernel_name(np.dtype(dtype)).upper()


def _not_found(op: str, attrs: str, lines: tuple) -> NotFoundError:
    body = "\n".join(f"  {line}" for line in lines)
    return NotFoundError(None, None, f"Could not find device for node: {{{{node {op}}}}} = {op}[{attrs}]\n"
                                     f"All kernels registered for op {op}:\n{body}\n [Op:{op}] name: ")


def _mismatch(op: OpDef, expected: np.dtype, got: np.dtype) -> InvalidArgumentError:
    shown = f"_Mkl{op.name}" if expected.name in _ONEDNN else op.name
    return InvalidArgumentError(None, None, f"cannot compute {shown} as input #1(zero-based) was expected to be a "
                                            f"{_args.kernel_name(expected)} tensor but is a "
                                            f"{_args.kernel_name(got)} tensor [Op:{op.name}] name: ")


def _check_pair(op: OpDef, x: EagerTensor, y: EagerTensor) -> None:
    dx, dy = x._value.dtype, y._value.dtype
    if dx != dy:
        raise _mismatch(op, dx, dy)
    _args.check(op, x)


def matmul(a: Any, b: Any, transpose_a: bool = False, transpose_b: bool = False, adjoint_a: bool = False,
           adjoint_b: bool = False, a_is_sparse: bool = False, b_is_sparse: bool = False,
           output_type: Any = None, grad_a: bool = False, grad_b: bool = False, name: Any = None) -> EagerTensor:
    """`tf.linalg.matmul` (`tf.matmul`, `@`). `a_is_sparse`/`b_is_sparse` are accepted and ignored
    (the result is the same; TensorFlow only picks another kernel)."""
    if transpose_a and adjoint_a:
        raise ValueError("Only one of `transpose_a` and `adjoint_a` can be True. Received "
                         f"`transpose_a`={transpose_a}, `adjoint_a`={adjoint_a}.")
    if transpose_b and adjoint_b:
        raise ValueError("Only one of `transpose_b` and `adjoint_b` can be True. Received "
                         f"`transpose_b`={transpose_b}, `adjoint_b`={adjoint_b}.")
    if type(a) is not EagerTensor or type(b) is not EagerTensor:
        a = _args.tensor(a)
        if type(b) is not EagerTensor:
            b = _args.convert_to_tensor(b, dtype_hint=_dtypes.NP_TO_DTYPE[a._value.dtype])
    out_dtype = None if output_type is None else _dtypes.as_dtype(output_type)
    use_v3 = out_dtype is not None and (out_dtype._np != a._value.dtype or out_dtype._np != b._value.dtype)
    if a._value.ndim > 2 or b._value.ndim > 2:
        if transpose_a:
            a, adjoint_a = _conj(a), True
        if transpose_b:
            b, adjoint_b = _conj(b), True
        if use_v3:
            return _batch_matmul_v3(a, b, bool(adjoint_a), bool(adjoint_b), out_dtype)
        return _batch_matmul(a, b, bool(adjoint_a), bool(adjoint_b))
    if adjoint_a:
        a, transpose_a = _conj(a), True
    if adjoint_b:
        b, transpose_b = _conj(b), True
    if use_v3:
        return _batch_matmul_v3(a, b, bool(transpose_a or adjoint_a), bool(transpose_b or adjoint_b), out_dtype)
    return _matmul(a, b, bool(transpose_a), bool(transpose_b))


_PLAIN = frozenset(np.dtype(t) for t in (np.float32, np.float64))  # no dtype check can fail for these


def _matmul(a: EagerTensor, b: EagerTensor, transpose_a: bool, transpose_b: bool) -> EagerTensor:
    av, bv = a._value, b._value
    dtype = av.dtype
    if dtype in _PLAIN and bv.dtype == dtype and av.ndim == 2 and bv.ndim == 2 and \
            av.shape[not transpose_a] == bv.shape[bool(transpose_b)]:  # the common case: nothing to report
        value = quiet_numpy.run(np.matmul, av.T if transpose_a else av, bv.T if transpose_b else bv)
        return execute(_MATMUL, (a, b), value, {"transpose_a": transpose_a, "transpose_b": transpose_b})
    _check_pair(_MATMUL, a, b)
    if av.dtype.kind == _NO_CPU_KERNEL:
        raise _not_found("MatMul", f"T=DT_{_type_enum(av.dtype)}, grad_a=false, grad_b=false, transpose_a="
                                   f"{str(transpose_a).lower()}, transpose_b={str(transpose_b).lower()}",
                         _MATMUL_KERNELS + _CPU_LINES)
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


def _conj(x: EagerTensor) -> EagerTensor:
    """`conj(x)`, without the call for the common real tensor."""
    if x._value.dtype.kind in "fiu":
        return x
    from tfshim.ops.complex_ops import conj

    return conj(x)


def matmul_grad_products(op: Any, grad: Any) -> tuple:
    """TF's MatMul gradient table: for each input, (left, right, transpose_left, transpose_right) of the
    product that is its gradient."""
    t_a, t_b = op.attrs["transpose_a"], op.attrs["transpose_b"]
    a, b = _conj(op.inputs[0]), _conj(op.inputs[1])
    if not t_a and not t_b:
        return (grad, b, False, True), (a, grad, True, False)
    if not t_a and t_b:
        return (grad, b, False, False), (grad, a, True, False)
    if t_a and not t_b:
        return (b, grad, False, True), (a, grad, False, False)
    return (b, grad, True, True), (grad, a, True, True)


@_MATMUL.gradient
def _matmul_grad(op: Any, grad: Any) -> tuple:
    rule_a, rule_b = matmul_grad_products(op, grad)
    skip = op.skip_input_indices
    return (None if 0 in skip else _matmul(*rule_a)), (None if 1 in skip else _matmul(*rule_b))


def _batch_shapes(op: str, xv: np.ndarray, yv: np.ndarray, adj_x: bool, adj_y: bool) -> None:
    for i, v in enumerate((xv, yv)):
        if v.ndim < 2:
            raise kernel_error(op, f"In[{i}] ndims must be >= 2: {v.ndim}")
    try:
        np.broadcast_shapes(xv.shape[:-2], yv.shape[:-2])
    except ValueError:
        raise kernel_error(op, "In[0] and In[1] must have compatible batch dimensions: "
                               f"{_args.shape_text(xv.shape)} vs. {_args.shape_text(yv.shape)}") from None
    inner_x = xv.shape[-2] if adj_x else xv.shape[-1]
    inner_y = yv.shape[-1] if adj_y else yv.shape[-2]
    if inner_x != inner_y:
        raise kernel_error(op, f"Matrix size-incompatible: In[0]: {_args.shape_text(xv.shape)}, "
                               f"In[1]: {_args.shape_text(yv.shape)} {int(adj_x)} {int(adj_y)}")


def _oriented(v: np.ndarray, adjoint: bool) -> np.ndarray:
    return np.conj(np.swapaxes(v, -1, -2)) if adjoint else v


def _batch_matmul(x: EagerTensor, y: EagerTensor, adj_x: bool, adj_y: bool) -> EagerTensor:
    _check_pair(_BATCH_MATMUL, x, y)
    xv, yv = x._value, y._value
    if xv.dtype.kind == _NO_CPU_KERNEL:
        raise _not_found("BatchMatMulV2", f"T=DT_{_type_enum(xv.dtype)}, adj_x={str(adj_x).lower()}, "
                                          f"adj_y={str(adj_y).lower()}, grad_x=false, grad_y=false",
                         _BATCH_KERNELS + _CPU_LINES)
    _batch_shapes("BatchMatMulV2", xv, yv, adj_x, adj_y)
    value = kernel(np.matmul, _oriented(xv, adj_x), _oriented(yv, adj_y))
    return execute(_BATCH_MATMUL, (x, y), value, {"adj_x": adj_x, "adj_y": adj_y})


def _batch_matmul_v3(x: EagerTensor, y: EagerTensor, adj_x: bool, adj_y: bool, out: Any) -> EagerTensor:
    """BatchMatMulV3: inputs of (possibly different) dtypes Ta, Tb and a result of dtype Tout."""
    xv, yv = x._value, y._value
    _args.check(_BATCH_MATMUL_V3, x, "Ta")
    _args.check(_BATCH_MATMUL_V3, y, "Tb")
    if out._np not in _BATCH_MATMUL_V3.allowed["Tout"][0]:
        raise _args.dtype_error(_BATCH_MATMUL_V3, out._np, "Tout")
    combo = (_type_enum(xv.dtype), _type_enum(yv.dtype), _type_enum(out._np))
    if combo not in _V3_CPU:
        cpu = tuple(f"device='CPU'; Ta in [DT_{a}]; Tb in [DT_{b}]; Tout in [DT_{o}]" for a, b, o in _V3_CPU)
        lines = (_V3_XLA, *cpu)
        raise _not_found("BatchMatMulV3", f"Ta=DT_{combo[0]}, Tb=DT_{combo[1]}, Tout=DT_{combo[2]}, "
                                          f"adj_x={str(adj_x).lower()}, adj_y={str(adj_y).lower()}, grad_x=false, "
                                          "grad_y=false", lines)
    _batch_shapes("BatchMatMulV3", xv, yv, adj_x, adj_y)
    wide = np.float32 if out._np.name == "bfloat16" else out._np
    value = kernel(np.matmul, _oriented(xv, adj_x).astype(wide), _oriented(yv, adj_y).astype(wide))
    return execute(_BATCH_MATMUL_V3, (x, y), value.astype(out._np, copy=False), {"adj_x": adj_x, "adj_y": adj_y})


@_BATCH_MATMUL_V3.gradient
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
    if (x._value.ndim <= 2 and y._value.ndim <= 2) or x._value.shape[:-2] == y._value.shape[:-2]:
        return gx, gy
    return (backprop.sum_to_shape(gx, x._value.shape, gx._value.shape),
            backprop.sum_to_shape(gy, y._value.shape, gy._value.shape))
