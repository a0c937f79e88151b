"""`tf.cast` and its gradient, which only flows between floating and complex dtypes."""

from __future__ import annotations

from typing import Any

import numpy as np

from tfshim._engine import dtypes as _dtypes
from tfshim._engine import logs
from tfshim._engine.convert import convert_to_tensor
from tfshim._engine.errors import UnimplementedError, kernel_error
from tfshim._engine.registry import execute, kernel, op_def
from tfshim._engine.tensor import EagerTensor

_CAST = op_def("Cast")
_DIFFERENTIABLE = frozenset({_dtypes.float16, _dtypes.float32, _dtypes.float64, _dtypes.bfloat16,
                             _dtypes.complex64, _dtypes.complex128})


def cast(x: Any, dtype: Any, name: Any = None) -> Any:
    """`tf.cast`. A tensor (or variable) that already has `dtype` is returned unchanged."""
    target = _dtypes.as_dtype(dtype)
    if (isinstance(x, EagerTensor) or getattr(x, "_is_variable", False)) and x.dtype == target:
        return x
    x = convert_to_tensor(x)
    source = x.dtype
    if source.is_complex and target.is_floating:
        logs.warning(f"You are casting an input of type {source.name} to an incompatible dtype {target.name}.  "
                     "This will discard the imaginary part and may not be what you intended.")
    if source == target:
        return x
    return execute(_CAST, (x,), kernel(_cast_kernel, x._value, source, target), {"DstT": target})


def _cast_kernel(value: Any, source: Any, target: Any) -> Any:
    if source is _dtypes.string or target is _dtypes.string:
        raise kernel_error("Cast", f"Cast {source.name} to {target.name} is not supported", cls=UnimplementedError)
    if source.is_complex and not target.is_complex:
        value = np.real(value)
    return np.asarray(value).astype(target._np)[()] if np.ndim(value) == 0 else value.astype(target._np)


@_CAST.gradient
def _cast_grad(op: Any, grad: Any) -> Any:
    source = op.inputs[0].dtype
    if source in _DIFFERENTIABLE and grad.dtype in _DIFFERENTIABLE:
        return cast(grad, source)
    return None


def saturate_cast(value: Any, dtype: Any, name: Any = None) -> Any:
    """`tf.dtypes.saturate_cast`: clamps to the target's range before casting."""
    from tfshim.ops.arithmetic import maximum, minimum

    value = convert_to_tensor(value)
    target = _dtypes.as_dtype(dtype)
    if not value.dtype.is_complex and not target.is_complex and target._kind in ("int", "uint", "float") \
            and value.dtype._kind in ("int", "uint", "float"):
        lo, hi = target.min, target.max
        if value.dtype.min < lo:
            value = maximum(value, convert_to_tensor(lo, dtype=value.dtype) if value.dtype.is_floating
                            else EagerTensor(np.asarray(lo).astype(value.dtype._np)))
        if value.dtype.max > hi:
            value = minimum(value, convert_to_tensor(float(hi), dtype=value.dtype) if value.dtype.is_floating
                            else EagerTensor(np.asarray(hi).astype(value.dtype._np)))
    return cast(value, target)
