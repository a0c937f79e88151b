"""Serving tfshim under the name `tensorflow`, so unmodified TensorFlow code runs on it.

`install_as_tensorflow()` puts a meta-path finder first on `sys.meta_path`. It answers
`import tensorflow` and `import tensorflow.<sub>` with alias modules (real modules with a real
`__spec__`) holding tfshim's namespaces; a submodule tfshim lacks fails with a ModuleNotFoundError
that says so, and a missing attribute with an informative AttributeError. Nothing happens on
`import tfshim`: the alias is only ever installed on request.

In TF 2.21 `tf.keras` is Keras 3 itself, so the finder also answers `import keras` (and
`keras.<sub>`) with `tfshim.keras`; `tf.keras` and `from tensorflow import keras` load it lazily.
"""

from __future__ import annotations

import importlib
import importlib.abc
import importlib.machinery
import importlib.util
import sys
from types import ModuleType
from typing import Any

from tfshim._missing import COMPATIBILITY_DOC, module_getattr

_PREFIX = "tensorflow"
_KERAS = "keras"


def _is_keras(fullname: str) -> bool:
    return fullname == _KERAS or fullname.startswith(_KERAS + ".")


def _shim_name(fullname: str) -> str:
    if _is_keras(fullname):
        return "tfshim." + fullname
    return "tfshim" + fullname[len(_PREFIX):]


def _tf_path(fullname: str) -> str:
    if _is_keras(fullname):
        return "tf." + fullname
    return "tf" + fullname[len(_PREFIX):]


def _lazy_getattr(module: ModuleType, shim_name: str, fallback: Any) -> Any:
    """The alias module's `__getattr__`: a tfshim namespace loaded lazily (`tf.keras`) is imported
    as the alias submodule; any other missing name gets the informative AttributeError."""

    def __getattr__(name: str) -> Any:  # noqa: N807 - the module hook's name
        if not name.startswith("_") and _is_namespace(f"{shim_name}.{name}"):
            return importlib.import_module(f"{module.__name__}.{name}")
        return fallback(name)

    return __getattr__


class _AliasLoader(importlib.abc.Loader):
    """Fills an alias module with the public names of the matching tfshim module."""

    def __init__(self, shim_name: str) -> None:
        self._shim_name = shim_name

    def create_module(self, spec: importlib.machinery.ModuleSpec) -> ModuleType | None:
        return None  # the default module object

    def exec_module(self, module: ModuleType) -> None:
        target = importlib.import_module(self._shim_name)
        module.__getattr__ = _lazy_getattr(module, self._shim_name,
                                           module_getattr(module.__name__, _tf_path(module.__name__)))
        module.__tfshim__ = target
        for name, value in vars(target).items():
            if name.startswith("_") and name not in ("__version__", "__shim_version__", "__doc__"):
                continue
            if isinstance(value, ModuleType) and value.__name__ == f"{self._shim_name}.{name}" and \
                    _is_namespace(value.__name__):
                value = importlib.import_module(f"{module.__name__}.{name}")  # tf.math is tensorflow.math
            setattr(module, name, value)


class TensorFlowFinder(importlib.abc.MetaPathFinder):
    """Finds `tensorflow` and `tensorflow.<sub>` among tfshim's namespaces."""

    def find_spec(self, fullname: str, path: Any = None, target: Any = None) -> importlib.machinery.ModuleSpec | None:
        if fullname != _PREFIX and not fullname.startswith(_PREFIX + ".") and not _is_keras(fullname):
            return None
        shim_name = _shim_name(fullname)
        if not _is_namespace(shim_name):
            raise ModuleNotFoundError(f"No module named '{fullname}': tfshim does not implement {_tf_path(fullname)} "
                                      f"yet (the names it implements are listed in {COMPATIBILITY_DOC})",
                                      name=fullname)
        shim_spec = importlib.util.find_spec(shim_name)
        spec = importlib.machinery.ModuleSpec(fullname, _AliasLoader(shim_name),
                                              origin=shim_spec.origin if shim_spec else None,
                                              is_package=shim_spec is not None and
                                              shim_spec.submodule_search_locations is not None)
        return spec


def _is_namespace(shim_name: str) -> bool:
    """Only tfshim's public namespace modules stand in for TensorFlow modules."""
    parts = shim_name.split(".")
    if any(p.startswith("_") for p in parts) or parts[1:2] in (["ops"], ["testing"]):
        return False
    try:
        return importlib.util.find_spec(shim_name) is not None
    except ModuleNotFoundError:
        return False


def _installed_finder() -> TensorFlowFinder | None:
    return next((f for f in sys.meta_path if isinstance(f, TensorFlowFinder)), None)


def install_as_tensorflow() -> None:
    """Makes `import tensorflow` (and its submodules) import tfshim. Idempotent.

    Raises RuntimeError if the real TensorFlow was already imported in this process.
    """
    if _installed_finder() is not None:
        return
    real = sys.modules.get(_PREFIX)
    if real is not None:
        raise RuntimeError(f"The real TensorFlow is already imported ({getattr(real, '__file__', real)!s}), so tfshim "
                           "cannot stand in for it. Call tfshim.install_as_tensorflow() before anything imports "
                           "tensorflow (or run the program with `python -m tfshim run`).")
    sys.meta_path.insert(0, TensorFlowFinder())


def uninstall_as_tensorflow() -> None:
    """Undoes `install_as_tensorflow()`: removes the finder and the alias modules."""
    finder = _installed_finder()
    if finder is None:
        return
    sys.meta_path.remove(finder)
    for name in [n for n in sys.modules if n == _PREFIX or n.startswith(_PREFIX + ".") or _is_keras(n)]:
        if isinstance(sys.modules[name].__spec__.loader, _AliasLoader):
            del sys.modules[name]


def is_installed() -> bool:
    return _installed_finder() is not None
