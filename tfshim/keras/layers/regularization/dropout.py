"""`tf.keras.layers.Dropout`: in training, zeroes inputs with probability `rate` and scales the kept
ones by `1/(1-rate)`; otherwise the identity."""

from __future__ import annotations

from typing import Any

import tfshim as tf
from tfshim.keras.initializers._seeding import SeedGenerator, tf_seed
from tfshim.keras.layers.layer import Layer


def _noise_shape(inputs: Any, noise_shape: Any) -> Any:
    shape = tuple(inputs.shape)
    if noise_shape is None:
        return shape
    return tuple(shape[i] if d is None else d for i, d in enumerate(noise_shape))


def stateless_dropout(inputs: Any, rate: float, noise_shape: Any, seed: Any) -> Any:
    """Keras's `random.dropout` on the TF backend: `tf.nn.experimental.stateless_dropout`, i.e.
    `where(uniform(noise_shape, seed) >= rate, x * (1/(1-rate)), 0)`; rate 1 gives zeros."""
    if rate == 1.0:
        return tf.zeros_like(inputs)
    if rate == 0.0:
        return inputs
    x = tf.convert_to_tensor(inputs)
    seed = tf_seed(seed)
    scale = tf.constant(1 / (1 - rate), dtype=x.dtype)
    scaled = tf.multiply(x, scale)
    uniform = tf.random.stateless_uniform(_noise_shape(x, noise_shape), seed=seed, dtype=x.dtype)
    keep = uniform >= rate
    return tf.where(keep, scaled, tf.constant(0, dtype=x.dtype))


def _validate_noise_shape(noise_shape: Any) -> Any:
    if noise_shape is None:
        return None
    if isinstance(noise_shape, str):
        raise ValueError("Invalid value received for argument `noise_shape`. Expected a tuple or "
                         f"list of integers. Received: noise_shape={noise_shape}")
    if not isinstance(noise_shape, tuple):
        try:
            noise_shape = tuple(noise_shape)
        except TypeError:
            raise ValueError("Invalid value received for argument `noise_shape`. Expected an "
                             "iterable of integers (e.g., a tuple or list). "
                             f"Received: noise_shape={noise_shape}") from None
    for i, dim in enumerate(noise_shape):
        if dim is None:
            continue
        if not isinstance(dim, int):
            raise ValueError("Invalid value received for argument `noise_shape`. Expected all "
                             f"elements to be integers or None. Received element at index {i}: "
                             f"{dim} (type: {type(dim).__name__})")
        if dim <= 0:
            raise ValueError("Invalid value received for argument `noise_shape`. Expected all "
                             "dimensions to be positive integers or None. Received negative or "
                             f"zero value at index {i}: {dim}")
    return noise_shape


class Dropout(Layer):
    """`Dropout(rate, noise_shape=None, seed=None)`. Each training call draws the next seed of the
    layer's own SeedGenerator (made at construction when `rate > 0`), so masks change from call to
    call; they equal TF's once tfshim's stateless uniform matches TF's bits."""

    def __init__(self, rate: float, noise_shape: Any = None, seed: Any = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        if not 0 <= rate <= 1:
            raise ValueError("Invalid value received for argument `rate`. Expected a float value "
                             f"between 0 and 1. Received: rate={rate}")
        self.rate = rate
        self.seed = seed
        self.noise_shape = _validate_noise_shape(noise_shape)
        if rate > 0:
            self.seed_generator = SeedGenerator(seed)
        self.built = True

    def call(self, inputs: Any, training: Any = False) -> Any:
        if training and self.rate > 0:
            return stateless_dropout(inputs, self.rate, self.noise_shape, self.seed_generator)
        return inputs

    def compute_output_shape(self, input_shape: Any) -> Any:
        return input_shape

    def get_config(self) -> dict:
        return {**super().get_config(), "rate": self.rate, "seed": self.seed,
                "noise_shape": self.noise_shape}
