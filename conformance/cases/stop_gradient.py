"""Spec sections 3.10 (tf.stop_gradient) and 3.11 (values leaving TensorFlow)."""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from conformance.case import case

AREA = "stop_gradient"


def _grad(build: Any, mode: str = "none", x0: Any = 3.0) -> Any:
    def run(tf: Any) -> Any:
        x = tf.constant(x0)
        with tf.GradientTape() as t:
            t.watch(x)
            y = build(tf, x)
        return t.gradient(y, x, unconnected_gradients=mode)

    return run


_CASES = {
    "x * stop_gradient(x)": lambda tf, x: x * tf.stop_gradient(x),
    "stop_gradient(x * x)": lambda tf, x: tf.stop_gradient(x * x),
    "stop_gradient(x) as the target": lambda tf, x: tf.stop_gradient(x),
    "stop_gradient(x) + x": lambda tf, x: tf.stop_gradient(x) + x,
    "stop_gradient(x) * 0 + x * x": lambda tf, x: tf.stop_gradient(x) * 0.0 + x * x,
    "x - stop_gradient(x)": lambda tf, x: x - tf.stop_gradient(x),
    "straight-through round": lambda tf, x: x + tf.stop_gradient(tf.round(x) - x),
    "stop_gradient of a list element": lambda tf, x: tf.add_n([tf.stop_gradient(x), x * x]),
    "nested stop_gradient": lambda tf, x: tf.stop_gradient(tf.stop_gradient(x) * x) + 2.0 * x,
    "stop_gradient of an identity": lambda tf, x: tf.stop_gradient(tf.identity(x)) * x,
    "stop_gradient inside reduce_sum": lambda tf, x: tf.reduce_sum(tf.stop_gradient(x * tf.ones([3])) * x),
    "numpy factor": lambda tf, x: x.numpy() * x,
    "float() factor": lambda tf, x: float(x) * x,
    "np.square of a tensor": lambda tf, x: np.square(x),
    "np.square times x": lambda tf, x: tf.constant(np.square(x)) * x,
    "np.asarray round trip": lambda tf, x: tf.constant(np.asarray(x)) * 2.0,
    "python math on a tensor": lambda tf, x: tf.constant(math.sqrt(x)) * x,
    "tf.constant of a tensor": lambda tf, x: tf.constant(x) * 2.0,
    "convert_to_tensor of a tensor": lambda tf, x: tf.convert_to_tensor(x) * 2.0,
    "identity of a tensor": lambda tf, x: tf.identity(x) * 2.0,
    "list(x) of a vector": lambda tf, x: list(x * tf.ones([2]))[1] * 2.0,
    "python int() factor": lambda tf, x: int(x) * x,
}
for _label, _build in _CASES.items():
    case(AREA, f"{_label}")(_grad(_build))
    case(AREA, f"{_label}, zero")(_grad(_build, "zero"))


def _vector(build: Any) -> Any:
    def run(tf: Any) -> Any:
        x = tf.constant([1.0, -2.0, 3.0])
        with tf.GradientTape() as t:
            t.watch(x)
            y = build(tf, x)
        return [y, t.gradient(y, x)]

    return run


_VECTOR = {
    "stop_gradient on half of a concat": lambda tf, x: tf.reduce_sum(x * tf.stop_gradient(x)),
    "stop_gradient in a mask": lambda tf, x: tf.where(tf.stop_gradient(x) > 0, x, 2.0 * x),
    "stop_gradient of a normalizer": lambda tf, x: x / tf.stop_gradient(tf.reduce_sum(x * x)),
    "stop_gradient of a slice": lambda tf, x: tf.stop_gradient(x[0]) * x,
}
for _label, _build in _VECTOR.items():
    case(AREA, f"vector: {_label}")(_vector(_build))


@case(AREA, "stop_gradient(v) * v")
def variable_product(tf: Any) -> Any:
    v = tf.Variable(3.0)
    with tf.GradientTape() as t:
        y = tf.stop_gradient(v) * v
    return t.gradient(y, v)


@case(AREA, "stop_gradient(v) alone")
def variable_alone(tf: Any) -> Any:
    v = tf.Variable(3.0)
    with tf.GradientTape() as t:
        y = tf.stop_gradient(v)
    return t.gradient(y, v)


@case(AREA, "stop_gradient of a variable returns a plain tensor")
def variable_returns_tensor(tf: Any) -> Any:
    r = tf.stop_gradient(tf.Variable([1.0, 2.0]))
    return [type(r).__name__, isinstance(r, tf.Tensor), isinstance(r, tf.Variable), r]


@case(AREA, "stop_gradient of a python float")
def python_float(tf: Any) -> Any:
    r = tf.stop_gradient(1.0)
    return [type(r).__name__, r]


@case(AREA, "stop_gradient of a python list")
def python_list(tf: Any) -> Any:
    return tf.stop_gradient([1, 2])


@case(AREA, "stop_gradient of a numpy array")
def numpy_array(tf: Any) -> Any:
    return tf.stop_gradient(np.array([1.0, 2.0]))


@case(AREA, "stop_gradient of None")
def of_none(tf: Any) -> Any:
    return tf.stop_gradient(None)


@case(AREA, "stop_gradient keeps value, dtype and shape")
def keeps_value(tf: Any) -> Any:
    x = tf.constant([[1, 2]], dtype=tf.int64)
    s = tf.constant(["a"])
    return [tf.stop_gradient(x), tf.stop_gradient(s), tf.stop_gradient(tf.constant(1.5, dtype=tf.float16))]


@case(AREA, "stop_gradient name argument")
def with_name(tf: Any) -> Any:
    return tf.stop_gradient(tf.constant(1.0), name="sg")


@case(AREA, "stop_gradient result is a new tensor")
def new_tensor(tf: Any) -> Any:
    x = tf.constant(1.0)
    return tf.stop_gradient(x) is x


@case(AREA, "stop_gradient second order")
def second_order(tf: Any) -> Any:
    x = tf.constant(2.0)
    with tf.GradientTape() as outer:
        outer.watch(x)
        with tf.GradientTape() as inner:
            inner.watch(x)
            y = x * x * tf.stop_gradient(x)
        g = inner.gradient(y, x)
    return [g, outer.gradient(g, x)]


@case(AREA, "stop_gradient of a gradient")
def of_gradient(tf: Any) -> Any:
    x = tf.constant(2.0)
    with tf.GradientTape() as outer:
        outer.watch(x)
        with tf.GradientTape() as inner:
            inner.watch(x)
            y = x * x * x
        g = tf.stop_gradient(inner.gradient(y, x))
    return [g, outer.gradient(g, x, unconnected_gradients="zero")]


@case(AREA, "stop_gradient with a jacobian")
def jacobian(tf: Any) -> Any:
    x = tf.constant([1.0, 2.0])
    with tf.GradientTape() as t:
        t.watch(x)
        y = x * tf.stop_gradient(x)
    return t.jacobian(y, x)


@case(AREA, "stop_gradient on a complex tensor")
def complex_value(tf: Any) -> Any:
    z = tf.constant([1 + 1j])
    with tf.GradientTape() as t:
        t.watch(z)
        y = z * tf.stop_gradient(z)
    return t.gradient(y, z)


@case(AREA, "stop_gradient of an IndexedSlices gradient")
def indexed_slices(tf: Any) -> Any:
    v = tf.Variable([[1.0, 2.0], [3.0, 4.0]])
    with tf.GradientTape() as t:
        y = tf.gather(v, [1])
    g = t.gradient(y, v)
    s = tf.stop_gradient(g)
    return [type(s).__name__, s]


@case(AREA, "nested structure into stop_gradient")
def nested(tf: Any) -> Any:
    return tf.stop_gradient([tf.constant(1.0), tf.constant(2.0)])
