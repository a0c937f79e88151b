"""The few ops the engine itself needs (summing gradients, undoing broadcasting, densifying
IndexedSlices). The op library registers them at import, so the engine never imports it; running
them as ordinary ops is what lets an outer tape record a gradient computation.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any


class _VSpace:
    __slots__ = ("add_n", "reduce_sum", "reshape", "concat", "negative", "unsorted_segment_sum", "cast",
                 "stack", "zeros_like", "convert", "broadcast_to", "gather_row")

    def __getattr__(self, name: str) -> Callable[..., Any]:
        raise RuntimeError(f"tfshim's op library has not registered '{name}'; import tfshim first.")


ops = _VSpace()


def register(**fns: Callable[..., Any]) -> None:
    for name, fn in fns.items():
        setattr(ops, name, fn)
