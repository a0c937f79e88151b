"""A few `tf.image` ops: `adjust_contrast` (TF's AdjustContrastv2 kernel, which has no registered
gradient, so differentiating through it raises TF's LookupError) and `convert_image_dtype`."""

from __future__ import annotations

from typing import Any

import numpy as np

from tfshim._engine import dtypes as _dtypes
from tfshim._engine.convert import convert_to_tensor
from tfshim._engine.errors import NotFoundError, kernel_error
from tfshim._engine.registry import execute, kernel, op_def
from tfshim._engine.tensor import EagerTensor
from tfshim.ops import _args

_ADJUST_CONTRAST = op_def("AdjustContrastv2")  # TensorFlow registers no gradient for it
_NO_KERNEL = ("Could not find device for node: {{{{node AdjustContrastv2}}}} = AdjustContrastv2[T=DT_{}]\n"
              "All kernels registered for op AdjustContrastv2:\n  device='XLA_CPU_JIT'; T in [DT_FLOAT, DT_HALF]\n"
              "  device='CPU'; T in [DT_FLOAT]\n [Op:AdjustContrastv2] name: ")


def convert_image_dtype(image: Any, dtype: Any, saturate: bool = False, name: Any = None) -> EagerTensor:
    """`tf.image.convert_image_dtype`: rescales between integer ranges and [0, 1) floats, as TF does."""
    from tfshim.ops.arithmetic import floordiv, multiply
    from tfshim.ops.casting import cast, saturate_cast
    from tfshim.ops.shape_ops import identity

    image = _args.tensor(image)
    dtype = _dtypes.as_dtype(dtype)
    if not dtype.is_floating and not dtype.is_integer:
        raise AttributeError("dtype must be either floating point or integer")
    if not image.dtype.is_floating and not image.dtype.is_integer:
        raise AttributeError("image dtype must be either floating point or integer")
    if dtype == image.dtype:
        return identity(image)
    if image.dtype.is_integer and dtype.is_integer:
        scale_in = image.dtype.max
        scale_out = dtype.max
        if scale_in > scale_out:
            scale = (scale_in + 1) // (scale_out + 1)
            scaled = floordiv(image, scale)
            return saturate_cast(scaled, dtype) if saturate else cast(scaled, dtype)
        casted = saturate_cast(image, dtype) if saturate else cast(image, dtype)
        return multiply(casted, (scale_out + 1) // (scale_in + 1))
    if image.dtype.is_floating and dtype.is_floating:
        return cast(image, dtype)
    if image.dtype.is_integer:
        return multiply(cast(image, dtype), 1.0 / image.dtype.max)
    scaled = multiply(image, dtype.max + 0.5)
    return saturate_cast(scaled, dtype) if saturate else cast(scaled, dtype)


def adjust_contrast(images: Any, contrast_factor: Any) -> EagerTensor:
    """`tf.image.adjust_contrast`: per image and channel, `(x - mean) * contrast_factor + mean` over
    the last three dimensions (height, width, channels). Forward only, as in TF."""
    images = _args.tensor(images)
    orig_dtype = images.dtype
    flt = images if orig_dtype in (_dtypes.float16, _dtypes.float32) else convert_image_dtype(images, _dtypes.float32)
    adjusted = _adjust_contrastv2(flt, contrast_factor)
    return convert_image_dtype(adjusted, orig_dtype, saturate=True)


def _adjust_contrastv2(images: EagerTensor, contrast_factor: Any) -> EagerTensor:
    name = None if isinstance(contrast_factor, (list, tuple)) else ""
    factor = contrast_factor if isinstance(contrast_factor, EagerTensor) else \
        convert_to_tensor(contrast_factor, dtype=_dtypes.float32)
    if factor._value.dtype != np.float32:
        raise _args.mismatch_error(_ADJUST_CONTRAST, 1, np.dtype(np.float32), factor._value.dtype)
    _args.check(_ADJUST_CONTRAST, images)
    if images._value.dtype != np.float32:  # the half kernel exists only for XLA
        raise NotFoundError(None, None, _NO_KERNEL.format(images.dtype._kernel_name.upper()))
    value = images._value
    if value.ndim < 3:
        raise kernel_error("AdjustContrastv2", f"input must be at least 3-D, got shape{_args.shape_text(value.shape)}",
                           name=name)
    if factor._value.ndim != 0:
        raise kernel_error("AdjustContrastv2",
                           f"contrast_factor must be scalar: {_args.shape_text(factor._value.shape)}", name=name)
    out = kernel(_contrast_kernel, value, factor._value)
    return execute(_ADJUST_CONTRAST, (images, factor), out)


def _contrast_kernel(value: np.ndarray, factor: np.float32) -> np.ndarray:
    if value.size == 0:
        return value.copy()
    mean = np.mean(value, axis=(-3, -2), keepdims=True, dtype=np.float32)
    return ((value - mean) * factor + mean).astype(np.float32)
