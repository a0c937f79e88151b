"""Running a two-input elementwise kernel as TensorFlow's ops do: NumPy's broadcasting, TF's
"Incompatible shapes" error, and (for ops whose wrappers convert both arguments to one dtype) the
error form TF's fallback path gives. `fast_binary` gives the hot ops a short path for the case
gradient code runs all the time."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

import numpy as np

from tfshim._engine import tape as _tape
from tfshim._engine.errors import OpError
from tfshim._engine.registry import OpDef, execute, quiet_numpy
from tfshim._engine.tensor import EagerTensor, blank
from tfshim.ops import _args, _kernels

_REAL_FLOATS = frozenset(np.dtype(t) for t in (np.float16, np.float32, np.float64))
_state = _tape.state
_record = _tape.record
_run = quiet_numpy.run


def binary(op: OpDef, fn: Any, x: EagerTensor, y: EagerTensor) -> EagerTensor:
    """`fn` on two tensors whose dtypes are already checked; records the op."""
    try:
        value = _run(fn, x._value, y._value)
    except ValueError:
        raise _args.incompatible_shapes(op, x, y) from None
    return execute(op, (x, y), value)


def matched_binary(op: OpDef, fn: Any, x: Any, y: Any) -> EagerTensor:
    """A two-input op whose arguments TF converts to one dtype (`_args.match`): conversion, dtype
    checks, the kernel, and TF's fallback-path error form."""
    try:
        a, b = _args.match(op, x, y)
        return binary(op, fn, a, b)
    except OpError as e:
        raise _kernels.fallback_error(e, x, y) from None


def real_float_dtypes(op: OpDef) -> frozenset:
    """The real floating dtypes `op` has a kernel for: the ones its short paths may take."""
    allowed = op.allowed.get("T")
    return _REAL_FLOATS if allowed is None else _REAL_FLOATS & allowed[0]


def fast_binary(op: OpDef, fn: Callable[[Any, Any], Any]) -> Callable[[Callable], Callable]:
    """Decorator for a two-input op's entry point. Two tensors of one real floating dtype the op
    has a kernel for (what gradient code runs all the time), or such a tensor and a Python float or
    int that fits it (`x * 2.0`), go straight to the kernel `fn` and the tape; anything else -- other
    Python values, other dtypes, mixed dtypes, shapes that do not broadcast -- goes to the decorated
    function, which owns TensorFlow's conversions, checks and errors."""
    dtypes = real_float_dtypes(op)

    def decorate(general: Callable[..., EagerTensor]) -> Callable[..., EagerTensor]:
        _check_parameters(general, ("x", "y"))

        @functools.wraps(general)
        def call(x: Any, y: Any, name: Any = None) -> EagerTensor:
            if type(x) is EagerTensor:
                xv = x._value
                dtype = xv.dtype
                if type(y) is not EagerTensor and dtype in dtypes:
                    scalar = _args.python_scalar(y, dtype)  # (None: the general path decides)
                    if scalar is not None:
                        y = scalar
                if type(y) is EagerTensor and dtype is y._value.dtype and dtype in dtypes:
                    yv = y._value
                    try:
                        value = _run(fn, xv, yv)
                    except ValueError:  # shapes that do not broadcast: the general path raises TF's error
                        return general(x, y)
                    out = blank(EagerTensor)
                    out._value = value
                    if _state.active:
                        _record(op, (x, y), (out,), None)
                    return out
            return general(x, y) if name is None else general(x, y, name)

        return call

    return decorate


def fast_unary(op: OpDef, fn: Callable[[Any], Any]) -> Callable[[Callable], Callable]:
    """`fast_binary` for a one-input op: a tensor of a real floating dtype the op has a kernel for
    goes straight to `fn` and the tape; anything else to the decorated function."""
    dtypes = real_float_dtypes(op)

    def decorate(general: Callable[..., EagerTensor]) -> Callable[..., EagerTensor]:
        _check_parameters(general, ("x",))

        @functools.wraps(general)
        def call(x: Any, name: Any = None) -> EagerTensor:
            if type(x) is EagerTensor and x._value.dtype in dtypes:
                out = blank(EagerTensor)
                out._value = _run(fn, x._value)
                if _state.active:
                    _record(op, (x,), (out,), None)
                return out
            return general(x) if name is None else general(x, name)

        return call

    return decorate


def _check_parameters(general: Callable[..., Any], names: tuple) -> None:
    """The short path's wrapper takes `names` (and `name`): keyword calls need the general function's
    parameters to be called the same, unless they are positional-only."""
    code = general.__code__
    given = code.co_varnames[:code.co_argcount]
    if given[:len(names)] != names and code.co_posonlyargcount < len(names):
        raise TypeError(f"{general.__name__}{given}: a short path needs parameters named {names}")
