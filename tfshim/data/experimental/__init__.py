"""`tf.data.experimental`: the aliases TensorFlow 2.21 still has for core Dataset features."""

from __future__ import annotations

from typing import Any

from tfshim.data._options import ThreadingOptions
from tfshim.data.dataset_ops import AUTOTUNE, DatasetV2
from tfshim.data.dataset_ops import INFINITE as INFINITE_CARDINALITY
from tfshim.data.dataset_ops import UNKNOWN as UNKNOWN_CARDINALITY

__all__ = ["AUTOTUNE", "INFINITE_CARDINALITY", "UNKNOWN_CARDINALITY", "ThreadingOptions", "assert_cardinality",
           "cardinality", "enumerate_dataset", "from_list", "get_single_element", "scan", "shuffle_and_repeat",
           "take_while", "unbatch", "unique", "map_and_batch"]


def cardinality(dataset: DatasetV2) -> Any:
    """The dataset's cardinality as an int64 scalar tensor."""
    return dataset.cardinality()


def get_single_element(dataset: DatasetV2) -> Any:
    return dataset.get_single_element()


def from_list(elements: list, name: str | None = None) -> DatasetV2:
    """A dataset of the given elements (all of one structure), in order."""
    if not elements:
        raise ValueError("Invalid `elements`. `elements` should not be empty.")
    first = DatasetV2.from_tensors(elements[0])
    for element in elements[1:]:
        first = first.concatenate(DatasetV2.from_tensors(element))
    return first


def enumerate_dataset(start: int = 0) -> Any:
    return lambda dataset: dataset.enumerate(start)


def unbatch() -> Any:
    return lambda dataset: dataset.unbatch()


def unique() -> Any:
    return lambda dataset: dataset.unique()


def take_while(predicate: Any) -> Any:
    return lambda dataset: dataset.take_while(predicate)


def scan(initial_state: Any, scan_func: Any) -> Any:
    return lambda dataset: dataset.scan(initial_state, scan_func)


def shuffle_and_repeat(buffer_size: Any, count: Any = None, seed: Any = None) -> Any:
    from tfshim.data._transforms import _ShuffleAndRepeatDataset

    return lambda dataset: _ShuffleAndRepeatDataset(dataset.shuffle(buffer_size, seed), -1 if count is None else
                                                    int(count))


def map_and_batch(map_func: Any, batch_size: Any, num_parallel_batches: Any = None, drop_remainder: bool = False,
                  num_parallel_calls: Any = None) -> Any:
    return lambda dataset: dataset.map(map_func).batch(batch_size, drop_remainder)


def assert_cardinality(expected_cardinality: Any) -> Any:
    """Declares the dataset's cardinality (checked against what iteration finds)."""
    from tfshim.data._transforms import _AssertCardinalityDataset

    return lambda dataset: _AssertCardinalityDataset(dataset, int(expected_cardinality))
