"""Binary arithmetic: add, subtract, multiply, the divisions (true, real, floor, truncating, no-NaN),
modulo, pow, maximum/minimum, squared difference, atan2, negation, add_n and scalar_mul.

Each op's gradient follows TensorFlow's math_grad.py formula op for op (including the shortcuts it
takes for inputs that need no gradient), so second derivatives come back as zeros or None exactly
where TensorFlow's do. Integer kernels raise TensorFlow's errors (division by zero, negative
powers) after the shapes are checked, as TensorFlow's kernels do.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from tfshim._engine import dtypes as _dtypes
from tfshim._engine.errors import InternalError, InvalidArgumentError, OpError, kernel_error
from tfshim._engine.indexed_slices import IndexedSlices
from tfshim._engine.registry import execute, kernel, op_def, quiet_numpy
from tfshim._engine.tensor import EagerTensor, Tensor
from tfshim.ops import _args, _kernels
from tfshim.ops._elementwise import binary as _binary
from tfshim.ops._elementwise import fast_binary, fast_unary, matched_binary, real_float_dtypes
from tfshim.ops._unrecorded import fused, one_kernel, unrecorded
from tfshim.ops.complex_ops import conj

_ADD = op_def("AddV2", broadcasting=True)
_ADD_STRINGS = op_def("Add", broadcasting=True)
_SUB = op_def("Sub", broadcasting=True)
_MUL = op_def("Mul", broadcasting=True)
_MUL_NO_NAN = op_def("MulNoNan", broadcasting=True)
_REALDIV = op_def("RealDiv", broadcasting=True)
_DIV_NO_NAN = op_def("DivNoNan", broadcasting=True)
_FLOORDIV = op_def("FloorDiv", broadcasting=True)
_FLOORMOD = op_def("FloorMod", broadcasting=True)
_TRUNCATEDIV = op_def("TruncateDiv", broadcasting=True)
_TRUNCATEMOD = op_def("TruncateMod", broadcasting=True)  # TF registers no gradient (LookupError)
_POW = op_def("Pow", broadcasting=True)
_MAXIMUM = op_def("Maximum", broadcasting=True)
_MINIMUM = op_def("Minimum", broadcasting=True)
_SQUARED_DIFFERENCE = op_def("SquaredDifference", broadcasting=True)
_ATAN2 = op_def("Atan2", broadcasting=True)
_NEG = op_def("Neg")
_ADD_N = op_def("AddN")

_REALDIV_MISSING = _kernels.missing("RealDiv")
_FLOORDIV_MISSING = _kernels.missing("FloorDiv")
_TRUNCATEDIV_MISSING = _kernels.missing("TruncateDiv")
_TRUNCATEMOD_MISSING = _kernels.missing("TruncateMod")

_INTEGER_KINDS = "iu"
_FLOAT_KINDS = "fc"


def _check_shapes(op: Any, x: EagerTensor, y: EagerTensor) -> bool:
    """Raises TF's error if the shapes do not broadcast; True if the result has elements."""
    try:
        shape = np.broadcast_shapes(x._value.shape, y._value.shape)
    except ValueError:
        raise _args.incompatible_shapes(op, x, y) from None
    return 0 not in shape


def _is_scalar(x: EagerTensor) -> bool:
    return x._value.ndim == 0


def _conj(x: Any) -> Any:
    """TF's gradients conjugate; for a real tensor that is the tensor itself."""
    return x if type(x) is EagerTensor and x._value.dtype.kind != "c" else conj(x)


def _is_tf_type(x: Any) -> bool:
    return isinstance(x, Tensor) or getattr(x, "_is_variable", False)


def _same_dtype_error(x: EagerTensor, y: EagerTensor, period: str = ".") -> TypeError:
    return TypeError(f"`x` and `y` must have the same dtype, got {x.dtype!r} != {y.dtype!r}{period}")


def _convert_named(value: Any, dtype: Any, name: str) -> EagerTensor:
    """`ops.convert_to_tensor(value, dtype, name=name)`: TF prefixes dtype-mismatch errors with the name."""
    try:
        return _args.convert_to_tensor(value, dtype=dtype)
    except ValueError as e:
        if isinstance(value, EagerTensor):
            raise ValueError(f"{name}: {e}") from None
        raise


# -- add / subtract ----------------------------------------------------------------------------
@fast_binary(_ADD, np.add)
def add(x: Any, y: Any, name: Any = None) -> EagerTensor:
    """`tf.math.add`: the second argument is converted with the first one's dtype as a hint."""
    x = _args.tensor(x)
    if x._value.dtype == object:  # strings concatenate through the older Add op
        x, y = _args.hinted(_ADD_STRINGS, x, y)
        return _binary(_ADD_STRINGS, _string_add, x, y)
    x, y = _args.hinted(_ADD, x, y)
    return _binary(_ADD, np.add, x, y)


def _string_add(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """Concatenation of object arrays of bytes (NumPy gives a bare `bytes` for 0-d inputs)."""
    return np.asarray(np.add(x, y), dtype=object)


@fast_binary(_ADD, np.add)
def add_raw(x: EagerTensor, y: EagerTensor) -> EagerTensor:
    """AddV2 on two tensors already known to share a dtype (gradient rules use this)."""
    _args.same_dtype(_ADD, (x, y))
    return _binary(_ADD, np.add, x, y)


def _same_shapes(x: EagerTensor, y: EagerTensor, grad: Any) -> bool:
    shape = x._value.shape
    return shape == y._value.shape and type(grad) is EagerTensor and grad._value.shape == shape


@_ADD.sparse_gradient
def _add_grad(op: Any, grad: Any) -> tuple:
    x, y = op.inputs
    skip = op.skip_input_indices
    if 1 in skip and _is_scalar(y):
        return grad, None  # (an IndexedSlices upstream stays one here, as in TF)
    if type(grad) is IndexedSlices:  # TF's eager rule sums it back to each input's shape: dense
        grad = _args.convert_to_tensor(grad)
    if _same_shapes(x, y, grad):
        return grad, grad
    return (None if 0 in skip else grad), (None if 1 in skip else grad)


_ADD_STRINGS.sparse_gradient(_add_grad)


@fast_binary(_SUB, np.subtract)
def subtract(x: Any, y: Any, name: Any = None) -> EagerTensor:
    """`tf.math.subtract`."""
    return matched_binary(_SUB, np.subtract, x, y)


@_SUB.sparse_gradient
def _sub_grad(op: Any, grad: Any) -> tuple:
    x, y = op.inputs
    skip = op.skip_input_indices
    if 1 in skip and _is_scalar(y):
        return grad, None  # (an IndexedSlices upstream stays one here, as in TF)
    if type(grad) is IndexedSlices:  # TF negates the slices, then sums each back to its input: dense
        gx = None if 0 in skip else _args.convert_to_tensor(grad)
        return gx, (None if 1 in skip else _args.convert_to_tensor(-grad))
    if _same_shapes(x, y, grad):
        return grad, negative(grad)
    return (None if 0 in skip else grad), (None if 1 in skip else negative(grad))


# -- multiply ----------------------------------------------------------------------------------
@fast_binary(_MUL, np.multiply)
def multiply(x: Any, y: Any, name: Any = None) -> EagerTensor:
    """`tf.math.multiply`."""
    return matched_binary(_MUL, _multiply_kernel, x, y)


@fast_binary(_MUL, np.multiply)
def mul_raw(x: EagerTensor, y: EagerTensor) -> EagerTensor:
    """Mul on two tensors (TF's gen_math_ops.mul inside gradient rules)."""
    x, y = _args.match(_MUL, x, y)
    return _binary(_MUL, _multiply_kernel, x, y)


def _multiply_kernel(x: Any, y: Any) -> Any:
    if x.dtype.kind != "c":
        return np.multiply(x, y)
    return complex_multiply(x, y)


def complex_multiply(x: Any, y: Any) -> Any:
    """x * y for complex arrays as TF's kernels compute it: the plain formula (NumPy's) for elements in
    whole SIMD packets of the flattened result, C's complex product (C99 Annex G, which recovers
    infinities that the plain formula turns into NaN) for the leftover tail."""
    product = np.multiply(x, y)
    size = np.size(product)
    start = size - size % _COMPLEX_PACKET[product.dtype]
    if start == size:
        return product
    x, y = np.broadcast_arrays(np.asarray(x), np.asarray(y))
    out = np.array(product, copy=True).reshape(-1)
    xs, ys = x.reshape(-1), y.reshape(-1)
    for i in range(start, size):
        if np.isnan(out[i].real) and np.isnan(out[i].imag):
            out[i] = _annex_g_product(xs[i], ys[i])
    out = out.reshape(np.shape(product))
    return out if out.ndim else out[()]


def _annex_g_product(u: Any, v: Any) -> Any:
    """C99 Annex G's recovery for a product that came out NaN+NaNj (libgcc's __mulsc3)."""
    a, b, c, d = u.real, u.imag, v.real, v.imag
    real_type = type(a)
    inf, one, zero = real_type(np.inf), real_type(1), real_type(0)
    recalc = False
    if np.isinf(a) or np.isinf(b):
        a, b = np.copysign(one if np.isinf(a) else zero, a), np.copysign(one if np.isinf(b) else zero, b)
        c, d = (np.copysign(zero, c) if np.isnan(c) else c), (np.copysign(zero, d) if np.isnan(d) else d)
        recalc = True
    if np.isinf(c) or np.isinf(d):
        c, d = np.copysign(one if np.isinf(c) else zero, c), np.copysign(one if np.isinf(d) else zero, d)
        a, b = (np.copysign(zero, a) if np.isnan(a) else a), (np.copysign(zero, b) if np.isnan(b) else b)
        recalc = True
    if not recalc and any(np.isinf(p) for p in (a * c, b * d, a * d, b * c)):
        a, b, c, d = (np.copysign(zero, t) if np.isnan(t) else t for t in (a, b, c, d))
        recalc = True
    if not recalc:
        return u * v
    return type(u)(complex(inf * (a * c - b * d), inf * (a * d + b * c)))


_run = quiet_numpy.run
_MUL_PLAIN_DTYPES = frozenset({np.dtype(np.int32), np.dtype(np.float32)})


@_MUL.gradient
def _mul_grad(op: Any, grad: Any) -> tuple:
    x, y = op.inputs
    yv = y._value
    if yv.ndim == 0 and 1 in op.skip_input_indices:
        return mul_raw(grad, _conj(y)), None
    if type(grad) is EagerTensor:
        g = grad._value
        if g.dtype in _MUL_PLAIN_DTYPES and g.shape == x._value.shape == yv.shape:  # TF's same-shape case
            if unrecorded(grad, x, y):  # (the two Mul kernels, without the op wrapper)
                return fused(np.multiply, g, yv), fused(np.multiply, g, x._value)
            return mul_raw(grad, y), mul_raw(grad, x)
    skip = op.skip_input_indices
    gx = None if 0 in skip else mul_raw(grad, _conj(y))
    gy = None if 1 in skip else mul_raw(_conj(x), grad)
    return gx, gy


def multiply_no_nan(x: Any, y: Any, name: Any = None) -> EagerTensor:
    """`tf.math.multiply_no_nan`: x * y, but 0 wherever y is 0 (even if x is NaN or infinite)."""
    x = _args.tensor(x)
    y = _convert_named(y, x.dtype, "y")
    if x._value.dtype != y._value.dtype:
        raise _same_dtype_error(x, y, period="")
    return _mul_no_nan(x, y)


def _mul_no_nan(x: EagerTensor, y: EagerTensor) -> EagerTensor:
    x, y = _args.match(_MUL_NO_NAN, x, y)
    return _binary(_MUL_NO_NAN, _mul_no_nan_kernel, x, y)


def _mul_no_nan_kernel(x: np.ndarray, y: np.ndarray) -> Any:
    product = np.multiply(x, y)
    return np.where(np.equal(y, 0), np.zeros_like(product), product)


@_MUL_NO_NAN.gradient
def _mul_no_nan_grad(op: Any, grad: Any) -> tuple:
    x, y = op.inputs
    return _mul_no_nan(grad, y), _mul_no_nan(x, grad)


# -- division ----------------------------------------------------------------------------------
# The dtype `/` computes in, per input dtype (None: stays as is); bool is not in the table.
_TRUEDIV_TABLE = {
    _dtypes.uint8: _dtypes.float32, _dtypes.int8: _dtypes.float32, _dtypes.uint16: _dtypes.float32,
    _dtypes.int16: _dtypes.float32, _dtypes.uint32: _dtypes.float64, _dtypes.int32: _dtypes.float64,
    _dtypes.uint64: _dtypes.float64, _dtypes.int64: _dtypes.float64, _dtypes.bfloat16: None,
    _dtypes.float16: None, _dtypes.float32: None, _dtypes.float64: None, _dtypes.complex64: None,
    _dtypes.complex128: None}
_TRUEDIV_NAMES = ", ".join(repr(d) for d in _TRUEDIV_TABLE)


def _division_dtype(x: EagerTensor, y: EagerTensor, where: str) -> Any:
    x_dtype, y_dtype = x.dtype, y.dtype
    if x_dtype != y_dtype:
        raise _same_dtype_error(x, y)
    try:
        return _TRUEDIV_TABLE[x_dtype]
    except KeyError:
        raise TypeError(f"Invalid dtype {x_dtype!r} in {where}. Expected one of {{{_TRUEDIV_NAMES}}}.") from None


def truediv(x: Any, y: Any, name: Any = None) -> EagerTensor:
    """`tf.math.truediv` (Python `/`): integers are divided as floats; dtypes must already agree."""
    from tfshim.ops.casting import cast

    x = _args.tensor(x)
    if type(y) is not EagerTensor:
        fast = _args.python_scalar(y, x._value.dtype)
        y = fast if fast is not None else _args.convert_to_tensor(y, dtype_hint=x.dtype)
    dtype = x._value.dtype
    if dtype.kind in _FLOAT_KINDS and dtype == y._value.dtype:  # nothing to cast
        return realdiv(x, y)
    target = _division_dtype(x, y, "__truediv__")
    if target is not None:
        x, y = cast(x, target), cast(y, target)
    return realdiv(x, y)


def divide(x: Any, y: Any, name: Any = None) -> EagerTensor:
    """`tf.math.divide`: like `x / y`, converting a non-tensor `x` to `y`'s dtype first (only when no
    `name` is given, as in TensorFlow)."""
    if name is not None:
        return truediv(x, y)
    if not _is_tf_type(x):
        x = _args.convert_to_tensor(x, dtype=y.dtype if _is_tf_type(y) else None)
    return x / y


def div(x: Any, y: Any, name: Any = None) -> EagerTensor:
    """`tf.compat.v1.div` (Python 2 division, the `__div__` operator): floor division for integers."""
    x = _args.tensor(x)
    y = _convert_named(y, x.dtype, "y")
    if x.dtype != y.dtype:
        raise _same_dtype_error(x, y)
    if x.dtype.is_floating or x.dtype.is_complex:
        return realdiv(x, y)
    return floordiv(x, y)


# Complex elements per SIMD packet in TF's CPU kernels (AVX2): Eigen divides full packets with its
# own scaled formula and the leftover tail with C's complex division, which treat 0 and inf apart.
_COMPLEX_PACKET = {np.dtype(np.complex64): 4, np.dtype(np.complex128): 2}


def complex_divide(x: Any, y: Any) -> Any:
    """x / y for complex arrays as TF's kernels compute it: Eigen's packet division (scaled by
    max(|re y|, |im y|), so a zero or infinite divisor gives NaN) for the elements that fill whole
    SIMD packets of the flattened result, C99 division (numpy's: 1/0 is inf+nanj) for the rest."""
    x, y = np.broadcast_arrays(np.asarray(x), np.asarray(y))
    plain = np.true_divide(x, y)
    size = plain.size
    packed = size - size % _COMPLEX_PACKET[plain.dtype]
    if not packed:
        return plain if plain.ndim else plain[()]
    a, c = x.reshape(-1)[:packed], y.reshape(-1)[:packed]
    cr, ci = c.real, c.imag
    scale = np.maximum(np.abs(cr), np.abs(ci))
    cr, ci = cr / scale, ci / scale
    denom = cr * cr + ci * ci
    out = plain.reshape(-1).copy()
    out.real[:packed] = (a.real * cr + a.imag * ci) / denom / scale
    out.imag[:packed] = (a.imag * cr - a.real * ci) / denom / scale
    out = out.reshape(plain.shape)
    return out if out.ndim else out[()]


def _divide_kernel(x: Any, y: Any) -> Any:
    return complex_divide(x, y) if x.dtype.kind == "c" else np.true_divide(x, y)


@fast_binary(_REALDIV, np.true_divide)
def realdiv(x: Any, y: Any, name: Any = None) -> EagerTensor:
    """`tf.realdiv`: elementwise division in the inputs' own dtype (no CPU kernel for integers)."""
    try:
        x_, y_ = _args.match(_REALDIV, x, y)
        if x_._value.dtype in _REALDIV_MISSING:
            raise _kernels.not_found("RealDiv", x_._value.dtype)
        return _binary(_REALDIV, _divide_kernel, x_, y_)
    except OpError as e:
        raise _kernels.fallback_error(e, x, y) from None


@_REALDIV.gradient
def _realdiv_grad(op: Any, grad: Any) -> tuple:
    cx, cy = _conj(op.inputs[0]), _conj(op.inputs[1])
    gx = realdiv(grad, cy)
    gy = multiply(grad, realdiv(realdiv(negative(cx), cy), cy))
    return gx, gy


def div_no_nan(x: Any, y: Any, name: Any = None) -> EagerTensor:
    """`tf.math.divide_no_nan`: 0 wherever the divisor is 0; integers are divided as floats."""
    from tfshim.ops.casting import cast

    if not _is_tf_type(x) and _is_tf_type(y):
        y = _args.tensor(y)
        x = _convert_named(x, y.dtype, "x")
    else:
        x = _args.tensor(x)
        if type(y) is not EagerTensor:
            y = _args.convert_to_tensor(y, dtype_hint=x.dtype)
    target = _division_dtype(x, y, "tf.math.divide_no_nan")
    if target is not None:
        x, y = cast(x, target), cast(y, target)
    return _div_no_nan(x, y)


def _div_no_nan(x: Any, y: Any) -> EagerTensor:
    x, y = _args.match(_DIV_NO_NAN, x, y)
    return _binary(_DIV_NO_NAN, _div_no_nan_kernel, x, y)


def _div_no_nan_kernel(x: np.ndarray, y: np.ndarray) -> Any:
    zero = np.equal(y, 0)
    out = _divide_kernel(x, np.where(zero, np.ones_like(y), y))
    return np.where(zero, np.zeros_like(out), out)


@_DIV_NO_NAN.gradient
def _div_no_nan_grad(op: Any, grad: Any) -> tuple:
    x, y = _conj(op.inputs[0]), _conj(op.inputs[1])
    gx = div_no_nan(grad, y)
    gy = multiply(grad, div_no_nan(div_no_nan(negative(x), y), y))
    return gx, gy


def reciprocal_no_nan(x: Any, name: Any = None) -> EagerTensor:
    """`tf.math.reciprocal_no_nan`: 1 / x, and 0 where x is 0."""
    x = _args.tensor(x)
    one = _args.convert_to_tensor(1, dtype=x.dtype)
    return _div_no_nan(one, x)


def _zero_divisor(op: Any, x: EagerTensor, y: EagerTensor, internal: bool = False) -> None:
    """TF's integer kernels fail when a divisor element they use is zero (FloorDiv/FloorMod with
    InvalidArgumentError, TruncateDiv/TruncateMod with an InternalError)."""
    if _check_shapes(op, x, y) and not np.all(y._value):
        if internal:
            raise kernel_error(op.name, "Unexpected error in binary operator (only integer div and mod should "
                                        "have errors)", cls=InternalError)
        raise kernel_error(op.name, "Integer division by zero")


def floordiv(x: Any, y: Any, name: Any = None) -> EagerTensor:
    """`tf.math.floordiv` (Python `//`): floor(x / y); integer division by zero raises."""
    try:
        x_, y_ = _args.match(_FLOORDIV, x, y)
        dtype = x_._value.dtype
        if dtype.kind in _INTEGER_KINDS:
            _zero_divisor(_FLOORDIV, x_, y_)
            return _binary(_FLOORDIV, np.floor_divide, x_, y_)
        if dtype in _FLOORDIV_MISSING:
            raise _kernels.not_found("FloorDiv", dtype)
        return _binary(_FLOORDIV, _float_floordiv, x_, y_)
    except OpError as e:
        raise _kernels.fallback_error(e, x, y) from None


def _float_floordiv(x: np.ndarray, y: np.ndarray) -> Any:
    return np.floor(np.true_divide(x, y))


@_FLOORDIV.gradient
def _floordiv_grad(op: Any, grad: Any) -> tuple:
    return None, None  # TF registers an explicit (None, None): floor division cuts the gradient


def floormod(x: Any, y: Any, name: Any = None) -> EagerTensor:
    """`tf.math.floormod` (Python `%`): the remainder with the divisor's sign."""
    try:
        x_, y_ = _args.match(_FLOORMOD, x, y)
        if x_._value.dtype.kind in _INTEGER_KINDS:
            _zero_divisor(_FLOORMOD, x_, y_)
            return _binary(_FLOORMOD, np.mod, x_, y_)
        return _binary(_FLOORMOD, _float_floormod, x_, y_)
    except OpError as e:
        raise _kernels.fallback_error(e, x, y) from None


def _float_floormod(x: np.ndarray, y: np.ndarray) -> Any:
    """TF's floor_fmod: C's fmod, moved into the divisor's sign when it is not zero (so -4 % 2 is -0)."""
    r = np.fmod(x, y)
    return np.where((r != 0) & ((y < 0) != (r < 0)), r + y, r)


@_FLOORMOD.gradient
def _floormod_grad(op: Any, grad: Any) -> tuple:
    x, y = _conj(op.inputs[0]), _conj(op.inputs[1])
    return grad, multiply(grad, negative(floordiv(x, y)))


def truncatediv(x: Any, y: Any, name: Any = None) -> EagerTensor:
    """`tf.truncatediv`: division rounding toward zero."""
    try:
        x_, y_ = _args.match(_TRUNCATEDIV, x, y)
        dtype = x_._value.dtype
        if dtype in _TRUNCATEDIV_MISSING:
            raise _kernels.not_found("TruncateDiv", dtype)
        if dtype.kind in _INTEGER_KINDS:
            _zero_divisor(_TRUNCATEDIV, x_, y_, internal=True)
            return _binary(_TRUNCATEDIV, _int_truncatediv, x_, y_)
        return _binary(_TRUNCATEDIV, _float_truncatediv, x_, y_)
    except OpError as e:
        raise _kernels.fallback_error(e, x, y) from None


def _int_truncatediv(x: np.ndarray, y: np.ndarray) -> Any:
    q = np.floor_divide(x, y)
    return q + ((np.mod(x, y) != 0) & ((x < 0) != (y < 0))).astype(q.dtype)


def _float_truncatediv(x: np.ndarray, y: np.ndarray) -> Any:
    return np.trunc(np.true_divide(x, y))


@_TRUNCATEDIV.gradient
def _truncatediv_grad(op: Any, grad: Any) -> tuple:
    return None, None


def truncatemod(x: Any, y: Any, name: Any = None) -> EagerTensor:
    """`tf.truncatemod`: the remainder with the dividend's sign (C's `%` and `fmod`). No gradient."""
    try:
        x_, y_ = _args.match(_TRUNCATEMOD, x, y)
        dtype = x_._value.dtype
        if dtype in _TRUNCATEMOD_MISSING:
            raise _kernels.not_found("TruncateMod", dtype)
        if dtype.kind in _INTEGER_KINDS:
            _zero_divisor(_TRUNCATEMOD, x_, y_, internal=True)
        return _binary(_TRUNCATEMOD, np.fmod, x_, y_)
    except OpError as e:
        raise _kernels.fallback_error(e, x, y) from None


# -- pow -------------------------------------------------------------------------------------
def _real_pow(x: np.ndarray, y: np.ndarray) -> Any:
    """np.power, but an integral scalar exponent raises |x| and restores the sign of odd powers: the same
    numbers (pow(-x, n) is +-pow(x, n) exactly), without libm's slow path for negative bases (20x)."""
    if y.ndim or x.ndim == 0:
        return np.power(x, y)
    n = float(y)
    if not n.is_integer() or abs(n) > 2.0**53:
        return np.power(x, y)
    if n == 2.0:  # x * x is the correctly rounded square, as pow's is
        return np.multiply(x, x)
    if n == 1.0:  # pow(x, 1) is x, exactly
        return np.positive(x)
    magnitude = np.power(np.abs(x), y)
    return np.copysign(magnitude, x) if n % 2 else magnitude


@fast_binary(_POW, _real_pow)
def pow(x: Any, y: Any, name: Any = None) -> EagerTensor:
    """`tf.math.pow` (Python `**`). Complex powers are exp(y * log(x)), as TensorFlow's kernel."""
    try:
        x_, y_ = _args.match(_POW, x, y)
        kind = x_._value.dtype.kind
        if kind in _INTEGER_KINDS:
            if _check_shapes(_POW, x_, y_) and np.any(y_._value < 0):
                raise kernel_error("Pow", "Integers to negative integer powers are not allowed")
            return _binary(_POW, np.power, x_, y_)
        if kind == "c":
            return _binary(_POW, _complex_pow, x_, y_)
        return _binary(_POW, _real_pow, x_, y_)
    except OpError as e:
        raise _kernels.fallback_error(e, x, y) from None


def _complex_pow(x: np.ndarray, y: np.ndarray) -> Any:
    return np.exp(np.multiply(y, np.log(x)))


def _np_pow_grad_x(grad: Any, x: Any, y: Any) -> Any:
    return np.multiply(np.multiply(grad, y), _real_pow(x, y - _ONE[y.dtype]))  # (y - 1: NumPy's Subtract)


_ONE = {d: d.type(1) for d in (np.dtype(np.float32), np.dtype(np.float64))}  # (the dtypes `unrecorded` passes)


@_POW.gradient
def _pow_grad(op: Any, grad: Any) -> tuple:
    x, y = op.inputs
    cx, cy = _conj(x), _conj(y)
    skip = op.skip_input_indices
    if 1 in skip and _is_scalar(y):
        return _pow_grad_x(grad, cx, cy), None
    gx = None if 0 in skip else _pow_grad_x(grad, cx, cy)
    if 1 in skip:
        return gx, None
    from tfshim.ops import comparison, creation, selection, unary_math

    zero = EagerTensor(np.zeros((), cx._value.dtype)[()])
    if x._value.dtype.kind == "c":
        mask = comparison.not_equal(cx, zero)
    else:
        mask = comparison.greater(cx, zero)
    safe_x = selection.where(mask, cx, creation.ones_like(x))
    log_x = selection.where(mask, unary_math.log(safe_x), creation.zeros_like(x))
    return gx, multiply(multiply(grad, _conj(op.outputs[0])), log_x)


def _pow_grad_x(grad: Any, cx: EagerTensor, cy: EagerTensor) -> EagerTensor:
    """grad * cy * cx**(cy - 1) (cx, cy: the conjugated inputs)."""
    done = one_kernel(_np_pow_grad_x, (grad, cx, cy))
    if done is not None:
        return done
    one = cy._value.dtype.type(1)
    y_minus_one = EagerTensor(_run(np.subtract, cy._value, one)) if unrecorded(cy) else subtract(cy, EagerTensor(one))
    return multiply(multiply(grad, cy), pow(cx, y_minus_one))


# -- maximum / minimum -----------------------------------------------------------------------
@fast_binary(_MAXIMUM, np.maximum)
def maximum(x: Any, y: Any, name: Any = None) -> EagerTensor:
    """`tf.math.maximum` (NaN propagates). Its gradient sends ties to the first argument."""
    return matched_binary(_MAXIMUM, np.maximum, x, y)


@fast_binary(_MINIMUM, np.minimum)
def minimum(x: Any, y: Any, name: Any = None) -> EagerTensor:
    """`tf.math.minimum` (NaN propagates). Its gradient sends ties to the first argument."""
    return matched_binary(_MINIMUM, np.minimum, x, y)


def _max_min_grad(op: Any, grad: Any, selector: Any) -> tuple:
    from tfshim.ops import creation, selection

    x, y = op.inputs
    skip = op.skip_input_indices
    if 1 in skip and _is_scalar(y):
        zeros = creation.zeros_like(grad)
        return selection.where(selector(x, y), grad, zeros), None
    zeros = creation.zeros_like(grad)
    xmask = selector(x, y)
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
    """`tf.math.squared_difference`: (x - y) * conj(x - y) elementwise."""
    return matched_binary(_SQUARED_DIFFERENCE, _squared_difference_kernel, x, y)


def _squared_difference_kernel(x: np.ndarray, y: np.ndarray) -> Any:
    d = np.subtract(x, y)
    return np.multiply(d, np.conj(d)) if d.dtype.kind == "c" else np.multiply(d, d)


@_SQUARED_DIFFERENCE.gradient
def _squared_difference_grad(op: Any, grad: Any) -> tuple:
    x, y = op.inputs
    skip = op.skip_input_indices
    x_grad = multiply(scalar_mul(2.0, grad), subtract(x, y))
    if _same_shapes(x, y, grad):
        return x_grad, negative(x_grad)
    return (None if 0 in skip else x_grad), (None if 1 in skip else negative(x_grad))


# -- atan2 -----------------------------------------------------------------------------------
def atan2(y: Any, x: Any, name: Any = None) -> EagerTensor:
    """`tf.math.atan2`: the angle of (x, y), elementwise."""
    return matched_binary(_ATAN2, np.arctan2, y, x)


@_ATAN2.gradient
def _atan2_grad(op: Any, grad: Any) -> tuple:
    from tfshim.ops.unary_math import square

    y, x = op.inputs
    grad_inv = truediv(grad, add(square(y), square(x)))
    return multiply(x, grad_inv), multiply(negative(y), grad_inv)


# -- negation and sums -----------------------------------------------------------------------
@fast_unary(_NEG, np.negative)
def negative(x: Any, name: Any = None) -> EagerTensor:
    """`tf.math.negative` (unary `-`)."""
    try:
        x_ = _args.tensor(x)
        _args.check(_NEG, x_)
        return execute(_NEG, (x_,), kernel(np.negative, x_._value))
    except OpError as e:
        raise _kernels.fallback_error(e, x) from None


@_NEG.sparse_gradient
def _neg_grad(op: Any, grad: Any) -> Any:
    if type(grad) is IndexedSlices:  # TF's `-grad`: the values negated, still sparse
        return -grad
    return negative(grad)


_ADD_N_MESSAGE = "Inputs must be an iterable of at least one Tensor/IndexedSlices with the same dtype and shape."


def add_n(inputs: Any, name: Any = None) -> Any:
    """`tf.math.add_n`: the sum of a list of same-shape, same-dtype tensors. A single input is returned
    as it is (densified if it is an IndexedSlices), as in TensorFlow."""
    if type(inputs) is list and len(inputs) > 1 and type(inputs[0]) is EagerTensor:  # the engine's case
        value = inputs[0]._value
        dtype, shape = value.dtype, value.shape
        if dtype in _ADD_N_FLOATS:
            for t in inputs:
                if type(t) is not EagerTensor or t._value.dtype is not dtype or t._value.shape != shape:
                    break
            else:
                return execute(_ADD_N, tuple(inputs), quiet_numpy.run(_sum_values, inputs))
    inputs = list(inputs)  # TF's dispatch iterates first: a non-iterable raises TypeError here
    if not inputs:
        raise ValueError(_ADD_N_MESSAGE)
    if len(inputs) > 1 and all(type(t) is EagerTensor for t in inputs):  # the engine's case: nothing to convert
        tensors = tuple(inputs)
    else:
        items = [t if isinstance(t, IndexedSlices) else _args.tensor(t) for t in inputs]
        if len(items) == 1:
            only = items[0]
            return _args.convert_to_tensor(only) if isinstance(only, IndexedSlices) else only
        tensors = tuple(_args.convert_to_tensor(t) if isinstance(t, IndexedSlices) else t for t in items)
    _args.same_dtype(_ADD_N, tensors)
    first = tensors[0]._value.shape
    for i in range(1, len(tensors)):
        shape = tensors[i]._value.shape
        if shape != first:
            raise InvalidArgumentError(
                None, None,
                f"{{{{function_node __wrapped__AddN_N_{len(tensors)}_device_/job:localhost/replica:0/task:0/device:"
                f"CPU:0}}}} Inputs to operation AddN of type AddN must have the same size and shape.  Input 0: "
                f"{_args.shape_text(first)} != input {i}: {_args.shape_text(shape)} [Op:AddN] name: ")
    return execute(_ADD_N, tensors, quiet_numpy.run(_sum_values, tensors))


_ADD_N_FLOATS = real_float_dtypes(_ADD_N)


def _sum_values(tensors: Any) -> Any:
    """Left to right, into one fresh buffer."""
    total = np.add(tensors[0]._value, tensors[1]._value)
    if len(tensors) > 2:
        if type(total) is not np.ndarray:  # scalars: no buffer to add into
            for t in tensors[2:]:
                total = np.add(total, t._value)
            return total
        for t in tensors[2:]:
            np.add(total, t._value, out=total)
    return total


@_ADD_N.sparse_gradient
def _add_n_grad(op: Any, grad: Any) -> tuple:
    return (grad,) * len(op.inputs)


def scalar_mul(scalar: Any, x: Any, name: Any = None) -> Any:
    """`tf.math.scalar_mul`: multiplies by a scalar converted to `x`'s dtype (IndexedSlices stay sparse)."""
    scalar = _args.convert_to_tensor(scalar, dtype=x.dtype)
    if scalar._value.ndim != 0:
        raise ValueError(f"The input scalar must be a 0-D value. Received shape {scalar.shape}.")
    if isinstance(x, IndexedSlices):
        return IndexedSlices(multiply(scalar, x.values), x.indices, x.dense_shape)
    return multiply(scalar, x)

