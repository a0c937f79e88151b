"""`tf.keras.models`: Model, Sequential (and the Functional model `Model(inputs, outputs)` makes)."""

from tfshim.keras.models.functional import Functional
from tfshim.keras.models.model import Model, model_from_json
from tfshim.keras.models.sequential import Sequential

# isort: split
from tfshim.keras._saving import load_model, save_model
from tfshim.keras.models.cloning import clone_model  # (after the model classes)

# the names TF 2.21's `tf.keras.models` has (helpers imported here stay out of it)
__all__ = [
    "Model", "Sequential", "clone_model", "load_model", "model_from_json", "save_model",
]
