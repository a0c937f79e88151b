"""`tf.keras.activations`: activation functions and `get`/`serialize`/`deserialize`."""

from __future__ import annotations

import codecs
import marshal
import types
import warnings
from typing import Any

from tfshim.keras.activations.activations import (
    celu,
    elu,
    exponential,
    gelu,
    glu,
    hard_shrink,
    hard_sigmoid,
    hard_silu,
    hard_swish,
    hard_tanh,
    leaky_relu,
    linear,
    log_sigmoid,
    log_softmax,
    mish,
    relu,
    relu6,
    selu,
    sigmoid,
    silu,
    soft_shrink,
    softmax,
    softplus,
    softsign,
    sparse_plus,
    sparse_sigmoid,
    sparsemax,
    squareplus,
    swish,
    tanh,
    tanh_shrink,
    threshold,
)

_ALL = (relu, leaky_relu, relu6, softmax, celu, elu, selu, softplus, softsign, squareplus,
        soft_shrink, sparse_plus, silu, gelu, glu, tanh, tanh_shrink, threshold, sigmoid,
        sparse_sigmoid, exponential, hard_sigmoid, hard_silu, hard_tanh, hard_shrink, linear, mish,
        log_softmax, log_sigmoid, sparsemax)
_BY_NAME: dict[str, Any] = {fn.__name__: fn for fn in _ALL}
_BY_NAME["swish"] = silu
_BY_NAME["hard_swish"] = hard_silu


# The function names `keras.activations.serialize` writes as a bare string: those defined in Keras's
# activations module (a function with one of these names, from anywhere, e.g. `tf.nn.relu`).
_KERAS_FUNCTION_NAMES = frozenset(_BY_NAME) - {"swish", "hard_swish"} | {"serialize", "deserialize", "get"}


def _func_dump(fn: types.FunctionType) -> tuple:
    """Keras's `python_utils.func_dump`: the marshalled code (base64), defaults and closure values."""
    code = codecs.encode(marshal.dumps(fn.__code__), "base64").decode("ascii")
    closure = tuple(c.cell_contents for c in fn.__closure__) if fn.__closure__ else None
    return code, fn.__defaults__, closure


def serialize(activation: Any) -> Any:
    """As Keras: a function whose name is a Keras activation's -> that name (so `tf.nn.relu` ->
    'relu'); another named function -> a `'function'` dict; a lambda -> its dumped code; an object
    with `get_config` -> its class dict."""
    if isinstance(activation, types.FunctionType):
        name = activation.__name__
        if name == "<lambda>":
            warnings.warn("The object being serialized includes a `lambda`. This is unsafe. In order to "
                          "reload the object, you will have to pass `safe_mode=False` to the loading "
                          "function. Please avoid using `lambda` in the future, and use named Python "
                          "functions instead.", stacklevel=2)
            return {"value": _func_dump(activation)}
        if name in _KERAS_FUNCTION_NAMES:
            return name
        return {"module": "builtins", "class_name": "function", "config": name, "registered_name": "function"}
    if hasattr(activation, "get_config"):
        from tfshim.keras.initializers._helpers import _module_of, serialize_object

        module = _module_of(activation)
        if module.startswith("keras."):
            return serialize_object(activation, module)
        config = activation.get_config()
        if not isinstance(config, dict):
            raise TypeError(f"The `get_config()` method of {activation} should return a dict. "
                            f"It returned: {config}")
        return {"module": None if module == "__main__" else module, "class_name": type(activation).__name__,
                "config": config, "registered_name": type(activation).__name__}
    raise TypeError(f"Cannot serialize object {activation} of type {type(activation)}. To be serializable, "
                    "a class must implement the `get_config()` method.")


def deserialize(config: Any, custom_objects: dict | None = None) -> Any:
    """A name (or `{'class_name': name}` dict) back to the function."""
    lookup = dict(_BY_NAME)
    if custom_objects:
        lookup.update(custom_objects)
    name = config.get("config", config.get("class_name")) if isinstance(config, dict) else config
    if isinstance(name, str):
        return lookup.get(name, name)  # Keras hands an unknown name back unchanged
    raise ValueError(f"Could not interpret activation function identifier: {config}")


def get(identifier: Any) -> Any:
    """None -> `linear`; a name -> the function; a callable -> itself."""
    if identifier is None:
        return linear
    if isinstance(identifier, dict):
        obj = deserialize(identifier)
    elif isinstance(identifier, str):
        obj = _BY_NAME.get(identifier)
    else:
        obj = identifier
    if callable(obj):
        return obj
    raise ValueError(f"Could not interpret activation function identifier: {identifier}")
