"""`tf.keras.datasets.boston_housing`: 506 rows of 13 features and a price, split after Keras's shuffle."""

from __future__ import annotations

import numpy as np

from tfshim.keras.datasets import _common
from tfshim.keras.utils.file_utils import get_file

_HASH = "f553886a1f8d56431e820c5b82552d9d95cfcb96d1e678153f8839538947dff5"


def load_data(path: str = "boston_housing.npz", test_split: float = 0.2, seed: int = 113) -> tuple:
    """`((x_train, y_train), (x_test, y_test))` with the rows shuffled by `np.random.RandomState(seed)`."""
    if not 0 <= test_split < 1:
        raise ValueError(f"Invalid `test_split` argument: {test_split}. It must be between 0 and 1 (exclusive of 1).")
    path = get_file(path, origin=f"{_common.ORIGIN_FOLDER}boston_housing.npz", file_hash=_HASH)
    with np.load(path, allow_pickle=False) as f:
        x, y = f["x"], f["y"]
    indices = np.arange(len(x))
    np.random.RandomState(seed).shuffle(indices)
    x, y = x[indices], y[indices]
    cut = int(len(x) * (1 - test_split))
    return (np.array(x[:cut]), np.array(y[:cut])), (np.array(x[cut:]), np.array(y[cut:]))
