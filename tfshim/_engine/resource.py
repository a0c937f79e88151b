"""The storage behind a variable (TensorFlow's resource handle).

A variable and every `_UnreadVariable` returned by its `assign*` methods share one handle; tapes
track the handle, so a gradient with respect to either arrives at the same place.
"""

from __future__ import annotations

from itertools import count
from typing import Any

_next_uid = count(1).__next__


class ResourceHandle:
    """Holds a variable's current value (replaced, never mutated, on assignment)."""

    __slots__ = ("_value", "uid", "dtype", "declared_shape", "__weakref__")

    def __init__(self, value: Any, dtype: Any, declared_shape: Any) -> None:
        self._value = value
        self.uid = _next_uid()  # creation order, which watched_variables() follows
        self.dtype = dtype
        self.declared_shape = declared_shape

    def __repr__(self) -> str:
        return f"<ResourceHandle #{self.uid} dtype={self.dtype.name}>"
