"""`tf.keras.layers.Activation`: applies an activation function by name or callable."""

from __future__ import annotations

from typing import Any

from tfshim.keras import activations
from tfshim.keras.layers.layer import Layer


class Activation(Layer):
    """`Activation('relu')` or `Activation(callable)`; an unknown name raises ValueError."""

    def __init__(self, activation: Any, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.activation = activations.get(activation)
        self.built = True

    def call(self, inputs: Any) -> Any:
        return self.activation(inputs)

    def compute_output_shape(self, input_shape: Any) -> Any:
        return input_shape

    def get_config(self) -> dict:
        return {**super().get_config(), "activation": activations.serialize(self.activation)}
