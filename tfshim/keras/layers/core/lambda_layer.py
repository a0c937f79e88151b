"""`tf.keras.layers.Lambda`: wraps a function as a layer."""

from __future__ import annotations

import inspect
from typing import Any

from tfshim.keras.layers.layer import Layer, _probe_output_spec


class Lambda(Layer):
    """`Lambda(function, output_shape=None, mask=None, arguments=None)`. The function receives
    `training`/`mask` when its signature names them. Differs from Keras: `get_config` stores a
    lambda's name rather than its marshalled bytecode, and `from_config` of such a config raises."""

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
    def from_config(cls, config: dict) -> Lambda:
        config = dict(config)
        fn = config["function"]
        if isinstance(fn, dict):
            raise ValueError("tfshim cannot deserialize a Lambda whose `function` was serialized "
                             "(pass the function itself in the config).")
        return super().from_config(config)


def _function_config(fn: Any) -> Any:
    if getattr(fn, "__name__", None) == "<lambda>":
        return {"class_name": "__lambda__", "config": {"name": "<lambda>"}}
    return {"module": getattr(fn, "__module__", None), "class_name": "function",
            "config": getattr(fn, "__name__", repr(fn)), "registered_name": "function"}

