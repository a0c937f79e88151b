"""What losses and metrics read from the Keras backend (floatx, epsilon, auto names), and the
logits that Keras's own `sigmoid`/`softmax` attach to their outputs.

Each is read at call time (as Keras does), so `set_epsilon`/`set_floatx` apply immediately.
"""

from __future__ import annotations

from typing import Any

import tfshim as tf
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


def compute_dtype(dtype: Any) -> str:
    """The compute dtype name of a `dtype=` argument: a dtype, its name, a DTypePolicy or a policy
    name such as `'mixed_float16'` (float16)."""
    compute = getattr(dtype, "compute_dtype", None)
    if compute is not None:
        return str(compute)
    if isinstance(dtype, str) and dtype.startswith("mixed_"):
        return str(_backend.DTypePolicy(dtype).compute_dtype)
    return tf.as_dtype(dtype).name


def keras_logits(output: Any) -> Any:
    """The logits Keras's `sigmoid`/`softmax` attached to `output`, or None. The activations keep
    them in a side table, since tfshim's EagerTensor has no room for `_keras_logits`."""
    return attached_logits(output)
