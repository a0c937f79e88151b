"""Philox4x32-10 and TensorFlow's CPU transforms from 32-bit words to values.

Everything is vectorised: one call computes every block (or value) an op needs in a few NumPy array
operations. A *block* is one Philox output of 4 words; a stream is (key, 128-bit counter), block `i`
of it being philox(counter + i, key). See /work/shared/spec/random-streams.md sections 1-2.

The float32 Box-Muller transform reproduces glibc's `logf` and `sincosf` (which TensorFlow's CPU
kernels call on Linux) in vectorised double precision; the rest is float32 arithmetic as TF writes
it, so float32 normals are TensorFlow's bits (docs/differences.md).
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np

_MASK32 = 0xFFFFFFFF
_MASK64 = (1 << 64) - 1
_M0 = np.uint64(0xD2511F53)
_M1 = np.uint64(0xCD9E8D57)
_W0 = 0x9E3779B9
_W1 = 0xBB67AE85
_LO = np.uint64(_MASK32)
_SHIFT = np.uint64(32)
_TWO_PI = 6.283185307179586


def _counter_words(counter: int, index: np.ndarray) -> tuple:
    """The 4 counter words of `counter + index` (128-bit, wrapping) as uint64 arrays."""
    counter &= (1 << 128) - 1
    low = np.uint64(counter & _MASK64)
    high = counter >> 64
    lo64 = index + low  # uint64, wraps
    c0 = lo64 & _LO
    c1 = lo64 >> _SHIFT
    carry = None
    if index.shape[0] and (counter & _MASK64) + int(index.max()) > _MASK64:
        carry = lo64 < low
    if carry is not None:
        hi64 = carry.astype(np.uint64) + np.uint64(high)
        c2 = hi64 & _LO
        c3 = hi64 >> _SHIFT
    else:
        c2 = np.full(index.shape, high & _MASK32, np.uint64)
        c3 = np.full(index.shape, (high >> 32) & _MASK32, np.uint64)
    return c0, c1, c2, c3


def _rounds(c0: np.ndarray, c1: np.ndarray, c2: np.ndarray, c3: np.ndarray, key0: int, key1: int) -> np.ndarray:
    """Ten Philox rounds over arrays of counter words; returns uint32 blocks of shape (n, 4)."""
    k0, k1 = key0 & _MASK32, key1 & _MASK32
    p = np.empty_like(c0)
    q = np.empty_like(c0)
    for r in range(10):
        np.multiply(c0, _M0, out=p)
        np.multiply(c2, _M1, out=q)
        # new c0 = hi(q) ^ c1 ^ k0 ; c1 = lo(q) ; c2 = hi(p) ^ c3 ^ k1 ; c3 = lo(p)
        np.right_shift(q, _SHIFT, out=c0)
        c0 ^= c1
        c0 ^= np.uint64(k0)
        np.bitwise_and(q, _LO, out=c1)
        np.right_shift(p, _SHIFT, out=c2)
        c2 ^= c3
        c2 ^= np.uint64(k1)
        np.bitwise_and(p, _LO, out=c3)
        if r < 9:
            k0 = (k0 + _W0) & _MASK32
            k1 = (k1 + _W1) & _MASK32
    out = np.empty((c0.shape[0], 4), np.uint32)
    out[:, 0] = c0
    out[:, 1] = c1
    out[:, 2] = c2
    out[:, 3] = c3
    return out


_CHUNK = 16384  # blocks per pass: keeps the round arrays in cache (about twice as fast as one pass)


def philox_at(key0: int, key1: int, counter: int, offsets: np.ndarray) -> np.ndarray:
    """Blocks `counter + offsets[i]` (offsets: non-negative integers) as uint32, shape (len, 4)."""
    index = np.asarray(offsets, dtype=np.uint64).reshape(-1)
    counter = int(counter)
    n = index.shape[0]
    if n <= _CHUNK:
        return _rounds(*_counter_words(counter, index), key0, key1)
    out = np.empty((n, 4), np.uint32)
    for start in range(0, n, _CHUNK):
        part = index[start:start + _CHUNK]
        out[start:start + part.shape[0]] = _rounds(*_counter_words(counter, part), key0, key1)
    return out


def philox_blocks(key0: int, key1: int, counter: int, n: int) -> np.ndarray:
    """Blocks `counter .. counter + n - 1` of the stream with key (key0, key1): uint32, shape (n, 4).

    `counter` is the 128-bit counter as a Python int (word c0 least significant)."""
    return philox_at(key0, key1, counter, np.arange(int(n), dtype=np.uint64))


def philox_words(key0: int, key1: int, counter: int, n_words: int) -> np.ndarray:
    """The first `n_words` words of the stream taken word-wise (w0..w3 of block 0, then block 1...)."""
    n_words = int(n_words)
    return philox_blocks(key0, key1, counter, (n_words + 3) // 4).reshape(-1)[:n_words]


def key_counter_from_seeds(seed1: int, seed2: int) -> tuple:
    """A stateful kernel's (key0, key1, counter) from its seed pair: key (lo32, hi32) of seed1 and
    counter `seed2 << 64`."""
    seed1 &= _MASK64
    return seed1 & _MASK32, seed1 >> 32, (seed2 & _MASK64) << 64


def stateless_key_counter(s0: int, s1: int) -> tuple:
    """StatelessRandomGetKeyCounter: (key0, key1, counter) scrambled from a shape-[2] seed (the
    elements already sign-extended to 64 bits, given as Python ints)."""
    s0 &= _MASK64
    s1 &= _MASK64
    counter = (s0 & _MASK32) | (s0 >> 32) << 32 | (s1 & _MASK32) << 64 | (s1 >> 32) << 96
    block = philox_blocks(0x3EC8F720, 0x02461E29, counter, 1)[0]
    return int(block[0]), int(block[1]), int(block[2]) << 64 | int(block[3]) << 96


# -- words to values ---------------------------------------------------------------------------
def uniform_words_f32(words: np.ndarray) -> np.ndarray:
    """Floats in [0, 1): the low 23 bits of each word as the mantissa of a float in [1, 2), minus 1."""
    bits = (words & np.uint32(0x7FFFFF)) | np.uint32(0x3F800000)
    out = bits.view(np.float32)
    out -= np.float32(1.0)
    return out


def uniform_words_f16(words: np.ndarray) -> np.ndarray:
    bits = ((words & np.uint32(0x3FF)) | np.uint32(0x3C00)).astype(np.uint16)
    out = bits.view(np.float16)
    out -= np.float16(1.0)
    return out


def uniform_words_bf16(words: np.ndarray, bf16: np.dtype) -> np.ndarray:
    bits = ((words & np.uint32(0x7F)) | np.uint32(0x3F80)).astype(np.uint16)
    return (bits.view(bf16).astype(np.float32) - np.float32(1.0)).astype(bf16)


def uniform_pairs_f64(w0: np.ndarray, w1: np.ndarray) -> np.ndarray:
    """Doubles in [0, 1) from word pairs: mantissa (w0 & 0xFFFFF) << 32 | w1."""
    bits = (w0.astype(np.uint64) & np.uint64(0xFFFFF)) << _SHIFT
    bits |= w1.astype(np.uint64)
    bits |= np.uint64(0x3FF0000000000000)
    out = bits.view(np.float64)
    out -= 1.0
    return out


# glibc's logf and sincosf (sysdeps/ieee754/flt-32, glibc 2.27+; TensorFlow's CPU kernels call them on
# Linux): table-driven double-precision evaluations, rounded once to float.
_h = float.fromhex
_LOGF_INVC = np.array([_h(t) for t in (
    "0x1.661ec79f8f3bep+0", "0x1.571ed4aaf883dp+0", "0x1.49539f0f010bp+0", "0x1.3c995b0b80385p+0",
    "0x1.30d190c8864a5p+0", "0x1.25e227b0b8eap+0", "0x1.1bb4a4a1a343fp+0", "0x1.12358f08ae5bap+0",
    "0x1.0953f419900a7p+0", "0x1p+0", "0x1.e608cfd9a47acp-1", "0x1.ca4b31f026aap-1",
    "0x1.b2036576afce6p-1", "0x1.9c2d163a1aa2dp-1", "0x1.886e6037841edp-1", "0x1.767dcf5534862p-1")])
_LOGF_LOGC = np.array([_h(t) for t in (
    "-0x1.57bf7808caadep-2", "-0x1.2bef0a7c06ddbp-2", "-0x1.01eae7f513a67p-2", "-0x1.b31d8a68224e9p-3",
    "-0x1.6574f0ac07758p-3", "-0x1.1aa2bc79c81p-3", "-0x1.a4e76ce8c0e5ep-4", "-0x1.1973c5a611cccp-4",
    "-0x1.252f438e10c1ep-5", "0x0p+0", "0x1.aa5aa5df25984p-5", "0x1.c5e53aa362eb4p-4",
    "0x1.526e57720db08p-3", "0x1.bc2860d22477p-3", "0x1.1058bc8a07ee1p-2", "0x1.4043057b6ee09p-2")])
_LN2 = _h("0x1.62e42fefa39efp-1")
_LOGF_A = (_h("-0x1.00ea348b88334p-2"), _h("0x1.5575b0be00b6ap-2"), _h("-0x1.ffffef20a4123p-2"))
_HPI_INV = _h("0x1.45F306DC9C883p+23")  # 2/pi * 2**24
_HPI = _h("0x1.921FB54442D18p0")
_COS = (1.0, _h("-0x1.ffffffd0c621cp-2"), _h("0x1.55553e1068f19p-5"), _h("-0x1.6c087e89a359dp-10"),
        _h("0x1.99343027bf8c3p-16"))
_SIN = (_h("-0x1.555545995a603p-3"), _h("0x1.1107605230bc4p-7"), _h("-0x1.994eb3774cf24p-13"))
_SIN_SIGN = np.array([1.0, -1.0, -1.0, 1.0])
_COS_SIGN = np.array([1.0, 1.0, -1.0, -1.0])


def logf(x: np.ndarray) -> np.ndarray:
    """glibc's `logf` for positive normal float32 `x` (bit for bit)."""
    ix = x.view(np.uint32)
    tmp = ix - np.uint32(0x3F330000)
    i = ((tmp >> np.uint32(19)) & np.uint32(15)).astype(np.intp)  # (take with intp: the fast gather)
    k = tmp.view(np.int32) >> np.int32(23)
    z = (ix - (tmp & np.uint32(0x1FF << 23))).view(np.float32).astype(np.float64)
    r = z * _LOGF_INVC.take(i)
    r -= 1.0
    y0 = k * _LN2
    y0 += _LOGF_LOGC.take(i)
    r2 = r * r
    y = _LOGF_A[1] * r
    y += _LOGF_A[2]
    y += _LOGF_A[0] * r2
    y *= r2
    y0 += r
    y += y0
    return y.astype(np.float32)


def sincosf(v: np.ndarray) -> tuple:
    """glibc's `sincosf` for float32 `v` in [0, 2*pi] (its fast range reduction; bit for bit)."""
    x = v.astype(np.float64)
    n = ((x * _HPI_INV).astype(np.int32) + np.int32(0x800000)) >> np.int32(24)
    xr = x - n * _HPI
    x2 = xr * xr
    x3 = x2 * xr
    x4 = x2 * x2
    s = x3 * _SIN[0]
    s += xr
    s1 = x2 * _SIN[2]
    s1 += _SIN[1]
    s1 *= x3 * x2
    s += s1
    c1 = x2 * _COS[1]
    c1 += _COS[0]
    c = x4 * _COS[2]
    c += c1
    c2 = x2 * _COS[4]
    c2 += _COS[3]
    c2 *= x4 * x2
    c += c2
    q = (n & 3).astype(np.intp)
    s *= _SIN_SIGN.take(q)  # the sine polynomial is odd: the same as evaluating it at -x
    c *= _COS_SIGN.take(q)  # glibc's second table negates the cosine polynomial
    odd = (n & 1).astype(bool)
    sin = np.where(odd, c, s).astype(np.float32)
    cos = np.where(odd, s, c).astype(np.float32)
    return sin, cos


def box_muller_f32(a: np.ndarray, b: np.ndarray) -> tuple:
    """Float32 Box-Muller from word arrays a, b: returns (z0, z1) = (sin v * r, cos v * r), with
    glibc's logf and sincosf as TensorFlow calls them."""
    u1 = uniform_words_f32(a)
    np.maximum(u1, np.float32(1e-7), out=u1)
    v = (uniform_words_f32(b).astype(np.float64) * _TWO_PI).astype(np.float32)
    r = logf(u1)
    r *= np.float32(-2.0)
    np.sqrt(r, out=r)
    z0, z1 = sincosf(v)
    z0 *= r
    z1 *= r
    return z0, z1


_EXTENDED = np.finfo(np.longdouble).nmant >= 63  # x87 80-bit long double
def _c_log(v: float) -> float:
    if v > 0:
        return math.log(v)
    return -math.inf if v == 0 else math.nan


_math_log = np.frompyfunc(_c_log, 1, 1)
_c_log1p = np.frompyfunc(lambda v: math.log1p(v) if v > -1 else (-math.inf if v == -1 else math.nan), 1, 1)
_c_exp = np.frompyfunc(lambda v: math.exp(v) if v < 709.78 else math.inf, 1, 1)
_c_pow = np.frompyfunc(lambda a, b: math.pow(a, b) if a > 0 else (0.0 if a == 0 and b > 0 else math.nan), 2, 1)


_LGAMMA: list = []


def _c_lgamma() -> Any:
    """The C library's `lgamma` (what TF's PTRS test calls; CPython's `math.lgamma` is its own and
    differs by an ulp about half the time), loaded on first use; `math.lgamma` without one."""
    if not _LGAMMA:
        function: Any = math.lgamma
        try:
            import ctypes
            import ctypes.util

            libm = ctypes.CDLL(ctypes.util.find_library("m") or "libm.so.6")
            function = libm.lgamma
            function.restype = ctypes.c_double
            function.argtypes = [ctypes.c_double]
        except (OSError, AttributeError):
            pass
        _LGAMMA.append(function)
    return _LGAMMA[0]


def c_log1p(x: np.ndarray) -> np.ndarray:
    """The C library's `log1p`, element by element (NumPy's can differ in the last bit)."""
    return _c_log1p(np.asarray(x, dtype=np.float64)).astype(np.float64)


def c_exp(x: np.ndarray) -> np.ndarray:
    """The C library's `exp`, element by element (NumPy's SIMD exp can differ in the last bit)."""
    return _c_exp(np.asarray(x, dtype=np.float64)).astype(np.float64)


def c_pow(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """The C library's `pow`, element by element."""
    return _c_pow(np.asarray(x, dtype=np.float64), np.asarray(y, dtype=np.float64)).astype(np.float64)


def log(x: np.ndarray) -> np.ndarray:
    """The C library's double `log` (glibc: within 0.52 ulp, so it rounds like the exact value except
    within 0.02 ulp of a midpoint), vectorised: NumPy's extended-precision log, with `math.log` (the C
    library) for the few values near a rounding midpoint. NumPy's own float64 log differs in ~0.5 %."""
    x = np.asarray(x, dtype=np.float64)
    if not _EXTENDED:
        return _math_log(x).astype(np.float64)
    with np.errstate(all="ignore"):
        wide = np.log(x.astype(np.longdouble))
        out = wide.astype(np.float64)
        frac = ((wide - out) / np.abs(np.spacing(out))).astype(np.float64)
    near = ~(np.abs(frac) <= 0.45)  # (also NaN, inf and zero-spacing cases)
    if near.any():
        out[near] = _math_log(x[near]).astype(np.float64)
    return out


def box_muller_f64(w0: np.ndarray, w1: np.ndarray, w2: np.ndarray, w3: np.ndarray) -> tuple:
    u1 = uniform_pairs_f64(w0, w1)
    np.maximum(u1, 1e-7, out=u1)
    v = uniform_pairs_f64(w2, w3) * _TWO_PI
    r = np.sqrt(-2.0 * log(u1))
    return np.sin(v) * r, np.cos(v) * r


def _dtype_kind(np_dtype: np.dtype) -> str:
    if np_dtype == np.float64:
        return "f64"
    if np_dtype == np.float32:
        return "f32"
    if np_dtype == np.float16:
        return "f16"
    return "bf16"


def uniform(key0: int, key1: int, counter: int, n: int, np_dtype: np.dtype) -> np.ndarray:
    """`n` uniform floats in [0, 1) of `np_dtype` (flat), TF's fill from the stream's start."""
    kind = _dtype_kind(np_dtype)
    if kind == "f64":
        blocks = philox_blocks(key0, key1, counter, (n + 1) // 2)
        return uniform_pairs_f64(blocks[:, 0::2].reshape(-1), blocks[:, 1::2].reshape(-1))[:n]
    words = philox_blocks(key0, key1, counter, (n + 3) // 4).reshape(-1)[:n]
    if kind == "f32":
        return uniform_words_f32(words)
    if kind == "f16":
        return uniform_words_f16(words)
    return uniform_words_bf16(words, np_dtype)


def normal(key0: int, key1: int, counter: int, n: int, np_dtype: np.dtype) -> np.ndarray:
    """`n` standard normal values of `np_dtype` (flat)."""
    kind = _dtype_kind(np_dtype)
    if kind == "f64":
        blocks = philox_blocks(key0, key1, counter, (n + 1) // 2)
        z0, z1 = box_muller_f64(blocks[:, 0], blocks[:, 1], blocks[:, 2], blocks[:, 3])
        out = np.empty((blocks.shape[0], 2), np.float64)
        out[:, 0] = z0
        out[:, 1] = z1
        return out.reshape(-1)[:n]
    blocks = (n + 3) // 4
    out = np.empty((blocks * 2, 2), np.float32)
    for start in range(0, blocks, _CHUNK):
        count = min(_CHUNK, blocks - start)
        words = _rounds(*_counter_words(int(counter), np.arange(start, start + count, dtype=np.uint64)), key0, key1)
        pairs = words.reshape(-1, 2)
        z0, z1 = box_muller_f32(pairs[:, 0], pairs[:, 1])
        out[2 * start:2 * (start + count), 0] = z0
        out[2 * start:2 * (start + count), 1] = z1
    out = out.reshape(-1)[:n]
    return out if kind == "f32" else out.astype(np_dtype)


def _candidates(blocks: np.ndarray, kind: str) -> np.ndarray:
    """Box-Muller values of whole blocks, in word order: (m, 4) for float32, (m, 2) for float64."""
    if kind == "f64":
        z0, z1 = box_muller_f64(blocks[:, 0], blocks[:, 1], blocks[:, 2], blocks[:, 3])
        return np.stack([z0, z1], axis=1)
    pairs = blocks.reshape(-1, 2)
    z0, z1 = box_muller_f32(np.ascontiguousarray(pairs[:, 0]), np.ascontiguousarray(pairs[:, 1]))
    return np.stack([z0, z1], axis=1).reshape(-1, 4)


def _truncated_groups(key0: int, key1: int, counter: int, first: int, groups: int, kind: str) -> np.ndarray:
    """Groups first .. first+groups-1 of a truncated-normal fill (see `truncated_normal`)."""
    group = 2 if kind == "f64" else 4
    stride = np.uint64(128 if kind == "f64" else 256)
    base = np.arange(first, first + groups, dtype=np.uint64) * stride
    candidates = _candidates(philox_at(key0, key1, counter, base), kind)
    ok = np.abs(candidates) < candidates.dtype.type(2.0)
    out = candidates.copy()
    filled = ok.sum(axis=1)
    partial = np.nonzero(filled < group)[0]
    if not partial.size:
        return out
    # groups with a rejection: keep their accepted values in order, then draw further blocks
    filled = np.zeros(groups, np.int64)
    pending = partial
    step = 0
    while pending.size:
        if step:
            candidates = _candidates(philox_at(key0, key1, counter, base[pending] + np.uint64(step)), kind)
            ok = np.abs(candidates) < candidates.dtype.type(2.0)
        else:
            candidates, ok = candidates[pending], ok[pending]
        rank = np.cumsum(ok, axis=1) - 1 + filled[pending][:, None]
        take = ok & (rank < group)
        rows, cols = np.nonzero(take)
        out[pending[rows], rank[rows, cols]] = candidates[rows, cols]
        filled[pending] += take.sum(axis=1)
        pending = pending[filled[pending] < group]
        step += 1
    return out


def truncated_normal(key0: int, key1: int, counter: int, n: int, np_dtype: np.dtype) -> np.ndarray:
    """`n` standard normal values within (-2, 2): groups of 4 (float64: 2) outputs, group g drawing
    word-wise from its own region at counter + g * 256 (128) blocks, until it has kept 4 (2)."""
    kind = _dtype_kind(np_dtype)
    group = 2 if kind == "f64" else 4
    groups = (n + group - 1) // group
    out = np.empty((groups, group), np.float64 if kind == "f64" else np.float32)
    for first in range(0, groups, _CHUNK):
        count = min(_CHUNK, groups - first)
        out[first:first + count] = _truncated_groups(key0, key1, counter, first, count, kind)
    out = out.reshape(-1)[:n]
    return out if kind in ("f32", "f64") else out.astype(np_dtype)


def uniform_int(key0: int, key1: int, counter: int, n: int, lo: int, hi: int, np_dtype: np.dtype) -> np.ndarray:
    """`n` integers `lo + (word mod (hi - lo))` (int32: one word; int64: two words per value)."""
    if np_dtype == np.int64:
        blocks = philox_blocks(key0, key1, counter, (n + 1) // 2).astype(np.uint64)
        words = (blocks[:, 0::2] | blocks[:, 1::2] << _SHIFT).reshape(-1)[:n]
        r = np.uint64((hi - lo) & _MASK64)
        return ((words % r) + np.uint64(lo & _MASK64)).view(np.int64)
    words = philox_blocks(key0, key1, counter, (n + 3) // 4).reshape(-1)[:n]
    r = np.uint32((hi - lo) & _MASK32)
    return ((words % r) + np.uint32(lo & _MASK32)).view(np.int32)


def full_int(key0: int, key1: int, counter: int, n: int, np_dtype: np.dtype) -> np.ndarray:
    """`n` full-range integers: the words reinterpreted (64-bit types: w[2i] | w[2i+1] << 32)."""
    if np_dtype.itemsize == 8:
        blocks = philox_blocks(key0, key1, counter, (n + 1) // 2).astype(np.uint64)
        words = (blocks[:, 0::2] | blocks[:, 1::2] << _SHIFT).reshape(-1)[:n]
        return words.view(np_dtype)
    return philox_blocks(key0, key1, counter, (n + 3) // 4).reshape(-1)[:n].view(np_dtype)


# -- samplers with a data-dependent number of words -------------------------------------------
def permutation(key0: int, key1: int, counter: int, n: int) -> np.ndarray:
    """RandomShuffle's permutation of range(n): a forward Fisher-Yates pass over word-wise words,
    `j = i + word_i mod (n - i)` for i = 0 .. n-2. (The swaps are sequential by nature; the words
    and their reductions are computed in one vectorised pass.)"""
    if n <= 1:
        return np.arange(n, dtype=np.int64)
    words = philox_words(key0, key1, counter, n - 1).astype(np.int64)
    offsets = (words % np.arange(n, 1, -1, dtype=np.int64)).tolist()
    perm = list(range(n))
    for i, off in enumerate(offsets):
        j = i + off
        perm[i], perm[j] = perm[j], perm[i]
    return np.array(perm, dtype=np.int64)


def categorical(key0: int, key1: int, counter: int, logits: np.ndarray, num_samples: int) -> np.ndarray:
    """Multinomial's single-piece CPU kernel: per row a double CDF of exp(logit - max finite logit)
    over the finite logits, searched (upper bound) with `uniform_f64 * total`, two words per sample
    taken word-wise across rows. Returns int64 indices of shape (batch, num_samples)."""
    batch = logits.shape[0]
    out = np.empty((batch, num_samples), np.int64)
    if batch == 0 or num_samples == 0:
        return out
    words = philox_words(key0, key1, counter, 2 * batch * num_samples).reshape(batch, num_samples, 2)
    uniforms = uniform_pairs_f64(words[..., 0].reshape(-1), words[..., 1].reshape(-1)).reshape(batch, num_samples)
    finite = np.isfinite(logits)
    lowest = np.finfo(logits.dtype).min if logits.dtype.kind == "f" else np.finfo(np.float32).min
    top = np.where(finite, logits, lowest).max(axis=1).astype(np.float64)
    weights = np.where(finite, c_exp(np.where(finite, logits.astype(np.float64), 0.0) - top[:, None]), 0.0)
    cdf = np.cumsum(weights, axis=1)
    total = cdf[:, -1]
    for b in range(batch):
        out[b] = np.searchsorted(cdf[b], uniforms[b] * total[b], side="right")
    return out


class _Buffers:
    """Per-output generators of a region sampler: each output `o` draws blocks from its own region
    (`counter + stride * o`), and keeps one buffer of doubles per consumer, refilled from one block
    and handed out last first (TF's `UNIFORM`/normal buffers)."""

    __slots__ = ("key0", "key1", "counter", "base", "next_block", "values", "left")

    def __init__(self, key0: int, key1: int, counter: int, outputs: int, stride: Any, consumers: int) -> None:
        self.key0, self.key1, self.counter = key0, key1, counter
        self.base = np.arange(outputs, dtype=np.uint64) * np.asarray(stride, dtype=np.uint64)
        self.next_block = np.zeros(outputs, np.uint64)
        self.values = [np.zeros((outputs, 2)) for _ in range(consumers)]
        self.left = [np.zeros(outputs, np.int64) for _ in range(consumers)]

    def take(self, which: int, idx: np.ndarray, normal: bool = False) -> np.ndarray:
        """The next double of consumer `which` for outputs `idx` (uniform, or normal from one block)."""
        left = self.left[which]
        values = self.values[which]
        empty = idx[left[idx] == 0]
        if empty.size:
            blocks = philox_at(self.key0, self.key1, self.counter, self.base[empty] + self.next_block[empty])
            self.next_block[empty] += np.uint64(1)
            if normal:
                z0, z1 = box_muller_f64(blocks[:, 0], blocks[:, 1], blocks[:, 2], blocks[:, 3])
            else:
                z0 = uniform_pairs_f64(blocks[:, 0], blocks[:, 1])
                z1 = uniform_pairs_f64(blocks[:, 2], blocks[:, 3])
            values[empty, 0] = z0
            values[empty, 1] = z1
            left[empty] = 2
        left[idx] -= 1
        return values[idx, left[idx]]


def _to_storage(samples: np.ndarray, num_params: int, num_samples: int) -> np.ndarray:
    """Outputs computed in parameter-major order (o = param * num_samples + sample), stored
    parameter-minor (sample * num_params + param)."""
    return samples.reshape(num_params, num_samples).T.reshape(-1)


def gamma(key0: int, key1: int, counter: int, alpha: np.ndarray, num_samples: int) -> np.ndarray:
    """RandomGamma's CPU kernel (Marsaglia-Tsang in double), vectorised over outputs; returns float64
    samples in storage order (shape num_samples * alpha.size)."""
    alpha = alpha.reshape(-1).astype(np.float64)
    num_alphas = alpha.size
    outputs = num_alphas * num_samples
    result = np.empty(outputs)
    if outputs == 0:
        return result
    a = np.repeat(alpha, num_samples)
    buffers = _Buffers(key0, key1, counter, outputs, 256, 2)  # consumer 0: uniform, 1: normal
    ones = np.nonzero(a == 1.0)[0]
    if ones.size:
        result[ones] = -c_log1p(-buffers.take(0, ones))
    rest = np.nonzero(a != 1.0)[0]
    small = a < 1.0
    d = a + np.where(small, 2.0 / 3, -1.0 / 3)
    with np.errstate(all="ignore"):
        c = (1.0 / 3) / np.sqrt(d)
    active = rest
    while active.size:
        x = buffers.take(1, active, normal=True)
        v = 1.0 + c[active] * x
        positive = ~(v <= 0)  # TF's `if (v <= 0) continue;`: a NaN v (alpha < 0 or NaN) is kept
        idx, x, v = active[positive], x[positive], v[positive]
        v = v * v * v
        u = buffers.take(0, idx)
        with np.errstate(all="ignore"):
            accept = u < 1.0 - ((0.0331 * (x * x)) * (x * x))
            late = ~accept
            xl, vl = x[late], v[late]
            accept[late] = log(u[late]) < (0.5 * xl) * xl + d[idx[late]] * ((1.0 - vl) + log(vl))
        done = idx[accept]
        value = d[done] * v[accept]
        boost = small[done]
        if boost.any():
            extra = buffers.take(0, done[boost])
            with np.errstate(all="ignore"):
                value[boost] *= c_pow(extra, 1.0 / a[done[boost]])
        result[done] = value
        finished = np.zeros(outputs, bool)
        finished[done] = True
        active = active[~finished[active]]
    return _to_storage(result, num_alphas, num_samples)


def poisson(key0: int, key1: int, counter: int, rate: np.ndarray, num_samples: int) -> np.ndarray:
    """RandomPoissonV2's CPU kernel in double (Knuth below rate 10, Hormann's PTRS from 10 on),
    vectorised over outputs; returns float64 samples in storage order."""
    rate = rate.reshape(-1).astype(np.float64)
    num_rates = rate.size
    outputs = num_rates * num_samples
    result = np.zeros(outputs)
    if outputs == 0:
        return result
    r = np.repeat(rate, num_samples)
    buffers = _Buffers(key0, key1, counter, outputs, 256, 1)
    bad = ~np.isfinite(r) | (r < 0)
    result[bad] = np.nan
    knuth = np.nonzero(~bad & (r < 10) & (r > 0))[0]
    if knuth.size:
        limit = c_exp(-r[knuth])
        prod = np.ones(knuth.size)
        count = np.zeros(knuth.size)
        pos = np.arange(knuth.size)
        while pos.size:
            prod[pos] *= buffers.take(0, knuth[pos])
            stop = prod[pos] <= limit[pos]
            result[knuth[pos[stop]]] = count[pos[stop]]
            pos = pos[~stop]
            count[pos] += 1
    ptrs = np.nonzero(~bad & (r >= 10))[0]
    if ptrs.size:
        rr = r[ptrs]
        log_rate = log(rr)
        b = 0.931 + 2.53 * np.sqrt(rr)
        a = -0.059 + 0.02483 * b
        inv_alpha = 1.1239 + 1.1328 / (b - 3.4)
        vr = 0.9277 - 3.6224 / (b - 2)
        pos = np.arange(ptrs.size)
        lgamma = np.frompyfunc(_c_lgamma(), 1, 1)
        while pos.size:
            u = buffers.take(0, ptrs[pos]) - 0.5
            v = buffers.take(0, ptrs[pos])
            us = 0.5 - np.abs(u)
            with np.errstate(all="ignore"):
                k = np.floor((2 * a[pos] / us + b[pos]) * u + rr[pos] + 0.43)
            accept = (us >= 0.07) & (v <= vr[pos])
            reject = ~accept & ((k < 0) | ((us < 0.013) & (v > us)))
            check = ~accept & ~reject
            if check.any():
                p = pos[check]
                with np.errstate(all="ignore"):
                    s = log(v[check] * inv_alpha[p] / (a[p] / (us[check] * us[check]) + b[p]))
                t = -rr[p] + k[check] * log_rate[p] - lgamma(k[check] + 1).astype(np.float64)
                accept[check] = s <= t
            result[ptrs[pos[accept]]] = k[accept]
            pos = pos[~accept]
    return _to_storage(result, num_rates, num_samples)


_STIRLING_TAIL = np.array([0.0810614667953272, 0.0413406959554092, 0.0276779256849983, 0.02079067210376509,
                           0.0166446911898211, 0.0138761288230707, 0.0118967099458917, 0.0104112652619720,
                           0.00925546218271273, 0.00833056343336287])


def _stirling_tail(k: np.ndarray) -> np.ndarray:
    """TF's `stirling_approx_tail`: tabulated for k <= 9 (index int(k)), a 3-term series beyond."""
    kp1sq = (k + 1) * (k + 1)
    series = (1.0 / 12 - (1.0 / 360 - 1.0 / 1260 / kp1sq) / kp1sq) / (k + 1)
    small = k <= 9
    table = _STIRLING_TAIL[np.clip(k, 0, 9).astype(np.int64)]
    return np.where(small, table, series)


def _binomial_inversion(buffers: _Buffers, idx: np.ndarray, count: np.ndarray, p: np.ndarray) -> np.ndarray:
    """Sums ceil(log u / log1p(-p)) until it exceeds count; returns how many terms came before."""
    out = np.zeros(idx.size)
    total = np.zeros(idx.size)
    num = np.zeros(idx.size)
    pos = np.arange(idx.size)
    log_q = c_log1p(-p)
    while pos.size:
        u = buffers.take(0, idx[pos])
        with np.errstate(all="ignore"):
            total[pos] += np.ceil(log(u) / log_q[pos])
        stop = total[pos] > count[pos]
        out[pos[stop]] = num[pos[stop]]
        pos = pos[~stop]
        num[pos] += 1
    return out


def _btrs(buffers: _Buffers, idx: np.ndarray, count: np.ndarray, p: np.ndarray) -> np.ndarray:
    """Hormann's BTRS as TF's kernel writes it, vectorised over outputs."""
    out = np.zeros(idx.size)
    stddev = np.sqrt(count * p * (1 - p))
    b = 1.15 + 2.53 * stddev
    a = -0.0873 + 0.0248 * b + 0.01 * p
    c = count * p + 0.5
    v_r = 0.92 - 4.2 / b
    r = p / (1 - p)
    alpha = (2.83 + 5.1 / b) * stddev
    m = np.floor((count + 1) * p)
    pos = np.arange(idx.size)
    while pos.size:
        u = buffers.take(0, idx[pos])
        v = buffers.take(0, idx[pos])
        u = u - 0.5
        us = 0.5 - np.abs(u)
        with np.errstate(all="ignore"):
            k = np.floor((2 * a[pos] / us + b[pos]) * u + c[pos])
        accept = (us >= 0.07) & (v <= v_r[pos])
        check = ~accept & ~((k < 0) | (k > count[pos]))
        if check.any():
            q = pos[check]
            kk, n, mm, rr = k[check], count[q], m[q], r[q]
            with np.errstate(all="ignore"):
                lv = log(v[check] * alpha[q] / (a[q] / (us[check] * us[check]) + b[q]))
                bound = ((mm + 0.5) * log((mm + 1) / (rr * (n - mm + 1)))
                         + (n + 1) * log((n - mm + 1) / (n - kk + 1))
                         + (kk + 0.5) * log(rr * (n - kk + 1) / (kk + 1))
                         + _stirling_tail(mm) + _stirling_tail(n - mm) - _stirling_tail(kk) - _stirling_tail(n - kk))
            accept[check] = lv <= bound
        out[pos[accept]] = k[accept]
        pos = pos[~accept]
    return out


def binomial(key0: int, key1: int, counter: int, counts: np.ndarray, probs: np.ndarray,
             samples_per_batch: int) -> np.ndarray:
    """RandomBinomial's CPU kernel: counts/probs (one per batch member, in the parameter dtype) give
    float64 samples in storage order (sample * num_batches + batch). Inversion regions are 42
    blocks apart, BTRS regions 256; the regime tests run in the parameter dtype, the samplers in
    double."""
    num_batches = counts.size
    outputs = num_batches * samples_per_batch
    result = np.zeros(outputs)
    if outputs == 0:
        return result
    t = probs.dtype.type
    cnt = np.repeat(counts, samples_per_batch)
    prob = np.repeat(probs, samples_per_batch)
    dcount = cnt.astype(np.float64)
    with np.errstate(all="ignore"):
        q = t(1) - prob
        low = prob <= t(0.5)
        high = prob > t(0.5)
        small_p = (cnt * prob).astype(probs.dtype) >= t(10)
        small_q = (cnt * q).astype(probs.dtype) >= t(10)
    zero = (dcount <= 0.0) | (prob <= t(0))
    one = ~zero & (prob >= t(1))
    mid = ~zero & ~one
    use_btrs = mid & ((low & small_p) | (high & small_q))
    stride = np.where(use_btrs, 256, 42)
    buffers = _Buffers(key0, key1, counter, outputs, stride, 1)
    result[one] = dcount[one]
    result[mid & ~low & ~high] = np.nan
    dp = np.where(low, prob, q).astype(np.float64)
    for sampler, mask in ((_btrs, use_btrs), (_binomial_inversion, mid & (low | high) & ~use_btrs)):
        idx = np.nonzero(mask)[0]
        if idx.size:
            sample = sampler(buffers, idx, dcount[idx], dp[idx])
            result[idx] = np.where(low[idx], sample, dcount[idx] - sample)
    return _to_storage(result, num_batches, samples_per_batch)
