"""tf.keras built-in layers (core, activations, merging, reshaping, regularization) and the
initializers, activations, regularizers and constraints: values (deterministic weights through
constant initializers or set_weights), output shapes, configs, reprs, misuse errors and gradients.

Random initializer values are recorded too: they match once tfshim's stateless random ops give TF's
numbers bit for bit (the seeds themselves are derived as Keras derives them)."""

from __future__ import annotations

from typing import Any

import numpy as np

from conformance.case import attempt, case

AREA = "keras_layers"

_X = np.array([[-3.5, -1.0, 0.0, 0.25, 2.0, 6.0, 7.5]], dtype=np.float32)
_KINKS = np.array([-3.0, -1.0, 0.0, 0.5, 1.0, 3.0, 6.0], dtype=np.float64)


def _grad(tf: Any, fn: Any, x: Any) -> Any:
    x = tf.constant(x)
    with tf.GradientTape() as t:
        t.watch(x)
        y = fn(x)
    return t.gradient(y, x)


# ---------------------------------------------------------------- activations
_ACTIVATIONS = ["relu", "relu6", "sigmoid", "tanh", "linear", "exponential", "elu", "selu",
                "softplus", "softsign", "softmax", "log_softmax", "gelu", "silu", "swish",
                "leaky_relu", "hard_sigmoid", "hard_silu", "hard_swish", "mish", "celu",
                "log_sigmoid", "hard_tanh", "tanh_shrink", "soft_shrink", "hard_shrink",
                "sparse_plus", "sparse_sigmoid", "squareplus", "sparsemax"]


def _activation_value(name: str) -> Any:
    def run(tf: Any) -> Any:
        return tf.keras.activations.get(name)(tf.constant(_X))
    return run


def _activation_grad(name: str) -> Any:
    def run(tf: Any) -> Any:
        fn = tf.keras.activations.get(name)
        if name in ("softmax", "log_softmax", "sparsemax"):
            return _grad(tf, lambda x: fn(x) * tf.constant([1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0],
                                                           tf.float64), _KINKS)
        return _grad(tf, fn, _KINKS)
    return run


for _name in _ACTIVATIONS:
    case(AREA, f"activation {_name} value")(_activation_value(_name))
    case(AREA, f"activation {_name} gradient at kinks")(_activation_grad(_name))


@case(AREA, "activation relu options")
def _relu_options(tf: Any) -> Any:
    acts = tf.keras.activations
    x = tf.constant(_X)
    return [acts.relu(x, negative_slope=0.1), acts.relu(x, max_value=5.0), acts.relu(x, max_value=6.0),
            acts.relu(x, threshold=2.0), acts.relu(x, negative_slope=0.1, max_value=5.0, threshold=0.25),
            acts.relu(x, negative_slope=0.5, threshold=-1.0)]


@case(AREA, "activation options")
def _activation_options(tf: Any) -> Any:
    acts = tf.keras.activations
    x = tf.constant(_X)
    return [acts.elu(x, alpha=0.5), acts.gelu(x, approximate=True), acts.leaky_relu(x, negative_slope=0.3),
            acts.celu(x, alpha=2.0), acts.softmax(tf.reshape(x[:, :6], (2, 3)), axis=0),
            acts.softmax(tf.reshape(x[:, :6], (2, 3)), axis=None),
            acts.log_softmax(tf.reshape(x[:, :6], (2, 3)), axis=None), acts.threshold(x, 0.5, -9.0),
            acts.glu(tf.reshape(x[:, :6], (3, 2))), acts.squareplus(x, b=1),
            acts.softplus(tf.constant([50.0, -50.0, 100.0]))]


@case(AREA, "activation get and serialize")
def _activation_get(tf: Any) -> Any:
    acts = tf.keras.activations
    return [acts.get(None).__name__, acts.get("swish").__name__, acts.get("hard_swish").__name__,
            acts.swish is acts.silu, acts.serialize(acts.relu), acts.serialize(acts.swish),
            acts.get(acts.tanh) is acts.tanh,
            acts.deserialize("elu").__name__, attempt(acts.get, "nope"), attempt(acts.get, 3),
            attempt(acts.deserialize, "nope")]


@case(AREA, "activation on float64 and int")
def _activation_dtypes(tf: Any) -> Any:
    acts = tf.keras.activations
    return [acts.relu(np.array([-1.0, 2.0])), acts.sigmoid(tf.constant([0.0], tf.float64)),
            acts.exponential(tf.constant([1, 2])), acts.tanh(tf.constant([1, 2])),
            acts.relu([1.0, -2.0])]


# ---------------------------------------------------------------- initializers
@case(AREA, "initializer constants")
def _init_constants(tf: Any) -> Any:
    init = tf.keras.initializers
    return [init.Zeros()((2, 3)), init.Ones()((2,), dtype="float64"), init.Constant(1.5)((2, 2)),
            init.Constant(1.5)((2,), dtype="int32"), init.Constant(0.3)((2,), dtype="float64"),
            init.Constant([[1.0, 2.0], [3.0, 4.0]])((2, 2)),
            init.Constant(np.arange(3.0))((3,)), init.Identity()((2, 3)),
            init.Identity(gain=2.0)((3, 2), dtype="float64"), init.zeros()((1,)),
            init.Zeros()((2,), dtype=tf.int32), init.Ones()((), dtype="bool")]


@case(AREA, "initializer errors")
def _init_errors(tf: Any) -> Any:
    init = tf.keras.initializers
    return [attempt(init.Identity(), (2, 3, 4)), attempt(init.Orthogonal(seed=1), (3,)),
            attempt(init.VarianceScaling, scale=0), attempt(init.VarianceScaling, scale=-1.0),
            attempt(init.RandomNormal, seed="a"), attempt(init.get, "foo"),
            attempt(init.get, 3), attempt(init.Zeros(), (2,), dtype="floaty"),
            attempt(init.get(np.ones((2,))), (3,))]


@case(AREA, "initializer get")
def _init_get(tf: Any) -> Any:
    init = tf.keras.initializers
    names = ["zeros", "Zeros", "zero", "ones", "one", "glorot_uniform", "GlorotUniform", "HeNormal",
             "he_uniform", "lecun_normal", "LecunUniform", "orthogonal", "OrthogonalInitializer",
             "identity", "IdentityInitializer", "random_normal", "normal", "uniform",
             "truncated_normal", "variance_scaling", "constant", "glorot_normal"]
    got = [type(init.get(n)).__name__ for n in names]
    inst = init.Ones()
    return [got, init.get(None), init.get(inst) is inst, type(init.get(init.Zeros)).__name__,
            init.get(np.array([1.0, 2.0]))((2,)), init.get(tf.constant([[1, 2]]))((1, 2))]


@case(AREA, "initializer configs")
def _init_configs(tf: Any) -> Any:
    init = tf.keras.initializers
    objs = [init.Zeros(), init.Constant(2.0), init.Constant([1.0, 2.0]),
            init.Constant(np.array([1.0, 2.0])), init.Identity(gain=3.0), init.RandomNormal(seed=3),
            init.RandomUniform(-1.0, 2.0, seed=4), init.TruncatedNormal(stddev=2.0, seed=5),
            init.VarianceScaling(2.0, "fan_out", "uniform", seed=6), init.GlorotUniform(seed=7),
            init.GlorotNormal(), init.HeNormal(seed=1), init.HeUniform(seed=1),
            init.LecunNormal(seed=2), init.LecunUniform(seed=2), init.Orthogonal(gain=2.0, seed=1),
            init.VarianceScaling(distribution="normal", seed=1)]
    return [init.serialize(o) for o in objs]


@case(AREA, "initializer deserialize round trip")
def _init_round_trip(tf: Any) -> Any:
    init = tf.keras.initializers
    out = []
    for o in [init.RandomUniform(-1.0, 2.0, seed=4), init.VarianceScaling(2.0, "fan_out", seed=6),
              init.Constant(np.array([1.0, 2.0])), init.HeNormal(seed=9)]:
        back = init.deserialize(init.serialize(o))
        out.append([type(back).__name__, back.get_config()])
    out.append(type(init.get({"class_name": "Zeros", "config": {}})).__name__)
    out.append(init.deserialize({"class_name": "Nope", "config": {}}))
    out.append(type(init.HeNormal(seed=3).clone()).__name__)
    return out


_RANDOM_INITS = [
    ("RandomNormal", {"seed": 11}, (3, 4)),
    ("RandomNormal", {"mean": 1.0, "stddev": 2.0, "seed": 11}, (5,)),
    ("RandomUniform", {"seed": 12}, (3, 4)),
    ("RandomUniform", {"minval": 2.0, "maxval": 3.0, "seed": 12}, (4,)),
    ("TruncatedNormal", {"seed": 13}, (3, 4)),
    ("GlorotUniform", {"seed": 5}, (2, 3)),
    ("GlorotNormal", {"seed": 5}, (2, 3)),
    ("HeNormal", {"seed": 6}, (4, 2)),
    ("HeUniform", {"seed": 6}, (4, 2)),
    ("LecunNormal", {"seed": 7}, (3, 3)),
    ("LecunUniform", {"seed": 7}, (3, 3)),
    ("VarianceScaling", {"scale": 0.5, "mode": "fan_out", "distribution": "untruncated_normal",
                         "seed": 8}, (3, 2)),
    ("GlorotUniform", {"seed": 5}, (3, 3, 2, 4)),
    ("GlorotUniform", {"seed": 3000000000}, (2, 2)),
    ("Orthogonal", {"seed": 9}, (3, 4)),
]


def _random_init(name: str, kwargs: dict, shape: tuple, dtype: str) -> Any:
    def run(tf: Any) -> Any:
        init = getattr(tf.keras.initializers, name)(**kwargs)
        a = init(shape, dtype=dtype)
        b = init(shape, dtype=dtype)
        return [a, bool(np.array_equal(np.asarray(a), np.asarray(b)))]
    return run


for _n, _kw, _shape in _RANDOM_INITS:
    for _dt in ("float32", "float64"):
        case(AREA, f"initializer {_n} {_kw} {_shape} {_dt}", rtol=1e-5, atol=1e-6)(
            _random_init(_n, _kw, _shape, _dt))


@case(AREA, "initializer random properties")
def _init_properties(tf: Any) -> Any:
    init = tf.keras.initializers
    g = np.asarray(init.GlorotUniform(seed=1)((20, 30)))
    h = np.asarray(init.HeUniform(seed=1)((20, 30)))
    t = np.asarray(init.TruncatedNormal(stddev=1.0, seed=2)((2000,)))
    u = np.asarray(init.RandomUniform(0.0, 1.0, seed=3)((1000,)))
    o = np.asarray(init.Orthogonal(seed=4)((6, 4)), dtype=np.float64)
    o2 = np.asarray(init.Orthogonal(seed=4)((4, 6)), dtype=np.float64)
    return [bool(np.abs(g).max() <= np.sqrt(6 / 50)), bool(np.abs(h).max() <= np.sqrt(6 / 20)),
            bool(np.abs(t).max() <= 2.0), bool(u.min() >= 0.0 and u.max() < 1.0),
            bool(np.allclose(o.T @ o, np.eye(4), atol=1e-5)),
            bool(np.allclose(o2 @ o2.T, np.eye(4), atol=1e-5)),
            init.Orthogonal(seed=4)((2, 3, 4)).shape.as_list(),
            init.GlorotUniform(seed=1)((2, 3), dtype="float64").dtype.name,
            init.GlorotUniform(seed=1)(tf.TensorShape([2, 3])).shape.as_list()]


@case(AREA, "initializer same seed agrees, instances repeat")
def _init_seed_agrees(tf: Any) -> Any:
    init = tf.keras.initializers
    a = init.GlorotUniform(seed=42)((3, 3))
    b = init.GlorotUniform(seed=42)((3, 3))
    c = init.GlorotNormal(seed=42)((3, 3))
    d = init.RandomNormal(seed=42)((3, 3))
    return [bool(np.array_equal(a, b)), bool(np.array_equal(a, c)),
            bool(np.array_equal(np.asarray(c) * 0, np.asarray(d) * 0))]


# ---------------------------------------------------------------- regularizers
@case(AREA, "regularizer values")
def _reg_values(tf: Any) -> Any:
    regs = tf.keras.regularizers
    w = tf.constant([[1.0, -2.0], [0.5, 3.0]])
    w64 = tf.constant([[1.0, -2.0]], tf.float64)
    return [regs.L1(0.1)(w), regs.L2(0.1)(w), regs.L1L2(0.1, 0.2)(w), regs.L1L2()(w), regs.L1L2(l2=0.3)(w),
            regs.l2(0.5)(w), regs.L1()(w), regs.L2()(w), regs.L1(0.1)(w64), regs.L2(0.1)(w64),
            regs.L1L2(0.1, 0.1)(w64), regs.OrthogonalRegularizer(0.1)(w),
            regs.OrthogonalRegularizer(0.1, mode="columns")(w), regs.L2(1)(w)]


@case(AREA, "regularizer gradients")
def _reg_grads(tf: Any) -> Any:
    regs = tf.keras.regularizers
    w = np.array([[1.0, -2.0], [0.0, 3.0]])
    return [_grad(tf, regs.L1(0.1), w), _grad(tf, regs.L2(0.1), w), _grad(tf, regs.L1L2(0.1, 0.2), w),
            _grad(tf, regs.OrthogonalRegularizer(0.1), w + 0.5)]


@case(AREA, "regularizer configs and get")
def _reg_configs(tf: Any) -> Any:
    regs = tf.keras.regularizers
    return [regs.L1().get_config(), regs.L1(0.5).get_config(), regs.L2().get_config(),
            regs.L2(1).get_config(), regs.L1L2().get_config(), regs.L1L2(0.1, 0.2).get_config(),
            regs.L1L2(None, None).get_config(), regs.OrthogonalRegularizer().get_config(),
            regs.serialize(regs.L1L2(0.1, 0.2)), regs.serialize(regs.L2(0.3)),
            [type(regs.get(n)).__name__ for n in ["l1", "l2", "l1l2", "L1", "L2", "L1L2",
                                               "orthogonal_regularizer"]],
            regs.get(None), type(regs.deserialize(regs.serialize(regs.L2(0.3)))).__name__,
            regs.deserialize(regs.serialize(regs.L2(0.3))).get_config(), regs.l1_l2 is regs.L1L2]


@case(AREA, "regularizer errors")
def _reg_errors(tf: Any) -> Any:
    regs = tf.keras.regularizers
    return [attempt(regs.get, "l1_l2"), attempt(regs.get, "foo"), attempt(regs.L1, -1),
            attempt(regs.L2, "a"), attempt(regs.L1L2, 0.1, float("inf")),
            attempt(regs.OrthogonalRegularizer, 0.1, "diag"),
            attempt(regs.OrthogonalRegularizer(), tf.ones((2, 2, 2))), attempt(regs.get, 5)]


# ---------------------------------------------------------------- constraints
@case(AREA, "constraint values")
def _con_values(tf: Any) -> Any:
    cons = tf.keras.constraints
    w = tf.constant([[3.0, 0.1], [4.0, -0.2], [0.0, 0.3]])
    return [cons.MaxNorm()(w), cons.MaxNorm(1.0)(w), cons.MaxNorm(1.0, axis=1)(w), cons.NonNeg()(w),
            cons.UnitNorm()(w), cons.UnitNorm(axis=1)(w), cons.MinMaxNorm()(w),
            cons.MinMaxNorm(1.0, 2.0, rate=0.5)(w), cons.MinMaxNorm(0.5, 2.0, axis=[0, 1])(w),
            cons.Constraint()(w), cons.NonNeg()(np.array([-1.0, 2.0])), cons.MaxNorm(1.0)(tf.zeros((2, 2)))]


@case(AREA, "constraint gradients")
def _con_grads(tf: Any) -> Any:
    cons = tf.keras.constraints
    w = np.array([[3.0, 0.1], [4.0, -0.2]])
    return [_grad(tf, cons.MaxNorm(1.0), w), _grad(tf, cons.UnitNorm(), w),
            _grad(tf, cons.MinMaxNorm(0.5, 1.0, rate=0.5), w), _grad(tf, cons.NonNeg(), w)]


@case(AREA, "constraint configs and get")
def _con_configs(tf: Any) -> Any:
    cons = tf.keras.constraints
    return [cons.MaxNorm().get_config(), cons.MinMaxNorm().get_config(), cons.UnitNorm().get_config(),
            cons.NonNeg().get_config(), cons.serialize(cons.MaxNorm(3, axis=1)), cons.serialize(cons.NonNeg()),
            [type(cons.get(n)).__name__ for n in ["max_norm", "MaxNorm", "non_neg", "NonNeg",
                                               "unit_norm", "min_max_norm", "MinMaxNorm"]],
            cons.get(None), cons.deserialize(cons.serialize(cons.MaxNorm(3, axis=1))).get_config(),
            attempt(cons.get, "maxnorm"), attempt(cons.get, 1), cons.max_norm is cons.MaxNorm]


# ================================================================ layers
def _layers(tf: Any) -> Any:
    return tf.keras.layers


def _ones_dense(tf: Any, units: int, **kw: Any) -> Any:
    return tf.keras.layers.Dense(units, kernel_initializer="ones", bias_initializer="zeros", **kw)


_IN = np.array([[1.0, -2.0, 3.0], [0.5, 0.0, -1.5]], dtype=np.float32)
_K = np.array([[0.1, -0.2], [0.3, 0.4], [-0.5, 0.6]], dtype=np.float32)
_B = np.array([0.01, -0.02], dtype=np.float32)


def _set_dense(tf: Any, **kw: Any) -> Any:
    layer = tf.keras.layers.Dense(2, **kw)
    layer.build((None, 3))
    layer.set_weights([_K, _B] if kw.get("use_bias", True) else [_K])
    return layer


def _layer_grads(tf: Any, layer: Any, x: Any, weights: bool = True) -> Any:
    x = tf.constant(x)
    with tf.GradientTape() as t:
        t.watch(x)
        y = layer(x)
        loss = tf.reduce_sum(y * y)
    sources = [x] + (list(layer.trainable_variables) if weights else [])
    return [y, t.gradient(loss, sources)]


@case(AREA, "Dense values and gradients")
def _dense_values(tf: Any) -> Any:
    layer = _set_dense(tf, activation="tanh")
    return _layer_grads(tf, layer, _IN)


@case(AREA, "Dense without bias, relu, rank 3")
def _dense_rank3(tf: Any) -> Any:
    layer = _set_dense(tf, use_bias=False, activation="relu")
    x = np.arange(12, dtype=np.float32).reshape(2, 2, 3) / 10 - 0.5
    return [_layer_grads(tf, layer, x), layer.bias is None, len(layer.weights)]


@case(AREA, "Dense int, float64 and numpy inputs")
def _dense_inputs(tf: Any) -> Any:
    layer = _set_dense(tf)
    out64 = tf.keras.layers.Dense(2, kernel_initializer="ones", dtype="float64")(
        np.ones((1, 3)))
    return [layer(tf.constant([[1, 2, 3]])), layer(np.array([[1.0, 2.0, 3.0]])),
            layer(tf.constant([[1.0, 2.0, 3.0]], tf.float64)), out64,
            layer(np.zeros((0, 3), np.float32))]


@case(AREA, "Dense build, weights, count_params")
def _dense_build(tf: Any) -> Any:
    d = tf.keras.layers.Dense(5, name="proj")
    before = [repr(d), d.built, attempt(lambda: d.kernel), attempt(d.count_params)]
    d.build((2,))
    d2 = tf.keras.layers.Dense(4, use_bias=False, name="nob")
    d2(np.ones((3, 7), np.float32))
    return [before, repr(d), d.built, tuple(d.kernel.shape), d.count_params(),
            [w.path for w in d.weights], [w.name for w in d.weights], d2.count_params(),
            d.compute_output_shape((None, 9, 2)), d.activation.__name__,
            [tuple(w.shape) for w in d2.get_weights()]]


@case(AREA, "Dense misuse")
def _dense_misuse(tf: Any) -> Any:
    layers = _layers(tf)
    d = layers.Dense(2, name="mis")
    d(np.ones((1, 3), np.float32))
    return [attempt(layers.Dense, 0), attempt(layers.Dense, -1), attempt(layers.Dense, 2.5),
            attempt(layers.Dense(2, name="r1"), np.ones((3,), np.float32)),
            attempt(d, np.ones((1, 4), np.float32)),
            attempt(d.set_weights, [_K]), attempt(d.set_weights, [np.ones((4, 2)), _B]),
            attempt(layers.Dense, 2, activation="nope"),
            attempt(layers.Dense, 2, kernel_initializer="nope"), attempt(layers.Dense, 2, bogus=1)]


@case(AREA, "Dense config and from_config")
def _dense_config(tf: Any) -> Any:
    layers = _layers(tf)
    d = layers.Dense(3, activation="relu", name="cfg", kernel_regularizer="l2",
                     kernel_constraint="max_norm", bias_initializer=tf.keras.initializers.Constant(0.5),
                     kernel_initializer=tf.keras.initializers.GlorotNormal(seed=4))
    cfg = d.get_config()
    back = layers.Dense.from_config(cfg)
    return [cfg, back.get_config() == cfg, type(back.kernel_initializer).__name__,
            layers.Dense(2, activation=tf.keras.activations.swish, name="sw").get_config()["activation"]]


@case(AREA, "Dense regularizer losses and constraint")
def _dense_losses(tf: Any) -> Any:
    d = tf.keras.layers.Dense(2, kernel_regularizer=tf.keras.regularizers.L2(0.1),
                              bias_regularizer=tf.keras.regularizers.L1(0.5),
                              activity_regularizer=tf.keras.regularizers.L1(0.5),
                              kernel_initializer=tf.keras.initializers.Constant(_K),
                              bias_initializer=tf.keras.initializers.Constant(_B),
                              kernel_constraint=tf.keras.constraints.NonNeg())
    d.build((None, 3))
    built_losses = list(d.losses)
    y = d(_IN)
    y = d(_IN)
    return [built_losses, list(d.losses), y, d.kernel_constraint(d.kernel)]


@case(AREA, "Dense seeded kernel and default seed from python random", rtol=1e-5, atol=1e-6)
def _dense_seeded(tf: Any) -> Any:
    import random

    random.seed(21)
    d = tf.keras.layers.Dense(3)
    d.build((None, 4))
    e = tf.keras.layers.Dense(3, kernel_initializer=tf.keras.initializers.HeUniform(seed=7))
    e.build((None, 2))
    emb = tf.keras.layers.Embedding(4, 2, embeddings_initializer=tf.keras.initializers.RandomUniform(seed=3))
    emb.build()
    return [d.get_weights(), e.get_weights(), emb.get_weights()]


@case(AREA, "Dense gradient jacobian and second order")
def _dense_second(tf: Any) -> Any:
    layer = _set_dense(tf, activation="sigmoid")
    x = tf.constant(_IN)
    with tf.GradientTape() as outer:
        outer.watch(x)
        with tf.GradientTape() as inner:
            inner.watch(x)
            y = tf.reduce_sum(layer(x) ** 2)
        g = inner.gradient(y, x)
        s = tf.reduce_sum(g * g)
    with tf.GradientTape() as jt:
        out = layer(x)
    return [g, outer.gradient(s, x), jt.jacobian(out, layer.kernel)]


# ---------------------------------------------------------------- EinsumDense
_EINSUM = [("ab,bc->ac", 4, "c", (2, 3)), ("abc,cd->abd", (5, 4), "d", (2, 5, 3)),
           ("...b,bc->...c", 4, None, (2, 5, 3)), ("abc,cde->abde", (3, 2, 4), "de", (2, 3, 5)),
           ("ab...,bc->ac...", (4, 3), "c", (2, 5, 3)), ("abc,cd->ad", 2, None, (2, 3, 3))]


def _einsum_case(eq: str, out: Any, bias: Any, shape: tuple) -> Any:
    def run(tf: Any) -> Any:
        layer = tf.keras.layers.EinsumDense(eq, out, bias_axes=bias, name="ed",
                                            kernel_initializer=tf.keras.initializers.Constant(0.5),
                                            bias_initializer=tf.keras.initializers.Constant(0.25))
        x = (np.arange(np.prod(shape), dtype=np.float32).reshape(shape) - 3) / 7
        res = _layer_grads(tf, layer, x)
        return [res, [tuple(w.shape) for w in layer.weights], layer.compute_output_shape((None, *shape[1:])),
                layer.count_params()]
    return run


for _eq, _out, _bias, _shape in _EINSUM:
    case(AREA, f"EinsumDense {_eq} {_out} bias={_bias}")(_einsum_case(_eq, _out, _bias, _shape))


@case(AREA, "EinsumDense config, fans and errors")
def _einsum_config(tf: Any) -> Any:
    layers = _layers(tf)
    ed = layers.EinsumDense("abc,cde->abde", (3, 2, 4), bias_axes="de", name="edc",
                            kernel_initializer=tf.keras.initializers.GlorotUniform(seed=3))
    y = ed(np.ones((2, 3, 5), np.float32))
    return [ed.get_config(), ed.kernel_initializer.get_config(), ed.get_weights()[0], y.shape.as_list(),
            attempt(layers.EinsumDense("ab,bc", 3), np.ones((2, 3), np.float32)),
            attempt(layers.EinsumDense("ab,bc->ac", 3, bias_axes="x"), np.ones((2, 3), np.float32)),
            attempt(layers.EinsumDense("ab,bc->ad", 3), np.ones((2, 3), np.float32)),
            attempt(layers.EinsumDense("ab,bcz->ac", 3), np.ones((2, 3), np.float32)),
            attempt(layers.EinsumDense("abc,cd->abd", (4, 2)), np.ones((2, 3, 3), np.float32))]


# ---------------------------------------------------------------- Embedding
@case(AREA, "Embedding lookup and IndexedSlices gradient")
def _embedding(tf: Any) -> Any:
    table = np.arange(10, dtype=np.float32).reshape(5, 2) / 10
    emb = tf.keras.layers.Embedding(5, 2, name="emb")
    emb.build()
    emb.set_weights([table])
    ids = tf.constant([[1, 2, 1], [4, 0, 3]])
    with tf.GradientTape() as t:
        y = emb(ids)
        loss = tf.reduce_sum(y * y)
    g = t.gradient(loss, emb.embeddings)
    return [y, type(g).__name__, tf.convert_to_tensor(g), g.indices, g.values,
            [w.path for w in emb.weights], emb(tf.constant([3], tf.int64)), emb(np.array([[1.7, 0.2]])),
            emb(np.array([-1, -5])), emb.compute_output_shape((None, 3)), emb.count_params()]


@case(AREA, "Embedding mask_zero, config, errors")
def _embedding_misc(tf: Any) -> Any:
    layers = _layers(tf)
    emb = layers.Embedding(6, 3, mask_zero=True, name="m")
    ids = tf.constant([[0, 1, 0, 5]])
    return [emb.compute_mask(ids), layers.Embedding(6, 3).compute_mask(ids), emb.get_config(),
            attempt(lambda: layers.Embedding(6, 3).embeddings), attempt(layers.Embedding, 0, 3),
            attempt(layers.Embedding, 3, True), attempt(layers.Embedding, 2.0, 3),
            layers.Embedding(3, 2, weights=[np.ones((3, 2))]).get_weights()]


# ---------------------------------------------------------------- activation layers
_ACT_LAYERS = [("ReLU", {}), ("ReLU", {"max_value": 4.0}), ("ReLU", {"negative_slope": 0.1}),
               ("ReLU", {"threshold": 0.25}), ("ReLU", {"max_value": 6.0}),
               ("ReLU", {"max_value": 5.0, "negative_slope": 0.2, "threshold": 1.0}),
               ("LeakyReLU", {}), ("LeakyReLU", {"negative_slope": 0.05}), ("ELU", {}),
               ("ELU", {"alpha": 0.5}), ("Softmax", {}), ("Softmax", {"axis": 0}),
               ("Softmax", {"axis": (0, 1)}), ("Softmax", {"axis": [1]}), ("ThresholdedReLU", {}),
               ("ThresholdedReLU", {"theta": 0.25}), ("Activation", {"activation": "gelu"}),
               ("Activation", {"activation": "hard_sigmoid"}), ("Activation", {"activation": None}),
               ("Identity", {}), ("PReLU", {}),
               ("PReLU", {"alpha_initializer": "ones", "shared_axes": [1]})]


def _act_layer_case(cls: str, kw: dict) -> Any:
    def run(tf: Any) -> Any:
        layer = getattr(tf.keras.layers, cls)(name="act", **kw)
        x = np.array([[-3.0, -1.0, 0.5, 2.0], [1.0, 0.25, -0.5, 7.0]], dtype=np.float32)
        res = _layer_grads(tf, layer, x)
        cfg = layer.get_config()
        return [res, cfg, layer.compute_output_shape((None, 4)), repr(layer)]
    return run


for _cls, _kw in _ACT_LAYERS:
    case(AREA, f"{_cls} {_kw}")(_act_layer_case(_cls, _kw))


@case(AREA, "activation layers misuse")
def _act_misuse(tf: Any) -> Any:
    layers = _layers(tf)
    return [attempt(layers.ReLU, threshold=-1.0), attempt(layers.ReLU, max_value=-1.0),
            attempt(layers.ReLU, negative_slope=-0.1), attempt(layers.LeakyReLU, negative_slope=-1),
            attempt(layers.Activation, "nope"), attempt(layers.ThresholdedReLU, theta=-1.0),
            layers.LeakyReLU(alpha=0.1).negative_slope]


@case(AREA, "Softmax with mask")
def _softmax_mask(tf: Any) -> Any:
    s = tf.keras.layers.Softmax()
    x = tf.constant([[1.0, 2.0, 3.0], [0.5, 0.5, 4.0]])
    return [s(x, mask=tf.constant([[True, False, True], [False, False, True]])),
            s(x, mask=tf.constant([[1, 0, 1], [1, 1, 0]])),
            s(x, mask=tf.constant([True, True, False]))]


# Keras wraps an exception raised inside `call()` in "Exception encountered when calling X.call()..."
# (the wrapping belongs to the base Layer); these cases compare the exception classes only.
@case(AREA, "errors raised inside call", compare_message=False)
def _errors_in_call(tf: Any) -> Any:
    layers = _layers(tf)
    a = np.ones((3, 4), np.float32)
    x = tf.constant([[1.0, 2.0, 3.0], [0.5, 0.5, 4.0]])
    return [attempt(layers.Softmax(name="sm"), x, mask=tf.ones((2, 2), tf.bool)),
            attempt(layers.Dot(axes=0, name="d0"), [a, a]),
            attempt(layers.Reshape((5,), name="r5"), np.ones((2, 3, 4), np.float32)),
            attempt(layers.Reshape((5, -1), name="r6"), np.ones((2, 3, 4), np.float32)),
            attempt(layers.Flatten(name="f0"), np.float32(3.0)),
            attempt(layers.AlphaDropout(0.5, noise_shape=(None, 1), seed=7, name="adnone"),
                    np.ones((3, 4), np.float32), training=True)]


@case(AREA, "PReLU shapes and weights")
def _prelu(tf: Any) -> Any:
    p = tf.keras.layers.PReLU(shared_axes=[1, 2], name="pr")
    p(np.ones((2, 3, 4, 5), np.float32))
    q = tf.keras.layers.PReLU(name="pq")
    q.build((None, 3, 2))
    return [[(w.path, tuple(w.shape)) for w in p.weights], [tuple(w.shape) for w in q.weights],
            q.count_params(), p.get_config()]


# ---------------------------------------------------------------- merging
_A = np.array([[1.0, -2.0, 3.0, 0.5], [0.0, 4.0, -1.0, 2.0], [1.5, 1.0, 2.0, -3.0]], dtype=np.float32)
_C = np.array([[2.0], [-1.0], [0.5]], dtype=np.float32)


def _merge_grads(tf: Any, layer: Any, arrays: list) -> Any:
    xs = [tf.constant(a) for a in arrays]
    with tf.GradientTape() as t:
        t.watch(xs)
        y = layer(xs)
        loss = tf.reduce_sum(y * y)
    return [y, t.gradient(loss, xs)]


_MERGES = [("Add", [_A, _A * 2]), ("Add", [_A, _C]), ("Add", [_A]), ("Add", [_A, _A, _C]),
           ("Subtract", [_A, _C]), ("Multiply", [_A, _A + 1]), ("Multiply", [_A, _C, _A]),
           ("Average", [_A, _C]), ("Average", [_A, _A * 3, _C]), ("Maximum", [_A, _A[::-1]]),
           ("Minimum", [_A, _C]), ("Concatenate", [_A, _C]), ("Concatenate", [_A, _A, _C])]


def _merge_case(cls: str, arrays: list) -> Any:
    def run(tf: Any) -> Any:
        layer = getattr(tf.keras.layers, cls)(name="mg")
        res = _merge_grads(tf, layer, arrays)
        return [res, layer.compute_output_shape([(None, *a.shape[1:]) for a in arrays]),
                layer.get_config()]
    return run


for _i, (_cls, _arrays) in enumerate(_MERGES):
    case(AREA, f"{_cls} #{_i} {[a.shape for a in _arrays]}")(_merge_case(_cls, _arrays))


@case(AREA, "merge function forms")
def _merge_functions(tf: Any) -> Any:
    layers = _layers(tf)
    a, c = tf.constant(_A), tf.constant(_C)
    return [layers.add([a, c]), layers.subtract([a, c]), layers.multiply([a, c]),
            layers.average([a, c]), layers.maximum([a, c]), layers.minimum([a, c]),
            layers.concatenate([a, c]), layers.concatenate([a, a], axis=0),
            layers.dot([a, a], axes=1), layers.dot([a, a], axes=-1, normalize=True)]


@case(AREA, "merge rank broadcast and dtypes")
def _merge_ranks(tf: Any) -> Any:
    layers = _layers(tf)
    x3 = np.arange(24, dtype=np.float32).reshape(2, 3, 4)
    x2 = np.arange(8, dtype=np.float32).reshape(2, 4)
    return [layers.Add()([x3, x2]), layers.Multiply()([x2, x3]).shape.as_list(),
            layers.Add()([tf.constant([[1, 2]]), tf.constant([[3, 4]])]),
            layers.Add()([tf.constant([[1.0, 2.0]], tf.float64), tf.constant([[3.0, 4.0]], tf.float64)]),
            layers.Concatenate(axis=1)([x3, x3]).shape.as_list(),
            layers.Concatenate(axis=1)([np.ones((2, 1, 4), np.float32), x3]).shape.as_list()]


@case(AREA, "merge misuse")
def _merge_misuse(tf: Any) -> Any:
    layers = _layers(tf)
    a = np.ones((3, 4), np.float32)
    return [attempt(layers.Add(), [a, np.ones((3, 5), np.float32)]),
            attempt(layers.Add(), [a, np.ones((2, 4), np.float32)]),
            attempt(layers.Subtract(), [a, a, a]), attempt(layers.Subtract(), [a]),
            attempt(layers.Add(), a),
            attempt(layers.Concatenate(), [a, np.ones((3, 4, 1), np.float32)]),
            attempt(layers.Concatenate(axis=0), [a, np.ones((3, 5), np.float32)]),
            attempt(layers.Dot(axes=1), [a, np.ones((3, 5), np.float32)]),
            attempt(layers.Dot(axes=1), [a]), attempt(layers.Dot, axes="x"),
            attempt(layers.Dot, axes=(1, 2, 3)), attempt(layers.Dot, axes=(1, 1.5)),
            attempt(layers.Maximum(name="mx"), [a, np.ones((3, 2), np.float32)])]


_DOTS = [((3, 4), (3, 4), 1, False), ((3, 4), (3, 4), -1, True), ((2, 3, 4), (2, 4, 5), (2, 1), False),
         ((2, 3, 4), (2, 3, 5), 1, False), ((2, 3, 4), (2, 4), (2, 1), False),
         ((2, 4), (2, 4, 3), (1, 1), False), ((2, 3, 4, 2), (2, 2, 5), (3, 1), False),
         ((2, 3, 4), (2, 5, 4), (2, 2), True)]


def _dot_case(s1: tuple, s2: tuple, axes: Any, normalize: bool) -> Any:
    def run(tf: Any) -> Any:
        rng = np.random.default_rng(len(s1) * 10 + len(s2))
        arrays = [rng.uniform(-1, 1, s1).astype(np.float32), rng.uniform(-1, 1, s2).astype(np.float32)]
        layer = tf.keras.layers.Dot(axes=axes, normalize=normalize, name="dt")
        return [_merge_grads(tf, layer, arrays),
                layer.compute_output_shape([(None, *s1[1:]), (None, *s2[1:])]), layer.get_config()]
    return run


for _s1, _s2, _axes, _norm in _DOTS:
    case(AREA, f"Dot {_s1} {_s2} axes={_axes} normalize={_norm}", rtol=1e-5)(
        _dot_case(_s1, _s2, _axes, _norm))


# ---------------------------------------------------------------- reshaping
_RESHAPES = [("Flatten", {}, (2, 3, 4)), ("Flatten", {}, (5,)), ("Flatten", {"data_format": "channels_first"},
                                                                  (2, 3, 2, 2)),
             ("Reshape", {"target_shape": (4, 3)}, (2, 3, 4)), ("Reshape", {"target_shape": (-1,)}, (2, 3, 4)),
             ("Reshape", {"target_shape": [2, -1, 2]}, (2, 3, 4)), ("Reshape", {"target_shape": (12, 1)}, (2, 12)),
             ("Permute", {"dims": (2, 1)}, (2, 3, 4)), ("Permute", {"dims": (3, 1, 2)}, (2, 3, 4, 2)),
             ("RepeatVector", {"n": 3}, (2, 4))]


def _reshape_case(cls: str, kw: dict, shape: tuple) -> Any:
    def run(tf: Any) -> Any:
        layer = getattr(tf.keras.layers, cls)(name="rs", **kw)
        x = np.arange(np.prod(shape), dtype=np.float32).reshape(shape) / 5 - 1
        return [_layer_grads(tf, layer, x, weights=False), layer.compute_output_shape((None, *shape[1:])),
                layer.get_config()]
    return run


for _cls, _kw, _shape in _RESHAPES:
    case(AREA, f"{_cls} {_kw} {_shape}")(_reshape_case(_cls, _kw, _shape))


@case(AREA, "reshaping misuse")
def _reshape_misuse(tf: Any) -> Any:
    layers = _layers(tf)
    x = np.ones((2, 3, 4), np.float32)
    return [attempt(layers.Reshape, (-1, -1)), attempt(layers.Reshape, (2, -3)),
            attempt(layers.Permute, (1, 3)),
            attempt(layers.Permute((2, 1), name="p21"), np.ones((2, 3), np.float32)),
            attempt(layers.RepeatVector, 0), attempt(layers.RepeatVector, 2.0),
            attempt(layers.RepeatVector(2, name="rv"), x), attempt(layers.Flatten, data_format="nhwc"),
            layers.Reshape((-1, 2)).compute_output_shape((None, 3, 4)),
            layers.Reshape((-1, 2)).compute_output_shape((None, None, 4)),
            layers.Flatten().compute_output_shape((None, None, 3))]


# ---------------------------------------------------------------- regularization layers
@case(AREA, "Dropout masks with seeds")
def _dropout(tf: Any) -> Any:
    x = np.arange(1, 25, dtype=np.float32).reshape(4, 6)
    d = tf.keras.layers.Dropout(0.4, seed=3, name="dr")
    first = d(x, training=True)
    second = d(x, training=True)
    shaped = tf.keras.layers.Dropout(0.5, noise_shape=(None, 1), seed=11)(x, training=True)
    shaped2 = tf.keras.layers.Dropout(0.5, noise_shape=(1, 6), seed=11)(x, training=True)
    x64 = tf.keras.layers.Dropout(0.25, seed=5, dtype="float64")(x, training=True)
    return [first, second, shaped, shaped2, x64, d(x), d(x, training=False),
            tf.keras.layers.Dropout(0.0)(x, training=True), tf.keras.layers.Dropout(1.0, seed=1)(x, training=True),
            d.get_config(), d.weights, [v.numpy() for v in d.variables]]


@case(AREA, "Dropout gradient")
def _dropout_grad(tf: Any) -> Any:
    d = tf.keras.layers.Dropout(0.5, seed=7)
    x = tf.constant(np.arange(1, 13, dtype=np.float32).reshape(3, 4))
    with tf.GradientTape() as t:
        t.watch(x)
        y = d(x, training=True)
        loss = tf.reduce_sum(y * y)
    return [y, t.gradient(loss, x)]


@case(AREA, "Dropout misuse")
def _dropout_misuse(tf: Any) -> Any:
    layers = _layers(tf)
    return [attempt(layers.Dropout, 1.5), attempt(layers.Dropout, -0.1),
            attempt(layers.Dropout, 0.5, noise_shape="ab"), attempt(layers.Dropout, 0.5, noise_shape=(0, 1)),
            attempt(layers.Dropout, 0.5, noise_shape=(1.5,)), attempt(layers.Dropout, 0.5, noise_shape=5),
            attempt(layers.GaussianNoise, 2.0), attempt(layers.GaussianDropout, -1.0)]


@case(AREA, "GaussianNoise and GaussianDropout with seeds", rtol=1e-5, atol=1e-6)
def _gaussian(tf: Any) -> Any:
    x = np.arange(1, 13, dtype=np.float32).reshape(3, 4)
    gn = tf.keras.layers.GaussianNoise(0.5, seed=3, name="gn")
    gd = tf.keras.layers.GaussianDropout(0.3, seed=4, name="gd")
    return [gn(x, training=True), gn(x, training=True), gn(x), gd(x, training=True), gd(x),
            gn.get_config(), gd.get_config(), tf.keras.layers.GaussianNoise(0.0)(x, training=True)]


@case(AREA, "ActivityRegularization losses")
def _activity_reg(tf: Any) -> Any:
    a = tf.keras.layers.ActivityRegularization(l1=0.5, l2=0.25, name="ar")
    x = np.array([[1.0, -2.0], [3.0, 4.0], [0.0, 1.0]], dtype=np.float32)
    y = a(x)
    first = list(a.losses)
    a(x)
    return [y, first, list(a.losses), a.get_config()]


# ---------------------------------------------------------------- Lambda, Masking, misc
@case(AREA, "Lambda")
def _lambda(tf: Any) -> Any:
    layers = _layers(tf)
    lam = layers.Lambda(lambda t: t * 2.0 + 1.0, name="lam")
    lam_args = layers.Lambda(lambda t, k: t * k, arguments={"k": 3.0})
    lam_train = layers.Lambda(lambda t, training=None: t * (2.0 if training else 1.0))
    x = np.array([[1.0, 2.0]], np.float32)
    return [_layer_grads(tf, lam, x, weights=False), lam_args(x), lam_train(x), lam_train(x, training=True),
            layers.Lambda(tf.nn.relu)(np.array([[-1.0, 1.0]])),
            layers.Lambda(lambda t: t, output_shape=(5,)).compute_output_shape((None, 3)),
            sorted(lam.get_config())]


@case(AREA, "Masking")
def _masking(tf: Any) -> Any:
    m = tf.keras.layers.Masking(mask_value=0.0, name="mk")
    x = np.array([[[0.0, 0.0], [1.0, 2.0], [0.0, 3.0]]], np.float32)
    return [m(x), m.compute_mask(tf.constant(x)), m.get_config(),
            tf.keras.layers.Masking(mask_value=1.0)(x)]


@case(AREA, "layer auto names")
def _auto_names(tf: Any) -> Any:
    tf.keras.backend.clear_session()
    layers = _layers(tf)
    objs = [layers.Dense(2), layers.Dense(2), layers.ReLU(), layers.PReLU(), layers.EinsumDense("ab,bc->ac", 2),
            layers.LeakyReLU(), layers.ELU(), layers.Softmax(), layers.Add(), layers.Concatenate(),
            layers.Dot(1), layers.Flatten(), layers.RepeatVector(2), layers.Dropout(0.5),
            layers.GaussianNoise(0.1), layers.ActivityRegularization(), layers.Embedding(2, 2),
            layers.Lambda(lambda t: t), layers.Activation("relu"), layers.ThresholdedReLU(),
            layers.Identity(), layers.Masking(), layers.Permute((1,)), layers.Reshape((1,))]
    return [o.name for o in objs]


@case(AREA, "stateless layers built at construction")
def _built_flags(tf: Any) -> Any:
    layers = _layers(tf)
    objs = [layers.ReLU(), layers.LeakyReLU(), layers.ELU(), layers.Softmax(), layers.Activation("relu"),
            layers.Identity(), layers.Masking(), layers.Reshape((1,)), layers.Dropout(0.5),
            layers.GaussianNoise(0.1), layers.ActivityRegularization(), layers.Flatten(),
            layers.Permute((1,)), layers.RepeatVector(2), layers.Add(), layers.Dense(1), layers.PReLU(),
            layers.Embedding(2, 2), layers.Lambda(lambda t: t), layers.ThresholdedReLU()]
    return [(type(o).__name__, o.built) for o in objs]


# ---------------------------------------------------------------- layers in models, symbolic shapes, dtypes
@case(AREA, "layers in a Sequential: training reaches Dropout")
def _in_sequential(tf: Any) -> Any:
    keras = tf.keras
    model = keras.Sequential([keras.layers.Dense(4, kernel_initializer="ones", name="h"),
                          keras.layers.Dropout(0.5, seed=2, name="dr"),
                          keras.layers.Dense(1, kernel_initializer="ones", name="o")], name="stack")
    x = np.arange(6, dtype=np.float32).reshape(2, 3) / 3
    return [model(x), model(x, training=True), model(x, training=True), model.count_params(),
            [w.path for w in model.weights], [v.name for v in model.layers[1].variables]]


@case(AREA, "symbolic output shapes")
def _symbolic_shapes(tf: Any) -> Any:
    keras = tf.keras
    layers = keras.layers
    x = keras.Input(shape=(3,))
    s = keras.Input(shape=(4, 3))
    ids = keras.Input(shape=(5,), dtype="int32")
    outs = [layers.Dense(2)(x), layers.Dense(2)(s), layers.EinsumDense("abc,cd->abd", (4, 6))(s),
            layers.Embedding(7, 2)(ids), layers.Flatten()(s), layers.Reshape((-1,))(s),
            layers.Reshape((2, 6))(s), layers.Permute((2, 1))(s), layers.RepeatVector(3)(x),
            layers.Concatenate()([x, x]), layers.Concatenate(axis=1)([s, s]), layers.Add()([x, x]),
            layers.Dot(axes=(2, 2))([s, s]), layers.Dot(axes=1)([x, x]), layers.Dropout(0.5)(x),
            layers.ReLU()(s), layers.Softmax()(s), layers.PReLU()(s), layers.Lambda(lambda t: t * 2)(s),
            layers.Lambda(lambda t: t[:, :2], output_shape=(2,))(x), layers.Activation("relu")(x)]
    return [(tuple(o.shape), o.dtype) for o in outs]


@case(AREA, "layer dtypes")
def _layer_dtypes(tf: Any) -> Any:
    layers = tf.keras.layers
    x64 = np.ones((1, 3))
    emb = layers.Embedding(4, 2, dtype="float64", embeddings_initializer="ones")
    mixed = layers.Dense(2, dtype="mixed_float16", kernel_initializer="ones")
    return [layers.Dense(2, dtype="float64", kernel_initializer="ones")(np.ones((1, 3), np.float32)),
            layers.Dense(2, kernel_initializer="ones")(tf.constant([[1, 2, 3]], tf.int64)),
            emb(np.array([1, 2])), emb.embeddings.dtype,
            layers.ReLU()(x64), layers.ReLU(dtype="float64")(np.ones((1, 3), np.float32)),
            layers.Add()([tf.constant([[1, 2]]), tf.constant([[3, 4]])]),
            layers.Concatenate()([np.ones((1, 2)), np.ones((1, 2))]),
            layers.Flatten()(tf.constant([[[1, 2]]])), layers.Dropout(0.5)(tf.constant([[1, 2]])),
            layers.PReLU(dtype="float64")(np.ones((1, 2), np.float32)),
            mixed(x64), [w.dtype for w in mixed.weights]]


@case(AREA, "layer weights: set_weights, get_weights, trainable flags")
def _layer_weights(tf: Any) -> Any:
    layers = tf.keras.layers
    d = layers.Dense(2, name="w")
    d.build((None, 3))
    d.set_weights([_K.astype(np.float64), _B])
    e = layers.EinsumDense("ab,bc->ac", 2, bias_axes="c", name="ew")
    e.build((None, 3))
    e.set_weights([_K, _B])
    p = layers.PReLU(name="pw")
    p.build((None, 3))
    p.trainable = False
    return [d.get_weights(), e(_IN), d(_IN), [v.path for v in p.non_trainable_weights], p.trainable_weights,
            layers.Embedding(3, 2, trainable=False, name="ef").trainable]


@case(AREA, "SpatialDropout and AlphaDropout with seeds", rtol=1e-5, atol=1e-6)
def _spatial_alpha(tf: Any) -> Any:
    layers = _layers(tf)
    x3 = np.arange(1, 25, dtype=np.float32).reshape(2, 3, 4)
    x4 = np.arange(1, 49, dtype=np.float32).reshape(2, 2, 3, 4)
    x5 = np.arange(1, 49, dtype=np.float32).reshape(2, 2, 3, 2, 2)
    s1 = layers.SpatialDropout1D(0.5, seed=3, name="s1")
    s2 = layers.SpatialDropout2D(0.5, seed=4, name="s2")
    s2f = layers.SpatialDropout2D(0.5, data_format="channels_first", seed=4, name="s2f")
    s3 = layers.SpatialDropout3D(0.4, seed=5, name="s3")
    ad = layers.AlphaDropout(0.3, seed=6, name="ad")
    adn = layers.AlphaDropout(0.5, noise_shape=(3, 1), seed=7, name="adn")
    return [s1(x3, training=True), s1(x3), s2(x4, training=True), s2f(x4, training=True),
            s3(x5, training=True), ad(x3, training=True), ad(x3, training=True), ad(x3),
            adn(x3[0], training=True), s1.get_config(), s2f.get_config(), s3.get_config(), ad.get_config(),
            attempt(layers.SpatialDropout1D(0.5, name="s1e"), x4), attempt(layers.SpatialDropout1D, 2.0),
            layers.AlphaDropout(-1.0, seed=1)(x3, training=True)]


_ROUND_TRIP = [
    ("Dense", {"units": 3, "activation": "relu", "use_bias": False, "kernel_regularizer": "l1"}),
    ("EinsumDense", {"equation": "ab,bc->ac", "output_shape": 4, "bias_axes": "c"}),
    ("Embedding", {"input_dim": 5, "output_dim": 2, "mask_zero": True}),
    ("ReLU", {"max_value": 2.0, "threshold": 0.5}), ("LeakyReLU", {"negative_slope": 0.1}),
    ("PReLU", {"shared_axes": [1, 2]}), ("ELU", {"alpha": 0.3}), ("Softmax", {"axis": 1}),
    ("Activation", {"activation": "swish"}), ("ThresholdedReLU", {"theta": 0.7}),
    ("Concatenate", {"axis": 1}), ("Add", {}), ("Dot", {"axes": (1, 2), "normalize": True}),
    ("Flatten", {}), ("Reshape", {"target_shape": (2, -1)}), ("Permute", {"dims": (2, 1)}),
    ("RepeatVector", {"n": 4}), ("Dropout", {"rate": 0.2, "seed": 3, "noise_shape": (None, 1)}),
    ("GaussianNoise", {"stddev": 0.3, "seed": 1}), ("GaussianDropout", {"rate": 0.2}),
    ("ActivityRegularization", {"l1": 0.1}), ("Masking", {"mask_value": -1.0}), ("Identity", {}),
    ("AlphaDropout", {"rate": 0.1}), ("SpatialDropout2D", {"rate": 0.2, "data_format": "channels_first"}),
]


@case(AREA, "get_config / from_config round trips")
def _round_trips(tf: Any) -> Any:
    out = []
    for cls_name, kwargs in _ROUND_TRIP:
        cls = getattr(tf.keras.layers, cls_name)
        layer = cls(name="rt", **kwargs)
        cfg = layer.get_config()
        back = cls.from_config(cfg)
        out.append([cls_name, cfg, back.get_config() == cfg, repr(back)])
    return out


@case(AREA, "initializers seeded by a SeedGenerator advance per call")
def _init_seed_generator(tf: Any) -> Any:
    keras = tf.keras
    gen = keras.random.SeedGenerator(3, name="sg")
    init = keras.initializers.RandomNormal(seed=gen)
    a, b = init((2, 3)), init((2, 3))
    back = keras.initializers.deserialize(keras.initializers.serialize(init))
    glorot = keras.initializers.GlorotUniform(seed=keras.random.SeedGenerator(9, name="sg2"))
    return [a, b, init.get_config(), type(back.seed).__name__, glorot((2, 2)), glorot((2, 2)),
            keras.layers.Dense(2, kernel_initializer=keras.initializers.HeNormal(seed=5))(np.ones((1, 3)))]


def _double(t: Any) -> Any:
    return t * 2


def _without_code(config: Any) -> Any:
    """A config with each lambda's marshalled `code` replaced by a marker: the bytes embed this
    file's path, which differs between checkouts."""
    if isinstance(config, dict):
        return {k: "<code>" if k == "code" and isinstance(v, str) else _without_code(v) for k, v in config.items()}
    return config


@case(AREA, "Lambda configs and from_config")
def _lambda_config(tf: Any) -> Any:
    layers = _layers(tf)
    lam = layers.Lambda(lambda t, a=2: t * a, output_shape=(3,), arguments={"b": 1.0}, name="lc")
    named = layers.Lambda(_double, name="ln")
    masked = layers.Lambda(lambda t: t, mask=lambda i, m: m, name="lm")
    shaped = layers.Lambda(lambda t: t, output_shape=lambda s: s, name="ls")
    relu = layers.Lambda(tf.nn.relu, name="lr")
    configs = [_without_code(c.get_config()) for c in (lam, named, masked, shaped, relu)]
    return [*configs, attempt(layers.Lambda.from_config, lam.get_config()),
            attempt(layers.Lambda.from_config, named.get_config()),
            layers.Lambda.from_config(relu.get_config())(np.array([[-1.0, 2.0]])),
            layers.Lambda.from_config(lam.get_config(), safe_mode=False).function(3.0)]
