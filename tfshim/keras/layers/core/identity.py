"""`tf.keras.layers.Identity`: returns its input."""

from __future__ import annotations

from typing import Any

from tfshim.keras.layers.layer import Layer


class Identity(Layer):
    """Returns the input unchanged (built at construction, as in Keras)."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.built = True

    def call(self, inputs: Any) -> Any:
        return inputs

    def compute_output_shape(self, input_shape: Any) -> Any:
        return input_shape
