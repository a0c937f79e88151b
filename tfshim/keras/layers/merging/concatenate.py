"""`Concatenate(axis=-1)` and `concatenate(inputs, axis=-1)`."""

from __future__ import annotations

import copy
from typing import Any

import tfshim as tf
from tfshim.keras.layers.merging.base_merge import Merge, _promote_all


class Concatenate(Merge):
    """Joins the inputs along `axis`; the other dimensions must match."""

    def __init__(self, axis: int = -1, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.axis = axis

    def build(self, input_shape: Any) -> None:
        if len(input_shape) < 1 or not isinstance(input_shape[0], (tuple, list)):
            raise ValueError("A `Concatenate` layer should be called on a list of at least 1 input. "
                             f"Received: input_shape={input_shape}")
        if all(shape is None for shape in input_shape):
            return
        reduced = [list(shape) for shape in input_shape]
        reduced_copy = copy.copy(reduced)
        shape_set = set()
        for i in range(len(reduced_copy)):
            # Keras's check, kept as it is (it compares whole shapes with 1, so nothing is deleted
            # in that loop; the concat axis is removed below)
            concat_axis = self.axis % len(reduced_copy[i])
            for axis, axis_value in enumerate(reduced_copy, start=1):
                if axis != concat_axis and axis_value == 1:
                    del reduced[i][axis]
            if len(reduced[i]) > self.axis:
                del reduced[i][self.axis]
            shape_set.add(tuple(reduced[i]))
        if len(shape_set) != 1:
            message = ("A `Concatenate` layer requires inputs with matching shapes except for the "
                       f"concatenation axis. Received: input_shape={input_shape}")
            ranks = {len(shape) for shape in shape_set}
            if len(ranks) != 1:
                raise ValueError(message)
            (rank,) = ranks
            for axis in range(rank):
                unique = {shape[axis] for shape in shape_set if shape[axis] is not None}
                if len(unique) > 1:
                    raise ValueError(message)

    def call(self, inputs: Any) -> Any:
        if not isinstance(inputs, (list, tuple)):
            raise ValueError("A merge layer should be called on a list of inputs. "
                             f"Received: inputs={inputs} (not a list of tensors)")
        return tf.concat(_promote_all(list(inputs)), axis=self.axis)

    def compute_output_shape(self, input_shape: Any) -> tuple:
        if not isinstance(input_shape, (tuple, list)) or not isinstance(input_shape[0], (tuple, list)):
            raise ValueError("A `Concatenate` layer should be called on a list of inputs. "
                             f"Received: input_shape={input_shape}")
        output_shape = list(input_shape[0])
        for shape in input_shape[1:]:
            if output_shape[self.axis] is None or shape[self.axis] is None:
                output_shape[self.axis] = None
                break
            output_shape[self.axis] += shape[self.axis]
        return tuple(output_shape)

    def get_config(self) -> dict:
        return {**super().get_config(), "axis": self.axis}


def concatenate(inputs: list, axis: int = -1, **kwargs: Any) -> Any:
    """`Concatenate(axis=axis, **kwargs)(inputs)`."""
    return Concatenate(axis=axis, **kwargs)(inputs)
