"""`tf.keras.datasets.imdb`: 25,000 + 25,000 movie reviews as lists of word indices, labels 0/1."""

from __future__ import annotations

import json
from typing import Any

import numpy as np

from tfshim.keras.datasets import _common
from tfshim.keras.utils.file_utils import get_file

_HASH = "69664113be75683a8fe16e3ed0ab59fda8886cb3cd7ada244f7d9544e4676b9f"
_INDEX_HASH = "bfafd718b763782e994055a2d397834f"


def load_data(path: str = "imdb.npz", num_words: Any = None, skip_top: int = 0, maxlen: Any = None, seed: int = 113,
              start_char: Any = 1, oov_char: Any = 2, index_from: int = 3, **kwargs: Any) -> tuple:
    """`((x_train, y_train), (x_test, y_test))`: object arrays of Python lists, int label arrays;
    the same shuffling, offsets and vocabulary cut as Keras."""
    path = get_file(fname=path, origin=f"{_common.ORIGIN_FOLDER}imdb.npz", file_hash=_HASH)
    f = _common.load_npz(path)
    x_train, labels_train = f["x_train"], f["y_train"]
    x_test, labels_test = f["x_test"], f["y_test"]
    rng = np.random.RandomState(seed)
    indices = np.arange(len(x_train))
    rng.shuffle(indices)
    x_train, labels_train = x_train[indices], labels_train[indices]
    indices = np.arange(len(x_test))
    rng.shuffle(indices)
    x_test, labels_test = x_test[indices], labels_test[indices]
    x_train = _common.encode_sequences(x_train, start_char, index_from)
    x_test = _common.encode_sequences(x_test, start_char, index_from)
    if maxlen:
        x_train, labels_train = _common.remove_long_seq(maxlen, x_train, labels_train)
        x_test, labels_test = _common.remove_long_seq(maxlen, x_test, labels_test)
        if not x_train or not x_test:
            raise ValueError(f"After filtering for sequences shorter than maxlen={maxlen}, no sequence was kept. "
                             "Increase maxlen.")
    xs = _common.cut_vocabulary(x_train + x_test, num_words, skip_top, oov_char)
    labels = np.concatenate([labels_train, labels_test])
    idx = len(x_train)
    return (np.array(xs[:idx], dtype="object"), labels[:idx]), (np.array(xs[idx:], dtype="object"), labels[idx:])


def get_word_index(path: str = "imdb_word_index.json") -> dict:
    """The word -> index dictionary."""
    path = get_file(fname=path, origin=f"{_common.ORIGIN_FOLDER}imdb_word_index.json", file_hash=_INDEX_HASH)
    with open(path) as f:
        return json.load(f)
