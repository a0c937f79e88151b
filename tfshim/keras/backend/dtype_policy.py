"""`keras.DTypePolicy`: a layer's compute and variable dtypes, and the global policy.

The global policy is fixed from `floatx()` the first time a layer asks for it and is reset only by
`clear_session()` (as in Keras: once a layer exists, `set_floatx` does not change new layers).
"""

from __future__ import annotations

from typing import Any

import tfshim as tf
from tfshim.keras.backend import core as _core
from tfshim.keras.backend.config import floatx
from tfshim.keras.backend.global_state import on_clear_session


class DTypePolicy:
    """`DTypePolicy(name=None)`: `'float32'`, `'float64'`, `'mixed_float16'`, `'mixed_bfloat16'`, ..."""

    def __init__(self, name: str | None = None) -> None:
        if name is None:
            name = floatx()
        if not isinstance(name, str):
            raise TypeError(f"'name' must be a string, such as 'mixed_float16'. Received: name={name} "
                            f"(of type {type(name)})")
        self._name = name
        self._compute_dtype, self._variable_dtype = self._parse_name(name)

    @staticmethod
    def _parse_name(name: str) -> tuple[str, str]:
        if name == "mixed_float16":
            return "float16", "float32"
        if name == "mixed_bfloat16":
            return "bfloat16", "float32"
        try:
            dtype = _core.standardize_dtype(name)
        except ValueError:
            raise ValueError(f"Cannot convert '{name}' to a mixed precision DTypePolicy. Valid policies include "
                             "'mixed_float16', 'mixed_bfloat16', and the name of any float dtype such as "
                             "'float32'.") from None
        return dtype, dtype

    @property
    def name(self) -> str:
        return self._name

    @property
    def compute_dtype(self) -> str:
        return self._compute_dtype

    @property
    def variable_dtype(self) -> str:
        return self._variable_dtype

    @property
    def quantization_mode(self) -> None:
        return None

    def convert_input(self, x: Any, autocast: bool, dtype: Any) -> Any:
        """`x` as a tensor; a float one is cast to `dtype` when `autocast` (ints are never cast)."""
        if tf.is_tensor(x) or getattr(x, "_is_keras_tensor", False):
            if autocast and _core.is_float_dtype(x.dtype) and _core.standardize_dtype(x.dtype) != dtype:
                x = tf.cast(x, dtype) if not getattr(x, "_is_keras_tensor", False) else x._with_dtype(dtype)
            return x
        if hasattr(x, "__array__"):
            x = tf.convert_to_tensor(x)
            if autocast and _core.is_float_dtype(x.dtype) and x.dtype.name != dtype:
                x = tf.cast(x, dtype)
            return x
        return x

    def get_config(self) -> dict:
        return {"name": self._name}

    @classmethod
    def from_config(cls, config: dict) -> DTypePolicy:
        return cls(**config)

    def __repr__(self) -> str:
        return f'<DTypePolicy "{self._name}">'

    __str__ = __repr__

    def __eq__(self, other: Any) -> bool:
        return type(other) is type(self) and other._name == self._name

    def __hash__(self) -> int:
        return hash(self._name)


FloatDTypePolicy = DTypePolicy
_global: list[DTypePolicy | None] = [None]


def dtype_policy() -> DTypePolicy:
    """The global policy (made from floatx on first use)."""
    policy = _global[0]
    if policy is None:
        policy = _global[0] = DTypePolicy(floatx())
    return policy


def set_dtype_policy(policy: Any) -> None:
    _global[0] = get(policy) if not isinstance(policy, DTypePolicy) else policy


def get(identifier: Any) -> DTypePolicy:
    """None -> the global policy; a name, a policy, a tf/NumPy dtype or a serialized dict -> a policy."""
    if identifier is None:
        return dtype_policy()
    if isinstance(identifier, DTypePolicy):
        return identifier
    if isinstance(identifier, dict):
        return DTypePolicy(**identifier.get("config", identifier))
    if isinstance(identifier, str):
        return DTypePolicy(identifier)
    try:
        return DTypePolicy(_core.standardize_dtype(identifier))
    except ValueError:
        raise ValueError(f"Cannot interpret `dtype` argument. Expected a string or an instance of DTypePolicy. "
                         f"Received: dtype={identifier}") from None


def serialize(policy: DTypePolicy) -> dict:
    return {"module": "keras", "class_name": "DTypePolicy", "config": {"name": policy.name},
            "registered_name": None}


@on_clear_session
def _reset_global_policy() -> None:
    _global[0] = None
