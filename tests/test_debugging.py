"""tf.debugging assertions, check_numerics (and its gradient), ensure_shape, tf.print and
tf.image.adjust_contrast."""

from __future__ import annotations

import io
import sys

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import tfshim as tf
from tests.gradcheck import check_gradients, check_second_order


def test_binary_assertions():
    assert tf.debugging.assert_equal([1, 2], [1, 2]) is None
    assert tf.debugging.assert_less([1, 2], [2, 3]) is None
    assert tf.debugging.assert_greater_equal(2, 2) is None
    with pytest.raises(tf.errors.InvalidArgumentError) as info:
        tf.debugging.assert_equal([1, 2, 3], [1, 5, 4], message="boom")
    assert str(info.value) == ("boom\nCondition x == y did not hold.\nIndices of first 2 different values:\n[[1]\n [2]]"
                               "\nCorresponding x values:\n[2 3]\nCorresponding y values:\n[5 4]\n"
                               "First 3 elements of x:\n[1 2 3]\nFirst 3 elements of y:\n[1 5 4]")
    with pytest.raises(tf.errors.InvalidArgumentError, match=r"Incompatible shapes: \[3\] vs\. \[2\]"):
        tf.debugging.assert_equal([1, 2, 3], [1, 5])
    with pytest.raises(tf.errors.InvalidArgumentError, match="Condition x < y did not hold"):
        tf.assert_less(2, 1)


def test_sign_assertions_and_near():
    with pytest.raises(tf.errors.InvalidArgumentError) as info:
        tf.debugging.assert_positive([1.0, -2.0], message="pos")
    assert str(info.value) == ("pos.  \nCondition x > 0 did not hold element-wise:\nx (shape=(2,) dtype=float32) = "
                               "\n['1.0', '-2.0']")
    assert tf.debugging.assert_non_negative([0, 1]) is None
    assert tf.debugging.assert_near([1.0, 2.0], [1.0, 2.0000001]) is None
    with pytest.raises(tf.errors.InvalidArgumentError, match="x and y not equal to tolerance"):
        tf.debugging.assert_near([1.0, 2.0], [1.0, 2.1])


def test_rank_type_and_shape_assertions():
    with pytest.raises(ValueError, match=r"Tensor  must have rank 2\.  Received rank 1, shape \(2,\)"):
        tf.debugging.assert_rank([1.0, 2.0], 2)
    assert tf.debugging.assert_rank_in(tf.zeros([2, 2]), [1, 2]) is None
    with pytest.raises(TypeError, match=r"tensor must be of type tf\.int32; got tf\.float32"):
        tf.debugging.assert_type([1.0], tf.int32)
    with pytest.raises(TypeError, match='Expected "x" to be integer type'):
        tf.debugging.assert_integer([1.0])
    assert tf.debugging.assert_shapes([(tf.zeros([2, 3]), ("N", "D")), (tf.zeros([3]), ("D",))]) is None
    with pytest.raises(ValueError, match=r"dimension 0 must have size 3\.  Received size 4"):
        tf.debugging.assert_shapes([(tf.zeros([2, 3]), ("N", "D")), (tf.zeros([4]), ("D",))])


def test_check_numerics_errors():
    with pytest.raises(tf.errors.InvalidArgumentError, match="bad : Tensor had NaN values"):
        tf.debugging.check_numerics(tf.constant([1.0, np.nan]), "bad")
    with pytest.raises(tf.errors.InvalidArgumentError, match="bad : Tensor had Inf and NaN values"):
        tf.debugging.check_numerics([np.inf, np.nan], "bad")
    with pytest.raises(tf.errors.InvalidArgumentError, match="Value for attr 'T' of int32 is not in the list"):
        tf.debugging.check_numerics([1, 2], "int")
    with pytest.raises(tf.errors.InvalidArgumentError, match="Tensor had Inf values"):
        tf.debugging.assert_all_finite(tf.constant([np.inf]), "x")


def _checked(x):
    return tf.debugging.check_numerics(x * x, "checked") * tf.ensure_shape(x, x.shape)


@settings(max_examples=10)
@given(shape=st.lists(st.integers(0, 3), max_size=3))
def test_check_numerics_and_ensure_shape_gradients(shape):
    x = np.random.default_rng(2).uniform(-2, 2, size=shape)
    check_gradients(_checked, [x])
    check_second_order(_checked, [x])


def test_check_numerics_gradient_is_checked():
    x = tf.constant([0.0, 4.0])
    with tf.GradientTape() as t:
        t.watch(x)
        y = tf.sqrt(tf.debugging.check_numerics(x, "sq"))
    with pytest.raises(tf.errors.InvalidArgumentError, match=r"Not a number \(NaN\) or infinity \(Inf\) values "
                                                             r"detected in gradient\. b'sq' : Tensor had Inf values"):
        t.gradient(y, x)


def test_print_to_streams(capsys):
    tf.print("a", tf.constant([1, 2, 3, 4, 5, 6, 7]), {"k": tf.constant(1.5)})
    assert capsys.readouterr().err == "a [1 2 3 ... 5 6 7] {'k': 1.5}\n"
    tf.print(tf.reshape(tf.range(6), [2, 3]), output_stream=sys.stdout, sep="|", end="!")
    assert capsys.readouterr().out == "[[0 1 2]\n [3 4 5]]!"
    buffer = io.StringIO()
    with pytest.raises(ValueError, match="Unsupported output stream"):
        tf.print("x", output_stream=buffer)
    with pytest.raises(ValueError, match=r"Unrecognized keyword arguments for tf\.print"):
        tf.print("x", bogus=1)


def test_print_float_formatting(capsys):
    tf.print(tf.constant([1.123456789, 2e-8, 0.1]), tf.constant([0.1, 1 / 3], tf.float64))
    assert capsys.readouterr().err == "[1.12345684 2e-08 0.1] [0.1 0.33333333333333331]\n"


def test_print_to_file(tmp_path):
    path = tmp_path / "out.txt"
    tf.print(tf.constant([True, False]), output_stream=f"file://{path}")
    tf.print(tf.constant(["a"]), output_stream=f"file://{path}")
    assert path.read_text() == "[1 0]\n[\"a\"]\n"


def test_adjust_contrast_values_and_no_gradient():
    images = np.random.default_rng(3).uniform(0, 1, size=(2, 3, 4, 2)).astype(np.float32)
    mean = images.mean(axis=(1, 2), keepdims=True)
    np.testing.assert_allclose(tf.image.adjust_contrast(images, 1.5), (images - mean) * 1.5 + mean, rtol=1e-5,
                               atol=1e-6)
    x = tf.constant(images)
    with tf.GradientTape() as t:
        t.watch(x)
        y = tf.image.adjust_contrast(x, 2.0)
    with pytest.raises(LookupError, match=r"^gradient registry has no entry for: AdjustContrastv2$"):
        t.gradient(y, x)
