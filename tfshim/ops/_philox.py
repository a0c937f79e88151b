"""Philox4x32-10 and TensorFlow's CPU transforms from 32-bit words to values.

Everything is vectorised: one call computes every block (or value) an op needs in a few NumPy array
operations. A *block* is one Philox output of 4 words; a stream is (key, 128-bit counter), block `i`
of it being philox(counter + i, key). See /work/shared/spec/random-streams.md sections 1-2.

The float32 Box-Muller transform evaluates `log`, `sin` and `cos` in float64 and rounds each result to
float32 (TensorFlow calls the C library's `logf`/`sincosf`); the rest is float32 arithmetic as TF
writes it. That matches TensorFlow's values exactly for about 98.5 % of outputs and within 3 ulp for
the others (docs/differences.md).
"""

from __future__ import annotations

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
    carry = lo64 < low
    c0 = lo64 & _LO
    c1 = lo64 >> _SHIFT
    if carry.any():
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


def philox_at(key0: int, key1: int, counter: int, offsets: np.ndarray) -> np.ndarray:
    """Blocks `counter + offsets[i]` (offsets: non-negative integers) as uint32, shape (len, 4)."""
    index = np.asarray(offsets, dtype=np.uint64).reshape(-1)
    c0, c1, c2, c3 = _counter_words(int(counter), index)
    return _rounds(c0, c1, c2, c3, key0, key1)


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


def box_muller_f32(a: np.ndarray, b: np.ndarray) -> tuple:
    """Float32 Box-Muller from word arrays a, b: returns (z0, z1) = (sin v * r, cos v * r)."""
    u1 = uniform_words_f32(a)
    np.maximum(u1, np.float32(1e-7), out=u1)
    v = (uniform_words_f32(b).astype(np.float64) * _TWO_PI).astype(np.float32)
    r = np.log(u1.astype(np.float64)).astype(np.float32)
    r *= np.float32(-2.0)
    np.sqrt(r, out=r)
    vd = v.astype(np.float64)
    z0 = np.sin(vd).astype(np.float32)
    z0 *= r
    z1 = np.cos(vd, out=vd).astype(np.float32)
    z1 *= r
    return z0, z1


def box_muller_f64(w0: np.ndarray, w1: np.ndarray, w2: np.ndarray, w3: np.ndarray) -> tuple:
    u1 = uniform_pairs_f64(w0, w1)
    np.maximum(u1, 1e-7, out=u1)
    v = uniform_pairs_f64(w2, w3) * _TWO_PI
    r = np.sqrt(-2.0 * np.log(u1))
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
    words = philox_blocks(key0, key1, counter, (n + 3) // 4).reshape(-1, 2)
    z0, z1 = box_muller_f32(words[:, 0], words[:, 1])
    out = np.empty((words.shape[0], 2), np.float32)
    out[:, 0] = z0
    out[:, 1] = z1
    out = out.reshape(-1)[:n]
    return out if kind == "f32" else out.astype(np_dtype)


def truncated_normal(key0: int, key1: int, counter: int, n: int, np_dtype: np.dtype) -> np.ndarray:
    """`n` standard normal values within (-2, 2): groups of 4 (float64: 2) outputs, group g drawing
    word-wise from its own region at counter + g * 256 (128) blocks."""
    kind = _dtype_kind(np_dtype)
    group = 2 if kind == "f64" else 4
    stride = 128 if kind == "f64" else 256
    groups = (n + group - 1) // group
    out = np.empty((groups, group), np.float64 if kind == "f64" else np.float32)
    filled = np.zeros(groups, np.int64)
    pending = np.arange(groups, dtype=np.int64)
    step = 0
    while pending.size:
        blocks = philox_at(key0, key1, counter, pending.astype(np.uint64) * np.uint64(stride) + np.uint64(step))
        if kind == "f64":
            pairs = box_muller_f64(blocks[:, 0], blocks[:, 1], blocks[:, 2], blocks[:, 3])
            candidates = np.stack(pairs, axis=1)  # (m, 2)
        else:
            za, zb = box_muller_f32(blocks[:, 0], blocks[:, 1])
            zc, zd = box_muller_f32(blocks[:, 2], blocks[:, 3])
            candidates = np.stack([za, zb, zc, zd], axis=1)  # (m, 4)
        ok = np.abs(candidates) < candidates.dtype.type(2.0)
        rank = np.cumsum(ok, axis=1) - 1 + filled[pending][:, None]
        take = ok & (rank < group)
        rows, cols = np.nonzero(take)
        out[pending[rows], rank[rows, cols]] = candidates[rows, cols]
        filled[pending] += take.sum(axis=1)
        pending = pending[filled[pending] < group]
        step += 1
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
