"""Python operators on tensors and variables, dispatched as TensorFlow's override_binary_operator.py
dispatches them: operand conversion to the tensor's dtype, the reflected-operator fallback, bool
multiplication, `&`/`|`/`^`/`~` on bools and integers, `==` that tolerates non-broadcasting shapes,
and the spec 9.4 dtype rules. Exact TensorFlow messages are in conformance/cases/operators.py."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

import tfshim as tf
from tests.gradcheck import check_gradients, check_second_order

_PAIRS = hnp.mutually_broadcastable_shapes(num_shapes=2, min_dims=0, max_dims=3, min_side=0, max_side=3)
_SEEDS = st.integers(0, 2**16)

_OPERATORS = {
    "+": (lambda a, b: a + b, np.add),
    "-": (lambda a, b: a - b, np.subtract),
    "*": (lambda a, b: a * b, np.multiply),
    "/": (lambda a, b: a / b, np.true_divide),
    "**": (lambda a, b: a**b, np.power),
}


def _inputs(op: str, shapes: tuple, seed: int) -> tuple:
    rng = np.random.default_rng(seed)
    x = rng.uniform(0.5, 2.0, shapes[0]) if op == "**" else rng.uniform(-2, 2, shapes[0])
    y = rng.uniform(0.5, 2.0, shapes[1]) * rng.choice([-1, 1], shapes[1])
    return x, y


@pytest.mark.parametrize("op", sorted(_OPERATORS))
@given(shapes=_PAIRS, seed=_SEEDS)
def test_operators_match_numpy_and_differentiate(op: str, shapes: object, seed: int) -> None:
    fn, reference = _OPERATORS[op]
    x, y = _inputs(op, shapes.input_shapes, seed)
    got = fn(tf.constant(x), tf.constant(y))
    assert got.dtype == tf.float64 and got.shape == shapes.result_shape
    np.testing.assert_allclose(got.numpy(), reference(x, y), rtol=1e-13)
    check_gradients(fn, [x, y])
    if 0 not in shapes.result_shape:
        check_second_order(fn, [x, y])


@pytest.mark.parametrize("op", sorted(_OPERATORS))
def test_reflected_operators_convert_to_the_tensor_dtype(op: str) -> None:
    fn, reference = _OPERATORS[op]
    t = tf.constant([1.5, 2.0])
    got = fn(2, t)
    assert got.dtype == tf.float32
    np.testing.assert_allclose(got.numpy(), reference(2.0, np.array([1.5, 2.0])), rtol=1e-6)
    got = fn(np.float64(2.0), t)  # NumPy defers to the tensor's reflected operator
    assert type(got) is type(t) and got.dtype == tf.float32


def test_python_and_numpy_operands() -> None:
    f32, i32 = tf.constant([1.0, 2.0]), tf.constant([1, 2])
    assert (f32 + np.array([1.5])).dtype == tf.float32
    np.testing.assert_array_equal((i32 + np.array([1.5, 2.5])).numpy(), [2, 4])  # NumPy values truncate
    np.testing.assert_array_equal((np.float64(1.5) * i32).numpy(), [1, 2])
    np.testing.assert_array_equal((i32 + 2**40).numpy(), [1, 2])  # Python ints wrap
    with pytest.raises(tf.errors.InvalidArgumentError, match="cannot compute AddV2 as input #1"):
        i32 + 1.5
    with pytest.raises(TypeError, match=r"Cannot convert 2\.0 to EagerTensor of dtype int32"):
        i32 * 2.0
    with pytest.raises(TypeError, match=r"Cannot convert 1\.5 to EagerTensor of dtype int32"):
        1.5 - i32
    with pytest.raises(TypeError, match="`x` and `y` must have the same dtype"):
        i32 / 1.5
    with pytest.raises(AttributeError, match=r"'numpy\.float32' object has no attribute '__index__'"):
        tf.constant(1.0) * "a"  # str's reflected repetition asks the scalar tensor for __index__
    with pytest.raises(TypeError, match=r"Cannot convert 'a' to EagerTensor of dtype float"):
        f32 * "a"  # a vector cannot be an index: the first error stands


def test_integer_and_bool_arithmetic() -> None:
    assert (tf.constant(3) / tf.constant(2)).dtype == tf.float64
    assert (tf.constant(3, tf.int8) / 2).dtype == tf.float32
    np.testing.assert_array_equal((tf.constant([7, -7, -7]) // tf.constant([3, 2, 3])).numpy(), [2, -4, -3])
    np.testing.assert_array_equal((tf.constant([-7]) % 3).numpy(), [2])
    assert (tf.constant(1, tf.uint8) - 2).numpy() == 255
    assert (tf.constant(True) * 2).numpy() == np.True_
    np.testing.assert_array_equal((~tf.constant([True, False])).numpy(), [False, True])
    assert (~tf.constant(1)).numpy() == -2
    np.testing.assert_array_equal((tf.constant([True, False]) ^ tf.constant([True, True])).numpy(), [False, True])
    with pytest.raises(tf.errors.InvalidArgumentError, match="Value for attr 'T' of bool"):
        tf.constant(True) + tf.constant(False)


def test_equality_operators() -> None:
    v = tf.constant([1.0, 2.0, 3.0])
    assert (v == None) is False  # noqa: E711 - the operator is the point
    assert (v != None) is True  # noqa: E711
    assert (v == [1.0, 2.0]).numpy() == np.False_  # shapes that do not broadcast: a scalar False
    assert (v != [1.0, 2.0]).numpy() == np.True_
    with pytest.raises(tf.errors.InvalidArgumentError, match="Incompatible shapes"):
        tf.equal(v, [1.0, 2.0])
    with pytest.raises(TypeError, match="Cannot convert 'a' to EagerTensor of dtype float"):
        v == "a"  # noqa: B015


def test_variables_read_then_apply_the_tensor_operator() -> None:
    v = tf.Variable(3.0)
    assert type(v + 1.0) is type(tf.constant(1.0))
    assert (2 - v).numpy() == -1.0
    assert (tf.Variable(3) / tf.Variable(2)).numpy() == 1.5
    assert (tf.Variable(7) // 2).numpy() == 3
    assert (-v).numpy() == -3.0 and abs(-v).numpy() == 3.0
    with pytest.raises(ValueError, match="Attempt to convert a value \\(None\\)"):
        v == None  # noqa: B015, E711
    with tf.GradientTape() as tape:
        y = v * v + 2 * v
    assert tape.gradient(y, v).numpy() == 8.0


def test_reflected_fallback_raises_the_original_error() -> None:
    f32, i32 = tf.constant([1.0]), tf.constant([1])
    with pytest.raises(TypeError, match=r"`x` and `y` must have the same dtype, got tf\.float32 != tf\.int32"):
        f32 / i32  # i32.__rtruediv__ is tried and declines; the first error stands


def test_python_2_division_operator() -> None:
    np.testing.assert_array_equal(tf.constant([7, -7]).__div__(tf.constant([2, 2])).numpy(), [3, -4])
    np.testing.assert_allclose(tf.constant([7.0]).__div__(2.0).numpy(), [3.5])
