"""`Dot(axes, normalize=False)` and `dot(inputs, axes=-1)`: per-sample dot products (Keras's
`batch_dot`)."""

from __future__ import annotations

from typing import Any

import tfshim as tf
from tfshim.keras.layers.core import _math
from tfshim.keras.layers.merging.base_merge import Merge


def _l2_normalize(x: Any, axis: int) -> Any:
    from tfshim.keras.initializers._helpers import epsilon

    inv_norm = tf.math.rsqrt(tf.reduce_sum(tf.square(x), axis=axis, keepdims=True))
    return x * tf.minimum(inv_norm, 1.0 / epsilon())


def batch_dot(x: Any, y: Any, axes: Any = None) -> Any:
    """Keras's `batch_dot`: contracts `x`'s axis `axes[0]` with `y`'s axis `axes[1]` per sample."""
    x_shape, y_shape = tuple(x.shape), tuple(y.shape)
    x_ndim, y_ndim = len(x_shape), len(y_shape)
    if x_ndim < 2 or y_ndim < 2:
        raise ValueError("Cannot do batch_dot on inputs with rank < 2. Received inputs with shapes "
                         f"{x_shape} and {y_shape}.")
    if x_shape[0] is not None and y_shape[0] is not None and x_shape[0] != y_shape[0]:
        raise ValueError("Cannot do batch_dot on inputs with different batch sizes. Received "
                         f"inputs with shapes {x_shape} and {y_shape}.")
    if isinstance(axes, int):
        axes = [axes, axes]
    if axes is None:
        axes = [x_ndim - 1, y_ndim - 1] if y_ndim == 2 else [x_ndim - 1, y_ndim - 2]
    if any(isinstance(a, (list, tuple)) for a in axes):
        raise ValueError("Multiple target dimensions are not supported. Expected: None, int, "
                         f"(int, int), Provided: {axes} ")
    axes = list(axes)
    if axes[0] < 0:
        axes[0] += x_ndim
    if axes[1] < 0:
        axes[1] += y_ndim
    if 0 in axes:
        raise ValueError("Cannot perform batch_dot over axis 0. If your inputs are not batched, add "
                         "a dummy batch dimension to your inputs using keras.ops.expand_dims(x, 0)")
    a0, a1 = axes
    d1, d2 = x_shape[a0], y_shape[a1]
    if d1 is not None and d2 is not None and d1 != d2:
        raise ValueError(f"Cannot do batch_dot on inputs with shapes {x_shape} and {y_shape} with "
                         f"axes={axes}. x.shape[{axes[0]}] != y.shape[{axes[1]}] ({d1} != {d2}).")
    orig_x_ndim, orig_y_ndim = x_ndim, y_ndim
    if x_ndim == 2:
        x = tf.expand_dims(x, 1)
        a0 += 1
        x_ndim += 1
    if y_ndim == 2:
        y = tf.expand_dims(y, 2)
        y_ndim += 1
    if a0 != x_ndim - 1:
        pattern = list(range(x_ndim))
        for i in range(a0, x_ndim - 1):
            pattern[i] = pattern[i + 1]
        pattern[-1] = a0
        x = tf.transpose(x, pattern)
    if a1 != 1:
        pattern = list(range(y_ndim))
        for i in range(a1, 1, -1):
            pattern[i] = pattern[i - 1]
        pattern[1] = a1
        y = tf.transpose(y, pattern)
    x_squashed = y_squashed = False
    if x_ndim > 3:
        xs = tuple(x.shape)
        x_mid_dims = xs[1:-1]
        x = tf.reshape(x, (xs[0], -1, xs[-1]))
        x_squashed = True
    if y_ndim > 3:
        ys = tuple(y.shape)
        y_trail_dims = ys[2:]
        y = tf.reshape(y, (ys[0], ys[1], -1))
        y_squashed = True
    result = _math.matmul(x, y)
    output_shape = tuple(result.shape)
    do_reshape = False
    if x_squashed:
        output_shape = output_shape[:1] + x_mid_dims + output_shape[-1:]
        do_reshape = True
    if y_squashed:
        output_shape = output_shape[:-1] + y_trail_dims
        do_reshape = True
    if do_reshape:
        result = tf.reshape(result, output_shape)
    if orig_x_ndim == 2:
        result = tf.squeeze(result, 1)
    elif orig_y_ndim == 2:
        result = tf.squeeze(result, -1)
    return result


class Dot(Merge):
    """The dot product of two inputs along `axes` (an int or a pair), optionally of their
    L2-normalised forms (cosine similarity)."""

    def __init__(self, axes: Any, normalize: bool = False, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        if not isinstance(axes, int):
            if not isinstance(axes, (list, tuple)):
                raise TypeError("Invalid type for argument `axes`: it should be a list or an int. "
                                f"Received: axes={axes}")
            if len(axes) != 2:
                raise ValueError("Invalid format for argument `axes`: it should contain two "
                                 f"elements. Received: axes={axes}")
            if not isinstance(axes[0], int) or not isinstance(axes[1], int):
                raise ValueError("Invalid format for argument `axes`: list elements should be "
                                 f"integers. Received: axes={axes}")
        self.axes = axes
        self.normalize = normalize

    def _axes_for(self, shape1: Any, shape2: Any) -> list:
        if isinstance(self.axes, int):
            if self.axes < 0:
                return [self.axes % len(shape1), self.axes % len(shape2)]
            return [self.axes] * 2
        return [a % len(s) if a < 0 else a for a, s in zip(self.axes, (shape1, shape2))]

    def build(self, input_shape: Any) -> None:
        if not isinstance(input_shape[0], (tuple, list)) or len(input_shape) != 2:
            raise ValueError("A `Dot` layer should be called on a list of 2 inputs. "
                             f"Received: input_shape={input_shape}")
        shape1, shape2 = input_shape
        if shape1 is None or shape2 is None:
            return
        axes = [self.axes % len(shape1), self.axes % len(shape2)] if (
            isinstance(self.axes, int) and self.axes < 0) else (
            [self.axes] * 2 if isinstance(self.axes, int) else self.axes)
        if shape1[axes[0]] != shape2[axes[1]]:
            raise ValueError(f"Incompatible input shapes: axis values {shape1[axes[0]]} (at axis "
                             f"{axes[0]}) != {shape2[axes[1]]} (at axis {axes[1]}). Full input "
                             f"shapes: {shape1}, {shape2}")

    def _merge_function(self, inputs: list) -> Any:
        if len(inputs) != 2:
            raise ValueError("A `Dot` layer should be called on exactly 2 inputs. "
                             f"Received: inputs={inputs}")
        x1, x2 = _math.promote(inputs[0], inputs[1])
        axes = self._axes_for(x1.shape, x2.shape)
        if self.normalize:
            x1 = _l2_normalize(x1, axes[0])
            x2 = _l2_normalize(x2, axes[1])
        return batch_dot(x1, x2, axes)

    def compute_output_shape(self, input_shape: Any) -> tuple:
        if not isinstance(input_shape, (tuple, list)) or len(input_shape) != 2:
            raise ValueError("A `Dot` layer should be called on a list of 2 inputs. "
                             f"Received: input_shape={input_shape}")
        shape1, shape2 = list(input_shape[0]), list(input_shape[1])
        axes = [self.axes % len(shape1), self.axes % len(shape2)] if (
            isinstance(self.axes, int) and self.axes < 0) else (
            [self.axes] * 2 if isinstance(self.axes, int) else self.axes)
        shape1.pop(axes[0])
        shape2.pop(axes[1])
        shape2.pop(0)
        output_shape = shape1 + shape2
        if len(output_shape) == 1:
            output_shape += [1]
        return tuple(output_shape)

    def compute_mask(self, inputs: Any, mask: Any = None) -> Any:
        return None

    def get_config(self) -> dict:
        return {**super().get_config(), "axes": self.axes, "normalize": self.normalize}


def dot(inputs: list, axes: Any = -1, **kwargs: Any) -> Any:
    """`Dot(axes=axes, **kwargs)(inputs)`."""
    return Dot(axes=axes, **kwargs)(inputs)
