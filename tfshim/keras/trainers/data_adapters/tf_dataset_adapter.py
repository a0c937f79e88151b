"""Batches from a `tf.data.Dataset` (already batched, yielding `x`, `(x, y)` or `(x, y, sw)`)."""

from __future__ import annotations

from typing import Any

import numpy as np

import tfshim as tf
from tfshim.keras.trainers.data_adapters import data_adapter_utils as utils


class TFDatasetAdapter:
    def __init__(self, dataset: Any, class_weight: dict | None = None) -> None:
        self._dataset = dataset
        self._class_weight = class_weight

    @property
    def num_batches(self) -> int | None:
        card = int(self._dataset.cardinality())
        return card if card >= 0 else None

    @property
    def batch_size(self) -> None:
        return None

    def get_numpy_iterator(self) -> Any:
        class_weight = self._class_weight
        for batch in self._dataset:
            if class_weight is not None:
                x, y, _ = utils.unpack_x_y_sample_weight(batch)
                sw = utils.class_weight_to_sample_weights(np.asarray(y), class_weight)
                batch = (x, y, tf.constant(sw))
            yield batch

    def on_epoch_begin(self) -> None:
        pass

    def on_epoch_end(self) -> None:
        pass
