"""Comparisons and logic. They have no gradient, but a tape still records them when their inputs
are watched floats, so the backward walk (and explain()) can see where a path was cut."""

from __future__ import annotations

from typing import Any

import numpy as np

from tfshim._engine.errors import OpError
from tfshim._engine.registry import execute, kernel, op_def
from tfshim._engine.tensor import EagerTensor
from tfshim.ops import _args, _kernels
from tfshim.ops._elementwise import fast_binary, matched_binary

_EQUAL = op_def("Equal", broadcasting=True, differentiable=False)
_NOT_EQUAL = op_def("NotEqual", broadcasting=True, differentiable=False)
_LESS = op_def("Less", broadcasting=True, differentiable=False)
_LESS_EQUAL = op_def("LessEqual", broadcasting=True, differentiable=False)
_GREATER = op_def("Greater", broadcasting=True, differentiable=False)
_GREATER_EQUAL = op_def("GreaterEqual", broadcasting=True, differentiable=False)
_LOGICAL_AND = op_def("LogicalAnd", broadcasting=True, differentiable=False)
_LOGICAL_OR = op_def("LogicalOr", broadcasting=True, differentiable=False)
_LOGICAL_NOT = op_def("LogicalNot", differentiable=False)
_APPROX_EQUAL = op_def("ApproximateEqual", differentiable=False)


def less(x: Any, y: Any, name: Any = None) -> EagerTensor:
    """`tf.math.less`."""
    return matched_binary(_LESS, np.less, x, y)


def less_equal(x: Any, y: Any, name: Any = None) -> EagerTensor:
    """`tf.math.less_equal`."""
    return matched_binary(_LESS_EQUAL, np.less_equal, x, y)


def greater(x: Any, y: Any, name: Any = None) -> EagerTensor:
    """`tf.math.greater`."""
    return matched_binary(_GREATER, np.greater, x, y)


def greater_equal(x: Any, y: Any, name: Any = None) -> EagerTensor:
    """`tf.math.greater_equal`."""
    return matched_binary(_GREATER_EQUAL, np.greater_equal, x, y)


def _equality(op: Any, fn: Any, x: Any, y: Any, incompatible_shape_error: bool) -> EagerTensor:
    try:
        a, b = _args.match(op, x, y)
        try:
            value = kernel(fn, a._value, b._value)
        except ValueError:
            if incompatible_shape_error:
                raise _args.incompatible_shapes(op, a, b) from None
            value = np.bool_(op is _NOT_EQUAL)
        return execute(op, (a, b), value)
    except OpError as e:
        raise _kernels.fallback_error(e, x, y) from None


@fast_binary(_EQUAL, np.equal)
def equal(x: Any, y: Any, name: Any = None) -> EagerTensor:
    """`tf.math.equal`."""
    return _equality(_EQUAL, np.equal, x, y, True)


def not_equal(x: Any, y: Any, name: Any = None) -> EagerTensor:
    """`tf.math.not_equal`."""
    return _equality(_NOT_EQUAL, np.not_equal, x, y, True)


def tensor_equals(x: Any, y: Any) -> Any:
    """The `==` operator: element-wise, False (a scalar) when shapes do not broadcast."""
    if y is None:
        return False
    return _equality(_EQUAL, np.equal, x, y, False)


def tensor_not_equals(x: Any, y: Any) -> Any:
    """The `!=` operator."""
    if y is None:
        return True
    return _equality(_NOT_EQUAL, np.not_equal, x, y, False)


def _logical(op: Any, fn: Any, x: Any, y: Any) -> EagerTensor:
    try:
        a = _args.convert_to_tensor(x, dtype="bool") if type(x) is not EagerTensor else x
        b = _args.convert_to_tensor(y, dtype="bool") if type(y) is not EagerTensor else y
        for i, t in enumerate((a, b)):
            if t._value.dtype != np.bool_:
                raise _args.mismatch_error(op, i, np.dtype(np.bool_), t._value.dtype)
        try:
            value = kernel(fn, a._value, b._value)
        except ValueError:
            raise _args.incompatible_shapes(op, a, b) from None
        return execute(op, (a, b), value)
    except OpError as e:
        raise _kernels.fallback_error(e, x, y) from None


def logical_and(x: Any, y: Any, name: Any = None) -> EagerTensor:
    """`tf.math.logical_and`."""
    return _logical(_LOGICAL_AND, np.logical_and, x, y)


def logical_or(x: Any, y: Any, name: Any = None) -> EagerTensor:
    """`tf.math.logical_or`."""
    return _logical(_LOGICAL_OR, np.logical_or, x, y)


def logical_xor(x: Any, y: Any, name: str = "LogicalXor") -> EagerTensor:
    """`tf.math.logical_xor`: (x or y) and not (x and y), built from the three ops as in TF."""
    return logical_and(logical_or(x, y), logical_not(logical_and(x, y)))


def logical_not(x: Any, name: Any = None) -> EagerTensor:
    """`tf.math.logical_not`."""
    x = _args.convert_to_tensor(x, dtype="bool") if type(x) is not EagerTensor else x
    if x._value.dtype != np.bool_:
        raise _args.mismatch_error(_LOGICAL_NOT, 0, np.dtype(np.bool_), x._value.dtype)
    return execute(_LOGICAL_NOT, (x,), kernel(np.logical_not, x._value))


def approximate_equal(x: Any, y: Any, tolerance: float = 1e-05, name: Any = None) -> EagerTensor:
    """`tf.math.approximate_equal`: |x - y| < tolerance."""
    x, y = _args.match(_APPROX_EQUAL, x, y)
    if x._value.shape != y._value.shape:
        raise _args.incompatible_shapes(_APPROX_EQUAL, x, y)
    return execute(_APPROX_EQUAL, (x, y), kernel(lambda a, b: np.abs(a - b) < tolerance, x._value, y._value))
