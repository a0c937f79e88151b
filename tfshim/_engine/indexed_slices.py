"""`tf.IndexedSlices`: the sparse gradient of gather-like reads.

It is not a Tensor: it has no arithmetic operators besides negation and no `numpy()`. Ops that receive
one convert it to a dense tensor first, summing rows that share an index.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from tfshim._engine import vspace
from tfshim._engine.tensor import DEVICE
from tfshim._engine.tensor_shape import TensorShape


class IndexedSlices:
    """Rows `values[i]` of a dense tensor of shape `dense_shape`, at row positions `indices[i]`."""

    _is_tensor_like = True

    def __init__(self, values: Any, indices: Any, dense_shape: Any = None) -> None:
        self._values = values
        self._indices = indices
        self._dense_shape = dense_shape

    @property
    def values(self) -> Any:
        return self._values

    @property
    def indices(self) -> Any:
        return self._indices

    @property
    def dense_shape(self) -> Any:
        return self._dense_shape

    @property
    def dtype(self) -> Any:
        return self._values.dtype

    @property
    def shape(self) -> TensorShape:
        if self._dense_shape is None:
            return TensorShape(None)
        if not hasattr(self._dense_shape, "get_shape"):  # as TF's constant_value_as_shape fails on a list
            raise AttributeError(f"'{type(self._dense_shape).__name__}' object has no attribute 'get_shape'")
        return TensorShape([int(d) for d in np.reshape(np.asarray(self._dense_shape), -1)])

    @property
    def device(self) -> str:
        return DEVICE

    @property
    def name(self) -> str:
        raise AttributeError("Tensor.name is undefined when eager execution is enabled.")

    @property
    def op(self) -> Any:
        raise AttributeError("Tensor.op is undefined when eager execution is enabled.")

    @property
    def graph(self) -> Any:
        raise AttributeError("Tensor.graph is undefined when eager execution is enabled.")

    def consumers(self) -> list:
        return []

    def __neg__(self) -> IndexedSlices:
        return IndexedSlices(vspace.ops.negative(self._values), self._indices, self._dense_shape)

    def __str__(self) -> str:
        shape = "" if self._dense_shape is None else f", dense_shape={self._dense_shape!s}"
        return f"IndexedSlices(indices={self._indices!s}, values={self._values!s}{shape})"
