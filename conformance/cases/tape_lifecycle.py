"""Spec section 2: GradientTape construction, entering, watch(), automatic variable watching,
watched_variables(), stop_recording(), reset(), persistence and gradient() inside the block."""

from __future__ import annotations

import collections
import inspect
from typing import Any

import numpy as np

from conformance.case import attempt, case

AREA = "tape_lifecycle"


# -- 2.1 constructor and identity --------------------------------------------------------------------
@case(AREA, "constructor signature")
def signature(tf: Any) -> Any:
    params = inspect.signature(tf.GradientTape.__init__).parameters
    return [(name, repr(p.default)) for name, p in params.items() if name != "self"]


@case(AREA, "autodiff alias is the same class")
def autodiff_alias(tf: Any) -> Any:
    return tf.GradientTape is tf.autodiff.GradientTape


@case(AREA, "enter returns the tape itself")
def enter_returns_self(tf: Any) -> Any:
    t = tf.GradientTape()
    with t as bound:
        pass
    return bound is t


@case(AREA, "two tapes in one with statement both record")
def two_tapes(tf: Any) -> Any:
    x = tf.constant(3.0)
    with tf.GradientTape() as t1, tf.GradientTape() as t2:
        t1.watch(x)
        t2.watch(x)
        y = x * x
    return [t1.gradient(y, x), t2.gradient(y, x)]


@case(AREA, "tape only records what it watches")
def per_tape_watch(tf: Any) -> Any:
    x = tf.constant(3.0)
    z = tf.constant(2.0)
    with tf.GradientTape() as t1, tf.GradientTape() as t2:
        t1.watch(x)
        t2.watch(z)
        y = x * z
    return [t1.gradient(y, [x, z]), t2.gradient(y, [x, z])]


@case(AREA, "default persistent and watch flags")
def default_flags(tf: Any) -> Any:
    v = tf.Variable(2.0)
    with tf.GradientTape() as t:
        y = v * v
    return [t.gradient(y, v), attempt(t.gradient, y, v)]


@case(AREA, "positional constructor arguments")
def positional_args(tf: Any) -> Any:
    v = tf.Variable(2.0)
    with tf.GradientTape(True, False) as t:
        y = v * v
    return [t.gradient(y, v), t.gradient(y, v), t.watched_variables()]


# -- 2.2 entering and re-entering --------------------------------------------------------------------
@case(AREA, "re-enter while recording raises")
def reenter_active(tf: Any) -> Any:
    t = tf.GradientTape()
    with t:
        with t:
            pass


@case(AREA, "re-enter while recording raises, persistent")
def reenter_active_persistent(tf: Any) -> Any:
    t = tf.GradientTape(persistent=True)
    with t:
        with t:
            pass


@case(AREA, "enter exit enter appends to the recording")
def reenter_appends(tf: Any) -> Any:
    x = tf.constant(3.0)
    t = tf.GradientTape()
    with t:
        t.watch(x)
        y = x * x
    with t:
        w = y * x
    return t.gradient(w, x)


@case(AREA, "enter exit enter appends, persistent, both targets")
def reenter_appends_persistent(tf: Any) -> Any:
    x = tf.constant(3.0)
    t = tf.GradientTape(persistent=True)
    with t:
        t.watch(x)
        y = x * x
    with t:
        w = y * x
    return [t.gradient(y, x), t.gradient(w, x)]


@case(AREA, "op between two blocks is not recorded")
def op_between_blocks(tf: Any) -> Any:
    x = tf.constant(3.0)
    t = tf.GradientTape()
    with t:
        t.watch(x)
    z = x * x
    with t:
        pass
    return t.gradient(z, x)


@case(AREA, "exception inside the block pops the tape")
def exception_inside(tf: Any) -> Any:
    x = tf.constant(3.0)
    t = tf.GradientTape()
    caught = None
    try:
        with t:
            t.watch(x)
            y = x * x
            raise RuntimeError("boom")
    except RuntimeError as exc:
        caught = exc
    return [caught, t.gradient(y, x)]


@case(AREA, "ops after an exception escaped the block are not recorded")
def after_exception_not_recorded(tf: Any) -> Any:
    x = tf.constant(3.0)
    t = tf.GradientTape(persistent=True)
    try:
        with t:
            t.watch(x)
            raise ValueError("x")
    except ValueError:
        pass
    y = x * x
    return t.gradient(y, x)


@case(AREA, "re-enter after gradient starts a fresh recording")
def reenter_after_gradient(tf: Any) -> Any:
    x = tf.constant(3.0)
    t = tf.GradientTape()
    with t:
        t.watch(x)
        y = x * x
    first = t.gradient(y, x)
    with t:
        t.watch(x)
        z = x * x * x
    return [first, t.gradient(z, x)]


@case(AREA, "re-enter after gradient forgets the old recording")
def reenter_after_gradient_forgets(tf: Any) -> Any:
    x = tf.constant(3.0)
    t = tf.GradientTape()
    with t:
        t.watch(x)
        y = x * x
    t.gradient(y, x)
    with t:
        z = y * 2.0
    return t.gradient(z, x)


@case(AREA, "re-enter after gradient allows one more gradient")
def reenter_after_gradient_once(tf: Any) -> Any:
    x = tf.constant(3.0)
    t = tf.GradientTape()
    with t:
        t.watch(x)
        y = x * x
    t.gradient(y, x)
    with t:
        t.watch(x)
        z = x * 4.0
    return [t.gradient(z, x), attempt(t.gradient, z, x)]


@case(AREA, "nested different tapes do not conflict")
def nested_tapes(tf: Any) -> Any:
    x = tf.constant(2.0)
    with tf.GradientTape() as outer:
        outer.watch(x)
        with tf.GradientTape() as inner:
            inner.watch(x)
            y = x * x * x
        g = inner.gradient(y, x)
    return [g, outer.gradient(g, x)]


# -- 2.3 watch() ------------------------------------------------------------------------------------
def _watch_value(make: Any) -> Any:
    def run(tf: Any) -> Any:
        with tf.GradientTape() as t:
            t.watch(make(tf))
        return "no error"

    return run


_WATCH_BAD = {
    "python float": lambda tf: 3.0,
    "python int": lambda tf: 3,
    "numpy array": lambda tf: np.array([1.0]),
    "numpy float32": lambda tf: np.float32(2.0),
    "None": lambda tf: None,
    "string": lambda tf: "abc",
    "bytes": lambda tf: b"abc",
    "bool": lambda tf: True,
    "tuple with a float": lambda tf: (tf.constant(1.0), 1.0),
    "dict with None": lambda tf: {"a": tf.constant(1.0), "b": None},
    "list of two bad leaves": lambda tf: [2, 3.5],
    "python list of floats in a list": lambda tf: [[1.0]],
    "numpy 2d array": lambda tf: np.ones((2, 2)),
}
for _name, _make in _WATCH_BAD.items():
    case(AREA, f"watch rejects a {_name}")(_watch_value(_make))

_WATCH_OK = {
    "list with a duplicate": lambda tf: [tf.constant(1.0)] * 2,
    "dict and nested list": lambda tf: {"a": tf.constant(1.0), "b": [tf.constant(2.0)]},
    "empty list": lambda tf: [],
    "empty dict": lambda tf: {},
    "empty tuple": lambda tf: (),
    "namedtuple": lambda tf: collections.namedtuple("P", "a b")(tf.constant(1.0), tf.constant(2.0)),
    "variable": lambda tf: tf.Variable(1.0),
    "int32 tensor": lambda tf: tf.constant([1, 2]),
    "bool tensor": lambda tf: tf.constant(True),
    "string tensor": lambda tf: tf.constant("s"),
    "int variable": lambda tf: tf.Variable(3),
    "float64 tensor": lambda tf: tf.constant(1.0, dtype=tf.float64),
    "complex tensor": lambda tf: tf.constant(1 + 1j),
}
for _name, _make in _WATCH_OK.items():
    case(AREA, f"watch accepts a {_name}")(_watch_value(_make))


@case(AREA, "watch on a never-entered tape raises AttributeError")
def watch_never_entered(tf: Any) -> Any:
    t = tf.GradientTape()
    t.watch(tf.constant(1.0))


@case(AREA, "watch non-tensor on a never-entered tape raises ValueError first")
def watch_never_entered_bad(tf: Any) -> Any:
    t = tf.GradientTape()
    t.watch(3.0)


@case(AREA, "watch after the block ended has no effect")
def watch_after_exit(tf: Any) -> Any:
    x = tf.constant(3.0)
    t = tf.GradientTape()
    with t:
        pass
    t.watch(x)
    with t:
        y = x * x
    return t.gradient(y, x)


@case(AREA, "watch inside stop_recording has no effect")
def watch_in_stop_recording(tf: Any) -> Any:
    x = tf.constant(3.0)
    with tf.GradientTape() as t:
        with t.stop_recording():
            t.watch(x)
        y = x * x
    return t.gradient(y, x)


@case(AREA, "watch inside stop_recording with an outer tape")
def watch_in_stop_recording_outer(tf: Any) -> Any:
    x = tf.constant(3.0)
    with tf.GradientTape() as outer:
        outer.watch(tf.constant(0.0))
        with tf.GradientTape() as t:
            with t.stop_recording():
                t.watch(x)
            y = x * x
    return t.gradient(y, x)


@case(AREA, "watch the same tensor twice")
def watch_twice(tf: Any) -> Any:
    x = tf.constant(3.0)
    with tf.GradientTape() as t:
        t.watch(x)
        t.watch(x)
        y = x * x
    return t.gradient(y, x)


@case(AREA, "watch a nested structure then differentiate every leaf")
def watch_structure(tf: Any) -> Any:
    a, b = tf.constant(2.0), tf.constant(3.0)
    with tf.GradientTape() as t:
        t.watch({"a": a, "b": [b]})
        y = a * b
    return t.gradient(y, [a, b])


@case(AREA, "watch an int tensor: gradient is still None")
def watch_int(tf: Any) -> Any:
    i = tf.constant([1, 2])
    with tf.GradientTape() as t:
        t.watch(i)
        y = i * i
    return t.gradient(y, i)


@case(AREA, "watch returns None")
def watch_returns(tf: Any) -> Any:
    with tf.GradientTape() as t:
        r = t.watch(tf.constant(1.0))
    return r


@case(AREA, "watch after an in-context non-persistent gradient raises")
def watch_after_inside_gradient(tf: Any) -> Any:
    x = tf.constant(3.0)
    with tf.GradientTape() as t:
        t.watch(x)
        y = x * x
        g = t.gradient(y, x)
        err = attempt(t.watch, x)
    return [g, err]


# -- 2.4 automatic variable watching ----------------------------------------------------------------
def _auto_watch(read: Any) -> Any:
    def run(tf: Any) -> Any:
        v = tf.Variable([1.0, 2.0], name="v")
        with tf.GradientTape() as t:
            y = read(tf, v)
        return [t.gradient(y, v), [w.name for w in t.watched_variables()]]

    return run


_READS = {
    "arithmetic": lambda tf, v: v * 3.0,
    "read_value": lambda tf, v: v.read_value() * 3.0,
    "value": lambda tf, v: v.value() * 3.0,
    "identity": lambda tf, v: tf.identity(v) * 3.0,
    "convert_to_tensor": lambda tf, v: tf.convert_to_tensor(v) * 3.0,
    "slicing": lambda tf, v: v[1] * 3.0,
    "sparse_read": lambda tf, v: v.sparse_read([1]) * 3.0,
    "reduce_sum": lambda tf, v: tf.reduce_sum(v),
    "matmul": lambda tf, v: tf.matmul(tf.reshape(v, [1, 2]), tf.ones([2, 1])),
    "tf.multiply": lambda tf, v: tf.multiply(v, v),
    "negation": lambda tf, v: -v,
    "abs": lambda tf, v: abs(v),
    "pow": lambda tf, v: v ** 2,
    "rmul": lambda tf, v: 2.0 * v,
}
for _name, _read in _READS.items():
    case(AREA, f"auto-watch by {_name}")(_auto_watch(_read))


@case(AREA, "name and shape do not watch")
def name_shape_no_watch(tf: Any) -> Any:
    v = tf.Variable(1.0, name="v")
    with tf.GradientTape() as t:
        _ = v.name, v.shape, v.dtype
    return t.watched_variables()


@case(AREA, "assign inside the block watches")
def assign_watches(tf: Any) -> Any:
    v = tf.Variable(1.0, name="v")
    with tf.GradientTape() as t:
        v.assign(2.0)
    return [w.name for w in t.watched_variables()]


@case(AREA, "assign_add inside the block watches")
def assign_add_watches(tf: Any) -> Any:
    v = tf.Variable(1.0, name="v")
    with tf.GradientTape() as t:
        v.assign_add(2.0)
    return [w.name for w in t.watched_variables()]


@case(AREA, "non-trainable variable is not auto-watched")
def nontrainable(tf: Any) -> Any:
    v = tf.Variable(3.0, trainable=False)
    with tf.GradientTape() as t:
        y = v * v
    return [t.gradient(y, v), t.watched_variables()]


@case(AREA, "non-trainable variable watched explicitly")
def nontrainable_explicit(tf: Any) -> Any:
    v = tf.Variable(3.0, trainable=False, name="nt")
    with tf.GradientTape() as t:
        t.watch(v)
        y = v * 1.0
    return [t.gradient(y, v), [w.name for w in t.watched_variables()]]


@case(AREA, "int variable is auto-watched but has no gradient")
def int_variable(tf: Any) -> Any:
    v = tf.Variable(3, name="iv")
    with tf.GradientTape() as t:
        y = v * 2
    return [t.gradient(y, v), [w.name for w in t.watched_variables()]]


@case(AREA, "watch_accessed_variables False watches nothing")
def no_auto_watch(tf: Any) -> Any:
    v1 = tf.Variable(2.0)
    v2 = tf.Variable(3.0)
    with tf.GradientTape(watch_accessed_variables=False) as t:
        y = v2 * v1
    return t.gradient(y, [v1, v2])


@case(AREA, "watch_accessed_variables False with one explicit watch")
def no_auto_watch_explicit(tf: Any) -> Any:
    v1 = tf.Variable(2.0, name="v1")
    v2 = tf.Variable(3.0, name="v2")
    with tf.GradientTape(watch_accessed_variables=False) as t:
        t.watch(v1)
        y = v2 * v1
    return [t.gradient(y, [v1, v2]), [w.name for w in t.watched_variables()]]


@case(AREA, "watch_accessed_variables False, watched read value")
def no_auto_watch_read(tf: Any) -> Any:
    v = tf.Variable(2.0)
    with tf.GradientTape(watch_accessed_variables=False) as t:
        r = v.read_value()
        t.watch(r)
        y = 3.0 * r
    return t.gradient(y, [r, v])


@case(AREA, "variable created inside the block is watched")
def created_inside(tf: Any) -> Any:
    with tf.GradientTape() as t:
        v = tf.Variable(2.0, name="inside")
        y = v * v
    return [t.gradient(y, v), [w.name for w in t.watched_variables()]]


@case(AREA, "variable created inside but never read is not watched")
def created_inside_unread(tf: Any) -> Any:
    with tf.GradientTape() as t:
        tf.Variable(2.0, name="inside")
    return t.watched_variables()


# -- watched_variables() ----------------------------------------------------------------------------
@case(AREA, "watched_variables returns a tuple")
def watched_type(tf: Any) -> Any:
    v = tf.Variable(1.0)
    with tf.GradientTape() as t:
        v * 2.0
    return type(t.watched_variables()).__name__


@case(AREA, "watched_variables before entering")
def watched_before(tf: Any) -> Any:
    return tf.GradientTape().watched_variables()


@case(AREA, "watched_variables with only tensors watched")
def watched_tensors_only(tf: Any) -> Any:
    with tf.GradientTape() as t:
        t.watch(tf.constant(1.0))
    return t.watched_variables()


@case(AREA, "watched_variables follow creation order")
def watched_order(tf: Any) -> Any:
    v1 = tf.Variable(1.0, name="v1")
    v2 = tf.Variable(2.0, name="v2")
    vi = tf.Variable(3, name="vi")
    with tf.GradientTape() as t:
        v2 * 2.0
        vi * 2
        v1 * 2.0
    return [w.name for w in t.watched_variables()]


@case(AREA, "watched_variables lists a variable once")
def watched_once(tf: Any) -> Any:
    v = tf.Variable(1.0, name="p")
    with tf.GradientTape() as t:
        for _ in range(3):
            v * 2.0
    return [w.name for w in t.watched_variables()]


@case(AREA, "watched_variables kept after a non-persistent gradient")
def watched_after_gradient(tf: Any) -> Any:
    v = tf.Variable(1.0, name="p")
    with tf.GradientTape() as t:
        y = v * 2.0
    t.gradient(y, v)
    return [w.name for w in t.watched_variables()]


@case(AREA, "watched_variables during recording")
def watched_during(tf: Any) -> Any:
    p = tf.Variable(1.0, name="p")
    with tf.GradientTape() as t:
        before = len(t.watched_variables())
        p * 2.0
        after = [w.name for w in t.watched_variables()]
    return [before, after]


@case(AREA, "watched_variables after reset")
def watched_after_reset(tf: Any) -> Any:
    p = tf.Variable(1.0, name="p")
    q = tf.Variable(1.0, name="q")
    with tf.GradientTape() as t:
        p * 2.0
        a = [w.name for w in t.watched_variables()]
        t.reset()
        b = [w.name for w in t.watched_variables()]
        q * 2.0
        c = [w.name for w in t.watched_variables()]
    return [a, b, c]


@case(AREA, "watched_variables are the variable objects")
def watched_identity(tf: Any) -> Any:
    v = tf.Variable(1.0)
    with tf.GradientTape() as t:
        v * 2.0
    return t.watched_variables()[0] is v


# -- 2.5 stop_recording() ---------------------------------------------------------------------------
@case(AREA, "stop_recording hides ops")
def stop_recording_hides(tf: Any) -> Any:
    x = tf.constant(3.0)
    with tf.GradientTape(persistent=True) as t:
        t.watch(x)
        with t.stop_recording():
            y = x * x
        z = 3.0 * x
    return [t.gradient(y, x), t.gradient([y, z], x)]


@case(AREA, "stop_recording on a never-entered tape")
def stop_never_entered(tf: Any) -> Any:
    t = tf.GradientTape()
    with t.stop_recording():
        pass


@case(AREA, "stop_recording after the block ended")
def stop_after_exit(tf: Any) -> Any:
    t = tf.GradientTape()
    with t:
        pass
    with t.stop_recording():
        pass


@case(AREA, "nested stop_recording")
def stop_nested(tf: Any) -> Any:
    with tf.GradientTape() as t:
        with t.stop_recording():
            with t.stop_recording():
                pass


@case(AREA, "stop_recording of the inner tape only")
def stop_inner_only(tf: Any) -> Any:
    x = tf.constant(3.0)
    with tf.GradientTape() as outer:
        outer.watch(x)
        with tf.GradientTape() as inner:
            inner.watch(x)
            with inner.stop_recording():
                y = x * x
    return [outer.gradient(y, x), inner.gradient(y, x)]


@case(AREA, "gradient inside stop_recording")
def gradient_in_stop(tf: Any) -> Any:
    x = tf.constant(3.0)
    with tf.GradientTape() as t:
        t.watch(x)
        y = x * x
        with t.stop_recording():
            g = t.gradient(y, x)
    return g


@case(AREA, "stop_recording with a variable created inside the tape")
def stop_recording_variable(tf: Any) -> Any:
    with tf.GradientTape(persistent=True) as t:
        v = tf.Variable(1.0)
        x2 = 2.0 * v
        with t.stop_recording():
            y = v * v
            y2 = x2 * x2
        z = x2 * x2
    return [t.gradient(y, v), t.gradient(y2, x2), t.gradient(z, x2)]


@case(AREA, "stop_recording resumes recording after an exception")
def stop_recording_exception(tf: Any) -> Any:
    x = tf.constant(3.0)
    with tf.GradientTape() as t:
        t.watch(x)
        try:
            with t.stop_recording():
                raise KeyError("k")
        except KeyError:
            pass
        y = x * x
    return t.gradient(y, x)


@case(AREA, "variables read inside stop_recording are not watched")
def stop_recording_no_autowatch(tf: Any) -> Any:
    v = tf.Variable(1.0)
    with tf.GradientTape() as t:
        with t.stop_recording():
            y = v * v
    return [t.gradient(y, v), t.watched_variables()]


# -- 2.6 reset() ------------------------------------------------------------------------------------
@case(AREA, "reset forgets ops and watches")
def reset_forgets(tf: Any) -> Any:
    x = tf.constant(3.0)
    with tf.GradientTape(persistent=True) as t:
        t.watch(x)
        y = x * x
        t.reset()
        z = 5.0 * x
        t.watch(x)
        w = 7.0 * x
    return [t.gradient(y, x), t.gradient(z, x), t.gradient(w, x)]


@case(AREA, "reset with a variable resumes auto-watching")
def reset_variable(tf: Any) -> Any:
    v = tf.Variable(2.0)
    with tf.GradientTape(persistent=True) as t:
        y = v * v
        t.reset()
        z = 3.0 * v
    return [t.gradient(y, v), t.gradient(z, v)]


@case(AREA, "reset keeps only the part after it")
def reset_accumulate(tf: Any) -> Any:
    v = tf.Variable(1.0)
    with tf.GradientTape() as t:
        loss = v * v
        t.reset()
        loss += v * v
    return t.gradient(loss, v)


@case(AREA, "reset on a never-entered tape")
def reset_never_entered(tf: Any) -> Any:
    tf.GradientTape().reset()


@case(AREA, "reset after the block ended")
def reset_after_exit(tf: Any) -> Any:
    t = tf.GradientTape()
    with t:
        pass
    t.reset()


@case(AREA, "reset inside stop_recording")
def reset_in_stop(tf: Any) -> Any:
    x = tf.constant(3.0)
    with tf.GradientTape() as t:
        t.watch(x)
        with t.stop_recording():
            t.reset()
        y = x * x
    return t.gradient(y, x)


@case(AREA, "reset returns None")
def reset_returns(tf: Any) -> Any:
    with tf.GradientTape() as t:
        r = t.reset()
    return r


# -- 2.7 persistence and using the tape after exit --------------------------------------------------
@case(AREA, "non-persistent second gradient raises")
def second_gradient(tf: Any) -> Any:
    x = tf.constant(3.0)
    with tf.GradientTape() as t:
        t.watch(x)
        y = x * x
        z = y * y
    return [t.gradient(y, x), attempt(t.gradient, z, x)]


@case(AREA, "non-persistent jacobian after gradient raises")
def jacobian_after_gradient(tf: Any) -> Any:
    x = tf.constant([1.0, 2.0])
    with tf.GradientTape() as t:
        t.watch(x)
        y = x * x
    t.gradient(y, x)
    return t.jacobian(y, x)


@case(AREA, "non-persistent gradient after jacobian raises")
def gradient_after_jacobian(tf: Any) -> Any:
    x = tf.constant([1.0, 2.0])
    with tf.GradientTape() as t:
        t.watch(x)
        y = x * x
    t.jacobian(y, x)
    return t.gradient(y, x)


@case(AREA, "non-persistent second jacobian raises")
def second_jacobian(tf: Any) -> Any:
    x = tf.constant([1.0, 2.0])
    with tf.GradientTape() as t:
        t.watch(x)
        y = x * x
    t.jacobian(y, x)
    return t.jacobian(y, x)


@case(AREA, "non-persistent second batch_jacobian raises with its typo")
def second_batch_jacobian(tf: Any) -> Any:
    x = tf.constant([[1.0, 2.0], [3.0, 4.0]])
    with tf.GradientTape() as t:
        t.watch(x)
        y = x * x
    t.batch_jacobian(y, x)
    return t.batch_jacobian(y, x)


@case(AREA, "gradient on a never-entered tape")
def gradient_never_entered(tf: Any) -> Any:
    return tf.GradientTape().gradient(tf.constant(1.0), tf.constant(1.0))


@case(AREA, "gradient on a never-entered persistent tape")
def gradient_never_entered_persistent(tf: Any) -> Any:
    return tf.GradientTape(persistent=True).gradient(tf.constant(1.0), tf.constant(1.0))


@case(AREA, "persistent tape many gradients")
def persistent_many(tf: Any) -> Any:
    x = tf.constant(3.0)
    with tf.GradientTape(persistent=True) as t:
        t.watch(x)
        y = x * x
        z = y * y
    return [t.gradient(y, x), t.gradient(z, x), t.gradient(y, x)]


@case(AREA, "persistent tape different output_gradients per call")
def persistent_output_gradients(tf: Any) -> Any:
    x = tf.constant(3.0)
    with tf.GradientTape(persistent=True) as t:
        t.watch(x)
        y = x * x
    return [t.gradient(y, x, output_gradients=tf.constant(2.0)),
            t.gradient(y, x, output_gradients=tf.constant(-1.0)), t.gradient(y, x)]


@case(AREA, "del a persistent tape keeps gradients")
def del_persistent(tf: Any) -> Any:
    x = tf.constant(3.0)
    with tf.GradientTape(persistent=True) as t:
        t.watch(x)
        y = x * x
    g = t.gradient(y, x)
    del t
    return g


@case(AREA, "ops after exit are not recorded")
def ops_after_exit(tf: Any) -> Any:
    v = tf.Variable(2.0)
    with tf.GradientTape(persistent=True) as t:
        y = v * v
    z = v * 3.0
    return [t.gradient(y + z, v), t.gradient(y, v)]


@case(AREA, "persistent tape gradient and jacobian")
def persistent_gradient_jacobian(tf: Any) -> Any:
    x = tf.constant([1.0, 2.0])
    with tf.GradientTape(persistent=True) as t:
        t.watch(x)
        y = x * x
    return [t.gradient(y, x), t.jacobian(y, x), t.gradient(y, x)]


# -- 2.8 gradient inside the with block -------------------------------------------------------------
@case(AREA, "non-persistent gradient inside the block")
def inside_nonpersistent(tf: Any) -> Any:
    x = tf.constant(3.0)
    with tf.GradientTape() as t:
        t.watch(x)
        y = x * x
        g = t.gradient(y, x)
    return g


@case(AREA, "non-persistent gradient inside stops recording")
def inside_stops_recording(tf: Any) -> Any:
    x = tf.constant(3.0)
    with tf.GradientTape() as t:
        t.watch(x)
        y = x * x
        g = t.gradient(y, x)
        z = x * x * x
        err = attempt(t.gradient, z, x)
    return [g, err]


@case(AREA, "non-persistent gradient inside, later ops unrecorded on re-entry")
def inside_then_reenter(tf: Any) -> Any:
    x = tf.constant(3.0)
    t = tf.GradientTape()
    with t:
        t.watch(x)
        y = x * x
        t.gradient(y, x)
    with t:
        t.watch(x)
        z = 2.0 * x
    return t.gradient(z, x)


@case(AREA, "persistent gradient inside is recorded for second order")
def inside_persistent(tf: Any) -> Any:
    x = tf.constant(3.0)
    with tf.GradientTape(persistent=True) as t:
        t.watch(x)
        y = x * x * x
        g = t.gradient(y, x)
    return [g, t.gradient(g, x)]


@case(AREA, "persistent gradient inside twice then outside")
def inside_persistent_twice(tf: Any) -> Any:
    x = tf.constant(3.0)
    with tf.GradientTape(persistent=True) as t:
        t.watch(x)
        y = x * x * x
        g = t.gradient(y, x)
        h = t.gradient(g, x)
    return [g, h, t.gradient(h, x)]


@case(AREA, "persistent jacobian inside the block")
def inside_persistent_jacobian(tf: Any) -> Any:
    x = tf.constant([1.0, 2.0])
    with tf.GradientTape(persistent=True) as t:
        t.watch(x)
        y = x * x
        j = t.jacobian(y, x)
    return j


@case(AREA, "non-persistent jacobian inside the block")
def inside_nonpersistent_jacobian(tf: Any) -> Any:
    x = tf.constant([1.0, 2.0])
    with tf.GradientTape() as t:
        t.watch(x)
        y = x * x
        j = t.jacobian(y, x)
    return j
