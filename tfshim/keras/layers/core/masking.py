"""`tf.keras.layers.Masking`: zeroes the timesteps whose features all equal `mask_value`."""

from __future__ import annotations

from typing import Any

import tfshim as tf
from tfshim.keras.layers.layer import Layer


class Masking(Layer):
    """`Masking(mask_value=0.0)`. `compute_mask` gives the kept timesteps. Differs from Keras: the
    mask is not attached to the output (tfshim's Layer has no mask propagation)."""

    def __init__(self, mask_value: Any = 0.0, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.mask_value = mask_value
        self.built = True

    def compute_mask(self, inputs: Any, mask: Any = None) -> Any:
        return tf.reduce_any(tf.not_equal(inputs, self.mask_value), axis=-1)

    def call(self, inputs: Any) -> Any:
        keep = tf.reduce_any(tf.not_equal(inputs, self.mask_value), axis=-1, keepdims=True)
        return tf.where(keep, inputs, tf.zeros_like(inputs))

    def compute_output_shape(self, input_shape: Any) -> Any:
        return input_shape

    def get_config(self) -> dict:
        return {**super().get_config(), "mask_value": self.mask_value}
