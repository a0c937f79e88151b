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

# Explain mode's hook: called with (value, new tensor) when a constant is made from a non-tensor value.
_import_hook: Any = None


def set_import_hook(hook: Any) -> None:
    global _import_hook
    _import_hook = hook


def register_conversion(cls: type, fn: Callable[[Any, DType | None], EagerTensor],
                        read: Callable[[Any], EagerTensor] | None = None) -> None:
    """`fn(value, dtype)` converts instances of `cls`. `read(value)`, if given, is what `fn` gives for
    an instance of exactly `cls` when no dtype is requested, whatever the hint (a variable's read)."""
    _CONVERTERS[cls] = fn
    if read is not None:
        _READERS[cls] = read


_READERS: dict[type, Callable[[Any], EagerTensor]] = {}


_UNREGISTRABLE = (int, float, complex, bool, np.generic, np.ndarray)


def register_tensor_conversion_function(base_type: Any, conversion_func: Callable[..., Any],
                                        priority: int = 100) -> None:
    """`tf.register_tensor_conversion_function`: `conversion_func(value, dtype=None, name=None,
    as_ref=False)` converts instances of `base_type` (a type or a tuple of types). As in TF, the
    registered functions whose type the value is an instance of are tried by priority (lower first),
    then in the order they were registered; one returning `NotImplemented` passes to the next, and one
    returning a non-tensor or a tensor of another dtype than requested raises RuntimeError. Differs from
    TF: `name` is the one given to `tf.convert_to_tensor`, and None when an op converts its inputs."""
    types = base_type if isinstance(base_type, tuple) else (base_type,)
    if not all(isinstance(t, type) for t in types):
        raise TypeError(f"Argument `base_type` must be a type or a tuple of types. Obtained: {base_type}")
    if any(issubclass(t, _UNREGISTRABLE) for t in types):
        raise TypeError("Cannot register conversions for Python numeric types and NumPy scalars and arrays.")
    _REGISTERED.append((priority, len(_REGISTERED), types, base_type, conversion_func))
    _REGISTERED.sort(key=_registration_order)
    for t in types:
        register_conversion(t, _convert_registered)


# (priority, registration index, types, base_type as given, function), in the order they are tried
_REGISTERED: list[tuple] = []


def _registration_order(entry: tuple) -> tuple:
    return entry[0], entry[1]


def _convert_registered(value: Any, dtype: DType | None, name: Any = None) -> Any:
    """TF's tensor_conversion_registry walk over the functions registered through the public API."""
    for _, _, types, base_type, func in _REGISTERED:
        if not isinstance(value, types):
            continue
        out = func(value, dtype=dtype, name=name, as_ref=False)
        if out is NotImplemented:
            continue
        prefix = f"{name}: " if name else ""
        if not isinstance(out, EagerTensor):
            raise RuntimeError(f"{prefix}Conversion function {func!r} for type {base_type} returned non-Tensor: "
                               f"{out!r}")
        if dtype is not None and out._value.dtype != dtype._np:
            raise RuntimeError(f"{prefix}Conversion function {func!r} for type {base_type} returned incompatible "
                               f"dtype: requested = {dtype.name}, actual = {out.dtype.name}")
        return out
    return NotImplemented  # TF's default conversion comes last (and refuses what it cannot convert)


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
    if dtype is None:
        if type(value) is EagerTensor:
            return value
        read = _READERS.get(type(value))
        if read is not None:
            return read(value)
    else:
        dtype = _dtypes.as_dtype(dtype)
    hint = dtype_hint if dtype_hint is not None else preferred_dtype
    if dtype is None and hint is not None:
        try:
            return _convert(value, _dtypes.as_dtype(hint), name)
        except (TypeError, ValueError):
            pass
    return _convert(value, dtype, name)


def _convert(value: Any, dtype: DType | None, name: Any = None) -> EagerTensor:
    if isinstance(value, (list, tuple)) and _tensor_dtype_in(value) is not None:
        return _autopack(value, dtype)
    if isinstance(value, EagerTensor):
        if dtype is not None and value._value.dtype != dtype._np:
            raise ValueError(f"Tensor conversion requested dtype {dtype.name} for Tensor with dtype "
                             f"{value.dtype.name}: {value!r}")
        return value
    fn = _converter_for(value)
    if fn is not None:
        if fn is not _convert_registered:
            return fn(value, dtype)
        out = _convert_registered(value, dtype, name)
        if out is not NotImplemented:
            return out
    out = EagerTensor(to_numpy(value, dtype))
    if _import_hook is not None:
        _import_hook(value, out)
    return out


def _is_tensorlike(x: Any) -> bool:
    return isinstance(x, EagerTensor) or getattr(x, "_is_variable", False)


def _tensor_dtype_in(value: Any) -> DType | None:
    """The dtype of the first tensor or variable in a nested list, depth first (None if there is none)."""
    for elem in value:
        if _is_tensorlike(elem):
            return elem.dtype
        if isinstance(elem, (list, tuple)):
            found = _tensor_dtype_in(elem)
            if found is not None:
                return found
    return None


def _autopack(value: Any, dtype: DType | None) -> EagerTensor:
    """A list holding tensors becomes a recorded Pack of them (gradients flow), as in TensorFlow; a
    requested dtype casts the tensors, otherwise the first tensor's dtype rules."""
    from tfshim._engine import vspace

    inferred = _tensor_dtype_in(value)
    cast = dtype is not None and dtype != inferred
    dtype = dtype or inferred

    def pack(items: Any) -> EagerTensor:
        elems = []
        for elem in items:
            if _is_tensorlike(elem):
                elem = _convert(elem, None)
                elems.append(vspace.ops.cast(elem, dtype) if cast and elem.dtype != dtype else elem)
            elif isinstance(elem, (list, tuple)):
                elems.append(pack(elem) if _tensor_dtype_in(elem) is not None else constant(elem, dtype))
            else:
                elems.append(constant(elem, dtype))
        return vspace.ops.stack(elems, 0, "packed")

    return pack(value)


def constant(value: Any, dtype: Any = None, shape: Any = None, name: str = "Const") -> EagerTensor:
    """`tf.constant`: a tensor from a value, optionally filled or reshaped to `shape`. A tensor of
    the requested dtype is returned as it is (the same object), as in TensorFlow."""
    if dtype is not None:
        dtype = _dtypes.as_dtype(dtype)
    if isinstance(value, EagerTensor):
        if dtype is not None and value._value.dtype != dtype._np:
            raise TypeError(f"Expected tensor {value.numpy()} with dtype {dtype!r}, but got dtype "
                            f"{value.dtype!r}.")
        if shape is None:
            return value
        array = value._value
    elif isinstance(value, (list, tuple)) and _tensor_dtype_in(value) is not None:
        raise ValueError("TypeError: Scalar tensor has no `len()`")
    elif isinstance(value, TensorShape) and not value.is_fully_defined():
        raise _unsupported(None)
    else:
        fn = _converter_for(value)  # (not the functions registered through the public API: TF's neither)
        array = fn(value, dtype)._value if fn is not None and fn is not _convert_registered else to_numpy(value, dtype)
    if shape is not None:
        shape = tuple(TensorShape(shape).as_list())
        if None in shape:
            raise _unsupported(None)
        size = int(np.prod(shape, dtype=np.int64))
        if array.size == 1:
            array = np.full(shape, np.asarray(array).reshape(()), dtype=array.dtype)
        elif array.size == size:
            array = np.reshape(array, shape)
        else:
            raise TypeError("Eager execution of tf.constant with unsupported shape. Tensor "
                            f"{np.asarray(array)} (converted from {value!r}) has {array.size} elements, but got "
                            f"`shape` {shape} with {size} elements).")
    out = EagerTensor(array)
    if _import_hook is not None and not isinstance(value, EagerTensor):
        _import_hook(value, out)
    return out


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
        high = 2**64 - 1 if dtype is _dtypes.uint64 else _INT64_MAX  # Python ints go through int64 first
        if not _INT64_MIN <= value <= high:
            raise ValueError("Can't convert Python sequence with out-of-range integer to Tensor.")
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
        with np.errstate(over="ignore"):
            for v in numbers:
                if type(v) is float and abs(v) > _FLOAT32_MAX and not math.isinf(v) and np.isinf(np.float32(v)):
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
            if array.dtype.kind in "mM":
                kind = "NPY_DATETIME" if array.dtype.kind == "M" else "NPY_TIMEDELTA"
                raise ValueError(f"Failed to convert a NumPy array to a Tensor (Unsupported numpy type: {kind}).")
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
            if depth and _seen_leaf_at(shape, leaves):  # a scalar came first at this depth: TF's wording
                raise ValueError("Can't convert Python sequence with mixed types to Tensor.")
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


_WIDENS = {  # the kinds a sequence that started as `kind` may still take (TF infers left to right)
    "bool": ("bool",),
    "int": ("int", "bool", "float"),
    "float": ("float", "int", "bool"),
    "complex": ("complex", "float", "int", "bool"),
    "string": ("string",),
}


def _leaf_kind(x: Any) -> str | None:
    kind = _python_kind(x)
    if kind is not None:
        return kind
    if isinstance(x, (np.generic, np.ndarray)):
        return {"b": "bool", "i": "int", "u": "int", "f": "float", "c": "complex", "S": "string",
                "U": "string", "O": "string"}.get(x.dtype.kind)
    return None


def _infer_sequence_dtype(items: list) -> DType:
    """TF's inference for a flattened sequence: the first element sets the kind, later ones may only
    be narrower (an int sequence may turn float, never complex); a leading NumPy float fixes the dtype."""
    if not items:
        return _dtypes.float32
    first = items[0]
    kind = _leaf_kind(first)
    if kind is None:
        raise _unsupported(first)
    fixed = None
    if isinstance(first, (np.generic, np.ndarray)) and first.dtype.kind in "fc":
        fixed = _dtypes.from_numpy(first.dtype)
    for x in items[1:]:
        other = _leaf_kind(x)
        if other is None or other not in _WIDENS[kind]:
            raise ValueError("Can't convert Python sequence with mixed types to Tensor.")
        if kind == "int" and other == "float":
            kind = "float"
    if fixed is not None:
        return fixed
    numbers = [int(x) if isinstance(x, np.integer) else x for x in items if type(x) in (int, float)
               or isinstance(x, np.integer)]
    return _infer_dtype({kind}, numbers)


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
        dtype = _infer_sequence_dtype(items)
    else:
        for x in items:
            kind = _leaf_kind(x)
            if kind is None:
                raise _unsupported(x)
            if not isinstance(x, (np.generic, np.ndarray)) and not _accepts(dtype, kind):
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
