"""Spec sections 3.1-3.4 and 3.6: target forms, source forms, target == source, unconnected sources,
and output_gradients."""

from __future__ import annotations

import collections
from typing import Any

import numpy as np

from conformance.case import case

AREA = "gradient_targets_sources"

P = collections.namedtuple("P", ["a", "b"])


def _ab(tf: Any) -> tuple:
    return tf.constant(2.0), tf.constant(3.0)


# -- 3.1 target forms -------------------------------------------------------------------------------
def _target(build: Any, sources: Any = "a") -> Any:
    def run(tf: Any) -> Any:
        a, b = _ab(tf)
        with tf.GradientTape() as t:
            t.watch([a, b])
            target = build(tf, a, b)
        src = {"a": a, "b": b, "ab": [a, b], "tuple": (a, b)}[sources]
        return t.gradient(target, src)

    return run


_TARGETS = {
    "list of two products": (lambda tf, a, b: [a * b, a + b], "a"),
    "dict with a nested list": (lambda tf, a, b: {"p": a * b, "q": [a, b * b]}, "ab"),
    "one-tuple with tuple sources": (lambda tf, a, b: (a * b,), "tuple"),
    "non-scalar target": (lambda tf, a, b: a * tf.constant([1.0, 2.0, 3.0]), "a"),
    "stacked target": (lambda tf, a, b: tf.stack([a * b, a * a]), "ab"),
    "empty list": (lambda tf, a, b: [], "a"),
    "empty dict": (lambda tf, a, b: {}, "ab"),
    "None": (lambda tf, a, b: None, "a"),
    "list containing None": (lambda tf, a, b: [a * b, None], "a"),
    "python float": (lambda tf, a, b: 5.0, "a"),
    "python int": (lambda tf, a, b: 5, "a"),
    "numpy array": (lambda tf, a, b: np.array(5.0), "a"),
    "numpy float32 scalar": (lambda tf, a, b: np.float32(5.0), "a"),
    "string": (lambda tf, a, b: "y", "a"),
    "unrecorded constant": (lambda tf, a, b: tf.constant(5.0), "ab"),
    "source itself in a list": (lambda tf, a, b: [a, a * a], "a"),
    "matrix target": (lambda tf, a, b: tf.reshape(tf.stack([a, b, a * b, a * a]), [2, 2]), "ab"),
    "namedtuple target": (lambda tf, a, b: P(a * b, a), "ab"),
    "deeply nested target": (lambda tf, a, b: [[[a * b]], {"k": (b,)}], "ab"),
    "integer cast part of a list": (lambda tf, a, b: [a * 2.0, tf.cast(a, tf.int32)], "a"),
    "tuple with empty list inside": (lambda tf, a, b: (a * b, []), "ab"),
    "list of numpy array and tensor": (lambda tf, a, b: [a * b, np.float32(1.0)], "a"),
}
for _name, (_build, _src) in _TARGETS.items():
    case(AREA, f"target: {_name}")(_target(_build, _src))


@case(AREA, "target list with sources y and x")
def target_chain(tf: Any) -> Any:
    x = tf.constant(2.0)
    with tf.GradientTape() as t:
        t.watch(x)
        y = x * 2.5
        z = y * y
    return t.gradient([x, y, z], [x, y])


@case(AREA, "target and source: an unwatched tensor that a recorded op used")
def target_unwatched_used(tf: Any) -> Any:
    x, w = tf.constant(2.0), tf.constant(5.0)
    with tf.GradientTape(persistent=True) as t:
        t.watch(w)
        q = x * w * x
    return [t.gradient([q, x], [x, w]), t.gradient([q, x], x), t.gradient(x, [x, w])]


def _float64_upstream(fn: Any) -> Any:
    def run(tf: Any) -> Any:
        x = tf.constant([1.0, 2.0, 3.0])
        with tf.GradientTape() as t:
            t.watch(x)
            y = fn(tf, x)
        return t.gradient(y, x, output_gradients=tf.ones_like(y, dtype=tf.float64))

    return run


for _name, _fn in {"sin": lambda tf, x: tf.sin(x), "cos": lambda tf, x: tf.cos(x), "log": lambda tf, x: tf.math.log(x),
                   "pow": lambda tf, x: x ** 3.0, "max": lambda tf, x: tf.reduce_max(x),
                   "sum": lambda tf, x: tf.reduce_sum(x), "mean": lambda tf, x: tf.reduce_mean(x),
                   "product": lambda tf, x: x * x}.items():
    case(AREA, f"output_gradients: float64 upstream for a float32 {_name}")(_float64_upstream(_fn))


@case(AREA, "target: unrecorded constant with zero")
def target_unrecorded_zero(tf: Any) -> Any:
    a = tf.constant(2.0)
    with tf.GradientTape() as t:
        t.watch(a)
    return t.gradient(tf.constant(5.0), a, unconnected_gradients="zero")


@case(AREA, "target: a variable wrt itself, nothing recorded")
def target_variable_self(tf: Any) -> Any:
    v = tf.Variable(2.0)
    with tf.GradientTape() as t:
        pass
    return t.gradient(v, v)


@case(AREA, "target: a vector variable wrt itself")
def target_variable_vector(tf: Any) -> Any:
    v = tf.Variable([1.0, 2.0])
    with tf.GradientTape() as t:
        pass
    return t.gradient(v, v)


@case(AREA, "target: a vector variable wrt itself with output_gradients")
def target_variable_vector_og(tf: Any) -> Any:
    v = tf.Variable([1.0, 2.0])
    with tf.GradientTape() as t:
        pass
    return t.gradient(v, v, output_gradients=tf.constant([3.0, 4.0]))


@case(AREA, "target: list of y=3v and v")
def target_var_list(tf: Any) -> Any:
    v = tf.Variable(2.0)
    with tf.GradientTape() as t:
        y = 3.0 * v
    return t.gradient([y, v], v)


@case(AREA, "target: an unrelated variable")
def target_other_variable(tf: Any) -> Any:
    v = tf.Variable(2.0)
    w = tf.Variable(5.0)
    with tf.GradientTape() as t:
        v * 2.0
    return t.gradient(w, v)


@case(AREA, "target: integer cast")
def target_int(tf: Any) -> Any:
    x = tf.constant([1.5, 2.5])
    with tf.GradientTape() as t:
        t.watch(x)
        y = tf.cast(x, tf.int32)
    return [t.gradient(y, x)]


@case(AREA, "target: integer cast with zero")
def target_int_zero(tf: Any) -> Any:
    x = tf.constant([1.5, 2.5])
    with tf.GradientTape() as t:
        t.watch(x)
        y = tf.cast(x, tf.int32)
    return t.gradient(y, x, unconnected_gradients="zero")


@case(AREA, "target: string tensor that is the source")
def target_string_self(tf: Any) -> Any:
    s = tf.constant(["a", "b"])
    with tf.GradientTape() as t:
        t.watch(s)
    return [t.gradient(s, s)]


@case(AREA, "target: string tensor with zero")
def target_string_zero(tf: Any) -> Any:
    s = tf.constant("a")
    with tf.GradientTape() as t:
        t.watch(s)
    return t.gradient(s, s, unconnected_gradients="zero")


# -- 3.2 source forms -------------------------------------------------------------------------------
def _sources(build: Any) -> Any:
    def run(tf: Any) -> Any:
        a, b = _ab(tf)
        with tf.GradientTape() as t:
            t.watch([a, b])
            y = a * b
        return t.gradient(y, build(a, b))

    return run


_SOURCES = {
    "single tensor": lambda a, b: a,
    "list": lambda a, b: [a, b],
    "tuple": lambda a, b: (a, b),
    "dict": lambda a, b: {"x": a, "y": b},
    "nested dict and list": lambda a, b: {"x": [a, (b, a)], "y": {"z": b}},
    "namedtuple": lambda a, b: P(a, b),
    "duplicates": lambda a, b: [a, a, b],
    "empty list": lambda a, b: [],
    "empty dict": lambda a, b: {},
    "empty tuple": lambda a, b: (),
    "None": lambda a, b: None,
    "list with None": lambda a, b: [a, None],
    "python float": lambda a, b: 2.0,
    "numpy float32": lambda a, b: np.float32(2.0),
    "numpy array": lambda a, b: np.array([2.0]),
    "string": lambda a, b: "a",
    "dict with int keys": lambda a, b: {2: a, 1: b},
    "list of one": lambda a, b: [a],
    "namedtuple inside list": lambda a, b: [P(b, a)],
    "tuple inside dict inside tuple": lambda a, b: ({"k": (a,)}, b),
}
for _name, _build in _SOURCES.items():
    case(AREA, f"sources: {_name}")(_sources(_build))


@case(AREA, "sources: duplicate variables")
def sources_dup_vars(tf: Any) -> Any:
    v1 = tf.Variable(2.0)
    v2 = tf.Variable(3.0)
    with tf.GradientTape() as t:
        y = v1 * v2
    return t.gradient(y, [v1, v2, v1])


@case(AREA, "sources: intermediate tensor")
def sources_intermediate(tf: Any) -> Any:
    x = tf.constant(3.0)
    with tf.GradientTape() as t:
        t.watch(x)
        y = x * x
        z = 4.0 * y
    return t.gradient(z, y)


@case(AREA, "sources: intermediate when nothing was watched")
def sources_intermediate_unwatched(tf: Any) -> Any:
    x = tf.constant(3.0)
    with tf.GradientTape() as t:
        y = x * x
        z = 4.0 * y
    return t.gradient(z, y)


@case(AREA, "sources: intermediate watched mid-way")
def sources_intermediate_midway(tf: Any) -> Any:
    x = tf.constant(3.0)
    with tf.GradientTape() as t:
        y = x * x
        t.watch(y)
        z = 4.0 * y
    return t.gradient(z, [y, x])


@case(AREA, "sources: read_value taken after the tape")
def sources_read_after(tf: Any) -> Any:
    v = tf.Variable(2.0)
    with tf.GradientTape() as t:
        y = v * 3.0
    return t.gradient(y, v.read_value())


def _read_inside(read: Any) -> Any:
    def run(tf: Any) -> Any:
        v = tf.Variable(2.0)
        with tf.GradientTape() as t:
            r = read(tf, v)
            y = 3.0 * r
        return t.gradient(y, [v, r])

    return run


for _name, _read in {"read_value": lambda tf, v: v.read_value(), "identity": lambda tf, v: tf.identity(v),
                     "convert_to_tensor": lambda tf, v: tf.convert_to_tensor(v),
                     "value": lambda tf, v: v.value()}.items():
    case(AREA, f"sources: variable and its {_name} inside")(_read_inside(_read))


@case(AREA, "sources: equal constants are different tensors")
def sources_equal_constants(tf: Any) -> Any:
    x1 = tf.constant(3.0)
    x2 = tf.constant(3.0)
    with tf.GradientTape() as t:
        t.watch([x1, x2])
        y = x1 + x2
    return [x1 is x2, t.gradient(y, [x1])]


@case(AREA, "sources: result structure types")
def sources_result_types(tf: Any) -> Any:
    a, b = _ab(tf)
    with tf.GradientTape(persistent=True) as t:
        t.watch([a, b])
        y = a * b
    nt = t.gradient(y, P(a, b))
    return [type(t.gradient(y, [a])).__name__, type(t.gradient(y, (a,))).__name__,
            type(nt).__name__, isinstance(nt, P), type(t.gradient(y, {"a": a})).__name__]


# -- 3.3 target is the source -----------------------------------------------------------------------
@case(AREA, "identity gradient of an unwatched tensor")
def identity_unwatched(tf: Any) -> Any:
    x = tf.constant([1.0, 2.0, 3.0])
    with tf.GradientTape() as t:
        pass
    return t.gradient(x, x)


@case(AREA, "identity gradient with zero and another source")
def identity_with_zero(tf: Any) -> Any:
    a, b = _ab(tf)
    with tf.GradientTape() as t:
        t.watch([a, b])
    return t.gradient(a, [a, b], unconnected_gradients="zero")


@case(AREA, "identity gradient of a list of the source")
def identity_list(tf: Any) -> Any:
    a, _ = _ab(tf)
    with tf.GradientTape() as t:
        t.watch(a)
    return t.gradient([a, a], a)


def _identity_dtype(dtype: str, value: Any) -> Any:
    def run(tf: Any) -> Any:
        x = tf.constant(value, dtype=getattr(tf, dtype))
        with tf.GradientTape() as t:
            t.watch(x)
        return t.gradient(x, x)

    return run


for _dtype, _value in (("int32", [1, 2]), ("int64", [1, 2]), ("uint8", [1, 2]), ("int8", [3]),
                       ("bool", [True, False]), ("string", ["a", "b"]), ("float16", [1.0, 2.0]),
                       ("float64", [[1.0], [2.0]]), ("complex64", [1 + 1j]), ("bfloat16", [1.0]),
                       ("int16", [1]), ("uint16", [1]), ("complex128", 2j)):
    case(AREA, f"identity gradient of a {_dtype} tensor")(_identity_dtype(_dtype, _value))


@case(AREA, "identity gradient of an int32 with int output_gradients")
def identity_int_og(tf: Any) -> Any:
    i = tf.constant(3)
    with tf.GradientTape() as t:
        t.watch(i)
    return t.gradient(i, i, output_gradients=tf.constant(5))


@case(AREA, "identity gradient, never entered tape, persistent")
def identity_never_entered(tf: Any) -> Any:
    x = tf.constant(1.0)
    return tf.GradientTape(persistent=True).gradient(x, x)


# -- 3.4 unconnected sources ------------------------------------------------------------------------
@case(AREA, "watched but unused source")
def unused_source(tf: Any) -> Any:
    x, y = tf.constant(1.0), tf.constant(2.0)
    with tf.GradientTape() as t:
        t.watch([x, y])
        z = 2.0 * x
    return t.gradient(z, [x, y])


@case(AREA, "never watched source")
def never_watched(tf: Any) -> Any:
    x, y = tf.constant(1.0), tf.constant(2.0)
    with tf.GradientTape() as t:
        t.watch(x)
        z = x * y
    return t.gradient(z, [x, y])


@case(AREA, "never watched source with zero")
def never_watched_zero(tf: Any) -> Any:
    x, y = tf.constant(1.0), tf.constant([2.0, 3.0])
    with tf.GradientTape() as t:
        t.watch(x)
        z = x * y
    return t.gradient(z, [x, y], unconnected_gradients="zero")


@case(AREA, "mixed list keeps None per position")
def mixed_list(tf: Any) -> Any:
    xs = [tf.constant(0.0), tf.constant(1.0), tf.constant(2.0)]
    with tf.GradientTape() as t:
        t.watch(xs)
        y = xs[0] * xs[1]
    return t.gradient(y, xs)


@case(AREA, "source computed from the target")
def source_downstream(tf: Any) -> Any:
    x = tf.constant(2.0)
    with tf.GradientTape() as t:
        t.watch(x)
        y = x * x
        z = y * 3.0
    return t.gradient(y, z)


@case(AREA, "gradient of a source unrelated tensor with zero in dict")
def unrelated_zero_dict(tf: Any) -> Any:
    x = tf.constant(2.0)
    w = tf.constant([[1.0, 2.0]])
    with tf.GradientTape() as t:
        t.watch([x, w])
        y = x * x
    return t.gradient(y, {"w": w, "x": x}, unconnected_gradients="zero")


# -- 3.6 output_gradients ---------------------------------------------------------------------------
def _og(og: Any, target: str = "ab") -> Any:
    def run(tf: Any) -> Any:
        a, b = _ab(tf)
        with tf.GradientTape() as t:
            t.watch([a, b])
            if target == "ab":
                y = a * b
            elif target == "vec":
                y = a * tf.constant([1.0, 2.0, 3.0])
            elif target == "ident":
                y = tf.identity(a * tf.ones([3]))
            elif target == "pair":
                y = [a * b, a]
            else:
                y = {"p": a * b, "q": a}
        return t.gradient(y, a, output_gradients=og(tf))

    return run


_OGS = {
    "scalar tensor": (lambda tf: tf.constant(10.0), "ab"),
    "list of one tensor": (lambda tf: [tf.constant(10.0)], "ab"),
    "python float": (lambda tf: 10.0, "ab"),
    "python int": (lambda tf: 10, "ab"),
    "vector for a vector target": (lambda tf: tf.constant([1.0, 10.0, 100.0]), "vec"),
    "shape mismatch": (lambda tf: tf.constant([1.0, 2.0]), "vec"),
    "broadcastable (1,)": (lambda tf: tf.constant([4.0]), "vec"),
    "broadcastable scalar": (lambda tf: tf.constant(2.0), "vec"),
    "(1,) through identity": (lambda tf: tf.constant([5.0]), "ident"),
    "float64 for float32": (lambda tf: tf.constant(10.0, dtype=tf.float64), "ab"),
    "int tensor": (lambda tf: tf.constant(10), "ab"),
    "numpy float64 array": (lambda tf: np.array(10.0), "ab"),
    "numpy float32 array": (lambda tf: np.array([1.0, 3.0, 5.0], np.float32), "vec"),
    "two entries for one target": (lambda tf: [tf.constant(1.0), tf.constant(7.0)], "ab"),
    "one entry for two targets": (lambda tf: [tf.constant(1.0)], "pair"),
    "None and a tensor": (lambda tf: [None, tf.constant(5.0)], "pair"),
    "None only": (lambda tf: None, "ab"),
    "dict for a dict target": (lambda tf: {"p": tf.constant(1.0), "q": tf.constant(100.0)}, "dict"),
    "nested python list for a vector": (lambda tf: [[1.0, 1.0]], "ident"),
    "zeros": (lambda tf: tf.constant(0.0), "ab"),
    "nan": (lambda tf: tf.constant(float("nan")), "ab"),
    "complex for float target": (lambda tf: tf.constant(1j, dtype=tf.complex64), "ab"),
    "matrix for vector target": (lambda tf: tf.ones([2, 3]), "vec"),
    "string": (lambda tf: "abc", "ab"),
    "list of python floats for a pair": (lambda tf: [2.0, 3.0], "pair"),
}
for _name, (_make, _target_kind) in _OGS.items():
    case(AREA, f"output_gradients: {_name}")(_og(_make, _target_kind))


@case(AREA, "output_gradients: identity target with a (1,) entry")
def og_identity_self(tf: Any) -> Any:
    a = tf.constant([1.0, 2.0, 3.0])
    with tf.GradientTape() as t:
        t.watch(a)
    return t.gradient(a, a, output_gradients=[tf.constant([5.0])])


@case(AREA, "output_gradients: for a variable target")
def og_variable(tf: Any) -> Any:
    v = tf.Variable([1.0, 2.0])
    with tf.GradientTape() as t:
        y = v * v
    return t.gradient(y, v, output_gradients=tf.constant([3.0, -1.0]))


@case(AREA, "output_gradients: upstream reaches two sources")
def og_two_sources(tf: Any) -> Any:
    a, b = _ab(tf)
    with tf.GradientTape() as t:
        t.watch([a, b])
        y = a * b
    return t.gradient(y, [a, b], output_gradients=tf.constant(-2.0))
