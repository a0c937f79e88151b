"""`assert_same_as_tensorflow`: run one program on tfshim and on TensorFlow and compare the results."""

from __future__ import annotations

import unittest
from collections.abc import Callable
from typing import Any

from tfshim.testing.backends import TENSORFLOW_MISSING, load_tensorflow, load_tfshim
from tfshim.testing.compare import Difference, compare
from tfshim.testing.run import run_program


class NotSameAsTensorFlow(AssertionError):
    """tfshim's result differs from TensorFlow's; `.difference` says where and how."""

    def __init__(self, difference: Difference, label: str = "") -> None:
        self.difference = difference
        head = f"{label}: " if label else ""
        super().__init__(f"{head}tfshim differs from TensorFlow {difference}")


def assert_same_as_tensorflow(fn: Callable[..., Any], *args: Any, rtol: float | None = None,
                              atol: float | None = None, compare_message: bool = False,
                              **kwargs: Any) -> Any:
    """Runs `fn(tf, *args, **kwargs)` with TensorFlow and with tfshim and asserts the results match.

    Results are compared as nested structures: values (TensorFlow's assertAllClose tolerances by
    dtype, loosened by `rtol`/`atol`), dtypes, shapes, `None`-ness, Python scalar types, and, if `fn`
    raises, the exception class (and the message too with `compare_message=True`). Gradients are
    compared when `fn` returns them. The keyword names `rtol`, `atol` and `compare_message` are taken
    by this function; pass such arguments to `fn` with functools.partial.

    Raises `NotSameAsTensorFlow` (an AssertionError) describing the first difference. Skips (raises
    `unittest.SkipTest`, which pytest reports as a skip) when TensorFlow is not installed. Returns the
    encoded TensorFlow result.
    """
    tensorflow = load_tensorflow()
    if tensorflow is None:
        raise unittest.SkipTest(TENSORFLOW_MISSING)
    expected = run_program(fn, tensorflow, *args, **kwargs)
    got = run_program(fn, load_tfshim(), *args, **kwargs)
    difference = compare(expected, got, rtol=rtol, atol=atol, compare_message=compare_message)
    if difference is not None:
        raise NotSameAsTensorFlow(difference, getattr(fn, "__name__", ""))
    return expected
