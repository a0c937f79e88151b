"""Declaring conformance cases: programs written against a `tf` parameter.

    from conformance.case import case

    @case("tape", "gradient of x*x at 3")
    def square_at_three(tf):
        x = tf.constant(3.0)
        with tf.GradientTape() as t:
            t.watch(x)
            y = x * x
        return t.gradient(y, x)

A case returns any nesting of lists/tuples/dicts of tensors, variables, IndexedSlices, NumPy values,
Python scalars, strings and None. If it raises, the exception (class and message) is its result.
The same function runs on TensorFlow (to record) and on tfshim (to compare); it must not depend on
which module it gets, beyond what both provide. Random values must come from fixed NumPy seeds.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Case:
    area: str  # e.g. "tape", "unconnected", "math", "nn", "variables", "dtypes", "errors"
    name: str  # unique within the area; the recording is keyed by "area/name"
    fn: Callable[[Any], Any]
    tolerance: dict = field(default_factory=dict)  # optional {"rtol": ..., "atol": ...} override
    compare_message: bool = True  # compare exception messages too (core phrase), not only classes

    @property
    def key(self) -> str:
        return f"{self.area}/{self.name}"


REGISTRY: dict[str, Case] = {}


def case(area: str, name: str, *, rtol: float | None = None, atol: float | None = None,
         compare_message: bool = True) -> Callable[[Callable[[Any], Any]], Callable[[Any], Any]]:
    """Registers a conformance case; the decorated function is returned unchanged."""
    def register(fn: Callable[[Any], Any]) -> Callable[[Any], Any]:
        tolerance = {k: v for k, v in (("rtol", rtol), ("atol", atol)) if v is not None}
        entry = Case(area, name, fn, tolerance, compare_message)
        if entry.key in REGISTRY:
            raise ValueError(f"duplicate conformance case {entry.key}")
        REGISTRY[entry.key] = entry
        return fn

    return register


def attempt(fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
    """Calls `fn(*args, **kwargs)` and returns its result, or the exception it raised.

    Lets one case check several calls: `return [attempt(t.watch, 3.0), attempt(t.watch, None)]`.
    A returned exception is compared like a raised one (class, and message when compare_message).
    """
    try:
        return fn(*args, **kwargs)
    except Exception as exc:  # the exception is the result
        return exc
