"""NumPy helpers shared by the convolution and pooling kernels: TF's output sizes and padding split,
sliding windows over the spatial axes of a channels-last array, and their adjoint (scatter-add).

Arrays are `[N, *spatial, C]`. A window view is `[N, *out, *kernel, C]` (no copy); the adjoint adds
each kernel offset's slice back with one vectorised `+=` per offset (never a loop over pixels).
"""

from __future__ import annotations

import itertools

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view


def out_size(size: int, k: int, s: int, d: int, padding: str, before: int = 0, after: int = 0) -> tuple:
    """(output size, pad before, pad after) for one spatial axis, as TF computes them: SAME puts the
    extra pad after; VALID gives 0 outputs when the window does not fit."""
    k_eff = (k - 1) * d + 1
    if padding == "SAME":
        out = -(-size // s)
        total = max((out - 1) * s + k_eff - size, 0)
        return out, total // 2, total - total // 2
    if padding == "VALID":
        before = after = 0
    span = size + before + after - k_eff
    return (span // s + 1 if span >= 0 else 0), before, after


def geometry(sizes: tuple, ksizes: tuple, strides: tuple, dilations: tuple, padding: str,
             explicit: tuple = ()) -> tuple:
    """(outs, pads) over all spatial axes; `explicit` holds (before, after) per spatial axis."""
    outs = []
    pads = []
    for i, size in enumerate(sizes):
        b, a = explicit[i] if explicit else (0, 0)
        o, b, a = out_size(size, ksizes[i], strides[i], dilations[i], padding, b, a)
        outs.append(o)
        pads.append((b, a))
    return tuple(outs), tuple(pads)


def pad(x: np.ndarray, pads: tuple, value: object = 0) -> np.ndarray:
    if not any(b or a for b, a in pads):
        return x
    return np.pad(x, ((0, 0), *pads, (0, 0)), constant_values=value)


def windows(xp: np.ndarray, outs: tuple, ksizes: tuple, strides: tuple, dilations: tuple) -> np.ndarray:
    """The view `[N, *outs, *ksizes, C]` of the padded input `xp` (read-only, no copy)."""
    nd = len(outs)
    k_eff = tuple((k - 1) * d + 1 for k, d in zip(ksizes, dilations))
    view = sliding_window_view(xp, k_eff, axis=tuple(range(1, nd + 1)))  # [N, *P', C, *k_eff]
    steps = tuple(slice(0, (o - 1) * s + 1, s) for o, s in zip(outs, strides))
    taps = tuple(slice(None, None, d) for d in dilations)
    index = (slice(None), *steps, slice(None), *taps)
    view = view[index]
    return np.moveaxis(view, nd + 1, -1)


def stacked(xp: np.ndarray, outs: tuple, ksizes: tuple, strides: tuple, dilations: tuple) -> np.ndarray:
    """The windows as a copy `[K, N, *outs, C]`, kernel offset first (K = prod(ksizes)): one slice
    copy per offset. With one channel this is the im2col matrix, transposed, built from long rows."""
    out = np.empty((window_size(ksizes), xp.shape[0], *outs, xp.shape[-1]), xp.dtype)
    for j, offset in enumerate(offsets(ksizes)):
        out[j] = xp[offset_slices(offset, outs, strides, dilations)]
    return out


def offsets(ksizes: tuple) -> itertools.product:
    return itertools.product(*(range(k) for k in ksizes))


def window_size(ksizes: tuple) -> int:
    """How many offsets `offsets(ksizes)` yields."""
    size = 1
    for k in ksizes:
        size *= k
    return size


def offset_slices(offset: tuple, outs: tuple, strides: tuple, dilations: tuple) -> tuple:
    """The slice of the padded input that kernel offset `offset` reads, for every output position."""
    spans = tuple(slice(k * d, k * d + (o - 1) * s + 1, s)
                  for k, o, s, d in zip(offset, outs, strides, dilations))
    return (slice(None), *spans, slice(None))


def scatter(cols: np.ndarray, padded_shape: tuple, outs: tuple, ksizes: tuple, strides: tuple,
            dilations: tuple) -> np.ndarray:
    """Adjoint of `windows`: adds `cols` `[N, *outs, *ksizes, C]` into an array of `padded_shape`."""
    nd = len(outs)
    out = np.zeros(padded_shape, cols.dtype)
    if cols.size == 0:
        return out
    lead = (slice(None),) * (nd + 1)
    for offset in offsets(ksizes):
        out[offset_slices(offset, outs, strides, dilations)] += cols[lead + offset]
    return out


def crop(xp: np.ndarray, pads: tuple, sizes: tuple) -> np.ndarray:
    if not any(b or a for b, a in pads):
        return xp
    return xp[(slice(None), *tuple(slice(b, b + n) for (b, _), n in zip(pads, sizes)), slice(None))]
