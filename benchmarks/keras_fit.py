"""`fit` on the W8 model (Dense 64->128 relu ->10, SparseCategoricalCrossentropy(from_logits=True),
Adam(1e-3); 60000 samples, batch 32, one epoch, verbose 0) against a hand-written NumPy loop doing
the same arithmetic, and against TensorFlow's own `fit` when TensorFlow is importable.

Run: `python benchmarks/keras_fit.py` (prints both ratios; TensorFlow's needs the .venv-tf env)."""

from __future__ import annotations

import os
import sys
import time

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

N, D, H, C, BATCH = 60000, 64, 128, 10, 32


def _data() -> tuple:
    rng = np.random.default_rng(0)
    x = rng.normal(size=(N, D)).astype(np.float32)
    y = rng.integers(0, C, size=(N,)).astype(np.int32)
    return x, y


def numpy_loop(x: np.ndarray, y: np.ndarray) -> float:
    """One epoch of Adam on the same MLP, forward/backward written by hand (the floor)."""
    rng = np.random.default_rng(1)
    params = [rng.uniform(-0.2, 0.2, (D, H)).astype(np.float32), np.zeros(H, np.float32),
              rng.uniform(-0.2, 0.2, (H, C)).astype(np.float32), np.zeros(C, np.float32)]
    m = [np.zeros_like(p) for p in params]
    v = [np.zeros_like(p) for p in params]
    lr, b1, b2, eps = 1e-3, 0.9, 0.999, 1e-7
    start = time.perf_counter()
    for step, i in enumerate(range(0, N, BATCH), start=1):
        xb, yb = x[i:i + BATCH], y[i:i + BATCH]
        n = xb.shape[0]
        h = xb @ params[0] + params[1]
        a = np.maximum(h, 0)
        logits = a @ params[2] + params[3]
        z = logits - logits.max(axis=1, keepdims=True)
        e = np.exp(z)
        p = e / e.sum(axis=1, keepdims=True)
        _ = -np.log(p[np.arange(n), yb]).mean()
        g = p
        g[np.arange(n), yb] -= 1
        g /= n
        grads = [None, None, a.T @ g, g.sum(0)]
        da = g @ params[2].T
        da[h <= 0] = 0
        grads[0], grads[1] = xb.T @ da, da.sum(0)
        alpha = lr * np.sqrt(1 - b2 ** step) / (1 - b1 ** step)
        for k in range(4):
            m[k] += (grads[k] - m[k]) * (1 - b1)
            v[k] += (grads[k] ** 2 - v[k]) * (1 - b2)
            params[k] -= alpha * m[k] / (np.sqrt(v[k]) + eps)
    return time.perf_counter() - start


def keras_fit(tf: object, x: np.ndarray, y: np.ndarray) -> float:
    keras = tf.keras  # type: ignore[attr-defined]
    keras.utils.set_random_seed(0)
    model = keras.Sequential([keras.Input((D,)), keras.layers.Dense(H, activation="relu"), keras.layers.Dense(C)])
    model.compile(optimizer=keras.optimizers.Adam(1e-3),
                  loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True))
    start = time.perf_counter()
    model.fit(x, y, batch_size=BATCH, epochs=1, verbose=0)
    return time.perf_counter() - start


def main() -> None:
    x, y = _data()
    import tfshim

    t_np = min(numpy_loop(x, y) for _ in range(2))
    t_shim = keras_fit(tfshim, x, y)
    print(f"numpy loop: {t_np:.2f}s  tfshim fit: {t_shim:.2f}s  ratio tfshim/numpy: x{t_shim / t_np:.2f}")
    try:
        os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
        import tensorflow as real_tf
    except ImportError:
        print("TensorFlow not importable: no tfshim/TensorFlow ratio (run with the .venv-tf interpreter)")
        return
    t_tf = keras_fit(real_tf, x, y)
    print(f"TensorFlow fit: {t_tf:.2f}s  ratio tfshim/TensorFlow: x{t_shim / t_tf:.2f}")


if __name__ == "__main__":
    main()
