"""Keras's pooling layers.

(Keras conv-layers engineer's files)
"""

from tfshim.keras.layers.pooling.global_pooling import (
    GlobalAveragePooling1D,
    GlobalAveragePooling2D,
    GlobalMaxPooling1D,
    GlobalMaxPooling2D,
)
from tfshim.keras.layers.pooling.max_pooling import AveragePooling1D, AveragePooling2D, MaxPooling1D, MaxPooling2D

__all__ = ["AveragePooling1D", "AveragePooling2D", "GlobalAveragePooling1D", "GlobalAveragePooling2D",
           "GlobalMaxPooling1D", "GlobalMaxPooling2D", "MaxPooling1D", "MaxPooling2D"]
