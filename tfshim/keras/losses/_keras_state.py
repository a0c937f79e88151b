"""What losses and metrics read from the Keras backend: floatx, epsilon, auto names, the logits
that Keras's own `sigmoid`/`softmax` attach to their outputs, and the Keras mask of a tensor.

Each is read at call time (as Keras does), so `set_epsilon`/`set_floatx` apply immediately.
"""

from __future__ import annotations

import re
import weakref
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


# Logits attached to outputs that cannot take a `_keras_logits` attribute (tfshim's EagerTensor has
# fixed slots): id(output) -> (weak reference to the output, logits). The entry goes with the output.
_ATTACHED: dict = {}


def attach_logits(output: Any, logits: Any) -> Any:
    """Marks `output` as `sigmoid`/`softmax` of `logits`, as Keras's activations do, so that the
    cross-entropies use the logits. Returns `output`."""
    try:
        output._keras_logits = logits
        return output
    except AttributeError:
        pass
    key = id(output)

    def forget(_ref: Any, key: int = key) -> None:
        _ATTACHED.pop(key, None)

    _ATTACHED[key] = (weakref.ref(output, forget), logits)
    return output


def keras_logits(output: Any) -> Any:
    """The logits Keras's `sigmoid`/`softmax` attached to `output`, or None."""
    logits = getattr(output, "_keras_logits", None)
    if logits is not None:
        return logits
    entry = _ATTACHED.get(id(output))
    if entry is not None and entry[0]() is output:
        return entry[1]
    return None
