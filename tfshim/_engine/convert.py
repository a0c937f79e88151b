"""TensorFlow's rules for turning Python, NumPy and tensor-like values into tensors.

These are TensorFlow's rules, not NumPy's: a Python float becomes float32, a Python int int32 (int64
when it does not fit), NumPy values keep their dtype, and a requested dtype never silently turns a
Python float into an integer. Other types (variables, IndexedSlices, TensorShape, ...) register a
conversion function, as TensorFlow's tensor_conversion_registry does.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

import numpy as np

from tfshim._engine import dtypes as _dtypes
from tfshim._engine.dtypes import DType
from tfshim._engine.tensor import EagerTensor
from tfshim._engine.tensor_shape import TensorShape

_FLOAT32_MAX = float(np.finfo(np.float32).max)
_INT32_MIN, _INT32_MAX = -(2**31), 2**31 - 1
_INT64_MIN, _INT64_MAX = -(2**63), 2**63 - 1

# type -> function(value, dtype or None) returning an EagerTensor
_CONVERTERS: dict[type, Callable[[Any, DType | None], EagerTensor]] = {}


def register_conversion(cls: type, fn: Callable[[Any, DType | None], EagerTensor]) -> None:
    _CONVERTERS[cls] = fn


def _converter_for(value: Any) -> Callable | None:
    for cls in type(value).__mro__:
        fn = _CONVERTERS.get(cls)
        if fn is not None:
            return fn
    return None


def _unsupported(value: Any) -> ValueError:
    return ValueError(f"Attempt to convert a value ({value!r}) with an unsupported type ({type(value)!r}) "
                      "to a Tensor.")


def _cannot_convert(value: Any, dtype: DType) -> TypeError:
    return TypeError(f"Cannot convert {value!r} to EagerTensor of dtype {dtype._kernel_name}")


def convert_to_tensor(value: Any, dtype: Any = None, dtype_hint: Any = None, name: Any = None,
                      preferred_dtype: Any = None) -> EagerTensor:
    """`tf.convert_to_tensor`. A tensor is returned as is; it is never cast to another dtype."""
    if type(value) is EagerTensor and dtype is None:
        return value
    if dtype is not None:
        dtype = _dtypes.as_dtype(dtype)
    hint = dtype_hint if dtype_hint is not None else preferred_dtype
    if dtype is None and hint is not None:
        try:
            return _convert(value, _dtypes.as_dtype(hint))
        except (TypeError, ValueError):
            pass
    return _convert(value, dtype)


def _convert(value: Any, dtype: DType | None) -> EagerTensor:
    if isinstance(value, EagerTensor):
        if dtype is not None and value._value.dtype != dtype._np:
            raise ValueError(f"Tensor conversion requested dtype {dtype.name} for Tensor with dtype "
                             f"{value.dtype.name}: {value!r}")
        return value
    fn = _converter_for(value)
    if fn is not None:
        return fn(value, dtype)
    return EagerTensor(to_numpy(value, dtype))


def constant(value: Any, dtype: Any = None, shape: Any = None, name: str = "Const") -> EagerTensor:
    """`tf.constant`: a tensor from a value, optionally filled or reshaped to `shape`."""
    if dtype is not None:
        dtype = _dtypes.as_dtype(dtype)
    if isinstance(value, EagerTensor):
        if dtype is not None and value._value.dtype != dtype._np:
            raise TypeError(f"Expected tensor {value.numpy()!r} with dtype {dtype!r}, but got dtype "
                            f"{value.dtype!r}.")
        array = value._value
    else:
        fn = _converter_for(value)
        array = fn(value, dtype)._value if fn is not None else to_numpy(value, dtype)
    if shape is not None:
        shape = tuple(TensorShape(shape).as_list())
        size = int(np.prod(shape, dtype=np.int64))
        if array.size == 1:
            array = np.full(shape, np.asarray(array).reshape(()), dtype=array.dtype)
        elif array.size == size:
            array = np.reshape(array, shape)
        else:
            raise TypeError("Eager execution of tf.constant with unsupported shape. Tensor "
                            f"{np.asarray(array)} (converted from {value!r}) has {array.size} elements, but got "
                            f"`shape` {shape} with {size} elements).")
    return EagerTensor(array)


def to_numpy(value: Any, dtype: DType | None = None) -> Any:
    """The NumPy value a tensor built from `value` holds (scalar or array), with TF's dtype rules."""
    kind = type(value)
    if kind is float:
        return _from_python_scalar(value, "float", dtype)
    if kind is int:
        return _from_python_scalar(value, "int", dtype)
    if kind is bool:
        return _from_python_scalar(value, "bool", dtype)
    if isinstance(value, np.ndarray):
        return _from_numpy(value, dtype)
    if isinstance(value, np.generic):
        return _from_numpy(np.asarray(value), dtype)[()] if not isinstance(value, (np.bytes_, np.str_)) \
            else _from_numpy(np.asarray(value), dtype)
    if kind is complex:
        return _from_python_scalar(value, "complex", dtype)
    if isinstance(value, (str, bytes)):
        return _from_python_scalar(value, "string", dtype)
    if isinstance(value, (list, tuple, range)):
        return _from_sequence(value, dtype)
    if isinstance(value, TensorShape):
        if not value.is_fully_defined():
            raise ValueError(f"Cannot convert a partially known TensorShape {value} to a Tensor.")
        return _from_sequence(value.as_list(), dtype or _dtypes.int32)
    if hasattr(value, "__array__") and not isinstance(value, type):
        return _from_numpy(np.asarray(value), dtype)
    raise _unsupported(value)


# -- Python scalars ----------------------------------------------------------------------------
def _python_kind(value: Any) -> str | None:
    kind = type(value)
    if kind is bool or kind is np.bool_:
        return "bool"
    if kind is int:
        return "int"
    if kind is float:
        return "float"
    if kind is complex:
        return "complex"
    if kind is str or kind is bytes:
        return "string"
    return None


def _accepts(target: DType, kind: str) -> bool:
    """Whether a Python value of `kind` may be converted to `target` (TF refuses float -> int etc.)."""
    tkind = target._kind
    if tkind == "float":
        return kind in ("bool", "int", "float")
    if tkind == "complex":
        return kind in ("bool", "int", "float", "complex")
    if tkind in ("int", "uint"):
        return kind in ("bool", "int")
    if tkind == "bool":
        return kind == "bool"
    if tkind == "string":
        return kind == "string"
    return False


def _wrap_int(value: int, np_dtype: np.dtype) -> int:
    """Python ints wrap around when converted to a narrower integer dtype, as TF's conversion does."""
    bits = np_dtype.itemsize * 8
    if np_dtype.kind == "u":
        return value % (1 << bits)
    half = 1 << (bits - 1)
    return (value + half) % (1 << bits) - half


def _from_python_scalar(value: Any, kind: str, dtype: DType | None) -> Any:
    if dtype is None:
        dtype = _infer_dtype({kind}, [value] if kind in ("int", "float") else ())
    elif not _accepts(dtype, kind):
        raise _cannot_convert(value, dtype)
    if dtype is _dtypes.string:
        return np.array(value.encode("utf-8") if isinstance(value, str) else value, dtype=object)
    if dtype._kind in ("int", "uint") and kind == "int":
        value = _wrap_int(value, dtype._np)
    np_type = dtype.as_numpy_dtype
    with np.errstate(over="ignore"):
        return np_type(value)


def _infer_dtype(kinds: set, numbers: Any) -> DType:
    """The dtype TF infers for a sequence of Python scalars of the given kinds."""
    if not kinds:
        return _dtypes.float32
    if kinds == {"bool"}:
        return _dtypes.bool
    if kinds <= {"int", "bool"}:
        ints = [v for v in numbers if type(v) is int]
        lo, hi = (min(ints), max(ints)) if ints else (0, 0)
        if _INT32_MIN <= lo and hi <= _INT32_MAX:
            return _dtypes.int32
        if _INT64_MIN <= lo and hi <= _INT64_MAX:
            return _dtypes.int64
        raise ValueError("Can't convert Python sequence with out-of-range integer to Tensor.")
    if kinds <= {"int", "float"}:
        for v in numbers:
            if type(v) is float and abs(v) > _FLOAT32_MAX and not math.isinf(v):
                raise ValueError("Can't convert Python sequence with a value out of range for a "
                                 "double-precision float.")
        return _dtypes.float32
    if kinds == {"complex"}:
        return _dtypes.complex128
    if kinds == {"string"}:
        return _dtypes.string
    raise ValueError("Can't convert Python sequence with mixed types to Tensor.")


# -- NumPy values ------------------------------------------------------------------------------
def _from_numpy(array: np.ndarray, dtype: DType | None) -> np.ndarray:
    if array.dtype.kind in "SUO":
        if dtype is not None and dtype is not _dtypes.string:
            return array.astype(dtype._np)
        return _as_bytes_array(array)
    if dtype is None:
        if array.dtype not in _dtypes.NP_TO_DTYPE:
            raise _unsupported(array)
        return array.copy()
    if dtype is _dtypes.string:
        raise _cannot_convert(array, dtype)
    if array.dtype == dtype._np:
        return array.copy()
    return array.astype(dtype._np)  # NumPy's cast, warnings included, as in TensorFlow


def _as_bytes_array(array: np.ndarray) -> np.ndarray:
    out = np.empty(array.shape, dtype=object)
    for index, item in np.ndenumerate(array):
        out[index] = item.encode("utf-8") if isinstance(item, str) else bytes(item)
    return out


# -- nested sequences --------------------------------------------------------------------------
def _flatten(value: Any, shape: list, depth: int, leaves: list) -> None:
    if isinstance(value, (list, tuple, range)):
        n = len(value)
        if len(shape) == depth:
            if depth and _seen_leaf_at(shape, leaves):
                raise ValueError("Can't convert non-rectangular Python sequence to Tensor.")
            shape.append(n)
        elif shape[depth] != n or len(shape) == depth:
            raise ValueError("Can't convert non-rectangular Python sequence to Tensor.")
        for item in value:
            _flatten(item, shape, depth + 1, leaves)
        return
    if isinstance(value, np.ndarray) and value.ndim > 0:
        _flatten(list(value), shape, depth, leaves)
        return
    if len(shape) > depth:
        raise ValueError("Can't convert non-rectangular Python sequence to Tensor.")
    leaves.append((depth, value))


def _seen_leaf_at(shape: list, leaves: list) -> bool:
    return any(d == len(shape) for d, _ in leaves)


def _from_sequence(value: Any, dtype: DType | None) -> np.ndarray:
    shape: list = []
    leaves: list = []
    _flatten(value, shape, 0, leaves)
    if any(d != len(shape) for d, _ in leaves):
        raise ValueError("Can't convert non-rectangular Python sequence to Tensor.")
    items = [leaf for _, leaf in leaves]
    if any(isinstance(x, EagerTensor) or _converter_for(x) is not None for x in items):
        items = [_convert(x, dtype)._scalar() if isinstance(x, EagerTensor) or _converter_for(x) else x
                 for x in items]
        if dtype is None:
            tensor_types = [type(x) for x in items if isinstance(x, np.generic)]
            dtype = _dtypes.from_numpy(np.dtype(tensor_types[0])) if tensor_types else None
    numpy_leaves = [x for x in items if isinstance(x, np.generic) and not isinstance(x, (np.integer, np.bool_))]
    if dtype is None and numpy_leaves:
        dtype = _dtypes.from_numpy(np.result_type(*numpy_leaves))
    kinds = set()
    for x in items:
        kind = _python_kind(x)
        if kind is None:
            if isinstance(x, np.integer):
                kind, x = "int", int(x)
            elif isinstance(x, np.generic):
                kind = {"f": "float", "c": "complex", "b": "bool"}.get(x.dtype.kind, "string")
            else:
                raise _unsupported(value)
        kinds.add(kind)
    if dtype is None:
        plain = [int(x) if isinstance(x, np.integer) else x for x in items]
        dtype = _infer_dtype(kinds, plain)
    else:
        for kind in kinds:
            if not _accepts(dtype, kind) and not numpy_leaves:
                raise _cannot_convert(value, dtype)
    if dtype is _dtypes.string:
        flat = np.empty(len(items), dtype=object)
        for i, x in enumerate(items):
            flat[i] = x.encode("utf-8") if isinstance(x, str) else bytes(x)
        return flat.reshape(shape)
    if dtype._kind in ("int", "uint"):
        items = [_wrap_int(int(x), dtype._np) if type(x) is int else x for x in items]
    with np.errstate(all="ignore"):
        return np.array(items, dtype=dtype._np).reshape(shape)
