"""tf.nn pooling: max/avg pooling in 1-D, 2-D and 3-D over window sizes, strides and paddings, with
first and second derivatives; ties, NaN and -inf; max_pool_with_argmax; pool(); layouts, dtypes and
misuse."""

from __future__ import annotations

from typing import Any

import numpy as np

from conformance.case import attempt, case
from conformance.cases._conv_helpers import F32_TOL, arrays, grads_two_orders

_DTYPES = ("float64", "float32")


def _tol(dtype: str) -> dict:
    return F32_TOL if dtype == "float32" else {}


_POOL2D = [
    ((1, 4, 4, 1), 2, 2, "VALID"),
    ((2, 5, 5, 3), 2, 2, "SAME"),
    ((2, 7, 6, 2), [3, 2], [2, 1], "SAME"),
    ((1, 6, 6, 1), 3, 1, "VALID"),
    ((3, 5, 7, 2), 3, 2, "VALID"),
    ((1, 6, 5, 2), [1, 2, 3, 1], [1, 2, 2, 1], "SAME"),
    ((2, 3, 3, 1), 4, 1, "SAME"),  # window larger than the input
    ((1, 8, 8, 2), 2, 3, "SAME"),
]

for _i, (_xs, _k, _s, _p) in enumerate(_POOL2D):
    for _dt in _DTYPES:
        for _kind in ("max_pool2d", "avg_pool2d"):
            def _run(tf: Any, xs: tuple = _xs, k: Any = _k, s: Any = _s, p: str = _p, dt: str = _dt, i: int = _i,
                     kind: str = _kind) -> Any:
                (x,) = arrays(600 + i, dt, xs)
                return grads_two_orders(tf, lambda a: getattr(tf.nn, kind)(a, k, s, p), [x])

            case("pooling", f"{_kind} {_i} {_xs} k={_k} s={_s} p={_p} {_dt}", **_tol(_dt))(_run)


for _dt in _DTYPES:
    def _explicit(tf: Any, dt: str = _dt) -> Any:
        (x,) = arrays(610, dt, (2, 6, 5, 2))
        return grads_two_orders(tf, lambda a: tf.nn.max_pool2d(a, 3, 2, [[0, 0], [1, 2], [0, 1], [0, 0]]), [x])

    case("pooling", f"max_pool2d explicit padding {_dt}", **_tol(_dt))(_explicit)

_POOL1D = [((2, 7, 3), 2, 2, "VALID"), ((1, 9, 2), 3, 2, "SAME"), ((2, 6, 1), 3, 1, "SAME")]
for _i, (_xs, _k, _s, _p) in enumerate(_POOL1D):
    for _dt in _DTYPES:
        for _kind in ("max_pool1d", "avg_pool1d"):
            def _run1(tf: Any, xs: tuple = _xs, k: Any = _k, s: Any = _s, p: str = _p, dt: str = _dt, i: int = _i,
                      kind: str = _kind) -> Any:
                (x,) = arrays(620 + i, dt, xs)
                return grads_two_orders(tf, lambda a: getattr(tf.nn, kind)(a, k, s, p), [x])

            case("pooling", f"{_kind} {_i} {_xs} k={_k} s={_s} p={_p} {_dt}", **_tol(_dt))(_run1)

_POOL3D = [((1, 4, 4, 4, 2), 2, 2, "VALID"), ((2, 5, 4, 3, 1), [2, 3, 2], [2, 1, 2], "SAME"),
           ((1, 3, 3, 3, 1), 3, 1, "SAME")]
for _i, (_xs, _k, _s, _p) in enumerate(_POOL3D):
    for _kind in ("max_pool3d", "avg_pool3d"):
        def _run3(tf: Any, xs: tuple = _xs, k: Any = _k, s: Any = _s, p: str = _p, i: int = _i,
                  kind: str = _kind) -> Any:
            (x,) = arrays(630 + i, "float32", xs)
            return grads_two_orders(tf, lambda a: getattr(tf.nn, kind)(a, k, s, p), [x])

        case("pooling", f"{_kind} {_i} {_xs} k={_k} s={_s} p={_p} float32", **F32_TOL)(_run3)


for _rank, _shape in ((3, (1, 6, 2)), (4, (1, 5, 5, 2)), (5, (1, 4, 4, 4, 1))):
    for _kind in ("max_pool", "avg_pool"):
        def _generic(tf: Any, shape: tuple = _shape, kind: str = _kind) -> Any:
            (x,) = arrays(640, "float32", shape)
            return grads_two_orders(tf, lambda a: getattr(tf.nn, kind)(a, 2, 2, "SAME"), [x])

        case("pooling", f"{_kind} rank {_rank}", **F32_TOL)(_generic)


# -- ties, NaN, infinities -----------------------------------------------------------------------------------
def _first_two(tf: Any, fn: Any, values: Any, dtype: str = "float64") -> Any:
    return grads_two_orders(tf, fn, [np.asarray(values, dtype)])


@case("pooling", "max_pool1d ties go to the first maximum")
def ties_1d(tf: Any) -> Any:
    return _first_two(tf, lambda a: tf.nn.max_pool1d(a, 3, 1, "VALID"), np.array([3, 1, 3, 3, 0, 2, 2.0])
                      .reshape(1, 7, 1))


@case("pooling", "max_pool2d all-equal input: top-left of each window")
def ties_2d(tf: Any) -> Any:
    ones = np.ones((1, 4, 4, 1))
    return [_first_two(tf, lambda a, p=p: tf.nn.max_pool2d(a, 2, 1, p), ones) for p in ("SAME", "VALID")]


@case("pooling", "max_pool3d ties: every maximum gets the upstream value")
def ties_3d(tf: Any) -> Any:
    return _first_two(tf, lambda a: tf.nn.max_pool3d(a, [3, 1, 1], 1, "VALID"),
                      np.array([3, 1, 3, 3, 0, 2, 2.0]).reshape(1, 7, 1, 1, 1), "float32")


@case("pooling", "max_pool NaN skipped forward, routed by the gradient")
def nan_max(tf: Any) -> Any:
    out = []
    for dt in ("float32", "float64"):
        x = np.array([1, np.nan, 3, 2], dt).reshape(1, 4, 1)
        out.append(_first_two(tf, lambda a: tf.nn.max_pool1d(a, 2, 1, "VALID"), x, dt))
    return out


@case("pooling", "MaxPoolGrad with an inf/NaN upstream, windows that do not overlap (ties included)")
def nonfinite_upstream(tf: Any) -> Any:
    x = tf.constant(np.array([[1, 1, 0, 2], [1, 0, 0, 2], [5, 4, 3, 3], [6, 6, 3, 3.0]], "float32")
                    .reshape(1, 4, 4, 1))
    dy = tf.constant(np.array([np.inf, -np.inf, np.nan, 2.0], "float32").reshape(1, 2, 2, 1))
    with tf.GradientTape() as tape:
        tape.watch(x)
        y = tf.nn.max_pool2d(x, 2, 2, "VALID")
    return tape.gradient(y, x, output_gradients=dy)


@case("pooling", "max_pool window of only -inf gives the lowest finite value")
def neg_inf_max(tf: Any) -> Any:
    out = []
    for dt in ("float32", "float64"):
        x = tf.constant(np.full((1, 3, 3, 1), -np.inf, dt))
        out.append([tf.nn.max_pool2d(x, 2, 2, "SAME"), tf.nn.max_pool2d(x, 2, 1, "VALID")])
    return out


@case("pooling", "avg_pool propagates NaN; SAME divides by the real count")
def avg_nan(tf: Any) -> Any:
    x = tf.constant(np.array([1, 2, 3, 4, 5, 6.0]).reshape(1, 6, 1))
    y = tf.constant(np.array([1, np.nan, 3, 4.0]).reshape(1, 4, 1))
    return [tf.nn.avg_pool1d(x, 3, 1, "SAME"), tf.nn.avg_pool1d(y, 2, 1, "VALID")]


@case("pooling", "max_pool int32 and float16")
def pool_dtypes(tf: Any) -> Any:
    x = tf.reshape(tf.range(16), [1, 4, 4, 1])
    h = tf.cast(tf.reshape(tf.range(16), [1, 4, 4, 1]), tf.float16)
    return [tf.nn.max_pool2d(x, 2, 2, "SAME"), tf.nn.max_pool2d(h, 3, 1, "SAME"), tf.nn.avg_pool2d(h, 3, 1, "SAME"),
            attempt(tf.nn.avg_pool2d, x, 2, 2, "SAME")]


@case("pooling", "3-D pooling dtypes refused")
def pool3d_dtypes(tf: Any) -> Any:
    return [attempt(tf.nn.max_pool3d, tf.ones([1, 3, 3, 3, 1], dt), 2, 1, "SAME") for dt in (tf.float64, tf.int32)] + \
        [attempt(tf.nn.avg_pool3d, tf.ones([1, 3, 3, 3, 1], tf.int32), 2, 1, "SAME")]


@case("pooling", "3-D pooling float16/float64 kernels missing", compare_message=False)
def pool3d_missing(tf: Any) -> Any:
    return [attempt(tf.nn.max_pool3d, tf.ones([1, 3, 3, 3, 1], tf.float16), 2, 1, "SAME"),
            attempt(tf.nn.avg_pool3d, tf.ones([1, 3, 3, 3, 1], tf.float64), 2, 1, "SAME")]


# -- argmax --------------------------------------------------------------------------------------------------
for _dt in _DTYPES:
    for _batch in (False, True):
        def _argmax(tf: Any, dt: str = _dt, batch: bool = _batch) -> Any:
            (x,) = arrays(650, dt, (2, 5, 6, 3))
            res = tf.nn.max_pool_with_argmax(tf.constant(x), [2, 3], [2, 2], "SAME", include_batch_in_index=batch)
            grads = grads_two_orders(tf, lambda a: tf.nn.max_pool_with_argmax(a, 3, 2, "VALID",
                                                                              include_batch_in_index=batch)[0], [x])
            return [res.output, res.argmax, grads]

        case("pooling", f"max_pool_with_argmax batch_in_index={_batch} {_dt}", **_tol(_dt))(_argmax)


@case("pooling", "max_pool_with_argmax NaN, -inf and int32 indices")
def argmax_edges(tf: Any) -> Any:
    x = tf.constant([[[[np.nan], [3.0]], [[1.0], [2.0]]]])
    y = tf.constant([[[[-np.inf], [-np.inf]]]])
    r = tf.nn.max_pool_with_argmax(x, 2, 1, "SAME", output_dtype=tf.int32)
    return [list(tf.nn.max_pool_with_argmax(x, 2, 1, "SAME")), list(tf.nn.max_pool_with_argmax(y, 2, 1, "SAME")),
            r.argmax, attempt(tf.nn.max_pool_with_argmax, x, 2, 1, "SAME", data_format="NCHW")]


# -- pool() ----------------------------------------------------------------------------------------------------
_POOL = [([2, 2], "MAX", None, "VALID", None), ([2, 3], "AVG", [2, 1], "SAME", None),
         ([2, 2], "MAX", None, "VALID", [2, 2]), ([2, 3], "AVG", None, "VALID", [3, 2])]
for _i, (_w, _t, _s, _p, _d) in enumerate(_POOL):
    def _pool(tf: Any, w: list = _w, t: str = _t, s: Any = _s, p: str = _p, d: Any = _d, i: int = _i) -> Any:
        (x,) = arrays(660 + i, "float64", (2, 9, 8, 2))
        return grads_two_orders(tf, lambda a: tf.nn.pool(a, w, t, strides=s, padding=p, dilations=d), [x])

    case("pooling", f"pool {_i} {_w} {_t} s={_s} p={_p} d={_d}")(_pool)


# -- layouts ----------------------------------------------------------------------------------------------------
@case("pooling", "NCHW float32: max forward, avg forward and gradient; max gradient refused", **F32_TOL)
def nchw(tf: Any) -> Any:
    (x,) = arrays(670, "float32", (2, 3, 6, 5))
    return [grads_two_orders(tf, lambda a: tf.nn.avg_pool2d(a, 2, 2, "SAME", data_format="NCHW"), [x]),
            grads_two_orders(tf, lambda a: tf.nn.max_pool2d(a, 2, 2, "SAME", data_format="NCHW"), [x])]


@case("pooling", "NCHW float64 refused")
def nchw_f64(tf: Any) -> Any:
    x = tf.ones([1, 2, 4, 4], tf.float64)
    return [attempt(tf.nn.max_pool2d, x, 2, 1, "SAME", data_format="NCHW"),
            attempt(tf.nn.avg_pool2d, x, 2, 1, "SAME", data_format="NCHW"),
            attempt(tf.nn.max_pool1d, tf.ones([1, 2, 5], tf.float64), 2, 1, "SAME", data_format="NCW")]


# -- misuse -----------------------------------------------------------------------------------------------------
def _misuse(name: str, fn: Any) -> None:
    def run(tf: Any) -> Any:
        return attempt(fn, tf)

    case("pooling", f"misuse: {name}")(run)


def _x(tf: Any, *shape: int) -> Any:
    return tf.ones(shape, tf.float64)


_misuse("max_pool2d ksize 0", lambda tf: tf.nn.max_pool2d(_x(tf, 1, 5, 5, 2), 0, 1, "SAME"))
_misuse("max_pool2d stride -1", lambda tf: tf.nn.max_pool2d(_x(tf, 1, 5, 5, 2), 2, -1, "SAME"))
_misuse("max_pool2d over the batch", lambda tf: tf.nn.max_pool2d(_x(tf, 1, 5, 5, 2), [2, 1, 1, 1], 1, "SAME"))
_misuse("max_pool2d stride on the batch", lambda tf: tf.nn.max_pool2d(_x(tf, 1, 5, 5, 2), [1, 2, 2, 1],
                                                                      [2, 1, 1, 1], "SAME"))
_misuse("max_pool2d lower-case padding", lambda tf: tf.nn.max_pool2d(_x(tf, 1, 5, 5, 2), 2, 1, "same"))
_misuse("max_pool2d rank-3 input", lambda tf: tf.nn.max_pool2d(_x(tf, 5, 5, 2), 2, 1, "SAME"))
_misuse("max_pool2d ksize of length 3", lambda tf: tf.nn.max_pool2d(_x(tf, 1, 5, 5, 2), [2, 2, 2], 1, "SAME"))
_misuse("max_pool2d explicit padding wider than the window", lambda tf: tf.nn.max_pool2d(
    _x(tf, 1, 5, 5, 2), [1, 2, 2, 1], 1, [[0, 0], [3, 3], [1, 1], [0, 0]]))
_misuse("avg_pool2d lower-case padding", lambda tf: tf.nn.avg_pool2d(_x(tf, 1, 5, 5, 2), 2, 1, "same"))
_misuse("avg_pool2d ksize 0", lambda tf: tf.nn.avg_pool2d(_x(tf, 1, 5, 5, 2), 0, 1, "SAME"))
_misuse("avg_pool2d stride -1", lambda tf: tf.nn.avg_pool2d(_x(tf, 1, 5, 5, 2), 2, -1, "SAME"))
_misuse("avg_pool2d explicit padding", lambda tf: tf.nn.avg_pool2d(_x(tf, 1, 5, 5, 2), [1, 2, 2, 1], 1,
                                                                   [[0, 0], [1, 1], [1, 1], [0, 0]]))
_misuse("max_pool rank 6", lambda tf: tf.nn.max_pool(tf.ones([1, 5, 5, 5, 5, 1]), 2, 1, "SAME"))
_misuse("avg_pool rank 2", lambda tf: tf.nn.avg_pool(tf.ones([5, 5]), 2, 1, "SAME"))
_misuse("pool MIN", lambda tf: tf.nn.pool(_x(tf, 1, 5, 5, 2), [2, 2], "MIN", padding="VALID"))
_misuse("pool lower-case max", lambda tf: tf.nn.pool(_x(tf, 1, 5, 5, 2), [2, 2], "max", padding="VALID"))
_misuse("pool negative strides", lambda tf: tf.nn.pool(_x(tf, 1, 5, 5, 2), [2, 2], "AVG", strides=[-1, -1],
                                                       padding="VALID"))
_misuse("pool strides with dilations", lambda tf: tf.nn.pool(_x(tf, 1, 5, 5, 2), [2, 2], "MAX", strides=[2, 2],
                                                             padding="SAME", dilations=[2, 2]))
_misuse("pool SAME with dilations", lambda tf: tf.nn.pool(_x(tf, 1, 5, 5, 2), [2, 2], "MAX", padding="SAME",
                                                          dilations=[2, 2]))


@case("pooling", "bfloat16 and float16 pooling values and gradients", rtol=1e-2, atol=1e-2)
def half_pooling(tf: Any) -> Any:
    out = []
    for dt in (tf.bfloat16, tf.float16):
        (x,) = arrays(680, "float32", (1, 5, 5, 2))
        xt = tf.cast(tf.constant(x), dt)
        with tf.GradientTape(persistent=True) as t:
            t.watch(xt)
            m = tf.nn.max_pool2d(xt, 3, 2, "SAME")
            a = tf.nn.avg_pool2d(xt, 2, 1, "VALID")
        out.append([m, a, t.gradient(m, xt), t.gradient(a, xt)])
    return out


# -- found by differential probing ---------------------------------------------------------------------
def _r(tf: Any, *shape: int) -> Any:
    return tf.constant(np.random.default_rng(950).normal(size=shape).astype(np.float32))


@case("pooling", "windows longer than a VALID input: negative output size")
def pool_negative_output(tf: Any) -> Any:
    return [attempt(tf.nn.max_pool2d, _r(tf, 2, 7, 6, 3), 10, 1, "VALID"),
            attempt(tf.nn.avg_pool2d, _r(tf, 2, 7, 6, 3), 10, 1, "VALID"),
            attempt(tf.nn.max_pool3d, _r(tf, 1, 5, 4, 6, 2), 10, 1, "VALID"),
            attempt(tf.nn.avg_pool3d, _r(tf, 1, 5, 4, 6, 2), 10, 1, "VALID")]


@case("pooling", "pool argument checks come before the pooling type; input rank")
def pool_argument_order(tf: Any) -> Any:
    x = _r(tf, 2, 7, 6, 3)
    return [attempt(tf.nn.pool, x, [2, 2], "max", padding="SAME", dilations=[2, 1]),
            attempt(tf.nn.pool, x, [2, 2], "SUM", strides=[2, 2], dilations=[2, 2]),
            attempt(tf.nn.pool, x, [2, 2], "MAX", strides=2),
            attempt(tf.nn.pool, x, [2, 2], "AVG", dilations=2),
            attempt(tf.nn.pool, x, [2], "max", strides=[1, 1]),
            attempt(tf.nn.pool, x, [2, 2], "max", dilations=[0, 1]),
            attempt(tf.nn.pool, _r(tf, 2, 9, 3), [2, 2], "MAX")]


@case("pooling", "explicit padding: batch/depth pairs, per-axis names")
def pool_explicit_checks(tf: Any) -> Any:
    return [attempt(tf.nn.max_pool2d, _r(tf, 2, 7, 6, 3), 2, 2, [[1, 0], [1, 1], [1, 1], [0, 0]]),
            attempt(tf.nn.max_pool2d, _r(tf, 2, 7, 6, 3), 2, 2, [[0, 0], [1, 1], [1, 1], [0, 1]]),
            attempt(tf.nn.max_pool1d, _r(tf, 2, 9, 3), 2, 2, [[0, 0], [2, 1], [0, 0]]),
            attempt(tf.nn.max_pool2d, _r(tf, 2, 7, 6, 3), 2, 2, [[0, 0], [0, 0], [0, 2], [0, 0]])]


@case("pooling", "windows over the channels, zero ksize, wrong ranks (float32)")
def pool_channel_windows(tf: Any) -> Any:
    x = _r(tf, 2, 7, 6, 3)
    return [attempt(tf.nn.max_pool2d, x, [1, 1, 1, 2], 1, "SAME"),
            attempt(tf.nn.avg_pool2d, x, [1, 1, 1, 2], 1, "SAME"),
            attempt(tf.nn.max_pool3d, _r(tf, 1, 5, 4, 6, 2), [1, 1, 1, 1, 2], 1, "SAME"),
            attempt(tf.nn.avg_pool2d, x, 0, 1, "SAME"),
            attempt(tf.nn.max_pool2d, x[0], 2, 2, "SAME"),
            attempt(tf.nn.avg_pool2d, x[0], 2, 2, "SAME"),
            attempt(tf.nn.max_pool3d, _r(tf, 1, 1, 5, 4, 6, 2), 2, 2, "SAME")]


@case("pooling", "3-D pooling: the format check before the kernel lookup; generic max_pool's format")
def pool3d_format_order(tf: Any) -> Any:
    x = tf.ones([1, 4, 4, 4, 2], tf.float64)
    return [attempt(tf.nn.avg_pool3d, x, 2, 2, "SAME", data_format="NHWC"),
            attempt(tf.nn.avg_pool, x, 2, 2, "SAME"),
            attempt(tf.nn.max_pool, tf.cast(x, tf.float16), 2, 2, "SAME")]


@case("pooling", "padding and input kinds; max_pool_with_argmax dtype and rank")
def pool_argument_kinds(tf: Any) -> Any:
    x = _r(tf, 2, 7, 6, 3)
    return [attempt(tf.nn.max_pool2d, x, 2, 2, 3), attempt(tf.nn.avg_pool2d, x, 2, 2, None),
            attempt(tf.nn.max_pool, x, 2, 2, tf.constant("SAME")), attempt(tf.nn.max_pool2d, x, 2, 2, b"SAME"),
            attempt(tf.nn.max_pool2d, x, tf.constant(2), 2, "SAME"),
            attempt(tf.nn.max_pool, [[[[1.0]]]], 1, 1, "SAME"), attempt(tf.nn.avg_pool, [[[[1.0]]]], 1, 1, "SAME"),
            attempt(tf.nn.max_pool2d, [[[[1.0]]]], 1, 1, "SAME"),
            attempt(tf.nn.max_pool_with_argmax, x, 2, 2, "SAME", output_dtype=tf.float32),
            attempt(tf.nn.max_pool_with_argmax, x[0], 2, 2, "SAME")]


@case("pooling", "pool 3-D runs max_pool3d/avg_pool3d (NDHWC default): second order of dilated pooling", **F32_TOL)
def pool3d_second_order(tf: Any) -> Any:
    x = np.random.default_rng(951).normal(size=(1, 5, 4, 5, 2)).astype(np.float32)
    return [grads_two_orders(tf, lambda a, t=t: tf.nn.pool(a, [2, 2, 2], t, padding="VALID", dilations=[2, 1, 2]), [x])
            for t in ("MAX", "AVG")] + \
        [grads_two_orders(tf, lambda a: tf.nn.pool(a, [2, 2, 2], "MAX", strides=[1, 2, 1], padding="SAME"), [x])]


@case("pooling", "MaxPool3DGradGrad refuses an empty batch")
def pool3d_empty_grad_grad(tf: Any) -> Any:
    return grads_two_orders(tf, lambda a: tf.nn.max_pool3d(a, 2, 2, "SAME"), [np.zeros((0, 4, 4, 4, 2), np.float32)])


@case("pooling", "pool: dilated padding string, strides wider than the window; argmax empty and negative sizes")
def pool_more_checks(tf: Any) -> Any:
    x = _r(tf, 2, 6, 6, 3)
    return [attempt(tf.nn.pool, x, [2, 2], "MAX", padding="valid", dilations=[2, 2]),
            attempt(tf.nn.pool, x, [2, 2], "MAX", strides=[3, 3], padding="VALID"),
            attempt(tf.nn.max_pool_with_argmax, x[:0], 2, 2, "SAME"),
            attempt(tf.nn.max_pool_with_argmax, x, 10, 1, "VALID")]


@case("pooling", "avg_pool (2-D, 3-D) and max_pool_with_argmax errors end with the name= given; the others do not")
def pool_error_names(tf: Any) -> Any:
    x, x5, x3 = tf.ones([1, 4, 4, 3]), tf.ones([1, 4, 4, 4, 3]), tf.ones([1, 4, 3])
    return [attempt(tf.nn.max_pool2d, x, 0, 1, "SAME", name="mp"),
            attempt(tf.nn.max_pool2d, x, 2, 1, "FULL", name="mp"),
            attempt(tf.nn.avg_pool2d, x, 0, 1, "SAME", name="ap"),
            attempt(tf.nn.max_pool3d, x5, 0, 1, "SAME", name="m3"),
            attempt(tf.nn.max_pool, x, 0, 1, "SAME", name="mg"), attempt(tf.nn.avg_pool, x, 0, 1, "SAME", name="ag"),
            attempt(tf.nn.avg_pool, x, 2, 1, "FULL", name="ag"), attempt(tf.nn.avg_pool, x5, 0, 1, "SAME", name="ag"),
            attempt(tf.nn.avg_pool, x3, 0, 1, "SAME", name="ag"),
            attempt(tf.nn.avg_pool, x, 10, 1, "VALID", name="ag"),
            attempt(tf.nn.max_pool_with_argmax, x, 0, 1, "SAME", name="am"),
            attempt(tf.nn.max_pool_with_argmax, x, 10, 1, "VALID", name="am")]
