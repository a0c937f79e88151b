"""softmax, log_softmax, the cross-entropy losses and bias_add: values against NumPy, gradients and
second derivatives against finite differences (float64, drawn shapes). TensorFlow's exact outputs for
edge cases (non-finite logits, errors, oneDNN quirks) are in conformance/cases/nn.py."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

import tfshim as tf
from tests.gradcheck import check_gradients, check_second_order

_SEEDS = st.integers(0, 2**16)
_SHAPES = st.sampled_from([(4,), (1, 3), (2, 3), (2, 1, 3), (3, 2, 2), (1, 1)])


def _rng(seed: int) -> np.random.Generator:
    return np.random.default_rng(seed)


def _np_softmax(x: np.ndarray, axis: int) -> np.ndarray:
    e = np.exp(x - x.max(axis=axis, keepdims=True))
    return e / e.sum(axis=axis, keepdims=True)


def _np_log_softmax(x: np.ndarray, axis: int) -> np.ndarray:
    s = x - x.max(axis=axis, keepdims=True)
    return s - np.log(np.exp(s).sum(axis=axis, keepdims=True))


def _axes(shape: tuple) -> st.SearchStrategy:
    return st.sampled_from([None, *range(-len(shape), len(shape))])


# -- softmax / log_softmax -----------------------------------------------------------------------
@given(data=st.data(), shape=_SHAPES, seed=_SEEDS)
def test_softmax_values_and_gradients(data: st.DataObject, shape: tuple, seed: int) -> None:
    axis = data.draw(_axes(shape))
    x = _rng(seed).normal(size=shape) * 2
    ax = -1 if axis is None else axis
    np.testing.assert_allclose(tf.nn.softmax(tf.constant(x), axis=axis).numpy(), _np_softmax(x, ax), rtol=1e-12)
    np.testing.assert_allclose(tf.nn.log_softmax(tf.constant(x), axis=axis).numpy(), _np_log_softmax(x, ax),
                               rtol=1e-12, atol=1e-12)
    check_gradients(lambda v: tf.nn.softmax(v, axis=axis), [x])
    check_gradients(lambda v: tf.nn.log_softmax(v, axis=axis), [x])


@given(data=st.data(), shape=_SHAPES, seed=_SEEDS)
def test_softmax_second_order(data: st.DataObject, shape: tuple, seed: int) -> None:
    axis = data.draw(_axes(shape))
    x = _rng(seed).normal(size=shape)
    check_second_order(lambda v: tf.nn.softmax(v, axis=axis), [x])
    check_second_order(lambda v: tf.nn.log_softmax(v, axis=axis), [x])


def test_softmax_float32_and_aliases() -> None:
    x = tf.constant([[1.0, 2.0, 3.0], [1.0, 1.0, 1.0]])
    y = tf.nn.softmax(x)
    assert y.dtype == tf.float32
    np.testing.assert_allclose(y.numpy(), _np_softmax(x.numpy().astype(np.float64), -1), rtol=1e-6)
    assert tf.math.softmax is tf.nn.softmax and tf.math.log_softmax is tf.nn.log_softmax


def test_spec_softmax_rows() -> None:
    x = tf.constant([1.0, 2.0])
    with tf.GradientTape(persistent=True) as t:
        t.watch(x)
        s = tf.nn.softmax(x)
        total = tf.reduce_sum(s)
        first = s[0]
    np.testing.assert_allclose(t.gradient(total, x).numpy(), [0.0, 0.0], atol=1e-7)
    np.testing.assert_allclose(t.gradient(first, x).numpy(), [0.19661194, -0.19661193], rtol=1e-6)


def test_softmax_errors() -> None:
    with pytest.raises(tf.errors.InvalidArgumentError, match="must be in the range"):
        tf.nn.softmax(tf.ones([2, 3]), axis=2)
    with pytest.raises(tf.errors.AbortedError, match="Input dims must be <= 5 and >=1"):
        tf.nn.softmax(tf.ones([1, 1, 1, 1, 1, 2]))
    with pytest.raises(tf.errors.InvalidArgumentError, match="logits must have >= 1 dimension"):
        tf.nn.softmax(tf.constant(1.0, tf.float64))


# -- softmax cross entropy -----------------------------------------------------------------------
def _labels(rng: np.random.Generator, shape: tuple) -> np.ndarray:
    p = rng.uniform(0.1, 1.0, size=shape)
    return p / p.sum(axis=-1, keepdims=True)


@given(shape=st.sampled_from([(3,), (2, 3), (2, 1, 4), (1, 2)]), seed=_SEEDS)
def test_softmax_cross_entropy_values_and_gradients(shape: tuple, seed: int) -> None:
    rng = _rng(seed)
    logits = rng.normal(size=shape)
    labels = _labels(rng, shape)
    got = tf.nn.softmax_cross_entropy_with_logits(labels=tf.constant(labels), logits=tf.constant(logits))
    np.testing.assert_allclose(got.numpy(), -(labels * _np_log_softmax(logits, -1)).sum(-1), rtol=1e-12)

    def loss(lb: object, lg: object) -> object:
        return tf.nn.softmax_cross_entropy_with_logits(labels=lb, logits=lg)

    check_gradients(loss, [labels, logits])
    # TensorFlow's rule gives labels only grad_loss * -log_softmax: the backprop output's dependence on
    # the labels is dropped, so d(grad_logits)/d(labels) is 0 in TF (conformance records it); check the
    # second order with respect to the logits.
    check_second_order(lambda lg: loss(tf.constant(labels), lg), [logits])


@given(shape=st.sampled_from([(2, 3), (3, 2, 2)]), seed=_SEEDS, axis=st.sampled_from([0, 1]))
def test_softmax_cross_entropy_axis(shape: tuple, seed: int, axis: int) -> None:
    rng = _rng(seed)
    logits = rng.normal(size=shape)
    labels = np.ascontiguousarray(np.moveaxis(_labels(rng, np.moveaxis(np.empty(shape), axis, -1).shape), -1, axis))
    got = tf.nn.softmax_cross_entropy_with_logits(labels=tf.constant(labels), logits=tf.constant(logits), axis=axis)
    np.testing.assert_allclose(got.numpy(), -(labels * _np_log_softmax(logits, axis)).sum(axis), rtol=1e-12)
    check_gradients(lambda lb, lg: tf.nn.softmax_cross_entropy_with_logits(labels=lb, logits=lg, axis=axis),
                    [labels, logits])


def test_softmax_cross_entropy_negative_axis_is_rejected_like_tensorflow() -> None:
    # TensorFlow builds range(axis) for a negative axis other than -1 and fails in the Range kernel
    with pytest.raises(tf.errors.InvalidArgumentError, match="Requires start <= limit when delta > 0: 0/-2"):
        tf.nn.softmax_cross_entropy_with_logits(labels=tf.ones([2, 3, 4]), logits=tf.ones([2, 3, 4]), axis=-2)


def test_softmax_cross_entropy_hessian_matches_softmax_jacobian() -> None:
    # the second derivative goes through the op's backprop output: d2/dx2 = diag(p) - p p^T
    logits = tf.constant([[0.5, -1.0, 2.0]], tf.float64)
    labels = tf.constant([[0.2, 0.3, 0.5]], tf.float64)
    rows = []
    for j in range(3):
        with tf.GradientTape() as outer:
            outer.watch(logits)
            with tf.GradientTape() as inner:
                inner.watch(logits)
                loss = tf.nn.softmax_cross_entropy_with_logits(labels=labels, logits=logits)
            g = inner.gradient(loss, logits)
            gj = g[0, j]
        rows.append(outer.gradient(gj, logits).numpy()[0])
    p = _np_softmax(logits.numpy()[0], -1)
    np.testing.assert_allclose(np.array(rows), np.diag(p) - np.outer(p, p), rtol=1e-12, atol=1e-14)


@given(shape=st.sampled_from([(3,), (2, 3), (2, 2, 4), (1, 1)]), seed=_SEEDS)
def test_sparse_softmax_cross_entropy(shape: tuple, seed: int) -> None:
    rng = _rng(seed)
    logits = rng.normal(size=shape)
    labels = rng.integers(0, shape[-1], size=shape[:-1])
    log_p = _np_log_softmax(logits, -1)
    expected = -np.take_along_axis(log_p, labels[..., None], axis=-1)[..., 0]
    got = tf.nn.sparse_softmax_cross_entropy_with_logits(labels=tf.constant(labels), logits=tf.constant(logits))
    np.testing.assert_allclose(got.numpy(), expected, rtol=1e-12)

    def loss(lg: object) -> object:
        return tf.nn.sparse_softmax_cross_entropy_with_logits(labels=tf.constant(labels), logits=lg)

    check_gradients(loss, [logits])
    check_second_order(loss, [logits])


def test_sparse_softmax_cross_entropy_spec_row_and_errors() -> None:
    x = tf.constant([[1.0, 2.0]])
    with tf.GradientTape() as t:
        t.watch(x)
        y = tf.nn.sparse_softmax_cross_entropy_with_logits(labels=[0], logits=x)
    np.testing.assert_allclose(t.gradient(y, x).numpy(), [[-0.7310586, 0.7310586]], rtol=1e-6)
    with pytest.raises(tf.errors.InvalidArgumentError, match=r"label value of 3 which is outside the valid range"):
        tf.nn.sparse_softmax_cross_entropy_with_logits(labels=[3], logits=[[1.0, 2.0, 3.0]])
    with pytest.raises(ValueError, match="cannot be a scalar"):
        tf.nn.sparse_softmax_cross_entropy_with_logits(labels=1, logits=1.0)


# -- sigmoid and weighted cross entropy ------------------------------------------------------------
@given(shape=_SHAPES, seed=_SEEDS)
def test_sigmoid_cross_entropy(shape: tuple, seed: int) -> None:
    rng = _rng(seed)
    logits = rng.normal(size=shape) * 3
    labels = rng.uniform(0, 1, size=shape)
    expected = np.maximum(logits, 0) - logits * labels + np.log1p(np.exp(-np.abs(logits)))
    got = tf.nn.sigmoid_cross_entropy_with_logits(labels=tf.constant(labels), logits=tf.constant(logits))
    np.testing.assert_allclose(got.numpy(), expected, rtol=1e-12)
    logits = np.where(np.abs(logits) < 0.05, 0.1, logits)  # |x| has a kink at 0

    def loss(lb: object, lg: object) -> object:
        return tf.nn.sigmoid_cross_entropy_with_logits(labels=lb, logits=lg)

    check_gradients(loss, [labels, logits])
    check_second_order(loss, [labels, logits])


@given(shape=_SHAPES, seed=_SEEDS, pos_weight=st.floats(0.25, 4.0))
def test_weighted_cross_entropy(shape: tuple, seed: int, pos_weight: float) -> None:
    rng = _rng(seed)
    logits = rng.normal(size=shape) * 3
    logits = np.where(np.abs(logits) < 0.05, 0.1, logits)
    labels = rng.uniform(0, 1, size=shape)
    q = pos_weight
    expected = (1 - labels) * logits + (1 + (q - 1) * labels) * (np.log1p(np.exp(-np.abs(logits))) +
                                                                 np.maximum(-logits, 0))
    got = tf.nn.weighted_cross_entropy_with_logits(tf.constant(labels), tf.constant(logits), q)
    np.testing.assert_allclose(got.numpy(), expected, rtol=1e-12)

    def loss(lb: object, lg: object, w: object) -> object:
        return tf.nn.weighted_cross_entropy_with_logits(lb, lg, w)

    check_gradients(loss, [labels, logits, np.float64(q)])
    check_second_order(loss, [labels, logits, np.float64(q)])


# -- bias_add ------------------------------------------------------------------------------------
@given(shape=st.sampled_from([(2, 3), (1, 4), (2, 3, 2), (2, 2, 1, 3), (3, 1)]), seed=_SEEDS,
       data_format=st.sampled_from([None, "NHWC", "NCHW", "NC..."]))
def test_bias_add(shape: tuple, seed: int, data_format: str | None) -> None:
    rng = _rng(seed)
    channel = 1 if data_format and data_format.startswith("NC") else len(shape) - 1
    value = rng.normal(size=shape)
    bias = rng.normal(size=(shape[channel],))
    expand = [1] * len(shape)
    expand[channel] = shape[channel]
    got = tf.nn.bias_add(tf.constant(value), tf.constant(bias), data_format=data_format)
    np.testing.assert_array_equal(got.numpy(), value + bias.reshape(expand))

    def fn(v: object, b: object) -> object:
        return tf.nn.bias_add(v, b, data_format=data_format) ** 2

    check_gradients(fn, [value, bias])
    check_second_order(fn, [value, bias])


def test_bias_add_errors() -> None:
    with pytest.raises(ValueError, match="must be of the form"):
        tf.nn.bias_add(tf.ones([2, 3]), [1.0, 2.0, 3.0], data_format="HWC")
    with pytest.raises(tf.errors.InvalidArgumentError, match="Must provide as many biases"):
        tf.nn.bias_add(tf.ones([2, 3]), [1.0, 2.0])
    with pytest.raises(tf.errors.InvalidArgumentError, match="Input tensor must be at least 2D"):
        tf.nn.bias_add(tf.ones([2]), [1.0, 2.0])
