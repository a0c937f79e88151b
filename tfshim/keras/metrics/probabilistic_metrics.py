"""Probabilistic metrics: weighted means of the cross-entropy, KL divergence and Poisson losses'
per-sample values."""

from __future__ import annotations

from typing import Any

from tfshim.keras.losses import losses as _losses
from tfshim.keras.metrics.reduction_metrics import MeanMetricWrapper


class KLDivergence(MeanMetricWrapper):
    """`keras.metrics.KLDivergence`."""

    def __init__(self, name: str = "kl_divergence", dtype: Any = None) -> None:
        super().__init__(fn=_losses.kl_divergence, name=name, dtype=dtype)

    def get_config(self) -> dict:
        return {"name": self.name, "dtype": self.dtype}


class Poisson(MeanMetricWrapper):
    """`keras.metrics.Poisson`."""

    def __init__(self, name: str = "poisson", dtype: Any = None) -> None:
        super().__init__(fn=_losses.poisson, name=name, dtype=dtype)

    def get_config(self) -> dict:
        return {"name": self.name, "dtype": self.dtype}


class BinaryCrossentropy(MeanMetricWrapper):
    """`keras.metrics.BinaryCrossentropy(from_logits=False, label_smoothing=0)`."""

    def __init__(self, name: str = "binary_crossentropy", dtype: Any = None, from_logits: bool = False,
                 label_smoothing: float = 0) -> None:
        super().__init__(_losses.binary_crossentropy, name, dtype=dtype, from_logits=from_logits,
                         label_smoothing=label_smoothing)
        self.from_logits = from_logits
        self.label_smoothing = label_smoothing

    def get_config(self) -> dict:
        return {"name": self.name, "dtype": self.dtype, "from_logits": self.from_logits,
                "label_smoothing": self.label_smoothing}


class CategoricalCrossentropy(MeanMetricWrapper):
    """`keras.metrics.CategoricalCrossentropy(from_logits=False, label_smoothing=0, axis=-1)`."""

    def __init__(self, name: str = "categorical_crossentropy", dtype: Any = None, from_logits: bool = False,
                 label_smoothing: float = 0, axis: int = -1) -> None:
        super().__init__(_losses.categorical_crossentropy, name, dtype=dtype, from_logits=from_logits,
                         label_smoothing=label_smoothing, axis=axis)
        self.from_logits = from_logits
        self.label_smoothing = label_smoothing
        self.axis = axis

    def get_config(self) -> dict:
        return {"name": self.name, "dtype": self.dtype, "from_logits": self.from_logits,
                "label_smoothing": self.label_smoothing, "axis": self.axis}


class SparseCategoricalCrossentropy(MeanMetricWrapper):
    """`keras.metrics.SparseCategoricalCrossentropy(from_logits=False, ignore_class=None, axis=-1)`.

    As in Keras, ignored samples count as zeros in the mean unless a `sample_weight` is passed
    (the ignore mask is folded into the weights only)."""

    def __init__(self, name: str = "sparse_categorical_crossentropy", dtype: Any = None,
                 from_logits: bool = False, ignore_class: Any = None, axis: int = -1) -> None:
        super().__init__(_losses.sparse_categorical_crossentropy, name=name, dtype=dtype,
                         from_logits=from_logits, ignore_class=ignore_class, axis=axis)
        self.from_logits = from_logits
        self.ignore_class = ignore_class
        self.axis = axis

    def _values_and_mask(self, y_true: Any, y_pred: Any) -> tuple:
        return _losses._sparse_categorical_crossentropy(y_true, y_pred, self.from_logits, self.ignore_class,
                                                        self.axis)

    def get_config(self) -> dict:
        return {"name": self.name, "dtype": self.dtype, "from_logits": self.from_logits,
                "ignore_class": self.ignore_class, "axis": self.axis}
