"""`GaussianNoise(stddev)` and `GaussianDropout(rate)`: additive / multiplicative normal noise in
training, the identity otherwise."""

from __future__ import annotations

import math
from typing import Any

import tfshim as tf
from tfshim.keras.initializers._seeding import SeedGenerator, tf_seed
from tfshim.keras.layers.layer import Layer


def _normal(layer: Layer, inputs: Any, mean: float, stddev: float) -> Any:
    return tf.random.stateless_normal(tuple(inputs.shape), mean=mean, stddev=stddev,
                                      dtype=layer.compute_dtype, seed=tf_seed(layer.seed_generator))


class GaussianNoise(Layer):
    """`GaussianNoise(stddev, seed=None)`: adds `normal(0, stddev)` noise when `training`."""

    def __init__(self, stddev: float, seed: Any = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        if not 0 <= stddev <= 1:
            raise ValueError("Invalid value received for argument `stddev`. Expected a float value "
                             f"between 0 and 1. Received: stddev={stddev}")
        self.stddev = stddev
        self.seed = seed
        if stddev > 0:
            self.seed_generator = SeedGenerator(seed)
        self.built = True

    def call(self, inputs: Any, training: Any = False) -> Any:
        if training and self.stddev > 0:
            return inputs + _normal(self, inputs, 0.0, self.stddev)
        return inputs

    def compute_output_shape(self, input_shape: Any) -> Any:
        return input_shape

    def get_config(self) -> dict:
        return {**super().get_config(), "stddev": self.stddev, "seed": self.seed}


class GaussianDropout(Layer):
    """`GaussianDropout(rate, seed=None)`: multiplies by `normal(1, sqrt(rate/(1-rate)))` when
    `training`."""

    def __init__(self, rate: float, seed: Any = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        if not 0 <= rate <= 1:
            raise ValueError("Invalid value received for argument `rate`. Expected a float value "
                             f"between 0 and 1. Received: rate={rate}")
        self.rate = rate
        self.seed = seed
        if rate > 0:
            self.seed_generator = SeedGenerator(seed)
        self.built = True

    def call(self, inputs: Any, training: Any = False) -> Any:
        if training and self.rate > 0:
            stddev = math.sqrt(self.rate / (1.0 - self.rate))
            return inputs * _normal(self, inputs, 1.0, stddev)
        return inputs

    def compute_output_shape(self, input_shape: Any) -> Any:
        return input_shape

    def get_config(self) -> dict:
        return {**super().get_config(), "rate": self.rate, "seed": self.seed}
