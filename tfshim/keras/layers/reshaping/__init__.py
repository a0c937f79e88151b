"""Reshaping layers: Flatten, Reshape, Permute, RepeatVector (the padding, cropping and upsampling
layers live in their own modules here too, written by the convolution work)."""

from tfshim.keras.layers.reshaping.cropping2d import Cropping2D
from tfshim.keras.layers.reshaping.flatten import Flatten
from tfshim.keras.layers.reshaping.one_d import Cropping1D, UpSampling1D, ZeroPadding1D
from tfshim.keras.layers.reshaping.permute import Permute
from tfshim.keras.layers.reshaping.repeat_vector import RepeatVector
from tfshim.keras.layers.reshaping.reshape import Reshape
from tfshim.keras.layers.reshaping.up_sampling2d import UpSampling2D
from tfshim.keras.layers.reshaping.zero_padding2d import ZeroPadding2D

__all__ = ["Cropping1D", "Cropping2D", "Flatten", "Permute", "RepeatVector", "Reshape", "UpSampling1D",
           "UpSampling2D", "ZeroPadding1D", "ZeroPadding2D"]

from tfshim.keras.layers.reshaping.cropping3d import Cropping3D
from tfshim.keras.layers.reshaping.up_sampling3d import UpSampling3D
from tfshim.keras.layers.reshaping.zero_padding3d import ZeroPadding3D

__all__ += ["Cropping3D", "UpSampling3D", "ZeroPadding3D"]
