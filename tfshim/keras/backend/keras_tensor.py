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

    # Arithmetic makes graph operations, as Keras's KerasTensor does (`x / 255.0` -> `true_divide`).
    def __add__(self, other: Any) -> Any:
        return _ops().add(self, other)

    def __radd__(self, other: Any) -> Any:
        return _ops().add(other, self)

    def __sub__(self, other: Any) -> Any:
        return _ops().subtract(self, other)

    def __rsub__(self, other: Any) -> Any:
        return _ops().subtract(other, self)

    def __mul__(self, other: Any) -> Any:
        return _ops().multiply(self, other)

    def __rmul__(self, other: Any) -> Any:
        return _ops().multiply(other, self)

    def __truediv__(self, other: Any) -> Any:
        return _ops().true_divide(self, other)

    def __rtruediv__(self, other: Any) -> Any:
        return _ops().true_divide(other, self)

    def __matmul__(self, other: Any) -> Any:
        return _ops().matmul(self, other)

    def __rmatmul__(self, other: Any) -> Any:
        return _ops().matmul(other, self)

    def __pow__(self, other: Any) -> Any:
        return _ops().power(self, other)

    def __neg__(self) -> Any:
        return _ops().negative(self)

    def __abs__(self) -> Any:
        return _ops().absolute(self)

    def __lt__(self, other: Any) -> Any:
        return _ops().less(self, other)

    def __le__(self, other: Any) -> Any:
        return _ops().less_equal(self, other)

    def __gt__(self, other: Any) -> Any:
        return _ops().greater(self, other)

    def __ge__(self, other: Any) -> Any:
        return _ops().greater_equal(self, other)

    def __getitem__(self, key: Any) -> Any:
        from tfshim.keras.ops import operation

        return operation.symbolic("GetItem", _getitem, self, key)

    def __bool__(self) -> bool:
        raise TypeError("A symbolic KerasTensor cannot be used as a boolean.")

    def __array__(self, *args: Any, **kwargs: Any) -> Any:
        raise ValueError("A KerasTensor is symbolic: it's a placeholder for a shape an a dtype. It doesn't have "
                         "any actual numerical value. You cannot convert it to a NumPy array.")


def _ops() -> Any:
    from tfshim.keras.ops import ops

    return ops


def _getitem(x: Any, key: Any) -> Any:
    return x[key]


def is_keras_tensor(x: Any) -> bool:
    """`keras.backend.is_keras_tensor`: True for a symbolic KerasTensor."""
    return isinstance(x, KerasTensor)
