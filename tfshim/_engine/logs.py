"""Messages TensorFlow writes through its own logger ("WARNING:tensorflow:..." on stderr).

They are not Python warnings, so `warnings.catch_warnings` does not see them, as in TensorFlow.
"""

from __future__ import annotations

import logging
import sys

_logger = logging.getLogger("tensorflow")
_counts: dict[str, int] = {}


def get_logger() -> logging.Logger:
    """`tf.get_logger()`: the logger, given a stderr handler on first use like TensorFlow's."""
    if not _logger.handlers:
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("%(levelname)s:%(name)s:%(message)s"))
        _logger.addHandler(handler)
        _logger.propagate = False
    return _logger


def warning(message: str) -> None:
    get_logger().warning(message)


def warning_first_n(message: str, n: int, key: str | None = None) -> None:
    """Logs `message` only the first `n` times this call site (`key`) is reached in the process."""
    key = key or message
    seen = _counts.get(key, 0)
    if seen < n:
        _counts[key] = seen + 1
        warning(message)
