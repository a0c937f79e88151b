"""`Dataset.random`: TensorFlow's RandomDataset, the uint32 words of its Philox stream as int64.

Seeds follow `tf.random`'s rules when the dataset is built (as for `shuffle`, see `_shuffle`). With
`rerandomize_each_iteration=True` the dataset owns a seed stream and each new iterator takes the
next seed pair from it; otherwise every iterator repeats the same sequence.
"""

from __future__ import annotations

from typing import Any

import numpy as np

import tfshim as tf
from tfshim.data._shuffle import _seed_pair, _words, iteration_seeds
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
        self._iterations += 1
        return iteration_seeds(self._seed, self._seed2, self._iterations - 1)

    def _iter_flat(self) -> Any:
        seed, seed2 = self._next_seeds()
        for word in _words(seed, seed2):
            yield (np.int64(word),)


def random(seed: Any, rerandomize_each_iteration: Any) -> DatasetV2:
    return _RandomDataset(seed, bool(rerandomize_each_iteration))
