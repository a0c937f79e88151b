"""`np.add.reduce` over an array's leading axes, without NumPy's slow path for narrow rows.

Summing a C-contiguous `[R, c]` array over axis 0 runs NumPy's outer loop once per row: with a small
`c` (a bias gradient: `[N*H*W, C]`) that is up to ten times slower than the same sum over wide rows.
Viewing it as `[R/g, g*c]` for a divisor `g` of `R`, summing that, then the `[g, c]` rest, keeps every
pass wide. It is the same sum in another order: float rounding may differ in the last bits (as TF's
tree reduction does from NumPy's) and the error is smaller than the row-by-row sum's.
"""

from __future__ import annotations

from typing import Any

import numpy as np

_add_reduce = np.add.reduce
BIG_SUM = 8192  # smaller arrays go straight to NumPy (callers on hot paths check this first)
_NARROW = 128  # kept rows narrower than this (in elements) are regrouped ...
_WIDE = 512  # ... into rows at least this wide, when a divisor of the reduced count allows


def add_reduce(value: np.ndarray, axes: tuple) -> Any:
    """`np.add.reduce(value, axes)`."""
    if value.size < BIG_SUM:
        return _add_reduce(value, axes)
    r = len(axes)
    shape = value.shape
    if r == len(shape) or axes != tuple(range(r)) or not value.flags.c_contiguous:
        return _add_reduce(value, axes)
    inner = value.size
    count = 1
    for d in shape[:r]:
        count *= d
    inner //= count
    if inner >= _NARROW:
        return _add_reduce(value, axes)
    start = -(-_WIDE // inner)
    for g in range(start, min(4 * start, count // 2) + 1):
        if count % g == 0:
            part = _add_reduce(value.reshape(count // g, g * inner), 0)
            return _add_reduce(part.reshape(g, inner), 0).reshape(shape[r:])
    return _add_reduce(value, axes)
