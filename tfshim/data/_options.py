"""`tf.data.Options`: accepted and stored; nothing in tfshim's eager pipelines reads them."""

from __future__ import annotations

from typing import Any


class _OptionGroup:
    """A bag of option attributes (threading, optimization, ...), all None until set."""

    def __init__(self) -> None:
        object.__setattr__(self, "_values", {})

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_"):
            raise AttributeError(name)
        return self._values.get(name)

    def __setattr__(self, name: str, value: Any) -> None:
        self._values[name] = value


class Options:
    """`tf.data.Options()`: `deterministic`, `threading`, `optimization`, ... (no effect here)."""

    def __init__(self) -> None:
        self.deterministic = None
        self.experimental_deterministic = None
        self.threading = _OptionGroup()
        self.experimental_optimization = _OptionGroup()
        self.experimental_distribute = _OptionGroup()
        self.autotune = _OptionGroup()

    def merge(self, options: Options) -> Options:
        return options


class ThreadingOptions(_OptionGroup):
    pass
