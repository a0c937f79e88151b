"""`tf.name_scope`: in eager mode it only prefixes the names of variables created inside it."""

from __future__ import annotations

import threading
from typing import Any


class _Stack(threading.local):
    def __init__(self) -> None:
        self.names: list[str] = []


_stack = _Stack()


def current_prefix() -> str:
    """'outer/inner/' inside nested scopes, '' outside any."""
    return "".join(f"{n}/" for n in _stack.names if n)


class name_scope:  # noqa: N801 - TF's public name
    """`tf.name_scope(name)`: a context manager whose `__enter__` returns the full scope name."""

    def __init__(self, name: Any) -> None:
        if not isinstance(name, str):
            raise ValueError("name for name_scope must be a string.")
        self._name = name.rstrip("/")

    @property
    def name(self) -> str:
        return self._name

    def __enter__(self) -> str:
        _stack.names.append(self._name)
        return current_prefix()

    def __exit__(self, *exc: Any) -> None:
        _stack.names.pop()
