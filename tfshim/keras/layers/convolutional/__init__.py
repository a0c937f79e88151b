"""Keras's convolution layers.

(Keras conv-layers engineer's files)
"""

from tfshim.keras.layers.convolutional.conv1d import Conv1D
from tfshim.keras.layers.convolutional.conv2d import Conv2D
from tfshim.keras.layers.convolutional.conv2d_transpose import Conv2DTranspose
from tfshim.keras.layers.convolutional.conv3d import Conv3D
from tfshim.keras.layers.convolutional.conv_transpose_nd import Conv1DTranspose, Conv3DTranspose
from tfshim.keras.layers.convolutional.depthwise_conv import (
    DepthwiseConv1D,
    DepthwiseConv2D,
    SeparableConv1D,
    SeparableConv2D,
)

__all__ = ["Conv1D", "Conv1DTranspose", "Conv2D", "Conv2DTranspose", "Conv3D", "Conv3DTranspose", "DepthwiseConv1D",
           "DepthwiseConv2D", "SeparableConv1D", "SeparableConv2D"]
