"""`tf.keras.datasets.cifar100`: 50,000 + 10,000 32x32 colour images, 100 fine / 20 coarse labels."""

from __future__ import annotations

import os

import numpy as np

from tfshim.keras.datasets import _cifar
from tfshim.keras.utils.file_utils import get_file

_HASH = "85cd44d02ba6437773c5bbd22e183051d648de2e7d6b014e1ef29b855ba677a7"


def load_data(label_mode: str = "fine") -> tuple:
    """`((x_train, y_train), (x_test, y_test))`: uint8 images (N, 32, 32, 3), labels (N, 1) as
    stored (Python ints become int64)."""
    if label_mode not in ["fine", "coarse"]:
        raise ValueError(f'`label_mode` must be one of `"fine"`, `"coarse"`. Received: label_mode={label_mode}.')
    path = get_file(fname="cifar-100-python-target", origin=f"{_cifar.ORIGIN_FOLDER}cifar-100-python.tar.gz",
                    extract=True, file_hash=_HASH)
    path = os.path.join(path, "cifar-100-python")
    x_train, y_train = _cifar.load_batch(os.path.join(path, "train"), label_key=f"{label_mode}_labels")
    x_test, y_test = _cifar.load_batch(os.path.join(path, "test"), label_key=f"{label_mode}_labels")
    y_train = np.reshape(y_train, (len(y_train), 1))
    y_test = np.reshape(y_test, (len(y_test), 1))
    return (_cifar.channels_last(x_train), y_train), (_cifar.channels_last(x_test), y_test)
