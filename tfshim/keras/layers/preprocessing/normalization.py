"""`tf.keras.layers.Normalization`: `(x - mean) / max(sqrt(var), 1e-7)` (or the inverse), with the
statistics given or computed by `adapt` (NumPy arrays with NumPy's mean/var, tensors with
`reduce_mean`/`reduce_variance`, batched datasets and iterables merged batch by batch with Keras's
running formula). Differs from Keras: no masks; `adapt` accepts no `keras.utils.PyDataset`."""

from __future__ import annotations

import itertools
import math
from typing import Any

import numpy as np

import tfshim as tf
from tfshim.keras.layers.layer import Layer

_EPSILON = 1e-7


def _first(batch: Any) -> Any:
    return batch[0] if isinstance(batch, tuple) else batch


class Normalization(Layer):
    def __init__(self, axis: Any = -1, mean: Any = None, variance: Any = None, invert: bool = False,
                 **kwargs: Any) -> None:
        super().__init__(**kwargs)
        if axis is None:
            axis = ()
        elif isinstance(axis, int):
            axis = (axis,)
        else:
            axis = tuple(axis)
        self.axis = axis
        self.input_mean = mean
        self.input_variance = variance
        self.invert = invert
        self._build_input_shape = None
        self.mean = None
        if (mean is not None) != (variance is not None):
            raise ValueError("When setting values directly, both `mean` and `variance` must be set. "
                             f"Received: mean={mean} and variance={variance}")
        if mean is not None:
            if np.shape(mean) != np.shape(variance):
                raise ValueError("When setting values directly, `mean` and `variance` must have the same shape. "
                                 f"Received: mean shape {np.shape(mean)} and variance shape {np.shape(variance)}")
            if len(np.shape(mean)) > len(self.axis):
                raise ValueError("The rank of `mean` must be less than or equal to the number of axes "
                                 f"({len(self.axis)}). Received: mean shape {np.shape(mean)} for axis {self.axis}")

    def build(self, input_shape: Any) -> None:
        if input_shape is None:
            return
        ndim = len(input_shape)
        self._build_input_shape = tuple(input_shape)
        if any(a < -ndim or a >= ndim for a in self.axis):
            raise ValueError("All `axis` values must be in the range [-ndim, ndim). "
                             f"Received inputs with ndim={ndim}, while axis={self.axis}")
        self._keep_axis = tuple(sorted(d % ndim for d in self.axis))
        for d in self._keep_axis:
            if input_shape[d] is None:
                raise ValueError("All `axis` values to be kept must have a known shape. Received "
                                 f"axis={self.axis}, inputs.shape={tuple(input_shape)}, with unknown axis at index {d}")
        self._reduce_axis = tuple(d for d in range(ndim) if d not in self._keep_axis)
        self._broadcast_shape = [input_shape[d] if d in self._keep_axis else 1 for d in range(ndim)]
        self._mean_and_var_shape = tuple(input_shape[d] for d in self._keep_axis)
        if self.input_mean is None:
            self.adapt_mean = self.add_weight(name="mean", shape=self._mean_and_var_shape, initializer="zeros",
                                              trainable=False)
            self.adapt_variance = self.add_weight(name="variance", shape=self._mean_and_var_shape,
                                                  initializer="ones", trainable=False)
            self.count = self.add_weight(name="count", shape=(), dtype="int64", initializer="zeros", trainable=False)
            self.built = True
            self.finalize_state()
        else:
            mean = tf.convert_to_tensor(self.input_mean)
            variance = tf.convert_to_tensor(self.input_variance)
            if mean.shape.rank != 0:
                expanded = [1] * ndim
                for i in range(1, mean.shape.rank + 1):
                    expanded[self._keep_axis[-i]] = mean.shape[-i]
                mean = tf.reshape(mean, expanded)
                variance = tf.reshape(variance, expanded)
            self.mean = tf.cast(tf.broadcast_to(mean, self._broadcast_shape), self.compute_dtype)
            self.variance = tf.cast(tf.broadcast_to(variance, self._broadcast_shape), self.compute_dtype)
            self.built = True

    def adapt(self, data: Any) -> None:
        """Computes the mean and variance of `data` (an array, a tensor, or a batched dataset/iterable)."""
        iterable = False
        is_tensor = isinstance(data, (tf.Tensor, tf.Variable))
        if isinstance(data, np.ndarray) or is_tensor:
            input_shape = tuple(data.shape)
        elif isinstance(data, tf.data.Dataset):
            spec = data.element_spec
            input_shape = tuple((spec[0] if isinstance(spec, tuple) else spec).shape)
            if len(input_shape) == 1:
                data = data.batch(128)
                spec = data.element_spec
                input_shape = tuple((spec[0] if isinstance(spec, tuple) else spec).shape)
            iterable = True
        elif hasattr(data, "__iter__"):
            iterable = True
            it = iter(data)
            first = next(it, None)
            if first is None:
                raise ValueError("adapt() received an empty iterable (no batches). Expected at least one batch. Pass "
                                 "a non-empty iterable of arrays or tensors, e.g. layer.adapt([x]) or "
                                 "layer.adapt(list_of_batches).")
            first = _first(first)
            if getattr(first, "shape", None) is None:
                raise TypeError("adapt() expects an iterable that yields arrays or tensors with a `.shape` attribute "
                                "(e.g. numpy arrays or backend tensors). Got an element of type "
                                f"{type(first).__name__}. Ensure each yielded element is array-like with a `.shape` "
                                "attribute.")
            input_shape = tuple(first.shape)
            data = itertools.chain([first], it)
        else:
            raise TypeError(f"Unsupported data type: {type(data)}. `adapt` supports `np.ndarray`, backend tensors, "
                            "`tf.data.Dataset`, `keras.utils.PyDataset`, and iterables of batches (e.g. list, "
                            "generator).")
        input_shape = tuple(None if d is None else int(d) for d in input_shape)
        if not self.built:
            self.build(input_shape)
        else:
            for d in self._keep_axis:
                if input_shape[d] != self._build_input_shape[d]:
                    raise ValueError(f"The layer was built with input_shape={self._build_input_shape}, but adapt() is "
                                     f"being called with data with an incompatible shape, data.shape={input_shape}")
        if isinstance(data, np.ndarray):
            total_mean = np.mean(data, axis=self._reduce_axis)
            total_var = np.var(data, axis=self._reduce_axis)
        elif not iterable:
            x = tf.cast(data, tf.float64 if data.dtype == tf.float64 else tf.float32)
            total_mean = tf.reduce_mean(x, axis=self._reduce_axis)
            total_var = tf.math.reduce_variance(x, axis=self._reduce_axis)
        else:
            total_mean = tf.zeros(self._mean_and_var_shape, self.compute_dtype)
            total_var = tf.zeros(self._mean_and_var_shape, self.compute_dtype)
            total_count = 0
            for batch in data:
                batch = tf.cast(tf.convert_to_tensor(_first(batch)), self.compute_dtype)
                for d in self._keep_axis:
                    if batch.shape[d] is not None and batch.shape[d] != self._build_input_shape[d]:
                        raise ValueError(f"adapt() yielded a batch with incompatible shape. Expected "
                                         f"{self._build_input_shape}, got {tuple(batch.shape)}.")
                batch_mean = tf.reduce_mean(batch, axis=self._reduce_axis)
                batch_var = tf.math.reduce_variance(batch, axis=self._reduce_axis)
                count = math.prod(batch.shape[d] for d in self._reduce_axis) if self._reduce_axis else 1
                total_count += count
                weight = float(count) / total_count
                existing = 1.0 - weight
                new_mean = total_mean * existing + batch_mean * weight
                total_var = (total_var + (total_mean - new_mean) ** 2) * existing + \
                    (batch_var + (batch_mean - new_mean) ** 2) * weight
                total_mean = new_mean
        self.adapt_mean.assign(total_mean)
        self.adapt_variance.assign(total_var)
        self.finalize_state()

    def finalize_state(self) -> None:
        if self.input_mean is not None or not self.built:
            return
        self.mean = tf.cast(tf.reshape(tf.convert_to_tensor(self.adapt_mean), self._broadcast_shape),
                            self.compute_dtype)
        self.variance = tf.cast(tf.reshape(tf.convert_to_tensor(self.adapt_variance), self._broadcast_shape),
                                self.compute_dtype)

    def call(self, inputs: Any) -> Any:
        if self.mean is None:
            raise ValueError("You must call `.build(input_shape)` on the layer before using it.")
        x = tf.cast(tf.convert_to_tensor(inputs), self.compute_dtype)
        std = tf.maximum(tf.sqrt(self.variance), tf.cast(_EPSILON, self.compute_dtype))
        if self.invert:
            return self.mean + x * std
        return (x - self.mean) / std

    def compute_output_shape(self, input_shape: Any) -> Any:
        return input_shape

    def get_config(self) -> dict:
        return {**super().get_config(), "axis": self.axis, "invert": self.invert,
                "mean": np.array(self.input_mean).tolist(), "variance": np.array(self.input_variance).tolist()}

    def get_build_config(self) -> Any:
        if self._build_input_shape:
            return {"input_shape": self._build_input_shape}
        return None

    def build_from_config(self, config: Any) -> None:
        if config:
            self.build(config["input_shape"])
