"""`tf.keras.optimizers.get` / `serialize` / `deserialize`: optimizers by name or config dict."""

from __future__ import annotations

from typing import Any

from tfshim.keras.optimizers.adadelta import Adadelta
from tfshim.keras.optimizers.adafactor import Adafactor
from tfshim.keras.optimizers.adagrad import Adagrad
from tfshim.keras.optimizers.adam import Adam
from tfshim.keras.optimizers.adamax import Adamax
from tfshim.keras.optimizers.adamw import AdamW
from tfshim.keras.optimizers.base_optimizer import Optimizer
from tfshim.keras.optimizers.ftrl import Ftrl
from tfshim.keras.optimizers.lion import Lion
from tfshim.keras.optimizers.nadam import Nadam
from tfshim.keras.optimizers.rmsprop import RMSprop
from tfshim.keras.optimizers.sgd import SGD

# Keras looks built-in optimizers up by their lower-cased class name ('adam', 'rmsprop', 'adamw').
ALL_OBJECTS = (Optimizer, Adam, SGD, RMSprop, Adadelta, AdamW, Adagrad, Adamax, Adafactor, Nadam, Ftrl, Lion)
ALL_OBJECTS_DICT = {cls.__name__.lower(): cls for cls in ALL_OBJECTS}


def serialize(optimizer: Optimizer) -> dict:
    """`{'module': 'keras.optimizers', 'class_name': ..., 'config': ..., 'registered_name': None}`."""
    return {"module": "keras.optimizers", "class_name": type(optimizer).__name__, "config": optimizer.get_config(),
            "registered_name": None}


def deserialize(config: dict, custom_objects: dict | None = None) -> Any:
    """An optimizer from `serialize`'s dict (built-in class names are case-insensitive)."""
    name = config["class_name"]
    if name.lower() in ALL_OBJECTS_DICT:
        config["class_name"] = name.lower()  # Keras lower-cases the caller's dict in place
    cls = (custom_objects or {}).get(name) or ALL_OBJECTS_DICT.get(name.lower())
    if cls is None:
        raise TypeError(f"Could not locate class '{name}'. Make sure custom classes are decorated with "
                        "`@keras.saving.register_keras_serializable()`. "
                        f"Full object config: {config}")
    return cls.from_config(dict(config.get("config", {})), custom_objects=custom_objects)


def get(identifier: Any) -> Any:
    """An optimizer from a name (`'adam'`), a config dict or an optimizer (returned as is); None stays
    None. Anything else raises ValueError ("Could not interpret optimizer identifier")."""
    if identifier is None:
        return None
    if isinstance(identifier, dict):
        obj = deserialize(identifier)
    elif isinstance(identifier, str):
        cls = ALL_OBJECTS_DICT.get(identifier.lower())
        obj = cls() if cls is not None else identifier
    else:
        obj = identifier
    if isinstance(obj, Optimizer):
        return obj
    raise ValueError(f"Could not interpret optimizer identifier: {identifier}")
