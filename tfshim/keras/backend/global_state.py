"""Keras's process-wide state: name counters, and what `clear_session()` resets.

Other Keras modules that keep global state (the global SeedGenerator, the global dtype policy)
register a reset function with `on_clear_session`; `clear_session()` calls them in order.
"""

from __future__ import annotations

import collections
import re
from collections.abc import Callable

_uids: collections.defaultdict = collections.defaultdict(int)
_reset_hooks: list[Callable[[], None]] = []


def on_clear_session(fn: Callable[[], None]) -> Callable[[], None]:
    """Registers `fn` to run on every `clear_session()` (usable as a decorator)."""
    _reset_hooks.append(fn)
    return fn


def clear_session(free_memory: bool = True) -> None:
    """Resets the name counters and every registered piece of global Keras state; returns None."""
    _uids.clear()
    for fn in _reset_hooks:
        fn()


def to_snake_case(name: str) -> str:
    """Keras's snake_case: `ReLU` -> `re_lu`, `Conv3DBlock` -> `conv3d_block`."""
    name = re.sub(r"\W+", "", name)
    name = re.sub("(.)([A-Z][a-z]+)", r"\1_\2", name)
    return re.sub("([a-z])([A-Z])", r"\1_\2", name).lower()


def uniquify(name: str) -> str:
    """`name` the first time, then `name_1`, `name_2`, ... (one global counter per name)."""
    count = _uids[name]
    _uids[name] = count + 1
    return f"{name}_{count}" if count else name


def auto_name(prefix: str) -> str:
    return uniquify(to_snake_case(prefix))


def get_uid(prefix: str = "") -> int:
    """`keras.backend.get_uid`: 1, 2, ... per prefix."""
    _uids[prefix] += 1
    return _uids[prefix]
