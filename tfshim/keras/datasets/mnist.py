"""`tf.keras.datasets.mnist`: 60,000 + 10,000 28x28 uint8 digit images from Keras's `mnist.npz`."""

from __future__ import annotations

import numpy as np

from tfshim.keras.datasets import _common
from tfshim.keras.utils.file_utils import get_file

_HASH = "731c5ac602752760c8e48fbffcf8c3b850d9dc2a2aedcf2cc48468fc17b673d1"


def load_data(path: str = "mnist.npz") -> tuple:
    """`((x_train, y_train), (x_test, y_test))`: uint8 arrays (N, 28, 28) and labels (N,)."""
    path = get_file(fname=path, origin=f"{_common.ORIGIN_FOLDER}mnist.npz", file_hash=_HASH)
    with np.load(path, allow_pickle=False) as f:
        return (f["x_train"], f["y_train"]), (f["x_test"], f["y_test"])
