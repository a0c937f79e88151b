"""Keras's name scopes: the path prefix given to variables (`stack/l1/kernel`).

Each scope also opens a `tf.name_scope`, as Keras's TensorFlow backend does, so the backing
`tf.Variable` is named `<path>:0`.
"""

from __future__ import annotations

from typing import Any

import tfshim as tf

_stack: list[name_scope] = []


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
        if self.deduplicate and _stack:
            top = _stack[-1]
            if self.caller is not None and top.caller is self.caller and top.name == self.name:
                return self
        _stack.append(self)
        self._pushed = True
        self._tf_scope = tf.name_scope(self.name)
        self._tf_scope.__enter__()
        return self

    def __exit__(self, *exc: Any) -> None:
        if self._pushed:
            self._pushed = False
            self._tf_scope.__exit__(*exc)
            if _stack:
                _stack.pop()


def current_path() -> str:
    """The '/'-joined names of the open scopes ('' outside any)."""
    if not _stack:
        return ""
    parts: list[str] = []
    for entry in _stack:
        if entry.override_parent is not None:
            parts = [p for p in entry.override_parent.split("/") if p]
        parts.append(entry.name)
    return "/".join(parts)
