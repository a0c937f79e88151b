"""Regularizer, L1, L2, L1L2 and OrthogonalRegularizer, computed with tfshim ops as Keras computes them.

As in Keras, `L1` keeps its factor as a float32 tensor, so `L1(0.01).get_config()` reads back
`{'l1': 0.009999999776482582}`, while `L2` and `L1L2` keep Python floats."""

from __future__ import annotations

import math
from typing import Any

import tfshim as tf


def _validate_float(value: Any, name: str) -> float:
    if (not isinstance(value, (float, int)) or math.isinf(value) or math.isnan(value)
            or value < 0):
        raise ValueError(f"Invalid value for argument {name}: expected a non-negative float."
                         f"Received: {name}={value}")
    return float(value)


class Regularizer:
    """Base class: `reg(x)` returns a scalar penalty; the base returns 0.0."""

    def __call__(self, x: Any) -> Any:
        return 0.0

    @classmethod
    def from_config(cls, config: dict) -> Regularizer:
        return cls(**config)

    def get_config(self) -> dict:
        raise NotImplementedError(f"{self} does not implement get_config()")


class L1L2(Regularizer):
    """`l1*sum(|x|) + l2*sum(x²)` (each term only when its factor is nonzero)."""

    def __init__(self, l1: float = 0.0, l2: float = 0.0) -> None:
        self.l1 = _validate_float(0.0 if l1 is None else l1, "l1")
        self.l2 = _validate_float(0.0 if l2 is None else l2, "l2")

    def __call__(self, x: Any) -> Any:
        x = tf.convert_to_tensor(x)
        total = tf.convert_to_tensor(0.0, dtype=x.dtype)
        if self.l1 != 0.0:
            total += tf.cast(self.l1, x.dtype) * tf.reduce_sum(tf.abs(x))
        if self.l2 != 0.0:
            total += tf.cast(self.l2, x.dtype) * tf.reduce_sum(tf.square(x))
        return total

    def get_config(self) -> dict:
        return {"l1": self.l1, "l2": self.l2}


class L1(Regularizer):
    """`l1*sum(|x|)`, default 0.01."""

    def __init__(self, l1: float = 0.01) -> None:
        l1 = _validate_float(0.01 if l1 is None else l1, "l1")
        self.l1 = tf.convert_to_tensor(l1)

    def __call__(self, x: Any) -> Any:
        x = tf.convert_to_tensor(x)
        return tf.cast(self.l1, x.dtype) * tf.reduce_sum(tf.abs(x))

    def get_config(self) -> dict:
        return {"l1": float(self.l1)}


class L2(Regularizer):
    """`l2*sum(x²)`, default 0.01."""

    def __init__(self, l2: float = 0.01) -> None:
        self.l2 = _validate_float(0.01 if l2 is None else l2, "l2")

    def __call__(self, x: Any) -> Any:
        x = tf.convert_to_tensor(x)
        return tf.cast(self.l2, x.dtype) * tf.reduce_sum(tf.square(x))

    def get_config(self) -> dict:
        return {"l2": self.l2}


def _l2_normalize(x: Any, axis: int) -> Any:
    # keras.ops.normalize(x, axis, order=2): x * min(rsqrt(sum(x²)), 1/epsilon)
    from tfshim.keras.initializers._helpers import epsilon

    inv_norm = tf.math.rsqrt(tf.reduce_sum(tf.square(x), axis=axis, keepdims=True))
    return x * tf.minimum(inv_norm, 1.0 / epsilon())


class OrthogonalRegularizer(Regularizer):
    """`factor * 0.5 * sum(|off-diagonal of N Nᵀ|) / num_pairs` for the row- (or column-)normalised
    rank-2 input N."""

    def __init__(self, factor: float = 0.01, mode: str = "rows") -> None:
        _validate_float(factor, "factor")
        self.factor = tf.convert_to_tensor(factor)
        if mode not in {"rows", "columns"}:
            raise ValueError('Invalid value for argument `mode`. Expected one of '
                             f'{{"rows", "columns"}}. Received: mode={mode}')
        self.mode = mode

    def __call__(self, inputs: Any) -> Any:
        inputs = tf.convert_to_tensor(inputs)
        if len(inputs.shape) != 2:
            raise ValueError("Inputs to OrthogonalRegularizer must have rank 2. Received: "
                             f"inputs.shape={inputs.shape}")
        if self.mode == "rows":
            inputs = _l2_normalize(inputs, 1)
            product = tf.matmul(inputs, tf.transpose(inputs))
            size = inputs.shape[0]
        else:
            inputs = _l2_normalize(inputs, 0)
            product = tf.matmul(tf.transpose(inputs), inputs)
            size = inputs.shape[1]
        off_diagonal = product * (1.0 - tf.eye(size, dtype=inputs.dtype))
        num_pairs = size * (size - 1.0) / 2.0
        return self.factor * 0.5 * tf.reduce_sum(tf.abs(off_diagonal)) / num_pairs

    def get_config(self) -> dict:
        return {"factor": float(self.factor), "mode": self.mode}
