"""Eager control flow: cond/case/switch_case/while_loop, map_fn/vectorized_map/scan/foldl/foldr,
py_function/numpy_function and TensorArray — values and finite-difference gradients (first and second
order), plus the spec's section 7 "Control flow and functions" table."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import tfshim as tf
from tests.gradcheck import check_gradients, check_second_order

SHAPES = st.lists(st.integers(1, 3), min_size=1, max_size=2)


def _values(shape, seed=0):
    return np.random.default_rng(seed).uniform(0.5, 1.5, size=shape)


def _grad(fn, x, zero=False):
    x = tf.constant(x)
    with tf.GradientTape() as t:
        t.watch(x)
        y = fn(x)
    return t.gradient(y, x, unconnected_gradients="zero" if zero else "none")


# -- the spec's table ---------------------------------------------------------------------------
def test_spec_cond_and_while():
    assert float(_grad(lambda x: tf.cond(x > 0, lambda: x * x, lambda: 3 * x), 2.0)) == 4.0
    assert float(_grad(lambda x: tf.cond(x > 0, lambda: x * x, lambda: 3 * x), -2.0)) == 3.0
    assert _grad(lambda x: tf.cond(x > 0, lambda: tf.constant(1.0), lambda: x), 2.0) is None
    assert tf.cond(True, lambda: 1.0, lambda: 2.0) == 1.0 and type(tf.cond(True, lambda: 1.0, lambda: 2.0)) is float
    squares = _grad(lambda x: tf.while_loop(lambda i, y: i < 3, lambda i, y: (i + 1, y * y), [0, x])[1], 2.0)
    assert float(squares) == 1024.0
    capped = _grad(lambda s: tf.while_loop(lambda y: True, lambda y: (y * s,), (s,), maximum_iterations=2)[0], 2.0)
    assert float(capped) == 12.0
    out = tf.while_loop(lambda i, y: i < 3, lambda i, y: (i + 1, y * 2), (0, 1.0))
    assert type(out) is tuple and int(out[0]) == 3 and float(out[1]) == 8.0
    with pytest.raises(TypeError, match="'int' object is not iterable"):
        tf.while_loop(lambda i: i < 3, lambda i: i + 1, [0])
    assert int(tf.while_loop(lambda i: i < 3, lambda i: (i + 1,), (0,))[0]) == 3
    with pytest.raises(ValueError, match=r"'loop_vars' must be provided\."):
        tf.while_loop(lambda i: i < 3, lambda i: i + 1, 0)


def test_spec_functions_and_mapping():
    assert float(_grad(tf.function(lambda x: x * x * x), 2.0)) == 12.0
    assert float(_grad(lambda x: tf.py_function(lambda a: a * a, [x], tf.float32), 2.0)) == 4.0
    assert _grad(lambda x: tf.numpy_function(lambda a: a * a, [x], tf.float32), 2.0) is None
    assert float(_grad(tf.function(lambda x: tf.stop_gradient(x) * 0), 1.0, zero=True)) == 0.0
    x = tf.constant([1.0, 2.0])
    with tf.GradientTape(persistent=True) as t:
        t.watch(x)
        m = tf.map_fn(lambda e: e * e, x)
        v = tf.vectorized_map(lambda e: e * e, x)
        ta = tf.TensorArray(tf.float32, size=3)
        for i in range(3):
            ta = ta.write(i, x[0] * (i + 1))
        s = ta.stack()
    np.testing.assert_array_equal(t.gradient(m, x), [2.0, 4.0])
    np.testing.assert_array_equal(t.gradient(v, x), [2.0, 4.0])
    np.testing.assert_array_equal(s, [1.0, 2.0, 3.0])
    np.testing.assert_array_equal(t.gradient(s, x), [6.0, 0.0])


# -- finite-difference gradients ------------------------------------------------------------------
def _cond(x):
    return tf.cond(tf.reduce_sum(x) > 0, lambda: tf.sin(x) * x, lambda: x * 3.0)


def _switch(x):
    return tf.switch_case(tf.constant(1), [lambda: x, lambda: x * x * x, lambda: tf.exp(x)])


def _case(x):
    return tf.case([(tf.reduce_sum(x) < 0, lambda: x), (tf.constant(True), lambda: tf.sin(x) * x)])


def _while(x):
    return tf.while_loop(lambda i, y: i < 3, lambda i, y: (i + 1, y * x + tf.sin(y)), (0, x))[1]


def _map(x):
    return tf.map_fn(lambda row: tf.sin(row) * row, x)


def _vmap(x):
    return tf.vectorized_map(lambda row: row * row * row, x)


def _scan(x):
    return tf.scan(lambda a, e: a * e + tf.sin(e), x)


def _foldr(x):
    return tf.foldr(lambda a, e: a * e + e, x, initializer=tf.ones_like(x[0]))


def _tensor_array(x):
    ta = tf.TensorArray(x.dtype, size=0, dynamic_size=True, clear_after_read=False).unstack(x)
    out = tf.TensorArray(x.dtype, size=x.shape[0])
    for i in range(x.shape[0]):
        e = ta.read(i)
        out = out.write(i, tf.sin(e) * ta.read(i))
    return out.stack()


def _py_function(x):
    return tf.py_function(lambda a: tf.sin(a) * a, [x], x.dtype)


@pytest.mark.parametrize("fn", [_cond, _switch, _case, _while, _map, _vmap, _scan, _foldr, _tensor_array])
@settings(max_examples=6)
@given(shape=SHAPES)
def test_gradients_match_finite_differences(fn, shape):
    check_gradients(fn, [_values(shape)])
    check_second_order(fn, [_values(shape)])


@settings(max_examples=6)
@given(shape=SHAPES)
def test_py_function_gradient_and_no_second_order(shape):
    check_gradients(_py_function, [_values(shape)])
    x = tf.constant(_values(shape))
    with tf.GradientTape() as outer:
        outer.watch(x)
        with tf.GradientTape() as inner:
            inner.watch(x)
            y = _py_function(x)
        g = inner.gradient(y, x)
    assert outer.gradient(g, x) is None  # TensorFlow's gradient of EagerPyFunc is not differentiable again


# -- values and errors ------------------------------------------------------------------------
def test_cond_errors():
    with pytest.raises(TypeError, match="cond\\(\\): 'true_fn' argument required"):
        tf.cond(True, None, lambda: 1)
    with pytest.raises(TypeError, match=r"'false_fn' must be callable\."):
        tf.cond(True, lambda: 1, 2)
    with pytest.raises(ValueError, match="truth value of an array with more than one element"):
        tf.cond(tf.constant([True, False]), lambda: 1, lambda: 2)


def test_switch_case_default_and_errors():
    fns = [lambda: "a", lambda: "b"]
    assert tf.switch_case(tf.constant(7), fns) == "b"
    assert tf.switch_case(tf.constant(-1), fns, default=lambda: "d") == "d"
    with pytest.raises(TypeError, match="'branch_index' must be a Tensor, got <class 'int'>"):
        tf.switch_case(1, fns)
    with pytest.raises(ValueError, match=r"must form contiguous range of \[0 to 2\) but found \{0,2\}"):
        tf.switch_case(tf.constant(0), {0: fns[0], 2: fns[1]})


def test_case_no_true_predicate_asserts():
    with pytest.raises(tf.errors.InvalidArgumentError, match="None of conditions evaluated as True"):
        tf.case([(tf.constant(False), lambda: 1), (tf.constant(False), lambda: 2)])
    assert tf.case([(tf.constant(False), lambda: 1)], default=lambda: 3) == 3


def test_map_fn_signatures_and_errors():
    out = tf.map_fn(lambda e: (e, tf.cast(e, tf.float32) / 2), tf.constant([1, 2]),
                    fn_output_signature=(tf.int32, tf.float32))
    np.testing.assert_array_equal(out[1], [0.5, 1.0])
    assert tf.map_fn(lambda e: e, tf.zeros([0, 2])).shape == (0,)
    with pytest.raises(tf.errors.InvalidArgumentError, match="TensorArray dtype is int32 but Op is trying to write "
                                                             "dtype float32"):
        tf.map_fn(lambda e: 2.0, tf.constant([1, 2]))
    with pytest.raises(ValueError, match="Elements in elems must be 1\\+ dimensional Tensors, not scalars"):
        tf.map_fn(lambda e: e, tf.constant(1))


def test_scan_and_folds():
    xs = tf.constant([1, 2, 3])
    np.testing.assert_array_equal(tf.scan(lambda a, e: a + e, xs), [1, 3, 6])
    np.testing.assert_array_equal(tf.scan(lambda a, e: a + e, xs, initializer=10, reverse=True), [16, 15, 13])
    assert int(tf.foldl(lambda a, e: a * 10 + e, xs)) == 123
    assert int(tf.foldr(lambda a, e: a * 10 + e, xs)) == 321
    with pytest.raises(tf.errors.OutOfRangeError, match="Tried to read from index 0 but array size is: 0"):
        tf.foldl(lambda a, e: a + e, tf.constant([], tf.int32))


def test_py_function_and_numpy_function_values():
    assert tf.py_function(lambda a: a * 2, [tf.constant(3)], tf.int32).numpy() == 6
    pair = tf.py_function(lambda a: (a, a * 2.0), [1.5], [tf.float32, tf.float32])
    assert [float(p) for p in pair] == [1.5, 3.0]
    with pytest.raises(tf.errors.UnknownError, match="ZeroDivisionError: division by zero"):
        tf.py_function(lambda a: 1 / 0, [2], tf.int32)
    with pytest.raises(tf.errors.InvalidArgumentError, match="Tensor conversion requested dtype float32"):
        tf.py_function(lambda a: a, [2], tf.float32)
    assert tf.numpy_function(lambda a: a * 2, [2], tf.int32).dtype == tf.int64  # eager mode ignores Tout
    shape = tf.numpy_function(lambda a: a.shape, [tf.zeros([2, 3])], tf.int64)
    assert [int(s) for s in shape] == [2, 3]


def test_py_function_unconnected_input_gets_scalar_zero():
    x = tf.constant([1.0, 2.0])
    with tf.GradientTape() as t:
        t.watch(x)
        y = tf.py_function(lambda a: a.numpy() * 2, [x], tf.float32)
    g = t.gradient(y, x)
    assert g.shape == () and float(g) == 0.0


def test_tensor_array_api():
    ta = tf.TensorArray(tf.float32, size=2, dynamic_size=True)
    ta = ta.write(0, 1.0).write(3, 4.0)
    assert int(ta.size()) == 4
    np.testing.assert_array_equal(ta.stack(), [1.0, 0.0, 0.0, 4.0])
    ta2 = tf.TensorArray(tf.int32, size=3).unstack([[1, 2], [3, 4], [5, 6]])
    np.testing.assert_array_equal(ta2.gather([2, 0]), [[5, 6], [1, 2]])
    np.testing.assert_array_equal(ta2.concat(), [1, 2, 3, 4, 5, 6])
    read = ta2.read(1)
    np.testing.assert_array_equal(read, [3, 4])
    with pytest.raises(tf.errors.InvalidArgumentError, match="Could not read index 1 twice"):
        ta2.read(1)
    with pytest.raises(tf.errors.OutOfRangeError, match="Tried to write to index 2 but array is not resizeable"):
        tf.TensorArray(tf.float32, size=2).write(2, 1.0)
    split = tf.TensorArray(tf.float32, size=2).split([1.0, 2.0, 3.0], [1, 2])
    np.testing.assert_array_equal(split.read(1), [2.0, 3.0])


def test_helpers():
    with tf.control_dependencies([tf.constant(1)]):
        y = tf.constant(1) + 1
    assert int(y) == 2
    assert tf.group(y) is None and tf.no_op() is None and tf.tuple([y, 2])[1] == 2
