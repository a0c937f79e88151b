"""`EpochIterator`: yields `(step, batch)` for one epoch, continuing a shared iterator across
epochs when `steps_per_epoch` is given, and warning when the data runs out (as Keras does)."""

from __future__ import annotations

import contextlib
import warnings
from typing import Any

from tfshim.keras.trainers.data_adapters import get_data_adapter


class EpochIterator:
    def __init__(self, x: Any, y: Any = None, sample_weight: Any = None, batch_size: int | None = None,
                 steps_per_epoch: int | None = None, shuffle: Any = False, class_weight: dict | None = None) -> None:
        self.steps_per_epoch = steps_per_epoch
        self._current_iterator: Any = None
        self._steps_seen = 0
        self.data_adapter = get_data_adapter(x=x, y=y, sample_weight=sample_weight, batch_size=batch_size,
                                             steps_per_epoch=steps_per_epoch, shuffle=shuffle,
                                             class_weight=class_weight)
        self._num_batches = self.data_adapter.num_batches

    def _interrupted_warning(self) -> None:
        warnings.warn("Your input ran out of data; interrupting training. Make sure that your dataset or generator "
                      "can generate at least `steps_per_epoch * epochs` batches. You may need to use the "
                      "`.repeat()` function when building your dataset.", stacklevel=3)

    def reset(self) -> None:
        self._current_iterator = None
        self._num_batches = self.data_adapter.num_batches
        self._steps_seen = 0

    def __iter__(self) -> Any:
        """Yields `(step, batch)`; stops at the epoch's end or when the data runs out."""
        steps = self.steps_per_epoch or self._num_batches or -1
        if steps > 0:
            if self._current_iterator is None or self.steps_per_epoch is None:
                self._current_iterator = iter(self.data_adapter.get_numpy_iterator())
                self._steps_seen = 0
            iterator = self._current_iterator
            for step in range(steps):
                if self._num_batches and self._steps_seen >= self._num_batches:
                    if self.steps_per_epoch:
                        self._interrupted_warning()
                    break
                self._steps_seen += 1
                try:
                    batch = next(iterator)
                except StopIteration:
                    self._ran_out()
                    return
                yield step, batch
            if self._num_batches and self._steps_seen >= self._num_batches:
                self._current_iterator = iter(self.data_adapter.get_numpy_iterator())
                self._steps_seen = 0
        else:
            iterator = iter(self.data_adapter.get_numpy_iterator())
            step = 0
            while True:
                self._steps_seen = step + 1
                try:
                    batch = next(iterator)
                except StopIteration:
                    self._ran_out()
                    return
                yield step, batch
                step += 1

    def _ran_out(self) -> None:
        # Keras counts the failed `next()` as seen: an unknown-cardinality input learns one batch
        # too many, so its next epoch runs out again (and warns again), as in Keras.
        if self._num_batches is None:
            self._num_batches = self._steps_seen
        self._interrupted_warning()
        self._current_iterator = None

    @contextlib.contextmanager
    def catch_stop_iteration(self) -> Any:
        yield

    @property
    def num_batches(self) -> int | None:
        if self.steps_per_epoch:
            return self.steps_per_epoch
        return self._num_batches
