"""`tf.data.Dataset`: the base class, `DatasetSpec`, and the methods that build every transformation.

A dataset is a Python object with an element spec, a cardinality and a way to iterate its elements
as flat tuples of NumPy values (see `_structure`). Datasets over in-memory arrays also expose an
*index plan* (`_indexed()`): the arrays and the order in which their rows are visited, so that
`batch` gathers whole batches with one NumPy fancy-index per component instead of stacking
elements one by one. Transformations that only reorder or select rows (shuffle, take, skip, shard,
repeat, prefetch, cache) keep the plan.

Differences from TensorFlow: everything runs eagerly in the calling thread (`num_parallel_calls`,
`deterministic`, `prefetch` and options are accepted and change nothing). User functions are not
traced into graphs: each is called twice on placeholder values (see `_functions`) when the
transformation is built, to find the output spec and raise the
function's own errors at construction as TensorFlow does, then once per element; so Python side
effects in them run per element, not once.
"""

from __future__ import annotations

from typing import Any

import numpy as np

import tfshim as tf
from tfshim.data import _structure as st

INFINITE = -1
UNKNOWN = -2
AUTOTUNE = -1


class DatasetSpec:
    """`tf.data.DatasetSpec`: the spec of a dataset-valued element (what `window` produces)."""

    __slots__ = ("_element_spec", "_dataset_shape")

    def __init__(self, element_spec: Any, dataset_shape: Any = ()) -> None:
        self._element_spec = element_spec
        self._dataset_shape = tf.TensorShape(dataset_shape)

    @property
    def element_spec(self) -> Any:
        return self._element_spec

    @property
    def shape(self) -> Any:
        return self._dataset_shape

    @property
    def value_type(self) -> type:
        return DatasetV2

    def __eq__(self, other: object) -> bool:
        return isinstance(other, DatasetSpec) and self._element_spec == other._element_spec and \
            self._dataset_shape.as_list() == other._dataset_shape.as_list()

    def __hash__(self) -> int:
        return hash(repr(self))

    def __repr__(self) -> str:
        return f"DatasetSpec({self._element_spec!r}, {self._dataset_shape!r})"


class _Indexed:
    """An index plan: `gather(idx)` gives the flat component arrays of rows `idx`, `row(i)` one
    element, and `chunks()` a fresh iterator over int64 arrays whose concatenation is the order."""

    __slots__ = ("gather", "row", "chunks")

    def __init__(self, gather: Any, row: Any, chunks: Any) -> None:
        self.gather = gather
        self.row = row
        self.chunks = chunks


def _iter_indexed(plan: _Indexed) -> Any:
    row = plan.row
    for chunk in plan.chunks():
        for i in chunk.tolist():
            yield row(i)


class DatasetV2:
    """`tf.data.Dataset`. Subclasses set `_spec` (a structure of specs) and implement `_iter_flat()`
    and `_cardinality()`; in-memory sources and row-selecting transformations also `_indexed()`."""

    _spec: Any = None

    # -- what subclasses provide ---------------------------------------------------------------
    def _iter_flat(self) -> Any:
        plan = self._indexed()
        if plan is None:
            raise NotImplementedError(type(self).__name__)
        return _iter_indexed(plan)

    def _cardinality(self) -> int:
        return UNKNOWN

    def _indexed(self) -> _Indexed | None:
        return None

    # -- structure, size, iteration ------------------------------------------------------------
    @property
    def element_spec(self) -> Any:
        return self._spec

    def _flat_specs(self) -> list:
        return st.flatten(self.element_spec)

    def cardinality(self) -> Any:
        """The number of elements as an int64 scalar tensor (-1 infinite, -2 unknown)."""
        return tf.constant(np.int64(self._cardinality()))

    def __len__(self) -> int:
        n = self._cardinality()
        if n == INFINITE:
            raise TypeError("The dataset is infinite.")
        if n == UNKNOWN:
            raise TypeError("The dataset length is unknown.")
        return n

    def __bool__(self) -> bool:
        return True

    def __iter__(self) -> Any:
        from tfshim.data.iterator_ops import OwnedIterator

        return OwnedIterator(self)

    def as_numpy_iterator(self) -> Any:
        from tfshim.data.iterator_ops import NumpyIterator

        for spec in self._flat_specs():
            if isinstance(spec, DatasetSpec):
                raise TypeError(f"`tf.data.Dataset.as_numpy_iterator()` is not supported for datasets that "
                                f"produce values of type {DatasetV2}")
        return NumpyIterator(self)

    def __repr__(self) -> str:
        return f"<{type(self).__name__} element_spec={self.element_spec!r}>"

    __str__ = __repr__

    # -- sources -------------------------------------------------------------------------------
    @staticmethod
    def from_tensor_slices(tensors: Any, name: str | None = None) -> DatasetV2:
        from tfshim.data._sources import _TensorSliceDataset

        return _TensorSliceDataset(tensors)

    @staticmethod
    def from_tensors(tensors: Any, name: str | None = None) -> DatasetV2:
        from tfshim.data._sources import _TensorDataset

        return _TensorDataset(tensors)

    @staticmethod
    def range(*args: Any, **kwargs: Any) -> DatasetV2:
        """`range(stop)`, `range(start, stop[, step])`; `output_type` (default int64). Other keywords
        are ignored, as in TensorFlow."""
        from tfshim.data._sources import _RangeDataset

        return _RangeDataset(*args, output_type=kwargs.get("output_type", tf.int64))

    @staticmethod
    def from_generator(generator: Any, output_types: Any = None, output_shapes: Any = None, args: Any = None,
                       output_signature: Any = None, name: str | None = None) -> DatasetV2:
        from tfshim.data._sources import from_generator

        return from_generator(generator, output_types, output_shapes, args, output_signature)

    @staticmethod
    def zip(*args: Any, datasets: Any = None, name: str | None = None) -> DatasetV2:
        from tfshim.data._transforms import _ZipDataset

        if datasets is None:
            if not args:
                raise TypeError("Must pass at least one dataset to `zip`.")
            datasets = args[0] if len(args) == 1 else args
        elif args:
            raise TypeError("Both `*args` and `datasets` cannot be set.")
        return _ZipDataset(datasets)

    @staticmethod
    def choose_from_datasets(datasets: Any, choice_dataset: Any, stop_on_empty_dataset: bool = True) -> DatasetV2:
        from tfshim.data._grouping import choose_from_datasets

        return choose_from_datasets(datasets, choice_dataset, stop_on_empty_dataset)

    @staticmethod
    def counter(start: Any = 0, step: Any = 1, dtype: Any = tf.int64, name: str | None = None) -> DatasetV2:
        from tfshim.data._grouping import counter

        return counter(start, step, dtype)

    @staticmethod
    def random(seed: Any = None, rerandomize_each_iteration: Any = None, name: str | None = None) -> DatasetV2:
        """Infinite int64 values in [0, 2**32), TF's stream for a given seed."""
        from tfshim.data._random import random

        return random(seed, rerandomize_each_iteration)

    @staticmethod
    def sample_from_datasets(datasets: Any, weights: Any = None, seed: Any = None,
                             stop_on_empty_dataset: bool = False, rerandomize_each_iteration: Any = None) -> DatasetV2:
        from tfshim.data._grouping import sample_from_datasets

        return sample_from_datasets(datasets, weights, seed, stop_on_empty_dataset, rerandomize_each_iteration)

    # -- transformations -----------------------------------------------------------------------
    def concatenate(self, dataset: DatasetV2, name: str | None = None) -> DatasetV2:
        from tfshim.data._transforms import _ConcatenateDataset

        return _ConcatenateDataset(self, dataset)

    def map(self, map_func: Any, num_parallel_calls: Any = None, deterministic: Any = None,
            synchronous: Any = None, use_unbounded_threadpool: bool = False, name: str | None = None) -> DatasetV2:
        from tfshim.data._transforms import _MapDataset, _ParallelMapDataset

        if num_parallel_calls is None:
            return _check_map_outputs(_MapDataset(self, map_func))
        dataset = _check_map_outputs(_ParallelMapDataset(self, map_func))
        calls = _int64_arg(num_parallel_calls, "num_parallel_calls")
        if calls <= 0 and calls != AUTOTUNE:
            raise op_error(tf.errors.InvalidArgumentError, "num_parallel_calls must be greater than zero.",
                           "ParallelMapDatasetV2")
        return dataset

    def filter(self, predicate: Any, name: str | None = None) -> DatasetV2:
        from tfshim.data._transforms import _FilterDataset

        return _FilterDataset(self, predicate)

    def flat_map(self, map_func: Any, name: str | None = None) -> DatasetV2:
        from tfshim.data._transforms import _FlatMapDataset

        return _FlatMapDataset(self, map_func)

    def interleave(self, map_func: Any, cycle_length: Any = None, block_length: Any = None,
                   num_parallel_calls: Any = None, deterministic: Any = None, name: str | None = None) -> DatasetV2:
        """The default `cycle_length` is the CPU count, as in TensorFlow (so pass it explicitly)."""
        from tfshim.data._transforms import _InterleaveDataset, _ParallelInterleaveDataset

        cls = _InterleaveDataset if num_parallel_calls is None else _ParallelInterleaveDataset
        if num_parallel_calls is not None and cycle_length is not None and int(cycle_length) != AUTOTUNE and \
                int(num_parallel_calls) != AUTOTUNE and int(num_parallel_calls) > int(cycle_length):
            raise op_error(tf.errors.InvalidArgumentError, "If `cycle_length` is set to a fixed value, "
                           "`num_parallel_calls` must be either `tf.data.AUTOTUNE` or a value less than or equal to "
                           f"`cycle_length`. However, `num_parallel_calls` is {int(num_parallel_calls)} and "
                           f"`cycle_length` is {int(cycle_length)}", "ParallelInterleaveDatasetV4")
        return cls(self, map_func, cycle_length, block_length)

    def take(self, count: Any, name: str | None = None) -> DatasetV2:
        from tfshim.data._transforms import _TakeDataset

        return _TakeDataset(self, _int64_arg(count))

    def skip(self, count: Any, name: str | None = None) -> DatasetV2:
        from tfshim.data._transforms import _SkipDataset

        return _SkipDataset(self, _int64_arg(count))

    def repeat(self, count: Any = None, name: str | None = None) -> DatasetV2:
        from tfshim.data._transforms import _RepeatDataset

        return _RepeatDataset(self, -1 if count is None else _int64_arg(count))

    def shard(self, num_shards: Any, index: Any, name: str | None = None) -> DatasetV2:
        from tfshim.data._transforms import _ShardDataset

        return _ShardDataset(self, _int64_arg(num_shards, "num_shards"), _int64_arg(index, "index"))

    def enumerate(self, start: Any = 0, name: str | None = None) -> DatasetV2:
        from tfshim.data._sources import _RangeDataset
        from tfshim.data._transforms import _ZipDataset

        start = _int64_arg(start, "start")
        return _ZipDataset((_RangeDataset(start, np.iinfo(np.int64).max, output_type=tf.int64), self))

    def group_by_window(self, key_func: Any, reduce_func: Any, window_size: Any = None, window_size_func: Any = None,
                        name: str | None = None) -> DatasetV2:
        from tfshim.data._grouping import group_by_window

        return group_by_window(self, key_func, reduce_func, window_size, window_size_func)

    def bucket_by_sequence_length(self, element_length_func: Any, bucket_boundaries: Any, bucket_batch_sizes: Any,
                                  padded_shapes: Any = None, padding_values: Any = None,
                                  pad_to_bucket_boundary: bool = False, no_padding: bool = False,
                                  drop_remainder: bool = False, name: str | None = None) -> DatasetV2:
        from tfshim.data._grouping import bucket_by_sequence_length

        return bucket_by_sequence_length(self, element_length_func, bucket_boundaries, bucket_batch_sizes,
                                         padded_shapes, padding_values, pad_to_bucket_boundary, no_padding,
                                         drop_remainder)

    def ignore_errors(self, log_warning: bool = False, name: str | None = None) -> DatasetV2:
        """`log_warning` is accepted; tfshim logs nothing."""
        from tfshim.data._grouping import _IgnoreErrorsDataset

        return _IgnoreErrorsDataset(self)

    def take_while(self, predicate: Any, name: str | None = None) -> DatasetV2:
        from tfshim.data._transforms import _TakeWhileDataset

        return _TakeWhileDataset(self, predicate)

    def unique(self, name: str | None = None) -> DatasetV2:
        from tfshim.data._transforms import _UniqueDataset

        return _UniqueDataset(self)

    def scan(self, initial_state: Any, scan_func: Any, name: str | None = None) -> DatasetV2:
        from tfshim.data._transforms import _ScanDataset

        return _ScanDataset(self, initial_state, scan_func)

    def reduce(self, initial_state: Any, reduce_func: Any, name: str | None = None) -> Any:
        from tfshim.data._transforms import reduce

        return reduce(self, initial_state, reduce_func)

    def window(self, size: Any, shift: Any = None, stride: Any = 1, drop_remainder: bool = False,
               name: str | None = None) -> DatasetV2:
        from tfshim.data._transforms import _WindowDataset

        size = _int64_arg(size, "size")
        shift = size if shift is None else _int64_arg(shift, "shift")
        return _WindowDataset(self, size, shift, _int64_arg(stride, "stride"), bool(drop_remainder))

    def prefetch(self, buffer_size: Any, name: str | None = None) -> DatasetV2:
        from tfshim.data._transforms import _PrefetchDataset

        _int64_arg(buffer_size, "buffer_size")
        return _PrefetchDataset(self)

    def cache(self, filename: str = "", name: str | None = None) -> DatasetV2:
        """In memory only: a `filename` is accepted and ignored (TensorFlow would write files there)."""
        from tfshim.data._transforms import CacheDataset

        return CacheDataset(self)

    def apply(self, transformation_func: Any) -> Any:
        dataset = transformation_func(self)
        if not isinstance(dataset, DatasetV2):
            raise TypeError(f"`transformation_func` must return a `tf.data.Dataset` object. Got {type(dataset)}.")
        return dataset

    def with_options(self, options: Any, name: str | None = None) -> DatasetV2:
        from tfshim.data._transforms import _OptionsDataset

        return _OptionsDataset(self)

    def options(self) -> Any:
        from tfshim.data._options import Options

        return Options()

    def shuffle(self, buffer_size: Any, seed: Any = None, reshuffle_each_iteration: Any = True,
                name: str | None = None) -> DatasetV2:
        from tfshim.data._shuffle import _ShuffleDataset

        reshuffle = True if reshuffle_each_iteration is None else bool(reshuffle_each_iteration)
        return _ShuffleDataset(self, _int64_arg(buffer_size, "buffer_size"), seed, reshuffle)

    def batch(self, batch_size: Any, drop_remainder: bool = False, num_parallel_calls: Any = None,
              deterministic: Any = None, name: str | None = None) -> DatasetV2:
        from tfshim.data._batching import _BatchDataset, _ParallelBatchDataset

        cls = _BatchDataset if num_parallel_calls is None else _ParallelBatchDataset
        return cls(self, _int64_arg(batch_size, "batch_size"), bool(drop_remainder))

    def padded_batch(self, batch_size: Any, padded_shapes: Any = None, padding_values: Any = None,
                     drop_remainder: bool = False, name: str | None = None) -> DatasetV2:
        from tfshim.data._batching import _PaddedBatchDataset

        return _PaddedBatchDataset(self, _int64_arg(batch_size, "batch_size"), padded_shapes, padding_values,
                                   bool(drop_remainder))

    def unbatch(self, name: str | None = None) -> DatasetV2:
        from tfshim.data._batching import _UnbatchDataset

        return _UnbatchDataset(self)

    def rebatch(self, batch_size: Any, drop_remainder: bool = False, name: str | None = None) -> DatasetV2:
        from tfshim.data._batching import _RebatchDataset

        return _RebatchDataset(self, batch_size, bool(drop_remainder))

    def get_single_element(self, name: str | None = None) -> Any:
        it = iter(self)
        try:
            first = next(it)
        except StopIteration:
            raise op_error(tf.errors.InvalidArgumentError, "Dataset was empty.", "DatasetToSingleElement") from None
        try:
            next(it)
        except StopIteration:
            return first
        raise op_error(tf.errors.InvalidArgumentError, "Dataset had more than one element.", "DatasetToSingleElement")


Dataset = DatasetV2


def op_error(cls: Any, message: str, op: str = "IteratorGetNext") -> Exception:
    """A `tf.errors` exception worded as TensorFlow's kernels word it (`... [Op:X] name: `)."""
    return cls(None, None, f"{message} [Op:{op}] name: ")


def empty_attr_error(attr: str, op: str, signature: str, attrs: str) -> Exception:
    """The InvalidArgumentError TensorFlow raises when an op is built with no components (an empty
    structure), quoting the op's registration as TF's message does. (Which empty attr TF names first
    varies from run to run in TF itself; `attr` is one of them.)"""
    return op_error(tf.errors.InvalidArgumentError, f"Length for attr '{attr}' of 0 must be at least minimum 1\n\t; "
                    f"NodeDef: {{{{node {op}}}}}; Op<name={op}; signature={signature}; {attrs}>", op)


_MAP_SIGNATURES = {
    "MapDataset": ("input_dataset:variant, other_arguments: -> handle:variant",
                   "attr=f:func; attr=Targuments:list(type),min=0; attr=output_types:list(type),min=1; "
                   "attr=output_shapes:list(shape),min=1; attr=use_inter_op_parallelism:bool,default=true; "
                   "attr=preserve_cardinality:bool,default=false; attr=force_synchronous:bool,default=false; "
                   "attr=metadata:string,default=\"\""),
    "ParallelMapDatasetV2": ("input_dataset:variant, other_arguments:, num_parallel_calls:int64 -> handle:variant",
                             "attr=f:func; attr=Targuments:list(type),min=0; attr=output_types:list(type),min=1; "
                             "attr=output_shapes:list(shape),min=1; attr=use_inter_op_parallelism:bool,default=true; "
                             "attr=deterministic:string,default=\"default\"; "
                             "attr=preserve_cardinality:bool,default=false; "
                             "attr=use_unbounded_threadpool:bool,default=false; attr=metadata:string,default=\"\""),
}


def _check_map_outputs(dataset: Any) -> Any:
    """A map function returning an empty structure (`()`, `{}`) fails when TF builds the op."""
    spec = dataset._fn.output_spec
    if spec is not None and st.is_structure(spec) and not st.flatten(spec):
        op = "MapDataset" if type(dataset).__name__ == "_MapDataset" else "ParallelMapDatasetV2"
        raise empty_attr_error("output_types", op, *_MAP_SIGNATURES[op])
    return dataset


def _int64_arg(value: Any, what: str = "count") -> int:
    """An int64 scalar argument (count, size, ...) as a Python int, with TF's conversion errors."""
    if isinstance(value, (bool, np.bool_, int, np.integer)):
        return int(value)
    if value is None:
        raise ValueError("Attempt to convert a value (None) with an unsupported type (<class 'NoneType'>) to a "
                         "Tensor.")
    if tf.is_tensor(value):
        if value.dtype != tf.int64:
            raise ValueError(f"{what}: Tensor conversion requested dtype int64 for Tensor with dtype "
                             f"{value.dtype.name}: {value!r}")
        return int(value.numpy())
    try:
        return int(tf.convert_to_tensor(value, dtype=tf.int64).numpy())
    except (TypeError, ValueError):
        pass
    raise TypeError(f"Cannot convert {value!r} to EagerTensor of dtype int64")
