"""Keras's preprocessing layers (tfshim has Rescaling).

(Keras conv-layers engineer's files)
"""

from tfshim.keras.layers.preprocessing.center_crop import CenterCrop
from tfshim.keras.layers.preprocessing.normalization import Normalization
from tfshim.keras.layers.preprocessing.rescaling import Rescaling
from tfshim.keras.layers.preprocessing.resizing import Resizing

__all__ = ["CenterCrop", "Normalization", "Rescaling", "Resizing"]
