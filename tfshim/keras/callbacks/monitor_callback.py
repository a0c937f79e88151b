"""The base of callbacks that watch one logged value (`monitor`, `mode`, `min_delta`)."""

from __future__ import annotations

import warnings
from typing import Any

import numpy as np

from tfshim.keras.callbacks.callback import Callback

# Keras's metrics whose `_direction` is "up" (bigger is better); every other metric goes down.
_UP = {"Accuracy", "BinaryAccuracy", "CategoricalAccuracy", "SparseCategoricalAccuracy",
       "SparseTopKCategoricalAccuracy", "TopKCategoricalAccuracy", "AUC", "Precision", "Recall",
       "ConcordanceCorrelation", "PearsonCorrelation", "F1Score", "FBetaScore", "BinaryIoU", "CosineSimilarity",
       "R2Score", "PrecisionAtRecall", "RecallAtPrecision", "SensitivityAtSpecificity", "SpecificityAtSensitivity"}
_DOWN = {"CategoricalHinge", "Hinge", "SquaredHinge", "BinaryCrossentropy", "CategoricalCrossentropy",
         "KLDivergence", "Poisson", "SparseCategoricalCrossentropy", "LogCoshError", "MeanAbsoluteError",
         "MeanAbsolutePercentageError", "MeanSquaredError", "MeanSquaredLogarithmicError", "RootMeanSquaredError"}


def _less(a: Any, b: Any) -> bool:
    return bool(np.less(a, b))


def _greater(a: Any, b: Any) -> bool:
    return bool(np.greater(a, b))


class MonitorCallback(Callback):
    def __init__(self, monitor: str = "val_loss", mode: str = "auto", baseline: float | None = None,
                 min_delta: float = 0) -> None:
        super().__init__()
        if mode not in ("auto", "min", "max"):
            warnings.warn(f"{type(self).__name__} mode '{mode}' is unknown, fallback to auto mode.", stacklevel=2)
            mode = "auto"
        self.monitor = monitor
        self.mode = mode
        self.best = baseline
        self.min_delta = abs(min_delta)
        self.monitor_op: Any = None

    def _set_monitor_op(self) -> None:
        if self.mode == "min":
            self.monitor_op = _less
        elif self.mode == "max":
            self.monitor_op = _greater
        else:
            name = self.monitor.removeprefix("val_")
            if name == "loss":
                self.monitor_op = _less
            from tfshim.keras.trainers.compile_utils import CompileMetrics

            for m in getattr(self.model, "metrics", []):
                if isinstance(m, CompileMetrics):
                    for sub in m.metrics:
                        if sub.name == name:
                            cls = type(sub).__name__
                            if cls in _UP:
                                self.monitor_op = _greater
                            elif cls in _DOWN or cls == "MeanMetricWrapper":
                                self.monitor_op = _less
            if self.monitor_op is None:
                raise ValueError(f"{type(self).__name__} callback received monitor={self.monitor}, but Keras isn't "
                                 "able to automatically determine whether that metric should be maximized or "
                                 "minimized. Pass `mode='max'` in order to monitor based on the highest metric "
                                 "value, or pass `mode='min'` in order to use the lowest value.")
        if self.monitor_op is _less:
            self.min_delta *= -1

    def _is_improvement(self, value: Any, reference: Any) -> bool:
        if reference is None:
            return True
        return self.monitor_op(value - self.min_delta, reference)
