"""`GlobalAveragePooling1D/2D` and `GlobalMaxPooling1D/2D`: the mean or max over the spatial axes."""

from __future__ import annotations

from typing import Any

import tfshim as tf
from tfshim.keras.layers.pooling.base_pooling import BaseGlobalPooling


def _keras_mean(x: Any, axes: Any, keepdims: bool) -> Any:
    """`keras.ops.mean`: computed in float32 (float64 stays float64); integer and bool inputs give
    float32, float16/bfloat16 are cast back."""
    compute = tf.float64 if x.dtype == tf.float64 else tf.float32
    result = compute if x.dtype.is_integer or x.dtype == tf.bool else x.dtype
    return tf.cast(tf.reduce_mean(tf.cast(x, compute), axes, keepdims=keepdims), result)


class _GlobalAveragePooling(BaseGlobalPooling):
    def call(self, inputs: Any) -> Any:
        x = tf.convert_to_tensor(inputs)
        return _keras_mean(x, self._axes(x.shape.rank), self.keepdims)


class GlobalAveragePooling1D(_GlobalAveragePooling):
    """With an explicit `mask` (batch, steps), the mean over the unmasked steps (Keras's); tfshim
    does not propagate masks between layers."""

    def __init__(self, data_format: Any = None, keepdims: bool = False, **kwargs: Any) -> None:
        super().__init__(1, data_format, keepdims, **kwargs)

    def call(self, inputs: Any, mask: Any = None) -> Any:
        if mask is None:
            return super().call(inputs)
        x = tf.convert_to_tensor(inputs)
        steps = 1 if self.data_format == "channels_last" else 2
        keep = tf.expand_dims(tf.cast(mask, tf.bool), 2 if self.data_format == "channels_last" else 1)
        x = tf.where(keep, x, tf.zeros_like(x))
        weights = tf.cast(keep, x.dtype)
        return tf.reduce_sum(x, steps, keepdims=self.keepdims) / tf.reduce_sum(weights, steps, keepdims=self.keepdims)


class GlobalAveragePooling2D(_GlobalAveragePooling):
    def __init__(self, data_format: Any = None, keepdims: bool = False, **kwargs: Any) -> None:
        super().__init__(2, data_format, keepdims, **kwargs)


class GlobalMaxPooling1D(BaseGlobalPooling):
    def __init__(self, data_format: Any = None, keepdims: bool = False, **kwargs: Any) -> None:
        super().__init__(1, data_format, keepdims, **kwargs)

    def call(self, inputs: Any) -> Any:
        x = tf.convert_to_tensor(inputs)
        return tf.reduce_max(x, self._axes(x.shape.rank), keepdims=self.keepdims)


class GlobalMaxPooling2D(GlobalMaxPooling1D):
    def __init__(self, data_format: Any = None, keepdims: bool = False, **kwargs: Any) -> None:
        BaseGlobalPooling.__init__(self, 2, data_format, keepdims, **kwargs)
