"""`tf.keras.layers.Conv2DTranspose`: `tf.nn.conv_transpose` with the output size Keras computes
(`output_padding=None`: SAME gives `in*s`, VALID `(in-1)*s + max(k_eff, s)`); kernel `[kh, kw, filters, in]`."""

from __future__ import annotations

from typing import Any

import tfshim as tf
from tfshim.keras import activations, constraints, initializers, regularizers
from tfshim.keras.layers.convolutional import _args
from tfshim.keras.layers.convolutional.base_conv import BaseConv
from tfshim.keras.layers.input_spec import InputSpec


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


class Conv2DTranspose(BaseConv):
    def __init__(self, filters: int, kernel_size: Any, strides: Any = (1, 1), padding: str = "valid",
                 output_padding: Any = None, data_format: Any = None, dilation_rate: Any = (1, 1),
                 activation: Any = None, use_bias: bool = True, kernel_initializer: Any = "glorot_uniform",
                 bias_initializer: Any = "zeros", kernel_regularizer: Any = None, bias_regularizer: Any = None,
                 activity_regularizer: Any = None, kernel_constraint: Any = None, bias_constraint: Any = None,
                 **kwargs: Any) -> None:
        super().__init__(rank=2, filters=filters, kernel_size=kernel_size, strides=strides, padding=padding,
                         data_format=data_format, dilation_rate=dilation_rate, activation=activation,
                         use_bias=use_bias, kernel_initializer=kernel_initializer, bias_initializer=bias_initializer,
                         kernel_regularizer=kernel_regularizer, bias_regularizer=bias_regularizer,
                         activity_regularizer=activity_regularizer, kernel_constraint=kernel_constraint,
                         bias_constraint=bias_constraint, **kwargs)
        self.output_padding = None if output_padding is None else \
            _args.standardize_tuple(output_padding, 2, "output_padding", allow_zero=True)
        if self.output_padding is not None:
            for i, (op, s) in enumerate(zip(self.output_padding, self.strides)):
                if op >= s:
                    raise ValueError("`output_padding` must be strictly less than `strides` for all dimensions. "
                                     f"At dimension {i}, `output_padding` is {op} but `strides` is {s}. "
                                     f"Received: output_padding={self.output_padding}, strides={self.strides}")

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

    def compute_output_shape(self, input_shape: Any) -> tuple:
        shape = tuple(input_shape)
        sizes = [_transpose_size(n, self.kernel_size[i], self.strides[i], self.padding,
                                 None if self.output_padding is None else self.output_padding[i], self.dilation_rate[i])
                 for i, n in enumerate(_args.spatial(shape, self.data_format))]
        return _args.with_spatial(shape, sizes, self.filters, self.data_format)

    def call(self, inputs: Any) -> Any:
        x = tf.convert_to_tensor(inputs)
        out_shape = list(self.compute_output_shape(tuple(x.shape.as_list())))
        y = tf.nn.conv_transpose(x, tf.convert_to_tensor(self.kernel), out_shape, list(self.strides),
                                 padding=self.padding.upper(), data_format=_args.tf_format(self.data_format, 4),
                                 dilations=list(self.dilation_rate))
        return self._bias_and_activation(y)

    def get_config(self) -> dict:
        config = super().get_config()
        config.pop("groups", None)
        config["output_padding"] = self.output_padding
        for key, module in (("kernel_initializer", initializers), ("bias_initializer", initializers),
                            ("kernel_regularizer", regularizers), ("bias_regularizer", regularizers),
                            ("kernel_constraint", constraints), ("bias_constraint", constraints)):
            config[key] = module.serialize(getattr(self, key))
        config["activation"] = activations.serialize(self.activation)
        return config
