"""Reductions and cumulative scans: values against NumPy over drawn shapes, axes and dtypes, and
gradients (first and second order) against finite differences. TF's exact edge cases (ties, zeros,
errors, None versus zeros) are in conformance/cases/reductions.py."""

from __future__ import annotations

from typing import Any

import hypothesis.extra.numpy as hnp
import numpy as np
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

import tfshim as tf
from tests.gradcheck import check_gradients, check_second_order

_SHAPES = hnp.array_shapes(min_dims=0, max_dims=3, min_side=0, max_side=4)
_SMALL_SHAPES = hnp.array_shapes(min_dims=1, max_dims=2, min_side=1, max_side=3)


@st.composite
def _axis(draw: Any, rank: int) -> Any:
    """None, an int (maybe negative) or a list of distinct axes (maybe negative, any order)."""
    if rank == 0:
        return draw(st.sampled_from([None, []]))
    kind = draw(st.sampled_from(["none", "int", "list"]))
    if kind == "none":
        return None
    if kind == "int":
        return draw(st.integers(-rank, rank - 1))
    axes = draw(st.lists(st.integers(0, rank - 1), unique=True, max_size=rank))
    return [a - rank if draw(st.booleans()) else a for a in axes]


@st.composite
def _values(draw: Any, shape: tuple, kind: str) -> np.ndarray:
    """float64 values: 'any' in [-2, 2], 'distinct' (no ties, well separated) or 'away' (|x| in
    [0.5, 1.5], random signs)."""
    rng = np.random.default_rng(draw(st.integers(0, 2**32 - 1)))
    size = int(np.prod(shape, dtype=np.int64))
    if kind == "distinct":
        flat = (rng.permutation(size) - size / 2.0) * 0.25 + rng.uniform(-0.05, 0.05)
    elif kind == "away":
        flat = rng.uniform(0.5, 1.5, size) * rng.choice([-1.0, 1.0], size)
    else:
        flat = rng.uniform(-2.0, 2.0, size)
    return flat.reshape(shape)


@st.composite
def _case(draw: Any, kind: str = "any", shapes: Any = _SHAPES) -> tuple:
    shape = draw(shapes)
    return draw(_values(shape, kind)), draw(_axis(len(shape))), draw(st.booleans())


def _np_axis(axis: Any) -> Any:
    return tuple(axis) if isinstance(axis, list) else axis


# -- forward values ------------------------------------------------------------------------------
_NUMPY = {"reduce_sum": np.sum, "reduce_mean": np.mean, "reduce_max": np.max, "reduce_min": np.min,
          "reduce_prod": np.prod}


@pytest.mark.parametrize("name", sorted(_NUMPY))
@given(case=_case(shapes=hnp.array_shapes(min_dims=0, max_dims=3, min_side=1, max_side=4)),
       dtype=st.sampled_from(["float32", "float64"]))
def test_float_values_match_numpy(name: str, case: tuple, dtype: str) -> None:
    x, axis, keepdims = case
    x = x.astype(dtype)
    got = getattr(tf, name)(tf.constant(x), axis=axis, keepdims=keepdims)
    want = _NUMPY[name](x, axis=_np_axis(axis), keepdims=keepdims)
    assert got.dtype.name == dtype
    assert got.shape == np.shape(want)
    np.testing.assert_allclose(got.numpy(), want, rtol=1e-5, atol=1e-6)


@pytest.mark.parametrize("dtype", ["int8", "int32", "int64", "uint8", "uint32"])
@given(case=_case(shapes=hnp.array_shapes(min_dims=1, max_dims=2, min_side=1, max_side=4)))
def test_integer_values_keep_dtype(dtype: str, case: tuple) -> None:
    x, axis, keepdims = case
    x = np.round(np.abs(x) * 10).astype(dtype)
    ax = _np_axis(axis)
    t = tf.constant(x)
    total = np.sum(x.astype(np.int64), axis=ax, keepdims=keepdims)
    count = x.size // max(np.asarray(total).size, 1)
    np.testing.assert_array_equal(tf.reduce_sum(t, axis, keepdims).numpy(), total.astype(dtype))
    np.testing.assert_array_equal(tf.reduce_mean(t, axis, keepdims).numpy(), (total // count).astype(dtype))
    np.testing.assert_array_equal(tf.reduce_max(t, axis, keepdims).numpy(), np.max(x, ax, keepdims=keepdims))
    assert tf.reduce_mean(t, axis).dtype.name == dtype


def test_integer_mean_truncates_toward_zero() -> None:
    # C integer division: -7 / 2 == -3
    assert int(tf.reduce_mean(tf.constant([-3, -4]))) == int(np.trunc(-7 / 2))
    assert tf.reduce_mean(tf.constant([255, 255], tf.uint8)).numpy() == 255  # no uint8 overflow inside


def test_empty_reductions_give_identities() -> None:
    e = tf.zeros([0, 3])
    np.testing.assert_array_equal(tf.reduce_sum(e, 0).numpy(), np.zeros(3, np.float32))
    np.testing.assert_array_equal(tf.reduce_prod(e, 0).numpy(), np.ones(3, np.float32))
    np.testing.assert_array_equal(tf.reduce_max(e, 0).numpy(), np.full(3, -np.inf, np.float32))
    np.testing.assert_array_equal(tf.reduce_min(tf.zeros([0], tf.int32)).numpy(), np.iinfo(np.int32).max)
    assert np.isnan(tf.reduce_mean(tf.zeros([0])).numpy())


def test_reduce_prod_of_tensor_shape() -> None:
    assert int(tf.reduce_prod(tf.TensorShape([2, 3, 4]))) == 24
    with pytest.raises(ValueError, match="partially known TensorShape"):
        tf.reduce_prod(tf.TensorShape([2, None]))


@given(case=_case())
def test_logical_reductions_match_numpy(case: tuple) -> None:
    x, axis, keepdims = case
    b = x > 0
    ax = _np_axis(axis)
    np.testing.assert_array_equal(tf.reduce_all(b, axis, keepdims).numpy(), np.all(b, ax, keepdims=keepdims))
    np.testing.assert_array_equal(tf.reduce_any(b, axis, keepdims).numpy(), np.any(b, ax, keepdims=keepdims))
    np.testing.assert_array_equal(tf.math.count_nonzero(b, axis, keepdims).numpy(),
                                  np.count_nonzero(b, ax, keepdims=keepdims).astype(np.int64))


@given(case=_case(shapes=hnp.array_shapes(min_dims=1, max_dims=3, min_side=1, max_side=4)))
def test_composite_values_match_numpy(case: tuple) -> None:
    x, axis, keepdims = case
    ax = _np_axis(axis)
    t = tf.constant(x)
    np.testing.assert_allclose(tf.math.reduce_variance(t, axis, keepdims).numpy(), np.var(x, ax, keepdims=keepdims),
                               atol=1e-12)
    np.testing.assert_allclose(tf.math.reduce_std(t, axis, keepdims).numpy(), np.std(x, ax, keepdims=keepdims),
                               atol=1e-12)
    lse = np.log(np.sum(np.exp(x), axis=ax, keepdims=keepdims))
    np.testing.assert_allclose(tf.reduce_logsumexp(t, axis, keepdims).numpy(), lse, rtol=1e-12)
    np.testing.assert_allclose(tf.math.reduce_euclidean_norm(t, axis, keepdims).numpy(),
                               np.sqrt(np.sum(x * x, axis=ax, keepdims=keepdims)), rtol=1e-12)


def test_reduction_errors() -> None:
    x = tf.ones([2, 3])
    with pytest.raises(tf.errors.InvalidArgumentError, match=r"Invalid reduction dimension \(2 for input with 2 "):
        tf.reduce_sum(x, 2)
    with pytest.raises(tf.errors.InvalidArgumentError, match="Axes contains duplicate dimension: 1"):
        tf.reduce_max(x, [1, -1])
    with pytest.raises(TypeError, match=r"Cannot convert 1\.0 to EagerTensor of dtype int32"):
        tf.reduce_mean(x, 1.0)
    with pytest.raises(TypeError, match="Received integer type <dtype: 'int32'>"):
        tf.math.reduce_std([1, 2])
    with pytest.raises(tf.errors.InvalidArgumentError, match="expected to be a bool tensor but is a float tensor"):
        tf.reduce_all(x)


# -- gradients -----------------------------------------------------------------------------------
_SMOOTH = {
    "reduce_sum": "any", "reduce_mean": "any", "reduce_prod": "away", "reduce_logsumexp": "any",
    "reduce_euclidean_norm": "away", "reduce_max": "distinct", "reduce_min": "distinct",
}


def _reduction(name: str) -> Any:
    return getattr(tf.math, name)


@pytest.mark.parametrize("name", sorted(_SMOOTH))
@given(data=st.data())
def test_reduction_gradients(name: str, data: Any) -> None:
    x, axis, keepdims = data.draw(_case(_SMOOTH[name]))
    fn = _reduction(name)
    check_gradients(lambda t: fn(t, axis=axis, keepdims=keepdims), [x])


@pytest.mark.parametrize("name", ["reduce_std", "reduce_variance"])
@given(data=st.data())
def test_variance_gradients(name: str, data: Any) -> None:
    x, axis, keepdims = data.draw(_case("distinct", shapes=hnp.array_shapes(min_dims=1, max_dims=3, min_side=2,
                                                                            max_side=4)))
    assume(axis != [])  # a variance over no axis is 0, where the std has no derivative
    fn = _reduction(name)
    check_gradients(lambda t: fn(t, axis=axis, keepdims=keepdims), [x])


@pytest.mark.parametrize("name", [*sorted(_SMOOTH), "reduce_std", "reduce_variance"])
@given(data=st.data())
def test_reduction_second_order(name: str, data: Any) -> None:
    kind = _SMOOTH.get(name, "distinct")
    shapes = hnp.array_shapes(min_dims=1, max_dims=2, min_side=2, max_side=3)
    x, axis, keepdims = data.draw(_case(kind, shapes=shapes))
    assume(axis != [] or name not in ("reduce_std", "reduce_variance"))
    fn = _reduction(name)
    check_second_order(lambda t: fn(tf.exp(t) if name in ("reduce_max", "reduce_min") else t, axis=axis,
                                    keepdims=keepdims), [x])


def test_max_min_ties_split_evenly() -> None:
    x = tf.constant([1.0, 3.0, 3.0])
    with tf.GradientTape(persistent=True) as t:
        t.watch(x)
        mx = tf.reduce_max(x)
        mn = tf.reduce_min(-x)
    np.testing.assert_array_equal(t.gradient(mx, x).numpy(), [0.0, 0.5, 0.5])
    np.testing.assert_array_equal(t.gradient(mn, x).numpy(), [0.0, -0.5, -0.5])


def test_prod_gradient_with_zeros() -> None:
    for values in ([0.0, 2.0, 3.0], [0.0, 0.0, 3.0], [4.0, 0.0, -1.0]):
        x = tf.constant(values)
        with tf.GradientTape() as t:
            t.watch(x)
            y = tf.reduce_prod(x)
        want = [np.prod(np.delete(values, i)) for i in range(3)]  # the product of the others
        np.testing.assert_array_equal(t.gradient(y, x).numpy(), want)


def test_max_second_order_is_none_and_sum_of_squares_is_not() -> None:
    x = tf.constant([-1.0, 2.0])
    with tf.GradientTape(persistent=True) as outer:
        outer.watch(x)
        with tf.GradientTape(persistent=True) as inner:
            inner.watch(x)
            m = tf.reduce_max(x)
            s = tf.reduce_sum(x * x)
        gm = inner.gradient(m, x)
        gs = inner.gradient(s, x)
    assert outer.gradient(gm, x) is None
    np.testing.assert_array_equal(outer.gradient(gs, x).numpy(), [2.0, 2.0])


def test_integer_reductions_have_no_gradient() -> None:
    i = tf.constant([1, 2])
    with tf.GradientTape() as t:
        t.watch(i)
        y = tf.reduce_sum(i)
    assert t.gradient(y, i) is None


# -- scans ---------------------------------------------------------------------------------------
def _np_scan(x: np.ndarray, axis: int, exclusive: bool, reverse: bool, op: Any, identity: float) -> np.ndarray:
    moved = np.moveaxis(x, axis, -1)
    if reverse:
        moved = moved[..., ::-1]
    out = op.accumulate(moved, axis=-1) if moved.shape[-1] else moved.copy()
    if exclusive and moved.shape[-1]:
        out = np.concatenate([np.full((*out.shape[:-1], 1), identity), out[..., :-1]], axis=-1)
    if reverse:
        out = out[..., ::-1]
    return np.moveaxis(out, -1, axis)


@st.composite
def _scan_case(draw: Any, kind: str = "any") -> tuple:
    shape = draw(hnp.array_shapes(min_dims=1, max_dims=3, min_side=0, max_side=4))
    axis = draw(st.integers(-len(shape), len(shape) - 1))
    return draw(_values(shape, kind)), axis, draw(st.booleans()), draw(st.booleans())


@given(case=_scan_case())
def test_scan_values_match_numpy(case: tuple) -> None:
    x, axis, exclusive, reverse = case
    kw = dict(axis=axis, exclusive=exclusive, reverse=reverse)
    np.testing.assert_allclose(tf.math.cumsum(x, **kw).numpy(), _np_scan(x, axis, exclusive, reverse, np.add, 0.0),
                               atol=1e-12)
    np.testing.assert_allclose(tf.math.cumprod(x, **kw).numpy(),
                               _np_scan(x, axis, exclusive, reverse, np.multiply, 1.0), atol=1e-12)
    with np.errstate(divide="ignore"):  # an exclusive scan starts from log(0)
        want = np.log(_np_scan(np.exp(x), axis, exclusive, reverse, np.add, 0.0))
    np.testing.assert_allclose(tf.math.cumulative_logsumexp(x, **kw).numpy(), want, rtol=1e-12)


def _scan_fn(name: str) -> Any:
    """The scan; for cumulative_logsumexp its exp, so an exclusive scan's leading -inf becomes 0."""
    fn = getattr(tf.math, name)
    if name == "cumulative_logsumexp":
        return lambda t, **kw: tf.exp(fn(t, **kw))
    return fn


@pytest.mark.parametrize("name,kind", [("cumsum", "any"), ("cumprod", "away"), ("cumulative_logsumexp", "any")])
@given(data=st.data())
def test_scan_gradients(name: str, kind: str, data: Any) -> None:
    x, axis, exclusive, reverse = data.draw(_scan_case(kind))
    fn = _scan_fn(name)
    check_gradients(lambda t: fn(t, axis=axis, exclusive=exclusive, reverse=reverse), [x])


@pytest.mark.parametrize("name,kind", [("cumsum", "any"), ("cumprod", "away"), ("cumulative_logsumexp", "any")])
@given(data=st.data())
def test_scan_second_order(name: str, kind: str, data: Any) -> None:
    shape = data.draw(_SMALL_SHAPES)
    x = data.draw(_values(shape, kind))
    axis = data.draw(st.integers(-len(shape), len(shape) - 1))
    exclusive, reverse = data.draw(st.booleans()), data.draw(st.booleans())
    fn = _scan_fn(name)
    check_second_order(lambda t: fn(t * t, axis=axis, exclusive=exclusive, reverse=reverse), [x])


def test_scan_errors() -> None:
    x = tf.ones([2, 3])
    with pytest.raises(tf.errors.InvalidArgumentError, match=r"Expected scan axis in the range \[-2, 2\), but got 2"):
        tf.math.cumsum(x, 2)
    with pytest.raises(TypeError, match=r"Expected bool for argument 'exclusive' not 1\."):
        tf.math.cumprod(x, exclusive=1)
    with pytest.raises(tf.errors.InvalidArgumentError, match="allowed values: bfloat16, half, float, double"):
        tf.math.cumulative_logsumexp(tf.constant([1, 2]))


# -- the engine's regrouped sum over leading axes (large arrays with narrow kept rows) ------------
@given(lead=st.lists(st.integers(13, 48), min_size=1, max_size=3), inner=st.lists(st.integers(1, 9), max_size=2),
       dtype=st.sampled_from(["float32", "float64", "int64", "int32"]), seed=st.integers(0, 2**32 - 1))
def test_leading_axis_sum_is_numpy_sum_in_another_order(lead: list, inner: list, dtype: str, seed: int) -> None:
    from tfshim._engine.sums import add_reduce

    shape = (*lead, *inner)  # from a few hundred elements (NumPy's own sum) to ~900k (regrouped)
    rng = np.random.default_rng(seed)
    value = (rng.standard_normal(shape) * 100).astype(dtype)
    axes = tuple(range(len(lead)))
    got, want = add_reduce(value, axes), np.add.reduce(value, axes)
    assert got.shape == want.shape and got.dtype == want.dtype
    if dtype.startswith("int"):
        np.testing.assert_array_equal(got, want)  # integer sums wrap the same in any order
    else:
        exact = np.add.reduce(value.astype(np.float64), axes)
        scale = np.add.reduce(np.abs(value).astype(np.float64), axes) + 1
        assert np.all(np.abs(got - exact) <= 2 * np.finfo(dtype).eps * scale * np.log2(value.size + 2))


def test_leading_axis_sum_regroups_and_keeps_nonfinite() -> None:
    from tfshim._engine.sums import add_reduce

    value = np.ones((64, 26, 26, 16), np.float32)
    value[3, 4, 5, 2] = np.nan
    value[1, 1, 1, 7] = np.inf
    got = add_reduce(value, (0, 1, 2))
    assert np.isnan(got[2]) and got[7] == np.inf
    np.testing.assert_array_equal(np.delete(got, [2, 7]), np.full(14, 64 * 26 * 26, np.float32))
    # the same sum through tf.reduce_sum and through a broadcast add's gradient
    x = tf.constant(np.ones((32, 26, 26, 16), np.float32))
    b = tf.Variable(np.zeros(16, np.float32))
    with tf.GradientTape() as tape:
        y = tf.reduce_sum((x + b) * 2.0)
    np.testing.assert_array_equal(tape.gradient(y, b).numpy(), np.full(16, 2 * 32 * 26 * 26, np.float32))
    np.testing.assert_array_equal(tf.reduce_sum(x, [0, 1, 2]).numpy(), np.full(16, 32 * 26 * 26, np.float32))
