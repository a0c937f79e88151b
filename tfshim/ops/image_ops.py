"""`tf.image` ops: `adjust_contrast` (TF's AdjustContrastv2 kernel, which has no registered gradient,
so differentiating through it raises TF's LookupError), `convert_image_dtype`, `resize` (TF's
half-pixel ResizeBilinear/NearestNeighbor/Bicubic/Area kernels and the antialiased ScaleAndTranslate,
each with TF's gradient op), `resize_with_pad`, `resize_with_crop_or_pad`, the flips, crops and pads
(composed from ReverseV2, Slice and Pad as TF composes them) and `extract_patches`."""

from __future__ import annotations

from typing import Any

import numpy as np

from tfshim._engine import dtypes as _dtypes
from tfshim._engine.convert import convert_to_tensor
from tfshim._engine.errors import InvalidArgumentError, NotFoundError, OutOfRangeError, UnimplementedError, kernel_error
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


# =====================================================================================================
# Resizing (ResizeBilinear, ResizeNearestNeighbor, ResizeBicubic, ResizeArea, ScaleAndTranslate), with
# TF's half-pixel sampling rules. Every method is separable: per spatial axis a weight matrix
# [out, in] (nearest: an index vector), applied as two matmuls; each gradient op applies the transposes.
# =====================================================================================================
_RESIZE_BILINEAR = op_def("ResizeBilinear")
_RESIZE_BILINEAR_GRAD = op_def("ResizeBilinearGrad", differentiable=False)  # TF: NotDifferentiable
_RESIZE_NEAREST = op_def("ResizeNearestNeighbor")
_RESIZE_NEAREST_GRAD = op_def("ResizeNearestNeighborGrad")  # no gradient in TF
_RESIZE_BICUBIC = op_def("ResizeBicubic")
_RESIZE_BICUBIC_GRAD = op_def("ResizeBicubicGrad")  # no gradient in TF
_RESIZE_AREA = op_def("ResizeArea")  # no gradient in TF (LookupError)
_SCALE_TRANSLATE = op_def("ScaleAndTranslate")
_SCALE_TRANSLATE_GRAD = op_def("ScaleAndTranslateGrad")  # no gradient in TF
_PATCHES = op_def("ExtractImagePatches")
_PATCHES_GRAD = op_def("_ExtractImagePatchesGrad")  # tfshim's name for TF's sparse-matmul adjoint

_PATCHES_SUMMARY = ("Op<name=ExtractImagePatches; signature=images:T -> patches:T; attr=ksizes:list(int),min=4; "
                    "attr=strides:list(int),min=4; attr=rates:list(int),min=4; attr=T:type,allowed=[DT_BFLOAT16, "
                    "DT_HALF, DT_FLOAT, DT_DOUBLE, DT_INT8, DT_INT16, DT_INT32, DT_INT64, DT_UINT8, DT_UINT16, "
                    "DT_UINT32, DT_UINT64, DT_COMPLEX64, DT_COMPLEX128, DT_BOOL]; attr=padding:string,allowed="
                    "[\"SAME\", \"VALID\"]>")
_RESIZE_ATTRS = {  # per op: TF's allowed T names (as its error lists them) and the rest of its signature
    "ResizeBilinear": ("int8, uint8, int16, uint16, int32, int64, bfloat16, half, float, double, bfloat16",
                       "size:int32 -> resized_images:float",
                       "attr=align_corners:bool,default=false; attr=half_pixel_centers:bool,default=false"),
    "ResizeNearestNeighbor": ("int8, uint8, int16, uint16, int32, int64, half, float, double, bfloat16",
                              "size:int32 -> resized_images:T",
                              "attr=align_corners:bool,default=false; attr=half_pixel_centers:bool,default=false"),
    "ResizeBicubic": ("int8, uint8, int16, uint16, int32, int64, half, float, double, bfloat16",
                      "size:int32 -> resized_images:float",
                      "attr=align_corners:bool,default=false; attr=half_pixel_centers:bool,default=false"),
    "ResizeArea": ("int8, uint8, int16, uint16, int32, int64, half, float, double, bfloat16",
                   "size:int32 -> resized_images:float", "attr=align_corners:bool,default=false"),
    "ScaleAndTranslate": ("int8, uint8, int16, uint16, int32, int64, bfloat16, half, float, double",
                          "size:int32, scale:float, translation:float -> resized_images:float",
                          "attr=kernel_type:string,default=\"lanczos3\"; attr=antialias:bool,default=true")}
_BY_NAME = {"half": "float16", "float": "float32", "double": "float64"}
_RESIZE_ALLOWED = {op: frozenset(_dtypes.as_dtype(_BY_NAME.get(n, n))._np for n in names.split(", "))
                   for op, (names, _, _) in _RESIZE_ATTRS.items()}


def _resize_dtype_error(op: Any, np_dtype: np.dtype) -> InvalidArgumentError:
    names, signature, rest = _RESIZE_ATTRS[op.name]
    listed = ", ".join(f"DT_{n.upper()}" for n in names.split(", "))
    summary = f"Op<name={op.name}; signature=images:T, {signature}; attr=T:type,allowed=[{listed}]; {rest}>"
    return InvalidArgumentError(
        None, None, f"Value for attr 'T' of {_args.kernel_name(np_dtype)} is not in the list of allowed values: "
                    f"{names}\n\t; NodeDef: {{{{node {op.name}}}}}; {summary} [Op:{op.name}] name: ")


_F32 = np.dtype(np.float32)
_F64 = np.dtype(np.float64)
_TABLE = 1024  # TF's bicubic coefficient table size


def _half_pixel_source(out_size: int, in_size: int) -> np.ndarray:
    scale = np.float32(in_size) / np.float32(out_size)
    return (np.arange(out_size, dtype=np.float32) + np.float32(0.5)) * scale - np.float32(0.5)


def _taps_matrix(idx: np.ndarray, w: np.ndarray, in_size: int) -> np.ndarray:
    """The [out, in] weight matrix of per-output taps (indices [out, k], weights [out, k])."""
    a = np.zeros((idx.shape[0], in_size))
    rows = np.repeat(np.arange(idx.shape[0]), idx.shape[1])
    np.add.at(a, (rows, idx.reshape(-1)), w.reshape(-1).astype(np.float64))
    return a


def _bilinear_taps(out_size: int, in_size: int) -> tuple:
    """TF's half-pixel bilinear taps: (lower, upper) indices and the float32 lerp."""
    src = _half_pixel_source(out_size, in_size)
    low = np.floor(src)
    lerp = (src - low).astype(np.float32)
    top = np.maximum(low, 0).astype(np.int64)
    bottom = np.minimum(np.ceil(src), in_size - 1).astype(np.int64)
    return top, bottom, lerp


def _bilinear_weights(out_size: int, in_size: int) -> np.ndarray:
    top, bottom, lerp = _bilinear_taps(out_size, in_size)
    return _taps_matrix(np.stack([top, bottom], 1), np.stack([1 - lerp, lerp], 1), in_size)


def _nearest_index(out_size: int, in_size: int) -> np.ndarray:
    scale = np.float32(in_size) / np.float32(out_size)
    src = np.floor((np.arange(out_size, dtype=np.float32) + np.float32(0.5)) * scale)
    return np.minimum(src, in_size - 1).astype(np.int64)


def _keys_table() -> np.ndarray:
    a = -0.5
    x = np.arange(_TABLE + 1, dtype=np.float64) / _TABLE
    table = np.empty((_TABLE + 1, 2))
    table[:, 0] = ((a + 2) * x - (a + 3)) * x * x + 1
    x1 = x + 1
    table[:, 1] = ((a * x1 - 5 * a) * x1 + 8 * a) * x1 - 4 * a
    return table.astype(np.float32)


_KEYS = _keys_table()


def _bicubic_taps(out_size: int, in_size: int) -> tuple:
    """TF's half-pixel Keys-cubic taps: four clamped indices per output and float32 weights, zero
    outside the image and renormalized (as TF's GetWeightsAndIndices with use_keys_cubic)."""
    src = _half_pixel_source(out_size, in_size)
    loc = np.floor(src).astype(np.int64)
    offset = np.rint((src - np.floor(src)) * _TABLE).astype(np.int64)
    taps = np.stack([loc - 1, loc, loc + 1, loc + 2], axis=1)
    w = np.stack([_KEYS[offset, 1], _KEYS[offset, 0], _KEYS[_TABLE - offset, 0], _KEYS[_TABLE - offset, 1]], axis=1)
    w = np.where((taps >= 0) & (taps < in_size), w, np.float32(0))
    total = w.sum(axis=1, keepdims=True, dtype=np.float32)
    w = np.where(np.abs(total) >= 1000 * np.finfo(np.float32).tiny, w * (np.float32(1) / total), w)
    return np.clip(taps, 0, in_size - 1), w.astype(np.float32)


def _bicubic_weights(out_size: int, in_size: int) -> np.ndarray:
    return _taps_matrix(*_bicubic_taps(out_size, in_size), in_size)


def _area_weights(out_size: int, in_size: int) -> np.ndarray:
    scale = in_size / out_size
    a = np.zeros((out_size, in_size))
    for o in range(out_size):
        start, end = o * scale, (o + 1) * scale
        for i in range(int(np.floor(start)), int(np.ceil(end))):
            a[o, min(i, in_size - 1)] += min(i + 1, end) - max(i, start)
    return a / scale


# ScaleAndTranslate's kernels (TF's sampling_kernels.h), each with its radius
def _triangle(x: np.ndarray) -> np.ndarray:
    return np.maximum(0.0, 1.0 - x)


def _keys_cubic(x: np.ndarray) -> np.ndarray:
    return np.where(x < 1, ((1.5 * x - 2.5) * x) * x + 1, np.where(x < 2, ((-0.5 * x + 2.5) * x - 4) * x + 2, 0.0))


def _mitchell_cubic(x: np.ndarray) -> np.ndarray:
    """Mitchell-Netravali with B = C = 1/3."""
    far = (((-7.0 / 18.0) * x + 2.0) * x - 10.0 / 3.0) * x + 16.0 / 9.0
    near = (((7.0 / 6.0) * x - 2.0) * x) * x + 8.0 / 9.0
    return np.where(x >= 2, 0.0, np.where(x >= 1, far, near))


def _lanczos(radius: float) -> Any:
    pi = 3.14159265359  # TF's constant

    def fn(x: np.ndarray) -> np.ndarray:
        with np.errstate(divide="ignore", invalid="ignore"):
            v = radius * np.sin(pi * x) * np.sin(pi * x / radius) / (pi * pi * x * x)
        return np.where(x > radius, 0.0, np.where(x <= 1e-3, 1.0, v))

    return fn


def _gaussian(x: np.ndarray) -> np.ndarray:
    sigma = np.float32(1.5) / np.float32(3.0)
    return np.where(x >= 1.5, 0.0, np.exp(-x * x / (2.0 * sigma * sigma)))


_KERNELS = {"triangle": (_triangle, 1.0), "keyscubic": (_keys_cubic, 2.0), "mitchellcubic": (_mitchell_cubic, 2.0),
            "lanczos3": (_lanczos(3.0), 3.0), "lanczos5": (_lanczos(5.0), 5.0), "gaussian": (_gaussian, 1.5)}


def _scale_translate_weights(out_size: int, in_size: int, kernel_type: str, antialias: bool) -> np.ndarray:
    """TF's ScaleAndTranslate spans (translation 0): each output samples its centre (o + 0.5) / scale."""
    fn, radius = _KERNELS[kernel_type]
    scale = np.float32(out_size) / np.float32(in_size)
    inv_scale = np.float32(1) / scale
    kernel_scale = max(float(inv_scale), 1.0) if antialias else 1.0
    a = np.zeros((out_size, in_size))
    for o in range(out_size):
        sample = float((np.float32(o) + np.float32(0.5)) * inv_scale)
        if sample < 0 or sample > in_size:
            continue
        start = int(np.clip(np.ceil(sample - radius * kernel_scale - 0.5), 0, in_size - 1))
        end = int(np.clip(np.floor(sample + radius * kernel_scale - 0.5), 0, in_size - 1)) + 1
        src = np.arange(start, end)
        w = fn(np.abs((src + 0.5 - sample) / kernel_scale))
        total = w.sum()
        if abs(total) >= 1000 * np.finfo(np.float32).tiny:
            w = w / total
        a[o, start:end] = w
    return a


def _apply(x: np.ndarray, ah: np.ndarray, aw: np.ndarray, out_dtype: np.dtype) -> np.ndarray:
    """y[n, i, j, c] = sum_pq ah[i, p] aw[j, q] x[n, p, q, c], computed in float64."""
    t = np.einsum("ip,npqc->niqc", ah, x.astype(np.float64), optimize=True)
    return np.einsum("jq,niqc->nijc", aw, t, optimize=True).astype(out_dtype)


def _np_bilinear(x: np.ndarray, oh: int, ow: int) -> np.ndarray:
    """TF's float32 formula `top + (bottom - top) * lerp` over `left + (right - left) * lerp`, so a
    NaN or infinity reaches only the outputs that read it (a weight matrix would spread it)."""
    x = x.astype(np.float32)
    yt, yb, yl = _bilinear_taps(oh, x.shape[1])
    xl, xr, xlerp = _bilinear_taps(ow, x.shape[2])
    xlerp = xlerp[None, None, :, None]
    rows_t, rows_b = x[:, yt], x[:, yb]
    top = rows_t[:, :, xl] + (rows_t[:, :, xr] - rows_t[:, :, xl]) * xlerp
    bottom = rows_b[:, :, xl] + (rows_b[:, :, xr] - rows_b[:, :, xl]) * xlerp
    return (top + (bottom - top) * yl[None, :, None, None]).astype(np.float32)


def _np_bicubic(x: np.ndarray, oh: int, ow: int) -> np.ndarray:
    """TF's order: each of the four rows interpolated along the width, then along the height, in
    float32 with every tap read (a zero weight on an infinite pixel gives NaN, as in TF)."""
    x = x.astype(np.float32)
    yi, yw = _bicubic_taps(oh, x.shape[1])
    xi, xw = _bicubic_taps(ow, x.shape[2])
    cols = sum(x[:, :, xi[:, k]] * xw[None, None, :, k, None] for k in range(4))
    return sum(cols[:, yi[:, k]] * yw[None, :, k, None, None] for k in range(4)).astype(np.float32)


def _np_resize(x: np.ndarray, size: tuple, method: str, antialias: bool = False) -> np.ndarray:
    h, w = x.shape[1], x.shape[2]
    oh, ow = size
    if method == "nearest":
        return x[:, _nearest_index(oh, h)][:, :, _nearest_index(ow, w)]
    kernel_type = _kernel_type(method, antialias)
    if kernel_type is None and method == "bilinear":
        return _np_bilinear(x, oh, ow)
    if kernel_type is None and method == "bicubic":
        return _np_bicubic(x, oh, ow)
    return _apply(x, *_resize_matrices(h, w, oh, ow, method, antialias), _F32)


def _kernel_type(method: str, antialias: bool) -> str | None:
    """The ScaleAndTranslate kernel a method runs on, or None for the dedicated Resize* ops."""
    if method in _SCALE_TRANSLATE_METHODS:
        return method
    if antialias and method in ("bilinear", "bicubic"):
        return "triangle" if method == "bilinear" else "keyscubic"
    return None


def _resize_matrices(h: int, w: int, oh: int, ow: int, method: str, antialias: bool) -> tuple:
    kernel_type = _kernel_type(method, antialias)
    if kernel_type is not None:
        aa = antialias or method in ("bilinear", "bicubic")
        return (_scale_translate_weights(oh, h, kernel_type, aa), _scale_translate_weights(ow, w, kernel_type, aa))
    if method == "bilinear":
        return _bilinear_weights(oh, h), _bilinear_weights(ow, w)
    if method == "bicubic":
        return _bicubic_weights(oh, h), _bicubic_weights(ow, w)
    return _area_weights(oh, h), _area_weights(ow, w)


def _np_resize_grad(g: np.ndarray, in_shape: tuple, method: str, antialias: bool, dtype: np.dtype) -> np.ndarray:
    h, w = in_shape[1], in_shape[2]
    oh, ow = g.shape[1], g.shape[2]
    if method == "nearest":
        out = np.zeros((g.shape[0], h, w, g.shape[3]), np.float64)
        ih, iw = _nearest_index(oh, h), _nearest_index(ow, w)
        np.add.at(out, (slice(None), ih[:, None], iw[None, :]), g.astype(np.float64))
        return out.astype(dtype)
    ah, aw = _resize_matrices(h, w, oh, ow, method, antialias)
    return _apply(g, ah.T, aw.T, dtype)


_RESIZE_OPS = {"bilinear": (_RESIZE_BILINEAR, _RESIZE_BILINEAR_GRAD),
               "nearest": (_RESIZE_NEAREST, _RESIZE_NEAREST_GRAD),
               "bicubic": (_RESIZE_BICUBIC, _RESIZE_BICUBIC_GRAD), "area": (_RESIZE_AREA, None)}


def _check_resize_input(op: Any, x: np.ndarray, size: tuple) -> None:
    """The dtype check and the kernel's shape checks (TF's ImageResizerState and ScaleAndTranslate
    check the same things in the same order)."""
    if x.dtype not in _RESIZE_ALLOWED[op.name]:
        raise _resize_dtype_error(op, x.dtype)
    for ok, text in ((size[0] > 0 and size[1] > 0, "output dimensions must be positive"),
                     (x.shape[3] > 0, "image must have at least one channel"),
                     (x.shape[1] > 0 and x.shape[2] > 0, "input image must be of non-zero size")):
        if not ok:
            raise kernel_error(op.name, text)


def _resize_op(images: EagerTensor, size: tuple, method: str, antialias: bool) -> EagerTensor:
    from tfshim._engine.convert import convert_to_tensor

    size_t = convert_to_tensor(np.asarray(size, np.int32))
    kernel_type = _kernel_type(method, antialias)
    if kernel_type is not None and not isinstance(antialias, bool):  # the wrapper's make_bool
        raise TypeError(f"Expected bool for argument 'antialias' not {antialias!r}.")
    attrs = {"method": method, "antialias": bool(antialias), "kernel_type": kernel_type, "size": size}
    if kernel_type is not None:
        _check_resize_input(_SCALE_TRANSLATE, images._value, size)
        scale = convert_to_tensor(np.asarray(size, np.float32) / np.asarray(images._value.shape[1:3], np.float32))
        translation = convert_to_tensor(np.zeros(2, np.float32))
        out = kernel(_np_resize, images._value, size, method, bool(antialias))
        return execute(_SCALE_TRANSLATE, (images, size_t, scale, translation), out, attrs)
    op = _RESIZE_OPS[method][0]
    _check_resize_input(op, images._value, size)
    out = kernel(_np_resize, images._value, size, method, False)
    return execute(op, (images, size_t), out, attrs)


def _resize_grad_rule(op: Any, grad: Any) -> tuple:
    image = op.inputs[0]
    method = op.attrs["method"]
    antialias = op.attrs["antialias"]
    scale_translate = op.attrs["kernel_type"] is not None
    dtype = image._value.dtype
    if scale_translate:  # ScaleAndTranslateGrad takes float32 gradients and a float32 original image
        if dtype != _F32:
            raise _args.mismatch_error(_SCALE_TRANSLATE_GRAD, 1, _F32, dtype)
        grad_op, out_dtype = _SCALE_TRANSLATE_GRAD, _F32
    elif method == "nearest":
        grad_op, out_dtype = _RESIZE_NEAREST_GRAD, grad._value.dtype
    elif method == "bicubic" and dtype not in (_F32, _F64):  # TF: no gradient for other dtypes
        return None, None
    else:
        grad_op, out_dtype = _RESIZE_OPS[method][1], dtype
    out = kernel(_np_resize_grad, grad._value, image._value.shape, method, antialias, out_dtype)
    g = execute(grad_op, (grad, image), out, op.attrs)
    return (g, None, None, None) if scale_translate else (g, None)


for _op in (_RESIZE_BILINEAR, _RESIZE_NEAREST, _RESIZE_BICUBIC, _SCALE_TRANSLATE):
    _op.gradient(_resize_grad_rule)


_SCALE_TRANSLATE_METHODS = ("lanczos3", "lanczos5", "gaussian", "mitchellcubic")
_METHODS = ("bilinear", "nearest", "bicubic", "area", *_SCALE_TRANSLATE_METHODS)


class ResizeMethod:
    """`tf.image.ResizeMethod`."""

    BILINEAR = "bilinear"
    NEAREST_NEIGHBOR = "nearest"
    BICUBIC = "bicubic"
    AREA = "area"
    LANCZOS3 = "lanczos3"
    LANCZOS5 = "lanczos5"
    GAUSSIAN = "gaussian"
    MITCHELLCUBIC = "mitchellcubic"


def _batched(images: Any, what: str = "images") -> tuple:
    x = _args.tensor(images)
    rank = x._value.ndim
    if rank == 3:
        from tfshim.ops.shape_ops import expand_dims

        return expand_dims(x, 0), False
    if rank != 4:
        raise ValueError(f"'{what}' must have either 3 or 4 dimensions.")
    return x, True


def _unbatched(x: EagerTensor, is_batch: bool) -> EagerTensor:
    if is_batch:
        return x
    from tfshim.ops.shape_ops import squeeze

    return squeeze(x, [0])


def _size_value(size: Any) -> tuple:
    """TF's `convert_to_tensor(size, int32)`, its failures reworded as TF rewords them."""
    try:
        sv = convert_to_tensor(size, dtype=_dtypes.int32)
    except (TypeError, ValueError):
        raise ValueError("'size' must be a 1-D int32 Tensor") from None
    if sv._value.shape != (2,):
        raise ValueError("'size' must be a 1-D Tensor of 2 elements: new_height, new_width")
    return int(sv._value[0]), int(sv._value[1])


def resize(images: Any, size: Any, method: str = "bilinear", preserve_aspect_ratio: bool = False,
           antialias: bool = False, name: Any = None) -> EagerTensor:
    """`tf.image.resize`: bilinear, nearest, bicubic and area (TF's half-pixel kernels); lanczos3,
    lanczos5, gaussian, mitchellcubic and antialiased bilinear/bicubic on TF's ScaleAndTranslate.
    The result is float32 except for `nearest`, which keeps the dtype."""
    x, is_batch = _batched(images)
    oh, ow = _size_value(size)
    if preserve_aspect_ratio:
        h, w = x._value.shape[1:3]
        with np.errstate(divide="ignore", invalid="ignore"):
            factor = min(np.float32(oh) / np.float32(h), np.float32(ow) / np.float32(w))
            oh = int(np.rint(np.float32(factor * np.float32(h))))
            ow = int(np.rint(np.float32(factor * np.float32(w))))
    if method not in _METHODS:
        raise ValueError(f"Resize method is not implemented: {method}")
    return _unbatched(_resize_op(x, (oh, ow), method, antialias), is_batch)


# -- flips, crops and pads ---------------------------------------------------------------------------
def _image_rank(image: EagerTensor) -> int:
    rank = image._value.ndim
    if rank < 3:
        raise ValueError(f"'image' (shape {_shape_repr(image)}) must be at least three-dimensional.")
    _check_inner_dims(image)
    return rank


def _check_inner_dims(image: EagerTensor) -> None:
    """TF's `_CheckAtLeast3DImage`: none of the last three dimensions may be 0."""
    if 0 in image._value.shape[-3:]:
        raise ValueError(f"inner 3 dims of 'image.shape' must be > 0: {_shape_repr(image)}")


def _shape_repr(image: EagerTensor) -> str:
    dims = image._value.shape
    return "(" + ", ".join(str(d) for d in dims) + ("," if len(dims) == 1 else "") + ")"


def _flip(image: Any, flip_index: int) -> EagerTensor:
    from tfshim.ops.array_ops import reverse

    x = _args.tensor(image)
    rank = _image_rank(x)
    if rank == 3:
        return reverse(x, [flip_index])
    if rank == 4:
        return reverse(x, [flip_index + 1])
    raise ValueError(f"'image' (shape {_shape_repr(x)})must have either 3 or 4 dimensions.")


def flip_left_right(image: Any) -> EagerTensor:
    """`tf.image.flip_left_right` (ReverseV2 on the width axis)."""
    return _flip(image, 1)


def flip_up_down(image: Any) -> EagerTensor:
    """`tf.image.flip_up_down` (ReverseV2 on the height axis)."""
    return _flip(image, 0)


def _int_value(v: Any) -> int:
    return int(v.numpy()) if isinstance(v, EagerTensor) else int(v)


def pad_to_bounding_box(image: Any, offset_height: Any, offset_width: Any, target_height: Any,
                        target_width: Any) -> EagerTensor:
    """`tf.image.pad_to_bounding_box`: zero padding (Pad) to the target size. The paddings are stacked
    from the arguments as TF stacks them, so float arguments reach Pad's Tpaddings error and a float
    mixed with an int32 tensor fails to convert, as in TF."""
    from tfshim.ops.array_ops import pad, stack
    from tfshim.ops.shape_ops import reshape

    x = _args.tensor(image)
    rank = x._value.ndim
    if rank not in (3, 4):
        raise ValueError(f"'image' (shape {_shape_repr(x)}) must have either 3 or 4 dimensions.")
    x, is_batch = _batched(x)
    oh, ow, th, tw = (_int_value(v) for v in (offset_height, offset_width, target_height, target_width))
    _, h, w, _ = x._value.shape
    _check_inner_dims(x)
    after_w, after_h = tw - ow - w, th - oh - h
    for ok, text in ((oh >= 0, "offset_height must be >= 0"), (ow >= 0, "offset_width must be >= 0"),
                     (after_w >= 0, "width must be <= target - offset"),
                     (after_h >= 0, "height must be <= target - offset")):
        if not ok:
            raise ValueError(text)
    paddings = reshape(stack([0, 0, offset_height, target_height - offset_height - h, offset_width,
                              target_width - offset_width - w, 0, 0]), [4, 2])
    return _unbatched(pad(x, paddings), is_batch)


def crop_to_bounding_box(image: Any, offset_height: Any, offset_width: Any, target_height: Any,
                         target_width: Any) -> EagerTensor:
    """`tf.image.crop_to_bounding_box` (Slice)."""
    from tfshim.ops.array_ops import slice as _slice

    x = _args.tensor(image)
    if x._value.ndim not in (3, 4):
        raise ValueError(f"'image' (shape {_shape_repr(x)}) must have either 3 or 4 dimensions.")
    x, is_batch = _batched(x)
    oh, ow, th, tw = (_int_value(v) for v in (offset_height, offset_width, target_height, target_width))
    _, h, w, _ = x._value.shape
    _check_inner_dims(x)
    for ok, text in ((ow >= 0, "offset_width must be >= 0."), (oh >= 0, "offset_height must be >= 0."),
                     (tw > 0, "target_width must be > 0."), (th > 0, "target_height must be > 0."),
                     (w >= tw + ow, "width must be >= target + offset."),
                     (h >= th + oh, "height must be >= target + offset.")):
        if not ok:
            raise ValueError(text)
    from tfshim.ops.array_ops import stack
    from tfshim.ops.shape_ops import shape

    # as TF: a float offset reaches Slice as float; a float target fails to join the int32 batch size
    begin = stack([0, offset_height, offset_width, 0])
    dims = shape(x)
    size = stack([dims[0], target_height, target_width, dims[-1]])
    if not begin.dtype.is_integer:  # TF's Slice names the begin's dtype before comparing it with size's
        from tfshim._engine.registry import get_op_def

        raise _args.dtype_error(get_op_def("Slice"), begin._value.dtype, "Index")
    return _unbatched(_slice(x, begin, size), is_batch)


def resize_with_crop_or_pad(image: Any, target_height: Any, target_width: Any) -> EagerTensor:
    """`tf.image.resize_with_crop_or_pad`: central crop and/or zero pad per axis; dtype kept."""
    x = _args.tensor(image)
    if x._value.ndim not in (3, 4):
        raise ValueError(f"'image' (shape {_shape_repr(x)}) must have either 3 or 4 dimensions.")
    x, is_batch = _batched(x)
    _check_inner_dims(x)
    th, tw = _int_value(target_height), _int_value(target_width)
    if tw <= 0:
        raise ValueError("target_width must be > 0.")
    if th <= 0:
        raise ValueError("target_height must be > 0.")
    _, h, w, _ = x._value.shape
    # TF's arithmetic on the targets as given: a float gives float offsets and an int64 tensor int64 ones,
    # which crop_to_bounding_box then refuses as TF's does
    th, tw = (i if type(v) is int else v for v, i in ((target_height, th), (target_width, tw)))
    wd, hd = tw - w, th - h
    cropped = crop_to_bounding_box(x, _max(-hd // 2, 0), _max(-wd // 2, 0), _min(th, h), _min(tw, w))
    return _unbatched(pad_to_bounding_box(cropped, _max(hd // 2, 0), _max(wd // 2, 0), th, tw), is_batch)


def _max(a: Any, b: Any) -> Any:
    from tfshim.ops.arithmetic import maximum

    return maximum(a, b) if isinstance(a, EagerTensor) or isinstance(b, EagerTensor) else max(a, b)


def _min(a: Any, b: Any) -> Any:
    from tfshim.ops.arithmetic import minimum

    return minimum(a, b) if isinstance(a, EagerTensor) or isinstance(b, EagerTensor) else min(a, b)


def resize_with_pad(image: Any, target_height: Any, target_width: Any, method: str = "bilinear",
                    antialias: bool = False) -> EagerTensor:
    """`tf.image.resize_with_pad`: resize keeping the aspect ratio, then zero pad (float32)."""
    x = _args.tensor(image)
    if x._value.ndim not in (3, 4):
        raise ValueError(f"'image' (shape {_shape_repr(x)}) must have either 3 or 4 dimensions.")
    x, is_batch = _batched(x)
    _check_inner_dims(x)
    th, tw = _int_value(target_height), _int_value(target_width)
    if tw <= 0:
        raise ValueError("target_width must be > 0.")
    if th <= 0:
        raise ValueError("target_height must be > 0.")
    _, h, w, _ = x._value.shape
    f32 = np.float32
    ratio = max(f32(w) / f32(tw), f32(h) / f32(th))
    rh, rw = f32(h) / ratio, f32(w) / ratio
    ph = max(0, int(np.floor((f32(th) - rh) / f32(2))))
    pw = max(0, int(np.floor((f32(tw) - rw) / f32(2))))
    resized = resize(x, [int(np.floor(rh)), int(np.floor(rw))], method, antialias=antialias)
    ph, pw = convert_to_tensor(np.int32(ph)), convert_to_tensor(np.int32(pw))  # int32 tensors, as in TF
    return _unbatched(pad_to_bounding_box(resized, ph, pw, target_height, target_width), is_batch)


def central_crop(image: Any, central_fraction: float) -> EagerTensor:
    """`tf.image.central_crop`: start `int((h - h*f)/2)` (Python arithmetic on the fraction as given,
    so a NumPy float32 fraction computes in float32 as in TF), size `h - 2*start`."""
    from tfshim.ops.array_ops import slice as _slice

    x = _args.tensor(image)
    # TF's constant_value: a tensor's NumPy value, anything else as it is (a str then fails to compare)
    f = central_fraction.numpy() if isinstance(central_fraction, EagerTensor) else central_fraction
    if f <= 0.0 or f > 1.0:
        raise ValueError("central_fraction must be within (0, 1]")
    if f == 1.0:
        return x
    rank = _image_rank(x)
    if rank not in (3, 4):
        raise ValueError(f"`image` should either be a Tensor with rank = 3 or rank = 4. Had rank = {rank}.")
    h, w = x._value.shape[rank - 3], x._value.shape[rank - 2]
    sh, sw = int((float(h) - float(h) * f) / 2), int((float(w) - float(w) * f) / 2)
    begin = [sh, sw, 0] if rank == 3 else [0, sh, sw, 0]
    size = [h - 2 * sh, w - 2 * sw, -1] if rank == 3 else [-1, h - 2 * sh, w - 2 * sw, -1]
    return _slice(x, begin, size)


# -- extract_patches -----------------------------------------------------------------------------------
def _patch_geometry(shape: tuple, sizes: tuple, strides: tuple, rates: tuple, padding: str) -> tuple:
    from tfshim.ops import _windows as _w

    return _w.geometry(shape[1:3], sizes, strides, rates, padding)


def _np_patches(x: np.ndarray, sizes: tuple, strides: tuple, rates: tuple, padding: str) -> np.ndarray:
    from tfshim.ops import _windows as _w

    outs, pads = _patch_geometry(x.shape, sizes, strides, rates, padding)
    n, c = x.shape[0], x.shape[3]
    if 0 in (n, c, *outs):
        return np.zeros((n, *outs, sizes[0] * sizes[1] * c), x.dtype)
    win = _w.windows(_w.pad(x, pads), outs, sizes, strides, rates)  # [N, oh, ow, kh, kw, C]
    return np.ascontiguousarray(win).reshape(n, *outs, sizes[0] * sizes[1] * c)


def _np_patches_grad(g: np.ndarray, in_shape: tuple, sizes: tuple, strides: tuple, rates: tuple,
                     padding: str) -> np.ndarray:
    from tfshim.ops import _windows as _w

    outs, pads = _patch_geometry(in_shape, sizes, strides, rates, padding)
    n, h, w, c = in_shape
    padded = (n, h + sum(pads[0]), w + sum(pads[1]), c)
    if 0 in (n, c, *outs):
        return np.zeros(in_shape, g.dtype)
    full = _w.scatter(g.reshape(n, *outs, sizes[0], sizes[1], c), padded, outs, sizes, strides, rates)
    return np.ascontiguousarray(_w.crop(full, pads, (h, w)))


_PATCHES_TYPES = ("bfloat16, half, float, double, int8, int16, int32, int64, uint8, uint16, uint32, uint64, "
                  "complex64, complex128, bool")
_PATCHES_ALLOWED = frozenset(_dtypes.as_dtype(_BY_NAME.get(n, n))._np for n in _PATCHES_TYPES.split(", "))
_PATCHES_CPU = ("  device='XLA_CPU_JIT'; T in [DT_FLOAT, DT_DOUBLE, DT_INT32, DT_BFLOAT16, DT_HALF]\n" + "".join(
    f"  device='CPU'; T in [DT_{n}]\n" for n in ("COMPLEX128", "COMPLEX64", "DOUBLE", "FLOAT", "BFLOAT16", "HALF",
                                                  "INT32", "INT8", "UINT8", "INT16", "UINT16", "UINT32", "INT64",
                                                  "UINT64")))
_INT32_MAX = 2**31 - 1


def _patches_attr(key: str, value: Any) -> list:
    """The generated wrapper's `ksizes`/`strides`/`rates` checks: a list or tuple of ints."""
    if not isinstance(value, (list, tuple)):
        raise TypeError(f"Expected list for '{key}' argument to 'extract_image_patches' Op, not {value!r}.")
    out = []
    for v in value:
        try:
            if isinstance(v, str):
                raise TypeError
            out.append(int(v))
        except (TypeError, ValueError):
            raise TypeError(f"Expected int for argument '{key}' not {v!r}.") from None
    return out


def _patches_node_error(detail: str) -> InvalidArgumentError:
    return InvalidArgumentError(None, None, f"{detail}\n\t; NodeDef: {{{{node ExtractImagePatches}}}}; "
                                            f"{_PATCHES_SUMMARY} [Op:ExtractImagePatches] name: ")


def _patches_kernel_attr(key: str, v: list) -> tuple:
    """The kernel constructor's per-attribute checks, in TF's order: int32 range, batch and depth 1,
    spatial entries positive."""
    for a in v:
        if not -_INT32_MAX - 1 <= a <= _INT32_MAX:
            raise kernel_error("ExtractImagePatches", f"Attr {key} has value {a} out of range for an int32")
    if v[0] != 1 or v[3] != 1:
        raise kernel_error("ExtractImagePatches", f"Only support {key} across space.", cls=UnimplementedError)
    if v[1] <= 0 or v[2] <= 0:
        raise kernel_error("ExtractImagePatches", f"{key} is out of range.", cls=OutOfRangeError)
    return v[1], v[2]


def _check_patch_sizes(shape: tuple, ksizes: tuple, strides: tuple, rates: tuple, padding: str) -> None:
    """TF's GetWindowedOutputSize for VALID: C++ division truncates, so only `size - k_eff <= -2s` fails."""
    if padding != "VALID":
        return
    for size, k, st, r in zip(shape[1:3], ksizes, strides, rates):
        k_eff = k + (k - 1) * (r - 1)
        out = int((size - k_eff + st) / st)
        if out < 0:
            raise kernel_error("ExtractImagePatches", f"Computed output size would be negative: {out} [input_size: "
                                                      f"{size}, effective_filter_size: {k_eff}, stride: {st}]")


def extract_patches(images: Any, sizes: Any, strides: Any, rates: Any, padding: str,
                    name: Any = None) -> EagerTensor:
    """`tf.image.extract_patches` (ExtractImagePatches): `[N, oh, ow, kh*kw*C]`, each patch in (row,
    column, channel) order; SAME pads with zeros. Its gradient is the patches' adjoint (a scatter-add),
    whose own gradient is ExtractImagePatches again; TF computes the same with a sparse matmul.
    Checks run in TF's order: the wrapper's argument types, the node's attributes, the kernel lookup
    (bool has no CPU kernel), the kernel's attributes, then the input's rank and the output size."""
    given = {key: _patches_attr(key, value) for key, value in (("ksizes", sizes), ("strides", strides),
                                                               ("rates", rates))}
    if not isinstance(padding, (str, bytes)):
        raise TypeError(f"Expected string for argument 'padding' not {padding!r}.")
    padding = padding.decode() if isinstance(padding, bytes) else padding
    x = _args.tensor(images)
    for key, v in given.items():
        if len(v) < 4:
            raise _patches_node_error(f"Length for attr '{key}' of {len(v)} must be at least minimum 4")
    if x._value.dtype not in _PATCHES_ALLOWED:
        raise _patches_node_error(f"Value for attr 'T' of {_args.kernel_name(x._value.dtype)} is not in the list of "
                                  f"allowed values: {_PATCHES_TYPES}")
    if padding not in ("SAME", "VALID"):
        raise _patches_node_error(f"Value for attr 'padding' of \"{padding}\" is not in the list of allowed values: "
                                  f"\"SAME\", \"VALID\"")
    if x._value.dtype == np.bool_:
        raise NotFoundError(None, None, f"Could not find device for node: {{{{node ExtractImagePatches}}}} = "
                                        f"ExtractImagePatches[T=DT_BOOL, ksizes={given['ksizes']}, padding="
                                        f"\"{padding}\", rates={given['rates']}, strides={given['strides']}]\n"
                                        f"All kernels registered for op ExtractImagePatches:\n{_PATCHES_CPU} "
                                        f"[Op:ExtractImagePatches] name: ")
    attrs: dict = {key: _patches_kernel_attr(key, v) for key, v in given.items()}
    attrs["padding"] = padding
    if x._value.ndim != 4:
        raise kernel_error("ExtractImagePatches", f"input must be 4-dimensional{_args.shape_text(x._value.shape)}")
    _check_patch_sizes(x._value.shape, attrs["ksizes"], attrs["strides"], attrs["rates"], padding)
    out = kernel(_np_patches, x._value, attrs["ksizes"], attrs["strides"], attrs["rates"], padding)
    return execute(_PATCHES, (x,), out, attrs)


@_PATCHES.gradient
def _patches_grad(op: Any, grad: Any) -> Any:
    x = op.inputs[0]
    a = op.attrs
    out = kernel(_np_patches_grad, grad._value, x._value.shape, a["ksizes"], a["strides"], a["rates"], a["padding"])
    return execute(_PATCHES_GRAD, (grad, x), out, a)


@_PATCHES_GRAD.gradient
def _patches_grad_grad(op: Any, grad: Any) -> tuple:
    a = op.attrs
    out = kernel(_np_patches, grad._value, a["ksizes"], a["strides"], a["rates"], a["padding"])
    return execute(_PATCHES, (grad,), out, a), None
