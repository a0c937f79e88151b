"""Shared helpers of the keras_training and keras_callbacks areas: small models with fixed
(NumPy-drawn) weights, fixed data, fit summaries, and progress output with the timing masked."""

from __future__ import annotations

import contextlib
import io
import re
import warnings
from typing import Any

import numpy as np

_RNG = np.random.default_rng(2024)
X = _RNG.uniform(-1.0, 1.0, (20, 3)).astype(np.float32)
Y = (X @ np.array([[0.5], [-1.0], [2.0]], np.float32) + 0.25).astype(np.float32)
Y_INT = (np.arange(20) % 3).astype(np.int32)
Y_BIN = (X[:, :1] > 0).astype(np.float32)
SW = np.linspace(0.5, 2.0, 20).astype(np.float32)
X7 = X[:7]
Y7 = Y[:7]

_TIME = re.compile(r"\d+(?:ms|us|s)/step")
_SECONDS = re.compile(r"(\x1b\[1m)?\d+(?::\d\d)*s(\x1b\[0m)?(?= )")


def fresh(tf: Any) -> Any:
    tf.keras.backend.clear_session()
    return tf.keras


def fix_weights(model: Any, seed: int = 7) -> Any:
    """Sets every weight from a NumPy RNG (so results do not depend on initializers)."""
    rng = np.random.default_rng(seed)
    model.set_weights([rng.uniform(-0.6, 0.6, np.shape(w)).astype(np.asarray(w).dtype) for w in model.get_weights()])
    return model


def mlp(keras: Any, inputs: int = 3, hidden: int = 4, outputs: int = 1, out_activation: Any = None,
        seed: int = 7) -> Any:
    model = keras.Sequential([keras.Input((inputs,)), keras.layers.Dense(hidden, activation="tanh"),
                              keras.layers.Dense(outputs, activation=out_activation)])
    return fix_weights(model, seed)


def two_outputs(keras: Any, seed: int = 7) -> Any:
    inp = keras.Input((3,), name="x")
    h = keras.layers.Dense(4, activation="tanh", name="h")(inp)
    left = keras.layers.Dense(1, name="left")(h)
    right = keras.layers.Dense(2, name="right")(h)
    return fix_weights(keras.Model(inp, [left, right]), seed)


def two_outputs_dict(keras: Any, seed: int = 7) -> Any:
    inp = keras.Input((3,), name="x")
    h = keras.layers.Dense(4, activation="tanh", name="h")(inp)
    left = keras.layers.Dense(1, name="left")(h)
    right = keras.layers.Dense(2, name="right")(h)
    return fix_weights(keras.Model(inp, {"left": left, "right": right}), seed)


def summary(history: Any, model: Any) -> dict:
    opt = model.optimizer
    return {"type": type(history).__name__, "history": history.history, "keys": list(history.history),
            "epoch": history.epoch, "params": history.params, "names": model.metrics_names,
            "weights": model.get_weights(), "iterations": int(opt.iterations.numpy()) if opt is not None else None,
            "same": history is model.history}


def quiet(fn: Any, *args: Any, **kwargs: Any) -> Any:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return fn(*args, **kwargs)


def captured(fn: Any, *args: Any, **kwargs: Any) -> tuple:
    """(result, stdout) with warnings silenced."""
    out = io.StringIO()
    with contextlib.redirect_stdout(out), warnings.catch_warnings():
        warnings.simplefilter("ignore")
        result = fn(*args, **kwargs)
    return result, out.getvalue()


def final_lines(text: str) -> list:
    """The text as a terminal would leave it: for each line the part after the last `\\r`, without
    backspaces and trailing blanks, with the timings masked (ETA/elapsed -> T, per step -> T/step)."""
    lines = []
    for line in text.split("\n"):
        line = line.split("\r")[-1].replace("\b", "").rstrip(" ")
        line = _TIME.sub("T/step", line)
        line = _SECONDS.sub(lambda m: (m.group(1) or "") + "T" + (m.group(2) or ""), line)
        lines.append(line)
    return lines


def warning_messages(fn: Any, *args: Any, **kwargs: Any) -> tuple:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            result = fn(*args, **kwargs)
    return result, sorted({str(w.message)[:60] for w in caught if issubclass(w.category, UserWarning)})


def warning_counts(fn: Any, *args: Any, **kwargs: Any) -> tuple:
    """(result, {message[:60]: how many times}) for the UserWarnings `fn` raised, stdout silenced."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        with contextlib.redirect_stdout(io.StringIO()):
            result = fn(*args, **kwargs)
    counts: dict = {}
    for w in caught:
        if issubclass(w.category, UserWarning):
            key = str(w.message)[:60]
            counts[key] = counts.get(key, 0) + 1
    return result, dict(sorted(counts.items()))


def two_heads(keras: Any, seed: int = 7, as_dict: bool = False) -> Any:
    """Outputs `left` (1 unit) and `right` (3-way softmax): targets Y and Y_INT / one-hot."""
    inp = keras.Input((3,), name="x")
    h = keras.layers.Dense(4, activation="tanh", name="h")(inp)
    left = keras.layers.Dense(1, name="left")(h)
    right = keras.layers.Dense(3, activation="softmax", name="right")(h)
    outputs = {"left": left, "right": right} if as_dict else [left, right]
    return fix_weights(keras.Model(inp, outputs), seed)
