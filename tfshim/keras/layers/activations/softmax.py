"""`tf.keras.layers.Softmax`, with an optional `mask` (masked entries get probability 0)."""

from __future__ import annotations

from typing import Any

import tfshim as tf
from tfshim.keras import activations
from tfshim.keras.layers.layer import Layer


def _large_negative_number(dtype: Any) -> float:
    return -3e4 if dtype == tf.float16 else -1e9


class Softmax(Layer):
    """`Softmax(axis=-1)`; `axis` may be a tuple (then `exp(x - logsumexp(x, axis))`)."""

    def __init__(self, axis: Any = -1, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.axis = axis
        self.built = True

    def call(self, inputs: Any, mask: Any = None) -> Any:
        if mask is not None:
            mask = tf.convert_to_tensor(mask)
            if len(mask.shape) > len(inputs.shape):
                raise ValueError("The `mask` must be broadcastable to `inputs` and must not have more "
                                 f"dimensions. Received: inputs.shape={inputs.shape}, "
                                 f"mask.shape={mask.shape}")
            for m_dim, i_dim in zip(mask.shape[::-1], inputs.shape[::-1]):
                if m_dim is not None and i_dim is not None and m_dim != 1 and m_dim != i_dim:
                    raise ValueError("The `mask` must be broadcastable to `inputs`. Each mask dimension "
                                     "must be 1 or match the corresponding input dimension. Received: "
                                     f"inputs.shape={inputs.shape}, mask.shape={mask.shape}")
            if mask.dtype != tf.bool:
                mask = tf.greater(mask, tf.cast(0.5, mask.dtype))
            fill = tf.cast(_large_negative_number(inputs.dtype), inputs.dtype)
            inputs = tf.where(mask, inputs, fill)
        if isinstance(self.axis, (tuple, list)):
            if len(self.axis) > 1:
                outputs = tf.exp(inputs - tf.reduce_logsumexp(inputs, axis=self.axis, keepdims=True))
            else:
                outputs = activations.softmax(inputs, axis=self.axis[0])
        else:
            outputs = activations.softmax(inputs, axis=self.axis)
        if mask is not None:
            outputs = tf.where(mask, outputs, tf.zeros([], outputs.dtype))
        return outputs

    def get_config(self) -> dict:
        return {**super().get_config(), "axis": self.axis}

    def compute_output_shape(self, input_shape: Any) -> Any:
        return input_shape
