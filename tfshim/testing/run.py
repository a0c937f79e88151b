"""Running a program written against a `tf` parameter and capturing its result as an encoded node.

The program runs in isolation: whatever it raises becomes its result (class and message), Python
warnings are silenced, and an optional timeout (main thread only, via SIGALRM) stops a program that
hangs. The timeout exception derives from BaseException so `except Exception` in the program cannot
swallow it.
"""

from __future__ import annotations

import signal
import threading
import warnings
from collections.abc import Callable
from types import ModuleType
from typing import Any

from tfshim.testing.encode import encode, encode_exception


class ProgramTimeout(BaseException):
    """Raised inside a program that ran past its time limit."""


def run_program(fn: Callable[..., Any], module: ModuleType, *args: Any, timeout: float | None = None,
                **kwargs: Any) -> dict:
    """`encode(fn(module, *args, **kwargs))`, or the encoded exception it raised."""
    with warnings.catch_warnings(), _time_limit(timeout):
        warnings.simplefilter("ignore")
        try:
            return encode(fn(module, *args, **kwargs))
        except ProgramTimeout:
            return {"kind": "error", "type": "Timeout", "message": f"did not finish within {timeout} s"}
        except KeyboardInterrupt:
            raise
        except BaseException as exc:  # the exception is the program's result
            return encode_exception(exc)


class _time_limit:  # noqa: N801 - used as a context manager
    def __init__(self, seconds: float | None) -> None:
        self.seconds = seconds
        self.armed = bool(seconds) and threading.current_thread() is threading.main_thread() \
            and hasattr(signal, "setitimer")

    def __enter__(self) -> None:
        if self.armed:
            self.previous = signal.signal(signal.SIGALRM, _expire)
            signal.setitimer(signal.ITIMER_REAL, self.seconds)

    def __exit__(self, *exc: Any) -> None:
        if self.armed:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, self.previous)


def _expire(signum: int, frame: Any) -> None:
    raise ProgramTimeout()
