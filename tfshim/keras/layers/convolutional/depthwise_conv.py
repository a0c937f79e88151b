"""`tf.keras.layers.DepthwiseConv1D/2D` and `SeparableConv1D/2D`: `tf.nn.depthwise_conv2d` and
`tf.nn.separable_conv2d` as Keras's TensorFlow backend calls them on CPU (channels-first inputs are
transposed to channels-last and back; 1-D inputs get a unit height axis; strides > 1 together with
dilation > 1 run the dilated convolution at stride 1 on explicitly padded inputs and subsample)."""

from __future__ import annotations

from typing import Any

import tfshim as tf
from tfshim.keras import activations, constraints, initializers, regularizers
from tfshim.keras.backend.config import standardize_data_format
from tfshim.keras.layers.convolutional import _args
from tfshim.keras.layers.input_spec import InputSpec
from tfshim.keras.layers.layer import Layer


def _to_last(x: Any) -> Any:
    r = x.shape.rank
    return tf.transpose(x, [0, *range(2, r), 1])


def _to_first(x: Any) -> Any:
    r = x.shape.rank
    return tf.transpose(x, [0, r - 1, *range(1, r - 1)])


def _same_pads(x: Any, kernel_size: tuple, strides: tuple, dilation: tuple) -> Any:
    pads = [[0, 0]]
    for n, k, s, d in zip(x.shape[1:-1], kernel_size, strides, dilation):
        total = max(((n + s - 1) // s - 1) * s + (k - 1) * d + 1 - n, 0)
        pads.append([total // 2, total - total // 2])
    return tf.pad(x, [*pads, [0, 0]])


def depthwise_op(x: Any, depthwise_kernel: Any, pointwise_kernel: Any, strides: tuple, padding: str,
                 data_format: str, dilation_rate: tuple) -> Any:
    """Keras's `depthwise_conv` (pointwise_kernel None) / `separable_conv` on the TensorFlow backend."""
    x = tf.convert_to_tensor(x)
    dk = tf.convert_to_tensor(depthwise_kernel)
    pk = None if pointwise_kernel is None else tf.convert_to_tensor(pointwise_kernel)
    one_d = x.shape.rank == 3
    first = data_format == "channels_first"
    if first:
        x = _to_last(x)
    if one_d:
        x = tf.expand_dims(x, 1)
        dk = tf.expand_dims(dk, 0)
        pk = None if pk is None else tf.expand_dims(pk, 0)
    if any(s > 1 for s in strides) and any(d > 1 for d in dilation_rate):
        s2 = (1, strides[0]) if one_d else tuple(strides)
        d2 = (1, dilation_rate[0]) if one_d else tuple(dilation_rate)
        if padding == "same":
            x = _same_pads(x, tuple(dk.shape[:2]), s2, d2)
        y = tf.nn.depthwise_conv2d(x, dk, [1, 1, 1, 1], "VALID", data_format="NHWC", dilations=list(d2))
        y = y[:, ::s2[0], ::s2[1], :]
        if pk is not None:
            y = tf.nn.conv2d(y, pk, [1, 1, 1, 1], "VALID", data_format="NHWC")
    else:
        s4 = [1, strides[0], strides[0], 1] if one_d else [1, *strides, 1]
        dil = [1, dilation_rate[0]] if one_d else list(dilation_rate)
        if pk is None:
            y = tf.nn.depthwise_conv2d(x, dk, s4, padding.upper(), data_format="NHWC", dilations=dil)
        else:
            y = tf.nn.separable_conv2d(x, dk, pk, s4, padding.upper(), data_format="NHWC", dilations=dil)
    if one_d:
        y = tf.squeeze(y, [1])
    return _to_first(y) if first else y


class _DepthwiseBase(Layer):
    """The argument handling DepthwiseConv and SeparableConv share (Keras's BaseDepthwiseConv /
    BaseSeparableConv). Differs from Keras: none."""

    _strides_message = "The argument `strides` cannot contains 0. Received strides={}"
    _kernel_message = "The argument `kernel_size` cannot contain 0. Received kernel_size={}."

    def __init__(self, rank: int, depth_multiplier: int, kernel_size: Any, strides: Any, padding: str,
                 data_format: Any, dilation_rate: Any, activation: Any, use_bias: bool, depthwise_initializer: Any,
                 bias_initializer: Any, depthwise_regularizer: Any, bias_regularizer: Any,
                 activity_regularizer: Any, depthwise_constraint: Any, bias_constraint: Any,
                 **kwargs: Any) -> None:
        super().__init__(activity_regularizer=activity_regularizer, **kwargs)
        self.rank = rank
        self.depth_multiplier = depth_multiplier
        self.kernel_size = _args.standardize_tuple(kernel_size, rank, "kernel_size")
        self.strides = _args.standardize_tuple(strides, rank, "strides")
        self.dilation_rate = _args.standardize_tuple(dilation_rate, rank, "dilation_rate")
        self.padding = _args.standardize_padding(padding)
        self.data_format = standardize_data_format(data_format)
        self.activation = activations.get(activation)
        self.use_bias = use_bias
        self.depthwise_initializer = initializers.get(depthwise_initializer)
        self.bias_initializer = initializers.get(bias_initializer)
        self.depthwise_regularizer = regularizers.get(depthwise_regularizer)
        self.bias_regularizer = regularizers.get(bias_regularizer)
        self.depthwise_constraint = constraints.get(depthwise_constraint)
        self.bias_constraint = constraints.get(bias_constraint)
        self.input_spec = InputSpec(min_ndim=rank + 2)
        if depth_multiplier is not None and depth_multiplier <= 0:
            raise ValueError("Invalid value for argument `depth_multiplier`. Expected a strictly positive value. "
                             f"Received depth_multiplier={depth_multiplier}.")

    def _check_sizes(self) -> None:
        if not all(self.kernel_size):
            raise ValueError(self._kernel_message.format(self.kernel_size))
        if not all(self.strides):
            raise ValueError(self._strides_message.format(self.strides))

    def _input_channel(self, input_shape: Any) -> Any:
        return input_shape[-1] if self.data_format == "channels_last" else input_shape[1]

    def _set_spec(self, input_shape: Any) -> Any:
        channel = self._input_channel(input_shape)
        axis = -1 if self.data_format == "channels_last" else 1
        self.input_spec = InputSpec(min_ndim=self.rank + 2, axes={axis: channel})
        return channel

    def _bias_and_activation(self, outputs: Any, channels: int) -> Any:
        if self.use_bias:
            if self.data_format == "channels_last":
                shape = (1,) * (self.rank + 1) + (channels,)
            else:
                shape = (1, channels) + (1,) * self.rank
            outputs = tf.add(outputs, tf.reshape(tf.convert_to_tensor(self.bias), shape))
        if self.activation is not None:
            return self.activation(outputs)
        return outputs

    def _base_config(self) -> dict:
        return {
            "depth_multiplier": self.depth_multiplier, "kernel_size": self.kernel_size, "strides": self.strides,
            "padding": self.padding, "data_format": self.data_format, "dilation_rate": self.dilation_rate,
            "activation": activations.serialize(self.activation), "use_bias": self.use_bias,
            "depthwise_initializer": initializers.serialize(self.depthwise_initializer),
            "bias_initializer": initializers.serialize(self.bias_initializer),
            "depthwise_regularizer": regularizers.serialize(self.depthwise_regularizer),
            "bias_regularizer": regularizers.serialize(self.bias_regularizer),
            "activity_regularizer": regularizers.serialize(self.activity_regularizer),
            "depthwise_constraint": constraints.serialize(self.depthwise_constraint),
            "bias_constraint": constraints.serialize(self.bias_constraint),
        }


class _DepthwiseConv(_DepthwiseBase):
    def __init__(self, rank: int, kernel_size: Any, strides: Any = 1, padding: str = "valid",
                 depth_multiplier: int = 1, data_format: Any = None, dilation_rate: Any = 1, activation: Any = None,
                 use_bias: bool = True, depthwise_initializer: Any = "glorot_uniform", bias_initializer: Any = "zeros",
                 depthwise_regularizer: Any = None, bias_regularizer: Any = None, activity_regularizer: Any = None,
                 depthwise_constraint: Any = None, bias_constraint: Any = None, **kwargs: Any) -> None:
        super().__init__(rank, depth_multiplier, kernel_size, strides, padding, data_format, dilation_rate,
                         activation, use_bias, depthwise_initializer, bias_initializer, depthwise_regularizer,
                         bias_regularizer, activity_regularizer, depthwise_constraint, bias_constraint, **kwargs)
        self._check_sizes()

    def build(self, input_shape: Any) -> None:
        channel = self._set_spec(input_shape)
        self.compute_output_shape(input_shape)
        self.kernel = self.add_weight(name="kernel", shape=(*self.kernel_size, channel, self.depth_multiplier),
                                      initializer=self.depthwise_initializer, regularizer=self.depthwise_regularizer,
                                      constraint=self.depthwise_constraint, trainable=True, dtype=self.dtype)
        if self.use_bias:
            self.bias = self.add_weight(name="bias", shape=(self.depth_multiplier * channel,),
                                        initializer=self.bias_initializer, regularizer=self.bias_regularizer,
                                        constraint=self.bias_constraint, trainable=True, dtype=self.dtype)
        else:
            self.bias = None

    def call(self, inputs: Any) -> Any:
        channel = self._input_channel(inputs.shape)
        y = depthwise_op(inputs, self.kernel, None, self.strides, self.padding, self.data_format,
                         self.dilation_rate)
        return self._bias_and_activation(y, self.depth_multiplier * channel)

    def compute_output_shape(self, input_shape: Any) -> tuple:
        return _args.conv_output_shape(tuple(input_shape), self.depth_multiplier * self._input_channel(input_shape),
                                       self.kernel_size, self.strides, self.padding, self.data_format,
                                       self.dilation_rate)

    def get_config(self) -> dict:
        return {**super().get_config(), **self._base_config()}


class DepthwiseConv1D(_DepthwiseConv):
    def __init__(self, kernel_size: Any, strides: Any = 1, padding: str = "valid", depth_multiplier: int = 1,
                 data_format: Any = None, dilation_rate: Any = 1, **kwargs: Any) -> None:
        super().__init__(1, kernel_size, strides, padding, depth_multiplier, data_format, dilation_rate, **kwargs)


class DepthwiseConv2D(_DepthwiseConv):
    def __init__(self, kernel_size: Any, strides: Any = (1, 1), padding: str = "valid", depth_multiplier: int = 1,
                 data_format: Any = None, dilation_rate: Any = (1, 1), **kwargs: Any) -> None:
        super().__init__(2, kernel_size, strides, padding, depth_multiplier, data_format, dilation_rate, **kwargs)


class _SeparableConv(_DepthwiseBase):
    _strides_message = "The argument `strides` cannot contains 0(s). Received: strides={}"
    _kernel_message = "The argument `kernel_size` cannot contain 0. Received: kernel_size={}."

    def __init__(self, rank: int, filters: int, kernel_size: Any, strides: Any = 1, padding: str = "valid",
                 data_format: Any = None, dilation_rate: Any = 1, depth_multiplier: int = 1, activation: Any = None,
                 use_bias: bool = True, depthwise_initializer: Any = "glorot_uniform",
                 pointwise_initializer: Any = "glorot_uniform", bias_initializer: Any = "zeros",
                 depthwise_regularizer: Any = None, pointwise_regularizer: Any = None, bias_regularizer: Any = None,
                 activity_regularizer: Any = None, depthwise_constraint: Any = None, pointwise_constraint: Any = None,
                 bias_constraint: Any = None, **kwargs: Any) -> None:
        super().__init__(rank, depth_multiplier, kernel_size, strides, padding, data_format, dilation_rate,
                         activation, use_bias, depthwise_initializer, bias_initializer, depthwise_regularizer,
                         bias_regularizer, activity_regularizer, depthwise_constraint, bias_constraint, **kwargs)
        self.filters = filters
        self.pointwise_initializer = initializers.get(pointwise_initializer)
        self.pointwise_regularizer = regularizers.get(pointwise_regularizer)
        self.pointwise_constraint = constraints.get(pointwise_constraint)
        if filters is not None and filters <= 0:
            raise ValueError("Invalid value for argument `filters`. Expected a strictly positive value. "
                             f"Received filters={filters}.")
        self._check_sizes()

    def build(self, input_shape: Any) -> None:
        channel = self._set_spec(input_shape)
        self.compute_output_shape(input_shape)
        self.depthwise_kernel = self.add_weight(
            name="depthwise_kernel", shape=(*self.kernel_size, channel, self.depth_multiplier),
            initializer=self.depthwise_initializer, regularizer=self.depthwise_regularizer,
            constraint=self.depthwise_constraint, trainable=True, dtype=self.dtype)
        self.pointwise_kernel = self.add_weight(
            name="pointwise_kernel", shape=(1,) * self.rank + (self.depth_multiplier * channel, self.filters),
            initializer=self.pointwise_initializer, regularizer=self.pointwise_regularizer,
            constraint=self.pointwise_constraint, trainable=True, dtype=self.dtype)
        if self.use_bias:
            self.bias = self.add_weight(name="bias", shape=(self.filters,), initializer=self.bias_initializer,
                                        regularizer=self.bias_regularizer, constraint=self.bias_constraint,
                                        trainable=True, dtype=self.dtype)
        else:
            self.bias = None

    def call(self, inputs: Any) -> Any:
        y = depthwise_op(inputs, self.depthwise_kernel, self.pointwise_kernel, self.strides, self.padding,
                         self.data_format, self.dilation_rate)
        return self._bias_and_activation(y, self.filters)

    def compute_output_shape(self, input_shape: Any) -> tuple:
        return _args.conv_output_shape(tuple(input_shape), self.filters, self.kernel_size, self.strides,
                                       self.padding, self.data_format, self.dilation_rate)

    def get_config(self) -> dict:
        """Keras's key order: `filters` after `depth_multiplier`, each pointwise entry after its
        depthwise one."""
        base = self._base_config()
        extra = {"depth_multiplier": "filters", "depthwise_initializer": "pointwise_initializer",
                 "depthwise_regularizer": "pointwise_regularizer", "depthwise_constraint": "pointwise_constraint"}
        values = {"filters": self.filters,
                  "pointwise_initializer": initializers.serialize(self.pointwise_initializer),
                  "pointwise_regularizer": regularizers.serialize(self.pointwise_regularizer),
                  "pointwise_constraint": constraints.serialize(self.pointwise_constraint)}
        config = super().get_config()
        for key, value in base.items():
            config[key] = value
            if key in extra:
                config[extra[key]] = values[extra[key]]
        return config


class SeparableConv1D(_SeparableConv):
    def __init__(self, filters: int, kernel_size: Any, strides: Any = 1, padding: str = "valid",
                 data_format: Any = None, dilation_rate: Any = 1, depth_multiplier: int = 1, **kwargs: Any) -> None:
        super().__init__(1, filters, kernel_size, strides, padding, data_format, dilation_rate, depth_multiplier,
                         **kwargs)


class SeparableConv2D(_SeparableConv):
    def __init__(self, filters: int, kernel_size: Any, strides: Any = (1, 1), padding: str = "valid",
                 data_format: Any = None, dilation_rate: Any = (1, 1), depth_multiplier: int = 1,
                 **kwargs: Any) -> None:
        super().__init__(2, filters, kernel_size, strides, padding, data_format, dilation_rate, depth_multiplier,
                         **kwargs)
