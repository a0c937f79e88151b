"""tf.keras initializers, activations, regularizers and constraints: formulas against NumPy,
Keras's seeding contract, `get`/`serialize`, and gradients against finite differences (hypothesis-drawn
shapes and values). TF's exact outputs (configs, errors, random values) are in
conformance/cases/keras_layers.py."""

from __future__ import annotations

import random

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import tfshim as tf
from tests.gradcheck import check_gradients, check_second_order

K = tf.keras
_SHAPES = st.sampled_from([(3,), (2, 3), (1, 4), (2, 1, 3), (4, 1)])
_SEEDS = st.integers(0, 2**16)


def _values(shape: tuple, seed: int, kinks: tuple = (0.0,), scale: float = 3.0) -> np.ndarray:
    x = np.random.default_rng(seed).uniform(-scale, scale, size=shape)
    for k in kinks:
        close = np.abs(x - k) < 0.05
        x = np.where(close, k + 0.1 * np.sign(x - k + 1e-12), x)
    return x


# ---------------------------------------------------------------- initializers
def test_seeded_initializer_repeats_and_agrees():
    a = K.initializers.GlorotUniform(seed=3)
    b = K.initializers.GlorotUniform(seed=3)
    np.testing.assert_array_equal(a((4, 5)), a((4, 5)))
    np.testing.assert_array_equal(a((4, 5)), b((4, 5)))
    assert not np.array_equal(a((4, 5)), K.initializers.GlorotUniform(seed=4)((4, 5)))


def test_default_seed_is_drawn_from_python_random_at_construction():
    random.seed(21)
    init = K.initializers.GlorotUniform()
    assert init.seed == 177113154  # TF 2.21 after set_random_seed(21) (spec random-streams §6)
    assert init.get_config()["seed"] is None
    random.seed(21)
    again = K.initializers.GlorotUniform()
    np.testing.assert_array_equal(init((3, 3)), again((3, 3)))


@pytest.mark.parametrize("cls,limit", [("GlorotUniform", np.sqrt(6 / 50)), ("HeUniform", np.sqrt(6 / 20)),
                                       ("LecunUniform", np.sqrt(3 / 20))])
def test_uniform_limits(cls, limit):
    w = np.asarray(getattr(K.initializers, cls)(seed=1)((20, 30)))
    assert np.abs(w).max() <= limit
    assert np.abs(w).max() > 0.9 * limit


def test_truncated_normal_stddev_and_bounds():
    w = np.asarray(K.initializers.HeNormal(seed=2)((400, 100)), dtype=np.float64)
    assert abs(w.std() - np.sqrt(2 / 400)) < 0.05 * np.sqrt(2 / 400)
    t = np.asarray(K.initializers.TruncatedNormal(stddev=1.0, seed=2)((5000,)))
    assert np.abs(t).max() <= 2.0


def test_orthogonal_is_orthogonal_and_scaled():
    q = np.asarray(K.initializers.Orthogonal(gain=2.0, seed=5)((7, 3)), dtype=np.float64)
    np.testing.assert_allclose(q.T @ q, 4 * np.eye(3), atol=1e-5)
    q = np.asarray(K.initializers.Orthogonal(seed=5)((3, 7)), dtype=np.float64)
    np.testing.assert_allclose(q @ q.T, np.eye(3), atol=1e-5)


def test_compute_fans():
    from tfshim.keras.initializers.random_initializers import compute_fans

    assert compute_fans(()) == (1, 1)
    assert compute_fans((5,)) == (5, 5)
    assert compute_fans((3, 4)) == (3, 4)
    assert compute_fans((2, 3, 4, 5)) == (24, 30)
    assert compute_fans((2, 3, 4), input_axes=[0, 1], output_axes=[2]) == (6, 4)


def test_constant_and_dtypes():
    assert K.initializers.Constant(0.3)((1,), dtype="float64").numpy()[0] == np.float64(np.float32(0.3))
    assert K.initializers.Zeros()((2,), dtype="int32").dtype == tf.int32
    assert K.initializers.GlorotUniform(seed=1)((2, 2), dtype="float64").dtype == tf.float64
    np.testing.assert_array_equal(K.initializers.Identity(2.0)((2, 3)), 2 * np.eye(2, 3))
    with pytest.raises(ValueError):
        K.initializers.Identity()((2, 2, 2))


def test_initializer_get_serialize_round_trip():
    init = K.initializers
    assert isinstance(init.get("he_normal"), init.HeNormal)
    assert isinstance(init.get("OrthogonalInitializer"), init.Orthogonal)
    assert init.get(None) is None
    original = init.VarianceScaling(2.0, "fan_out", "uniform", seed=6)
    back = init.deserialize(init.serialize(original))
    assert back.get_config() == original.get_config()
    np.testing.assert_array_equal(back((3, 2)), original((3, 2)))
    with pytest.raises(ValueError, match="Could not interpret initializer identifier"):
        init.get("nope")


# ---------------------------------------------------------------- activations
_SMOOTH = ["sigmoid", "tanh", "exponential", "softplus", "softsign", "gelu", "silu", "mish",
           "log_sigmoid", "tanh_shrink", "squareplus", "linear"]
_KINKED = {"relu": (0.0,), "relu6": (0.0, 6.0), "elu": (0.0,), "selu": (0.0,), "leaky_relu": (0.0,),
           "hard_sigmoid": (-3.0, 3.0), "hard_silu": (-3.0, 3.0), "celu": (0.0,),
           "hard_tanh": (-1.0, 1.0), "soft_shrink": (-0.5, 0.5), "hard_shrink": (-0.5, 0.5),
           "sparse_plus": (-1.0, 1.0), "sparse_sigmoid": (-1.0, 1.0)}


@pytest.mark.parametrize("name", _SMOOTH + sorted(_KINKED))
@settings(max_examples=8)
@given(shape=_SHAPES, seed=_SEEDS)
def test_activation_gradients(name, shape, seed):
    fn = K.activations.get(name)
    x = _values(shape, seed, _KINKED.get(name, ()))
    check_gradients(fn, [x])


@pytest.mark.parametrize("name", ["sigmoid", "gelu", "mish", "elu", "softplus"])
@settings(max_examples=4)
@given(shape=_SHAPES, seed=_SEEDS)
def test_activation_second_order(name, shape, seed):
    check_second_order(K.activations.get(name), [_values(shape, seed, (0.0,))])


@settings(max_examples=8)
@given(shape=st.sampled_from([(3,), (2, 3), (2, 2, 4)]), seed=_SEEDS, axis=st.sampled_from([-1, 0]))
def test_softmax_family_gradients(shape, seed, axis):
    x = _values(shape, seed)
    check_gradients(lambda t: K.activations.softmax(t, axis=axis), [x])
    check_gradients(lambda t: K.activations.log_softmax(t, axis=axis), [x])


def test_activation_formulas():
    x = np.array([-4.0, -3.0, -1.0, 0.0, 0.5, 3.0, 7.0], dtype=np.float32)
    acts = K.activations
    np.testing.assert_allclose(acts.hard_sigmoid(x), np.clip(x + 3, 0, 6) / 6, rtol=1e-6)
    np.testing.assert_allclose(acts.relu(x, threshold=0.5), np.where(x > 0.5, x, 0))
    np.testing.assert_allclose(acts.relu(x, negative_slope=0.1, max_value=5.0),
                               np.where(x > 0, np.minimum(x, 5), 0.1 * x), rtol=1e-6)
    np.testing.assert_allclose(acts.leaky_relu(x), np.where(x > 0, x, 0.2 * x), rtol=1e-6)
    np.testing.assert_allclose(acts.mish(x), x * np.tanh(np.log1p(np.exp(x))), rtol=1e-5)
    assert float(acts.softplus(tf.constant(50.0))) == 50.0
    assert acts.get("swish") is acts.silu and acts.swish.__name__ == "silu"
    assert acts.get(None) is acts.linear and acts.serialize(acts.relu) == "relu"


# ---------------------------------------------------------------- regularizers and constraints
@settings(max_examples=10)
@given(shape=_SHAPES, seed=_SEEDS)
def test_regularizer_values_and_gradients(shape, seed):
    w = _values(shape, seed)
    r = K.regularizers
    np.testing.assert_allclose(float(r.L1L2(0.1, 0.2)(w)),
                               0.1 * np.abs(w).sum() + 0.2 * (w ** 2).sum(), rtol=1e-6)
    check_gradients(r.L1(0.1), [w])
    check_gradients(r.L2(0.3), [w])
    check_gradients(r.L1L2(0.1, 0.2), [w])


def _orthogonal_penalty(w: np.ndarray, factor: float, rows: bool) -> float:
    n = w / np.sqrt((w ** 2).sum(axis=1 if rows else 0, keepdims=True))
    p = n @ n.T if rows else n.T @ n
    size = p.shape[0]
    return factor * 0.5 * np.abs(p * (1 - np.eye(size))).sum() / (size * (size - 1) / 2)


@settings(max_examples=8)
@given(rows=st.integers(2, 4), cols=st.integers(2, 4), seed=_SEEDS, by_rows=st.booleans())
def test_orthogonal_regularizer_value_and_gradient(rows, cols, seed, by_rows):
    # float32 only: its factor is a float32 tensor, so float64 weights raise (as in TF)
    from tests.gradcheck import numeric_gradient

    w = _values((rows, cols), seed, kinks=()) + 4.0
    reg = K.regularizers.OrthogonalRegularizer(0.1, mode="rows" if by_rows else "columns")
    x = tf.constant(w.astype(np.float32))
    with tf.GradientTape() as tape:
        tape.watch(x)
        y = reg(x)
    np.testing.assert_allclose(float(y), _orthogonal_penalty(w, 0.1, by_rows), rtol=1e-4)
    expected = numeric_gradient(lambda a: _orthogonal_penalty(a, 0.1, by_rows), [w])[0]
    np.testing.assert_allclose(tape.gradient(y, x), expected, rtol=2e-3, atol=1e-5)
    with pytest.raises(tf.errors.InvalidArgumentError):
        reg(tf.constant(w))


@settings(max_examples=10)
@given(shape=st.sampled_from([(3, 2), (2, 4), (4, 1)]), seed=_SEEDS, axis=st.sampled_from([0, 1]))
def test_constraint_values_and_gradients(shape, seed, axis):
    w = _values(shape, seed)
    c = K.constraints
    norms = np.sqrt((w ** 2).sum(axis=axis, keepdims=True))
    np.testing.assert_allclose(c.UnitNorm(axis=axis)(w), w / (1e-7 + norms), rtol=1e-6)
    np.testing.assert_allclose(c.MaxNorm(1.0, axis=axis)(w),
                               w * np.clip(norms, 0, 1.0) / (1e-7 + norms), rtol=1e-6)
    np.testing.assert_array_equal(c.NonNeg()(w), np.maximum(w, 0))
    check_gradients(c.UnitNorm(axis=axis), [w])
    check_gradients(c.MinMaxNorm(0.5, 2.0, rate=0.5, axis=axis), [w], rtol=1e-4)
    check_gradients(c.NonNeg(), [w])


def test_regularizer_and_constraint_get():
    assert isinstance(K.regularizers.get("l2"), K.regularizers.L2)
    assert K.regularizers.get("l2").l2 == 0.01
    assert K.regularizers.L1().get_config() == {"l1": float(np.float32(0.01))}
    with pytest.raises(ValueError):
        K.regularizers.get("l1_l2")
    assert isinstance(K.constraints.get("max_norm"), K.constraints.MaxNorm)
    assert K.constraints.serialize(K.constraints.NonNeg())["class_name"] == "NonNeg"
    with pytest.raises(ValueError):
        K.regularizers.L2(-1.0)


def test_sigmoid_and_softmax_outputs_remember_their_logits():
    import gc

    from tfshim.keras.activations.activations import _LOGITS, attached_logits

    x = tf.constant([[0.0, 50.0]])
    y = K.activations.softmax(x)
    assert attached_logits(y) is x
    assert attached_logits(K.activations.sigmoid(x)) is not None
    assert attached_logits(tf.nn.softmax(x)) is None
    z = K.layers.Dense(2, activation="sigmoid")(x)
    assert attached_logits(z) is not None
    before = len(_LOGITS)
    del y, z
    gc.collect()
    assert len(_LOGITS) < before  # entries go with their outputs
