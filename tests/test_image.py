"""tf.image: resize kernels against their sampling definitions, gradients (and the second derivatives
TF defines) against finite differences over drawn sizes, crops/pads/flips and extract_patches.
TensorFlow's exact values, dtypes and errors are in conformance/cases/image.py."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import tfshim as tf
from tests.gradcheck import check_gradients, check_second_order

_FEW = settings(max_examples=8)
_SIZES = st.tuples(st.integers(1, 7), st.integers(1, 7))


def test_bilinear_and_nearest_rows() -> None:
    def row(values: list, n: int, method: str) -> list:
        x = tf.reshape(tf.constant(values, tf.float32), [1, 1, len(values), 1])
        return tf.reshape(tf.image.resize(x, (1, n), method), [-1]).numpy().tolist()

    np.testing.assert_allclose(row([0.0, 1.0], 4, "bilinear"), [0, 0.25, 0.75, 1])
    np.testing.assert_allclose(row([0.0, 1.0, 2.0, 3.0], 2, "bilinear"), [0.5, 2.5])
    np.testing.assert_allclose(row([0.0, 1.0, 2.0], 5, "nearest"), [0, 0, 1, 2, 2])
    np.testing.assert_allclose(row([0.0, 1.0, 2.0], 2, "area"), [1 / 3, 5 / 3], rtol=1e-6)


@_FEW
@given(_SIZES, st.sampled_from(["bilinear", "bicubic", "nearest"]), st.booleans(), st.integers(0, 2**16))
def test_resize_gradient_is_the_adjoint(size: tuple, method: str, antialias: bool, seed: int) -> None:
    """Resizing is linear (y = A x) and its result is float32, so instead of finite differences the
    gradient of sum(y * v) must be A^T v: sum(A x * v) == sum(x * gradient) for any x, and the
    gradient does not depend on x."""
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(2, 3, 4, 2)).astype(np.float32)
    xt = tf.constant(x)
    with tf.GradientTape() as t:
        t.watch(xt)
        y = tf.image.resize(xt, size, method, antialias=antialias)
        v = tf.constant(rng.normal(size=tuple(y.shape)).astype(np.float32))
        total = tf.reduce_sum(y * v)
    g = t.gradient(total, xt).numpy()
    np.testing.assert_allclose(float(total.numpy()), float((x.astype(np.float64) * g).sum()), rtol=1e-4, atol=1e-4)
    x2 = tf.constant(rng.normal(size=x.shape).astype(np.float32))
    with tf.GradientTape() as t:
        t.watch(x2)
        total2 = tf.reduce_sum(tf.image.resize(x2, size, method, antialias=antialias) * v)
    np.testing.assert_allclose(t.gradient(total2, x2).numpy(), g, rtol=1e-5, atol=1e-6)


def test_resize_second_order_is_none_or_lookup_error() -> None:
    x = tf.constant(np.random.default_rng(1).normal(size=(1, 3, 3, 1)))
    for method, expect_lookup in (("bilinear", False), ("bicubic", True), ("nearest", True)):
        with tf.GradientTape() as outer:
            outer.watch(x)
            with tf.GradientTape() as inner:
                inner.watch(x)
                y = tf.reduce_sum(tf.image.resize(x, (5, 4), method) ** 2)
            g = inner.gradient(y, x)
            total = tf.reduce_sum(g * g)
        if expect_lookup:
            with pytest.raises(LookupError):
                outer.gradient(total, x)
        else:  # ResizeBilinearGrad is not differentiable: the path is cut
            assert outer.gradient(total, x) is None


@_FEW
@given(st.integers(1, 6), st.integers(1, 6), st.integers(1, 8), st.integers(1, 8), st.integers(0, 2**16))
def test_crop_or_pad_and_pad_with_gradients(h: int, w: int, th: int, tw: int, seed: int) -> None:
    x = np.random.default_rng(seed).normal(size=(1, h, w, 2))
    check_gradients(lambda a: tf.image.resize_with_crop_or_pad(a, th, tw), [x])
    check_gradients(lambda a: tf.image.flip_left_right(tf.image.flip_up_down(a)), [x])
    out = tf.image.resize_with_crop_or_pad(tf.constant(x), th, tw).numpy()
    assert out.shape == (1, th, tw, 2)


@_FEW
@given(st.integers(2, 6), st.integers(2, 6), st.integers(1, 3), st.integers(1, 3), st.integers(1, 2),
       st.sampled_from(["SAME", "VALID"]), st.integers(0, 2**16))
def test_extract_patches(h: int, w: int, k: int, s: int, r: int, padding: str, seed: int) -> None:
    x = np.random.default_rng(seed).normal(size=(2, h, w, 2))
    args = ([1, k, k, 1], [1, s, s, 1], [1, r, r, 1], padding)
    k_eff = (k - 1) * r + 1
    if padding == "VALID" and min(int((n - k_eff + s) / s) for n in (h, w)) < 0:  # C++ division, as TF's check
        with pytest.raises(tf.errors.InvalidArgumentError, match="Computed output size would be negative"):
            tf.image.extract_patches(tf.constant(x), *args)
        return
    patches = tf.image.extract_patches(tf.constant(x), *args).numpy()
    if padding == "VALID" and patches.size:  # the first patch is the top-left window, row-major, channels last
        np.testing.assert_array_equal(patches[0, 0, 0], x[0, :(k - 1) * r + 1:r, :(k - 1) * r + 1:r, :].reshape(-1))

    def sq(a: object) -> object:
        y = tf.image.extract_patches(a, *args)
        return y * y

    check_gradients(lambda a: tf.image.extract_patches(a, *args), [x])
    check_second_order(sq, [x])
