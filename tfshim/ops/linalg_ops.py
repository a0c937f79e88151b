"""`tf.linalg`: transposes, diagonals and bands, tensordot, and the square-matrix ops (inverse,
determinants, solves, Cholesky), each with TensorFlow's gradient from its array_grad.py/linalg_grad.py.

Kernels follow TensorFlow's CPU kernels where their behaviour is visible: a partially pivoted LU decides
singularity (an exact zero or NaN pivot makes MatrixInverse/MatrixSolve raise "not invertible"), the
determinant is sign * exp(log|det|) from that LU, a failed Cholesky factorisation yields NaN in the lower
triangle instead of an error, and a triangular solve divides by a zero diagonal (inf) rather than raising.
Values come from NumPy/LAPACK and can differ from TensorFlow's Eigen kernels in the last bits.

TensorFlow appends ` name: <op name>` to a kernel error only when no argument had to go through its slow
conversion path (a Python list or tuple); these ops reproduce that.
"""

from __future__ import annotations

import collections
from typing import Any

import numpy as np

from tfshim._engine import dtypes as _dtypes
from tfshim._engine.convert import convert_to_tensor
from tfshim._engine.errors import InvalidArgumentError, NotFoundError, kernel_error
from tfshim._engine.registry import OpDef, execute, execute_multi, kernel, op_def
from tfshim._engine.tensor import EagerTensor
from tfshim.ops import _args

_BAND_PART = op_def("MatrixBandPart")
_DIAG = op_def("MatrixDiagV3")
_DIAG_PART = op_def("MatrixDiagPartV3")
_SET_DIAG = op_def("MatrixSetDiagV3")
_INVERSE = op_def("MatrixInverse")
_DET = op_def("MatrixDeterminant")
_LOGDET = op_def("LogMatrixDeterminant")
_SOLVE = op_def("MatrixSolve")
_TRI_SOLVE = op_def("MatrixTriangularSolve")
_CHOLESKY = op_def("Cholesky")

_HALF = ("float16", "bfloat16")


def _tensor(x: Any) -> EagerTensor:
    return x if type(x) is EagerTensor else convert_to_tensor(x)


def _slow(*raw: Any) -> bool:
    """True when TensorFlow would convert one of these arguments in its slow path (lists, tuples)."""
    return any(isinstance(r, (list, tuple)) for r in raw)


def _name(default: str, *raw: Any) -> str | None:
    return None if _slow(*raw) else default


def _shape(shape: tuple) -> str:
    return _args.shape_text(shape)


# Kernels TensorFlow registers on CPU for ops whose op definition allows more dtypes (float16 mostly):
# asking for another dtype raises NotFoundError listing these lines.
_CPU_KERNELS = {
    "MatrixDeterminant": ["device='CPU'; T in [DT_COMPLEX128]", "device='CPU'; T in [DT_COMPLEX64]",
                          "device='CPU'; T in [DT_DOUBLE]", "device='CPU'; T in [DT_FLOAT]"],
    "LogMatrixDeterminant": ["device='CPU'; T in [DT_COMPLEX128]", "device='CPU'; T in [DT_COMPLEX64]",
                             "device='CPU'; T in [DT_DOUBLE]", "device='CPU'; T in [DT_FLOAT]"],
    "Cholesky": ["device='XLA_CPU_JIT'; T in [DT_FLOAT, DT_DOUBLE, DT_COMPLEX64, DT_COMPLEX128, DT_HALF]",
                 "device='CPU'; T in [DT_COMPLEX128]", "device='CPU'; T in [DT_COMPLEX64]",
                 "device='CPU'; T in [DT_DOUBLE]", "device='CPU'; T in [DT_FLOAT]"],
    "MatrixSolve": ["device='XLA_CPU_JIT'; T in [DT_FLOAT, DT_DOUBLE, DT_HALF]", "device='CPU'; T in [DT_COMPLEX128]",
                    "device='CPU'; T in [DT_COMPLEX64]", "device='CPU'; T in [DT_DOUBLE]",
                    "device='CPU'; T in [DT_FLOAT]"],
    "MatrixTriangularSolve": [
        "device='XLA_CPU_JIT'; T in [DT_FLOAT, DT_DOUBLE, DT_COMPLEX64, DT_BFLOAT16, DT_COMPLEX128, DT_HALF]",
        "device='CPU'; T in [DT_DOUBLE]", "device='CPU'; T in [DT_FLOAT]", "device='CPU'; T in [DT_COMPLEX128]",
        "device='CPU'; T in [DT_COMPLEX64]"],
    "SelfAdjointEigV2": ["device='CPU'; T in [DT_FLOAT]", "device='CPU'; T in [DT_DOUBLE]",
                         "device='CPU'; T in [DT_COMPLEX64]", "device='CPU'; T in [DT_COMPLEX128]",
                         "device='XLA_CPU_JIT'; T in [DT_FLOAT, DT_DOUBLE, DT_COMPLEX64, DT_COMPLEX128, DT_HALF]"],
    "Svd": ["device='XLA_CPU_JIT'; T in [DT_FLOAT, DT_DOUBLE, DT_HALF]", "device='CPU'; T in [DT_FLOAT]",
            "device='CPU'; T in [DT_DOUBLE]", "device='CPU'; T in [DT_COMPLEX64]",
            "device='CPU'; T in [DT_COMPLEX128]"],
    "Lu": [f"device='CPU'; T in [DT_{t}]; output_idx_type in [DT_{i}]" for i in ("INT64", "INT32")
           for t in ("COMPLEX128", "COMPLEX64", "DOUBLE", "FLOAT")],
}
_CPU_TYPES = {"float32", "float64", "complex64", "complex128"}


def no_kernel(op: str, dtype: np.dtype, attrs: dict, name: str | None = "") -> NotFoundError:
    """TensorFlow's NotFoundError for a dtype its op definition allows but no CPU kernel implements."""
    parts = [f"T=DT_{_args.kernel_name(dtype).upper()}"]
    parts += [f"{k}={v}" for k, v in sorted(attrs.items())]
    lines = "\n".join(f"  {line}" for line in _CPU_KERNELS[op])
    message = (f"Could not find device for node: {{{{node {op}}}}} = {op}[{', '.join(parts)}]\n"
               f"All kernels registered for op {op}:\n{lines}\n [Op:{op}]")
    return NotFoundError(None, None, message if name is None else f"{message} name: {name}")


def _check_cpu(op: OpDef, x: EagerTensor, attrs: dict | None = None, name: str | None = "") -> None:
    _args.check(op, x)
    if x._value.dtype.name not in _CPU_TYPES:
        raise no_kernel(op.name, x._value.dtype, attrs or {}, name)


def _bool_text(flag: bool) -> str:
    return "true" if flag else "false"


# -- matrix_transpose / adjoint ----------------------------------------------------------------------
def matrix_transpose(a: Any, name: str = "matrix_transpose", conjugate: bool = False) -> EagerTensor:
    """`tf.linalg.matrix_transpose`: swaps the last two axes (conjugating when asked)."""
    from tfshim.ops.shape_ops import transpose

    a = _tensor(a)
    ndims = a._value.ndim
    if ndims < 2:
        raise ValueError("Argument `a` should be a (batch) matrix with rank >= 2.  Received `a` = "
                         f"{a} with shape: {a.shape}")
    perm = [*list(range(ndims - 2)), ndims - 1, ndims - 2]
    return transpose(a, perm=perm, conjugate=conjugate)


def adjoint(matrix: Any, name: Any = None) -> EagerTensor:
    """`tf.linalg.adjoint`: the conjugate transpose of the last two axes."""
    return matrix_transpose(matrix, conjugate=True)


# -- band_part -----------------------------------------------------------------------------------
_BAND_KERNEL_TYPES = {"bool", "complex128", "complex64", "float64", "float32", "bfloat16", "float16", "int32",
                      "int8", "uint8", "int16", "uint16", "uint32", "int64", "uint64"}


def band_part(input: Any, num_lower: Any, num_upper: Any, name: Any = None) -> EagerTensor:
    """`tf.linalg.band_part`: zeros outside the band of `num_lower` sub- and `num_upper`
    superdiagonals (a negative count keeps the whole triangle)."""
    raw = (input, num_lower, num_upper)
    x = _tensor(input)
    lower, upper = _index_pair(num_lower, num_upper)
    return _band_part(x, lower, upper, _name("", *raw))


def _index_pair(a: Any, b: Any) -> tuple:
    """MatrixBandPart's Tindex inputs: int32 or int64, default int64, matched to each other."""
    dtype = None
    for v in (a, b):
        if type(v) is EagerTensor:
            dtype = v.dtype
            break
    if dtype is None:
        dtype = _dtypes.int64
    a = a if type(a) is EagerTensor else convert_to_tensor(a, dtype)
    b = b if type(b) is EagerTensor else convert_to_tensor(b, dtype)
    _args.same_dtype(_BAND_PART, (a, b), attr="Tindex", offset=1)
    return a, b


def _band_part(x: EagerTensor, lower: EagerTensor, upper: EagerTensor, name: str | None = "") -> EagerTensor:
    v = x._value
    if v.dtype.name not in _BAND_KERNEL_TYPES:
        raise NotFoundError(None, None, f"Could not find device for node: {{{{node MatrixBandPart}}}} = "
                                        f"MatrixBandPart[T=DT_{x.dtype.name.upper()}, "
                                        f"Tindex=DT_{lower.dtype.name.upper()}] [Op:MatrixBandPart] name: ")
    if v.ndim < 2:
        raise kernel_error("MatrixBandPart", f"input must be at least 2-dim, received shape: {_shape(v.shape)}",
                           name=name)
    rows, cols = v.shape[-2], v.shape[-1]
    bounds = []
    for label, t, dim, what in (("num_lower", lower, rows, "rows"), ("num_upper", upper, cols, "columns")):
        if t._value.ndim != 0:
            raise kernel_error("MatrixBandPart", f"{label} must be scalar, got shape {_shape(t._value.shape)}",
                               name=None)
        n = int(t._value)
        if n > dim:
            raise kernel_error("MatrixBandPart", f"{label} must be negative or less or equal to number of "
                                                 f"{what} ({dim}) got: {n}", name=name)
        bounds.append(n)
    value = kernel(_band_kernel, v, bounds[0], bounds[1])
    return execute(_BAND_PART, (x, lower, upper), value)


def _band_mask(rows: int, cols: int, lower: int, upper: int) -> np.ndarray:
    i = np.arange(rows)[:, None]
    j = np.arange(cols)[None, :]
    keep = np.ones((rows, cols), dtype=bool)
    if lower >= 0:
        keep &= (i - j) <= lower
    if upper >= 0:
        keep &= (j - i) <= upper
    return keep


def _band_kernel(v: np.ndarray, lower: int, upper: int) -> np.ndarray:
    keep = _band_mask(v.shape[-2], v.shape[-1], lower, upper)
    return np.where(keep, v, np.zeros((), v.dtype))


@_BAND_PART.gradient
def _band_part_grad(op: Any, grad: Any) -> tuple:
    return _band_part(grad, op.inputs[1], op.inputs[2]), None, None


# -- diagonals: MatrixDiagV3, MatrixDiagPartV3, MatrixSetDiagV3 ---------------------------------------
_ALIGNS = ("LEFT_RIGHT", "RIGHT_LEFT", "LEFT_LEFT", "RIGHT_RIGHT")


def _align_error(op: OpDef, align: Any) -> InvalidArgumentError:
    allowed = ", ".join(f'"{a}"' for a in _ALIGNS)
    return InvalidArgumentError(None, None, f"Value for attr 'align' of \"{align}\" is not in the list of allowed "
                                            f"values: {allowed}\n\t; NodeDef: {{{{node {op.name}}}}}; "
                                            f"{op.summary} [Op:{op.name}]")


def _diag_index(op: str, k: Any, name: str | None) -> tuple:
    """(lower, upper) from the int32 input `k`, with the kernels' checks."""
    kt = k if type(k) is EagerTensor else convert_to_tensor(k, _dtypes.int32)
    values = np.asarray(kt._value).reshape(-1)
    if kt._value.ndim > 1:
        raise kernel_error(op, f"diag_index must be a scalar or vector, received shape: {_shape(kt._value.shape)}",
                           name=name)
    if kt._value.ndim == 1 and not 0 < values.size <= 2:
        raise kernel_error(op, f"diag_index must have only one or two elements, received {values.size} elements.",
                           name=name)
    lower = int(values[0])
    upper = int(values[-1])
    return kt, lower, upper


def _content(d: int, max_len: int, rows: int, cols: int, align: str) -> tuple:
    """(length, offset) of diagonal `d` inside its row of the packed diagonals array."""
    left_super = align.startswith("LEFT")
    left_sub = align.endswith("LEFT")
    left = (d >= 0 and left_super) or (d <= 0 and left_sub)
    length = min(rows + min(0, d), cols - max(0, d))
    return length, 0 if left else max_len - length


def matrix_diag(diagonal: Any, name: str = "diag", k: Any = 0, num_rows: Any = -1, num_cols: Any = -1,
                padding_value: Any = 0, align: str = "RIGHT_LEFT") -> EagerTensor:
    """`tf.linalg.diag`: batched (band) diagonal matrices from their diagonals."""
    if hasattr(diagonal, "dtype") and getattr(diagonal.dtype, "name", diagonal.dtype) == "bool":
        padding_value = bool(padding_value)
    raw = (diagonal, k, num_rows, num_cols, padding_value)
    diagonal, padding = _match_any(_DIAG, diagonal, padding_value)
    return _matrix_diag(diagonal, k, num_rows, num_cols, padding, align, _name(name, *raw))


def _match_any(op: OpDef, a: Any, b: Any) -> tuple:
    """TensorFlow's args_to_matching_eager for an op whose type attribute allows every dtype."""
    dtype = a.dtype if type(a) is EagerTensor else b.dtype if type(b) is EagerTensor else None
    if dtype is None:
        a = convert_to_tensor(a)
        dtype = a.dtype
    a = a if type(a) is EagerTensor else convert_to_tensor(a, dtype)
    b = b if type(b) is EagerTensor else convert_to_tensor(b, dtype)
    if a._value.dtype != b._value.dtype:
        raise _args.mismatch_error(op, 1, a._value.dtype, b._value.dtype)
    return a, b


def _int32(x: Any) -> EagerTensor:
    return x if type(x) is EagerTensor else convert_to_tensor(x, _dtypes.int32)


def _matrix_diag(diagonal: EagerTensor, k: Any, num_rows: Any, num_cols: Any, padding: EagerTensor, align: str,
                 name: str | None) -> EagerTensor:
    op = "MatrixDiagV3"
    if align not in _ALIGNS:
        raise _align_error(_DIAG, align)
    kt, lower, upper = _diag_index(op, k, name)
    rows_t, cols_t = _int32(num_rows), _int32(num_cols)
    rows, cols = int(np.asarray(rows_t._value).reshape(-1)[0]), int(np.asarray(cols_t._value).reshape(-1)[0])
    d = diagonal._value
    if d.ndim < 1:
        raise kernel_error(op, f"diagonal must be at least 1-dim, received shape: {_shape(d.shape)}", name=name)
    if lower > upper:
        raise kernel_error(op, f"lower_diag_index must not be larger than upper_diag_index: {lower} > {upper}",
                           name=name)
    num_diags = upper - lower + 1
    if num_diags > 1 and (d.ndim < 2 or d.shape[-2] != num_diags):
        raise kernel_error(op, "The number of diagonals provided in the input does not match the "
                               "lower_diag_index and upper_diag_index range.", name=name)
    max_len = d.shape[-1]
    min_rows = max_len - min(upper, 0)
    min_cols = max_len + max(lower, 0)
    if rows != -1 and rows < min_rows:
        raise kernel_error(op, "The number of rows is too small.", name=name)
    if cols != -1 and cols < min_cols:
        raise kernel_error(op, "The number of columns is too small.", name=name)
    if rows == -1 and cols == -1:
        rows = cols = max(min_rows, min_cols)
    elif rows == -1:
        rows = min_rows
    elif cols == -1:
        cols = min_cols
    if rows != min_rows and cols != min_cols:
        raise kernel_error(op, "The number of rows or columns is not consistent with the specified d_lower, "
                               "d_upper, and diagonal.", name=name)
    value = kernel(_diag_kernel, d, lower, upper, rows, cols, np.asarray(padding._value).reshape(-1)[0], align)
    attrs = {"lower": lower, "upper": upper, "rows": rows, "cols": cols, "align": align}
    return execute(_DIAG, (diagonal, kt, rows_t, cols_t, padding), value, attrs)


def _diag_kernel(d: np.ndarray, lower: int, upper: int, rows: int, cols: int, pad: Any, align: str) -> np.ndarray:
    num_diags = upper - lower + 1
    batch = d.shape[:-2] if num_diags > 1 else d.shape[:-1]
    max_len = d.shape[-1]
    out = np.full((*batch, rows, cols), pad, dtype=d.dtype)
    for n, diag_index in enumerate(range(upper, lower - 1, -1)):
        row = d[..., n, :] if num_diags > 1 else d
        length, offset = _content(diag_index, max_len, rows, cols, align)
        if length <= 0:
            continue
        i = np.arange(length)
        out[..., i + max(-diag_index, 0), i + max(diag_index, 0)] = row[..., offset:offset + length]
    return out


@_DIAG.gradient
def _matrix_diag_grad(op: Any, grad: Any) -> tuple:
    a = op.attrs
    padding = EagerTensor(np.zeros((), grad._value.dtype))
    return _matrix_diag_part(grad, op.inputs[1], padding, a["align"], ""), None, None, None, None


def matrix_diag_part(input: Any, name: str = "diag_part", k: Any = 0, padding_value: Any = 0,
                     align: str = "RIGHT_LEFT") -> EagerTensor:
    """`tf.linalg.diag_part`: the (band of) diagonals of the innermost matrices."""
    if hasattr(input, "dtype") and getattr(input.dtype, "name", input.dtype) == "bool":
        padding_value = bool(padding_value)
    raw = (input, k, padding_value)
    x, padding = _match_any(_DIAG_PART, input, padding_value)
    return _matrix_diag_part(x, k, padding, align, _name(name, *raw))


def _check_bounds(op: str, lower: int, upper: int, rows: int, cols: int, name: str | None, period: bool) -> None:
    if not (-rows < lower < cols or lower == 0):
        sep = ". " if period else " "
        raise kernel_error(op, f"lower_diag_index is out of bound: {lower}{sep}It must be between {-rows} and {cols}",
                           name=name)
    if not (-rows < upper < cols or upper == 0):
        raise kernel_error(op, f"upper_diag_index is out of bound: {upper} It must be between {-rows} and {cols}",
                           name=name)
    if lower > upper:
        raise kernel_error(op, f"lower_diag_index must not be larger than upper_diag_index: {lower} > {upper}",
                           name=name)


def _matrix_diag_part(x: EagerTensor, k: Any, padding: EagerTensor, align: str, name: str | None) -> EagerTensor:
    op = "MatrixDiagPartV3"
    if align not in _ALIGNS:
        raise _align_error(_DIAG_PART, align)
    kt, lower, upper = _diag_index(op, k, name)
    v = x._value
    if v.ndim < 2:
        raise kernel_error(op, f"input must be at least 2-dim, received shape: {_shape(v.shape)}", name=name)
    rows, cols = v.shape[-2], v.shape[-1]
    _check_bounds(op, lower, upper, rows, cols, name, period=True)
    value = kernel(_diag_part_kernel, v, lower, upper, np.asarray(padding._value).reshape(-1)[0], align)
    return execute(_DIAG_PART, (x, kt, padding), value, {"align": align})


def _diag_part_kernel(v: np.ndarray, lower: int, upper: int, pad: Any, align: str) -> np.ndarray:
    rows, cols = v.shape[-2], v.shape[-1]
    num_diags = upper - lower + 1
    max_len = max(min(rows + min(upper, 0), cols - max(lower, 0)), 0)
    out = np.full((*v.shape[:-2], num_diags, max_len), pad, dtype=v.dtype)
    for n, diag_index in enumerate(range(upper, lower - 1, -1)):
        length, offset = _content(diag_index, max_len, rows, cols, align)
        if length <= 0:
            continue
        i = np.arange(length)
        out[..., n, offset:offset + length] = v[..., i + max(-diag_index, 0), i + max(diag_index, 0)]
    return out if num_diags > 1 else out[..., 0, :]


@_DIAG_PART.gradient
def _matrix_diag_part_grad(op: Any, grad: Any) -> tuple:
    shape = op.inputs[0]._value.shape
    padding = EagerTensor(np.zeros((), grad._value.dtype))
    return (_matrix_diag(grad, op.inputs[1], shape[-2], shape[-1], padding, op.attrs["align"], ""), None, None)


def matrix_set_diag(input: Any, diagonal: Any, name: str = "set_diag", k: Any = 0,
                    align: str = "RIGHT_LEFT") -> EagerTensor:
    """`tf.linalg.set_diag`: the input with its (band of) diagonals replaced."""
    raw = (input, diagonal, k)
    x, d = _match_any(_SET_DIAG, input, diagonal)
    return _matrix_set_diag(x, d, k, align, _name(name, *raw))


def _matrix_set_diag(x: EagerTensor, d: EagerTensor, k: Any, align: str, name: str | None) -> EagerTensor:
    op = "MatrixSetDiagV3"
    if align not in _ALIGNS:
        raise _align_error(_SET_DIAG, align)
    kt, lower, upper = _diag_index(op, k, name)
    v, dv = x._value, d._value
    if v.ndim < 2:
        raise kernel_error(op, f"input must be at least 2-dim, received shape: {_shape(v.shape)}", name=name)
    if dv.ndim < 1:
        raise kernel_error(op, f"diagonal must be at least 1-dim, received shape: {_shape(dv.shape)}", name=name)
    rows, cols = v.shape[-2], v.shape[-1]
    _check_bounds(op, lower, upper, rows, cols, name, period=False)
    num_diags = upper - lower + 1
    if lower != upper and (dv.ndim < v.ndim - 1 or dv.shape[v.ndim - 2] != num_diags):
        raise kernel_error(op, "The number of diagonals provided in `diag` is not consistent with "
                               "`lower_diag_index` and `upper_diag_index`", name=name)
    max_len = min(rows + min(upper, 0), cols - max(lower, 0))
    expected = v.shape[:-2] + ((num_diags,) if num_diags > 1 else ()) + (max_len,)
    if dv.shape != expected:
        raise kernel_error(op, "Either first dimensions of diagonal don't match input.shape[:-2], or "
                               "diagonal.shape[:-1] is not equal to the longests diagonal in range "
                               f"[lower_diag_index:upper_diag_index].\nInput shape: {_shape(v.shape)}\n"
                               f"Diagonal shape: {_shape(dv.shape)}\nExpected diagonal shape: {_shape(expected)}",
                           name=name)
    value = kernel(_set_diag_kernel, v, dv, lower, upper, align)
    return execute(_SET_DIAG, (x, d, kt), value, {"align": align})


def _set_diag_kernel(v: np.ndarray, dv: np.ndarray, lower: int, upper: int, align: str) -> np.ndarray:
    out = v.copy()
    rows, cols = v.shape[-2], v.shape[-1]
    num_diags = upper - lower + 1
    max_len = dv.shape[-1]
    for n, diag_index in enumerate(range(upper, lower - 1, -1)):
        row = dv[..., n, :] if num_diags > 1 else dv
        length, offset = _content(diag_index, max_len, rows, cols, align)
        if length <= 0:
            continue
        i = np.arange(length)
        out[..., i + max(-diag_index, 0), i + max(diag_index, 0)] = row[..., offset:offset + length]
    return out


@_SET_DIAG.gradient
def _matrix_set_diag_grad(op: Any, grad: Any) -> tuple:
    diag_shape = op.inputs[1]._value.shape
    align = op.attrs["align"]
    zeros = EagerTensor(np.zeros(diag_shape, grad._value.dtype))
    padding = EagerTensor(np.zeros((), grad._value.dtype))
    return (_matrix_set_diag(grad, zeros, op.inputs[2], align, ""),
            _matrix_diag_part(grad, op.inputs[2], padding, align, ""), None)


def trace(x: Any, name: Any = None) -> EagerTensor:
    """`tf.linalg.trace`: the sum of the main diagonal of each innermost matrix."""
    from tfshim.ops.reductions import reduce_sum

    return reduce_sum(matrix_diag_part(x), [-1])


# -- tensordot -----------------------------------------------------------------------------------
def tensordot(a: Any, b: Any, axes: Any, name: Any = None) -> EagerTensor:
    """`tf.tensordot` (`tf.linalg.tensordot`): contraction over `axes`, reduced to one MatMul by
    transposes and reshapes, as in TensorFlow."""
    from tfshim.ops.matmul import matmul
    from tfshim.ops.shape_ops import reshape

    a = _tensor(a)
    b = _tensor(b)
    a_axes, b_axes = _tensordot_axes(a, axes)
    a_mat, a_free = _tensordot_reshape(a, a_axes)
    b_mat, b_free = _tensordot_reshape(b, b_axes, flipped=True)
    product = matmul(a_mat, b_mat)
    if list(product._value.shape) == a_free + b_free:
        return product
    return reshape(product, a_free + b_free)


def _tensordot_axes(a: EagerTensor, axes: Any) -> tuple:
    ndims = a._value.ndim
    if isinstance(axes, (int, np.integer)) and not isinstance(axes, bool):
        if axes < 0:
            raise ValueError(f"`axes` must be at least 0. Received: {axes}.")
        if axes > ndims:
            raise ValueError(f"`axes` must not be larger than the number of dimensions of tensor {a}.  "
                             f"Received {axes}, vs tensor dimensions {ndims}.")
        return list(range(ndims - axes, ndims)), list(range(axes))
    if isinstance(axes, (list, tuple)):
        if len(axes) != 2:
            raise ValueError(f"`axes` must be an integer or have length 2. Received {axes}.")
        a_axes, b_axes = axes[0], axes[1]
        if isinstance(a_axes, (int, np.integer)) and isinstance(b_axes, (int, np.integer)):
            a_axes, b_axes = [a_axes], [b_axes]
        if len(a_axes) != len(b_axes):
            raise ValueError(f"Different number of contraction axes `a` and `b`, {len(a_axes)} != {len(b_axes)}.")
        return list(a_axes), list(b_axes)
    t = axes if type(axes) is EagerTensor else convert_to_tensor(axes, _dtypes.int32)
    if t._value.ndim == 0:
        raise kernel_error("StridedSlice", "Attempting to slice scalar input.", name="strided_slice/")
    return [int(i) for i in np.atleast_1d(t._value[0])], [int(i) for i in np.atleast_1d(t._value[1])]


def _tensordot_reshape(x: EagerTensor, axes: list, flipped: bool = False) -> tuple:
    from tfshim.ops.shape_ops import reshape, transpose

    shape = list(x._value.shape)
    axes = [int(i) if i >= 0 else int(i) + len(shape) for i in axes]
    free = [i for i in range(len(shape)) if i not in axes]
    free_dims = [shape[i] for i in free]
    prod_free = int(np.prod([shape[i] for i in free]))
    prod_axes = int(np.prod([shape[i] for i in axes]))
    perm = axes + free if flipped else free + axes
    new_shape = [prod_axes, prod_free] if flipped else [prod_free, prod_axes]
    moved = transpose(x, perm) if perm != list(range(len(shape))) else x
    if list(moved._value.shape) != new_shape:
        moved = reshape(moved, new_shape)
    return moved, free_dims


# -- LU with partial pivoting (the kernels' singularity test) --------------------------------------------
def lu_factor(a: np.ndarray) -> tuple:
    """Batched partially pivoted LU in the input's precision: (LU packed, row permutation, swaps)."""
    lu = np.array(a, copy=True)
    n = lu.shape[-1]
    batch = lu.shape[:-2]
    perm = np.broadcast_to(np.arange(n), (*batch, n)).copy()
    swaps = np.zeros(batch, dtype=np.int64)
    flat = lu.reshape((-1, n, n))
    fperm = perm.reshape((-1, n))
    fswaps = swaps.reshape(-1)
    rows = np.arange(flat.shape[0])
    for k in range(n):
        col = np.abs(flat[:, k:, k])
        pivot = k + (np.argmax(col, axis=1) if col.size else np.zeros(flat.shape[0], dtype=np.int64))
        moved = pivot != k
        if moved.any():
            r = rows[moved]
            p = pivot[moved]
            tmp = flat[r, k, :].copy()
            flat[r, k, :] = flat[r, p, :]
            flat[r, p, :] = tmp
            tmp = fperm[r, k].copy()
            fperm[r, k] = fperm[r, p]
            fperm[r, p] = tmp
            fswaps[r] += 1
        piv = flat[:, k, k]
        if k + 1 < n:
            safe = np.where(piv == 0, np.ones((), flat.dtype), piv)
            factors = np.where((piv == 0)[:, None], np.zeros((), flat.dtype), flat[:, k + 1:, k] / safe[:, None])
            flat[:, k + 1:, k] = factors
            flat[:, k + 1:, k + 1:] -= factors[:, :, None] * flat[:, k, None, k + 1:]
    return flat.reshape(lu.shape), fperm.reshape(perm.shape), fswaps.reshape(swaps.shape)


def _pivots(a: np.ndarray) -> np.ndarray:
    lu, _, _ = lu_factor(a)
    return np.diagonal(lu, axis1=-2, axis2=-1)


def _invertible(a: np.ndarray) -> bool:
    """TensorFlow's test: every pivot of the LU has an absolute value > 0 (NaN fails)."""
    if a.size == 0:
        return True
    return bool(np.all(np.abs(_pivots(a)) > 0))


def _compute_dtype(v: np.ndarray) -> np.ndarray:
    return v.astype(np.float32) if v.dtype.name in _HALF else v


def _check_matrix_input(op: str, v: np.ndarray, name: str | None, index: int = 0) -> None:
    if v.ndim < 2:
        raise kernel_error(op, f"Input tensor {index} must have rank >= 2, got {v.ndim}", name=name)


def _check_square(op: str, v: np.ndarray, name: str | None) -> None:
    _check_matrix_input(op, v, name)
    if v.shape[-1] != v.shape[-2]:
        raise kernel_error(op, "Input matrix must be square.", name=name)


# -- inverse -------------------------------------------------------------------------------------
def inv(input: Any, adjoint: bool = False, name: Any = None) -> EagerTensor:
    """`tf.linalg.inv`: inverse (of the adjoint, if asked) of each innermost square matrix;
    InvalidArgumentError "Input is not invertible." when an LU pivot is exactly 0 or NaN."""
    raw = input
    x = _tensor(input)
    _args.check(_INVERSE, x)
    return _inverse(x, bool(adjoint), _name("", raw))


def _inverse(x: EagerTensor, adjoint: bool, name: str | None = "") -> EagerTensor:
    v = x._value
    _check_square("MatrixInverse", v, name)
    w = _compute_dtype(v)
    if adjoint:
        w = np.conj(np.swapaxes(w, -1, -2))
    if not _invertible(w):
        raise kernel_error("MatrixInverse", "Input is not invertible.", name=name)
    value = kernel(np.linalg.inv, w) if w.size else w.copy()
    return execute(_INVERSE, (x,), value.astype(v.dtype, copy=False), {"adjoint": adjoint})


@_INVERSE.gradient
def _inverse_grad(op: Any, grad: Any) -> Any:
    from tfshim.ops.arithmetic import negative
    from tfshim.ops.matmul import matmul

    ainv = op.outputs[0]
    adj = op.attrs["adjoint"]
    return negative(matmul(ainv, matmul(grad, ainv, adjoint_a=adj, adjoint_b=not adj), adjoint_a=not adj))


# -- determinants --------------------------------------------------------------------------------
def _slogdet_kernel(v: np.ndarray) -> tuple:
    """TensorFlow's SLogDet: sign = det(P) * prod(diag / |diag|), log|det| = sum(log|diag|)."""
    batch = v.shape[:-2]
    if v.shape[-1] == 0:
        return np.ones(batch, v.dtype), np.zeros(batch, np.abs(v).dtype).astype(v.dtype)
    lu, _, swaps = lu_factor(v)
    diag = np.diagonal(lu, axis1=-2, axis2=-1)
    mag = np.abs(diag)
    logabs = np.sum(np.log(mag), axis=-1)
    if v.dtype.kind == "c":
        unit = np.where(mag == 0, np.zeros((), v.dtype), diag / np.where(mag == 0, 1, mag))
    else:
        unit = np.sign(diag)
    sign = np.where(swaps % 2 == 1, -1, 1).astype(v.dtype) * np.prod(unit, axis=-1)
    return np.asarray(sign, v.dtype), np.asarray(logabs).astype(v.dtype)


def det(input: Any, name: Any = None) -> EagerTensor:
    """`tf.linalg.det`: sign * exp(log|det|) from a partially pivoted LU, as TensorFlow computes it."""
    raw = input
    x = _tensor(input)
    nm = _name("", raw)
    _check_cpu(_DET, x, name=nm)
    v = x._value
    _check_square("MatrixDeterminant", v, nm)
    sign, logabs = kernel(_slogdet_kernel, v)
    value = kernel(_det_from_slogdet, sign, logabs)
    return execute(_DET, (x,), np.asarray(value, v.dtype)[()])


@_DET.gradient
def _det_grad(op: Any, grad: Any) -> Any:
    from tfshim.ops.arithmetic import multiply
    from tfshim.ops.shape_ops import reshape

    a, c = op.inputs[0], op.outputs[0]
    a_adj_inv = _inverse(a, True)
    multipliers = reshape(multiply(grad, c), [*list(c._value.shape), 1, 1])
    return multiply(multipliers, a_adj_inv)


def slogdet(input: Any, name: Any = None) -> tuple:
    """`tf.linalg.slogdet`: (sign, log|det|). A singular matrix gives sign 0 (signed like the LU's
    pivot product) and log|det| -inf, as in TensorFlow."""
    raw = input
    x = _tensor(input)
    nm = _name("", raw)
    _check_cpu(_LOGDET, x, name=nm)
    v = x._value
    _check_square("LogMatrixDeterminant", v, nm)
    sign, logabs = kernel(_slogdet_kernel, v)
    return _SlogdetResult(*execute_multi(_LOGDET, (x,), (np.asarray(sign)[()], np.asarray(logabs)[()])))


def _det_from_slogdet(sign: np.ndarray, logabs: np.ndarray) -> np.ndarray:
    # exp in double precision, rounded once (as the C library's expf is correctly rounded)
    wide = np.complex128 if logabs.dtype.kind == "c" else np.float64
    return (sign.astype(wide) * np.exp(logabs.astype(wide))).astype(sign.dtype)


_SlogdetResult = collections.namedtuple("LogMatrixDeterminant", ["sign", "log_abs_determinant"])


@_LOGDET.gradient
def _logdet_grad(op: Any, _: Any, grad_b: Any) -> Any:
    from tfshim.ops.arithmetic import multiply
    from tfshim.ops.shape_ops import reshape

    a, c = op.inputs[0], op.outputs[1]
    a_adj_inv = _inverse(a, True)
    multipliers = reshape(grad_b, [*list(c._value.shape), 1, 1])
    return multiply(multipliers, a_adj_inv)


def logdet(matrix: Any, name: Any = None) -> EagerTensor:
    """`tf.linalg.logdet`: 2 * sum(log(real(diag(cholesky(matrix))))) for Hermitian positive definite
    matrices, composed from other ops as in TensorFlow."""
    from tfshim.ops.arithmetic import multiply
    from tfshim.ops.complex_ops import real
    from tfshim.ops.reductions import reduce_sum
    from tfshim.ops.unary_math import log

    chol = cholesky(matrix)
    total = reduce_sum(log(real(matrix_diag_part(chol))), axis=[-1])
    return multiply(EagerTensor(np.asarray(2.0, total._value.dtype)[()]), total)


# -- solve ---------------------------------------------------------------------------------------
def _batch_checks(op: str, values: tuple, name: str | None) -> None:
    """LinearAlgebraOp's input checks: rank >= 2 for input 0, then equal ranks and batch dims."""
    first = values[0]
    _check_matrix_input(op, first, name)
    for v in values[1:]:
        if v.ndim != first.ndim:
            raise kernel_error(op, "All input tensors must have the same rank.", name=name)
        if v.shape[:-2] != first.shape[:-2]:
            raise kernel_error(op, "All input tensors must have the same outer dimensions.", name=name)


def solve(matrix: Any, rhs: Any, adjoint: bool = False, name: Any = None) -> EagerTensor:
    """`tf.linalg.solve`: X with matrix @ X = rhs (adjoint(matrix) @ X = rhs if asked). Batch dims must
    match exactly (no broadcasting, as in TensorFlow)."""
    raw = (matrix, rhs)
    a, b = _args.match(_SOLVE, matrix, rhs)
    nm = _name("", *raw)
    if a._value.dtype.name not in _CPU_TYPES:
        raise no_kernel("MatrixSolve", a._value.dtype, {"adjoint": _bool_text(adjoint)}, nm)
    return _solve(a, b, bool(adjoint), nm)


def _solve(a: EagerTensor, b: EagerTensor, adjoint: bool, name: str | None = "") -> EagerTensor:
    av, bv = a._value, b._value
    _batch_checks("MatrixSolve", (av, bv), name)
    if av.shape[-1] != av.shape[-2]:
        raise kernel_error("MatrixSolve", "First input (lhs) must be a square matrix.", name=name)
    if av.shape[-2] != bv.shape[-2]:
        raise kernel_error("MatrixSolve", "Input matrix and rhs are incompatible.", name=name)
    m = np.conj(np.swapaxes(av, -1, -2)) if adjoint else av
    if av.size and bv.size:
        if not _invertible(m):
            raise kernel_error("MatrixSolve", "Input matrix is not invertible.", name=name)
        value = kernel(np.linalg.solve, m, bv)
    else:
        value = np.zeros(bv.shape, bv.dtype)
    return execute(_SOLVE, (a, b), value.astype(bv.dtype, copy=False), {"adjoint": adjoint})


@_SOLVE.gradient
def _solve_grad(op: Any, grad: Any) -> tuple:
    from tfshim.ops.arithmetic import negative
    from tfshim.ops.matmul import matmul

    a = op.inputs[0]
    adj = op.attrs["adjoint"]
    c = op.outputs[0]
    grad_b = _solve(a, grad, not adj)
    if adj:
        grad_a = negative(matmul(c, grad_b, adjoint_b=True))
    else:
        grad_a = negative(matmul(grad_b, c, adjoint_b=True))
    return grad_a, grad_b


# -- triangular_solve ------------------------------------------------------------------------------
def triangular_solve(matrix: Any, rhs: Any, lower: bool = True, adjoint: bool = False, name: Any = None) -> EagerTensor:
    """`tf.linalg.triangular_solve`: solves with the lower (or upper) triangle of `matrix` only; batch
    dims broadcast. A zero on the diagonal gives inf/nan, not an error (as in TensorFlow)."""
    raw = (matrix, rhs)
    a, b = _args.match(_TRI_SOLVE, matrix, rhs)
    nm = _name("", *raw)
    if a._value.dtype.name not in _CPU_TYPES:
        raise no_kernel("MatrixTriangularSolve", a._value.dtype,
                        {"adjoint": _bool_text(adjoint), "lower": _bool_text(lower)}, nm)
    return _triangular_solve(a, b, bool(lower), bool(adjoint), nm)


def _triangular_solve(a: EagerTensor, b: EagerTensor, lower: bool, adjoint: bool, name: str | None = "") -> EagerTensor:
    op = "MatrixTriangularSolve"
    av, bv = a._value, b._value
    for i, v in enumerate((av, bv)):
        if v.ndim < 2:
            raise kernel_error(op, f"In[{i}] ndims must be >= 2: {v.ndim}", name=name)
    try:
        batch = np.broadcast_shapes(av.shape[:-2], bv.shape[:-2])
    except ValueError:
        raise kernel_error(op, "In[0] and In[1] must have compatible batch dimensions: "
                               f"{_shape(av.shape)} vs. {_shape(bv.shape)}", name=name) from None
    d0, d1, d2 = av.shape[-2], av.shape[-1], bv.shape[-2]
    if d0 != d1:
        raise kernel_error(op, f"In[0] matrices in the last dimensions must be square ({d1} =/= {d0})", name=name)
    if d1 != d2:
        raise kernel_error(op, f"In[0] mismatch In[1] shape: {d1} vs. {d2}: {_shape(av.shape)} {_shape(bv.shape)} "
                               f"{int(lower)} {int(adjoint)}", name=name)
    value = kernel(_tri_solve_kernel, np.broadcast_to(av, batch + av.shape[-2:]),
                   np.broadcast_to(bv, batch + bv.shape[-2:]), lower, adjoint)
    return execute(_TRI_SOLVE, (a, b), value, {"lower": lower, "adjoint": adjoint})


def _tri_solve_kernel(a: np.ndarray, b: np.ndarray, lower: bool, adjoint: bool) -> np.ndarray:
    tri = np.tril(a) if lower else np.triu(a)
    if adjoint:
        tri = np.conj(np.swapaxes(tri, -1, -2))
        lower = not lower
    n = tri.shape[-1]
    x = np.zeros(np.broadcast_shapes(tri.shape[:-2], b.shape[:-2]) + b.shape[-2:], dtype=b.dtype)
    order = range(n) if lower else range(n - 1, -1, -1)
    for i in order:
        acc = b[..., i, :].astype(b.dtype, copy=True)
        if lower:
            if i:
                acc = acc - np.einsum("...j,...jk->...k", tri[..., i, :i], x[..., :i, :])
        elif i + 1 < n:
            acc = acc - np.einsum("...j,...jk->...k", tri[..., i, i + 1:], x[..., i + 1:, :])
        x[..., i, :] = acc / tri[..., i, i][..., None]
    return x


@_TRI_SOLVE.gradient
def _tri_solve_grad(op: Any, grad: Any) -> tuple:
    from tfshim._engine import backprop
    from tfshim.ops.arithmetic import negative
    from tfshim.ops.matmul import matmul

    a, b = op.inputs
    adj, low = op.attrs["adjoint"], op.attrs["lower"]
    c = op.outputs[0]
    grad_b = _triangular_solve(a, grad, low, not adj)
    if adj:
        grad_a = negative(matmul(c, grad_b, adjoint_b=True))
    else:
        grad_a = negative(matmul(grad_b, c, adjoint_b=True))
    grad_a = _band(grad_a, -1, 0) if low else _band(grad_a, 0, -1)
    if a._value.shape[:-2] == b._value.shape[:-2]:
        return grad_a, grad_b
    return (backprop.sum_to_shape(grad_a, a._value.shape, grad_a._value.shape),
            backprop.sum_to_shape(grad_b, b._value.shape, grad_b._value.shape))


def _band(x: EagerTensor, lower: int, upper: int) -> EagerTensor:
    """matrix_band_part with Python counts (converted to int64, as TensorFlow does)."""
    return _band_part(x, EagerTensor(np.int64(lower)), EagerTensor(np.int64(upper)))


# -- cholesky ------------------------------------------------------------------------------------
def cholesky(input: Any, name: Any = None) -> EagerTensor:
    """`tf.linalg.cholesky`: the lower-triangular factor, reading only the lower triangle. A matrix
    that is not positive definite gives NaN in its lower triangle (no error), as in TensorFlow."""
    raw = input
    x = _tensor(input)
    nm = _name("", raw)
    _check_cpu(_CHOLESKY, x, name=nm)
    _check_square("Cholesky", x._value, nm)
    return execute(_CHOLESKY, (x,), kernel(_cholesky_kernel, x._value))


def _cholesky_kernel(v: np.ndarray) -> np.ndarray:
    n = v.shape[-1]
    if v.size == 0:
        return v.copy()
    low = np.tril(v)
    full = low + np.conj(np.swapaxes(np.tril(v, -1), -1, -2))
    flat = full.reshape((-1, n, n))
    out = np.zeros_like(flat)
    failed = np.zeros(flat.shape[0], dtype=bool)
    if np.all(np.isfinite(flat)):
        try:
            return np.linalg.cholesky(full).astype(v.dtype, copy=False)
        except np.linalg.LinAlgError:
            pass
    for k in range(n):
        diag = flat[:, k, k] - np.sum(out[:, k, :k] * np.conj(out[:, k, :k]), axis=-1)
        diag_real = np.real(diag)
        failed |= diag_real <= 0
        root = np.sqrt(np.where(diag_real > 0, diag_real, np.nan)).astype(flat.dtype)
        out[:, k, k] = root
        if k + 1 < n:
            below = flat[:, k + 1:, k] - np.einsum("bij,bj->bi", out[:, k + 1:, :k], np.conj(out[:, k, :k]))
            out[:, k + 1:, k] = below / root[:, None]
    lower_mask = np.tril(np.ones((n, n), dtype=bool))
    out[failed] = np.where(lower_mask, np.asarray(np.nan, flat.dtype), np.zeros((), flat.dtype))
    return out.reshape(v.shape)


@_CHOLESKY.gradient
def _cholesky_grad(op: Any, grad: Any) -> Any:
    from tfshim.ops.arithmetic import add, multiply
    from tfshim.ops.creation import eye
    from tfshim.ops.matmul import matmul

    chol = op.outputs[0]
    shape = chol._value.shape
    identity = eye(shape[-1], batch_shape=list(shape[:-2]), dtype=chol.dtype)
    chol_inverse = _triangular_solve(chol, identity, True, False)
    middle = matmul(chol, grad, adjoint_a=True)
    half = EagerTensor(np.asarray(0.5, chol._value.dtype)[()])
    middle = _set_diag_default(middle, multiply(half, _diag_part_default(middle)))
    middle = _band(middle, -1, 0)
    grad_a = matmul(matmul(chol_inverse, middle, adjoint_a=True), chol_inverse)
    grad_a = add(grad_a, adjoint(grad_a))
    return multiply(grad_a, half)


def _diag_part_default(x: EagerTensor) -> EagerTensor:
    return _matrix_diag_part(x, EagerTensor(np.int32(0)), EagerTensor(np.zeros((), x._value.dtype)), "RIGHT_LEFT", "")


def _set_diag_default(x: EagerTensor, d: EagerTensor) -> EagerTensor:
    return _matrix_set_diag(x, d, EagerTensor(np.int32(0)), "RIGHT_LEFT", "")


def _diag_default(d: EagerTensor) -> EagerTensor:
    return _matrix_diag(d, EagerTensor(np.int32(0)), EagerTensor(np.int32(-1)), EagerTensor(np.int32(-1)),
                        EagerTensor(np.zeros((), d._value.dtype)), "RIGHT_LEFT", "")


def cholesky_solve(chol: Any, rhs: Any, name: Any = None) -> EagerTensor:
    """`tf.linalg.cholesky_solve`: two triangular solves with the Cholesky factor, as in TensorFlow."""
    y = triangular_solve(chol, rhs, adjoint=False, lower=True)
    return triangular_solve(chol, y, adjoint=True, lower=True)


def matvec(a: Any, b: Any, transpose_a: bool = False, adjoint_a: bool = False, a_is_sparse: bool = False,
           b_is_sparse: bool = False, name: Any = None) -> EagerTensor:
    """`tf.linalg.matvec`: matmul of a (batch of) matrix with a (batch of) vector, as TensorFlow
    composes it (expand_dims, matmul, squeeze)."""
    from tfshim.ops.matmul import matmul
    from tfshim.ops.shape_ops import expand_dims, squeeze

    a = _tensor(a)
    b = _tensor(b)
    out = matmul(a, expand_dims(b, -1), transpose_a=transpose_a, adjoint_a=adjoint_a)
    return squeeze(out, axis=-1)
