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
from tfshim.keras.layers.pooling.pooling3d import (
    AveragePooling3D,
    GlobalAveragePooling3D,
    GlobalMaxPooling3D,
    MaxPooling3D,
)

__all__ = ["AveragePooling1D", "AveragePooling2D", "AveragePooling3D", "GlobalAveragePooling1D",
           "GlobalAveragePooling2D", "GlobalAveragePooling3D", "GlobalMaxPooling1D", "GlobalMaxPooling2D",
           "GlobalMaxPooling3D", "MaxPooling1D", "MaxPooling2D", "MaxPooling3D"]
