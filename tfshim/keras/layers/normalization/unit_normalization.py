"""`tf.keras.layers.UnitNormalization`: `x * min(rsqrt(sum(x**2, axis)), 1e12)`, Keras's
`ops.normalize(order=2, epsilon=1e-12)`."""

from __future__ import annotations

from typing import Any

import tfshim as tf
from tfshim.keras.layers.layer import Layer


class UnitNormalization(Layer):
    def __init__(self, axis: Any = -1, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        if isinstance(axis, (list, tuple)):
            self.axis = list(axis)
        elif isinstance(axis, int):
            self.axis = axis
        else:
            raise TypeError(f"Invalid value for `axis` argument: expected an int or a list/tuple of ints. "
                            f"Received: axis={axis}")
        self.built = True

    def call(self, inputs: Any) -> Any:
        x = tf.convert_to_tensor(inputs)
        if x.shape.rank == 0:
            x = tf.expand_dims(x, 0)
        square_sum = tf.reduce_sum(tf.square(x), axis=self.axis, keepdims=True)
        inv_norm = tf.minimum(tf.math.rsqrt(square_sum), tf.cast(1.0 / 1e-12, x.dtype))
        return x * inv_norm

    def compute_output_shape(self, input_shape: Any) -> Any:
        for a in [self.axis] if isinstance(self.axis, int) else self.axis:
            if a >= len(input_shape) or a < -len(input_shape):
                raise ValueError(f"Axis {self.axis} is out of bounds for input shape {input_shape}.")
        return input_shape

    def get_config(self) -> dict:
        return {**super().get_config(), "axis": self.axis}
