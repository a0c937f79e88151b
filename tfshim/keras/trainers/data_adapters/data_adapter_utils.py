"""Helpers shared by the data adapters: unpacking `(x, y, sample_weight)`, the cardinality check,
class weights to sample weights."""

from __future__ import annotations

from typing import Any

import numpy as np

import tfshim as tf


def unpack_x_y_sample_weight(data: Any) -> tuple:
    """`(x,)`, `(x, y)` or `(x, y, sample_weight)` (a list counts only when it has 1-3 items) -> a triple."""
    if isinstance(data, list):
        data = tuple(data)
    if not isinstance(data, tuple):
        return data, None, None
    if len(data) == 1:
        return data[0], None, None
    if len(data) == 2:
        return data[0], data[1], None
    if len(data) == 3:
        return data[0], data[1], data[2]
    raise ValueError("Data is expected to be in format `x`, `(x,)`, `(x, y)`, or `(x, y, sample_weight)`, "
                     f"found: {data}")


def pack_x_y_sample_weight(x: Any, y: Any = None, sample_weight: Any = None) -> tuple:
    if y is None:
        return (x,)
    if sample_weight is None:
        return (x, y)
    return (x, y, sample_weight)


def check_data_cardinality(data: tuple) -> None:
    sizes = {int(i.shape[0]) for i in tf.nest.flatten(data) if i is not None}
    if len(sizes) > 1:
        msg = "Data cardinality is ambiguous. Make sure all arrays contain the same number of samples."
        for label, single in zip(["x", "y", "sample_weight"], data):
            if single is None:
                continue
            joined = ", ".join(str(i.shape[0]) for i in tf.nest.flatten(single) if i is not None)
            msg += f"'{label}' sizes: {joined}\n"
        raise ValueError(msg)


def class_weight_to_sample_weights(y: Any, class_weight: dict) -> np.ndarray:
    y_np = np.asarray(y)
    weights = np.ones((y_np.shape[0],), np.float32)
    if y_np.ndim > 1:
        y_np = np.argmax(y_np, axis=-1) if y_np.shape[-1] != 1 else np.squeeze(y_np, axis=-1)
    y_np = np.round(y_np).astype("int32")
    for i in range(y_np.shape[0]):
        weights[i] = class_weight.get(int(y_np[i]), 1.0)
    return weights


def same_structure(a: Any, b: Any) -> bool:
    """Whether two nests pair up, Keras's way: dicts by keys, lists and tuples alike by length (leaves
    of any kind)."""
    if isinstance(a, dict) or isinstance(b, dict):
        return isinstance(a, dict) and isinstance(b, dict) and set(a) == set(b) and \
            all(same_structure(a[k], b[k]) for k in a)
    if isinstance(a, (list, tuple)) or isinstance(b, (list, tuple)):
        return isinstance(a, (list, tuple)) and isinstance(b, (list, tuple)) and len(a) == len(b) and \
            all(same_structure(x, y) for x, y in zip(a, b))
    return True
