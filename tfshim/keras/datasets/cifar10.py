"""`tf.keras.datasets.cifar10`: 50,000 + 10,000 32x32 colour images in 10 classes."""

from __future__ import annotations

import os

import numpy as np

from tfshim.keras.datasets import _cifar
from tfshim.keras.utils.file_utils import get_file

_HASH = "6d958be074577803d12ecdefd02955f39262c83c16fe9348329d7fe0b5c001ce"


def load_data() -> tuple:
    """`((x_train, y_train), (x_test, y_test))`: uint8 images (N, 32, 32, 3) under the default
    channels_last format, uint8 labels (N, 1). Keras fills fixed 10,000-row slots per batch file;
    here the five batches are concatenated, which is the same for the real files."""
    path = get_file(fname="cifar-10-batches-py-target", origin=f"{_cifar.ORIGIN_FOLDER}cifar-10-python.tar.gz",
                    extract=True, file_hash=_HASH)
    path = os.path.join(path, "cifar-10-batches-py")
    batches = [_cifar.load_batch(os.path.join(path, f"data_batch_{i}")) for i in range(1, 6)]
    x_train = np.concatenate([x for x, _ in batches]).astype("uint8")
    y_train = np.concatenate([np.asarray(y) for _, y in batches]).astype("uint8")
    x_test, y_test = _cifar.load_batch(os.path.join(path, "test_batch"))
    y_train = np.reshape(y_train, (len(y_train), 1))
    y_test = np.reshape(y_test, (len(y_test), 1))
    x_train, x_test = _cifar.channels_last(x_train), _cifar.channels_last(x_test)
    return (x_train, y_train), (x_test.astype(x_train.dtype), y_test.astype(y_train.dtype))
