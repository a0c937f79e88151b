"""`tf.keras.random`: SeedGenerator and Keras's random ops (stateless TF ops underneath)."""

from tfshim.keras.random.random import (
    beta,
    binomial,
    categorical,
    dropout,
    gamma,
    normal,
    randint,
    shuffle,
    truncated_normal,
    uniform,
)
from tfshim.keras.random.seed_generator import SeedGenerator

__all__ = ["SeedGenerator", "beta", "binomial", "categorical", "dropout", "gamma", "normal", "randint", "shuffle",
           "truncated_normal", "uniform"]
