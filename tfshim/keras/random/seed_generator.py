"""`keras.random.SeedGenerator` and Keras 3's seed handling (TensorFlow backend).

Keras's random ops and initializers are stateless: each call turns its `seed` argument into a
shape-[2] seed with `draw_seed` and calls a `tf.random.stateless_*` op. Default seeds come from
Python's global `random` module (`random.randint(1, 10**9)`), drawn when an object is constructed.
The state is a `keras.Variable` (int64, path `<name>/seed_generator_state`); names share Keras's
name counters, and `clear_session()` forgets the global SeedGenerator, as in Keras.
"""

from __future__ import annotations

import random as _python_random
import threading
from typing import Any

import numpy as np

import tfshim as tf
from tfshim.keras.backend.global_state import auto_name as _auto_name
from tfshim.keras.backend.global_state import on_clear_session as _on_clear_session
from tfshim.keras.backend.name_scope import name_scope as _name_scope
from tfshim.keras.backend.variables import Variable as _KerasVariable

_SEED_MODULUS = 2**31 - 2  # Keras's `tf.int32.max - 1`
_lock = threading.Lock()
_global: list = []  # the global SeedGenerator, created lazily


def make_default_seed() -> int:
    """A default seed as Keras draws it: `random.randint(1, 10**9)` from Python's global `random`."""
    return _python_random.randint(1, int(1e9))


class SeedGenerator:
    """`keras.random.SeedGenerator(seed=None, name=None)`: an int64 state `[seed, 0]`; each `next()`
    returns the state and then adds `[0, 1]`."""

    def __init__(self, seed: int | None = None, name: str | None = None, **kwargs: Any) -> None:
        if name is None:
            name = _auto_name(self.__class__.__name__)
        self.name = name
        kwargs.pop("backend", None)
        if kwargs:
            raise ValueError(f"Unrecognized keyword arguments: {kwargs}")
        self._initial_seed = seed
        if seed is None:
            seed = make_default_seed()
        if not isinstance(seed, int):
            raise ValueError(f"Argument `seed` must be an integer. Received: seed={seed}")
        with _name_scope(self.name, caller=self):
            self.state = _KerasVariable(np.array([seed, 0], dtype=np.int64), shape=(2,), dtype="int64",
                                        trainable=False, aggregation="none", name="seed_generator_state")

    def next(self, ordered: bool = True) -> Any:
        """The current state (int64 [2]); then the state advances (ordered: by `[0, 1]`; otherwise both
        elements become `(x + 1) * 5387 % 933199`, as the global generator does)."""
        current = np.asarray(self.state.numpy(), dtype=np.int64)
        if ordered:
            self.state.assign(current + np.array([0, 1], dtype=np.int64))
        else:
            self.state.assign((current + 1) * 5387 % 933199)
        return tf.constant(current, dtype=tf.int64)

    def get_config(self) -> dict:
        return {"seed": self._initial_seed, "name": self.name}

    @classmethod
    def from_config(cls, config: dict) -> SeedGenerator:
        return cls(**config)


def global_seed_generator() -> SeedGenerator:
    """The global SeedGenerator used when `seed=None`; created (drawing a default seed) on first use."""
    with _lock:
        created = bool(_global)
    if not created:
        gen = SeedGenerator()
        with _lock:
            if not _global:
                _global.append(gen)
    return _global[0]


@_on_clear_session
def reset_global_seed_generator() -> None:
    """Forgets the global SeedGenerator (what `keras.utils.set_random_seed` does): the next unseeded
    Keras random op creates a new one, drawing its seed from Python's `random`."""
    with _lock:
        _global.clear()


def draw_raw_seed(seed: Any) -> Any:
    """Keras's `draw_seed`: the int64 [2] seed for `seed` (a SeedGenerator advances; an int gives
    `[seed, 0]`; None uses the global SeedGenerator, unordered)."""
    if isinstance(seed, SeedGenerator):
        return seed.next()
    if isinstance(seed, int):
        return tf.constant([seed, 0], dtype=tf.int64)
    if seed is None:
        return global_seed_generator().next(ordered=False)
    raise ValueError("Argument `seed` must be either an integer or an instance of `SeedGenerator`. "
                     f"Received: seed={seed} (of type {type(seed)})")


def draw_seed(seed: Any) -> Any:
    """The int32 [2] seed a Keras random op or initializer passes to `tf.random.stateless_*`:
    `draw_raw_seed(seed)` reduced with floor-mod `2**31 - 2` and cast to int32 (Keras's `_cast_seed`
    on the TensorFlow backend)."""
    raw = draw_raw_seed(seed)
    return tf.cast(tf.math.floormod(raw, tf.constant(_SEED_MODULUS, dtype=tf.int64)), tf.int32)
