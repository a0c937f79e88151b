"""`tf.keras.layers.DepthwiseConv2D` and `SeparableConv2D`: `tf.nn.depthwise_conv2d` /
`tf.nn.separable_conv2d` on channels-last data (channels-first inputs are transposed there and
back, as Keras's TensorFlow backend does on CPU). Weights: `kernel [kh, kw, in, depth_multiplier]`
and bias `[in*depth_multiplier]`; separable: `depthwise_kernel`, `pointwise_kernel [1, 1, in*m, filters]`."""

from __future__ import annotations

from typing import Any

import tfshim as tf
from tfshim.keras import activations, constraints, initializers, regularizers
from tfshim.keras.backend.config import standardize_data_format
from tfshim.keras.layers.convolutional import _args
from tfshim.keras.layers.input_spec import InputSpec
from tfshim.keras.layers.layer import Layer


class _DepthwiseBase(Layer):
    def __init__(self, kernel_size: Any, strides: Any, padding: str, depth_multiplier: int, data_format: Any,
                 dilation_rate: Any, activation: Any, use_bias: bool, bias_initializer: Any, bias_regularizer: Any,
                 activity_regularizer: Any, bias_constraint: Any, **kwargs: Any) -> None:
        super().__init__(activity_regularizer=activity_regularizer, **kwargs)
        self.rank = 2
        self.depth_multiplier = depth_multiplier
        self.kernel_size = _args.standardize_tuple(kernel_size, 2, "kernel_size")
        self.strides = _args.standardize_tuple(strides, 2, "strides")
        self.dilation_rate = _args.standardize_tuple(dilation_rate, 2, "dilation_rate")
        self.padding = _args.standardize_padding(padding)
        self.data_format = standardize_data_format(data_format)
        self.activation = activations.get(activation)
        self.use_bias = use_bias
        self.bias_initializer = initializers.get(bias_initializer)
        self.bias_regularizer = regularizers.get(bias_regularizer)
        self.bias_constraint = constraints.get(bias_constraint)
        self.input_spec = InputSpec(min_ndim=4)
        if self.depth_multiplier is not None and self.depth_multiplier <= 0:
            raise ValueError("Invalid value for argument `depth_multiplier`. Expected a strictly positive value. "
                             f"Received depth_multiplier={self.depth_multiplier}.")

    def _channels(self, shape: Any) -> Any:
        return shape[-1] if self.data_format == "channels_last" else shape[1]

    def _add_bias(self, outputs: Any, size: int) -> Any:
        if self.use_bias:
            shape = (1, 1, 1, size) if self.data_format == "channels_last" else (1, size, 1, 1)
            outputs = tf.add(outputs, tf.reshape(tf.convert_to_tensor(self.bias), shape))
        return self.activation(outputs) if self.activation is not None else outputs

    def _run(self, inputs: Any, fn: Any) -> Any:
        x = tf.convert_to_tensor(inputs)
        first = self.data_format == "channels_first"
        if first:
            x = tf.transpose(x, [0, 2, 3, 1])
        y = fn(x, [1, *self.strides, 1], self.padding.upper())
        return tf.transpose(y, [0, 3, 1, 2]) if first else y

    def _output_shape(self, input_shape: Any, filters: int) -> tuple:
        return _args.conv_output_shape(tuple(input_shape), filters, self.kernel_size, self.strides, self.padding,
                                       self.data_format, self.dilation_rate)

    def _base_config(self) -> dict:
        return {"kernel_size": self.kernel_size, "strides": self.strides, "padding": self.padding,
                "depth_multiplier": self.depth_multiplier, "data_format": self.data_format,
                "dilation_rate": self.dilation_rate, "activation": activations.serialize(self.activation),
                "use_bias": self.use_bias, "bias_initializer": initializers.serialize(self.bias_initializer),
                "bias_regularizer": regularizers.serialize(self.bias_regularizer),
                "activity_regularizer": regularizers.serialize(self.activity_regularizer),
                "bias_constraint": constraints.serialize(self.bias_constraint)}


class DepthwiseConv2D(_DepthwiseBase):
    def __init__(self, kernel_size: Any, strides: Any = (1, 1), padding: str = "valid", depth_multiplier: int = 1,
                 data_format: Any = None, dilation_rate: Any = (1, 1), activation: Any = None, use_bias: bool = True,
                 depthwise_initializer: Any = "glorot_uniform", bias_initializer: Any = "zeros",
                 depthwise_regularizer: Any = None, bias_regularizer: Any = None, activity_regularizer: Any = None,
                 depthwise_constraint: Any = None, bias_constraint: Any = None, **kwargs: Any) -> None:
        super().__init__(kernel_size, strides, padding, depth_multiplier, data_format, dilation_rate, activation,
                         use_bias, bias_initializer, bias_regularizer, activity_regularizer, bias_constraint, **kwargs)
        self.depthwise_initializer = initializers.get(depthwise_initializer)
        self.depthwise_regularizer = regularizers.get(depthwise_regularizer)
        self.depthwise_constraint = constraints.get(depthwise_constraint)

    def build(self, input_shape: Any) -> None:
        channels = self._channels(input_shape)
        self.input_spec = InputSpec(min_ndim=4, axes={-1 if self.data_format == "channels_last" else 1: channels})
        self.compute_output_shape(input_shape)
        self.kernel = self.add_weight(name="kernel", shape=(*self.kernel_size, channels, self.depth_multiplier),
                                      initializer=self.depthwise_initializer, regularizer=self.depthwise_regularizer,
                                      constraint=self.depthwise_constraint, trainable=True, dtype=self.dtype)
        self.bias = self.add_weight(name="bias", shape=(self.depth_multiplier * channels,),
                                    initializer=self.bias_initializer, regularizer=self.bias_regularizer,
                                    constraint=self.bias_constraint, trainable=True,
                                    dtype=self.dtype) if self.use_bias else None

    def call(self, inputs: Any) -> Any:
        kernel = tf.convert_to_tensor(self.kernel)
        outputs = self._run(inputs, lambda x, s, p: tf.nn.depthwise_conv2d(x, kernel, s, p, data_format="NHWC",
                                                                            dilations=self.dilation_rate))
        return self._add_bias(outputs, self.depth_multiplier * self._channels(tuple(inputs.shape)))

    def compute_output_shape(self, input_shape: Any) -> tuple:
        return self._output_shape(input_shape, self.depth_multiplier * self._channels(input_shape))

    def get_config(self) -> dict:
        config = self._base_config()
        config.update({"depthwise_initializer": initializers.serialize(self.depthwise_initializer),
                       "depthwise_regularizer": regularizers.serialize(self.depthwise_regularizer),
                       "depthwise_constraint": constraints.serialize(self.depthwise_constraint)})
        return {**super().get_config(), **config}


class SeparableConv2D(_DepthwiseBase):
    def __init__(self, filters: int, kernel_size: Any, strides: Any = (1, 1), padding: str = "valid",
                 data_format: Any = None, dilation_rate: Any = (1, 1), depth_multiplier: int = 1,
                 activation: Any = None, use_bias: bool = True, depthwise_initializer: Any = "glorot_uniform",
                 pointwise_initializer: Any = "glorot_uniform", bias_initializer: Any = "zeros",
                 depthwise_regularizer: Any = None, pointwise_regularizer: Any = None, bias_regularizer: Any = None,
                 activity_regularizer: Any = None, depthwise_constraint: Any = None, pointwise_constraint: Any = None,
                 bias_constraint: Any = None, **kwargs: Any) -> None:
        super().__init__(kernel_size, strides, padding, depth_multiplier, data_format, dilation_rate, activation,
                         use_bias, bias_initializer, bias_regularizer, activity_regularizer, bias_constraint, **kwargs)
        if filters is not None and filters <= 0:
            raise ValueError("Invalid value for argument `filters`. Expected a strictly positive value. "
                             f"Received filters={filters}.")
        self.filters = filters
        self.depthwise_initializer = initializers.get(depthwise_initializer)
        self.pointwise_initializer = initializers.get(pointwise_initializer)
        self.depthwise_regularizer = regularizers.get(depthwise_regularizer)
        self.pointwise_regularizer = regularizers.get(pointwise_regularizer)
        self.depthwise_constraint = constraints.get(depthwise_constraint)
        self.pointwise_constraint = constraints.get(pointwise_constraint)

    def build(self, input_shape: Any) -> None:
        channels = self._channels(input_shape)
        self.input_spec = InputSpec(min_ndim=4, axes={-1 if self.data_format == "channels_last" else 1: channels})
        self.compute_output_shape(input_shape)
        self.depthwise_kernel = self.add_weight(name="depthwise_kernel",
                                                shape=(*self.kernel_size, channels, self.depth_multiplier),
                                                initializer=self.depthwise_initializer,
                                                regularizer=self.depthwise_regularizer,
                                                constraint=self.depthwise_constraint, trainable=True, dtype=self.dtype)
        self.pointwise_kernel = self.add_weight(name="pointwise_kernel",
                                                shape=(1, 1, self.depth_multiplier * channels, self.filters),
                                                initializer=self.pointwise_initializer,
                                                regularizer=self.pointwise_regularizer,
                                                constraint=self.pointwise_constraint, trainable=True, dtype=self.dtype)
        self.bias = self.add_weight(name="bias", shape=(self.filters,), initializer=self.bias_initializer,
                                    regularizer=self.bias_regularizer, constraint=self.bias_constraint,
                                    trainable=True, dtype=self.dtype) if self.use_bias else None

    def call(self, inputs: Any) -> Any:
        dk = tf.convert_to_tensor(self.depthwise_kernel)
        pk = tf.convert_to_tensor(self.pointwise_kernel)
        outputs = self._run(inputs, lambda x, s, p: tf.nn.separable_conv2d(x, dk, pk, s, p, data_format="NHWC",
                                                                            dilations=self.dilation_rate))
        return self._add_bias(outputs, self.filters)

    def compute_output_shape(self, input_shape: Any) -> tuple:
        return self._output_shape(input_shape, self.filters)

    def get_config(self) -> dict:
        config = self._base_config()
        config.update({"filters": self.filters,
                       "depthwise_initializer": initializers.serialize(self.depthwise_initializer),
                       "pointwise_initializer": initializers.serialize(self.pointwise_initializer),
                       "depthwise_regularizer": regularizers.serialize(self.depthwise_regularizer),
                       "pointwise_regularizer": regularizers.serialize(self.pointwise_regularizer),
                       "depthwise_constraint": constraints.serialize(self.depthwise_constraint),
                       "pointwise_constraint": constraints.serialize(self.pointwise_constraint)})
        return {**super().get_config(), **config}
