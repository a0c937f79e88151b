"""`tf.IndexedSlices` (spec section 4): the sparse gradients of gather-like reads, their attributes
and text, densifying (duplicates summed), aggregation, mixing with dense gradients, ZERO handling and
second order. Expected values are computed with NumPy."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

import tfshim as tf

V0 = np.array([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]], dtype=np.float32)


def _dense_of(indices: list, values: np.ndarray, rows: int) -> np.ndarray:
    out = np.zeros((rows, *values.shape[1:]), dtype=values.dtype)
    np.add.at(out, indices, values)
    return out


def _gather_gradient(indices: object) -> tuple:
    v = tf.Variable(V0)
    with tf.GradientTape() as t:
        y = tf.gather(v, indices)
    return v, t.gradient(y, v)


def test_attributes() -> None:
    _, g = _gather_gradient([0, 2, 0])
    assert isinstance(g, tf.IndexedSlices) and not isinstance(g, tf.Tensor)
    assert g.values.dtype == tf.float32 and g.values.shape == (3, 2)
    np.testing.assert_array_equal(g.values.numpy(), np.ones((3, 2)))
    np.testing.assert_array_equal(g.indices.numpy(), [0, 2, 0])
    assert g.indices.dtype == tf.int32
    assert isinstance(g.dense_shape, tf.Tensor) and g.dense_shape.dtype == tf.int32
    np.testing.assert_array_equal(g.dense_shape.numpy(), [3, 2])
    assert g.dtype == tf.float32 and g.shape == tf.TensorShape([3, 2])
    assert g.device == "/job:localhost/replica:0/task:0/device:CPU:0"
    public = sorted(a for a in dir(g) if not a.startswith("_"))
    assert public == ["consumers", "dense_shape", "device", "dtype", "graph", "indices", "name", "op", "shape",
                      "values"]


def test_str() -> None:
    _, g = _gather_gradient([0, 2, 0])
    assert str(g) == (f"IndexedSlices(indices={g.indices!s}, values={g.values!s}, dense_shape={g.dense_shape!s})")
    assert str(g).startswith("IndexedSlices(indices=tf.Tensor([0 2 0], shape=(3,), dtype=int32), values=tf.Tensor(")
    s = tf.IndexedSlices(tf.constant([[1.0, 2.0]]), tf.constant([1]))
    assert "dense_shape" not in str(s)
    assert repr(g).startswith("<") and "IndexedSlices object at 0x" in repr(g)


@given(st.lists(st.integers(0, 2), min_size=1, max_size=6))
def test_convert_sums_duplicates(indices: list) -> None:
    _, g = _gather_gradient(indices)
    dense = tf.convert_to_tensor(g)
    assert dense.dtype == tf.float32
    np.testing.assert_array_equal(dense.numpy(), _dense_of(indices, np.ones((len(indices), 2), np.float32), 3))


def test_ops_densify_and_operators() -> None:
    _, g = _gather_gradient([0, 2, 0])
    expected = _dense_of([0, 2, 0], np.ones((3, 2), np.float32), 3)
    np.testing.assert_array_equal(tf.multiply(g, 2.0).numpy(), expected * 2)
    np.testing.assert_array_equal(tf.add(g, tf.zeros([3, 2])).numpy(), expected)
    assert float(tf.reduce_sum(g)) == expected.sum()
    with pytest.raises(TypeError, match=r"unsupported operand type\(s\) for \*: 'IndexedSlices' and 'float'"):
        g * 2.0
    with pytest.raises(TypeError):
        g + 0
    with pytest.raises(AttributeError, match="'IndexedSlices' object has no attribute 'numpy'"):
        g.numpy()
    a = np.asarray(g)
    assert a.dtype == object and a.shape == () and a.item() is g


def test_negation() -> None:
    _, g = _gather_gradient([1, 1])
    n = -g
    assert isinstance(n, tf.IndexedSlices)
    np.testing.assert_array_equal(n.values.numpy(), -np.ones((2, 2)))
    assert n.indices is g.indices and n.dense_shape is g.dense_shape


def test_assign_sub_accumulates_duplicates() -> None:
    v, g = _gather_gradient([0, 2, 0])
    v.assign_sub(g)
    np.testing.assert_array_equal(v.numpy(), V0 - _dense_of([0, 2, 0], np.ones((3, 2), np.float32), 3))


def test_conversion_errors() -> None:
    s = tf.IndexedSlices(tf.constant([[1.0, 2.0]]), tf.constant([1]))
    with pytest.raises(ValueError, match="Tensor conversion requested for IndexedSlices for argument `value` without "
                                         r"dense_shape: IndexedSlices\(indices=tf.Tensor\(\[1\]"):
        tf.convert_to_tensor(s)
    s = tf.IndexedSlices(tf.constant([[1.0, 2.0]]), tf.constant([1]), tf.constant([3, 2]))
    with pytest.raises(ValueError, match="Incompatible tensor conversion requested to `dtype` float64"):
        tf.convert_to_tensor(s, tf.float64)


def test_reads_that_give_indexed_slices() -> None:
    v = tf.Variable(V0)
    x = tf.constant(V0)
    with tf.GradientTape(persistent=True) as t:
        t.watch(x)
        reads = [tf.nn.embedding_lookup(v, [1, 1]), v.sparse_read([2]), tf.gather(v, 1), tf.gather(x, [1])]
    for y, source in zip(reads, [v, v, v, x]):
        assert isinstance(t.gradient(y, source), tf.IndexedSlices)
    g = t.gradient(reads[2], v)
    assert g.values.shape == (1, 2)
    np.testing.assert_array_equal(g.indices.numpy(), [1])


def test_int64_indices_follow_the_gather() -> None:
    _, g = _gather_gradient(tf.constant([2, 1], tf.int64))
    assert g.indices.dtype == tf.int64 and g.dense_shape.dtype == tf.int32


def test_dense_reads_give_dense_gradients() -> None:
    for read in (lambda v: tf.gather(v, [1], axis=1), lambda v: tf.gather_nd(v, [[0, 1]]), lambda v: v[0],
                 lambda v: tf.boolean_mask(v, [True, False, True])):
        v = tf.Variable(V0)
        with tf.GradientTape() as t:
            y = read(v)
        assert type(t.gradient(y, v)).__name__ == "EagerTensor"


@given(st.lists(st.lists(st.integers(0, 2), min_size=1, max_size=3), min_size=2, max_size=4))
def test_several_gathers_aggregate_by_concatenation(groups: list) -> None:
    v = tf.Variable(V0)
    with tf.GradientTape() as t:
        ys = [tf.gather(v, idx) * float(k + 1) for k, idx in enumerate(groups)]
    g = t.gradient(ys, v)
    assert isinstance(g, tf.IndexedSlices)
    assert g.indices.shape[0] == sum(len(idx) for idx in groups)
    expected = sum(_dense_of(idx, np.full((len(idx), 2), k + 1, np.float32), 3) for k, idx in enumerate(groups))
    np.testing.assert_allclose(tf.convert_to_tensor(g).numpy(), expected)


def test_mixing_with_a_dense_gradient_densifies() -> None:
    v = tf.Variable(V0)
    with tf.GradientTape() as t:
        y = tf.reduce_sum(tf.gather(v, [0, 0])) + tf.reduce_sum(v)
    g = t.gradient(y, v)
    assert type(g).__name__ == "EagerTensor"
    np.testing.assert_array_equal(g.numpy(), np.ones((3, 2)) + _dense_of([0, 0], np.ones((2, 2), np.float32), 3))


def test_output_gradients_become_values() -> None:
    v = tf.Variable(V0)
    up = np.array([[1.0, 2.0], [3.0, 4.0]], dtype=np.float32)
    with tf.GradientTape() as t:
        y = tf.gather(v, [2, 0])
    g = t.gradient(y, v, output_gradients=tf.constant(up))
    np.testing.assert_array_equal(g.values.numpy(), up)


def test_zero_for_unconnected_is_dense() -> None:
    v, w = tf.Variable(V0), tf.Variable(1.0)
    with tf.GradientTape() as t:
        y = tf.gather(v, [1])
    gv, gw = t.gradient(y, [v, w], unconnected_gradients="zero")
    assert isinstance(gv, tf.IndexedSlices)
    assert float(gw) == 0.0
    with tf.GradientTape() as t:
        z = w * 2.0
    g = t.gradient(z, v, unconnected_gradients="zero")
    assert type(g).__name__ == "EagerTensor"
    np.testing.assert_array_equal(g.numpy(), np.zeros((3, 2)))


def test_second_order_through_gather() -> None:
    w = tf.Variable([1.0, 2.0, 3.0])
    with tf.GradientTape() as outer:
        with tf.GradientTape() as inner:
            y = tf.reduce_sum(tf.gather(w, [0, 2]) ** 3)
        g = inner.gradient(y, w)
        dense = tf.convert_to_tensor(g)
    h = outer.gradient(dense, w)
    np.testing.assert_allclose(dense.numpy(), [3.0, 0.0, 27.0])
    assert isinstance(h, tf.IndexedSlices)
    np.testing.assert_allclose(h.values.numpy(), [6.0, 18.0])  # d/dw of 3 w^2 at w = 1 and 3
    np.testing.assert_array_equal(h.indices.numpy(), [0, 2])
