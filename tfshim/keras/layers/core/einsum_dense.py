"""`tf.keras.layers.EinsumDense`: `activation(einsum(equation, inputs, kernel) + bias)`."""

from __future__ import annotations

import re
from typing import Any

import tfshim as tf
from tfshim.keras import activations, constraints, initializers, regularizers
from tfshim.keras.initializers.random_initializers import VarianceScaling
from tfshim.keras.layers.core import _math
from tfshim.keras.layers.input_spec import InputSpec
from tfshim.keras.layers.layer import Layer


class EinsumDense(Layer):
    """`EinsumDense(equation, output_shape, activation=None, bias_axes=None, ...)`. As in Keras, a
    VarianceScaling kernel initializer without axes gets the einsum's input/output axes for its fans.
    Differs from Keras: no LoRA and no quantization."""

    def __init__(self, equation: str, output_shape: Any, activation: Any = None,
                 bias_axes: str | None = None, kernel_initializer: Any = "glorot_uniform",
                 bias_initializer: Any = "zeros", kernel_regularizer: Any = None,
                 bias_regularizer: Any = None, kernel_constraint: Any = None,
                 bias_constraint: Any = None, lora_rank: Any = None, lora_alpha: Any = None,
                 gptq_unpacked_column_size: Any = None, quantization_config: Any = None,
                 **kwargs: Any) -> None:
        if lora_rank:
            raise NotImplementedError("tfshim's EinsumDense does not implement LoRA (`lora_rank`).")
        super().__init__(**kwargs)
        self.equation = equation
        if isinstance(output_shape, int):
            self.partial_output_shape = (output_shape,)
        else:
            self.partial_output_shape = tuple(output_shape)
        self.bias_axes = bias_axes
        self.activation = activations.get(activation)
        self.kernel_initializer = initializers.get(kernel_initializer)
        self.bias_initializer = initializers.get(bias_initializer)
        self.kernel_regularizer = regularizers.get(kernel_regularizer)
        self.bias_regularizer = regularizers.get(bias_regularizer)
        self.kernel_constraint = constraints.get(kernel_constraint)
        self.bias_constraint = constraints.get(bias_constraint)
        self.lora_rank = lora_rank
        self.lora_alpha = lora_alpha if lora_alpha is not None else lora_rank
        self.lora_enabled = False
        self.gptq_unpacked_column_size = gptq_unpacked_column_size
        self.quantization_config = quantization_config

    def build(self, input_shape: Any) -> None:
        kernel_shape, bias_shape, _, input_axes, output_axes = _analyze_einsum_string(
            self.equation, self.bias_axes, input_shape, self.partial_output_shape)
        self.input_spec = InputSpec(ndim=len(input_shape))
        init = self.kernel_initializer
        if isinstance(init, VarianceScaling) and (init.input_axes is None or init.output_axes is None):
            config = init.get_config()
            config["seed"] = init.seed
            config["input_axes"] = input_axes
            config["output_axes"] = output_axes
            init = type(init).from_config(config)
        self._kernel = self.add_weight(name="kernel", shape=tuple(kernel_shape), initializer=init,
                                       regularizer=self.kernel_regularizer,
                                       constraint=self.kernel_constraint, dtype=self.dtype,
                                       trainable=True)
        if bias_shape is not None:
            self.bias = self.add_weight(name="bias", shape=tuple(bias_shape),
                                        initializer=self.bias_initializer,
                                        regularizer=self.bias_regularizer,
                                        constraint=self.bias_constraint, dtype=self.dtype,
                                        trainable=True)
        else:
            self.bias = None
        self.built = True

    @property
    def kernel(self) -> Any:
        if not self.built:
            raise AttributeError("You must build the layer before accessing `kernel`.")
        return self._kernel

    def compute_output_shape(self, input_shape: Any) -> tuple:
        _, _, full_output_shape, _, _ = _analyze_einsum_string(
            self.equation, self.bias_axes, input_shape, self.partial_output_shape)
        return tuple(full_output_shape)

    def call(self, inputs: Any, training: Any = None) -> Any:
        x, kernel = _math.promote(inputs, self.kernel)
        x = tf.einsum(self.equation, x, kernel)
        if self.bias is not None:
            x = _math.add(x, self.bias)
        if self.activation is not None:
            x = self.activation(x)
        return x

    def get_config(self) -> dict:
        config = {
            "output_shape": self.partial_output_shape,
            "equation": self.equation,
            "activation": activations.serialize(self.activation),
            "bias_axes": self.bias_axes,
            "kernel_initializer": initializers.serialize(self.kernel_initializer),
            "bias_initializer": initializers.serialize(self.bias_initializer),
            "kernel_regularizer": regularizers.serialize(self.kernel_regularizer),
            "bias_regularizer": regularizers.serialize(self.bias_regularizer),
            "activity_regularizer": regularizers.serialize(self.activity_regularizer),
            "kernel_constraint": constraints.serialize(self.kernel_constraint),
            "bias_constraint": constraints.serialize(self.bias_constraint),
            "quantization_config": None,
        }
        return {**super().get_config(), **config}


def _analyze_einsum_string(equation: str, bias_axes: Any, input_shape: Any, output_shape: Any) -> tuple:
    """Kernel shape, bias shape, full output shape, and the kernel's input/output axes (Keras's
    analysis of `ab,bc->ac`, `...b,bc->...c` and `ab...,bc->ac...` equations)."""
    replaced = re.sub(r"\.\.\.", "0", equation)
    split = re.match("([a-zA-Z]+),([a-zA-Z]+)->([a-zA-Z]+)", replaced)
    if split:
        return _analyze_split_string(split, bias_axes, input_shape, output_shape)
    split = re.match("0([a-zA-Z]+),([a-zA-Z]+)->0([a-zA-Z]+)", replaced)
    if split:
        return _analyze_split_string(split, bias_axes, input_shape, output_shape, left_elided=True)
    split = re.match("([a-zA-Z]{2,})0,([a-zA-Z]+)->([a-zA-Z]+)0", replaced)
    if split:
        return _analyze_split_string(split, bias_axes, input_shape, output_shape)
    raise ValueError(f"Invalid einsum equation '{equation}'. Equations must be in the form "
                     "[X],[Y]->[Z], ...[X],[Y]->...[Z], or [X]...,[Y]->[Z]....")


def _analyze_split_string(split: Any, bias_axes: Any, input_shape: Any, output_shape: Any,
                          left_elided: bool = False) -> tuple:
    input_spec, weight_spec, output_spec = split.group(1), split.group(2), split.group(3)
    input_shape = tuple(input_shape)
    elided = len(input_shape) - len(input_spec)
    output_shape = [output_shape] if isinstance(output_shape, int) else list(output_shape)
    output_shape.insert(0, input_shape[0])
    if elided > 0 and left_elided:
        for i in range(1, elided):
            output_shape.insert(1, input_shape[i])
    elif elided > 0 and not left_elided:
        for i in range(len(input_shape) - elided, len(input_shape)):
            output_shape.append(input_shape[i])
    if left_elided:
        input_dim_map = {dim: (i + elided) - len(input_shape) for i, dim in enumerate(input_spec)}
        output_dim_map = {dim: (i + elided) for i, dim in enumerate(output_spec)}
    else:
        input_dim_map = {dim: i for i, dim in enumerate(input_spec)}
        output_dim_map = {dim: i for i, dim in enumerate(output_spec)}
    for dim in input_spec:
        input_at = input_shape[input_dim_map[dim]]
        if dim in output_dim_map:
            output_at = output_shape[output_dim_map[dim]]
            if output_at is not None and output_at != input_at:
                raise ValueError(
                    "Input shape and output shape do not match at shared dimension "
                    f"'{dim}'. Input shape is {input_at}, and output shape is "
                    f"{output_shape[output_dim_map[dim]]}.")
    for dim in output_spec:
        if dim not in input_spec and dim not in weight_spec:
            raise ValueError(
                f"Dimension '{dim}' was specified in the output '{output_spec}' but has no "
                f"corresponding dim in the input spec '{input_spec}' or weight spec '{output_spec}'")
    weight_shape: list = []
    input_axes: list = []
    output_axes: list = []
    for i, dim in enumerate(weight_spec):
        if dim in output_dim_map:
            weight_shape.append(output_shape[output_dim_map[dim]])
            output_axes.append(i)
        elif dim in input_dim_map:
            weight_shape.append(input_shape[input_dim_map[dim]])
            input_axes.append(i)
        else:
            raise ValueError(
                f"Weight dimension '{dim}' did not have a match in either the input spec "
                f"'{input_spec}' or the output spec '{output_spec}'. For this layer, the weight "
                "must be fully specified.")
    if bias_axes is not None:
        num_left_elided = elided if left_elided else 0
        idx_map = {char: output_shape[i + num_left_elided] for i, char in enumerate(output_spec)}
        for char in bias_axes:
            if char not in output_spec:
                raise ValueError(f"Bias dimension '{char}' was requested, but is not part of the "
                                 f"output spec '{output_spec}'")
        first = min(output_spec.find(char) for char in bias_axes)
        bias_shape: Any = [idx_map[char] if char in bias_axes else 1 for char in output_spec[first:]]
        if not left_elided:
            bias_shape.extend([1] * elided)
    else:
        bias_shape = None
    return weight_shape, bias_shape, output_shape, input_axes, output_axes
