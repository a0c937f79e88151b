"""`keras.saving` (weights files only): `.weights.h5` in Keras 3's layout."""

from tfshim.keras.saving.saving_lib import load_weights_only, save_weights_only

__all__ = ["load_weights_only", "save_weights_only"]
