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

_COMPLEX_OUT = {np.dtype(np.float32): np.dtype(np.complex64), np.dtype(np.float64): np.dtype(np.complex128)}


def _tensor(x: Any) -> EagerTensor:
    return x if type(x) is EagerTensor else _args.convert_to_tensor(x)


def conj(x: Any, name: Any = None) -> Any:
    """`tf.math.conj`: real (floating or integer) tensors are returned as they are."""
    if type(x) is EagerTensor:
        kind = x._value.dtype.kind
        if kind in "fiu":
            return x
    else:
        x = _tensor(x)
        kind = x._value.dtype.kind
    if kind == "c":
        return execute(_CONJ, (x,), kernel(np.conj, x._value))
    if x.dtype.is_floating or x.dtype.is_integer:
        return x
    raise TypeError(f"Expected numeric or variant tensor, got dtype {x.dtype!r}.")


@_CONJ.gradient
def _conj_grad(op: Any, grad: Any) -> Any:
    return conj(grad)


def _is_numeric(dtype: Any) -> bool:
    return dtype.is_floating or dtype.is_integer or dtype.is_complex


def real(input: Any, name: Any = None) -> EagerTensor:
    """`tf.math.real`: the input itself for real numeric tensors."""
    x = _tensor(input)
    if x._value.dtype.kind == "c":
        return execute(_REAL, (x,), kernel(np.real, x._value))
    if _is_numeric(x.dtype):
        return x
    raise TypeError(f"input must be a numeric tensor, but got tensor with dtype {x.dtype}")


@_REAL.gradient
def _real_grad(op: Any, grad: Any) -> Any:
    return complex(grad, EagerTensor(np.zeros((), grad._value.dtype)[()]))


def imag(input: Any, name: Any = None) -> EagerTensor:
    """`tf.math.imag`: zeros for real inputs."""
    from tfshim.ops.creation import zeros_like

    x = _tensor(input)
    if x._value.dtype.kind == "c":
        return execute(_IMAG, (x,), kernel(np.imag, x._value))
    return zeros_like(x)


@_IMAG.gradient
def _imag_grad(op: Any, grad: Any) -> Any:
    return complex(EagerTensor(np.zeros((), grad._value.dtype)[()]), grad)


def complex(real: Any, imag: Any, name: Any = None) -> EagerTensor:
    """`tf.complex`: float32 parts give complex64, float64 parts complex128 (they broadcast)."""
    real, imag = _tensor(real), _tensor(imag)
    out = _COMPLEX_OUT.get(real._value.dtype)
    if out is None or imag._value.dtype != real._value.dtype:
        raise TypeError(f"The `real` and `imag` components have incorrect types: {real.dtype.name} "
                        f"{imag.dtype.name}. They must be consistent, and one of "
                        f"{[_dtypes.float32, _dtypes.float64]}")
    try:
        value = kernel(_make_complex, real._value, imag._value, out)
    except ValueError:
        raise _args.incompatible_shapes(_COMPLEX, real, imag) from None
    return execute(_COMPLEX, (real, imag), value)


def _make_complex(re: Any, im: Any, out: np.dtype) -> Any:
    shape = np.broadcast_shapes(np.shape(re), np.shape(im))
    value = np.empty(shape, dtype=out)
    value.real = re
    value.imag = im
    return value if shape else value[()]


@_COMPLEX.gradient
def _complex_grad(op: Any, grad: Any) -> tuple:
    return real(grad), imag(grad)


def angle(input: Any, name: Any = None) -> EagerTensor:
    """`tf.math.angle`: for real inputs, pi where negative and 0 elsewhere (no gradient then)."""
    from tfshim.ops import creation, selection

    x = _tensor(input)
    if x._value.dtype.kind == "c":
        return execute(_ANGLE, (x,), kernel(_angle_kernel, x._value))
    negative = x < 0
    return selection.where(negative, np.pi * creation.ones_like(x), creation.zeros_like(x))


def _angle_kernel(v: Any) -> Any:
    out = np.angle(v)
    return out.astype(v.real.dtype) if isinstance(out, np.ndarray) else v.real.dtype.type(out)


@_ANGLE.gradient
def _angle_grad(op: Any, grad: Any) -> Any:
    from tfshim.ops.arithmetic import multiply, negative
    from tfshim.ops.unary_math import reciprocal

    x = op.inputs[0]
    z = reciprocal(complex(imag(x), real(x)))
    complex_grad = complex(grad, EagerTensor(np.zeros((), grad._value.dtype)[()]))
    return multiply(negative(complex_grad), z)
