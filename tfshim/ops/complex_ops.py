"""Complex numbers: conj, real, imag, complex, angle. For real inputs `conj` and `real` return the
input itself and `imag` gives zeros, without recording an op, as in TensorFlow."""

from __future__ import annotations

from typing import Any

import numpy as np

from tfshim._engine import dtypes as _dtypes
from tfshim._engine.registry import execute, kernel, op_def
from tfshim._engine.tensor import EagerTensor
from tfshim.ops import _args

_CONJ = op_def("Conj")
_REAL = op_def("Real")
_IMAG = op_def("Imag")
_COMPLEX = op_def("Complex", broadcasting=True)
_ANGLE = op_def("Angle")


def _tensor(x: Any) -> EagerTensor:
    return x if type(x) is EagerTensor else _args.convert_to_tensor(x)


def conj(x: Any, name: Any = None) -> Any:
    """`tf.math.conj`."""
    if type(x) is EagerTensor:
        kind = x._value.dtype.kind
    else:
        x = _tensor(x)
        kind = x._value.dtype.kind
    if kind == "c":
        return execute(_CONJ, (x,), kernel(np.conj, x._value))
    if kind in "fiub" or x.dtype is _dtypes.bfloat16:
        return x
    raise TypeError(f"Expected numeric or variant tensor, got dtype {x.dtype!r}")


@_CONJ.gradient
def _conj_grad(op: Any, grad: Any) -> Any:
    return conj(grad)


def real(input: Any, name: Any = None) -> EagerTensor:
    """`tf.math.real`."""
    x = _tensor(input)
    if x._value.dtype.kind == "c":
        return execute(_REAL, (x,), kernel(np.real, x._value))
    if x.dtype.is_numpy_compatible and x._value.dtype != object:
        return x
    raise TypeError(f"input must be a numeric tensor, but got tensor with dtype {x.dtype!r}")


@_REAL.gradient
def _real_grad(op: Any, grad: Any) -> Any:
    return complex(grad, EagerTensor(np.zeros((), grad._value.dtype)))


def imag(input: Any, name: Any = None) -> EagerTensor:
    """`tf.math.imag`: zeros for real inputs."""
    from tfshim.ops.creation import zeros_like

    x = _tensor(input)
    if x._value.dtype.kind == "c":
        return execute(_IMAG, (x,), kernel(np.imag, x._value))
    return zeros_like(x)


@_IMAG.gradient
def _imag_grad(op: Any, grad: Any) -> Any:
    return complex(EagerTensor(np.zeros((), grad._value.dtype)), grad)


def complex(real: Any, imag: Any, name: Any = None) -> EagerTensor:
    """`tf.complex`: float32 parts give complex64, float64 parts complex128."""
    real, imag = _tensor(real), _tensor(imag)
    if real.dtype != imag.dtype or real.dtype not in (_dtypes.float32, _dtypes.float64):
        if real.dtype != imag.dtype:
            raise _args.mismatch_error(_COMPLEX, 1, real._value.dtype, imag._value.dtype)
        raise TypeError(f"real and imag have incorrect types: {real.dtype.name} {imag.dtype.name}")
    out = np.complex64 if real.dtype is _dtypes.float32 else np.complex128
    try:
        value = kernel(_make_complex, real._value, imag._value, out)
    except ValueError:
        raise _args.incompatible_shapes(_COMPLEX, real, imag) from None
    return execute(_COMPLEX, (real, imag), value)


def _make_complex(re: Any, im: Any, out: Any) -> Any:
    return (np.asarray(re) + 1j * np.asarray(im)).astype(out)[()]


@_COMPLEX.gradient
def _complex_grad(op: Any, grad: Any) -> tuple:
    return real(grad), imag(grad)


def angle(input: Any, name: Any = None) -> EagerTensor:
    """`tf.math.angle`: pi for negative reals, 0 otherwise, for real inputs."""
    from tfshim.ops import comparison, creation, selection
    from tfshim.ops.arithmetic import multiply

    x = _tensor(input)
    if x._value.dtype.kind == "c":
        return execute(_ANGLE, (x,), kernel(np.angle, x._value).astype(x.dtype.real_dtype._np))
    ones = creation.ones_like(x)
    pi = _args.convert_to_tensor(np.pi, dtype=x.dtype)
    return selection.where(comparison.less(x, _args.convert_to_tensor(0, dtype=x.dtype)),
                           multiply(pi, ones), creation.zeros_like(x))


@_ANGLE.gradient
def _angle_grad(op: Any, grad: Any) -> Any:
    from tfshim.ops.arithmetic import multiply, negative
    from tfshim.ops.unary_math import reciprocal

    x = op.inputs[0]
    z = reciprocal(complex(imag(x), real(x)))
    complex_grad = complex(grad, EagerTensor(np.zeros((), grad._value.dtype)))
    return multiply(negative(complex_grad), z)
