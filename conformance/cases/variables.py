"""Spec sections 3.9 (variables inside the tape) and 8 (tf.Variable: construction, names, repr,
reading, assignment, arithmetic, comparison, hashing)."""

from __future__ import annotations

import copy
import inspect
from typing import Any

import numpy as np

from conformance.case import attempt, case

AREA = "variables"


# -- 3.9 variables inside the tape ------------------------------------------------------------------
@case(AREA, "gradient uses the value at read time")
def value_at_read(tf: Any) -> Any:
    v = tf.Variable(2.0)
    with tf.GradientTape(persistent=True) as t:
        y = v * v
        v.assign(10.0)
        z = v * v
    return [t.gradient(y, v), t.gradient(z, v)]


@case(AREA, "assign cuts the graph")
def assign_cuts(tf: Any) -> Any:
    x = tf.constant(3.0)
    v = tf.Variable(1.0)
    with tf.GradientTape(persistent=True) as t:
        t.watch(x)
        v.assign(x * x)
        y = v * 1.0
    return [t.gradient(y, x), t.gradient(y, v)]


@case(AREA, "assign_add result is an unread variable")
def assign_add_result(tf: Any) -> Any:
    v = tf.Variable(2.0)
    with tf.GradientTape(persistent=True) as t:
        r = v.assign_add(1.0)
        y = r * r
    return [r, type(r).__name__, t.gradient(y, v), t.gradient(r, v)]


@case(AREA, "assign result times three")
def assign_result(tf: Any) -> Any:
    v = tf.Variable(2.0)
    with tf.GradientTape() as t:
        r = v.assign(5.0)
        y = 3.0 * r
    return [type(r).__name__, t.gradient(y, v)]


@case(AREA, "assign_add as the target")
def assign_add_target(tf: Any) -> Any:
    v = tf.Variable(2.0)
    with tf.GradientTape(persistent=True) as t:
        r = v.assign_add(2.0)
        s = tf.identity(r)
    return [t.gradient(r, v), t.gradient(s, v)]


@case(AREA, "assign_add in a loop")
def assign_add_loop(tf: Any) -> Any:
    v = tf.Variable(1.0)
    with tf.GradientTape() as t:
        for _ in range(3):
            v.assign_add(1.0)
        y = 2.0 * v
    return [t.gradient(y, v), v.numpy()]


@case(AREA, "assign_sub with read_value False returns None")
def assign_sub_no_read(tf: Any) -> Any:
    v = tf.Variable(2.0)
    return [v.assign_sub(1.0, read_value=False), v.numpy()]


@case(AREA, "python rebinding makes a new tensor")
def rebinding(tf: Any) -> Any:
    x = tf.constant(3.0)
    with tf.GradientTape() as t:
        t.watch(x)
        y = x * x
        x = x * 2.0
    return t.gradient(y, x)


@case(AREA, "chain through a python rebinding")
def rebinding_chain(tf: Any) -> Any:
    x0 = tf.constant(3.0)
    with tf.GradientTape() as t:
        t.watch(x0)
        x = x0 * 2.0
        y = x * x
    return t.gradient(y, x0)


@case(AREA, "python max over variables returns the variable")
def python_max(tf: Any) -> Any:
    vs = [tf.Variable(2.0), tf.Variable(3.0), tf.Variable(5.0)]
    with tf.GradientTape() as t:
        m = max(vs)
    return [m is vs[2], t.gradient(m, vs)]


@case(AREA, "sliced read gradient is dense")
def sliced_read(tf: Any) -> Any:
    v = tf.Variable([1.0, 2.0, 3.0])
    with tf.GradientTape() as t:
        y = v[1] * 5.0
    return t.gradient(y, v)


@case(AREA, "strided read gradient")
def strided_read(tf: Any) -> Any:
    v = tf.Variable([1.0, 2.0, 3.0])
    with tf.GradientTape() as t:
        y = tf.reduce_sum(v[::2] ** 2)
    return t.gradient(y, v)


@case(AREA, "variable used twice accumulates")
def used_twice(tf: Any) -> Any:
    v = tf.Variable(3.0)
    with tf.GradientTape() as t:
        y = v * v + 2.0 * v
    return t.gradient(y, v)


@case(AREA, "gradient wrt variable in a dict of sources")
def variable_dict_sources(tf: Any) -> Any:
    v = tf.Variable(3.0)
    w = tf.Variable([1.0, 2.0])
    with tf.GradientTape() as t:
        y = v * tf.reduce_sum(w)
    return t.gradient(y, {"v": v, "w": w})


@case(AREA, "float64 variable gradient dtype")
def float64_variable(tf: Any) -> Any:
    v = tf.Variable(np.array([1.0, 2.0]))
    with tf.GradientTape() as t:
        y = v * v
    return t.gradient(y, v)


@case(AREA, "variable target after assign inside the tape")
def variable_target_after_assign(tf: Any) -> Any:
    v = tf.Variable(1.0)
    with tf.GradientTape() as t:
        v.assign(4.0)
    return t.gradient(v, v)


@case(AREA, "sliced assign inside the tape then read")
def sliced_assign_tape(tf: Any) -> Any:
    v = tf.Variable([1.0, 2.0])
    with tf.GradientTape() as t:
        v[0].assign(5.0)
        y = v * v
    return [t.gradient(y, v), v.numpy()]


# -- 8.1 construction -------------------------------------------------------------------------------
@case(AREA, "type and mro names")
def type_mro(tf: Any) -> Any:
    v = tf.Variable(1.0)
    return [type(v).__name__, [c.__name__ for c in type(v).__mro__][:3]]


@case(AREA, "isinstance checks")
def isinstance_checks(tf: Any) -> Any:
    v = tf.Variable(1.0)
    return [isinstance(v, tf.Variable), isinstance(v, tf.Tensor), tf.is_tensor(v)]


@case(AREA, "constructor signature")
def constructor_signature(tf: Any) -> Any:
    params = inspect.signature(tf.Variable.__init__).parameters
    return [name for name in params if name != "self"]


def _construct(make: Any) -> Any:
    def run(tf: Any) -> Any:
        v = make(tf)
        return [v.dtype, v.shape, v]

    return run


_CONSTRUCT = {
    "python int": lambda tf: tf.Variable(1),
    "python float": lambda tf: tf.Variable(1.0),
    "python bool": lambda tf: tf.Variable(True),
    "large python int": lambda tf: tf.Variable(2 ** 40),
    "string": lambda tf: tf.Variable("s"),
    "numpy float64 array": lambda tf: tf.Variable(np.array([1.0])),
    "numpy float32 scalar": lambda tf: tf.Variable(np.float32(1)),
    "numpy int64 array": lambda tf: tf.Variable(np.array([1, 2])),
    "nested int list": lambda tf: tf.Variable([[1, 2], [3, 4]]),
    "ragged list": lambda tf: tf.Variable([[1, 2], [3]]),
    "int with float32 dtype": lambda tf: tf.Variable(1, dtype=tf.float32),
    "float with float64 dtype": lambda tf: tf.Variable(1.0, dtype=tf.float64),
    "float with dtype string": lambda tf: tf.Variable(1.0, dtype="float16"),
    "float with numpy dtype": lambda tf: tf.Variable(1.0, dtype=np.float64),
    "float with int32 dtype": lambda tf: tf.Variable(1.5, dtype=tf.int32),
    "float tensor with int32 dtype": lambda tf: tf.Variable(tf.constant(1.5), dtype=tf.int32),
    "int tensor with float32 dtype": lambda tf: tf.Variable(tf.constant(1), dtype=tf.float32),
    "bogus dtype": lambda tf: tf.Variable(1.0, dtype="bogus"),
    "no arguments": lambda tf: tf.Variable(),
    "None": lambda tf: tf.Variable(None),
    "callable": lambda tf: tf.Variable(lambda: tf.ones([2])),
    "callable with dtype": lambda tf: tf.Variable(lambda: [1, 2], dtype=tf.float32),
    "callable with bad dtype": lambda tf: tf.Variable(lambda: 1.0, dtype=tf.int32),
    "from another variable": lambda tf: tf.Variable(tf.Variable([1.0, 2.0])),
    "from a tensor": lambda tf: tf.Variable(tf.constant([[1.0], [2.0]])),
    "empty list": lambda tf: tf.Variable([]),
    "complex": lambda tf: tf.Variable(1 + 2j),
    "shape None": lambda tf: tf.Variable([1.0, 2.0], shape=tf.TensorShape(None)),
    "shape [None]": lambda tf: tf.Variable([1.0, 2.0], shape=[None]),
    "incompatible shape": lambda tf: tf.Variable([1.0, 2.0], shape=[3]),
    "validate_shape False": lambda tf: tf.Variable(1.0, validate_shape=False),
    "list of numpy floats": lambda tf: tf.Variable([np.float64(1.0), np.float64(2.0)]),
    "mixed int float list": lambda tf: tf.Variable([1, 2.5]),
    "int out of range": lambda tf: tf.Variable(2 ** 63),
    "uint8 dtype": lambda tf: tf.Variable([1, 255], dtype=tf.uint8),
    "bool dtype from ints": lambda tf: tf.Variable([1, 0], dtype=tf.bool),
}
for _name, _make in _CONSTRUCT.items():
    case(AREA, f"construct from {_name}")(_construct(_make))


@case(AREA, "callable initial value is called once")
def callable_once(tf: Any) -> Any:
    calls = []

    def init() -> Any:
        calls.append(1)
        return tf.constant([1.0, 2.0])

    tf.Variable(init)
    return len(calls)


@case(AREA, "callable that raises propagates")
def callable_raises(tf: Any) -> Any:
    def init() -> Any:
        raise KeyError("bad init")

    return tf.Variable(init)


@case(AREA, "copy from another variable is independent")
def copy_independent(tf: Any) -> Any:
    a = tf.Variable([1.0, 2.0])
    b = tf.Variable(a)
    a.assign([5.0, 6.0])
    return [a.numpy(), b.numpy()]


@case(AREA, "unknown shape accepts any assign")
def unknown_shape_assign(tf: Any) -> Any:
    v = tf.Variable([1.0, 2.0], shape=tf.TensorShape(None))
    v.assign([[1.0, 2.0, 3.0]])
    return [v.shape, v.numpy()]


def _trainable(value: Any) -> Any:
    def run(tf: Any) -> Any:
        kwargs = {} if value == "default" else {"trainable": value}
        return tf.Variable(1.0, **kwargs).trainable

    return run


for _value in ("default", None, True, False, 0, 1, "yes"):
    case(AREA, f"trainable {_value!r}")(_trainable(_value))


@case(AREA, "synchronization ON_READ makes it non-trainable")
def on_read(tf: Any) -> Any:
    v = tf.Variable(1.0, synchronization=tf.VariableSynchronization.ON_READ)
    return [v.trainable, v.synchronization]


@case(AREA, "constraint is stored but not applied")
def constraint_stored(tf: Any) -> Any:
    def positive(t: Any) -> Any:
        return tf.maximum(t, 0.0)

    v = tf.Variable([1.0, 2.0], constraint=positive)
    v.assign([-5.0, 3.0])
    return [v.constraint is positive, v.numpy()]


@case(AREA, "constraint must be callable")
def constraint_bad(tf: Any) -> Any:
    return tf.Variable(1.0, constraint=5)


@case(AREA, "constraint default is None")
def constraint_default(tf: Any) -> Any:
    return tf.Variable(1.0).constraint


@case(AREA, "name must be a string")
def name_not_string(tf: Any) -> Any:
    return tf.Variable(1.0, name=5)


# -- 8.2 names --------------------------------------------------------------------------------------
def _name(kwargs: dict) -> Any:
    def run(tf: Any) -> Any:
        return tf.Variable(1.0, **kwargs).name

    return run


for _label, _kw in (("unnamed", {}), ("w", {"name": "w"}), ("w:0", {"name": "w:0"}), ("a/b", {"name": "a/b"}),
                    ("empty", {"name": ""}), ("with a space", {"name": "a b"}), ("unicode", {"name": "é"})):
    case(AREA, f"name {_label}")(_name(_kw))


@case(AREA, "no auto-numbering of duplicate names")
def names_not_numbered(tf: Any) -> Any:
    return [tf.Variable(1.0).name, tf.Variable(1.0).name, tf.Variable(1.0, name="w").name,
            tf.Variable(1.0, name="w").name]


@case(AREA, "name inside a name_scope")
def name_scope(tf: Any) -> Any:
    with tf.name_scope("scope"):
        a = tf.Variable(1.0)
        b = tf.Variable(1.0, name="w")
    return [a.name, b.name]


@case(AREA, "name inside nested name_scopes")
def name_scope_nested(tf: Any) -> Any:
    with tf.name_scope("outer"):
        with tf.name_scope("inner"):
            a = tf.Variable(1.0, name="w")
    return a.name


@case(AREA, "unread variable name")
def unread_name(tf: Any) -> Any:
    return tf.Variable(1.0, name="v").assign(2.0).name


# -- 8.3 repr / str / format ------------------------------------------------------------------------
def _repr(make: Any) -> Any:
    def run(tf: Any) -> Any:
        v = make(tf)
        return [repr(v), str(v), repr(v) == str(v), format(v)]

    return run


_REPRS = {
    "float scalar": lambda tf: tf.Variable(1.0, name="v"),
    "matrix": lambda tf: tf.Variable([[1.0, 2.0], [3.0, 4.0]], name="m"),
    "int vector": lambda tf: tf.Variable([1, 2], name="iv"),
    "float64 vector": lambda tf: tf.Variable(np.array([1.5]), name="f"),
    "bool": lambda tf: tf.Variable(True, name="b"),
    "int scalar": lambda tf: tf.Variable(3, name="i"),
    "one third": lambda tf: tf.Variable(1.0 / 3.0, name="t"),
    "unread": lambda tf: tf.Variable([1.0, 2.0], name="u").assign([3.0, 4.0]),
    "unknown shape": lambda tf: tf.Variable([1.0], shape=tf.TensorShape(None), name="s"),
    "partial shape": lambda tf: tf.Variable([1.0], shape=[None], name="p"),
    "string": lambda tf: tf.Variable("ab", name="str"),
    "complex": lambda tf: tf.Variable(1 + 2j, name="c"),
    "empty": lambda tf: tf.Variable(tf.zeros([0, 2]), name="e"),
}
for _label, _make in _REPRS.items():
    case(AREA, f"repr of {_label}")(_repr(_make))


@case(AREA, "format spec raises")
def format_spec(tf: Any) -> Any:
    return f"{tf.Variable(1.0):.2f}"


# -- 8.4 reading ------------------------------------------------------------------------------------
@case(AREA, "numpy of a scalar is a numpy scalar")
def numpy_scalar(tf: Any) -> Any:
    n = tf.Variable(1.0).numpy()
    return [n, type(n).__name__]


@case(AREA, "numpy of a vector is a copy")
def numpy_copy(tf: Any) -> Any:
    v = tf.Variable([1.0, 2.0])
    n = v.numpy()
    n[0] = 9.0
    return [n, v.numpy()]


def _read_kind(read: Any) -> Any:
    def run(tf: Any) -> Any:
        v = tf.Variable([1.0, 2.0])
        r1, r2 = read(tf, v), read(tf, v)
        return [type(r1).__name__, r1 is r2, r1]

    return run


for _label, _read in {"value": lambda tf, v: v.value(), "read_value": lambda tf, v: v.read_value(),
                      "identity": lambda tf, v: tf.identity(v),
                      "convert_to_tensor": lambda tf, v: tf.convert_to_tensor(v),
                      "add": lambda tf, v: v + v, "getitem": lambda tf, v: v[0],
                      "slice": lambda tf, v: v[1:]}.items():
    case(AREA, f"read by {_label}")(_read_kind(_read))


@case(AREA, "convert_to_tensor with another dtype")
def convert_other_dtype(tf: Any) -> Any:
    return tf.convert_to_tensor(tf.Variable(2.0), dtype=tf.float64)


@case(AREA, "convert_to_tensor with the same dtype")
def convert_same_dtype(tf: Any) -> Any:
    return tf.convert_to_tensor(tf.Variable(2.0), dtype=tf.float32)


@case(AREA, "shape dtype device")
def shape_dtype_device(tf: Any) -> Any:
    v = tf.Variable([[1.0, 2.0], [3.0, 4.0]])
    return [v.shape, v.get_shape(), v.dtype, v.device]


@case(AREA, "initial_value raises in eager")
def initial_value(tf: Any) -> Any:
    return tf.Variable(1.0).initial_value


@case(AREA, "no ndim attribute")
def no_ndim(tf: Any) -> Any:
    return hasattr(tf.Variable([1.0]), "ndim")


@case(AREA, "len raises for any rank")
def len_raises(tf: Any) -> Any:
    return [attempt(len, tf.Variable([1.0, 2.0])), attempt(len, tf.Variable(1.0))]


@case(AREA, "indexing")
def indexing(tf: Any) -> Any:
    v = tf.Variable([[1.0, 2.0], [3.0, 4.0]])
    return [v[0], v[0, 1], v[1:], v[:, 0], v[..., 1], v[None]]


@case(AREA, "index out of range")
def index_out_of_range(tf: Any) -> Any:
    return tf.Variable([1.0, 2.0])[5]


@case(AREA, "iterate a matrix variable")
def iterate_matrix(tf: Any) -> Any:
    return list(tf.Variable([[1.0, 2.0], [3.0, 4.0]]))


@case(AREA, "iterate a scalar variable")
def iterate_scalar(tf: Any) -> Any:
    return list(tf.Variable(1.0))


@case(AREA, "bool of variables")
def bool_of(tf: Any) -> Any:
    return [bool(tf.Variable(0.0)), bool(tf.Variable(2.0)), attempt(bool, tf.Variable([1.0, 2.0]))]


@case(AREA, "float and int of variables")
def float_int_of(tf: Any) -> Any:
    return [float(tf.Variable(2.5)), int(tf.Variable(2.7)), attempt(float, tf.Variable([1.0, 2.0])),
            attempt(int, tf.Variable([1, 2]))]


@case(AREA, "numpy conversions")
def numpy_conversions(tf: Any) -> Any:
    v = tf.Variable([1.0, 2.0])
    return [np.array(v), np.asarray(v), v.__array__(np.float64)]


@case(AREA, "aggregation and synchronization")
def aggregation(tf: Any) -> Any:
    v = tf.Variable(1.0)
    return [v.aggregation, v.synchronization]


# -- 8.5 assignment ---------------------------------------------------------------------------------
@case(AREA, "assign returns a live unread variable")
def assign_live(tf: Any) -> Any:
    v = tf.Variable([1.0, 2.0], name="v")
    r = v.assign([3.0, 4.0])
    first = [isinstance(r, tf.Variable), repr(r), r.numpy()]
    v.assign([1.0, 2.0])
    return [first, r.numpy()]


@case(AREA, "assign_add and assign_sub return the new value")
def assign_add_sub(tf: Any) -> Any:
    v = tf.Variable([1.0, 2.0])
    a = v.assign_add([1.0, 1.0]).numpy()
    s = v.assign_sub([0.5, 0.5]).numpy()
    return [a, s, v.numpy()]


@case(AREA, "read_value False returns None for all assigns")
def read_value_false(tf: Any) -> Any:
    v = tf.Variable(1.0)
    return [v.assign(2.0, read_value=False), v.assign_add(1.0, read_value=False),
            v.assign_sub(1.0, read_value=False), v.numpy()]


@case(AREA, "chained assign then assign_add")
def chained(tf: Any) -> Any:
    v = tf.Variable(1.0)
    v.assign(5.0).assign_add(2.0)
    return v.numpy()


def _assign(make_var: Any, value: Any, method: str = "assign") -> Any:
    def run(tf: Any) -> Any:
        v = make_var(tf)
        result = getattr(v, method)(value(tf))
        return [result, v.numpy()]

    return run


_F2 = lambda tf: tf.Variable([1.0, 2.0], name="v")  # noqa: E731
_I2 = lambda tf: tf.Variable([1, 2], name="iv")  # noqa: E731
_ASSIGNS = {
    "scalar into a vector": (_F2, lambda tf: 1.0, "assign"),
    "three into two": (_F2, lambda tf: [1.0, 2.0, 3.0], "assign"),
    "(1,) into (2,)": (_F2, lambda tf: [7.0], "assign"),
    "scalar assign_add into a vector": (_F2, lambda tf: 1.0, "assign_add"),
    "(3,) assign_add into (2,)": (_F2, lambda tf: [1.0, 1.0, 1.0], "assign_add"),
    "scalar assign_sub into a vector": (_F2, lambda tf: 1.0, "assign_sub"),
    "python ints into float": (_F2, lambda tf: [1, 2], "assign"),
    "float64 ndarray into float32": (_F2, lambda tf: np.array([1.5, 2.5]), "assign"),
    "int tensor into float": (_F2, lambda tf: tf.constant([1, 2]), "assign"),
    "float64 tensor into float32": (_F2, lambda tf: tf.constant([1.0, 2.0], dtype=tf.float64), "assign"),
    "int tensor assign_add into float": (_F2, lambda tf: tf.constant([1, 2]), "assign_add"),
    "floats into int": (_I2, lambda tf: [1.5, 2.5], "assign"),
    "whole floats into int": (_I2, lambda tf: [1.0, 2.0], "assign"),
    "int64 tensor into int32": (_I2, lambda tf: tf.constant([1, 2], dtype=tf.int64), "assign"),
    "int64 ndarray into int32": (_I2, lambda tf: np.array([3, 4]), "assign"),
    "huge ints into int32": (_I2, lambda tf: [2 ** 40, 1], "assign"),
    "strings into float": (_F2, lambda tf: ["a", "b"], "assign"),
    "None": (_F2, lambda tf: None, "assign"),
    "a tensor expression": (_F2, lambda tf: tf.constant([2.0, 4.0]) * 2.0, "assign"),
    "numpy float32 ndarray": (_F2, lambda tf: np.array([5.0, 6.0], np.float32), "assign"),
    "tuple": (_F2, lambda tf: (3.0, 4.0), "assign"),
    "bool into float": (_F2, lambda tf: [True, False], "assign"),
    "float into int assign_add": (_I2, lambda tf: [1.5, 1.5], "assign_add"),
    "another variable": (_F2, lambda tf: tf.Variable([9.0, 8.0]), "assign"),
}
for _label, (_mk, _val, _method) in _ASSIGNS.items():
    case(AREA, f"assign {_label}")(_assign(_mk, _val, _method))


@case(AREA, "assign w * 2")
def assign_self_expr(tf: Any) -> Any:
    w = tf.Variable([1.0, 2.0])
    w.assign(w * 2.0)
    return w.numpy()


@case(AREA, "sliced assign")
def sliced_assign(tf: Any) -> Any:
    w = tf.Variable([1.0, 2.0, 3.0])
    w[0:1].assign([5.0])
    w[2].assign(7.0)
    return w.numpy()


@case(AREA, "item assignment raises")
def item_assignment(tf: Any) -> Any:
    w = tf.Variable([1.0, 2.0])
    w[0] = 5.0


def _inplace(op: str) -> Any:
    def run(tf: Any) -> Any:
        w = tf.Variable(7.0)
        original = w
        if op == "+=":
            w += 1.0
        elif op == "-=":
            w -= 1.0
        elif op == "*=":
            w *= 2.0
        elif op == "/=":
            w /= 2.0
        elif op == "**=":
            w **= 2.0
        elif op == "//=":
            w //= 2.0
        elif op == "%=":
            w %= 2.0
        return [w, original.numpy(), w is original]

    return run


for _op in ("+=", "-=", "*=", "/=", "**=", "//=", "%="):
    case(AREA, f"in-place {_op}")(_inplace(_op))


@case(AREA, "in-place += on a tensor rebinds")
def tensor_inplace(tf: Any) -> Any:
    x = tf.constant(1.0)
    y = x
    x += 1.0
    return [x, y, x is y]


# -- 8.6 arithmetic, comparison, hashing ------------------------------------------------------------
@case(AREA, "binary ops return tensors")
def binary_ops(tf: Any) -> Any:
    a = tf.Variable(2.0)
    b = tf.Variable(3.0)
    results = [a + b, a * 2.0, 2.0 - a, a / b, a // b, a % b, a ** 2, -a, abs(-a)]
    return [[type(r).__name__ for r in results], results]


@case(AREA, "numpy scalar on either side")
def numpy_either_side(tf: Any) -> Any:
    a = tf.Variable(2.0)
    left = a + np.float64(1)
    right = np.float64(1) + a
    return [left, right, type(right).__name__]


@case(AREA, "float plus int variable")
def float_plus_int_var(tf: Any) -> Any:
    return tf.Variable(2.0) + tf.Variable(1)


@case(AREA, "int variable divisions")
def int_var_div(tf: Any) -> Any:
    return [tf.Variable(3) / tf.Variable(2), tf.Variable(7) // 2]


@case(AREA, "matmul of scalars raises")
def matmul_scalars(tf: Any) -> Any:
    a = tf.Variable(2.0)
    return a @ a


@case(AREA, "bitwise and")
def bitwise_and(tf: Any) -> Any:
    return [attempt(lambda: tf.Variable(1.0) & True), tf.Variable(True) & False]


@case(AREA, "hash raises")
def hash_raises(tf: Any) -> Any:
    v = tf.Variable(1.0, name="v")
    return [attempt(hash, v), attempt(lambda: {v}), attempt(lambda: {v: 1})]


@case(AREA, "ref is hashable")
def ref_hashable(tf: Any) -> Any:
    v = tf.Variable(1.0, name="v")
    r = v.ref()
    return [repr(r), r == v.ref(), r.deref() is v, hash(r) == hash(v.ref()), len({r, v.ref()})]


@case(AREA, "experimental_ref works")
def experimental_ref(tf: Any) -> Any:
    v = tf.Variable(1.0)
    return v.experimental_ref().deref() is v


@case(AREA, "equality is element-wise")
def equality(tf: Any) -> Any:
    v = tf.Variable(1.0)
    m = tf.Variable([[1.0, 2.0], [3.0, 4.0]])
    return [v == v, v == 1.0, v == tf.Variable(1.0), m == m, v != 2.0]


@case(AREA, "equality with None raises")
def equality_none(tf: Any) -> Any:
    v = tf.Variable(1.0)
    return [attempt(lambda: v == None), attempt(lambda: v != None)]  # noqa: E711


@case(AREA, "equality with a string raises")
def equality_string(tf: Any) -> Any:
    return tf.Variable(1.0) == "str"


@case(AREA, "equality with a mismatched shape")
def equality_mismatch(tf: Any) -> Any:
    return tf.Variable([1.0, 2.0, 3.0]) == [1.0, 2.0]


@case(AREA, "membership")
def membership(tf: Any) -> Any:
    v = tf.Variable(1.0)
    m = tf.Variable([[1.0, 2.0], [3.0, 4.0]])
    return [v in [v], v in [tf.Variable(1.0)], v in [tf.Variable(2.0)],
            attempt(lambda: m in [tf.Variable([[1.0, 2.0], [3.0, 4.0]])])]


@case(AREA, "ordering comparisons")
def ordering(tf: Any) -> Any:
    v = tf.Variable(1.0)
    m = tf.Variable([[1, 3], [2, 4]])
    return [v < 2.0, m > 2, v >= 1.0, v <= 0.5]


def _readonly(attr: str) -> Any:
    def run(tf: Any) -> Any:
        v = tf.Variable(1.0)
        setattr(v, attr, None)
        return "no error"

    return run


for _attr in ("name", "dtype", "shape", "trainable", "device", "constraint"):
    case(AREA, f"read-only property {_attr}")(_readonly(_attr))


@case(AREA, "new attributes are allowed")
def new_attribute(tf: Any) -> Any:
    v = tf.Variable(1.0)
    v.foo = 3
    return v.foo


@case(AREA, "deepcopy makes a new variable with the same name")
def deepcopy(tf: Any) -> Any:
    v = tf.Variable([1.0, 2.0], name="v")
    c = copy.deepcopy(v)
    v.assign([3.0, 4.0])
    return [c is v, c.name, c.numpy(), v.numpy()]


@case(AREA, "variable in tf.add_n")
def add_n(tf: Any) -> Any:
    v = tf.Variable([1.0, 2.0])
    return tf.add_n([v, v, tf.constant([1.0, 1.0])])


@case(AREA, "variable in tf.where")
def where(tf: Any) -> Any:
    v = tf.Variable([1.0, -2.0])
    return tf.where(v > 0, v, tf.zeros_like(v))


@case(AREA, "np.array of a variable warns, of a tensor does not")
def numpy_array_warning(tf: Any) -> Any:
    import warnings

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        np.array(tf.Variable([1.0, 2.0]))
        from_variable = [w.category.__name__ for w in caught]
        caught.clear()
        np.array(tf.constant([1.0, 2.0]))
        from_tensor = [w.category.__name__ for w in caught]
    return [from_variable, from_tensor]
