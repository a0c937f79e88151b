"""Keras's name scopes: the path prefix given to variables (`stack/l1/kernel`).

Each scope also opens a `tf.name_scope`, as Keras's TensorFlow backend does, so the backing
`tf.Variable` is named `<path>:0`.
"""

from __future__ import annotations

import threading
from typing import Any

import tfshim as tf


class _Stack(threading.local):
    def __init__(self) -> None:
        self.scopes: list[name_scope] = []


_thread = _Stack()


class name_scope:  # noqa: N801 - Keras's public name
    """`keras.name_scope(name, caller=None, deduplicate=True, override_parent=None)`."""

    __slots__ = ("name", "caller", "deduplicate", "override_parent", "_pushed", "_tf_scope")

    def __init__(self, name: str, caller: Any = None, deduplicate: bool = True,
                 override_parent: str | None = None) -> None:
        if not isinstance(name, str) or "/" in name:
            raise ValueError("Argument `name` must be a string and cannot contain character `/`. "
                             f"Received: name={name}")
        self.name = name
        self.caller = caller
        self.deduplicate = deduplicate
        if override_parent is None and deduplicate and caller is not None:
            override_parent = getattr(caller, "_parent_path", None)
        self.override_parent = override_parent
        self._pushed = False
        self._tf_scope: Any = None

    def __enter__(self) -> name_scope:
        stack = _thread.scopes
        if self.deduplicate and stack:
            top = stack[-1]
            if self.caller is not None and top.caller is self.caller and top.name == self.name:
                return self
        stack.append(self)
        self._pushed = True
        self._tf_scope = tf.name_scope(self.name)
        self._tf_scope.__enter__()
        return self

    def __exit__(self, *exc: Any) -> None:
        if self._pushed:
            self._pushed = False
            self._tf_scope.__exit__(*exc)
            stack = _thread.scopes
            if stack:
                stack.pop()


def current_path() -> str:
    """The '/'-joined names of the open scopes ('' outside any)."""
    stack = _thread.scopes
    if not stack:
        return ""
    parts: list[str] = []
    for entry in stack:
        if entry.override_parent is not None:
            parts = [p for p in entry.override_parent.split("/") if p]
        parts.append(entry.name)
    return "/".join(parts)
