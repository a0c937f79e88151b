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
