"""`tf.keras.layers.Reshape`: a target shape for the non-batch axes, with at most one `-1`."""

from __future__ import annotations

import math
from typing import Any

import numpy as np

import tfshim as tf
from tfshim.keras.layers.layer import Layer


def validate_reshape_shape(newshape: Any, arg: str = "newshape") -> None:
    """Each int dimension is >= 0 or -1, with at most one -1 (Keras's check)."""
    count = 0
    for dim in newshape:
        if not isinstance(dim, (int, np.integer)):
            continue
        if dim < -1:
            raise ValueError(f"Each dimension in `{arg}` must be a non-negative integer, or `-1` for "
                             f"a single unknown dimension. Received: {arg}={newshape}.")
        if dim == -1:
            count += 1
    if count > 1:
        raise ValueError(f"There must be at most one unknown dimension (-1) in `{arg}`. "
                         f"Received: {arg}={newshape}.")


def compute_reshape_output_shape(input_shape: Any, newshape: Any, arg: str) -> tuple:
    """`newshape` with its -1 resolved against `input_shape` (None where unknown)."""
    validate_reshape_shape(newshape, arg)
    newshape = tuple(d if isinstance(d, (int, np.integer)) else None for d in newshape)
    input_shape = tuple(input_shape)
    if None in input_shape or None in newshape:
        return tuple(None if d == -1 else d for d in newshape)
    input_size = math.prod(input_shape)
    if newshape.count(-1) == 0:
        if input_size != math.prod(newshape):
            raise ValueError("The total size of the tensor must be unchanged. Received: "
                             f"input_shape={input_shape}, {arg}={newshape}")
        return newshape
    known = 1
    unknown_index = 0
    for index, dim in enumerate(newshape):
        if dim == -1:
            unknown_index = index
        else:
            known *= dim
    if known == 0 or input_size % known != 0:
        raise ValueError("The total size of the tensor must be unchanged, however, the input size "
                         f"cannot by divided by the specified dimensions in {arg}. Received: "
                         f"input_shape={input_shape}, {arg}={newshape}")
    out = list(newshape)
    out[unknown_index] = input_size // known
    return tuple(out)


class Reshape(Layer):
    """`Reshape(target_shape)`; the batch axis is kept; a wrong total size raises ValueError."""

    def __init__(self, target_shape: Any, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        target_shape = tuple(target_shape)
        validate_reshape_shape(target_shape, "target_shape")
        self.target_shape = target_shape
        self.built = True

    def compute_output_shape(self, input_shape: Any) -> tuple:
        return (input_shape[0],
                *compute_reshape_output_shape(input_shape[1:], self.target_shape, "target_shape"))

    def call(self, inputs: Any) -> Any:
        shape = tuple(inputs.shape)
        target = compute_reshape_output_shape(shape[1:], self.target_shape, "target_shape")
        target = tuple(-1 if d is None else d for d in target)
        return tf.reshape(inputs, (shape[0], *target))

    def get_config(self) -> dict:
        return {**super().get_config(), "target_shape": self.target_shape}
