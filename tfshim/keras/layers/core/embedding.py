"""`tf.keras.layers.Embedding`: rows of an `(input_dim, output_dim)` table, gathered by id."""

from __future__ import annotations

import warnings
from typing import Any

import tfshim as tf
from tfshim.keras import constraints, initializers, regularizers
from tfshim.keras.layers.layer import Layer


class Embedding(Layer):
    """`Embedding(input_dim, output_dim, embeddings_initializer='uniform', mask_zero=False, ...)`.
    Ids that are not int32/int64 are cast to int32; negative ids count from the end (Keras's `take`).
    The gradient w.r.t. `embeddings` is an `IndexedSlices`. `compute_mask` gives `ids != 0` when
    `mask_zero`. Differs from Keras: the mask is not attached to the output (tfshim's Layer has no
    mask propagation); no LoRA or quantization."""

    def __init__(self, input_dim: int, output_dim: int, embeddings_initializer: Any = "uniform",
                 embeddings_regularizer: Any = None, embeddings_constraint: Any = None,
                 mask_zero: bool = False, weights: Any = None, lora_rank: Any = None,
                 lora_alpha: Any = None, quantization_config: Any = None, **kwargs: Any) -> None:
        for arg, value in (("input_dim", input_dim), ("output_dim", output_dim)):
            if not isinstance(value, int) or isinstance(value, bool) or value <= 0:
                raise ValueError(f"`{arg}` must be a positive integer. Received: {arg}={value} "
                                 f"(of type {type(value).__name__}).")
        if kwargs.pop("input_length", None) is not None:
            warnings.warn("Argument `input_length` is deprecated. Just remove it.", stacklevel=2)
        if lora_rank:
            raise NotImplementedError("tfshim's Embedding does not implement LoRA (`lora_rank`).")
        super().__init__(**kwargs)
        self.input_dim = input_dim
        self.output_dim = output_dim
        self.embeddings_initializer = initializers.get(embeddings_initializer)
        self.embeddings_regularizer = regularizers.get(embeddings_regularizer)
        self.embeddings_constraint = constraints.get(embeddings_constraint)
        self.mask_zero = mask_zero
        self.autocast = False
        self.lora_rank = lora_rank
        self.lora_alpha = lora_alpha if lora_alpha is not None else lora_rank
        self.lora_enabled = False
        self.quantization_config = quantization_config
        if weights is not None:
            self.build()
            if not (isinstance(weights, list) and len(weights) == 1):
                weights = [weights]
            self.set_weights(weights)

    def build(self, input_shape: Any = None) -> None:
        if self.built:
            return
        self._embeddings = self.add_weight(shape=(self.input_dim, self.output_dim),
                                           initializer=self.embeddings_initializer,
                                           name="embeddings",
                                           regularizer=self.embeddings_regularizer,
                                           constraint=self.embeddings_constraint, trainable=True)
        self.built = True

    @property
    def embeddings(self) -> Any:
        if not self.built:
            raise AttributeError("You must build the layer before accessing `embeddings`.")
        return self._embeddings

    def call(self, inputs: Any) -> Any:
        inputs = tf.convert_to_tensor(inputs)
        if inputs.dtype not in (tf.int32, tf.int64):
            inputs = tf.cast(inputs, tf.int32)
        table = self.embeddings
        size = tf.cast(table.shape[0], inputs.dtype)
        inputs = tf.where(inputs < 0, inputs + size, inputs)
        outputs = tf.gather(table, inputs, axis=0)
        if outputs.dtype.name != self.compute_dtype:
            outputs = tf.cast(outputs, self.compute_dtype)
        return outputs

    def compute_mask(self, inputs: Any, mask: Any = None) -> Any:
        if not self.mask_zero:
            return None
        return tf.not_equal(inputs, 0)

    def compute_output_shape(self, input_shape: Any) -> tuple:
        return (*input_shape, self.output_dim)

    def get_config(self) -> dict:
        config = {
            "input_dim": self.input_dim,
            "output_dim": self.output_dim,
            "embeddings_initializer": initializers.serialize(self.embeddings_initializer),
            "embeddings_regularizer": regularizers.serialize(self.embeddings_regularizer),
            "activity_regularizer": regularizers.serialize(self.activity_regularizer),
            "embeddings_constraint": constraints.serialize(self.embeddings_constraint),
            "mask_zero": self.mask_zero,
            "quantization_config": None,
        }
        return {**super().get_config(), **config}
