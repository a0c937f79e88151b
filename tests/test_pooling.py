"""Pooling: values against NumPy window reductions, gradients and second derivatives against finite
differences (float64, drawn shapes, windows, strides, paddings; inputs without ties so the max is
differentiable). TensorFlow's tie, NaN and error behaviour is in conformance/cases/pooling.py."""

from __future__ import annotations

import itertools

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

import tfshim as tf
from tests.gradcheck import check_gradients, check_second_order

_FEW = settings(max_examples=8)


def _distinct(rng: np.random.Generator, shape: tuple) -> np.ndarray:
    """Values with gaps of at least 0.1, so finite differences never cross a tie."""
    size = int(np.prod(shape))
    return (rng.permutation(size).astype(np.float64) * 0.1 + rng.uniform(0, 0.01, size)).reshape(shape)


def _reference(x: np.ndarray, k: tuple, s: tuple, padding: str, reduce: str) -> np.ndarray:
    n, h, w, c = x.shape
    if padding == "SAME":
        oh, ow = -(-h // s[0]), -(-w // s[1])
        ph = max((oh - 1) * s[0] + k[0] - h, 0) // 2
        pw = max((ow - 1) * s[1] + k[1] - w, 0) // 2
    else:
        oh, ow = (h - k[0]) // s[0] + 1, (w - k[1]) // s[1] + 1
        ph = pw = 0
    out = np.zeros((n, oh, ow, c))
    for i, j in itertools.product(range(oh), range(ow)):
        r0, c0 = i * s[0] - ph, j * s[1] - pw
        win = x[:, max(r0, 0):r0 + k[0], max(c0, 0):c0 + k[1], :]
        out[:, i, j, :] = win.max(axis=(1, 2)) if reduce == "max" else win.mean(axis=(1, 2))
    return out


@st.composite
def _setup(draw: st.DrawFn) -> tuple:
    shape = (draw(st.integers(1, 2)), draw(st.integers(2, 6)), draw(st.integers(2, 6)), draw(st.integers(1, 3)))
    k = (draw(st.integers(1, 3)), draw(st.integers(1, 3)))
    s = (draw(st.integers(1, 3)), draw(st.integers(1, 3)))
    padding = draw(st.sampled_from(["SAME", "VALID"]))
    if padding == "VALID":
        k = (min(k[0], shape[1]), min(k[1], shape[2]))
    return shape, k, s, padding, draw(st.integers(0, 2**16))


@_FEW
@given(_setup())
def test_values_match_window_reductions(setup: tuple) -> None:
    shape, k, s, padding, seed = setup
    x = np.random.default_rng(seed).normal(size=shape)
    for kind, fn in (("max", tf.nn.max_pool2d), ("avg", tf.nn.avg_pool2d)):
        got = fn(tf.constant(x), list(k), list(s), padding).numpy()
        np.testing.assert_allclose(got, _reference(x, k, s, padding, kind), rtol=1e-12)


@_FEW
@given(_setup())
def test_max_and_avg_gradients(setup: tuple) -> None:
    shape, k, s, padding, seed = setup
    x = _distinct(np.random.default_rng(seed), shape)
    check_gradients(lambda a: tf.nn.max_pool2d(a, list(k), list(s), padding), [x])
    check_gradients(lambda a: tf.nn.avg_pool2d(a, list(k), list(s), padding), [x])


@settings(max_examples=4)
@given(_setup())
def test_second_order(setup: tuple) -> None:
    shape, k, s, padding, seed = setup
    x = _distinct(np.random.default_rng(seed), shape)

    def max_sq(a: object) -> object:
        y = tf.nn.max_pool2d(a, list(k), list(s), padding)
        return y * y

    def avg_sq(a: object) -> object:
        y = tf.nn.avg_pool2d(a, list(k), list(s), padding)
        return y * y

    check_second_order(max_sq, [x])
    check_second_order(avg_sq, [x])


@_FEW
@given(st.integers(3, 8), st.integers(1, 3), st.integers(1, 2), st.sampled_from(["SAME", "VALID"]),
       st.integers(0, 2**16))
def test_1d_and_3d_gradients(size: int, k: int, s: int, padding: str, seed: int) -> None:
    rng = np.random.default_rng(seed)
    x1 = _distinct(rng, (2, size, 2))
    check_gradients(lambda a: tf.nn.max_pool1d(a, k, s, padding), [x1])
    check_gradients(lambda a: tf.nn.avg_pool1d(a, k, s, padding), [x1])
    x3 = _distinct(rng, (1, 3, size // 2 + 1, 3, 1))
    for fn in (tf.nn.max_pool3d, tf.nn.avg_pool3d):  # float32 only: finite differences with a wide step
        _check_float32(lambda a, fn=fn: fn(a, 2, 1, padding), x3)


def _check_float32(fn: object, x: np.ndarray, eps: float = 1e-2) -> None:
    """Tape gradient of sum(fn(x) * w) against central differences; the step stays below the gap
    between input values (0.1), so pooling is linear along it."""
    xt = tf.constant(x.astype(np.float32))
    with tf.GradientTape() as t:
        t.watch(xt)
        y = fn(xt)
        w = tf.constant(np.linspace(0.5, 1.5, int(np.prod(y.shape))).reshape(tuple(y.shape)).astype(np.float32))
        total = tf.reduce_sum(y * w)
    got = t.gradient(total, xt).numpy()
    expected = np.zeros_like(x)
    for idx in np.ndindex(x.shape):
        plus, minus = x.copy(), x.copy()
        plus[idx] += eps
        minus[idx] -= eps
        f_plus = float(tf.reduce_sum(fn(tf.constant(plus.astype(np.float32))) * w))
        f_minus = float(tf.reduce_sum(fn(tf.constant(minus.astype(np.float32))) * w))
        expected[idx] = (f_plus - f_minus) / (2 * eps)
    np.testing.assert_allclose(got, expected, rtol=1e-3, atol=1e-3)


def test_argmax_gradient_and_pool_dilations() -> None:
    rng = np.random.default_rng(1)
    x = _distinct(rng, (2, 5, 6, 2))
    check_gradients(lambda a: tf.nn.max_pool_with_argmax(a, 2, 2, "SAME")[0], [x])
    check_gradients(lambda a: tf.nn.pool(a, [2, 2], "MAX", padding="VALID", dilations=[2, 1]), [x])
    check_gradients(lambda a: tf.nn.pool(a, [2, 3], "AVG", padding="VALID", dilations=[2, 2]), [x])
    out, argmax = tf.nn.max_pool_with_argmax(tf.constant(x), 2, 2, "VALID")
    flat = x.reshape(2, -1)
    np.testing.assert_array_equal(np.take_along_axis(flat, argmax.numpy().reshape(2, -1), 1).reshape(out.shape),
                                  out.numpy())


def test_ties_route_to_the_first_maximum() -> None:
    x = tf.constant(np.array([3, 1, 3, 3, 0, 2, 2.0]).reshape(1, 7, 1))
    with tf.GradientTape() as t:
        t.watch(x)
        y = tf.nn.max_pool1d(x, 3, 1, "VALID")
    np.testing.assert_array_equal(t.gradient(y, x).numpy().ravel(), [1, 0, 2, 1, 0, 1, 0])
