"""Batches of in-memory NumPy arrays and tensors (nested in tuples, lists and dicts).

Floating arrays are cast to floatx (float32) once, as Keras does; each batch is a NumPy slice
turned into tfshim tensors. Shuffling permutes the rows once per epoch with the permutation
TensorFlow's Keras draws (`tf.random.shuffle` in a new graph function), so a seeded run
(`keras.utils.set_random_seed`) visits the rows in TF's order: the same order every epoch."""

from __future__ import annotations

import math
from typing import Any

import numpy as np

import tfshim as tf
from tfshim.keras.trainers.data_adapters import data_adapter_utils as utils


def _is_array(x: Any) -> bool:
    return isinstance(x, np.ndarray) or tf.is_tensor(x) or (hasattr(x, "__array__") and not isinstance(x, (list,
                                                                                                         tuple)))


def can_convert_arrays(arrays: Any) -> bool:
    def ok(x: Any) -> bool:
        return x is None or _is_array(x)
    if isinstance(arrays, dict):
        return all(can_convert_arrays(v) for v in arrays.values())
    if isinstance(arrays, (list, tuple)):
        return all(can_convert_arrays(v) for v in arrays)
    return ok(arrays)


def _to_numpy(x: Any) -> Any:
    if x is None:
        return None
    a = x.numpy() if hasattr(x, "numpy") else np.asarray(x)
    if a.dtype.kind == "f" and a.dtype != np.float32:
        a = a.astype(np.float32)
    return a


def _map(fn: Any, structure: Any) -> Any:
    if isinstance(structure, dict):
        return {k: _map(fn, v) for k, v in structure.items()}
    if isinstance(structure, (list, tuple)):
        return type(structure)(_map(fn, v) for v in structure)
    return fn(structure)


def _map_to_tuples(fn: Any, structure: Any) -> Any:
    """`_map`, with lists turned into tuples: Keras's batches come from a `tf.data.Dataset`, which
    turns the lists of `x`/`y` into tuples."""
    if isinstance(structure, dict):
        return {k: _map_to_tuples(fn, v) for k, v in structure.items()}
    if isinstance(structure, (list, tuple)):
        return tuple(_map_to_tuples(fn, v) for v in structure)
    return fn(structure)


def _tensor(a: Any) -> Any:
    return None if a is None else tf.constant(a)


def _sample_weight_per_output(y: Any, sample_weight: Any) -> Any:
    """Keras's checks for several targets: one weight array per output in `y`'s structure, or one
    per-sample array repeated for every output."""
    if isinstance(sample_weight, (list, tuple, dict)):
        if not utils.same_structure(y, sample_weight):
            raise ValueError("You should provide one `sample_weight` array per output in `y`. The two structures did "
                             f"not match:\n- y: {y}\n- sample_weight: {sample_weight}\n")
        return sample_weight
    shape = tuple(np.shape(sample_weight))
    if not (len(shape) == 1 or (len(shape) == 2 and shape[1] == 1)):
        raise ValueError("For a model with multiple outputs, when providing a single `sample_weight` array, it should "
                         "only have one scalar score per sample (i.e. shape `(num_samples,)`). If you want to use "
                         "non-scalar sample weights, pass a `sample_weight` argument with one array per model output.")
    return _map(lambda _: sample_weight, y)


class ArrayDataAdapter:
    """The adapter for arrays; `get_numpy_iterator()` yields one epoch of `(x, y[, sw])` batches."""

    def __init__(self, x: Any, y: Any = None, sample_weight: Any = None, batch_size: int | None = None,
                 steps: int | None = None, shuffle: Any = False, class_weight: dict | None = None) -> None:
        if class_weight is not None:
            if sample_weight is not None:
                raise ValueError("You cannot `class_weight` and `sample_weight` at the same time.")
            if isinstance(y, (list, tuple, dict)) and len(tf.nest.flatten(y)) > 1:
                raise ValueError("`class_weight` is only supported for Models with a single output.")
            sample_weight = utils.class_weight_to_sample_weights(tf.nest.flatten(y)[0], class_weight)
        elif sample_weight is not None and isinstance(y, (list, tuple, dict)):
            sample_weight = _sample_weight_per_output(y, sample_weight)
        x, y, sample_weight = (_map(_to_numpy, x), _map(_to_numpy, y), _map(_to_numpy, sample_weight))
        data = (x, y, sample_weight)
        utils.check_data_cardinality(data)
        flat = [a for a in tf.nest.flatten(data) if a is not None]
        self._num_samples = int(flat[0].shape[0])
        if not batch_size:
            batch_size = math.ceil(self._num_samples / steps) if steps else 32
        self._batch_size = batch_size
        self._shuffle = shuffle
        self._data = utils.pack_x_y_sample_weight(x, y, sample_weight) if y is not None or sample_weight is not \
            None else (x,)
        if y is None and sample_weight is not None:
            self._data = (x, None, sample_weight)
        self._num_batches = math.ceil(self._num_samples / batch_size)
        self._partial_batch_size = self._num_samples % batch_size

    @property
    def num_batches(self) -> int:
        return self._num_batches

    @property
    def batch_size(self) -> int:
        return self._batch_size

    @property
    def has_partial_batch(self) -> bool:
        return self._partial_batch_size > 0

    @property
    def partial_batch_size(self) -> int | None:
        return self._partial_batch_size or None

    def get_numpy_iterator(self) -> Any:
        n, bs, data = self._num_samples, self._batch_size, self._data
        if self._shuffle and self._shuffle != "batch":
            perm = _permutation(n)
            data = _map(lambda a: None if a is None else a[perm], data)
        for start in range(0, n, bs):
            stop = min(start + bs, n)
            yield _map_to_tuples(lambda a, s=start, e=stop: None if a is None else tf.constant(a[s:e]), data)

    def on_epoch_begin(self) -> None:
        pass

    def on_epoch_end(self) -> None:
        pass


def _permutation(n: int) -> np.ndarray:
    # Keras's TF adapter draws `tf.random.shuffle(tf.range(n))` inside a freshly instantiated
    # tf.data function each epoch: with a global seed, the op seed is the graph's, so every epoch of
    # a seeded run visits the rows in the same order. A new tf.function per epoch does the same.
    return tf.function(lambda: tf.random.shuffle(tf.range(n, dtype=tf.int64)))().numpy()


def train_validation_split(arrays: tuple, validation_split: float) -> tuple:
    """The first `floor(n*(1-split))` rows for training, the rest for validation (before shuffling)."""
    flat = [a for a in tf.nest.flatten(arrays) if a is not None]
    unsplitable = [type(t) for t in flat if not _is_array(t)]
    if unsplitable:
        raise ValueError("Argument `validation_split` is only supported for tensors or NumPy arrays."
                         f"Found incompatible type in the input: {unsplitable}")
    if not flat:
        return arrays, arrays
    batch_dim = int(flat[0].shape[0])
    split_at = math.floor(batch_dim * (1.0 - validation_split))
    if split_at == 0 or split_at == batch_dim:
        raise ValueError(f"Training data contains {batch_dim} samples, which is not sufficient to split it into a "
                         f"validation and training set as specified by `validation_split={validation_split}`. "
                         "Either provide more data, or a different value for the `validation_split` argument.")

    def cut(a: Any, s: int, e: int | None) -> Any:
        if a is None:
            return None
        arr = _to_numpy(a)
        return arr[s:e]

    train = _map(lambda a: cut(a, 0, split_at), arrays)
    val = _map(lambda a: cut(a, split_at, None), arrays)
    return train, val
