"""`tf.keras.datasets.reuters`: 11,228 newswires as lists of word indices, 46 topics."""

from __future__ import annotations

import json
from typing import Any

import numpy as np

from tfshim.keras.datasets import _common
from tfshim.keras.utils.file_utils import get_file

_HASH = "d6586e694ee56d7a4e65172e12b3e987c03096cb01eab99753921ef915959916"
_INDEX_HASH = "4d44cc38712099c9e383dc6e5f11a921"
_LABELS = ("cocoa", "grain", "veg-oil", "earn", "acq", "wheat", "copper", "housing", "money-supply", "coffee", "sugar",
           "trade", "reserves", "ship", "cotton", "carcass", "crude", "nat-gas", "cpi", "money-fx", "interest", "gnp",
           "meal-feed", "alum", "oilseed", "gold", "tin", "strategic-metal", "livestock", "retail", "ipi",
           "iron-steel", "rubber", "heat", "jobs", "lei", "bop", "zinc", "orange", "pet-chem", "dlr", "gas",
           "silver", "wpi", "hog", "lead")


def load_data(path: str = "reuters.npz", num_words: Any = None, skip_top: int = 0, maxlen: Any = None,
              test_split: float = 0.2, seed: int = 113, start_char: Any = 1, oov_char: Any = 2,
              index_from: int = 3) -> tuple:
    """`((x_train, y_train), (x_test, y_test))`, split after Keras's seeded shuffle."""
    path = get_file(fname=path, origin=f"{_common.ORIGIN_FOLDER}reuters.npz", file_hash=_HASH)
    f = _common.load_npz(path)
    xs, labels = f["x"], f["y"]
    indices = np.arange(len(xs))
    np.random.RandomState(seed).shuffle(indices)
    xs, labels = xs[indices], labels[indices]
    if start_char is not None:
        xs = [[start_char] + [w + index_from for w in x] for x in xs]
    elif index_from:
        xs = [[w + index_from for w in x] for x in xs]
    if maxlen:
        xs, labels = _common.remove_long_seq(maxlen, xs, labels)
    xs = _common.cut_vocabulary(xs, num_words, skip_top, oov_char)
    idx = int(len(xs) * (1 - test_split))
    return ((np.array(xs[:idx], dtype="object"), np.array(labels[:idx])),
            (np.array(xs[idx:], dtype="object"), np.array(labels[idx:])))


def get_word_index(path: str = "reuters_word_index.json") -> dict:
    path = get_file(path, origin=f"{_common.ORIGIN_FOLDER}reuters_word_index.json", file_hash=_INDEX_HASH)
    with open(path) as f:
        return json.load(f)


def get_label_names() -> tuple:
    """The 46 topic names, in label order."""
    return _LABELS
