"""Elementwise functions of one tensor, each with TensorFlow's gradient.

Several gradients go through TensorFlow's dedicated gradient ops (SqrtGrad, RsqrtGrad, TanhGrad,
SigmoidGrad, ReciprocalGrad), which have gradients of their own; that structure decides where a
second derivative is zero and where it is None. SqrtGrad, RsqrtGrad and ReciprocalGrad give 0
wherever the upstream gradient is 0, which is why `tf.where(x > 0, tf.sqrt(x), 0.)` has no NaN.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from tfshim._engine.registry import OpDef, execute, kernel, op_def
from tfshim._engine.tensor import EagerTensor
from tfshim.ops import _args
from tfshim.ops.arithmetic import multiply, negative, subtract
from tfshim.ops.complex_ops import conj


def _unary(op: OpDef, fn: Any, x: Any) -> EagerTensor:
    x = x if type(x) is EagerTensor else _args.convert_to_tensor(x)
    if x._value.dtype not in op.allowed["T"][0]:
        raise _args.dtype_error(op, x._value.dtype)
    return execute(op, (x,), kernel(fn, x._value))


def _grad_op(op: OpDef, fn: Any, y: EagerTensor, dy: EagerTensor) -> EagerTensor:
    """The *Grad ops: (forward output or input, upstream) -> input gradient."""
    _args.same_dtype(op, (y, dy))
    try:
        value = kernel(fn, y._value, dy._value)
    except ValueError:
        raise _args.incompatible_shapes(op, y, dy) from None
    return execute(op, (y, dy), value)


def _const(value: float, like: EagerTensor) -> EagerTensor:
    return EagerTensor(np.asarray(value, dtype=like._value.dtype)[()])


def _mul_no_nan(a: Any, b: Any) -> Any:
    """a * b, but 0 wherever b is 0 (TensorFlow's mul_no_nan used inside its gradient kernels)."""
    return np.where(b == 0, np.zeros_like(a * b), a * b)


# -- square, sqrt, rsqrt, reciprocal -------------------------------------------------------------
_SQUARE = op_def("Square")
_SQRT = op_def("Sqrt")
_SQRT_GRAD = op_def("SqrtGrad")
_RSQRT = op_def("Rsqrt")
_RSQRT_GRAD = op_def("RsqrtGrad")
_RECIPROCAL = op_def("Reciprocal")
_RECIPROCAL_GRAD = op_def("ReciprocalGrad")


def square(x: Any, name: Any = None) -> EagerTensor:
    """`tf.math.square`."""
    return _unary(_SQUARE, _square_kernel, x)


def _square_kernel(v: Any) -> Any:
    return np.multiply(v, v)


@_SQUARE.gradient
def _square_grad(op: Any, grad: Any) -> Any:
    x = conj(op.inputs[0])
    return multiply(grad, multiply(x, _const(2.0, x)))


def sqrt(x: Any, name: Any = None) -> EagerTensor:
    """`tf.math.sqrt`."""
    return _unary(_SQRT, np.sqrt, x)


@_SQRT.gradient
def _sqrt_grad(op: Any, grad: Any) -> Any:
    return sqrt_grad(op.outputs[0], grad)


def sqrt_grad(y: EagerTensor, dy: EagerTensor) -> EagerTensor:
    """SqrtGrad: 0.5 * dy / conj(y), and 0 where dy is 0."""
    return _grad_op(_SQRT_GRAD, _sqrt_grad_kernel, y, dy)


def _sqrt_grad_kernel(y: Any, dy: Any) -> Any:
    return _mul_no_nan(0.5 / np.conj(y), dy)


@_SQRT_GRAD.gradient
def _sqrt_grad_grad(op: Any, grad: Any) -> tuple:
    from tfshim.ops.arithmetic import realdiv

    a, y = op.inputs[0], op.outputs[0]
    ga = realdiv(grad, a)
    return multiply(negative(conj(ga)), y), multiply(_const(0.5, ga), ga)


def rsqrt(x: Any, name: Any = None) -> EagerTensor:
    """`tf.math.rsqrt`: 1 / sqrt(x)."""
    return _unary(_RSQRT, _rsqrt_kernel, x)


def _rsqrt_kernel(v: Any) -> Any:
    return np.reciprocal(np.sqrt(v))


@_RSQRT.gradient
def _rsqrt_grad(op: Any, grad: Any) -> Any:
    return rsqrt_grad(op.outputs[0], grad)


def rsqrt_grad(y: EagerTensor, dy: EagerTensor) -> EagerTensor:
    """RsqrtGrad: -0.5 * dy * conj(y)^3, and 0 where dy is 0."""
    return _grad_op(_RSQRT_GRAD, _rsqrt_grad_kernel, y, dy)


def _rsqrt_grad_kernel(y: Any, dy: Any) -> Any:
    cy = np.conj(y)
    return _mul_no_nan(-0.5 * cy * cy, _mul_no_nan(cy, dy))


@_RSQRT_GRAD.gradient
def _rsqrt_grad_grad(op: Any, grad: Any) -> tuple:
    a, b = op.inputs
    ca, cg = conj(a), conj(grad)
    grad_a = multiply(multiply(multiply(_const(-1.5, cg), cg), b), square(ca))
    return grad_a, rsqrt_grad(ca, grad)


def reciprocal(x: Any, name: Any = None) -> EagerTensor:
    """`tf.math.reciprocal`."""
    return _unary(_RECIPROCAL, _reciprocal_kernel, x)


def _reciprocal_kernel(v: Any) -> Any:
    if v.dtype.kind in "iu":
        return np.floor_divide(np.ones_like(v), v)
    return np.reciprocal(v)


@_RECIPROCAL.gradient
def _reciprocal_grad(op: Any, grad: Any) -> Any:
    return reciprocal_grad(op.outputs[0], grad)


def reciprocal_grad(y: EagerTensor, dy: EagerTensor) -> EagerTensor:
    """ReciprocalGrad: -dy * conj(y)^2, and 0 where dy is 0."""
    return _grad_op(_RECIPROCAL_GRAD, _reciprocal_grad_kernel, y, dy)


def _reciprocal_grad_kernel(y: Any, dy: Any) -> Any:
    cy = np.conj(y)
    return _mul_no_nan(-(cy * cy), dy)


@_RECIPROCAL_GRAD.gradient
def _reciprocal_grad_grad(op: Any, grad: Any) -> tuple:
    b = op.inputs[1]
    ca, cg = conj(op.inputs[0]), conj(grad)
    return multiply(multiply(multiply(cg, _const(-2.0, cg)), b), ca), reciprocal_grad(ca, grad)


# -- exp and log ---------------------------------------------------------------------------------
_EXP = op_def("Exp")
_LOG = op_def("Log")


def exp(x: Any, name: Any = None) -> EagerTensor:
    """`tf.math.exp`."""
    return _unary(_EXP, np.exp, x)


@_EXP.gradient
def _exp_grad(op: Any, grad: Any) -> Any:
    return multiply(grad, conj(op.outputs[0]))


def log(x: Any, name: Any = None) -> EagerTensor:
    """`tf.math.log`."""
    return _unary(_LOG, np.log, x)


@_LOG.gradient
def _log_grad(op: Any, grad: Any) -> Any:
    return multiply(grad, reciprocal(conj(op.inputs[0])))


# -- trigonometric and hyperbolic -------------------------------------------------------------
_SIN = op_def("Sin")
_COS = op_def("Cos")
_TANH = op_def("Tanh")
_TANH_GRAD = op_def("TanhGrad")
_SIGMOID = op_def("Sigmoid")
_SIGMOID_GRAD = op_def("SigmoidGrad")


def sin(x: Any, name: Any = None) -> EagerTensor:
    """`tf.math.sin`."""
    return _unary(_SIN, np.sin, x)


@_SIN.gradient
def _sin_grad(op: Any, grad: Any) -> Any:
    return multiply(grad, cos(conj(op.inputs[0])))


def cos(x: Any, name: Any = None) -> EagerTensor:
    """`tf.math.cos`."""
    return _unary(_COS, np.cos, x)


@_COS.gradient
def _cos_grad(op: Any, grad: Any) -> Any:
    return multiply(negative(grad), sin(conj(op.inputs[0])))


def tanh(x: Any, name: Any = None) -> EagerTensor:
    """`tf.math.tanh`."""
    return _unary(_TANH, np.tanh, x)


@_TANH.gradient
def _tanh_grad(op: Any, grad: Any) -> Any:
    return tanh_grad(conj(op.outputs[0]), grad)


def tanh_grad(y: EagerTensor, dy: EagerTensor) -> EagerTensor:
    """TanhGrad: dy * (1 - y * y)."""
    return _grad_op(_TANH_GRAD, _tanh_grad_kernel, y, dy)


def _tanh_grad_kernel(y: Any, dy: Any) -> Any:
    return dy * (1 - y * y)


@_TANH_GRAD.gradient
def _tanh_grad_grad(op: Any, grad: Any) -> tuple:
    a, b = conj(op.inputs[0]), conj(op.inputs[1])
    return multiply(multiply(multiply(grad, _const(-2.0, grad)), b), a), tanh_grad(a, grad)


def sigmoid(x: Any, name: Any = None) -> EagerTensor:
    """`tf.math.sigmoid`."""
    return _unary(_SIGMOID, _sigmoid_kernel, x)


def _sigmoid_kernel(v: Any) -> Any:
    if v.dtype.kind == "c":
        return 1 / (1 + np.exp(-v))
    # the two-sided form never overflows: exp of a non-positive number only
    e = np.exp(-np.abs(v))
    return np.where(v >= 0, 1 / (1 + e), e / (1 + e)).astype(v.dtype)[()]


@_SIGMOID.gradient
def _sigmoid_grad(op: Any, grad: Any) -> Any:
    return sigmoid_grad(conj(op.outputs[0]), grad)


def sigmoid_grad(y: EagerTensor, dy: EagerTensor) -> EagerTensor:
    """SigmoidGrad: dy * y * (1 - y)."""
    return _grad_op(_SIGMOID_GRAD, _sigmoid_grad_kernel, y, dy)


def _sigmoid_grad_kernel(y: Any, dy: Any) -> Any:
    return dy * y * (1 - y)


@_SIGMOID_GRAD.gradient
def _sigmoid_grad_grad(op: Any, grad: Any) -> tuple:
    a, b = conj(op.inputs[0]), conj(op.inputs[1])
    gb = multiply(grad, b)
    return subtract(gb, multiply(multiply(_const(2.0, gb), gb), a)), sigmoid_grad(a, grad)


# -- abs and sign --------------------------------------------------------------------------------
_ABS = op_def("Abs")
_COMPLEX_ABS = op_def("ComplexAbs")
_SIGN = op_def("Sign")


def abs(x: Any, name: Any = None) -> EagerTensor:
    """`tf.math.abs`: for complex inputs, the real magnitude (ComplexAbs)."""
    x = x if type(x) is EagerTensor else _args.convert_to_tensor(x)
    if x._value.dtype.kind == "c":
        value = kernel(np.abs, x._value)
        return execute(_COMPLEX_ABS, (x,), value)
    return _unary(_ABS, np.abs, x)


@_ABS.gradient
def _abs_grad(op: Any, grad: Any) -> Any:
    return multiply(grad, sign(op.inputs[0]))


@_COMPLEX_ABS.gradient
def _complex_abs_grad(op: Any, grad: Any) -> Any:
    from tfshim.ops.arithmetic import div_no_nan
    from tfshim.ops.complex_ops import complex
    from tfshim.ops.creation import zeros_like

    y = op.outputs[0]
    return div_no_nan(multiply(complex(grad, zeros_like(grad)), op.inputs[0]), complex(y, zeros_like(y)))


def sign(x: Any, name: Any = None) -> EagerTensor:
    """`tf.math.sign`: -1, 0 or 1 (x / |x| for complex)."""
    return _unary(_SIGN, _sign_kernel, x)


def _sign_kernel(v: Any) -> Any:
    if v.dtype.kind == "c":
        mag = np.abs(v)
        return np.where(mag == 0, 0, v / np.where(mag == 0, 1, mag)).astype(v.dtype)[()]
    return np.sign(v)


@_SIGN.gradient
def _sign_grad(op: Any, grad: Any) -> Any:
    from tfshim.ops.creation import zeros_like

    return zeros_like(op.inputs[0])
