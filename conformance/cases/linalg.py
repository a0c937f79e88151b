"""tf.linalg: matmul, tensordot, einsum, diagonals and bands, inverse, determinants, solves, Cholesky
and the decompositions, with gradients (first and second order) and TensorFlow's errors.

Singular vectors and eigenvectors are only defined up to sign, and TensorFlow's Eigen kernels pick other
signs than LAPACK; the decomposition cases therefore compare sign-invariant quantities (singular values,
eigenvalues, squared vector entries, reconstructions) and their gradients.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from conformance.case import attempt, case


def _rng(seed: int) -> np.random.Generator:
    return np.random.default_rng(seed)


def _grads(tf: Any, fn: Any, *xs: Any) -> list:
    """[value, first gradients, second-order gradients of sum(first * v)] of fn at xs."""
    xs = list(xs)
    with tf.GradientTape(persistent=True) as outer:
        outer.watch(xs)
        with tf.GradientTape() as inner:
            inner.watch(xs)
            y = fn(*xs)
        g = inner.gradient(y, xs)
        directional = [tf.reduce_sum(gi * (1.0 + 0.1 * i)) for i, gi in enumerate(g) if gi is not None]
        total = tf.add_n(directional) if directional else None
    second = attempt(outer.gradient, total, xs) if total is not None else None
    return [y, g, second]


# -- matmul --------------------------------------------------------------------------------------
@case("linalg", "matmul transpose/adjoint combinations, batch broadcasting and gradients")
def matmul_forms(tf: Any) -> Any:
    rng = _rng(0)
    a = tf.constant(rng.normal(size=(3, 4)))
    b = tf.constant(rng.normal(size=(4, 2)))
    ab = tf.constant(rng.normal(size=(2, 1, 3, 4)))
    bb = tf.constant(rng.normal(size=(5, 4, 2)))
    out = [_grads(tf, lambda x, y: tf.matmul(x, y) ** 2, a, b),
           _grads(tf, lambda x, y: tf.matmul(x, y, transpose_a=True) ** 2, tf.transpose(a), b),
           _grads(tf, lambda x, y: tf.matmul(x, y, transpose_b=True) ** 2, a, tf.transpose(b)),
           _grads(tf, lambda x, y: tf.matmul(x, y, adjoint_a=True, adjoint_b=True) ** 2, tf.transpose(a),
                  tf.transpose(b)),
           _grads(tf, lambda x, y: tf.matmul(x, y) ** 2, ab, bb),
           _grads(tf, lambda x, y: tf.matmul(x, y, adjoint_a=True) ** 2, tf.linalg.matrix_transpose(ab), b),
           _grads(tf, lambda x, y: tf.matmul(x, y, transpose_b=True) ** 2, a, tf.linalg.matrix_transpose(bb))]
    return out


@case("linalg", "matmul errors")
def matmul_errors(tf: Any) -> Any:
    return [attempt(tf.matmul, tf.ones([2, 3]), tf.ones([2, 3])), attempt(tf.matmul, tf.ones([3]), tf.ones([3, 2])),
            attempt(tf.matmul, tf.ones([2, 2, 3]), tf.ones([3, 3, 2])),
            attempt(tf.matmul, tf.ones([2, 3]), tf.ones([3, 2], tf.float64)),
            attempt(tf.matmul, tf.ones([2, 3]), tf.ones([3, 2]), transpose_a=True, adjoint_a=True),
            attempt(tf.matmul, tf.ones([2, 2, 3]), tf.ones([2, 2, 3])),
            tf.matmul([[1, 2]], [[3], [4]]), tf.matmul(tf.ones([2, 3], tf.complex64), tf.ones([3, 1], tf.complex64)),
            attempt(tf.matmul, tf.ones([2, 3], tf.int8), tf.ones([3, 1], tf.int8))]


# -- tensordot and einsum ------------------------------------------------------------------------
@case("linalg", "tensordot axes forms, values and gradients")
def tensordot_forms(tf: Any) -> Any:
    a = tf.reshape(tf.range(24.0), [2, 3, 4]) / 10.0
    b = tf.reshape(tf.range(12.0), [4, 3]) / 10.0
    out = []
    for axes in (1, [[1, 2], [1, 0]], [2, 0], [[-1], [0]], ([2], [0]), [[1], [1]]):
        out.append(_grads(tf, lambda x, y, ax=axes: tf.tensordot(x, y, ax) ** 2, a, b))
    out.append(tf.tensordot(tf.ones([2]), tf.ones([3]), 0))
    out.append(tf.tensordot(2.0, 3.0, 0))
    out.append(tf.tensordot([[1.0, 2.0]], [[3.0], [4.0]], 1))
    out.append(tf.linalg.tensordot(tf.ones([2, 2], tf.int32), tf.ones([2, 2], tf.int32), 1))
    return out


@case("linalg", "tensordot errors")
def tensordot_errors(tf: Any) -> Any:
    a = tf.reshape(tf.range(24.0), [2, 3, 4])
    b = tf.reshape(tf.range(12.0), [4, 3])
    return [attempt(tf.tensordot, a, b, 4), attempt(tf.tensordot, a, b, -1),
            attempt(tf.tensordot, a, b, [[1, 2], [1]]), attempt(tf.tensordot, a, b, [[1], [1], [2]]),
            attempt(tf.tensordot, a, tf.ones([4, 3], tf.float64), 1), attempt(tf.tensordot, a, b, 1.0),
            attempt(tf.tensordot, a, b, [[5], [0]]), attempt(tf.tensordot, a, b, tf.constant(1))]


_EQUATIONS = [
    ("ij,jk->ik", [(2, 3), (3, 4)]), ("ij,jk", [(2, 3), (3, 4)]), ("ij , jk -> ik", [(2, 3), (3, 4)]),
    ("ii", [(3, 3)]), ("ii->i", [(3, 3)]), ("bxby->bxy", [(2, 3, 2, 4)]), ("ij->", [(2, 3)]), ("ij->ji", [(2, 3)]),
    ("...ij,...jk->...ik", [(2, 2, 3), (3, 4)]), ("...ij,...jk->...ik", [(2, 1, 2, 3), (5, 3, 4)]),
    ("...ij,jk", [(2, 2, 3), (3, 4)]), ("i,j->ij", [(2,), (3,)]), ("ij,jk,kl->il", [(2, 3), (3, 4), (4, 5)]),
    ("bij,bjk->bik", [(2, 3, 4), (2, 4, 2)]), ("abc,cd->abd", [(2, 3, 4), (4, 5)]), ("abc,bd->ad", [(2, 3, 4), (3, 5)]),
    ("aab,bc->ac", [(3, 3, 2), (2, 4)]), ("i,i->", [(5,), (5,)]), ("iJ->Ji", [(2, 3)]), ("ijk->kji", [(2, 3, 4)]),
    ("ab,ab->ab", [(2, 3), (2, 3)]), ("...i,...i->...", [(3, 4), (2, 1, 4)]), ("ij,kl->ijkl", [(2, 2), (2, 3)]),
]


@case("linalg", "einsum equations: values, gradients and second order", rtol=1e-5, atol=1e-5)
def einsum_equations(tf: Any) -> Any:
    rng = _rng(4)
    out = []
    for equation, shapes in _EQUATIONS:
        xs = [tf.constant(rng.normal(size=s)) for s in shapes]
        out.append(_grads(tf, lambda *v, eq=equation: tf.einsum(eq, *v) ** 2, *xs))
    return out


@case("linalg", "einsum errors and dtypes")
def einsum_errors(tf: Any) -> Any:
    e = tf.einsum
    x = tf.reshape(tf.range(6.0), [2, 3])
    return [attempt(e, "i->ii", tf.ones([3])), attempt(e, "ij,jk->ik", tf.ones([2, 3]), tf.ones([4, 5])),
            attempt(e, "ij,jk->ik", tf.ones([2, 1]), tf.ones([3, 5])),
            attempt(e, "ij,jk->ik", tf.ones([2, 3, 1]), tf.ones([3, 5])), attempt(e, "ij,jk->ik", tf.ones([2, 3])),
            attempt(e, "i1,jk->ik", tf.ones([2, 3]), tf.ones([3, 5])), attempt(e, "ij->k", tf.ones([2, 3])),
            attempt(e, "ij->ii", tf.ones([2, 3])),
            e("ij,jk->ik", tf.ones([2, 3], tf.int32), tf.ones([3, 5], tf.int32)),
            attempt(e, "ij,jk->ik", tf.ones([2, 3], tf.int8), tf.ones([3, 5], tf.int8)),
            e("ij,jk->ik", tf.ones([2, 3], tf.float16), tf.ones([3, 5], tf.float16)),
            attempt(e, "ij->ji", tf.ones([2, 3], tf.bool)), e("ij->ji", tf.ones([2, 3], tf.complex64)),
            attempt(e, "ij,jk->ik", tf.ones([2, 3]), tf.ones([3, 5], tf.float64)),
            attempt(e, "ij,jk->ik", [[1.0, 2.0]], [[3.0], [4.0]]), e("ij->ji", x, optimize="greedy"),
            attempt(e, "ij->ji", x, foo=1), attempt(e, "...ij->...i...", x), attempt(e, "0i->i", x),
            e("ij,jk->ik", tf.ones([0, 3]), tf.ones([3, 5])), attempt(e, ",->", 2.0, 3.0),
            attempt(e, "...ij->ij", tf.ones([2, 2, 3])),
            attempt(e, "...ij,...jk->ik", tf.ones([2, 2, 3]), tf.ones([2, 3, 4])),
            attempt(e, "0...i->i", tf.ones([2, 3]))]


# -- diagonals, bands, transposes --------------------------------------------------------------------
@case("linalg", "diag, diag_part, set_diag with k bands, alignments and padding")
def diagonals(tf: Any) -> Any:
    la = tf.linalg
    r = tf.constant([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]])
    return [la.diag([1.0, 2.0]), la.diag([1.0, 2.0], k=1), la.diag([1.0, 2.0], k=-1, num_rows=4),
            la.diag([1, 2]), la.diag([[1.0, 2.0], [3.0, 4.0]]), la.diag([[1.0, 2.0], [3.0, 4.0]], k=(0, 1)),
            la.diag([[1.0, 2.0, 0.0], [3.0, 4.0, 5.0]], k=(-1, 0), align="LEFT_LEFT"),
            la.diag([1.0, 2.0], num_rows=3), la.diag([1.0, 2.0], num_cols=3),
            la.diag([1.0, 2.0], num_rows=2, num_cols=3, padding_value=7),
            la.diag([[1.0, 2.0], [3.0, 4.0]], k=(0, 1), align="LEFT_RIGHT"), la.diag([1.0, 2.0], k=tf.constant(1)),
            la.diag(tf.zeros([0])), la.diag(tf.ones([2, 3, 2])),
            la.diag_part(r), la.diag_part(r, k=1), la.diag_part(r, k=(-1, 1)),
            la.diag_part(r, k=(-1, 1), padding_value=9), la.diag_part(r, k=-1), la.diag_part(r, k=2),
            la.diag_part(tf.zeros([0, 3])), la.diag_part(tf.zeros([0, 3]), k=1),
            la.diag_part(tf.ones([2, 2], tf.int32)), la.diag_part(tf.ones([2, 2], tf.bool)),
            la.diag_part(r, k=(-1, 1), align="LEFT_RIGHT"),
            la.set_diag(r, [9.0, 8.0]), la.set_diag(r, [[9.0, 8.0], [7.0, 6.0]], k=(0, 1)),
            la.set_diag(tf.zeros([2, 2, 3]), [[1.0, 2.0], [3.0, 4.0]]),
            la.trace(r), la.trace(tf.ones([2, 3, 3])), la.trace(tf.ones([3, 3], tf.int32)),
            la.trace(tf.ones([2, 2], tf.complex64))]


@case("linalg", "diag, diag_part, set_diag, band_part errors")
def diagonal_errors(tf: Any) -> Any:
    la = tf.linalg
    r = tf.constant([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]])
    m = tf.reshape(tf.range(16.0), [4, 4])
    return [attempt(la.diag, [1.0, 2.0], num_rows=3, num_cols=4, padding_value=9), attempt(la.diag, 1.0),
            attempt(la.diag, tf.constant(1.0)), attempt(la.diag, [True, False]),
            attempt(la.diag, [1.0, 2.0], k=(0, 1, 2)), attempt(la.diag, [[1.0, 2.0]], k=(1, 0)),
            attempt(la.diag, tf.constant([[1.0, 2.0]]), k=tf.constant([1, 0])),
            attempt(la.diag, [[1.0, 2.0]], k=(0, 1)), attempt(la.diag, [1.0, 2.0], num_rows=1),
            attempt(la.diag, tf.constant([1.0, 2.0]), num_rows=1), attempt(la.diag, [1.0, 2.0], num_cols=1),
            attempt(la.diag, [[1.0, 2.0], [3.0, 4.0]], k=(0, 1), align="FOO"),
            attempt(la.diag_part, tf.ones([3])), attempt(la.diag_part, [1.0, 2.0]), attempt(la.diag_part, r, k=5),
            attempt(la.diag_part, r, k=(1, 0)), attempt(la.diag_part, r, k=(0, 3)), attempt(la.diag_part, r, k=-2),
            attempt(la.diag_part, r, k=(-2, 0)), attempt(la.diag_part, r, k=tf.constant([-2, 0])),
            attempt(la.diag_part, r, k=3),
            attempt(la.set_diag, r, [9.0, 8.0, 7.0]), attempt(la.set_diag, tf.zeros([2, 2, 3]), [[1.0, 2.0]] * 3),
            attempt(la.set_diag, tf.zeros([3]), [1.0]), attempt(la.set_diag, tf.zeros([3]), tf.constant([1.0])),
            attempt(la.set_diag, tf.zeros([2, 2]), 1.0), attempt(la.set_diag, r, [9.0, 8.0], k=(0, 1)),
            attempt(la.set_diag, tf.zeros([2, 2], tf.int32), [1.0, 2.0]), attempt(la.set_diag, r, [9.0], k=3),
            attempt(la.trace, tf.ones([3])), attempt(la.trace, tf.ones([2, 2], tf.bool)),
            attempt(la.band_part, m, 5, 0), attempt(la.band_part, m, 0, 5), attempt(la.band_part, r, 3, 0),
            attempt(la.band_part, r, 0, 4), attempt(la.band_part, tf.range(4.0), 0, 0),
            attempt(la.band_part, m, tf.constant(1, tf.int64), tf.constant(0, tf.int32)),
            attempt(la.band_part, m, [1], 0), attempt(la.band_part, m, 1.0, 0),
            attempt(la.matrix_transpose, tf.ones([3]))]


@case("linalg", "band_part, transposes and their gradients")
def band_and_transpose(tf: Any) -> Any:
    la = tf.linalg
    m = tf.reshape(tf.range(16.0), [4, 4]) / 10.0
    c = tf.constant([[1 + 2j, 3j], [2.0 + 0j, -1j]])
    out = [la.band_part(m, 1, -1), la.band_part(tf.reshape(tf.range(16), [4, 4]), 0, 0),
           la.band_part(tf.constant([[True, True], [True, True]]), 0, 0), la.band_part(m, -2, 0),
           la.band_part(m, tf.constant(1, tf.int64), 0), la.band_part(tf.reshape(tf.range(6.0), [2, 3]), 0, 1),
           la.band_part(tf.cast(m, tf.complex64), 1, 0), la.band_part(m, 0, -3),
           la.matrix_transpose(tf.ones([2, 3, 4])), la.matrix_transpose(c, conjugate=True), la.adjoint(c),
           la.adjoint(tf.ones([2, 3]))]
    for fn in (lambda x: la.band_part(x, 1, 0) ** 2, lambda x: la.matrix_transpose(x) ** 2,
               lambda x: la.diag_part(x, k=(-1, 1)) ** 2, lambda x: la.diag(la.diag_part(x)) ** 2,
               lambda x: la.set_diag(x, la.diag_part(x) * 3.0) ** 2, lambda x: la.trace(x) ** 2):
        out.append(_grads(tf, fn, m))
    d = tf.constant([[1.0, 2.0], [3.0, 4.0]])
    out.append(_grads(tf, lambda x: la.diag(x, k=(0, 1), num_cols=3) ** 2, d))
    out.append(_grads(tf, lambda x, y: la.set_diag(x, y, k=(-1, 0)) ** 2, m, tf.ones([2, 4])))
    return out


# -- inverse, determinants, solves -----------------------------------------------------------------
@case("linalg", "inv, det, slogdet, logdet, cholesky, eigh, eigvalsh: inputs and errors")
def square_ops(tf: Any) -> Any:
    la = tf.linalg

    def cholesky(m: Any) -> Any:
        # where the factorization fails, TF leaves the upper triangle uninitialized (it differs from run
        # to run), so only the lower triangle is compared
        return la.band_part(la.cholesky(m), -1, 0)

    a = tf.constant([[2.0, 1.0], [1.0, 3.0]])
    s = tf.constant([[1.0, 2.0], [2.0, 4.0]])
    r = tf.constant([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]])
    out = []
    for fn in (la.inv, la.det, la.slogdet, cholesky, la.eigvalsh, la.logdet):
        out.append([attempt(fn, a), attempt(fn, s), attempt(fn, r), attempt(fn, tf.constant([1.0, 2.0])),
                    attempt(fn, tf.constant([[1, 2], [3, 4]])), attempt(fn, tf.constant([[2.0, 1.0], [1.0, 3.0]],
                                                                                         tf.float16)),
                    attempt(fn, tf.constant([[2.0, 1.0], [1.0, 3.0]], tf.complex64)), attempt(fn, tf.zeros([0, 0])),
                    attempt(fn, tf.zeros([2, 0, 0])), attempt(fn, tf.zeros([0, 2, 2])),
                    attempt(fn, tf.constant([[np.nan, 1.0], [1.0, 1.0]])), attempt(fn, [[2.0, 1.0], [1.0, 3.0]])])
    out.append([cholesky(tf.constant([[1.0, 2.0], [2.0, 1.0]])),
                cholesky(tf.constant([[[1.0, 0.0], [0.0, 1.0]], [[1.0, 2.0], [2.0, 1.0]]])),
                cholesky(tf.constant([[4.0, 100.0], [2.0, 5.0]])),
                la.eigvalsh(tf.constant([[4.0, 100.0], [2.0, 5.0]])),
                la.inv(tf.constant([[1.0, 2.0], [3.0, 4.0]]), adjoint=True),
                attempt(la.inv, tf.constant([[1.0, 2.0], [2.0, 4.0]], tf.float64)),
                attempt(la.inv, tf.constant([[[1.0, 0.0], [0.0, 1.0]], [[1.0, 2.0], [2.0, 4.0]]])),
                attempt(la.inv, tf.zeros([2, 2])), attempt(la.inv, tf.constant([[1.0, 2.0], [1.0, 2.0000001]])),
                la.det(tf.zeros([3, 3])), la.slogdet(tf.constant([[0.0, 1.0], [1.0, 0.0]])),
                la.slogdet(tf.zeros([2, 2])), la.det(tf.reshape(tf.range(8.0), [2, 2, 2])),
                attempt(la.eigh, tf.constant([[np.nan, 1.0], [1.0, 1.0]])),
                attempt(la.eigh, tf.ones([2, 2], tf.float16))])
    return out


@case("linalg", "solve and triangular_solve values, broadcasting and errors")
def solves(tf: Any) -> Any:
    la = tf.linalg
    a = tf.constant([[2.0, 1.0], [1.0, 3.0]])
    r = tf.constant([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]])
    b = tf.constant([[1.0], [2.0]])
    t = tf.constant([[2.0, 0.0], [1.0, 3.0]])
    return [la.solve(a, b), la.solve(a, b, adjoint=True), attempt(la.solve, tf.constant([[1.0, 2.0], [2.0, 4.0]]), b),
            attempt(la.solve, r, b), attempt(la.solve, a, tf.ones([3, 1])), attempt(la.solve, a, tf.ones([2])),
            attempt(la.solve, tf.stack([a, a]), b), attempt(la.solve, tf.stack([a, a]), tf.stack([b, b, b])),
            attempt(la.solve, tf.constant([[1, 0], [0, 1]]), tf.constant([[1], [2]])),
            attempt(la.solve, tf.cast(a, tf.float16), tf.cast(b, tf.float16)),
            attempt(la.solve, a, tf.constant([[1.0], [2.0]], tf.float64)),
            la.solve([[2.0, 1.0], [1.0, 3.0]], [[1.0], [2.0]]), la.solve(tf.zeros([0, 0]), tf.zeros([0, 3])),
            attempt(la.solve, tf.constant([[np.nan, 1.0], [1.0, 1.0]]), b),
            la.triangular_solve(t, b), la.triangular_solve(t, b, lower=False), la.triangular_solve(t, b, adjoint=True),
            la.triangular_solve(tf.constant([[0.0, 0.0], [1.0, 3.0]]), b), attempt(la.triangular_solve, r, b),
            attempt(la.triangular_solve, t, tf.ones([3, 1])), la.triangular_solve(tf.stack([t, t]), b),
            attempt(la.triangular_solve, tf.stack([t, t]), tf.stack([b, b, b])),
            attempt(la.triangular_solve, tf.constant([[1, 0], [0, 1]]), tf.constant([[1], [2]])),
            attempt(la.triangular_solve, tf.cast(t, tf.float16), tf.cast(b, tf.float16)),
            attempt(la.triangular_solve, t, tf.ones([2])),
            la.cholesky_solve(la.cholesky(a), b), la.matvec(a, [1.0, 2.0])]


def _spd(rng: np.random.Generator, n: int, batch: tuple = ()) -> np.ndarray:
    m = rng.normal(size=(*batch, n, n))
    return m @ np.swapaxes(m, -1, -2) + n * np.eye(n)


@case("linalg", "inv, det, slogdet, logdet, solve gradients and second order", rtol=1e-5, atol=1e-6)
def square_op_gradients(tf: Any) -> Any:
    rng = _rng(5)
    a = tf.constant(rng.normal(size=(2, 3, 3)) + 3 * np.eye(3))
    spd = tf.constant(_spd(rng, 3, (2,)))
    b = tf.constant(rng.normal(size=(2, 3, 2)))
    la = tf.linalg
    return [_grads(tf, lambda x: la.inv(x) ** 2, a), _grads(tf, lambda x: la.inv(x, adjoint=True) ** 2, a),
            _grads(tf, la.det, a), _grads(tf, lambda x: la.slogdet(x)[1], a),
            _grads(tf, lambda x: la.slogdet(x)[0] * la.slogdet(x)[1], a), _grads(tf, la.logdet, spd),
            _grads(tf, lambda x, y: la.solve(x, y) ** 2, a, b),
            _grads(tf, lambda x, y: la.solve(x, y, adjoint=True) ** 2, a, b)]


@case("linalg", "triangular_solve and cholesky gradients and second order", rtol=1e-5, atol=1e-6)
def triangular_gradients(tf: Any) -> Any:
    rng = _rng(6)
    t = tf.constant(rng.normal(size=(2, 3, 3)) + 4 * np.eye(3))
    b = tf.constant(rng.normal(size=(2, 3, 2)))
    b1 = tf.constant(rng.normal(size=(3, 2)))
    spd = tf.constant(_spd(rng, 3, (2,)))
    la = tf.linalg
    out = []
    for lower in (True, False):
        for adj in (False, True):
            out.append(_grads(tf, lambda x, y, lo=lower, ad=adj: la.triangular_solve(x, y, lower=lo, adjoint=ad) ** 2,
                              t, b))
    out.append(_grads(tf, lambda x, y: la.triangular_solve(x, y) ** 2, t, b1))
    out.append(_grads(tf, lambda x: la.cholesky(x) ** 2, spd))
    out.append(_grads(tf, lambda x, y: la.cholesky_solve(la.cholesky(x), y) ** 2, spd, b))
    return out


# -- decompositions ------------------------------------------------------------------------------
@case("linalg", "svd, qr, eigh, lu: values, shapes and errors (sign-invariant)")
def decompositions(tf: Any) -> Any:
    la = tf.linalg
    r = tf.constant([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]])
    out = []
    for x in (r, tf.transpose(r), tf.constant(_spd(_rng(7), 3, (2,)))):
        for full in (False, True):
            s, u, v = la.svd(x, full_matrices=full)
            out.append([s, u.shape, v.shape, tf.abs(u), tf.abs(v), la.svd(x, compute_uv=False)])
            q, rr = la.qr(x, full_matrices=full)
            out.append([q, rr])
    e, v = la.eigh(tf.constant(_spd(_rng(8), 3)))
    out.append([e, tf.abs(v), la.eigvalsh(tf.constant(_spd(_rng(8), 3)))])
    out.append([attempt(la.svd, tf.ones([3])), attempt(la.svd, tf.ones([2, 2], tf.int32)),
                attempt(la.svd, tf.ones([2, 2], tf.float16)), la.svd(tf.constant([[np.nan, 1.0], [1.0, 1.0]])),
                la.svd(tf.zeros([0, 3])), la.svd(tf.zeros([0, 3]), full_matrices=True),
                attempt(la.qr, tf.ones([3])), attempt(la.qr, tf.ones([2, 2], tf.int32)),
                la.qr(tf.constant([[1.0, 1.0], [1.0, 1.0]], tf.float16)), la.qr(tf.zeros([0, 3])),
                la.qr(tf.zeros([2, 2])), la.qr(tf.constant([[np.nan, 1.0], [1.0, 1.0]])),
                la.svd(tf.constant([[1 + 1j, 2], [3, 4j]], tf.complex64), compute_uv=False)])
    out.append([la.lu(tf.constant([[1.0, 2.0], [3.0, 4.0]])), attempt(la.lu, tf.constant([[1.0, 2.0], [2.0, 4.0]])),
                attempt(la.lu, tf.zeros([2, 2])),
                la.lu(tf.constant([[1.0, 2.0], [3.0, 4.0]]), output_idx_type=tf.int64),
                attempt(la.lu, r), attempt(la.lu, tf.ones([2, 2], tf.float16)),
                la.lu(tf.constant(_rng(9).normal(size=(2, 4, 4))))])
    return out


@case("linalg", "eigh eigenvectors with Eigen's signs, float32/float64/complex, batched", rtol=1e-5, atol=1e-5)
def eigh_vectors(tf: Any) -> Any:
    rng = _rng(12)
    out = []
    for dtype in ("float64", "float32", "complex128"):
        for n in (2, 3, 5):
            m = rng.normal(size=(2, n, n))
            if dtype.startswith("complex"):
                m = m + 1j * rng.normal(size=(2, n, n))
            a = tf.constant((m + np.conj(np.swapaxes(m, -1, -2))).astype(dtype))
            out.append(tf.linalg.eigh(a))
    out.append(tf.linalg.eigh(tf.constant([[2.0]])))
    out.append(tf.linalg.eigh(tf.constant([[1.0, 0.0], [0.0, 1.0]])))
    out.append(tf.linalg.eigh(tf.zeros([3, 3])))
    return out


@case("linalg", "svd singular vectors with Eigen's signs (fewer than 16 columns), float32/float64, batched",
      rtol=1e-5, atol=1e-5)
def svd_vectors(tf: Any) -> Any:
    rng = _rng(13)
    out = []
    for dtype in ("float64", "float32"):
        for shape in ((3, 3), (2, 4), (4, 2), (2, 3, 2), (6, 5), (1, 3)):
            a = tf.constant(rng.normal(size=shape).astype(dtype))
            out.append([tf.linalg.svd(a), tf.linalg.svd(a, full_matrices=True)])
    out.append(tf.linalg.svd(tf.zeros([2, 2])))
    out.append(tf.linalg.svd(tf.constant([[3.0, 0.0], [0.0, -2.0]])))
    return out


@case("linalg", "svd gradients (sign-invariant losses), second order and NotImplementedError", rtol=1e-5,
      atol=1e-6)
def svd_gradients(tf: Any) -> Any:
    la = tf.linalg
    rng = _rng(10)
    out = []
    for shape in ((3, 3), (2, 3), (3, 2), (2, 3, 4)):
        x = tf.constant(rng.normal(size=shape))
        w = tf.constant(rng.normal(size=(*shape[:-2], min(shape[-2:]))))
        out.append(_grads(tf, lambda a, w=w: la.svd(a, compute_uv=False) * w, x))
        out.append(_grads(tf, lambda a, w=w: la.svd(a)[0] * w, x))

        def recon(a: Any) -> Any:
            s, u, v = la.svd(a)
            return tf.matmul(u * s[..., None, :], v, adjoint_b=True) ** 2

        out.append(_grads(tf, recon, x))

        def squares(a: Any) -> Any:
            _s, u, v = la.svd(a)
            return tf.reduce_sum(u ** 2 * tf.range(1.0, u.shape[-1] + 1, dtype=u.dtype)) + \
                tf.reduce_sum(v ** 2 * tf.range(1.0, v.shape[-1] + 1, dtype=v.dtype))

        out.append(_grads(tf, squares, x))
    x = tf.constant(rng.normal(size=(2, 3)))
    out.append(_grads(tf, lambda a: tf.reduce_sum(la.svd(a, full_matrices=True)[2] ** 2 * [1.0, 2.0, 3.0]), x))
    x5 = tf.constant(rng.normal(size=(2, 5)))
    with tf.GradientTape() as t:
        t.watch(x5)
        _s, u, v = la.svd(x5, full_matrices=True)
        y = tf.reduce_sum(u) + tf.reduce_sum(v ** 2)
    out.append(attempt(t.gradient, y, x5))
    return out


@case("linalg", "qr and eigh gradients (sign-invariant where needed), second order", rtol=1e-5, atol=1e-6)
def qr_eigh_gradients(tf: Any) -> Any:
    la = tf.linalg
    rng = _rng(11)
    out = []
    for shape in ((3, 3), (4, 3), (2, 4), (2, 3, 3)):
        x = tf.constant(rng.normal(size=shape))
        out.append(_grads(tf, lambda a: la.qr(a)[0] * 1.5 + tf.reduce_sum(la.qr(a)[1] ** 2), x))
    out.append(_grads(tf, lambda a: la.qr(a, full_matrices=True)[1] ** 2, tf.constant(rng.normal(size=(3, 3)))))
    x = tf.constant(rng.normal(size=(3, 2)))
    with tf.GradientTape() as t:
        t.watch(x)
        r = la.qr(x, full_matrices=True)[1]
    out.append(attempt(t.gradient, r, x))
    for batch in ((), (2,)):
        a = tf.constant(_spd(rng, 3, batch))
        out.append(_grads(tf, lambda m: la.eigvalsh(m) * [1.0, 2.0, 3.0], a))
        out.append(_grads(tf, lambda m: la.eigh(m)[0] ** 2, a))
        out.append(_grads(tf, lambda m: tf.reduce_sum(la.eigh(m)[1] ** 2 * [[1.0, 2.0, 3.0]]), a))
    y = tf.constant([[1.0, 2.0], [3.0, 4.0]])
    with tf.GradientTape() as t:
        t.watch(y)
        lu, _p = la.lu(y)
    out.append(attempt(t.gradient, lu, y))
    return out
