"""`tf.cast` and its gradient, which only flows between floating and complex dtypes."""

from __future__ import annotations

from typing import Any

import numpy as np

from tfshim._engine import dtypes as _dtypes
from tfshim._engine import logs
from tfshim._engine.convert import convert_to_tensor
from tfshim._engine.errors import UnimplementedError, kernel_error
from tfshim._engine.indexed_slices import IndexedSlices
from tfshim._engine.registry import execute, kernel, op_def, quiet_numpy
from tfshim._engine.tensor import EagerTensor

_CAST = op_def("Cast")
_PLAIN = frozenset(np.dtype(t) for t in (np.bool_, np.int32, np.int64, np.float16, np.float32, np.float64))
_DIFFERENTIABLE = frozenset({_dtypes.float16, _dtypes.float32, _dtypes.float64, _dtypes.bfloat16,
                             _dtypes.complex64, _dtypes.complex128})


def cast(x: Any, dtype: Any, name: Any = None) -> Any:
    """`tf.cast`. A tensor (or variable) that already has `dtype` is returned unchanged; an IndexedSlices
    gets its values cast."""
    target = _dtypes.as_dtype(dtype)
    if type(x) is EagerTensor:  # between bool, integer and real float arrays: astype, nothing to report
        value = x._value
        source = value.dtype
        if source is target._np:
            return x
        if source in _PLAIN and target._np in _PLAIN and type(value) is np.ndarray and value.ndim:
            return execute(_CAST, (x,), quiet_numpy.run(value.astype, target._np), {"DstT": target})
    if (isinstance(x, EagerTensor) or getattr(x, "_is_variable", False)) and x.dtype == target:
        return x
    if isinstance(x, IndexedSlices):  # the values cast, in a new IndexedSlices (as TF does)
        return IndexedSlices(cast(x.values, target), x.indices, x.dense_shape)
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
        raise kernel_error("Cast", f"Cast {source._kernel_name} to {target._kernel_name} is not supported",
                           cls=UnimplementedError)  # (TF names the C++ types: float, double, half)
    if source.is_complex and not target.is_complex:
        value = np.real(value)
    return np.asarray(value).astype(target._np)[()] if np.ndim(value) == 0 else value.astype(target._np)


@_CAST.sparse_gradient
def _cast_grad(op: Any, grad: Any) -> Any:
    source = op.inputs[0].dtype
    if source in _DIFFERENTIABLE and grad.dtype in _DIFFERENTIABLE:
        return cast(grad, source)  # (an IndexedSlices upstream stays one)
    return None


def saturate_cast(value: Any, dtype: Any, name: Any = None) -> Any:
    """`tf.dtypes.saturate_cast`: clamps with the ClipByValue op to the target's range (nudged inward
    where the limit is not representable in the input dtype, as TensorFlow does), then casts."""
    from tfshim.ops.clipping import clip_by_value_op
    from tfshim.ops.complex_ops import real

    value = convert_to_tensor(value)
    target = _dtypes.as_dtype(dtype)
    in_dtype = value.dtype
    if in_dtype.is_complex:
        if target.is_complex:
            real_in, real_out = in_dtype.real_dtype, target.real_dtype
            if real_in.min < real_out.min or real_in.max > real_out.max:
                lo = convert_to_tensor(complex(real_out.min, real_out.min), dtype=in_dtype)
                hi = convert_to_tensor(complex(real_out.max, real_out.max), dtype=in_dtype)
                value = clip_by_value_op(value, lo, hi, name="clamp")
            return cast(value, target)
        value = real(value)
        logs.warning("Casting complex to real discards imaginary part.")
        in_dtype = in_dtype.real_dtype
    out_real = target.real_dtype
    np_type = in_dtype.as_numpy_dtype
    try:
        promoted = np.promote_types(np_type, out_real.as_numpy_dtype)
    except TypeError:
        promoted = float
    with np.errstate(all="ignore"):
        min_limit = np_type(np.maximum(in_dtype.min, out_real.min))
        pair = np.array([min_limit, out_real.min], dtype=promoted)
        if pair[0] < pair[1]:
            min_limit = np.nextafter(min_limit, np_type(0), dtype=np_type)
        max_limit = np_type(np.minimum(float(in_dtype.max), float(out_real.max)))
        pair = np.array([max_limit, out_real.max], dtype=promoted)
        if pair[0] > pair[1]:
            max_limit = np.nextafter(max_limit, np_type(0), dtype=np_type)
    value = clip_by_value_op(value, convert_to_tensor(min_limit, dtype=in_dtype),
                             convert_to_tensor(max_limit, dtype=in_dtype), name="clamp")
    return cast(value, target)
