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


def assert_shallow(shallow: Any, value: Any) -> None:
    """tf.data nest's `assert_shallow_structure`: `value` has `shallow`'s structure down to its leaves
    (below them it may hold anything), with TF's messages."""
    if not is_structure(shallow):
        return
    if not is_structure(value):
        raise TypeError(f"If shallow structure is a sequence, input must also be a sequence. Input has type: "
                        f"'{type(value).__name__}'.")
    if isinstance(shallow, dict) != isinstance(value, dict):
        raise TypeError(f"The two structures don't have the same sequence type. Input structure has type "
                        f"{type(value)}, while shallow structure has type {type(shallow)}.")
    if len(value) != len(shallow):
        raise ValueError(f"The two structures don't have the same sequence length. Input structure has length "
                         f"{len(value)}, while shallow structure has length {len(shallow)}.")
    if isinstance(shallow, dict):
        missing = [key for key in shallow if key not in value]
        if missing:
            raise ValueError(f"The two structures don't have the same keys. Input structure has keys "
                             f"{list(value)}, while shallow structure has keys {list(shallow)}.")
        for key in shallow:
            assert_shallow(shallow[key], value[key])
    else:
        for a, b in zip(shallow, value):
            assert_shallow(a, b)


def flatten_up_to(shallow: Any, value: Any) -> list:
    """The parts of `value` at the leaves of `shallow` (checked with `assert_shallow` first)."""
    if isinstance(shallow, dict):
        return [x for key in sorted(shallow) for x in flatten_up_to(shallow[key], value[key])]
    if isinstance(shallow, tuple):
        return [x for a, b in zip(shallow, value) for x in flatten_up_to(a, b)]
    return [value]


def replace_none_up_to(shallow: Any, default: Any) -> Any:
    """`shallow` with each None leaf replaced by the matching part of `default` (TF's padding values)."""
    if isinstance(shallow, dict):
        return {key: replace_none_up_to(shallow[key], default[key]) for key in shallow}
    if isinstance(shallow, tuple):
        return tuple(replace_none_up_to(a, b) for a, b in zip(shallow, default))
    return default if shallow is None else shallow


# -- values ------------------------------------------------------------------------------------
def to_value(leaf: Any) -> Any:
    """A leaf (tensor, array, Python value, Dataset) as a pipeline value, with TF's conversion rules."""
    if _is_dataset(leaf):
        return leaf
    return np.asarray(tf.convert_to_tensor(leaf, dtype=_list_dtype(leaf)))


def _list_dtype(value: Any) -> Any:
    """The dtype tf.data gives a list whose items all have one TypeSpec dtype (NumPy arrays, tensors,
    such lists): TF stacks them keeping it (`[np.arange(2)] * 2` is int64, not the int32 that
    `tf.constant` makes of it). None for anything else, which converts as `tf.convert_to_tensor` does."""
    if isinstance(value, list):
        dtypes = {_list_dtype(item) for item in value}
        return dtypes.pop() if len(dtypes) == 1 and None not in dtypes else None
    if isinstance(value, np.ndarray):
        return spec_of_value(value).dtype
    if tf.is_tensor(value) and not isinstance(value, tf.Variable):
        return value.dtype
    return None


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
