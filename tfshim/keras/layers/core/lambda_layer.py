"""`tf.keras.layers.Lambda`: wraps a function as a layer."""

from __future__ import annotations

import codecs
import inspect
import marshal
import types
from typing import Any

from tfshim.keras.layers.layer import Layer, _probe_output_spec

_UNSAFE_LAMBDA = (
    "Requested the deserialization of a `Lambda` layer whose `function` is a Python lambda. This "
    "carries a potential risk of arbitrary code execution and thus it is disallowed by default. If "
    "you trust the source of the artifact, you can override this error by passing `safe_mode=False` "
    "to the loading function, or calling `keras.config.enable_unsafe_deserialization().")


class Lambda(Layer):
    """`Lambda(function, output_shape=None, mask=None, arguments=None)`. The function receives
    `training`/`mask` when its signature names them. `get_config` stores a Python lambda as Keras
    does (its marshalled, base64 bytecode) and a named function by name; `from_config` refuses a
    lambda unless `safe_mode=False`, and finds named functions among Keras's activations."""

    def __init__(self, function: Any, output_shape: Any = None, mask: Any = None,
                 arguments: dict | None = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.arguments = arguments or {}
        self.function = function
        self.mask = mask
        self._output_shape = output_shape
        args = inspect.getfullargspec(function).args
        self._fn_expects_training_arg = "training" in args
        self._fn_expects_mask_arg = "mask" in args

    def call(self, inputs: Any, mask: Any = None, training: Any = None) -> Any:
        kwargs = dict(self.arguments)
        if self._fn_expects_mask_arg:
            kwargs["mask"] = mask
        if self._fn_expects_training_arg:
            kwargs["training"] = training
        return self.function(inputs, **kwargs)

    def compute_output_shape(self, input_shape: Any) -> Any:
        if self._output_shape is None:
            raise NotImplementedError("We could not automatically infer the shape of the Lambda's "
                                      "output. Please specify the `output_shape` argument for this "
                                      "Lambda layer.")
        if callable(self._output_shape):
            return self._output_shape(input_shape)
        first = input_shape
        while isinstance(first, (list, tuple)) and first and isinstance(first[0], (list, tuple)):
            first = first[0]
        batch = first[0] if first else None
        return (batch, *tuple(self._output_shape))

    def compute_output_spec(self, *args: Any, **kwargs: Any) -> Any:
        if self._output_shape is None:  # run the function on zeros, as the base layer does
            return _probe_output_spec(self, args, kwargs)
        return super().compute_output_spec(*args, **kwargs)

    def compute_mask(self, inputs: Any, mask: Any = None) -> Any:
        if callable(self.mask):
            return self.mask(inputs, mask)
        return self.mask

    def get_config(self) -> dict:
        config: dict = {"function": _function_config(self.function)}
        if self._output_shape is not None:
            config["output_shape"] = (_function_config(self._output_shape)
                                      if callable(self._output_shape) else self._output_shape)
        if self.mask is not None:
            config["mask"] = _function_config(self.mask) if callable(self.mask) else self.mask
        config["arguments"] = self.arguments
        return {**super().get_config(), **config}

    @classmethod
    def from_config(cls, config: dict, custom_objects: dict | None = None,
                    safe_mode: bool | None = None) -> Lambda:
        config = dict(config)
        safe = safe_mode is not False
        for key in ("function", "output_shape", "mask"):
            if key in config:
                value = config[key]
                if key == "output_shape" and isinstance(value, list) and all(
                        isinstance(e, (int, type(None))) for e in value):
                    value = tuple(value)
                config[key] = _function_from_config(value, safe, custom_objects)
        return super().from_config(config)


def _function_config(fn: Any) -> Any:
    if isinstance(fn, types.LambdaType) and fn.__name__ == "<lambda>":
        code = codecs.encode(marshal.dumps(fn.__code__), "base64").decode("ascii")
        closure = tuple(c.cell_contents for c in fn.__closure__) if fn.__closure__ else None
        return {"class_name": "__lambda__",
                "config": {"code": code, "defaults": fn.__defaults__, "closure": closure}}
    if callable(fn):
        return {"module": "builtins", "class_name": "function", "config": fn.__name__,
                "registered_name": "function"}
    raise ValueError(f"Invalid input type for serialization. Received: {fn} of type {type(fn)}.")


def _function_from_config(value: Any, safe: bool, custom_objects: dict | None) -> Any:
    if not isinstance(value, dict):
        return value
    if value.get("class_name") == "__lambda__":
        if safe:
            raise ValueError(_UNSAFE_LAMBDA)
        inner = value["config"]
        code = marshal.loads(codecs.decode(inner["code"].encode("ascii"), "base64"))
        defaults = tuple(inner["defaults"]) if isinstance(inner["defaults"], list) else inner["defaults"]
        closure = inner["closure"]
        cells = tuple(types.CellType(c) for c in closure) if closure is not None else None
        return types.FunctionType(code, globals(), code.co_name, defaults, cells)
    if value.get("class_name") == "function":
        name = value.get("config")
        from tfshim.keras import activations

        found = (custom_objects or {}).get(name) or activations._BY_NAME.get(name)
        if found is None:
            raise TypeError(
                f"Could not locate function '{name}'. Make sure custom classes and functions are "
                "decorated with `@keras.saving.register_keras_serializable()`. If they are already "
                "decorated, make sure they are all imported so that the decorator is run before "
                f"trying to load them. Full object config: {value}")
        return found
    return value
