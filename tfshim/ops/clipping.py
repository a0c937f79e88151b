"""Clipping: clip_by_value, clip_by_norm, global_norm and clip_by_global_norm, written op for op as
TensorFlow's clip_ops.py writes them, so their gradients (and second derivatives) come from the ops
they are built of: the bounds of clip_by_value count as inside (Minimum/Maximum send ties to the
clipped tensor), and a zero norm gives no NaN in clip_by_norm. TF's ClipByValue op, which
saturate_cast uses, is here too.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from tfshim._engine.errors import kernel_error
from tfshim._engine.indexed_slices import IndexedSlices
from tfshim._engine.registry import execute, kernel, op_def
from tfshim._engine.tensor import EagerTensor
from tfshim.ops import _args, _kernels
from tfshim.ops.arithmetic import maximum, minimum
from tfshim.ops.casting import cast
from tfshim.ops.creation import ones_like
from tfshim.ops.selection import where
from tfshim.ops.shape_ops import identity
from tfshim.ops.unary_math import sqrt

_CLIP_BY_VALUE = op_def("ClipByValue")
_CLIP_BY_VALUE_MISSING = _kernels.missing("ClipByValue")


def clip_by_value_op(t: Any, clip_value_min: Any, clip_value_max: Any, name: str = "") -> EagerTensor:
    """TF's ClipByValue op (gen_math_ops._clip_by_value, which saturate_cast uses): the bounds are
    scalars or have `t`'s shape; complex values are clipped part by part."""
    t, lo, hi = _args.match(_CLIP_BY_VALUE, t, clip_value_min, clip_value_max)
    dtype = t._value.dtype
    if dtype in _CLIP_BY_VALUE_MISSING:
        raise _kernels.not_found("ClipByValue", dtype, name)
    shape = t._value.shape
    if any(b._value.shape not in (shape, ()) for b in (lo, hi)):
        raise kernel_error("ClipByValue", "clip_value_min and clip_value_max must be either of the same shape as "
                                          f"input, or a scalar. input shape: {_args.shape_text(shape)}clip_value_min "
                                          f"shape: {_args.shape_text(lo._value.shape)}clip_value_max shape: "
                                          f"{_args.shape_text(hi._value.shape)}", name=name)
    return execute(_CLIP_BY_VALUE, (t, lo, hi), kernel(_clip_kernel, t._value, lo._value, hi._value))


def _clip_kernel(t: Any, lo: Any, hi: Any) -> Any:
    if np.iscomplexobj(t):
        out = np.empty(np.shape(t), dtype=t.dtype)
        out.real = _clip_kernel(np.real(t), np.real(lo), np.real(hi))
        out.imag = _clip_kernel(np.imag(t), np.imag(lo), np.imag(hi))
        return out if out.ndim else out[()]
    # std::min then std::max, as Eigen's cwiseMin/cwiseMax: a NaN bound is ignored, a NaN value kept
    low = np.where(hi < t, hi, t)
    out = np.where(low < lo, lo, low)
    return out.astype(np.result_type(t), copy=False)


@_CLIP_BY_VALUE.gradient
def _clip_by_value_op_grad(op: Any, grad: Any) -> tuple:
    from tfshim.ops.comparison import greater, less, logical_or
    from tfshim.ops.creation import zeros

    x, y, z = op.inputs
    zero = zeros(grad._value.shape, grad.dtype)
    xymask = less(x, y)
    xzmask = greater(x, z)
    xgrad = where(logical_or(xymask, xzmask), zero, grad)
    ygrad = where(xymask, grad, zero)
    zgrad = where(xzmask, grad, zero)
    return xgrad, _sum_to(ygrad, y), _sum_to(zgrad, z)


def _sum_to(grad: EagerTensor, like: EagerTensor) -> EagerTensor:
    """reshape(reduce_sum(grad, broadcast axes), shape): the bounds are scalars or full-shaped."""
    from tfshim.ops.reductions import reduce_sum
    from tfshim.ops.shape_ops import reshape

    if like._value.shape == grad._value.shape:
        return grad
    return reshape(reduce_sum(grad, list(range(grad._value.ndim))), like._value.shape)


def _values_of(t: Any) -> EagerTensor:
    return _args.convert_to_tensor(t.values if isinstance(t, IndexedSlices) else t)


def clip_by_value(t: Any, clip_value_min: Any, clip_value_max: Any, name: Any = None) -> Any:
    """`tf.clip_by_value`: minimum(t, max) then maximum(.., min); bounds that would broadcast the
    result beyond `t`'s shape raise ValueError, as in TensorFlow."""
    values = _values_of(t)
    t_min = minimum(values, clip_value_max)
    values.shape.assert_is_compatible_with(t_min.shape)
    t_max = maximum(t_min, clip_value_min)
    values.shape.assert_is_compatible_with(t_max.shape)
    if isinstance(t, IndexedSlices):
        return IndexedSlices(t_max, t.indices, t.dense_shape)
    return t_max


def clip_by_norm(t: Any, clip_norm: Any, axes: Any = None, name: Any = None) -> Any:
    """`tf.clip_by_norm`: t * clip_norm / max(l2norm(t), clip_norm) (a negative clip_norm counts as 0)."""
    from tfshim.ops.reductions import reduce_sum

    values = _values_of(t)
    if np.isscalar(clip_norm):
        if clip_norm < 0:
            clip_norm = 0
    else:
        clip_norm = cast(maximum(clip_norm, 0), dtype=values.dtype)
    l2sum = reduce_sum(values * values, axes, keepdims=True)
    pred = l2sum > 0
    l2sum_safe = where(pred, l2sum, ones_like(l2sum))  # the two-where trick: no NaN gradient at 0
    l2norm = where(pred, sqrt(l2sum_safe), l2sum)
    intermediate = values * clip_norm
    values.shape.assert_is_compatible_with(intermediate.shape)
    values_clip = identity(intermediate / maximum(l2norm, clip_norm))
    if isinstance(t, IndexedSlices):
        return IndexedSlices(values_clip, t.indices, t.dense_shape)
    return values_clip


def _tensor_list(t_list: Any) -> list:
    if not isinstance(t_list, Sequence) or isinstance(t_list, str):
        raise TypeError(f"`t_list` should be a sequence of tensors. Received {type(t_list)}.")
    return list(t_list)


def global_norm(t_list: Any, name: Any = None) -> EagerTensor:
    """`tf.linalg.global_norm`: sqrt(sum of squares of every entry of every tensor); None entries
    are skipped."""
    from tfshim.ops.array_ops import stack
    from tfshim.ops.norms import l2_loss
    from tfshim.ops.reductions import reduce_sum

    t_list = _tensor_list(t_list)
    values = [None if t is None else _values_of(t) for t in t_list]
    half_squared_norms = [l2_loss(v) for v in values if v is not None]
    half_squared_norm = reduce_sum(stack(half_squared_norms))
    two = _args.convert_to_tensor(2.0, dtype=half_squared_norm.dtype)
    return sqrt(half_squared_norm * two)


def clip_by_global_norm(t_list: Any, clip_norm: Any, use_norm: Any = None, name: Any = None) -> tuple:
    """`tf.clip_by_global_norm`: (each tensor scaled by clip_norm / max(global_norm, clip_norm),
    global_norm). None entries stay None; IndexedSlices stay IndexedSlices; an infinite or NaN
    norm makes every entry NaN."""
    t_list = _tensor_list(t_list)
    if use_norm is None:
        use_norm = global_norm(t_list, name)
    one = _args.convert_to_tensor(1.0, dtype=use_norm.dtype)
    scale_for_finite = clip_norm * minimum(1.0 / use_norm, one / clip_norm)
    scale = scale_for_finite + (use_norm - use_norm)  # NaN when use_norm is inf or NaN
    values = [None if t is None else _values_of(t) for t in t_list]
    clipped = [None if v is None else identity(v * cast(scale, v.dtype)) for v in values]
    list_clipped = [IndexedSlices(c, t.indices, t.dense_shape) if isinstance(t, IndexedSlices) else c
                    for c, t in zip(clipped, t_list)]
    return list_clipped, use_norm
