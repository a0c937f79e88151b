"""The element-wise ops of Keras's TensorFlow backend as they treat `IndexedSlices` (an Embedding's
gradient), for the optimizers' sparse update paths.

Keras's rules (keras/src/backend/tensorflow/sparse.py), restated:

* unary ops that keep zeros (`square`, `sqrt`, `negative`, `sign`, `abs`) map the slices' values, so
  a row repeated in the batch stays repeated (`square` gives per-occurrence squares);
* `multiply` and `divide` by a scalar map the values; by a dense tensor they gather its rows at the
  slices' indices;
* `add`, `subtract` and `maximum` with a dense operand make the slices dense first (repeated rows
  summed);
* assigning slices scatters them (`scatter_update` / `scatter_add` / `scatter_sub`).

Only the combinations the optimizers meet are covered. `divide` by a dense tensor that holds zeros or
NaNs at rows outside the slices (where Keras widens the result to those rows) does not occur in the
optimizers (their denominators add epsilon).
"""

from __future__ import annotations

from typing import Any

import tfshim as tf

IndexedSlices = tf.IndexedSlices


def _with_values(slices: Any, values: Any) -> Any:
    return IndexedSlices(values, slices.indices, slices.dense_shape)


def _is_scalar(x: Any) -> bool:
    return not hasattr(x, "shape") or len(x.shape) == 0


def dense(x: Any) -> Any:
    return tf.convert_to_tensor(x) if isinstance(x, IndexedSlices) else x


def square(x: Any) -> Any:
    return _with_values(x, tf.square(x.values)) if isinstance(x, IndexedSlices) else tf.square(x)


def sqrt(x: Any) -> Any:
    return _with_values(x, tf.sqrt(x.values)) if isinstance(x, IndexedSlices) else tf.sqrt(x)


def negative(x: Any) -> Any:
    return _with_values(x, tf.negative(x.values)) if isinstance(x, IndexedSlices) else tf.negative(x)


def sign(x: Any) -> Any:
    return _with_values(x, tf.sign(x.values)) if isinstance(x, IndexedSlices) else tf.sign(x)


def abs(x: Any) -> Any:  # Keras's name
    return _with_values(x, tf.abs(x.values)) if isinstance(x, IndexedSlices) else tf.abs(x)


def multiply(x1: Any, x2: Any) -> Any:
    if isinstance(x1, IndexedSlices) and not isinstance(x2, IndexedSlices):
        other = x2 if _is_scalar(x2) else tf.gather(x2, x1.indices)
        return _with_values(x1, tf.multiply(x1.values, other))
    if isinstance(x2, IndexedSlices) and not isinstance(x1, IndexedSlices):
        other = x1 if _is_scalar(x1) else tf.gather(x1, x2.indices)
        return _with_values(x2, tf.multiply(other, x2.values))
    return tf.multiply(dense(x1), dense(x2))


def divide(x1: Any, x2: Any) -> Any:
    if isinstance(x1, IndexedSlices) and not isinstance(x2, IndexedSlices):
        other = x2 if _is_scalar(x2) else tf.gather(x2, x1.indices)
        return _with_values(x1, tf.divide(x1.values, other))
    return tf.divide(dense(x1), dense(x2))


def add(x1: Any, x2: Any) -> Any:
    return tf.add(dense(x1), dense(x2))


def subtract(x1: Any, x2: Any) -> Any:
    return tf.subtract(dense(x1), dense(x2))


def maximum(x1: Any, x2: Any) -> Any:
    return tf.maximum(dense(x1), dense(x2))


def assign(variable: Any, value: Any) -> None:
    if isinstance(value, IndexedSlices):
        variable.scatter_update(value)
    else:
        variable.assign(value, read_value=False)


def assign_add(variable: Any, value: Any) -> None:
    if isinstance(value, IndexedSlices):
        variable.scatter_add(value)
    else:
        variable.assign_add(value, read_value=False)


def assign_sub(variable: Any, value: Any) -> None:
    if isinstance(value, IndexedSlices):
        variable.scatter_sub(value)
    else:
        variable.assign_sub(value, read_value=False)
