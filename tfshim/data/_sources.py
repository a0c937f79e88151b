"""Source datasets: from_tensor_slices, from_tensors, range, from_generator."""

from __future__ import annotations

from typing import Any

import numpy as np

import tfshim as tf
from tfshim.data import _structure as st
from tfshim.data.dataset_ops import DatasetSpec, DatasetV2, _Indexed, _int64_arg, empty_attr_error, op_error


class _TensorSliceDataset(DatasetV2):
    """The rows of each component; components must agree on their first dimension."""

    def __init__(self, tensors: Any) -> None:
        if tensors is None or not st.flatten(tensors):
            raise ValueError("Invalid `element`. `element` should not be empty.")
        self._structure = tensors
        flat = [st.to_value(leaf) for leaf in st.flatten(tensors)]
        n = None
        for value in flat:
            if isinstance(value, DatasetV2):
                raise TypeError("`from_tensor_slices` does not support datasets as components")
            if np.ndim(value) == 0:
                raise ValueError("Unbatching a tensor is only supported for rank >= 1")
            rows = value.shape[0]
            if n is None:
                n = rows
            elif rows != n:
                raise ValueError(f"Dimensions {n} and {rows} are not compatible")
        self._arrays = [v if isinstance(v, np.ndarray) else np.asarray(v) for v in flat]
        self._n = n
        self._spec = st.pack(tensors, [st.unbatched_spec(st.spec_of_value(v)) for v in self._arrays])

    def _cardinality(self) -> int:
        return self._n

    def _indexed(self) -> _Indexed:
        arrays = self._arrays
        n = self._n

        def gather(idx: np.ndarray) -> list:
            return [a[idx] for a in arrays]

        if len(arrays) == 1:
            only = arrays[0]

            def row(i: int) -> tuple:
                return (only[i],)
        else:
            def row(i: int) -> tuple:
                return tuple([a[i] for a in arrays])

        def chunks() -> Any:
            yield np.arange(n, dtype=np.int64)

        return _Indexed(gather, row, chunks)


class _TensorDataset(DatasetV2):
    """One element: the whole structure."""

    def __init__(self, tensors: Any) -> None:
        if tensors is None or not st.flatten(tensors):
            raise empty_attr_error("output_shapes", "TensorDataset", "components: -> handle:variant",
                                   "attr=Toutput_types:list(type),min=1; attr=output_shapes:list(shape),min=1; "
                                   "attr=metadata:string,default=\"\"; is_stateful=true")
        self._values = tuple(st.to_value(leaf) for leaf in st.flatten(tensors))
        self._spec = st.pack(tensors, [st.spec_of_value(v) for v in self._values])

    def _cardinality(self) -> int:
        return 1

    def _indexed(self) -> _Indexed | None:
        values = self._values
        if any(isinstance(v, DatasetV2) for v in values):
            return None

        def gather(idx: np.ndarray) -> list:
            return [np.repeat(np.asarray(v)[None], len(idx), axis=0) for v in values]

        def row(i: int) -> tuple:
            return values

        def chunks() -> Any:
            yield np.zeros(1, dtype=np.int64)

        return _Indexed(gather, row, chunks)

    def _iter_flat(self) -> Any:
        yield self._values


class _RangeDataset(DatasetV2):
    """`range(start, stop, step)` computed from the index, never materialised."""

    def __init__(self, *args: Any, output_type: Any = tf.int64) -> None:
        if not 1 <= len(args) <= 3:
            raise ValueError(f"Invalid `args`. The length of `args` should be between 1 and 3 but was {len(args)}.")
        names = ("stop",) if len(args) == 1 else ("start", "stop", "step")[:len(args)]
        bounds = dict(zip(names, [_int64_arg(a, what) for a, what in zip(args, names)]))
        start, stop, step = bounds.get("start", 0), bounds["stop"], bounds.get("step", 1)
        if step == 0:
            raise op_error(tf.errors.InvalidArgumentError, "step must be a non-zero integer.", "RangeDataset")
        self._dtype = tf.as_dtype(output_type)
        self._start, self._stop, self._step = start, stop, step
        self._n = max(0, len(range(start, stop, step))) if abs(stop - start) < 2 ** 62 else \
            max(0, -(-(stop - start) // step))
        self._spec = tf.TensorSpec([], self._dtype)

    def _cardinality(self) -> int:
        return self._n

    def _unsupported(self) -> bool:
        """TF's range kernel has no string, bool or quantized version: those fail at iteration."""
        return self._dtype in (tf.string, tf.bool) or getattr(self._dtype, "is_quantized", False)

    def _iter_flat(self) -> Any:
        if self._unsupported():
            raise op_error(tf.errors.InvalidArgumentError, f"Unsupported data type: {self._dtype.name}")
        yield from super()._iter_flat()

    def _indexed(self) -> _Indexed | None:
        if self._unsupported():
            return None
        start, step, n = self._start, self._step, self._n
        np_dtype = self._dtype.as_numpy_dtype

        def gather(idx: np.ndarray) -> list:
            return [(start + idx * step).astype(np_dtype)]

        def row(i: int) -> tuple:
            return (np_dtype(start + i * step),)

        def chunks() -> Any:
            block = 1 << 16
            for lo in range(0, n, block):
                yield np.arange(lo, min(n, lo + block), dtype=np.int64)

        return _Indexed(gather, row, chunks)


class _GeneratorDataset(DatasetV2):
    """`from_generator`: the generator function is called anew for each iteration."""

    def __init__(self, generator: Any, args: tuple, signature: Any) -> None:
        self._generator = generator
        self._args = args
        self._spec = signature

    def _iter_flat(self) -> Any:
        specs = st.flatten(self._spec)
        items = iter(self._generator(*self._args))
        while True:
            try:
                item = next(items)
            except StopIteration:
                return
            except Exception as e:  # TF's py_func: TypeError/ValueError -> InvalidArgument, others -> Unknown
                cls = tf.errors.InvalidArgumentError if isinstance(e, (TypeError, ValueError)) else \
                    tf.errors.UnknownError
                raise op_error(cls, f"{type(e).__name__}: {e}") from None
            yield _convert_yielded(item, self._spec, specs)


# repr: TF builds from_generator out of a flat_map over a one-element dataset
_GeneratorDataset.__name__ = "_FlatMapDataset"
_GeneratorDataset.__qualname__ = "_FlatMapDataset"


def _yield_error(message: str) -> Exception:
    return tf.errors.InvalidArgumentError(None, None, f"TypeError: {message} [Op:IteratorGetNext] name: ")


def _convert_strictly(item: Any, spec: Any) -> tuple:
    """TF's path for a single component of unknown rank: `convert_to_tensor(item, dtype)`, so a float
    does not become an int nor an int a bool."""
    try:
        value = np.asarray(tf.convert_to_tensor(item, dtype=spec.dtype))
    except (TypeError, ValueError, OverflowError, tf.errors.OpError):
        shown = np.asarray(item) if tf.is_tensor(item) else item
        raise _yield_error(f"`generator` yielded an element that did not match the expected structure. The "
                           f"expected structure was {spec!r}, but the yielded element was {shown}.") from None
    return (value,)


def _convert_yielded(item: Any, structure: Any, specs: list) -> tuple:
    if not st.is_structure(structure) and isinstance(structure, tf.TensorSpec) and structure.shape.rank is None:
        return _convert_strictly(item, structure)
    if not st.is_structure(structure):
        leaves = [item]
    else:
        try:
            if not st.same_structure(structure, item):
                raise TypeError
            leaves = st.flatten(item)
        except TypeError:
            raise _yield_error(f"`generator` yielded an element that did not match the expected structure. "
                               f"The expected structure was {_types_of(structure)}, but the yielded element "
                               f"was {item}.") from None
    out = []
    for leaf, spec in zip(leaves, specs):
        try:
            if tf.is_tensor(leaf):
                leaf = leaf.numpy()
            if spec.dtype == tf.string:
                value = np.asarray(tf.convert_to_tensor(leaf, dtype=tf.string))
            else:
                value = np.asarray(leaf, dtype=spec.dtype.as_numpy_dtype)
        except (TypeError, ValueError, OverflowError, tf.errors.OpError):
            raise _yield_error(f"`generator` yielded an element that could not be converted to the expected "
                               f"type. The expected type was {spec.dtype.name}, but the yielded element was "
                               f"{leaf}.") from None
        if not spec.shape.is_compatible_with(value.shape):
            raise _yield_error(f"`generator` yielded an element of shape {tf.TensorShape(value.shape)} where an "
                               f"element of shape {spec.shape} was expected.")
        out.append(value)
    return tuple(out)


def _flatten_up_to(structure: Any, value: Any) -> list:
    """The parts of `value` at the leaves of `structure` (shapes are tuples themselves)."""
    if isinstance(structure, dict):
        return [x for key in sorted(structure) for x in _flatten_up_to(structure[key], value[key])]
    if isinstance(structure, tuple):
        return [x for s, v in zip(structure, value) for x in _flatten_up_to(s, v)]
    return [value]


def _types_of(structure: Any) -> Any:
    return st.map_structure(lambda s: s.dtype, structure)


def from_generator(generator: Any, output_types: Any, output_shapes: Any, args: Any,
                   output_signature: Any) -> DatasetV2:
    if not callable(generator):
        raise TypeError("`generator` must be a Python callable.")
    if output_signature is not None:
        for given, what in ((output_types, "output_types"), (output_shapes, "output_shapes")):
            if given is not None:
                raise TypeError(f"The `{what}` argument can not be used together with the `output_signature` "
                                "argument.")
    if output_signature is None:
        if output_types is None:
            raise TypeError("To specify the output signature you need to provide either the "
                            "`output_signature` argument or the `output_types` argument.")
        types = output_types
        if output_shapes is None:
            output_shapes = st.map_structure(lambda _: None, types)
        shapes = _flatten_up_to(types, output_shapes)
        flat_types = st.flatten(types)
        output_signature = st.pack(types, [tf.TensorSpec(s, t) for s, t in zip(shapes, flat_types)])
    for spec in st.flatten(output_signature):
        if not isinstance(spec, (tf.TensorSpec, DatasetSpec)):
            raise TypeError(f"`output_signature` must contain objects that are subclass of `tf.TypeSpec` but "
                            f"found {type(spec)} which is not.")
    call_args = () if args is None else tuple(tf.convert_to_tensor(a).numpy() for a in args)
    return _GeneratorDataset(generator, call_args, output_signature)
