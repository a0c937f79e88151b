"""What losses and metrics read from the Keras backend (floatx, epsilon, auto names), and the
logits that Keras's own `sigmoid`/`softmax` attach to their outputs.

Each is read at call time (as Keras does), so `set_epsilon`/`set_floatx` apply immediately.
"""

from __future__ import annotations

import weakref
from typing import Any

from tfshim.keras import backend as _backend


def floatx() -> str:
    """`keras.backend.floatx()`."""
    return _backend.floatx()


def epsilon() -> float:
    """`keras.backend.epsilon()`: the clipping constant of the losses and metrics."""
    return _backend.epsilon()


def auto_name(class_name: str) -> str:
    """Keras's `auto_name`: snake_case of the class name, made unique by the global name counter
    (the one layers use, reset by `clear_session()`)."""
    return _backend.auto_name(class_name)


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
