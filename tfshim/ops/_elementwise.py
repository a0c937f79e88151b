"""Running a two-input elementwise kernel as TensorFlow's ops do: NumPy's broadcasting, TF's
"Incompatible shapes" error, and (for ops whose wrappers convert both arguments to one dtype) the
error form TF's fallback path gives."""

from __future__ import annotations

from typing import Any

from tfshim._engine.errors import OpError
from tfshim._engine.registry import OpDef, execute, quiet_numpy
from tfshim._engine.tensor import EagerTensor
from tfshim.ops import _args, _kernels


def binary(op: OpDef, fn: Any, x: EagerTensor, y: EagerTensor) -> EagerTensor:
    """`fn` on two tensors whose dtypes are already checked; records the op."""
    try:
        value = quiet_numpy.run(fn, x._value, y._value)
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
