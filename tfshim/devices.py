"""`tf.device`: placement has no meaning for a NumPy engine; the context manager accepts any device
string and changes nothing (every tensor reports TensorFlow's CPU device)."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from typing import Any


@contextlib.contextmanager
def device(device_name: Any) -> Iterator[None]:
    """`tf.device(name)`: a no-op context manager."""
    yield
