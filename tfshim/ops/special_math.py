"""Special functions: erf, erfc, lgamma, digamma, polygamma, zeta, and the x-weighted xlogy, xdivy,
xlog1py, each with TensorFlow's gradient.

The kernels are vectorised NumPy (no SciPy). digamma, zeta and polygamma follow the algorithms of
TensorFlow's kernels (Eigen's ports of Cephes) step by step in the input's precision, so they agree
with TensorFlow closely, including at poles and outside their domains. erf, erfc and lgamma are
computed in float64 to a few units in the last place (series, Taylor tables built at import time in
decimal arithmetic, continued fractions, Stirling's series) and rounded to the input dtype, flushing
subnormal results to zero as TensorFlow's CPU kernels do; TensorFlow's float32 kernels use their own
approximations, so the last bit can differ.
"""

from __future__ import annotations

import math
from decimal import Decimal, localcontext
from fractions import Fraction
from typing import Any

import numpy as np

from tfshim._engine.registry import op_def
from tfshim._engine.tensor import EagerTensor
from tfshim.ops._elementwise import matched_binary
from tfshim.ops.arithmetic import add, multiply, negative
from tfshim.ops.complex_ops import conj
from tfshim.ops.unary_math import _const, _unary, exp, square

_F64 = np.dtype(np.float64)


def _via_float64(fn: Any, v: Any) -> Any:
    """Applies a function of flat float64 arrays to `v`, rounding back to `v`'s dtype and shape and
    flushing subnormal float32/float64 results to (signed) zero (float16 keeps them, as in TF)."""
    flat = np.asarray(v, dtype=np.float64).reshape(-1)
    with np.errstate(all="ignore"):
        out = fn(flat).astype(v.dtype)
        subnormal = np.abs(out) < np.finfo(v.dtype).tiny
        if v.dtype != np.float16 and subnormal.any():
            out = np.where(subnormal, np.copysign(np.zeros((), v.dtype), out), out)
    out = out.reshape(np.shape(v))
    return out if out.ndim else out[()]


# -- erf and erfc --------------------------------------------------------------------------------
_TWO_OVER_SQRT_PI = 2.0 / math.sqrt(math.pi)
_INV_SQRT_PI = 1.0 / math.sqrt(math.pi)
_ERF_SERIES_TERMS = 16
_CF_TERMS = 40
_TAYLOR_LO, _TAYLOR_HI, _TAYLOR_STEP, _TAYLOR_TERMS = 0.5, 2.5, 0.125, 16
_ERFC_UNDERFLOW = 27.5  # erfc is below the smallest double from here on
_ERF_NAN_ABOVE = math.sqrt(np.finfo(np.float64).max)  # TF's float64 erf is NaN where x*x overflows


def _exp_minus_square(x: np.ndarray) -> np.ndarray:
    """exp(-x*x) without the rounding error of x*x: x = hi + lo with hi*hi exact."""
    hi = x.astype(np.float32).astype(np.float64)
    return np.exp(-hi * hi) * np.exp(-(x - hi) * (x + hi))


def _erfc_taylor_table() -> np.ndarray:
    """Taylor coefficients of erfc around c = 0.5, 0.625, ..., 2.5, computed at import in 40-digit
    decimal arithmetic: erfc(c) from erf's series, and erfc^(k)(c) = -2/sqrt(pi) (-1)^(k-1)
    H_(k-1)(c) exp(-c^2), H the Hermite polynomials."""
    with localcontext() as ctx:
        ctx.prec = 40
        pi = Decimal("3.141592653589793238462643383279502884197")
        two_over_sqrt_pi = 2 / pi.sqrt()
        rows = []
        for i in range(int((_TAYLOR_HI - _TAYLOR_LO) / _TAYLOR_STEP) + 1):
            c = Decimal(_TAYLOR_LO) + Decimal(_TAYLOR_STEP) * i
            z = c * c
            term = total = c
            n = 0
            while abs(term) > Decimal(10) ** -38:
                n += 1
                term = -term * z / n
                total += term / (2 * n + 1)
            gauss = two_over_sqrt_pi * (-z).exp()
            hermite = [Decimal(1), 2 * c]
            for k in range(1, _TAYLOR_TERMS):
                hermite.append(2 * c * hermite[k] - 2 * k * hermite[k - 1])
            row = [1 - two_over_sqrt_pi * total]
            factorial = Decimal(1)
            for k in range(1, _TAYLOR_TERMS):
                factorial *= k
                row.append(-gauss * (-1) ** (k - 1) * hermite[k - 1] / factorial)
            rows.append([float(v) for v in row])
    return np.array(rows)


_ERFC_TAYLOR = _erfc_taylor_table()


def _erfc_taylor(a: np.ndarray) -> np.ndarray:
    """erfc on [0.5, 2.5] from the nearest Taylor center (|a - c| <= 1/16)."""
    idx = np.rint((a - _TAYLOR_LO) / _TAYLOR_STEP).astype(np.intp)
    h = a - (_TAYLOR_LO + _TAYLOR_STEP * idx)
    total = _ERFC_TAYLOR[idx, -1]
    for j in range(_TAYLOR_TERMS - 2, -1, -1):
        total = total * h + _ERFC_TAYLOR[idx, j]
    return total


def _erfc_positive(a: np.ndarray) -> np.ndarray:
    """erfc(a) for a > 0.5 (and inf/nan): Taylor series up to 2.5, a continued fraction beyond."""
    out = np.empty_like(a)
    mid = a < _TAYLOR_HI
    if mid.any():
        out[mid] = _erfc_taylor(a[mid])
    far = ~mid
    if far.any():
        af = a[far]
        with np.errstate(all="ignore"):
            f = af.copy()
            for k in range(_CF_TERMS, 0, -1):
                f = af + (k / 2) / f
            value = _exp_minus_square(af) * _INV_SQRT_PI / f
        out[far] = np.where(af > _ERFC_UNDERFLOW, 0.0, value)
    return out


def _erf_series(x: np.ndarray) -> np.ndarray:
    """The Maclaurin series of erf, for |x| <= 0.5."""
    z = -(x * x)
    term = x.copy()
    total = x.copy()
    for n in range(1, _ERF_SERIES_TERMS):
        term = term * z / n
        total = total + term / (2 * n + 1)
    return total * _TWO_OVER_SQRT_PI


_SMALL = 8  # up to this many elements, Python's math module is faster than the vectorised code


def _lgamma_scalar(v: float) -> float:
    try:
        return math.lgamma(v)
    except ValueError:  # the poles at 0 and the negative integers
        return math.inf


def _erf64(x: np.ndarray) -> np.ndarray:
    x = np.atleast_1d(x)
    if x.size <= _SMALL:
        return np.array([math.erf(v) for v in x.tolist()], dtype=np.float64)
    out = np.empty_like(x)
    ax = np.abs(x)
    small = ax <= 0.5
    if small.any():
        out[small] = _erf_series(x[small])
    big = ~small
    if big.any():
        out[big] = np.copysign(1.0 - _erfc_positive(ax[big]), x[big])
    return out


def _erfc64(x: np.ndarray) -> np.ndarray:
    x = np.atleast_1d(x)
    if x.size <= _SMALL:
        return np.array([math.erfc(v) for v in x.tolist()], dtype=np.float64)
    out = np.empty_like(x)
    small = np.abs(x) <= 0.5
    if small.any():
        out[small] = 1.0 - _erf_series(x[small])
    big = ~small
    if big.any():
        xb = x[big]
        pos = _erfc_positive(np.abs(xb))
        out[big] = np.where(xb < 0, 2.0 - pos, pos)
    return out


def _erf_kernel(v: Any) -> Any:
    return _via_float64(_erf64_tf if v.dtype == _F64 else _erf64, v)


def _erf64_tf(x: np.ndarray) -> np.ndarray:
    out = _erf64(x)
    out[~(np.abs(x) <= _ERF_NAN_ABOVE)] = np.nan
    return out


def _erfc_kernel(v: Any) -> Any:
    return _via_float64(_erfc64, v)


_ERF = op_def("Erf")
_ERFC = op_def("Erfc")


def erf(x: Any, name: Any = None) -> EagerTensor:
    """`tf.math.erf`. As in TensorFlow, float64 erf is NaN at +-inf and where x*x overflows."""
    return _unary(_ERF, _erf_kernel, x)


@_ERF.gradient
def _erf_grad(op: Any, grad: Any) -> Any:
    two_over_root_pi = _const(_TWO_OVER_SQRT_PI, grad)
    x = conj(op.inputs[0])
    return multiply(multiply(grad, two_over_root_pi), exp(negative(square(x))))


def erfc(x: Any, name: Any = None) -> EagerTensor:
    """`tf.math.erfc`: 1 - erf(x), accurate where erf(x) is close to 1."""
    return _unary(_ERFC, _erfc_kernel, x)


@_ERFC.gradient
def _erfc_grad(op: Any, grad: Any) -> Any:
    minus_two_over_root_pi = _const(-_TWO_OVER_SQRT_PI, grad)
    x = conj(op.inputs[0])
    return multiply(multiply(grad, minus_two_over_root_pi), exp(negative(square(x))))


# -- zeta (Eigen's port of Cephes, in the input's precision) -------------------------------------
def _bernoulli(count: int) -> list:
    """B_0 .. B_{count-1} as Fractions (B_1 = -1/2)."""
    b = [Fraction(0)] * count
    for m in range(count):
        b[m] = Fraction(1) if m == 0 else -sum(math.comb(m + 1, k) * b[k] for k in range(m)) / (m + 1)
    return b


_B = _bernoulli(32)
# (2j)! / B_2j for j = 1..12: the Euler-Maclaurin divisors of Cephes' zeta
_ZETA_A = [float(Fraction(math.factorial(2 * j)) / _B[2 * j]) for j in range(1, 13)]
_MACHEP = {np.dtype(np.float32): np.float32(np.finfo(np.float32).eps / 2),
           np.dtype(np.float64): np.float64(np.finfo(np.float64).eps / 2)}


_ZETA_MOST_NEGATIVE_Q = -1.0e5


def _zeta_kernel(x: Any, q: Any) -> Any:
    """Hurwitz zeta(x, q) = sum over k >= 0 of (k + q)^-x, elementwise, broadcasting."""
    x, q = np.broadcast_arrays(np.asarray(x), np.asarray(q))
    scalar = x.ndim == 0
    x, q = np.atleast_1d(x).astype(x.dtype), np.atleast_1d(q).astype(q.dtype)
    dt = x.dtype.type
    one, zero, half = dt(1), dt(0), dt(0.5)
    machep = _MACHEP[x.dtype]
    out = np.zeros(x.shape, x.dtype)
    done = np.zeros(x.shape, bool)
    # domain: x == 1 is a pole, x < 1 (and NaN x) undefined
    out[x == one] = np.inf
    done |= x == one
    bad = ~(x >= one) & ~done
    out[bad] = np.nan
    done |= bad
    nonpos = ~done & (q <= zero)
    q_int = nonpos & (q == np.floor(q))
    even = q_int & (x == np.floor(x)) & (np.fmod(x, 2) == 0)
    out[even] = np.inf
    out[q_int & ~even] = np.nan
    x_frac = nonpos & ~q_int & (x != np.floor(x))
    out[x_frac] = np.nan
    done |= q_int | x_frac
    # TF's loop runs until q + n > 9, which for a huge negative q never ends in practice; stop instead
    endless = ~done & (q < _ZETA_MOST_NEGATIVE_Q)
    out[endless] = np.nan
    done |= endless
    active = ~done
    s = np.where(active, np.power(np.where(active, q, one), -x), zero)
    a = q.copy()
    b = np.zeros_like(s)
    finished = np.zeros(x.shape, bool)
    running = active.copy()
    i = 0
    is_double = x.dtype == _F64
    while running.any():
        running &= ((i < 9) | (a <= 9.0)) if is_double else np.full(x.shape, i < 9)
        if not running.any():
            break
        i += 1
        a = np.where(running, a + one, a)
        bn = np.power(np.where(running, a, one), -x)
        b = np.where(running, bn, b)
        s = np.where(running, s + bn, s)
        converged = running & (np.abs(b / s) < machep)
        finished |= converged
        running &= ~converged
    tail = active & ~finished & (b != zero)
    if tail.any():
        w = a
        s = np.where(tail, s + b * w / (x - one), s)
        s = np.where(tail, s - half * b, s)
        a = np.ones_like(s)
        k = np.zeros_like(s)
        stopped = ~tail
        for coeff in _ZETA_A:
            a = a * (x + k)
            b = b / w
            t = a * b / dt(coeff)
            s = np.where(stopped, s, s + t)
            stopped |= np.abs(t / s) < machep
            if stopped.all():
                break
            k = k + one
            a = a * (x + k)
            b = b / w
            k = k + one
    out = np.where(active, s, out).astype(x.dtype)
    return out[0] if scalar else out


_ZETA = op_def("Zeta", broadcasting=True)


def zeta(x: Any, q: Any, name: Any = None) -> EagerTensor:
    """`tf.math.zeta`: the Hurwitz zeta function."""
    return matched_binary(_ZETA, _zeta_kernel, x, q)


@_ZETA.gradient
def _zeta_grad(op: Any, grad: Any) -> tuple:
    x, q = conj(op.inputs[0]), conj(op.inputs[1])
    partial_q = multiply(negative(x), zeta(add(x, _const(1, x)), q))
    return None, multiply(partial_q, grad)


# -- digamma (Eigen's algorithm, in the input's precision) ---------------------------------------
# The asymptotic series' Bernoulli terms, highest first, as Eigen's tables hold them.
_DIGAMMA_POLY = {np.dtype(np.float64): [float(_B[2 * k] / (2 * k)) for k in range(7, 0, -1)],
                 np.dtype(np.float32): [float(_B[2 * k] / (2 * k)) for k in range(4, 0, -1)]}
_DIGAMMA_LIMIT = {np.dtype(np.float64): 1.0e17, np.dtype(np.float32): 1.0e8}


def _digamma_native(x: np.ndarray) -> np.ndarray:
    """psi(x) for a float32 or float64 array, computed in that precision."""
    dt = x.dtype.type
    one, half, zero = dt(1), dt(0.5), dt(0)
    pi = dt(np.pi)
    negative_mask = x <= zero
    q = x
    p = np.floor(q)
    pole = negative_mask & (p == q)
    nz = q - p
    above = negative_mask & (nz > half)
    p = np.where(above, p + one, p)
    nz = np.where(above, q - p, nz)
    with np.errstate(all="ignore"):
        cot = pi / np.tan(pi * nz)
    nz = np.where(negative_mask, np.where(nz != half, cot, zero), zero)
    s = np.where(negative_mask, one - x, x)
    w = np.zeros_like(s)
    for _ in range(10):
        step = s < dt(10)
        if not step.any():
            break
        w = np.where(step, w + one / s, w)
        s = np.where(step, s + one, s)
    z = one / (s * s)
    poly = np.zeros_like(s)
    for c in _DIGAMMA_POLY[x.dtype]:
        poly = poly * z + dt(c)
    y = np.where(s < dt(_DIGAMMA_LIMIT[x.dtype]), z * poly, zero)
    y = np.log(s) - (half / s) - y - w
    y = np.where(negative_mask, y - nz, y)
    return np.where(pole, dt(np.nan), y)


def _digamma_kernel(v: Any) -> Any:
    work = np.atleast_1d(np.asarray(v, dtype=np.float32 if v.dtype == np.float16 else v.dtype))
    with np.errstate(all="ignore"):
        out = _digamma_native(work).astype(v.dtype)
    return out.reshape(np.shape(v)) if np.ndim(v) else out[0]


_DIGAMMA = op_def("Digamma")


def digamma(x: Any, name: Any = None) -> EagerTensor:
    """`tf.math.digamma`: the derivative of lgamma (NaN at 0 and the negative integers)."""
    return _unary(_DIGAMMA, _digamma_kernel, x)


@_DIGAMMA.gradient
def _digamma_grad(op: Any, grad: Any) -> Any:
    x = conj(op.inputs[0])
    partial_x = polygamma(_const(1, x), x)
    return multiply(grad, partial_x)


# -- lgamma (float64, rounded to the input dtype) ------------------------------------------------
_EULER = 0.57721566490153286061
_LGAMMA_CENTERS = (1.0, 1.5, 2.0)
_LGAMMA_TERMS = 30


def _lgamma_taylor_tables() -> dict:
    """Coefficients of lgamma(c + z) = lgamma(c) + psi(c) z + sum_k (-1)^k zeta(k, c) / k z^k."""
    psi = {1.0: -_EULER, 1.5: 2.0 - _EULER - 2.0 * math.log(2.0), 2.0: 1.0 - _EULER}
    tables = {}
    for c in _LGAMMA_CENTERS:
        ks = np.arange(2, _LGAMMA_TERMS + 2, dtype=np.float64)
        zetas = _zeta_kernel(ks, np.full_like(ks, c))
        coeffs = [math.lgamma(c) if c == 1.5 else 0.0, psi[c]]
        coeffs += [(-1.0) ** k * z / k for k, z in zip(ks, zetas)]
        tables[c] = np.array(coeffs[::-1])  # highest power first, for Horner
    return tables


_LGAMMA_TAYLOR = _lgamma_taylor_tables()
_STIRLING = [float(_B[2 * k] / (2 * k * (2 * k - 1))) for k in range(1, 10)]
_HALF_LOG_TWO_PI = 0.5 * math.log(2 * math.pi)


def _horner(coeffs: np.ndarray, z: np.ndarray) -> np.ndarray:
    total = np.full_like(z, coeffs[0])
    for c in coeffs[1:]:
        total = total * z + c
    return total


def _lgamma_near(x: np.ndarray) -> np.ndarray:
    """lgamma on [0.75, 2.25) from the Taylor series around 1, 1.5 and 2 (arguments are exact)."""
    out = np.empty_like(x)
    for c in _LGAMMA_CENTERS:
        mask = (x >= c - 0.25) & (x < c + 0.25)
        if mask.any():
            out[mask] = _horner(_LGAMMA_TAYLOR[c], x[mask] - c)
    return out


def _lgamma_positive(x: np.ndarray) -> np.ndarray:
    """lgamma for finite x > 0."""
    out = np.empty_like(x)
    tiny = x < 0.75
    if tiny.any():
        xt = x[tiny]
        out[tiny] = _lgamma_near(xt + 1.0) - np.log(xt)
    near = (x >= 0.75) & (x < 2.25)
    if near.any():
        out[near] = _lgamma_near(x[near])
    mid = (x >= 2.25) & (x < 8.0)
    if mid.any():
        xm = x[mid]
        n = np.floor(xm - 1.25)  # brings xm - n into [1.25, 2.25)
        product = np.ones_like(xm)
        for k in range(1, 7):
            product = np.where(k <= n, product * (xm - k), product)
        out[mid] = _lgamma_near(xm - n) + np.log(product)
    large = x >= 8.0
    if large.any():
        xl = x[large]
        inv = 1.0 / xl
        inv2 = inv * inv
        series = np.zeros_like(xl)
        for c in reversed(_STIRLING):
            series = series * inv2 + c
        out[large] = (xl - 0.5) * np.log(xl) - xl + _HALF_LOG_TWO_PI + series * inv
    return out


def _lgamma64(x: np.ndarray) -> np.ndarray:
    x = np.atleast_1d(x)
    if x.size <= _SMALL:
        return np.array([_lgamma_scalar(v) for v in x.tolist()], dtype=np.float64)
    out = np.full_like(x, np.inf)  # poles at 0 and the negative integers, and +-inf
    out[np.isnan(x)] = np.nan
    pos = (x > 0) & (x < np.inf)
    if pos.any():
        out[pos] = _lgamma_positive(x[pos])
    neg = (x < 0) & (x > -np.inf) & (x != np.floor(x))
    if neg.any():
        xn = x[neg]
        sin_pi = np.abs(np.sin(np.pi * (xn - np.round(xn))))
        out[neg] = np.log(np.pi / sin_pi) - _lgamma_positive(1.0 - xn)
    return out


def _lgamma_kernel(v: Any) -> Any:
    return _via_float64(_lgamma64, v)


_LGAMMA = op_def("Lgamma")


def lgamma(x: Any, name: Any = None) -> EagerTensor:
    """`tf.math.lgamma`: log |Gamma(x)| (inf at 0 and the negative integers)."""
    return _unary(_LGAMMA, _lgamma_kernel, x)


@_LGAMMA.gradient
def _lgamma_grad(op: Any, grad: Any) -> Any:
    return multiply(grad, digamma(conj(op.inputs[0])))


# -- polygamma -----------------------------------------------------------------------------------
def _polygamma_kernel(n: Any, x: Any) -> Any:
    n, x = np.broadcast_arrays(np.asarray(n), np.asarray(x))
    scalar = n.ndim == 0
    n, x = np.atleast_1d(n).astype(n.dtype), np.atleast_1d(x).astype(x.dtype)
    dt = x.dtype.type
    with np.errstate(all="ignore"):
        valid = (np.floor(n) == n) & (n >= 0)
        order0 = valid & (n == 0)
        higher = valid & ~order0
        out = np.full(x.shape, np.nan, x.dtype)
        if order0.any():
            out[order0] = _digamma_native(x[order0])
        if higher.any():
            nplus = n[higher] + dt(1)
            factorial = np.exp(_lgamma64(nplus.astype(np.float64)).astype(x.dtype))
            sign = np.where(np.fmod(nplus, 2) == 0, dt(1), dt(-1))
            out[higher] = sign * factorial * _zeta_kernel(nplus, x[higher])
    return out[0] if scalar else out


_POLYGAMMA = op_def("Polygamma", broadcasting=True)


def polygamma(a: Any, x: Any, name: Any = None) -> EagerTensor:
    """`tf.math.polygamma`: the a-th derivative of digamma (a a non-negative integer, else NaN)."""
    return matched_binary(_POLYGAMMA, _polygamma_kernel, a, x)


@_POLYGAMMA.gradient
def _polygamma_grad(op: Any, grad: Any) -> tuple:
    n, x = conj(op.inputs[0]), conj(op.inputs[1])
    partial_x = polygamma(add(n, _const(1, n)), x)
    return None, multiply(partial_x, grad)


# -- xlogy, xdivy, xlog1py -------------------------------------------------------------------------
_XLOGY = op_def("Xlogy", broadcasting=True)
_XDIVY = op_def("Xdivy", broadcasting=True)
_XLOG1PY = op_def("Xlog1py", broadcasting=True)


def _x_weighted(fn: Any) -> Any:
    def run(x: Any, y: Any) -> Any:
        value = fn(x, y)
        return np.where(np.equal(x, 0), np.zeros_like(value), value)

    run.__name__ = fn.__name__
    return run


def _x_log_y(x: Any, y: Any) -> Any:
    return np.multiply(x, np.log(y))


def _x_div_y(x: Any, y: Any) -> Any:
    from tfshim.ops.arithmetic import _divide_kernel

    return _divide_kernel(x, y)


def _x_log1p_y(x: Any, y: Any) -> Any:
    return np.multiply(x, np.log1p(y))


_XLOGY_KERNEL = _x_weighted(_x_log_y)
_XDIVY_KERNEL = _x_weighted(_x_div_y)
_XLOG1PY_KERNEL = _x_weighted(_x_log1p_y)


def xlogy(x: Any, y: Any, name: Any = None) -> EagerTensor:
    """`tf.math.xlogy`: x * log(y), and 0 wherever x is 0."""
    return matched_binary(_XLOGY, _XLOGY_KERNEL, x, y)


def xdivy(x: Any, y: Any, name: Any = None) -> EagerTensor:
    """`tf.math.xdivy`: x / y, and 0 wherever x is 0."""
    return matched_binary(_XDIVY, _XDIVY_KERNEL, x, y)


def xlog1py(x: Any, y: Any, name: Any = None) -> EagerTensor:
    """`tf.math.xlog1py`: x * log1p(y), and 0 wherever x is 0."""
    return matched_binary(_XLOG1PY, _XLOG1PY_KERNEL, x, y)


def _not_zero(x: EagerTensor) -> EagerTensor:
    """cast(x != 0, x.dtype), as TF's gradients build it."""
    from tfshim.ops.casting import cast
    from tfshim.ops.comparison import not_equal

    return cast(not_equal(x, cast(0.0, x.dtype)), x.dtype)


@_XLOGY.gradient
def _xlogy_grad(op: Any, grad: Any) -> tuple:
    x, y = op.inputs
    partial_x = xlogy(_not_zero(x), y)
    partial_y = xdivy(x, y)
    return multiply(partial_x, grad), multiply(partial_y, grad)


@_XLOG1PY.gradient
def _xlog1py_grad(op: Any, grad: Any) -> tuple:
    x, y = op.inputs
    partial_x = xlog1py(_not_zero(x), y)
    partial_y = xdivy(x, add(y, _const(1.0, y)))
    return multiply(partial_x, grad), multiply(partial_y, grad)


@_XDIVY.gradient
def _xdivy_grad(op: Any, grad: Any) -> tuple:
    from tfshim.ops.arithmetic import pow

    x, y = op.inputs
    partial_x = xdivy(_not_zero(x), y)
    partial_y = xdivy(negative(x), pow(y, _const(2, y)))
    return multiply(partial_x, grad), multiply(partial_y, grad)

