"""`Dataset.random`: TensorFlow's RandomDataset, the uint32 words of its Philox stream as int64.

Seeds follow `tf.random`'s rules when the dataset is built (as for `shuffle`, see `_shuffle`). With
`rerandomize_each_iteration=True` the dataset owns a seed stream and each new iterator takes the
next seed pair from it; otherwise every iterator repeats the same sequence.
"""

from __future__ import annotations

from typing import Any

import numpy as np

import tfshim as tf
from tfshim.data._shuffle import _MASK32, _MASK64, _seed_pair, _words
from tfshim.data.dataset_ops import INFINITE, DatasetV2


class _RandomDataset(DatasetV2):
    def __init__(self, seed: Any, rerandomize: bool) -> None:
        self._seed, self._seed2 = _seed_pair(seed)
        self._rerandomize = rerandomize
        self._iterations = 0
        self._spec = tf.TensorSpec([], tf.int64)

    def _cardinality(self) -> int:
        return INFINITE

    def _next_seeds(self) -> tuple:
        if not self._rerandomize:
            return self._seed, self._seed2
        from tfshim.ops._philox import philox_words

        e = self._iterations
        self._iterations += 1
        words = philox_words(self._seed & _MASK32, (self._seed & _MASK64) >> 32, (self._seed2 & _MASK64) << 64,
                             2 * e + 2)
        return int(words[2 * e]), int(words[2 * e + 1])

    def _iter_flat(self) -> Any:
        seed, seed2 = self._next_seeds()
        for word in _words(seed, seed2):
            yield (np.int64(word),)


def random(seed: Any, rerandomize_each_iteration: Any) -> DatasetV2:
    return _RandomDataset(seed, bool(rerandomize_each_iteration))
