"""argmax/argmin, top_k and sort/argsort: values against NumPy (stable order, first index on ties)
over drawn shapes and dtypes, and gradients of top_k and sort against finite differences (first and
second order). TF's NaN orders and error texts are in conformance/cases/reductions.py."""

from __future__ import annotations

from typing import Any

import hypothesis.extra.numpy as hnp
import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

import tfshim as tf
from tests.gradcheck import check_gradients, check_second_order

_INT_DTYPES = ["int8", "int32", "int64", "uint8", "uint16"]


@st.composite
def _tied(draw: Any, dtype: str = "float64", min_side: int = 1) -> np.ndarray:
    """Small values with many ties (so the tie rules are exercised)."""
    shape = draw(hnp.array_shapes(min_dims=1, max_dims=3, min_side=min_side, max_side=5))
    rng = np.random.default_rng(draw(st.integers(0, 2**32 - 1)))
    low = 0 if dtype.startswith("uint") else -3
    return rng.integers(low, 4, size=shape).astype(dtype)


@st.composite
def _distinct(draw: Any, shapes: Any = None) -> np.ndarray:
    """float64 values without ties, well separated."""
    shape = draw(hnp.array_shapes(min_dims=1, max_dims=3, min_side=1, max_side=4) if shapes is None else shapes)
    rng = np.random.default_rng(draw(st.integers(0, 2**32 - 1)))
    size = int(np.prod(shape))
    return ((rng.permutation(size) - size / 2.0) * 0.25 + rng.uniform(-0.05, 0.05)).reshape(shape)


# -- argmax / argmin -----------------------------------------------------------------------------
@pytest.mark.parametrize("dtype", ["float32", "float64", *_INT_DTYPES])
@given(data=st.data())
def test_arg_extremes_match_numpy(dtype: str, data: Any) -> None:
    x = data.draw(_tied(dtype))
    axis = data.draw(st.integers(-x.ndim, x.ndim - 1))
    got_max = tf.argmax(x, axis=axis)
    got_min = tf.math.argmin(x, axis=axis, output_type=tf.int32)
    assert got_max.dtype == tf.int64 and got_min.dtype == tf.int32
    np.testing.assert_array_equal(got_max.numpy(), np.argmax(x, axis=axis))  # first index on ties
    np.testing.assert_array_equal(got_min.numpy(), np.argmin(x, axis=axis))


def test_arg_extremes_skip_nan_and_default_axis() -> None:
    assert int(tf.argmax([1.0, np.nan, 3.0, np.nan])) == 2
    assert int(tf.argmin([np.nan, 1.0, 3.0])) == 1
    np.testing.assert_array_equal(tf.argmax([[1, 5], [7, 2]]).numpy(), [1, 0])  # axis 0 by default


def test_argmax_has_no_gradient() -> None:
    x = tf.constant([1.0, 3.0])
    with tf.GradientTape(persistent=True) as t:
        t.watch(x)
        i = tf.argmax(x)
    assert t.gradient(i, x) is None
    np.testing.assert_array_equal(t.gradient(i, x, unconnected_gradients="zero").numpy(), [0.0, 0.0])


def test_arg_errors() -> None:
    x = tf.zeros([3, 2])
    with pytest.raises(tf.errors.InvalidArgumentError, match=r"Expected dimension in the range \[-2, 2\), but got 2"):
        tf.argmax(x, 2)
    with pytest.raises(TypeError, match="axis must be int or Tensor with integer datatype"):
        tf.argmax(x, [1])
    with pytest.raises(tf.errors.InvalidArgumentError, match=r"Reduction axis 0 is empty in shape \[0,3\]"):
        tf.argmin(tf.zeros([0, 3]))


# -- top_k ---------------------------------------------------------------------------------------
@pytest.mark.parametrize("dtype", ["float32", "float64", *_INT_DTYPES])
@given(data=st.data())
def test_top_k_matches_stable_sort(dtype: str, data: Any) -> None:
    x = data.draw(_tied(dtype))
    k = data.draw(st.integers(0, x.shape[-1]))
    result = tf.math.top_k(x, k)
    order = np.argsort(-x.astype(np.float64), axis=-1, kind="stable")[..., :k]  # largest first, ties by index
    np.testing.assert_array_equal(result.indices.numpy(), order.astype(np.int32))
    np.testing.assert_array_equal(result.values.numpy(), np.take_along_axis(x, order, axis=-1))
    assert result.values.dtype.name == dtype and result.indices.dtype == tf.int32
    assert type(result).__name__ == "TopKV2" and result._fields == ("values", "indices")


def test_top_k_aliases_and_index_type() -> None:
    assert tf.nn.top_k is tf.math.top_k
    assert tf.math.top_k([3.0, 1.0], 1, index_type=tf.int64).indices.dtype == tf.int64


@given(data=st.data())
def test_top_k_gradient(data: Any) -> None:
    x = data.draw(_distinct())
    k = data.draw(st.integers(0, x.shape[-1]))
    check_gradients(lambda t: tf.math.top_k(t, k).values, [x])


@given(data=st.data())
def test_top_k_second_order(data: Any) -> None:
    x = data.draw(_distinct(hnp.array_shapes(min_dims=1, max_dims=2, min_side=1, max_side=3)))
    k = data.draw(st.integers(1, x.shape[-1]))
    check_second_order(lambda t: tf.math.top_k(t * t * t, k).values, [x])


def test_top_k_gradient_scatters_into_positions() -> None:
    x = tf.constant([1.0, 3.0, 2.0])
    with tf.GradientTape() as t:
        t.watch(x)
        y = tf.math.top_k(x, 2).values * [10.0, 100.0]
    np.testing.assert_array_equal(t.gradient(y, x).numpy(), [0.0, 10.0, 100.0])


def test_top_k_errors() -> None:
    x = tf.zeros([2, 4])
    with pytest.raises(tf.errors.InvalidArgumentError, match=r"input must have at least k columns\. Had 4, needed 5"):
        tf.math.top_k(x, 5)
    with pytest.raises(tf.errors.InvalidArgumentError, match="Need k >= 0, got -1"):
        tf.math.top_k(x, -1)
    with pytest.raises(TypeError, match="Expected bool for argument 'sorted' not 1"):
        tf.math.top_k(x, 1, sorted=1)


# -- sort / argsort ------------------------------------------------------------------------------
@pytest.mark.parametrize("dtype", ["float32", "float64", *_INT_DTYPES])
@given(data=st.data())
def test_sort_matches_numpy(dtype: str, data: Any) -> None:
    x = data.draw(_tied(dtype, min_side=0))
    axis = data.draw(st.integers(-x.ndim, x.ndim - 1))
    descending = data.draw(st.booleans())
    direction = "DESCENDING" if descending else "ASCENDING"
    got = tf.sort(x, axis=axis, direction=direction)
    got_idx = tf.argsort(x, axis=axis, direction=direction)
    key = -x.astype(np.float64) if descending else x
    order = np.argsort(key, axis=axis, kind="stable")
    np.testing.assert_array_equal(got_idx.numpy(), order.astype(np.int32))
    np.testing.assert_array_equal(got.numpy(), np.take_along_axis(x, order, axis=axis))
    assert got.dtype.name == dtype and got_idx.dtype == tf.int32


def test_sort_integer_extremes() -> None:
    info = np.iinfo(np.int32)
    x = np.array([3, info.min, info.max, 0], np.int32)
    np.testing.assert_array_equal(tf.sort(x).numpy(), np.sort(x))
    u = np.array([3, 2**64 - 1, 0], np.uint64)
    np.testing.assert_array_equal(tf.sort(u, direction="DESCENDING").numpy(), np.sort(u)[::-1])


@given(data=st.data())
def test_sort_gradient(data: Any) -> None:
    x = data.draw(_distinct())
    axis = data.draw(st.integers(-x.ndim, x.ndim - 1))
    direction = data.draw(st.sampled_from(["ASCENDING", "DESCENDING"]))
    check_gradients(lambda t: tf.sort(t, axis=axis, direction=direction), [x])


@given(data=st.data())
def test_sort_second_order(data: Any) -> None:
    x = data.draw(_distinct(hnp.array_shapes(min_dims=1, max_dims=2, min_side=1, max_side=3)))
    axis = data.draw(st.integers(-x.ndim, x.ndim - 1))
    check_second_order(lambda t: tf.sort(tf.exp(t), axis=axis), [x])


def test_sort_errors() -> None:
    with pytest.raises(ValueError, match="Argument `direction` should be one of ASCENDING, DESCENDING"):
        tf.sort([1.0], direction="UP")
    with pytest.raises(ValueError, match="Argument `axis` must be a constant scalar"):
        tf.sort([1.0], axis=[0])
    with pytest.raises(tf.errors.InvalidArgumentError, match="slice index 2 of dimension 0 out of bounds"):
        tf.sort(tf.zeros([2, 2]), axis=2)
