"""`tf.keras.layers.CenterCrop`: the central `(height, width)` window; an image smaller than the
target is cropped to the target's aspect ratio and resized bilinearly (Keras's `smart_resize`).
Outputs are in the layer's compute dtype, except resized ones: float32 (Keras's `smart_resize` does not
cast `tf.image.resize`'s result back). Differs from Keras: no bounding boxes."""

from __future__ import annotations

from typing import Any

import tfshim as tf
from tfshim.keras.backend.config import standardize_data_format
from tfshim.keras.layers.layer import Layer
from tfshim.keras.layers.preprocessing import _image


class CenterCrop(Layer):
    def __init__(self, height: int, width: int, data_format: Any = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.height = height
        self.width = width
        self.data_format = standardize_data_format(data_format)

    def call(self, data: Any, training: bool = True) -> Any:
        x = tf.cast(tf.convert_to_tensor(data), self.compute_dtype)
        _image.check_rank(x)
        first = self.data_format == "channels_first"
        h_axis = x.shape.rank - (2 if first else 3)
        h_diff = x.shape[h_axis] - self.height
        w_diff = x.shape[h_axis + 1] - self.width
        if h_diff >= 0 and w_diff >= 0:
            index = [slice(None)] * x.shape.rank
            index[h_axis] = slice(h_diff // 2, h_diff // 2 + self.height)
            index[h_axis + 1] = slice(w_diff // 2, w_diff // 2 + self.width)
            return x[tuple(index)]
        y = _image.crop_to_aspect(_image.to_last(x, self.data_format), self.height, self.width)
        y = tf.image.resize(y, (self.height, self.width), method="bilinear")
        return _image.from_last(y, self.data_format)

    def compute_output_shape(self, input_shape: Any) -> tuple:
        shape = list(input_shape)
        if isinstance(shape[0], (list, tuple)) or len(shape) not in (3, 4):
            raise ValueError("`input_shape` must be a non-nested tuple or list of rank-1 with size 3 (unbatched) or "
                             "4 (batched). ")
        h_axis = len(shape) - (2 if self.data_format == "channels_first" else 3)
        shape[h_axis], shape[h_axis + 1] = self.height, self.width
        return tuple(shape)

    def get_config(self) -> dict:
        return {**super().get_config(), "data_format": self.data_format, "height": self.height, "width": self.width}
