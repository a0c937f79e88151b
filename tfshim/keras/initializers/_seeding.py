"""Keras 3's seed handling for the initializers and random layers (spec random-streams §6), through
`tfshim.keras.random.seed_generator`: an int seed `s` is the pair `[s, 0]`, a `SeedGenerator` gives its
next state, None the global generator's; the pair is floor-modded by `2**31 - 2` and cast to int32."""

from __future__ import annotations

from typing import Any

from tfshim.keras.random.seed_generator import SeedGenerator, draw_seed, make_default_seed

__all__ = ["SeedGenerator", "is_seed_generator", "make_default_seed", "seed_generator_class", "tf_seed"]


def seed_generator_class() -> Any:
    return SeedGenerator


def is_seed_generator(seed: Any) -> bool:
    return isinstance(seed, SeedGenerator)


def tf_seed(seed: Any) -> Any:
    """The int32 seed tensor handed to `tf.random.stateless_*` (Keras's `_cast_seed(draw_seed(s))`)."""
    return draw_seed(seed)
