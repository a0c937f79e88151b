"""Dtypes an op's definition allows but no CPU kernel implements, and TensorFlow's NotFoundError for
them (the table is generated from TensorFlow's kernel registry, see conformance/gen_math_kernels.py)."""

from __future__ import annotations

from typing import Any

import numpy as np

from tfshim._engine.errors import NotFoundError, OpError
from tfshim.ops._missing_kernels import MISSING_KERNELS, PLACEHOLDER

_NONE: frozenset = frozenset()


def missing(op_name: str) -> frozenset:
    """The NumPy dtypes for which `op_name` has no CPU kernel (empty if it has them all)."""
    entry = MISSING_KERNELS.get(op_name)
    if entry is None:
        return _NONE
    return frozenset(np.dtype(name) for name in entry[0])


def not_found(op_name: str, np_dtype: np.dtype, name: str = "") -> NotFoundError:
    """TensorFlow's error for running `op_name` on a dtype it has no CPU kernel for (`name`: the op
    name TF's Python wrapper passed, which ends the message)."""
    names, enums, template = MISSING_KERNELS[op_name]
    enum = enums[names.index(np.dtype(np_dtype).name)]
    return NotFoundError(None, None, template.replace(PLACEHOLDER, enum) + name)


_SEQUENCES = (list, tuple, range)


def fallback_error(error: Exception, *args: Any) -> Exception:
    """TF's generated op wrappers hand Python sequences to a slower conversion path, whose op errors
    end at `[Op:X]` rather than `[Op:X] name: `. Returns `error`, trimmed if any of `args` is one."""
    if isinstance(error, OpError):
        for a in args:
            if type(a) in _SEQUENCES:
                message = error._message
                if message.endswith(" name: "):
                    error._message = message[:-7]
                break
    return error
