"""`Dataset.shuffle`: TensorFlow's buffer shuffle on its Philox stream, so seeded orders match TF.

The seed pair comes from `tf.random`'s rules when the dataset is built (`get_seed`; no seed at all
means entropy). With `reshuffle_each_iteration=True` the dataset owns a seed stream (key `(seed1,
0)`, counter `seed2 << 64`) and its `e`-th iterator takes words `2e, 2e+1` as its own seed pair;
otherwise every iterator uses `(seed1, seed2)`. An iterator tops its buffer up to `buffer_size`
elements in input order, then outputs slot `word mod len(buffer)`, moves the oldest element into
that slot and drops the oldest slot.
"""

from __future__ import annotations

import itertools
import random as _random
from typing import Any

import numpy as np

import tfshim as tf
from tfshim.data.dataset_ops import UNKNOWN, DatasetV2, _Indexed, op_error

_MASK32 = 0xFFFFFFFF
_MASK64 = (1 << 64) - 1


def iteration_seeds(seed: int, seed2: int, iteration: int) -> tuple:
    """The seed pair TF derives for the `iteration`-th pass over a reshuffled (or rerandomized) dataset:
    words 2i and 2i+1 of the Philox stream keyed by the dataset's seeds."""
    from tfshim.ops._philox import philox_words

    words = philox_words(seed & _MASK32, (seed & _MASK64) >> 32, (seed2 & _MASK64) << 64, 2 * iteration + 2)
    return int(words[2 * iteration]), int(words[2 * iteration + 1])
_WORDS_PER_DRAW = 4096
_CHUNK = 4096


def _seed_pair(seed: Any) -> tuple:
    from tfshim.ops.random_ops import get_seed

    if seed is not None and tf.is_tensor(seed):
        seed = int(seed.numpy())
    seed1, seed2 = get_seed(seed)
    if seed1 is None:
        entropy = _random.SystemRandom()
        seed1, seed2 = entropy.getrandbits(63), entropy.getrandbits(63)
    return int(seed1), int(seed2)


def _words(seed: int, seed2: int) -> Any:
    """The iterator's word-wise stream: key (lo32, hi32) of `seed`, counter `seed2 << 64`."""
    from tfshim.ops._philox import philox_words

    key0, key1 = seed & _MASK32, (seed & _MASK64) >> 32
    counter = (seed2 & _MASK64) << 64
    while True:
        yield from philox_words(key0, key1, counter, _WORDS_PER_DRAW).tolist()
        counter += _WORDS_PER_DRAW // 4


def _shuffled(items: Any, buffer_size: int, seed: int, seed2: int) -> Any:
    words = _words(seed, seed2)
    buffer: list = []
    source = iter(items)
    ended = False
    append, pop = buffer.append, buffer.pop
    while True:
        if not ended:
            try:
                while len(buffer) < buffer_size:
                    append(next(source))
            except StopIteration:
                ended = True
        size = len(buffer)
        if size == 0:
            return
        k = next(words) % size
        yield buffer[k]
        buffer[k] = buffer[0]
        pop(0)


class _ShuffleDataset(DatasetV2):
    def __init__(self, input_dataset: DatasetV2, buffer_size: int, seed: Any, reshuffle: bool) -> None:
        if buffer_size <= 0 and buffer_size != UNKNOWN:
            raise op_error(tf.errors.InvalidArgumentError, "buffer_size must be greater than zero or "
                           "UNKNOWN_CARDINALITY", "ShuffleDatasetV3")
        self._input = input_dataset
        self._spec = input_dataset.element_spec
        self._buffer_size = buffer_size
        self._seed, self._seed2 = _seed_pair(seed)
        self._reshuffle = reshuffle
        self._iterations = 0

    def _cardinality(self) -> int:
        return self._input._cardinality()

    def _next_seeds(self) -> tuple:
        """The seed pair of the next iterator over this dataset."""
        if not self._reshuffle:
            return self._seed, self._seed2
        self._iterations += 1
        return iteration_seeds(self._seed, self._seed2, self._iterations - 1)

    def _size(self) -> int:
        if self._buffer_size != UNKNOWN:
            return self._buffer_size
        c = self._input._cardinality()
        return c if c > 0 else 1 << 62

    def _iter_flat(self) -> Any:
        plan = self._indexed()
        if plan is not None:
            from tfshim.data.dataset_ops import _iter_indexed

            return _iter_indexed(plan)
        seed, seed2 = self._next_seeds()
        return _shuffled(self._input._iter_flat(), self._size(), seed, seed2)

    def _indexed(self) -> _Indexed | None:
        plan = self._input._indexed()
        if plan is None:
            return None
        owner = self

        def chunks() -> Any:
            seed, seed2 = owner._next_seeds()
            return _shuffled_indices(plan.chunks(), owner._size(), seed, seed2)

        return _Indexed(plan.gather, plan.row, chunks)


def _word_lists(seed: int, seed2: int) -> Any:
    from tfshim.ops._philox import philox_words

    key0, key1 = seed & _MASK32, (seed & _MASK64) >> 32
    counter = (seed2 & _MASK64) << 64
    while True:
        yield philox_words(key0, key1, counter, _WORDS_PER_DRAW).tolist()
        counter += _WORDS_PER_DRAW // 4


def _shuffled_indices(chunks: Any, buffer_size: int, seed: int, seed2: int) -> Any:
    """`_shuffled` over the index order of a plan, yielding int64 arrays: the same order, with the
    steady state (full buffer: pick, refill) as a tight loop."""
    words = itertools.chain.from_iterable(_word_lists(seed, seed2))
    source = itertools.chain.from_iterable(chunk.tolist() for chunk in chunks)
    buffer = list(itertools.islice(source, buffer_size))
    size = len(buffer)
    while True:
        piece = list(itertools.islice(source, _CHUNK))
        if not piece:
            break
        out = []
        emit = out.append
        for item, word in zip(piece, words):
            k = word % size
            emit(buffer[k])
            buffer[k] = buffer[0]
            del buffer[0]
            buffer.append(item)
        yield np.array(out, dtype=np.int64)
    out = []
    for size in range(len(buffer), 0, -1):  # the input is done: the buffer drains
        k = next(words) % size
        out.append(buffer[k])
        buffer[k] = buffer[0]
        del buffer[0]
    if out:
        yield np.array(out, dtype=np.int64)


def _flat_indices(chunks: Any) -> Any:
    for chunk in chunks:
        yield from chunk.tolist()
