"""Serializing objects looked up by name (losses, metrics): `serialize` gives a
`{'class_name', 'config'}` dict for an instance of the family's base class, else the function's name;
`deserialize` looks the class or function up in the family's table."""

from __future__ import annotations

import inspect
from typing import Any


def serialize_named(obj: Any, base: type, module: str) -> Any:
    """Keras's `serialize_keras_object` for a loss or metric: an instance of a Keras class as
    `{module, class_name, config, registered_name: None}` (a user's subclass: its own module, None for
    `__main__`, and its class name as registered name), a function as Keras's `builtins` function entry,
    anything else (a name) as it is."""
    if isinstance(obj, base):
        cls = type(obj)
        if cls.__module__.startswith("tfshim."):
            return {"module": module, "class_name": cls.__name__, "config": obj.get_config(), "registered_name": None}
        return {"module": None if cls.__module__ == "__main__" else cls.__module__, "class_name": cls.__name__,
                "config": obj.get_config(), "registered_name": cls.__name__}
    if inspect.isfunction(obj):
        return {"module": "builtins", "class_name": "function", "config": obj.__name__, "registered_name": "function"}
    return obj


def deserialize_named(config: Any, table: dict, kind: str, custom_objects: dict | None = None) -> Any:
    """ValueError `Could not interpret {kind} identifier: ...` for a name the table lacks."""
    if custom_objects:
        table = {**table, **custom_objects}
    if isinstance(config, dict) and config.get("class_name") == "function":
        config = config.get("config")
    if isinstance(config, dict):
        cls = table.get(config.get("class_name"))
        if cls is None:
            raise ValueError(f"Could not interpret {kind} identifier: {config}")
        return cls.from_config(dict(config.get("config") or {})) if inspect.isclass(cls) else cls
    obj = table.get(config)
    if obj is None:
        raise ValueError(f"Could not interpret {kind} identifier: {config}")
    return obj
