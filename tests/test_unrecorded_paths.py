"""Gradient rules' one-kernel paths (tfshim/ops/_unrecorded.py) give the very same bits as their ops.

Each case takes a first-order gradient twice: as it is (nothing records the rules' ops, so the rules
with a one-kernel path take it), and in explain mode, which sees every op and so makes every rule run
its ops one by one. The two results must agree bit for bit, and the first run must really have taken a
one-kernel path (counted) while the second took none, so a wrong kernel cannot hide behind the ops.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

import tfshim as tf
from tfshim._engine import backprop
from tfshim.ops import _unrecorded


def _gradients(f: Callable, arrays: list[np.ndarray], stepwise: bool) -> list[np.ndarray]:
    xs = [tf.constant(a) for a in arrays]
    tf.config.set_explain_unconnected(stepwise)
    try:
        grads = _inner(f, xs)
    finally:
        tf.config.set_explain_unconnected(False)
    return [np.asarray(g.numpy()) for g in grads]


def _inner(f: Callable, xs: list) -> list:
    with tf.GradientTape() as tape:
        tape.watch(xs)
        y = f(*xs)
    return tape.gradient(y, xs)


@pytest.fixture
def kernel_calls(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Counts one-kernel runs (rules' and the engine's unbroadcasting sum)."""
    calls = [0]
    run = _unrecorded._run
    engine_run = backprop.quiet_numpy

    def counting(fn: Callable, *args: object) -> object:
        calls[0] += 1
        return run(fn, *args)

    class _Counting:
        @staticmethod
        def run(fn: Callable, *args: object) -> object:
            if fn is backprop._add_reduce:
                calls[0] += 1
            return engine_run.run(fn, *args)

    monkeypatch.setattr(_unrecorded, "_run", counting)
    monkeypatch.setattr(backprop, "quiet_numpy", _Counting)
    return calls


def _same_bits(a: np.ndarray, b: np.ndarray) -> bool:
    return a.dtype == b.dtype and a.shape == b.shape and np.ascontiguousarray(a).tobytes() == \
        np.ascontiguousarray(b).tobytes()


def _check(f: Callable, arrays: list[np.ndarray], calls: list[int]) -> None:
    calls[0] = 0
    fused = _gradients(f, arrays, stepwise=False)
    took = calls[0]
    calls[0] = 0
    stepwise = _gradients(f, arrays, stepwise=True)
    assert took > 0, "no one-kernel path was taken"
    assert calls[0] == 0, "a one-kernel path was taken in explain mode"
    for a, b in zip(fused, stepwise):
        assert _same_bits(a, b), (a, b)


# (the counting fixture is shared by a test's examples on purpose: _check resets it for each)
_SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
_dtypes = st.sampled_from([np.float32, np.float64])
_shapes = hnp.array_shapes(min_dims=1, max_dims=3, min_side=1, max_side=4)


def _arrays(dtype: type, shape: tuple, low: float = -3.0, high: float = 3.0) -> st.SearchStrategy:
    # values on a coarse grid, so maxima tie and products round
    return hnp.arrays(dtype, shape, elements=st.integers(int(low * 4), int(high * 4)).map(lambda i: i / 4 + 0.0))


@_SETTINGS
@given(data=st.data(), dtype=_dtypes, shape=_shapes)
def test_reductions(kernel_calls: list[int], data: st.DataObject, dtype: type, shape: tuple) -> None:
    x = data.draw(_arrays(dtype, shape))
    axis = data.draw(st.sampled_from([None, *range(len(shape))]))
    keepdims = data.draw(st.booleans())
    for reduce in (tf.reduce_sum, tf.reduce_mean, tf.reduce_max, tf.reduce_min):
        _check(lambda t, r=reduce: r(t, axis=axis, keepdims=keepdims) * tf.constant(dtype(1.5)), [x], kernel_calls)


@_SETTINGS
@given(data=st.data(), dtype=_dtypes, shape=_shapes)
def test_unary_rules(kernel_calls: list[int], data: st.DataObject, dtype: type, shape: tuple) -> None:
    x = data.draw(_arrays(dtype, shape))
    _check(lambda t: tf.sin(t) * t, [x], kernel_calls)
    _check(lambda t: tf.cos(t * t), [x], kernel_calls)
    _check(lambda t: tf.math.log(tf.abs(t) + 0.5), [x], kernel_calls)


@_SETTINGS
@given(data=st.data(), dtype=_dtypes, shape=_shapes, exponent=st.sampled_from([0.0, 1.0, 2.0, 3.0, -1.0, 0.5, 2.5]))
def test_pow_rule(kernel_calls: list[int], data: st.DataObject, dtype: type, shape: tuple, exponent: float) -> None:
    x = data.draw(_arrays(dtype, shape))
    _check(lambda t: t ** exponent, [x], kernel_calls)  # a Python exponent: untracked, skipped
    y = np.full(shape, exponent, dtype)
    _check(lambda t, u: tf.pow(t, u), [x, y], kernel_calls)  # both inputs need gradients


@_SETTINGS
@given(data=st.data(), dtype=_dtypes, shape=_shapes)
def test_broadcasting_products_and_sums(kernel_calls: list[int], data: st.DataObject, dtype: type,
                                        shape: tuple) -> None:
    big = (*shape, 2)
    x = data.draw(_arrays(dtype, big))
    cut = data.draw(st.integers(1, len(big)))  # drop at least one leading axis: some axis is summed back
    small = tuple(1 if data.draw(st.booleans()) else d for d in big[cut:])
    b = data.draw(_arrays(dtype, small))
    _check(lambda t, u: t * u + u, [x, b], kernel_calls)  # unbroadcasting Sum (+ Reshape) in one kernel
    _check(lambda t, u: t * t - u, [x, b], kernel_calls)


def test_a_tape_tracking_a_rules_tensors_makes_it_run_its_ops(kernel_calls: list[int]) -> None:
    x = tf.constant([0.5, 1.0, 2.0])
    with tf.GradientTape() as outer:
        outer.watch(x)
        with tf.GradientTape() as inner:
            inner.watch(x)
            y = tf.sin(x)
        kernel_calls[0] = 0
        g = inner.gradient(y, x)  # the Sin rule computes with x, which the outer tape tracks
    assert kernel_calls[0] == 0
    np.testing.assert_allclose(outer.gradient(g, x).numpy(), -np.sin([0.5, 1.0, 2.0]), rtol=1e-6)


def test_a_bad_output_gradient_still_raises_tensorflows_error() -> None:
    x = tf.constant([1.0, 2.0, 3.0])
    with tf.GradientTape() as tape:
        tape.watch(x)
        y = tf.reduce_sum(x[None, :] + tf.zeros((2, 3)), axis=0) * 2.0
    with pytest.raises(tf.errors.InvalidArgumentError):
        tape.gradient(y, x, output_gradients=tf.ones((2, 2)))
