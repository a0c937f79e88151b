"""`CallbackList`: calls every callback in order, with the logs turned into sorted Python floats;
adds `History` and `ProgbarLogger` at the end as `fit` asks."""

from __future__ import annotations

from typing import Any

import numpy as np

import tfshim as tf
from tfshim.keras.callbacks.callback import Callback
from tfshim.keras.callbacks.history import History
from tfshim.keras.callbacks.progbar_logger import ProgbarLogger


def pythonify_logs(logs: Any) -> dict:
    """Keras's `pythonify_logs`: keys sorted, nested dicts flattened, values `float()` where possible."""
    result: dict = {}
    for key, value in sorted((logs or {}).items()):
        if isinstance(value, dict):
            result.update(pythonify_logs(value))
            continue
        try:
            if tf.is_tensor(value):
                value = value.numpy()
            value = float(value)
        except Exception:
            pass
        result[key] = value
    return result


def _flatten(callbacks: Any) -> list:
    if callbacks is None:
        return []
    if isinstance(callbacks, (list, tuple)):
        out = []
        for c in callbacks:
            out.extend(_flatten(c))
        return out
    return [callbacks]


class CallbackList(Callback):
    def __init__(self, callbacks: Any = None, add_history: bool = False, add_progbar: bool = False,
                 model: Any = None, **params: Any) -> None:
        super().__init__()
        self.callbacks = _flatten(callbacks)
        self._history = None
        self._progbar = None
        for cb in self.callbacks:
            if isinstance(cb, ProgbarLogger):
                self._progbar = cb
            elif isinstance(cb, History):
                self._history = cb
        if self._history is None and add_history:
            self._history = History()
            self.callbacks.append(self._history)
        if self._progbar is None and add_progbar:
            self._progbar = ProgbarLogger()
            self.callbacks.append(self._progbar)
        self.set_model(model)
        self.set_params(params)

    pythonify = staticmethod(pythonify_logs)

    def append(self, callback: Callback) -> None:
        self.callbacks.append(callback)

    def set_params(self, params: dict) -> None:
        self.params = params
        if params:
            for cb in self.callbacks:
                cb.set_params(params)

    def set_model(self, model: Any) -> None:
        if not model:
            return
        super().set_model(model)
        if self._history:
            model.__dict__["history"] = self._history
        for cb in self.callbacks:
            cb.set_model(model)

    def _call(self, hook: str, *args: Any, logs: Any = None) -> None:
        # Keras passes the logs of batch hooks by keyword and of the others positionally.
        logs = pythonify_logs(logs)
        if "batch" in hook:
            for cb in self.callbacks:
                getattr(cb, hook)(*args, logs=logs)
        else:
            for cb in self.callbacks:
                getattr(cb, hook)(*args, logs)

    def on_batch_begin(self, batch: int, logs: Any = None) -> None:
        self._call("on_batch_begin", batch, logs=logs)

    def on_batch_end(self, batch: int, logs: Any = None) -> None:
        self._call("on_batch_end", batch, logs=logs)

    def on_epoch_begin(self, epoch: int, logs: Any = None) -> None:
        self._call("on_epoch_begin", epoch, logs=logs)

    def on_epoch_end(self, epoch: int, logs: Any = None) -> None:
        self._call("on_epoch_end", epoch, logs=logs)

    def on_train_batch_begin(self, batch: int, logs: Any = None) -> None:
        self._call("on_train_batch_begin", batch, logs=logs)

    def on_train_batch_end(self, batch: int, logs: Any = None) -> None:
        self._call("on_train_batch_end", batch, logs=logs)

    def on_test_batch_begin(self, batch: int, logs: Any = None) -> None:
        self._call("on_test_batch_begin", batch, logs=logs)

    def on_test_batch_end(self, batch: int, logs: Any = None) -> None:
        self._call("on_test_batch_end", batch, logs=logs)

    def on_predict_batch_begin(self, batch: int, logs: Any = None) -> None:
        self._call("on_predict_batch_begin", batch, logs=logs)

    def on_predict_batch_end(self, batch: int, logs: Any = None) -> None:
        logs = {k: (np.asarray(v.numpy()) if tf.is_tensor(v) else v) for k, v in (logs or {}).items()}
        logs = tf.nest.map_structure(lambda v: v.numpy() if tf.is_tensor(v) else v, logs)
        for cb in self.callbacks:
            cb.on_predict_batch_end(batch, logs=logs)

    def on_train_begin(self, logs: Any = None) -> None:
        self._call("on_train_begin", logs=logs)

    def on_train_end(self, logs: Any = None) -> None:
        self._call("on_train_end", logs=logs)

    def on_test_begin(self, logs: Any = None) -> None:
        self._call("on_test_begin", logs=logs)

    def on_test_end(self, logs: Any = None) -> None:
        self._call("on_test_end", logs=logs)

    def on_predict_begin(self, logs: Any = None) -> None:
        self._call("on_predict_begin", logs=logs)

    def on_predict_end(self, logs: Any = None) -> None:
        self._call("on_predict_end", logs=logs)
