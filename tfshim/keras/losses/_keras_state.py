"""What losses and metrics read from the Keras backend (floatx, epsilon, auto names), and the
logits that Keras's own `sigmoid`/`softmax` attach to their outputs.

Each is read at call time (as Keras does), so `set_epsilon`/`set_floatx` apply immediately.
"""

from __future__ import annotations

from typing import Any

from tfshim.keras import backend as _backend
from tfshim.keras.activations.activations import attached_logits


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


def keras_logits(output: Any) -> Any:
    """The logits Keras's `sigmoid`/`softmax` attached to `output`, or None. The activations keep
    them in a side table, since tfshim's EagerTensor has no room for `_keras_logits`."""
    return attached_logits(output)
