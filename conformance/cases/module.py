"""Spec section 2 (`tf.Module`): default and invalid names, name scopes and the variable names they
give, `with_name_scope`, the attribute walk's order for variables/trainable/non-trainable/submodules,
and that Keras objects are invisible to it."""

from __future__ import annotations

from typing import Any

import numpy as np

from conformance.case import attempt, case

AREA = "module"


def _names(values: Any) -> list:
    return [v.name for v in values]


@case(AREA, "default names are the class name in snake_case")
def default_names(tf: Any) -> Any:
    classes = [type(n, (tf.Module,), {}) for n in ("XMLParserModule", "Conv3DBlock", "MyModule", "A", "HTTPServer2",
                                                 "already_snake", "ResNet50V2")]
    return [tf.Module().name] + [c().name for c in classes] + [tf.Module(name="x").name, tf.Module(name="x").name]


@case(AREA, "invalid names raise ValueError")
def invalid_names(tf: Any) -> Any:
    return [attempt(lambda n=n: tf.Module(name=n).name) for n in ("", "a b", "1a", "a/b", "a.b", "a-b", "ok_1", "_x")]


@case(AREA, "a non-string name raises TypeError")
def non_string_name(tf: Any) -> Any:
    return [attempt(tf.Module, name=3)]


@case(AREA, "name_scope name, and which scope picks variable names")
def name_scope_names(tf: Any) -> Any:
    m = tf.Module(name="enc")
    v0 = tf.Variable(1.0, name="v")
    with m.name_scope:
        v1 = tf.Variable(1.0, name="v")
        with tf.name_scope("inner"):
            v2 = tf.Variable(1.0, name="v")
    return [m.name_scope.name, v0.name, v1.name, v2.name]


@case(AREA, "a module made under a name scope")
def module_under_scope(tf: Any) -> Any:
    class Cell(tf.Module):
        def __init__(self) -> None:
            super().__init__(name="cell")
            self.v = tf.Variable(1.0, name="v")

    with tf.name_scope("grp"):
        c = Cell()
    with c.name_scope:
        w = tf.Variable(2.0, name="w")
    return [c.name, c.name_scope.name, c.v.name, w.name]


@case(AREA, "nested modules' scopes")
def nested_scopes(tf: Any) -> Any:
    class Inner(tf.Module):
        pass

    class Outer(tf.Module):
        def __init__(self) -> None:
            super().__init__(name="outer")
            with self.name_scope:
                self.inner = Inner(name="inner")
                self.v = tf.Variable(1.0, name="v")

    o = Outer()
    with o.inner.name_scope:
        w = tf.Variable(1.0, name="w")
    return [o.name_scope.name, o.inner.name_scope.name, o.v.name, w.name]


@case(AREA, "with_name_scope names lazily created variables")
def with_name_scope(tf: Any) -> Any:
    class Late(tf.Module):
        @tf.Module.with_name_scope
        def __call__(self, x: Any) -> Any:
            if not hasattr(self, "k"):
                self.k = tf.Variable(2.0, name="k")
            return x * self.k

    m = Late(name="late")
    y = m(tf.constant(3.0))
    return [y, m.k.name, _names(m.variables), Late.__call__.__name__]


@case(AREA, "collections are tuples")
def tuples(tf: Any) -> Any:
    m = tf.Module()
    m.a = tf.Variable(1.0)
    return [type(m.variables).__name__, type(m.trainable_variables).__name__,
            type(m.non_trainable_variables).__name__, type(m.submodules).__name__, m.submodules]


def _walk_module(tf: Any) -> Any:
    class Leaf(tf.Module):
        def __init__(self, tag: str, trainable: bool = True) -> None:
            super().__init__(name=tag)
            self.w = tf.Variable(0.0, name=f"{tag}_w", trainable=trainable)

    m = tf.Module(name="root")
    m._priv = tf.Variable(1.0, name="priv")
    m.beta = tf.Variable(2.0, name="beta", trainable=False)
    m.blocks = [Leaf("P"), Leaf("Q", trainable=False)]
    m.cfg = {"k2": Leaf("K2"), "k1": tf.Variable(3.0, name="k1")}
    m.omega = tf.Variable(4.0, name="omega")
    m.pair = (tf.Variable(5.0, name="s0"), tf.Variable(6.0, name="s1", trainable=False))
    m.same = m.omega
    m.number = 3
    m.text = "hello"
    m.tensor = tf.constant(1.0)
    return m


@case(AREA, "variables in TF's walk order")
def walk_variables(tf: Any) -> Any:
    m = _walk_module(tf)
    return [_names(m.variables), _names(m.trainable_variables), _names(m.non_trainable_variables)]


@case(AREA, "submodules breadth of a nested tree")
def walk_submodules(tf: Any) -> Any:
    class Holder(tf.Module):
        def __init__(self, tag: str) -> None:
            super().__init__(name=tag)
            self.leaf = tf.Module(name=f"{tag}_leaf")

    m = tf.Module(name="root")
    m.aa = [tf.Module(name="a0"), Holder("am")]
    m.mm = tf.Module(name="mm")
    m.zz = Holder("zm")
    return [_names(m.submodules), _names(_walk_module(tf).submodules)]


@case(AREA, "a cycle of modules is walked once")
def cycle(tf: Any) -> Any:
    a = tf.Module(name="a")
    b = tf.Module(name="b")
    a.b = b
    b.a = a
    a.v = tf.Variable(1.0, name="av")
    b.v = tf.Variable(2.0, name="bv")
    return [_names(a.variables), _names(a.submodules), _names(b.submodules)]


@case(AREA, "the same variable in two places appears once")
def dedup(tf: Any) -> Any:
    v = tf.Variable(1.0, name="shared")
    m = tf.Module()
    m.x = v
    m.y = [v, v]
    sub = tf.Module(name="sub")
    sub.z = v
    m.sub = sub
    return [_names(m.variables), len(sub.variables)]


@case(AREA, "Keras layers and variables are invisible to tf.Module")
def keras_invisible(tf: Any) -> Any:
    tf.keras.backend.clear_session()
    m = tf.Module(name="holder")
    m.dense = tf.keras.layers.Dense(2)
    m.dense.build((None, 3))
    m.kv = tf.keras.Variable(np.ones((2,), np.float32))
    m.plain = tf.Variable(1.0, name="plain")
    return [_names(m.variables), m.submodules, isinstance(m.kv, tf.Variable)]


@case(AREA, "a Keras optimizer trains a Module's variables")
def optimizer_on_module(tf: Any) -> Any:
    tf.keras.backend.clear_session()

    class Lin(tf.Module):
        def __init__(self) -> None:
            super().__init__(name="lin")
            self.w = tf.Variable(np.array([[0.5], [-0.25]], np.float32), name="w")
            self.b = tf.Variable(np.zeros((1,), np.float32), name="b")

        def __call__(self, x: Any) -> Any:
            return tf.matmul(x, self.w) + self.b

    m = Lin()
    opt = tf.keras.optimizers.SGD(0.1)
    x = np.array([[1.0, 2.0], [3.0, -1.0]], np.float32)
    for _ in range(3):
        with tf.GradientTape() as tape:
            loss = tf.reduce_mean(tf.square(m(x) - 1.0))
        grads = tape.gradient(loss, m.trainable_variables)
        opt.apply_gradients(zip(grads, m.trainable_variables))
    return [list(m.trainable_variables), loss]


@case(AREA, "a subclass that skips super().__init__ has no name")
def missing_super(tf: Any) -> Any:
    class Bad(tf.Module):
        def __init__(self) -> None:
            self.v = tf.Variable(1.0)

    b = Bad()
    return [attempt(lambda: b.name), _names(b.variables)]
