"""Binary arithmetic: add, subtract, multiply, divide, pow, maximum/minimum, floor division and
modulo, squared difference, add_n, negation. Each op's gradient follows TensorFlow's math_grad.py
formula op for op (including the shortcuts it takes for inputs that need no gradient), so second
derivatives come back as zeros or None exactly where TensorFlow's do.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from tfshim._engine import dtypes as _dtypes
from tfshim._engine.errors import kernel_error
from tfshim._engine.registry import execute, kernel, op_def
from tfshim._engine.tensor import EagerTensor
from tfshim.ops import _args

_ADD = op_def("AddV2", broadcasting=True)
_ADD_STRINGS = op_def("Add", broadcasting=True)
_SUB = op_def("Sub", broadcasting=True)
_MUL = op_def("Mul", broadcasting=True)
_REALDIV = op_def("RealDiv", broadcasting=True)
_DIV_NO_NAN = op_def("DivNoNan", broadcasting=True)
_FLOORDIV = op_def("FloorDiv", broadcasting=True)
_FLOORMOD = op_def("FloorMod", broadcasting=True)
_POW = op_def("Pow", broadcasting=True)
_MAXIMUM = op_def("Maximum", broadcasting=True)
_MINIMUM = op_def("Minimum", broadcasting=True)
_SQUARED_DIFFERENCE = op_def("SquaredDifference", broadcasting=True)
_NEG = op_def("Neg")
_ADD_N = op_def("AddN")

_INTEGER_KINDS = "iu"


def _binary(op: Any, fn: Any, x: EagerTensor, y: EagerTensor) -> EagerTensor:
    try:
        value = kernel(fn, x._value, y._value)
    except ValueError:
        raise _args.incompatible_shapes(op, x, y) from None
    return execute(op, (x, y), value)


def _is_scalar(x: EagerTensor) -> bool:
    return x._value.ndim == 0


def _conj(x: Any) -> Any:
    from tfshim.ops.complex_ops import conj

    return conj(x)


# -- add / subtract ----------------------------------------------------------------------------
def add(x: Any, y: Any, name: Any = None) -> EagerTensor:
    """`tf.math.add`: the second argument is converted with the first one's dtype as a hint."""
    x = _args.tensor(x)
    if x._value.dtype == object:  # strings concatenate through the older Add op
        x, y = _args.hinted(_ADD_STRINGS, x, y)
        return _binary(_ADD_STRINGS, np.add, x, y)
    x, y = _args.hinted(_ADD, x, y)
    return _binary(_ADD, np.add, x, y)


def add_raw(x: EagerTensor, y: EagerTensor) -> EagerTensor:
    """AddV2 on two tensors already known to share a dtype (gradient rules use this)."""
    _args.same_dtype(_ADD, (x, y))
    return _binary(_ADD, np.add, x, y)


@_ADD.gradient
def _add_grad(op: Any, grad: Any) -> tuple:
    if 1 in op.skip_input_indices and _is_scalar(op.inputs[1]):
        return grad, None
    return grad, grad


_ADD_STRINGS.grad_fn = _add_grad


def subtract(x: Any, y: Any, name: Any = None) -> EagerTensor:
    """`tf.math.subtract`."""
    x, y = _args.match(_SUB, x, y)
    return _binary(_SUB, np.subtract, x, y)


@_SUB.gradient
def _sub_grad(op: Any, grad: Any) -> tuple:
    skip = op.skip_input_indices
    if 1 in skip and _is_scalar(op.inputs[1]):
        return grad, None
    return (None if 0 in skip else grad), (None if 1 in skip else negative(grad))


# -- multiply ----------------------------------------------------------------------------------
def multiply(x: Any, y: Any, name: Any = None) -> EagerTensor:
    """`tf.math.multiply`."""
    x, y = _args.match(_MUL, x, y)
    return _binary(_MUL, np.multiply, x, y)


@_MUL.gradient
def _mul_grad(op: Any, grad: Any) -> tuple:
    x, y = op.inputs
    skip = op.skip_input_indices
    if 1 in skip and _is_scalar(y):
        return multiply(grad, _conj(y)), None
    gx = None if 0 in skip else multiply(grad, _conj(y))
    gy = None if 1 in skip else multiply(_conj(x), grad)
    return gx, gy


# -- division ----------------------------------------------------------------------------------
# The dtype `/` computes in, per input dtype (None: stays as is); bool is not in the table.
_TRUEDIV_TABLE = {
    _dtypes.uint8: _dtypes.float32, _dtypes.int8: _dtypes.float32, _dtypes.uint16: _dtypes.float32,
    _dtypes.int16: _dtypes.float32, _dtypes.uint32: _dtypes.float64, _dtypes.int32: _dtypes.float64,
    _dtypes.uint64: _dtypes.float64, _dtypes.int64: _dtypes.float64, _dtypes.bfloat16: None,
    _dtypes.float16: None, _dtypes.float32: None, _dtypes.float64: None, _dtypes.complex64: None,
    _dtypes.complex128: None}


def truediv(x: Any, y: Any, name: Any = None) -> EagerTensor:
    """`tf.math.truediv` (Python `/`): integers are divided as floats; dtypes must already agree."""
    from tfshim.ops.casting import cast

    x = _args.tensor(x)
    if type(y) is not EagerTensor:
        y = _args.convert_to_tensor(y, dtype_hint=x.dtype)
    x_dtype, y_dtype = x.dtype, y.dtype
    if x_dtype != y_dtype:
        raise TypeError(f"`x` and `y` must have the same dtype, got {x_dtype!r} != {y_dtype!r}.")
    try:
        target = _TRUEDIV_TABLE[x_dtype]
    except KeyError:
        allowed = ", ".join(repr(d) for d in _TRUEDIV_TABLE)
        raise TypeError(f"Invalid dtype {x_dtype!r} in __truediv__. Expected one of {{{allowed}}}.") from None
    if target is not None:
        x, y = cast(x, target), cast(y, target)
    return realdiv(x, y)


def divide(x: Any, y: Any, name: Any = None) -> EagerTensor:
    """`tf.math.divide`: like `x / y`, converting a non-tensor `x` to `y`'s dtype first."""
    if not isinstance(x, EagerTensor) and not getattr(x, "_is_variable", False):
        dtype = y.dtype if isinstance(y, EagerTensor) or getattr(y, "_is_variable", False) else None
        x = _args.convert_to_tensor(x, dtype=dtype)
    return truediv(x, y)


def realdiv(x: Any, y: Any, name: Any = None) -> EagerTensor:
    """`tf.realdiv`: elementwise division in the inputs' own dtype."""
    x, y = _args.match(_REALDIV, x, y)
    if x._value.dtype.kind in _INTEGER_KINDS and np.any(y._value == 0):
        raise kernel_error("RealDiv", "Integer division by zero")
    fn = _truncating_divide if x._value.dtype.kind in _INTEGER_KINDS else np.true_divide
    return _binary(_REALDIV, fn, x, y)


def _truncating_divide(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """Integer division rounding toward zero, as C (and TensorFlow's integer RealDiv) does."""
    q = np.floor_divide(x, y)
    return q + ((np.mod(x, y) != 0) & ((x < 0) != (y < 0)))


@_REALDIV.gradient
def _realdiv_grad(op: Any, grad: Any) -> tuple:
    cx, cy = _conj(op.inputs[0]), _conj(op.inputs[1])
    gx = realdiv(grad, cy)
    gy = multiply(grad, realdiv(realdiv(negative(cx), cy), cy))
    return gx, gy


def div_no_nan(x: Any, y: Any, name: Any = None) -> EagerTensor:
    """`tf.math.divide_no_nan`: 0 wherever the divisor is 0."""
    x, y = _args.match(_DIV_NO_NAN, x, y)
    return _binary(_DIV_NO_NAN, _div_no_nan_kernel, x, y)


def _div_no_nan_kernel(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    out = np.true_divide(x, np.where(y == 0, 1, y))
    return np.where(y == 0, np.zeros_like(out), out)


@_DIV_NO_NAN.gradient
def _div_no_nan_grad(op: Any, grad: Any) -> tuple:
    x, y = op.inputs
    gx = div_no_nan(grad, y)
    gy = multiply(grad, div_no_nan(div_no_nan(negative(x), y), y))
    return gx, gy


def floordiv(x: Any, y: Any, name: Any = None) -> EagerTensor:
    """`tf.math.floordiv` (Python `//`): floor(x / y); integer division by zero raises."""
    x, y = _args.match(_FLOORDIV, x, y)
    if x._value.dtype.kind in _INTEGER_KINDS:
        if np.any(y._value == 0):
            raise kernel_error("FloorDiv", "Integer division by zero")
        return _binary(_FLOORDIV, np.floor_divide, x, y)
    return _binary(_FLOORDIV, _float_floordiv, x, y)


def _float_floordiv(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    return np.floor(np.true_divide(x, y))


@_FLOORDIV.gradient
def _floordiv_grad(op: Any, grad: Any) -> tuple:
    return None, None  # TF registers an explicit (None, None): floor division cuts the gradient


def floormod(x: Any, y: Any, name: Any = None) -> EagerTensor:
    """`tf.math.floormod` (Python `%`): the remainder with the divisor's sign."""
    x, y = _args.match(_FLOORMOD, x, y)
    if x._value.dtype.kind in _INTEGER_KINDS and np.any(y._value == 0):
        raise kernel_error("FloorMod", "Integer division by zero")
    return _binary(_FLOORMOD, np.mod, x, y)


@_FLOORMOD.gradient
def _floormod_grad(op: Any, grad: Any) -> tuple:
    x, y = _conj(op.inputs[0]), _conj(op.inputs[1])
    return grad, multiply(grad, negative(floordiv(x, y)))


# -- pow -------------------------------------------------------------------------------------
def pow(x: Any, y: Any, name: Any = None) -> EagerTensor:
    """`tf.math.pow` (Python `**`)."""
    x, y = _args.match(_POW, x, y)
    if x._value.dtype.kind in _INTEGER_KINDS and np.any(y._value < 0):
        raise kernel_error("Pow", "Integers to negative integer powers are not allowed")
    return _binary(_POW, np.power, x, y)


@_POW.gradient
def _pow_grad(op: Any, grad: Any) -> tuple:
    from tfshim.ops import comparison, creation, selection, unary_math

    x, y = op.inputs
    cx, cy = _conj(x), _conj(y)
    skip = op.skip_input_indices
    one = EagerTensor(np.ones((), cy._value.dtype))
    if 1 in skip and _is_scalar(y):
        return multiply(multiply(grad, cy), pow(cx, subtract(cy, one))), None
    gx = None if 0 in skip else multiply(multiply(grad, cy), pow(cx, subtract(cy, one)))
    if 1 in skip:
        gy = None
    else:
        if x._value.dtype.kind == "c":
            mask = comparison.not_equal(cx, EagerTensor(np.zeros((), cx._value.dtype)))
        else:
            mask = comparison.greater(cx, EagerTensor(np.zeros((), cx._value.dtype)))
        safe_x = selection.where(mask, cx, creation.ones_like(x))
        log_x = selection.where(mask, unary_math.log(safe_x), creation.zeros_like(x))
        gy = multiply(multiply(grad, _conj(op.outputs[0])), log_x)
    return gx, gy


# -- maximum / minimum -----------------------------------------------------------------------
def maximum(x: Any, y: Any, name: Any = None) -> EagerTensor:
    """`tf.math.maximum`. Its gradient sends ties to the first argument."""
    x, y = _args.match(_MAXIMUM, x, y)
    return _binary(_MAXIMUM, np.maximum, x, y)


def minimum(x: Any, y: Any, name: Any = None) -> EagerTensor:
    """`tf.math.minimum`. Its gradient sends ties to the first argument."""
    x, y = _args.match(_MINIMUM, x, y)
    return _binary(_MINIMUM, np.minimum, x, y)


def _max_min_grad(op: Any, grad: Any, selector: Any) -> tuple:
    from tfshim.ops import creation, selection

    x, y = op.inputs
    skip = op.skip_input_indices
    zeros = creation.zeros_like(grad)
    xmask = selector(x, y)
    if 1 in skip and _is_scalar(y):
        return selection.where(xmask, grad, zeros), None
    gx = None if 0 in skip else selection.where(xmask, grad, zeros)
    gy = None if 1 in skip else selection.where(xmask, zeros, grad)
    return gx, gy


@_MAXIMUM.gradient
def _maximum_grad(op: Any, grad: Any) -> tuple:
    from tfshim.ops.comparison import greater_equal

    return _max_min_grad(op, grad, greater_equal)


@_MINIMUM.gradient
def _minimum_grad(op: Any, grad: Any) -> tuple:
    from tfshim.ops.comparison import less_equal

    return _max_min_grad(op, grad, less_equal)


# -- squared difference ----------------------------------------------------------------------
def squared_difference(x: Any, y: Any, name: Any = None) -> EagerTensor:
    """`tf.math.squared_difference`: (x - y)^2 elementwise."""
    x, y = _args.match(_SQUARED_DIFFERENCE, x, y)
    return _binary(_SQUARED_DIFFERENCE, _squared_difference_kernel, x, y)


def _squared_difference_kernel(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    d = np.subtract(x, y)
    return np.multiply(d, np.conj(d)) if d.dtype.kind == "c" else np.multiply(d, d)


@_SQUARED_DIFFERENCE.gradient
def _squared_difference_grad(op: Any, grad: Any) -> tuple:
    x, y = op.inputs
    skip = op.skip_input_indices
    two = EagerTensor(np.asarray(2.0, dtype=grad._value.dtype)[()])
    x_grad = multiply(multiply(two, grad), subtract(x, y))
    return (None if 0 in skip else x_grad), (None if 1 in skip else negative(x_grad))


# -- negation and sums -----------------------------------------------------------------------
def negative(x: Any, name: Any = None) -> EagerTensor:
    """`tf.math.negative` (unary `-`)."""
    x = _args.tensor(x)
    _args.check(_NEG, x)
    return execute(_NEG, (x,), kernel(np.negative, x._value))


@_NEG.gradient
def _neg_grad(op: Any, grad: Any) -> Any:
    return negative(grad)


def add_n(inputs: Any, name: Any = None) -> EagerTensor:
    """`tf.math.add_n`: the sum of a list of same-shape, same-dtype tensors."""
    from tfshim._engine.indexed_slices import IndexedSlices

    if not isinstance(inputs, (list, tuple)) or not inputs:
        raise ValueError("inputs must be an iterable of at least one Tensor/IndexedSlices with the same "
                         "dtype and shape")
    tensors = tuple(_args.convert_to_tensor(t) if isinstance(t, IndexedSlices) else _args.tensor(t)
                    for t in inputs)
    if len(tensors) == 1:
        from tfshim.ops.shape_ops import identity

        return identity(tensors[0])
    _args.same_dtype(_ADD_N, tensors)
    first = tensors[0]._value.shape
    for t in tensors[1:]:
        if t._value.shape != first:
            raise kernel_error("AddN", f"Inputs to operation AddN of type AddN must have the same size and "
                                       f"shape.  Input 0: {_args.shape_text(first)} != input "
                                       f"{tensors.index(t)}: {_args.shape_text(t._value.shape)}")
    total = tensors[0]._value
    for t in tensors[1:]:
        total = kernel(np.add, total, t._value)
    return execute(_ADD_N, tensors, total)


@_ADD_N.gradient
def _add_n_grad(op: Any, grad: Any) -> tuple:
    return (grad,) * len(op.inputs)


def scalar_mul(scalar: Any, x: Any, name: Any = None) -> EagerTensor:
    """`tf.math.scalar_mul`: multiplies by a scalar converted to `x`'s dtype."""
    x = _args.tensor(x)
    scalar = _args.convert_to_tensor(scalar, dtype=x.dtype)
    if scalar._value.ndim != 0:
        raise ValueError(f"`scalar` must be a 0-D Tensor or a Python scalar. Received shape {scalar.shape}.")
    return multiply(scalar, x)
