"""Spec section 1: tf.UnconnectedGradients and the unconnected_gradients argument."""

from __future__ import annotations

import enum
from typing import Any

import numpy as np

from conformance.case import attempt, case

AREA = "unconnected"


# -- the enum itself --------------------------------------------------------------------------------
@case(AREA, "enum members in order")
def enum_members(tf: Any) -> Any:
    return [m.name for m in tf.UnconnectedGradients]


@case(AREA, "enum member values")
def enum_values(tf: Any) -> Any:
    return [tf.UnconnectedGradients.NONE.value, tf.UnconnectedGradients.ZERO.value]


@case(AREA, "enum members are enum members")
def enum_members_enum(tf: Any) -> Any:
    return list(tf.UnconnectedGradients)


@case(AREA, "enum is a plain Enum, not a str Enum")
def enum_plain(tf: Any) -> Any:
    u = tf.UnconnectedGradients
    return [issubclass(u, enum.Enum), issubclass(u, str), isinstance(u.NONE, str), len(u.__mro__)]


@case(AREA, "enum mro names")
def enum_mro(tf: Any) -> Any:
    return [c.__name__ for c in tf.UnconnectedGradients.__mro__]


@case(AREA, "repr of the enum class")
def enum_class_repr(tf: Any) -> Any:
    return repr(tf.UnconnectedGradients)


@case(AREA, "str of members")
def enum_str(tf: Any) -> Any:
    return [str(tf.UnconnectedGradients.NONE), str(tf.UnconnectedGradients.ZERO)]


@case(AREA, "repr of members")
def enum_repr(tf: Any) -> Any:
    return [repr(tf.UnconnectedGradients.NONE), repr(tf.UnconnectedGradients.ZERO)]


@case(AREA, "member equals its string value")
def enum_eq_str(tf: Any) -> Any:
    u = tf.UnconnectedGradients
    return [u.NONE == "none", u.ZERO == "zero", u.NONE != "none", u.NONE == u.NONE, u.NONE == u.ZERO]


@case(AREA, "construct from lower-case values")
def enum_from_value(tf: Any) -> Any:
    u = tf.UnconnectedGradients
    return [u("none") is u.NONE, u("zero") is u.ZERO]


@case(AREA, "construct from upper-case name raises")
def enum_from_upper(tf: Any) -> Any:
    return tf.UnconnectedGradients("NONE")


@case(AREA, "construct from bogus raises")
def enum_from_bogus(tf: Any) -> Any:
    return tf.UnconnectedGradients("bogus")


@case(AREA, "lookup by name")
def enum_by_name(tf: Any) -> Any:
    u = tf.UnconnectedGradients
    return [u["NONE"] is u.NONE, u["ZERO"] is u.ZERO, len(u)]


@case(AREA, "compat.v1 alias is the same object")
def enum_compat(tf: Any) -> Any:
    return tf.compat.v1.UnconnectedGradients is tf.UnconnectedGradients


@case(AREA, "enum members are hashable and usable as dict keys")
def enum_hash(tf: Any) -> Any:
    u = tf.UnconnectedGradients
    return sorted({u.NONE: 1, u.ZERO: 2}.values())


# -- the unconnected_gradients argument -------------------------------------------------------------
def _unconnected(tf: Any, mode: Any) -> Any:
    x = tf.constant(3.0)
    y = tf.constant([1.0, 2.0])
    with tf.GradientTape() as t:
        t.watch([x, y])
        z = x * 2.0
    return t.gradient(z, [x, y], unconnected_gradients=mode)


def _accepted(mode: Any) -> Any:
    def run(tf: Any) -> Any:
        m = getattr(tf.UnconnectedGradients, mode) if mode in ("NONE", "ZERO") else mode
        return _unconnected(tf, m)

    return run


for _mode in ("NONE", "ZERO", "none", "zero"):
    case(AREA, f"accepted value {_mode!r} on a half-connected list")(_accepted(_mode))


def _rejected(value: Any, setup: str) -> Any:
    def run(tf: Any) -> Any:
        x = tf.constant(3.0)
        with tf.GradientTape() as t:
            if setup != "unwatched":
                t.watch(x)
            y = x * x
        return t.gradient(y, x, unconnected_gradients=value)

    return run


for _value in ("ZERO", "Zero", "bogus", None, 0, 1, True, False, "", " zero", 1.5, b"zero"):
    for _setup in ("connected", "unwatched"):
        case(AREA, f"rejected value {_value!r} ({_setup} source)")(_rejected(_value, _setup))


@case(AREA, "rejected value on a persistent tape leaves it usable")
def rejected_then_ok(tf: Any) -> Any:
    x = tf.constant(3.0)
    with tf.GradientTape(persistent=True) as t:
        t.watch(x)
        y = x * x
    return [attempt(t.gradient, y, x, unconnected_gradients="bad"), t.gradient(y, x)]


@case(AREA, "rejected value on a non-persistent tape still consumes it")
def rejected_consumes(tf: Any) -> Any:
    x = tf.constant(3.0)
    with tf.GradientTape() as t:
        t.watch(x)
        y = x * x
    return [attempt(t.gradient, y, x, unconnected_gradients="bad"), attempt(t.gradient, y, x)]


@case(AREA, "rejected value with an empty source list")
def rejected_empty_sources(tf: Any) -> Any:
    x = tf.constant(3.0)
    with tf.GradientTape() as t:
        t.watch(x)
        y = x * x
    return t.gradient(y, [], unconnected_gradients="bogus")


@case(AREA, "rejected value with an unrecorded target")
def rejected_unrecorded(tf: Any) -> Any:
    x = tf.constant(3.0)
    with tf.GradientTape() as t:
        pass
    return t.gradient(x * 2.0, x, unconnected_gradients="nope")


@case(AREA, "rejected enum of another class")
def rejected_other_enum(tf: Any) -> Any:
    class Other(enum.Enum):
        NONE = "none"

    x = tf.constant(3.0)
    with tf.GradientTape() as t:
        t.watch(x)
        y = x * x
    return t.gradient(y, x, unconnected_gradients=Other.NONE)


@case(AREA, "keyword name is unconnected_gradients")
def keyword_name(tf: Any) -> Any:
    x = tf.constant(3.0)
    with tf.GradientTape() as t:
        y = tf.constant(1.0) * 2.0
    return t.gradient(y, x, None, tf.UnconnectedGradients.ZERO)


# -- NONE versus ZERO on structures ----------------------------------------------------------------
def _structure(mode: str) -> Any:
    def run(tf: Any) -> Any:
        a = tf.constant(1.0)
        b = tf.constant([1.0, 2.0], dtype=tf.float64)
        c = tf.constant([[1.0, 2.0, 3.0]])
        with tf.GradientTape() as t:
            t.watch([a, b, c])
            y = a * 3.0
        return t.gradient(y, {"a": a, "rest": [b, (c,)]}, unconnected_gradients=mode)

    return run


for _mode in ("none", "zero"):
    case(AREA, f"nested sources, {_mode}")(_structure(_mode))


@case(AREA, "connected zero stays a real zero under NONE")
def connected_zero(tf: Any) -> Any:
    xs = tf.constant([0.0, 1.0, 2.0])
    with tf.GradientTape() as t:
        parts = [xs[0] * 1.0, xs[1] * 1.0, xs[2] * 1.0]
        for p in parts:
            t.watch(p)
        y = parts[0] * parts[1]
    return t.gradient(y, parts)


@case(AREA, "unwatched source, zero, shape follows the source")
def unwatched_zero_shape(tf: Any) -> Any:
    x = tf.ones([2, 3, 4], dtype=tf.float64)
    with tf.GradientTape() as t:
        y = tf.constant(2.0)
    return t.gradient(y, x, unconnected_gradients="zero")


@case(AREA, "unconnected variable, zero")
def unconnected_variable_zero(tf: Any) -> Any:
    v = tf.Variable([1.0, 2.0])
    w = tf.Variable(3.0)
    with tf.GradientTape() as t:
        y = w * 2.0
    return t.gradient(y, [v, w], unconnected_gradients=tf.UnconnectedGradients.ZERO)


@case(AREA, "unconnected variable, none")
def unconnected_variable_none(tf: Any) -> Any:
    v = tf.Variable([1.0, 2.0])
    w = tf.Variable(3.0)
    with tf.GradientTape() as t:
        y = w * 2.0
    return t.gradient(y, [v, w])


@case(AREA, "zero for a source after stop_gradient")
def zero_stop_gradient(tf: Any) -> Any:
    x = tf.constant([1.0, 2.0])
    with tf.GradientTape() as t:
        t.watch(x)
        y = tf.stop_gradient(x * x)
    return [t.gradient(y, x, unconnected_gradients="zero")]


@case(AREA, "zero numpy of a scalar is a numpy float32")
def zero_numpy_scalar(tf: Any) -> Any:
    x = tf.constant(1.0)
    with tf.GradientTape() as t:
        y = tf.constant(2.0)
    g = t.gradient(y, x, unconnected_gradients="zero")
    return g.numpy()


@case(AREA, "zero for unconnected complex source")
def zero_complex(tf: Any) -> Any:
    z = tf.constant([1 + 2j, 3 - 1j], dtype=tf.complex64)
    with tf.GradientTape() as t:
        t.watch(z)
        y = tf.constant(1.0)
    return t.gradient(y, z, unconnected_gradients="zero")


@case(AREA, "zero for unconnected float16 and bfloat16 sources")
def zero_half(tf: Any) -> Any:
    a = tf.constant([1.0, 2.0], dtype=tf.float16)
    b = tf.constant([1.0], dtype=tf.bfloat16)
    with tf.GradientTape() as t:
        t.watch([a, b])
        y = tf.constant(1.0)
    return t.gradient(y, [a, b], unconnected_gradients="zero")


@case(AREA, "zero for an empty source")
def zero_empty(tf: Any) -> Any:
    x = tf.zeros([0, 3])
    with tf.GradientTape() as t:
        t.watch(x)
        y = tf.constant(1.0)
    return t.gradient(y, x, unconnected_gradients="zero")


@case(AREA, "jacobian unconnected none")
def jacobian_none(tf: Any) -> Any:
    x = tf.constant([1.0, 2.0, 3.0])
    with tf.GradientTape() as t:
        t.watch(x)
        y = tf.constant([1.0, 2.0]) * 2.0
    return t.jacobian(y, x)


@case(AREA, "jacobian unconnected zero")
def jacobian_zero(tf: Any) -> Any:
    x = tf.constant([1.0, 2.0, 3.0])
    with tf.GradientTape() as t:
        t.watch(x)
        y = tf.constant([1.0, 2.0]) * 2.0
    return t.jacobian(y, x, unconnected_gradients="zero")


@case(AREA, "jacobian with a bogus value is wrapped by pfor")
def jacobian_bogus(tf: Any) -> Any:
    x = tf.constant([1.0, 2.0])
    with tf.GradientTape() as t:
        t.watch(x)
        y = x * x
    return t.jacobian(y, x, unconnected_gradients="bogus")


@case(AREA, "batch_jacobian unconnected none gives zeros")
def batch_jacobian_none(tf: Any) -> Any:
    x = tf.constant([[1.0, 2.0], [3.0, 4.0]])
    with tf.GradientTape() as t:
        t.watch(x)
        y = tf.constant([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]]) * 2.0
    return t.batch_jacobian(y, x)


@case(AREA, "jvp with a bogus value")
def jvp_bogus(tf: Any) -> Any:
    x = tf.constant(2.0)
    with tf.autodiff.ForwardAccumulator(x, tf.constant(1.0)) as acc:
        y = x * x
    return acc.jvp(y, unconnected_gradients="bogus")


@case(AREA, "jvp unconnected zero")
def jvp_zero(tf: Any) -> Any:
    x = tf.constant(2.0)
    with tf.autodiff.ForwardAccumulator(x, tf.constant(1.0)) as acc:
        y = tf.constant([1.0, 2.0]) * 3.0
    return [acc.jvp(y), acc.jvp(y, unconnected_gradients="zero")]


@case(AREA, "numpy array values for unconnected zero")
def zero_numpy_values(tf: Any) -> Any:
    x = tf.constant(np.arange(6, dtype=np.float64).reshape(2, 3))
    with tf.GradientTape() as t:
        t.watch(x)
        y = tf.constant(1.0)
    return np.asarray(t.gradient(y, x, unconnected_gradients="zero"))
