"""`Merge`: the base of the layers that combine a list of inputs elementwise (broadcasting, and
inputs of lower rank expanded at axis 1, as Keras does)."""

from __future__ import annotations

from typing import Any

import tfshim as tf
from tfshim.keras.layers.layer import Layer


class Merge(Layer):
    """Subclasses define `_merge_function(inputs)`. Differs from Keras: Keras masks attached to the
    inputs are not used (tfshim's Layer has no mask propagation)."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._reshape_required = False

    def _merge_function(self, inputs: list) -> Any:
        raise NotImplementedError

    def _compute_elemwise_op_output_shape(self, shape1: Any, shape2: Any) -> Any:
        if None in [shape1, shape2]:
            return None
        if len(shape1) < len(shape2):
            return self._compute_elemwise_op_output_shape(shape2, shape1)
        if not shape2:
            return shape1
        output_shape = list(shape1[: -len(shape2)])
        for i, j in zip(shape1[-len(shape2):], shape2):
            if i is None or j is None:
                output_shape.append(None)
            elif i == 1:
                output_shape.append(j)
            elif j == 1:
                output_shape.append(i)
            else:
                if i != j:
                    raise ValueError("Inputs have incompatible shapes. "
                                     f"Received shapes {shape1} and {shape2}")
                output_shape.append(i)
        return tuple(output_shape)

    def build(self, input_shape: Any) -> None:
        if not isinstance(input_shape[0], (tuple, list)):
            raise ValueError("A merge layer should be called on a list of inputs. "
                             f"Received: input_shape={input_shape} (not a list of shapes)")
        if len(input_shape) < 1:
            raise ValueError("A merge layer should be called on a list of at least 1 input. "
                             f"Received {len(input_shape)} inputs. Full input_shape received: "
                             f"{input_shape}")
        batch_sizes = {s[0] for s in input_shape if s} - {None}
        if len(batch_sizes) > 1:
            raise ValueError("Cannot merge tensors with different batch sizes. "
                             f"Received tensors with shapes {input_shape}")
        output_shape = None if input_shape[0] is None else input_shape[0][1:]
        for i in range(1, len(input_shape)):
            shape = None if input_shape[i] is None else input_shape[i][1:]
            output_shape = self._compute_elemwise_op_output_shape(output_shape, shape)
        self._reshape_required = not (None not in input_shape
                                      and len(set(map(len, input_shape))) == 1)

    def call(self, inputs: Any) -> Any:
        if not isinstance(inputs, (list, tuple)):
            raise ValueError("A merge layer should be called on a list of inputs. "
                             f"Received: inputs={inputs} (not a list of tensors)")
        if self._reshape_required:
            max_ndim = max(len(x.shape) for x in inputs)
            reshaped = []
            for x in inputs:
                for _ in range(max_ndim - len(x.shape)):
                    x = tf.expand_dims(x, axis=1)
                reshaped.append(x)
            return self._merge_function(reshaped)
        return self._merge_function(list(inputs))

    def compute_output_shape(self, input_shape: Any) -> Any:
        output_shape = None if input_shape[0] is None else tuple(input_shape[0][1:])
        for i in range(1, len(input_shape)):
            shape = None if input_shape[i] is None else tuple(input_shape[i][1:])
            output_shape = self._compute_elemwise_op_output_shape(output_shape, shape)
        batch_sizes = {s[0] for s in input_shape if s is not None} - {None}
        if len(batch_sizes) == 1:
            return (next(iter(batch_sizes)), *output_shape)
        return (None, *output_shape)

    def compute_mask(self, inputs: Any, mask: Any = None) -> Any:
        if mask is None:
            return None
        if not isinstance(mask, (tuple, list)):
            raise ValueError(f"`mask` should be a list. Received: mask={mask}")
        if any(m is None for m in mask):
            return None
        output_mask = mask[0]
        for m in mask[1:]:
            output_mask = tf.logical_or(output_mask, m)
        return output_mask


def _promote_all(inputs: list) -> list:
    """Keras's binary ops promote mixed dtypes (an int with a float gives the float)."""
    from tfshim.keras.layers.core._math import promote, tensor

    out = [tensor(x) for x in inputs]
    if len({x.dtype for x in out}) > 1:
        ref = out[0]
        for x in out[1:]:
            ref, _ = promote(ref, x)
        out = [x if x.dtype == ref.dtype else tf.cast(x, ref.dtype) for x in out]
    return out


def _fold(fn: Any, inputs: list) -> Any:
    inputs = _promote_all(inputs)
    output = inputs[0]
    for x in inputs[1:]:
        output = fn(output, x)
    return output
