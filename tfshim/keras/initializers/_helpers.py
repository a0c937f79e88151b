"""Small helpers shared by the initializers, activations, regularizers, constraints and built-in layers:
Keras's dtype standardisation, floatx lookup, its snake_case, and `serialize_keras_object`'s dict
layout for the built-in objects."""

from __future__ import annotations

import re
from typing import Any

import numpy as np

import tfshim as tf

_ALLOWED_DTYPES = frozenset({
    "float16", "float32", "float64", "bfloat16", "uint8", "uint16", "uint32", "uint64",
    "int8", "int16", "int32", "int64", "bool", "string", "complex64", "complex128",
    "float8_e4m3fn", "float8_e5m2",
})
_PYTHON_DTYPES = {bool: "bool", int: "int64", float: "float32", str: "string"}


def floatx() -> str:
    """The Keras float type (`tf.keras.backend.floatx()`), 'float32' until the backend defines it."""
    from tfshim.keras import backend

    fn = getattr(backend, "floatx", None)
    return fn() if fn is not None else "float32"


def epsilon() -> float:
    """`tf.keras.backend.epsilon()` (1e-7 until the backend defines it)."""
    from tfshim.keras import backend

    fn = getattr(backend, "epsilon", None)
    return fn() if fn is not None else 1e-7


def standardize_dtype(dtype: Any) -> str:
    """Keras's `standardize_dtype`: None -> floatx; a DType, NumPy dtype or name -> its name."""
    if dtype is None:
        return floatx()
    dtype = _PYTHON_DTYPES.get(dtype, dtype)
    if hasattr(dtype, "name"):
        dtype = dtype.name
    elif hasattr(dtype, "__name__"):
        dtype = dtype.__name__
    if dtype not in _ALLOWED_DTYPES:
        raise ValueError(f"Invalid dtype: {dtype}")
    return dtype


def standardize_shape(shape: Any) -> tuple:
    """A shape as a tuple of ints (or None), as Keras keeps shapes."""
    if shape is None:
        raise ValueError("Undefined shapes are not supported.")
    if isinstance(shape, tf.TensorShape):
        shape = shape.as_list()
    if not hasattr(shape, "__iter__"):
        raise ValueError(f"Cannot convert '{shape}' to a shape.")
    out = []
    for e in shape:
        if e is None:
            out.append(None)
            continue
        if isinstance(e, str):
            raise ValueError(f"Cannot convert '{shape}' to a shape. Found invalid entry '{e}'. ")
        e = int(e)
        if e < 0:
            raise ValueError(
                f"Cannot convert '{shape}' to a shape. Negative dimensions are not allowed.")
        out.append(e)
    return tuple(out)


def to_snake_case(name: str) -> str:
    """Keras's `to_snake_case` (`PReLU` -> `p_re_lu`, `Conv3DBlock` -> `conv3d_block`)."""
    name = re.sub(r"\W+", "", name)
    name = re.sub("(.)([A-Z][a-z]+)", r"\1_\2", name)
    return re.sub("([a-z])([A-Z])", r"\1_\2", name).lower()


def serialize_value(value: Any) -> Any:
    """How `serialize_keras_object` writes a plain value inside a config (NumPy arrays as
    `__numpy__`, objects with `get_config` as class dicts)."""
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, (list, tuple)):
        return [serialize_value(v) for v in value]
    if isinstance(value, dict):
        return {k: serialize_value(v) for k, v in value.items()}
    if isinstance(value, np.ndarray):
        return {"class_name": "__numpy__",
                "config": {"value": value.tolist(), "dtype": str(value.dtype)}}
    if isinstance(value, np.generic):
        return value.item()
    if tf.is_tensor(value):
        return {"class_name": "__tensor__",
                "config": {"value": np.asarray(value).tolist(), "dtype": value.dtype.name}}
    if hasattr(value, "get_config"):
        return serialize_object(value, _module_of(value))
    return value


def deserialize_value(value: Any) -> Any:
    """The inverse of `serialize_value` for the forms it writes."""
    if isinstance(value, dict) and value.get("class_name") == "__numpy__":
        cfg = value["config"]
        return np.array(cfg["value"], dtype=cfg["dtype"])
    if isinstance(value, dict) and value.get("class_name") == "__tensor__":
        cfg = value["config"]
        return tf.constant(cfg["value"], dtype=cfg["dtype"])
    return value


def _module_of(obj: Any) -> str:
    mod = type(obj).__module__
    if mod.startswith("tfshim.keras."):
        return "keras." + mod.split(".")[2]
    return mod


def serialize_object(obj: Any, module: str) -> dict:
    """`serialize_keras_object` for a built-in Keras class instance."""
    return {"module": module, "class_name": type(obj).__name__,
            "config": obj.get_config(), "registered_name": None}


def deserialize_object(config: Any, objects: dict, kind: str,
                       custom_objects: dict | None = None) -> Any:
    """`deserialize_keras_object` for a name or a class dict, resolving names in `objects`."""
    lookup = dict(objects)
    if custom_objects:
        lookup.update(custom_objects)
    if isinstance(config, str):
        cls = lookup.get(config)
        if cls is None:
            raise ValueError(f"Could not interpret {kind} identifier: {config}")
        return cls() if isinstance(cls, type) else cls
    if isinstance(config, dict):
        name = config.get("class_name")
        cls = lookup.get(name)
        if cls is None:
            return name  # Keras returns the unknown class name; `get` then refuses it
        if not isinstance(cls, type):
            return cls
        inner = config.get("config") or {}
        return cls.from_config(inner)
    raise ValueError(f"Could not interpret {kind} identifier: {config}")


def get_object(identifier: Any, objects: dict, kind: str, deserialize: Any) -> Any:
    """Keras's `get` for constraints and regularizers: None -> None; a class name or snake_case
    name -> an instance; a config dict -> an instance; a callable -> itself (a class instantiated);
    anything else ValueError `Could not interpret {kind} identifier`."""
    if identifier is None:
        return None
    if isinstance(identifier, dict):
        obj = deserialize(identifier)
    elif isinstance(identifier, str):
        obj = objects.get(identifier)
    else:
        obj = identifier
    if callable(obj):
        return obj() if isinstance(obj, type) else obj
    raise ValueError(f"Could not interpret {kind} identifier: {identifier}")
