"""Keras's `BasePooling` and `BaseGlobalPooling`: `tf.nn.max_pool`/`avg_pool` on channels-last data
(channels-first inputs are transposed there and back, as Keras's TensorFlow backend does), and the
global mean/max over the spatial axes."""

from __future__ import annotations

from typing import Any

import tfshim as tf
from tfshim.keras.backend.config import standardize_data_format
from tfshim.keras.layers.convolutional import _args
from tfshim.keras.layers.input_spec import InputSpec
from tfshim.keras.layers.layer import Layer


class BasePooling(Layer):
    def __init__(self, pool_size: Any, strides: Any, pool_dimensions: int, pool_mode: str = "max",
                 padding: str = "valid", data_format: Any = None, name: Any = None, **kwargs: Any) -> None:
        super().__init__(name=name, **kwargs)
        self.pool_size = _args.standardize_tuple(pool_size, pool_dimensions, "pool_size")
        strides = pool_size if strides is None else strides
        self.strides = _args.standardize_tuple(strides, pool_dimensions, "strides", allow_zero=True)
        self.pool_mode = pool_mode
        self.padding = padding
        self.data_format = standardize_data_format(data_format)
        self.input_spec = InputSpec(ndim=pool_dimensions + 2)

    def call(self, inputs: Any) -> Any:
        x = tf.convert_to_tensor(inputs)
        rank = x.shape.rank
        first = self.data_format == "channels_first"
        if first:
            x = tf.transpose(x, [0, *range(2, rank), 1])
        fn = tf.nn.max_pool if self.pool_mode == "max" else tf.nn.avg_pool
        y = fn(x, list(self.pool_size), list(self.strides), self.padding.upper(),
               _args.tf_format("channels_last", rank))
        if first:
            y = tf.transpose(y, [0, rank - 1, *range(1, rank - 1)])
        return y

    def compute_output_shape(self, input_shape: Any) -> tuple:
        shape = tuple(input_shape)
        sizes = []
        for n, k, s in zip(_args.spatial(shape, self.data_format), self.pool_size, self.strides):
            if n is None:
                sizes.append(None)
            elif self.padding == "valid":
                o = (n - k) // s + 1
                if o < 0:
                    raise ValueError(f"Computed output size would be negative. Received: `inputs.shape={shape}` and "
                                     f"`pool_size={self.pool_size}`.")
                sizes.append(o)
            elif self.padding == "same":
                sizes.append((n - 1) // s + 1)
            else:
                raise ValueError("Argument `padding` must be either 'valid' or 'same'. "
                                 f"Received: padding={self.padding}")
        channels = shape[-1] if self.data_format == "channels_last" else shape[1]
        return _args.with_spatial(shape, sizes, channels, self.data_format)

    def get_config(self) -> dict:
        config = super().get_config()
        config.update({"pool_size": self.pool_size, "padding": self.padding, "strides": self.strides,
                       "data_format": self.data_format})
        return config


class BaseGlobalPooling(Layer):
    def __init__(self, pool_dimensions: int, data_format: Any = None, keepdims: bool = False, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.data_format = standardize_data_format(data_format)
        self.keepdims = keepdims
        self.input_spec = InputSpec(ndim=pool_dimensions + 2)

    def _axes(self, rank: int) -> list:
        return list(range(1, rank - 1)) if self.data_format == "channels_last" else list(range(2, rank))

    def compute_output_shape(self, input_shape: Any) -> tuple:
        shape = tuple(input_shape)
        axes = self._axes(len(shape))
        if self.keepdims:
            return tuple(1 if i in axes else d for i, d in enumerate(shape))
        return tuple(d for i, d in enumerate(shape) if i not in axes)

    def get_config(self) -> dict:
        config = super().get_config()
        config.update({"data_format": self.data_format, "keepdims": self.keepdims})
        return config
