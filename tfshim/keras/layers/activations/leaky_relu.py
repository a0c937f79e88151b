"""`tf.keras.layers.LeakyReLU`: default `negative_slope=0.3` (the function's default is 0.2)."""

from __future__ import annotations

import warnings
from typing import Any

from tfshim.keras import activations
from tfshim.keras.layers.layer import Layer


class LeakyReLU(Layer):
    """`LeakyReLU(negative_slope=0.3)`; Keras 2's `alpha=` still works, with a warning."""

    def __init__(self, negative_slope: float = 0.3, **kwargs: Any) -> None:
        if "alpha" in kwargs:
            negative_slope = kwargs.pop("alpha")
            warnings.warn("Argument `alpha` is deprecated. Use `negative_slope` instead.",
                          stacklevel=2)
        super().__init__(**kwargs)
        if negative_slope is None or negative_slope < 0:
            raise ValueError("The negative_slope value of a Leaky ReLU layer cannot be None or "
                             f"negative value. Expected a float. Received: negative_slope={negative_slope}")
        self.negative_slope = negative_slope
        self.built = True

    def call(self, inputs: Any) -> Any:
        return activations.leaky_relu(inputs, negative_slope=self.negative_slope)

    def get_config(self) -> dict:
        return {**super().get_config(), "negative_slope": self.negative_slope}

    def compute_output_shape(self, input_shape: Any) -> Any:
        return input_shape
