"""Keras's normalization layers.

(Keras conv-layers engineer's files)
"""

from tfshim.keras.layers.normalization.batch_normalization import BatchNormalization
from tfshim.keras.layers.normalization.group_normalization import GroupNormalization
from tfshim.keras.layers.normalization.layer_normalization import LayerNormalization
from tfshim.keras.layers.normalization.unit_normalization import UnitNormalization

__all__ = ["BatchNormalization", "GroupNormalization", "LayerNormalization", "UnitNormalization"]
