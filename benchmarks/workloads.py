"""The benchmark workloads. Each is written once against a `tf` parameter (tfshim or TensorFlow) and
once as hand-written NumPy forward+backward code (the floor that ratios are measured against).

A workload is `setup(tf) -> state` plus `run(tf, state)`; the NumPy floor is `floor(arrays)` on the
same data. All float32.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np


@dataclass(frozen=True)
class Workload:
    key: str
    title: str
    setup: Callable[[Any], Any]
    run: Callable[[Any, Any], Any]
    data: Callable[[], dict]
    floor: Callable[[dict], Any]


# -- W1: per-op overhead ---------------------------------------------------------------------------
def _w1_data() -> dict:
    return {"y0": np.float32(0.3)}


def _w1_setup(tf: Any) -> Any:
    return tf.Variable(0.3)


def _w1_run(tf: Any, v: Any) -> Any:
    with tf.GradientTape() as tape:
        y = v
        for _ in range(100):
            y = tf.sin(y * 1.0001 + 0.5)
    return tape.gradient(y, v)


def _w1_floor(d: dict) -> Any:
    y = d["y0"]
    pre = []
    for _ in range(100):
        u = y * np.float32(1.0001) + np.float32(0.5)
        pre.append(u)
        y = np.sin(u)
    g = np.float32(1.0)
    for u in reversed(pre):
        g = g * np.cos(u) * np.float32(1.0001)
    return g


# -- W2/W3: MLP training steps ---------------------------------------------------------------------
def _mlp_data(batch: int, sizes: tuple) -> dict:
    rng = np.random.default_rng(0)
    data = {"x": rng.standard_normal((batch, sizes[0])).astype(np.float32),
            "y": np.eye(sizes[-1], dtype=np.float32)[rng.integers(0, sizes[-1], batch)]}
    for i, (a, b) in enumerate(itertools.pairwise(sizes)):
        data[f"w{i}"] = (rng.standard_normal((a, b)) / np.sqrt(a)).astype(np.float32)
        data[f"b{i}"] = np.zeros(b, np.float32)
    data["layers"] = len(sizes) - 1
    return data


def _mlp_setup(data: dict) -> Callable[[Any], Any]:
    def setup(tf: Any) -> Any:
        params = []
        for i in range(data["layers"]):
            params += [tf.Variable(data[f"w{i}"]), tf.Variable(data[f"b{i}"])]
        return {"x": tf.constant(data["x"]), "y": tf.constant(data["y"]), "params": params}

    return setup


def _mlp_run(tf: Any, s: dict) -> Any:
    params = s["params"]
    with tf.GradientTape() as tape:
        h = s["x"]
        for i in range(0, len(params), 2):
            h = tf.matmul(h, params[i]) + params[i + 1]
            if i + 2 < len(params):
                h = tf.nn.relu(h)
        z = h - tf.reduce_max(h, axis=1, keepdims=True)
        lse = tf.math.log(tf.reduce_sum(tf.exp(z), axis=1))
        loss = tf.reduce_mean(lse - tf.reduce_sum(s["y"] * z, axis=1))
    grads = tape.gradient(loss, params)
    for p, g in zip(params, grads):
        p.assign_sub(0.01 * g)
    return loss


def _mlp_floor(d: dict) -> Any:
    layers = d["layers"]
    ws = [d[f"w{i}"] for i in range(layers)]
    bs = [d[f"b{i}"] for i in range(layers)]
    acts = [d["x"]]
    pres = []
    h = d["x"]
    for i in range(layers):
        pre = h @ ws[i] + bs[i]
        pres.append(pre)
        h = np.maximum(pre, 0) if i + 1 < layers else pre
        acts.append(h)
    z = h - h.max(axis=1, keepdims=True)
    e = np.exp(z)
    s = e.sum(axis=1, keepdims=True)
    loss = np.mean(np.log(s[:, 0]) - (d["y"] * z).sum(axis=1))
    g = (e / s - d["y"]) / np.float32(h.shape[0])
    for i in reversed(range(layers)):
        if i + 1 < layers:
            g = g * (pres[i] > 0)
        gw, gb = acts[i].T @ g, g.sum(axis=0)
        if i:
            g = g @ ws[i].T
        ws[i] = ws[i] - np.float32(0.01) * gw
        bs[i] = bs[i] - np.float32(0.01) * gb
    return loss


# -- W4: a 64x64 Jacobian -------------------------------------------------------------------------
def _w4_data() -> dict:
    rng = np.random.default_rng(1)
    return {"w": (rng.standard_normal((64, 64)) / 8).astype(np.float32),
            "x": rng.standard_normal(64).astype(np.float32)}


def _w4_setup(tf: Any) -> Any:
    d = _w4_data()
    return tf.constant(d["w"]), tf.constant(d["x"])


def _w4_run(tf: Any, s: Any) -> Any:
    w, x = s
    with tf.GradientTape() as tape:
        tape.watch(x)
        y = tf.tanh(tf.reshape(tf.matmul(w, tf.reshape(x, [64, 1])), [64]))
    return tape.jacobian(y, x)


def _w4_floor(d: dict) -> Any:
    y = np.tanh(d["w"] @ d["x"])
    return (1 - y * y)[:, None] * d["w"]


# -- W5: a second derivative through nested tapes --------------------------------------------------
def _w5_data() -> dict:
    return {"x": np.linspace(-2, 2, 1000, dtype=np.float32)}


def _w5_setup(tf: Any) -> Any:
    return tf.constant(_w5_data()["x"])


def _w5_run(tf: Any, x: Any) -> Any:
    with tf.GradientTape() as outer:
        outer.watch(x)
        with tf.GradientTape() as inner:
            inner.watch(x)
            f = tf.reduce_sum(tf.sin(x) * x ** 3)
        g = inner.gradient(f, x)
    return outer.gradient(g, x)


def _w5_floor(d: dict) -> Any:
    x = d["x"]
    s, c, x2 = np.sin(x), np.cos(x), x * x
    _first = c * x2 * x + 3 * x2 * s
    return -s * x2 * x + 6 * x2 * c + 6 * x * s


# -- W6: many variables, few connected, ZERO for the rest ------------------------------------------
def _w6_data() -> dict:
    rng = np.random.default_rng(2)
    return {f"v{i}": rng.standard_normal(16).astype(np.float32) for i in range(50)}


def _w6_setup(tf: Any) -> Any:
    d = _w6_data()
    return [tf.Variable(d[f"v{i}"]) for i in range(50)]


def _w6_run(tf: Any, variables: list) -> Any:
    with tf.GradientTape() as tape:
        loss = tf.reduce_sum(variables[0] * variables[1]) + tf.reduce_sum(tf.square(variables[2])) \
            + tf.reduce_sum(variables[3] * variables[4])
    return tape.gradient(loss, variables, unconnected_gradients=tf.UnconnectedGradients.ZERO)


def _w6_floor(d: dict) -> Any:
    v = [d[f"v{i}"] for i in range(50)]
    _loss = (v[0] * v[1]).sum() + (v[2] ** 2).sum() + (v[3] * v[4]).sum()
    grads = [v[1], v[0], 2 * v[2], v[4], v[3]]
    return grads + [np.zeros_like(x) for x in v[5:]]


_W2 = _mlp_data(32, (64, 128, 10))
_W3 = _mlp_data(256, (784, 512, 512, 10))

WORKLOADS = [
    Workload("W1", "per-op overhead: 100 x sin(y*1.0001+0.5), scalar", _w1_setup, _w1_run, _w1_data, _w1_floor),
    Workload("W2", "small MLP step: batch 32, 64-128-10", _mlp_setup(_W2), _mlp_run, lambda: dict(_W2), _mlp_floor),
    Workload("W3", "large MLP step: batch 256, 784-512-512-10", _mlp_setup(_W3), _mlp_run, lambda: dict(_W3),
             _mlp_floor),
    Workload("W4", "64x64 jacobian of tanh(W @ x)", _w4_setup, _w4_run, _w4_data, _w4_floor),
    Workload("W5", "2nd derivative of sum(sin(x)*x**3), n=1000", _w5_setup, _w5_run, _w5_data, _w5_floor),
    Workload("W6", "50 variables, 5 used, UnconnectedGradients.ZERO", _w6_setup, _w6_run, _w6_data, _w6_floor),
]
