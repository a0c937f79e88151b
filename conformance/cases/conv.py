"""tf.nn convolutions: values, first and second derivatives over strides, paddings, dilations, batch
and channel counts, float32 and float64; transposed convolutions and their output-size rules; the
argument-form and kernel errors (wrong rank, mismatched channels, bad padding, bad strides)."""

from __future__ import annotations

from typing import Any

from conformance.case import attempt, case
from conformance.cases._conv_helpers import F32_TOL, arrays, grads_two_orders

_DTYPES = ("float64", "float32")


def _tol(dtype: str) -> dict:
    return F32_TOL if dtype == "float32" else {}


# -- conv2d sweep --------------------------------------------------------------------------------------
_CONV2D = [
    # (input shape, filter shape, strides, padding, dilations)
    ((1, 5, 5, 1), (3, 3, 1, 1), 1, "SAME", 1),
    ((2, 6, 5, 3), (3, 3, 3, 4), 1, "VALID", 1),
    ((2, 7, 6, 2), (3, 2, 2, 3), 2, "SAME", 1),
    ((1, 7, 7, 2), (3, 3, 2, 2), [2, 1], "VALID", 1),
    ((3, 6, 6, 1), (2, 2, 1, 2), [1, 1, 1, 1], "SAME", 1),
    ((1, 8, 7, 2), (3, 3, 2, 1), 1, "SAME", 2),
    ((2, 9, 9, 1), (3, 3, 1, 2), 1, "VALID", [2, 1]),
    ((1, 9, 9, 2), (3, 3, 2, 2), 2, "VALID", 2),
    ((2, 5, 6, 2), (3, 3, 2, 3), 1, [[0, 0], [1, 1], [1, 1], [0, 0]], 1),
    ((1, 6, 5, 1), (3, 2, 1, 2), [1, 2, 1, 1], [[0, 0], [2, 0], [0, 1], [0, 0]], 1),
    ((2, 4, 4, 4), (3, 3, 2, 4), 1, "SAME", 1),  # grouped
    ((1, 4, 4, 6), (2, 2, 2, 3), 1, "VALID", 1),  # grouped, 3 groups
    ((1, 2, 2, 1), (3, 3, 1, 1), 1, "SAME", 1),  # kernel larger than input, SAME
    ((2, 5, 5, 3), (1, 1, 3, 2), 1, "VALID", 1),  # 1x1
    ((1, 6, 6, 2), (4, 4, 2, 1), 1, "SAME", 1),  # even kernel: pad (1, 2)
    ((1, 7, 7, 1), (4, 4, 1, 1), 3, "SAME", 1),
]


def _conv2d_case(i: int, cfg: tuple, dtype: str) -> None:
    xs, ws, strides, padding, dil = cfg

    def run(tf: Any) -> Any:
        x, w = arrays(i, dtype, xs, ws)
        return grads_two_orders(tf, lambda a, b: tf.nn.conv2d(a, b, strides, padding, dilations=dil), [x, w])

    case("conv", f"conv2d {i} {xs} {ws} s={strides} p={padding} d={dil} {dtype}", **_tol(dtype))(run)


for _i, _cfg in enumerate(_CONV2D):
    for _dt in _DTYPES:
        _conv2d_case(_i, _cfg, _dt)


# -- conv1d / conv3d / convolution ------------------------------------------------------------------------
_CONV1D = [
    ((2, 7, 3), (3, 3, 2), 1, "SAME", 1),
    ((1, 9, 2), (2, 2, 3), 2, "VALID", 1),
    ((3, 8, 1), (3, 1, 2), 1, "SAME", 2),
    ((2, 6, 2), (4, 2, 1), 3, "SAME", 1),
    ((1, 5, 4), (3, 2, 2), 1, "VALID", 1),  # grouped
]

for _i, (_xs, _ws, _s, _p, _d) in enumerate(_CONV1D):
    for _dt in _DTYPES:
        def _conv1d_run(tf: Any, xs: tuple = _xs, ws: tuple = _ws, s: Any = _s, p: str = _p, d: Any = _d,
                        dt: str = _dt, i: int = _i) -> Any:
            x, w = arrays(100 + i, dt, xs, ws)
            return grads_two_orders(tf, lambda a, b: tf.nn.conv1d(a, b, s, p, dilations=d), [x, w])

        case("conv", f"conv1d {_i} {_xs} {_ws} s={_s} p={_p} d={_d} {_dt}", **_tol(_dt))(_conv1d_run)

_CONV3D = [
    ((1, 4, 4, 4, 2), (2, 2, 2, 2, 3), [1, 1, 1, 1, 1], "SAME"),
    ((2, 5, 4, 3, 1), (3, 2, 2, 1, 2), [1, 2, 1, 2, 1], "VALID"),
    ((1, 5, 5, 5, 2), (3, 3, 3, 2, 1), [1, 2, 2, 2, 1], "SAME"),
]

for _i, (_xs, _ws, _s, _p) in enumerate(_CONV3D):
    # (TF's oneDNN float32 Conv3D is wrong for config 1 -- a unit output axis with a stride along the
    # last spatial axis -- so only float64 is recorded for it)
    for _dt in _DTYPES if _i != 1 else ("float64",):
        def _conv3d_run(tf: Any, xs: tuple = _xs, ws: tuple = _ws, s: Any = _s, p: str = _p, dt: str = _dt,
                        i: int = _i) -> Any:
            x, w = arrays(200 + i, dt, xs, ws)
            return grads_two_orders(tf, lambda a, b: tf.nn.conv3d(a, b, s, p), [x, w])

        case("conv", f"conv3d {_i} {_xs} {_ws} s={_s} p={_p} {_dt}", **_tol(_dt))(_conv3d_run)


@case("conv", "conv3d dilated float32", **F32_TOL)
def conv3d_dilated(tf: Any) -> Any:
    x, w = arrays(7, "float32", (1, 6, 6, 6, 1), (2, 2, 2, 1, 2))
    return grads_two_orders(tf, lambda a, b: tf.nn.conv3d(a, b, [1] * 5, "VALID", dilations=[1, 2, 2, 2, 1]), [x, w])


_CONVOLUTION = [
    ((2, 7, 2), (3, 2, 2), None, "VALID", None),
    ((1, 6, 6, 2), (3, 3, 2, 2), [2, 2], "SAME", None),
    ((1, 8, 8, 1), (3, 3, 1, 2), None, "VALID", [2, 2]),
    ((1, 4, 4, 4, 1), (2, 2, 2, 1, 1), [1, 2, 1], "SAME", None),
]

for _i, (_xs, _ws, _s, _p, _d) in enumerate(_CONVOLUTION):
    for _dt in _DTYPES:
        def _convolution_run(tf: Any, xs: tuple = _xs, ws: tuple = _ws, s: Any = _s, p: str = _p, d: Any = _d,
                             dt: str = _dt, i: int = _i) -> Any:
            x, w = arrays(300 + i, dt, xs, ws)
            return grads_two_orders(tf, lambda a, b: tf.nn.convolution(a, b, strides=s, padding=p, dilations=d),
                                    [x, w])

        case("conv", f"convolution {_i} {_xs} {_ws} s={_s} p={_p} d={_d} {_dt}", **_tol(_dt))(_convolution_run)


@case("conv", "atrous_conv2d rate 2", **F32_TOL)
def atrous(tf: Any) -> Any:
    x, w = arrays(8, "float64", (1, 7, 7, 2), (3, 3, 2, 2))
    return [grads_two_orders(tf, lambda a, b, p=p: tf.nn.atrous_conv2d(a, b, 2, p), [x, w]) for p in ("SAME", "VALID")]


# -- depthwise / separable ---------------------------------------------------------------------------------
_DEPTHWISE = [
    ((2, 5, 5, 2), (3, 3, 2, 1), [1, 1, 1, 1], "SAME", None),
    ((1, 6, 7, 3), (2, 3, 3, 2), [1, 2, 2, 1], "VALID", None),
    ((2, 7, 7, 1), (3, 3, 1, 3), [1, 1, 1, 1], "VALID", [2, 2]),
    ((1, 6, 6, 2), (3, 2, 2, 2), [1, 1, 1, 1], [[0, 0], [1, 1], [0, 1], [0, 0]], None),
]

for _i, (_xs, _ws, _s, _p, _d) in enumerate(_DEPTHWISE):
    for _dt in _DTYPES:
        def _dw_run(tf: Any, xs: tuple = _xs, ws: tuple = _ws, s: Any = _s, p: Any = _p, d: Any = _d, dt: str = _dt,
                    i: int = _i) -> Any:
            x, w = arrays(400 + i, dt, xs, ws)
            return grads_two_orders(tf, lambda a, b: tf.nn.depthwise_conv2d(a, b, s, p, dilations=d), [x, w])

        case("conv", f"depthwise_conv2d {_i} {_xs} {_ws} s={_s} p={_p} d={_d} {_dt}", **_tol(_dt))(_dw_run)


@case("conv", "depthwise channel order c*multiplier + m")
def depthwise_order(tf: Any) -> Any:
    x = tf.constant([[[[1.0, 10.0]]]])
    w = tf.constant([[[[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]]]])
    return tf.nn.depthwise_conv2d(x, w, [1, 1, 1, 1], "VALID")


for _dt in _DTYPES:
    def _sep_run(tf: Any, dt: str = _dt) -> Any:
        x, dw, pw = arrays(9, dt, (2, 5, 5, 2), (3, 3, 2, 2), (1, 1, 4, 3))
        return grads_two_orders(tf, lambda a, b, c: tf.nn.separable_conv2d(a, b, c, [1, 1, 1, 1], "SAME"), [x, dw, pw])

    case("conv", f"separable_conv2d {_dt}", **_tol(_dt))(_sep_run)


# -- transposed ------------------------------------------------------------------------------------------------
_TRANSPOSE = [
    ((1, 4, 4, 2), (3, 3, 3, 2), (1, 8, 8, 3), 2, "SAME"),
    ((2, 4, 4, 2), (3, 3, 3, 2), (2, 7, 7, 3), 2, "SAME"),
    ((1, 4, 4, 1), (3, 3, 2, 1), (1, 9, 9, 2), 2, "VALID"),
    ((1, 4, 4, 1), (3, 3, 2, 1), (1, 10, 10, 2), 2, "VALID"),
    ((2, 3, 3, 2), (2, 2, 1, 2), (2, 3, 3, 1), 1, "SAME"),
    ((1, 3, 4, 2), (2, 3, 2, 2), (1, 6, 8, 2), [2, 2], "SAME"),
]

for _i, (_xs, _ws, _out, _s, _p) in enumerate(_TRANSPOSE):
    for _dt in _DTYPES:
        def _tr_run(tf: Any, xs: tuple = _xs, ws: tuple = _ws, out: tuple = _out, s: Any = _s, p: str = _p,
                    dt: str = _dt, i: int = _i) -> Any:
            x, w = arrays(500 + i, dt, xs, ws)
            return grads_two_orders(tf, lambda a, b: tf.nn.conv2d_transpose(a, b, list(out), s, p), [x, w])

        case("conv", f"conv2d_transpose {_i} {_xs} {_ws} out={_out} s={_s} p={_p} {_dt}", **_tol(_dt))(_tr_run)


@case("conv", "conv2d_transpose dilated float32", **F32_TOL)
def transpose_dilated(tf: Any) -> Any:
    x, w = arrays(11, "float32", (1, 4, 4, 1), (3, 3, 2, 1))
    return grads_two_orders(tf, lambda a, b: tf.nn.conv2d_transpose(a, b, [1, 8, 8, 2], 1, "VALID", dilations=2),
                            [x, w])


@case("conv", "conv2d_transpose equals the conv2d input gradient")
def transpose_is_gradient(tf: Any) -> Any:
    x, w, z = arrays(12, "float64", (1, 4, 4, 2), (3, 3, 3, 2), (1, 7, 7, 3))
    zt = tf.constant(z)
    with tf.GradientTape() as t:
        t.watch(zt)
        y = tf.nn.conv2d(zt, tf.constant(w), 2, "SAME")
    g = t.gradient(y, zt, output_gradients=tf.constant(x))
    return [g, tf.nn.conv2d_transpose(tf.constant(x), tf.constant(w), [1, 7, 7, 3], 2, "SAME")]


for _dt in _DTYPES:
    def _tr1_run(tf: Any, dt: str = _dt) -> Any:
        x, w = arrays(13, dt, (2, 4, 2), (3, 3, 2))
        return grads_two_orders(tf, lambda a, b: tf.nn.conv1d_transpose(a, b, [2, 8, 3], 2, "SAME"), [x, w])

    def _tr3_run(tf: Any, dt: str = _dt) -> Any:
        x, w = arrays(14, dt, (1, 3, 3, 3, 2), (2, 2, 2, 1, 2))
        return grads_two_orders(tf, lambda a, b: tf.nn.conv3d_transpose(a, b, [1, 6, 6, 6, 1], 2, "SAME"), [x, w])

    def _trn_run(tf: Any, dt: str = _dt) -> Any:
        x, w = arrays(15, dt, (1, 3, 3, 2), (3, 3, 1, 2))
        return grads_two_orders(tf, lambda a, b: tf.nn.conv_transpose(a, b, [1, 7, 7, 1], 2, "VALID"), [x, w])

    case("conv", f"conv1d_transpose {_dt}", **_tol(_dt))(_tr1_run)
    case("conv", f"conv3d_transpose {_dt}", **_tol(_dt))(_tr3_run)
    case("conv", f"conv_transpose 2-D {_dt}", **_tol(_dt))(_trn_run)


# -- channels-first, dtypes ---------------------------------------------------------------------------------------
@case("conv", "conv2d NCHW float32 values and gradients", **F32_TOL)
def nchw_f32(tf: Any) -> Any:
    x, w = arrays(16, "float32", (2, 3, 5, 6), (3, 2, 3, 4))
    return grads_two_orders(tf, lambda a, b: tf.nn.conv2d(a, b, [1, 2], "SAME", data_format="NCHW"), [x, w])


@case("conv", "conv2d NCHW float64 refused")
def nchw_f64(tf: Any) -> Any:
    x, w = arrays(16, "float64", (2, 3, 5, 6), (3, 2, 3, 4))
    return attempt(tf.nn.conv2d, tf.constant(x), tf.constant(w), 1, "SAME", data_format="NCHW")


@case("conv", "conv1d NCW float32", **F32_TOL)
def ncw_f32(tf: Any) -> Any:
    x, w = arrays(17, "float32", (2, 3, 7), (3, 3, 2))
    return grads_two_orders(tf, lambda a, b: tf.nn.conv1d(a, b, 1, "SAME", data_format="NCW"), [x, w])


@case("conv", "depthwise NCHW float64 refused")
def depthwise_nchw_f64(tf: Any) -> Any:
    x, w = arrays(18, "float64", (1, 2, 5, 5), (3, 3, 2, 1))
    return attempt(tf.nn.depthwise_conv2d, tf.constant(x), tf.constant(w), [1, 1, 1, 1], "SAME", data_format="NCHW")


@case("conv", "conv2d int32 values")
def conv_int32(tf: Any) -> Any:
    x = tf.reshape(tf.range(2 * 4 * 4 * 2), [2, 4, 4, 2])
    w = tf.reshape(tf.range(3 * 3 * 2 * 2) - 15, [3, 3, 2, 2])
    return [tf.nn.conv2d(x, w, 1, "SAME"), tf.nn.conv1d(tf.ones([1, 5, 2], tf.int32), tf.ones([2, 2, 1], tf.int32),
                                                        1, "VALID")]


@case("conv", "conv2d float16 values", rtol=1e-3, atol=1e-2)
def conv_half(tf: Any) -> Any:
    x, w = arrays(19, "float16", (1, 4, 4, 2), (2, 2, 2, 1))
    return tf.nn.conv2d(tf.constant(x), tf.constant(w), 1, "SAME")


@case("conv", "conv3d and depthwise int32 refused")
def int_refused(tf: Any) -> Any:
    return [attempt(tf.nn.conv3d, tf.ones([1, 3, 3, 3, 1], tf.int32), tf.ones([2, 2, 2, 1, 1], tf.int32), [1] * 5,
                    "SAME"),
            attempt(tf.nn.depthwise_conv2d, tf.ones([1, 3, 3, 1], tf.int32), tf.ones([2, 2, 1, 1], tf.int32),
                    [1, 1, 1, 1], "SAME")]


@case("conv", "mixed input and filter dtypes")
def mixed_dtypes(tf: Any) -> Any:
    return attempt(tf.nn.conv2d, tf.ones([1, 3, 3, 1], tf.float64), tf.ones([2, 2, 1, 1], tf.float32), 1, "SAME")


@case("conv", "dilated gradient float64 refused; forward works")
def dilated_f64(tf: Any) -> Any:
    x, w = arrays(20, "float64", (1, 6, 6, 1), (3, 3, 1, 1))
    return grads_two_orders(tf, lambda a, b: tf.nn.conv2d(a, b, 1, "SAME", dilations=2), [x, w])


@case("conv", "grouped gradient float64 refused; forward works")
def grouped_f64(tf: Any) -> Any:
    x, w = arrays(21, "float64", (1, 4, 4, 4), (3, 3, 2, 2))
    return grads_two_orders(tf, lambda a, b: tf.nn.conv2d(a, b, 1, "SAME"), [x, w])


@case("conv", "VALID kernel larger than the input, float64: empty result")
def empty_valid(tf: Any) -> Any:
    y = tf.nn.conv2d(tf.ones([1, 2, 2, 1], tf.float64), tf.ones([3, 3, 1, 2], tf.float64), 1, "VALID")
    return [y, y.shape.as_list()]


@case("conv", "conv2d with extra batch dims")
def batch_dims(tf: Any) -> Any:
    x, w = arrays(22, "float64", (2, 3, 5, 5, 1), (3, 3, 1, 2))
    return grads_two_orders(tf, lambda a, b: tf.nn.conv2d(a, b, 1, "SAME"), [x, w])


# -- misuse ------------------------------------------------------------------------------------------------------
def _misuse(name: str, fn: Any, compare_message: bool = True) -> None:
    def run(tf: Any) -> Any:
        return attempt(fn, tf)

    case("conv", f"misuse: {name}", compare_message=compare_message)(run)


_X64 = ("float64",)


def _ones(tf: Any, *shape: int) -> Any:
    return tf.ones(shape, tf.float64)


_misuse("conv2d channel mismatch", lambda tf: tf.nn.conv2d(_ones(tf, 1, 5, 5, 4), _ones(tf, 3, 3, 3, 2), 1, "SAME"))
_misuse("conv2d filter rank 3", lambda tf: tf.nn.conv2d(_ones(tf, 1, 5, 5, 4), _ones(tf, 3, 3, 4), 1, "SAME"))
_misuse("conv2d input rank 3", lambda tf: tf.nn.conv2d(_ones(tf, 5, 5, 4), _ones(tf, 3, 3, 4, 2), 1, "SAME"))
_misuse("conv2d strides of length 3", lambda tf: tf.nn.conv2d(_ones(tf, 1, 5, 5, 4), _ones(tf, 3, 3, 4, 2),
                                                              [1, 1, 1], "SAME"))
_misuse("conv2d lower-case padding", lambda tf: tf.nn.conv2d(_ones(tf, 1, 5, 5, 4), _ones(tf, 3, 3, 4, 2), 1, "same"))
_misuse("conv2d padding list of 2", lambda tf: tf.nn.conv2d(_ones(tf, 1, 5, 5, 4), _ones(tf, 3, 3, 4, 2), 1,
                                                            [[1, 1], [1, 1]]))
_misuse("conv2d explicit padding on N/C", lambda tf: tf.nn.conv2d(_ones(tf, 1, 5, 5, 4), _ones(tf, 3, 3, 4, 2), 1,
                                                                  [[0, 0], [1, 1], [1, 1], [1, 0]]))
_misuse("conv2d negative explicit padding", lambda tf: tf.nn.conv2d(_ones(tf, 1, 5, 5, 4), _ones(tf, 3, 3, 4, 2), 1,
                                                                    [[0, 0], [1, -1], [1, 1], [0, 0]]))
_misuse("conv2d stride on the batch dim", lambda tf: tf.nn.conv2d(_ones(tf, 1, 5, 5, 4), _ones(tf, 3, 3, 4, 2),
                                                                  [2, 1, 1, 1], "SAME"))
_misuse("conv2d stride -1", lambda tf: tf.nn.conv2d(_ones(tf, 1, 5, 5, 4), _ones(tf, 3, 3, 4, 2), -1, "SAME"))
_misuse("conv2d dilations -1", lambda tf: tf.nn.conv2d(_ones(tf, 1, 5, 5, 4), _ones(tf, 3, 3, 4, 2), 1, "SAME",
                                                       dilations=-1))
_misuse("conv2d dilation on the batch dim", lambda tf: tf.nn.conv2d(_ones(tf, 1, 5, 5, 4), _ones(tf, 3, 3, 4, 2), 1,
                                                                    "SAME", dilations=[2, 1, 1, 1]))
_misuse("conv2d unknown data_format", lambda tf: tf.nn.conv2d(_ones(tf, 1, 5, 5, 4), _ones(tf, 3, 3, 4, 2), 1,
                                                              "SAME", data_format="NHCW"))
_misuse("conv2d float32 channel mismatch", lambda tf: tf.nn.conv2d(tf.ones([1, 5, 5, 4]), tf.ones([3, 3, 3, 2]), 1,
                                                                   "SAME"))
_misuse("conv1d explicit padding", lambda tf: tf.nn.conv1d(_ones(tf, 1, 5, 4), _ones(tf, 3, 4, 2), 1,
                                                           [[0, 0], [1, 1], [0, 0]]))
_misuse("conv1d stride of length 2", lambda tf: tf.nn.conv1d(_ones(tf, 1, 5, 4), _ones(tf, 3, 4, 2), [1, 1], "SAME"))
_misuse("conv1d bad data_format", lambda tf: tf.nn.conv1d(_ones(tf, 1, 5, 4), _ones(tf, 3, 4, 2), 1, "SAME",
                                                          data_format="NHC"))
_misuse("conv1d input rank 2", lambda tf: tf.nn.conv1d(_ones(tf, 5, 4), _ones(tf, 3, 4, 2), 1, "SAME"))
_misuse("conv3d int strides", lambda tf: tf.nn.conv3d(_ones(tf, 1, 5, 5, 5, 4), _ones(tf, 3, 3, 3, 4, 2), 1, "SAME"))
_misuse("conv3d channel mismatch", lambda tf: tf.nn.conv3d(_ones(tf, 1, 5, 5, 5, 4), _ones(tf, 3, 3, 3, 2, 2),
                                                           [1] * 5, "SAME"))
_misuse("conv3d float32 channel mismatch", lambda tf: tf.nn.conv3d(tf.ones([1, 5, 5, 5, 4]), tf.ones([3, 3, 3, 2, 2]),
                                                                   [1] * 5, "SAME"))
_misuse("conv3d dilated float64", lambda tf: tf.nn.conv3d(_ones(tf, 1, 5, 5, 5, 4), _ones(tf, 3, 3, 3, 4, 2), [1] * 5,
                                                          "SAME", dilations=[1, 2, 2, 2, 1]))
_misuse("depthwise int strides", lambda tf: tf.nn.depthwise_conv2d(_ones(tf, 1, 5, 5, 4), _ones(tf, 3, 3, 4, 2), 1,
                                                                   "SAME"))
_misuse("depthwise channel mismatch", lambda tf: tf.nn.depthwise_conv2d(_ones(tf, 1, 5, 5, 4), _ones(tf, 3, 3, 3, 2),
                                                                        [1, 1, 1, 1], "SAME"))
_misuse("depthwise float32 channel mismatch", lambda tf: tf.nn.depthwise_conv2d(
    tf.ones([1, 5, 5, 4]), tf.ones([3, 3, 3, 2]), [1, 1, 1, 1], "SAME"))
_misuse("depthwise int dilations", lambda tf: tf.nn.depthwise_conv2d(_ones(tf, 1, 5, 5, 4), _ones(tf, 3, 3, 4, 2),
                                                                     [1, 1, 1, 1], "SAME", dilations=2))
_misuse("depthwise dilations of 4", lambda tf: tf.nn.depthwise_conv2d(_ones(tf, 1, 5, 5, 4), _ones(tf, 3, 3, 4, 2),
                                                                      [1, 1, 1, 1], "SAME", dilations=[2, 2, 1, 1]))
_misuse("depthwise unequal strides", lambda tf: tf.nn.depthwise_conv2d(_ones(tf, 1, 6, 5, 3), _ones(tf, 3, 2, 3, 2),
                                                                       [1, 2, 1, 1], "SAME"))
_misuse("separable pointwise not 1x1", lambda tf: tf.nn.separable_conv2d(
    _ones(tf, 1, 5, 5, 4), _ones(tf, 3, 3, 4, 2), _ones(tf, 2, 1, 8, 3), [1, 1, 1, 1], "SAME"))
_misuse("convolution strides with dilations", lambda tf: tf.nn.convolution(
    _ones(tf, 1, 9, 9, 4), _ones(tf, 3, 3, 4, 2), strides=2, padding="VALID", dilations=2))
_misuse("convolution explicit padding", lambda tf: tf.nn.convolution(
    _ones(tf, 1, 9, 9, 4), _ones(tf, 3, 3, 4, 2), padding=[[0, 0], [1, 1], [1, 1], [0, 0]]))
_misuse("atrous rate 0", lambda tf: tf.nn.atrous_conv2d(_ones(tf, 1, 9, 9, 4), _ones(tf, 3, 3, 4, 2), 0, "SAME"))
_misuse("conv2d_transpose impossible size float64", lambda tf: tf.nn.conv2d_transpose(
    _ones(tf, 1, 4, 4, 2), _ones(tf, 3, 3, 5, 2), [1, 6, 6, 5], 2, "SAME"))
_misuse("conv2d_transpose impossible size float32", lambda tf: tf.nn.conv2d_transpose(
    tf.ones([1, 4, 4, 2]), tf.ones([3, 3, 5, 2]), [1, 6, 6, 5], 2, "SAME"), compare_message=False)
_misuse("conv2d_transpose channel mismatch", lambda tf: tf.nn.conv2d_transpose(
    _ones(tf, 1, 4, 4, 2), _ones(tf, 3, 3, 5, 3), [1, 8, 8, 5], 2, "SAME"))
_misuse("conv2d_transpose output_shape of length 3", lambda tf: tf.nn.conv2d_transpose(
    _ones(tf, 1, 4, 4, 2), _ones(tf, 3, 3, 5, 2), [1, 8, 8], 2, "SAME"))
_misuse("conv3d_transpose impossible size", lambda tf: tf.nn.conv3d_transpose(
    _ones(tf, 1, 4, 4, 4, 2), _ones(tf, 3, 3, 3, 5, 2), [1, 6, 8, 8, 5], 2, "SAME"))
_misuse("conv1d_transpose impossible size", lambda tf: tf.nn.conv1d_transpose(
    _ones(tf, 1, 4, 2), _ones(tf, 3, 5, 2), [1, 6, 5], 2, "SAME"))


@case("conv", "conv2d_transpose spatial-only output_shape")
def transpose_spatial_shape(tf: Any) -> Any:
    x, w = arrays(23, "float64", (1, 4, 4, 2), (3, 3, 5, 2))
    return tf.nn.conv2d_transpose(tf.constant(x), tf.constant(w), [8, 8], 2, "SAME")
_misuse("conv2d zero-element filter", lambda tf: tf.nn.conv2d(_ones(tf, 1, 5, 5, 0), _ones(tf, 3, 3, 0, 1), 1, "SAME"))


@case("conv", "bfloat16 conv2d and depthwise values", rtol=2e-2, atol=5e-2)
def conv_bf16(tf: Any) -> Any:
    x, w, d = arrays(24, "float32", (1, 5, 5, 2), (3, 3, 2, 2), (3, 3, 2, 2))
    xb = tf.cast(tf.constant(x), tf.bfloat16)
    return [tf.nn.conv2d(xb, tf.cast(tf.constant(w), tf.bfloat16), 1, "SAME"),
            tf.nn.depthwise_conv2d(xb, tf.cast(tf.constant(d), tf.bfloat16), [1, 1, 1, 1], "VALID")]


# -- argument conversion and kernel checks found by differential probing -------------------------------
def _x4(tf: Any, dtype: str = "float32") -> Any:
    x, w = arrays(900, dtype, (2, 6, 6, 3), (3, 3, 3, 4))
    return tf.constant(x), tf.constant(w)


@case("conv", "conv2d padding must be a string or a list (int, None, tensor; bytes accepted)")
def conv2d_padding_kinds(tf: Any) -> Any:
    x, w = _x4(tf)
    return [attempt(tf.nn.conv2d, x, w, 1, p) for p in (3, None, tf.constant("SAME"), b"SAME")] + \
        [attempt(tf.nn.depthwise_conv2d, x, w[..., :1], [1] * 4, 3),
         attempt(tf.nn.conv2d_transpose, x, w[..., :3], [2, 6, 6, 3], 1, None)]


@case("conv", "conv2d strides: a scalar tensor is not iterable, a string is not an int")
def conv2d_strides_kinds(tf: Any) -> Any:
    x, w = _x4(tf)
    return [attempt(tf.nn.conv2d, x, w, tf.constant(2), "SAME"), attempt(tf.nn.conv2d, x, w, "2", "SAME"),
            attempt(tf.nn.conv2d, x, w, tf.constant([2, 2]), "SAME")]


@case("conv", "conv2d and conv3d read input.shape: a Python list raises AttributeError")
def conv_list_inputs(tf: Any) -> Any:
    return [attempt(tf.nn.conv2d, [[[[1.0]]]], [[[[2.0]]]], 1, "SAME"),
            attempt(tf.nn.conv3d, [[[[[1.0]]]]], [[[[[2.0]]]]], [1] * 5, "SAME"),
            attempt(tf.nn.conv1d, [[[1.0]]], [[[2.0]]], 1, "SAME")]


@case("conv", "grouped conv2d: output depth must divide into the groups")
def conv2d_group_out_depth(tf: Any) -> Any:
    out = []
    attempt(tf.nn.conv2d, tf.ones([1, 2, 2, 3]), tf.ones([1, 1, 2, 1]), 1, "SAME")  # (TF's first kernel error in a
    # process may lack the trailing " name: "; the primed calls after it do not)
    for dt in ("float32", "float64"):
        x, w1, w2 = arrays(901, dt, (1, 5, 5, 4), (3, 3, 2, 3), (3, 3, 2, 1))
        out += [attempt(tf.nn.conv2d, x, w1, 1, "SAME"), attempt(tf.nn.conv2d, x, w2, 1, "SAME")]
    return out


@case("conv", "conv3d attribute checks: strides/dilations length, batch dilations, zero strides, depth")
def conv3d_attr_checks(tf: Any) -> Any:
    out = []
    attempt(tf.nn.conv3d, tf.ones([1, 2, 2, 2, 1]), tf.ones([1, 1, 1, 1, 1]), [1, 1, 1], "SAME")  # primes, as above
    attempt(tf.nn.conv3d, tf.ones([1, 2, 2, 2, 1], tf.float64), tf.ones([1, 1, 1, 1, 1], tf.float64), [1, 1, 1],
            "SAME")
    for dt in ("float32", "float64"):
        x, w, wg, w3 = arrays(902, dt, (1, 4, 5, 4, 2), (2, 2, 2, 2, 3), (2, 2, 2, 1, 3), (2, 2, 2, 3, 3))
        out += [attempt(tf.nn.conv3d, x, w, [1, 1, 1], "SAME"),
                attempt(tf.nn.conv3d, x, w, [1] * 6, "SAME"),
                attempt(tf.nn.conv3d, x, w, [1] * 5, "SAME", dilations=[1, 1, 1]),
                attempt(tf.nn.conv3d, x, w, [1] * 5, "SAME", dilations=[2, 1, 1, 1, 1]),
                attempt(tf.nn.conv3d, x, w, [2, 1, 1, 1, 1], "SAME"),
                attempt(tf.nn.conv3d, x, w, [1, 0, 1, 1, 1], "SAME"),
                attempt(tf.nn.conv3d, x, wg, [1] * 5, "SAME"),
                attempt(tf.nn.conv3d, x, w3, [1] * 5, "SAME")]
    x64 = arrays(903, "float64", (4, 5, 4, 2))[0]
    w64 = tf.constant(arrays(904, "float64", (2, 2, 2, 2, 3))[0])
    return [*out, attempt(tf.nn.conv3d, x64, w64, [1] * 5, "SAME")]


@case("conv", "convolution with dilations checks the padding string itself")
def convolution_dilated_padding(tf: Any) -> Any:
    x, w = _x4(tf)
    return [attempt(tf.nn.convolution, x, w, padding="same", dilations=2),
            attempt(tf.nn.convolution, x[:, 0], w[0], padding="same", dilations=2),
            attempt(tf.nn.convolution, x, w, padding="same")]


@case("conv", "transposed convolutions: an int64 output_shape tensor reaches Conv2DBackpropInput (int32 only)")
def transpose_int64_shape(tf: Any) -> Any:
    out = []
    for dt in ("float32", "float64"):
        dy, w = arrays(905, dt, (2, 3, 3, 4), (3, 3, 3, 4))
        out.append(attempt(tf.nn.conv2d_transpose, dy, w, tf.constant([2, 6, 6, 3], tf.int64), 2, "SAME"))
    dy, w = arrays(906, "float32", (2, 5, 4), (3, 3, 4))
    return [*out, attempt(tf.nn.conv1d_transpose, dy, w, tf.constant([2, 10, 3], tf.int64), 2, "SAME"),
            tf.nn.conv1d_transpose(dy, w, tf.constant([2, 10, 3]), 2, "SAME")]


@case("conv", "conv2d_transpose float64: output channels not a multiple of the filter's")
def transpose_depth_f64(tf: Any) -> Any:
    dy, w = arrays(907, "float64", (2, 3, 3, 4), (3, 3, 3, 4))
    attempt(tf.nn.conv2d_transpose, dy, w, [2, 6, 6, 2], 2, "SAME")  # primes (see the grouped conv2d case)
    return [attempt(tf.nn.conv2d_transpose, dy, w, [2, 6, 6, 2], 2, "SAME"),
            attempt(tf.nn.conv2d_transpose, dy, w, [2, 6, 6, 6], 2, "SAME")]


@case("conv", "depthwise_conv2d: unequal strides (float32 runs them), int strides with rates, padding, strides length",
      **F32_TOL)
def depthwise_argument_checks(tf: Any) -> Any:
    x, w = arrays(908, "float32", (2, 6, 6, 3), (3, 3, 3, 2))
    return [grads_two_orders(tf, lambda a, b: tf.nn.depthwise_conv2d(a, b, [1, 2, 1, 1], "SAME"), [x, w]),
            attempt(tf.nn.depthwise_conv2d, x.astype("float64"), w.astype("float64"), [1, 2, 1, 1], "SAME"),
            attempt(tf.nn.depthwise_conv2d, x, w, 1, "SAME", dilations=[2, 2]),
            attempt(tf.nn.depthwise_conv2d, x, w, [1, 1, 1, 1], "same", dilations=[2, 2]),
            attempt(tf.nn.depthwise_conv2d, x, w, [2, 2], "SAME")]


@case("conv", "convolution 3-D dilated float64 (space-to-batch: no Conv3D dilation)")
def convolution_3d_dilated_f64(tf: Any) -> Any:
    x, w = arrays(909, "float64", (1, 5, 5, 5, 2), (2, 2, 2, 2, 2))
    return grads_two_orders(tf, lambda a, b: tf.nn.convolution(a, b, padding="SAME", dilations=2), [x, w])


@case("conv", "depthwise/separable with strides and rates > 1: TF's space-to-batch result", **F32_TOL)
def depthwise_strided_dilated(tf: Any) -> Any:
    out = []
    for i, (xs, s, d, p) in enumerate([((2, 6, 6, 3), [1, 2, 2, 1], [2, 2], "SAME"),
                                       ((1, 7, 5, 3), [1, 3, 3, 1], [3, 2], "VALID"),
                                       ((1, 9, 8, 3), [1, 2, 1, 1], [2, 1], "SAME")]):
        x, w = arrays(910 + i, "float32", xs, (3, 2, 3, 2))
        out.append(grads_two_orders(tf, lambda a, b, s=s, d=d, p=p: tf.nn.depthwise_conv2d(a, b, s, p, dilations=d),
                                    [x, w]))
    x, w, pw = arrays(913, "float64", (1, 7, 7, 3), (3, 3, 3, 2), (1, 1, 6, 4))
    out.append(grads_two_orders(tf, lambda a, b, c: tf.nn.separable_conv2d(a, b, c, [1, 2, 2, 1], "SAME",
                                                                           dilations=[2, 2]), [x, w, pw]))
    return out


@case("conv", "conv2d_transpose/conv3d_transpose kernel checks with a list output_shape (no name suffix)")
def transpose_kernel_checks(tf: Any) -> Any:
    dy, w = arrays(914, "float32", (2, 3, 3, 4), (3, 3, 3, 4))
    dy3, w3 = arrays(915, "float64", (1, 3, 2, 2, 2), (2, 2, 2, 2, 3))
    dy4, w4 = arrays(916, "float64", (1, 4, 4, 4, 3), (2, 2, 2, 2, 3))
    return [attempt(tf.nn.conv2d_transpose, dy, w, [2, 6, 6, 3], [1, 2, 2, 2], "SAME"),
            attempt(tf.nn.conv2d_transpose, dy, w, [2, 6, 6, 3], 0, "SAME"),
            attempt(tf.nn.conv2d_transpose, dy, w, [2.0, 6.0, 6.0, 3.0], 2, "SAME"),
            attempt(tf.nn.conv3d_transpose, dy3, w3, [1, 2, 4, 4, 4], 2, "SAME", data_format="NCDHW"),
            attempt(tf.nn.conv3d_transpose, dy4, w4, [1, 4, 4, 4, 2], 1, "SAME", dilations=2)]


@case("conv", "atrous_conv2d_transpose float64 (space-to-batch: no dilated Eigen backprop)")
def atrous_transpose_f64(tf: Any) -> Any:
    x, w = arrays(917, "float64", (2, 6, 6, 3), (3, 3, 2, 3))
    return [grads_two_orders(tf, lambda a, b: tf.nn.atrous_conv2d_transpose(a, b, [2, 6, 6, 2], 2, "SAME"), [x, w]),
            tf.nn.atrous_conv2d_transpose(x[:, :2, :2], w, [2, 6, 6, 2], 2, "VALID")]


@case("conv", "conv2d/conv3d errors end with the name= given; conv1d's do not")
def conv_error_names(tf: Any) -> Any:
    x, x5 = tf.ones([1, 4, 4, 3]), tf.ones([1, 4, 4, 4, 3])
    return [attempt(tf.nn.conv2d, x, tf.ones([3, 3, 2, 4]), 1, "SAME", name="myconv"),
            attempt(tf.nn.conv2d, x, tf.ones([3, 3, 2, 4]), 1, "FULL", name="myconv"),
            attempt(tf.nn.conv2d, x, tf.ones([3, 3, 3, 4]), [1, 1, 1, 2], "SAME", name="c"),
            attempt(tf.nn.conv1d, tf.ones([1, 4, 3]), tf.ones([3, 2, 4]), 1, "SAME", name="c1"),
            attempt(tf.nn.conv1d, tf.ones([1, 4, 3]), tf.ones([3, 2, 4]), 1, "FULL", name="c1"),
            attempt(tf.nn.conv3d, x5, tf.ones([2, 2, 2, 2, 4]), [1] * 5, "SAME", name="c3"),
            attempt(tf.nn.conv3d, x5, tf.ones([2, 2, 2, 3, 4]), [1, 1, 1], "SAME", name="c3"),
            attempt(tf.nn.conv3d, x5, tf.ones([2, 2, 2, 3, 4]), [1] * 5, "FULL", name="c3")]


@case("conv", "float64 channels-first conv2d: the depth check, then the NHWC-only layout, then the groups")
def conv2d_eigen_layout_order(tf: Any) -> Any:
    x, w, w2 = arrays(918, "float64", (1, 4, 4, 3), (3, 3, 3, 4), (3, 3, 2, 3))
    attempt(tf.nn.conv2d, x, w, 1, "SAME", data_format="NCHW")  # primes (see the grouped conv2d case)
    return [attempt(tf.nn.conv2d, x, w, 1, "SAME", data_format="NCHW"),
            attempt(tf.nn.conv2d, x, w2, 1, "SAME", data_format="NCHW"),
            attempt(tf.nn.conv1d, arrays(919, "float64", (2, 9, 3))[0], arrays(920, "float64", (3, 3, 4))[0], 1, "SAME",
                    data_format="NCW")]


@case("conv", "convolution 1-D data formats; depthwise converts its arguments separately; separable's checks")
def conv_wrapper_checks(tf: Any) -> Any:
    x3, w3 = arrays(921, "float32", (2, 9, 3), (3, 3, 2))
    x, w, pw = arrays(922, "float32", (2, 6, 6, 3), (3, 3, 3, 2), (1, 1, 6, 2))
    return [attempt(tf.nn.convolution, x3, w3, padding="SAME", data_format=f) for f in ("XYZ", "NDHWC", "NHWC")] + \
        [attempt(tf.nn.depthwise_conv2d, x, w.astype("float64"), [1] * 4, "SAME"),
         attempt(tf.nn.conv3d, tf.ones([1, 2, 2, 2, 1]), tf.ones([1, 1, 1, 1, 1], tf.float64), [1] * 5, "SAME"),
         attempt(tf.nn.depthwise_conv2d, x, w, [1] * 4, "SAME", dilations=[0, 1]),
         attempt(tf.nn.separable_conv2d, x, w, pw[0], [1] * 4, "SAME"),
         attempt(tf.nn.separable_conv2d, x, w, pw, [1] * 4, "SAME", dilations=2),
         tf.nn.depthwise_conv2d(x, w, [1] * 4, [[0, 0], [1, 0], [0, 1], [0, 0]], dilations=[2, 2])]
