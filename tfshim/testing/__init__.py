"""Checking code against real TensorFlow: `tfshim.testing`.

* `assert_same_as_tensorflow(fn, *args, **kwargs)` runs `fn(tf, ...)` with both modules and compares.
* `tfshim.testing.strategies`: hypothesis strategies for dtypes, shapes, arrays and tensors.
* `tfshim.testing.pytest_plugin`: the `--tf-backend` option and the `tf` fixture.

Importing this package needs neither pytest, hypothesis nor TensorFlow.
"""

from __future__ import annotations

from typing import Any

from tfshim.testing.assertions import NotSameAsTensorFlow, assert_same_as_tensorflow
from tfshim.testing.compare import Difference, compare
from tfshim.testing.encode import encode

__all__ = ["Difference", "NotSameAsTensorFlow", "assert_same_as_tensorflow", "compare", "encode", "strategies"]


def __getattr__(name: str) -> Any:
    if name == "strategies":  # imports hypothesis, so only on demand
        import importlib

        return importlib.import_module("tfshim.testing.strategies")
    raise AttributeError(f"module 'tfshim.testing' has no attribute {name!r}")
