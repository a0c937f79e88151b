"""Convolutions: values against a direct NumPy loop, gradients and second derivatives against finite
differences (float64, hypothesis-drawn shapes, strides, paddings, dilations), and the backprop ops'
own gradients. TensorFlow's exact outputs and errors are in conformance/cases/conv.py."""

from __future__ import annotations

import itertools

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import tfshim as tf
from tests.gradcheck import check_gradients, check_second_order

_FEW = settings(max_examples=8)


def _direct_conv2d(x: np.ndarray, w: np.ndarray, s: tuple, d: tuple, pads: tuple) -> np.ndarray:
    """The definition, one output element at a time."""
    xp = np.pad(x, ((0, 0), pads[0], pads[1], (0, 0)))
    kh, kw, _, cout = w.shape
    oh = (xp.shape[1] - (kh - 1) * d[0] - 1) // s[0] + 1
    ow = (xp.shape[2] - (kw - 1) * d[1] - 1) // s[1] + 1
    out = np.zeros((x.shape[0], max(oh, 0), max(ow, 0), cout))
    for n, i, j in itertools.product(range(x.shape[0]), range(max(oh, 0)), range(max(ow, 0))):
        patch = xp[n, i * s[0]:i * s[0] + (kh - 1) * d[0] + 1:d[0], j * s[1]:j * s[1] + (kw - 1) * d[1] + 1:d[1], :]
        out[n, i, j] = np.einsum("hwc,hwco->o", patch, w)
    return out


def _same_pads(size: int, k: int, s: int, d: int) -> tuple:
    out = -(-size // s)
    total = max((out - 1) * s + (k - 1) * d + 1 - size, 0)
    return total // 2, total - total // 2


@st.composite
def _conv_setup(draw: st.DrawFn) -> tuple:
    n = draw(st.integers(1, 2))
    h, w = draw(st.integers(3, 6)), draw(st.integers(3, 6))
    cin, cout = draw(st.integers(1, 3)), draw(st.integers(1, 3))
    kh, kw = draw(st.integers(1, 3)), draw(st.integers(1, 3))
    s = (draw(st.integers(1, 2)), draw(st.integers(1, 2)))
    d = (1, 1) if max(s) > 1 else (draw(st.integers(1, 2)), draw(st.integers(1, 2)))
    padding = draw(st.sampled_from(["SAME", "VALID", "EXPLICIT"]))
    seed = draw(st.integers(0, 2**16))
    return (n, h, w, cin), (kh, kw, cin, cout), s, d, padding, seed


def _padding_arg(padding: str, seed: int) -> object:
    if padding != "EXPLICIT":
        return padding
    rng = np.random.default_rng(seed)
    return [[0, 0], list(rng.integers(0, 2, 2)), list(rng.integers(0, 2, 2)), [0, 0]]


@_FEW
@given(_conv_setup())
def test_conv2d_values_match_the_definition(setup: tuple) -> None:
    xs, ws, s, d, padding, seed = setup
    rng = np.random.default_rng(seed)
    x, w = rng.normal(size=xs), rng.normal(size=ws)
    pad = _padding_arg(padding, seed)
    if padding == "SAME":
        pads = (_same_pads(xs[1], ws[0], s[0], d[0]), _same_pads(xs[2], ws[1], s[1], d[1]))
    elif padding == "VALID":
        pads = ((0, 0), (0, 0))
    else:
        pads = (tuple(pad[1]), tuple(pad[2]))
    got = tf.nn.conv2d(tf.constant(x), tf.constant(w), list(s), pad, dilations=list(d)).numpy()
    np.testing.assert_allclose(got, _direct_conv2d(x, w, s, d, pads), rtol=1e-10, atol=1e-10)


@_FEW
@given(_conv_setup())
def test_conv2d_gradients(setup: tuple) -> None:
    xs, ws, s, d, padding, seed = setup
    if max(d) > 1:  # float64 dilated gradients are refused, as in TF; use tf.nn.convolution's route
        def fn(a: object, b: object) -> object:
            return tf.nn.convolution(a, b, padding="VALID" if padding == "VALID" else "SAME", dilations=list(d))
    else:
        pad = _padding_arg(padding, seed)

        def fn(a: object, b: object) -> object:
            return tf.nn.conv2d(a, b, list(s), pad)
    rng = np.random.default_rng(seed)
    check_gradients(fn, [rng.normal(size=xs), rng.normal(size=ws)])


@settings(max_examples=4)
@given(_conv_setup())
def test_conv2d_second_order(setup: tuple) -> None:
    xs, ws, s, _, padding, seed = setup
    rng = np.random.default_rng(seed)
    pad = _padding_arg(padding, seed)

    def fn(a: object, b: object) -> object:
        y = tf.nn.conv2d(a, b, list(s), pad)
        return y * y

    check_second_order(fn, [rng.normal(size=xs), rng.normal(size=ws)])


@_FEW
@given(st.integers(1, 2), st.integers(4, 8), st.integers(1, 3), st.integers(1, 3), st.integers(1, 3),
       st.integers(1, 2), st.sampled_from(["SAME", "VALID"]), st.integers(0, 2**16))
def test_conv1d_gradients(n: int, width: int, cin: int, cout: int, k: int, s: int, padding: str, seed: int) -> None:
    rng = np.random.default_rng(seed)
    check_gradients(lambda a, b: tf.nn.conv1d(a, b, s, padding), [rng.normal(size=(n, width, cin)),
                                                                   rng.normal(size=(k, cin, cout))])


@_FEW
@given(st.integers(1, 2), st.integers(3, 5), st.integers(1, 2), st.integers(1, 2), st.integers(1, 2),
       st.sampled_from(["SAME", "VALID"]), st.integers(0, 2**16))
def test_conv3d_gradients(n: int, size: int, cin: int, cout: int, s: int, padding: str, seed: int) -> None:
    rng = np.random.default_rng(seed)
    check_gradients(lambda a, b: tf.nn.conv3d(a, b, [1, s, s, 1, 1], padding),
                    [rng.normal(size=(n, size, size - 1, size, cin)), rng.normal(size=(2, 2, 2, cin, cout))])


@_FEW
@given(st.integers(1, 2), st.integers(3, 6), st.integers(1, 3), st.integers(1, 2), st.integers(1, 2),
       st.sampled_from(["SAME", "VALID"]), st.integers(1, 2), st.integers(0, 2**16))
def test_depthwise_gradients(n: int, size: int, c: int, mult: int, s: int, padding: str, rate: int, seed: int) -> None:
    rng = np.random.default_rng(seed)
    strides = [1, s, s, 1] if rate == 1 else [1, 1, 1, 1]
    check_gradients(lambda a, b: tf.nn.depthwise_conv2d(a, b, strides, padding, dilations=[rate, rate]),
                    [rng.normal(size=(n, size, size + 1, c)), rng.normal(size=(2, 3, c, mult))])


@settings(max_examples=4)
@given(st.integers(0, 2**16))
def test_depthwise_and_separable_second_order(seed: int) -> None:
    rng = np.random.default_rng(seed)
    x, w, pw = rng.normal(size=(1, 4, 4, 2)), rng.normal(size=(2, 2, 2, 2)), rng.normal(size=(1, 1, 4, 2))

    def dw(a: object, b: object) -> object:
        y = tf.nn.depthwise_conv2d(a, b, [1, 1, 1, 1], "SAME")
        return y * y

    def sep(a: object, b: object, c: object) -> object:
        y = tf.nn.separable_conv2d(a, b, c, [1, 1, 1, 1], "VALID")
        return y * y

    check_second_order(dw, [x, w])
    check_second_order(sep, [x, w, pw])


@_FEW
@given(st.integers(1, 2), st.integers(2, 4), st.integers(1, 3), st.integers(1, 3), st.integers(1, 2),
       st.sampled_from(["SAME", "VALID"]), st.integers(0, 2**16))
def test_conv2d_transpose_gradients(n: int, size: int, cin: int, cout: int, s: int, padding: str, seed: int) -> None:
    rng = np.random.default_rng(seed)
    k = 3
    out = size * s if padding == "SAME" else (size - 1) * s + k
    x, w = rng.normal(size=(n, size, size, cin)), rng.normal(size=(k, k, cout, cin))

    def fn(a: object, b: object) -> object:
        y = tf.nn.conv2d_transpose(a, b, [n, out, out, cout], s, padding)
        return y * y

    check_gradients(fn, [x, w])
    check_second_order(fn, [x, w])


def test_transposed_1d_and_3d_gradients() -> None:
    rng = np.random.default_rng(3)
    check_gradients(lambda a, b: tf.nn.conv1d_transpose(a, b, [1, 8, 2], 2, "SAME"),
                    [rng.normal(size=(1, 4, 3)), rng.normal(size=(3, 2, 3))])
    check_gradients(lambda a, b: tf.nn.conv3d_transpose(a, b, [1, 4, 4, 4, 1], 2, "SAME"),
                    [rng.normal(size=(1, 2, 2, 2, 2)), rng.normal(size=(2, 2, 2, 1, 2))])


def test_grouped_conv_float32_gradients_match_split_channels() -> None:
    rng = np.random.default_rng(4)
    x = rng.normal(size=(2, 5, 5, 4)).astype(np.float32)
    w = rng.normal(size=(3, 3, 2, 6)).astype(np.float32)
    xt, wt = tf.constant(x), tf.constant(w)
    with tf.GradientTape(persistent=True) as t:
        t.watch([xt, wt])
        grouped = tf.nn.conv2d(xt, wt, 1, "SAME")
        split = tf.concat([tf.nn.conv2d(xt[..., :2], wt[..., :3], 1, "SAME"),
                           tf.nn.conv2d(xt[..., 2:], wt[..., 3:], 1, "SAME")], axis=-1)
    np.testing.assert_allclose(grouped.numpy(), split.numpy(), rtol=1e-5, atol=1e-5)
    for a, b in zip(t.gradient(grouped, [xt, wt]), t.gradient(split, [xt, wt])):
        np.testing.assert_allclose(a.numpy(), b.numpy(), rtol=1e-5, atol=1e-5)


def test_gradient_penalty_through_conv_and_pool() -> None:
    """WGAN-GP: the gradient (w.r.t. the filter) of the squared norm of d(critic)/d(input)."""
    rng = np.random.default_rng(5)

    def penalty(w: np.ndarray) -> float:
        wt = tf.constant(w)
        xt = tf.constant(x)
        with tf.GradientTape() as inner:
            inner.watch(xt)
            critic = tf.reduce_sum(tf.nn.max_pool2d(tf.nn.relu(tf.nn.conv2d(xt, wt, 1, "SAME")), 2, 2, "VALID") ** 2)
        g = inner.gradient(critic, xt)
        return tf.reduce_sum(g * g)

    x = rng.normal(size=(2, 4, 4, 1))
    w0 = rng.normal(size=(2, 2, 1, 2))
    wt = tf.constant(w0)
    with tf.GradientTape() as outer:
        outer.watch(wt)
        xt = tf.constant(x)
        with tf.GradientTape() as inner:
            inner.watch(xt)
            critic = tf.reduce_sum(tf.nn.max_pool2d(tf.nn.relu(tf.nn.conv2d(xt, wt, 1, "SAME")), 2, 2, "VALID") ** 2)
        g = inner.gradient(critic, xt)
        total = tf.reduce_sum(g * g)
    got = outer.gradient(total, wt).numpy()
    expected = np.zeros_like(w0)
    for idx in np.ndindex(w0.shape):
        plus, minus = w0.copy(), w0.copy()
        plus[idx] += 1e-6
        minus[idx] -= 1e-6
        expected[idx] = (float(penalty(plus)) - float(penalty(minus))) / 2e-6
    np.testing.assert_allclose(got, expected, rtol=1e-5, atol=1e-6)


def test_errors() -> None:
    with pytest.raises(tf.errors.InvalidArgumentError, match="evenly divisible"):
        tf.nn.conv2d(tf.ones([1, 5, 5, 4]), tf.ones([3, 3, 3, 2]), 1, "SAME")
    with pytest.raises(tf.errors.InvalidArgumentError, match="Nonzero explicit padding"):
        tf.nn.conv2d(tf.ones([1, 5, 5, 4]), tf.ones([3, 3, 4, 2]), 1, [[0, 0], [1, 1], [1, 1], [1, 0]])
    with pytest.raises(tf.errors.InvalidArgumentError, match="4-dimensional"):
        tf.nn.conv2d(tf.ones([5, 5, 4]), tf.ones([3, 3, 4, 2]), 1, "SAME")
    with pytest.raises(tf.errors.AbortedError, match=r"must be in \[7, 8\]"):
        tf.nn.conv2d_transpose(tf.ones([1, 4, 4, 2]), tf.ones([3, 3, 5, 2]), [1, 6, 6, 5], 2, "SAME")
    with pytest.raises(tf.errors.InvalidArgumentError, match="Conv2DBackpropInput requires input_sizes"):
        tf.nn.conv2d_transpose(tf.ones([1, 4, 4, 2]), tf.ones([3, 3, 5, 2]), [1, 8, 8], 2, "SAME")


def test_valid_kernel_larger_than_input_is_empty_in_every_dtype() -> None:
    for dtype in (tf.float32, tf.float64):
        y = tf.nn.conv2d(tf.ones([1, 2, 2, 1], dtype), tf.ones([3, 3, 1, 2], dtype), 1, "VALID")
        assert y.shape == (1, 0, 0, 2) and y.dtype == dtype
