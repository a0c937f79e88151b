"""tf.debugging (assertions, check_numerics, Assert), tf.ensure_shape, tf.print's formatting (read back
from a `file://` output stream), tf.image.adjust_contrast (forward only: LookupError for its gradient)
and tf.test (TestCase helpers, compute_gradient)."""

from __future__ import annotations

import os
import tempfile
from typing import Any

import numpy as np

from conformance.case import attempt, case


@case("debugging", "binary assertions: pass, fail messages, summarize, message, shape and dtype errors")
def binary_asserts(tf: Any) -> Any:
    d = tf.debugging
    return [d.assert_equal([1, 2], [1, 2]), d.assert_less([1, 2], [2, 3]),
            attempt(d.assert_equal, 1, 2),
            attempt(d.assert_equal, [1, 2, 3], [1, 5, 4]),
            attempt(d.assert_equal, [1, 2, 3], [1, 5, 4], message="boom", summarize=1),
            attempt(d.assert_equal, [[1, 2], [3, 4]], [[1, 5], [3, 7]]),
            attempt(d.assert_equal, [1, 2, 3], [1, 5]),
            attempt(d.assert_equal, [1, 2, 3], 1),
            attempt(d.assert_equal, [1.0, 2.0], [1, 2]),
            attempt(d.assert_equal, tf.constant([1.0, np.nan]), tf.constant([1.0, np.nan])),
            attempt(d.assert_equal, "a", "b"),
            attempt(d.assert_less, [1, 2], [1, 3]),
            attempt(d.assert_less_equal, [1, 2], [0, 3], summarize=-1),
            attempt(d.assert_greater, [1, 2], [1, 3], message="m"),
            attempt(d.assert_greater_equal, 1, 2),
            attempt(d.assert_none_equal, [1, 2], [1, 3]),
            attempt(tf.assert_equal, 1, 2), attempt(tf.assert_less, 2, 1), attempt(tf.assert_greater, 1, 2)]


@case("debugging", "sign assertions and assert_near")
def sign_asserts(tf: Any) -> Any:
    d = tf.debugging
    return [d.assert_positive([1.0, 2.0]), d.assert_near([1.0, 2.0], [1.0, 2.0000001]),
            d.assert_near([1.0, 2.0], [1, 2]),
            attempt(d.assert_negative, [1.0, -2.0]),
            attempt(d.assert_positive, [1.0, -2.0], message="pos"),
            attempt(d.assert_non_negative, [1.0, -2.0]),
            attempt(d.assert_non_positive, [1.0, -2.0]),
            attempt(d.assert_positive, tf.range(10) - 3, summarize=2),
            attempt(d.assert_near, [1.0, 2.0], [1.0, 2.1]),
            attempt(d.assert_near, [1.0, 2.0], [1.0, 2.1], rtol=0.01, atol=0.001, message="near"),
            attempt(d.assert_near, tf.constant([1.0], tf.float64), [1.5])]


@case("debugging", "rank, type, integer and scalar assertions")
def rank_type_asserts(tf: Any) -> Any:
    d = tf.debugging
    return [d.assert_rank([1.0, 2.0], 1), d.assert_rank_at_least(tf.zeros([2, 3]), 1),
            d.assert_rank_in(tf.zeros([2]), [0, 1]), d.assert_integer([1, 2]), d.assert_type([1.0], tf.float32),
            d.assert_scalar(1.0),
            attempt(d.assert_rank, [1.0, 2.0], 2), attempt(d.assert_rank, [1.0, 2.0], 2, message="r"),
            attempt(d.assert_rank, [1.0, 2.0], [1]), attempt(d.assert_rank, [1.0, 2.0], 1.0),
            attempt(d.assert_rank, tf.zeros([2, 3]), tf.constant(2, tf.int64)),
            attempt(d.assert_rank_at_least, [1.0, 2.0], 2), attempt(d.assert_rank_in, [1.0, 2.0], [0, 2]),
            attempt(d.assert_integer, [1.0, 2.0]), attempt(d.assert_type, [1.0, 2.0], tf.int32),
            attempt(d.assert_type, [1.0, 2.0], tf.int32, message="ty"), attempt(d.assert_type, 1.0, "bogus"),
            attempt(d.assert_scalar, [1.0, 2.0]), attempt(tf.assert_rank, [1.0], 0),
            attempt(d.assert_proper_iterable, tf.constant([1])) is not None, d.assert_proper_iterable([1]),
            d.is_numeric_tensor(tf.constant([1])), d.is_numeric_tensor(tf.constant(["a"])),
            d.is_numeric_tensor(np.array([1])),
            d.assert_same_float_dtype([tf.constant(1.0)]), d.assert_same_float_dtype(None, tf.float64),
            attempt(d.assert_same_float_dtype, [tf.constant(1.0), tf.constant(1.0, tf.float64)]),
            attempt(d.assert_same_float_dtype, [tf.constant(1)])]


@case("debugging", "assert_shapes")
def assert_shapes(tf: Any) -> Any:
    d = tf.debugging
    a, b = tf.zeros([2, 3]), tf.zeros([3])
    return [d.assert_shapes([(a, ("N", "D")), (b, ("D",))]), d.assert_shapes([(a, (..., 3))]),
            d.assert_shapes({"k": None}), d.assert_shapes([(a, (2, None))]), d.assert_shapes([(a, (".", "*"))]),
            attempt(d.assert_shapes, [(a, ("N", "D")), (tf.zeros([4]), ("D",))]),
            attempt(d.assert_shapes, [(a, (2, 4))]),
            attempt(d.assert_shapes, [(a, ("N",))]),
            attempt(d.assert_shapes, [(a, ("*", 4))], message="sh"),
            attempt(d.assert_shapes, [(a, 5)]),
            attempt(d.assert_shapes, [(tf.zeros([]), ("N",)), (tf.zeros([2]), ("N",))]),
            attempt(d.assert_shapes, [(b, ())]),
            attempt(d.assert_shapes, [(b, (3, ...))]),
            attempt(d.assert_shapes, [(tf.zeros([2, 3, 4]), ("*", "A", "B")), (a, ("A", "B"))])]


@case("debugging", "Assert: eager message and summarize")
def assert_op(tf: Any) -> Any:
    return [tf.debugging.Assert(True, [1]), tf.Assert(tf.constant(True), ["x"]),
            attempt(tf.debugging.Assert, False, [1, "a", [1.0, 2.0, 3.0, 4.0]]),
            attempt(tf.debugging.Assert, tf.constant(False), [tf.constant([1, 2, 3, 4, 5])], summarize=2),
            attempt(tf.debugging.Assert, tf.constant(False), [tf.constant([1, 2, 3])], summarize=-1),
            attempt(tf.debugging.Assert, tf.constant(False), [tf.constant(7)], summarize=0)]


@case("debugging", "check_numerics and assert_all_finite: messages, dtypes, gradient")
def check_numerics(tf: Any) -> Any:
    d = tf.debugging
    x = tf.constant([1.0, 4.0])
    with tf.GradientTape(persistent=True) as t:
        t.watch(x)
        y = d.check_numerics(x * x, "fine")
        z = d.check_numerics(tf.sqrt(x - 1.0), "sq")
        w = tf.sqrt(d.check_numerics(x - 1.0, "upstream"))
    return [d.check_numerics([1.0, 2.0], "ok"), d.assert_all_finite([1.0, 2.0], "ok"),
            attempt(d.check_numerics, [1.0, np.nan], "bad"),
            attempt(d.check_numerics, [1.0, np.inf], "bad"),
            attempt(d.check_numerics, [1.0, np.inf, np.nan], "bad"),
            attempt(d.check_numerics, tf.constant([1.0, -np.inf], tf.float64), "msg"),
            attempt(d.check_numerics, [1, 2], "int"),
            attempt(d.check_numerics, tf.constant([1, 2]), "int"),
            attempt(d.assert_all_finite, [1.0, np.nan], "bad"),
            attempt(d.assert_all_finite, [1, 2], "int"),
            t.gradient(y, x), attempt(t.gradient, z, x), attempt(t.gradient, w, x)]


@case("debugging", "ensure_shape")
def ensure_shape(tf: Any) -> Any:
    x = tf.zeros([2, 3])
    v = tf.constant([1.0, 2.0])
    with tf.GradientTape() as t:
        t.watch(v)
        y = tf.ensure_shape(v * v, [2])
    return [tf.ensure_shape(x, [2, None]), tf.ensure_shape(x, None), t.gradient(y, v),
            attempt(tf.ensure_shape, x, [3, None]), attempt(tf.ensure_shape, x, [3, None], name="q"),
            attempt(tf.ensure_shape, [1.0, 2.0], [3]), attempt(tf.ensure_shape, x, [2])]


def _printed(tf: Any, *args: Any, **kwargs: Any) -> str:
    fd, path = tempfile.mkstemp(suffix=".txt")
    os.close(fd)
    try:
        tf.print(*args, output_stream="file://" + path, **kwargs)
        with open(path, encoding="utf-8") as f:
            return f.read()
    finally:
        os.remove(path)


@case("debugging", "tf.print formats tensors like TensorFlow's StringFormat op")
def print_tensors(tf: Any) -> Any:
    p = _printed
    return [p(tf, tf.constant(1.5)), p(tf, tf.constant([1.0, 2.0, 3.0])), p(tf, tf.range(10)),
            p(tf, tf.reshape(tf.range(24), [2, 3, 4])), p(tf, tf.reshape(tf.range(100), [10, 10])),
            p(tf, tf.reshape(tf.range(120), [2, 3, 4, 5])), p(tf, tf.range(10), summarize=-1),
            p(tf, tf.range(10), summarize=2), p(tf, tf.range(10), summarize=0), p(tf, tf.constant(3), summarize=0),
            p(tf, tf.constant([True, False])), p(tf, tf.constant([1.123456789, 2e-8, 3e10])),
            p(tf, tf.constant([0.1, 0.25, 1.0 / 3.0], tf.float64)), p(tf, tf.constant([[1.5]])),
            p(tf, tf.constant(3, tf.int64), tf.constant(np.float16(1.5))), p(tf, tf.constant([1 + 2j])),
            p(tf, tf.constant(1 + 2j)), p(tf, tf.constant(["a", "b\n'\""])), p(tf, tf.zeros([0])),
            p(tf, tf.zeros([2, 0])), p(tf, tf.zeros([0, 2])), p(tf, tf.Variable([1.0, 2.0])),
            p(tf, tf.constant([np.nan, np.inf, -np.inf, -0.0])),
            p(tf, tf.constant([1e-5, 123456789.0, 1.0e7, 0.0001, 2.0 ** -20])),
            p(tf, tf.constant([1, 2], tf.uint8), tf.constant([-1], tf.int8)),
            p(tf, tf.constant(0.1, tf.float64)), p(tf, tf.constant(1.0 / 3.0, tf.float64))]


@case("debugging", "tf.print templates: strings, Python values, structures, sep and end")
def print_templates(tf: Any) -> Any:
    p = _printed
    return [p(tf, "a", 1, 2.5, tf.constant("str"), [1, 2], {"a": tf.constant(1)}, (tf.constant(2),), None, True),
            p(tf, "x", "y", sep=", ", end="!\n"), p(tf, np.array([1.0, 2.0])), p(tf), p(tf, tf.constant("only")),
            p(tf, [tf.constant([1, 2, 3, 4, 5])]), p(tf, tf.constant(1.0), tf.constant([[1.0, 2.0], [3.0, 4.0]])),
            p(tf, "{}", tf.constant(1)), p(tf, {"b": 2, "a": [tf.constant(1.5), "s"]}), p(tf, "a", end=""),
            attempt(tf.print, "a", foo=1), attempt(tf.print, "a", output_stream="bogus")]


@case("debugging", "image.adjust_contrast: values, dtypes, errors")
def adjust_contrast(tf: Any) -> Any:
    x = tf.constant([[[1.0, 2.0], [3.0, 5.0]], [[0.0, 1.0], [2.0, 2.0]]])
    ac = tf.image.adjust_contrast
    return [ac(x, 2.0), ac(tf.constant(np.arange(12, dtype=np.uint8).reshape(2, 2, 3)), 2.0),
            ac(tf.constant(np.arange(12, dtype=np.int32).reshape(2, 2, 3) * 100000000), 2.0),
            ac(tf.constant(np.arange(12, dtype=np.float64).reshape(2, 2, 3)), 0.5),
            tuple(ac(tf.zeros([2, 2, 2, 3]), tf.constant(2.0)).shape), ac(tf.zeros([2, 2, 3]), 2),
            ac([[[1.0]]], 2.0), ac(tf.zeros([0, 2, 3]), 2.0),
            attempt(ac, tf.constant(np.arange(12, dtype=np.float16).reshape(2, 2, 3)), 2.0),
            attempt(ac, tf.zeros([2, 3]), 2.0), attempt(ac, tf.zeros([2, 2, 3]), [2.0, 3.0]),
            attempt(ac, tf.zeros([2, 2, 3], tf.bool), 2.0),
            attempt(ac, tf.zeros([2, 2, 3]), tf.constant(2.0, tf.float64))]


@case("debugging", "image.adjust_contrast has no gradient: LookupError naming the op")
def adjust_contrast_gradient(tf: Any) -> Any:
    x = tf.constant([[[1.0, 2.0], [3.0, 5.0]]])
    c = tf.constant(2.0)
    with tf.GradientTape(persistent=True) as t:
        t.watch([x, c])
        y = tf.image.adjust_contrast(x, 2.0)
        z = tf.image.adjust_contrast(x, c)
        w = tf.image.adjust_contrast(tf.round(x), 2.0) + x
        v = tf.image.adjust_contrast(tf.cast(tf.cast(x, tf.int32), tf.float32), 2.0) + x
    return [attempt(t.gradient, y, x), attempt(t.gradient, z, c), attempt(t.gradient, w, x), t.gradient(v, x)]


@case("debugging", "a stop_gradient output is not tracked: ops after it are never differentiated")
def stop_gradient_before_adjust_contrast(tf: Any) -> Any:
    x = tf.constant([[[1.0, 2.0], [3.0, 5.0]]])
    with tf.GradientTape(persistent=True) as t:
        t.watch(x)
        y = tf.image.adjust_contrast(tf.stop_gradient(x), 2.0)
        w = tf.image.adjust_contrast(tf.stop_gradient(x) * 2.0, 2.0) + x
    return [attempt(t.gradient, y, x), attempt(t.gradient, w, x)]


@case("debugging", "image.convert_image_dtype")
def convert_image_dtype(tf: Any) -> Any:
    c = tf.image.convert_image_dtype
    u8 = tf.constant([0, 128, 255], tf.uint8)
    return [c(u8, tf.float32), c(u8, tf.int32), c(tf.constant([0, 2**30], tf.int32), tf.uint8),
            c(tf.constant([0.0, 0.5, 1.0, 1.5]), tf.uint8), c(tf.constant([0.0, 0.5, 1.5]), tf.uint8, saturate=True),
            c(tf.constant([0.25]), tf.float64), attempt(c, u8, tf.bool), attempt(c, tf.constant([True]), tf.float32)]


@case("debugging", "tf.test.compute_gradient: Jacobian shapes, dtypes and values")
def compute_gradient(tf: Any) -> Any:
    cg = tf.test.compute_gradient
    t1, n1 = cg(lambda x: x * x, [tf.constant([1.0, 2.0])])
    t2, n2 = cg(lambda x, y: tf.reduce_sum(x * y),
                [tf.constant([[1.0, 2.0]], tf.float64), tf.constant([3.0, 4.0], tf.float64)])
    t3, n3 = cg(lambda x: tf.constant(1.0), [tf.constant([1.0])])
    return [t1, n1, t2, n2, t3, n3, cg(lambda x: x * 2.0, [3.0], delta=0.5),
            attempt(cg, lambda x: tf.cast(x, tf.float32), [tf.constant(1)])]


@case("debugging", "tf.test.compute_gradient needs a list of arguments", compare_message=False)
def compute_gradient_not_list(tf: Any) -> Any:
    return attempt(tf.test.compute_gradient, lambda x: x, tf.constant(1.0))


@case("debugging", "tf.test.TestCase helpers")
def test_case_helpers(tf: Any) -> Any:
    class T(tf.test.TestCase):
        def runTest(self) -> None:  # noqa: N802 - unittest's name
            pass

    t = T()
    t.setUp()
    return [t.evaluate(tf.constant(1.0)), t.evaluate([tf.constant(1), {"a": tf.constant([1, 2])}, None]),
            t.evaluate(tf.Variable(2.0)), attempt(t.evaluate, [3]),
            attempt(t.assertAllClose, [1.0, 2.0], [1.0, 2.1]), attempt(t.assertAllClose, 1.0, 1.1),
            attempt(t.assertAllEqual, [1, 2], [1, 3]), attempt(t.assertAllEqual, [1, 2], [1, 2, 3]),
            attempt(t.assertAllClose, {"a": 1.0}, {"a": 2.0}), attempt(t.assertAllGreater, [1, 2], 1),
            attempt(t.assertAllInRange, [1, 5], 0, 3), t.assertAllClose([1.0, 2.0], tf.constant([1.0, 2.0])),
            attempt(t.assertNear, 1.0, 1.5, 0.1),
            t.assertAllCloseAccordingToType(tf.constant([1.0], tf.float16), [1.0005]),
            attempt(t.assertAllCloseAccordingToType, tf.constant([1.0], tf.float64), [1.0005]),
            t.assertDTypeEqual(tf.constant([1]), np.int32), t.assertShapeEqual(np.zeros([2, 3]), tf.zeros([2, 3])),
            attempt(t.assertAllInSet, [1, 2, 4], {1, 2}), attempt(t.assertNotAllClose, [1.0], [1.0]),
            t.assertAllEqual(tf.constant([np.nan]), [np.nan]), attempt(t.assertAllLess, [1, 5], 3),
            t.assertAllClose((1.0, [2.0, 3.0]), (1.0, np.array([2.0, 3.0]))),
            attempt(t.assertAllClose, [1.0, 2.0], [1.0, 2.0, 3.0]),
            tf.test.is_gpu_available(), tf.test.gpu_device_name(), tf.test.is_built_with_cuda()]


@case("debugging", "tf.test.TestCase.assertRaisesOpError")
def assert_raises_op_error(tf: Any) -> Any:
    class T(tf.test.TestCase):
        def runTest(self) -> None:  # noqa: N802 - unittest's name
            pass

    t = T()

    def raises() -> Any:
        with t.assertRaisesOpError("Incompatible shapes"):
            tf.constant([1, 2]) + tf.constant([1, 2, 3])
        with t.assertRaisesIncompatibleShapesError():
            tf.constant([1, 2]) * tf.constant([1, 2, 3])
        return "ok"

    def wrong() -> Any:
        with t.assertRaisesOpError("nothing like this"):
            tf.constant([1, 2]) + tf.constant([1, 2, 3])

    return [raises(), attempt(wrong) is not None]
