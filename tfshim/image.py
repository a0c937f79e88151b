"""`tf.image` (only what tfshim implements: `adjust_contrast`, `convert_image_dtype`)."""

from tfshim.ops.image_ops import adjust_contrast, convert_image_dtype
