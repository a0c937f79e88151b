"""Python indexing (`x[...]`) and `tf.strided_slice`: values against NumPy's basic indexing over drawn
shapes and index expressions, gradients against finite differences (first and second order), and
TensorFlow's errors (spec 9.5)."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

import tfshim as tf
from tests.gradcheck import check_gradients, check_second_order


@st.composite
def index_items(draw: st.DrawFn) -> tuple:
    """A shape and a valid basic index for it (ints in range, slices, None, at most one Ellipsis)."""
    shape = tuple(draw(st.lists(st.integers(0, 4), max_size=3)))
    items: list = []
    dim = 0
    used_ellipsis = False
    for _ in range(draw(st.integers(0, 4))):
        kind = draw(st.sampled_from(["int", "slice", "none", "ellipsis"]))
        if kind == "none":
            items.append(None)
        elif kind == "ellipsis" and not used_ellipsis:
            used_ellipsis = True
            items.append(Ellipsis)
            dim = len(shape) - sum(1 for k in items if k is not None and k is not Ellipsis)
        elif dim < len(shape) and not used_ellipsis:
            size = shape[dim]
            if kind == "int" and size > 0:
                items.append(draw(st.integers(-size, size - 1)))
            else:
                part = st.one_of(st.none(), st.integers(-6, 6))
                step = draw(st.one_of(st.none(), st.integers(-3, 3).filter(lambda s: s != 0)))
                items.append(slice(draw(part), draw(part), step))
            dim += 1
    return shape, tuple(items)


@given(index_items(), st.integers(0, 10_000))
def test_getitem_matches_numpy(args: tuple, seed: int) -> None:
    shape, items = args
    consumed = sum(1 for k in items if k is not None and k is not Ellipsis)
    assume(consumed <= len(shape))
    assume(shape or all(k is None or k is Ellipsis for k in items))
    x = np.random.default_rng(seed).uniform(-1, 1, size=shape).astype(np.float32)
    got = tf.constant(x)[items]
    assert got.dtype == tf.float32
    np.testing.assert_array_equal(got.numpy(), x[items])
    check_gradients(lambda t: t[items], [x])
    check_second_order(lambda t: t[items] * t[items], [x])


@st.composite
def masked_slices(draw: st.DrawFn) -> tuple:
    shape = tuple(draw(st.lists(st.integers(1, 4), min_size=1, max_size=3)))
    n = len(shape)
    begin = [draw(st.integers(-5, 5)) for _ in range(n)]
    end = [draw(st.integers(-5, 5)) for _ in range(n)]
    strides = [draw(st.integers(-2, 2).filter(lambda s: s != 0)) for _ in range(n)]
    begin_mask = draw(st.integers(0, 2**n - 1))
    end_mask = draw(st.integers(0, 2**n - 1))
    shrink = draw(st.integers(0, 2**n - 1))
    for i in range(n):  # a shrunk axis takes one in-range index with stride 1
        if shrink & (1 << i):
            begin[i] = draw(st.integers(-shape[i], shape[i] - 1))
            strides[i] = 1
    return shape, begin, end, strides, begin_mask, end_mask, shrink


def _as_python_index(begin: list, end: list, strides: list, begin_mask: int, end_mask: int, shrink: int) -> tuple:
    items = []
    for i, (b, e, s) in enumerate(zip(begin, end, strides)):
        if shrink & (1 << i):
            items.append(b)
        else:
            items.append(slice(None if begin_mask & (1 << i) else b, None if end_mask & (1 << i) else e, s))
    return tuple(items)


@given(masked_slices(), st.integers(0, 10_000))
def test_strided_slice_masks(args: tuple, seed: int) -> None:
    shape, begin, end, strides, begin_mask, end_mask, shrink = args
    x = np.random.default_rng(seed).uniform(-1, 1, size=shape)
    got = tf.strided_slice(tf.constant(x), begin, end, strides, begin_mask=begin_mask, end_mask=end_mask,
                           shrink_axis_mask=shrink)
    np.testing.assert_array_equal(got.numpy(), x[_as_python_index(begin, end, strides, begin_mask, end_mask, shrink)])

    def cut(t: tf.Tensor) -> tf.Tensor:
        return tf.strided_slice(t, begin, end, strides, begin_mask=begin_mask, end_mask=end_mask,
                                shrink_axis_mask=shrink)

    check_gradients(cut, [x])
    check_second_order(lambda t: cut(t) * cut(t), [x])


def test_new_axis_and_ellipsis_masks() -> None:
    x = np.arange(24, dtype=np.float32).reshape(2, 3, 4)
    got = tf.strided_slice(tf.constant(x), [0, 0, 1], [0, 0, 2], [1, 1, 1], ellipsis_mask=1, new_axis_mask=2,
                           shrink_axis_mask=4)
    np.testing.assert_array_equal(got.numpy(), x[..., None, 1])


def test_tensor_and_numpy_scalar_indices() -> None:
    v = tf.constant([1.0, 2.0, 3.0])
    for index in (tf.constant(1), tf.constant(1, tf.int64), np.int64(1), np.int32(1), tf.Variable(1)):
        assert float(v[index]) == 2.0
    np.testing.assert_array_equal(v[tf.constant(1):].numpy(), [2.0, 3.0])


def test_boolean_masks() -> None:
    v = tf.constant([1.0, 2.0, 3.0])
    np.testing.assert_array_equal(v[v > 1.0].numpy(), [2.0, 3.0])
    m = tf.constant([[1.0, 2.0], [3.0, 4.0]])
    np.testing.assert_array_equal(m[np.array([True, False])].numpy(), [[1.0, 2.0]])
    with pytest.raises(ValueError, match=r"mask cannot be scalar\."):
        v[True]


def test_errors() -> None:
    v = tf.constant([1.0, 2.0, 3.0])
    prefix = "{{function_node __wrapped__StridedSlice_device_/job:localhost/replica:0/task:0/device:CPU:0}} "
    with pytest.raises(tf.errors.InvalidArgumentError) as e:
        v[3]
    assert str(e.value) == prefix + "slice index 3 of dimension 0 out of bounds. [Op:StridedSlice] name: strided_slice/"
    with pytest.raises(tf.errors.InvalidArgumentError) as e:
        tf.constant(1.0)[0]
    assert str(e.value) == prefix + "Attempting to slice scalar input. [Op:StridedSlice] name: strided_slice/"
    with pytest.raises(tf.errors.InvalidArgumentError) as e:
        v[[0, 2]]
    assert str(e.value) == prefix + ("Index out of range using input dim 1; input has only 1 dims [Op:StridedSlice] "
                                     "name: strided_slice/")
    with pytest.raises(TypeError, match=r"Only integers, slices \(`:`\), ellipsis \(`\.\.\.`\), tf\.newaxis \(`None`\) "
                                        r"and scalar tf\.int32/tf\.int64 tensors are valid indices, got 1\.0$"):
        v[1.0]
    with pytest.raises(TypeError, match=r"got array\(\[0, 2\]\)$"):
        v[np.array([0, 2])]
    with pytest.raises(tf.errors.InvalidArgumentError, match="Value for attr 'Index' of bool"):
        tf.constant([[1.0, 2.0]])[[True, False]]
    with pytest.raises(tf.errors.InvalidArgumentError, match=r"strides\[0\] must be non-zero"):
        v[::0]
    with pytest.raises(tf.errors.InvalidArgumentError, match="Multiple ellipses in slice spec not allowed"):
        v[..., ...]
    with pytest.raises(tf.errors.InvalidArgumentError, match=r"only stride 1 allowed on non-range indexing\. "
                                                             r"\[Op:StridedSlice\]$"):
        tf.strided_slice(v, [0], [1], [-1], shrink_axis_mask=1)


def test_variable_slices() -> None:
    v = tf.Variable([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]])
    with tf.GradientTape() as t:
        y = v[0, 1:] * 2.0
    g = t.gradient(y, v)
    assert type(g).__name__ == "EagerTensor"
    np.testing.assert_array_equal(g.numpy(), [[0.0, 2.0, 2.0], [0.0, 0.0, 0.0]])
    v[1, ::2].assign([7.0, 8.0])
    np.testing.assert_array_equal(v.numpy(), [[1.0, 2.0, 3.0], [7.0, 5.0, 8.0]])
