"""tf.function (decorator and call forms, methods, input_signature, output conversion, gradients
through it) and tf.TensorSpec."""

from __future__ import annotations

import inspect

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import tfshim as tf
from tests.gradcheck import check_gradients, check_second_order


def test_decorator_forms_keep_name_doc_and_signature():
    @tf.function
    def f(x, y=2):
        """Multiplies."""
        return x * y

    @tf.function(jit_compile=True, reduce_retracing=True, autograph=False, experimental_relax_shapes=True)
    def g(x):
        return x + 1

    h = tf.function(lambda x: x - 1)
    assert f.__name__ == "f" and f.__doc__ == "Multiplies." and str(inspect.signature(f)) == "(x, y=2)"
    assert g.__name__ == "g" and h.__name__ == "<lambda>"
    assert f.python_function.__name__ == "f" and f.name == "f" and f.input_signature is None
    assert float(f(tf.constant(2.0))) == 4.0 and int(g(1)) == 2 and int(h(1)) == 0
    assert callable(f.get_concrete_function())
    assert float(f.get_concrete_function(tf.TensorSpec([]))(tf.constant(3.0))) == 6.0
    assert repr(f).startswith("<tfshim.function.Function object at")


def test_outputs_are_converted_to_tensors():
    @tf.function
    def f():
        return 1, 2.5, None, {"k": [3]}, np.array([1.0, 2.0]), True, "s", tf.Variable(4.0)

    out = f()
    assert out[0].dtype == tf.int32 and out[1].dtype == tf.float32 and out[2] is None
    assert out[3]["k"][0].dtype == tf.int32 and out[4].dtype == tf.float64 and out[5].dtype == tf.bool
    assert out[6].numpy() == b"s" and type(out[7]) is type(tf.constant(1.0)) and float(out[7]) == 4.0

    class Opaque:
        pass

    with pytest.raises(TypeError, match="found return value of type Opaque, which is not a Tensor or ExtensionType"):
        tf.function(lambda: Opaque())()


def test_methods_bind_to_instances():
    class Model:
        def __init__(self, k):
            self.k = k

        @tf.function
        def scale(self, x):
            return x * self.k

    a, b = Model(2.0), Model(3.0)
    assert float(a.scale(tf.constant(1.0))) == 2.0 and float(b.scale(tf.constant(1.0))) == 3.0
    assert a.scale.__name__ == "scale"
    assert float(Model.scale(a, tf.constant(2.0))) == 4.0


def test_input_signature_converts_and_checks():
    @tf.function(input_signature=[tf.TensorSpec([None], tf.float32), tf.TensorSpec([], tf.int32)])
    def f(x, n=3):
        return x, n

    x, n = f([1.0, 2.0])
    assert x.dtype == tf.float32 and n.dtype == tf.int32 and int(n) == 3
    x, n = f(np.array([1.0]), n=2)
    assert x.dtype == tf.float32
    with pytest.raises(TypeError, match=r"Binding inputs to tf\.function failed due to `Can not cast "
                                        r"TensorSpec\(shape=\(2,\), dtype=tf\.int32, name=None\)"):
        f(tf.constant([1, 2]))
    with pytest.raises(TypeError, match="too many positional arguments"):
        f([1.0], 1, 2)
    with pytest.raises(TypeError, match="input_signature missing type constraint for y"):
        tf.function(input_signature=[tf.TensorSpec([None])])(lambda x, y: x)
    with pytest.raises(TypeError, match="input_signature must be either a tuple or a list"):
        tf.function(lambda x: x, input_signature=tf.TensorSpec([None]))


def test_input_signature_on_methods_skips_self():
    class M:
        @tf.function(input_signature=[tf.TensorSpec([2], tf.float32)])
        def f(self, x):
            return x * 2

    m = M()
    np.testing.assert_array_equal(m.f([1, 2]), [2.0, 4.0])


def test_tensor_spec():
    s = tf.TensorSpec([2, None], tf.float32, name="x")
    assert repr(s) == "TensorSpec(shape=(2, None), dtype=tf.float32, name='x')"
    assert repr(tf.TensorSpec(None)) == "TensorSpec(shape=<unknown>, dtype=tf.float32, name=None)"
    assert s.shape == tf.TensorShape([2, None]) and s.dtype == tf.float32 and s.name == "x"
    assert s.is_compatible_with(tf.zeros([2, 7])) and not s.is_compatible_with(tf.zeros([3, 7]))
    assert not s.is_compatible_with(tf.zeros([2, 7], tf.int32))
    assert s == tf.TensorSpec([2, None], "float32", "x") and s != tf.TensorSpec([2, None])
    assert len({s, tf.TensorSpec([2, None], tf.float32, "x")}) == 1
    assert tf.TensorSpec.from_tensor(tf.zeros([3], tf.int64)) == tf.TensorSpec([3], tf.int64)


@settings(max_examples=10)
@given(shape=st.lists(st.integers(0, 3), max_size=3))
def test_gradient_through_function(shape):
    @tf.function
    def f(x):
        return tf.sin(x) * x * x

    x = np.random.default_rng(1).uniform(-2, 2, size=shape)
    check_gradients(f, [x])
    check_second_order(f, [x])


def test_spec_gradients():
    v = tf.Variable(2.0)

    @tf.function
    def f(x):
        return x * v + v * v

    x = tf.constant(1.0)
    with tf.GradientTape() as t:
        t.watch(x)
        y = f(x)
    assert [float(g) for g in t.gradient(y, [x, v])] == [2.0, 5.0]

    @tf.function
    def branch(x):
        if x > 0:
            return x * x
        return -x

    for value, expected in ((3.0, 6.0), (-3.0, -1.0)):
        x = tf.constant(value)
        with tf.GradientTape() as t:
            t.watch(x)
            y = branch(x)
        assert float(t.gradient(y, x)) == expected
