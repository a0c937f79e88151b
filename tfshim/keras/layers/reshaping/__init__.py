"""Reshaping layers: Flatten, Reshape, Permute, RepeatVector (the padding, cropping and upsampling
layers live in their own modules here too, written by the convolution work)."""

from tfshim.keras.layers.reshaping.flatten import Flatten
from tfshim.keras.layers.reshaping.permute import Permute
from tfshim.keras.layers.reshaping.repeat_vector import RepeatVector
from tfshim.keras.layers.reshaping.reshape import Reshape

__all__ = ["Flatten", "Permute", "RepeatVector", "Reshape"]
