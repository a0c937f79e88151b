"""`tf.keras.datasets.fashion_mnist`: Zalando's 28x28 uint8 clothing images, from the four idx .gz
files Keras caches under `datasets/fashion-mnist`."""

from __future__ import annotations

import gzip
import os

import numpy as np

from tfshim.keras.datasets import _common
from tfshim.keras.utils.file_utils import get_file

_FILES = ("train-labels-idx1-ubyte.gz", "train-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz",
          "t10k-images-idx3-ubyte.gz")


def _read(path: str, offset: int) -> np.ndarray:
    with gzip.open(path, "rb") as f:
        return np.frombuffer(f.read(), np.uint8, offset=offset)


def load_data() -> tuple:
    """`((x_train, y_train), (x_test, y_test))`: uint8 (N, 28, 28) images and (N,) labels."""
    dirname = os.path.join("datasets", "fashion-mnist")
    paths = [get_file(name, origin=_common.ORIGIN_FOLDER + name, cache_subdir=dirname) for name in _FILES]
    y_train = _read(paths[0], 8)
    x_train = _read(paths[1], 16).reshape(len(y_train), 28, 28)
    y_test = _read(paths[2], 8)
    x_test = _read(paths[3], 16).reshape(len(y_test), 28, 28)
    return (x_train, y_train), (x_test, y_test)
