"""What losses and metrics read from the Keras backend: floatx, epsilon, auto names, the logits
that Keras's own `sigmoid`/`softmax` attach to their outputs, and the Keras mask of a tensor.

Each is read at call time (as Keras does), so `set_epsilon`/`set_floatx` apply immediately.
"""

from __future__ import annotations

import re
from typing import Any

from tfshim.keras import backend as _backend


def floatx() -> str:
    """`keras.backend.floatx()`."""
    fn = getattr(_backend, "floatx", None)
    return "float32" if fn is None else fn()


def epsilon() -> float:
    """`keras.backend.epsilon()`: the clipping constant of the losses and metrics."""
    fn = getattr(_backend, "epsilon", None)
    return 1e-7 if fn is None else fn()


def _snake_case(name: str) -> str:
    name = re.sub(r"\W+", "", name)
    name = re.sub("(.)([A-Z][a-z]+)", r"\1_\2", name)
    return re.sub("([a-z])([A-Z])", r"\1_\2", name).lower()


def auto_name(class_name: str) -> str:
    """Keras's `auto_name`: snake_case of the class name, made unique by the global name counter
    (the one layers use, reset by `clear_session()`)."""
    name = _snake_case(class_name)
    fn = getattr(_backend, "uniquify", None)
    if fn is not None:
        return fn(name)
    count = _UIDS.get(name, 0)
    _UIDS[name] = count + 1
    return f"{name}_{count}" if count else name


_UIDS: dict = {}


def keras_logits(output: Any) -> Any:
    """The logits Keras's `sigmoid`/`softmax` attached to `output` (`_keras_logits`), or None."""
    return getattr(output, "_keras_logits", None)
