"""`tf.Module`: a named container whose variables and sub-modules are found through its attributes.

The walk is TensorFlow's: the module's own attributes in sorted key order, each flattened as
`tf.nest.flatten` does (lists and tuples in order, dicts by sorted key), every object once at its
first position; this module's leaves first, then each nested module's, in the order they were
found. Keras layers and Keras variables are not `tf.Module`s / `tf.Variable`s, so they are not
found (as in TF 2.21).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterator
from typing import Any

from tfshim import name_scope as _name_scope_module
from tfshim import nest
from tfshim.name_scope import name_scope
from tfshim.variables import Variable

_VALID_IDENTIFIER = re.compile(r"^[a-zA-Z_]([a-zA-Z0-9_])*$")
_CAMEL_TO_SNAKE = re.compile(r"((?<=[a-z0-9])[A-Z]|(?!^)[A-Z](?=[a-z]))")


def _camel_to_snake(value: str) -> str:
    return _CAMEL_TO_SNAKE.sub(r"_\1", value).lower()


class _ModuleNameScope(name_scope):
    """The module's `name_scope`: the full scope captured when the module was made (`'grp/cell/'`).
    Entering it replaces the active scopes (an absolute scope), as TF's `'name/'` form does."""

    def __init__(self, full_name: str) -> None:
        super().__init__(full_name)
        self._full = full_name
        self._saved: list[list] = []

    @property
    def name(self) -> str:
        return self._full

    def __enter__(self) -> str:
        stack = _name_scope_module._stack
        self._saved.append(stack.names)
        stack.names = [self._full.rstrip("/")]
        return self._full

    def __exit__(self, *exc: Any) -> None:
        _name_scope_module._stack.names = self._saved.pop()


class Module:
    """`tf.Module(name=None)`. `name` defaults to the class name in snake_case and must be a
    Python identifier (ValueError otherwise)."""

    _TF_MODULE_IGNORED_PROPERTIES = frozenset(("_self_unconditional_checkpoint_dependencies",
                                               "_self_unconditional_dependency_names"))

    def __init__(self, name: str | None = None) -> None:
        if name is None:
            name = _camel_to_snake(type(self).__name__)
        elif not _VALID_IDENTIFIER.match(name):
            raise ValueError(f"{name!r} is not a valid module name. Module names must be valid Python identifiers "
                             "(e.g. a valid class name).")
        self._name = name
        with name_scope(name) as scope_name:
            self._name_scope = _ModuleNameScope(scope_name)

    @property
    def name(self) -> str:
        """The name given at construction (not made unique)."""
        return self._name

    @property
    def name_scope(self) -> name_scope:
        """The `tf.name_scope` of this module (its `.name` is `'<scopes>/<name>/'`)."""
        return self._name_scope

    @property
    def variables(self) -> tuple:
        """Every `tf.Variable` of this module and its sub-modules, in TF's walk order."""
        return tuple(self._flatten(predicate=_is_variable))

    @property
    def trainable_variables(self) -> tuple:
        return tuple(self._flatten(predicate=_is_trainable_variable))

    @property
    def non_trainable_variables(self) -> tuple:
        return tuple(self._flatten(predicate=_is_non_trainable_variable))

    @property
    def submodules(self) -> tuple:
        """Every nested `tf.Module` (this module's own first, then theirs)."""
        return tuple(self._flatten(predicate=_is_module))

    def _flatten(self, recursive: bool = True, predicate: Callable[[Any], bool] | None = None,
                 attribute_traversal_key: Any = None, with_path: bool = False,
                 expand_composites: bool = False) -> Iterator[Any]:
        if predicate is None:
            predicate = _always
        return _flatten_module(self, recursive, predicate, attribute_traversal_key,
                               self._TF_MODULE_IGNORED_PROPERTIES, with_path, (), {id(self)}, [])

    @classmethod
    def with_name_scope(cls, method: Callable) -> Callable:
        """Decorator: runs `method` inside `self.name_scope`."""

        @functools.wraps(method)
        def method_with_name_scope(self: Module, *args: Any, **kwargs: Any) -> Any:
            with self.name_scope:
                return method(self, *args, **kwargs)

        return method_with_name_scope


def _always(_: Any) -> bool:
    return True


def _is_variable(obj: Any) -> bool:
    return isinstance(obj, Variable)


def _is_trainable_variable(obj: Any) -> bool:
    return isinstance(obj, Variable) and bool(getattr(obj, "trainable", False))


def _is_non_trainable_variable(obj: Any) -> bool:
    return isinstance(obj, Variable) and not getattr(obj, "trainable", False)


def _is_module(obj: Any) -> bool:
    return isinstance(obj, Module)


def _flatten_module(module: Module, recursive: bool, predicate: Callable, traversal_key: Any, ignored: frozenset,
                    with_path: bool, module_path: tuple, seen: set, recursion_stack: list) -> Iterator[Any]:
    module_id = id(module)
    if module_id in recursion_stack:
        recursive = False
    module_dict = vars(module)
    submodules = []
    for key in sorted(module_dict, key=traversal_key):
        if key in ignored:
            continue
        prop = module_dict[key]
        try:
            leaves = _with_paths(prop) if with_path else [((), x) for x in nest.flatten(prop)]
        except Exception as cause:
            raise ValueError(f"Error processing property {key!r} of {prop!r}") from cause
        for leaf_path, leaf in leaves:
            leaf_path = (key, *leaf_path)
            if not with_path:
                if id(leaf) in seen:
                    continue
                seen.add(id(leaf))
            if predicate(leaf):
                yield (module_path + leaf_path, leaf) if with_path else leaf
            if recursive and isinstance(leaf, Module):
                submodules.append((module_path + leaf_path, leaf))
    recursion_stack.append(module_id)
    for sub_path, sub in submodules:
        yield from _flatten_module(sub, recursive, predicate, traversal_key, ignored, with_path, sub_path, seen,
                                   recursion_stack)
    recursion_stack.pop()


def _with_paths(structure: Any) -> list:
    """`(path, leaf)` pairs in `tf.nest.flatten` order (dicts by sorted key)."""
    if not nest.is_nested(structure):
        return [((), structure)]
    if isinstance(structure, dict):
        items = [(k, structure[k]) for k in sorted(structure)]
    else:
        items = list(enumerate(structure))
    out = []
    for key, value in items:
        out.extend(((key, *path), leaf) for path, leaf in _with_paths(value))
    return out
