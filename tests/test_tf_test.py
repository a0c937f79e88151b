"""tf.test: TestCase helpers (a TF-style test file runs on tfshim) and compute_gradient's Jacobians."""

from __future__ import annotations

import os
import unittest

import numpy as np
import pytest

import tfshim as tf


class _Example(tf.test.TestCase):
    """A test written the way TensorFlow's own tests are."""

    def test_values(self):
        x = tf.constant([1.0, 2.0])
        self.assertAllClose(x * 2, [2.0, 4.0])
        self.assertAllEqual(tf.shape(x), [2])
        self.assertAllClose({"a": x, "b": (x, [1.0])}, {"a": [1.0, 2.0], "b": ([1.0, 2.0], [1.0])})
        self.assertAllCloseAccordingToType(tf.constant([1.0], tf.float16), [1.0004])
        self.assertAllGreater(x, 0.5)
        self.assertAllLessEqual(x, 2.0)
        self.assertAllInRange(x, 1.0, 2.0)
        self.assertAllInSet(tf.constant([1, 2, 1]), {1, 2})
        self.assertNotAllClose(x, [1.0, 2.5])
        self.assertDTypeEqual(x, np.float32)
        self.assertShapeEqual(np.zeros([2]), x)
        self.assertEqual(self.evaluate(x).tolist(), [1.0, 2.0])
        with self.cached_session() as sess:
            self.assertEqual(sess.run(x).tolist(), [1.0, 2.0])
        with self.assertRaisesOpError("Incompatible shapes"):
            x + tf.constant([1.0, 2.0, 3.0])

    def test_gradient_check(self):
        theoretical, numerical = tf.test.compute_gradient(tf.sin, [tf.constant([0.3, 1.2], tf.float64)])
        self.assertAllClose(theoretical, numerical, atol=1e-5)


def test_tf_style_test_case_runs():
    with open(os.devnull, "w") as sink:
        result = unittest.TextTestRunner(stream=sink).run(unittest.defaultTestLoader.loadTestsFromTestCase(_Example))
    assert result.wasSuccessful(), result.failures + result.errors


def test_failures_raise_assertion_errors():
    case = _Example("test_values")
    with pytest.raises(AssertionError, match="not close where"):
        case.assertAllClose([1.0, 2.0], [1.0, 2.1])
    with pytest.raises(AssertionError, match="Shape mismatch: expected \\(2,\\), got \\(3,\\)"):
        case.assertAllEqual([1, 2], [1, 2, 3])
    with pytest.raises(AssertionError, match="1 of the 2 element\\(s\\) are outside the range \\[0, 3\\]"):
        case.assertAllInRange([1, 5], 0, 3)
    with pytest.raises(ValueError, match="Unsupported type 'int'"):
        case.evaluate([3])


def test_set_up_seeds_the_generators():
    first = _Example("test_values")
    first.setUp()
    a = tf.random.uniform([3]).numpy()
    second = _Example("test_values")
    second.setUp()
    np.testing.assert_array_equal(a, tf.random.uniform([3]).numpy())


def test_compute_gradient_shapes_and_values():
    x = tf.constant([[1.0, 2.0, 3.0]])
    theoretical, numerical = tf.test.compute_gradient(lambda a: a * a, [x])
    assert len(theoretical) == 1 and theoretical[0].shape == (3, 3) and theoretical[0].dtype == np.float32
    np.testing.assert_allclose(theoretical[0], np.diag([2.0, 4.0, 6.0]))
    np.testing.assert_allclose(numerical[0], np.diag([2.0, 4.0, 6.0]), rtol=1e-3)
    t2, _ = tf.test.compute_gradient(lambda a, b: tf.reduce_sum(a * b), [[1.0, 2.0], [3.0, 4.0]])
    assert [j.shape for j in t2] == [(1, 2), (1, 2)]
    np.testing.assert_allclose(t2[1], [[1.0, 2.0]])
    tc, nc = tf.test.compute_gradient(lambda z: z * z, [tf.constant([1 + 2j], tf.complex128)])
    assert tc[0].shape == (2, 2) and tc[0].dtype == np.float64
    np.testing.assert_allclose(tc[0], nc[0], atol=1e-6)
    unconnected, _ = tf.test.compute_gradient(lambda a: tf.constant(1.0), [tf.constant([1.0, 2.0])])
    np.testing.assert_array_equal(unconnected[0], [[0.0, 0.0]])
    with pytest.raises(ValueError, match="`x` must be a list or tuple"):
        tf.test.compute_gradient(tf.sin, tf.constant(1.0))


def test_device_queries():
    assert tf.test.is_gpu_available() is False and tf.test.gpu_device_name() == ""
    assert tf.test.is_built_with_cuda() is False
