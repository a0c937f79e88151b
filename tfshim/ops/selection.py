"""`tf.where`: selecting between two tensors by a condition (SelectV2), or the coordinates of true
elements (Where). The selection's gradient routes the upstream to the chosen branch, which is why a
NaN or inf in the unselected branch still poisons the gradient, as in TensorFlow."""

from __future__ import annotations

from typing import Any

import numpy as np

from tfshim._engine.errors import kernel_error
from tfshim._engine.registry import execute, kernel, op_def
from tfshim._engine.tensor import EagerTensor
from tfshim.ops import _args

_SELECT_V2 = op_def("SelectV2", broadcasting=True)
_WHERE = op_def("Where", differentiable=False)


def where(condition: Any, x: Any = None, y: Any = None, name: Any = None) -> EagerTensor:
    """`tf.where`: elements of `x` where `condition` holds, else of `y` (all three broadcast); with
    only `condition`, the int64 coordinates of its true (non-zero) elements."""
    if x is None and y is None:
        cond = _args.tensor(condition)
        return execute(_WHERE, (cond,), kernel(_coordinates, cond._value))
    if x is None or y is None:
        raise ValueError("x and y must both be non-None or both be None.")
    cond = _args.convert_to_tensor(condition, dtype="bool") if type(condition) is not EagerTensor else condition
    if cond._value.dtype != np.bool_:
        raise _args.mismatch_error(_SELECT_V2, 0, np.dtype(np.bool_), cond._value.dtype)
    x, y = _args.match(_SELECT_V2, x, y, offset=1)
    try:
        value = kernel(np.where, cond._value, x._value, y._value)
    except ValueError:
        shapes = [_args.shape_text(t._value.shape) for t in (cond, x, y)]
        raise kernel_error("SelectV2", f"condition {shapes[0]}, then {shapes[1]}, and else {shapes[2]} must be "
                                       "broadcastable") from None
    if value.dtype != x._value.dtype:
        value = value.astype(x._value.dtype)
    return execute(_SELECT_V2, (cond, x, y), value)


def _coordinates(value: np.ndarray) -> np.ndarray:
    return np.argwhere(np.asarray(value)).astype(np.int64)


@_SELECT_V2.gradient
def _select_v2_grad(op: Any, grad: Any) -> tuple:
    c = op.inputs[0]
    zeros = EagerTensor(np.zeros((), grad._value.dtype))
    return None, where(c, grad, zeros), where(c, zeros, grad)
