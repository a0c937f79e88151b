"""Finite-difference checks of tfshim gradients, shared by the op-family tests.

`check_gradients(f, xs)` compares the tape's gradient of `sum(f(*xs) * w)` (w a fixed random
weighting, so every output element matters) with central differences in float64.
`check_second_order(f, xs)` does the same for the gradient itself, through nested tapes, which
exercises that every gradient rule is built from differentiable tfshim ops.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

import tfshim as tf


def _weights(shape: tuple, seed: int = 0) -> np.ndarray:
    return np.random.default_rng(seed).uniform(0.5, 1.5, size=shape)


def _scalarize(f: Callable, xs: Sequence[np.ndarray]) -> Callable:
    """sum(f(*xs) * w) as a function of NumPy float64 arrays, computed with tfshim."""
    out_shape = np.shape(np.asarray(f(*[tf.constant(x) for x in xs])))
    w = tf.constant(_weights(out_shape))

    def scalar(*arrays: np.ndarray) -> Any:
        return tf.reduce_sum(tf.cast(f(*[tf.constant(a) for a in arrays]), tf.float64) * w)

    def on_tensors(*tensors: Any) -> Any:
        return tf.reduce_sum(tf.cast(f(*tensors), tf.float64) * w)

    return scalar, on_tensors


def numeric_gradient(scalar: Callable, xs: Sequence[np.ndarray], eps: float = 1e-6) -> list[np.ndarray]:
    # perturbing through reshape(-1) only writes into the array when it is C-contiguous
    xs = [np.array(x, order="C") for x in xs]
    grads = []
    for i, x in enumerate(xs):
        g = np.zeros_like(x)
        flat = g.reshape(-1)
        for j in range(x.size):
            plus = [np.array(a, copy=True) for a in xs]
            minus = [np.array(a, copy=True) for a in xs]
            plus[i].reshape(-1)[j] += eps
            minus[i].reshape(-1)[j] -= eps
            flat[j] = (float(scalar(*plus)) - float(scalar(*minus))) / (2 * eps)
        grads.append(g)
    return grads


def tape_gradient(on_tensors: Callable, xs: Sequence[np.ndarray]) -> list[np.ndarray]:
    tensors = [tf.constant(x) for x in xs]
    with tf.GradientTape() as tape:
        tape.watch(tensors)
        y = on_tensors(*tensors)
    grads = tape.gradient(y, tensors, unconnected_gradients="zero")
    return [np.asarray(tf.convert_to_tensor(g)) for g in grads]


def check_gradients(f: Callable, xs: Sequence[Any], rtol: float = 1e-5, atol: float = 1e-6) -> None:
    """Asserts the tape gradient of f matches central differences (inputs are cast to float64)."""
    xs = [np.array(x, dtype=np.float64, order="C") for x in xs]
    scalar, on_tensors = _scalarize(f, xs)
    expected = numeric_gradient(scalar, xs)
    actual = tape_gradient(on_tensors, xs)
    for i, (a, e) in enumerate(zip(actual, expected)):
        assert a.shape == e.shape, f"input {i}: gradient shape {a.shape} != input shape {e.shape}"
        np.testing.assert_allclose(a, e, rtol=rtol, atol=atol, err_msg=f"gradient of input {i}")


def check_second_order(f: Callable, xs: Sequence[Any], rtol: float = 1e-4, atol: float = 1e-5) -> None:
    """Asserts the gradient of (first gradient . v) matches central differences of the first gradient."""
    xs = [np.array(x, dtype=np.float64, order="C") for x in xs]
    _, on_tensors = _scalarize(f, xs)
    vs = [_weights(x.shape, seed=1 + i) for i, x in enumerate(xs)]

    def directional(*arrays: np.ndarray) -> float:
        grads = tape_gradient(on_tensors, arrays)
        return float(sum(np.sum(g * v) for g, v in zip(grads, vs)))

    expected = numeric_gradient(directional, xs, eps=1e-5)
    tensors = [tf.constant(x) for x in xs]
    with tf.GradientTape() as outer:
        outer.watch(tensors)
        with tf.GradientTape() as inner:
            inner.watch(tensors)
            y = on_tensors(*tensors)
        grads = inner.gradient(y, tensors, unconnected_gradients="zero")
        d = tf.add_n([tf.reduce_sum(tf.convert_to_tensor(g) * tf.constant(v)) for g, v in zip(grads, vs)])
    second = outer.gradient(d, tensors, unconnected_gradients="zero")
    for i, (a, e) in enumerate(zip(second, expected)):
        np.testing.assert_allclose(np.asarray(tf.convert_to_tensor(a)), e, rtol=rtol, atol=atol,
                                   err_msg=f"second-order gradient of input {i}")
