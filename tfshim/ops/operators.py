"""Python operators on tensors and variables, dispatched as TensorFlow dispatches them.

`x op y` calls the op with `y` as given (each op converts it its own way, see `_args`); if that
raises TypeError or ValueError and `y` has a reflected method, `y.__rop__(x)` gets a chance, and
the original error is raised if it declines. `y op x` with a tensor `x` converts `y` to `x`'s dtype
first. A variable reads itself and applies the tensor operator, except `==`/`!=`, which convert
None like any value (and so raise).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from tfshim._engine import dtypes as _dtypes
from tfshim._engine.convert import convert_to_tensor
from tfshim._engine.tensor import EagerTensor
from tfshim.ops import _args, arithmetic, bitwise, comparison, indexing, matmul, unary_math
from tfshim.ops._elementwise import fast_binary
from tfshim.ops.casting import cast
from tfshim.variables import Variable


def _add(x: Any, y: Any) -> EagerTensor:
    """TF's `_add_dispatch`: a non-tensor `y` is converted with `x`'s dtype as a hint."""
    if not isinstance(y, EagerTensor):
        fast = _args.python_scalar(y, x._value.dtype) if type(x) is EagerTensor else None
        y = fast if fast is not None else convert_to_tensor(y, dtype_hint=x.dtype)
    return arithmetic.add(x, y)


def _is_bool_tensor(x: Any) -> bool:
    return isinstance(x, EagerTensor) and x._value.dtype.kind == "b"


def _mul(x: Any, y: Any) -> EagerTensor:
    if _is_bool_tensor(x) or _is_bool_tensor(y):
        return cast(arithmetic.multiply(cast(x, _dtypes.int32), cast(y, _dtypes.int32)), _dtypes.bool)
    return arithmetic.multiply(x, y)


def _and(x: Any, y: Any) -> EagerTensor:
    if x.dtype is _dtypes.bool:
        return comparison.logical_and(x, y)
    return bitwise.bitwise_and(x, y)


def _or(x: Any, y: Any) -> EagerTensor:
    if x.dtype is _dtypes.bool:
        return comparison.logical_or(x, y)
    return bitwise.bitwise_or(x, y)


def _xor(x: Any, y: Any) -> EagerTensor:
    if x.dtype is _dtypes.bool:
        return comparison.logical_xor(x, y)
    return bitwise.bitwise_xor(x, y)


def _invert(x: Any) -> EagerTensor:
    if x.dtype is _dtypes.bool:
        return comparison.logical_not(x)
    return bitwise.invert(x)


def _matmul(x: Any, y: Any) -> EagerTensor:
    return matmul.matmul(x, y)


_BINARY: dict[str, Callable[[Any, Any], Any]] = {
    "add": _add, "sub": arithmetic.subtract, "mul": _mul, "div": arithmetic.div, "truediv": arithmetic.truediv,
    "floordiv": arithmetic.floordiv, "mod": arithmetic.floormod, "pow": arithmetic.pow, "matmul": _matmul,
    "and": _and, "or": _or, "xor": _xor,
}


# operators whose float-tensor case runs one known kernel: (op, kernel)
_FAST_KERNELS: dict[str, tuple] = {
    "add": (arithmetic._ADD, np.add), "sub": (arithmetic._SUB, np.subtract), "mul": (arithmetic._MUL, np.multiply),
    "truediv": (arithmetic._REALDIV, np.true_divide), "pow": (arithmetic._POW, arithmetic._real_pow),
}


def _binary_wrapper(name: str, func: Callable[[Any, Any], Any]) -> tuple[Callable, Callable]:
    reflected = f"__r{name}__"

    def binary_op(x: Any, y: Any) -> Any:
        try:
            return func(x, y)
        except (TypeError, ValueError) as e:
            if hasattr(type(y), reflected):
                try:
                    out = getattr(y, reflected)(x)
                except (TypeError, ValueError):
                    raise e from None
                if out is NotImplemented:
                    raise
                return out
            raise

    def r_binary_op(y: Any, x: Any) -> Any:
        fast = _args.python_scalar(x, y._value.dtype) if type(y) is EagerTensor else None
        if fast is not None:  # `2.0 * tensor`
            return func(fast, y)
        try:
            x = convert_to_tensor(x, dtype=y.dtype)
        except ValueError as e:  # TF converts with name="x", which prefixes its dtype-mismatch error
            if isinstance(x, EagerTensor):
                raise ValueError(f"x: {e}") from None
            raise
        return func(x, y)

    binary_op.__name__ = f"__{name}__"
    r_binary_op.__name__ = reflected
    return binary_op, r_binary_op


def _read_then(op: Callable[..., Any]) -> Callable[..., Any]:
    def on_variable(self: Variable, *args: Any) -> Any:
        return op(self._read(), *args)

    on_variable.__name__ = op.__name__
    return on_variable


def _variable_eq(self: Variable, other: Any) -> Any:
    return comparison._equality(comparison._EQUAL, comparison.np.equal, self._read(), other, False)


def _variable_ne(self: Variable, other: Any) -> Any:
    return comparison._equality(comparison._NOT_EQUAL, comparison.np.not_equal, self._read(), other, False)


def install() -> None:
    """Attaches the operators to EagerTensor and Variable (done once, when tfshim.ops loads)."""
    tensor_ops: dict[str, Callable[..., Any]] = {}
    for name, func in _BINARY.items():
        fast = fast_binary(*_FAST_KERNELS[name]) if name in _FAST_KERNELS else None
        # (two float tensors of one dtype skip the dispatch layers, as given and reflected)
        forward, reflected = _binary_wrapper(name, func if fast is None else fast(func))
        if fast is not None:
            forward = fast(forward)
        tensor_ops[f"__{name}__"] = forward
        tensor_ops[f"__r{name}__"] = reflected
    tensor_ops.update({
        "__neg__": arithmetic.negative, "__abs__": unary_math.abs, "__invert__": _invert,
        "__lt__": comparison.less, "__le__": comparison.less_equal, "__gt__": comparison.greater,
        "__ge__": comparison.greater_equal, "__eq__": comparison.tensor_equals,
        "__ne__": comparison.tensor_not_equals, "__getitem__": indexing.getitem,
    })
    for name, op in tensor_ops.items():
        setattr(EagerTensor, name, op)
        if name not in ("__eq__", "__ne__", "__getitem__"):
            setattr(Variable, name, _read_then(op))
    Variable.__eq__ = _variable_eq
    Variable.__ne__ = _variable_ne
