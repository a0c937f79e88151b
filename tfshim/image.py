"""`tf.image`: what tfshim implements (adjust_contrast, convert_image_dtype, resize and its relatives,
flips, crops, pads, extract_patches)."""

from tfshim.ops.image_ops import (
    ResizeMethod,
    adjust_contrast,
    central_crop,
    convert_image_dtype,
    crop_to_bounding_box,
    extract_patches,
    flip_left_right,
    flip_up_down,
    pad_to_bounding_box,
    resize,
    resize_with_crop_or_pad,
    resize_with_pad,
)
