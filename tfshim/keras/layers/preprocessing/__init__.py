"""Keras's preprocessing layers (tfshim has Rescaling)."""

from tfshim.keras.layers.preprocessing.rescaling import Rescaling

__all__ = ["Rescaling"]
