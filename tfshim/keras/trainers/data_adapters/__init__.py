"""`get_data_adapter`: the adapter for arrays/tensors, a `tf.data.Dataset` or a Python generator."""

from __future__ import annotations

import types
import warnings
from typing import Any

from tfshim.keras.trainers.data_adapters import array_data_adapter
from tfshim.keras.trainers.data_adapters.array_data_adapter import ArrayDataAdapter
from tfshim.keras.trainers.data_adapters.generator_data_adapter import GeneratorDataAdapter
from tfshim.keras.trainers.data_adapters.tf_dataset_adapter import TFDatasetAdapter


def _is_dataset(x: Any) -> bool:
    from tfshim.data import Dataset

    return isinstance(x, Dataset)


def get_data_adapter(x: Any, y: Any = None, sample_weight: Any = None, batch_size: int | None = None,
                     steps_per_epoch: int | None = None, shuffle: Any = False,
                     class_weight: dict | None = None) -> Any:
    if array_data_adapter.can_convert_arrays((x, y, sample_weight)):
        return ArrayDataAdapter(x, y, sample_weight=sample_weight, class_weight=class_weight, shuffle=shuffle,
                                batch_size=batch_size, steps=steps_per_epoch)
    if _is_dataset(x):
        for name, value in (("y", y), ("sample_weight", sample_weight)):
            if value is not None:
                raise ValueError(f"When providing `x` as a tf.data.Dataset, `{name}` should not be passed. "
                                 f"Instead, the {'targets' if name == 'y' else 'sample weights'} should be "
                                 "included as part of the tf.data.Dataset.")
        if shuffle:
            warnings.warn("`shuffle=True` was passed, but will be ignored since the data `x` was provided as a "
                          "tf.data.Dataset. The Dataset is expected to already be shuffled (via "
                          "`.shuffle(buffer_size)`).", stacklevel=4)
        return TFDatasetAdapter(x, class_weight=class_weight)
    if isinstance(x, types.GeneratorType) or (hasattr(x, "__next__") and hasattr(x, "__iter__")):
        if y is not None:
            raise ValueError("When providing `x` as a generator, `y` should not be passed. Instead, the targets "
                             "should be included as part of the generator.")
        if class_weight is not None:
            raise ValueError("Argument `class_weight` is not supported for Python generator inputs. Received: "
                             f"class_weight={class_weight}")
        if shuffle:
            warnings.warn("`shuffle=True` was passed, but will be ignored since the data `x` was provided as a "
                          "generator. The generator is expected to yield already-shuffled data.", stacklevel=4)
        return GeneratorDataAdapter(x, class_weight=class_weight)
    raise ValueError(f"Unrecognized data type: x={x} (of type {type(x)})")


__all__ = ["ArrayDataAdapter", "GeneratorDataAdapter", "TFDatasetAdapter", "get_data_adapter"]
