"""A one-line progress bar on stderr (drawn only when stderr is a terminal)."""

from __future__ import annotations

import sys
from typing import TextIO


class Progress:
    def __init__(self, total: int, label: str, stream: TextIO | None = None, enabled: bool | None = None) -> None:
        self.total = max(total, 1)
        self.label = label
        self.stream = stream or sys.stderr
        self.enabled = self.stream.isatty() if enabled is None else enabled
        self.done = 0
        self.bad = 0

    def step(self, what: str, ok: bool = True) -> None:
        self.done += 1
        self.bad += not ok
        if not self.enabled:
            return
        width = 30
        filled = int(width * self.done / self.total)
        bar = "#" * filled + "." * (width - filled)
        text = f"\r{self.label} [{bar}] {self.done}/{self.total} ({self.bad} differ) {what[:50]:<50}"
        self.stream.write(text)
        self.stream.flush()

    def close(self) -> None:
        if self.enabled:
            self.stream.write("\r" + " " * 140 + "\r")
            self.stream.flush()
