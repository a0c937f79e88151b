"""`tf.nest`: flattening and rebuilding nested structures the way TensorFlow does.

Lists, tuples, namedtuples and mappings are structure; everything else (tensors, None, strings,
numbers) is a leaf. Mappings flatten in sorted key order and are rebuilt with their own key order.
"""

from __future__ import annotations

import collections.abc as _abc
from collections.abc import Callable
from typing import Any


def _is_namedtuple(value: Any) -> bool:
    return isinstance(value, tuple) and hasattr(type(value), "_fields")


# type -> whether its instances are structure; filled on first sight of each type (isinstance against
# the Mapping ABC is slow, and tapes flatten their sources on every gradient call)
_NESTED_TYPES: dict[type, bool] = {list: True, tuple: True, dict: True}


def is_nested(structure: Any) -> bool:
    """True for lists, tuples and mappings (`tf.nest.is_nested`)."""
    kind = type(structure)
    found = _NESTED_TYPES.get(kind)
    if found is None:
        found = isinstance(structure, (list, tuple, _abc.Mapping)) or _is_attrs(structure)
        _NESTED_TYPES[kind] = found
    return found


def _is_attrs(value: Any) -> bool:
    return hasattr(type(value), "__attrs_attrs__")


def _sorted_keys(mapping: Any) -> list:
    try:
        return sorted(mapping)
    except TypeError as e:
        raise TypeError("nest only supports dicts with sortable keys.") from e


def _children(structure: Any) -> list:
    if isinstance(structure, _abc.Mapping):
        return [structure[k] for k in _sorted_keys(structure)]
    if _is_attrs(structure):
        return [getattr(structure, a.name) for a in type(structure).__attrs_attrs__]
    return list(structure)


def flatten(structure: Any, expand_composites: bool = False) -> list:
    """`tf.nest.flatten`: the leaves, depth first, mappings by sorted key."""
    if not is_nested(structure):
        return [structure]
    if type(structure) is list or type(structure) is tuple:  # the common flat list of tensors
        for item in structure:
            if is_nested(item):
                break
        else:
            return list(structure)
    out: list = []
    stack = [structure]
    while stack:
        item = stack.pop()
        if is_nested(item):
            stack.extend(reversed(_children(item)))
        else:
            out.append(item)
    return out


def _rebuild(structure: Any, children: list) -> Any:
    if isinstance(structure, _abc.Mapping):
        by_key = dict(zip(_sorted_keys(structure), children))
        if isinstance(structure, _abc.MutableMapping) and type(structure) is not dict:
            try:
                return type(structure)((k, by_key[k]) for k in structure)
            except TypeError:
                pass
        return type(structure)((k, by_key[k]) for k in structure) if type(structure) is dict else \
            {k: by_key[k] for k in structure}
    if _is_namedtuple(structure):
        return type(structure)(*children)
    if _is_attrs(structure):
        return type(structure)(*children)
    if isinstance(structure, tuple):
        return tuple(children)
    if isinstance(structure, list):
        return list(children)
    return type(structure)(children)


def _count(structure: Any) -> int:
    return len(flatten(structure))


def pack_sequence_as(structure: Any, flat_sequence: Any, expand_composites: bool = False) -> Any:
    """`tf.nest.pack_sequence_as`: `flat_sequence` rebuilt into `structure`'s shape."""
    flat = list(flat_sequence)
    if type(structure) is list and len(flat) == len(structure) and not any(map(is_nested, structure)):
        return flat
    if not is_nested(structure):
        if len(flat) != 1:
            raise ValueError(f"The target structure is of type `{type(structure)}`\n  {structure}\nHowever the input "
                             f"is a sequence ({type(flat_sequence)}) of length {len(flat)}.\n  {flat_sequence}\n"
                             "nest cannot guarantee that it is safe to map one to the other.")
        return flat[0]
    if _count(structure) != len(flat):
        raise ValueError(f"Could not pack sequence. Structure had {_count(structure)} atoms, but flat_sequence had "
                         f"{len(flat)} items.  Structure: {structure}, flat_sequence: {flat}.")
    position = [0]

    def build(node: Any) -> Any:
        if not is_nested(node):
            value = flat[position[0]]
            position[0] += 1
            return value
        return _rebuild(node, [build(child) for child in _children(node)])

    return build(structure)


class _Dot:
    """Stands for a leaf when TF prints a structure's skeleton: [., {'a': .}]."""

    def __repr__(self) -> str:
        return "."


def _skeleton(structure: Any) -> str:
    return repr(pack_sequence_as(structure, [_Dot()] * _count(structure))) if is_nested(structure) else "."


def _describe(value: Any) -> str:
    return f"type={type(value).__name__} str={value!s}"


def assert_same_structure(nest1: Any, nest2: Any, check_types: bool = True, expand_composites: bool = False) -> None:
    """`tf.nest.assert_same_structure`: raises ValueError (or TypeError for container types) with
    TensorFlow's message when the two structures differ."""
    def fail(cls: type, detail: str) -> None:
        raise cls(f"The two structures don't have the same nested structure.\n\nFirst structure: {_describe(nest1)}"
                  f"\n\nSecond structure: {_describe(nest2)}\n\nMore specifically: {detail}\nEntire first "
                  f"structure:\n{_skeleton(nest1)}\nEntire second structure:\n{_skeleton(nest2)}")

    def walk(a: Any, b: Any) -> None:
        if is_nested(a) != is_nested(b):
            seq, leaf = (a, b) if is_nested(a) else (b, a)
            fail(ValueError, f'Substructure "{_describe(seq)}" is a sequence, while substructure '
                             f'"{_describe(leaf)}" is not')
        if not is_nested(a):
            return
        if check_types and type(a) is not type(b) and not (isinstance(a, _abc.Mapping) and isinstance(b, _abc.Mapping)):
            fail(TypeError, f"The two namedtuples don't have the same sequence type. First structure {_describe(a)} "
                            f"has type {type(a).__name__}, while second structure {_describe(b)} has type "
                            f"{type(b).__name__}")
        if isinstance(a, _abc.Mapping) and set(a) != set(b):
            fail(ValueError, f"The two dictionaries don't have the same set of keys. First structure has keys "
                             f"{_describe(list(a))}, while second structure has keys {_describe(list(b))}")
        ca, cb = _children(a), _children(b)
        if len(ca) != len(cb):
            fail(ValueError, f"The two structures don't have the same number of elements. First structure: "
                             f"{_describe(a)}. Second structure: {_describe(b)}")
        for x, y in zip(ca, cb):
            walk(x, y)

    walk(nest1, nest2)


def map_structure(func: Callable, *structure: Any, **kwargs: Any) -> Any:
    """`tf.nest.map_structure`: `func` applied leaf by leaf across same-shaped structures."""
    if not structure:
        raise ValueError("Must provide at least one structure")
    check_types = kwargs.pop("check_types", True)
    kwargs.pop("expand_composites", None)
    for other in structure[1:]:
        assert_same_structure(structure[0], other, check_types=check_types)
    flats = [flatten(s) for s in structure]
    return pack_sequence_as(structure[0], [func(*leaves) for leaves in zip(*flats)])


def flatten_with_joined_string_paths(structure: Any, separator: str = "/", expand_composites: bool = False) -> list:
    """Pairs of ('a/0/b', leaf)."""
    out: list = []

    def walk(node: Any, path: tuple) -> None:
        if not is_nested(node):
            out.append((separator.join(str(p) for p in path), node))
            return
        keys = _sorted_keys(node) if isinstance(node, _abc.Mapping) else range(len(_children(node)))
        for key, child in zip(keys, _children(node)):
            walk(child, (*path, key))

    walk(structure, ())
    return out
