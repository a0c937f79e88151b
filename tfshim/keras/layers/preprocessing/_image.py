"""The image arithmetic the Resizing and CenterCrop layers share: Keras's crop/pad to the target
aspect ratio (sizes computed in Python as Keras's static path does) and `tf.image.resize` on
channels-last images."""

from __future__ import annotations

from typing import Any

import tfshim as tf

INTERPOLATIONS = ("bilinear", "nearest", "lanczos3", "lanczos5", "bicubic", "area")


def to_last(x: Any, data_format: str) -> Any:
    if data_format != "channels_first":
        return x
    return tf.transpose(x, [0, 2, 3, 1] if x.shape.rank == 4 else [1, 2, 0])


def from_last(x: Any, data_format: str) -> Any:
    if data_format != "channels_first":
        return x
    return tf.transpose(x, [0, 3, 1, 2] if x.shape.rank == 4 else [2, 0, 1])


def crop_to_aspect(x: Any, target_height: int, target_width: int) -> Any:
    """The central crop with the target's aspect ratio of a channels-last image (batch)."""
    height, width = x.shape[-3], x.shape[-2]
    crop_height = max(min(height, int(float(width * target_height) / target_width)), 1)
    crop_width = max(min(width, int(float(height * target_width) / target_height)), 1)
    h0 = int(float(height - crop_height) / 2)
    w0 = int(float(width - crop_width) / 2)
    if x.shape.rank == 4:
        return x[:, h0:h0 + crop_height, w0:w0 + crop_width, :]
    return x[h0:h0 + crop_height, w0:w0 + crop_width, :]


def pad_to_aspect(x: Any, target_height: int, target_width: int, fill_value: float) -> Any:
    """Keras's `pad_to_aspect_ratio`: the same number of `fill_value` rows (or columns) on each side."""
    height, width = x.shape[-3], x.shape[-2]
    pad_height = max(height, int(float(width * target_height) / target_width))
    pad_width = max(width, int(float(height * target_width) / target_height))
    h0 = int(float(pad_height - height) / 2)
    w0 = int(float(pad_width - width) / 2)
    pads = [[h0, h0], [w0, w0], [0, 0]]
    if x.shape.rank == 4:
        pads = [[0, 0], *pads]
    return tf.pad(x, pads, constant_values=tf.cast(fill_value, x.dtype))


def check_rank(x: Any, height_axis: int | None = None) -> None:
    """Keras's `_is_batched` check; with `height_axis`, first the IndexError Keras's
    `get_random_transformation` raises when it indexes the input's shape there."""
    shape = tuple(x.shape.as_list())
    if height_axis is not None and not -len(shape) <= height_axis < len(shape):
        raise IndexError("tuple index out of range")
    if len(shape) not in (3, 4):
        raise ValueError("Expected image tensor to have rank 3 (single image) or 4 (batch of images). "
                         f"Received: data.shape={shape}")


def cast_back(resized: Any, dtype: Any) -> Any:
    """Keras's `ops.image.resize` ending: integer images rounded (half to even), then saturate-cast
    back to the input's dtype (`tf.image.resize` gives float32 for all but `nearest`)."""
    if resized.dtype == dtype:
        return resized
    if dtype.is_integer:
        resized = tf.round(resized)
    return tf.saturate_cast(resized, dtype)
