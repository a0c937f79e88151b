"""Keras's preprocessing layers (tfshim has Rescaling).

(Keras conv-layers engineer's files)
"""

from tfshim.keras.layers.preprocessing.rescaling import Rescaling

__all__ = ["Rescaling"]
