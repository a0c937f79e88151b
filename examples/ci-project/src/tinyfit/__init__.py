"""tinyfit: fit y = w * x + b by gradient descent, written against a `tf` module parameter.

Passing the module in (instead of `import tensorflow as tf` at the top) lets the same code run on
tfshim and on TensorFlow, which is what the tests do with the `tf` fixture.
"""

from __future__ import annotations

from typing import Any

import numpy as np


def make_data(n: int = 32, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """Noisy samples of y = 3x - 1 (float32)."""
    rng = np.random.default_rng(seed)
    x = rng.uniform(-1.0, 1.0, size=n).astype(np.float32)
    y = (3.0 * x - 1.0 + rng.normal(0.0, 0.05, size=n)).astype(np.float32)
    return x, y


def loss_and_gradients(tf: Any, w: Any, b: Any, x: Any, y: Any) -> tuple[Any, list]:
    """Mean squared error of w*x + b and its gradients with respect to [w, b]."""
    with tf.GradientTape() as tape:
        prediction = w * x + b
        loss = tf.reduce_mean(tf.square(prediction - y))
    return loss, tape.gradient(loss, [w, b])


def train(tf: Any, steps: int = 25, learning_rate: float = 0.2, seed: int = 0) -> dict:
    """Plain gradient descent; returns the final weights and the loss history."""
    x_np, y_np = make_data(seed=seed)
    x, y = tf.constant(x_np), tf.constant(y_np)
    w = tf.Variable(0.0, name="w")
    b = tf.Variable(0.0, name="b")
    history = []
    for _ in range(steps):
        loss, (dw, db) = loss_and_gradients(tf, w, b, x, y)
        w.assign_sub(learning_rate * dw)
        b.assign_sub(learning_rate * db)
        history.append(float(loss))
    return {"w": w, "b": b, "losses": history}
