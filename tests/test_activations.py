"""tf.nn activations: values against NumPy formulas, gradients and second derivatives against finite
differences, and the structural facts of TensorFlow's gradient rules (zeros versus None versus
LookupError). Exact TensorFlow outputs at kinks, NaN/inf and dtype errors are in conformance/cases/nn.py."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

import tfshim as tf
from tests.gradcheck import check_gradients, check_second_order

_SHAPES = st.sampled_from([(3,), (1, 4), (2, 3), (2, 1, 3), (1,), (3, 1, 1)])
_SEEDS = st.integers(0, 2**16)


def _values(shape: tuple, seed: int, kinks: tuple = (0.0,), scale: float = 2.0) -> np.ndarray:
    """Random values kept at least 0.05 away from each kink (finite differences need smoothness)."""
    x = np.random.default_rng(seed).uniform(-scale, scale, size=shape)
    for k in kinks:
        close = np.abs(x - k) < 0.05
        x = np.where(close, k + 0.1 * np.sign(x - k + 1e-12), x)
    return x


def _selu(x: np.ndarray) -> np.ndarray:
    scale, alpha = 1.0507009873554804934193349852946, 1.6732632423543772848170429916717
    return np.where(x < 0, scale * alpha * np.expm1(x), scale * x)


_ERF = np.vectorize(math.erf)

_REFERENCE = {
    "relu": lambda x: np.maximum(x, 0),
    "relu6": lambda x: np.clip(x, 0, 6),
    "leaky_relu": lambda x: np.where(x > 0, x, 0.2 * x),
    "elu": lambda x: np.where(x < 0, np.expm1(x), x),
    "selu": _selu,
    "softplus": lambda x: np.log1p(np.exp(x)),
    "softsign": lambda x: x / (1 + np.abs(x)),
    "gelu": lambda x: 0.5 * x * (1 + _ERF(x / np.sqrt(2))),
    "silu": lambda x: x / (1 + np.exp(-x)),
    "swish": lambda x: x / (1 + np.exp(-x)),
}
_KINKS = {"relu": (0.0,), "relu6": (0.0, 6.0), "leaky_relu": (0.0,), "elu": (0.0,), "selu": (0.0,)}


@pytest.mark.parametrize("name", sorted(_REFERENCE))
@given(shape=_SHAPES, seed=_SEEDS)
def test_values_match_numpy(name: str, shape: tuple, seed: int) -> None:
    x = _values(shape, seed, scale=8.0)
    got = getattr(tf.nn, name)(tf.constant(x))
    assert got.dtype == tf.float64 and got.shape == shape
    np.testing.assert_allclose(got.numpy(), _REFERENCE[name](x), rtol=1e-12, atol=1e-12)


@pytest.mark.parametrize("name", sorted(_REFERENCE))
def test_float32_stays_float32(name: str) -> None:
    x = np.linspace(-7.0, 7.0, 15).astype(np.float32)
    got = getattr(tf.nn, name)(tf.constant(x))
    assert got.dtype == tf.float32
    np.testing.assert_allclose(got.numpy(), _REFERENCE[name](x.astype(np.float64)), rtol=2e-6, atol=2e-6)


@pytest.mark.parametrize("name", sorted(_REFERENCE))
@given(shape=_SHAPES, seed=_SEEDS)
def test_gradient_matches_finite_differences(name: str, shape: tuple, seed: int) -> None:
    fn = getattr(tf.nn, name)
    check_gradients(fn, [_values(shape, seed, _KINKS.get(name, ()))])


@pytest.mark.parametrize("name", sorted(set(_REFERENCE) - {"softsign"}))
@given(shape=_SHAPES, seed=_SEEDS)
def test_second_order_matches_finite_differences(name: str, shape: tuple, seed: int) -> None:
    fn = getattr(tf.nn, name)
    check_second_order(fn, [_values(shape, seed, _KINKS.get(name, ()))])


@given(shape=_SHAPES, seed=_SEEDS, alpha=st.sampled_from([0.01, 0.2, 0.5, 2.0]))
def test_leaky_relu_alpha_gradients(shape: tuple, seed: int, alpha: float) -> None:
    x = _values(shape, seed)
    np.testing.assert_allclose(tf.nn.leaky_relu(tf.constant(x), alpha=alpha).numpy(), np.where(x > 0, x, alpha * x))
    check_gradients(lambda v: tf.nn.leaky_relu(v, alpha=alpha), [x])
    check_second_order(lambda v: tf.nn.leaky_relu(v, alpha=alpha), [x])


@given(shape=_SHAPES, seed=_SEEDS)
def test_gelu_approximate_gradients(shape: tuple, seed: int) -> None:
    x = _values(shape, seed, ())
    expected = 0.5 * x * (1 + np.tanh(0.7978845608028654 * (x + 0.044715 * x ** 3)))
    np.testing.assert_allclose(tf.nn.gelu(tf.constant(x), approximate=True).numpy(), expected, rtol=1e-12)
    check_gradients(lambda v: tf.nn.gelu(v, approximate=True), [x])
    check_second_order(lambda v: tf.nn.gelu(v, approximate=True), [x])


@given(shape=_SHAPES, seed=_SEEDS, beta=st.floats(0.25, 3.0))
def test_swish_gradient_with_respect_to_beta(shape: tuple, seed: int, beta: float) -> None:
    x = _values(shape, seed, ())
    b32 = float(np.float32(beta))  # a Python beta is converted to float32 first, then cast (as in TF)
    np.testing.assert_allclose(tf.nn.swish(tf.constant(x), beta=beta).numpy(), x / (1 + np.exp(-b32 * x)))
    check_gradients(lambda v, b: tf.nn.swish(v, beta=b), [x, np.float64(beta)])
    check_second_order(lambda v, b: tf.nn.swish(v, beta=b), [x, np.float64(beta)])


@given(shape=_SHAPES, seed=_SEEDS)
def test_erfc_gradients(shape: tuple, seed: int) -> None:
    x = _values(shape, seed, ())
    np.testing.assert_allclose(tf.math.erfc(tf.constant(x)).numpy(), 1 - _ERF(x), rtol=1e-12, atol=1e-15)
    check_gradients(tf.math.erfc, [x])
    check_second_order(tf.math.erfc, [x])


def _second(fn: object, values: list) -> tuple:
    x = tf.constant(values)
    with tf.GradientTape() as outer:
        outer.watch(x)
        with tf.GradientTape() as inner:
            inner.watch(x)
            y = tf.reduce_sum(fn(x))
        g = inner.gradient(y, x)
    return g, outer.gradient(g, x)


@pytest.mark.parametrize("fn", [tf.nn.relu, tf.nn.relu6, tf.nn.leaky_relu])
def test_piecewise_linear_second_derivative_is_zeros_not_none(fn: object) -> None:
    # spec 5.1b: ReluGrad / Relu6Grad / LeakyReluGrad have gradients of their own (zeros for features)
    _, h = _second(fn, [-1.0, 2.0])
    assert h is not None and h.dtype == tf.float32
    np.testing.assert_array_equal(h.numpy(), [0.0, 0.0])


def test_softsign_second_derivative_raises_lookup_error() -> None:
    with pytest.raises(LookupError, match="SoftsignGrad"):
        _second(tf.nn.softsign, [-1.0, 2.0])


def test_spec_gradients_at_kinks() -> None:
    # spec section 7: relu/relu6 give 0 at their kinks, leaky_relu gives alpha at 0, elu 1 at 0
    for fn, values, expected in ((tf.nn.relu, [-1.0, 0.0, 1.0], [0, 0, 1]), (tf.nn.relu6, [0.0, 6.0, 7.0], [0, 0, 0]),
                                 (tf.nn.leaky_relu, [-1.0, 0.0, 1.0], [0.2, 0.2, 1]),
                                 (tf.nn.elu, [-1.0, 0.0, 1.0], [math.exp(-1), 1, 1]), (tf.nn.softplus, [0.0], [0.5])):
        x = tf.constant(values)
        with tf.GradientTape() as t:
            t.watch(x)
            y = fn(x)
        np.testing.assert_allclose(t.gradient(y, x).numpy(), expected, rtol=1e-6)


def test_leaky_relu_casts_integers_and_rejects_tensor_alpha() -> None:
    assert tf.nn.leaky_relu([1, -2]).dtype == tf.float32
    with pytest.raises(TypeError, match="Expected float for argument 'alpha'"):
        tf.nn.leaky_relu(tf.constant([1.0]), alpha=tf.constant(0.3))


def test_gelu_rejects_integers() -> None:
    with pytest.raises(ValueError, match="must be a floating point tensor"):
        tf.nn.gelu([1, 2])


def test_aliases() -> None:
    assert tf.nn.silu is tf.nn.swish
    assert tf.math.softplus is tf.nn.softplus and tf.math.softsign is tf.nn.softsign


def test_relu_of_large_arrays_uses_shared_zeros_without_sharing_results() -> None:
    """Large relu inputs run against a cached read-only array of zeros: results are fresh arrays,
    NaN and -0.0 behave as for small inputs, and the cache never changes."""
    from tfshim.ops import activations

    for dtype in (np.float32, np.float64):
        big = np.linspace(-1, 1, 5000).astype(dtype)
        big[7], big[8], big[9] = np.nan, -np.inf, -0.0
        a = tf.nn.relu(tf.constant(big)).numpy()
        b = tf.nn.relu(tf.constant(big[::-1].copy())).numpy()
        np.testing.assert_array_equal(a, np.maximum(big, 0))
        np.testing.assert_array_equal(b, np.maximum(big[::-1], 0))
        a[:] = 5  # results do not alias the cache
        assert not activations._ZEROS[np.dtype(dtype)].any()
        assert not activations._ZEROS[np.dtype(dtype)].flags.writeable
        np.testing.assert_array_equal(tf.nn.relu(tf.constant(big)).numpy()[:10], np.maximum(big[:10], 0))
