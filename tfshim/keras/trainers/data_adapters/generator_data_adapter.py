"""Batches from a Python generator (or any iterator) yielding `x`, `(x, y)` or `(x, y, sw)`.

A generator can be consumed only once: a second epoch over an exhausted generator gets no data, so
give `steps_per_epoch` for several epochs (as with Keras)."""

from __future__ import annotations

from typing import Any

import numpy as np

import tfshim as tf
from tfshim.keras.trainers.data_adapters import data_adapter_utils as utils


def _convert(x: Any) -> Any:
    if isinstance(x, dict):
        return {k: _convert(v) for k, v in x.items()}
    if isinstance(x, (list, tuple)):
        return type(x)(_convert(v) for v in x)
    if x is None or tf.is_tensor(x):
        return x
    a = np.asarray(x)
    if a.dtype.kind == "f" and a.dtype != np.float32:
        a = a.astype(np.float32)
    return tf.constant(a)


class GeneratorDataAdapter:
    def __init__(self, generator: Any, class_weight: dict | None = None) -> None:
        self._generator = generator
        self._class_weight = class_weight

    @property
    def num_batches(self) -> None:
        return None

    @property
    def batch_size(self) -> None:
        return None

    def get_numpy_iterator(self) -> Any:
        for batch in self._generator:
            if self._class_weight is not None:
                x, y, _ = utils.unpack_x_y_sample_weight(batch)
                batch = (x, y, utils.class_weight_to_sample_weights(np.asarray(y), self._class_weight))
            yield _convert(batch)

    def on_epoch_begin(self) -> None:
        pass

    def on_epoch_end(self) -> None:
        pass
