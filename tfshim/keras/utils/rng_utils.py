"""`keras.utils.set_random_seed`."""

from __future__ import annotations

import importlib
import random

import numpy as np

import tfshim as tf

_seed: list = [None]


def set_random_seed(seed: int) -> None:
    """Seeds Python's `random`, NumPy and `tf.random`, and forgets Keras's global SeedGenerator (the
    next unseeded Keras random op makes a new one from the seeded `random`). Returns None."""
    if not isinstance(seed, int):
        raise ValueError(f"Expected `seed` argument to be an integer. Received: seed={seed} (of type {type(seed)})")
    _seed[0] = seed
    try:
        seed_generator = importlib.import_module("tfshim.keras.random.seed_generator")
    except ImportError:  # the random-streams package is optional here
        seed_generator = None
    reset = getattr(seed_generator, "reset_global_seed_generator", None)
    if reset is not None:
        reset()
    random.seed(seed)
    np.random.seed(seed)
    tf.random.set_seed(seed)


def get_random_seed() -> int | None:
    """The seed given to `set_random_seed`, or None."""
    return _seed[0]
