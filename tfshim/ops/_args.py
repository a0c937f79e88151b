"""Argument handling shared by the op families: TensorFlow's dtype matching and its error texts.

TensorFlow converts op arguments in three ways, and which one an op uses decides the error a user
sees for mixed dtypes:

* `match` (generated op wrappers): the first tensor argument fixes the dtype and other Python values
  are converted to it, so `tf.multiply(int_tensor, 2.5)` raises TypeError("Cannot convert 2.5 ...").
* `hinted` (tf.add, truediv, ...): the second value is converted with the first one's dtype as a
  mere hint, so `int_tensor + 2.5` reaches the kernel as float and raises InvalidArgumentError.
* tensors of different dtypes always reach the kernel, which raises InvalidArgumentError
  ("cannot compute Mul as input #1(zero-based) was expected to be a float tensor ...").
"""

from __future__ import annotations

from typing import Any

import numpy as np

from tfshim._engine import dtypes as _dtypes
from tfshim._engine.convert import convert_to_tensor
from tfshim._engine.errors import InvalidArgumentError, kernel_error, op_error
from tfshim._engine.registry import OpDef
from tfshim._engine.tensor import EagerTensor

_NP_TO_DTYPE = _dtypes.NP_TO_DTYPE


def tensor(x: Any) -> EagerTensor:
    """Converts one op argument with no dtype preference."""
    return x if type(x) is EagerTensor else convert_to_tensor(x)


def kernel_name(np_dtype: np.dtype) -> str:
    return _NP_TO_DTYPE[np_dtype]._kernel_name


def dtype_error(op: OpDef, np_dtype: np.dtype, attr: str = "T") -> InvalidArgumentError:
    names = op.allowed[attr][1]
    return InvalidArgumentError(
        None, None,
        f"Value for attr '{attr}' of {kernel_name(np_dtype)} is not in the list of allowed values: "
        f"{', '.join(names)}\n\t; NodeDef: {{{{node {op.name}}}}}; {op.summary} [Op:{op.name}] name: ")


def check(op: OpDef, x: EagerTensor, attr: str = "T") -> None:
    """Raises TF's error if `x`'s dtype is not registered for `op`'s type attribute (an attribute
    TF leaves unrestricted accepts every dtype)."""
    allowed = op.allowed.get(attr)
    if allowed is not None and x._value.dtype not in allowed[0]:
        raise dtype_error(op, x._value.dtype, attr)


def mismatch_error(op: OpDef, index: int, expected: np.dtype, got: np.dtype) -> InvalidArgumentError:
    return op_error(op.name, f"cannot compute {op.name} as input #{index}(zero-based) was expected to be a "
                             f"{kernel_name(expected)} tensor but is a {kernel_name(got)} tensor")


def same_dtype(op: OpDef, tensors: tuple, attr: str = "T", offset: int = 0) -> None:
    """The kernel-side checks: every input has the first input's dtype, and that dtype is allowed.
    `offset` is the position of the first of these tensors among the op's inputs."""
    first = tensors[0]._value.dtype
    allowed = op.allowed.get(attr)
    if allowed is not None and first not in allowed[0]:
        raise dtype_error(op, first, attr)
    for i in range(1, len(tensors)):
        if tensors[i]._value.dtype != first:
            raise mismatch_error(op, i + offset, first, tensors[i]._value.dtype)


_FLOAT_KINDS = "fc"
_FLOAT32_MAX = 3.4028234663852886e38


def python_scalar(value: Any, np_dtype: np.dtype) -> EagerTensor | None:
    """Fast path for the common `tensor * 2.0`: a Python float/int converted to a float or complex
    tensor's dtype. None when the general conversion rules must decide (they raise TF's errors)."""
    kind = type(value)
    if (kind is float or kind is int) and -_FLOAT32_MAX < value < _FLOAT32_MAX and np_dtype.kind in _FLOAT_KINDS \
            and np_dtype.itemsize >= 4:  # (larger values and NaN take the general path: no overflow warning)
        return EagerTensor(np_dtype.type(value))
    return None


def match(op: OpDef, *args: Any, offset: int = 0) -> tuple:
    """TF's args_to_matching_eager followed by the kernel's dtype checks."""
    if len(args) == 2:
        x, y = args
        if type(x) is EagerTensor:
            if type(y) is not EagerTensor:
                fast = python_scalar(y, x._value.dtype)
                if fast is None:
                    return _match_general(op, args, offset)
                y = fast
            dtype = x._value.dtype
            allowed = op.allowed.get("T")
            if allowed is not None and dtype not in allowed[0]:
                raise dtype_error(op, dtype)
            if y._value.dtype != dtype:
                raise mismatch_error(op, 1 + offset, dtype, y._value.dtype)
            return x, y
    return _match_general(op, args, offset)


def _match_general(op: OpDef, args: tuple, offset: int) -> tuple:
    if all(type(a) is EagerTensor for a in args):
        same_dtype(op, args, offset=offset)
        return args
    converted = tuple(convert_to_first_tensor_dtype(args, variables_decide=True))
    same_dtype(op, converted, offset=offset)
    return converted


def convert_to_first_tensor_dtype(values: Any, variables_decide: bool = False) -> list:
    """TF's args_to_matching_eager conversion: every value takes the dtype of the first tensor among
    them (or variable, with `variables_decide`), else of the first value converted on its own. No
    dtype checks."""
    dtype = None
    for a in values:
        if type(a) is EagerTensor or (variables_decide and getattr(a, "_is_variable", False)):
            dtype = a.dtype
            break
    out = []
    for a in values:
        if type(a) is EagerTensor:
            out.append(a)
        elif dtype is None:
            t = convert_to_tensor(a)
            dtype = t.dtype
            out.append(t)
        else:
            out.append(convert_to_tensor(a, dtype))
    return out


def hinted(op: OpDef, x: Any, y: Any) -> tuple:
    """TF's `x = convert(x); y = convert(y, dtype_hint=x.dtype)`, then the kernel's checks."""
    x = tensor(x)
    if type(y) is not EagerTensor:
        fast = python_scalar(y, x._value.dtype)
        y = fast if fast is not None else convert_to_tensor(y, dtype_hint=_NP_TO_DTYPE[x._value.dtype])
    same_dtype(op, (x, y))
    return x, y


def shape_text(shape: tuple) -> str:
    return "[" + ",".join(str(d) for d in shape) + "]"


def incompatible_shapes(op: OpDef, *tensors: EagerTensor) -> InvalidArgumentError:
    shapes = " vs. ".join(shape_text(t._value.shape) for t in tensors)
    return kernel_error(op.name, f"Incompatible shapes: {shapes}")


def axis_list(axis: Any) -> Any:
    """A Python int, list of ints, or None from an axis argument (ints, lists, tensors)."""
    if axis is None:
        return None
    if type(axis) is int:
        return axis
    if isinstance(axis, EagerTensor):
        value = axis.numpy()
        return value.tolist() if isinstance(value, np.ndarray) else int(value)
    if isinstance(axis, (list, tuple)):
        return [int(a) for a in axis]
    return int(axis)
