"""`keras.Model`: a Layer with `layers`, `get_layer` and `summary`. Called with `(inputs, outputs)`
it makes a functional model; subclassed, it tracks the layers assigned as attributes."""

from __future__ import annotations

import inspect
import json
from typing import Any

import numpy as np

from tfshim.keras.layers.layer import Layer
from tfshim.keras.trainers.tensorflow_trainer import TensorFlowTrainer


def _functional_init_arguments(args: tuple, kwargs: dict) -> bool:
    return len(args) == 2 or (len(args) == 1 and "outputs" in kwargs) or ("inputs" in kwargs and "outputs" in kwargs)


def _inject_functional(cls: type, functional: type) -> type:
    """Keras's `inject_functional_model_class`: `Model` replaced by `Functional` among the bases of `cls`
    and of its bases (stopping at classes outside Keras's hierarchy)."""
    if cls is Model:
        return functional
    if cls is object or cls is functional:
        return cls
    cls.__bases__ = tuple(_inject_functional(base, functional) for base in cls.__bases__)
    return cls


class Model(TensorFlowTrainer, Layer):
    """`keras.Model()`: subclass it (layers in `__init__`, computation in `call`), or call
    `keras.Model(inputs, outputs)` for a functional model.

    A subclass whose `__init__` calls `super().__init__(inputs, outputs)` becomes a functional
    model, as in Keras."""

    def __new__(cls, *args: Any, **kwargs: Any) -> Model:
        if cls is Model and _functional_init_arguments(args, kwargs):
            from tfshim.keras.models.functional import Functional

            return Functional.__new__(Functional, *args, **kwargs)
        return Layer.__new__(cls)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        if _functional_init_arguments(args, kwargs):
            # a subclass built functionally (`super().__init__(inputs, outputs)`): as Keras does, its class
            # is re-based on Functional in place of Model
            from tfshim.keras.models.functional import Functional

            _inject_functional(type(self), Functional)
            Functional.__init__(self, *args, **kwargs)
            return
        Layer.__init__(self, *args, **kwargs)

    @property
    def layers(self) -> list:
        """The direct sub-layers, in the order they were assigned."""
        return list(self._flatten_layers(include_self=False, recursive=False))

    @layers.setter
    def layers(self, _: Any) -> None:
        raise AttributeError("`Model.layers` attribute is reserved and should not be used. Please use another name.")

    @property
    def compiled(self) -> bool:
        return bool(self.__dict__.get("compiled", False))

    @property
    def optimizer(self) -> Any:
        """The compiled optimizer; as in Keras, a model that was never compiled has no such attribute."""
        d = self.__dict__
        if "_optimizer" not in d:
            raise AttributeError(f"'{type(self).__name__}' object has no attribute 'optimizer'")
        return d["_optimizer"]

    def get_layer(self, name: str | None = None, index: int | None = None) -> Layer:
        """A sub-layer by name, or by index in `layers`; ValueError if there is none."""
        if index is not None and name is not None:
            raise ValueError(f"Provide only a layer name or a layer index. Received: index={index}, name={name}.")
        if index is not None:
            if len(self.layers) <= index:
                raise ValueError(f"Was asked to retrieve layer at index {index} but model only has "
                                 f"{len(self.layers)} layers.")
            return self.layers[index]
        if name is not None:
            for layer in self.layers:
                if layer.name == name:
                    return layer
            raise ValueError(f"No such layer: {name}. Existing layers are: {[layer.name for layer in self.layers]}.")
        raise ValueError("Provide either a layer name or layer index at `get_layer`.")

    def summary(self, line_length: int | None = None, positions: Any = None, print_fn: Any = None,
                expand_nested: bool = False, show_trainable: bool = False, layer_range: Any = None) -> None:
        """Prints the table Keras prints (without colours, as Keras prints to a non-terminal)."""
        from tfshim.keras.utils.summary_utils import print_summary

        print_summary(self, line_length=line_length, positions=positions, print_fn=print_fn,
                      expand_nested=expand_nested, show_trainable=show_trainable, layer_range=layer_range)

    def get_config(self) -> dict:
        return Layer.get_config(self)

    def save(self, filepath: Any, overwrite: bool = True, zipped: Any = None, **kwargs: Any) -> None:
        """Keras's `Model.save`: a `.keras` zip of the config, the weights and the optimizer state (needs
        the optional `h5py`); legacy `.h5` model files are not supported."""
        from tfshim.keras._saving import save_model

        save_model(self, filepath, overwrite=overwrite, zipped=zipped, **kwargs)

    def to_json(self, **kwargs: Any) -> str:
        """Keras's `to_json`: the serialized model (config, build config and compile config) as JSON;
        `kwargs` go to `json.dumps`."""
        return json.dumps(serialize_model(self), default=_json_default, **kwargs)

    @classmethod
    def from_config(cls, config: dict, custom_objects: dict | None = None) -> Model:
        """Keras's: a functional config revives a functional model when `cls` takes Functional's
        constructor arguments; any other config goes to `cls(**config)`."""
        from tfshim.keras.models.functional import Functional, functional_from_config

        is_functional = all(key in config for key in ("name", "layers", "input_layers", "output_layers"))
        spec = inspect.getfullargspec(cls.__init__)
        revivable = (cls in (Functional, Model) or spec.args[1:] == inspect.getfullargspec(Functional.__init__).args[1:]
                     or (spec.varargs == "args" and spec.varkw == "kwargs"))
        if is_functional and revivable:
            return functional_from_config(cls, config, custom_objects)
        try:
            return cls(**config)
        except TypeError as e:
            raise TypeError("Unable to revive model from config. When overriding the `get_config()` method, make "
                            "sure that the returned config contains all items used as arguments in the  constructor "
                            f"to {cls}, which is the default behavior. You can override this default behavior by "
                            "defining a `from_config(cls, config)` class method to specify how to create an instance "
                            f"of {cls.__name__} from its config.\n\nReceived config={config}\n\nError encountered "
                            f"during deserialization: {e}") from e


def serialize_model(model: Model) -> dict:
    """`serialize_keras_object(model)`: `layers.serialize`'s entry, with the build config Keras writes
    even when it is None."""
    from tfshim.keras.layers.serialization import serialize

    entry = serialize(model)
    if "build_config" not in entry:
        entry = {**{k: v for k, v in entry.items() if k != "compile_config"}, "build_config": model.get_build_config(),
                 "compile_config": entry["compile_config"]}
    return entry


def _json_default(obj: Any) -> Any:
    """Keras's `get_json_type` for what `json` cannot write itself."""
    if hasattr(obj, "get_config"):
        return {"class_name": type(obj).__name__, "config": obj.get_config()}
    if type(obj).__module__ == np.__name__:
        return obj.tolist() if isinstance(obj, np.ndarray) else obj.item()
    if callable(obj):
        return obj.__name__
    if hasattr(obj, "as_list"):  # TensorShape
        return obj.as_list()
    if hasattr(obj, "name") and hasattr(obj, "is_floating"):  # DType
        return obj.name
    raise TypeError(f"Not JSON Serializable: {obj}")


def model_from_json(json_string: str, custom_objects: dict | None = None) -> Model:
    """`keras.models.model_from_json`: the model `to_json` described, with new weights."""
    from tfshim.keras.layers.serialization import deserialize

    return deserialize(json.loads(json_string), custom_objects)
