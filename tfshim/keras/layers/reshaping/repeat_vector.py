"""`tf.keras.layers.RepeatVector`: `(batch, features)` to `(batch, n, features)`."""

from __future__ import annotations

from typing import Any

import tfshim as tf
from tfshim.keras.layers.input_spec import InputSpec
from tfshim.keras.layers.layer import Layer


class RepeatVector(Layer):
    """`RepeatVector(n)`; `n` must be a positive int."""

    def __init__(self, n: int, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        if not isinstance(n, int) or isinstance(n, bool):
            raise TypeError(f"Expected an integer value for `n`, got {type(n)}.")
        if n <= 0:
            raise ValueError(f"Argument `n` should be a positive integer. Received: n={n}")
        self.n = n
        self.input_spec = InputSpec(ndim=2)

    def compute_output_shape(self, input_shape: Any) -> tuple:
        return (input_shape[0], self.n, input_shape[1])

    def call(self, inputs: Any) -> Any:
        shape = tuple(inputs.shape)
        reshaped = tf.reshape(inputs, (shape[0], 1, shape[1]))
        return tf.tile(reshaped, (1, self.n, 1))  # what `repeat` along a size-1 axis gives

    def get_config(self) -> dict:
        return {**super().get_config(), "n": self.n}
