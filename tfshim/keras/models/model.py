"""`keras.Model`: a Layer with `layers`, `get_layer` and `summary`. Called with `(inputs, outputs)`
it makes a functional model; subclassed, it tracks the layers assigned as attributes."""

from __future__ import annotations

from typing import Any

from tfshim.keras.layers.layer import Layer
from tfshim.keras.trainers.tensorflow_trainer import TensorFlowTrainer


def _functional_init_arguments(args: tuple, kwargs: dict) -> bool:
    return len(args) == 2 or (len(args) == 1 and "outputs" in kwargs) or ("inputs" in kwargs and "outputs" in kwargs)


class Model(TensorFlowTrainer, Layer):
    """`keras.Model()`: subclass it (layers in `__init__`, computation in `call`), or call
    `keras.Model(inputs, outputs)` for a functional model.

    tfshim has no `compile`/`fit` here: custom training loops (tape + optimizer) are the supported
    way to train."""

    def __new__(cls, *args: Any, **kwargs: Any) -> Model:
        if cls is Model and _functional_init_arguments(args, kwargs):
            from tfshim.keras.models.functional import Functional

            return Functional.__new__(Functional, *args, **kwargs)
        return Layer.__new__(cls)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        if _functional_init_arguments(args, kwargs):
            raise NotImplementedError("tfshim: subclasses of `keras.Model` cannot be built functionally "
                                      "(`MyModel(inputs, outputs)`); use `keras.Model(inputs, outputs)`.")
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
        return self.__dict__.get("_optimizer", None)

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
