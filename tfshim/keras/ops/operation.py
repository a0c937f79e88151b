"""Keras operations on KerasTensors: `x / 255.0`, `keras.ops.add(x, y)` in a functional model.

In Keras, an op called on a KerasTensor creates an `Operation` (not a Layer): a graph node named
after the op's class (`true_divide`, `add`, `multiply`; the names share the layers' counter), shown
by `summary()` and run by the functional model, but not listed in `model.layers`. tfshim has no graph
tracing: the output's shape and dtype come from running the op on ones (unknown dimensions as 2
and as 3, the dimensions that differ are None).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import tfshim as tf
from tfshim.keras.backend.core import standardize_dtype
from tfshim.keras.backend.global_state import auto_name
from tfshim.keras.backend.keras_tensor import KerasTensor
from tfshim.keras.layers.node import Node

_PROBE_SIZES = (2, 3)


class Operation:
    """One symbolic use of a Keras op: `fn` applied to the node's arguments."""

    _build_shapes = None

    def __init__(self, fn: Callable[..., Any], class_name: str) -> None:
        self._fn = fn
        self._class_name = class_name
        self.name = auto_name(class_name)
        self._inbound_nodes: list = []
        self._outbound_nodes: list = []

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        return self._fn(*args, **kwargs)

    def _compute_spec(self, args: tuple, kwargs: dict) -> Any:
        runs = []
        for size in _PROBE_SIZES:
            def concrete(x: Any, size: int = size) -> Any:
                if isinstance(x, KerasTensor):
                    return tf.ones(tuple(size if d is None else d for d in x.shape), dtype=x.dtype)
                return x

            runs.append(self._fn(*tf.nest.map_structure(concrete, args), **tf.nest.map_structure(concrete, kwargs)))

        def spec(a: Any, b: Any) -> Any:
            if not tf.is_tensor(a):
                return a
            shape_a, shape_b = tuple(a.shape.as_list()), tuple(b.shape.as_list())
            return KerasTensor(tuple(x if x == y else None for x, y in zip(shape_a, shape_b)),
                               standardize_dtype(a.dtype))

        return tf.nest.map_structure(spec, runs[0], runs[1])

    def symbolic_call(self, *args: Any, **kwargs: Any) -> Any:
        outputs = self._compute_spec(args, kwargs)
        Node(self, call_args=args, call_kwargs=kwargs, outputs=outputs)
        return outputs

    def __repr__(self) -> str:
        return f"<Operation name={self.name}>"


# `summary()` prints the op's Keras class name (`true_divide (TrueDivide)`).
def _class_for(class_name: str) -> type:
    cls = _CLASSES.get(class_name)
    if cls is None:
        cls = _CLASSES[class_name] = type(class_name, (Operation,), {})
    return cls


_CLASSES: dict[str, type] = {}


def symbolic(class_name: str, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
    """Applies `fn` symbolically: a new operation node whose outputs are KerasTensors."""
    op = _class_for(class_name)(fn, class_name)
    return op.symbolic_call(*args, **kwargs)


def any_symbolic(args: tuple, kwargs: dict) -> bool:
    for a in args:
        if isinstance(a, KerasTensor) or (isinstance(a, (list, tuple)) and any(isinstance(x, KerasTensor) for x in a)):
            return True
    return any(isinstance(v, KerasTensor) for v in kwargs.values())


def camel(name: str) -> str:
    """`true_divide` -> `TrueDivide`, Keras's op class names."""
    return re.sub(r"(?:^|_)([a-z0-9])", lambda m: m.group(1).upper(), name)
