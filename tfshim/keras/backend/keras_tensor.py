"""`keras.KerasTensor`: the symbolic tensor of the functional API (shape tuple, string dtype)."""

from __future__ import annotations

from typing import Any

from tfshim.keras.backend import core as _core
from tfshim.keras.backend.global_state import auto_name


class KerasTensor:
    """A symbolic placeholder: `shape` is a tuple with `None` for unknown dimensions.

    `_keras_history` is `(operation, node_index, tensor_index)`: which layer call made it.
    Unlike Keras, arithmetic on KerasTensors (`x + 1`, `tf.*` ops on them) is not supported.
    """

    _is_keras_tensor = True

    def __init__(self, shape: Any, dtype: Any = "float32", sparse: bool = False, ragged: bool = False,
                 record_history: bool = True, name: str | None = None) -> None:
        self._shape = _core.standardize_shape(shape)
        self._dtype = _core.standardize_dtype(dtype)
        self._sparse = bool(sparse)
        self._ragged = bool(ragged)
        self.name = name or auto_name(type(self).__name__)
        self.record_history = record_history
        self._keras_history: Any = None

    @property
    def shape(self) -> tuple:
        return self._shape

    @property
    def dtype(self) -> str:
        return self._dtype

    @property
    def ndim(self) -> int:
        return len(self._shape)

    @property
    def sparse(self) -> bool:
        return self._sparse

    @property
    def ragged(self) -> bool:
        return self._ragged

    def _with_dtype(self, dtype: str) -> KerasTensor:
        out = KerasTensor(self._shape, dtype, name=self.name)
        out._keras_history = self._keras_history
        return out

    def __repr__(self) -> str:
        return (f"<KerasTensor shape={self._shape}, dtype={self._dtype}, sparse={self._sparse}, "
                f"ragged={self._ragged}, name={self.name}>")

    __str__ = __repr__

    def __bool__(self) -> bool:
        raise TypeError("A symbolic KerasTensor cannot be used as a boolean.")

    def __array__(self, *args: Any, **kwargs: Any) -> Any:
        raise ValueError("A KerasTensor is symbolic: it's a placeholder for a shape an a dtype. It doesn't have "
                         "any actual numerical value. You cannot convert it to a NumPy array.")


def is_keras_tensor(x: Any) -> bool:
    """`keras.backend.is_keras_tensor`: True for a symbolic KerasTensor."""
    return isinstance(x, KerasTensor)
