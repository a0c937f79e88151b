"""Iterators over datasets: `iter(ds)` (OwnedIterator) and `ds.as_numpy_iterator()` (NumpyIterator)."""

from __future__ import annotations

from typing import Any

import tfshim as tf
from tfshim.data import _structure as st

_END_OF_SEQUENCE = "End of sequence"


class OwnedIterator:
    """`iter(dataset)`: yields the elements as (structures of) EagerTensors. `next()` at the end
    raises StopIteration; `get_next()` raises `tf.errors.OutOfRangeError`, as in TensorFlow."""

    __slots__ = ("_dataset", "_flat", "_structure", "_single", "__weakref__")

    def __init__(self, dataset: Any) -> None:
        self._dataset = dataset
        self._structure = dataset.element_spec
        self._single = not st.is_structure(self._structure)
        self._flat = iter(dataset._iter_flat())

    @property
    def element_spec(self) -> Any:
        return self._structure

    def __iter__(self) -> OwnedIterator:
        return self

    def __next__(self) -> Any:
        values = next(self._flat)  # StopIteration ends the loop
        if self._single:
            return st.to_tensor(values[0])
        return st.pack(self._structure, [st.to_tensor(v) for v in values])

    next = __next__

    def get_next(self, name: str | None = None) -> Any:
        try:
            return self.__next__()
        except StopIteration:
            raise tf.errors.OutOfRangeError(None, None, _END_OF_SEQUENCE + " [Op:IteratorGetNext] name: ") from None

    def get_next_as_optional(self) -> Any:
        try:
            value = self.__next__()
        except StopIteration:
            return _OptionalImpl(None, False, self._structure)
        return _OptionalImpl(value, True, self._structure)

    def __repr__(self) -> str:
        return f"<{type(self).__module__}.{type(self).__name__} object at {id(self):#x}>"


class _OptionalImpl:
    """What `get_next_as_optional` returns (TF's `tf.experimental.Optional` implementation)."""

    __slots__ = ("_value", "_has_value", "_element_spec")

    def __init__(self, value: Any, has_value: bool, element_spec: Any) -> None:
        self._value, self._has_value, self._element_spec = value, has_value, element_spec

    @property
    def element_spec(self) -> Any:
        return self._element_spec

    def has_value(self, name: str | None = None) -> Any:
        return tf.constant(self._has_value)

    def get_value(self, name: str | None = None) -> Any:
        if not self._has_value:
            raise tf.errors.InvalidArgumentError(None, None, "The given optional does not have a value. "
                                                 "[Op:OptionalGetValue] name: ")
        return self._value


class NumpyIterator:
    """`dataset.as_numpy_iterator()`: NumPy scalars and arrays, `bytes` for strings."""

    __slots__ = ("_flat", "_structure", "_single", "_iterator", "__weakref__")

    def __init__(self, dataset: Any) -> None:
        self._structure = dataset.element_spec
        self._single = not st.is_structure(self._structure)
        self._flat = iter(dataset._iter_flat())
        self._iterator = self

    def __iter__(self) -> NumpyIterator:
        return self

    def __next__(self) -> Any:
        values = next(self._flat)
        if self._single:
            return st.to_numpy(values[0])
        return st.pack(self._structure, [st.to_numpy(v) for v in values])

    next = __next__

    def __repr__(self) -> str:
        return f"NumpyIterator(iterator=<OwnedIterator object at {id(self):#x}>)"


Iterator = OwnedIterator
