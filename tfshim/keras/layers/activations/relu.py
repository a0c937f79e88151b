"""`tf.keras.layers.ReLU`: `keras.activations.relu` with the layer's options."""

from __future__ import annotations

from typing import Any

from tfshim.keras import activations
from tfshim.keras.layers.layer import Layer


class ReLU(Layer):
    """`ReLU(max_value=None, negative_slope=0.0, threshold=0.0)`: `x` for `x > threshold` (strict),
    else `negative_slope*(x - threshold)`, capped at `max_value`. Negative options raise ValueError."""

    def __init__(self, max_value: Any = None, negative_slope: float = 0.0, threshold: float = 0.0,
                 **kwargs: Any) -> None:
        super().__init__(**kwargs)
        if max_value is not None and max_value < 0.0:
            raise ValueError("max_value of a ReLU layer cannot be a negative value. "
                             f"Received: max_value={max_value}")
        if negative_slope is None or negative_slope < 0.0:
            raise ValueError("negative_slope of a ReLU layer cannot be None or a negative value. "
                             f"Received: negative_slope={negative_slope}")
        if threshold is None or threshold < 0.0:
            raise ValueError("threshold of a ReLU layer cannot be None or a negative value. "
                             f"Received: threshold={threshold}")
        self.max_value = max_value
        self.negative_slope = negative_slope
        self.threshold = threshold
        self.built = True

    def call(self, inputs: Any) -> Any:
        return activations.relu(inputs, negative_slope=self.negative_slope,
                                max_value=self.max_value, threshold=self.threshold)

    def get_config(self) -> dict:
        return {**super().get_config(), "max_value": self.max_value,
                "negative_slope": self.negative_slope, "threshold": self.threshold}

    def compute_output_shape(self, input_shape: Any) -> Any:
        return input_shape
