"""tf.norm (vector and matrix norms), tf.nn.l2_loss, tf.nn.moments and tf.math.l2_normalize: values
against NumPy over drawn shapes, ords and axes, and gradients (first and second order) against
finite differences. TF's exact edge cases (NaN at the origin, errors) are conformance cases."""

from __future__ import annotations

from typing import Any

import hypothesis.extra.numpy as hnp
import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

import tfshim as tf
from tests.gradcheck import check_gradients, check_second_order

_VECTOR_ORDS = ["euclidean", 1, 2, np.inf, 3, 0.5]
_MATRIX_ORDS = ["euclidean", "fro", 1, 2, np.inf]


@st.composite
def _separated(draw: Any, min_dims: int = 1, max_side: int = 4) -> np.ndarray:
    """float64 values with random magnitudes in [0.3, 2] and random signs: every norm here is
    differentiable there (no zeros; ties in |x| or in sums of |x| have probability zero)."""
    shape = draw(hnp.array_shapes(min_dims=min_dims, max_dims=3, min_side=1, max_side=max_side))
    rng = np.random.default_rng(draw(st.integers(0, 2**32 - 1)))
    size = int(np.prod(shape))
    magnitude = rng.uniform(0.3, 2.0, size)
    return (magnitude * rng.choice([-1.0, 1.0], size)).reshape(shape)


def _np_vector_norm(x: np.ndarray, order: Any, axis: Any, keepdims: bool) -> np.ndarray:
    a = np.abs(x)
    if order == np.inf:
        return np.max(a, axis=axis, keepdims=keepdims)
    p = 2 if order == "euclidean" else order
    return np.sum(a**p, axis=axis, keepdims=keepdims) ** (1.0 / p)


def _np_matrix_norm(x: np.ndarray, order: Any, axis: tuple, keepdims: bool) -> np.ndarray:
    np_ord = "fro" if order == "euclidean" else order
    return np.linalg.norm(x, ord=np_ord, axis=axis, keepdims=keepdims)


@st.composite
def _vector_case(draw: Any) -> tuple:
    x = draw(_separated())
    axis = draw(st.one_of(st.none(), st.integers(-x.ndim, x.ndim - 1)))
    return x, draw(st.sampled_from(_VECTOR_ORDS)), axis, draw(st.booleans())


@st.composite
def _matrix_case(draw: Any, max_side: int = 4) -> tuple:
    x = draw(_separated(min_dims=2, max_side=max_side))
    axes = draw(st.permutations(range(x.ndim)))[:2]
    axes = tuple(a - x.ndim if draw(st.booleans()) else a for a in axes)
    return x, draw(st.sampled_from(_MATRIX_ORDS)), axes, draw(st.booleans())


@given(case=_vector_case())
def test_vector_norm_values(case: tuple) -> None:
    x, order, axis, keepdims = case
    got = tf.norm(tf.constant(x), ord=order, axis=axis, keepdims=keepdims)
    if axis is None:
        want = _np_vector_norm(x.reshape(-1), order, None, False)
        want = np.reshape(want, (1,) * x.ndim) if keepdims else want
    else:
        want = _np_vector_norm(x, order, axis, keepdims)
    assert got.shape == np.shape(want)
    np.testing.assert_allclose(got.numpy(), want, rtol=1e-12)


@given(case=_matrix_case())
def test_matrix_norm_values(case: tuple) -> None:
    x, order, axes, keepdims = case
    got = tf.linalg.norm(tf.constant(x), ord=order, axis=axes, keepdims=keepdims)
    want = _np_matrix_norm(x, order, axes, keepdims)
    assert got.shape == np.shape(want)
    np.testing.assert_allclose(got.numpy(), want, rtol=1e-10)


@given(case=_vector_case())
def test_vector_norm_gradients(case: tuple) -> None:
    x, order, axis, keepdims = case
    check_gradients(lambda t: tf.norm(t, ord=order, axis=axis, keepdims=keepdims), [x])


@given(case=_matrix_case())
def test_matrix_norm_gradients(case: tuple) -> None:
    x, order, axes, keepdims = case
    check_gradients(lambda t: tf.norm(t, ord=order, axis=axes, keepdims=keepdims), [x], rtol=1e-4, atol=1e-5)


@given(case=_vector_case())
def test_vector_norm_second_order(case: tuple) -> None:
    x, order, axis, keepdims = case
    check_second_order(lambda t: tf.norm(t, ord=order, axis=axis, keepdims=keepdims), [x])


@given(case=_matrix_case(max_side=3))
def test_matrix_norm_second_order(case: tuple) -> None:
    x, order, axes, keepdims = case
    check_second_order(lambda t: tf.norm(t, ord=order, axis=axes, keepdims=keepdims), [x], rtol=1e-3, atol=1e-4)


def test_norm_gradient_at_origin() -> None:
    x = tf.constant([0.0, 0.0])
    with tf.GradientTape(persistent=True) as t:
        t.watch(x)
        euclid = tf.norm(x)
        one = tf.norm(x, ord=1)
    assert np.isnan(t.gradient(euclid, x).numpy()).all()  # sqrt'(0) * 0
    np.testing.assert_array_equal(t.gradient(one, x).numpy(), [0.0, 0.0])  # sign(0) == 0


def test_norm_errors() -> None:
    x = tf.ones([2, 2])
    with pytest.raises(ValueError, match="'ord' must be a supported vector norm, got fro"):
        tf.norm(x, ord="fro")
    with pytest.raises(ValueError, match=r"'axis' must be None, an integer, or a tuple of 2 unique integers"):
        tf.norm(x, axis=[0, 0])
    with pytest.raises(ValueError, match=r"'ord' must be a supported matrix norm in \['euclidean', 'fro', 1, 2, inf\]"):
        tf.norm(x, ord=3, axis=[0, 1])


# -- l2_loss -------------------------------------------------------------------------------------
@given(x=hnp.arrays(np.float64, hnp.array_shapes(min_dims=0, max_dims=3, min_side=0, max_side=4),
                    elements=st.floats(-3, 3)))
def test_l2_loss(x: np.ndarray) -> None:
    np.testing.assert_allclose(tf.nn.l2_loss(x).numpy(), np.sum(x * x) / 2, rtol=1e-12, atol=1e-12)
    check_gradients(tf.nn.l2_loss, [x])
    check_second_order(lambda t: tf.nn.l2_loss(t * t), [x])


def test_l2_loss_dtypes() -> None:
    assert tf.nn.l2_loss(tf.constant([1.0, 2.0], tf.float16)).dtype == tf.float16
    with pytest.raises(tf.errors.InvalidArgumentError, match="Value for attr 'T' of int32"):
        tf.nn.l2_loss(tf.constant([1, 2]))


# -- moments -------------------------------------------------------------------------------------
@st.composite
def _moments_case(draw: Any) -> tuple:
    x = draw(_separated())
    axes = draw(st.lists(st.integers(0, x.ndim - 1), unique=True, min_size=1, max_size=x.ndim))
    return x, [a - x.ndim if draw(st.booleans()) else a for a in axes], draw(st.booleans())


@given(case=_moments_case())
def test_moments_values(case: tuple) -> None:
    x, axes, keepdims = case
    mean, variance = tf.nn.moments(tf.constant(x), axes=axes, keepdims=keepdims)
    ax = tuple(axes)
    np.testing.assert_allclose(mean.numpy(), np.mean(x, axis=ax, keepdims=keepdims), rtol=1e-12, atol=1e-12)
    np.testing.assert_allclose(variance.numpy(), np.var(x, axis=ax, keepdims=keepdims), rtol=1e-10, atol=1e-12)


@given(case=_moments_case())
def test_moments_gradients(case: tuple) -> None:
    x, axes, keepdims = case
    check_gradients(lambda t: tf.nn.moments(t, axes=axes, keepdims=keepdims)[0], [x])
    check_gradients(lambda t: tf.nn.moments(t, axes=axes, keepdims=keepdims)[1], [x])


@given(case=_moments_case())
def test_moments_second_order(case: tuple) -> None:
    x, axes, keepdims = case
    check_second_order(lambda t: tf.nn.moments(t * t, axes=axes, keepdims=keepdims)[0], [x])
    # The variance is taken about stop_gradient(mean), as in TF, so its second derivative holds the
    # mean constant: d/dx sum(2 (x - mean) / n) = 2 / n, not the true 2 / n * (1 - 1 / n).
    n = int(np.prod([x.shape[a] for a in axes]))
    t = tf.constant(x)
    with tf.GradientTape() as outer:
        outer.watch(t)
        with tf.GradientTape() as inner:
            inner.watch(t)
            variance = tf.nn.moments(t, axes=axes, keepdims=keepdims)[1]
        g = inner.gradient(variance, t)
    np.testing.assert_allclose(outer.gradient(g, t).numpy(), np.full(x.shape, 2.0 / n), rtol=1e-12)


def test_moments_float16_computes_in_float32() -> None:
    mean, variance = tf.nn.moments(tf.constant([1.0, 2.0, 4.0], tf.float16), axes=[0])
    assert mean.dtype == tf.float16 and variance.dtype == tf.float16
    np.testing.assert_allclose(variance.numpy(), np.float16(np.var(np.array([1.0, 2.0, 4.0], np.float32))))


# -- l2_normalize --------------------------------------------------------------------------------
@st.composite
def _normalize_case(draw: Any) -> tuple:
    x = draw(_separated())
    axis = draw(st.one_of(st.none(), st.integers(-x.ndim, x.ndim - 1)))
    return x, axis


@given(case=_normalize_case())
def test_l2_normalize(case: tuple) -> None:
    x, axis = case
    got = tf.math.l2_normalize(tf.constant(x), axis=axis)
    np.testing.assert_allclose(got.numpy(), x / np.sqrt(np.sum(x * x, axis=axis, keepdims=True)), rtol=1e-12)
    check_gradients(lambda t: tf.nn.l2_normalize(t, axis=axis), [x])
    check_second_order(lambda t: tf.nn.l2_normalize(t, axis=axis), [x])


def test_l2_normalize_at_origin_is_epsilon_limited() -> None:
    x = tf.constant([0.0, 0.0])
    with tf.GradientTape() as t:
        t.watch(x)
        y = tf.math.l2_normalize(x)
    np.testing.assert_allclose(t.gradient(y, x).numpy(), [1 / np.sqrt(1e-12)] * 2, rtol=1e-6)


def test_l2_normalize_aliases() -> None:
    assert tf.nn.l2_normalize is tf.math.l2_normalize is tf.linalg.l2_normalize
    assert tf.norm is tf.linalg.norm
