"""tf.Module: names, name scopes, the attribute walk (order, dedup, cycles), with_name_scope.
TF's exact results are recorded in conformance/cases/module.py; these check the rules directly."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import tfshim as tf


def test_default_name_is_snake_case() -> None:
    class XMLParserModule(tf.Module):
        pass

    class Conv3DBlock(tf.Module):
        pass

    assert tf.Module().name == "module"
    assert XMLParserModule().name == "xml_parser_module"
    assert Conv3DBlock().name == "conv3_d_block"
    assert tf.Module(name="m").name == tf.Module(name="m").name == "m"  # not made unique


@pytest.mark.parametrize("name", ["", "a b", "1a", "a/b", "a.b", "a-b"])
def test_invalid_names_raise_value_error(name: str) -> None:
    with pytest.raises(ValueError, match="is not a valid module name"):
        tf.Module(name=name)


def test_non_string_name_raises_type_error() -> None:
    with pytest.raises(TypeError):
        tf.Module(name=3)  # type: ignore[arg-type]


def test_name_scope_picks_variable_names() -> None:
    m = tf.Module(name="enc")
    outside = tf.Variable(1.0, name="v")
    with m.name_scope:
        inside = tf.Variable(1.0, name="v")
    assert m.name_scope.name == "enc/"
    assert (outside.name, inside.name) == ("v:0", "enc/v:0")


def test_scope_captured_at_construction_is_absolute() -> None:
    with tf.name_scope("grp"):
        c = tf.Module(name="cell")
    with tf.name_scope("elsewhere"), c.name_scope:
        v = tf.Variable(1.0, name="w")
    assert c.name_scope.name == "grp/cell/"
    assert v.name == "grp/cell/w:0"


def test_with_name_scope() -> None:
    class Late(tf.Module):
        @tf.Module.with_name_scope
        def __call__(self, x: tf.Tensor) -> tf.Tensor:
            if not hasattr(self, "k"):
                self.k = tf.Variable(2.0, name="k")
            return x * self.k

    m = Late(name="late")
    assert float(m(tf.constant(3.0))) == 6.0
    assert m.k.name == "late/k:0"
    assert Late.__call__.__name__ == "__call__"


def test_walk_order_and_dedup() -> None:
    class Leaf(tf.Module):
        def __init__(self, tag: str) -> None:
            super().__init__(name=tag)
            self.w = tf.Variable(0.0, name=f"{tag}w")

    m = tf.Module()
    m._priv = tf.Variable(1.0, name="priv")
    m.beta = tf.Variable(1.0, name="beta", trainable=False)
    m.blocks = [Leaf("P"), Leaf("Q")]
    m.cfg = {"k2": Leaf("K2"), "k1": tf.Variable(1.0, name="k1")}
    m.omega = tf.Variable(1.0, name="omega")
    m.pair = (tf.Variable(1.0, name="s0"), tf.Variable(1.0, name="s1"))
    m.same = m.omega
    names = [v.name[:-2] for v in m.variables]
    assert names == ["priv", "beta", "k1", "omega", "s0", "s1", "Pw", "Qw", "K2w"]
    assert [v.name[:-2] for v in m.non_trainable_variables] == ["beta"]
    assert "beta" not in [v.name[:-2] for v in m.trainable_variables]
    assert [s.name for s in m.submodules] == ["P", "Q", "K2"]
    assert all(type(c) is tuple for c in (m.variables, m.trainable_variables, m.submodules))


def test_cycles_terminate() -> None:
    a, b = tf.Module(name="a"), tf.Module(name="b")
    a.b, b.a = b, a
    a.v = tf.Variable(1.0, name="av")
    b.v = tf.Variable(1.0, name="bv")
    assert [v.name for v in a.variables] == ["av:0", "bv:0"]
    assert [s.name for s in a.submodules] == ["b"]


def test_keras_objects_are_invisible() -> None:
    m = tf.Module()
    m.layer = tf.keras.layers.Dense(2)
    m.layer.build((None, 3))
    m.kv = tf.keras.Variable(1.0)
    assert m.variables == () and m.submodules == ()


@settings(max_examples=25, deadline=None)
@given(st.lists(st.sampled_from("abcdefgh"), min_size=1, max_size=8, unique=True))
def test_attributes_are_walked_in_sorted_order(keys: list) -> None:
    m = tf.Module()
    for k in keys:
        setattr(m, k, tf.Variable(0.0, name=k))
    assert [v.name[:-2] for v in m.variables] == sorted(keys)
