"""Reading one CIFAR batch file (a pickled dict of bytes keys), NumPy arrays only."""

from __future__ import annotations

import numpy as np

from tfshim.keras.datasets._common import RestrictedUnpickler

# The CIFAR archives are fetched from their authors' site, not from Keras's folder.
ORIGIN_FOLDER = "https://www.cs.toronto.edu/~kriz/"


def load_batch(fpath: str, label_key: str = "labels") -> tuple:
    """`(data, labels)`: data as uint8 (N, 3, 32, 32) (channels first, as stored)."""
    with open(fpath, "rb") as f:
        d = RestrictedUnpickler(f, encoding="bytes").load()
    d = {k.decode("utf8"): v for k, v in d.items()}
    data = d["data"]
    return data.reshape(data.shape[0], 3, 32, 32), d[label_key]


def channels_last(x: np.ndarray) -> np.ndarray:
    from tfshim.keras.backend import image_data_format

    return x.transpose(0, 2, 3, 1) if image_data_format() == "channels_last" else x
