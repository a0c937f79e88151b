"""Control flow and functions in eager mode (spec section 7, "Control flow and functions"): tf.cond,
tf.case, tf.switch_case, tf.while_loop, tf.function, tf.TensorSpec, tf.map_fn, tf.vectorized_map,
tf.scan/foldl/foldr, tf.py_function, tf.numpy_function and tf.TensorArray: values, gradients (None
versus zeros), result structures and TensorFlow's errors."""

from __future__ import annotations

from typing import Any

import numpy as np

from conformance.case import attempt, case


def _grad(tf: Any, fn: Any, x: Any, zero: bool = False) -> Any:
    with tf.GradientTape() as t:
        t.watch(x)
        y = fn(x)
    return t.gradient(y, x, unconnected_gradients="zero" if zero else "none")


@case("control_flow", "python if, for and while on tensors record the path taken")
def python_control(tf: Any) -> Any:
    def branch(x: Any) -> Any:
        if x > 2.0:
            return x * x
        return 3.0 * x

    def loop(x: Any) -> Any:
        y = x
        for _ in range(3):
            y = y * x
        return y

    def until(x: Any) -> Any:
        y = x
        while y < 100:
            y = y * x
        return y

    return [_grad(tf, branch, tf.constant(3.0)), _grad(tf, branch, tf.constant(1.0)),
            _grad(tf, loop, tf.constant(2.0)), _grad(tf, until, tf.constant(3.0))]


@case("control_flow", "cond gradients and eager results")
def cond(tf: Any) -> Any:
    def f(x: Any) -> Any:
        return tf.cond(x > 0, lambda: x * x, lambda: 3 * x)

    return [_grad(tf, f, tf.constant(2.0)), _grad(tf, f, tf.constant(-2.0)),
            _grad(tf, lambda x: tf.cond(x > 0, lambda: tf.constant(1.0), lambda: x), tf.constant(2.0)),
            _grad(tf, lambda x: tf.cond(x > 0, lambda: tf.constant(1.0), lambda: x), tf.constant(2.0), zero=True),
            tf.cond(True, lambda: 1.0, lambda: 2.0), tf.cond(tf.constant(False), lambda: 1.0, lambda: 2.0),
            tf.cond(1, lambda: (1.0,), lambda: 2.0), tf.cond(tf.constant(1.5), lambda: 1, lambda: 2),
            tf.cond(True, lambda: None, lambda: 2), tf.cond("a", lambda: 1, lambda: 2)]


@case("control_flow", "cond errors")
def cond_errors(tf: Any) -> Any:
    return [attempt(tf.cond, tf.constant([True, False]), lambda: 1.0, lambda: 2.0),
            attempt(tf.cond, True, None, lambda: 2.0),
            attempt(tf.cond, True, lambda: 1.0),
            attempt(tf.cond, True, 1.0, lambda: 2.0),
            attempt(tf.cond, True, lambda: 1.0, 2.0),
            attempt(tf.cond, None, lambda: 1, lambda: 2)]


@case("control_flow", "switch_case branches, default and errors")
def switch_case(tf: Any) -> Any:
    fns = [lambda: 1, lambda: 2]
    return [tf.switch_case(tf.constant(1), fns), tf.switch_case(tf.constant(5), fns),
            tf.switch_case(tf.constant(-1), fns, default=lambda: 9),
            tf.switch_case(tf.constant(2, tf.int64), fns, default=lambda: 9),
            tf.switch_case(tf.constant(1), {0: lambda: 1, 1: lambda: 2}),
            tf.switch_case(tf.constant(0), [(1, lambda: "b"), (0, lambda: "a")]),
            attempt(tf.switch_case, 1, fns),
            attempt(tf.switch_case, tf.constant(1.0), fns),
            attempt(tf.switch_case, tf.constant(1), []),
            attempt(tf.switch_case, tf.constant(1), {0: lambda: 1, 2: lambda: 2}),
            attempt(tf.switch_case, tf.constant(1), [(0, lambda: 1), (1, 5)]),
            attempt(tf.switch_case, tf.constant(1), [(0, lambda: 1), ("a", lambda: 2)]),
            attempt(tf.switch_case, tf.constant(1), lambda: 1),
            attempt(tf.switch_case, tf.constant([1]), fns)]


@case("control_flow", "switch_case gradient follows the branch taken")
def switch_case_gradient(tf: Any) -> Any:
    def f(x: Any) -> Any:
        return tf.switch_case(tf.constant(1), [lambda: x * x, lambda: x * x * x])

    return _grad(tf, f, tf.constant(2.0))


@case("control_flow", "case: first true predicate, default, exclusive and errors")
def case_fn(tf: Any) -> Any:
    t, f = tf.constant(True), tf.constant(False)
    return [tf.case([(f, lambda: 1), (t, lambda: 2)]),
            tf.case([(f, lambda: 1), (f, lambda: 2)], default=lambda: 3),
            tf.case([(t, lambda: 1), (t, lambda: 2)]),
            tf.case([(t, lambda: 1), (f, lambda: 2)], exclusive=True),
            attempt(tf.case, [(f, lambda: 1), (f, lambda: 2)]),
            attempt(tf.case, [(True, lambda: 1)]),
            attempt(tf.case, 5),
            attempt(tf.case, [(t, lambda: 1, 3)]),
            attempt(tf.case, {t.ref(): lambda: 1})]


@case("control_flow", "case with a non-bool predicate reads Tensor.name, undefined in eager mode")
def case_non_bool(tf: Any) -> Any:
    return attempt(tf.case, [(tf.constant(1), lambda: 1)])


@case("control_flow", "while_loop gradients and results")
def while_loop(tf: Any) -> Any:
    def squares(x: Any) -> Any:
        return tf.while_loop(lambda i, y: i < 3, lambda i, y: (i + 1, y * y), [0, x])[1]

    def capped(s: Any) -> Any:
        return tf.while_loop(lambda y: True, lambda y: (y * s,), (s,), maximum_iterations=2)[0]

    return [_grad(tf, squares, tf.constant(2.0)), _grad(tf, capped, tf.constant(2.0)),
            tf.while_loop(lambda i, y: i < 3, lambda i, y: (i + 1, y * 2), (0, 1.0)),
            tf.while_loop(lambda i: i < 3, lambda i: (i + 1,), (0,)),
            tf.while_loop(lambda i: i < 3, lambda i: [i + 1], [0]),
            tf.while_loop(lambda i: i < 0, lambda i: (i + 1,), [0]),
            tf.while_loop(lambda i, j: i < 3, lambda i, j: (i + 1, j * 2), (0, 1.0), maximum_iterations=2),
            tf.while_loop(lambda i: i < 3, lambda i: (i + 1,), (0,), maximum_iterations=0),
            tf.while_loop(lambda d: d["a"] < 3, lambda d: ({"a": d["a"] + 1},), [{"a": 0}]),
            tf.while_loop(lambda i: i < 3, lambda i: (i + 1,), [tf.Variable(0)])]


@case("control_flow", "while_loop errors", compare_message=False)
def while_loop_structure_errors(tf: Any) -> Any:
    return [attempt(tf.while_loop, lambda i: i < 3, lambda i: (i + 1, 2), (0,)),
            attempt(tf.while_loop, lambda i: i < 3, lambda i: i + 1, [0], maximum_iterations=2)]


@case("control_flow", "while_loop argument errors")
def while_loop_errors(tf: Any) -> Any:
    return [attempt(tf.while_loop, lambda i: i < 3, lambda i: i + 1, [0]),
            attempt(tf.while_loop, lambda i: i < 3, lambda i: i + 1, 0),
            attempt(tf.while_loop, lambda i: i < 3, lambda i: i + 1, 5),
            attempt(tf.while_loop, lambda i: i < 3, lambda i: (i + 1,), (0,), maximum_iterations=[2, 3]),
            attempt(tf.while_loop, 1, lambda i: i, [0]),
            attempt(tf.while_loop, lambda i: i, 1, [0]),
            attempt(tf.while_loop, lambda i: i < 3, lambda i: (i + 1,), [0], parallel_iterations=0),
            attempt(tf.while_loop, lambda i: tf.constant([True, False]), lambda i: (i + 1,), [0])]


@case("control_flow", "tf.function gradients: cube, variables, inner tape, autograph if, unconnected")
def function_gradients(tf: Any) -> Any:
    @tf.function
    def cube(x: Any) -> Any:
        return x * x * x

    v = tf.Variable(2.0)

    @tf.function
    def with_var(x: Any) -> Any:
        return x * v + v

    @tf.function
    def inner(x: Any) -> Any:
        with tf.GradientTape() as t:
            t.watch(x)
            y = x * x * x + x
        return t.gradient(y, x)

    @tf.function
    def branch(x: Any) -> Any:
        if x > 0:
            return x * x
        return -x / 3.0

    @tf.function
    def int_round_trip(x: Any) -> Any:
        return tf.cast(tf.cast(x, tf.int32), tf.float32)

    @tf.function
    def constant(x: Any) -> Any:
        return tf.constant(1.0)

    @tf.function
    def stopped(x: Any) -> Any:
        return tf.stop_gradient(x) * 0

    x = tf.constant(1.0)
    with tf.GradientTape() as t:
        t.watch(x)
        y = with_var(x)
    return [_grad(tf, cube, tf.constant(2.0)), t.gradient(y, [x, v]), inner(tf.constant(1.5)),
            _grad(tf, branch, tf.constant(3.0)), _grad(tf, branch, tf.constant(-3.0)),
            _grad(tf, int_round_trip, tf.constant(1.7)), _grad(tf, int_round_trip, tf.constant(1.7), zero=True),
            _grad(tf, constant, tf.constant(1.0)), _grad(tf, stopped, tf.constant(1.0)),
            _grad(tf, stopped, tf.constant(1.0), zero=True)]


@case("control_flow", "tf.function keeps name, docstring and signature; converts outputs")
def function_wrapping(tf: Any) -> Any:
    import inspect

    @tf.function
    def f(x: Any, y: Any = 2) -> Any:
        """doc"""
        return x * y

    @tf.function(reduce_retracing=True, autograph=False)
    def g(x: Any) -> Any:
        return 1, 2.5, None, {"k": [3]}, np.array([1.0, 2.0]), True, "abc"

    class A:
        def __init__(self) -> None:
            self.k = 3

        @tf.function
        def m(self, x: Any) -> Any:
            return x * self.k

    @tf.function(jit_compile=True)
    def compiled(x: Any) -> Any:
        return x * 2.0

    lam = tf.function(lambda x: x + 1)
    a = A()  # TF binds methods through a weak reference: a temporary instance would be gone
    return [f.__name__, f.__doc__, str(inspect.signature(f)), f(tf.constant(2.0)), f(3), f.input_signature,
            g(1), a.m(2), lam.__name__, lam(1), f.python_function.__name__,
            f.get_concrete_function(tf.constant(1.0))(tf.constant(2.0)),
            tf.function(lambda v: v)(tf.Variable(1.5)), compiled(tf.constant([1.0, 2.0]))]


@case("control_flow", "tf.function returning an unsupported object")
def function_bad_output(tf: Any) -> Any:
    class Opaque:
        pass

    def h() -> Any:
        return Opaque()

    return attempt(tf.function(h))


@case("control_flow", "tf.function input_signature binding and errors")
def function_signature(tf: Any) -> Any:
    @tf.function(input_signature=[tf.TensorSpec([None], tf.float32), tf.TensorSpec([], tf.int32)])
    def h(x: Any, n: Any = 3) -> Any:
        return x * tf.cast(n, tf.float32)

    one = tf.constant([1.0])
    return [h(one), h(one, 2), h(x=one, n=tf.constant(2)), h([1.0, 2.0]), h(np.array([1.0, 2.0])),
            h(tf.Variable([1.0, 2.0])),
            attempt(h, one, 2.5), attempt(h, one, n=tf.constant(2.0)), attempt(h, tf.constant([[1.0]]), 2),
            attempt(h), attempt(h, one, 1, 2), attempt(h, tf.constant([1, 2])),
            attempt(tf.function(input_signature=[tf.TensorSpec([None])]), lambda x, y: x),
            tf.function(input_signature=[[tf.TensorSpec([None]), tf.TensorSpec([])]])(lambda x: x)(
                [tf.constant([1.0]), tf.constant(2.0)])]


@case("control_flow", "tf.function input_signature that is not a list", compare_message=False)
def function_signature_type(tf: Any) -> Any:
    return attempt(tf.function, lambda x: x, input_signature=tf.TensorSpec([None]))


@case("control_flow", "TensorSpec attributes, repr, equality and compatibility")
def tensor_spec(tf: Any) -> Any:
    s = tf.TensorSpec([2, None], tf.float32, name="x")
    return [repr(s), str(s), s.shape, s.dtype, s.name, repr(tf.TensorSpec(None)), repr(tf.TensorSpec([])),
            repr(tf.TensorSpec(shape=(3,), dtype="int32")), s.is_compatible_with(tf.zeros([2, 5])),
            s.is_compatible_with(tf.zeros([3, 5])), s.is_compatible_with(tf.zeros([2, 5], tf.int32)),
            s.is_compatible_with(tf.TensorSpec([2, 3])), s == tf.TensorSpec([2, None], tf.float32, "x"),
            s == tf.TensorSpec([2, None]), hash(s) == hash(tf.TensorSpec([2, None], tf.float32, "x")),
            repr(tf.TensorSpec.from_tensor(tf.zeros([2], tf.float64))),
            repr(tf.TensorSpec([2, 3]).most_specific_common_supertype([tf.TensorSpec([2, 1])])),
            tf.TensorSpec([2]).most_specific_common_supertype([tf.TensorSpec([2], tf.int32)]),
            attempt(tf.TensorSpec, [2], "bogus")]


@case("control_flow", "map_fn and vectorized_map values and gradients")
def map_fn(tf: Any) -> Any:
    x = tf.constant([1.0, 2.0])
    with tf.GradientTape(persistent=True) as t:
        t.watch(x)
        m = tf.map_fn(lambda e: e * e, x)
        v = tf.vectorized_map(lambda e: e * e, x)
    return [m, v, t.gradient(m, x), t.gradient(v, x),
            tf.map_fn(lambda e: e * e, tf.constant([[1, 2], [3, 4]])),
            tf.map_fn(lambda e: (e, e * 2), tf.constant([1, 2]), fn_output_signature=(tf.int32, tf.int32)),
            tf.map_fn(lambda e: tf.cast(e, tf.float32), tf.constant([1, 2]), fn_output_signature=tf.float32),
            tf.map_fn(lambda e: tf.cast(e, tf.float32), tf.constant([1, 2]), dtype=tf.float32),
            tf.map_fn(lambda e: e, tf.zeros([0, 2])),
            tf.map_fn(lambda e: e, {"a": tf.constant([1, 2])}),
            tf.map_fn(lambda e: 2.0, tf.constant([1, 2]), fn_output_signature=tf.float32),
            tf.vectorized_map(lambda e: e[0] * e[1], (tf.constant([1, 2]), tf.constant([3, 4]))),
            tf.vectorized_map(lambda e: 2.0, tf.constant([1, 2])),
            tf.vectorized_map(lambda e: e * 2, tf.zeros([0, 2])),
            tf.vectorized_map(lambda e: tf.reduce_sum(e), tf.zeros([0, 2])),
            tf.vectorized_map(lambda e: e[0] + e[1], (tf.zeros([1]), tf.ones([3])))]


@case("control_flow", "map_fn and vectorized_map errors")
def map_fn_errors(tf: Any) -> Any:
    return [attempt(tf.map_fn, lambda e: e * e, [1.0, 2.0]),
            attempt(tf.map_fn, lambda e: e, tf.constant(1)),
            attempt(tf.map_fn, lambda e: e[0] * e[1], (tf.constant([1, 2]), tf.constant([3, 4, 5]))),
            attempt(tf.map_fn, lambda e: tf.cast(e, tf.float32), tf.constant([1, 2])),
            attempt(tf.map_fn, lambda e: tf.range(e), tf.constant([1, 2])),
            attempt(tf.map_fn, lambda e: 2.0, tf.constant([1, 2])),
            attempt(tf.vectorized_map, lambda e: e, tf.constant(1))]


@case("control_flow", "scan, foldl and foldr")
def scans(tf: Any) -> Any:
    xs = tf.constant([1, 2, 3])
    x = tf.constant([1.0, 2.0, 3.0])
    with tf.GradientTape() as t:
        t.watch(x)
        y = tf.foldl(lambda a, e: a * e, x)
    return [tf.scan(lambda a, e: a + e, xs), tf.scan(lambda a, e: a + e, xs, initializer=10),
            tf.scan(lambda a, e: a + e, xs, reverse=True),
            tf.scan(lambda a, e: a + e, xs, initializer=10, reverse=True),
            tf.scan(lambda a, e: (a[0] + e, a[1] * e), xs, initializer=(0, 1)),
            tf.foldl(lambda a, e: a + e, xs), tf.foldr(lambda a, e: a + e, xs, initializer=10),
            tf.foldl(lambda a, e: a + e[0] * e[1], (tf.constant([1, 2]), tf.constant([3, 4])), initializer=0),
            tf.foldl(lambda a, e: a + 1.5, xs, initializer=0), y, t.gradient(y, x),
            attempt(tf.foldl, lambda a, e: a + e, tf.constant([], tf.int32)),
            attempt(tf.foldr, lambda a, e: a + e, tf.constant([], tf.int32))]


@case("control_flow", "py_function: values, gradients (0.0 for unconnected inputs), None second order")
def py_function(tf: Any) -> Any:
    x = tf.constant([1.0, 2.0])
    v = tf.Variable(3.0)

    def grad(fn: Any, source: Any = None) -> Any:
        with tf.GradientTape() as t:
            t.watch(x)
            y = fn()
        return attempt(t.gradient, y, x if source is None else source)

    with tf.GradientTape() as t2:
        t2.watch(x)
        with tf.GradientTape() as t1:
            t1.watch(x)
            y = tf.py_function(lambda a: a * a * a, [x], tf.float32)
        d = t1.gradient(y, x)
    return [tf.py_function(lambda a: a * a, [tf.constant(2.0)], tf.float32),
            tf.py_function(lambda a: a * a, [2], Tout=[tf.int32]),
            tf.py_function(lambda a: (a, a), [2], Tout=[tf.int32, tf.int32]),
            tf.py_function(lambda a: (a, a), [2], Tout=tf.int32),
            tf.py_function(lambda a: a.numpy(), [2], Tout=tf.int32),
            tf.py_function(lambda: 3, [], Tout=tf.int32),
            tf.py_function(lambda a: a[0], [[1, 2]], tf.int32),
            grad(lambda: tf.py_function(lambda a: a * a, [x], tf.float32)),
            grad(lambda: tf.py_function(lambda a: a.numpy() * 2, [x], tf.float32)),
            grad(lambda: tf.py_function(lambda a, b: a * b, [x, 2.0], tf.float32)),
            grad(lambda: tf.py_function(lambda a: (a * a, a * 3), [x], [tf.float32, tf.float32])),
            grad(lambda: tf.py_function(lambda a: (a * a, a * 3), [x], [tf.float32, tf.float32])[0]),
            grad(lambda: tf.py_function(lambda a: tf.cast(a, tf.int32), [x], tf.int32)),
            grad(lambda: tf.py_function(lambda a: a * v, [x], tf.float32), v),
            d, t2.gradient(d, x)]


@case("control_flow", "py_function errors", compare_message=False)
def py_function_errors(tf: Any) -> Any:
    x = tf.constant([1.0, 2.0])
    with tf.GradientTape() as t:
        t.watch(x)
        y = tf.py_function(lambda a, b: a * 3.0, [x, 5], tf.float32)
    return [attempt(tf.py_function, lambda a: a, [2], Tout=tf.float32),
            attempt(tf.py_function, lambda a: 1 / 0, [2], tf.int32),
            attempt(tf.py_function, lambda a: 3, [2], Tout=[]),
            attempt(t.gradient, y, x)]


@case("control_flow", "py_function and numpy_function argument errors")
def py_function_arg_errors(tf: Any) -> Any:
    return [attempt(tf.py_function, lambda a: None, [2], Tout=None),
            attempt(tf.py_function, lambda a: a, 2, Tout=tf.int32),
            attempt(tf.py_function, lambda a: a, Tout=tf.int32),
            attempt(tf.py_function, 5, [2], Tout=tf.int32),
            attempt(tf.numpy_function, lambda a: a, [2], None)]


@case("control_flow", "py_function as a decorator")
def py_function_decorator(tf: Any) -> Any:
    @tf.py_function(Tout=tf.float32)
    def double(a: Any) -> Any:
        return a * 2

    return [double(tf.constant(1.5)), double.__name__]


@case("control_flow", "numpy_function: NumPy inputs, Tout not applied, no gradient")
def numpy_function(tf: Any) -> Any:
    x = tf.constant(2.0)
    with tf.GradientTape(persistent=True) as t:
        t.watch(x)
        y = tf.numpy_function(lambda a: a * a, [x], tf.float32)
    return [y, t.gradient(y, x), t.gradient(y, x, unconnected_gradients="zero"),
            tf.numpy_function(lambda a: type(a).__name__, [tf.constant(2.0)], tf.string),
            tf.numpy_function(lambda a: a * 2, [2], tf.int32),
            tf.numpy_function(lambda a: a * 2.0, [2], tf.int32),
            tf.numpy_function(lambda a: (a, a), [2], (tf.int32, tf.int32)),
            tf.numpy_function(lambda a: a, [2], [tf.int32]),
            tf.numpy_function(lambda a: a.shape, [tf.zeros([2, 3])], tf.int64),
            attempt(tf.numpy_function, lambda a: 1 / 0, [2], tf.int32)]


@case("control_flow", "TensorArray: write/read/stack/unstack/gather/concat/split/size and gradients")
def tensor_array(tf: Any) -> Any:
    x = tf.constant([1.0, 2.0])
    with tf.GradientTape() as t:
        t.watch(x)
        ta = tf.TensorArray(tf.float32, size=3)
        for i in range(3):
            ta = ta.write(i, x[0] * (i + 1))
        s = ta.stack()
    ta2 = tf.TensorArray(tf.float32, size=3).unstack([1.0, 2.0, 3.0])
    return [s, t.gradient(s, x), type(tf.TensorArray(tf.float32, size=1)).__name__, ta2.gather([2, 0]), ta2.read(1),
            ta2.size(),
            tf.TensorArray(tf.float32, size=2, element_shape=[3]).stack(),
            tf.TensorArray(tf.float32, size=0).stack(),
            tf.TensorArray(tf.float32, size=0, element_shape=[3]).stack(),
            tf.TensorArray(tf.float32, size=2).write(0, [1.0, 2.0]).stack(),
            tf.TensorArray(tf.float32, size=2).write(0, 1).read(0),
            tf.TensorArray(tf.float32, size=2, dynamic_size=True).write(3, 1.0).size(),
            tf.TensorArray(tf.float32, size=2).split([1.0, 2.0, 3.0], [1, 2]).concat(),
            tf.TensorArray(tf.int32, size=2).unstack([1, 2]).stack(),
            tf.while_loop(lambda i, a: i < 3, lambda i, a: (i + 1, a.write(i, i * 2)),
                          (0, tf.TensorArray(tf.int32, size=3)))[1].stack()]


@case("control_flow", "TensorArray errors")
def tensor_array_errors(tf: Any) -> Any:
    ta = tf.TensorArray(tf.float32, size=2, clear_after_read=True).write(0, 1.0)
    ta.read(0)
    return [attempt(tf.TensorArray, tf.float32),
            attempt(tf.TensorArray(tf.float32, size=2).stack),
            attempt(tf.TensorArray(tf.float32, size=2).read, 1),
            attempt(tf.TensorArray(tf.float32, size=2).read, 2),
            attempt(tf.TensorArray(tf.float32, size=2).read, -1),
            attempt(tf.TensorArray(tf.float32, size=2).write, 2, 1.0),
            attempt(tf.TensorArray(tf.float32, size=2).write, -1, 1.0),
            attempt(tf.TensorArray(tf.float32, size=2).write(0, 1.0).write, 1, [1.0]),
            attempt(tf.TensorArray(tf.float32, size=2).write, 0, tf.constant(1)),
            attempt(tf.TensorArray(tf.float32, size=2).unstack, [1.0, 2.0, 3.0]),
            attempt(ta.read, 0)]


@case("control_flow", "graph-era helpers in eager mode")
def helpers(tf: Any) -> Any:
    with tf.control_dependencies([tf.constant(1)]):
        y = tf.constant(2) + 1
    return [tf.group(tf.constant(1)), tf.no_op(), tf.tuple([tf.constant(1), 2]), y]
