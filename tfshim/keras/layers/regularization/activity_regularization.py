"""`tf.keras.layers.ActivityRegularization`: the identity, adding an L1L2 penalty of its output
(divided by the batch size) to `layer.losses`."""

from __future__ import annotations

from typing import Any

from tfshim.keras import regularizers
from tfshim.keras.layers.layer import Layer


class ActivityRegularization(Layer):
    """`ActivityRegularization(l1=0.0, l2=0.0)`."""

    def __init__(self, l1: float = 0.0, l2: float = 0.0, **kwargs: Any) -> None:
        super().__init__(activity_regularizer=regularizers.L1L2(l1=l1, l2=l2), **kwargs)
        self.l1 = l1
        self.l2 = l2
        self.built = True

    def call(self, inputs: Any) -> Any:
        return inputs

    def compute_output_shape(self, input_shape: Any) -> Any:
        return input_shape

    def get_config(self) -> dict:
        config = super().get_config()
        config.pop("activity_regularizer", None)
        return {**config, "l1": self.l1, "l2": self.l2}
