"""Gradients of `tf.gather` results whose params were computed by other ops (issue 13).

The gather's IndexedSlices gradient reaches the producing op's rule. Rules declared with
`OpDef.gradient` get it converted to a dense tensor first (what TensorFlow's rules do with their first
op); rules declared with `OpDef.sparse_gradient` (Identity, Cast, Neg, AddN, ...) and user rules get it
as it is. Which result type TensorFlow gives for each chain is pinned by the conformance area
`gather_gradients`; here the values are checked against finite differences, first and second order,
and in jacobians.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import tfshim as tf
from tests.gradcheck import check_gradients, check_second_order
from tfshim._engine.registry import get_op_def

# name -> f(t): a chain of one op family on the tensor t (float64 in the checks)
_CHAINS: dict[str, Callable] = {
    "sigmoid": tf.sigmoid,
    "tanh": tf.tanh,
    "exp": tf.exp,
    "softplus": tf.nn.softplus,
    "neg": lambda t: -t,
    "neg of sigmoid": lambda t: -tf.sigmoid(t),
    "square": tf.square,
    "add itself": lambda t: t + t * 2.0,
    "sub": lambda t: t - tf.sin(t),
    "sub a scalar": lambda t: tf.square(t - 1.0),
    "add a scalar": lambda t: tf.sin(t + 1.0),
    "mul": lambda t: t * tf.cos(t),
    "div": lambda t: t / (tf.square(t) + 1.0),
    "add_n": lambda t: tf.add_n([t, tf.square(t)]),
    "identity": lambda t: tf.sin(tf.identity(t)),
    "identity_n": lambda t: tf.identity_n([tf.sin(t), t])[0],
    "ensure_shape": lambda t: tf.ensure_shape(tf.sin(t), t.shape),
    "cast round trip": lambda t: tf.cast(tf.cast(tf.square(t), tf.complex128), tf.float64),
    "where": lambda t: tf.where(t > 0.0, tf.sin(t), t),  # (the same slope on both sides of 0)
    "concat": lambda t: tf.concat([tf.sin(t), tf.square(t)], 0),
    "tile": lambda t: tf.tile(tf.sin(t), [2] + [1] * (len(t.shape) - 1)),
    "reverse": lambda t: tf.reverse(tf.square(t), [0]),
    "cumsum": lambda t: tf.cumsum(tf.square(t)),
    "softmax": tf.nn.softmax,
    "bias_add": lambda t: tf.square(tf.nn.bias_add(tf.reshape(t, [t.shape[0], -1]),
                                                   tf.ones([int(np.prod(t.shape[1:]))], tf.float64))),
    "tensor_scatter_nd_add": lambda t: tf.sin(tf.tensor_scatter_nd_add(t, [[0]], tf.square(t[:1]))),
    "gather of a gather": lambda t: tf.gather(tf.sin(t), [0] * t.shape[0]),
    "matmul": lambda t: tf.matmul(tf.reshape(t, [t.shape[0], -1]), tf.reshape(t, [t.shape[0], -1]),
                                  transpose_b=True),
}

_SHAPES = st.sampled_from([(3,), (2, 3), (3, 1, 2)])
_VALUES = st.floats(-1.5, 1.5)


def _case(draw: st.DrawFn) -> tuple:
    shape = draw(_SHAPES)
    x = np.array(draw(st.lists(_VALUES, min_size=int(np.prod(shape)), max_size=int(np.prod(shape))))).reshape(shape)
    indices = draw(st.lists(st.integers(0, shape[0] - 1), min_size=1, max_size=4))
    return x, indices


_cases = st.composite(_case)


def _gathered(chain: Callable, indices: list) -> Callable:
    def f(t: tf.Tensor) -> tf.Tensor:
        return tf.gather(chain(t), indices)

    return f


@pytest.mark.parametrize("name", sorted(_CHAINS))
@settings(max_examples=8, deadline=None)
@given(example=_cases())
def test_gradient_through_the_chain_matches_finite_differences(name: str, example: tuple) -> None:
    x, indices = example
    check_gradients(_gathered(_CHAINS[name], indices), [x])


@pytest.mark.parametrize("name", ["sigmoid", "neg of sigmoid", "mul", "sub", "concat", "cast round trip", "tile",
                                  "softmax", "identity", "add_n", "matmul"])
@settings(max_examples=4, deadline=None)
@given(example=_cases())
def test_second_order_through_the_chain(name: str, example: tuple) -> None:
    x, indices = example
    check_second_order(_gathered(_CHAINS[name], indices), [x])


@pytest.mark.parametrize("unconnected", ["none", "zero"])
@pytest.mark.parametrize("name", ["sigmoid", "sub", "neg of sigmoid", "concat", "identity", "matmul"])
def test_jacobian_through_the_chain_matches_gradients_row_by_row(name: str, unconnected: str) -> None:
    x = tf.Variable(np.linspace(-1.0, 1.0, 6).reshape(3, 2))
    unused = tf.Variable(1.0, dtype=tf.float64)
    indices = [0, 2, 0]
    with tf.GradientTape(persistent=True) as tape:
        y = _gathered(_CHAINS[name], indices)(x)
        flat = tf.reshape(y, [-1])
        parts = [flat[i] for i in range(flat.shape[0])]
    jx, ju = tape.jacobian(y, [x, unused], unconnected_gradients=unconnected)
    assert jx.shape == y.shape + x.shape
    rows = [tf.convert_to_tensor(tape.gradient(part, x)).numpy() for part in parts]
    np.testing.assert_allclose(jx.numpy().reshape(len(rows), *x.shape), np.stack(rows), rtol=1e-12, atol=1e-12)
    if unconnected == "none":
        assert ju is None
    else:
        np.testing.assert_array_equal(ju.numpy(), np.zeros(y.shape))


@pytest.mark.parametrize("unconnected", ["none", "zero"])
def test_the_variable_gets_a_dense_gradient_through_a_dense_rule(unconnected: str) -> None:
    """The issue's two reports: sigmoid's rule used to fail on the IndexedSlices, and `x - v` gathered
    then reduced used to give the variable an IndexedSlices."""
    x = tf.Variable([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]])
    v = tf.Variable([[0.5, 1.0], [1.0, 2.0], [3.0, 1.0]])
    with tf.GradientTape(persistent=True) as tape:
        s = tf.gather(tf.sigmoid(x), [0, 2, 0])
        d = tf.reduce_sum(tf.gather(x - v, [0, 2, 0]))
    gs = tape.gradient(s, x, unconnected_gradients=unconnected)
    gx, gv = tape.gradient(d, [x, v], unconnected_gradients=unconnected)
    assert type(gs) is type(gx) is type(gv) is type(tf.constant(0.0))
    sig = 1 / (1 + np.exp(-x.numpy()))
    np.testing.assert_allclose(gs.numpy(), np.array([2, 0, 1])[:, None] * sig * (1 - sig), rtol=1e-6)
    np.testing.assert_array_equal(gx.numpy(), np.array([[2, 2], [0, 0], [1, 1]], np.float32))
    np.testing.assert_array_equal(gv.numpy(), -gx.numpy())


def test_sparse_rules_keep_the_slices() -> None:
    x = tf.Variable([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]])
    rows = np.array([1.0, 0.0, 1.0])[:, None] * np.ones((3, 2))
    for make, scale in ((lambda: tf.identity(x), 1.0), (lambda: -x, -1.0), (lambda: x + 1.0, 1.0),
                        (lambda: tf.add_n([x, x]), 2.0), (lambda: tf.cast(x, tf.float64), 1.0)):
        with tf.GradientTape() as tape:
            y = tf.gather(make(), [0, 2])
        g = tape.gradient(y, x)
        assert isinstance(g, tf.IndexedSlices)
        np.testing.assert_array_equal(tf.convert_to_tensor(g).numpy(), scale * rows)


def test_which_rules_see_indexed_slices() -> None:
    assert not get_op_def("Sigmoid").keeps_indexed_slices
    assert not get_op_def("Mul").keeps_indexed_slices
    for name in ("Identity", "IdentityN", "Cast", "Neg", "AddN", "AddV2", "Sub", "ConcatV2", "Tile", "BiasAdd",
                 "EnsureShape", "ReadVariableOp", "GatherNd", "TensorScatterAdd", "TensorScatterSub"):
        assert get_op_def(name).keeps_indexed_slices, name


def test_a_dense_rule_never_sees_indexed_slices() -> None:
    seen = []

    @tf.custom_gradient
    def user(t: tf.Tensor) -> tuple:
        def grad(upstream: object) -> object:
            seen.append(type(upstream).__name__)
            return upstream

        return tf.identity(t), grad

    x = tf.Variable([[1.0], [2.0]])
    with tf.GradientTape() as tape:
        y = tf.gather(tf.sin(user(x)), [1])
    g = tape.gradient(y, x)
    assert seen == ["EagerTensor"]  # Sin's rule converted the slices before the custom rule
    np.testing.assert_allclose(g.numpy(), [[0.0], [np.cos(2.0)]], rtol=1e-6)

    seen.clear()
    with tf.GradientTape() as tape:
        y = tf.gather(user(x), [1])
    assert isinstance(tape.gradient(y, x), tf.IndexedSlices)
    assert seen == ["IndexedSlices"]  # a user's rule gets what reached the op, as in TensorFlow
