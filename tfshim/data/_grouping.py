"""group_by_window, bucket_by_sequence_length, choose_from_datasets, ignore_errors, counter.

Grouping follows TensorFlow's GroupByWindowDataset kernel: elements go to the group of their int64
key; a group that reaches its window size is handed to `reduce_func` (as a dataset) at once and the
elements of the returned dataset are produced; at the end of the input the unfinished groups are
flushed in increasing key order.
"""

from __future__ import annotations

from typing import Any

import numpy as np

import tfshim as tf
from tfshim.data import _structure as st
from tfshim.data._functions import StructuredFunction
from tfshim.data.dataset_ops import UNKNOWN, DatasetSpec, DatasetV2, op_error

_KEY_SPEC = tf.TensorSpec([], tf.int64)


class _GroupDataset(DatasetV2):
    """One group's elements (ready flat tuples), as the dataset `reduce_func` receives."""

    def __init__(self, elements: list, spec: Any) -> None:
        self._elements = elements
        self._spec = spec

    def _cardinality(self) -> int:
        return len(self._elements)

    def _iter_flat(self) -> Any:
        yield from self._elements


_GroupDataset.__name__ = _GroupDataset.__qualname__ = "_VariantDataset"


def _int64_scalar(value: Any) -> int:
    """A key/window-size function's result, converted to int64 as TF's wrapper converts it."""
    if tf.is_tensor(value) and value.dtype != tf.int64:
        raise ValueError(f"Tensor conversion requested dtype int64 for Tensor with dtype {value.dtype.name}: "
                         f"{value!r}")
    return int(np.asarray(tf.convert_to_tensor(value, dtype=tf.int64)))


def _check_reduce(ret: Any) -> None:
    if not isinstance(ret, DatasetV2):
        spec = st.spec_of_value(st.to_value(ret)) if not st.is_structure(ret) else \
            st.map_structure(lambda v: st.spec_of_value(st.to_value(v)), ret)
        raise TypeError(f"Invalid `reduce_func`. `reduce_func` must return a single `tf.data.Dataset` object but "
                        f"its return type is {spec}.")


class _GroupByWindowDataset(DatasetV2):
    """Cardinality unknown, as in TensorFlow. `spec` (when given) is the output spec, so `reduce_func`
    is not called on placeholders (bucket_by_sequence_length knows its spec)."""

    def __init__(self, input_dataset: DatasetV2, key_func: Any, reduce_func: Any, window_size_func: Any,
                 spec: Any = None) -> None:
        self._input = input_dataset
        structure = input_dataset.element_spec
        self._key = StructuredFunction(key_func, structure)
        if self._key.probe_output is not None:
            _int64_scalar(self._key.probe_output)
        self._size = StructuredFunction(window_size_func, _KEY_SPEC)
        if self._size.probe_output is not None:
            _int64_scalar(self._size.probe_output)
        self._reduce_fn = reduce_func
        if spec is None:
            reduce = StructuredFunction(reduce_func, (_KEY_SPEC, DatasetSpec(structure)), _check_reduce)
            spec = reduce.output_spec.element_spec if reduce.output_spec is not None else None
        self._spec = spec

    @property
    def element_spec(self) -> Any:
        if self._spec is None:
            self._spec = st.map_structure(lambda s: tf.TensorSpec(None, s.dtype), self._input.element_spec)
        return self._spec

    def _cardinality(self) -> int:
        return UNKNOWN

    def _flush(self, key: int, elements: list) -> Any:
        window = _GroupDataset(elements, self._input.element_spec)
        out = self._reduce_fn(tf.constant(np.int64(key)), window)
        _check_reduce(out)
        yield from out._iter_flat()

    def _iter_flat(self) -> Any:
        groups: dict = {}
        sizes: dict = {}
        for flat in self._input._iter_flat():
            key = _int64_scalar(self._key(flat))
            if key not in groups:
                size = _int64_scalar(self._size((np.int64(key),)))
                if size <= 0:
                    raise op_error(tf.errors.InvalidArgumentError,
                                   f"Window size must be greater than zero, but got {size}.")
                groups[key], sizes[key] = [], size
            groups[key].append(flat)
            if len(groups[key]) == sizes[key]:
                yield from self._flush(key, groups.pop(key))
        for key in sorted(groups):
            yield from self._flush(key, groups[key])


def group_by_window(dataset: DatasetV2, key_func: Any, reduce_func: Any, window_size: Any,
                    window_size_func: Any) -> DatasetV2:
    if (window_size is None) == (window_size_func is None):
        raise ValueError("Either the `window_size` argument or the `window_size_func` argument must be specified.")
    if window_size is not None:
        size = window_size

        def window_size_func(key: Any) -> Any:
            return tf.convert_to_tensor(size, dtype=tf.int64)

    return _GroupByWindowDataset(dataset, key_func, reduce_func, window_size_func)


# -- bucket_by_sequence_length ---------------------------------------------------------------------
def bucket_by_sequence_length(dataset: DatasetV2, element_length_func: Any, bucket_boundaries: Any,
                              bucket_batch_sizes: Any, padded_shapes: Any, padding_values: Any,
                              pad_to_bucket_boundary: bool, no_padding: bool, drop_remainder: bool) -> DatasetV2:
    """TF's composition: bucket ids from the boundaries, group_by_window with the bucket's batch size,
    each window padded_batch-ed (or batch-ed with `no_padding`). The batch dimension is unknown (TF's
    batch size is a tensor there), and with `pad_to_bucket_boundary` so are the padded dimensions."""
    if len(bucket_batch_sizes) != len(bucket_boundaries) + 1:
        raise ValueError(f"`len(bucket_batch_sizes)` must equal `len(bucket_boundaries) + 1` but "
                         f"`len(bucket_batch_sizes)={len(bucket_batch_sizes)}` and "
                         f"`len(bucket_boundaries)={len(bucket_boundaries)}`.")
    sizes = [int(s) for s in bucket_batch_sizes]
    boundaries = [int(b) for b in bucket_boundaries]
    lows = [int(np.iinfo(np.int32).min), *boundaries]
    highs = [*boundaries, int(np.iinfo(np.int32).max)]
    structure = dataset.element_spec

    def key_func(*args: Any) -> Any:
        length = int(np.asarray(element_length_func(*args)))
        return np.int64(next(i for i, (lo, hi) in enumerate(zip(lows, highs)) if lo <= length < hi))

    def size_func(bucket: Any) -> Any:
        return np.int64(sizes[min(int(bucket), len(sizes) - 1)])

    def shapes_for(bucket: int) -> Any:
        filler = None
        if pad_to_bucket_boundary:
            if bucket >= len(sizes) - 1:
                raise op_error(tf.errors.InternalError, "Got error code INVALID_ARGUMENT and message: {\nassertion "
                               "failed: [When pad_to_bucket_boundary=True, elements must have length < "
                               "max(bucket_boundaries).]\n} \nfrom running user-defined function "
                               "Dataset_group_by_window_batching_fn: ")
            filler = boundaries[bucket] - 1
        given = padded_shapes if padded_shapes is not None else st.map_structure(lambda s: s.shape, structure)
        return st.pack(structure, [[filler if d is None else d for d in tf.TensorShape(shape).as_list()]
                                   for shape in st.flatten_up_to(structure, given)])

    def batching_fn(bucket: Any, window: Any) -> Any:
        size = sizes[int(bucket)]
        if no_padding:
            return window.batch(size, drop_remainder=drop_remainder)
        return window.padded_batch(size, shapes_for(int(bucket)), padding_values, drop_remainder=drop_remainder)

    if no_padding:
        component_shapes = [s.shape for s in st.flatten(structure)]
    else:
        if padded_shapes is not None:
            st.assert_shallow(structure, padded_shapes)
        given = padded_shapes if padded_shapes is not None else st.map_structure(lambda s: s.shape, structure)
        component_shapes = [tf.TensorShape(s) for s in st.flatten_up_to(structure, given)]
    spec = st.pack(structure, [st.batched_spec(tf.TensorSpec(shape, s.dtype), None)
                               for shape, s in zip(component_shapes, st.flatten(structure))])
    return _GroupByWindowDataset(dataset, key_func, batching_fn, size_func, spec)


# -- choose_from_datasets --------------------------------------------------------------------------
class _DirectedInterleaveDataset(DatasetV2):
    """Each choice picks the dataset giving the next element; an exhausted dataset ends the whole
    (`stop_on_empty_dataset`) or is skipped from then on."""

    def __init__(self, datasets: list, choices: DatasetV2, stop_on_empty: bool) -> None:
        self._datasets, self._choices, self._stop = datasets, choices, stop_on_empty
        specs = [d.element_spec for d in datasets]
        for i, spec in enumerate(specs[1:], 1):
            if not st.same_structure(specs[0], spec) or \
                    any(not st.same_kind(a, b) for a, b in zip(st.flatten(specs[0]), st.flatten(spec))):
                raise TypeError(f"Invalid `datasets`. `datasets` must have compatible element specs.\n Dataset 0 "
                                f"element_spec={specs[0]!r}.\nDataset {i} element_spec={spec!r}.")
        flat = st.flatten(specs[0])
        for spec in specs[1:]:
            flat = [st.relaxed_spec(a, b) for a, b in zip(flat, st.flatten(spec))]
        self._spec = st.pack(specs[0], flat)

    def _cardinality(self) -> int:
        return UNKNOWN

    def _iter_flat(self) -> Any:
        iterators = [iter(d._iter_flat()) for d in self._datasets]
        active = [True] * len(iterators)
        n = len(iterators)
        for (choice,) in self._choices._iter_flat():
            index = int(choice)
            if not 0 <= index < n:
                raise op_error(tf.errors.InvalidArgumentError, f"Selector index out of range: {index} >= {n}")
            if not active[index]:
                continue
            try:
                yield next(iterators[index])
            except StopIteration:
                if self._stop:
                    return
                active[index] = False
                if not any(active):
                    return


def choose_from_datasets(datasets: Any, choice_dataset: Any, stop_on_empty_dataset: bool) -> DatasetV2:
    if not datasets:
        raise ValueError("Invalid `datasets`. `datasets` should not be empty.")
    if not isinstance(choice_dataset, DatasetV2):
        raise TypeError(f"Invalid `choice_dataset`. `choice_dataset` should be a `tf.data.Dataset` but is "
                        f"{type(choice_dataset)}.")
    spec = choice_dataset.element_spec
    if not (isinstance(spec, tf.TensorSpec) and spec.dtype == tf.int64 and spec.shape.is_compatible_with([])):
        raise TypeError(f"Invalid `choice_dataset`. Elements of `choice_dataset` must be scalar `tf.int64` tensors "
                        f"but are {spec}.")
    return _DirectedInterleaveDataset(list(datasets), choice_dataset, bool(stop_on_empty_dataset))


def sample_from_datasets(datasets: Any, weights: Any, seed: Any, stop_on_empty_dataset: bool,
                         rerandomize_each_iteration: Any) -> DatasetV2:
    """TF's composition: choices drawn by `stateless_categorical` over the log weights, seeded by
    pairs of `Dataset.random(seed)` values. `weights` as a dataset is not supported."""
    if not datasets:
        raise ValueError("Invalid `datasets`. `datasets` should not be empty.")
    if isinstance(weights, DatasetV2):
        raise NotImplementedError("tfshim does not implement sample_from_datasets with a dataset of weights")
    n = len(datasets)
    if weights is None:
        logits = tf.constant([[1.0] * n])
    else:
        if isinstance(weights, (list, tuple)) and len(weights) != n:
            raise ValueError(f"Invalid `weights`. `weights` should have the same length as `datasets` but got "
                             f"`len(weights)={len(weights)}` vs. `len(datasets)={n}`.")
        weights = tf.convert_to_tensor(weights)
        if weights.dtype not in (tf.float32, tf.float64):
            raise TypeError(f"Invalid `weights`. `weights` type must be either `tf.float32` or `tf.float64` but is "
                            f"{weights.dtype}.")
        if not weights.shape.is_compatible_with([n]):
            raise ValueError(f"Invalid `weights`. The shape of `weights` should be compatible with `[num_datasets]` "
                             f"but is {weights.shape}.")
        logits = tf.expand_dims(tf.math.log(weights), 0)
    if n == 1:
        return datasets[0]

    def select(pair: Any) -> Any:
        return tf.squeeze(tf.random.stateless_categorical(logits, 1, seed=pair), axis=[0, 1])

    choices = DatasetV2.random(seed, rerandomize_each_iteration).batch(2).map(select)
    return choose_from_datasets(datasets, choices, stop_on_empty_dataset)


# -- ignore_errors ---------------------------------------------------------------------------------
class _IgnoreErrorsDataset(DatasetV2):
    """Elements whose computation raises a `tf.errors` error are dropped. tfshim can resume after an
    error only through map/filter chains (the failing element is skipped and the next one computed,
    as in TF); an error anywhere else (e.g. inside a batch of mapped elements, where TF drops just
    that batch) ends the dataset instead."""

    def __init__(self, input_dataset: DatasetV2) -> None:
        self._input = input_dataset
        self._spec = input_dataset.element_spec

    def _cardinality(self) -> int:
        return UNKNOWN

    def _iter_flat(self) -> Any:
        yield from _tolerant(self._input)


def _tolerant(dataset: DatasetV2) -> Any:
    from tfshim.data._transforms import _FilterDataset, _MapDataset, _TakeWhileDataset

    if isinstance(dataset, _MapDataset):
        for flat in _tolerant(dataset._input):
            try:
                out = dataset._apply(flat)
            except tf.errors.OpError:
                continue
            yield out
        return
    if isinstance(dataset, _FilterDataset) and not isinstance(dataset, _TakeWhileDataset):
        for flat in _tolerant(dataset._input):
            try:
                keep = dataset._keeps(flat)
            except tf.errors.OpError:
                continue
            if keep:
                yield flat
        return
    try:
        yield from dataset._iter_flat()
    except tf.errors.OpError:
        return


# -- counter ---------------------------------------------------------------------------------------
def counter(start: Any, step: Any, dtype: Any) -> DatasetV2:
    """TF's composition: an infinite `range(0).repeat().scan(...)` (so its repr is a _ScanDataset)."""
    dtype = tf.as_dtype(dtype)
    first = tf.cast(tf.convert_to_tensor(start), dtype) - tf.cast(tf.convert_to_tensor(step), dtype)
    increment = tf.cast(tf.convert_to_tensor(step), dtype)
    return DatasetV2.from_tensors(0).repeat(None).scan(first, lambda state, _: (state + increment,
                                                                                 state + increment))
