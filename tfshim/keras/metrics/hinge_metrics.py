"""Hinge metrics: weighted means of the hinge losses' per-sample values."""

from __future__ import annotations

from typing import Any

from tfshim.keras.losses import losses as _losses
from tfshim.keras.metrics.reduction_metrics import MeanMetricWrapper


class Hinge(MeanMetricWrapper):
    """`keras.metrics.Hinge`."""

    def __init__(self, name: str = "hinge", dtype: Any = None) -> None:
        super().__init__(fn=_losses.hinge, name=name, dtype=dtype)

    def get_config(self) -> dict:
        return {"name": self.name, "dtype": self.dtype}


class SquaredHinge(MeanMetricWrapper):
    """`keras.metrics.SquaredHinge`."""

    def __init__(self, name: str = "squared_hinge", dtype: Any = None) -> None:
        super().__init__(fn=_losses.squared_hinge, name=name, dtype=dtype)

    def get_config(self) -> dict:
        return {"name": self.name, "dtype": self.dtype}


class CategoricalHinge(MeanMetricWrapper):
    """`keras.metrics.CategoricalHinge`."""

    def __init__(self, name: str = "categorical_hinge", dtype: Any = None) -> None:
        super().__init__(fn=_losses.categorical_hinge, name=name, dtype=dtype)

    def get_config(self) -> dict:
        return {"name": self.name, "dtype": self.dtype}
