"""`tf.keras.layers.Dense`: `activation(inputs @ kernel + bias)` over the last axis."""

from __future__ import annotations

from typing import Any

from tfshim.keras import activations, constraints, initializers, regularizers
from tfshim.keras.layers.core import _math
from tfshim.keras.layers.input_spec import InputSpec
from tfshim.keras.layers.layer import Layer


class Dense(Layer):
    """`Dense(units, activation=None, use_bias=True, kernel_initializer='glorot_uniform',
    bias_initializer='zeros', ...)`. Differs from Keras: no LoRA and no quantization (`lora_rank`
    raises NotImplementedError)."""

    def __init__(self, units: int, activation: Any = None, use_bias: bool = True,
                 kernel_initializer: Any = "glorot_uniform", bias_initializer: Any = "zeros",
                 kernel_regularizer: Any = None, bias_regularizer: Any = None,
                 activity_regularizer: Any = None, kernel_constraint: Any = None,
                 bias_constraint: Any = None, lora_rank: Any = None, lora_alpha: Any = None,
                 quantization_config: Any = None, **kwargs: Any) -> None:
        if not isinstance(units, int) or units <= 0:
            raise ValueError("Received an invalid value for `units`, expected a positive integer. "
                             f"Received: units={units}")
        if lora_rank:
            raise NotImplementedError("tfshim's Dense does not implement LoRA (`lora_rank`).")
        super().__init__(activity_regularizer=activity_regularizer, **kwargs)
        self.units = units
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
        self.quantization_config = quantization_config
        self.input_spec = InputSpec(min_ndim=2)

    def build(self, input_shape: Any) -> None:
        kernel_shape = (input_shape[-1], self.units)
        self._kernel = self.add_weight(name="kernel", shape=kernel_shape,
                                       initializer=self.kernel_initializer,
                                       regularizer=self.kernel_regularizer,
                                       constraint=self.kernel_constraint)
        if self.use_bias:
            self.bias = self.add_weight(name="bias", shape=(self.units,),
                                        initializer=self.bias_initializer,
                                        regularizer=self.bias_regularizer,
                                        constraint=self.bias_constraint)
        else:
            self.bias = None
        self.input_spec = InputSpec(min_ndim=2, axes={-1: input_shape[-1]})
        self.built = True

    @property
    def kernel(self) -> Any:
        if not self.built:
            raise AttributeError("You must build the layer before accessing `kernel`.")
        return self._kernel

    def call(self, inputs: Any, training: Any = None) -> Any:
        x = _math.matmul(inputs, self.kernel)
        if self.bias is not None:
            x = _math.add(x, self.bias)
        if self.activation is not None:
            x = self.activation(x)
        return x

    def compute_output_shape(self, input_shape: Any) -> tuple:
        output_shape = list(input_shape)
        output_shape[-1] = self.units
        return tuple(output_shape)

    def get_config(self) -> dict:
        config = {
            "units": self.units,
            "activation": activations.serialize(self.activation),
            "use_bias": self.use_bias,
            "kernel_initializer": initializers.serialize(self.kernel_initializer),
            "bias_initializer": initializers.serialize(self.bias_initializer),
            "kernel_regularizer": regularizers.serialize(self.kernel_regularizer),
            "bias_regularizer": regularizers.serialize(self.bias_regularizer),
            "kernel_constraint": constraints.serialize(self.kernel_constraint),
            "bias_constraint": constraints.serialize(self.bias_constraint),
            "quantization_config": None,
        }
        return {**super().get_config(), **config}

    @classmethod
    def from_config(cls, config: dict) -> Dense:
        return super().from_config(_deserialize_arguments(config))


def _deserialize_arguments(config: dict) -> dict:
    """Config dicts of initializers/regularizers/constraints back to objects (Keras's constructors
    accept the dicts through `get`, so this only normalises a missing quantization_config)."""
    config = dict(config)
    config.setdefault("quantization_config", None)
    return config
