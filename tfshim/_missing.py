"""The error for a TensorFlow name tfshim does not implement.

It is an AttributeError (so `hasattr` works) that names the full TensorFlow path and says where the
list of implemented names is.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

COMPATIBILITY_DOC = "docs/compatibility.md"


def missing_name_error(module_name: str, tf_path: str, name: str) -> AttributeError:
    return AttributeError(f"module '{module_name}' has no attribute '{name}': tfshim does not implement "
                          f"{tf_path}.{name} yet (the names it implements are listed in {COMPATIBILITY_DOC})")


def module_getattr(module_name: str, tf_path: str) -> Callable[[str], Any]:
    """A module-level `__getattr__` for the module `module_name` mirroring `tf_path` (e.g. 'tf.math')."""
    def __getattr__(name: str) -> Any:  # noqa: N807 - this is the module hook
        if name.startswith("__") and name.endswith("__"):
            raise AttributeError(f"module '{module_name}' has no attribute '{name}'")
        raise missing_name_error(module_name, tf_path, name)

    return __getattr__
