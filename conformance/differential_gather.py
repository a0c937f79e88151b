"""A differential program for issue 13: `tf.gather` of the result of a random chain of ops, its gradient
with respect to the variables the chain read, under NONE and ZERO. The gather's IndexedSlices gradient
reaches the chain's last op; TensorFlow's rules convert it or keep it op by op, and the variables get
whatever came out (dense tensors or IndexedSlices, compared as such).

`GATHER_ROWS` joins the table in conformance/differential.py.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from hypothesis import strategies as st

from conformance.differential import OpRow
from tfshim.testing import strategies as tfst


def _other(tf: Any, a: Any, y: Any) -> Any:
    """The second operand of a binary step: the variable y while the shapes agree, else `a` itself."""
    return y if tuple(a.shape) == tuple(y.shape) else a


def _bias_add(tf: Any, a: Any, y: Any) -> Any:
    if len(a.shape) < 2:
        return tf.nn.bias_add(tf.expand_dims(a, 0), tf.reshape(y, [-1])[:1])
    return tf.nn.bias_add(a, tf.reshape(y, [-1])[: a.shape[-1]])


def _cast_round_trip(tf: Any, a: Any, y: Any) -> Any:
    wide = tf.float64 if a.dtype == tf.float32 else tf.float32
    return tf.cast(tf.cast(a, wide), a.dtype)


# step name -> f(tf, a, y): the next tensor of the chain from the current one `a` and the variable y
STEPS: dict[str, Callable[[Any, Any, Any], Any]] = {
    "sigmoid": lambda tf, a, y: tf.sigmoid(a),
    "tanh": lambda tf, a, y: tf.tanh(a),
    "exp": lambda tf, a, y: tf.exp(a),
    "square": lambda tf, a, y: tf.square(a),
    "softplus": lambda tf, a, y: tf.nn.softplus(a),
    "neg": lambda tf, a, y: -a,
    "relu": lambda tf, a, y: tf.nn.relu(a),
    "add": lambda tf, a, y: a + _other(tf, a, y),
    "sub": lambda tf, a, y: a - _other(tf, a, y),
    "rsub": lambda tf, a, y: _other(tf, a, y) - a,
    "mul": lambda tf, a, y: a * _other(tf, a, y),
    "add a scalar": lambda tf, a, y: a + 1.0,
    "sub a scalar": lambda tf, a, y: a - 0.5,
    "scalar plus": lambda tf, a, y: 2.0 + a,
    "times a scalar": lambda tf, a, y: a * 3.0,
    "add_n": lambda tf, a, y: tf.add_n([a, _other(tf, a, y)]),
    "maximum": lambda tf, a, y: tf.maximum(a, _other(tf, a, y)),
    "where": lambda tf, a, y: tf.where(a > 0.0, a, _other(tf, a, y)),
    "identity": lambda tf, a, y: tf.identity(a),
    "identity_n": lambda tf, a, y: tf.identity_n([a, y])[0],
    "ensure_shape": lambda tf, a, y: tf.ensure_shape(a, a.shape),
    "cast round trip": _cast_round_trip,
    "stop_gradient plus": lambda tf, a, y: tf.stop_gradient(a) + a,
    "bias_add": _bias_add,
    "concat on axis 0": lambda tf, a, y: tf.concat([a, a * 2.0], 0),
    "tile": lambda tf, a, y: tf.tile(a, [2] + [1] * (len(a.shape) - 1)),
    "reverse": lambda tf, a, y: tf.reverse(a, [0]),
    "transpose": lambda tf, a, y: tf.transpose(a),
    "flatten": lambda tf, a, y: tf.reshape(a, [-1]),
    "cumsum": lambda tf, a, y: tf.cumsum(a),
    "softmax": lambda tf, a, y: tf.nn.softmax(a),
    "gather": lambda tf, a, y: tf.gather(a, [0, 0]),
}
_FINISH = ("none", "reduce_sum", "sum of squares", "times the gathered rows")


def _gather_program(tf: Any, row: OpRow, dtype: str, arrays: list, kwargs: dict) -> Any:
    tf_dtype = getattr(tf, dtype)
    x = tf.Variable(tf.constant(arrays[0], dtype=tf_dtype))
    y = tf.Variable(tf.constant(arrays[1], dtype=tf_dtype))
    with tf.GradientTape() as tape:
        a = x
        for step in kwargs["chain"]:
            a = STEPS[step](tf, a, y)
        rows = a.shape[0]
        gathered = tf.gather(a, [i % rows for i in kwargs["indices"]])
        finish = kwargs["finish"]
        if finish == "reduce_sum":
            gathered = tf.reduce_sum(gathered)
        elif finish == "sum of squares":
            gathered = tf.reduce_sum(gathered * gathered)
        elif finish == "times the gathered rows":
            gathered = gathered * tf.gather(a, [0] * len(kwargs["indices"]))
    mode = getattr(tf.UnconnectedGradients, kwargs["mode"])
    return {"value": gathered, "gradients": tape.gradient(gathered, [x, y], unconnected_gradients=mode)}


def _two_arrays(dtype: str) -> st.SearchStrategy:
    # x and y of one drawn shape with at least one row to gather (values kept small: chains of exp)
    return tfst.shapes(min_dims=1, max_dims=3, min_side=1, max_side=3).flatmap(
        lambda shape: st.tuples(tfst.arrays(dtype, shape, -1, 1), tfst.arrays(dtype, shape, -1, 1)).map(list))


def _chain_kwargs(arrays: list) -> st.SearchStrategy:
    return st.fixed_dictionaries({
        "chain": st.lists(st.sampled_from(sorted(STEPS)), min_size=1, max_size=3),
        "indices": st.lists(st.integers(0, 50), min_size=1, max_size=5),
        "finish": st.sampled_from(_FINISH),
        "mode": st.sampled_from(["NONE", "ZERO"]),
    })


@dataclass(frozen=True)
class _ProgramRow(OpRow):
    """A row whose example is a whole program (`program` replaces the one-op program)."""

    program: Callable[..., Any] | None = None


GATHER_ROWS: tuple[OpRow, ...] = (
    _ProgramRow("gather", _two_arrays, ("float32", "float64"), differentiable=False, kwargs=_chain_kwargs,
                tolerances={"float32": (1e-5, 1e-6)}, program=_gather_program),
)
