"""Bitwise ops on integers (`tf.bitwise`), behind the `&`, `|`, `^` and `~` operators."""

from __future__ import annotations

from typing import Any

import numpy as np

from tfshim._engine.registry import execute, kernel, op_def
from tfshim._engine.tensor import EagerTensor
from tfshim.ops import _args
from tfshim.ops._elementwise import matched_binary

_AND = op_def("BitwiseAnd", broadcasting=True, differentiable=False)
_OR = op_def("BitwiseOr", broadcasting=True, differentiable=False)
_XOR = op_def("BitwiseXor", broadcasting=True, differentiable=False)
_INVERT = op_def("Invert", differentiable=False)


_bitwise = matched_binary


def bitwise_and(x: Any, y: Any, name: Any = None) -> EagerTensor:
    """`tf.bitwise.bitwise_and`."""
    return _bitwise(_AND, np.bitwise_and, x, y)


def bitwise_or(x: Any, y: Any, name: Any = None) -> EagerTensor:
    """`tf.bitwise.bitwise_or`."""
    return _bitwise(_OR, np.bitwise_or, x, y)


def bitwise_xor(x: Any, y: Any, name: Any = None) -> EagerTensor:
    """`tf.bitwise.bitwise_xor`."""
    return _bitwise(_XOR, np.bitwise_xor, x, y)


def invert(x: Any, name: Any = None) -> EagerTensor:
    """`tf.bitwise.invert`."""
    x = _args.tensor(x)
    _args.check(_INVERT, x)
    return execute(_INVERT, (x,), kernel(np.invert, x._value))
