"""`tf.keras.backend`: floatx, epsilon, clear_session, image_data_format, and the backend types
(Keras variable, KerasTensor, dtype policy) the rest of tfshim.keras builds on."""

from typing import Any

import numpy as np

from tfshim.keras.backend.config import (
    backend,
    epsilon,
    floatx,
    image_data_format,
    set_epsilon,
    set_floatx,
    set_image_data_format,
    standardize_data_format,
)
from tfshim.keras.backend.core import (
    AutocastScope,
    convert_to_numpy,
    convert_to_tensor,
    get_autocast_scope,
    is_float_dtype,
    is_int_dtype,
    standardize_dtype,
    standardize_shape,
)
from tfshim.keras.backend.dtype_policy import DTypePolicy, FloatDTypePolicy
from tfshim.keras.backend.global_state import auto_name, clear_session, get_uid, on_clear_session, uniquify
from tfshim.keras.backend.keras_tensor import KerasTensor, is_keras_tensor
from tfshim.keras.backend.legacy import get_value, set_value
from tfshim.keras.backend.name_scope import current_path, name_scope
from tfshim.keras.backend.variables import Variable


def int_shape(x: Any) -> tuple:
    """The shape of a tensor, variable or KerasTensor as a tuple of ints (None where unknown)."""
    shape = x.shape
    return tuple(shape.as_list()) if hasattr(shape, "as_list") else tuple(shape)


def ndim(x: Any) -> int:
    return len(int_shape(x))


def count_params(x: Any) -> int:
    return int(np.prod(int_shape(x)))


def cast_to_floatx(x: Any) -> Any:
    import tfshim as tf

    if tf.is_tensor(x):
        return tf.cast(x, floatx())
    return np.asarray(x, dtype=floatx())

# the names TF 2.21's `tf.keras.backend` has (helpers imported here stay out of it)
__all__ = [
    "backend", "cast_to_floatx", "clear_session", "count_params", "epsilon", "floatx", "get_uid",
    "image_data_format", "int_shape", "is_float_dtype", "is_int_dtype", "is_keras_tensor", "name_scope", "ndim",
    "set_epsilon", "set_floatx", "set_image_data_format", "standardize_dtype",
]
