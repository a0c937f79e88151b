"""Weights files (`.weights.h5` in Keras 3's layout) and whole-model `.keras` files. Private:
`tf.keras.saving` is not in TF 2.21's `tf.keras` (the public names are in `tf.keras.models`)."""

from tfshim.keras._saving.keras_file import load_model, save_model
from tfshim.keras._saving.saving_lib import load_weights_only, save_weights_only

__all__ = ["load_model", "load_weights_only", "save_model", "save_weights_only"]
