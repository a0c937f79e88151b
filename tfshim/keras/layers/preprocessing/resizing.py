"""`tf.keras.layers.Resizing`: `tf.image.resize` to `(height, width)`, optionally after a central crop
or a symmetric pad to the target aspect ratio; integer images are rounded and saturate-cast back to
their dtype, as Keras does. Differs from Keras: no bounding boxes or segmentation-mask dicts."""

from __future__ import annotations

from typing import Any

import tfshim as tf
from tfshim.keras.backend.config import standardize_data_format
from tfshim.keras.layers.layer import Layer
from tfshim.keras.layers.preprocessing import _image


class Resizing(Layer):
    def __init__(self, height: int, width: int, interpolation: str = "bilinear", crop_to_aspect_ratio: bool = False,
                 pad_to_aspect_ratio: bool = False, fill_mode: str = "constant", fill_value: float = 0.0,
                 antialias: bool = False, data_format: Any = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.height = height
        self.width = width
        self.interpolation = interpolation
        self.data_format = standardize_data_format(data_format)
        self.crop_to_aspect_ratio = crop_to_aspect_ratio
        self.pad_to_aspect_ratio = pad_to_aspect_ratio
        self.fill_mode = fill_mode
        self.fill_value = fill_value
        self.antialias = bool(antialias)

    def call(self, data: Any, training: bool = True) -> Any:
        images = tf.convert_to_tensor(data)
        _image.check_rank(images, -2 if self.data_format == "channels_first" else -3)
        if self.interpolation not in _image.INTERPOLATIONS:
            raise ValueError(f"Invalid value for argument `interpolation`. Expected of one {_image.INTERPOLATIONS}. "
                             f"Received: interpolation={self.interpolation}")
        if self.fill_mode != "constant":
            raise ValueError("Invalid value for argument `fill_mode`. Only `'constant'` is supported. "
                             f"Received: fill_mode={self.fill_mode}")
        if self.pad_to_aspect_ratio and self.crop_to_aspect_ratio:
            raise ValueError("Only one of `pad_to_aspect_ratio` & `crop_to_aspect_ratio` can be `True`.")
        x = _image.to_last(images, self.data_format)
        if self.crop_to_aspect_ratio:
            x = _image.crop_to_aspect(x, self.height, self.width)
        elif self.pad_to_aspect_ratio:
            x = _image.pad_to_aspect(x, self.height, self.width, self.fill_value)
        x = tf.image.resize(x, (self.height, self.width), method=self.interpolation, antialias=self.antialias)
        return _image.cast_back(_image.from_last(x, self.data_format), images.dtype)

    def compute_output_shape(self, input_shape: Any) -> tuple:
        shape = list(input_shape)
        if len(shape) == 4:
            h_axis, w_axis = (1, 2) if self.data_format == "channels_last" else (2, 3)
        else:
            h_axis, w_axis = (0, 1) if self.data_format == "channels_last" else (1, 2)
        shape[h_axis], shape[w_axis] = self.height, self.width
        return tuple(shape)

    def get_config(self) -> dict:
        return {**super().get_config(), "data_format": self.data_format, "height": self.height, "width": self.width,
                "interpolation": self.interpolation, "crop_to_aspect_ratio": self.crop_to_aspect_ratio,
                "pad_to_aspect_ratio": self.pad_to_aspect_ratio, "fill_mode": self.fill_mode,
                "fill_value": self.fill_value, "antialias": self.antialias}
