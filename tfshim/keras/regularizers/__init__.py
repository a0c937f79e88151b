"""`tf.keras.regularizers`: L1, L2, L1L2, OrthogonalRegularizer, their lowercase forms, and
`get`/`serialize`/`deserialize`."""

from __future__ import annotations

from typing import Any

from tfshim.keras.initializers._helpers import deserialize_object, get_object, serialize_object, to_snake_case
from tfshim.keras.regularizers.regularizers import L1, L1L2, L2, OrthogonalRegularizer, Regularizer

l1 = L1
l2 = L2
l1_l2 = L1L2
orthogonal_regularizer = OrthogonalRegularizer

_ALL = (Regularizer, L1, L2, L1L2, OrthogonalRegularizer)
_BY_NAME: dict[str, Any] = {cls.__name__: cls for cls in _ALL}
_BY_NAME.update({to_snake_case(cls.__name__): cls for cls in _ALL})


def serialize(regularizer: Any) -> Any:
    if regularizer is None:
        return None
    return serialize_object(regularizer, "keras.regularizers")


def deserialize(config: Any, custom_objects: dict | None = None) -> Any:
    return deserialize_object(config, _BY_NAME, "regularizer", custom_objects)


def get(identifier: Any) -> Any:
    """None -> None; a class name or its snake_case ('l1', 'l2', 'l1l2'; not 'l1_l2') -> an
    instance with default factors; a config dict -> an instance; a callable -> itself."""
    return get_object(identifier, _BY_NAME, "regularizer", deserialize)


# the names TF 2.21's `tf.keras.regularizers` has (helpers imported here stay out of it)
__all__ = [
    "L1", "L1L2", "L2", "OrthogonalRegularizer", "Regularizer", "deserialize", "get", "l1", "l1_l2", "l2",
    "orthogonal_regularizer", "serialize",
]
