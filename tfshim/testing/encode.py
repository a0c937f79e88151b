"""Turning a program's result into plain JSON data, the same way for TensorFlow and for tfshim.

`encode(value)` walks any nesting of lists, tuples, namedtuples, dicts and sets and describes each leaf:
tensors and variables (dtype name, shape, values), IndexedSlices, NumPy arrays and scalars, Python
scalars, strings and bytes, `None`, DTypes, TensorShapes, enum members and exceptions (class name and
message). Nothing here imports TensorFlow: objects are recognised by their shape (duck typing), so a
result produced by either module encodes to the same kind of node.

Every node is a dict with a "kind" key. Floats that JSON cannot hold are written as the strings
"nan", "inf" and "-inf"; complex numbers as [real, imag]; bytes as latin-1 text.
"""

from __future__ import annotations

import enum
import json
import math
import re
from collections.abc import Mapping
from typing import Any

import numpy as np

_ADDRESS = re.compile(r" at 0x[0-9a-fA-F]+")
_SITE_PACKAGES = re.compile(r'File "[^"]*?/site-packages/')


def encode(value: Any) -> dict:
    """The JSON-ready description of `value` (see the module docstring)."""
    try:
        return _encode(value)
    except Exception as exc:  # a leaf that cannot be read (e.g. .numpy() raising) is itself a result
        return {"kind": "encode_error", "type": type(exc).__name__, "message": _strip_addresses(str(exc))}


def encode_exception(exc: BaseException) -> dict:
    """An exception as a node: its class's simple name (tf.errors.* and builtins alike) and message."""
    return {"kind": "error", "type": type(exc).__name__, "message": _strip_addresses(str(exc))}


def to_json(node: dict) -> str:
    """One compact, deterministic line of JSON for a node."""
    return json.dumps(node, sort_keys=True, separators=(",", ":"), allow_nan=False)


# -- dispatch --------------------------------------------------------------------------------------
def _encode(value: Any) -> dict:
    if value is None:
        return {"kind": "none"}
    if isinstance(value, BaseException):
        return encode_exception(value)
    kind = type(value)
    if kind in _PY_SCALARS:
        return _PY_SCALARS[kind](value)
    if isinstance(value, np.ndarray):
        return _encode_ndarray(value)
    if isinstance(value, np.generic):
        return {"kind": "numpy_scalar", "dtype": _np_dtype_name(value.dtype), "value": _scalar(value)}
    if _is_indexed_slices(value):
        return {"kind": "indexed_slices", "values": encode(value.values), "indices": encode(value.indices),
                "dense_shape": encode(value.dense_shape)}
    if _is_variable(value):
        return _encode_variable(value)
    if _is_keras_variable(value):
        return {"kind": "keras_variable", "path": value.path, "trainable": encode(value.trainable),
                "shape": encode(tuple(value.shape)), "value": _tensor_node(str(value.dtype), value.numpy())}
    if _is_tensor(value):
        return _encode_tensor(value)
    if _is_dtype(value):
        return {"kind": "dtype", "name": value.name}
    if _is_tensor_shape(value):
        dims = None if value.rank is None else [d for d in value.as_list()]
        return {"kind": "tensor_shape", "dims": dims}
    if isinstance(value, tuple) and hasattr(value, "_fields"):
        return {"kind": "namedtuple", "type": kind.__name__,
                "fields": [[f, encode(getattr(value, f))] for f in value._fields]}  # ordered: JSON sorts dict keys
    if isinstance(value, (list, tuple)):
        return {"kind": "list" if isinstance(value, list) else "tuple", "items": [encode(v) for v in value]}
    if isinstance(value, Mapping):
        items = [[encode(k), encode(v)] for k, v in value.items()]
        return {"kind": "dict", "items": sorted(items, key=lambda kv: to_json(kv[0]))}
    if isinstance(value, (set, frozenset)):
        return {"kind": "set", "items": sorted((encode(v) for v in value), key=to_json)}
    if isinstance(value, enum.Enum):
        return {"kind": "enum", "type": kind.__name__, "name": value.name}
    if isinstance(value, type):
        return {"kind": "type", "name": value.__name__}
    return {"kind": "object", "type": kind.__name__, "text": _strip_addresses(str(value))}


def _strip_addresses(text: str) -> str:
    """Object addresses and install locations vary between runs and machines: they are masked."""
    return _SITE_PACKAGES.sub('File "<site-packages>/', _ADDRESS.sub(" at 0x?", text))


# -- Python scalars --------------------------------------------------------------------------------
def _py_float(value: float) -> Any:
    if math.isnan(value):
        return "nan"
    if math.isinf(value):
        return "inf" if value > 0 else "-inf"
    return value


def _py_complex(value: complex) -> list:
    return [_py_float(value.real), _py_float(value.imag)]


_PY_SCALARS = {
    bool: lambda v: {"kind": "bool", "value": v},
    int: lambda v: {"kind": "int", "value": v},
    float: lambda v: {"kind": "float", "value": _py_float(v)},
    complex: lambda v: {"kind": "complex", "value": _py_complex(v)},
    str: lambda v: {"kind": "str", "value": v},
    bytes: lambda v: {"kind": "bytes", "value": v.decode("latin-1")},
}


# -- arrays and tensors ----------------------------------------------------------------------------
def _np_dtype_name(dtype: np.dtype) -> str:
    return "bool" if dtype == np.bool_ else str(dtype)


def _scalar(value: Any) -> Any:
    """A NumPy scalar (or 0-d element) as a JSON value."""
    if isinstance(value, (bytes, np.bytes_)):
        return bytes(value).decode("latin-1")
    if isinstance(value, str):
        return value
    if isinstance(value, (np.bool_, bool)):
        return bool(value)
    if isinstance(value, (np.integer, int)):
        return int(value)
    if isinstance(value, (np.complexfloating, complex)):
        return _py_complex(complex(value))
    if isinstance(value, (np.floating, float)):
        return _py_float(float(value))
    try:  # bfloat16 and other extension float types
        return _py_float(float(value))
    except (TypeError, ValueError):
        return encode(value)


def _flat_values(array: np.ndarray) -> list:
    if array.dtype.kind == "O":
        return [_scalar(v) if isinstance(v, (bytes, str, np.generic)) else encode(v) for v in array.reshape(-1)]
    if array.dtype.kind in "fc" or array.dtype.kind == "V" or array.dtype.name == "bfloat16":
        return [_scalar(v) for v in array.reshape(-1)]
    if array.dtype.kind in "SU":
        return [_scalar(v) for v in array.reshape(-1)]
    return array.reshape(-1).tolist()


def _encode_ndarray(array: np.ndarray) -> dict:
    return {"kind": "ndarray", "dtype": _np_dtype_name(array.dtype), "shape": list(array.shape),
            "values": _flat_values(array)}


def _tensor_node(dtype_name: str, array: Any) -> dict:
    array = np.asarray(array)
    if array.dtype.name == "bfloat16":
        array = array.astype(np.float32)
    return {"kind": "tensor", "dtype": dtype_name, "shape": list(array.shape), "values": _flat_values(array)}


def _encode_tensor(tensor: Any) -> dict:
    return _tensor_node(tensor.dtype.name, tensor.numpy())


def _encode_variable(var: Any) -> dict:
    return {"kind": "variable", "type": type(var).__name__, "name": var.name, "trainable": encode(var.trainable),
            "shape": encode(var.shape), "value": _tensor_node(var.dtype.name, var.numpy())}


# -- recognising TensorFlow-like objects without importing TensorFlow --------------------------------
def _is_indexed_slices(value: Any) -> bool:
    return type(value).__name__ == "IndexedSlices" and hasattr(value, "indices") and hasattr(value, "values")


def _is_variable(value: Any) -> bool:
    return hasattr(value, "assign") and hasattr(value, "read_value") and hasattr(value, "numpy")


def _is_keras_variable(value: Any) -> bool:
    """A Keras 3 variable: a string dtype and a `path` (not a tf.Variable)."""
    return hasattr(value, "path") and hasattr(value, "assign") and isinstance(getattr(value, "dtype", None), str)


def _is_tensor(value: Any) -> bool:
    cls = type(value)
    return callable(getattr(cls, "numpy", None)) and hasattr(value, "dtype") and hasattr(value, "shape")


def _is_dtype(value: Any) -> bool:
    return type(value).__name__ == "DType" and hasattr(value, "as_numpy_dtype")


def _is_tensor_shape(value: Any) -> bool:
    return type(value).__name__ == "TensorShape" and hasattr(value, "as_list")
