"""Element-wise and structural transformations: map, filter, flat_map, interleave, take, skip,
repeat, shard, zip, concatenate, take_while, unique, scan, reduce, window, prefetch, cache."""

from __future__ import annotations

import os
from typing import Any

import numpy as np

import tfshim as tf
from tfshim.data import _structure as st
from tfshim.data._functions import StructuredFunction, output_of
from tfshim.data.dataset_ops import INFINITE, UNKNOWN, DatasetSpec, DatasetV2, _Indexed, empty_attr_error, op_error


class _UnaryDataset(DatasetV2):
    """A transformation of one input dataset."""

    def __init__(self, input_dataset: DatasetV2) -> None:
        self._input = input_dataset
        self._spec = input_dataset.element_spec


class _PassThrough(_UnaryDataset):
    def _iter_flat(self) -> Any:
        return self._input._iter_flat()

    def _cardinality(self) -> int:
        return self._input._cardinality()

    def _indexed(self) -> _Indexed | None:
        return self._input._indexed()


class _PrefetchDataset(_PassThrough):
    """Prefetching changes nothing visible; elements are produced when asked for."""


class _OptionsDataset(_PassThrough):
    pass


class CacheDataset(_PassThrough):
    """In-memory cache: the first complete pass is stored and replayed; upstream work is not re-run."""

    def __init__(self, input_dataset: DatasetV2) -> None:
        super().__init__(input_dataset)
        self._cache: list | None = None
        self._chunk_cache: list | None = None

    def _iter_flat(self) -> Any:
        plan = self._indexed()
        if plan is not None:
            from tfshim.data.dataset_ops import _iter_indexed

            yield from _iter_indexed(plan)
            return
        if self._cache is not None:
            yield from self._cache
            return
        filled = []
        for element in self._input._iter_flat():
            filled.append(element)
            yield element
        self._cache = filled

    def _indexed(self) -> _Indexed | None:
        plan = self._input._indexed()
        if plan is None:
            return None
        owner = self

        def chunks() -> Any:
            if owner._chunk_cache is not None:
                yield from owner._chunk_cache
                return
            filled = []
            for chunk in plan.chunks():
                filled.append(chunk)
                yield chunk
            owner._chunk_cache = filled

        return _Indexed(plan.gather, plan.row, chunks)


# -- functions over elements -------------------------------------------------------------------
class _FunctionDataset(_UnaryDataset):
    """A transformation built around one user function whose output spec may have to wait for a
    real element (see `_functions`)."""

    def __init__(self, input_dataset: DatasetV2, fn: Any, check: Any = None) -> None:
        self._input = input_dataset
        self._fn = StructuredFunction(fn, input_dataset.element_spec, check)
        self._spec = self._spec_from(self._fn.output_spec) if self._fn.output_spec is not None else None

    def _spec_from(self, output_spec: Any) -> Any:
        return output_spec

    @property
    def element_spec(self) -> Any:
        if self._spec is None:
            self._spec = self._resolve_spec()
        return self._spec

    def _resolve_spec(self) -> Any:
        for flat in self._input._iter_flat():
            ret = self._fn(flat)
            if isinstance(ret, DatasetV2):
                return self._spec_from(DatasetSpec(ret.element_spec))
            return self._spec_from(output_of(ret)[0])
        return self._spec_from(st.map_structure(lambda s: tf.TensorSpec(None, s.dtype), self._input.element_spec))


class _DatasetFunctionDataset(_FunctionDataset):
    """flat_map / interleave: the function returns a dataset, whose elements are this one's."""

    def _spec_from(self, output_spec: Any) -> Any:
        return output_spec.element_spec if isinstance(output_spec, DatasetSpec) else output_spec


class _MapDataset(_FunctionDataset):
    def _apply(self, flat: tuple) -> tuple:
        """The mapped element of one input element."""
        ret = self._fn(flat)
        if ret is None:
            raise tf.errors.InvalidArgumentError(None, None, "Length for attr 'output_types' of 0 must be at "
                                                 "least minimum 1")
        return tuple([st.to_value(leaf) for leaf in st.flatten(ret)])

    def _iter_flat(self) -> Any:
        apply = self._apply
        for flat in self._input._iter_flat():
            yield apply(flat)

    def _cardinality(self) -> int:
        return self._input._cardinality()


class _ParallelMapDataset(_MapDataset):
    """`map` with `num_parallel_calls`: run in order, in the calling thread."""


def _check_predicate(ret: Any, separator: str = ", but its return type is ") -> None:
    spec = output_of(ret)[0]
    if isinstance(spec, tf.TensorSpec) and spec.dtype == tf.bool and spec.shape.rank == 0:
        return
    raise ValueError(f"Invalid `predicate`. `predicate` must return a `tf.bool` scalar tensor{separator}{spec}.")


def _check_take_while(ret: Any) -> None:
    """take_while's own wording (TF has no space before the spec)."""
    _check_predicate(ret, " but its return type is")


def _truth(ret: Any) -> bool:
    return bool(np.asarray(st.flatten(ret)[0]))


class _FilterDataset(_FunctionDataset):
    _check = staticmethod(_check_predicate)

    def __init__(self, input_dataset: DatasetV2, predicate: Any) -> None:
        super().__init__(input_dataset, predicate, self._check)
        self._spec = input_dataset.element_spec

    def _keeps(self, flat: tuple) -> bool:
        return _truth(self._fn(flat))

    def _iter_flat(self) -> Any:
        fn = self._fn
        for flat in self._input._iter_flat():
            if _truth(fn(flat)):
                yield flat


class _TakeWhileDataset(_FilterDataset):
    _check = staticmethod(_check_take_while)
    def _iter_flat(self) -> Any:
        fn = self._fn
        for flat in self._input._iter_flat():
            if not _truth(fn(flat)):
                return
            yield flat


def _check_returns_dataset(ret: Any) -> None:
    if not isinstance(ret, DatasetV2):
        raise AttributeError(f"'{'Tensor' if tf.is_tensor(ret) else type(ret).__name__}' object has no attribute "
                             "'_name'")


class _FlatMapDataset(_DatasetFunctionDataset):
    def __init__(self, input_dataset: DatasetV2, fn: Any) -> None:
        super().__init__(input_dataset, fn, _check_returns_dataset)

    def _iter_flat(self) -> Any:
        fn = self._fn
        for flat in self._input._iter_flat():
            inner = fn(flat)
            _check_returns_dataset(inner)
            yield from inner._iter_flat()


class _InterleaveDataset(_DatasetFunctionDataset):
    """Slots are visited in turn, `block_length` elements at a time; an exhausted slot is refilled
    from the input on its next turn (TensorFlow's order)."""

    _OP = "InterleaveDataset"

    def __init__(self, input_dataset: DatasetV2, fn: Any, cycle_length: Any, block_length: Any) -> None:
        super().__init__(input_dataset, fn, _check_returns_dataset)
        if cycle_length is None or int(cycle_length) == -1:
            cycle_length = os.cpu_count() or 1
        self._cycle = int(cycle_length)
        self._block = 1 if block_length is None else int(block_length)
        if self._cycle <= 0:
            raise op_error(tf.errors.InvalidArgumentError, "cycle_length must be greater than zero.", self._OP)
        if self._block <= 0:
            raise op_error(tf.errors.InvalidArgumentError, "block_length must be greater than zero.", self._OP)

    def _iter_flat(self) -> Any:
        fn = self._fn
        source = iter(self._input._iter_flat())
        cycle, block = self._cycle, self._block
        slots: list = [None] * cycle
        open_count = 0
        index = 0
        taken = 0
        end_of_input = False
        while not end_of_input or open_count > 0:
            current = slots[index]
            if current is not None:
                try:
                    element = next(current)
                except StopIteration:
                    slots[index] = None
                    open_count -= 1
                    index, taken = (index + 1) % cycle, 0
                    continue
                yield element
                taken += 1
                if taken == block:
                    index, taken = (index + 1) % cycle, 0
            elif not end_of_input:
                try:
                    flat = next(source)
                except StopIteration:
                    end_of_input = True
                    index, taken = (index + 1) % cycle, 0
                    continue
                inner = fn(flat)
                _check_returns_dataset(inner)
                slots[index] = iter(inner._iter_flat())
                open_count += 1
            else:
                index, taken = (index + 1) % cycle, 0


class _ParallelInterleaveDataset(_InterleaveDataset):
    """`interleave` with `num_parallel_calls`: the deterministic order, computed in this thread."""

    _OP = "ParallelInterleaveDatasetV4"


# -- selecting and repeating -------------------------------------------------------------------
class _TakeDataset(_UnaryDataset):
    def __init__(self, input_dataset: DatasetV2, count: int) -> None:
        super().__init__(input_dataset)
        self._count = count

    def _cardinality(self) -> int:
        c, n = self._input._cardinality(), self._count
        if n < 0:
            return c
        if c == INFINITE:
            return n
        if c == UNKNOWN:
            return UNKNOWN
        return min(c, n)

    def _iter_flat(self) -> Any:
        plan = self._indexed()
        if plan is not None:
            from tfshim.data.dataset_ops import _iter_indexed

            yield from _iter_indexed(plan)
            return
        n = self._count
        if n == 0:
            return
        for i, element in enumerate(self._input._iter_flat()):
            yield element
            if i + 1 == n:
                return

    def _indexed(self) -> _Indexed | None:
        plan = self._input._indexed()
        if plan is None:
            return None
        count = self._count

        def chunks() -> Any:
            left = count
            for chunk in plan.chunks():
                if left < 0:
                    yield chunk
                    continue
                if left == 0:
                    return
                part = chunk[:left]
                left -= len(part)
                yield part

        return _Indexed(plan.gather, plan.row, chunks)


class _SkipDataset(_UnaryDataset):
    def __init__(self, input_dataset: DatasetV2, count: int) -> None:
        super().__init__(input_dataset)
        self._count = count

    def _cardinality(self) -> int:
        c, n = self._input._cardinality(), self._count
        if c in (INFINITE, UNKNOWN):
            return c
        if n < 0:
            return 0
        return max(c - n, 0)

    def _iter_flat(self) -> Any:
        plan = self._indexed()
        if plan is not None:
            from tfshim.data.dataset_ops import _iter_indexed

            yield from _iter_indexed(plan)
            return
        n = self._count
        for i, element in enumerate(self._input._iter_flat()):
            if n < 0 or i < n:
                continue
            yield element

    def _indexed(self) -> _Indexed | None:
        plan = self._input._indexed()
        if plan is None:
            return None
        count = self._count

        def chunks() -> Any:
            left = count
            for chunk in plan.chunks():
                if left < 0:
                    continue
                if left >= len(chunk):
                    left -= len(chunk)
                    continue
                part = chunk[left:]
                left = 0
                yield part

        return _Indexed(plan.gather, plan.row, chunks)


class _RepeatDataset(_UnaryDataset):
    def __init__(self, input_dataset: DatasetV2, count: int) -> None:
        super().__init__(input_dataset)
        self._count = count

    def _cardinality(self) -> int:
        c, n = self._input._cardinality(), self._count
        if c == 0 or n == 0:
            return 0
        if n < 0:
            return INFINITE
        if c == UNKNOWN:
            return UNKNOWN
        if c == INFINITE:
            return INFINITE
        return c * n

    def _iter_flat(self) -> Any:
        n = self._count
        done = 0
        while n < 0 or done < n:
            produced = False
            for element in self._input._iter_flat():
                produced = True
                yield element
            done += 1
            if not produced:
                return

    def _indexed(self) -> _Indexed | None:
        plan = self._input._indexed()
        if plan is None:
            return None
        n = self._count

        def chunks() -> Any:
            done = 0
            while n < 0 or done < n:
                produced = False
                for chunk in plan.chunks():
                    if len(chunk):
                        produced = True
                        yield chunk
                done += 1
                if not produced:
                    return

        return _Indexed(plan.gather, plan.row, chunks)


class _ShuffleAndRepeatDataset(_RepeatDataset):
    """`tf.data.experimental.shuffle_and_repeat`: the order of `shuffle(...).repeat(count)`."""


class _ShardDataset(_UnaryDataset):
    def __init__(self, input_dataset: DatasetV2, num_shards: int, index: int) -> None:
        super().__init__(input_dataset)
        if num_shards <= 0:
            raise op_error(tf.errors.InvalidArgumentError, f"Number of shards must be greater than zero "
                           f"(currently num_shards = {num_shards}).", "ShardDataset")
        if index < 0 or index >= num_shards:
            raise op_error(tf.errors.InvalidArgumentError, f"Index must be between 0 and {num_shards - 1} "
                           f"(currently index = {index}).", "ShardDataset")
        self._n, self._i = num_shards, index

    def _cardinality(self) -> int:
        c = self._input._cardinality()
        if c in (INFINITE, UNKNOWN):
            return c
        return c // self._n + (1 if self._i < c % self._n else 0)

    def _iter_flat(self) -> Any:
        n, i = self._n, self._i
        for position, element in enumerate(self._input._iter_flat()):
            if position % n == i:
                yield element

    def _indexed(self) -> _Indexed | None:
        plan = self._input._indexed()
        if plan is None:
            return None
        n, i = self._n, self._i

        def chunks() -> Any:
            offset = 0
            for chunk in plan.chunks():
                first = (i - offset) % n
                yield chunk[first::n]
                offset += len(chunk)

        return _Indexed(plan.gather, plan.row, chunks)


# -- combining ---------------------------------------------------------------------------------
class _ZipDataset(DatasetV2):
    def __init__(self, datasets: Any) -> None:
        if isinstance(datasets, list) or not all(isinstance(d, DatasetV2) for d in st.flatten(datasets)) or \
                any(isinstance(x, list) for x in _nested_items(datasets)):
            if isinstance(datasets, list) or any(isinstance(x, list) for x in _nested_items(datasets)):
                raise TypeError("Invalid input to `zip`. Inputs are expected to be (nested) structures of "
                                "`tf.data.Dataset` objects. Python `list` is not supported and you should use "
                                "`tuple` instead.")
            bad = next(d for d in st.flatten(datasets) if not isinstance(d, DatasetV2))
            raise TypeError("Invalid input to `zip`. Inputs are expected to be (nested) structures of "
                            f"`tf.data.Dataset` objects but encountered object of type {type(bad)}.")
        if not st.flatten(datasets):
            raise empty_attr_error("output_types", "ZipDataset", "input_datasets:N*variant -> handle:variant",
                                   "attr=output_types:list(type),min=1; attr=output_shapes:list(shape),min=1; "
                                   "attr=N:int,min=1; attr=metadata:string,default=\"\"")
        self._datasets = datasets
        self._inputs = st.flatten(datasets)
        self._spec = st.pack(datasets, [d.element_spec for d in self._inputs])

    def _cardinality(self) -> int:
        cards = [d._cardinality() for d in self._inputs]
        if any(c == UNKNOWN for c in cards):
            return UNKNOWN
        finite = [c for c in cards if c != INFINITE]
        return min(finite) if finite else INFINITE

    def _indexed(self) -> _Indexed | None:
        """Zips of in-memory sources (slices, ranges, such zips; so `enumerate` of them too) are
        row-aligned: one plan whose gather concatenates the inputs' gathers."""
        from tfshim.data._sources import _RangeDataset, _TensorSliceDataset

        if not all(type(d) in (_RangeDataset, _TensorSliceDataset, _ZipDataset) for d in self._inputs):
            return None
        plans = [d._indexed() for d in self._inputs]  # each visits rows 0, 1, 2, ... in order
        if any(p is None for p in plans):
            return None
        n = min(d._cardinality() for d in self._inputs)
        gathers = [p.gather for p in plans]
        rows = [p.row for p in plans]

        def gather(idx: np.ndarray) -> list:
            out: list = []
            for g in gathers:
                out.extend(g(idx))
            return out

        def row(i: int) -> tuple:
            out: list = []
            for r in rows:
                out.extend(r(i))
            return tuple(out)

        def chunks() -> Any:
            block = 1 << 16
            for lo in range(0, n, block):
                yield np.arange(lo, min(n, lo + block), dtype=np.int64)

        return _Indexed(gather, row, chunks)

    def _iter_flat(self) -> Any:
        plan = self._indexed()
        if plan is not None:
            from tfshim.data.dataset_ops import _iter_indexed

            yield from _iter_indexed(plan)
            return
        iterators = [iter(d._iter_flat()) for d in self._inputs]
        while True:
            out: list = []
            for it in iterators:
                try:
                    out.extend(next(it))
                except StopIteration:
                    return
            yield tuple(out)


def _nested_items(structure: Any) -> list:
    if isinstance(structure, dict):
        return list(structure.values()) + [x for v in structure.values() for x in _nested_items(v)]
    if isinstance(structure, tuple):
        return list(structure) + [x for v in structure for x in _nested_items(v)]
    return []


class _ConcatenateDataset(DatasetV2):
    def __init__(self, first: DatasetV2, second: DatasetV2) -> None:
        a, b = first.element_spec, second.element_spec
        flat_a, flat_b = st.flatten(a), st.flatten(b)
        if not st.same_structure(a, b) or not all(st.same_kind(x, y) for x, y in zip(flat_a, flat_b)):
            raise TypeError(f"Incompatible dataset elements:\n  {a} vs.   {b}")
        self._first, self._second = first, second
        self._spec = st.pack(a, [x if isinstance(x, DatasetSpec) else st.relaxed_spec(x, y)
                                 for x, y in zip(flat_a, flat_b)])

    def _cardinality(self) -> int:
        a, b = self._first._cardinality(), self._second._cardinality()
        if INFINITE in (a, b):
            return INFINITE
        if UNKNOWN in (a, b):
            return UNKNOWN
        return a + b

    def _iter_flat(self) -> Any:
        yield from self._first._iter_flat()
        yield from self._second._iter_flat()


class _UniqueDataset(_UnaryDataset):
    def __init__(self, input_dataset: DatasetV2) -> None:
        super().__init__(input_dataset)
        spec = input_dataset.element_spec
        if not isinstance(spec, tf.TensorSpec):
            raise op_error(tf.errors.InvalidArgumentError, "UniqueDataset only supports inputs with a single "
                           "component.", "UniqueDataset")
        if spec.dtype not in (tf.int32, tf.int64, tf.string):
            raise TypeError(f"`tf.data.Dataset.unique` does not support type {spec.dtype} -- only "
                            "`tf.int32`, `tf.int64`, and `tf.string` are supported.")

    def _iter_flat(self) -> Any:
        seen: set = set()
        for flat in self._input._iter_flat():
            value = flat[0]
            key = value.tobytes() + bytes(str(np.shape(value)), "ascii") if isinstance(value, np.ndarray) else value
            if key in seen:
                continue
            seen.add(key)
            yield flat


# -- stateful functions ------------------------------------------------------------------------
def _state_values(initial: Any) -> tuple:
    structure = st.map_structure(lambda leaf: leaf if isinstance(leaf, DatasetV2) else tf.convert_to_tensor(leaf),
                                 initial)
    return structure, [st.to_value(leaf) for leaf in st.flatten(structure)]


def _check_state(initial_specs: list, new_state: Any, scan: bool = False) -> list:
    """The new state's values; its dtypes must be the initial state's (reduce and scan word it apart)."""
    values = [st.to_value(leaf) for leaf in st.flatten(new_state)]
    for spec, value in zip(initial_specs, values):
        got = st.spec_of_value(value)
        if got.dtype != spec.dtype:
            if scan:
                raise TypeError(f"Invalid `scan_func`. The element types for the new state must match the initial "
                                f"state. Expected {spec.dtype}, got {got.dtype}.")
            raise TypeError(f"The element types for the new state must match the initial state. Expected "
                            f"{spec.dtype} but got {got.dtype}.")
    return values


class _ScanFunction:
    """`fn(state, element)` with the element's structure kept (only the top pair is unpacked)."""

    def __init__(self, fn: Any, state_structure: Any, element_structure: Any) -> None:
        if not callable(fn):
            raise ValueError(f"Argument `func` must be a callable. Received func={fn} (of type {type(fn)})")
        self._fn = fn
        self._state_structure = state_structure
        self._element_structure = element_structure
        self._n_state = len(st.flatten(state_structure))

    def __call__(self, flat_state: list, flat_element: Any) -> Any:
        state = st.pack(self._state_structure, [st.to_tensor(v) for v in flat_state])
        element = st.pack(self._element_structure, [st.to_tensor(v) for v in flat_element])
        return self._fn(state, element)


def _state_spec(structure: Any, values: list) -> Any:
    return st.pack(structure, [st.spec_of_value(v) for v in values])


def _probe_stateful(call: Any, state_values: list, element_spec: Any) -> Any:
    from tfshim.data._functions import _Deferred, dummy_flat, guarded

    flat = dummy_flat(element_spec, 0)
    try:
        return guarded(lambda: call(state_values, flat))
    except _Deferred:
        return None


class _ScanDataset(_UnaryDataset):
    def __init__(self, input_dataset: DatasetV2, initial_state: Any, scan_func: Any) -> None:
        super().__init__(input_dataset)
        self._state_structure, self._initial = _state_values(initial_state)
        self._state_specs = [st.spec_of_value(v) for v in self._initial]
        self._call = _ScanFunction(scan_func, self._state_structure, input_dataset.element_spec)
        ret = _probe_stateful(self._call, self._initial, input_dataset.element_spec)
        self._spec = None
        if ret is not None:
            new_state, output = _split_scan(ret)
            _check_state(self._state_specs, new_state, scan=True)
            self._spec = output_of(output)[0]

    @property
    def element_spec(self) -> Any:
        if self._spec is None:
            state = list(self._initial)
            for flat in self._input._iter_flat():
                self._spec = output_of(_split_scan(self._call(state, flat))[1])[0]
                break
            else:
                self._spec = tf.TensorSpec(None, tf.float32)
        return self._spec

    def _cardinality(self) -> int:
        return self._input._cardinality()

    def _iter_flat(self) -> Any:
        state = list(self._initial)
        for flat in self._input._iter_flat():
            new_state, output = _split_scan(self._call(state, flat))
            state = _check_state(self._state_specs, new_state, scan=True)
            yield tuple(st.to_value(leaf) for leaf in st.flatten(output))


def _split_scan(ret: Any) -> tuple:
    if not isinstance(ret, (tuple, list)) or len(ret) != 2:
        spec = output_of(ret)[0] if ret is not None else None
        raise TypeError(f"Invalid `scan_func`. `scan_func` should return a pair consisting of new state and the "
                        f"output value but its return type is {spec}.")
    return ret[0], ret[1]


def reduce(dataset: DatasetV2, initial_state: Any, reduce_func: Any) -> Any:
    """`Dataset.reduce`: folds the elements into the state; the state's dtypes must not change."""
    structure, state = _state_values(initial_state)
    specs = [st.spec_of_value(v) for v in state]
    call = _ScanFunction(reduce_func, structure, dataset.element_spec)
    ret = _probe_stateful(call, state, dataset.element_spec)
    if ret is not None:
        _check_state(specs, ret)
    for flat in dataset._iter_flat():
        state = _check_state(specs, call(state, flat))
    return st.pack(structure, [st.to_tensor(v) for v in state])


# -- windows -----------------------------------------------------------------------------------
class _ElementsDataset(DatasetV2):
    """A dataset over a list of ready flat elements (the contents of one window component)."""

    def __init__(self, values: list, spec: Any) -> None:
        self._values = values
        self._spec = spec

    def _cardinality(self) -> int:
        return len(self._values)

    def _iter_flat(self) -> Any:
        for value in self._values:
            yield (value,)


_ElementsDataset.__name__ = _ElementsDataset.__qualname__ = "_VariantDataset"


class _WindowDataset(_UnaryDataset):
    def __init__(self, input_dataset: DatasetV2, size: int, shift: int, stride: int, drop_remainder: bool) -> None:
        super().__init__(input_dataset)
        for what, value in (("Window size", size), ("Window shift", shift), ("Window stride", stride)):
            if value <= 0:
                raise op_error(tf.errors.InvalidArgumentError, f"{what} must be greater than zero.", "WindowDataset")
        self._size, self._shift, self._stride, self._drop = size, shift, stride, drop_remainder
        self._component_specs = st.flatten(input_dataset.element_spec)
        self._spec = st.pack(input_dataset.element_spec, [DatasetSpec(s) for s in self._component_specs])

    def _cardinality(self) -> int:
        c = self._input._cardinality()
        if c in (INFINITE, UNKNOWN):
            return c
        if self._drop:
            span = (self._size - 1) * self._stride + 1
            return 0 if c < span else (c - span) // self._shift + 1
        return -(-c // self._shift)

    def _iter_flat(self) -> Any:
        size, shift, stride = self._size, self._shift, self._stride
        span = (size - 1) * stride + 1
        source = iter(self._input._iter_flat())
        buffer: list = []  # elements from position `first` on
        first = 0
        start = 0
        ended = False
        while True:
            while not ended and first + len(buffer) < start + span:
                try:
                    buffer.append(next(source))
                except StopIteration:
                    ended = True
            available = first + len(buffer)
            if start >= available:
                return
            picked = [buffer[p - first] for p in range(start, min(start + span, available), stride)]
            if self._drop and len(picked) < size:
                return
            yield tuple(_ElementsDataset([element[k] for element in picked], spec)
                        for k, spec in enumerate(self._component_specs))
            start += shift
            drop = min(start - first, len(buffer))
            if drop > 0:
                del buffer[:drop]
                first += drop
            if start > first:  # skip input elements no window will contain
                while not ended and first < start:
                    try:
                        next(source)
                        first += 1
                    except StopIteration:
                        ended = True


class _AssertCardinalityDataset(_UnaryDataset):
    """`tf.data.experimental.assert_cardinality(n)`: reports `n`; iteration checks it."""

    def __init__(self, input_dataset: DatasetV2, expected: int) -> None:
        super().__init__(input_dataset)
        self._expected = expected

    def _cardinality(self) -> int:
        return self._expected

    def _iter_flat(self) -> Any:
        n = self._expected
        count = 0
        for element in self._input._iter_flat():
            count += 1
            if n != INFINITE and count > n:
                raise op_error(tf.errors.FailedPreconditionError, f"Input dataset was expected to contain {n} "
                               f"elements but contained at least {count} elements.")
            yield element
        if n == INFINITE or count < n:
            raise op_error(tf.errors.FailedPreconditionError, f"Input dataset was expected to contain "
                           f"{_elements(n)} but contained only {_elements(count)}.")


def _elements(n: int) -> str:
    return "an infinite number of elements" if n == INFINITE else f"{n} element{'s' if n != 1 else ''}"
