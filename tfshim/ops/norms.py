"""Norms and normalisation: tf.norm (vector and matrix norms), tf.nn.l2_loss, tf.nn.moments and
tf.math.l2_normalize, composed from the same ops TensorFlow composes them from, so gradients match
op for op: the euclidean norm is sqrt(sum(x * conj(x))) (NaN gradient at the origin), l2_normalize
is x * rsqrt(max(sum(x^2), epsilon)) (gradient 1/sqrt(epsilon) at the origin), the matrix 2-norm
the largest singular value (tf.linalg.svd with compute_uv=False).
"""

from __future__ import annotations

from typing import Any

import numpy as np

from tfshim._engine.registry import execute, kernel, op_def
from tfshim._engine.tensor import EagerTensor
from tfshim.ops import _args
from tfshim.ops.reductions import _error_name, _np_sum, check_dtype

_L2_LOSS = op_def("L2Loss")

_SUPPORTED_MATRIX_NORMS = ["euclidean", "fro", 1, 2, np.inf]
_SUPPORTED_VECTOR_NORMS = ["euclidean", 1, 2, np.inf]


# -- tf.norm -----------------------------------------------------------------------------------
def norm(tensor: Any, ord: Any = "euclidean", axis: Any = None, keepdims: Any = None, name: Any = None) -> EagerTensor:
    """`tf.norm` / `tf.linalg.norm`: a vector norm (`axis` None or an int; `ord` 'euclidean', 1, 2,
    np.inf or any p > 0) or a matrix norm (`axis` a pair; `ord` 'euclidean', 'fro', 1, 2 or np.inf)."""
    from tfshim.ops.arithmetic import multiply, pow
    from tfshim.ops.complex_ops import conj
    from tfshim.ops.reductions import reduce_max, reduce_sum
    from tfshim.ops.shape_ops import squeeze
    from tfshim.ops.unary_math import abs, sqrt

    if keepdims is None:
        keepdims = False
    is_matrix_norm = isinstance(axis, (tuple, list)) and len(axis) == 2
    if is_matrix_norm:
        axis = tuple(axis)
        if not isinstance(axis[0], int) or not isinstance(axis[1], int) or axis[0] == axis[1]:
            raise ValueError(f"'axis' must be None, an integer, or a tuple of 2 unique integers, got {axis}")
        if ord not in _SUPPORTED_MATRIX_NORMS:
            raise ValueError(f"'ord' must be a supported matrix norm in {_SUPPORTED_MATRIX_NORMS}, got {ord}")
    else:
        if not (isinstance(axis, int) or axis is None):
            raise ValueError(f"'axis' must be None, an integer, or a tuple of 2 unique integers, got {axis}")
        if (not np.isreal(ord) or ord <= 0) and ord not in _SUPPORTED_VECTOR_NORMS:
            raise ValueError(f"'ord' must be a supported vector norm, got {ord}")
        if axis is not None:
            axis = (axis,)

    x = _args.tensor(tensor)
    if ord in ["fro", "euclidean", 2, 2.0]:
        if is_matrix_norm and ord in [2, 2.0]:
            result = _matrix_2_norm(x, axis)
        else:
            result = sqrt(reduce_sum(multiply(x, conj(x)), axis, keepdims=True))
    else:
        result = abs(x)
        if ord == 1:
            sum_axis = None if axis is None else axis[0]
            result = reduce_sum(result, sum_axis, keepdims=True)
            if is_matrix_norm:
                result = reduce_max(result, axis[-1], keepdims=True)
        elif ord == np.inf:
            if is_matrix_norm:
                result = reduce_sum(result, axis[1], keepdims=True)
            max_axis = None if axis is None else axis[0]
            result = reduce_max(result, max_axis, keepdims=True)
        else:  # general p-norms, p > 0
            result = pow(reduce_sum(pow(result, ord), axis, keepdims=True), 1.0 / ord)
    if not keepdims:
        result = squeeze(result, axis)
    return result


def _matrix_2_norm(x: EagerTensor, axis: tuple) -> EagerTensor:
    """The largest singular value over the two axes, which are moved last for the SVD."""
    from tfshim.ops.decompositions import svd
    from tfshim.ops.reductions import reduce_max
    from tfshim.ops.shape_ops import expand_dims, transpose
    from tfshim.ops.unary_math import abs

    rank = x._value.ndim
    positive_axis = [a if a >= 0 else a + rank for a in axis]
    perm_before = [i for i in range(rank) if i not in positive_axis] + positive_axis
    perm_after = [perm_before.index(i) for i in range(rank)]
    permed = transpose(x, perm_before)
    singular_values = svd(permed, compute_uv=False)
    matrix_2_norm = expand_dims(reduce_max(abs(singular_values), axis=-1, keepdims=True), axis=-1)
    return transpose(matrix_2_norm, perm_after)


# -- l2_loss -----------------------------------------------------------------------------------
def l2_loss(t: Any, name: Any = None) -> EagerTensor:
    """`tf.nn.l2_loss`: sum(t ** 2) / 2, computed in `t`'s dtype (float16 overflows as in TF)."""
    x = _args.tensor(t)
    check_dtype(_L2_LOSS, x, _error_name(t, None, name))
    return execute(_L2_LOSS, (x,), kernel(_np_l2_loss, x._value))


def _np_l2_loss(value: np.ndarray) -> Any:
    halved = np.multiply(np.square(value), value.dtype.type(0.5))
    return _np_sum(np.asarray(halved), tuple(range(value.ndim)), False)


@_L2_LOSS.gradient
def _l2_loss_grad(op: Any, grad: Any) -> Any:
    from tfshim.ops.arithmetic import multiply

    return multiply(op.inputs[0], grad)


# -- moments -----------------------------------------------------------------------------------
def moments(x: Any, axes: Any, shift: Any = None, keepdims: bool = False, name: Any = None) -> tuple:
    """`tf.nn.moments`: (mean, variance) over `axes`. `shift` is accepted and ignored, as in TF.
    float16 inputs are reduced in float32 and cast back."""
    from tfshim._engine import dtypes as _dtypes
    from tfshim.ops.arithmetic import squared_difference
    from tfshim.ops.casting import cast
    from tfshim.ops.reductions import reduce_mean
    from tfshim.ops.shape_ops import squeeze, stop_gradient

    half = x.dtype == _dtypes.float16
    y = cast(x, _dtypes.float32) if half else x
    mean = reduce_mean(y, axes, keepdims=True, name="mean")
    # the variance about a constant mean: its gradient to the mean would be zero anyway
    variance = reduce_mean(squared_difference(y, stop_gradient(mean)), axes, keepdims=True, name="variance")
    if not keepdims:
        mean = squeeze(mean, axes)
        variance = squeeze(variance, axes)
    if half:
        return cast(mean, _dtypes.float16), cast(variance, _dtypes.float16)
    return mean, variance


# -- l2_normalize ------------------------------------------------------------------------------
def l2_normalize(x: Any, axis: Any = None, epsilon: float = 1e-12, name: Any = None, dim: Any = None) -> EagerTensor:
    """`tf.math.l2_normalize` / `tf.nn.l2_normalize`: x / sqrt(max(sum(x^2, axis), epsilon))."""
    from tfshim.ops.arithmetic import add, maximum, multiply
    from tfshim.ops.complex_ops import complex, imag, real
    from tfshim.ops.reductions import reduce_sum
    from tfshim.ops.unary_math import rsqrt, square

    if dim is not None:
        if axis is not None:
            raise ValueError("Cannot specify both 'dim' and 'axis'.")
        axis = dim
    x = _args.tensor(x)
    if x.dtype.is_complex:
        square_real = square(real(x))
        square_imag = square(imag(x))
        square_sum = real(reduce_sum(add(square_real, square_imag), axis, keepdims=True))
        x_inv_norm = rsqrt(maximum(square_sum, epsilon))
        norm_real = multiply(real(x), x_inv_norm)
        norm_imag = multiply(imag(x), x_inv_norm)
        return complex(norm_real, norm_imag)
    square_sum = reduce_sum(square(x), axis, keepdims=True)
    x_inv_norm = rsqrt(maximum(square_sum, epsilon))
    return multiply(x, x_inv_norm)
