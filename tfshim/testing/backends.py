"""Finding the two modules to compare: tfshim, and real TensorFlow when it is installed."""

from __future__ import annotations

import importlib
import os
from types import ModuleType

TENSORFLOW_MISSING = ("real TensorFlow is not installed (pip install tensorflow-cpu==2.21.0 "
                      "to compare tfshim against it)")

_cache: dict[str, ModuleType | None] = {}


def load_tfshim() -> ModuleType:
    import tfshim

    return tfshim


def load_tensorflow() -> ModuleType | None:
    """The real `tensorflow` module, or None when it cannot be imported.

    TensorFlow's C++ start-up logging is silenced unless TF_CPP_MIN_LOG_LEVEL is already set. A
    `tensorflow` module that is really tfshim (installed under TensorFlow's name) counts as missing.
    """
    if "tf" not in _cache:
        os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
        try:
            module = importlib.import_module("tensorflow")
        except ImportError:
            module = None
        if module is not None and hasattr(module, "__shim_version__"):
            module = None
        _cache["tf"] = module
    return _cache["tf"]


def tensorflow_version() -> str | None:
    module = load_tensorflow()
    return None if module is None else module.__version__
