"""tf.random, tf.nn.dropout and the top-level initializers: distributions (moments and ranges), dtypes,
shapes, the seeding contract, stateless purity, and gradients (none through the random ops, TF's
through mean/stddev/minval/maxval and dropout's mask)."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import tfshim as tf
from tests.gradcheck import check_gradients, check_second_order
from tfshim._engine.dtypes import HAS_BFLOAT16

_NO_BFLOAT16 = pytest.mark.skipif(not HAS_BFLOAT16, reason="bfloat16 needs the ml_dtypes package")
FLOATS = [tf.float16, pytest.param(tf.bfloat16, marks=_NO_BFLOAT16), tf.float32, tf.float64]


@pytest.mark.parametrize("dtype", FLOATS)
def test_normal_moments_and_dtype(dtype):
    x = tf.random.normal([20000], mean=2.0, stddev=3.0, dtype=dtype, seed=1)
    assert x.dtype == dtype and x.shape == (20000,)
    values = np.asarray(tf.cast(x, tf.float64))
    assert abs(values.mean() - 2.0) < 0.1
    assert abs(values.std() - 3.0) < 0.1


@pytest.mark.parametrize("dtype", FLOATS)
def test_uniform_float_range(dtype):
    x = np.asarray(tf.cast(tf.random.uniform([20000], dtype=dtype), tf.float64))
    assert x.min() >= 0.0 and x.max() < 1.0
    assert abs(x.mean() - 0.5) < 0.02
    y = np.asarray(tf.cast(tf.random.uniform([5000], minval=-2, maxval=6, dtype=dtype), tf.float64))
    assert y.min() >= -2.0 and y.max() < 6.0


@pytest.mark.parametrize("dtype", [tf.int32, tf.int64])
def test_uniform_int_covers_range(dtype):
    x = tf.random.uniform([5000], minval=-3, maxval=4, dtype=dtype)
    assert x.dtype == dtype
    assert sorted(set(x.numpy().tolist())) == list(range(-3, 4))


def test_uniform_int_requires_maxval():
    with pytest.raises(ValueError, match=r"Must specify maxval for integer dtype tf\.int32"):
        tf.random.uniform([2], dtype=tf.int32)
    with pytest.raises(tf.errors.InvalidArgumentError, match="Need minval < maxval, got 5 >= 5"):
        tf.random.uniform([2], minval=5, maxval=5, dtype=tf.int32)


def test_truncated_normal_is_within_two_stddevs():
    x = tf.random.truncated_normal([20000], mean=1.0, stddev=2.0, dtype=tf.float64).numpy()
    assert np.all(np.abs(x - 1.0) <= 4.0)
    # a normal truncated at +-2 sigma has standard deviation ~0.88 sigma
    assert abs(x.std() / 2.0 - 0.8796) < 0.02


def test_shape_arguments():
    assert tf.random.normal([]).shape == ()
    assert tf.random.normal((2, tf.constant(3))).shape == (2, 3)
    assert tf.random.uniform(tf.constant([2, 0])).shape == (2, 0)
    assert tf.random.normal(tf.TensorShape([4, 1])).shape == (4, 1)
    with pytest.raises(tf.errors.InvalidArgumentError, match="Dimension -1 must be >= 0"):
        tf.random.normal([-1])
    with pytest.raises(tf.errors.InvalidArgumentError, match=r"shape must be a vector of \{int32,int64\}"):
        tf.random.normal(3)


def test_set_seed_restarts_the_sequence():
    tf.random.set_seed(42)
    first = [tf.random.normal([3]).numpy(), tf.random.uniform([2]).numpy(), tf.random.normal([3], seed=5).numpy()]
    tf.random.set_seed(42)
    again = [tf.random.normal([3]).numpy(), tf.random.uniform([2]).numpy(), tf.random.normal([3], seed=5).numpy()]
    for a, b in zip(first, again):
        np.testing.assert_array_equal(a, b)
    assert not np.array_equal(first[0], tf.random.normal([3]).numpy())


def test_op_seed_calls_differ_but_repeat_after_set_seed():
    tf.random.set_seed(7)
    a = tf.random.uniform([4], seed=3).numpy()
    b = tf.random.uniform([4], seed=3).numpy()
    assert not np.array_equal(a, b)
    tf.random.set_seed(7)
    np.testing.assert_array_equal(a, tf.random.uniform([4], seed=3).numpy())


def test_unseeded_calls_differ():
    tf.random.set_seed(None)
    assert not np.array_equal(tf.random.normal([8]).numpy(), tf.random.normal([8]).numpy())


@settings(max_examples=10)
@given(seed=st.tuples(st.integers(-2**40, 2**40), st.integers(-2**40, 2**40)))
def test_stateless_ops_are_pure(seed):
    for fn in (tf.random.stateless_normal, tf.random.stateless_uniform, tf.random.stateless_truncated_normal):
        a, b = fn([6], seed=list(seed)), fn([6], seed=list(seed))
        np.testing.assert_array_equal(a.numpy(), b.numpy())
    c = tf.random.stateless_categorical([[0.0, 1.0, 2.0]], 5, seed=tf.constant(seed, tf.int64))
    np.testing.assert_array_equal(c.numpy(), tf.random.stateless_categorical([[0.0, 1.0, 2.0]], 5,
                                                                             seed=list(seed)).numpy())


def test_stateless_seeds_differ_and_int_ranges():
    a = tf.random.stateless_normal([6], seed=[1, 2])
    assert not np.array_equal(a, tf.random.stateless_normal([6], seed=[2, 1]))
    x = tf.random.stateless_uniform([3000], seed=[3, 4], minval=2, maxval=6, dtype=tf.int64).numpy()
    assert sorted(set(x.tolist())) == [2, 3, 4, 5]
    full = tf.random.stateless_uniform([3000], seed=[3, 4], minval=None, maxval=None, dtype=tf.uint32).numpy()
    assert full.dtype == np.uint32 and full.max() > 2**31


def test_categorical_frequencies_follow_softmax():
    logits = np.log(np.array([[0.2, 0.3, 0.5]]))
    s = tf.random.categorical(logits, 20000, seed=1)
    assert s.dtype == tf.int64 and s.shape == (1, 20000)
    freq = np.bincount(s.numpy()[0], minlength=3) / 20000
    np.testing.assert_allclose(freq, [0.2, 0.3, 0.5], atol=0.02)


def test_categorical_non_finite_logits():
    assert np.all(tf.random.categorical([[-np.inf, 0.0, -np.inf]], 10).numpy() == 1)
    assert np.all(tf.random.categorical([[-np.inf, -np.inf]], 4).numpy() == 2)


def test_shuffle_is_a_permutation_of_rows():
    x = np.arange(30).reshape(10, 3)
    s = tf.random.shuffle(x).numpy()
    assert sorted(map(tuple, s)) == sorted(map(tuple, x))
    assert tf.random.shuffle(tf.constant(5)).numpy() == 5


def test_gamma_and_poisson_moments():
    g = tf.random.gamma([20000], alpha=[2.0, 5.0], beta=2.0, dtype=tf.float64).numpy()
    assert g.shape == (20000, 2)
    np.testing.assert_allclose(g.mean(axis=0), [1.0, 2.5], rtol=0.03)
    p = tf.random.poisson([20000], lam=[1.5, 4.0], dtype=tf.int64).numpy()
    assert p.dtype == np.int64
    np.testing.assert_allclose(p.mean(axis=0), [1.5, 4.0], rtol=0.03)


def test_generator_reproducible_and_split():
    a, b = tf.random.Generator.from_seed(9), tf.random.Generator.from_seed(9)
    np.testing.assert_array_equal(a.normal([4]).numpy(), b.normal([4]).numpy())
    children = a.split(2)
    assert len(children) == 2
    assert not np.array_equal(children[0].normal([4]), children[1].normal([4]))
    assert a.uniform([3], minval=1, maxval=3, dtype=tf.int32).numpy().tolist() != [] and a.make_seeds(2).shape == (2, 2)
    assert tf.random.get_global_generator() is tf.random.get_global_generator()


def test_random_ops_have_no_gradient_but_mean_and_stddev_do():
    x = tf.constant([1.0, 2.0])
    with tf.GradientTape(persistent=True) as t:
        t.watch(x)
        y = tf.random.normal([2]) * 0 + x
        n = tf.random.normal([2], mean=x, stddev=x)
        u = tf.random.uniform([2], minval=x, maxval=3.0)
        s = tf.random.shuffle(x)
    np.testing.assert_array_equal(t.gradient(y, x), [1.0, 1.0])
    np.testing.assert_allclose(t.gradient(n, x), 1.0 + (n.numpy() - x.numpy()) / x.numpy(), rtol=1e-5)
    r = (u.numpy() - x.numpy()) / (3.0 - x.numpy())  # the uniform draw in [0, 1)
    np.testing.assert_allclose(t.gradient(u, x), 1.0 - r, rtol=1e-5)
    assert t.gradient(s, x) is None


def _seeded_dropout(x):
    tf.random.set_seed(11)
    return tf.nn.dropout(x, 0.4)


@settings(max_examples=10)
@given(shape=st.lists(st.integers(0, 4), min_size=0, max_size=3))
def test_dropout_gradient_matches_finite_differences(shape):
    x = np.random.default_rng(0).uniform(-2, 2, size=shape)
    check_gradients(_seeded_dropout, [x])
    check_second_order(_seeded_dropout, [x])


def test_dropout_values_and_scaling():
    x = tf.ones([100, 100])
    y = tf.nn.dropout(x, 0.25).numpy()
    assert set(np.unique(y).tolist()) <= {0.0, float(np.float32(4.0 / 3.0))}
    assert abs((y == 0).mean() - 0.25) < 0.03
    z = tf.nn.dropout(x, 0.5, noise_shape=[100, 1]).numpy()
    assert np.all(z == z[:, :1])
    assert tf.nn.dropout(x, 0.0) is x
    w = tf.nn.dropout(tf.ones([4]), tf.constant(0.5)).numpy()
    assert set(np.unique(w).tolist()) <= {0.0, 2.0}
    with pytest.raises(ValueError, match=r"`rate` must be a scalar tensor or a float in the range \[0, 1\)"):
        tf.nn.dropout(x, 1.0)


def test_initializers():
    a = tf.random_normal_initializer(mean=1.0, stddev=0.5, seed=2)([3000])
    np.testing.assert_array_equal(a, tf.random_normal_initializer(mean=1.0, stddev=0.5, seed=2)([3000]))
    assert abs(float(tf.reduce_mean(a)) - 1.0) < 0.05
    u = tf.random_uniform_initializer(-1.0, 1.0)([2000], tf.float64).numpy()
    assert u.dtype == np.float64 and u.min() >= -1.0 and u.max() < 1.0
    assert tf.zeros_initializer()([2, 2], tf.int32).numpy().tolist() == [[0, 0], [0, 0]]
    assert tf.ones_initializer()([2]).numpy().tolist() == [1.0, 1.0]
    assert tf.constant_initializer([1, 2, 3, 4])([2, 2], tf.float32).numpy().tolist() == [[1.0, 2.0], [3.0, 4.0]]
    v = tf.Variable(tf.random_normal_initializer(seed=1)([2, 3]))
    assert v.shape == (2, 3)
