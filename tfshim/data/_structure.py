"""Element structures as tf.data sees them, and the conversions between values, tensors and specs.

tf.data's nest differs from `tf.nest`: tuples, namedtuples and dicts are structure, but a Python
*list* is a leaf (it becomes one tensor), so `[(5, 6, 7), (8, 9, 10)]` is a single int32 matrix.
Dicts flatten in sorted key order and are rebuilt with their own key order.

Inside the pipeline an element is a flat tuple of *values*: NumPy arrays or scalars (strings as
`bytes` / object arrays) and, for `window`, Dataset objects. Tensors are made only where an
element leaves the pipeline (iteration, user functions).
"""

from __future__ import annotations

from typing import Any

import numpy as np

import tfshim as tf


def is_structure(value: Any) -> bool:
    return isinstance(value, (tuple, dict))


def flatten(structure: Any) -> list:
    """The leaves of `structure`, depth first, dict values by sorted key."""
    if isinstance(structure, dict):
        out: list = []
        for key in sorted(structure):
            out.extend(flatten(structure[key]))
        return out
    if isinstance(structure, tuple):
        out = []
        for item in structure:
            out.extend(flatten(item))
        return out
    return [structure]


def pack(template: Any, flat: Any) -> Any:
    """Rebuilds `template`'s structure from the leaves in `flat` (a sequence)."""
    leaves = iter(flat)
    return _pack(template, leaves)


def _pack(template: Any, leaves: Any) -> Any:
    if isinstance(template, dict):
        built = {key: None for key in template}
        for key in sorted(template):
            built[key] = _pack(template[key], leaves)
        return type(template)(built) if type(template) is not dict else built
    if isinstance(template, tuple):
        items = [_pack(item, leaves) for item in template]
        if hasattr(type(template), "_fields"):
            return type(template)(*items)
        return tuple(items)
    return next(leaves)


def map_structure(fn: Any, structure: Any) -> Any:
    return pack(structure, [fn(leaf) for leaf in flatten(structure)])


def same_structure(a: Any, b: Any) -> bool:
    if isinstance(a, dict) or isinstance(b, dict):
        return isinstance(a, dict) and isinstance(b, dict) and sorted(a) == sorted(b) and \
            all(same_structure(a[k], b[k]) for k in a)
    if isinstance(a, tuple) or isinstance(b, tuple):
        return isinstance(a, tuple) and isinstance(b, tuple) and len(a) == len(b) and \
            all(same_structure(x, y) for x, y in zip(a, b))
    return True


# -- values ------------------------------------------------------------------------------------
def to_value(leaf: Any) -> Any:
    """A leaf (tensor, array, Python value, Dataset) as a pipeline value, with TF's conversion rules."""
    if _is_dataset(leaf):
        return leaf
    return np.asarray(tf.convert_to_tensor(leaf))


def to_tensor(value: Any) -> Any:
    """A pipeline value as what the user sees: an EagerTensor (or the Dataset itself)."""
    if _is_dataset(value):
        return value
    return tf.constant(value)


def to_numpy(value: Any) -> Any:
    """A pipeline value as `as_numpy_iterator` gives it: NumPy scalars, arrays, bytes."""
    if _is_dataset(value):
        return value
    if isinstance(value, np.ndarray):
        if value.ndim == 0:
            return value[()]
        if value.base is not None:  # a view into the dataset's own arrays: hand out a copy
            return value.copy()
    return value


def _is_dataset(value: Any) -> bool:
    from tfshim.data.dataset_ops import DatasetV2

    return isinstance(value, DatasetV2)


# -- specs -------------------------------------------------------------------------------------
def spec_of_value(value: Any) -> Any:
    """The TensorSpec (or DatasetSpec) of one pipeline value."""
    if _is_dataset(value):
        from tfshim.data.dataset_ops import DatasetSpec

        return DatasetSpec(value.element_spec)
    array = np.asarray(value) if not isinstance(value, (bytes, str)) else None
    if array is None:
        return tf.TensorSpec([], tf.string)
    return tf.TensorSpec(array.shape, tf.string if array.dtype == object else tf.as_dtype(array.dtype))


def dims(spec: Any) -> list | None:
    shape = spec.shape
    return None if shape.rank is None else shape.as_list()


def batched_spec(spec: Any, size: int | None) -> Any:
    """The spec of a batch of `size` (None: unknown) elements of `spec`."""
    from tfshim.data.dataset_ops import DatasetSpec

    if isinstance(spec, DatasetSpec):
        return DatasetSpec(spec.element_spec, tf.TensorShape([size]).concatenate(spec._dataset_shape))
    d = dims(spec)
    return tf.TensorSpec(None if d is None else [size, *d], spec.dtype)


def unbatched_spec(spec: Any) -> Any:
    d = dims(spec)
    return tf.TensorSpec(None if d is None else d[1:], spec.dtype)


def relaxed_spec(a: Any, b: Any) -> Any:
    """The most specific spec both `a` and `b` fit (same dtype assumed): differing dims become None."""
    da, db = dims(a), dims(b)
    if da is None or db is None or len(da) != len(db):
        return tf.TensorSpec(None, a.dtype)
    return tf.TensorSpec([x if x == y else None for x, y in zip(da, db)], a.dtype)


def specs_compatible(a: Any, b: Any) -> bool:
    from tfshim.data.dataset_ops import DatasetSpec

    if isinstance(a, DatasetSpec) or isinstance(b, DatasetSpec):
        return isinstance(a, DatasetSpec) and isinstance(b, DatasetSpec) and \
            same_structure(a.element_spec, b.element_spec)
    return a.dtype == b.dtype and a.shape.is_compatible_with(b.shape)


def same_kind(a: Any, b: Any) -> bool:
    """Whether two component specs can be concatenated: same dtype (shapes are relaxed)."""
    from tfshim.data.dataset_ops import DatasetSpec

    if isinstance(a, DatasetSpec) or isinstance(b, DatasetSpec):
        return isinstance(a, DatasetSpec) and isinstance(b, DatasetSpec)
    return a.dtype == b.dtype


def dummy_value(spec: Any, unknown: int, fill: int = 1) -> Any:
    """A value fitting `spec` (all `fill`; unknown dims set to `unknown`), for finding a function's
    output spec."""
    from tfshim.data.dataset_ops import DatasetSpec

    if isinstance(spec, DatasetSpec):
        from tfshim.data.dataset_ops import DatasetV2

        flat = [dummy_value(s, unknown, fill) for s in flatten(spec.element_spec)]
        return DatasetV2.from_tensors(pack(spec.element_spec, [to_tensor(v) for v in flat]))
    d = dims(spec)
    shape = tuple(unknown if x is None else x for x in (d if d is not None else []))
    if spec.dtype == tf.string:
        out = np.empty(shape, dtype=object)
        text = b"1" * (fill - 1)
        out[...] = text
        return out if shape else text
    return np.full(shape, fill, dtype=spec.dtype.as_numpy_dtype)
