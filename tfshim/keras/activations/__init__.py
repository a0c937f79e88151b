"""`tf.keras.activations`: activation functions and `get`/`serialize`/`deserialize`."""

from __future__ import annotations

import types
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


def serialize(activation: Any) -> Any:
    """A built-in activation's name (`serialize(relu) == 'relu'`); an object with `get_config` its
    class dict."""
    if isinstance(activation, types.FunctionType) and _BY_NAME.get(activation.__name__) is activation:
        return activation.__name__
    if hasattr(activation, "get_config"):
        from tfshim.keras.initializers._helpers import serialize_object

        return serialize_object(activation, "keras.activations")
    raise ValueError(
        f"Unknown activation function '{activation}' cannot be serialized due to invalid function "
        "name. Make sure to use an activation name that matches the references defined in "
        "activations.py or use `@keras.saving.register_keras_serializable()`to register any "
        "custom activations.")


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
