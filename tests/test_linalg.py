"""tf.linalg: values against NumPy, gradients and second derivatives against finite differences in float64
over drawn shapes (batch dimensions included). Decompositions are checked through sign-invariant
functions (singular values, eigenvalues, reconstructions, squared vector entries), since singular vectors
and eigenvectors are only defined up to sign. TensorFlow's exact outputs and errors are in
conformance/cases/linalg.py."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

import tfshim as tf
from tests.gradcheck import check_gradients, check_second_order

_SEEDS = st.integers(0, 2**16)
_BATCH = st.sampled_from([(), (1,), (2,), (2, 1)])
la = tf.linalg


def _rng(seed: int) -> np.random.Generator:
    return np.random.default_rng(seed)


def _well_conditioned(rng: np.random.Generator, shape: tuple) -> np.ndarray:
    n = shape[-1]
    return rng.normal(size=shape) + 2.0 * n ** 0.5 * np.eye(n)


def _spd(rng: np.random.Generator, shape: tuple) -> np.ndarray:
    m = rng.normal(size=shape)
    return m @ np.swapaxes(m, -1, -2) + shape[-1] * np.eye(shape[-1])


# -- matmul --------------------------------------------------------------------------------------
_MATMUL_CASES = [((2, 3), (3, 4)), ((2, 2, 3), (2, 3, 1)), ((2, 1, 2, 3), (3, 3, 2)), ((3, 2), (1, 2, 4)),
                 ((1, 3), (3, 1))]


@given(case=st.sampled_from(_MATMUL_CASES), seed=_SEEDS,
       flags=st.sampled_from([(False, False, False, False), (True, False, False, False), (False, True, False, False),
                              (False, False, True, False), (False, False, False, True), (True, True, False, False),
                              (False, False, True, True)]))
def test_matmul(case: tuple, seed: int, flags: tuple) -> None:
    rng = _rng(seed)
    sa, sb = case
    ta, tb, aa, ab = flags
    a = rng.normal(size=sa)
    b = rng.normal(size=sb)
    if ta or aa:
        a = np.ascontiguousarray(np.swapaxes(a, -1, -2))
    if tb or ab:
        b = np.ascontiguousarray(np.swapaxes(b, -1, -2))

    def fn(x: object, y: object) -> object:
        return tf.matmul(x, y, transpose_a=ta, transpose_b=tb, adjoint_a=aa, adjoint_b=ab)

    na = np.swapaxes(a, -1, -2) if (ta or aa) else a
    nb = np.swapaxes(b, -1, -2) if (tb or ab) else b
    np.testing.assert_allclose(fn(tf.constant(a), tf.constant(b)).numpy(), np.matmul(na, nb), rtol=1e-12)
    check_gradients(fn, [a, b])
    check_second_order(lambda x, y: fn(x, y) ** 2, [a, b])


def test_matmul_complex_adjoint_gradient() -> None:
    a = tf.constant(np.array([[1 + 2j, 3 - 1j], [0.5j, 2.0]]))
    b = tf.constant(np.array([[2 - 1j], [1 + 1j]]))
    with tf.GradientTape() as t:
        t.watch([a, b])
        y = tf.reduce_sum(tf.abs(tf.matmul(a, b, adjoint_a=True)) ** 2)
    ga, gb = t.gradient(y, [a, b])
    # d|a^H b|^2: for z = a^H b, dL/da = 2 * b z^H (conjugate convention of TF: grad = 2*conj(dL/dconj))
    z = a.numpy().conj().T @ b.numpy()
    np.testing.assert_allclose(ga.numpy(), 2 * b.numpy() @ z.conj().T, rtol=1e-6)
    np.testing.assert_allclose(gb.numpy(), 2 * a.numpy() @ z, rtol=1e-6)


# -- tensordot and einsum ------------------------------------------------------------------------
_TENSORDOT = [((2, 3, 4), (4, 3), 1), ((2, 3, 4), (4, 3), [[1, 2], [1, 0]]), ((2, 3), (3, 2), [[0], [1]]),
              ((2,), (3,), 0), ((2, 3), (2, 3), 2), ((3, 1, 2), (2, 1), [[2, 1], [0, 1]])]


@given(case=st.sampled_from(_TENSORDOT), seed=_SEEDS)
def test_tensordot(case: tuple, seed: int) -> None:
    sa, sb, axes = case
    rng = _rng(seed)
    a, b = rng.normal(size=sa), rng.normal(size=sb)
    np.testing.assert_allclose(tf.tensordot(tf.constant(a), tf.constant(b), axes).numpy(),
                               np.tensordot(a, b, axes), rtol=1e-12)
    check_gradients(lambda x, y: tf.tensordot(x, y, axes), [a, b])
    check_second_order(lambda x, y: tf.tensordot(x, y, axes) ** 2, [a, b])


_EINSUM = [("ij,jk->ik", [(2, 3), (3, 2)]), ("ij,jk", [(2, 3), (3, 2)]), ("ii->i", [(3, 3)]), ("ii", [(3, 3)]),
           ("bxby->bxy", [(2, 2, 2, 3)]), ("ij->", [(2, 3)]), ("ij->ji", [(2, 3)]), ("i,j->ij", [(2,), (3,)]),
           ("...ij,...jk->...ik", [(2, 2, 3), (3, 2)]), ("...ij,...jk->...ik", [(2, 1, 2, 3), (2, 3, 1)]),
           ("bij,bjk->bik", [(2, 2, 3), (2, 3, 2)]), ("abc,bd->ad", [(2, 3, 2), (3, 2)]),
           ("aab,bc->ac", [(2, 2, 3), (3, 2)]), ("ij,jk,kl->il", [(2, 3), (3, 2), (2, 2)]),
           ("ab,ab->ab", [(2, 3), (2, 3)]), ("...i,...i->...", [(3, 2), (2, 1, 2)]), ("iij->j", [(2, 2, 3)]),
           ("ijk->kji", [(2, 3, 2)]), ("i,i->", [(4,), (4,)])]


@given(case=st.sampled_from(_EINSUM), seed=_SEEDS)
def test_einsum(case: tuple, seed: int) -> None:
    equation, shapes = case
    rng = _rng(seed)
    xs = [rng.normal(size=s) for s in shapes]
    np.testing.assert_allclose(tf.einsum(equation, *[tf.constant(x) for x in xs]).numpy(),
                               np.einsum(equation.replace(" ", ""), *xs), rtol=1e-10, atol=1e-12)
    check_gradients(lambda *v: tf.einsum(equation, *v), xs)
    check_second_order(lambda *v: tf.einsum(equation, *v) ** 2, xs)


def test_einsum_diagonal_extraction_gradient_fills_the_diagonal() -> None:
    # spec: 'bxby->bxy' extracts a diagonal; its gradient is an einsum with a repeated output label
    x = tf.reshape(tf.range(16.0), [2, 2, 2, 2])
    with tf.GradientTape() as t:
        t.watch(x)
        y = tf.einsum("bxby->bxy", x)
    g = t.gradient(y, x).numpy()
    expected = np.zeros((2, 2, 2, 2), np.float32)
    for b in range(2):
        expected[b, :, b, :] = 1.0
    np.testing.assert_array_equal(g, expected)


# -- diagonals and bands -------------------------------------------------------------------------
@given(batch=_BATCH, rows=st.integers(1, 4), cols=st.integers(1, 4), seed=_SEEDS, data=st.data())
def test_diag_part_and_set_diag(batch: tuple, rows: int, cols: int, seed: int, data: st.DataObject) -> None:
    lower = data.draw(st.integers(-rows + 1, cols - 1))
    upper = data.draw(st.integers(lower, cols - 1))
    align = data.draw(st.sampled_from(["RIGHT_LEFT", "LEFT_RIGHT", "LEFT_LEFT", "RIGHT_RIGHT"]))
    k = lower if lower == upper else (lower, upper)
    x = _rng(seed).normal(size=(*batch, rows, cols))
    part = la.diag_part(tf.constant(x), k=k, align=align)
    for n, d in enumerate(range(upper, lower - 1, -1)):
        row = part.numpy() if lower == upper else part.numpy()[..., n, :]
        diag = np.diagonal(x, offset=d, axis1=-2, axis2=-1)
        length = diag.shape[-1]
        left = (d >= 0 and align.startswith("LEFT")) or (d <= 0 and align.endswith("LEFT"))
        start = 0 if left else row.shape[-1] - length
        np.testing.assert_array_equal(row[..., start:start + length], diag)
    rebuilt = la.set_diag(tf.zeros_like(tf.constant(x)), part, k=k, align=align)
    np.testing.assert_array_equal(la.diag_part(rebuilt, k=k, align=align).numpy(), part.numpy())
    check_gradients(lambda v: la.diag_part(v, k=k, align=align), [x])
    check_second_order(lambda v: la.diag_part(v, k=k, align=align) ** 2, [x])
    diag = part.numpy()
    check_gradients(lambda v, d: la.set_diag(v, d, k=k, align=align), [x, diag])
    check_second_order(lambda v, d: la.set_diag(v, d, k=k, align=align) ** 2, [x, diag])
    check_gradients(lambda d: la.diag(d, k=k, num_rows=rows, num_cols=cols, align=align), [diag])


@given(batch=_BATCH, n=st.integers(1, 4), seed=_SEEDS)
def test_diag_and_trace(batch: tuple, n: int, seed: int) -> None:
    rng = _rng(seed)
    d = rng.normal(size=(*batch, n))
    np.testing.assert_array_equal(la.diag(tf.constant(d)).numpy(), d[..., :, None] * np.eye(n))
    m = rng.normal(size=(*batch, n, n))
    np.testing.assert_allclose(la.trace(tf.constant(m)).numpy(), np.trace(m, axis1=-2, axis2=-1), rtol=1e-12)
    check_gradients(la.diag, [d])
    check_gradients(la.trace, [m])
    check_second_order(lambda v: la.trace(v) ** 2, [m])


@given(batch=_BATCH, rows=st.integers(1, 4), cols=st.integers(1, 4), seed=_SEEDS, data=st.data())
def test_band_part(batch: tuple, rows: int, cols: int, seed: int, data: st.DataObject) -> None:
    lower = data.draw(st.integers(-1, rows))
    upper = data.draw(st.integers(-1, cols))
    x = _rng(seed).normal(size=(*batch, rows, cols))
    i, j = np.arange(rows)[:, None], np.arange(cols)[None, :]
    keep = ((lower < 0) | (i - j <= lower)) & ((upper < 0) | (j - i <= upper))
    np.testing.assert_array_equal(la.band_part(tf.constant(x), lower, upper).numpy(), np.where(keep, x, 0.0))
    check_gradients(lambda v: la.band_part(v, lower, upper), [x])
    check_second_order(lambda v: la.band_part(v, lower, upper) ** 2, [x])


@given(batch=_BATCH, seed=_SEEDS)
def test_matrix_transpose_and_adjoint(batch: tuple, seed: int) -> None:
    x = _rng(seed).normal(size=(*batch, 2, 3))
    np.testing.assert_array_equal(la.matrix_transpose(tf.constant(x)).numpy(), np.swapaxes(x, -1, -2))
    c = x + 1j * _rng(seed + 1).normal(size=x.shape)
    np.testing.assert_array_equal(la.adjoint(tf.constant(c)).numpy(), np.conj(np.swapaxes(c, -1, -2)))
    check_gradients(la.matrix_transpose, [x])


# -- inverse, determinants, solves ---------------------------------------------------------------
@given(batch=_BATCH, n=st.integers(1, 3), seed=_SEEDS, adjoint=st.booleans())
def test_inv(batch: tuple, n: int, seed: int, adjoint: bool) -> None:
    a = _well_conditioned(_rng(seed), (*batch, n, n))
    expected = np.linalg.inv(np.swapaxes(a, -1, -2) if adjoint else a)
    np.testing.assert_allclose(la.inv(tf.constant(a), adjoint=adjoint).numpy(), expected, rtol=1e-10, atol=1e-12)
    check_gradients(lambda v: la.inv(v, adjoint=adjoint), [a])
    check_second_order(lambda v: la.inv(v, adjoint=adjoint), [a])


@given(batch=_BATCH, n=st.integers(1, 3), seed=_SEEDS)
def test_det_slogdet_logdet(batch: tuple, n: int, seed: int) -> None:
    rng = _rng(seed)
    a = rng.normal(size=(*batch, n, n))
    assume(np.all(np.abs(np.linalg.det(a)) > 1e-2))
    np.testing.assert_allclose(la.det(tf.constant(a)).numpy(), np.linalg.det(a), rtol=1e-10)
    sign, logabs = la.slogdet(tf.constant(a))
    np_sign, np_logabs = np.linalg.slogdet(a)
    np.testing.assert_array_equal(sign.numpy(), np_sign)
    np.testing.assert_allclose(logabs.numpy(), np_logabs, rtol=1e-10, atol=1e-12)
    check_gradients(la.det, [a])
    check_second_order(la.det, [a])
    check_gradients(lambda v: la.slogdet(v)[1], [a])
    check_second_order(lambda v: la.slogdet(v)[1], [a])
    s = _spd(rng, (*batch, n, n))
    np.testing.assert_allclose(la.logdet(tf.constant(s)).numpy(), np.linalg.slogdet(s)[1], rtol=1e-10)
    # logdet goes through Cholesky, which reads the lower triangle: perturb symmetrically

    def sym_logdet(v: object) -> object:
        return la.logdet((v + la.matrix_transpose(v)) / 2.0)

    check_gradients(sym_logdet, [s])
    check_second_order(sym_logdet, [s])


@given(batch=_BATCH, n=st.integers(1, 3), k=st.integers(1, 2), seed=_SEEDS, adjoint=st.booleans())
def test_solve(batch: tuple, n: int, k: int, seed: int, adjoint: bool) -> None:
    rng = _rng(seed)
    a = _well_conditioned(rng, (*batch, n, n))
    b = rng.normal(size=(*batch, n, k))
    expected = np.linalg.solve(np.swapaxes(a, -1, -2) if adjoint else a, b)
    np.testing.assert_allclose(la.solve(tf.constant(a), tf.constant(b), adjoint=adjoint).numpy(), expected,
                               rtol=1e-10, atol=1e-12)
    check_gradients(lambda x, y: la.solve(x, y, adjoint=adjoint), [a, b])
    check_second_order(lambda x, y: la.solve(x, y, adjoint=adjoint), [a, b])


@given(case=st.sampled_from([((3, 3), (3, 2)), ((2, 2, 2), (2, 2, 1)), ((2, 2, 2), (2, 3)), ((2, 2), (3, 2, 1))]),
       seed=_SEEDS, lower=st.booleans(), adjoint=st.booleans())
def test_triangular_solve(case: tuple, seed: int, lower: bool, adjoint: bool) -> None:
    sa, sb = case
    rng = _rng(seed)
    a = _well_conditioned(rng, sa)
    b = rng.normal(size=sb)
    tri = np.tril(a) if lower else np.triu(a)
    m = np.swapaxes(tri, -1, -2) if adjoint else tri
    batch = np.broadcast_shapes(sa[:-2], sb[:-2])
    expected = np.linalg.solve(np.broadcast_to(m, batch + sa[-2:]), np.broadcast_to(b, batch + sb[-2:]))
    got = la.triangular_solve(tf.constant(a), tf.constant(b), lower=lower, adjoint=adjoint)
    np.testing.assert_allclose(got.numpy(), expected, rtol=1e-10, atol=1e-12)
    check_gradients(lambda x, y: la.triangular_solve(x, y, lower=lower, adjoint=adjoint), [a, b])
    check_second_order(lambda x, y: la.triangular_solve(x, y, lower=lower, adjoint=adjoint), [a, b])


@given(batch=_BATCH, n=st.integers(1, 3), seed=_SEEDS)
def test_cholesky(batch: tuple, n: int, seed: int) -> None:
    rng = _rng(seed)
    a = _spd(rng, (*batch, n, n))
    np.testing.assert_allclose(la.cholesky(tf.constant(a)).numpy(), np.linalg.cholesky(a), rtol=1e-10)
    # the op reads only the lower triangle; perturb symmetrically so finite differences stay on SPD matrices

    def sym(v: object) -> object:
        return la.cholesky((v + la.matrix_transpose(v)) / 2.0)

    check_gradients(sym, [a])
    check_second_order(sym, [a])
    b = rng.normal(size=(*batch, n, 2))
    np.testing.assert_allclose(la.cholesky_solve(la.cholesky(tf.constant(a)), tf.constant(b)).numpy(),
                               np.linalg.solve(a, b), rtol=1e-10)


def test_cholesky_not_positive_definite_gives_nan_lower_triangle() -> None:
    out = la.cholesky(tf.constant([[[1.0, 0.0], [0.0, 1.0]], [[1.0, 2.0], [2.0, 1.0]]])).numpy()
    np.testing.assert_array_equal(out[0], np.eye(2))
    assert np.isnan(out[1][np.tril_indices(2)]).all() and out[1][0, 1] == 0


def test_singular_inverse_raises() -> None:
    with pytest.raises(tf.errors.InvalidArgumentError, match="Input is not invertible"):
        la.inv(tf.constant([[1.0, 2.0], [2.0, 4.0]]))
    with pytest.raises(tf.errors.InvalidArgumentError, match="Input matrix is not invertible"):
        la.solve(tf.constant([[1.0, 2.0], [2.0, 4.0]]), tf.ones([2, 1]))


# -- decompositions ------------------------------------------------------------------------------
def _distinct(values: np.ndarray, gap: float = 0.05) -> bool:
    v = np.sort(values, axis=-1)
    return bool(np.all(np.diff(v, axis=-1) > gap)) if v.shape[-1] > 1 else True


@given(batch=_BATCH, shape=st.sampled_from([(2, 2), (3, 3), (2, 3), (3, 2), (1, 3)]), seed=_SEEDS)
def test_svd(batch: tuple, shape: tuple, seed: int) -> None:
    rng = _rng(seed)
    a = rng.normal(size=batch + shape)
    s_np = np.linalg.svd(a, compute_uv=False)
    assume(_distinct(s_np) and np.all(s_np > 0.05))
    s, u, v = la.svd(tf.constant(a))
    np.testing.assert_allclose(s.numpy(), s_np, rtol=1e-10)
    recon = np.matmul(u.numpy() * s.numpy()[..., None, :], np.swapaxes(v.numpy(), -1, -2))
    np.testing.assert_allclose(recon, a, rtol=1e-10, atol=1e-12)
    w = rng.uniform(0.5, 1.5, size=s_np.shape)
    check_gradients(lambda x: la.svd(x, compute_uv=False) * w, [a])
    check_second_order(lambda x: la.svd(x, compute_uv=False) * w, [a])

    def squares(x: object) -> object:  # sign-invariant functions of u and v
        _, uu, vv = la.svd(x)
        return tf.concat([tf.reshape(uu ** 2, [-1]), tf.reshape(vv ** 2, [-1])], 0)

    check_gradients(squares, [a], rtol=1e-4, atol=1e-6)
    check_second_order(squares, [a], rtol=1e-3, atol=1e-4)


@given(batch=_BATCH, shape=st.sampled_from([(2, 2), (3, 3), (3, 2), (2, 3)]), seed=_SEEDS,
       full=st.booleans())
def test_qr(batch: tuple, shape: tuple, seed: int, full: bool) -> None:
    rng = _rng(seed)
    a = rng.normal(size=batch + shape)
    q, r = la.qr(tf.constant(a), full_matrices=full)
    nq, nr = np.linalg.qr(a, mode="complete" if full else "reduced")
    np.testing.assert_allclose(q.numpy(), nq, rtol=1e-10, atol=1e-12)
    np.testing.assert_allclose(r.numpy(), nr, rtol=1e-10, atol=1e-12)
    if full and shape[0] > shape[1]:
        return  # TensorFlow has no gradient there (NotImplementedError, see conformance)
    assume(np.all(np.abs(np.diagonal(nr, axis1=-2, axis2=-1)) > 0.05))
    check_gradients(lambda x: la.qr(x, full_matrices=full)[0], [a])
    check_gradients(lambda x: la.qr(x, full_matrices=full)[1], [a])
    check_second_order(lambda x: la.qr(x, full_matrices=full)[1], [a], rtol=1e-3, atol=1e-4)


@given(batch=_BATCH, n=st.integers(1, 3), seed=_SEEDS)
def test_eigh(batch: tuple, n: int, seed: int) -> None:
    rng = _rng(seed)
    m = rng.normal(size=(*batch, n, n))
    a = (m + np.swapaxes(m, -1, -2)) / 2
    e_np = np.linalg.eigvalsh(a)
    assume(_distinct(e_np, 0.1))
    e, v = la.eigh(tf.constant(a))
    np.testing.assert_allclose(e.numpy(), e_np, rtol=1e-10, atol=1e-12)
    recon = np.matmul(v.numpy() * e.numpy()[..., None, :], np.swapaxes(v.numpy(), -1, -2))
    np.testing.assert_allclose(recon, a, rtol=1e-10, atol=1e-12)
    np.testing.assert_allclose(la.eigvalsh(tf.constant(a)).numpy(), e_np, rtol=1e-10, atol=1e-12)

    def sym(fn: object) -> object:  # the op reads the lower triangle; keep perturbations symmetric
        return lambda x: fn((x + la.matrix_transpose(x)) / 2.0)

    check_gradients(sym(la.eigvalsh), [a])
    check_second_order(sym(la.eigvalsh), [a])
    check_gradients(sym(lambda x: la.eigh(x)[1] ** 2), [a], rtol=1e-4, atol=1e-6)
    check_second_order(sym(lambda x: la.eigh(x)[1] ** 2), [a], rtol=1e-3, atol=1e-4)


def test_lu_reconstructs_and_has_no_gradient() -> None:
    a = _rng(3).normal(size=(2, 3, 3))
    packed, p = la.lu(tf.constant(a))
    lu = packed.numpy()
    lower = np.tril(lu, -1) + np.eye(3)
    upper = np.triu(lu)
    for i in range(2):
        np.testing.assert_allclose(a[i][p.numpy()[i]], lower[i] @ upper[i], rtol=1e-10, atol=1e-12)
    x = tf.constant(a)
    with tf.GradientTape() as t:
        t.watch(x)
        out = la.lu(x).lu
    with pytest.raises(LookupError, match="Lu"):
        t.gradient(out, x)
