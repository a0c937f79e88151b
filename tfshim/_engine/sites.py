"""Where in the user's code something happened: the innermost stack frame outside tfshim."""

from __future__ import annotations

import os
import sys
from typing import NamedTuple

_PACKAGE_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
_SKIP = (_PACKAGE_DIR + os.sep, os.path.dirname(os.__file__) + os.sep + "contextlib.py")
_getframe = sys._getframe


class Site(NamedTuple):
    filename: str
    lineno: int
    function: str

    def __str__(self) -> str:
        return f"{_shown_path(self.filename)}:{self.lineno}"


def _shown_path(filename: str) -> str:
    """A file under the working directory is shown relative to it (`prog.py`, `src/model.py`)."""
    try:
        cwd = os.getcwd()
    except OSError:
        return filename
    if filename.startswith(cwd + os.sep):
        return filename[len(cwd) + 1:]
    return filename


def _is_internal(filename: str) -> bool:
    return filename.startswith(_SKIP) or filename == "<frozen runpy>" or filename.startswith("<frozen importlib")


def user_site() -> Site | None:
    """The first frame, from the innermost outwards, that is not tfshim's own code."""
    frame = sys._getframe(1)
    while frame is not None and _is_internal(frame.f_code.co_filename):
        frame = frame.f_back
    if frame is None:
        return None
    return Site(frame.f_code.co_filename, frame.f_lineno, frame.f_code.co_name)


def caller_site() -> tuple | None:
    """The cheap form of `user_site` for code that runs without explain mode (a variable's creation, a
    tape's last use): the user's code object and line, made into a Site by `as_site` only when a report
    needs it. About 0.3 µs."""
    frame = _getframe(1)
    while frame is not None and frame.f_code.co_filename.startswith(_SKIP):
        frame = frame.f_back
    if frame is None:
        return None
    return frame.f_code, frame.f_lineno


def as_site(raw: tuple | None) -> Site | None:
    """The Site of what `caller_site` returned."""
    if raw is None:
        return None
    code, lineno = raw
    return Site(code.co_filename, lineno, code.co_name)


def user_stacklevel() -> int:
    """The `stacklevel` for warnings.warn, called from tfshim code, that points at the user's line."""
    frame = sys._getframe(1)
    level = 1
    while frame is not None and _is_internal(frame.f_code.co_filename):
        frame = frame.f_back
        level += 1
    return level
