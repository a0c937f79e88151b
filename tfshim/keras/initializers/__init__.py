"""`tf.keras.initializers`: Keras 3's initializers, seeded as Keras seeds them."""

from __future__ import annotations

import inspect
from typing import Any

import numpy as np

import tfshim as tf
from tfshim.keras.initializers._helpers import (
    deserialize_object,
    serialize_object,
    standardize_dtype,
    standardize_shape,
    to_snake_case,
)
from tfshim.keras.initializers.constant_initializers import Constant, Identity, Ones, Zeros
from tfshim.keras.initializers.initializer import Initializer
from tfshim.keras.initializers.random_initializers import (
    GlorotNormal,
    GlorotUniform,
    HeNormal,
    HeUniform,
    LecunNormal,
    LecunUniform,
    Orthogonal,
    RandomNormal,
    RandomUniform,
    TruncatedNormal,
    VarianceScaling,
)

# lowercase aliases, as Keras exports them
constant = Constant
identity = Identity
IdentityInitializer = Identity
ones = Ones
zeros = Zeros
glorot_normal = GlorotNormal
glorot_uniform = GlorotUniform
he_normal = HeNormal
he_uniform = HeUniform
lecun_normal = LecunNormal
lecun_uniform = LecunUniform
orthogonal = Orthogonal
OrthogonalInitializer = Orthogonal
random_normal = RandomNormal
random_uniform = RandomUniform
truncated_normal = TruncatedNormal
variance_scaling = VarianceScaling

_ALL = (Initializer, Constant, Identity, Ones, Zeros, GlorotNormal, GlorotUniform, HeNormal,
        HeUniform, LecunNormal, LecunUniform, Orthogonal, RandomNormal, RandomUniform,
        TruncatedNormal, VarianceScaling)
_BY_NAME: dict[str, Any] = {cls.__name__: cls for cls in _ALL}
_BY_NAME.update({to_snake_case(cls.__name__): cls for cls in _ALL})
_BY_NAME.update({"IdentityInitializer": Identity, "normal": RandomNormal, "one": Ones,
                 "OrthogonalInitializer": Orthogonal, "uniform": RandomUniform, "zero": Zeros})


def serialize(initializer: Any) -> Any:
    """`{'module': 'keras.initializers', 'class_name': ..., 'config': ..., 'registered_name': None}`."""
    if initializer is None:
        return None
    return serialize_object(initializer, "keras.initializers")


def deserialize(config: Any, custom_objects: dict | None = None) -> Any:
    """A class name or a `serialize` dict back to an instance."""
    return deserialize_object(config, _BY_NAME, "initializer", custom_objects)


def get(identifier: Any) -> Any:
    """None -> None; a name or config dict -> an instance; a tensor or array -> a function that
    returns it cast; an instance or callable -> itself; a class -> an instance."""
    if identifier is None:
        return None
    if isinstance(identifier, dict):
        obj = deserialize(identifier)
    elif isinstance(identifier, str):
        # as Keras: through from_config({}), so get('constant') raises KeyError('value')
        obj = deserialize({"class_name": identifier, "config": {}})
    elif tf.is_tensor(identifier) or isinstance(identifier, (np.generic, np.ndarray)):
        obj = _tensor_initializer(identifier)
    else:
        obj = identifier
    if callable(obj):
        return obj() if inspect.isclass(obj) else obj
    raise ValueError(f"Could not interpret initializer identifier: {identifier}")


def _tensor_initializer(value: Any) -> Any:
    def initialize_fn(shape: Any, dtype: Any = None) -> Any:
        dtype = standardize_dtype(dtype)
        if standardize_shape(shape) != standardize_shape(value.shape):
            raise ValueError(f"Expected `shape` to be {value.shape} for direct tensor as "
                             f"initializer. Received shape={shape}")
        return tf.cast(value, dtype)

    return initialize_fn

# the names TF 2.21's `tf.keras.initializers` has (helpers imported here stay out of it)
__all__ = [
    "Constant", "GlorotNormal", "GlorotUniform", "HeNormal", "HeUniform", "Identity", "IdentityInitializer",
    "Initializer", "LecunNormal", "LecunUniform", "Ones", "Orthogonal", "OrthogonalInitializer", "RandomNormal",
    "RandomUniform", "TruncatedNormal", "VarianceScaling", "Zeros", "constant", "deserialize", "get",
    "glorot_normal", "glorot_uniform", "he_normal", "he_uniform", "identity", "lecun_normal", "lecun_uniform",
    "ones", "orthogonal", "random_normal", "random_uniform", "serialize", "truncated_normal", "variance_scaling",
    "zeros",
]
