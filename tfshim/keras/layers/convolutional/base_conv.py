"""Keras's `BaseConv`: the N-D convolution layer the Conv1D/2D/3D classes specialise. The convolution
is `tf.nn.convolution` with the format Keras passes (NWC/NHWC/...), then a reshaped bias add and the
activation, as Keras's TensorFlow backend computes them."""

from __future__ import annotations

from typing import Any

import tfshim as tf
from tfshim.keras import activations, constraints, initializers, regularizers
from tfshim.keras.backend.config import standardize_data_format
from tfshim.keras.layers.convolutional import _args
from tfshim.keras.layers.input_spec import InputSpec
from tfshim.keras.layers.layer import Layer


class BaseConv(Layer):
    """Differs from Keras: no LoRA (`lora_rank` raises NotImplementedError)."""

    def __init__(self, rank: int, filters: int, kernel_size: Any, strides: Any = 1, padding: str = "valid",
                 data_format: Any = None, dilation_rate: Any = 1, groups: int = 1, activation: Any = None,
                 use_bias: bool = True, kernel_initializer: Any = "glorot_uniform", bias_initializer: Any = "zeros",
                 kernel_regularizer: Any = None, bias_regularizer: Any = None, activity_regularizer: Any = None,
                 kernel_constraint: Any = None, bias_constraint: Any = None, lora_rank: Any = None,
                 lora_alpha: Any = None, **kwargs: Any) -> None:
        if lora_rank:
            raise NotImplementedError("tfshim's convolution layers do not implement LoRA (`lora_rank`).")
        super().__init__(activity_regularizer=activity_regularizer, **kwargs)
        self.rank = rank
        self.filters = filters
        self.groups = groups
        self.kernel_size = _args.standardize_tuple(kernel_size, rank, "kernel_size")
        self.strides = _args.standardize_tuple(strides, rank, "strides")
        self.dilation_rate = _args.standardize_tuple(dilation_rate, rank, "dilation_rate")
        self.padding = _args.standardize_padding(padding, allow_causal=rank == 1)
        self.data_format = standardize_data_format(data_format)
        self.activation = activations.get(activation)
        self.use_bias = use_bias
        self.kernel_initializer = initializers.get(kernel_initializer)
        self.bias_initializer = initializers.get(bias_initializer)
        self.kernel_regularizer = regularizers.get(kernel_regularizer)
        self.bias_regularizer = regularizers.get(bias_regularizer)
        self.kernel_constraint = constraints.get(kernel_constraint)
        self.bias_constraint = constraints.get(bias_constraint)
        self.lora_rank = lora_rank
        self.lora_alpha = lora_alpha if lora_alpha is not None else lora_rank
        self.lora_enabled = False
        self.input_spec = InputSpec(min_ndim=self.rank + 2)
        if self.filters is not None and self.filters <= 0:
            raise ValueError("Invalid value for argument `filters`. Expected a strictly positive value. "
                             f"Received filters={self.filters}.")
        if self.groups <= 0:
            raise ValueError(f"The number of groups must be a positive integer. Received: groups={self.groups}.")
        if self.filters is not None and self.filters % self.groups != 0:
            raise ValueError("The number of filters must be evenly divisible by the number of groups. "
                             f"Received: groups={self.groups}, filters={self.filters}.")
        if not all(self.kernel_size):
            raise ValueError(f"The argument `kernel_size` cannot contain 0. Received kernel_size={self.kernel_size}.")
        if not all(self.strides):
            raise ValueError(f"The argument `strides` cannot contains 0. Received strides={self.strides}")
        if max(self.strides) > 1 and max(self.dilation_rate) > 1:
            raise ValueError("`strides > 1` not supported in conjunction with `dilation_rate > 1`. Received: "
                             f"strides={self.strides} and dilation_rate={self.dilation_rate}")

    def _channel_axis(self) -> int:
        return -1 if self.data_format == "channels_last" else 1

    def build(self, input_shape: Any) -> None:
        axis = self._channel_axis()
        input_channel = input_shape[axis]
        self.input_spec = InputSpec(min_ndim=self.rank + 2, axes={axis: input_channel})
        if input_channel % self.groups != 0:
            raise ValueError("The number of input channels must be evenly divisible by the number of groups. "
                             f"Received groups={self.groups}, but the input has {input_channel} channels (full "
                             f"input shape is {input_shape}).")
        kernel_shape = (*self.kernel_size, input_channel // self.groups, self.filters)
        self.compute_output_shape(input_shape)
        self._kernel = self.add_weight(name="kernel", shape=kernel_shape, initializer=self.kernel_initializer,
                                       regularizer=self.kernel_regularizer, constraint=self.kernel_constraint,
                                       trainable=True, dtype=self.dtype)
        if self.use_bias:
            self.bias = self.add_weight(name="bias", shape=(self.filters,), initializer=self.bias_initializer,
                                        regularizer=self.bias_regularizer, constraint=self.bias_constraint,
                                        trainable=True, dtype=self.dtype)
        else:
            self.bias = None
        self.built = True

    @property
    def kernel(self) -> Any:
        if not self.built:
            raise AttributeError("You must build the layer before accessing `kernel`.")
        return self._kernel

    def convolution_op(self, inputs: Any, kernel: Any, padding: str | None = None) -> Any:
        x = tf.convert_to_tensor(inputs)
        result = tf.nn.convolution(x, _args.kernel_tensor(kernel, x), list(self.strides),
                                   (padding or self.padding).upper(),
                                   data_format=_args.tf_format(self.data_format, x.shape.rank),
                                   dilations=self.dilation_rate)
        if result.shape.num_elements() == 0 and x.shape.num_elements() != 0:
            raise ValueError("The convolution operation resulted in an empty output. Output shape: "
                             f"{result.shape}. This can happen if the input is too small for the given kernel size, "
                             "strides, dilation rate, and padding mode. Please check the input shape and "
                             "convolution parameters.")
        return result

    def _bias_and_activation(self, outputs: Any) -> Any:
        if self.use_bias:
            if self.data_format == "channels_last":
                shape = (1,) * (self.rank + 1) + (self.filters,)
            else:
                shape = (1, self.filters) + (1,) * self.rank
            outputs = tf.add(outputs, tf.reshape(tf.convert_to_tensor(self.bias), shape))
        if self.activation is not None:
            return self.activation(outputs)
        return outputs

    def call(self, inputs: Any) -> Any:
        return self._bias_and_activation(self.convolution_op(inputs, self.kernel))

    def compute_output_shape(self, input_shape: Any) -> tuple:
        padding = "valid" if self.padding == "causal" else self.padding
        if self.padding == "causal":
            return _args.with_spatial(tuple(input_shape), [
                None if n is None else (n - 1) // s + 1 for n, s in zip(_args.spatial(tuple(input_shape),
                                                                                     self.data_format), self.strides)],
                self.filters, self.data_format)
        return _args.conv_output_shape(tuple(input_shape), self.filters, self.kernel_size, self.strides, padding,
                                       self.data_format, self.dilation_rate)

    def get_config(self) -> dict:
        config = {
            "filters": self.filters,
            "kernel_size": self.kernel_size,
            "strides": self.strides,
            "padding": self.padding,
            "data_format": self.data_format,
            "dilation_rate": self.dilation_rate,
            "groups": self.groups,
            "activation": activations.serialize(self.activation),
            "use_bias": self.use_bias,
            "kernel_initializer": initializers.serialize(self.kernel_initializer),
            "bias_initializer": initializers.serialize(self.bias_initializer),
            "kernel_regularizer": regularizers.serialize(self.kernel_regularizer),
            "bias_regularizer": regularizers.serialize(self.bias_regularizer),
            "activity_regularizer": regularizers.serialize(self.activity_regularizer),
            "kernel_constraint": constraints.serialize(self.kernel_constraint),
            "bias_constraint": constraints.serialize(self.bias_constraint),
        }
        return {**super().get_config(), **config}
