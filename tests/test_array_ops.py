"""Array ops (concat, stack/unstack, split, tile, pad, reverse, roll, slice, boolean_mask, one_hot,
meshgrid, linspace, unique, identity_n): values against NumPy, gradients against finite differences
(first and second order) over drawn shapes, and TensorFlow's error classes."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

import tfshim as tf
from tests.gradcheck import check_gradients, check_second_order

DIMS = st.integers(0, 3)


def shapes(min_rank: int = 1, max_rank: int = 3, min_dim: int = 0) -> st.SearchStrategy:
    return st.lists(st.integers(min_dim, 3), min_size=min_rank, max_size=max_rank).map(tuple)


def arrays(draw: st.DrawFn, shape: tuple, seed_max: int = 10_000) -> np.ndarray:
    seed = draw(st.integers(0, seed_max))
    return np.random.default_rng(seed).uniform(-2.0, 2.0, size=shape)


def _sq(t: tf.Tensor) -> tf.Tensor:
    return t * t


# -- concat / stack / unstack / split -------------------------------------------------------------
@st.composite
def concat_inputs(draw: st.DrawFn) -> tuple:
    shape = draw(shapes())
    axis = draw(st.integers(-len(shape), len(shape) - 1))
    n = draw(st.integers(2, 3))
    xs = []
    for _ in range(n):
        s = list(shape)
        s[axis] = draw(DIMS)
        xs.append(arrays(draw, tuple(s)))
    return xs, axis


@given(concat_inputs())
def test_concat_values_and_gradients(args: tuple) -> None:
    xs, axis = args
    got = tf.concat([tf.constant(x.astype(np.float32)) for x in xs], axis)
    assert got.dtype == tf.float32
    np.testing.assert_array_equal(got.numpy(), np.concatenate(xs, axis).astype(np.float32))
    check_gradients(lambda *ts: tf.concat(list(ts), axis), xs)
    check_second_order(lambda *ts: _sq(tf.concat(list(ts), axis)), xs)


def test_concat_errors() -> None:
    a, b = tf.constant([[1.0, 2.0]]), tf.constant([[3.0, 4.0], [5.0, 6.0]])
    with pytest.raises(tf.errors.InvalidArgumentError, match=r"Dimension 0 in both shapes must be equal: "
                                                             r"shape\[0\] = \[1,2\] vs. shape\[1\] = \[2,2\]"):
        tf.concat([a, b], 1)
    with pytest.raises(tf.errors.InvalidArgumentError, match=r"range \[-2, 2\), but got 2 \[Op:ConcatV2\] name: "
                                                             "concat$"):
        tf.concat([a, b], 2)
    with pytest.raises(tf.errors.InvalidArgumentError, match="Can't concatenate scalars"):
        tf.concat([tf.constant(1.0), tf.constant(2.0)], 0)
    with pytest.raises(TypeError, match=r"Cannot convert 1\.0 to EagerTensor of dtype int32"):
        tf.concat([a, a], 1.0)
    with pytest.raises(ValueError, match=r"Shape \(1,\) must have rank 0"):
        tf.concat([a], [1])


@st.composite
def stack_inputs(draw: st.DrawFn) -> tuple:
    shape = draw(shapes(0, 2))
    n = draw(st.integers(1, 3))
    axis = draw(st.integers(-len(shape) - 1, len(shape)))
    return [arrays(draw, shape) for _ in range(n)], axis


@given(stack_inputs())
def test_stack_values_and_gradients(args: tuple) -> None:
    xs, axis = args
    got = tf.stack([tf.constant(x) for x in xs], axis)
    np.testing.assert_array_equal(got.numpy(), np.stack(xs, axis))
    check_gradients(lambda *ts: tf.stack(list(ts), axis), xs)
    check_second_order(lambda *ts: _sq(tf.stack(list(ts), axis)), xs)


def test_stack_of_tensors_records_pack() -> None:
    a, b = tf.constant(2.0), tf.constant(3.0)
    with tf.GradientTape() as t:
        t.watch([a, b])
        y = tf.stack([a * b, a * a])
    np.testing.assert_allclose([g.numpy() for g in t.gradient(y, [a, b])], [3.0 + 4.0, 2.0])


def test_stack_errors() -> None:
    with pytest.raises(ValueError, match=r"Argument `axis` = 3 not in range \[-3, 3\)"):
        tf.stack([tf.zeros([1, 2])] * 2, 3)
    with pytest.raises(tf.errors.InvalidArgumentError, match=r"Shapes of all inputs must match: values\[0\].shape = "
                                                             r"\[1,2\] != values\[1\].shape = \[2,2\]"):
        tf.stack([tf.zeros([1, 2]), tf.zeros([2, 2])])
    with pytest.raises(TypeError, match=r"Cannot convert 2\.5 to EagerTensor of dtype int32"):
        tf.stack([tf.constant(1), 2.5])


@st.composite
def unstack_inputs(draw: st.DrawFn) -> tuple:
    shape = draw(shapes(1, 3))
    axis = draw(st.integers(-len(shape), len(shape) - 1))
    return arrays(draw, shape), axis


@given(unstack_inputs())
def test_unstack_values_and_gradients(args: tuple) -> None:
    x, axis = args
    parts = tf.unstack(tf.constant(x), axis=axis)
    assert len(parts) == x.shape[axis]
    for i, p in enumerate(parts):
        np.testing.assert_array_equal(p.numpy(), np.take(x, i, axis=axis))
    if x.shape[axis] == 0:
        return

    def last_two(t: tf.Tensor) -> tf.Tensor:  # uses some outputs and not others
        ps = tf.unstack(t, axis=axis)
        return ps[-1] * 2.0 + ps[0]

    check_gradients(last_two, [x])
    check_second_order(lambda t: _sq(last_two(t)), [x])


@st.composite
def split_inputs(draw: st.DrawFn) -> tuple:
    shape = list(draw(shapes(1, 3)))
    axis = draw(st.integers(-len(shape), len(shape) - 1))
    if draw(st.booleans()):
        n = draw(st.integers(1, 3))
        shape[axis] = n * draw(st.integers(0, 2))
        spec = n
    else:
        spec = draw(st.lists(st.integers(0, 2), min_size=1, max_size=3))
        shape[axis] = sum(spec)
        if draw(st.booleans()):
            spec[draw(st.integers(0, len(spec) - 1))] = -1
    return arrays(draw, tuple(shape)), spec, axis


@given(split_inputs())
def test_split_values_and_gradients(args: tuple) -> None:
    x, spec, axis = args
    parts = tf.split(tf.constant(x), spec, axis=axis)
    if isinstance(spec, int):
        expected = np.split(x, spec, axis=axis)
    else:
        sizes = list(spec)
        if -1 in sizes:
            sizes[sizes.index(-1)] = x.shape[axis] - (sum(sizes) + 1)
        expected = np.split(x, np.cumsum(sizes)[:-1], axis=axis)
    assert len(parts) == len(expected)
    for p, e in zip(parts, expected):
        np.testing.assert_array_equal(p.numpy(), e)

    def weighted(t: tf.Tensor) -> tf.Tensor:
        ps = tf.split(t, spec, axis=axis)
        return tf.concat([p * float(i + 1) for i, p in enumerate(ps)], axis)

    check_gradients(weighted, [x])
    check_second_order(lambda t: _sq(weighted(t)), [x])


def test_split_errors() -> None:
    b = tf.zeros([2, 2])
    with pytest.raises(tf.errors.InvalidArgumentError, match="Number of ways to split should evenly divide"):
        tf.split(b, 3)
    with pytest.raises(tf.errors.InvalidArgumentError, match=r"There can only be one -1 in the input\."):
        tf.split(tf.range(5), [-1, -1])
    with pytest.raises(ValueError, match="Rank-0 tensors are not supported"):
        tf.split(b, tf.constant(2))


# -- tile / pad / reverse / roll / slice --------------------------------------------------------------
@st.composite
def tile_inputs(draw: st.DrawFn) -> tuple:
    shape = draw(shapes(0, 3))
    reps = draw(st.lists(st.integers(0, 3), min_size=len(shape), max_size=len(shape)))
    return arrays(draw, shape), reps


@given(tile_inputs())
def test_tile_values_and_gradients(args: tuple) -> None:
    x, reps = args
    np.testing.assert_array_equal(tf.tile(tf.constant(x), reps).numpy(), np.tile(x, reps) if reps else x)
    check_gradients(lambda t: tf.tile(t, reps), [x])
    check_second_order(lambda t: _sq(tf.tile(t, reps)), [x])


@st.composite
def pad_inputs(draw: st.DrawFn) -> tuple:
    mode = draw(st.sampled_from(["CONSTANT", "REFLECT", "SYMMETRIC"]))
    shape = draw(shapes(1, 3, min_dim=2 if mode == "REFLECT" else 1))
    limit = {"CONSTANT": 2, "REFLECT": 1, "SYMMETRIC": 1}[mode]
    pads = [[draw(st.integers(0, min(limit, d - (mode == "REFLECT")))) for _ in range(2)] for d in shape]
    value = draw(st.sampled_from([0, 1.5])) if mode == "CONSTANT" else 0
    return arrays(draw, shape), pads, mode, value


@given(pad_inputs())
def test_pad_values_and_gradients(args: tuple) -> None:
    x, pads, mode, value = args
    got = tf.pad(tf.constant(x), pads, mode, constant_values=value)
    if mode == "CONSTANT":
        expected = np.pad(x, pads, constant_values=value)
    else:
        expected = np.pad(x, pads, mode=mode.lower())
    np.testing.assert_array_equal(got.numpy(), expected)
    check_gradients(lambda t: tf.pad(t, pads, mode, constant_values=value), [x])
    check_second_order(lambda t: _sq(tf.pad(t, pads, mode, constant_values=value)), [x])


def test_pad_errors() -> None:
    with pytest.raises(tf.errors.InvalidArgumentError, match="Paddings must be non-negative: -1 0"):
        tf.pad(tf.zeros([1, 2]), [[-1, 0], [0, 0]])
    with pytest.raises(tf.errors.InvalidArgumentError, match="paddings must be less than the dimension size: 2, 2 "
                                                             "not less than 2"):
        tf.pad(tf.zeros([2, 2]), [[2, 2], [1, 1]], "REFLECT")
    with pytest.raises(ValueError, match="Received `mode` = FOO"):
        tf.pad(tf.zeros([2]), [[1, 1]], "foo")


def test_pad_v2_gradient_of_constant_is_none() -> None:
    x, c = tf.constant([1.0, 2.0]), tf.constant(3.0)
    with tf.GradientTape() as t:
        t.watch([x, c])
        y = tf.pad(x, [[1, 1]], constant_values=c)
    gx, gc = t.gradient(y, [x, c])
    np.testing.assert_array_equal(gx.numpy(), [1.0, 1.0])
    assert gc is None


@st.composite
def axes_inputs(draw: st.DrawFn) -> tuple:
    shape = draw(shapes(1, 3))
    axes = draw(st.lists(st.integers(0, len(shape) - 1), unique=True, max_size=len(shape)))
    signed = [a - len(shape) if draw(st.booleans()) else a for a in axes]
    return arrays(draw, shape), signed


@given(axes_inputs())
def test_reverse_values_and_gradients(args: tuple) -> None:
    x, axes = args
    np.testing.assert_array_equal(tf.reverse(tf.constant(x), axes).numpy(), np.flip(x, axes) if axes else x)
    w = np.arange(x.size, dtype=np.float64).reshape(x.shape)
    check_gradients(lambda t: tf.reverse(t, axes) * w, [x])
    check_second_order(lambda t: _sq(tf.reverse(t, axes)) * w, [x])


@given(axes_inputs(), st.lists(st.integers(-5, 5), min_size=3, max_size=3))
def test_roll_values_and_gradients(args: tuple, shifts: list) -> None:
    x, axes = args
    shift = shifts[:len(axes)]
    axes, shift = np.asarray(axes, np.int32), np.asarray(shift, np.int32)  # [] alone would be float32
    np.testing.assert_array_equal(tf.roll(tf.constant(x), shift, axes).numpy(),
                                  np.roll(x, shift, axes) if axes.size else x)
    w = np.arange(x.size, dtype=np.float64).reshape(x.shape)
    check_gradients(lambda t: tf.roll(t, shift, axes) * w, [x])
    check_second_order(lambda t: _sq(tf.roll(t, shift, axes)) * w, [x])


@st.composite
def slice_inputs(draw: st.DrawFn) -> tuple:
    shape = draw(shapes(0, 3))
    begin, size = [], []
    for d in shape:
        b = draw(st.integers(0, d))
        begin.append(b)
        size.append(draw(st.sampled_from([-1, *range(0, d - b + 1)])))
    return arrays(draw, shape), begin, size


@given(slice_inputs())
def test_slice_values_and_gradients(args: tuple) -> None:
    x, begin, size = args
    index = tuple(slice(b, None if s == -1 else b + s) for b, s in zip(begin, size))
    begin, size = np.asarray(begin, np.int32), np.asarray(size, np.int32)  # [] alone would be float32
    np.testing.assert_array_equal(tf.slice(tf.constant(x), begin, size).numpy(), x[index])
    check_gradients(lambda t: tf.slice(t, begin, size), [x])
    check_second_order(lambda t: _sq(tf.slice(t, begin, size)), [x])


def test_slice_errors() -> None:
    b = tf.zeros([2, 2])
    with pytest.raises(tf.errors.InvalidArgumentError, match=r"Expected size\[0\] in \[0, 1\], but got 2"):
        tf.slice(b, [1, 0], [2, 1])
    with pytest.raises(tf.errors.InvalidArgumentError, match=r"Expected begin\[0\] in \[0, 2\], but got -1"):
        tf.slice(b, [-1, 0], [1, 1])


# -- boolean_mask / one_hot / meshgrid / linspace / unique / identity_n ------------------------------
@st.composite
def mask_inputs(draw: st.DrawFn) -> tuple:
    shape = draw(shapes(1, 3))
    axis = draw(st.integers(0, len(shape) - 1))
    mask_rank = draw(st.integers(1, len(shape) - axis))
    mask_shape = shape[axis:axis + mask_rank]
    mask = np.asarray(draw(st.lists(st.booleans(), min_size=int(np.prod(mask_shape)),
                                    max_size=int(np.prod(mask_shape)))), dtype=bool).reshape(mask_shape)
    return arrays(draw, shape), mask, axis


@given(mask_inputs())
def test_boolean_mask_values_and_gradients(args: tuple) -> None:
    x, mask, axis = args
    got = tf.boolean_mask(tf.constant(x), mask, axis=axis)
    flat = x.reshape((*x.shape[:axis], mask.size, *x.shape[axis + mask.ndim:]))
    expected = np.compress(mask.reshape(-1), flat, axis=axis)
    np.testing.assert_array_equal(got.numpy(), expected)
    others = x.shape[:axis] + x.shape[axis + mask.ndim:]
    if axis > 0 and not mask.any() and 0 in others:
        # TensorFlow's GatherV2 gradient reshapes with -1, which cannot recover an empty gather here
        t = tf.constant(x)
        with tf.GradientTape() as tape:
            tape.watch(t)
            y = tf.boolean_mask(t, mask, axis=axis)
        with pytest.raises(tf.errors.InvalidArgumentError, match=r"does not start with segment_ids\.shape"):
            tape.gradient(y, t)
        return
    check_gradients(lambda t: tf.boolean_mask(t, mask, axis=axis), [x])
    check_second_order(lambda t: _sq(tf.boolean_mask(t, mask, axis=axis)), [x])


def test_boolean_mask_errors() -> None:
    with pytest.raises(ValueError, match=r"mask cannot be scalar\."):
        tf.boolean_mask(tf.zeros([2]), True)
    with pytest.raises(ValueError, match=r"Shapes \(2,\) and \(3,\) are incompatible"):
        tf.boolean_mask(tf.zeros([2, 2]), [True, False, True])


@given(st.lists(st.integers(-1, 4), max_size=5), st.integers(0, 4), st.sampled_from([None, 0, 1]))
def test_one_hot_matches_numpy(indices: list, depth: int, axis: int | None) -> None:
    got = tf.one_hot(indices, depth, axis=axis)
    expected = (np.asarray(indices, dtype=np.int64).reshape(-1, 1) == np.arange(depth)).astype(np.float32)
    if axis == 0:
        expected = expected.T
    assert got.dtype == tf.float32
    np.testing.assert_array_equal(got.numpy(), expected)


def test_one_hot_has_no_gradient() -> None:
    on = tf.constant(2.0)
    with tf.GradientTape() as t:
        t.watch(on)
        y = tf.one_hot([0, 1], 2, on_value=on, off_value=0.0)
    assert t.gradient(y, on) is None


@given(st.lists(st.integers(0, 3), min_size=1, max_size=3), st.sampled_from(["xy", "ij"]),
       st.integers(0, 10_000))
def test_meshgrid_values_and_gradients(sizes: list, indexing: str, seed: int) -> None:
    rng = np.random.default_rng(seed)
    xs = [rng.uniform(-1, 1, size=n) for n in sizes]
    got = tf.meshgrid(*[tf.constant(x) for x in xs], indexing=indexing)
    for g, e in zip(got, np.meshgrid(*xs, indexing=indexing)):
        np.testing.assert_array_equal(g.numpy(), e)

    def product(*ts: tf.Tensor) -> tf.Tensor:
        grids = tf.meshgrid(*ts, indexing=indexing)
        out = grids[0]
        for g in grids[1:]:
            out = out * g
        return out

    check_gradients(product, xs)
    check_second_order(product, xs)


@given(st.floats(-3, 3), st.floats(-3, 3), st.integers(0, 5))
def test_linspace_values_and_gradients(start: float, stop: float, num: int) -> None:
    got = tf.linspace(tf.constant(start, tf.float64), tf.constant(stop, tf.float64), num)
    np.testing.assert_allclose(got.numpy(), np.linspace(start, stop, num), rtol=1e-12, atol=1e-12)
    check_gradients(lambda a, b: tf.linspace(a, b, num), [start, stop])
    check_second_order(lambda a, b: _sq(tf.linspace(a, b, num)), [start, stop])


def test_linspace_axis_and_dtype() -> None:
    got = tf.linspace([0.0, 1.0], [1.0, 3.0], 3, axis=1)
    assert got.dtype == tf.float32
    np.testing.assert_allclose(got.numpy(), np.linspace([0.0, 1.0], [1.0, 3.0], 3, axis=1))
    assert tf.linspace(0, 1, 3).dtype == tf.float64


@given(st.lists(st.integers(-3, 3), max_size=8))
def test_unique_matches_first_appearance_order(values: list) -> None:
    y, idx = tf.unique(values)
    firsts = list(dict.fromkeys(values))
    np.testing.assert_array_equal(y.numpy(), np.asarray(firsts, dtype=np.int32))
    np.testing.assert_array_equal(idx.numpy(), [firsts.index(v) for v in values])
    assert idx.dtype == tf.int32


def test_unique_has_no_gradient_registered() -> None:
    x = tf.constant([1.0, 2.0, 1.0])
    with tf.GradientTape() as t:
        t.watch(x)
        y = tf.unique(x).y * 2.0
    with pytest.raises(LookupError, match="gradient registry has no entry for: Unique"):
        t.gradient(y, x)


@given(shapes(0, 2).flatmap(lambda s: st.integers(0, 1000).map(
    lambda seed: np.random.default_rng(seed).uniform(-1, 1, size=s))))
def test_identity_n_gradients(x: np.ndarray) -> None:
    def f(t: tf.Tensor) -> tf.Tensor:
        a, b = tf.identity_n([t, t * 3.0])
        return a * b

    check_gradients(f, [x])
    check_second_order(f, [x])
