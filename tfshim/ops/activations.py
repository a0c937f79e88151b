"""Activation functions of `tf.nn`, each with TensorFlow's gradient.

relu, relu6, leaky_relu, elu and selu differentiate through TensorFlow's dedicated gradient ops
(ReluGrad, Relu6Grad, LeakyReluGrad, EluGrad, SeluGrad), which have gradients of their own: that is
why relu's second derivative is zeros rather than None, and elu's is the EluGrad rule. softplus is
differentiated as `grad * sigmoid(x)` (TF 2.21's rule), softsign through SoftsignGrad, which has no
gradient in TensorFlow (a second derivative raises LookupError). gelu is composed from other ops (erfc,
or tanh and pow when approximate), as in TensorFlow; swish/silu is recorded as one op with TensorFlow's
custom gradient (the `swish_impl` custom_gradient function).

Half-precision (float16, bfloat16) kernels compute in float32 and round once at the end, where
TensorFlow's Eigen kernels round after every step; results can differ in the last bit.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from tfshim._engine import dtypes as _dtypes
from tfshim._engine.registry import OpDef, execute, kernel, op_def, quiet_numpy
from tfshim._engine.tape import state as _state
from tfshim._engine.tensor import EagerTensor
from tfshim.ops import _args
from tfshim.ops._elementwise import fast_binary, real_float_dtypes

_RELU = op_def("Relu")
_RELU_GRAD = op_def("ReluGrad", broadcasting=True)
_RELU6 = op_def("Relu6")
_RELU6_GRAD = op_def("Relu6Grad", broadcasting=True)
_LEAKY_RELU = op_def("LeakyRelu")
_LEAKY_RELU_GRAD = op_def("LeakyReluGrad", broadcasting=True)
_ELU = op_def("Elu")
_ELU_GRAD = op_def("EluGrad", broadcasting=True)
_SELU = op_def("Selu")
_SELU_GRAD = op_def("SeluGrad", broadcasting=True)
_SOFTPLUS = op_def("Softplus")
_SOFTSIGN = op_def("Softsign")
_SOFTSIGN_GRAD = op_def("SoftsignGrad", broadcasting=True)  # no gradient registered, as in TensorFlow
# The *Grad ops are declared broadcasting although TensorFlow's kernels require equal shapes: the
# engine's batched (Jacobian) walk runs them with a leading batch axis on the upstream only, and the
# engine must then sum that axis back for the other input.
_SWISH = op_def("swish_impl")  # the custom_gradient function TensorFlow records for swish

_SELU_SCALE = 1.0507009873554804934193349852946
_SELU_SCALE_ALPHA = 1.7580993408473768599402175208123


def _features(op: OpDef, features: Any) -> EagerTensor:
    x = features if type(features) is EagerTensor else _args.convert_to_tensor(features)
    if x._value.dtype not in op.allowed["T"][0]:
        raise _args.dtype_error(op, x._value.dtype)
    return x


def _wide(v: Any) -> Any:
    """Half-precision arrays as float32 (computed in and rounded back once)."""
    return v.astype(np.float32) if v.dtype in _dtypes.HALF_NP else v


def _back(result: Any, like: Any) -> Any:
    return np.asarray(result).astype(like.dtype, copy=False)[()]


def _grad_op(op: OpDef, fn: Any, gradients: EagerTensor, features: EagerTensor,
             attrs: dict | None = None) -> EagerTensor:
    """The *Grad ops: (upstream gradients, forward input or output) -> input gradient."""
    _args.same_dtype(op, (gradients, features))
    try:  # broadcasting is tolerated: the engine's batched (Jacobian) walk feeds a leading batch axis
        value = kernel(fn, gradients._value, features._value) if attrs is None else \
            kernel(fn, gradients._value, features._value, attrs["alpha"])
    except ValueError:
        raise _args.incompatible_shapes(op, gradients, features) from None
    return execute(op, (gradients, features), value, attrs)


def _zeros_like(x: EagerTensor) -> EagerTensor:
    from tfshim.ops.creation import zeros_like

    return zeros_like(x)


# -- relu ----------------------------------------------------------------------------------------
def _relu_kernel(v: Any) -> Any:
    return np.maximum(v, _zero_values(v))


def _zero_values(v: np.ndarray) -> np.ndarray:
    """Zeros of `v`'s shape and dtype, as a read-only view of a cached array for floats of 1k to 4M
    elements. NumPy's maximum against a broadcast scalar skips its vector loop: against an array it
    runs two times faster; a fresh np.zeros would cost page faults as large as that gain."""
    size = v.size
    if size < 1024 or size > _ZEROS_MAX or v.dtype not in _ZEROS:
        return np.zeros((), v.dtype)
    zeros = _ZEROS[v.dtype]
    if zeros.size < size:
        zeros = _ZEROS[v.dtype] = np.zeros(min(max(size, 2 * zeros.size), _ZEROS_MAX), v.dtype)
        zeros.flags.writeable = False
    return zeros[:size].reshape(v.shape)


_ZEROS_MAX = 1 << 22
_ZEROS = {np.dtype(np.float32): np.zeros(0, np.float32), np.dtype(np.float64): np.zeros(0, np.float64)}


def relu(features: Any, name: Any = None) -> EagerTensor:
    """`tf.nn.relu`: max(features, 0); its gradient at 0 is 0."""
    x = features if type(features) is EagerTensor else _args.convert_to_tensor(features)
    if x._value.dtype not in _RELU_FLOATS:
        _args.check(_RELU, x)
    return execute(_RELU, (x,), quiet_numpy.run(_relu_kernel, x._value))


_RELU_FLOATS = real_float_dtypes(_RELU)


@_RELU.gradient
def _relu_grad(op: Any, grad: Any) -> Any:
    return relu_grad(grad, op.outputs[0])


def _relu_grad_kernel(g: Any, f: Any) -> Any:
    # TF multiplies by the mask (it does not select), so a NaN upstream stays NaN where features <= 0
    return np.multiply(g, np.greater(f, 0).astype(g.dtype))


@fast_binary(_RELU_GRAD, _relu_grad_kernel)
def relu_grad(gradients: EagerTensor, features: EagerTensor, /) -> EagerTensor:
    """ReluGrad: the upstream where features > 0, else 0."""
    _args.same_dtype(_RELU_GRAD, (gradients, features))
    try:
        value = kernel(_relu_grad_kernel, gradients._value, features._value)
    except ValueError:
        raise _args.incompatible_shapes(_RELU_GRAD, gradients, features) from None
    return execute(_RELU_GRAD, (gradients, features), value)


@_RELU_GRAD.gradient
def _relu_grad_grad(op: Any, grad: Any) -> tuple:
    x = op.inputs[1]
    return relu_grad(grad, x), _zeros_like(x)


# -- relu6 ---------------------------------------------------------------------------------------
def relu6(features: Any, name: Any = None) -> EagerTensor:
    """`tf.nn.relu6`: min(max(features, 0), 6); its gradient is 0 at both kinks."""
    x = _features(_RELU6, features)
    return execute(_RELU6, (x,), kernel(_relu6_kernel, x._value))


def _relu6_kernel(v: Any) -> Any:
    return np.minimum(np.maximum(v, np.zeros((), v.dtype)), np.asarray(6, v.dtype))[()]


@_RELU6.gradient
def _relu6_grad(op: Any, grad: Any) -> Any:
    return relu6_grad(grad, op.outputs[0])


def relu6_grad(gradients: EagerTensor, features: EagerTensor) -> EagerTensor:
    """Relu6Grad: the upstream where 0 < features < 6, else 0."""
    return _grad_op(_RELU6_GRAD, _relu6_grad_kernel, gradients, features)


def _relu6_grad_kernel(g: Any, f: Any) -> Any:
    # a mask product, as TF computes it: a NaN upstream stays NaN outside (0, 6)
    return np.multiply(g, ((f > 0) & (f < 6)).astype(g.dtype))


@_RELU6_GRAD.gradient
def _relu6_grad_grad(op: Any, grad: Any) -> tuple:
    x = op.inputs[1]
    return relu6_grad(grad, x), _zeros_like(x)


# -- leaky_relu ----------------------------------------------------------------------------------
def leaky_relu(features: Any, alpha: Any = 0.2, name: Any = None) -> EagerTensor:
    """`tf.nn.leaky_relu`: features where positive, else alpha * features; integer inputs are
    cast to float32 first. The gradient at 0 is alpha."""
    from tfshim.ops.casting import cast

    x = features if type(features) is EagerTensor else _args.convert_to_tensor(features)
    if x._value.dtype.kind in "iu":
        x = cast(x, "float32")
    if isinstance(alpha, np.ndarray):
        alpha = alpha.item()
    alpha = _float_attr("alpha", alpha)
    if x._value.dtype not in _LEAKY_RELU.allowed["T"][0]:
        raise _args.dtype_error(_LEAKY_RELU, x._value.dtype)
    return execute(_LEAKY_RELU, (x,), kernel(_leaky_relu_kernel, x._value, alpha), {"alpha": alpha})


def _float_attr(name: str, value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float, np.integer, np.floating)):
        raise TypeError(f"Expected float for argument '{name}' not {value!r}.")
    return float(value)


def _leaky_relu_kernel(v: Any, alpha: float) -> Any:
    w = _wide(v)
    return _back(np.where(w > 0, w, w * w.dtype.type(alpha)), v)


@_LEAKY_RELU.gradient
def _leaky_relu_grad(op: Any, grad: Any) -> Any:
    return leaky_relu_grad(grad, op.inputs[0], op.attrs["alpha"])


def leaky_relu_grad(gradients: EagerTensor, features: EagerTensor, alpha: float = 0.2) -> EagerTensor:
    """LeakyReluGrad: the upstream where features > 0, else alpha times it."""
    return _grad_op(_LEAKY_RELU_GRAD, _leaky_relu_grad_kernel, gradients, features, {"alpha": alpha})


def _leaky_relu_grad_kernel(g: Any, f: Any, alpha: float) -> Any:
    w = _wide(g)
    return _back(np.where(f > 0, w, w * w.dtype.type(alpha)), g)


@_LEAKY_RELU_GRAD.gradient
def _leaky_relu_grad_grad(op: Any, grad: Any) -> tuple:
    x = op.inputs[1]
    return leaky_relu_grad(grad, x, op.attrs["alpha"]), _zeros_like(x)


# -- elu and selu --------------------------------------------------------------------------------
def elu(features: Any, name: Any = None) -> EagerTensor:
    """`tf.nn.elu`: features where >= 0, else exp(features) - 1."""
    x = _features(_ELU, features)
    return execute(_ELU, (x,), kernel(_elu_kernel, x._value))


def _elu_kernel(v: Any) -> Any:
    w = _wide(v)
    return _back(np.where(w < 0, np.exp(w) - w.dtype.type(1), w), v)


@_ELU.gradient
def _elu_grad(op: Any, grad: Any) -> Any:
    return elu_grad(grad, op.outputs[0])


def elu_grad(gradients: EagerTensor, outputs: EagerTensor) -> EagerTensor:
    """EluGrad: (outputs + 1) * gradients where outputs < 0, else gradients."""
    return _grad_op(_ELU_GRAD, _elu_grad_kernel, gradients, outputs)


def _elu_grad_kernel(g: Any, y: Any) -> Any:
    wg, wy = _wide(g), _wide(y)
    return _back(np.where(wy < 0, (wy + wy.dtype.type(1)) * wg, wg), g)


@_ELU_GRAD.gradient
def _elu_grad_grad(op: Any, grad: Any) -> tuple:
    from tfshim.ops.arithmetic import multiply
    from tfshim.ops.comparison import less
    from tfshim.ops.selection import where

    elu_x = op.inputs[1]
    negative = less(elu_x, EagerTensor(np.zeros((), elu_x._value.dtype)))
    return elu_grad(grad, elu_x), where(negative, multiply(grad, op.inputs[0]), _zeros_like(elu_x))


def selu(features: Any, name: Any = None) -> EagerTensor:
    """`tf.nn.selu`: scale * features where >= 0, else scale * alpha * (exp(features) - 1)."""
    x = _features(_SELU, features)
    return execute(_SELU, (x,), kernel(_selu_kernel, x._value))


def _selu_kernel(v: Any) -> Any:
    w = _wide(v)
    t = w.dtype.type
    return _back(np.where(w < 0, t(_SELU_SCALE_ALPHA) * (np.exp(w) - t(1)), t(_SELU_SCALE) * w), v)


@_SELU.gradient
def _selu_grad(op: Any, grad: Any) -> Any:
    return selu_grad(grad, op.outputs[0])


def selu_grad(gradients: EagerTensor, outputs: EagerTensor) -> EagerTensor:
    """SeluGrad: gradients * (outputs + scale * alpha) where outputs < 0, else gradients * scale."""
    return _grad_op(_SELU_GRAD, _selu_grad_kernel, gradients, outputs)


def _selu_grad_kernel(g: Any, y: Any) -> Any:
    wg, wy = _wide(g), _wide(y)
    t = wg.dtype.type
    return _back(np.where(wy < 0, wg * (wy + t(_SELU_SCALE_ALPHA)), wg * t(_SELU_SCALE)), g)


@_SELU_GRAD.gradient
def _selu_grad_grad(op: Any, grad: Any) -> tuple:
    from tfshim.ops.arithmetic import multiply
    from tfshim.ops.comparison import less
    from tfshim.ops.selection import where

    selu_x = op.inputs[1]
    negative = less(selu_x, EagerTensor(np.zeros((), selu_x._value.dtype)))
    return selu_grad(grad, selu_x), where(negative, multiply(grad, op.inputs[0]), _zeros_like(selu_x))


# -- softplus and softsign -----------------------------------------------------------------------
def softplus(features: Any, name: Any = None) -> EagerTensor:
    """`tf.math.softplus` (`tf.nn.softplus`): log(exp(features) + 1), computed as TensorFlow's
    kernel does (features itself above -log(eps) - 2, exp(features) below log(eps) + 2)."""
    x = _features(_SOFTPLUS, features)
    return execute(_SOFTPLUS, (x,), kernel(_softplus_kernel, x._value))


def _softplus_kernel(v: Any) -> Any:
    threshold = math.log(float(np.finfo(v.dtype).eps)) + 2.0
    w = _wide(v)
    e = np.exp(w)
    return _back(np.where(w > -threshold, w, np.where(w < threshold, e, np.log1p(e))), v)


@_SOFTPLUS.gradient
def _softplus_grad(op: Any, grad: Any) -> Any:
    from tfshim.ops.arithmetic import multiply
    from tfshim.ops.unary_math import sigmoid

    return multiply(grad, sigmoid(op.inputs[0]))


def softsign(features: Any, name: Any = None) -> EagerTensor:
    """`tf.math.softsign` (`tf.nn.softsign`): features / (abs(features) + 1)."""
    x = _features(_SOFTSIGN, features)
    return execute(_SOFTSIGN, (x,), kernel(_softsign_kernel, x._value))


def _softsign_kernel(v: Any) -> Any:
    w = _wide(v)
    return _back(w / (np.abs(w) + w.dtype.type(1)), v)


@_SOFTSIGN.gradient
def _softsign_grad(op: Any, grad: Any) -> Any:
    return softsign_grad(grad, op.inputs[0])


def softsign_grad(gradients: EagerTensor, features: EagerTensor) -> EagerTensor:
    """SoftsignGrad: gradients / (1 + abs(features))**2. It has no gradient (as in TensorFlow)."""
    return _grad_op(_SOFTSIGN_GRAD, _softsign_grad_kernel, gradients, features)


def _softsign_grad_kernel(g: Any, f: Any) -> Any:
    wg, wf = _wide(g), _wide(f)
    d = np.abs(wf) + wf.dtype.type(1)
    return _back(wg / (d * d), g)


# -- gelu ----------------------------------------------------------------------------------------
def gelu(features: Any, approximate: bool = False, name: Any = None) -> EagerTensor:
    """`tf.nn.gelu`: features * P(X <= features) for X ~ N(0, 1), composed from other ops as in
    TensorFlow (0.5 * x * erfc(-x / sqrt(2)), or the tanh approximation)."""
    from tfshim.ops.arithmetic import add, multiply, negative, pow
    from tfshim.ops.special_math import erfc
    from tfshim.ops.unary_math import tanh

    x = features if type(features) is EagerTensor else _args.convert_to_tensor(features)
    if x._value.dtype.kind != "f":
        raise ValueError("`features.dtype` must be a floating point tensor."
                         f"Received:features.dtype={x.dtype}")
    half = _scalar(0.5, x)
    if approximate:
        coeff = _scalar(0.044715, x)
        inner = multiply(_scalar(0.7978845608028654, x), add(x, multiply(coeff, pow(x, _scalar(3, x)))))
        return multiply(multiply(half, x), add(_scalar(1.0, x), tanh(inner)))
    return multiply(multiply(half, x), erfc(multiply(negative(x), _scalar(0.7071067811865476, x))))


def _scalar(value: float, like: EagerTensor) -> EagerTensor:
    return EagerTensor(np.asarray(value, dtype=like._value.dtype)[()])


# -- swish / silu --------------------------------------------------------------------------------
def swish(features: Any, beta: Any = 1.0) -> EagerTensor:
    """`tf.nn.swish` (`tf.nn.silu`): features * sigmoid(beta * features), with TensorFlow's custom
    gradient (recorded as one op with inputs features and beta)."""
    from tfshim.ops.arithmetic import multiply
    from tfshim.ops.casting import cast
    from tfshim.ops.unary_math import sigmoid

    x = features if type(features) is EagerTensor else _args.convert_to_tensor(features)
    b = beta if type(beta) is EagerTensor else _args.convert_to_tensor(beta)
    b = cast(b, x.dtype)
    # TensorFlow runs the forward ops (recorded, but nothing reaches them) and records the result
    # once more as the output of the custom-gradient op.
    value = multiply(x, sigmoid(multiply(b, x)))
    if not _state.active:
        return value
    return execute(_SWISH, (x, b), value._value)


silu = swish


@_SWISH.gradient
def _swish_grad(op: Any, dy: Any) -> tuple:
    from tfshim.ops.arithmetic import add, multiply, subtract
    from tfshim.ops.reductions import reduce_sum
    from tfshim.ops.unary_math import sigmoid, square

    features, beta = op.inputs
    one = _scalar(1.0, features)
    sig = sigmoid(multiply(beta, features))
    activation_grad = multiply(sig, add(one, multiply(multiply(beta, features), subtract(one, sig))))
    beta_grad = reduce_sum(multiply(multiply(multiply(dy, square(features)), sig), subtract(one, sig)))
    return multiply(dy, activation_grad), beta_grad
