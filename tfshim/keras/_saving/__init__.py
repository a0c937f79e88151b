"""Weights files (`.weights.h5` in Keras 3's layout). Private: `tf.keras.saving` is not in TF 2.21's `tf.keras`."""

from tfshim.keras._saving.saving_lib import load_weights_only, save_weights_only

__all__ = ["load_weights_only", "save_weights_only"]
