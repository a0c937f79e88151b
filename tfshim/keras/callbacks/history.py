"""`keras.callbacks.History`: `history.history[name]` is the list of epoch values."""

from __future__ import annotations

from typing import Any

from tfshim.keras.callbacks.callback import Callback


class History(Callback):
    def __init__(self) -> None:
        super().__init__()
        self.history: dict = {}

    def on_train_begin(self, logs: dict | None = None) -> None:
        self.epoch: list = []

    def on_epoch_end(self, epoch: int, logs: dict | None = None) -> None:
        logs = logs or {}
        self.epoch.append(epoch)
        for k, v in logs.items():
            self.history.setdefault(k, []).append(v)
        self.model.__dict__["history"] = self

    def _keys(self) -> Any:
        return list(self.history)
