"""`tf.keras.layers.ThresholdedReLU` (Keras's legacy layer, still exported by TF 2.21): `x` where
`x > theta`, else 0."""

from __future__ import annotations

from typing import Any

import tfshim as tf
from tfshim.keras.layers.layer import Layer


class ThresholdedReLU(Layer):
    """`ThresholdedReLU(theta=1.0)`; `theta` is kept as a tensor of the compute dtype."""

    def __init__(self, theta: float = 1.0, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        if theta is None:
            raise ValueError("Theta of a Thresholded ReLU layer cannot be None, expecting a float. "
                             f"Received: {theta}")
        if theta < 0:
            raise ValueError(f"The theta value of a Thresholded ReLU layer should be >=0. Received: {theta}")
        self.theta = tf.convert_to_tensor(theta, dtype=self.compute_dtype)

    def call(self, inputs: Any) -> Any:
        return inputs * tf.cast(tf.greater(inputs, self.theta), self.compute_dtype)

    def get_config(self) -> dict:
        return {**super().get_config(), "theta": float(self.theta)}

    def compute_output_shape(self, input_shape: Any) -> Any:
        return input_shape
