"""`tf.keras.layers.ELU`."""

from __future__ import annotations

from typing import Any

from tfshim.keras import activations
from tfshim.keras.layers.layer import Layer


class ELU(Layer):
    """`ELU(alpha=1.0)`."""

    def __init__(self, alpha: float = 1.0, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.alpha = alpha
        self.built = True

    def call(self, inputs: Any) -> Any:
        return activations.elu(inputs, alpha=self.alpha)

    def get_config(self) -> dict:
        # Keras's automatic config of the constructor arguments: name, then alpha, then the rest
        config = super().get_config()
        return {"name": config.pop("name"), "alpha": self.alpha, **config}

    def compute_output_shape(self, input_shape: Any) -> Any:
        return input_shape
