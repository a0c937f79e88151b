"""Serializing objects looked up by name (losses, metrics): `serialize` gives a
`{'class_name', 'config'}` dict for an instance of the family's base class, else the function's name;
`deserialize` looks the class or function up in the family's table."""

from __future__ import annotations

import inspect
from typing import Any


def serialize_named(obj: Any, base: type) -> Any:
    if isinstance(obj, base):
        return {"class_name": type(obj).__name__, "config": obj.get_config()}
    return getattr(obj, "__name__", obj)


def deserialize_named(config: Any, table: dict, kind: str, custom_objects: dict | None = None) -> Any:
    """ValueError `Could not interpret {kind} identifier: ...` for a name the table lacks."""
    if custom_objects:
        table = {**table, **custom_objects}
    if isinstance(config, dict):
        cls = table.get(config.get("class_name"))
        if cls is None:
            raise ValueError(f"Could not interpret {kind} identifier: {config}")
        return cls.from_config(dict(config.get("config") or {})) if inspect.isclass(cls) else cls
    obj = table.get(config)
    if obj is None:
        raise ValueError(f"Could not interpret {kind} identifier: {config}")
    return obj
