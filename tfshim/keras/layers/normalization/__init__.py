"""Keras's normalization layers.

(Keras conv-layers engineer's files)
"""

from tfshim.keras.layers.normalization.batch_normalization import BatchNormalization
from tfshim.keras.layers.normalization.layer_normalization import LayerNormalization

__all__ = ["BatchNormalization", "LayerNormalization"]
