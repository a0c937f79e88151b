"""tf.keras.random and keras.random.SeedGenerator (Keras 3 on the TensorFlow backend): values from
TensorFlow's stateless streams for integer seeds, SeedGenerator states and the global SeedGenerator
after `tf.keras.utils.set_random_seed`."""

from __future__ import annotations

from typing import Any

import numpy as np

from conformance.case import attempt, case

_SHAPES = ([], [0], [1], [3], [2, 3], [5, 7], [4, 0, 2])

_OPS = {
    "normal": lambda tf, s, seed: tf.keras.random.normal(s, seed=seed),
    "normal float64 mean 2 stddev 3": lambda tf, s, seed: tf.keras.random.normal(s, 2.0, 3.0, dtype="float64",
                                                                                 seed=seed),
    "normal float16": lambda tf, s, seed: tf.keras.random.normal(s, dtype="float16", seed=seed),
    "uniform": lambda tf, s, seed: tf.keras.random.uniform(s, seed=seed),
    "uniform float64 in [-1, 5)": lambda tf, s, seed: tf.keras.random.uniform(s, -1, 5, dtype="float64", seed=seed),
    "uniform float16": lambda tf, s, seed: tf.keras.random.uniform(s, dtype="float16", seed=seed),
    "truncated_normal": lambda tf, s, seed: tf.keras.random.truncated_normal(s, seed=seed),
    "truncated_normal float64": lambda tf, s, seed: tf.keras.random.truncated_normal(s, dtype="float64", seed=seed),
    "randint int32 in [0, 10)": lambda tf, s, seed: tf.keras.random.randint(s, 0, 10, seed=seed),
    "randint int64 in [-50, 50)": lambda tf, s, seed: tf.keras.random.randint(s, -50, 50, dtype="int64", seed=seed),
    "randint uint8 in [0, 200)": lambda tf, s, seed: tf.keras.random.randint(s, 0, 200, dtype="uint8", seed=seed),
}


def _register(label: str, fn: Any) -> None:
    def shapes(tf: Any) -> Any:
        return [fn(tf, s, 42) for s in _SHAPES]

    def int_seeds(tf: Any) -> Any:
        return [fn(tf, [4], s) for s in (0, 1, 2**31 - 2, 2**31 - 1, 2**40 + 5, 123456789)] + [fn(tf, [4], 7),
                                                                                                 fn(tf, [4], 7)]

    def generator(tf: Any) -> Any:
        gen = tf.keras.random.SeedGenerator(1337)
        out = [fn(tf, [5], gen) for _ in range(3)]
        return [*out, gen.state.numpy()]

    def global_generator(tf: Any) -> Any:
        tf.keras.utils.set_random_seed(21)
        out = [fn(tf, [3], None), fn(tf, [3], None)]
        tf.keras.utils.set_random_seed(21)
        return [*out, fn(tf, [3], None)]

    case("keras_random", f"{label}: shapes with seed=42")(shapes)
    case("keras_random", f"{label}: integer seeds (reduced mod 2**31 - 2)")(int_seeds)
    case("keras_random", f"{label}: a SeedGenerator advances per call")(generator)
    case("keras_random", f"{label}: seed=None uses the global SeedGenerator after set_random_seed")(global_generator)


for _label, _fn in _OPS.items():
    _register(_label, _fn)


@case("keras_random", "SeedGenerator: state, next() and names")
def seed_generator_state(tf: Any) -> Any:
    gen = tf.keras.random.SeedGenerator(42)
    first = gen.state.numpy()
    values = [tf.keras.random.normal([2], seed=gen) for _ in range(2)]
    return [first, gen.state.numpy(), values, gen.state.dtype, tuple(gen.state.shape), gen.get_config()["seed"],
            attempt(tf.keras.random.SeedGenerator, 1.5), attempt(tf.keras.random.SeedGenerator, 3, foo=1)]


@case("keras_random", "SeedGenerator(None) takes its seed from Python's random")
def seed_generator_default(tf: Any) -> Any:
    import random

    random.seed(5)
    gen = tf.keras.random.SeedGenerator()
    random.seed(5)
    other = tf.keras.random.SeedGenerator()
    return [gen.state.numpy(), other.state.numpy(), tf.keras.random.uniform([3], seed=gen),
            tf.keras.random.uniform([3], seed=other)]


@case("keras_random", "categorical: values, dtypes and the 2-D check")
def categorical(tf: Any) -> Any:
    logits = [[0.0, 1.0, 2.0], [1.0, 1.0, -np.inf]]
    gen = tf.keras.random.SeedGenerator(3)
    return [tf.keras.random.categorical(logits, 6, seed=4), tf.keras.random.categorical(logits, 6, seed=gen),
            tf.keras.random.categorical(logits, 6, seed=gen), tf.keras.random.categorical(logits, 3, dtype="int64",
                                                                                          seed=4),
            attempt(tf.keras.random.categorical, [0.0, 1.0], 3, seed=1)]


@case("keras_random", "shuffle: axis 0 and 1, seeds and generators")
def shuffle(tf: Any) -> Any:
    x = tf.reshape(tf.range(24), [4, 6])
    gen = tf.keras.random.SeedGenerator(8)
    return [tf.keras.random.shuffle(tf.range(10), seed=1), tf.keras.random.shuffle(x, seed=1),
            tf.keras.random.shuffle(x, axis=1, seed=2), tf.keras.random.shuffle(x, seed=gen),
            tf.keras.random.shuffle(x, seed=gen)]


@case("keras_random", "dropout: stateless masks; rate 0 and 1")
def dropout(tf: Any) -> Any:
    x = tf.reshape(tf.range(1.0, 13.0), [3, 4])
    gen = tf.keras.random.SeedGenerator(5)
    return [tf.keras.random.dropout(x, 0.5, seed=5), tf.keras.random.dropout(x, 0.5, seed=gen),
            tf.keras.random.dropout(x, 0.5, seed=gen), tf.keras.random.dropout(x, 0.3, noise_shape=[3, 1], seed=9),
            tf.keras.random.dropout(x, 0.0, seed=5), tf.keras.random.dropout(x, 1.0, seed=5),
            tf.keras.random.dropout(tf.cast(x, tf.float64), 0.25, noise_shape=[None, 4], seed=9)]


@case("keras_random", "gamma and beta values")
def gamma_beta(tf: Any) -> Any:
    return [tf.keras.random.gamma([5], 0.5, seed=1), tf.keras.random.gamma([2, 3], 2.0, seed=2),
            tf.keras.random.gamma([4], 1.0, dtype="float64", seed=3), tf.keras.random.beta([4], 2.0, 3.0, seed=1),
            tf.keras.random.beta([2, 2], 0.5, 0.5, dtype="float64", seed=7)]


@case("keras_random", "dtype checks of uniform and randint")
def dtype_checks(tf: Any) -> Any:
    return [attempt(tf.keras.random.uniform, [2], dtype="int32", seed=1),
            attempt(tf.keras.random.randint, [2], 0, 3, dtype="float32", seed=1),
            attempt(tf.keras.random.normal, [2], seed="a")]


@case("keras_random", "set_random_seed also seeds tf.random and NumPy")
def set_random_seed_everything(tf: Any) -> Any:
    import random

    tf.keras.utils.set_random_seed(7)
    return [random.randint(1, 10**9), np.random.rand(2), tf.random.uniform([3]), tf.keras.random.normal([2])]


@case("keras_random", "binomial values")
def binomial(tf: Any) -> Any:
    gen = tf.keras.random.SeedGenerator(2)
    return [tf.keras.random.binomial([5], 20.0, 0.5, seed=3), tf.keras.random.binomial([2, 3], 100.0, 0.2, seed=gen),
            tf.keras.random.binomial([4], 7.0, 0.9, dtype="int32", seed=gen)]


# -- Keras initializers on these streams ------------------------------------------------------------
@case("keras_random", "seeded initializers: the same values on every call")
def seeded_initializers(tf: Any) -> Any:
    init = tf.keras.initializers
    out = []
    for make in (lambda: init.GlorotUniform(seed=3), lambda: init.GlorotNormal(seed=3), lambda: init.HeUniform(seed=4),
                 lambda: init.HeNormal(seed=4), lambda: init.LecunNormal(seed=5), lambda: init.LecunUniform(seed=5),
                 lambda: init.RandomUniform(seed=6), lambda: init.RandomNormal(0.5, 2.0, seed=6),
                 lambda: init.TruncatedNormal(seed=7),
                 lambda: init.VarianceScaling(2.0, "fan_out", "untruncated_normal", seed=8)):
        initializer = make()
        out.append([initializer((3, 4)), initializer((3, 4))])
    return out


@case("keras_random", "Orthogonal initializer with a seed")
def orthogonal(tf: Any) -> Any:
    init = tf.keras.initializers.Orthogonal(seed=2)
    return [init((4, 3)), init((3, 5)), tf.keras.initializers.Orthogonal(gain=2.0, seed=9)((2, 2))]


@case("keras_random", "Dense weights after set_random_seed")
def dense_after_set_random_seed(tf: Any) -> Any:
    tf.keras.utils.set_random_seed(21)
    first = tf.keras.layers.Dense(3)
    second = tf.keras.layers.Dense(2, kernel_initializer="he_normal")
    first.build((None, 4))
    second.build((None, 3))
    return [first.kernel.numpy(), first.bias.numpy(), second.kernel.numpy()]


@case("keras_random", "Dropout layer masks after set_random_seed")
def dropout_layer(tf: Any) -> Any:
    tf.keras.utils.set_random_seed(5)
    layer = tf.keras.layers.Dropout(0.5)
    x = tf.ones([2, 6])
    return [layer(x, training=True), layer(x, training=True), layer(x, training=False),
            tf.keras.layers.Dropout(0.3, seed=4)(x, training=True)]
