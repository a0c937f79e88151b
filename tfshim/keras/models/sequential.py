"""`keras.Sequential`: a stack of single-input layers, built from an `Input` or on its first call."""

from __future__ import annotations

from typing import Any

import tfshim as tf
from tfshim.keras.backend.core import standardize_dtype, standardize_shape
from tfshim.keras.backend.keras_tensor import KerasTensor
from tfshim.keras.layers.input_layer import InputLayer
from tfshim.keras.layers.layer import Layer
from tfshim.keras.layers.serialization import deserialize, serialize
from tfshim.keras.models.functional import adjust_rank
from tfshim.keras.models.model import Model


class Sequential(Model):
    """`keras.Sequential(layers=None, trainable=True, name=None)`.

    As in Keras, building (from a first `Input`/`InputLayer`, from `build(shape)`, or from the first
    call's shape) runs the layers on a KerasTensor of that batch shape, so `input_shape`,
    `output_shape`, `inputs` and `outputs` exist afterwards. A call runs the layers in order."""

    def __new__(cls, *args: Any, **kwargs: Any) -> Sequential:
        return Layer.__new__(cls)

    def __init__(self, layers: list | None = None, trainable: bool = True, name: str | None = None) -> None:
        Layer.__init__(self, trainable=trainable, name=name)
        self._stack: list = []
        self._graph: tuple | None = None  # (inputs, outputs) KerasTensors once built
        if layers:
            for layer in layers:
                self.add(layer, rebuild=False)
            self._maybe_rebuild()

    def add(self, layer: Any, rebuild: bool = True) -> None:
        """Appends a layer (or the InputLayer of a `keras.Input` tensor); ValueError for anything else."""
        if not self._stack and getattr(layer, "_input_shape_arg", None) is not None:
            self.add(InputLayer(shape=layer._input_shape_arg))
        if isinstance(layer, KerasTensor) and layer._keras_history is not None:
            origin = layer._keras_history[0]
            if isinstance(origin, InputLayer):
                layer = origin
        if not isinstance(layer, Layer):
            raise ValueError(f"Only instances of `keras.Layer` can be added to a Sequential model. Received: {layer} "
                             f"(of type {type(layer)})")
        if any(existing.name == layer.name for existing in self._stack):
            raise ValueError("All layers added to a Sequential model should have unique names. Name "
                             f"'{layer.name}' is already the name of a layer in this model. Update the `name` "
                             "argument to pass a unique name.")
        if isinstance(layer, InputLayer) and self._stack and isinstance(self._stack[0], InputLayer):
            raise ValueError(f"Sequential model '{self.name}' has already been configured to use input shape "
                             f"{self._stack[0].batch_shape}. You cannot add a different Input layer to it.")
        self._stack.append(layer)
        self._tracker.track(layer)
        if rebuild:
            self._maybe_rebuild()
        else:
            self.__dict__["built"] = False
            self._graph = None

    def pop(self, rebuild: bool = True) -> Layer:
        """Removes and returns the last layer."""
        layer = self._stack.pop()
        self._tracker.untrack(layer)
        self.__dict__["built"] = False
        self._graph = None
        if rebuild:
            self._maybe_rebuild()
        return layer

    def _maybe_rebuild(self) -> None:
        self.__dict__["built"] = False
        self._graph = None
        if self._stack and isinstance(self._stack[0], InputLayer) and len(self._stack) > 1:
            self.build(self._stack[0].batch_shape)
        elif self._stack and hasattr(type(self._stack[0]), "input_shape") and len(self._stack) > 1:
            try:
                shape = self._stack[0].input_shape
            except AttributeError:
                return
            self.build(shape)

    def _lock_state(self) -> None:
        pass  # a Sequential stays mutable after build, as in Keras

    def build(self, input_shape: Any = None) -> None:
        try:
            input_shape = standardize_shape(input_shape)
        except Exception:
            return  # not a single input shape: build on the first call instead
        if not self._stack:
            raise ValueError(f"Sequential model {self.name} cannot be built because it has no layers. Call "
                             "`model.add(layer)`.")
        if isinstance(self._stack[0], InputLayer):
            if self._stack[0].batch_shape != input_shape:
                raise ValueError(f"Sequential model '{self.name}' has already been configured to use input shape "
                                 f"{self._stack[0].batch_shape}. You cannot build it with input_shape {input_shape}")
        else:
            first = InputLayer(batch_shape=input_shape, dtype=self._stack[0].compute_dtype)
            self._stack.insert(0, first)
            self._tracker.track(first)
            self._tracker.layers.remove(first)
            self._tracker.layers.insert(0, first)
        inputs = self._stack[0].output
        x = inputs
        for layer in self._stack[1:]:
            x = layer(x)
        self._graph = (inputs, x)
        self.__dict__["built"] = True

    def call(self, inputs: Any, training: Any = None, mask: Any = None, **kwargs: Any) -> Any:
        graph = self._graph
        if graph is not None and tf.is_tensor(inputs):
            ref = graph[0]
            if standardize_dtype(inputs.dtype) != ref.dtype:
                inputs = tf.cast(inputs, ref.dtype)
            if inputs.ndim != len(ref.shape):  # (as the functional model Keras builds inside does)
                inputs = adjust_rank(inputs, ref, "")
        x = inputs
        for layer in self.layers:
            if training is not None and layer._call_info.has_training:
                x = layer(x, training=training)
            else:
                x = layer(x)
        return x

    def compute_output_spec(self, inputs: Any, training: Any = None, mask: Any = None) -> Any:
        x = inputs
        for layer in self.layers:
            x = layer._compute_spec((x,), {})
        return x

    @property
    def layers(self) -> list:
        """The layers added, without the InputLayer at the bottom."""
        stack = self._stack
        if stack and isinstance(stack[0], InputLayer):
            return stack[1:]
        return stack[:]

    @layers.setter
    def layers(self, _: Any) -> None:
        raise AttributeError("`Sequential.layers` attribute is reserved and should not be used. Use `add()` and "
                             "`pop()` to change the layers in this model.")

    def _defined(self, what: str) -> tuple:
        if self._graph is None:
            raise AttributeError(f"Sequential model '{self.name}' has no defined {what} yet.")
        return self._graph

    @property
    def input_shape(self) -> tuple:
        return self._defined("input shape")[0].shape

    @property
    def output_shape(self) -> tuple:
        return self._defined("output shape")[1].shape

    @property
    def inputs(self) -> list:
        return [self._defined("inputs")[0]]

    @property
    def outputs(self) -> list:
        return [self._defined("outputs")[1]]

    @property
    def input_dtype(self) -> str:
        stack = self._stack
        if stack and isinstance(stack[0], InputLayer):
            return stack[0].dtype
        return Layer.input_dtype.fget(self)  # type: ignore[attr-defined]

    def get_config(self) -> dict:
        config = Layer.get_config(self)
        config["layers"] = [serialize(layer) for layer in self._stack]
        if self._graph is not None:
            config["build_input_shape"] = self._stack[0].batch_shape
        return config

    @classmethod
    def from_config(cls, config: dict, custom_objects: dict | None = None) -> Sequential:
        config = dict(config)
        layer_configs = config.pop("layers")
        build_input_shape = config.pop("build_input_shape", None)
        model = cls(name=config.get("name"), trainable=config.get("trainable", True))
        for layer_config in layer_configs:
            model.add(deserialize(layer_config, custom_objects), rebuild=False)
        model._maybe_rebuild()
        if not model.built and build_input_shape is not None:
            model.build(build_input_shape)
        return model
