"""The ops' short paths (`fast_binary` / `fast_unary`, tfshim/ops/_elementwise.py) give what their
general functions give: the same bits, dtype and shape, and what a tape records.

Each decorated op keeps its general function as `__wrapped__`; the tests call both on the same
hypothesis-drawn float tensors (broadcasting shapes, a Python number as second argument) and compare.
"""

from __future__ import annotations

import inspect
from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

import tfshim as tf
from tfshim._engine.tensor import EagerTensor
from tfshim.ops import _elementwise, activations, arithmetic, comparison

_BINARY = [arithmetic.add, arithmetic.add_raw, arithmetic.subtract, arithmetic.multiply, arithmetic.mul_raw,
           arithmetic.realdiv, arithmetic.pow, arithmetic.maximum, arithmetic.minimum, comparison.equal,
           activations.relu_grad]
_INTERNAL = (arithmetic.add_raw, arithmetic.mul_raw, activations.relu_grad)
_values = st.integers(-12, 12).map(lambda i: i / 4 + 0.0)  # coarse: ties, zeros, negative bases, exact powers


def _same(a: Any, b: Any) -> None:
    assert type(a) is type(b)
    va, vb = np.asarray(a._value), np.asarray(b._value)
    assert va.dtype == vb.dtype and va.shape == vb.shape and va.tobytes() == vb.tobytes(), (va, vb)


@settings(max_examples=60, deadline=None)
@given(data=st.data(), dtype=st.sampled_from([np.float16, np.float32, np.float64]),
       shape=hnp.array_shapes(min_dims=0, max_dims=3, min_side=1, max_side=3))
def test_binary_short_paths_give_the_general_results(data: st.DataObject, dtype: type, shape: tuple) -> None:
    x = tf.constant(data.draw(hnp.arrays(dtype, shape, elements=_values)))
    other = data.draw(st.sampled_from(["same", "broadcast", "python"]))
    if other == "python":
        y: Any = data.draw(_values)
    else:
        y_shape = shape if other == "same" else shape[data.draw(st.integers(0, len(shape))):]
        y = tf.constant(data.draw(hnp.arrays(dtype, y_shape, elements=_values)))
    for op in _BINARY:
        if op in _INTERNAL and other == "python":
            continue  # (internal ops: gradient rules call them with tensors only)
        _same(op(x, y), op.__wrapped__(x, y))
    for name in ("__add__", "__sub__", "__mul__", "__truediv__", "__pow__"):  # the operators' own short paths
        operator = getattr(EagerTensor, name)
        _same(operator(x, y), operator.__wrapped__(x, y))


@settings(max_examples=30, deadline=None)
@given(x=hnp.arrays(st.sampled_from([np.float16, np.float32, np.float64]),
                    hnp.array_shapes(min_dims=0, max_dims=3, max_side=3), elements=_values))
def test_unary_short_path_gives_the_general_result(x: np.ndarray) -> None:
    t = tf.constant(x)
    _same(arithmetic.negative(t), arithmetic.negative.__wrapped__(t))


def test_a_short_path_records_the_same_op_on_the_tape() -> None:
    x = tf.constant([1.0, -2.0, 3.0])
    with tf.GradientTape(persistent=True) as tape:
        tape.watch(x)
        fast = arithmetic.multiply(x, x)
        general = arithmetic.multiply.__wrapped__(x, x)
    tape_tensors = tape._tape.tensors
    assert tape_tensors[id(fast)].op_def is tape_tensors[id(general)].op_def
    np.testing.assert_array_equal(tape.gradient(fast, x).numpy(), tape.gradient(general, x).numpy())


def test_shapes_that_do_not_broadcast_still_raise_tensorflows_error() -> None:
    with pytest.raises(tf.errors.InvalidArgumentError, match="Incompatible shapes"):
        tf.multiply(tf.ones([2]), tf.ones([3]))
    with pytest.raises(tf.errors.InvalidArgumentError, match="Incompatible shapes"):
        tf.ones([2]) + tf.ones([3])


def test_decorated_ops_keep_their_signature_and_keywords() -> None:
    assert list(inspect.signature(tf.multiply).parameters) == ["x", "y", "name"]
    np.testing.assert_array_equal(tf.multiply(x=tf.constant(2.0), y=tf.constant(3.0), name="m").numpy(), 6.0)


def test_the_decorator_refuses_parameters_a_keyword_call_could_not_reach() -> None:
    def badly_named(a: Any, b: Any) -> Any:
        return a

    with pytest.raises(TypeError, match="parameters named"):
        _elementwise.fast_binary(arithmetic._MUL, np.multiply)(badly_named)

    def positional_only(a: Any, b: Any, /) -> Any:
        return a

    _elementwise.fast_binary(arithmetic._MUL, np.multiply)(positional_only)  # no keywords to break
