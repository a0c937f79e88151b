"""Keras's convolution layers.

(Keras conv-layers engineer's files)
"""

from tfshim.keras.layers.convolutional.conv1d import Conv1D
from tfshim.keras.layers.convolutional.conv2d import Conv2D
from tfshim.keras.layers.convolutional.conv2d_transpose import Conv2DTranspose

__all__ = ["Conv1D", "Conv2D", "Conv2DTranspose"]
