"""tf.nn normalization: moments, weighted_moments, normalize_moments, batch_normalization,
l2_normalize, local_response_normalization and tf.compat.v1.nn.fused_batch_norm -- values, first and
second derivatives, dtypes and misuse."""

from __future__ import annotations

from typing import Any

import numpy as np

from conformance.case import attempt, case
from conformance.cases._conv_helpers import F32_TOL, arrays, grads_two_orders

_DTYPES = ("float64", "float32")


def _tol(dtype: str) -> dict:
    return F32_TOL if dtype == "float32" else {}


def _fused(tf: Any) -> Any:
    """tf.compat.v1.nn.fused_batch_norm (tfshim keeps it in tfshim.ops.normalization_ops until
    tf.compat.v1.nn exports it; the op underneath is what these cases check)."""
    fn = getattr(tf.compat.v1.nn, "fused_batch_norm", None)
    if fn is None:
        from tfshim.ops.normalization_ops import fused_batch_norm as fn
    return fn


# -- moments -----------------------------------------------------------------------------------------
_MOMENTS = [((4, 3), [0], False), ((4, 3), [1], True), ((2, 3, 4), [0, 1], False), ((2, 3, 4), [-1], True),
            ((2, 3, 2, 2), [0, 1, 2], False), ((5,), [0], False), ((2, 3), [0, 1], True)]
for _i, (_shape, _axes, _keep) in enumerate(_MOMENTS):
    for _dt in _DTYPES:
        def _moments(tf: Any, shape: tuple = _shape, axes: list = _axes, keep: bool = _keep, dt: str = _dt,
                     i: int = _i) -> Any:
            (x,) = arrays(700 + i, dt, shape)
            return [grads_two_orders(tf, lambda a: tf.nn.moments(a, axes, keepdims=keep)[0], [x]),
                    grads_two_orders(tf, lambda a: tf.nn.moments(a, axes, keepdims=keep)[1], [x])]

        case("normalization", f"moments {_i} {_shape} axes={_axes} keepdims={_keep} {_dt}", **_tol(_dt))(_moments)


@case("normalization", "moments int32, float16, axes=[], int axis, out-of-range axis", rtol=1e-3, atol=1e-3)
def moments_edges(tf: Any) -> Any:
    return [tf.nn.moments(tf.constant([1, 2, 3, 7]), [0]),
            tf.nn.moments(tf.constant([[1.0, 2.0], [3.0, 5.0]], tf.float16), [0]),
            tf.nn.moments(tf.constant([[1.0, 2.0], [3.0, 5.0]]), []),
            tf.nn.moments(tf.constant([[1.0, 2.0], [3.0, 5.0]]), 1),
            attempt(tf.nn.moments, tf.ones([2, 3, 4]), [3])]


# -- weighted_moments / normalize_moments ---------------------------------------------------------------------
_WEIGHTED = [((4, 3), (4, 1), [0]), ((4, 3), (1, 3), [0, 1]), ((2, 3, 2), (2, 3, 2), [1])]
for _i, (_xs, _ws, _axes) in enumerate(_WEIGHTED):
    for _dt in _DTYPES:
        def _weighted(tf: Any, xs: tuple = _xs, ws: tuple = _ws, axes: list = _axes, dt: str = _dt,
                      i: int = _i) -> Any:
            x, w = arrays(720 + i, dt, xs, ws)
            w = np.abs(w) + 0.1
            return [grads_two_orders(tf, lambda a, b, k=k: tf.nn.weighted_moments(a, axes, b)[k], [x, w])
                    for k in (0, 1)]

        case("normalization", f"weighted_moments {_i} {_xs} w={_ws} axes={_axes} {_dt}", **_tol(_dt))(_weighted)


@case("normalization", "weighted_moments keepdims and zero weights")
def weighted_edges(tf: Any) -> Any:
    x = tf.constant([[1.0, 2.0], [3.0, 4.0]])
    return [tf.nn.weighted_moments(x, [0], tf.constant([[1.0], [3.0]]), keepdims=True),
            tf.nn.weighted_moments(x, [0], tf.zeros([2, 1]))]


@case("normalization", "normalize_moments with and without shift")
def normalize_moments(tf: Any) -> Any:
    counts = tf.constant(4.0)
    mean_ss = tf.constant([8.0, 4.0])
    var_ss = tf.constant([20.0, 6.0])
    return [tf.nn.normalize_moments(counts, mean_ss, var_ss, None),
            tf.nn.normalize_moments(counts, mean_ss, var_ss, tf.constant([1.0, -1.0]))]


# -- batch_normalization -------------------------------------------------------------------------------------
_BN = [((4, 3), (3,), True, True), ((2, 3, 3), (3,), True, False), ((2, 2, 2, 3), (3,), False, True),
       ((2, 2, 2, 3), (3,), False, False), ((5, 2), (1, 2), True, True)]
for _i, (_xs, _cs, _off, _sc) in enumerate(_BN):
    for _dt in _DTYPES:
        def _bn(tf: Any, xs: tuple = _xs, cs: tuple = _cs, off: bool = _off, sc: bool = _sc, dt: str = _dt,
                i: int = _i) -> Any:
            x, m, v, o, s = arrays(740 + i, dt, xs, cs, cs, cs, cs)

            def fn(a: Any, mu: Any, var: Any, offset: Any, scale: Any) -> Any:
                return tf.nn.batch_normalization(a, mu, var * var + 0.1, offset if off else None,
                                                 scale if sc else None, 1e-3)

            return grads_two_orders(tf, fn, [x, m, v, o, s])

        case("normalization", f"batch_normalization {_i} {_xs} {_cs} offset={_off} scale={_sc} {_dt}",
             **_tol(_dt))(_bn)


@case("normalization", "batch_normalization misuse")
def bn_misuse(tf: Any) -> Any:
    return [attempt(tf.nn.batch_normalization, tf.ones([2, 3]), tf.ones([4]), tf.ones([4]), None, None, 1e-3),
            attempt(tf.nn.batch_normalization, tf.ones([2, 3]), tf.zeros([3]), tf.ones([3]), None, None)]


# -- l2_normalize ---------------------------------------------------------------------------------------------
_L2 = [((4, 3), None), ((4, 3), 0), ((4, 3), 1), ((2, 3, 2), [1, 2]), ((5,), 0), ((2, 3), -1)]
for _i, (_xs, _axis) in enumerate(_L2):
    for _dt in _DTYPES:
        def _l2(tf: Any, xs: tuple = _xs, axis: Any = _axis, dt: str = _dt, i: int = _i) -> Any:
            (x,) = arrays(760 + i, dt, xs)
            return grads_two_orders(tf, lambda a: tf.nn.l2_normalize(a, axis), [x])

        case("normalization", f"l2_normalize {_i} {_xs} axis={_axis} {_dt}", **_tol(_dt))(_l2)


@case("normalization", "l2_normalize zero vector: value 0, gradient upstream/sqrt(epsilon)")
def l2_zero(tf: Any) -> Any:
    return [grads_two_orders(tf, lambda a: tf.nn.l2_normalize(a, 0), [np.zeros(3)]),
            grads_two_orders(tf, lambda a: tf.nn.l2_normalize(a, 0, epsilon=1e-4), [np.zeros(3)]),
            attempt(tf.nn.l2_normalize, tf.constant([1, 2])),
            tf.nn.l2_normalize(tf.constant([3.0, 4.0]), dim=0)]


# -- local response normalization -----------------------------------------------------------------------------
_LRN = [((1, 2, 2, 7), 2, 1.0, 1.0, 0.5), ((2, 3, 2, 5), 1, 1.5, 0.3, 0.75), ((1, 1, 2, 3), 5, 2.0, 1e-2, 1.0)]
for _i, (_xs, _r, _b, _a, _beta) in enumerate(_LRN):
    def _lrn(tf: Any, xs: tuple = _xs, r: int = _r, b: float = _b, a: float = _a, beta: float = _beta,
             i: int = _i) -> Any:
        (x,) = arrays(780 + i, "float32", xs)
        return grads_two_orders(tf, lambda v: tf.nn.local_response_normalization(v, r, b, a, beta), [x])

    case("normalization", f"local_response_normalization {_i} {_xs} r={_r}", **F32_TOL)(_lrn)


@case("normalization", "lrn alias, dtypes and rank")
def lrn_misuse(tf: Any) -> Any:
    return [tf.nn.lrn is tf.nn.local_response_normalization,
            attempt(tf.nn.lrn, tf.ones([1, 2, 2, 3], tf.float64)),
            attempt(tf.nn.lrn, tf.ones([2, 2, 3])),
            tf.nn.lrn(tf.ones([1, 1, 1, 4], tf.float16))]


# -- fused_batch_norm -------------------------------------------------------------------------------------------
for _fmt, _shape in (("NHWC", (2, 3, 2, 3)), ("NCHW", (2, 3, 2, 3)), ("NDHWC", (2, 2, 2, 2, 3))):
    for _train in (True, False):
        def _fbn(tf: Any, fmt: str = _fmt, shape: tuple = _shape, train: bool = _train) -> Any:
            x, s, o = arrays(790, "float32", shape, (3,), (3,))
            fbn = _fused(tf)
            stats = {} if train else {"mean": tf.constant([0.1, 0.2, 0.3]), "variance": tf.constant([1.0, 2.0, 0.5])}

            def fn(a: Any, scale: Any, offset: Any) -> Any:
                return fbn(a, scale, offset, data_format=fmt, is_training=train, **stats)[0]

            return [grads_two_orders(tf, fn, [x, s, o]),
                    list(fbn(tf.constant(x), tf.constant(s), tf.constant(o), data_format=fmt, is_training=train,
                             **stats))]

        case("normalization", f"fused_batch_norm {_fmt} training={_train}", **F32_TOL)(_fbn)


@case("normalization", "fused_batch_norm exponential_avg_factor", **F32_TOL)
def fbn_factor(tf: Any) -> Any:
    x, s, o = arrays(791, "float32", (2, 3, 3, 2), (2,), (2,))
    return list(_fused(tf)(tf.constant(x), tf.constant(s), tf.constant(o), mean=tf.constant([1.0, 2.0]),
                           variance=tf.constant([3.0, 4.0]), exponential_avg_factor=0.3))


# TF names either refused attr ('T' of x or 'U' of scale) from one run to the next: compare the class
@case("normalization", "fused_batch_norm refuses float64 inputs", compare_message=False)
def fbn_float64(tf: Any) -> Any:
    return attempt(_fused(tf), tf.ones([2, 3, 3, 2], tf.float64), tf.ones([2], tf.float64), tf.zeros([2], tf.float64))


@case("normalization", "fused_batch_norm misuse")
def fbn_misuse(tf: Any) -> Any:
    fbn = _fused(tf)
    return [attempt(fbn, tf.ones([2, 3, 2]), tf.ones([2]), tf.zeros([2])),
            attempt(fbn, tf.ones([2, 3, 3, 2]), tf.ones([3]), tf.zeros([2])),
            attempt(fbn, tf.ones([2, 3, 3, 2]), tf.ones([2]), tf.zeros([2]), is_training=False)]


@case("normalization", "fused_batch_norm kernel checks: ranks first, then sizes with TF's mode prefix")
def fbn_kernel_checks(tf: Any) -> Any:
    fbn = _fused(tf)
    x = tf.ones([2, 3, 4, 5])
    one, zero = tf.ones([5]), tf.zeros([5])
    return [attempt(fbn, x, one, zero, mean=tf.zeros([3]), variance=one, exponential_avg_factor=0.5),
            attempt(fbn, x, one, zero, mean=zero, variance=tf.ones([3]), exponential_avg_factor=0.5),
            attempt(fbn, x, one, zero, mean=tf.zeros([3]), variance=one, is_training=False),
            attempt(fbn, x, one, zero, mean=zero, variance=tf.ones([3]), is_training=False),
            attempt(fbn, x, one, zero, mean=tf.zeros([1, 5]), variance=one, is_training=False),
            attempt(fbn, x, one, zero, mean=zero, variance=tf.ones([1, 5]), is_training=False),
            attempt(fbn, x, tf.ones([3]), tf.zeros([1, 5])), attempt(fbn, x, tf.ones([1, 5]), tf.zeros([3])),
            list(fbn(x, one, zero, mean=tf.zeros([3]), variance=tf.ones([3])))]


@case("normalization", "fused_batch_norm empty batch: NaN statistics in every mode")
def fbn_empty(tf: Any) -> Any:
    fbn = _fused(tf)
    x = tf.zeros([0, 2, 2, 3])
    s, o, m, v = tf.ones([3]), tf.zeros([3]), tf.constant([0.1, 0.2, 0.3]), tf.constant([1.0, 2.0, 3.0])
    return [list(fbn(x, s, o)), list(fbn(x, s, o, mean=m, variance=v, is_training=False)),
            list(fbn(x, s, o, mean=m, variance=v, exponential_avg_factor=0.5)),
            list(fbn(tf.zeros([0, 3, 2, 2]), s, o, mean=m, variance=v, is_training=False, data_format="NCHW"))]


@case("normalization", "lrn depth_radius must fit an int")
def lrn_radius(tf: Any) -> Any:
    x = tf.reshape(tf.range(2 * 3 * 4 * 5, dtype=tf.float32) / 50, [2, 3, 4, 5])
    return [attempt(tf.nn.lrn, x, depth_radius=-1), attempt(tf.nn.lrn, x, depth_radius=2**31),
            attempt(tf.nn.lrn, x, depth_radius=2**31 - 1), tf.nn.lrn(x, depth_radius=9),
            tf.nn.lrn(x, depth_radius=0), attempt(tf.nn.lrn, tf.ones([2, 2]), depth_radius=-3)]


@case("normalization", "batch_normalization follows Python's operators on lists and scalars")
def bn_operators(tf: Any) -> Any:
    x = tf.constant([[1.0, 2.0], [3.0, 5.0]])
    bn = tf.nn.batch_normalization
    return [attempt(bn, [1.0, 2.0], [1.0, 1.0], [2.0, 2.0], [0.0, 1.0], [1.0, 2.0], 0.1),
            bn(x, [1.0, 1.0], tf.constant([2.0, 2.0]), [0.0, 1.0], [1.0, 2.0], 0.1),
            bn(x, 0.5, 2.0, 0.1, 3.0, 1e-3), bn(x, 0.5, 2.0, None, None, tf.constant(0.5)),
            attempt(bn, [1.0, 2.0], 0.0, 1.0, None, None, 0.0), bn(x, 0.0, -1.0, None, None, 0.0)]


@case("normalization", "lrn float16 rounds at each step as TF's half kernel does (bit-exact)")
def lrn_half(tf: Any) -> Any:
    """The bits as int16, since float16 tolerances would hide the last-place differences. beta=1 only:
    with beta=0.5 TF's half rsqrt (Eigen's fast float rsqrt) can round one last place differently."""
    rng = np.random.default_rng(5)
    xs = [(rng.normal(size=(2, 3, 2, c)) * 2).astype(np.float16) for c in (7, 16, 64)]
    return [tf.nn.lrn(x, **kw).numpy().view(np.int16) for x in xs
            for kw in ({"beta": 1.0}, {"depth_radius": 3, "alpha": 1e-3, "beta": 1.0}, {"depth_radius": 0, "beta": 1})]


@case("normalization", "fused_batch_norm attributes must be Python values (the wrapper's make_float/str/bool)")
def fbn_attr_types(tf: Any) -> Any:
    fbn = _fused(tf)
    x, s, o = tf.ones([2, 2, 2, 3]), tf.ones([3]), tf.zeros([3])
    m, v = tf.zeros([3]), tf.ones([3])
    return [attempt(fbn, x, s, o, epsilon=tf.constant(0.1)),
            attempt(fbn, x, s, o, mean=m, variance=v, exponential_avg_factor=tf.constant(0.5)),
            attempt(fbn, x, s, o, is_training=tf.constant(True)), attempt(fbn, x, s, o, data_format=None),
            attempt(fbn, x, s, o, is_training=np.bool_(True)), list(fbn(x, s, o, epsilon=np.float32(0.1))),
            list(fbn(x, s, o, data_format=b"NHWC")), list(fbn(x, s, o, epsilon=1)),
            list(fbn(x * 0.01, s, o, mean=m, variance=v * 1e-3, epsilon=None, is_training=False)),
            list(fbn(x, s, o, is_training=None, mean=m, variance=v)),
            attempt(fbn, x, s, o, exponential_avg_factor=None),
            list(fbn(x, s, o, mean=m, variance=v, exponential_avg_factor=None, is_training=False))]


@case("normalization", "fused_batch_norm 3-D formats take 4-D input as NHWC/NCHW; U=bfloat16 has no CPU kernel")
def fbn_formats_and_kernels(tf: Any) -> Any:
    fbn = _fused(tf)
    x = tf.reshape(tf.linspace(-1.0, 1.0, 24), [2, 3, 2, 2])
    bf = tf.bfloat16
    return [list(fbn(x, tf.ones([2]), tf.zeros([2]), data_format="NDHWC")),
            list(fbn(x, tf.constant([0.5, 1.0, 2.0]), tf.ones([3]), data_format="NCDHW")),
            list(fbn(x, tf.ones([3]), tf.zeros([3]), mean=tf.fill([3], 0.1), variance=tf.fill([3], 2.0),
                     data_format="NCDHW", is_training=False)),
            attempt(fbn, x[0], tf.ones([2]), tf.zeros([2]), data_format="NDHWC"),
            attempt(fbn, tf.reshape(x, [1, 1, 2, 3, 2, 2]), tf.ones([2]), tf.zeros([2]), data_format="NCDHW"),
            attempt(fbn, tf.cast(x, tf.half), tf.ones([2], bf), tf.zeros([2], bf), mean=tf.zeros([2], bf),
                    variance=tf.ones([2], bf), epsilon=1e-5, data_format="NCHW", is_training=False,
                    exponential_avg_factor=0.25),
            attempt(fbn, x, tf.ones([2], bf), tf.zeros([2], bf), epsilon=0.1234567)]
