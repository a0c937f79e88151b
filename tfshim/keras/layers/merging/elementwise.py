"""Add, Subtract, Multiply, Average, Maximum, Minimum and their function forms (`add(inputs)`...)."""

from __future__ import annotations

from typing import Any

import tfshim as tf
from tfshim.keras.layers.merging.base_merge import Merge, _fold, _promote_all


class Add(Merge):
    """The sum of the inputs (broadcasting); one input is accepted."""

    def _merge_function(self, inputs: list) -> Any:
        return _fold(tf.add, inputs)


class Subtract(Merge):
    """`inputs[0] - inputs[1]`; exactly two inputs."""

    def build(self, input_shape: Any) -> None:
        super().build(input_shape)
        if len(input_shape) != 2:
            raise ValueError("A `Subtract` layer should be called on exactly 2 inputs. "
                             f"Received: input_shape={input_shape}")

    def _merge_function(self, inputs: list) -> Any:
        if len(inputs) != 2:
            raise ValueError("A `Subtract` layer should be called on exactly 2 inputs. "
                             f"Received: inputs={inputs}")
        a, b = _promote_all(inputs)
        return tf.subtract(a, b)


class Multiply(Merge):
    """The elementwise product of the inputs."""

    def _merge_function(self, inputs: list) -> Any:
        return _fold(tf.multiply, inputs)


class Average(Merge):
    """The elementwise mean of the inputs (their sum divided by their count)."""

    def _merge_function(self, inputs: list) -> Any:
        return _fold(tf.add, inputs) / len(inputs)


class Maximum(Merge):
    """The elementwise maximum of the inputs."""

    def _merge_function(self, inputs: list) -> Any:
        return _fold(tf.maximum, inputs)


class Minimum(Merge):
    """The elementwise minimum of the inputs."""

    def _merge_function(self, inputs: list) -> Any:
        return _fold(tf.minimum, inputs)


def add(inputs: list, **kwargs: Any) -> Any:
    """`Add(**kwargs)(inputs)`."""
    return Add(**kwargs)(inputs)


def subtract(inputs: list, **kwargs: Any) -> Any:
    """`Subtract(**kwargs)(inputs)`."""
    return Subtract(**kwargs)(inputs)


def multiply(inputs: list, **kwargs: Any) -> Any:
    """`Multiply(**kwargs)(inputs)`."""
    return Multiply(**kwargs)(inputs)


def average(inputs: list, **kwargs: Any) -> Any:
    """`Average(**kwargs)(inputs)`."""
    return Average(**kwargs)(inputs)


def maximum(inputs: list, **kwargs: Any) -> Any:
    """`Maximum(**kwargs)(inputs)`."""
    return Maximum(**kwargs)(inputs)


def minimum(inputs: list, **kwargs: Any) -> Any:
    """`Minimum(**kwargs)(inputs)`."""
    return Minimum(**kwargs)(inputs)
