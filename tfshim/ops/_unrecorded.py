"""One-kernel paths for gradient rules whose ops nothing records.

A gradient rule runs tfshim ops so that an outer tape can record them (that is what gives second
derivatives TensorFlow's structure). When nothing on this thread would record them -- no recording
tape tracks any tensor the rule computes with, and no forward accumulator, variable watcher or explain
mode (which see every op) is on -- and those tensors are all float32 or all float64, a rule may instead
compute its result with one NumPy function that makes the same NumPy calls, in the same order, as its
ops: the same numbers, without an op's overhead for every intermediate. Each such function sits right
beside the rule it stands for.
"""

from __future__ import annotations

import operator
from collections.abc import Callable
from typing import Any

from tfshim._engine import dtypes as _dtypes
from tfshim._engine import tape as _tape
from tfshim._engine.registry import quiet_numpy
from tfshim._engine.tensor import EagerTensor, blank

_PLAIN = _dtypes.SINGLE_DOUBLE_NP
_state = _tape.state
_run = quiet_numpy.run


def unrecorded(*tensors: Any) -> bool:
    """Whether a rule may take its one-kernel path: `tensors` (every tensor its ops consume) are
    EagerTensors of one plain float dtype, and nothing records ops on them (an op is recorded only when
    a tape tracks one of its inputs: see the module docstring)."""
    active = _state.active
    if active:  # (first: under a tape, the rule's tensors are usually tracked)
        tapes = _state.tapes
        if active != len(tapes):
            return False
        for tape in tapes:
            tracked = tape.tensors
            for t in tensors:
                if id(t) in tracked:
                    return False
    first = tensors[0]
    if type(first) is not EagerTensor:
        return False
    dtype = first._value.dtype
    if dtype not in _PLAIN:
        return False
    for t in tensors:  # one dtype: mixed dtypes make the ops raise TF's error, where NumPy would promote
        if type(t) is not EagerTensor or t._value.dtype is not dtype:
            return False
    return True


def fused(fn: Callable[..., Any], *args: Any) -> EagerTensor | None:
    """`fn(*args)` on arrays, with NumPy's floating-point warnings off (as every kernel runs). None
    when NumPy refuses the shapes: the rule's ops then raise TensorFlow's error."""
    try:
        value = _run(fn, *args)
    except ValueError:
        return None
    out = blank(EagerTensor)
    out._value = value
    return out


_array_of = operator.attrgetter("_value")


def one_kernel(fn: Callable[..., Any], tensors: tuple, *extra: Any) -> EagerTensor | None:
    """`fn(*arrays of tensors, *extra)` as one kernel when `unrecorded(*tensors)`; None otherwise, or
    when NumPy refuses the shapes (the rule's ops then run, and raise TensorFlow's error)."""
    if not unrecorded(*tensors):
        return None
    return fused(fn, *map(_array_of, tensors), *extra)
