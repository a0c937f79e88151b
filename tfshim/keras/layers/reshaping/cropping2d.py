"""`tf.keras.layers.Cropping2D`: slicing of the two spatial axes."""

from __future__ import annotations

from typing import Any

import tfshim as tf
from tfshim.keras.backend.config import standardize_data_format
from tfshim.keras.layers.input_spec import InputSpec
from tfshim.keras.layers.layer import Layer
from tfshim.keras.layers.reshaping.zero_padding2d import _pairs


class Cropping2D(Layer):
    def __init__(self, cropping: Any = ((0, 0), (0, 0)), data_format: Any = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.data_format = standardize_data_format(data_format)
        if isinstance(cropping, int) and cropping < 0:
            raise ValueError(f"`cropping` cannot be negative. Received: cropping={cropping}.")
        self.cropping = _pairs(cropping, "cropping")
        self.input_spec = InputSpec(ndim=4)

    def _spatial_axes(self) -> tuple:
        return (2, 3) if self.data_format == "channels_first" else (1, 2)

    def _check(self, shape: tuple, what: str) -> None:
        h, w = (shape[a] for a in self._spatial_axes())
        if (h is not None and sum(self.cropping[0]) >= h) or (w is not None and sum(self.cropping[1]) >= w):
            raise ValueError("Values in `cropping` argument should be smaller than the corresponding spatial dimension "
                             f"of the input. Received: {what}={shape}, cropping={self.cropping}")

    def compute_output_shape(self, input_shape: Any) -> tuple:
        """Keras's: a 4-D result whatever the input's rank."""
        s = tuple(input_shape)
        self._check(s, "input_shape")
        h_axis, w_axis = self._spatial_axes()
        h = None if s[h_axis] is None else s[h_axis] - sum(self.cropping[0])
        w = None if s[w_axis] is None else s[w_axis] - sum(self.cropping[1])
        if self.data_format == "channels_first":
            return (s[0], s[1], h, w)
        return (s[0], h, w, s[3])

    def call(self, inputs: Any) -> Any:
        x = tf.convert_to_tensor(inputs)
        self._check(tuple(x.shape), "inputs.shape")
        index = [slice(None)] * 4
        for (a, b), axis in zip(self.cropping, self._spatial_axes()):
            index[axis] = slice(a, x.shape[axis] - b)
        return x[tuple(index)]

    def get_config(self) -> dict:
        return {**super().get_config(), "cropping": self.cropping, "data_format": self.data_format}
