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


def check_rank(x: Any) -> None:
    if x.shape.rank not in (3, 4):
        raise ValueError("Invalid images rank: expected rank 3 (single image) or rank 4 (batch of images). "
                         f"Received input with shape: images.shape={x.shape}")
