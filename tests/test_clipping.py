"""clip_by_value, clip_by_norm, global_norm, clip_by_global_norm and saturate_cast: values against
NumPy, gradients and second derivatives against finite differences, and TF's structural behaviour
(bounds count as inside, None entries, IndexedSlices, errors). TensorFlow's exact outputs are in
conformance/cases/math_ops.py."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

import tfshim as tf
from tests.gradcheck import check_gradients, check_second_order

_SEEDS = st.integers(0, 2**16)
_SHAPES = hnp.array_shapes(min_dims=0, max_dims=3, min_side=0, max_side=3)


def _away_from(x: np.ndarray, points: tuple, gap: float = 0.1) -> np.ndarray:
    for p in points:
        x = np.where(np.abs(x - p) < gap, p + 2 * gap, x)
    return x


@given(shape=_SHAPES, seed=_SEEDS)
def test_clip_by_value_values_and_gradient(shape: tuple, seed: int) -> None:
    x = _away_from(np.random.default_rng(seed).uniform(-2, 2, shape), (-0.5, 0.75))
    got = tf.clip_by_value(tf.constant(x), -0.5, 0.75)
    assert got.dtype == tf.float64 and got.shape == shape
    np.testing.assert_array_equal(got.numpy(), np.clip(x, -0.5, 0.75))
    check_gradients(lambda t: tf.clip_by_value(t, -0.5, 0.75), [x])


@given(shape=hnp.array_shapes(min_dims=1, max_dims=2, min_side=1, max_side=3), seed=_SEEDS)
def test_clip_by_value_gradient_reaches_tensor_bounds(shape: tuple, seed: int) -> None:
    rng = np.random.default_rng(seed)
    x = rng.uniform(-2, 2, shape)
    lo = rng.uniform(-1.5, -0.2, shape)
    hi = rng.uniform(0.2, 1.5, shape)
    x = np.where(np.abs(x - lo) < 0.05, lo - 0.1, x)
    x = np.where(np.abs(x - hi) < 0.05, hi + 0.1, x)
    check_gradients(tf.clip_by_value, [x, lo, hi])


def test_clip_by_value_bounds_count_as_inside() -> None:
    x = tf.constant([-1.0, 0.0, 0.5, 1.0, 2.0])
    with tf.GradientTape() as tape:
        tape.watch(x)
        y = tf.clip_by_value(x, 0.0, 1.0)
    np.testing.assert_array_equal(tape.gradient(y, x).numpy(), [0.0, 1.0, 1.0, 1.0, 0.0])


def test_clip_by_value_second_derivative_is_none() -> None:
    x = tf.constant([-1.0, 2.0])
    with tf.GradientTape() as outer:
        outer.watch(x)
        with tf.GradientTape() as inner:
            inner.watch(x)
            y = tf.reduce_sum(tf.clip_by_value(x, -0.5, 0.5))
        g = inner.gradient(y, x)
    assert outer.gradient(g, x) is None


def test_clip_by_value_rejects_bounds_that_grow_the_result() -> None:
    with pytest.raises(ValueError, match=r"Shapes \(5,\) and \(2, 5\) are incompatible"):
        tf.clip_by_value(tf.zeros([5]), 0.0, tf.constant([[1.0], [2.0]]))


def test_clip_by_value_keeps_indexed_slices() -> None:
    slices = tf.IndexedSlices(tf.constant([[-2.0, 3.0]]), tf.constant([1]), tf.constant([3, 2]))
    got = tf.clip_by_value(slices, -1.0, 1.0)
    assert isinstance(got, tf.IndexedSlices)
    np.testing.assert_array_equal(got.values.numpy(), [[-1.0, 1.0]])


def _norm_clip(x: np.ndarray, c: float, axes: tuple | None) -> np.ndarray:
    norm = np.sqrt(np.sum(x * x, axis=axes, keepdims=True))
    return x * c / np.maximum(norm, c)


@given(shape=hnp.array_shapes(min_dims=1, max_dims=3, min_side=1, max_side=3), seed=_SEEDS,
       clip=st.floats(0.5, 3.0), use_axes=st.booleans())
def test_clip_by_norm_values_and_gradient(shape: tuple, seed: int, clip: float, use_axes: bool) -> None:
    x = np.random.default_rng(seed).uniform(-2, 2, shape)
    axes = (len(shape) - 1,) if use_axes else None
    norms = np.sqrt(np.sum(x * x, axis=axes, keepdims=True))
    if np.any(np.abs(norms - clip) < 0.05):
        return  # at the switch between clipped and unclipped the derivative jumps
    got = tf.clip_by_norm(tf.constant(x), clip, axes=list(axes) if axes else None)
    np.testing.assert_allclose(got.numpy(), _norm_clip(x, clip, axes), rtol=1e-12)
    fn = lambda t: tf.clip_by_norm(t, clip, axes=list(axes) if axes else None)  # noqa: E731
    check_gradients(fn, [x])


@settings(max_examples=10)
@given(seed=_SEEDS)
def test_clip_by_norm_second_order(seed: int) -> None:
    x = np.random.default_rng(seed).uniform(1.0, 2.0, (3,)) * np.array([1, -1, 1])
    check_second_order(lambda t: tf.clip_by_norm(t, 1.0), [x])
    check_second_order(lambda t, c: tf.clip_by_norm(t, c), [x, np.array(1.0)])


def test_clip_by_norm_zero_input_and_negative_clip_norm() -> None:
    z = tf.zeros([3])
    with tf.GradientTape() as tape:
        tape.watch(z)
        y = tf.clip_by_norm(z, 1.0)
    np.testing.assert_array_equal(y.numpy(), [0.0, 0.0, 0.0])
    np.testing.assert_array_equal(tape.gradient(y, z).numpy(), [1.0, 1.0, 1.0])  # no NaN at the origin
    np.testing.assert_array_equal(tf.clip_by_norm(tf.constant([3.0, 4.0]), -1.0).numpy(), [0.0, 0.0])


@given(seed=_SEEDS, clip=st.floats(0.5, 8.0))
def test_clip_by_global_norm_values_and_gradient(seed: int, clip: float) -> None:
    rng = np.random.default_rng(seed)
    a, b = rng.uniform(-2, 2, (2, 2)), rng.uniform(-2, 2, (3,))
    norm = np.sqrt(np.sum(a * a) + np.sum(b * b))
    if abs(norm - clip) < 0.05:
        return
    clipped, got_norm = tf.clip_by_global_norm([tf.constant(a), None, tf.constant(b)], clip)
    assert clipped[1] is None
    np.testing.assert_allclose(got_norm.numpy(), norm, rtol=1e-12)
    scale = clip / max(norm, clip)
    np.testing.assert_allclose(clipped[0].numpy(), a * scale, rtol=1e-12)
    np.testing.assert_allclose(clipped[2].numpy(), b * scale, rtol=1e-12)

    def fn(x: object, y: object) -> object:
        out, n = tf.clip_by_global_norm([x, y], clip)
        return tf.reduce_sum(out[0] * out[0]) + tf.reduce_sum(out[1]) + n

    check_gradients(fn, [a, b])


def test_clip_by_global_norm_with_infinite_norm_gives_nan_and_rejects_non_sequences() -> None:
    clipped, norm = tf.clip_by_global_norm([tf.constant([1.0, 2.0])], 1.0, use_norm=tf.constant(np.inf))
    assert np.isnan(clipped[0].numpy()).all() and np.isinf(norm.numpy())
    with pytest.raises(TypeError, match="`t_list` should be a sequence of tensors"):
        tf.clip_by_global_norm(tf.constant([1.0]), 1.0)
    clipped, norm = tf.clip_by_global_norm([None], 2.0)
    assert clipped == [None] and norm.numpy() == 0.0


def test_saturate_cast_clamps_to_the_target_range() -> None:
    got = tf.dtypes.saturate_cast(tf.constant([-300.7, 1.5, 300.2, np.inf]), tf.int8)
    np.testing.assert_array_equal(got.numpy(), [-128, 1, 127, 127])
    got = tf.saturate_cast(tf.constant([-1.5, 255.9, 256.0], tf.float64), tf.uint8)
    np.testing.assert_array_equal(got.numpy(), [0, 255, 255])
    with pytest.raises(tf.errors.NotFoundError, match=r"\[Op:ClipByValue\] name: clamp$"):
        tf.saturate_cast(tf.constant([1], tf.uint32), tf.int8)
    with pytest.raises(TypeError, match="Cannot find minimum value of <dtype: 'bool'>"):
        tf.saturate_cast(tf.constant([1.5]), tf.bool)


def test_saturate_cast_gradient_passes_inside_the_range() -> None:
    x = tf.constant([1.0, 300.0, 1e6])
    with tf.GradientTape() as tape:
        tape.watch(x)
        y = tf.saturate_cast(x, tf.float16)
    np.testing.assert_array_equal(tape.gradient(y, x).numpy(), [1.0, 1.0, 0.0])
