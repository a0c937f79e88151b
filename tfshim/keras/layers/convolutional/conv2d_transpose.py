"""Keras's `BaseConvTranspose` and `tf.keras.layers.Conv2DTranspose`: `tf.nn.conv_transpose` with the
output size Keras computes (`output_padding=None`: SAME gives `in*s`, VALID `(in-1)*s + max(k_eff, s)`);
kernel `[*kernel_size, filters, in]`. Like Keras, no `groups` and no causal padding."""

from __future__ import annotations

from typing import Any

import tfshim as tf
from tfshim.keras import activations, constraints, initializers, regularizers
from tfshim.keras.backend.config import standardize_data_format
from tfshim.keras.layers.convolutional import _args
from tfshim.keras.layers.convolutional.base_conv import BaseConv
from tfshim.keras.layers.input_spec import InputSpec
from tfshim.keras.layers.layer import Layer, _shapes_to_keras_tensors


def _transpose_size(size: Any, k: int, s: int, padding: str, output_padding: Any, d: int) -> Any:
    if size is None:
        return None
    k_eff = (k - 1) * d + 1
    if padding == "valid":
        extra = max(k_eff, s) - k_eff if output_padding is None else output_padding
        return (size - 1) * s + k_eff + extra
    if output_padding is None:
        return size * s
    return (size - 1) * s + k_eff % 2 + output_padding


class BaseConvTranspose(BaseConv):
    """Keras's `BaseConvTranspose`: its own argument checks, in its order (it is not a `BaseConv`
    there; here it reuses BaseConv's kernel property and bias/activation step)."""

    rank = 2

    def __init__(self, filters: int, kernel_size: Any, strides: Any = 1, padding: str = "valid",
                 output_padding: Any = None, data_format: Any = None, dilation_rate: Any = 1,
                 activation: Any = None, use_bias: bool = True, kernel_initializer: Any = "glorot_uniform",
                 bias_initializer: Any = "zeros", kernel_regularizer: Any = None, bias_regularizer: Any = None,
                 activity_regularizer: Any = None, kernel_constraint: Any = None, bias_constraint: Any = None,
                 **kwargs: Any) -> None:
        Layer.__init__(self, activity_regularizer=activity_regularizer, **kwargs)
        rank = type(self).rank
        self.rank = rank
        self.filters = filters
        self.kernel_size = _args.standardize_tuple(kernel_size, rank, "kernel_size")
        self.strides = _args.standardize_tuple(strides, rank, "strides")
        self.dilation_rate = _args.standardize_tuple(dilation_rate, rank, "dilation_rate")
        self.padding = _args.standardize_padding(padding)
        self.output_padding = None if output_padding is None else \
            _args.standardize_tuple(output_padding, rank, "output_padding", allow_zero=True)
        self.data_format = standardize_data_format(data_format)
        self.activation = activations.get(activation)
        self.use_bias = use_bias
        self.kernel_initializer = initializers.get(kernel_initializer)
        self.bias_initializer = initializers.get(bias_initializer)
        self.kernel_regularizer = regularizers.get(kernel_regularizer)
        self.bias_regularizer = regularizers.get(bias_regularizer)
        self.kernel_constraint = constraints.get(kernel_constraint)
        self.bias_constraint = constraints.get(bias_constraint)
        self.input_spec = InputSpec(min_ndim=rank + 2)
        self._check_arguments()

    def _check_arguments(self) -> None:
        if self.filters is not None and self.filters <= 0:
            raise ValueError("Invalid value for argument `filters`. Expected a strictly positive value. "
                             f"Received filters={self.filters}.")
        if not all(self.kernel_size):
            raise ValueError(f"The argument `kernel_size` cannot contain 0. Received kernel_size={self.kernel_size}.")
        if not all(self.strides):
            raise ValueError(f"The argument `strides` cannot contains 0. Received strides={self.strides}.")
        for i, (op, s) in enumerate(zip(self.output_padding or (), self.strides)):
            if op >= s:
                raise ValueError("`output_padding` must be strictly less than `strides` for all dimensions. "
                                 f"At dimension {i}, `output_padding` is {op} but `strides` is {s}. "
                                 f"Received: output_padding={self.output_padding}, strides={self.strides}")
        if max(self.strides) > 1 and max(self.dilation_rate) > 1:
            raise ValueError("`strides > 1` not supported in conjunction with `dilation_rate > 1`. Received: "
                             f"strides={self.strides} and dilation_rate={self.dilation_rate}")

    @property
    def kernel(self) -> Any:
        """Keras sets `kernel` in `build`: before, the attribute does not exist."""
        if not self.built:
            raise AttributeError(f"'{type(self).__name__}' object has no attribute 'kernel'")
        return self._kernel

    def build(self, input_shape: Any) -> None:
        axis = self._channel_axis()
        input_channel = input_shape[axis]
        self.input_spec = InputSpec(min_ndim=self.rank + 2, axes={axis: input_channel})
        kernel_shape = (*self.kernel_size, self.filters, input_channel)
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

    def compute_output_shape(self, input_shape: Any) -> list:
        """A list, as Keras's `compute_conv_transpose_output_shape` returns."""
        shape = tuple(input_shape)
        sizes = [_transpose_size(n, self.kernel_size[i], self.strides[i], self.padding,
                                 None if self.output_padding is None else self.output_padding[i], self.dilation_rate[i])
                 for i, n in enumerate(_args.spatial(shape, self.data_format))]
        return list(_args.with_spatial(shape, sizes, self.filters, self.data_format))

    def compute_output_spec(self, inputs: Any) -> Any:
        """The KerasTensor of the output shape (tfshim's Layer takes only tuples as shapes)."""
        return _shapes_to_keras_tensors(tuple(self.compute_output_shape(tuple(inputs.shape))), self.compute_dtype)

    def call(self, inputs: Any) -> Any:
        x = tf.convert_to_tensor(inputs)
        out_shape = list(self.compute_output_shape(tuple(x.shape.as_list())))
        y = tf.nn.conv_transpose(x, _args.kernel_tensor(self.kernel, x), out_shape, list(self.strides),
                                 padding=self.padding.upper(),
                                 data_format=_args.tf_format(self.data_format, self.rank + 2),
                                 dilations=list(self.dilation_rate))
        return self._bias_and_activation(y)

    def get_config(self) -> dict:
        return {**Layer.get_config(self), "filters": self.filters, "kernel_size": self.kernel_size,
                "strides": self.strides, "padding": self.padding, "output_padding": self.output_padding,
                "data_format": self.data_format, "dilation_rate": self.dilation_rate,
                "activation": activations.serialize(self.activation), "use_bias": self.use_bias,
                "kernel_initializer": initializers.serialize(self.kernel_initializer),
                "bias_initializer": initializers.serialize(self.bias_initializer),
                "kernel_regularizer": regularizers.serialize(self.kernel_regularizer),
                "bias_regularizer": regularizers.serialize(self.bias_regularizer),
                "activity_regularizer": regularizers.serialize(self.activity_regularizer),
                "kernel_constraint": constraints.serialize(self.kernel_constraint),
                "bias_constraint": constraints.serialize(self.bias_constraint)}


class Conv2DTranspose(BaseConvTranspose):
    rank = 2

    def __init__(self, filters: int, kernel_size: Any, strides: Any = (1, 1), padding: str = "valid",
                 output_padding: Any = None, data_format: Any = None, dilation_rate: Any = (1, 1),
                 **kwargs: Any) -> None:
        super().__init__(filters, kernel_size, strides=strides, padding=padding, output_padding=output_padding,
                         data_format=data_format, dilation_rate=dilation_rate, **kwargs)
