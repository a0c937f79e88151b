"""`tf.keras.layers.AlphaDropout`: dropout that keeps SELU's mean and variance (dropped values go
to SELU's negative saturation, then an affine correction). TF 2.21 exports Keras's *legacy*
AlphaDropout, so this follows it: no check of `rate`, a SeedGenerator even for rate 0, `noise_shape`
used as given (a None entry fails), and `get_config` without `noise_shape`."""

from __future__ import annotations

from typing import Any

import tfshim as tf
from tfshim.keras.initializers._helpers import floatx
from tfshim.keras.initializers._seeding import SeedGenerator, tf_seed
from tfshim.keras.layers.layer import Layer

_ALPHA = 1.6732632423543772848170429916717
_SCALE = 1.0507009873554804934193349852946


class AlphaDropout(Layer):
    """`AlphaDropout(rate, noise_shape=None, seed=None)`; the identity unless `training`."""

    def __init__(self, rate: float, noise_shape: Any = None, seed: Any = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.rate = rate
        self.seed = seed
        self.noise_shape = noise_shape
        self.seed_generator = SeedGenerator(seed)
        self.built = True

    def call(self, inputs: Any, training: Any = False) -> Any:
        if not (training and self.rate > 0):
            return inputs
        shape = tf.shape(inputs) if self.noise_shape is None else self.noise_shape
        dtype = floatx()
        uniform = tf.random.stateless_uniform(shape, seed=tf_seed(self.seed_generator),
                                              minval=tf.cast(0.0, dtype), maxval=tf.cast(1.0, dtype),
                                              dtype=dtype)
        kept = tf.cast(tf.greater_equal(uniform, self.rate), inputs.dtype)
        alpha_p = -_ALPHA * _SCALE
        a = ((1 - self.rate) * (1 + self.rate * alpha_p ** 2)) ** -0.5
        b = -a * alpha_p * self.rate
        x = inputs * kept + alpha_p * (1 - kept)
        return a * x + b

    def compute_output_shape(self, input_shape: Any) -> Any:
        return input_shape

    def get_config(self) -> dict:
        return {**super().get_config(), "rate": self.rate, "seed": self.seed}
