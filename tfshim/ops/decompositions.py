"""`tf.linalg` decompositions: svd, qr, eigh/eigvalsh and lu, with TensorFlow's gradients (linalg_grad.py).

eigh and svd follow Eigen step by step, as TensorFlow's CPU kernels run it: SelfAdjointEigenSolver
(Householder tridiagonalisation, implicit symmetric QR, selection sort) for eigh, and JacobiSVD with its
column-pivoting QR preconditioner (what BDCSVD falls back to below 16 columns) for real svd. The
eigenvectors and singular vectors therefore carry TensorFlow's signs, up to rounding in nearly
degenerate cases. Outside those ranges - eigh of matrices larger than 256x256, svd with 16 or more
columns (TensorFlow's divide-and-conquer path) or of complex input - LAPACK is used: values agree to
rounding, but vectors are only defined up to sign (phase) and LAPACK's choice can differ from
TensorFlow's. qr and lu use the same Householder / partial-pivoting conventions as Eigen.
"""

from __future__ import annotations

import collections
from typing import Any

import numpy as np

from tfshim._engine import dtypes as _dtypes
from tfshim._engine.errors import kernel_error
from tfshim._engine.registry import execute_multi, kernel, op_def
from tfshim._engine.tensor import EagerTensor
from tfshim._engine.tensor_shape import TensorShape
from tfshim.ops import _args
from tfshim.ops.linalg_ops import (
    _band,
    _check_matrix_input,
    _check_square,
    _diag_default,
    _diag_part_default,
    _name,
    _set_diag_default,
    _tensor,
    adjoint,
    lu_factor,
    matrix_transpose,
    no_kernel,
)

_SVD = op_def("Svd")
_QR = op_def("Qr")
_EIGH = op_def("SelfAdjointEigV2")
_LU = op_def("Lu")  # TensorFlow registers no gradient for Lu

_CPU_TYPES = frozenset(np.dtype(t) for t in (np.float32, np.float64, np.complex64, np.complex128))


def _wide(v: np.ndarray) -> np.ndarray:
    return v.astype(np.float32) if v.dtype in _dtypes.HALF_NP else v


def _bool(flag: bool) -> str:
    return "true" if flag else "false"


def _scalar(value: float, like: EagerTensor) -> EagerTensor:
    return EagerTensor(np.asarray(value, dtype=like._value.dtype)[()])


# -- svd -----------------------------------------------------------------------------------------
def svd(tensor: Any, full_matrices: bool = False, compute_uv: bool = True, name: Any = None) -> Any:
    """`tf.linalg.svd`: (s, u, v) with a = u @ diag(s) @ adjoint(v), or s alone. s is real."""
    from tfshim.ops.complex_ops import real

    raw = tensor
    x = _tensor(tensor)
    nm = _name("", raw)
    _args.check(_SVD, x)
    if x._value.dtype not in _CPU_TYPES:
        raise no_kernel("Svd", x._value.dtype, {"compute_uv": _bool(compute_uv), "full_matrices": _bool(full_matrices)},
                        nm)
    s, u, v = _svd(x, bool(compute_uv), bool(full_matrices), nm)
    s = real(s) if s._value.dtype.kind == "c" else s
    return (s, u, v) if compute_uv else s


def _svd(x: EagerTensor, compute_uv: bool, full_matrices: bool, name: str | None = "") -> tuple:
    v = x._value
    _check_matrix_input("Svd", v, name)
    s, u, vv = kernel(_svd_kernel, v, compute_uv, full_matrices)
    return execute_multi(_SVD, (x,), (s, u, vv), {"compute_uv": compute_uv, "full_matrices": full_matrices})


def _svd_kernel(a: np.ndarray, compute_uv: bool, full_matrices: bool) -> tuple:
    m, n = a.shape[-2:]
    batch = a.shape[:-2]
    k = min(m, n)
    real_dtype = np.abs(np.zeros((), a.dtype)).dtype
    zero = np.zeros((), a.dtype)
    ucols, vcols = (m, n) if full_matrices else (k, k)
    if k == 0:
        if not compute_uv:
            return np.zeros((*batch, 0), a.dtype), zero, zero
        u = np.broadcast_to(np.eye(m, ucols, dtype=a.dtype), (*batch, m, ucols)).copy()
        v = np.broadcast_to(np.eye(n, vcols, dtype=a.dtype), (*batch, n, vcols)).copy()
        return np.zeros((*batch, 0), a.dtype), u, v
    finite = np.all(np.isfinite(a), axis=(-2, -1))
    if a.dtype.kind == "f" and n < _JACOBI_MAX_COLS:
        flat = a.reshape((-1, m, n))
        s = np.full((flat.shape[0], k), np.nan, a.dtype)
        u = np.full((flat.shape[0], m, ucols), np.nan, a.dtype)
        v = np.full((flat.shape[0], n, vcols), np.nan, a.dtype)
        for i, matrix in enumerate(flat):
            if np.all(np.isfinite(matrix)):
                s[i], u[i], v[i] = _jacobi_svd(matrix, full_matrices)
        s = s.reshape((*batch, k))
        if not compute_uv:
            return s, zero, zero
        return s, u.reshape((*batch, m, ucols)), v.reshape((*batch, n, vcols))
    safe = np.where(finite[..., None, None], a, 0)
    if not compute_uv:
        s = np.linalg.svd(safe, compute_uv=False).astype(real_dtype)
        return np.where(finite[..., None], s, np.nan).astype(a.dtype), zero, zero
    u, s, vh = np.linalg.svd(safe, full_matrices=full_matrices)
    v = np.conj(np.swapaxes(vh, -1, -2))
    bad = ~finite
    if bad.any():
        s = np.where(bad[..., None], np.nan, s)
        u = np.where(bad[..., None, None], np.nan, u)
        v = np.where(bad[..., None, None], np.nan, v)
    return s.astype(a.dtype), u.astype(a.dtype), v.astype(a.dtype)


# -- Eigen's JacobiSVD (what TensorFlow's BDCSVD runs for fewer than 16 columns) ---------------------
_JACOBI_MAX_COLS = 16


def _householder(col: np.ndarray) -> tuple:
    """Eigen's makeHouseholderInPlace for a real vector: (essential part, tau, beta)."""
    c0 = col[0]
    tail = col[1:]
    tail_sq = np.dot(tail, tail) if tail.size else col.dtype.type(0)
    if tail_sq <= np.finfo(col.dtype).tiny:
        return np.zeros_like(tail), col.dtype.type(0), c0
    beta = np.sqrt(c0 * c0 + tail_sq)
    if c0 >= 0:
        beta = -beta
    return tail / (c0 - beta), (beta - c0) / beta, beta


def _reflect(block: np.ndarray, essential: np.ndarray, tau: Any) -> np.ndarray:
    """(I - tau v v^T) @ block with v = [1, essential]."""
    if block.shape[1] == 0:
        return block
    v = np.concatenate([np.ones(1, block.dtype), essential])
    return block - tau * np.outer(v, v @ block)


def _colpiv_qr(a: np.ndarray) -> tuple:
    """Eigen's ColPivHouseholderQR: (packed QR, Householder coefficients, column permutation)."""
    qr = np.array(a, copy=True)
    rows, cols = qr.shape
    size = min(rows, cols)
    h = np.zeros(size, qr.dtype)
    norms_updated = np.sqrt(np.sum(qr * qr, axis=0))
    norms_direct = norms_updated.copy()
    threshold = np.sqrt(np.finfo(qr.dtype).eps)
    transpositions = []
    for k in range(size):
        biggest = k + int(np.argmax(norms_updated[k:]))
        transpositions.append(biggest)
        if biggest != k:
            qr[:, [k, biggest]] = qr[:, [biggest, k]]
            norms_updated[[k, biggest]] = norms_updated[[biggest, k]]
            norms_direct[[k, biggest]] = norms_direct[[biggest, k]]
        essential, tau, beta = _householder(qr[k:, k])
        qr[k + 1:, k] = essential
        qr[k, k] = beta
        h[k] = tau
        qr[k:, k + 1:] = _reflect(qr[k:, k + 1:], essential, tau)
        for j in range(k + 1, cols):  # LAPACK's stable column-norm downdate (as Eigen does it)
            if norms_updated[j] != 0:
                temp = abs(qr[k, j]) / norms_updated[j]
                temp = max((1 + temp) * (1 - temp), 0)
                if temp * (norms_updated[j] / norms_direct[j]) ** 2 <= threshold:
                    norms_direct[j] = np.sqrt(np.sum(qr[k + 1:, j] ** 2))
                    norms_updated[j] = norms_direct[j]
                else:
                    norms_updated[j] *= np.sqrt(temp)
    perm = np.arange(cols)
    for k, t in enumerate(transpositions):
        perm[[k, t]] = perm[[t, k]]
    return qr, h, perm


def _householder_q(qr: np.ndarray, h: np.ndarray, ncols: int) -> np.ndarray:
    """The first `ncols` columns of Q = H_0 H_1 ... (Eigen's householderQ)."""
    q = np.eye(qr.shape[0], ncols, dtype=qr.dtype)
    for k in range(len(h) - 1, -1, -1):
        q[k:, :] = _reflect(q[k:, :], qr[k + 1:, k], h[k])
    return q


def _rotate_rows(m: np.ndarray, p: int, q: int, c: Any, s: Any) -> None:
    x = m[p, :].copy()
    m[p, :] = c * x + s * m[q, :]
    m[q, :] = -s * x + c * m[q, :]


def _rotate_cols(m: np.ndarray, p: int, q: int, c: Any, s: Any) -> None:
    x = m[:, p].copy()
    m[:, p] = c * x - s * m[:, q]
    m[:, q] = s * x + c * m[:, q]


def _real_2x2_svd(w: np.ndarray, p: int, q: int) -> tuple:
    """Eigen's real_2x2_jacobi_svd: the left and right rotations as (c, s) pairs."""
    one = w.dtype.type(1)
    tiny = np.finfo(w.dtype).tiny
    t = w[p, p] + w[q, q]
    d = w[q, p] - w[p, q]
    if abs(d) < tiny:
        c1, s1 = one, w.dtype.type(0)
    else:
        u = t / d
        tmp = np.sqrt(one + u * u)
        c1, s1 = u / tmp, one / tmp
    m = np.array([[w[p, p], w[p, q]], [w[q, p], w[q, q]]], dtype=w.dtype)
    _rotate_rows(m, 0, 1, c1, s1)
    x, y, z = m[0, 0], m[0, 1], m[1, 1]
    if 2 * abs(y) < tiny:
        cr, sr = one, w.dtype.type(0)
    else:
        tau = (x - z) / (2 * abs(y))
        root = np.sqrt(tau * tau + one)
        tt = one / (tau + root) if tau > 0 else one / (tau - root)
        n = one / np.sqrt(tt * tt + one)
        cr, sr = n, -(one if tt > 0 else -one) * (y / abs(y)) * abs(tt) * n
    # left rotation = rot1 * transpose(right rotation)
    return (c1 * cr + s1 * sr, -c1 * sr + s1 * cr), (cr, sr)


def _jacobi_svd(a: np.ndarray, full: bool) -> tuple:
    """Eigen's two-sided JacobiSVD with its column-pivoting QR preconditioner (real input)."""
    rows, cols = a.shape
    k = min(rows, cols)
    dt = a.dtype
    scale = np.max(np.abs(a))
    if scale == 0:
        scale = dt.type(1)
    scaled = a / scale
    if rows > cols:
        qr, h, perm = _colpiv_qr(scaled)
        work = np.triu(qr[:cols, :cols])
        u = _householder_q(qr, h, rows if full else cols)
        v = np.eye(cols, dtype=dt)[:, perm]
    elif cols > rows:
        qr, h, perm = _colpiv_qr(np.ascontiguousarray(scaled.T))
        work = np.ascontiguousarray(np.triu(qr[:rows, :rows]).T)
        v = _householder_q(qr, h, cols if full else rows)
        u = np.eye(rows, dtype=dt)[:, perm]
    else:
        work = scaled.copy()
        u = np.eye(rows, dtype=dt)
        v = np.eye(cols, dtype=dt)
    precision = 2 * np.finfo(dt).eps
    tiny = np.finfo(dt).tiny
    max_diag = np.max(np.abs(np.diagonal(work)))
    finished = False
    while not finished:
        finished = True
        for p in range(1, k):
            for q in range(p):
                threshold = max(tiny, precision * max_diag)
                if abs(work[p, q]) > threshold or abs(work[q, p]) > threshold:
                    finished = False
                    (cl, sl), (cr, sr) = _real_2x2_svd(work, p, q)
                    _rotate_rows(work, p, q, cl, sl)
                    _rotate_cols(u, p, q, cl, -sl)
                    _rotate_cols(work, p, q, cr, sr)
                    _rotate_cols(v, p, q, cr, sr)
                    max_diag = max(max_diag, abs(work[p, p]), abs(work[q, q]))
    diag = np.diagonal(work).copy()
    s = np.abs(diag)
    u[:, :k] = np.where(diag < 0, -u[:, :k], u[:, :k])
    s = s * scale
    for i in range(k):
        pos = int(np.argmax(s[i:]))
        if s[i + pos] == 0:
            break
        if pos:
            j = i + pos
            s[[i, j]] = s[[j, i]]
            u[:, [i, j]] = u[:, [j, i]]
            v[:, [i, j]] = v[:, [j, i]]
    return s, u, v


def _safe_reciprocal(x: EagerTensor, epsilon: float = 1e-20) -> EagerTensor:
    from tfshim.ops.arithmetic import add, multiply
    from tfshim.ops.unary_math import reciprocal

    return multiply(x, reciprocal(add(multiply(x, x), _scalar(epsilon, x))))


@_SVD.gradient
def _svd_grad(op: Any, grad_s: Any, grad_u: Any, grad_v: Any) -> Any:
    from tfshim.ops.arithmetic import add, multiply, subtract
    from tfshim.ops.casting import cast
    from tfshim.ops.creation import eye, zeros_like
    from tfshim.ops.matmul import matmul
    from tfshim.ops.shape_ops import expand_dims
    from tfshim.ops.unary_math import square

    a = op.inputs[0]
    grad_s = cast(grad_s, a.dtype)
    grad_s_mat = _diag_default(grad_s)
    if not op.attrs["compute_uv"]:
        _, u, v = _svd(a, True, False)
        return matmul(u, matmul(grad_s_mat, v, adjoint_b=True))
    full_matrices = op.attrs["full_matrices"]
    m, n = a._value.shape[-2:]
    s, u, v = op.outputs
    s = cast(s, a.dtype)
    use_adjoint = False
    if m > n:
        use_adjoint = True
        m, n = n, m
        u, v = v, u
        grad_u, grad_v = grad_v, grad_u
    if full_matrices and abs(m - n) > 1:
        raise NotImplementedError("svd gradient is not implemented for abs(m - n) > 1 when full_matrices is True. "
                                  f"Received: m={m} and n={n} from op input={a} with shape="
                                  f"{TensorShape(a._value.shape)}.")
    s_mat = _diag_default(s)
    s2 = square(s)
    f = _set_diag_default(_safe_reciprocal(subtract(expand_dims(s2, -2), expand_dims(s2, -1))), zeros_like(s))
    s_inv_mat = _diag_default(_safe_reciprocal(s))
    v1 = v[..., :, :m]
    grad_v1 = grad_v[..., :, :m]
    u_gu = matmul(u, grad_u, adjoint_a=True)
    v_gv = matmul(v1, grad_v1, adjoint_a=True)
    f_u = multiply(f, u_gu)
    f_v = multiply(f, v_gv)
    term1_nouv = add(add(grad_s_mat, matmul(add(f_u, adjoint(f_u)), s_mat)), matmul(s_mat, add(f_v, adjoint(f_v))))
    term1 = matmul(u, matmul(term1_nouv, v1, adjoint_b=True))
    if m == n:
        before = term1
    else:
        gv1t = matrix_transpose(grad_v1, conjugate=True)
        gv1t_v1 = matmul(gv1t, v1)
        term2_nous = subtract(gv1t, matmul(gv1t_v1, v1, adjoint_b=True))
        if full_matrices:
            v2 = v[..., :, m:n]
            grad_v2 = grad_v[..., :, m:n]
            v1t_gv2 = matmul(v1, grad_v2, adjoint_a=True)
            term2_nous = subtract(term2_nous, matmul(v1t_gv2, v2, adjoint_b=True))
        u_s_inv = matmul(u, s_inv_mat)
        term2 = matmul(u_s_inv, term2_nous)
        before = add(term1, term2)
    if a._value.dtype.kind == "c":
        shape = s._value.shape
        identity = eye(shape[-1], batch_shape=list(shape[:-1]), dtype=a.dtype)
        lv = multiply(identity, v_gv)
        term3_nouv = matmul(s_inv_mat, subtract(adjoint(lv), lv))
        term3 = multiply(_scalar(0.5, term3_nouv), matmul(u, matmul(term3_nouv, v1, adjoint_b=True)))
        before = add(before, term3)
    return matrix_transpose(before, conjugate=True) if use_adjoint else before


# -- qr ------------------------------------------------------------------------------------------
def qr(input: Any, full_matrices: bool = False, name: Any = None) -> tuple:
    """`tf.linalg.qr`: (q, r) with Householder sign conventions (as TensorFlow's)."""
    raw = input
    x = _tensor(input)
    nm = _name("", raw)
    _args.check(_QR, x)
    v = x._value
    _check_matrix_input("Qr", v, nm)
    q, r = kernel(_qr_kernel, v, bool(full_matrices))
    return _QrResult(*execute_multi(_QR, (x,), (q, r), {"full_matrices": bool(full_matrices)}))


_QrResult = collections.namedtuple("Qr", ["q", "r"])


def _qr_kernel(a: np.ndarray, full_matrices: bool) -> tuple:
    m, n = a.shape[-2:]
    batch = a.shape[:-2]
    k = min(m, n)
    qcols, rrows = (m, m) if full_matrices else (k, k)
    w = _wide(a)
    if a.size == 0:
        q = np.broadcast_to(np.eye(m, qcols, dtype=a.dtype), (*batch, m, qcols)).copy()
        return q, np.zeros((*batch, rrows, n), a.dtype)
    q, r = np.linalg.qr(w, mode="complete" if full_matrices else "reduced")
    return q.astype(a.dtype), r.astype(a.dtype)


def _qr_triangular_solve(x: EagerTensor, r: EagerTensor) -> EagerTensor:
    """matmul(x, adjoint(inverse(r))) for upper-triangular r, as TensorFlow's _TriangularSolve."""
    from tfshim.ops.linalg_ops import _triangular_solve

    return adjoint(_triangular_solve(r, adjoint(x), False, False))


def _qr_square_and_deep(q: EagerTensor, r: EagerTensor, dq: EagerTensor, dr: EagerTensor) -> EagerTensor:
    from tfshim.ops.arithmetic import add, subtract
    from tfshim.ops.casting import cast
    from tfshim.ops.complex_ops import real
    from tfshim.ops.creation import zeros_like
    from tfshim.ops.matmul import matmul

    qdq = matmul(q, dq, adjoint_a=True)
    qdq_ = subtract(qdq, adjoint(qdq))
    rdr = matmul(r, dr, adjoint_b=True)
    rdr_ = subtract(rdr, adjoint(rdr))
    tril = _band(add(qdq_, rdr_), -1, 0)
    grad_a = matmul(q, add(dr, _qr_triangular_solve(tril, r)))
    grad_b = _qr_triangular_solve(subtract(dq, matmul(q, qdq)), r)
    ret = add(grad_a, grad_b)
    if q._value.dtype.kind == "c":
        m = subtract(rdr, adjoint(qdq))
        eyem = _set_diag_default(zeros_like(m), _diag_part_default(m))
        correction = subtract(eyem, cast(real(eyem), q.dtype))
        ret = add(ret, _qr_triangular_solve(matmul(q, adjoint(correction)), r))
    return ret


@_QR.gradient
def _qr_grad(op: Any, dq: Any, dr: Any) -> Any:
    from tfshim.ops.arithmetic import add
    from tfshim.ops.array_ops import concat
    from tfshim.ops.matmul import matmul

    q, r = op.outputs
    rows_r, cols_r = r._value.shape[-2:]
    if rows_r > cols_r and q._value.shape[-2] == q._value.shape[-1]:
        raise NotImplementedError("QrGrad not implemented when nrows > ncols and full_matrices is true. Received "
                                  f"r.shape={TensorShape(r._value.shape)} with nrows={rows_r}and ncols={cols_r}.")
    num_rows, num_cols = q._value.shape[-2], cols_r
    if num_rows >= num_cols:
        return _qr_square_and_deep(q, r, dq, dr)
    a = op.inputs[0]
    y = a[..., :, num_rows:]
    u = r[..., :, :num_rows]
    dv = dr[..., :, num_rows:]
    du = dr[..., :, :num_rows]
    dy = matmul(q, dv)
    dx = _qr_square_and_deep(q, u, add(dq, matmul(y, dv, adjoint_b=True)), du)
    return concat([dx, dy], axis=-1)


# -- eigh / eigvalsh -------------------------------------------------------------------------------
def eigh(tensor: Any, name: Any = None) -> tuple:
    """`tf.linalg.eigh`: ascending eigenvalues and eigenvectors (columns) of self-adjoint matrices,
    read from the lower triangle. Eigenvalues of complex input are returned as complex, as in TF."""
    e, v = _eigh_op(tensor, True)
    return e, v


def eigvalsh(tensor: Any, name: Any = None) -> EagerTensor:
    """`tf.linalg.eigvalsh`: the eigenvalues only."""
    e, _ = _eigh_op(tensor, False)
    return e


def _eigh_op(tensor: Any, compute_v: bool) -> tuple:
    raw = tensor
    x = _tensor(tensor)
    nm = _name("", raw)
    _args.check(_EIGH, x)
    if x._value.dtype not in _CPU_TYPES:
        raise no_kernel("SelfAdjointEigV2", x._value.dtype, {"compute_v": _bool(compute_v)}, nm)
    return _eigh(x, compute_v, nm)


def _eigh(x: EagerTensor, compute_v: bool, name: str | None = "") -> tuple:
    v = x._value
    _check_square("SelfAdjointEigV2", v, name)
    if v.size and not np.all(np.isfinite(np.tril(v))):
        raise kernel_error("SelfAdjointEigV2", "Self-adjoint eigen decomposition was not successful. The input "
                                               "might not be valid.", name=name)
    e, vec = kernel(_eigh_kernel, v, compute_v)
    return execute_multi(_EIGH, (x,), (e, vec), {"compute_v": compute_v})


_EIGEN_MAX_N = 256  # larger matrices use LAPACK (faster; eigenvector signs may then differ from TF's)


def _eigh_kernel(a: np.ndarray, compute_v: bool) -> tuple:
    n = a.shape[-1]
    batch = a.shape[:-2]
    if a.size == 0:
        return np.zeros((*batch, n), a.dtype), (np.zeros(a.shape, a.dtype) if compute_v else np.zeros((), a.dtype))
    if n > _EIGEN_MAX_N:
        if compute_v:
            e, vec = np.linalg.eigh(a, UPLO="L")
            return e.astype(a.dtype), vec.astype(a.dtype)
        return np.linalg.eigvalsh(a, UPLO="L").astype(a.dtype), np.zeros((), a.dtype)
    flat = a.reshape((-1, n, n))
    values = np.empty((flat.shape[0], n), dtype=a.dtype)
    vectors = np.empty_like(flat)
    for i, matrix in enumerate(flat):
        values[i], vectors[i] = _eigen_self_adjoint(matrix)
    values = values.reshape((*batch, n))
    return values, (vectors.reshape(a.shape) if compute_v else np.zeros((), a.dtype))


def _eigen_self_adjoint(matrix: np.ndarray) -> tuple:
    """Eigen's SelfAdjointEigenSolver (as TensorFlow's CPU kernel runs it): Householder
    tridiagonalisation of the scaled lower triangle, implicit symmetric QR steps with Wilkinson shifts,
    then a selection sort of the eigenvalues. Following its steps reproduces Eigen's choice of
    eigenvector signs (phases)."""
    n = matrix.shape[0]
    real = np.abs(np.zeros((), matrix.dtype)).dtype.type
    scalar = matrix.dtype.type
    if n == 1:
        return np.array([np.real(matrix[0, 0])], matrix.dtype), np.ones((1, 1), matrix.dtype)
    mat = np.tril(matrix)
    scale = np.max(np.abs(mat))
    if scale == 0:
        scale = real(1)
    mat = (mat / scale).astype(matrix.dtype)
    tiny = np.finfo(real).tiny
    h_coeffs = np.zeros(n - 1, matrix.dtype)
    for i in range(n - 1):
        rest = n - i - 1
        col = mat[i + 1:, i]
        c0 = col[0]
        tail_sq = real(np.sum(np.abs(col[1:]) ** 2)) if rest > 1 else real(0)
        if tail_sq <= tiny and np.imag(c0) ** 2 <= tiny:
            h = scalar(0)
            beta = real(np.real(c0))
            essential = np.zeros(rest - 1, matrix.dtype)
        else:
            beta = real(np.sqrt(np.abs(c0) ** 2 + tail_sq))
            if np.real(c0) >= 0:
                beta = -beta
            essential = col[1:] / (c0 - beta)
            h = scalar(np.conj((beta - c0) / beta))
        v = np.concatenate([np.ones(1, matrix.dtype), essential])
        block = mat[i + 1:, i + 1:]
        full = np.tril(block) + np.conj(np.tril(block, -1)).T
        w = full @ (np.conj(h) * v)
        w = w + (np.conj(h) * real(-0.5) * np.vdot(w, v)) * v
        update = np.outer(v, np.conj(w)) + np.outer(w, np.conj(v))
        mat[i + 1:, i + 1:] = np.tril(block - update) + np.triu(block, 1)
        mat[i + 1:, i] = np.concatenate([np.array([beta], matrix.dtype), essential])
        h_coeffs[i] = h
    diag = np.real(np.diagonal(mat)).astype(real)
    sub = np.real(np.diagonal(mat, -1)).astype(real)
    q = np.eye(n, dtype=matrix.dtype)
    for k in range(n - 2, -1, -1):
        v = np.concatenate([np.ones(1, matrix.dtype), mat[k + 2:, k]])
        tau = np.conj(h_coeffs[k])
        corner = q[k + 1:, k + 1:]
        q[k + 1:, k + 1:] = corner - tau * np.outer(v, np.conj(v) @ corner)
    _tridiagonal_qr(diag, sub, q)
    for i in range(n - 1):
        k = int(np.argmin(diag[i:]))
        if k > 0:
            diag[i], diag[i + k] = diag[i + k], diag[i]
            q[:, [i, i + k]] = q[:, [i + k, i]]
    return (diag * scale).astype(matrix.dtype), q


def _tridiagonal_qr(diag: np.ndarray, sub: np.ndarray, q: np.ndarray, max_iterations: int = 30) -> None:
    """Eigen's computeFromTridiagonal_impl loop (in place); raises on non-convergence."""
    real = diag.dtype.type
    n = diag.shape[0]
    tiny = np.finfo(diag.dtype).tiny
    precision_inv = real(1) / np.finfo(diag.dtype).eps
    end, start, iterations = n - 1, 0, 0
    while end > 0:
        for i in range(start, end):
            if abs(sub[i]) < tiny:
                sub[i] = 0
            else:
                scaled = precision_inv * sub[i]
                if scaled * scaled <= abs(diag[i]) + abs(diag[i + 1]):
                    sub[i] = 0
        while end > 0 and sub[end - 1] == 0:
            end -= 1
        if end <= 0:
            break
        iterations += 1
        if iterations > max_iterations * n:
            raise np.linalg.LinAlgError("no convergence")
        start = end - 1
        while start > 0 and sub[start - 1] != 0:
            start -= 1
        _qr_step(diag, sub, start, end, q)


def _givens(p: Any, q: Any) -> tuple:
    """Eigen's JacobiRotation::makeGivens for real scalars: (c, s)."""
    one = type(p)(1)
    if q == 0:
        return (-one if p < 0 else one), type(p)(0)
    if p == 0:
        return type(p)(0), (one if q < 0 else -one)
    if abs(p) > abs(q):
        t = q / p
        u = np.sqrt(one + t * t)
        if p < 0:
            u = -u
        c = one / u
        return c, -t * c
    t = p / q
    u = np.sqrt(one + t * t)
    if q < 0:
        u = -u
    s = -one / u
    return -t * s, s


def _qr_step(diag: np.ndarray, sub: np.ndarray, start: int, end: int, q: np.ndarray) -> None:
    """Eigen's tridiagonal_qr_step: one implicit symmetric QR step with a Wilkinson shift."""
    real = diag.dtype.type
    td = (diag[end - 1] - diag[end]) * real(0.5)
    e = sub[end - 1]
    mu = diag[end]
    if td == 0:
        mu -= abs(e)
    elif e != 0:
        e2 = e * e
        h = real(np.hypot(td, e))
        if e2 == 0:
            mu -= e / ((td + (h if td > 0 else -h)) / e)
        else:
            mu -= e2 / (td + (h if td > 0 else -h))
    x = diag[start] - mu
    z = sub[start]
    k = start
    while k < end and z != 0:
        c, s = _givens(x, z)
        sdk = s * diag[k] + c * sub[k]
        dkp1 = s * sub[k] + c * diag[k + 1]
        diag[k] = c * (c * diag[k] - s * sub[k]) - s * (c * sub[k] - s * diag[k + 1])
        diag[k + 1] = s * sdk + c * dkp1
        sub[k] = c * sdk - s * dkp1
        if k > start:
            sub[k - 1] = c * sub[k - 1] - s * z
        x = sub[k]
        if k < end - 1:
            z = -s * sub[k + 1]
            sub[k + 1] = c * sub[k + 1]
        left = q[:, k].copy()
        right = q[:, k + 1]
        q[:, k] = c * left - s * right
        q[:, k + 1] = s * left + c * right
        k += 1


@_EIGH.gradient
def _eigh_grad(op: Any, grad_e: Any, grad_v: Any) -> Any:
    from tfshim.ops.arithmetic import add, multiply, subtract
    from tfshim.ops.creation import zeros_like
    from tfshim.ops.matmul import matmul
    from tfshim.ops.shape_ops import expand_dims

    e = op.outputs[0]
    if op.attrs["compute_v"]:
        v = op.outputs[1]
        f = _set_diag_default(_safe_reciprocal(subtract(expand_dims(e, -2), expand_dims(e, -1))), zeros_like(e))
        inner = add(_diag_default(grad_e), multiply(f, matmul(v, grad_v, adjoint_a=True)))
        grad_a = matmul(v, matmul(inner, v, adjoint_b=True))
    else:
        _, v = _eigh(op.inputs[0], True)
        grad_a = matmul(v, matmul(_diag_default(grad_e), v, adjoint_b=True))
    grad_a = _band(add(grad_a, adjoint(grad_a)), -1, 0)
    return _set_diag_default(grad_a, multiply(_scalar(0.5, grad_a), _diag_part_default(grad_a)))


# -- lu ------------------------------------------------------------------------------------------
def lu(input: Any, output_idx_type: Any = _dtypes.int32, name: Any = None) -> tuple:
    """`tf.linalg.lu`: (lu, p) with the unit-lower L below the diagonal of `lu`, U on and above it, and
    input[p] = L @ U. No gradient (as in TensorFlow)."""
    raw = input
    x = _tensor(input)
    nm = _name("", raw)
    idx = _dtypes.as_dtype(output_idx_type)
    _args.check(_LU, x)
    if x._value.dtype not in _CPU_TYPES:
        raise no_kernel("Lu", x._value.dtype, {"output_idx_type": f"DT_{idx.name.upper()}"}, nm)
    v = x._value
    _check_square("Lu", v, nm)
    packed, perm, _ = kernel(lu_factor, v)
    if v.size and not np.all(np.abs(np.diagonal(packed, axis1=-2, axis2=-1)) > 0):
        raise kernel_error("Lu", "Input is not invertible.", name=nm)
    return _LuResult(*execute_multi(_LU, (x,), (packed, perm.astype(idx._np)), {"output_idx_type": idx}))


_LuResult = collections.namedtuple("Lu", ["lu", "p"])
