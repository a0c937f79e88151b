"""tf.nn activations and losses: values at the kinks, first and second derivatives (None versus zeros
versus LookupError), dtype errors, TensorFlow's argument checks and kernel errors, and the softmax
cross-entropy second-order path through the op's backprop output."""

from __future__ import annotations

from typing import Any

import numpy as np

from conformance.case import attempt, case

_ACTIVATIONS = ("relu", "relu6", "leaky_relu", "elu", "selu", "gelu", "silu", "swish", "softplus", "softsign")
_KINKS = [-7.0, -1.0, -0.5, 0.0, 0.5, 1.0, 6.0, 7.0]
_EXTREMES = [np.nan, np.inf, -np.inf, -100.0, 100.0, 1e-8, -1e-8, -14.0, -13.9, 15.0]


def _first_and_second(tf: Any, fn: Any, x: Any) -> Any:
    with tf.GradientTape() as outer:
        outer.watch(x)
        with tf.GradientTape() as inner:
            inner.watch(x)
            y = fn(x)
        g = inner.gradient(y, x)
    return [y, g, attempt(outer.gradient, g, x)]


def _activation(name: str) -> Any:
    def run(tf: Any) -> Any:
        fn = getattr(tf.nn, name)
        return [_first_and_second(tf, fn, tf.constant(_KINKS)),
                _first_and_second(tf, fn, tf.constant(_KINKS, tf.float64))]

    return run


for _name in _ACTIVATIONS:
    case("nn", f"{_name} values, gradient and second derivative at the kinks")(_activation(_name))


def _extremes(name: str) -> Any:
    def run(tf: Any) -> Any:
        fn = getattr(tf.nn, name)
        x = tf.constant(_EXTREMES)
        with tf.GradientTape() as t:
            t.watch(x)
            y = fn(x)
        return [y, t.gradient(y, x)]

    return run


for _name in ("relu", "relu6", "leaky_relu", "elu", "selu", "softplus", "softsign"):
    case("nn", f"{_name} at nan, inf and near the thresholds", atol=1e-30)(_extremes(_name))


def _dtype_sweep(name: str) -> Any:
    def run(tf: Any) -> Any:
        fn = getattr(tf.nn, name)
        out = []
        for dtype in ("float16", "float64", "int8", "int32", "int64", "uint8", "complex64"):
            out.append(attempt(lambda d=dtype: fn(tf.constant([1, 2], dtype=d))))
        return out

    return run


for _name in _ACTIVATIONS:
    case("nn", f"{_name} dtypes")(_dtype_sweep(_name))


@case("nn", "spec 7 rows: relu6, leaky_relu, elu, softplus gradients")
def spec_activation_rows(tf: Any) -> Any:
    out = []
    for fn, values in ((tf.nn.relu6, [0.0, 6.0, 7.0]), (tf.nn.leaky_relu, [-1.0, 0.0, 1.0]),
                       (tf.nn.elu, [-1.0, 0.0, 1.0]), (tf.nn.softplus, [0.0]), (tf.nn.relu, [-1.0, 0.0, 1.0])):
        x = tf.constant(values)
        with tf.GradientTape() as t:
            t.watch(x)
            y = fn(x)
        out.append(t.gradient(y, x))
    return out


@case("nn", "spec 5.1b: relu and leaky_relu second derivatives are zeros")
def spec_second_order_zeros(tf: Any) -> Any:
    out = []
    for fn in (tf.nn.relu, tf.nn.leaky_relu):
        x = tf.constant([-1.0, 2.0])
        with tf.GradientTape() as outer:
            outer.watch(x)
            with tf.GradientTape() as inner:
                inner.watch(x)
                y = tf.reduce_sum(fn(x))
            g = inner.gradient(y, x)
        out.append([g, outer.gradient(g, x)])
    return out


@case("nn", "leaky_relu alpha forms and integer inputs")
def leaky_relu_alpha(tf: Any) -> Any:
    x = tf.constant([-1.0, 0.0, 2.0])
    return [tf.nn.leaky_relu(x, alpha=2.0), tf.nn.leaky_relu(x, alpha=np.float32(0.3)),
            tf.nn.leaky_relu(x, alpha=1), tf.nn.leaky_relu([1, -2]),
            tf.nn.leaky_relu(tf.constant([1, -2], tf.int64)),
            attempt(tf.nn.leaky_relu, x, alpha=tf.constant(0.3))]


@case("nn", "gelu exact and approximate, with gradients")
def gelu_forms(tf: Any) -> Any:
    x = tf.constant([-3.0, -1.0, 0.0, 0.5, 1.0, 3.0], tf.float64)
    out = []
    for approximate in (False, True):
        with tf.GradientTape() as outer:
            outer.watch(x)
            with tf.GradientTape() as inner:
                inner.watch(x)
                y = tf.nn.gelu(x, approximate=approximate)
            g = inner.gradient(y, x)
        out.append([y, g, outer.gradient(g, x)])
    out.append(attempt(tf.nn.gelu, [1, 2]))
    out.append(tf.nn.gelu(tf.constant([-3.0, -1.0, 0.0, 1.0, 3.0])))
    return out


@case("nn", "swish gradient with respect to features and beta, and second order")
def swish_beta(tf: Any) -> Any:
    x = tf.constant([-2.0, -0.5, 0.0, 1.0, 3.0], tf.float64)
    beta = tf.constant(1.5, tf.float64)
    with tf.GradientTape(persistent=True) as outer:
        outer.watch([x, beta])
        with tf.GradientTape() as inner:
            inner.watch([x, beta])
            y = tf.nn.swish(x, beta=beta)
        gx, gb = inner.gradient(y, [x, beta])
    return [y, gx, gb, outer.gradient(gx, [x, beta]), outer.gradient(gb, [x, beta]),
            tf.nn.silu(tf.constant([1.0, 2.0]), beta=2), attempt(tf.nn.swish, [1, 2])]


@case("nn", "erfc values and gradient")
def erfc_values(tf: Any) -> Any:
    x = tf.constant([-2.0, -0.5, 0.0, 0.5, 2.0, 10.0], tf.float64)
    with tf.GradientTape() as t:
        t.watch(x)
        y = tf.math.erfc(x)
    return [y, t.gradient(y, x), tf.math.erfc(tf.constant([0.0, 1.0, -1.0]))]


# -- softmax -------------------------------------------------------------------------------------
@case("nn", "spec 7 rows: softmax and log_softmax gradients")
def spec_softmax_rows(tf: Any) -> Any:
    x = tf.constant([1.0, 2.0])
    with tf.GradientTape(persistent=True) as t:
        t.watch(x)
        s = tf.nn.softmax(x)
        total = tf.reduce_sum(s)
        first = s[0]
    z = tf.constant([0.0, 0.0])
    with tf.GradientTape() as t2:
        t2.watch(z)
        ls = tf.nn.log_softmax(z)[0]
    return [t.gradient(total, x), t.gradient(first, x), t2.gradient(ls, z)]


@case("nn", "softmax and log_softmax along each axis, with second derivatives")
def softmax_axes(tf: Any) -> Any:
    x = tf.constant(np.random.default_rng(0).normal(size=(2, 3, 4)))
    w = tf.constant(np.random.default_rng(1).normal(size=(2, 3, 4)))
    out = []
    for fn in (tf.nn.softmax, tf.nn.log_softmax):
        for axis in (None, 0, 1, -1, -2, 2):
            out.append(_first_and_second(tf, lambda v, f=fn, a=axis: f(v, axis=a) * w, x))
    return out


@case("nn", "softmax errors: scalar, rank 6, axis out of range")
def softmax_errors(tf: Any) -> Any:
    x = tf.constant([[1.0, 2.0, 3.0], [1.0, 1.0, 1.0]])
    return [attempt(tf.nn.softmax, tf.constant(1.0)), attempt(tf.nn.softmax, tf.constant(1.0, tf.float64)),
            attempt(tf.nn.log_softmax, tf.constant(1.0)), attempt(tf.nn.softmax, tf.ones([1, 1, 1, 1, 1, 2])),
            tf.nn.softmax(tf.ones([1, 1, 1, 1, 1, 2], tf.float64)),
            tf.nn.log_softmax(tf.ones([1, 1, 1, 1, 1, 2])),
            attempt(tf.nn.softmax, x, axis=2), attempt(tf.nn.softmax, x, axis=-3),
            attempt(tf.nn.log_softmax, tf.constant(1.0), axis=0), attempt(tf.nn.softmax, [1, 2]),
            attempt(tf.nn.log_softmax, [1, 2]), tf.nn.softmax(x, axis=tf.constant(0)),
            tf.nn.softmax(tf.zeros([0, 3])), tf.nn.softmax(tf.zeros([2, 0])),
            tf.math.softmax(tf.constant([1.0, 2.0], tf.float16))]


@case("nn", "softmax with nan and inf entries (oneDNN float32 versus Eigen float64)")
def softmax_non_finite(tf: Any) -> Any:
    inf, nan = np.inf, np.nan
    rows = [[inf, 1.0], [1.0, inf], [inf, inf], [nan, 1.0], [nan, nan], [-inf, -inf], [inf, -inf],
            [1.0, 2.0, nan], [-inf, nan], [-inf, 1.0], [1000.0, 0.0]]
    out = []
    for dtype in ("float32", "float64", "float16"):
        for r in rows:
            x = tf.constant(r, dtype)
            out.append([tf.nn.softmax(x), tf.nn.log_softmax(x)])
    out.append(tf.nn.softmax(tf.constant([[[inf, 1.0]], [[1.0, 1.0]]])))
    return out


# -- softmax cross entropy -----------------------------------------------------------------------
@case("nn", "softmax_cross_entropy_with_logits values, axis and dtypes")
def sce_values(tf: Any) -> Any:
    f = tf.nn.softmax_cross_entropy_with_logits
    lg = tf.constant([[1.0, 2.0, 3.0], [1.0, 1.0, 1.0]])
    lb = tf.constant([[0.0, 0.0, 1.0], [0.5, 0.5, 0.0]])
    cube = tf.reshape(tf.range(24.0), [2, 3, 4]) / 7.0
    return [f(labels=lb, logits=lg), f(labels=lb, logits=lg, axis=0), f(labels=[0.0, 1.0], logits=[1.0, 2.0]),
            f(labels=[0, 1], logits=[1.0, 2.0]),
            f(labels=tf.constant([0.0, 1.0]), logits=tf.constant([1.0, 2.0], tf.float64)),
            f(labels=[0.0, 1.0], logits=tf.constant([1.0, 2.0], tf.float16)),
            f(labels=tf.ones([2, 3, 4]) / 4, logits=cube), f(labels=tf.ones([2, 3, 4]) / 3, logits=cube, axis=1),
            f(labels=[[0.0, 1.0]], logits=[[1.0, 2.0], [3.0, 4.0]]),
            f(labels=tf.zeros([0, 3]), logits=tf.zeros([0, 3])), f(labels=tf.zeros([2, 0]), logits=tf.zeros([2, 0])),
            f(labels=[0.0, 1.0], logits=[np.inf, 1.0]), f(labels=[0.0, 1.0], logits=[-np.inf, 1.0]),
            f(labels=[1.0, 0.0], logits=[-np.inf, 1.0])]


@case("nn", "softmax_cross_entropy_with_logits errors")
def sce_errors(tf: Any) -> Any:
    f = tf.nn.softmax_cross_entropy_with_logits
    lg = tf.constant([[1.0, 2.0, 3.0], [1.0, 1.0, 1.0]])
    return [attempt(f, labels=1.0, logits=2.0), attempt(f, labels=[0, 1], logits=[1, 2]),
            attempt(f, labels=[0.0, 1.0, 0.0], logits=[1.0, 2.0]),
            attempt(f, labels=lg, logits=lg, axis=5),
            attempt(f, labels=tf.ones([2, 3, 4]), logits=tf.ones([2, 3, 4]), axis=-2)]


@case("nn", "softmax_cross_entropy_with_logits gradients and Hessian")
def sce_gradients(tf: Any) -> Any:
    rng = np.random.default_rng(2)
    logits = tf.constant(rng.normal(size=(3, 4)))
    labels = tf.constant(rng.dirichlet(np.ones(4), size=3))
    w = tf.constant([1.0, 2.0, 3.0], tf.float64)
    with tf.GradientTape(persistent=True) as outer:
        outer.watch([logits, labels])
        with tf.GradientTape() as inner:
            inner.watch([logits, labels])
            loss = tf.nn.softmax_cross_entropy_with_logits(labels=labels, logits=logits) * w
        g_logits, g_labels = inner.gradient(loss, [logits, labels])
    return [loss, g_logits, g_labels, outer.gradient(g_logits, [logits, labels]),
            outer.gradient(g_labels, [logits, labels])]


@case("nn", "spec 7 row: sparse_softmax_cross_entropy_with_logits gradient")
def spec_sparse_row(tf: Any) -> Any:
    x = tf.constant([[1.0, 2.0]])
    with tf.GradientTape() as t:
        t.watch(x)
        y = tf.nn.sparse_softmax_cross_entropy_with_logits(labels=[0], logits=x)
    return t.gradient(y, x)


@case("nn", "sparse_softmax_cross_entropy_with_logits values, ranks and dtypes")
def sparse_values(tf: Any) -> Any:
    f = tf.nn.sparse_softmax_cross_entropy_with_logits
    lg = tf.constant([[1.0, 2.0, 3.0], [1.0, 1.0, 1.0]])
    return [f(labels=[2, 0], logits=lg), f(labels=tf.constant([2, 0], tf.int64), logits=lg),
            f(labels=1, logits=[1.0, 2.0]),
            f(labels=[[1, 0, 3], [0, 0, 0]], logits=tf.reshape(tf.range(24.0), [2, 3, 4])),
            f(labels=[1], logits=tf.constant([[1.0, 2.0]], tf.float16)),
            f(labels=[1], logits=tf.constant([[1.0, 2.0]], tf.float64)),
            f(labels=tf.zeros([0], tf.int32), logits=tf.zeros([0, 3]))]


@case("nn", "sparse_softmax_cross_entropy_with_logits errors")
def sparse_errors(tf: Any) -> Any:
    f = tf.nn.sparse_softmax_cross_entropy_with_logits
    lg = tf.constant([[1.0, 2.0, 3.0], [1.0, 1.0, 1.0]])
    cube = tf.reshape(tf.range(24.0), [2, 3, 4])
    return [attempt(f, labels=[3, 0], logits=lg), attempt(f, labels=[-1, 0], logits=lg),
            attempt(f, labels=[5, -2], logits=lg), attempt(f, labels=[1.0, 0.0], logits=lg),
            attempt(f, labels=1, logits=1.0), attempt(f, labels=[[1]], logits=lg),
            attempt(f, labels=[1, 0, 0], logits=lg), attempt(f, labels=4, logits=[1.0, 2.0]),
            attempt(f, labels=[[1, 0, 4], [0, 0, 0]], logits=cube), attempt(f, labels=[1], logits=[[1, 2]]),
            attempt(f, labels=[0, 0], logits=tf.zeros([2, 0])),
            attempt(f, labels=tf.constant([1], tf.uint8), logits=[[1.0, 2.0]]),
            attempt(f, labels=None, logits=[[1.0, 2.0]])]


@case("nn", "sparse_softmax_cross_entropy_with_logits gradients and Hessian")
def sparse_gradients(tf: Any) -> Any:
    logits = tf.constant(np.random.default_rng(3).normal(size=(2, 3, 4)))
    labels = tf.constant([[0, 3, 1], [2, 2, 0]])
    with tf.GradientTape() as outer:
        outer.watch(logits)
        with tf.GradientTape() as inner:
            inner.watch(logits)
            loss = tf.nn.sparse_softmax_cross_entropy_with_logits(labels=labels, logits=logits)
        g = inner.gradient(loss, logits)
    return [loss, g, outer.gradient(g, logits)]


# -- sigmoid and weighted cross entropy ------------------------------------------------------------
@case("nn", "sigmoid_cross_entropy_with_logits values, gradients and errors")
def sigmoid_ce(tf: Any) -> Any:
    f = tf.nn.sigmoid_cross_entropy_with_logits
    logits = tf.constant([1.0, -1.0, 0.0, 1.0, -1.0, 0.0, 0.0, 30.0, -30.0])
    labels = tf.constant([0.0, 0.0, 0.0, 1.0, 1.0, 1.0, 0.5, 0.2, 0.7])
    with tf.GradientTape(persistent=True) as outer:
        outer.watch([logits, labels])
        with tf.GradientTape() as inner:
            inner.watch([logits, labels])
            y = f(labels=labels, logits=logits)
        gl, gz = inner.gradient(y, [logits, labels])
    return [y, gl, gz, outer.gradient(gl, [logits, labels]), outer.gradient(gz, [logits, labels]),
            f(labels=[1.0, 1.0], logits=[np.inf, -np.inf]),
            attempt(f, labels=[0.0, 1.0], logits=[1.0, -1.0, 0.0]), attempt(f, labels=[0, 1], logits=[1, -1]),
            attempt(f, labels=[0, 1], logits=[1.0, -1.0]),
            attempt(f, labels=tf.constant([0.0, 1.0], tf.float64), logits=[1.0, -1.0]),
            attempt(f, labels=None, logits=[1.0, -1.0])]


@case("nn", "weighted_cross_entropy_with_logits values, gradients and errors")
def weighted_ce(tf: Any) -> Any:
    f = tf.nn.weighted_cross_entropy_with_logits
    labels = tf.constant([1.0, 0.5, 0.0])
    logits = tf.constant([1.5, -0.1, -10.0])
    pw = tf.constant(1.5)
    with tf.GradientTape() as t:
        t.watch([labels, logits, pw])
        y = f(labels=labels, logits=logits, pos_weight=pw)
    return [y, t.gradient(y, [labels, logits, pw]), f(labels, logits, 0.5),
            f(labels=[1.0, 0.0], logits=[1.0, 2.0], pos_weight=2),
            attempt(f, labels=[1.0, 0.5], logits=[1.5, -0.1, -10.0], pos_weight=1.5),
            attempt(f, labels=[[1.0, 0.5, 0.0]], logits=[[1.5, -0.1, -10.0]], pos_weight=[1.0, 2.0, 3.0]),
            attempt(f, labels=[1, 0], logits=[1, 2], pos_weight=2),
            attempt(f, labels=[1.0, 0.0], logits=[1.0, 2.0], pos_weight=tf.constant(2.0, tf.float64))]


# -- bias_add ------------------------------------------------------------------------------------
@case("nn", "bias_add values and data formats")
def bias_add_values(tf: Any) -> Any:
    v = tf.reshape(tf.range(24.0), [2, 3, 4])
    return [tf.nn.bias_add(v, [1.0, 2.0, 3.0, 4.0]), tf.nn.bias_add(v, [1.0, 2.0, 3.0], data_format="NCHW"),
            tf.nn.bias_add(v, [1.0, 2.0, 3.0], data_format="NCW"),
            tf.nn.bias_add(v, [1.0, 2.0, 3.0, 4.0], data_format="NWC"),
            tf.nn.bias_add(v, [1.0, 2.0, 3.0], data_format="NC"),
            tf.nn.bias_add(tf.ones([2, 3]), [1.0, 2.0, 3.0], data_format="NC"),
            tf.nn.bias_add(tf.constant([[1, 2]]), [1, 2]), tf.nn.bias_add(tf.constant([[1.0, 2.0]]), [1, 2]),
            tf.nn.bias_add(tf.constant([[1.0, 2.0]], tf.complex64), tf.constant([1.0, 2.0], tf.complex64)),
            tf.nn.bias_add(tf.ones([1, 1, 1, 1, 1, 2]), [1.0, 2.0]),
            tf.nn.bias_add(tf.ones([1, 2, 1, 1, 1, 1]), [1.0, 2.0], data_format="NCHW"),
            tf.nn.bias_add(tf.ones([0, 2]), [1.0, 2.0])]


@case("nn", "bias_add errors")
def bias_add_errors(tf: Any) -> Any:
    v = tf.reshape(tf.range(24.0), [2, 3, 4])
    f = tf.nn.bias_add
    return [attempt(f, v, [1.0, 2.0, 3.0, 4.0], data_format="HWC"), attempt(f, v, [1.0, 2.0, 3.0]),
            attempt(f, v, [1.0, 2.0, 3.0, 4.0], data_format="NCHW"), attempt(f, tf.constant([1.0, 2.0]), [1.0, 2.0]),
            attempt(f, tf.constant([[1.0, 2.0]]), [1.0], data_format="NCHW"),
            attempt(f, v, [[1.0, 2.0, 3.0, 4.0]]), attempt(f, tf.constant([[1, 2]]), [1.0, 2.0]),
            attempt(f, tf.constant([[1.0, 2.0]]), tf.constant([1.0, 2.0], tf.float64)),
            attempt(f, tf.constant([[True]]), tf.constant([True])),
            attempt(f, v, [1.0, 2.0, 3.0], data_format="nchw")]


@case("nn", "bias_add gradients and second order, both data formats")
def bias_add_gradients(tf: Any) -> Any:
    v = tf.reshape(tf.range(24.0), [2, 3, 4]) / 10.0
    out = []
    for fmt, size in ((None, 4), ("NCHW", 3)):
        b = tf.constant(np.arange(1.0, size + 1, dtype=np.float32))
        with tf.GradientTape(persistent=True) as outer:
            outer.watch([v, b])
            with tf.GradientTape() as inner:
                inner.watch([v, b])
                y = tf.nn.bias_add(v, b, data_format=fmt) ** 2
            gv, gb = inner.gradient(y, [v, b])
        out.append([y, gv, gb, outer.gradient(gb, [v, b]), outer.gradient(gv, [v, b])])
    return out


@case("nn", "relu-family gradients multiply a NaN upstream through (TF's kernels use a mask product)")
def relu_family_nan_upstream(tf: Any) -> Any:
    import numpy as np

    x = tf.constant([-1.0, 0.0, 2.0, 6.0, 7.0])
    out = {}
    for name in ("relu", "relu6", "leaky_relu", "elu", "selu"):
        with tf.GradientTape() as t:
            t.watch(x)
            y = getattr(tf.nn, name)(x)
        out[name] = t.gradient(y, x, output_gradients=tf.constant([np.nan, np.nan, 1.0, np.nan, 2.0]))
    return out
