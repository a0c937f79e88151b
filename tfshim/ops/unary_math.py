"""Elementwise functions of one tensor, each with TensorFlow's gradient.

Several gradients go through TensorFlow's dedicated gradient ops (SqrtGrad, RsqrtGrad, TanhGrad,
SigmoidGrad, ReciprocalGrad), which have gradients of their own; that structure decides where a
second derivative is zero and where it is None. SqrtGrad, RsqrtGrad and ReciprocalGrad give 0
wherever the upstream gradient is 0, which is why `tf.where(x > 0, tf.sqrt(x), 0.)` has no NaN.

Differences from TensorFlow: TensorFlow's CPU kernels flush subnormal float results to zero
(`tf.exp(-100.)` is 0 there, about 3.7e-44 here); transcendental functions may differ from
TensorFlow's Eigen implementations in the last bit.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from tfshim._engine import tape as _tape
from tfshim._engine.registry import OpDef, execute, op_def, quiet_numpy
from tfshim._engine.tensor import EagerTensor, blank
from tfshim.ops import _args, _kernels
from tfshim.ops._unrecorded import one_kernel
from tfshim.ops.arithmetic import add, multiply, negative, realdiv, subtract
from tfshim.ops.complex_ops import conj

_NONE: frozenset = frozenset()
_state = _tape.state
_record = _tape.record
_run = quiet_numpy.run


def _unary(op: OpDef, fn: Any, x: Any, missing: frozenset = _NONE) -> EagerTensor:
    t = x if type(x) is EagerTensor else _args.convert_to_tensor(x)
    dtype = t._value.dtype
    if dtype not in op.allowed["T"][0]:
        raise _kernels.fallback_error(_args.dtype_error(op, dtype), x)
    if dtype in missing:
        raise _kernels.fallback_error(_kernels.not_found(op.name, dtype), x)
    out = blank(EagerTensor)
    out._value = _run(fn, t._value)
    if _state.active:
        _record(op, (t,), (out,), None)
    return out


def _grad_op(op: OpDef, fn: Any, y: EagerTensor, dy: EagerTensor) -> EagerTensor:
    """The *Grad ops: (forward output or input, upstream) -> input gradient."""
    _args.same_dtype(op, (y, dy))
    try:
        value = quiet_numpy.run(fn, y._value, dy._value)
    except ValueError:
        raise _args.incompatible_shapes(op, y, dy) from None
    return execute(op, (y, dy), value)


def _const(value: float, like: EagerTensor) -> EagerTensor:
    """`constant_op.constant(value, dtype=like.dtype)`."""
    return EagerTensor(np.asarray(value, dtype=like._value.dtype)[()])


def _mul_no_nan(a: Any, b: Any) -> Any:
    """a * b, but 0 wherever b is 0 (TensorFlow's mul_no_nan used inside its gradient kernels)."""
    product = a * b
    return np.where(b == 0, np.zeros_like(product), product)


# -- square, sqrt, rsqrt, reciprocal -------------------------------------------------------------
_SQUARE = op_def("Square")
_SQRT = op_def("Sqrt")
_SQRT_GRAD = op_def("SqrtGrad", broadcasting=True)
_RSQRT = op_def("Rsqrt")
_RSQRT_GRAD = op_def("RsqrtGrad", broadcasting=True)
_RECIPROCAL = op_def("Reciprocal")
_RECIPROCAL_GRAD = op_def("ReciprocalGrad", broadcasting=True)
_RECIPROCAL_MISSING = _kernels.missing("Reciprocal")


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
    a, y = op.inputs[0], op.outputs[0]
    ga = realdiv(grad, a)
    return multiply(negative(conj(ga)), y), multiply(_const(0.5, ga), ga)


def rsqrt(x: Any, name: Any = None) -> EagerTensor:
    """`tf.math.rsqrt`: 1 / sqrt(x)."""
    return _unary(_RSQRT, _rsqrt_kernel, x)


def _rsqrt_kernel(v: Any) -> Any:
    if v.dtype.kind == "c":  # TF's complex rsqrt is not vectorised: C division, 1/0 is inf+nanj
        return np.true_divide(np.ones((), v.dtype), np.sqrt(v))
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
    """`tf.math.reciprocal` (no CPU kernel for integers, as in TensorFlow)."""
    return _unary(_RECIPROCAL, _reciprocal_kernel, x, _RECIPROCAL_MISSING)


def _reciprocal_kernel(v: Any) -> Any:
    if v.dtype.kind == "c":
        from tfshim.ops.arithmetic import complex_divide

        return complex_divide(np.ones((), v.dtype), v)
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
_EXPM1 = op_def("Expm1")
_LOG = op_def("Log")
_LOG1P = op_def("Log1p")


def exp(x: Any, name: Any = None) -> EagerTensor:
    """`tf.math.exp`."""
    return _unary(_EXP, np.exp, x)


@_EXP.gradient
def _exp_grad(op: Any, grad: Any) -> Any:
    return multiply(grad, conj(op.outputs[0]))


def expm1(x: Any, name: Any = None) -> EagerTensor:
    """`tf.math.expm1`: exp(x) - 1, accurate near 0."""
    return _unary(_EXPM1, np.expm1, x)


@_EXPM1.gradient
def _expm1_grad(op: Any, grad: Any) -> Any:
    return multiply(grad, exp(conj(op.inputs[0])))


def log(x: Any, name: Any = None) -> EagerTensor:
    """`tf.math.log`."""
    return _unary(_LOG, np.log, x)


@_LOG.gradient
def _log_grad(op: Any, grad: Any) -> Any:
    x = op.inputs[0]
    done = one_kernel(_np_log_grad, (grad, x))
    return multiply(grad, reciprocal(conj(x))) if done is None else done


def _np_log_grad(grad: Any, x: Any) -> Any:
    return np.multiply(grad, np.reciprocal(x))


def log1p(x: Any, name: Any = None) -> EagerTensor:
    """`tf.math.log1p`: log(1 + x), accurate near 0."""
    return _unary(_LOG1P, np.log1p, x)


@_LOG1P.gradient
def _log1p_grad(op: Any, grad: Any) -> Any:
    x = conj(op.inputs[0])
    return multiply(grad, reciprocal(add(_const(1, x), x)))


# -- trigonometric -------------------------------------------------------------------------------
_SIN = op_def("Sin")
_COS = op_def("Cos")
_TAN = op_def("Tan")
_ASIN = op_def("Asin")
_ACOS = op_def("Acos")
_ATAN = op_def("Atan")


def sin(x: Any, name: Any = None) -> EagerTensor:
    """`tf.math.sin`."""
    return _unary(_SIN, np.sin, x)


@_SIN.gradient
def _sin_grad(op: Any, grad: Any) -> Any:
    x = op.inputs[0]
    done = one_kernel(_np_sin_grad, (grad, x))
    return multiply(grad, cos(conj(x))) if done is None else done


def _np_sin_grad(grad: Any, x: Any) -> Any:
    return np.multiply(grad, np.cos(x))


def cos(x: Any, name: Any = None) -> EagerTensor:
    """`tf.math.cos`."""
    return _unary(_COS, np.cos, x)


@_COS.gradient
def _cos_grad(op: Any, grad: Any) -> Any:
    x = op.inputs[0]
    done = one_kernel(_np_cos_grad, (grad, x))
    return multiply(negative(grad), sin(conj(x))) if done is None else done


def _np_cos_grad(grad: Any, x: Any) -> Any:
    return np.multiply(np.negative(grad), np.sin(x))


def tan(x: Any, name: Any = None) -> EagerTensor:
    """`tf.math.tan`."""
    return _unary(_TAN, np.tan, x)


@_TAN.gradient
def _tan_grad(op: Any, grad: Any) -> Any:
    secx = reciprocal(cos(conj(op.inputs[0])))
    return multiply(square(secx), grad)


def _one_minus_square_root_inv(x: EagerTensor, grad: EagerTensor) -> EagerTensor:
    """1 / sqrt(1 - x^2), built as TF's Asin/Acos gradients build it."""
    x2 = square(x)
    return reciprocal(sqrt(subtract(_const(1, grad), x2)))


def asin(x: Any, name: Any = None) -> EagerTensor:
    """`tf.math.asin`."""
    return _unary(_ASIN, np.arcsin, x)


@_ASIN.gradient
def _asin_grad(op: Any, grad: Any) -> Any:
    return multiply(grad, _one_minus_square_root_inv(conj(op.inputs[0]), grad))


def acos(x: Any, name: Any = None) -> EagerTensor:
    """`tf.math.acos`."""
    return _unary(_ACOS, np.arccos, x)


@_ACOS.gradient
def _acos_grad(op: Any, grad: Any) -> Any:
    return multiply(negative(grad), _one_minus_square_root_inv(conj(op.inputs[0]), grad))


def atan(x: Any, name: Any = None) -> EagerTensor:
    """`tf.math.atan`."""
    return _unary(_ATAN, np.arctan, x)


@_ATAN.gradient
def _atan_grad(op: Any, grad: Any) -> Any:
    x = conj(op.inputs[0])
    return multiply(grad, reciprocal(add(_const(1, grad), square(x))))


# -- hyperbolic ----------------------------------------------------------------------------------
_SINH = op_def("Sinh")
_COSH = op_def("Cosh")
_TANH = op_def("Tanh")
_TANH_GRAD = op_def("TanhGrad", broadcasting=True)
_ASINH = op_def("Asinh")
_ACOSH = op_def("Acosh")
_ATANH = op_def("Atanh")


def sinh(x: Any, name: Any = None) -> EagerTensor:
    """`tf.math.sinh`."""
    return _unary(_SINH, np.sinh, x)


@_SINH.gradient
def _sinh_grad(op: Any, grad: Any) -> Any:
    return multiply(grad, cosh(conj(op.inputs[0])))


def cosh(x: Any, name: Any = None) -> EagerTensor:
    """`tf.math.cosh`."""
    return _unary(_COSH, np.cosh, x)


@_COSH.gradient
def _cosh_grad(op: Any, grad: Any) -> Any:
    return multiply(grad, sinh(conj(op.inputs[0])))


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


def asinh(x: Any, name: Any = None) -> EagerTensor:
    """`tf.math.asinh`."""
    return _unary(_ASINH, np.arcsinh, x)


@_ASINH.gradient
def _asinh_grad(op: Any, grad: Any) -> Any:
    return realdiv(grad, cosh(conj(op.outputs[0])))


def acosh(x: Any, name: Any = None) -> EagerTensor:
    """`tf.math.acosh`."""
    return _unary(_ACOSH, np.arccosh, x)


@_ACOSH.gradient
def _acosh_grad(op: Any, grad: Any) -> Any:
    return realdiv(grad, sinh(conj(op.outputs[0])))


def atanh(x: Any, name: Any = None) -> EagerTensor:
    """`tf.math.atanh`."""
    return _unary(_ATANH, np.arctanh, x)


@_ATANH.gradient
def _atanh_grad(op: Any, grad: Any) -> Any:
    x2 = square(conj(op.inputs[0]))
    return multiply(grad, reciprocal(subtract(_const(1, grad), x2)))


# -- sigmoid -------------------------------------------------------------------------------------
_SIGMOID = op_def("Sigmoid")
_SIGMOID_GRAD = op_def("SigmoidGrad", broadcasting=True)


def sigmoid(x: Any, name: Any = None) -> EagerTensor:
    """`tf.math.sigmoid`."""
    return _unary(_SIGMOID, _sigmoid_kernel, x)


def _sigmoid_kernel(v: Any) -> Any:
    # 1 / (1 + exp(-x)): exp overflows to inf for very negative x, giving 0 as TensorFlow does
    return np.reciprocal(np.exp(np.negative(v)) + np.ones((), v.dtype))


@_SIGMOID.gradient
def _sigmoid_grad(op: Any, grad: Any) -> Any:
    return sigmoid_grad(conj(op.outputs[0]), grad)


def sigmoid_grad(y: EagerTensor, dy: EagerTensor) -> EagerTensor:
    """SigmoidGrad: dy * y * (1 - y)."""
    return _grad_op(_SIGMOID_GRAD, _sigmoid_grad_kernel, y, dy)


def _sigmoid_grad_kernel(y: Any, dy: Any) -> Any:
    return dy * (y * (1 - y))


@_SIGMOID_GRAD.gradient
def _sigmoid_grad_grad(op: Any, grad: Any) -> tuple:
    a, b = conj(op.inputs[0]), conj(op.inputs[1])
    gb = multiply(grad, b)
    return subtract(gb, multiply(multiply(_const(2.0, gb), gb), a)), sigmoid_grad(a, grad)


def log_sigmoid(x: Any, name: Any = None) -> EagerTensor:
    """`tf.math.log_sigmoid`: -softplus(-x)."""
    from tfshim.ops.activations import softplus

    x = _args.tensor(x)
    return negative(softplus(negative(x)))


# -- abs and sign --------------------------------------------------------------------------------
_ABS = op_def("Abs")
_COMPLEX_ABS = op_def("ComplexAbs")
_SIGN = op_def("Sign")


def abs(x: Any, name: Any = None) -> EagerTensor:
    """`tf.math.abs`: for complex inputs, the real magnitude (ComplexAbs)."""
    x = _args.tensor(x)
    if x._value.dtype.kind == "c":
        return complex_abs(x)
    return _unary(_ABS, np.abs, x)


def complex_abs(x: EagerTensor) -> EagerTensor:
    """ComplexAbs: |x| of a complex tensor, as float32 or float64."""
    return _unary(_COMPLEX_ABS, np.abs, x)


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
    """`tf.math.sign`: -1, 0 or 1; for complex x, x / |x| (0 at 0), built from ComplexAbs and DivNoNan."""
    x = _args.tensor(x)
    if x._value.dtype.kind == "c":
        from tfshim.ops.arithmetic import _div_no_nan
        from tfshim.ops.casting import cast

        return _div_no_nan(x, cast(complex_abs(x), x.dtype))
    return _unary(_SIGN, np.sign, x)


@_SIGN.gradient
def _sign_grad(op: Any, grad: Any) -> Any:
    from tfshim.ops.creation import zeros_like

    return zeros_like(op.inputs[0])


# -- rounding ------------------------------------------------------------------------------------
_FLOOR = op_def("Floor")
_CEIL = op_def("Ceil")
_ROUND = op_def("Round")
_RINT = op_def("Rint")
_ROUND_MISSING = _kernels.missing("Round")
_RINT_MISSING = _kernels.missing("Rint")


def floor(x: Any, name: Any = None) -> EagerTensor:
    """`tf.math.floor`. Its gradient is None."""
    return _unary(_FLOOR, np.floor, x)


def ceil(x: Any, name: Any = None) -> EagerTensor:
    """`tf.math.ceil`. Its gradient is None."""
    return _unary(_CEIL, np.ceil, x)


def round(x: Any, name: Any = None) -> EagerTensor:
    """`tf.math.round`: halves round to even. Integer tensors are returned as they are."""
    x = _args.tensor(x)
    if x.dtype.is_integer:
        return x
    return _unary(_ROUND, np.rint, x, _ROUND_MISSING)


def rint(x: Any, name: Any = None) -> EagerTensor:
    """`tf.math.rint`: the nearest integer, halves to even."""
    return _unary(_RINT, np.rint, x, _RINT_MISSING)


def _none_grad(op: Any, grad: Any) -> Any:
    return None  # TF registers an explicit None: rounding cuts the gradient


for _op in (_FLOOR, _CEIL, _ROUND, _RINT):
    _op.grad_fn = _none_grad


# -- classification (no gradient registered in TensorFlow: LookupError if one is asked for) ------
_IS_NAN = op_def("IsNan")
_IS_INF = op_def("IsInf")
_IS_FINITE = op_def("IsFinite")


def is_nan(x: Any, name: Any = None) -> EagerTensor:
    """`tf.math.is_nan`."""
    return _unary(_IS_NAN, np.isnan, x)


def is_inf(x: Any, name: Any = None) -> EagerTensor:
    """`tf.math.is_inf`."""
    return _unary(_IS_INF, np.isinf, x)


def is_finite(x: Any, name: Any = None) -> EagerTensor:
    """`tf.math.is_finite`."""
    return _unary(_IS_FINITE, np.isfinite, x)
