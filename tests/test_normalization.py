"""Normalization: batch_normalization, weighted_moments, normalize_moments, LRN and fused_batch_norm
against NumPy formulas, with gradients and second derivatives against finite differences (float64
where the op allows it). TensorFlow's exact results and errors are in conformance/cases/normalization.py."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

import tfshim as tf
from tests.gradcheck import check_gradients, check_second_order
from tfshim.ops.normalization_ops import fused_batch_norm

_FEW = settings(max_examples=8)
_SHAPES = st.sampled_from([(4, 3), (2, 3, 2), (3, 1), (2, 2, 2, 3)])


@_FEW
@given(_SHAPES, st.integers(0, 2**16), st.booleans(), st.booleans())
def test_batch_normalization(shape: tuple, seed: int, with_offset: bool, with_scale: bool) -> None:
    rng = np.random.default_rng(seed)
    c = shape[-1]
    x, m, v, o, s = rng.normal(size=shape), *rng.normal(size=(4, c))

    def fn(a: object, mu: object, var: object, off: object, sc: object) -> object:
        return tf.nn.batch_normalization(a, mu, var * var + 0.5, off if with_offset else None,
                                         sc if with_scale else None, 1e-3)

    expected = (x - m) / np.sqrt(v * v + 0.5 + 1e-3) * (s if with_scale else 1) + (o if with_offset else 0)
    np.testing.assert_allclose(fn(*map(tf.constant, (x, m, v, o, s))).numpy(), expected, rtol=1e-10)
    check_gradients(fn, [x, m, v, o, s])
    check_second_order(fn, [x, m, v, o, s])


@_FEW
@given(_SHAPES, st.integers(0, 2**16))
def test_weighted_moments(shape: tuple, seed: int) -> None:
    rng = np.random.default_rng(seed)
    x = rng.normal(size=shape)
    w = rng.uniform(0.5, 2, size=shape)
    axes = list(range(len(shape) - 1))
    mean, var = tf.nn.weighted_moments(tf.constant(x), axes, tf.constant(w))
    ax = tuple(axes)
    m = (w * x).sum(ax) / w.sum(ax)
    np.testing.assert_allclose(mean.numpy(), m, rtol=1e-10)
    np.testing.assert_allclose(var.numpy(), (w * (x - m) ** 2).sum(ax) / w.sum(ax), rtol=1e-10)
    check_gradients(lambda a, b: tf.nn.weighted_moments(a, axes, b)[1], [x, w])
    check_second_order(lambda a, b: tf.nn.weighted_moments(a, axes, b)[1], [x, w])


def test_normalize_moments() -> None:
    mean, var = tf.nn.normalize_moments(tf.constant(4.0), tf.constant([8.0]), tf.constant([20.0]), None)
    np.testing.assert_allclose([mean.numpy()[0], var.numpy()[0]], [2.0, 1.0])


@_FEW
@given(st.integers(0, 3), st.integers(3, 7), st.integers(0, 2**16))
def test_lrn(radius: int, depth: int, seed: int) -> None:
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(1, 2, 2, depth)).astype(np.float32)
    y = tf.nn.lrn(tf.constant(x), radius, 1.5, 0.3, 0.75).numpy()
    sq = np.stack([(x[..., max(c - radius, 0):c + radius + 1] ** 2).sum(-1) for c in range(depth)], -1)
    np.testing.assert_allclose(y, x / (1.5 + 0.3 * sq) ** 0.75, rtol=1e-5)
    _check_float32(lambda a: tf.nn.lrn(a, radius, 1.5, 0.3, 0.75), x.astype(np.float64))


def _check_float32(fn: object, x: np.ndarray, eps: float = 1e-3) -> None:
    """Tape gradient of sum(fn(x) * w) against central differences computed in float64 from the op's
    float32 values (LRN has no float64 kernel), with a step float32 can resolve."""
    xt = tf.constant(x.astype(np.float32))
    with tf.GradientTape() as t:
        t.watch(xt)
        y = fn(xt)
        w = np.linspace(0.5, 1.5, int(np.prod(y.shape))).reshape(tuple(y.shape))
        total = tf.reduce_sum(y * tf.constant(w.astype(np.float32)))
    got = t.gradient(total, xt).numpy()
    expected = np.zeros_like(x)
    for idx in np.ndindex(x.shape):
        plus, minus = x.copy(), x.copy()
        plus[idx] += eps
        minus[idx] -= eps
        f_plus = (fn(tf.constant(plus.astype(np.float32))).numpy().astype(np.float64) * w).sum()
        f_minus = (fn(tf.constant(minus.astype(np.float32))).numpy().astype(np.float64) * w).sum()
        expected[idx] = (f_plus - f_minus) / (2 * eps)
    np.testing.assert_allclose(got, expected, rtol=2e-2, atol=2e-2)


@_FEW
@given(st.sampled_from(["NHWC", "NCHW"]), st.booleans(), st.integers(0, 2**16))
def test_fused_batch_norm(fmt: str, training: bool, seed: int) -> None:
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(2, 3, 2, 3)).astype(np.float32)
    s, o = rng.normal(size=(2, 3)).astype(np.float32)
    stats = {} if training else {"mean": tf.constant([0.1, 0.2, 0.3]), "variance": tf.constant([1.0, 2.0, 0.5])}

    st_, ot = tf.constant(s), tf.constant(o)

    def fn(a: object) -> object:
        y = fused_batch_norm(a, st_, ot, data_format=fmt, is_training=training, **stats)[0]
        return y * y

    def first_gradient(a: object) -> object:
        with tf.GradientTape() as t:
            t.watch(a)
            total = tf.reduce_sum(fn(a) * tf.constant(np.linspace(1, 2, x.size).reshape(x.shape).astype(np.float32)))
        return t.gradient(total, a)

    axes = (0, 2, 3) if fmt == "NCHW" else (0, 1, 2)
    shape = (1, 3, 1, 1) if fmt == "NCHW" else (1, 1, 1, 3)
    y, _, running_var = fused_batch_norm(tf.constant(x), tf.constant(s), tf.constant(o), data_format=fmt,
                                         is_training=training, **stats)
    if training:
        mean, var = x.mean(axes), x.var(axes)
        n = x.size // 3
        np.testing.assert_allclose(running_var.numpy(), var * n / (n - 1), rtol=1e-5)
    else:
        mean, var = np.array([0.1, 0.2, 0.3]), np.array([1.0, 2.0, 0.5])
    expected = (x - mean.reshape(shape)) / np.sqrt(var.reshape(shape) + 1e-3) * s.reshape(shape) + o.reshape(shape)
    np.testing.assert_allclose(y.numpy(), expected, rtol=1e-4, atol=1e-5)
    _check_float32(fn, x.astype(np.float64))
    _check_float32(first_gradient, x.astype(np.float64))
