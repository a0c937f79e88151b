"""What GroupNormalization and LayerNormalization share: the `beta`/`gamma` entries of their config
(in Keras's order) and the axis check of their `compute_output_shape`."""

from __future__ import annotations

from typing import Any

from tfshim.keras import constraints, initializers, regularizers


def affine_config(layer: Any) -> dict:
    return {
        "beta_initializer": initializers.serialize(layer.beta_initializer),
        "gamma_initializer": initializers.serialize(layer.gamma_initializer),
        "beta_regularizer": regularizers.serialize(layer.beta_regularizer),
        "gamma_regularizer": regularizers.serialize(layer.gamma_regularizer),
        "beta_constraint": constraints.serialize(layer.beta_constraint),
        "gamma_constraint": constraints.serialize(layer.gamma_constraint),
    }


def output_shape_checking_axes(axis: Any, input_shape: Any) -> Any:
    """`input_shape`, after Keras's ValueError for an axis outside it."""
    for a in [axis] if isinstance(axis, int) else axis:
        if a >= len(input_shape) or a < -len(input_shape):
            raise ValueError(f"Axis {a} is out of bounds for input shape {input_shape}. Received: axis={axis}")
    return input_shape
