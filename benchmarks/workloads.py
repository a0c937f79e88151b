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


# -- W7: one SGD step of a small CNN (conv, relu, max-pool, dense, softmax cross-entropy) ---------
def _w7_data() -> dict:
    rng = np.random.default_rng(7)
    return {"x": rng.standard_normal((32, 28, 28, 1)).astype(np.float32),
            "y": np.eye(10, dtype=np.float32)[rng.integers(0, 10, 32)],
            "w1": (rng.standard_normal((3, 3, 1, 16)) / 3).astype(np.float32), "b1": np.zeros(16, np.float32),
            "w2": (rng.standard_normal((3, 3, 16, 32)) / 12).astype(np.float32), "b2": np.zeros(32, np.float32),
            "w3": (rng.standard_normal((800, 10)) / np.sqrt(800)).astype(np.float32), "b3": np.zeros(10, np.float32)}


def _w7_setup(tf: Any) -> Any:
    d = _w7_data()
    return {"x": tf.constant(d["x"]), "y": tf.constant(d["y"]),
            "params": [tf.Variable(d[k]) for k in ("w1", "b1", "w2", "b2", "w3", "b3")]}


def _w7_run(tf: Any, s: dict) -> Any:
    w1, b1, w2, b2, w3, b3 = params = s["params"]
    with tf.GradientTape() as tape:
        h = tf.nn.max_pool2d(tf.nn.relu(tf.nn.conv2d(s["x"], w1, 1, "VALID") + b1), 2, 2, "VALID")
        h = tf.nn.max_pool2d(tf.nn.relu(tf.nn.conv2d(h, w2, 1, "VALID") + b2), 2, 2, "VALID")
        logits = tf.matmul(tf.reshape(h, [32, 800]), w3) + b3
        z = logits - tf.reduce_max(logits, axis=1, keepdims=True)
        lse = tf.math.log(tf.reduce_sum(tf.exp(z), axis=1))
        loss = tf.reduce_mean(lse - tf.reduce_sum(s["y"] * z, axis=1))
    grads = tape.gradient(loss, params)
    for p, g in zip(params, grads):
        p.assign_sub(0.01 * g)
    return loss


def _w7_im2col(x: np.ndarray, k: int) -> np.ndarray:
    from numpy.lib.stride_tricks import sliding_window_view

    n, h, w, c = x.shape
    cols = sliding_window_view(x, (k, k), axis=(1, 2))  # [N, oh, ow, C, k, k]
    return cols.transpose(0, 1, 2, 4, 5, 3).reshape(n * (h - k + 1) * (w - k + 1), k * k * c)


def _w7_col2im(cols: np.ndarray, shape: tuple, k: int) -> np.ndarray:
    n, h, w, c = shape
    oh, ow = h - k + 1, w - k + 1
    cols = cols.reshape(n, oh, ow, k, k, c)
    out = np.zeros(shape, cols.dtype)
    for i in range(k):
        for j in range(k):
            out[:, i:i + oh, j:j + ow, :] += cols[:, :, :, i, j, :]
    return out


def _w7_pool(h: np.ndarray) -> tuple:
    n, hh, ww, c = h.shape
    crop = h[:, :hh // 2 * 2, :ww // 2 * 2, :].reshape(n, hh // 2, 2, ww // 2, 2, c)
    out = crop.max(axis=(2, 4))
    mask = crop == out[:, :, None, :, None, :]
    return out, mask


def _w7_unpool(g: np.ndarray, mask: np.ndarray, shape: tuple) -> np.ndarray:
    n, hh, ww, c = shape
    full = np.zeros(shape, g.dtype)
    full[:, :hh // 2 * 2, :ww // 2 * 2, :] = (mask * g[:, :, None, :, None, :]).reshape(n, hh // 2 * 2, ww // 2 * 2, c)
    return full


def _w7_floor(d: dict) -> Any:
    lr = np.float32(0.01)
    x, y = d["x"], d["y"]
    w1, b1, w2, b2, w3, b3 = (d[k] for k in ("w1", "b1", "w2", "b2", "w3", "b3"))
    cols1 = _w7_im2col(x, 3)
    pre1 = (cols1 @ w1.reshape(9, 16)).reshape(32, 26, 26, 16) + b1
    a1 = np.maximum(pre1, 0)
    p1, m1 = _w7_pool(a1)
    cols2 = _w7_im2col(p1, 3)
    pre2 = (cols2 @ w2.reshape(144, 32)).reshape(32, 11, 11, 32) + b2
    a2 = np.maximum(pre2, 0)
    p2, m2 = _w7_pool(a2)
    flat = p2.reshape(32, 800)
    logits = flat @ w3 + b3
    z = logits - logits.max(axis=1, keepdims=True)
    e = np.exp(z)
    s = e.sum(axis=1, keepdims=True)
    loss = np.mean(np.log(s[:, 0]) - (y * z).sum(axis=1))
    g = (e / s - y) / np.float32(32)
    gw3, gb3 = flat.T @ g, g.sum(axis=0)
    g = _w7_unpool((g @ w3.T).reshape(32, 5, 5, 32), m2, a2.shape) * (pre2 > 0)
    g2 = g.reshape(-1, 32)
    gw2, gb2 = (cols2.T @ g2).reshape(3, 3, 16, 32), g2.sum(axis=0)
    g = _w7_unpool(_w7_col2im(g2 @ w2.reshape(144, 32).T, p1.shape, 3), m1, a1.shape) * (pre1 > 0)
    g1 = g.reshape(-1, 16)
    gw1, gb1 = (cols1.T @ g1).reshape(3, 3, 1, 16), g1.sum(axis=0)
    return [loss] + [p - lr * q for p, q in ((w1, gw1), (b1, gb1), (w2, gw2), (b2, gb2), (w3, gw3), (b3, gb3))]


_W2 = _mlp_data(32, (64, 128, 10))
_W3 = _mlp_data(256, (784, 512, 512, 10))


# -- W8: a Keras custom-training-loop step -------------------------------------------------------------
def _w8_data() -> dict:
    data = dict(_mlp_data(32, (64, 128, 10)))
    data["labels"] = np.argmax(data["y"], axis=1).astype(np.int32)
    data["slots"] = [np.zeros_like(data[k]) for k in ("w0", "b0", "w1", "b1") for _ in range(2)]
    data["step"] = 0
    return data


def _w8_setup(tf: Any) -> Any:
    d = _w8_data()
    keras = tf.keras
    keras.backend.clear_session()
    model = keras.Sequential([keras.Input((64,)), keras.layers.Dense(128, activation="relu"), keras.layers.Dense(10)])
    model.set_weights([d["w0"], d["b0"], d["w1"], d["b1"]])
    return {"model": model, "x": tf.constant(d["x"]), "y": tf.constant(d["labels"]),
            "loss": keras.losses.SparseCategoricalCrossentropy(from_logits=True), "opt": keras.optimizers.Adam(1e-3)}


def _w8_run(tf: Any, s: dict) -> Any:
    model = s["model"]
    with tf.GradientTape() as tape:
        loss = s["loss"](s["y"], model(s["x"], training=True))
    grads = tape.gradient(loss, model.trainable_variables)
    s["opt"].apply_gradients(zip(grads, model.trainable_variables))
    return loss


def _w8_floor(d: dict) -> Any:
    """The same step by hand: Dense-relu-Dense, softmax cross-entropy on integer labels (mean over the
    batch), its backward pass, and Keras's Adam update (bias-corrected rate, eps outside the sqrt)."""
    x, labels = d["x"], d["labels"]
    w0, b0, w1, b1 = d["w0"], d["b0"], d["w1"], d["b1"]
    pre = x @ w0 + b0
    h = np.maximum(pre, 0)
    logits = h @ w1 + b1
    z = logits - logits.max(axis=1, keepdims=True)
    e = np.exp(z)
    s = e.sum(axis=1, keepdims=True)
    rows = np.arange(x.shape[0])
    loss = np.mean(np.log(s[:, 0]) - z[rows, labels])
    g = e / s
    g[rows, labels] -= 1
    g /= np.float32(x.shape[0])
    gw1, gb1 = h.T @ g, g.sum(axis=0)
    g = (g @ w1.T) * (pre > 0)
    gw0, gb0 = x.T @ g, g.sum(axis=0)
    d["step"] += 1
    t = d["step"]
    lr = np.float32(1e-3 * np.sqrt(1 - 0.999**t) / (1 - 0.9**t))
    slots = d["slots"]
    for i, (key, grad) in enumerate((("w0", gw0), ("b0", gb0), ("w1", gw1), ("b1", gb1))):
        m, v = slots[2 * i], slots[2 * i + 1]
        m += (grad - m) * np.float32(0.1)
        v += (grad * grad - v) * np.float32(0.001)
        d[key] = d[key] - lr * m / (np.sqrt(v) + np.float32(1e-7))
    return loss


WORKLOADS = [
    Workload("W1", "per-op overhead: 100 x sin(y*1.0001+0.5), scalar", _w1_setup, _w1_run, _w1_data, _w1_floor),
    Workload("W2", "small MLP step: batch 32, 64-128-10", _mlp_setup(_W2), _mlp_run, lambda: dict(_W2), _mlp_floor),
    Workload("W3", "large MLP step: batch 256, 784-512-512-10", _mlp_setup(_W3), _mlp_run, lambda: dict(_W3),
             _mlp_floor),
    Workload("W4", "64x64 jacobian of tanh(W @ x)", _w4_setup, _w4_run, _w4_data, _w4_floor),
    Workload("W5", "2nd derivative of sum(sin(x)*x**3), n=1000", _w5_setup, _w5_run, _w5_data, _w5_floor),
    Workload("W6", "50 variables, 5 used, UnconnectedGradients.ZERO", _w6_setup, _w6_run, _w6_data, _w6_floor),
    Workload("W7", "small CNN SGD step: 32x28x28x1, conv3x3x16, pool, conv3x3x32, pool, dense 10", _w7_setup,
             _w7_run, _w7_data, _w7_floor),
    Workload("W8", "Keras custom-loop step: Sequential 64-128(relu)-10, SCCE from logits, Adam, batch 32",
             _w8_setup, _w8_run, _w8_data, _w8_floor),
]
