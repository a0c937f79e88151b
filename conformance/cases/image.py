"""tf.image resizing (bilinear, nearest, bicubic, area; antialias, preserve_aspect_ratio), resize_with_pad,
resize_with_crop_or_pad, flips, central_crop, pad_to_bounding_box, crop_to_bounding_box and
extract_patches: values, dtypes, first and second derivatives (None, LookupError) and misuse."""

from __future__ import annotations

from typing import Any

import numpy as np

from conformance.case import attempt, case
from conformance.cases._conv_helpers import F32_TOL, arrays, grads_two_orders

_SIZES = [(5, 7), (2, 3), (4, 5), (8, 10), (1, 1)]

for _method in ("bilinear", "nearest", "bicubic", "area"):
    for _size in _SIZES:
        for _aa in (False, True):
            def _resize(tf: Any, method: str = _method, size: tuple = _size, aa: bool = _aa) -> Any:
                (x,) = arrays(800, "float32", (2, 4, 5, 3))
                return grads_two_orders(tf, lambda a: tf.image.resize(a, size, method, antialias=aa), [x])

            case("image", f"resize {_method} to {_size} antialias={_aa}", **F32_TOL)(_resize)

for _method in ("bilinear", "nearest", "bicubic", "area"):
    for _dt in ("float64", "uint8", "int32", "float16"):
        def _resize_dtype(tf: Any, method: str = _method, dt: str = _dt) -> Any:
            x = tf.cast(tf.reshape(tf.range(2 * 4 * 5 * 3) % 17, [2, 4, 5, 3]), dt)
            return [tf.image.resize(x, (3, 7), method), tf.image.resize(x, (4, 5), method),
                    tf.image.resize(x[0], (6, 2), method)]

        case("image", f"resize {_method} {_dt} values and dtype", rtol=1e-3, atol=1e-3)(_resize_dtype)

for _method in ("bilinear", "bicubic", "nearest"):
    def _resize_f64_grads(tf: Any, method: str = _method) -> Any:
        (x,) = arrays(801, "float64", (1, 3, 4, 2))
        return [grads_two_orders(tf, lambda a: tf.image.resize(a, (5, 3), method), [x]),
                grads_two_orders(tf, lambda a: tf.image.resize(a, (5, 3), method, antialias=True), [x])]

    case("image", f"resize {_method} float64 gradients")(_resize_f64_grads)


@case("image", "resize spec rows: half-pixel bilinear, nearest, area, antialias")
def resize_rows(tf: Any) -> Any:
    def row(values: list, n: int, method: str, aa: bool = False) -> Any:
        x = tf.reshape(tf.constant(values, tf.float32), [1, 1, len(values), 1])
        return tf.reshape(tf.image.resize(x, (1, n), method, antialias=aa), [-1])

    return [row([0.0, 1.0], 4, "bilinear"), row([0.0, 1.0, 2.0, 3.0], 2, "bilinear"),
            row([0.0, 1.0, 2.0], 5, "nearest"), row([0.0, 1.0, 2.0], 2, "area"),
            row([0.0, 1.0, 2.0, 3.0], 2, "bilinear", True),
            row([0.0, 1.0, 2.0, 3.0, 4.0], 3, "bicubic"), row([0.0, 1.0, 2.0, 3.0, 4.0], 2, "bicubic", True)]


@case("image", "resize preserve_aspect_ratio", **F32_TOL)
def resize_aspect(tf: Any) -> Any:
    (x,) = arrays(802, "float32", (2, 4, 6, 1))
    return [tf.image.resize(tf.constant(x), s, preserve_aspect_ratio=True) for s in ((8, 8), (3, 12), (5, 5), (2, 100))]


@case("image", "resize misuse")
def resize_misuse(tf: Any) -> Any:
    x = tf.ones([1, 4, 4, 1])
    return [attempt(tf.image.resize, tf.ones([4, 4]), (2, 2)), attempt(tf.image.resize, x, (2, 2, 2)),
            attempt(tf.image.resize, x, (2, 2), "cubic"), attempt(tf.image.resize, x, [2.5, 2.0]),
            attempt(tf.image.resize, tf.ones([1, 1, 4, 4, 1]), (2, 2))]


for _method in ("lanczos3", "lanczos5", "gaussian", "mitchellcubic"):
    for _size in ((2, 3), (9, 11), (1, 1)):
        for _aa in (False, True):
            def _scale_translate(tf: Any, method: str = _method, size: tuple = _size, aa: bool = _aa) -> Any:
                (x,) = arrays(810, "float32", (2, 5, 7, 3))
                return grads_two_orders(tf, lambda a: tf.image.resize(a, size, method, antialias=aa), [x])

            case("image", f"resize {_method} (ScaleAndTranslate) to {_size} antialias={_aa}",
                 **F32_TOL)(_scale_translate)


@case("image", "resize ScaleAndTranslate kernels: integer and half inputs give float32; float64 has no gradient",
      rtol=1e-3, atol=1e-3)
def scale_translate_dtypes(tf: Any) -> Any:
    x = tf.reshape(tf.range(2 * 4 * 5 * 3) % 17, [2, 4, 5, 3])
    out = [tf.image.resize(tf.cast(x, dt), (3, 7), m) for m in ("lanczos3", "gaussian", "mitchellcubic", "lanczos5")
           for dt in ("uint8", "int32", "float16", "float64")]
    (v,) = arrays(811, "float64", (1, 3, 4, 2))
    return [*out, grads_two_orders(tf, lambda a: tf.image.resize(a, (5, 3), "lanczos3"), [v])]


@case("image", "resize refuses bool and complex images with each op's dtype error")
def resize_bad_dtypes(tf: Any) -> Any:
    return [attempt(tf.image.resize, tf.ones([1, 2, 2, 1], dt), (3, 3), m, antialias=aa)
            for dt in (tf.bool, tf.complex64)
            for m, aa in (("bilinear", False), ("nearest", False), ("bicubic", False), ("area", False),
                          ("bilinear", True), ("lanczos3", False))]


@case("image", "resize zero-size images and channels: the kernels' checks")
def resize_zero_size(tf: Any) -> Any:
    return [attempt(tf.image.resize, tf.ones(shape), (3, 4), m)
            for shape in ((2, 0, 7, 3), (2, 5, 7, 0), (5, 0, 3), (0, 5, 7, 3))
            for m in ("bilinear", "nearest", "bicubic", "area", "gaussian")] + \
        [attempt(tf.image.resize, tf.ones([1, 2, 2, 1]), s, m) for s in ((0, 3), (-1, 2))
         for m in ("bilinear", "nearest", "lanczos3")]


@case("image", "resize size forms: NumPy floats and lists convert, an int64 tensor does not")
def resize_size_forms(tf: Any) -> Any:
    x = tf.reshape(tf.range(2 * 5 * 7 * 3, dtype=tf.float32), [2, 5, 7, 3])
    return [tf.image.resize(x, np.array([3.0, 4.0])), tf.image.resize(x, np.array([3, 4], np.int64), "nearest"),
            tf.image.resize(x, tf.constant([3, 4])), attempt(tf.image.resize, x, tf.constant([3, 4], tf.int64)),
            attempt(tf.image.resize, x, [3.0, 4.0]), attempt(tf.image.resize, x, 3),
            attempt(tf.image.resize, x, [[3, 4]]), attempt(tf.image.resize, x, "ab")]


@case("image", "resize NaN and infinity reach only the outputs that read them")
def resize_non_finite(tf: Any) -> Any:
    row = tf.constant([[[[float("nan")], [1.0]]]])
    inf = tf.constant([[[[float("inf")], [1.0], [2.0]]]])
    return [tf.image.resize(row, (1, 4)), tf.image.resize(inf, (1, 5)), tf.image.resize(inf, (1, 5), "bicubic"),
            tf.image.resize(inf, (2, 6), "bicubic")]


# -- resize_with_pad / resize_with_crop_or_pad -----------------------------------------------------------------
for _shape, _target in (((2, 3, 1), (4, 4)), ((1, 4, 6, 2), (5, 5)), ((1, 5, 3, 1), (4, 8)), ((1, 4, 4, 1), (8, 8))):
    def _with_pad(tf: Any, shape: tuple = _shape, target: tuple = _target) -> Any:
        (x,) = arrays(803, "float32", shape)
        return grads_two_orders(tf, lambda a: tf.image.resize_with_pad(a, *target), [x])

    def _crop_or_pad(tf: Any, shape: tuple = _shape, target: tuple = _target) -> Any:
        (x,) = arrays(804, "float64", shape)
        return [grads_two_orders(tf, lambda a: tf.image.resize_with_crop_or_pad(a, *target), [x]),
                grads_two_orders(tf, lambda a: tf.image.resize_with_crop_or_pad(a, 2, 1), [x])]

    case("image", f"resize_with_pad {_shape} to {_target}", **F32_TOL)(_with_pad)
    case("image", f"resize_with_crop_or_pad {_shape} to {_target}")(_crop_or_pad)


@case("image", "resize_with_pad nearest keeps float32; crop_or_pad keeps uint8")
def pad_dtypes(tf: Any) -> Any:
    x = tf.cast(tf.reshape(tf.range(12), [3, 4, 1]), tf.uint8)
    return [tf.image.resize_with_pad(x, 5, 5, method="nearest"), tf.image.resize_with_crop_or_pad(x, 5, 2),
            attempt(tf.image.resize_with_crop_or_pad, x, 0, 2), attempt(tf.image.resize_with_pad, x, 2, 0)]


# -- flips, crops, pads -------------------------------------------------------------------------------------------
for _fn in ("flip_left_right", "flip_up_down"):
    for _shape in ((3, 4, 2), (2, 3, 4, 1)):
        def _flip(tf: Any, fn: str = _fn, shape: tuple = _shape) -> Any:
            (x,) = arrays(805, "float64", shape)
            return grads_two_orders(tf, lambda a: getattr(tf.image, fn)(a), [x])

        case("image", f"{_fn} {_shape}")(_flip)


@case("image", "flips: misuse and int dtypes")
def flip_misuse(tf: Any) -> Any:
    return [attempt(tf.image.flip_left_right, tf.ones([3, 4])),
            attempt(tf.image.flip_up_down, tf.ones([1, 2, 3, 4, 5])),
            tf.image.flip_left_right(tf.reshape(tf.range(6), [1, 3, 2]))]


for _shape, _frac in (((9, 7, 3), 0.5), ((2, 8, 8, 1), 0.3), ((5, 5, 1), 1.0), ((4, 6, 2), 0.75)):
    def _central(tf: Any, shape: tuple = _shape, frac: float = _frac) -> Any:
        (x,) = arrays(806, "float64", shape)
        return grads_two_orders(tf, lambda a: tf.image.central_crop(a, frac), [x])

    case("image", f"central_crop {_shape} {_frac}")(_central)


@case("image", "central_crop misuse")
def central_misuse(tf: Any) -> Any:
    x = tf.ones([4, 4, 1])
    return [attempt(tf.image.central_crop, x, 0.0), attempt(tf.image.central_crop, x, 1.5),
            attempt(tf.image.central_crop, tf.ones([4, 4]), 0.5)]


for _args in ((1, 2, 7, 8), (0, 0, 4, 5), (2, 0, 6, 5)):
    def _pad_box(tf: Any, args: tuple = _args) -> Any:
        (x,) = arrays(807, "float64", (4, 5, 2))
        return [grads_two_orders(tf, lambda a: tf.image.pad_to_bounding_box(a, *args), [x]),
                tf.image.pad_to_bounding_box(tf.constant(x[None]), *args).shape.as_list()]

    case("image", f"pad_to_bounding_box {_args}")(_pad_box)

for _args in ((1, 2, 2, 3), (0, 0, 4, 5), (3, 4, 1, 1)):
    def _crop_box(tf: Any, args: tuple = _args) -> Any:
        (x,) = arrays(808, "float64", (2, 4, 5, 2))
        return grads_two_orders(tf, lambda a: tf.image.crop_to_bounding_box(a, *args), [x])

    case("image", f"crop_to_bounding_box {_args}")(_crop_box)


@case("image", "pad and crop to bounding box misuse")
def box_misuse(tf: Any) -> Any:
    x = tf.ones([4, 5, 1])
    pad, crop = tf.image.pad_to_bounding_box, tf.image.crop_to_bounding_box
    return [attempt(pad, x, 1, 1, 4, 6), attempt(pad, x, 0, 1, 5, 5), attempt(pad, x, -1, 0, 5, 5),
            attempt(crop, x, 1, 1, 4, 4), attempt(crop, x, 0, 3, 2, 3), attempt(crop, x, 0, 0, 0, 3),
            attempt(tf.image.pad_to_bounding_box, tf.ones([4, 5]), 0, 0, 5, 5)]


# -- extract_patches ------------------------------------------------------------------------------------------------
_PATCHES = [((2, 6, 5, 2), [1, 2, 3, 1], [1, 2, 1, 1], [1, 1, 1, 1], "SAME"),
            ((1, 7, 7, 1), [1, 2, 2, 1], [1, 2, 3, 1], [1, 2, 2, 1], "VALID"),
            ((2, 4, 4, 3), [1, 3, 3, 1], [1, 1, 1, 1], [1, 1, 1, 1], "SAME"),
            ((1, 5, 6, 2), [1, 1, 1, 1], [1, 2, 2, 1], [1, 1, 1, 1], "VALID"),
            ((1, 3, 3, 1), [1, 4, 4, 1], [1, 1, 1, 1], [1, 1, 1, 1], "VALID")]
for _i, (_shape, _k, _s, _r, _p) in enumerate(_PATCHES):
    for _dt in ("float64", "float32"):
        def _patches(tf: Any, shape: tuple = _shape, k: list = _k, s: list = _s, r: list = _r, p: str = _p,
                     dt: str = _dt) -> Any:
            (x,) = arrays(809, dt, shape)
            return grads_two_orders(tf, lambda a: tf.image.extract_patches(a, k, s, r, p), [x])

        case("image", f"extract_patches {_i} {_shape} k={_k} s={_s} r={_r} {_p} {_dt}",
             **(F32_TOL if _dt == "float32" else {}))(_patches)


@case("image", "extract_patches int values and misuse")
def patches_misuse(tf: Any) -> Any:
    x = tf.reshape(tf.range(16), [1, 4, 4, 1])
    return [tf.image.extract_patches(x, [1, 2, 2, 1], [1, 2, 2, 1], [1, 1, 1, 1], "VALID"),
            attempt(tf.image.extract_patches, x, [1, 2, 2, 2], [1, 1, 1, 1], [1, 1, 1, 1], "VALID"),
            attempt(tf.image.extract_patches, x, [2, 2], [1, 1, 1, 1], [1, 1, 1, 1], "VALID"),
            attempt(tf.image.extract_patches, tf.ones([4, 4, 1]), [1, 2, 2, 1], [1, 1, 1, 1], [1, 1, 1, 1], "VALID")]


@case("image", "ResizeMethod names")
def methods(tf: Any) -> Any:
    m = tf.image.ResizeMethod
    return [m.BILINEAR, m.NEAREST_NEIGHBOR, m.BICUBIC, m.AREA, m.LANCZOS3, m.GAUSSIAN, m.MITCHELLCUBIC]


@case("image", "zero-size inner dimensions: flips, central_crop, resize_with_pad, crop_or_pad refuse them")
def inner_zero_dims(tf: Any) -> Any:
    fns = [tf.image.flip_left_right, tf.image.flip_up_down, lambda a: tf.image.central_crop(a, 0.5),
           lambda a: tf.image.resize_with_pad(a, 3, 3), lambda a: tf.image.resize_with_crop_or_pad(a, 3, 3)]
    return [attempt(fn, tf.zeros(shape)) for fn in fns for shape in ((0, 3, 1), (2, 0, 3, 1), (2, 3, 0), (0, 2, 3, 1))]


@case("image", "crop_to_bounding_box float offset reaches Slice")
def crop_float_offset(tf: Any) -> Any:
    x = tf.reshape(tf.range(5 * 7 * 3, dtype=tf.float32), [5, 7, 3])
    return [attempt(tf.image.crop_to_bounding_box, x, 1.0, 1, 4, 6),
            tf.image.crop_to_bounding_box(x, tf.constant(1), tf.constant(2), 3, 4)]


@case("image", "extract_patches kernel attribute checks: order, int32 range, out of range")
def patches_attr_checks(tf: Any) -> Any:
    x = tf.reshape(tf.range(16, dtype=tf.float32), [1, 4, 4, 1])
    one = [1, 1, 1, 1]
    calls = [([1, 0, 2, 1], [1, 0, 1, 1], one), ([1, 0, 2, 1], one, [1, 0, 1, 1]), ([1, 2, 2, 1], [1, 0, 1, 1], one),
             ([1, 2, 0, 1], one, one), ([1, 2, 2, 1], [1, 1, -1, 1], one), ([1, 2, 2, 1], one, [1, 1, -2, 1]),
             ([2, 0, 2, 1], one, one), ([1, 0, 2, 1], [2, 1, 1, 1], one), ([1, 2**31, 2, 1], one, one),
             ([1, 2, 2, 1], [1, 2**31, 1, 1], one), ([1, -2**31 - 1, 1, 1], one, one)]
    out = [attempt(tf.image.extract_patches, x, k, s, r, "VALID") for k, s, r in calls]
    return [*out, attempt(tf.image.extract_patches, x[0], [1, 0, 2, 1], one, one, "SAME")]


@case("image", "extract_patches VALID sizes: C++ truncation, negative output error, empty batch and channels")
def patches_sizes(tf: Any) -> Any:
    x = tf.reshape(tf.range(4, dtype=tf.float32), [1, 2, 2, 1])
    one = [1, 1, 1, 1]
    out = [attempt(tf.image.extract_patches, x, [1, k, 2, 1], [1, s, 1, 1], one, p)
           for k, s in ((5, 1), (4, 2), (5, 2), (7, 2), (3, 1)) for p in ("VALID", "SAME")]
    return [*out, tf.image.extract_patches(tf.zeros([0, 4, 4, 1]), [1, 2, 2, 1], one, one, "VALID"),
            tf.image.extract_patches(tf.zeros([1, 4, 4, 0]), [1, 2, 2, 1], one, one, "SAME"),
            tf.image.extract_patches(tf.zeros([1, 0, 4, 1]), [1, 2, 2, 1], one, one, "SAME"),
            tf.image.extract_patches(x, [1, 2, 2, 1, 7], [1, 1, 1, 1, 9], [1, 1, 1, 1, 3], "VALID")]


@case("image", "extract_patches argument types, padding and dtypes")
def patches_arguments(tf: Any) -> Any:
    x = tf.reshape(tf.range(16, dtype=tf.float32), [1, 4, 4, 1])
    one = [1, 1, 1, 1]
    k = [1, 2, 2, 1]
    ep = tf.image.extract_patches
    return [attempt(ep, x, tf.constant(k), one, one, "VALID"), attempt(ep, x, np.array(k), one, one, "VALID"),
            ep(x, (1, 2, 2, 1), (1, 1, 1, 1), (1, 1, 1, 1), "VALID"), ep(x, [1, 2.0, 2, 1], one, one, "VALID"),
            attempt(ep, x, [1, 2, "a", 1], one, one, "VALID"), attempt(ep, x, [1, 2, None, 1], one, one, "VALID"),
            attempt(ep, x, 2, one, one, "VALID"), ep(x, k, one, one, b"VALID"), attempt(ep, x, k, one, one, "same"),
            attempt(ep, x, k, one, one, None), attempt(ep, x, k, one, one, "EXPLICIT"),
            attempt(ep, tf.zeros([1, 2, 2, 1], tf.bool), [1, 2, 3, 1], [1, 2, 1, 1], one, "SAME"),
            attempt(ep, tf.zeros([1, 2, 2, 1], tf.string), one, one, one, "VALID"),
            [ep(tf.zeros([1, 2, 2, 1], dt), k, one, one, "SAME")
             for dt in (tf.complex64, tf.uint32, tf.int8, tf.float16)]]


@case("image", "float targets and offsets: the errors of TF's stacks, Pad and Slice")
def float_targets(tf: Any) -> Any:
    x = tf.reshape(tf.range(2 * 5 * 7 * 3, dtype=tf.float32), [2, 5, 7, 3])
    pad, crop = tf.image.pad_to_bounding_box, tf.image.crop_to_bounding_box
    crop_or_pad = tf.image.resize_with_crop_or_pad
    return [attempt(crop_or_pad, x, 3.0, 4), attempt(crop_or_pad, x, 7, 9.0),
            attempt(tf.image.resize_with_pad, x, 3.0, 4), attempt(pad, x, 0, 0, 7.0, 9),
            attempt(pad, x, 1.0, 0, 7, 9), attempt(crop, x, 0, 0, 3.0, 4),
            tf.image.pad_to_bounding_box(x, tf.constant(1), tf.constant(1), tf.constant(7), tf.constant(9)),
            tf.image.resize_with_crop_or_pad(x, tf.constant(3), tf.constant(9))]


@case("image", "resize antialias reaches ScaleAndTranslate only as a Python bool")
def antialias_bool(tf: Any) -> Any:
    x = tf.reshape(tf.range(2 * 5 * 7 * 3, dtype=tf.float32), [2, 5, 7, 3])
    return [attempt(tf.image.resize, x, (3, 3), antialias=tf.constant(True)),
            attempt(tf.image.resize, x, (3, 3), "lanczos3", antialias=tf.constant(False)),
            attempt(tf.image.resize, x, (3, 3), "lanczos3", antialias=np.bool_(True)),
            tf.image.resize(x, (3, 3), antialias=tf.constant(False)),
            tf.image.resize(x, (3, 3), "nearest", antialias=tf.constant(True)), tf.image.resize(x, (3, 3), antialias=1)]


@case("image", "central_crop fraction as given: strings fail to compare, NumPy floats keep their precision")
def central_fraction_forms(tf: Any) -> Any:
    x = tf.reshape(tf.range(2 * 9 * 7 * 3, dtype=tf.float32), [2, 9, 7, 3])
    return [attempt(tf.image.central_crop, x, "0.5"), tf.image.central_crop(x, np.float32(0.3)),
            tf.image.central_crop(x, np.float64(0.3)), tf.image.central_crop(x, tf.constant(0.3)),
            tf.image.central_crop(x, tf.constant(1.0)), attempt(tf.image.central_crop, x, tf.constant(0.0))]
