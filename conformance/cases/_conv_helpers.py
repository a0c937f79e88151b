"""Shared by the conv, pooling, normalization and image conformance areas: values with first- and
second-order gradients of one op, with every stage's exception kept as a result."""

from __future__ import annotations

from typing import Any

import numpy as np

F32_TOL = {"rtol": 1e-4, "atol": 1e-2}  # float32 second derivatives sum large terms


def arrays(seed: int, dtype: str, *shapes: tuple) -> list:
    rng = np.random.default_rng(seed)
    return [rng.normal(size=s).astype(dtype) for s in shapes]


def grads_two_orders(tf: Any, fn: Any, values: list, watch: tuple | None = None) -> list:
    """[y, first gradients, second gradients] of `sum(y*y*w)` and `sum(g*g)` over the first gradients."""
    xs = [tf.constant(v) for v in values]
    picked = [xs[i] for i in (watch if watch is not None else range(len(xs)))]
    out: list = []
    try:
        with tf.GradientTape(persistent=True) as outer:
            outer.watch(picked)
            with tf.GradientTape() as inner:
                inner.watch(picked)
                y = fn(*xs)
                out.append(y)
                size = int(np.prod(y.shape))
                w = tf.constant(np.linspace(0.5, 1.5, size).reshape(tuple(y.shape)).astype(y.dtype.name))
                loss = tf.reduce_sum(y * y * w)
            gs = inner.gradient(loss, picked)
            out.append(gs)
            terms = [tf.reduce_sum(g * g) for g in gs if g is not None]
            total = tf.add_n(terms) if terms else None
        if total is not None:
            out.append(outer.gradient(total, picked))
    except Exception as exc:  # the stage that raised is the result
        out.append(exc)
    return out
