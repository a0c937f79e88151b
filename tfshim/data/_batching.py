"""batch, padded_batch, unbatch, rebatch.

`batch` over an input with an index plan (in-memory slices, possibly shuffled/taken/repeated)
gathers each batch with one fancy-index per component; otherwise elements are stacked.
"""

from __future__ import annotations

from typing import Any

import numpy as np

import tfshim as tf
from tfshim.data import _structure as st
from tfshim.data.dataset_ops import INFINITE, UNKNOWN, DatasetSpec, DatasetV2, op_error


def _stack(values: list, spec: Any) -> Any:
    """The batch of one component; elements of different shapes raise TF's error."""
    first = np.shape(values[0])
    for value in values:
        if np.shape(value) != first:
            raise op_error(tf.errors.InvalidArgumentError,
                           "Cannot add tensor to the batch: number of elements does not match. Shapes are: "
                           f"[tensor]: {list(np.shape(value))}, [batch]: {list(first)}")
    if spec.dtype == tf.string:
        out = np.empty((len(values), *first), dtype=object)
        for i, value in enumerate(values):
            out[i] = value
        return out
    return np.stack(values)


def _index_batches(plan: Any, n: int, drop: bool) -> Any:
    """Batches of `n` rows gathered from an index plan's order."""
    gather = plan.gather
    pending = np.zeros(0, dtype=np.int64)
    for chunk in plan.chunks():
        if len(pending):
            pending = np.concatenate([pending, chunk])
        else:
            pending = chunk
        full = len(pending) - len(pending) % n
        for lo in range(0, full, n):
            yield tuple(gather(pending[lo:lo + n]))
        pending = pending[full:]
    if len(pending) and not drop:
        yield tuple(gather(pending))


class _BatchDataset(DatasetV2):
    def __init__(self, input_dataset: DatasetV2, batch_size: int, drop_remainder: bool) -> None:
        if batch_size <= 0:
            raise op_error(tf.errors.InvalidArgumentError, "Batch size must be greater than zero.", "BatchDatasetV2")
        self._input = input_dataset
        self._n = batch_size
        self._drop = drop_remainder
        size = batch_size if drop_remainder else None
        self._specs = st.flatten(input_dataset.element_spec)
        self._spec = st.pack(input_dataset.element_spec, [st.batched_spec(s, size) for s in self._specs])

    def _cardinality(self) -> int:
        c = self._input._cardinality()
        if c in (INFINITE, UNKNOWN):
            return c
        return c // self._n if self._drop else -(-c // self._n)

    def _iter_flat(self) -> Any:
        plan = self._input._indexed()
        if plan is not None:
            yield from _index_batches(plan, self._n, self._drop)
            return
        n, specs = self._n, self._specs
        pending: list = []
        for element in self._input._iter_flat():
            pending.append(element)
            if len(pending) == n:
                yield tuple(_stack([e[k] for e in pending], spec) for k, spec in enumerate(specs))
                pending = []
        if pending and not self._drop:
            yield tuple(_stack([e[k] for e in pending], spec) for k, spec in enumerate(specs))


class _ParallelBatchDataset(_BatchDataset):
    """`batch` with `num_parallel_calls`: the same batches, built in this thread."""


class _PaddedBatchDataset(DatasetV2):
    def __init__(self, input_dataset: DatasetV2, batch_size: int, padded_shapes: Any, padding_values: Any,
                 drop_remainder: bool) -> None:
        if batch_size <= 0:
            raise op_error(tf.errors.InvalidArgumentError, "Batch size must be greater than zero.",
                           "PaddedBatchDatasetV2")
        self._input = input_dataset
        self._n, self._drop = batch_size, drop_remainder
        structure = input_dataset.element_spec
        self._specs = st.flatten(structure)
        for spec in self._specs:
            if isinstance(spec, DatasetSpec):
                raise TypeError("`padded_batch` is only supported for datasets that produce tensor elements.")
        self._pads = self._padding(padding_values)
        if padded_shapes is None:
            shapes = [s.shape for s in self._specs]
        else:
            st.assert_shallow(structure, padded_shapes)
            flat_given = st.flatten_up_to(structure, padded_shapes)
            shapes = [tf.TensorShape(_shape_arg(s)) for s in flat_given]
            for shape, spec in zip(shapes, self._specs):
                if not _padded_fits(shape, spec.shape):
                    raise ValueError(f"The padded shape {shape} is not compatible with the shape {spec.shape} of "
                                     "the corresponding input component.")
        self._shapes = [None if s.rank is None else s.as_list() for s in shapes]
        size = batch_size if drop_remainder else None
        self._spec = st.pack(structure, [tf.TensorSpec([size] + (shape or []), spec.dtype)
                                         for shape, spec in zip(self._shapes, self._specs)])

    def _padding(self, padding_values: Any) -> list:
        """TF's rules: None (anywhere) is the dtype's zero; a single value pads every component;
        otherwise the given structure must be a prefix of the element's; the values must be scalars
        of the component's dtype."""
        structure = self._spec_structure()
        zeros = [b"" if s.dtype == tf.string else np.zeros((), s.dtype.as_numpy_dtype)[()] for s in self._specs]
        if padding_values is None:
            return zeros
        default = st.pack(structure, zeros)
        if not st.is_structure(padding_values):
            padding_values = st.map_structure(lambda _: padding_values, structure)
        st.assert_shallow(padding_values, default)
        padding = st.replace_none_up_to(padding_values, default)
        st.assert_shallow(structure, padding)
        out = []
        for value, spec in zip(st.flatten_up_to(structure, padding), self._specs):
            tensor = tf.convert_to_tensor(value)
            if not tensor.shape.is_compatible_with([]):
                raise ValueError(f"Invalid `padding_values`. `padding_values` values should be scalars, but got "
                                 f"{tensor.shape}.")
            if tensor.dtype != spec.dtype:
                raise TypeError(f"Invalid `padding_values`. `padding_values` values type {tensor.dtype} does not "
                                f"match type {spec.dtype} of the corresponding input component.")
            out.append(np.asarray(tensor)[()])
        return out

    def _spec_structure(self) -> Any:
        return self._input.element_spec

    def _cardinality(self) -> int:
        c = self._input._cardinality()
        if c in (INFINITE, UNKNOWN):
            return c
        return c // self._n if self._drop else -(-c // self._n)

    def _pad(self, values: list, k: int) -> Any:
        shape, spec, pad = self._shapes[k], self._specs[k], self._pads[k]
        rank = np.ndim(values[0])
        dims = []
        for d in range(rank):
            longest = max(np.shape(v)[d] for v in values)
            want = shape[d] if shape is not None and shape[d] is not None else longest
            if longest > want:
                raise op_error(tf.errors.DataLossError, "Attempted to pad to a smaller size than the input element.")
            dims.append(want)
        np_dtype = object if spec.dtype == tf.string else spec.dtype.as_numpy_dtype
        out = np.full([len(values), *dims], pad, dtype=np_dtype)
        for i, value in enumerate(values):
            out[(i, *tuple(slice(0, s) for s in np.shape(value)))] = value
        return out

    def _iter_flat(self) -> Any:
        n = self._n
        count = len(self._specs)
        pending: list = []
        for element in self._input._iter_flat():
            pending.append(element)
            if len(pending) == n:
                yield tuple(self._pad([e[k] for e in pending], k) for k in range(count))
                pending = []
        if pending and not self._drop:
            yield tuple(self._pad([e[k] for e in pending], k) for k in range(count))


def _shape_arg(shape: Any) -> Any:
    if tf.is_tensor(shape):
        return [None if d == -1 else int(d) for d in shape.numpy().tolist()]
    if isinstance(shape, (list, tuple)):
        return [None if d is None or (isinstance(d, int) and d == -1) else d for d in shape]
    return shape


def _padded_fits(padded: Any, shape: Any) -> bool:
    if padded.rank is None or shape.rank is None:
        return True
    if padded.rank != shape.rank:
        return False
    return all(p is None or s is None or p >= s for p, s in zip(padded.as_list(), shape.as_list()))


class _UnbatchDataset(DatasetV2):
    def __init__(self, input_dataset: DatasetV2) -> None:
        self._input = input_dataset
        specs = st.flatten(input_dataset.element_spec)
        for spec in specs:
            if isinstance(spec, DatasetSpec) or spec.shape.rank == 0:
                raise ValueError("Cannot unbatch an input with scalar components.")
        self._spec = st.pack(input_dataset.element_spec, [st.unbatched_spec(s) for s in specs])
        firsts = {st.dims(s)[0] if st.dims(s) is not None else None for s in specs}
        self._rows = firsts.pop() if len(firsts) == 1 else None

    def _cardinality(self) -> int:
        c = self._input._cardinality()
        if self._rows is None or c == UNKNOWN:
            return UNKNOWN
        return c if c == INFINITE else c * self._rows

    def _iter_flat(self) -> Any:
        for element in self._input._iter_flat():
            yield from _rows(element)


def _rows(element: tuple) -> Any:
    sizes = [np.shape(v)[0] for v in element]
    if any(s != sizes[0] for s in sizes):
        raise tf.errors.InvalidArgumentError(None, None, "Input element must have the same batch size in each "
                                             f"component. Component 0 had size {sizes[0]} but component "
                                             f"{next(i for i, s in enumerate(sizes) if s != sizes[0])} had size "
                                             f"{next(s for s in sizes if s != sizes[0])}.")
    if len(element) == 1:
        only = element[0]
        for i in range(sizes[0]):
            yield (only[i],)
        return
    for i in range(sizes[0]):
        yield tuple(v[i] for v in element)


class _RebatchDataset(DatasetV2):
    """Rows re-split into batches of the given size(s), crossing input batch boundaries; a list of
    sizes is used in turn, cyclically."""

    def __init__(self, input_dataset: DatasetV2, batch_size: Any, drop_remainder: bool) -> None:
        self._input = input_dataset
        specs = st.flatten(input_dataset.element_spec)
        for spec in specs:
            if isinstance(spec, DatasetSpec) or spec.shape.rank == 0:
                raise ValueError("Invalid `batch_sizes`. Expected dataset with rank of >= 1 but found a dataset "
                                 "with scalar elements. Fix the issue by adding the `batch` transformation to the "
                                 "dataset.")
        sizes = np.asarray(batch_size.numpy() if tf.is_tensor(batch_size) else batch_size, dtype=np.int64)
        self._sizes = [int(s) for s in sizes.reshape(-1)]
        if not self._sizes or any(s < 0 for s in self._sizes):
            raise tf.errors.InvalidArgumentError(None, None, "Every batch size must be non-negative.")
        self._drop = drop_remainder
        self._specs = specs
        known = self._sizes[0] if drop_remainder and len(set(self._sizes)) == 1 else None
        self._spec = st.pack(input_dataset.element_spec,
                             [st.batched_spec(st.unbatched_spec(s), known) for s in specs])

    def _iter_flat(self) -> Any:
        sizes = self._sizes
        turn = 0
        pending: list = []
        want = sizes[0]
        for element in self._input._iter_flat():
            for row in _rows(element):
                while want == 0:
                    yield tuple(np.zeros((0, *np.shape(v)), dtype=np.asarray(v).dtype) for v in row)
                    turn += 1
                    want = sizes[turn % len(sizes)]
                pending.append(row)
                if len(pending) == want:
                    yield tuple(_stack([r[k] for r in pending], s) for k, s in enumerate(self._specs))
                    pending = []
                    turn += 1
                    want = sizes[turn % len(sizes)]
        if pending and not self._drop:
            yield tuple(_stack([r[k] for r in pending], s) for k, s in enumerate(self._specs))
