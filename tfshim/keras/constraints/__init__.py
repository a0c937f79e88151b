"""`tf.keras.constraints`: MaxNorm, MinMaxNorm, NonNeg, UnitNorm, their lowercase forms, and
`get`/`serialize`/`deserialize`."""

from __future__ import annotations

from typing import Any

from tfshim.keras.constraints.constraints import Constraint, MaxNorm, MinMaxNorm, NonNeg, UnitNorm
from tfshim.keras.initializers._helpers import deserialize_object, get_object, serialize_object, to_snake_case

max_norm = MaxNorm
min_max_norm = MinMaxNorm
non_neg = NonNeg
unit_norm = UnitNorm

_ALL = (Constraint, MaxNorm, MinMaxNorm, NonNeg, UnitNorm)
_BY_NAME: dict[str, Any] = {cls.__name__: cls for cls in _ALL}
_BY_NAME.update({to_snake_case(cls.__name__): cls for cls in _ALL})


def serialize(constraint: Any) -> Any:
    if constraint is None:
        return None
    return serialize_object(constraint, "keras.constraints")


def deserialize(config: Any, custom_objects: dict | None = None) -> Any:
    return deserialize_object(config, _BY_NAME, "constraint", custom_objects)


def get(identifier: Any) -> Any:
    """None -> None; a class name or snake_case name -> an instance; a dict -> an instance; a
    callable -> itself."""
    return get_object(identifier, _BY_NAME, "constraint", deserialize)


# the names TF 2.21's `tf.keras.constraints` has (helpers imported here stay out of it)
__all__ = [
    "Constraint", "MaxNorm", "MinMaxNorm", "NonNeg", "UnitNorm", "deserialize", "get", "max_norm", "min_max_norm",
    "non_neg", "serialize", "unit_norm",
]
