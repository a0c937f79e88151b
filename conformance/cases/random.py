"""tf.random, tf.nn.dropout and the top-level initializers: TensorFlow's CPU random streams value for
value (integers exactly, floats within float32 tolerance), after `tf.random.set_seed`, with op seeds,
for stateless seeds and `tf.random.Generator` states; plus TensorFlow's argument checks and errors."""

from __future__ import annotations

from typing import Any

import numpy as np

from conformance.case import attempt, case

_SHAPES = ([], [0], [1], [3], [5], [2, 3], [7, 3], [4, 0, 2], [2, 2, 2, 3])


def _summary(tf: Any, x: Any) -> Any:
    return (tuple(x.shape), x.dtype)


def _draws(tf: Any, fn: Any, shapes: Any = _SHAPES) -> list:
    return [fn(shape) for shape in shapes]


# -- stateful ops after set_seed: every distribution and dtype, sequences of shapes ---------------
_STATEFUL = {
    "uniform float16": lambda tf, s, **k: tf.random.uniform(s, dtype=tf.float16, **k),
    "uniform bfloat16": lambda tf, s, **k: tf.random.uniform(s, dtype=tf.bfloat16, **k),
    "uniform float32": lambda tf, s, **k: tf.random.uniform(s, **k),
    "uniform float64": lambda tf, s, **k: tf.random.uniform(s, dtype=tf.float64, **k),
    "uniform float32 in [-2, 3)": lambda tf, s, **k: tf.random.uniform(s, -2.0, 3.0, **k),
    "uniform int32 in [-5, 100)": lambda tf, s, **k: tf.random.uniform(s, -5, 100, dtype=tf.int32, **k),
    "uniform int64 in [-3, 2**40)": lambda tf, s, **k: tf.random.uniform(s, -3, 2**40, dtype=tf.int64, **k),
    "uniform int32 full span": lambda tf, s, **k: tf.random.uniform(s, -2**31, 2**31 - 1, dtype=tf.int32, **k),
    "normal float16": lambda tf, s, **k: tf.random.normal(s, dtype=tf.float16, **k),
    "normal bfloat16": lambda tf, s, **k: tf.random.normal(s, dtype=tf.bfloat16, **k),
    "normal float32": lambda tf, s, **k: tf.random.normal(s, **k),
    "normal float64": lambda tf, s, **k: tf.random.normal(s, dtype=tf.float64, **k),
    "normal float32 mean 3 stddev 0.5": lambda tf, s, **k: tf.random.normal(s, 3.0, 0.5, **k),
    "truncated_normal float16": lambda tf, s, **k: tf.random.truncated_normal(s, dtype=tf.float16, **k),
    "truncated_normal float32": lambda tf, s, **k: tf.random.truncated_normal(s, **k),
    "truncated_normal float64": lambda tf, s, **k: tf.random.truncated_normal(s, dtype=tf.float64, **k),
}


def _register_stateful(label: str, fn: Any) -> None:
    tol = {"rtol": 1e-2, "atol": 1e-2} if "bfloat16" in label else {}

    def sequence(tf: Any) -> Any:
        tf.random.set_seed(1234)
        return _draws(tf, lambda s: fn(tf, s))

    def op_seed(tf: Any) -> Any:
        tf.random.set_seed(7)
        return [fn(tf, [6], seed=11), fn(tf, [2, 3], seed=11), fn(tf, [6], seed=12), fn(tf, [5])]

    def long(tf: Any) -> Any:
        tf.random.set_seed(99)
        return [fn(tf, [1001]), fn(tf, [13, 17])]

    case("random", f"{label}: a sequence of shapes after set_seed", **tol)(sequence)
    case("random", f"{label}: op seeds share one kernel stream", **tol)(op_seed)
    case("random", f"{label}: odd and long sizes", **tol)(long)


for _label, _fn in _STATEFUL.items():
    _register_stateful(_label, _fn)


# -- the seeding rules ----------------------------------------------------------------------------
@case("random", "set_seed(31): the documented first uniform and the next draws")
def seed_31(tf: Any) -> Any:
    tf.random.set_seed(31)
    return [tf.random.uniform([3]), tf.random.uniform([3]), tf.random.normal([2])]


@case("random", "set_seed(0): normal([3]) and the (0, 0) -> (0, 2**31-1) rule")
def seed_zero(tf: Any) -> Any:
    tf.random.set_seed(0)
    a = tf.random.normal([3])
    b = tf.random.uniform([2], seed=0)
    tf.random.set_seed(2**31 - 1)
    c = tf.random.uniform([2], seed=2**31 - 1)
    return [a, b, c]


@case("random", "set_seed with negative, huge and NumPy seeds")
def seed_forms(tf: Any) -> Any:
    out = []
    for seed in (-3, 3, 2**36 + 11, np.int64(17), -7):
        tf.random.set_seed(seed)
        out.append([tf.random.uniform([3]), tf.random.uniform([2], seed=-7), tf.random.uniform([2], seed=2**40)])
    return out


@case("random", "no global seed: an op seed uses the default global seed 87654321")
def default_global_seed(tf: Any) -> Any:
    tf.random.set_seed(None)
    return [tf.random.uniform([3], seed=12), tf.random.uniform([3], seed=12), tf.random.normal([2], seed=12)]


@case("random", "set_seed resets every kernel and the op-seed sequence")
def set_seed_resets(tf: Any) -> Any:
    tf.random.set_seed(5)
    a = [tf.random.uniform([3]), tf.random.uniform([3]), tf.random.normal([2], seed=7)]
    tf.random.set_seed(5)
    b = [tf.random.uniform([3]), tf.random.uniform([3]), tf.random.normal([2], seed=7)]
    tf.random.set_seed(6)
    c = [tf.random.uniform([3]), tf.random.normal([2], seed=7)]
    return [a, b, c]


@case("random", "an empty draw reserves nothing")
def empty_reserves_nothing(tf: Any) -> Any:
    tf.random.set_seed(2)
    out = [tf.random.uniform([4], seed=1), tf.random.uniform([0], seed=1), tf.random.uniform([3], seed=1)]
    tf.random.set_seed(2)
    out += [tf.random.uniform([4], seed=1), tf.random.uniform([3], seed=1)]
    return out


@case("random", "minval/maxval/name do not change the kernel; dtype and shape dtype do")
def kernel_identity(tf: Any) -> Any:
    tf.random.set_seed(8)
    return [tf.random.uniform([4], seed=2), tf.random.uniform([2, 3], -2.0, 2.0, seed=2, name="other"),
            tf.random.uniform([2], dtype=tf.float64, seed=2), tf.random.normal([2], seed=2),
            tf.random.uniform([2], 0, 10, dtype=tf.int32, seed=2),
            tf.random.uniform(tf.constant([2], tf.int64), seed=2),
            tf.random.uniform(tf.constant([2], tf.int64), seed=2),
            tf.random.uniform([2], seed=2)]


@case("random", "interleaved ops after set_seed draw op seeds in call order")
def interleaved(tf: Any) -> Any:
    tf.random.set_seed(42)
    return [tf.random.normal([2]), tf.random.uniform([2], seed=3), tf.random.uniform([2]),
            tf.random.shuffle(tf.range(6)), tf.random.truncated_normal([3]), tf.random.categorical([[0.0, 1.0]], 4),
            tf.random.normal([2])]


@case("random", "uniform int: a loop draws new stretches; int64 bounds beyond int32")
def int_loop(tf: Any) -> Any:
    tf.random.set_seed(3)
    out = [tf.random.uniform([5], 0, 7, dtype=tf.int32, seed=4) for _ in range(4)]
    out.append(tf.random.uniform([4], -2**62, 2**62, dtype=tf.int64))
    return out


@case("random", "unseeded draws: shapes and dtypes only")
def unseeded(tf: Any) -> Any:
    tf.random.set_seed(None)
    return [_summary(tf, tf.random.normal([2, 3])), _summary(tf, tf.random.uniform([4], dtype=tf.float64)),
            _summary(tf, tf.random.truncated_normal([])), _summary(tf, tf.random.uniform((2, tf.constant(3)))),
            _summary(tf, tf.random.uniform([0, 2], maxval=5, dtype=tf.int64))]


# -- categorical, shuffle, gamma, poisson, dropout ------------------------------------------------
@case("random", "categorical values: rows, -inf classes, int32 output")
def categorical_values(tf: Any) -> Any:
    tf.random.set_seed(10)
    logits = [[0.0, 1.0, 2.0], [1.0, 1.0, -np.inf], [-3.0, 0.5, 0.25]]
    return [tf.random.categorical(logits, 7), tf.random.categorical(logits, 5, dtype=tf.int32),
            tf.random.categorical([[0.0, 0.0]], 9, seed=4), tf.random.categorical([[0.0, 0.0]], 9, seed=4),
            tf.random.categorical(tf.zeros([2, 4]), 0), tf.random.categorical([[0.0, 0.0]], 9, seed=4)]


@case("random", "categorical values for float16 and float64 logits")
def categorical_dtypes(tf: Any) -> Any:
    tf.random.set_seed(11)
    return [tf.random.categorical(tf.constant([[0.5, -1.0, 2.0, 0.0]], tf.float16), 6),
            tf.random.categorical(tf.constant([[0.5, -1.0, 2.0, 0.0], [5.0, 0.0, 0.0, 0.0]], tf.float64), 6),
            tf.random.categorical(tf.math.log([[0.1, 0.2, 0.7]] * 4), 13)]


@case("random", "shuffle values: vectors, matrices and repeated calls")
def shuffle_values(tf: Any) -> Any:
    tf.random.set_seed(12)
    return [tf.random.shuffle(tf.range(10)), tf.random.shuffle(tf.range(10)),
            tf.random.shuffle(tf.reshape(tf.range(12.0), [6, 2])), tf.random.shuffle(tf.constant([1, 2])),
            tf.random.shuffle(tf.range(3), seed=5), tf.random.shuffle(tf.range(37), seed=5),
            tf.random.shuffle(tf.constant(["a", "b", "c", "d"])), tf.random.shuffle(tf.zeros([3, 0]))]


@case("random", "gamma values: alpha below, at and above 1; beta; dtypes")
def gamma_values(tf: Any) -> Any:
    tf.random.set_seed(13)
    return [tf.random.gamma([4], [0.5, 1.0, 3.0]), tf.random.gamma([2, 2], 2.0, beta=[1.0, 4.0]),
            tf.random.gamma([3], [0.1, 7.5], dtype=tf.float64), tf.random.gamma([5], 1.5, dtype=tf.float16),
            tf.random.gamma([3], 0.5, seed=2), tf.random.gamma([0], 1.0)]


@case("random", "poisson values: small and large rates, dtypes")
def poisson_values(tf: Any) -> Any:
    tf.random.set_seed(14)
    return [tf.random.poisson([4], [0.5, 3.0, 9.9, 10.0, 30.0]), tf.random.poisson([3], 250.0, dtype=tf.int32),
            tf.random.poisson([2, 2], [0.0, 1.0], dtype=tf.float64), tf.random.poisson([6], 4.0, dtype=tf.int64),
            tf.random.poisson([3], tf.constant([2.0, 50.0], tf.float64), seed=3)]


@case("random", "dropout masks: seeded, noise_shape, float64, tensor rate; rate 0 draws an op seed")
def dropout_values(tf: Any) -> Any:
    tf.random.set_seed(15)
    x = tf.reshape(tf.range(1.0, 13.0), [3, 4])
    return [tf.nn.dropout(x, 0.5), tf.nn.dropout(x, 0.25, noise_shape=[3, 1]), tf.nn.dropout(x, 0.0),
            tf.nn.dropout(tf.cast(x, tf.float64), 0.75, seed=3), tf.nn.dropout(x, tf.constant(0.5)),
            tf.random.uniform([2])]


# -- stateless ops --------------------------------------------------------------------------------
@case("random", "stateless_uniform: the documented seed [17, 42]")
def stateless_documented(tf: Any) -> Any:
    return tf.random.stateless_uniform([5], seed=[17, 42])


_STATELESS = {
    "stateless_uniform float16": lambda tf, s, seed, **k: tf.random.stateless_uniform(s, seed, dtype=tf.float16, **k),
    "stateless_uniform bfloat16": lambda tf, s, seed, **k: tf.random.stateless_uniform(s, seed, dtype=tf.bfloat16,
                                                                                        **k),
    "stateless_uniform float32": lambda tf, s, seed, **k: tf.random.stateless_uniform(s, seed, **k),
    "stateless_uniform float64 in [-1, 4)": lambda tf, s, seed, **k: tf.random.stateless_uniform(
        s, seed, -1.0, 4.0, dtype=tf.float64, **k),
    "stateless_uniform int32 in [3, 17)": lambda tf, s, seed, **k: tf.random.stateless_uniform(
        s, seed, 3, 17, dtype=tf.int32, **k),
    "stateless_uniform int64 in [-2**40, 5)": lambda tf, s, seed, **k: tf.random.stateless_uniform(
        s, seed, -2**40, 5, dtype=tf.int64, **k),
    "stateless_uniform full-range int32": lambda tf, s, seed, **k: tf.random.stateless_uniform(
        s, seed, None, None, dtype=tf.int32, **k),
    "stateless_uniform full-range int64": lambda tf, s, seed, **k: tf.random.stateless_uniform(
        s, seed, None, None, dtype=tf.int64, **k),
    "stateless_uniform full-range uint32": lambda tf, s, seed, **k: tf.random.stateless_uniform(
        s, seed, None, None, dtype=tf.uint32, **k),
    "stateless_uniform full-range uint64": lambda tf, s, seed, **k: tf.random.stateless_uniform(
        s, seed, None, None, dtype=tf.uint64, **k),
    "stateless_normal float16": lambda tf, s, seed, **k: tf.random.stateless_normal(s, seed, dtype=tf.float16, **k),
    "stateless_normal float32": lambda tf, s, seed, **k: tf.random.stateless_normal(s, seed, **k),
    "stateless_normal float64 mean -1 stddev 2": lambda tf, s, seed, **k: tf.random.stateless_normal(
        s, seed, -1.0, 2.0, dtype=tf.float64, **k),
    "stateless_truncated_normal float16": lambda tf, s, seed, **k: tf.random.stateless_truncated_normal(
        s, seed, dtype=tf.float16, **k),
    "stateless_truncated_normal float32": lambda tf, s, seed, **k: tf.random.stateless_truncated_normal(s, seed, **k),
    "stateless_truncated_normal float64": lambda tf, s, seed, **k: tf.random.stateless_truncated_normal(
        s, seed, dtype=tf.float64, **k),
}


def _register_stateless(label: str, fn: Any) -> None:
    tol = {"rtol": 1e-2, "atol": 1e-2} if "bfloat16" in label else {}

    def shapes(tf: Any) -> Any:
        return _draws(tf, lambda s: fn(tf, s, [1, 2]))

    def seeds(tf: Any) -> Any:
        seeds = ([0, 0], [-1, 7], tf.constant([-1, 7], tf.int64), tf.constant([2**40, -2**35], tf.int64), (123, 456))
        return [fn(tf, [5], seed) for seed in seeds] + [fn(tf, [301], [9, 9])]

    def algs(tf: Any) -> Any:
        out = [fn(tf, [4], [3, 4], alg=alg) for alg in ("philox", "auto_select", "Auto-Select", 1, 3,
                                                         tf.random.Algorithm.PHILOX)]
        out.append(attempt(fn, tf, [4], [3, 4], alg="threefry"))
        out.append(attempt(fn, tf, [4], [3, 4], alg="foo"))
        return out

    case("random", f"{label}: shapes", **tol)(shapes)
    case("random", f"{label}: int32, int64 and negative seeds", **tol)(seeds)
    case("random", f"{label}: each alg", **tol)(algs)


for _label, _fn in _STATELESS.items():
    _register_stateless(_label, _fn)


@case("random", "stateless_categorical values")
def stateless_categorical_values(tf: Any) -> Any:
    logits = [[0.0, 1.0, 2.0], [1.0, 1.0, -np.inf]]
    return [tf.random.stateless_categorical(logits, 8, seed=[1, 2]),
            tf.random.stateless_categorical(logits, 3, seed=tf.constant([5, -6], tf.int64), dtype=tf.int32),
            tf.random.stateless_categorical(logits, 0, seed=[1, 2]),
            tf.random.stateless_categorical(tf.zeros([5, 7], tf.float64), 11, seed=[3, 3])]


@case("random", "stateless_shuffle values")
def stateless_shuffle_values(tf: Any) -> Any:
    f = tf.random.experimental.stateless_shuffle
    return [f(tf.range(8), seed=[8, 9]), f(tf.range(8), seed=[8, 9]), f(tf.reshape(tf.range(10), [5, 2]), seed=[1, 2]),
            f(tf.range(100), seed=[0, 0]), f(tf.constant([4.0]), seed=[1, 1]),
            f(tf.range(6), seed=[1, 2], alg="philox")]


@case("random", "stateless_gamma values: trailing alpha shapes, beta, dtypes")
def stateless_gamma_values(tf: Any) -> Any:
    return [tf.random.stateless_gamma([10, 2], seed=[12, 34], alpha=[0.5, 1.5]),
            tf.random.stateless_gamma([3, 3, 2], seed=[12, 34], alpha=[[1.0], [3.0], [5.0]], beta=[[3.0, 4.0]]),
            tf.random.stateless_gamma([4], seed=[1, 2], alpha=1.0, dtype=tf.float64),
            tf.random.stateless_gamma([4], seed=[1, 2], alpha=0.25, dtype=tf.float16)]


@case("random", "stateless_poisson values: int32 default, float and int64 outputs")
def stateless_poisson_values(tf: Any) -> Any:
    return [tf.random.stateless_poisson([10, 2], seed=[12, 34], lam=[5.0, 15.0]),
            tf.random.stateless_poisson([7], seed=[1, 2], lam=0.5, dtype=tf.float32),
            tf.random.stateless_poisson([3, 2], seed=[1, 2], lam=tf.constant([100.0, 12.5], tf.float64),
                                        dtype=tf.int64)]


@case("random", "split and fold_in values (also as tf.random.experimental.stateless_*)")
def split_fold_in_values(tf: Any) -> Any:
    return [tf.random.split([1, 2], num=3), tf.random.split(tf.constant([1, 2], tf.int64)),
            tf.random.fold_in(tf.constant([1, 2], tf.int64), 5), tf.random.fold_in([1, 2], 7),
            tf.random.experimental.stateless_split([3, 4], num=2), tf.random.experimental.stateless_fold_in([3, 4], 9),
            tf.random.stateless_normal([3], seed=tf.random.split([1, 2])[1])]


# -- tf.random.Generator ---------------------------------------------------------------------------
@case("random", "Generator.from_seed(2468).normal: the documented values and state")
def generator_documented(tf: Any) -> Any:
    g = tf.random.Generator.from_seed(2468)
    return [g.normal([2, 3]), g.state, g.key, g.algorithm]


@case("random", "Generator states from seeds (int, huge, negative, lists, NumPy) and create_rng_state")
def generator_states(tf: Any) -> Any:
    G = tf.random.Generator  # noqa: N806
    return [G.from_seed(2468).state, G.from_seed(2**65 + 9).state, G.from_seed(-1).state, G.from_seed([4, 5]).state,
            G.from_seed([1, 2, 3, 4]).state, G.from_seed(np.int64(7)).state,
            tf.random.create_rng_state(5, "philox"), tf.random.create_rng_state([4, 5], "philox"),
            tf.random.create_rng_state(1, "threefry"), G.from_state([1, 2, 3], "philox").state,
            G.from_key_counter(5, [1, 2], "philox").state, attempt(G.from_state, [1, 2], "philox")]


@case("random", "Generator: a sequence of draws of every distribution and dtype")
def generator_sequence(tf: Any) -> Any:
    g = tf.random.Generator.from_seed(77)
    out = [g.normal([3]), g.state, g.uniform([4]), g.uniform([2, 2], -1.0, 1.0, dtype=tf.float64),
           g.uniform([5], 0, 9, dtype=tf.int32), g.uniform([3], -2**40, 2**40, dtype=tf.int64),
           g.uniform([3], minval=None, maxval=None, dtype=tf.int64), g.uniform_full_int([2]),
           g.uniform_full_int([3], dtype=tf.int32), g.uniform_full_int([2], dtype=tf.uint32),
           g.truncated_normal([9]), g.truncated_normal([3], dtype=tf.float64), g.normal([3], dtype=tf.float16),
           g.uniform([3], dtype=tf.float16), g.normal([0]), g.state, g.normal([2], 5.0, 0.1)]
    return out


@case("random", "Generator: split children, make_seeds and skip")
def generator_split(tf: Any) -> Any:
    g = tf.random.Generator.from_seed(3)
    old = g.skip(4)
    seeds = g.make_seeds(2)
    children = g.split(3)
    out = [old, g.state, seeds, [c.state for c in children], [c.normal([3]) for c in children]]
    grand = children[0].split(2)
    out += [[c.uniform([2]) for c in grand], children[0].state, g.normal([2]),
            tf.random.stateless_normal([3], seed=seeds[:, 0])]
    return out


@case("random", "Generator: reset_from_seed, reset, reset_from_key_counter, from_state")
def generator_reset(tf: Any) -> Any:
    g = tf.random.Generator.from_seed(10)
    a = g.normal([3])
    g.normal([5])
    g.reset_from_seed(10)
    b = g.normal([3])
    g.reset([1, 0, 99])
    c = g.uniform([2])
    g.reset_from_key_counter(99, [1, 0])
    d = g.uniform([2])
    h = tf.random.Generator.from_state(g.state, "philox")
    return [a, b, c, d, h.uniform([2]), g.state]


@case("random", "Generator: counters carry past 2**64 and wrap at 2**128")
def generator_carry(tf: Any) -> Any:
    g = tf.random.Generator.from_state([-1, 0, 5], "philox")
    h = tf.random.Generator.from_state([-256, -1, 5], "philox")
    return [g.uniform([6]), g.state, h.uniform([6], dtype=tf.float64), h.state]


@case("random", "Generator: threefry states and their CPU error; bad arguments")
def generator_threefry(tf: Any) -> Any:
    g = tf.random.Generator.from_seed(1, alg="threefry")
    p = tf.random.Generator.from_seed(4)
    return [g.state, g.algorithm, attempt(g.normal, [2]),
            attempt(tf.random.Generator.from_seed, 5, alg="foo"),
            attempt(p.uniform, [2], dtype=tf.int32), attempt(p.uniform, [2], minval=5, maxval=3, dtype=tf.int32),
            attempt(p.normal, [2], dtype=tf.int32), p.state]


@case("random", "global generator: set_global_generator then get_global_generator")
def global_generator(tf: Any) -> Any:
    g = tf.random.Generator.from_seed(321)
    tf.random.set_global_generator(g)
    h = tf.random.get_global_generator()
    return [h is g, h.normal([3]), g.state, tuple(tf.random.get_global_generator().state.shape)]


# -- argument checks and errors, gradients, dropout, initializers ---------------------------------
@case("random", "uniform argument errors")
def uniform_errors(tf: Any) -> Any:
    return [attempt(tf.random.uniform, [2], dtype=tf.int32),
            attempt(tf.random.uniform, [2], dtype=tf.uint8, maxval=3),
            attempt(tf.random.uniform, [2], dtype=tf.bool),
            attempt(tf.random.uniform, [2], minval=5, maxval=5, dtype=tf.int32),
            attempt(tf.random.uniform, [2], minval=2.5, maxval=10, dtype=tf.int32),
            attempt(tf.random.uniform, [2], maxval=tf.constant(3), dtype=tf.int64),
            attempt(tf.random.uniform, [2], minval=[0, 1], maxval=5, dtype=tf.int32),
            attempt(tf.random.uniform, [-1]),
            attempt(tf.random.uniform, [2.0]),
            attempt(tf.random.uniform, 2),
            attempt(tf.random.uniform, [[2]]),
            attempt(tf.random.uniform, [2], minval=tf.constant([0.0, 1.0, 2.0])),
            tuple(tf.random.uniform([0], minval=5, maxval=3, dtype=tf.int32).shape)]


@case("random", "normal and truncated_normal argument errors")
def normal_errors(tf: Any) -> Any:
    return [attempt(tf.random.normal, [2], dtype=tf.int32),
            attempt(tf.random.normal, [2], dtype=tf.complex64),
            attempt(tf.random.normal, [2], mean=tf.constant(1)),
            attempt(tf.random.normal, [2], mean=[1.0, 2.0, 3.0]),
            tuple(tf.random.normal([2, 3], mean=[1.0, 2.0, 3.0]).shape),
            attempt(tf.random.truncated_normal, [2], dtype=tf.int32),
            attempt(tf.random.truncated_normal, [2], stddev=tf.constant(1.0, tf.float64))]


@case("random", "categorical: int64 samples, shapes, dtype and argument errors")
def categorical(tf: Any) -> Any:
    tf.random.set_seed(None)  # the NotFoundError for integer logits quotes the op's seeds: keep them 0
    s = tf.random.categorical([[0.0, 1.0], [5.0, -np.inf]], 7)
    return [s.dtype, tuple(s.shape), bool(np.all(s.numpy()[1] == 0)),
            tf.random.categorical([[-np.inf, -np.inf]], 3),
            tf.random.categorical([[np.nan, 0.0]], 3), tf.random.categorical([[np.inf, 0.0], [np.inf, np.inf]], 3),
            tf.random.categorical([[0.0, 1.0]], 2, dtype=tf.int32).dtype,
            tf.random.categorical(tf.zeros([0, 3]), 3),
            tf.random.categorical([[0.0, 1.0]], 0),
            attempt(tf.random.categorical, [[0.0, 1.0]], 3, dtype=tf.int16),
            attempt(tf.random.categorical, [0.0, 1.0], 3),
            attempt(tf.random.categorical, [[0, 1]], 3),
            attempt(tf.random.categorical, tf.zeros([2, 0]), 3),
            attempt(tf.random.categorical, [[0.0, 1.0]], -1),
            attempt(tf.random.categorical, [[0.0, 1.0]], 2.5),
            attempt(tf.random.categorical, [[0.0, 1.0]], tf.constant([2])),
            attempt(tf.random.categorical, tf.constant([[True, False]]), 2)]


@case("random", "shuffle permutes the first axis only")
def shuffle(tf: Any) -> Any:
    x = tf.reshape(tf.range(20), [10, 2])
    s = tf.random.shuffle(x).numpy()
    return [sorted(s[:, 0].tolist()) == list(range(0, 20, 2)), bool(np.all(s[:, 1] == s[:, 0] + 1)),
            tf.random.shuffle(5), tf.random.shuffle(tf.zeros([0])), tf.random.shuffle(tf.constant(["a"]))]


@case("random", "stateless argument errors")
def stateless_errors(tf: Any) -> Any:
    return [attempt(tf.random.stateless_normal, [2], seed=[1, 2, 3]),
            attempt(tf.random.stateless_normal, [2], seed=tf.constant([1, 2, 3])),
            attempt(tf.random.stateless_normal, [2], seed=1),
            attempt(tf.random.stateless_normal, [2], seed=[1.0, 2.0]),
            attempt(tf.random.stateless_normal, [2], seed=[1, 2], dtype=tf.int32),
            attempt(tf.random.stateless_normal, [2], seed=[1, 2], dtype=tf.complex64),
            attempt(tf.random.stateless_normal, [-1], seed=[1, 2]),
            attempt(tf.random.stateless_normal, 2, seed=[1, 2]),
            attempt(tf.random.stateless_uniform, [2], seed=[1, 2], dtype=tf.int32),
            attempt(tf.random.stateless_uniform, [2], seed=[1, 2], dtype=tf.uint32, minval=0, maxval=3),
            attempt(tf.random.stateless_uniform, [2], seed=[1, 2], dtype=tf.int32, minval=3, maxval=3),
            attempt(tf.random.stateless_uniform, [2], seed=[1, 2], dtype=tf.int32, minval=[0, 1], maxval=3),
            attempt(tf.random.stateless_uniform, [2], seed=[1, 2], dtype=tf.uint8, maxval=4),
            attempt(tf.random.stateless_categorical, [0.0, 1.0], 3, seed=[1, 2]),
            tf.random.stateless_categorical([[0.0, 1.0]], 3, seed=[1, 2]).dtype]


@case("random", "random ops have no gradient; mean/stddev/minval get theirs through Mul and Add")
def gradients(tf: Any) -> Any:
    x = tf.constant([1.0, 2.0])
    with tf.GradientTape(persistent=True) as t:
        t.watch(x)
        y = tf.random.normal([2]) * 0 + x
        n = tf.random.normal([2], mean=x, stddev=0.0)
        u = tf.random.uniform([2], minval=x, maxval=x)
        s = tf.random.shuffle(x)
        c = tf.random.categorical(tf.reshape(x, [1, 2]), 3)
    return [t.gradient(y, x), t.gradient(n, x), t.gradient(u, x), t.gradient(s, x), t.gradient(c, x)]


@case("random", "dropout: scaling, shapes, noise_shape and errors")
def dropout(tf: Any) -> Any:
    x = tf.ones([4, 50])
    y = tf.nn.dropout(x, 0.75).numpy()
    kept = set(np.unique(y).tolist())
    z = tf.nn.dropout(x, 0.5, noise_shape=[4, 1]).numpy()
    rows_constant = bool(np.all(z == z[:, :1]))
    return [kept <= {0.0, 4.0}, rows_constant, tf.nn.dropout(x, 0.0),
            tuple(tf.nn.dropout(tf.ones([2, 3]), 0.5, noise_shape=[None, 1]).shape),
            tuple(tf.nn.dropout(tf.ones([2, 3]), 0.5, noise_shape=[2, 1, 1]).shape),
            tf.nn.dropout(tf.ones([2, 3], tf.float64), 0.5).dtype,
            tf.nn.dropout(tf.ones([2, 3]), tf.constant(1.0)),
            attempt(tf.nn.dropout, [1.0, 2.0], 1.0),
            attempt(tf.nn.dropout, [1.0, 2.0], -0.1),
            attempt(tf.nn.dropout, [1, 2], 0.5),
            attempt(tf.nn.dropout, [1.0, 2.0], tf.constant([0.5, 0.5])),
            attempt(tf.nn.dropout, [1.0, 2.0], tf.constant(0.5, tf.float64)),
            attempt(tf.nn.dropout, [1.0, 2.0], "a"),
            attempt(tf.nn.dropout, [1.0, 2.0], None)]


@case("random", "dropout gradient: the kept mask scaled by 1/(1-rate)")
def dropout_gradient(tf: Any) -> Any:
    x = tf.ones([200])
    with tf.GradientTape() as t:
        t.watch(x)
        y = tf.nn.dropout(x, 0.5)
    g = t.gradient(y, x).numpy()
    return [bool(np.array_equal(g, y.numpy())), set(np.unique(g).tolist()) <= {0.0, 2.0}]


@case("random", "initializers at top level")
def initializers(tf: Any) -> Any:
    a = tf.random_normal_initializer(seed=3)([3, 2])
    b = tf.random_normal_initializer(seed=3)([3, 2])
    u = tf.random_uniform_initializer(-1.0, 1.0)([500]).numpy()
    return [type(tf.zeros_initializer()).__name__, type(tf.random_normal_initializer()).__name__,
            tf.zeros_initializer()([2], tf.int32), tf.ones_initializer()([2, 1]),
            tf.constant_initializer([1, 2, 3])([3]), tf.constant_initializer(2.0)([2], tf.float64),
            bool(np.array_equal(a, b)), _summary(tf, a), bool(np.all(np.abs(u) <= 1.0)),
            tf.random_normal_initializer(1.0, 2.0, seed=4).get_config(),
            tf.random_uniform_initializer().get_config(), tf.constant_initializer(5).get_config(),
            attempt(tf.random_normal_initializer(), [2], tf.int32),
            attempt(tf.random_uniform_initializer(), [2], tf.bool),
            attempt(tf.zeros_initializer(), [2], tf.string),
            attempt(tf.zeros_initializer(), [2], foo=1),
            attempt(tf.constant_initializer, object()),
            attempt(tf.constant_initializer([1, 2]), [3]),
            tf.random_uniform_initializer(0, 10)([3], tf.int32).dtype]


@case("random", "Generator.binomial values and its state advance")
def generator_binomial(tf: Any) -> Any:
    g = tf.random.Generator.from_seed(1)
    return [g.binomial([3, 4], [5.0, 20.0, 100.0, 7.0], [0.3, 0.5, 0.9, 0.99]), g.state.numpy(),
            g.binomial([6], 10.0, 0.5), g.state.numpy(),
            g.binomial([2, 2], [[1000.0], [3.0]], [0.01, 0.6], dtype=tf.float64), g.state.numpy(),
            attempt(g.binomial, [3], [10.0], [0.5]), g.state.numpy()]


@case("random", "stateless_binomial values: regimes, dtypes, edge parameters and errors")
def stateless_binomial_values(tf: Any) -> Any:
    f = tf.random.stateless_binomial
    return [f([3, 2], [1, 2], [10.0, 30.0], [0.5, 0.7]), f([50], [4, 2], 1000.0, 0.25),
            f([50], [4, 2], 13.0, 0.4, output_dtype=tf.float32),
            f([4, 3], [4, 2], tf.constant([0.0, -1.0, 50.0], tf.float64), tf.constant([0.5, 0.5, 1.0], tf.float64)),
            f([40], [4, 2], tf.constant(40.0, tf.float16), tf.constant(0.3, tf.float16)),
            f([0, 2], [1, 2], [3.0, 4.0], 0.5), f([3], [1, 2], 10, 0.5),
            attempt(f, [3, 2], [1, 2], [10.0, 30.0], [0.5, 0.7, 0.1]),
            attempt(f, [3], [1, 2], [10.0, 30.0], [0.5, 0.7])]


@case("random", "uniform bounds as Python floats, tensors and float64 tensors")
def uniform_bounds(tf: Any) -> Any:
    tf.random.set_seed(21)
    return [tf.random.uniform([3], 0.0, 1.0), tf.random.uniform([3], minval=0, maxval=5.0),
            tf.random.uniform([3], tf.constant(-1.0), tf.constant(1.0)),
            tf.random.uniform([3], tf.constant(2.0, tf.float64), 3.0, dtype=tf.float64),
            tf.random.uniform([2, 2], maxval=tf.constant(7), dtype=tf.int32)]


@case("random", "categorical: a few rows with many samples, and wide rows")
def categorical_many(tf: Any) -> Any:
    tf.random.set_seed(22)
    wide = tf.reshape(tf.range(40.0) / 10.0, [2, 20])
    return [tf.random.categorical(tf.math.log([[0.5, 0.25, 0.25], [0.01, 0.01, 0.98], [1.0, 1.0, 1.0]]), 50),
            tf.random.categorical(wide, 17), tf.random.stateless_categorical(wide, 17, seed=[9, 8])]


@case("random", "Generator(copy_from=...) continues from the same state; non-deterministic states")
def generator_copy(tf: Any) -> Any:
    g = tf.random.Generator.from_seed(12)
    g.normal([3])
    h = tf.random.Generator(copy_from=g)
    a, b = g.uniform([3]), h.uniform([3])
    n = tf.random.Generator.from_non_deterministic_state()
    return [a, b, g.state, h.state, tuple(n.state.shape), n.state.dtype, n.algorithm]


@case("random", "stateless seeds from NumPy arrays and tensors; bad seed dtypes")
def stateless_seed_forms(tf: Any) -> Any:
    f = tf.random.stateless_uniform
    return [f([3], np.array([5, 6], np.int64)), f([3], np.array([5, 6], np.int32)), f([3], tf.constant([5, 6])),
            attempt(f, [3], np.array([5, 6], np.uint32)), attempt(f, [3], tf.constant([5.0, 6.0]))]


@case("random", "stateless gamma and poisson: each alg-free form, empty shapes")
def stateless_gamma_poisson_edges(tf: Any) -> Any:
    return [tf.random.stateless_gamma([0, 2], seed=[1, 2], alpha=[1.0, 2.0]),
            tf.random.stateless_gamma([3], seed=[-1, -2], alpha=3.0, beta=2.0),
            tf.random.stateless_poisson([0], seed=[1, 2], lam=3.0),
            tf.random.stateless_poisson([2, 3], seed=[7, 7], lam=[[1.0, 10.0, 100.0]][0], dtype=tf.float64),
            attempt(tf.random.stateless_gamma, [3, 2], seed=[1, 2], alpha=[1.0, 2.0, 3.0])]


# -- inside tf.function: the graph's seeds (spec 3.6) ------------------------------------------------
def _traced_draws(tf: Any) -> Any:
    tf.random.set_seed(8)

    @tf.function
    def f(x):
        return (tf.random.uniform([2]) + x, tf.random.normal([1], seed=3), tf.random.uniform([1], seed=1),
                tf.random.uniform([1], seed=1))

    out = [f(tf.constant(0.0)), f(tf.constant(1.0)), tf.random.uniform([2])]
    tf.random.set_seed(9)  # resets the streams, keeps the trace's seed 8
    out += [f(tf.constant(0.0)), f(tf.constant([0.0, 0.0]))]  # a new shape is a new trace
    return out


@case("random", "tf.function: unseeded and seeded ops take the graph's seeds, per node, across set_seed")
def function_graph_seeds(tf: Any) -> Any:
    return _traced_draws(tf)


@case("random", "tf.function: global seed 0 gives the first unseeded op (0, 2**31-1)")
def function_global_seed_zero(tf: Any) -> Any:
    tf.random.set_seed(0)

    @tf.function
    def g():
        return tf.random.uniform([3]), tf.random.uniform([3])

    return [g(), g()]


@case("random", "tf.function method: each instance has its own trace")
def function_method_traces(tf: Any) -> Any:
    tf.random.set_seed(5)

    class Noise(tf.Module):
        @tf.function
        def draw(self):
            return tf.random.normal([2])

    a, b = Noise(), Noise()
    return [a.draw(), a.draw(), b.draw(), tf.random.normal([2])]


@case("random", "tf.function: each Function object and each instance traces anew (fresh graph seeds and kernels)")
def function_traces_per_object(tf: Any) -> Any:
    tf.random.set_seed(3)

    class Noise(tf.Module):
        @tf.function
        def draw(self):
            return tf.random.uniform([2])

    out = []
    for _ in range(3):
        noise = Noise()  # a new instance, possibly at a freed one's address
        out.append(noise.draw())
        del noise

    def g():
        return tf.random.uniform([1])

    for _ in range(2):
        f = tf.function(g)
        out += [f(), f()]
    return out


@case("random", "gamma with negative or NaN alpha gives NaN (TF keeps a NaN v in Marsaglia-Tsang)")
def gamma_negative_alpha(tf: Any) -> Any:
    tf.random.set_seed(5)
    return [tf.random.gamma([3], -1.0, seed=3), tf.random.gamma([2], [float("nan"), 2.0], seed=4),
            tf.random.stateless_gamma([3], [1, 2], -0.5)]
