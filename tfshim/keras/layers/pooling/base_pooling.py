"""Keras's `BasePooling` and `BaseGlobalPooling`: `tf.nn.max_pool`/`avg_pool` on channels-last data
(channels-first inputs are transposed there and back, as Keras's TensorFlow backend does), and the
global mean/max over the spatial axes."""

from __future__ import annotations

from typing import Any

import numpy as np

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
        self.built = True  # Keras's `_build_at_init`

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
        """Keras's `compute_pooling_output_shape`, NumPy arithmetic included: a VALID size <= 0 raises
        (its message prints NumPy arrays, unknown sizes as -1); the spatial sizes are `shape[1:-1]` (or
        `shape[2:]`) whatever the rank, broadcast against `pool_size`."""
        shape = list(input_shape)
        array = np.array(shape)
        spatial = array[1:-1] if self.data_format == "channels_last" else array[2:]
        none_dims = [i for i in range(len(spatial)) if spatial[i] is None]
        for i in none_dims:
            spatial[i] = -1
        pool_size = np.array(self.pool_size)
        if self.padding == "valid":
            sizes = np.floor((spatial - pool_size) / self.strides) + 1
            for i in range(len(sizes)):
                if i not in none_dims and sizes[i] <= 0:
                    raise ValueError("Computed output size would be zero or negative. Received: "
                                     f"`inputs.shape={array}`, `pool_size={pool_size}`, `strides={self.strides}`, "
                                     f"`padding={self.padding}`.")
        elif self.padding == "same":
            sizes = np.floor((spatial - 1) / self.strides) + 1
        else:
            raise ValueError("Argument `padding` must be either 'valid' or 'same'. "
                             f"Received: padding={self.padding}")
        out = [int(i) for i in sizes]
        for i in none_dims:
            out[i] = None
        if self.data_format == "channels_last":
            return (shape[0], *out, shape[-1])
        return (shape[0], shape[1], *out)

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
        self.built = True  # Keras's `_build_at_init`

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
