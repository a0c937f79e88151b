"""Tests written once against the `tf` fixture of tfshim's pytest plugin.

    pytest                       # tfshim only (the default)
    pytest --tf-backend=both     # each test on tfshim and on TensorFlow; returned/compared values must match
"""

import numpy as np
import pytest
from tinyfit import loss_and_gradients, train


def test_training_reduces_the_loss(tf):
    result = train(tf)
    assert result["losses"][-1] < 0.1 * result["losses"][0]


def test_training_recovers_the_line(tf, tf_compare):
    result = train(tf, steps=60)
    tf_compare(result["w"], "w")  # compared between backends under --tf-backend=both
    tf_compare(result["b"], "b")
    assert abs(float(result["w"]) - 3.0) < 0.2
    assert abs(float(result["b"]) + 1.0) < 0.1


def test_first_gradients(tf):
    w, b = tf.Variable(0.5), tf.Variable(0.0)
    x, y = tf.constant([1.0, 2.0]), tf.constant([2.0, 4.0])
    loss, grads = loss_and_gradients(tf, w, b, x, y)
    np.testing.assert_allclose(float(loss), 5.625)
    return [loss, grads]  # the return value is compared between backends too


def test_gradient_of_an_unused_variable_is_none(tf):
    w, unused = tf.Variable(1.0), tf.Variable(2.0)
    with tf.GradientTape() as tape:
        loss = w * w
    grads = tape.gradient(loss, [w, unused])
    assert grads[1] is None
    return grads


@pytest.mark.parametrize("dtype", ["float32", "float64"])
def test_dtype_is_kept(tf, dtype):
    x = tf.constant([1.0, 2.0], dtype=getattr(tf, dtype))
    with tf.GradientTape() as tape:
        tape.watch(x)
        y = tf.reduce_sum(x * x)
    grad = tape.gradient(y, x)
    assert grad.dtype == getattr(tf, dtype)
    return grad
