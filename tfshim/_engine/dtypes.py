"""TensorFlow's DType objects, backed by NumPy dtypes.

Each TensorFlow dtype maps to exactly one NumPy dtype, so a tensor stores only its NumPy array and its
DType is looked up from the array's dtype. `tf.string` is stored as a NumPy object array of `bytes`;
`tf.bfloat16` needs the optional `ml_dtypes` package (TensorFlow itself depends on it).
"""

from __future__ import annotations

import builtins
from typing import Any

import numpy as np

ML_DTYPES_MISSING = ("tf.bfloat16 needs the ml_dtypes package, which is not installed: pip install ml_dtypes "
                     "(or install tfshim with its bfloat16 extra: pip install 'tfshim[bfloat16]')")


class _MissingNumPyDtype:
    """Stands in for bfloat16's NumPy dtype when ml_dtypes is absent. NumPy reads the `dtype` attribute
    of whatever it is given as a dtype, so every array made, cast or described as bfloat16 raises
    ModuleNotFoundError naming the package, while comparisons with real dtypes are simply False."""

    __slots__ = ()

    @property
    def dtype(self) -> Any:
        raise ModuleNotFoundError(ML_DTYPES_MISSING, name="ml_dtypes")

    @property
    def type(self) -> Any:
        raise ModuleNotFoundError(ML_DTYPES_MISSING, name="ml_dtypes")

    def __repr__(self) -> str:
        return "bfloat16 (needs the ml_dtypes package)"


try:  # bfloat16 has no NumPy dtype of its own; ml_dtypes provides one (TensorFlow uses it too).
    import ml_dtypes as _ml_dtypes

    _BFLOAT16_NP: Any = np.dtype(_ml_dtypes.bfloat16)
except ImportError:  # pragma: no cover - depends on the environment
    _ml_dtypes = None
    _BFLOAT16_NP = _MissingNumPyDtype()

HAS_BFLOAT16 = _ml_dtypes is not None


class DType:
    """A TensorFlow element type (`tf.float32`, `tf.int32`, ...).

    Compares equal to its name, to NumPy dtypes and to NumPy scalar types, as TensorFlow's does.
    """

    __slots__ = ("_name", "_enum", "_kernel_name", "_np", "_kind")

    def __init__(self, name: str, enum: int, kernel_name: str, np_dtype: np.dtype | None, kind: str):
        self._name = name
        self._enum = enum
        self._kernel_name = kernel_name  # the name TF's C++ kernels print: float32 -> "float"
        self._np = np_dtype
        self._kind = kind  # one of: float, int, uint, bool, complex, string, resource

    # -- identity -------------------------------------------------------------------------------
    @property
    def name(self) -> str:
        return self._name

    @property
    def as_datatype_enum(self) -> int:
        return self._enum

    @property
    def as_numpy_dtype(self) -> type:
        if self._kind == "string":
            return np.object_
        return self._np.type  # (ModuleNotFoundError for bfloat16 without ml_dtypes)

    @property
    def base_dtype(self) -> DType:
        return self

    @property
    def real_dtype(self) -> DType:
        if self is complex64:
            return float32
        if self is complex128:
            return float64
        return self

    # -- classification -------------------------------------------------------------------------
    @property
    def is_floating(self) -> bool:
        return self._kind == "float"

    @property
    def is_integer(self) -> bool:
        return self._kind in ("int", "uint")

    @property
    def is_unsigned(self) -> bool:
        return self._kind == "uint"

    @property
    def is_complex(self) -> bool:
        return self._kind == "complex"

    @property
    def is_bool(self) -> bool:
        return self._kind == "bool"

    @property
    def is_quantized(self) -> bool:
        return False

    @property
    def is_numpy_compatible(self) -> bool:
        return self._kind != "resource"

    @property
    def size(self) -> int:
        if self._kind in ("string", "resource"):
            return 1 if self._kind == "resource" else 0
        return self._np.itemsize if isinstance(self._np, np.dtype) else 2

    # -- ranges ---------------------------------------------------------------------------------
    def _info(self, which: str) -> Any:
        if self._kind == "float":
            info = np.finfo(self._np)
            return getattr(info, which) if self is not bfloat16 else self._np.type(getattr(info, which))
        if self._kind in ("int", "uint"):
            return int(getattr(np.iinfo(self._np), which))
        word = "minimum" if which == "min" else "maximum"
        raise TypeError(f"Cannot find {word} value of {self} with type {self}.")

    @property
    def min(self) -> Any:
        return self._info("min")

    @property
    def max(self) -> Any:
        return self._info("max")

    @property
    def limits(self) -> tuple:
        if self._kind in ("int", "uint"):
            return (0, self.max)
        if self in (float32, float64):
            return (0, 1)
        if self is bool:
            return (0, True)
        raise ValueError(f"{self} does not have defined limits.")

    def is_compatible_with(self, other: Any) -> bool:
        return self == as_dtype(other)

    # -- protocol -------------------------------------------------------------------------------
    def __eq__(self, other: object) -> bool:
        if other is None:
            return False
        if type(other) is not DType:
            try:
                other = as_dtype(other)
            except TypeError:
                return False
        return self._enum == other._enum

    def __ne__(self, other: object) -> bool:
        return not self.__eq__(other)

    def __hash__(self) -> int:
        return self._enum

    def __repr__(self) -> str:
        return f"tf.{self._name}"

    def __str__(self) -> str:
        return f"<dtype: '{self._name}'>"

    def __reduce__(self) -> tuple:
        return as_dtype, (self._name,)


float16 = DType("float16", 19, "half", np.dtype(np.float16), "float")
half = float16
bfloat16 = DType("bfloat16", 14, "bfloat16", _BFLOAT16_NP, "float")
float32 = DType("float32", 1, "float", np.dtype(np.float32), "float")
float64 = DType("float64", 2, "double", np.dtype(np.float64), "float")
double = float64
int8 = DType("int8", 6, "int8", np.dtype(np.int8), "int")
int16 = DType("int16", 5, "int16", np.dtype(np.int16), "int")
int32 = DType("int32", 3, "int32", np.dtype(np.int32), "int")
int64 = DType("int64", 9, "int64", np.dtype(np.int64), "int")
uint8 = DType("uint8", 4, "uint8", np.dtype(np.uint8), "uint")
uint16 = DType("uint16", 17, "uint16", np.dtype(np.uint16), "uint")
uint32 = DType("uint32", 22, "uint32", np.dtype(np.uint32), "uint")
uint64 = DType("uint64", 23, "uint64", np.dtype(np.uint64), "uint")
bool = DType("bool", 10, "bool", np.dtype(np.bool_), "bool")  # noqa: A001 - TF's public name
complex64 = DType("complex64", 8, "complex64", np.dtype(np.complex64), "complex")
complex128 = DType("complex128", 18, "complex128", np.dtype(np.complex128), "complex")
string = DType("string", 7, "string", np.dtype(object), "string")
resource = DType("resource", 20, "resource", None, "resource")
variant = DType("variant", 21, "variant", None, "resource")

ALL_DTYPES = (float16, bfloat16, float32, float64, int8, int16, int32, int64, uint8, uint16, uint32,
              uint64, bool, complex64, complex128, string)

# NumPy dtypes of the half-precision floats (computed in float32 by many kernels); a set, because
# `np.dtype.name` costs microseconds on a hot path
HALF_NP = frozenset(d._np for d in (float16, bfloat16) if isinstance(d._np, np.dtype))
# float32 and float64: what NumPy computes (and np.add.reduce sums) in the dtype itself, as TF does
SINGLE_DOUBLE_NP = frozenset({float32._np, float64._np})

# dtypes a gradient can flow through (TensorFlow's IsDtypeTrainable); resource stands for variables.
TRAINABLE = frozenset({float16, bfloat16, float32, float64, complex64, complex128, resource, variant})

_BY_ENUM = {d._enum: d for d in (*ALL_DTYPES, resource, variant)}
_BY_NAME = {d._name: d for d in (*ALL_DTYPES, resource, variant)}
_BY_NAME.update(half=float16, float=float32, double=float64)
_BY_PYTHON_TYPE = {builtins.float: float32, builtins.bool: bool, builtins.object: string}

# NumPy dtype -> DType. The hot path uses this to read a tensor's dtype from its array.
NP_TO_DTYPE: dict[np.dtype, DType] = {d._np: d for d in ALL_DTYPES if isinstance(d._np, np.dtype) and d is not string}
NP_TO_DTYPE[np.dtype(object)] = string
_BY_NP_TYPE = {d.type: t for d, t in NP_TO_DTYPE.items()}
_BY_NP_TYPE[np.bytes_] = string
_BY_NP_TYPE[np.str_] = string


def as_dtype(type_value: Any) -> DType:
    """Converts a DType, a name, a NumPy dtype or type, or an enum value to a DType."""
    if type(type_value) is DType:
        return type_value
    if isinstance(type_value, np.dtype):
        found = _BY_NP_TYPE.get(type_value.type)
        if found is not None:
            return found
    try:
        found = _BY_ENUM.get(type_value) if type(type_value) is int else None
        if found is None:
            found = _BY_NAME.get(type_value) or _BY_PYTHON_TYPE.get(type_value) or _BY_NP_TYPE.get(type_value)
        if found is not None:
            return found
    except TypeError:  # unhashable values
        pass
    if hasattr(type_value, "dtype"):
        try:
            found = _BY_NP_TYPE.get(np.dtype(type_value.dtype).type)
        except TypeError:
            found = None
        if found is not None:
            return found
    raise TypeError(f"Cannot convert the argument `type_value`: {type_value!r} to a TensorFlow DType.")


def from_numpy(np_dtype: np.dtype) -> DType:
    """The DType of a NumPy array's dtype (any string kind counts as tf.string)."""
    found = NP_TO_DTYPE.get(np_dtype)
    if found is None:
        if np_dtype.kind in "SUO":
            return string
        raise TypeError(f"Cannot convert the argument `type_value`: {np_dtype!r} to a TensorFlow DType.")
    return found
