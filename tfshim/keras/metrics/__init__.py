"""`tf.keras.metrics`: stateful metrics (update_state / result / reset_state) and the per-sample
metric functions under TF 2.21's names.

All of TF 2.21's metrics are provided.
"""

from __future__ import annotations

import inspect
from typing import Any

from tfshim.keras.backend.global_state import to_snake_case
from tfshim.keras.losses import (
    KLD,
    MAE,
    MAPE,
    MSE,
    MSLE,
    binary_crossentropy,
    binary_focal_crossentropy,
    categorical_crossentropy,
    categorical_focal_crossentropy,
    categorical_hinge,
    hinge,
    huber,
    kld,
    kullback_leibler_divergence,
    logcosh,
    mae,
    mape,
    mse,
    msle,
    poisson,
    sparse_categorical_crossentropy,
    squared_hinge,
)
from tfshim.keras.metrics.accuracy_metrics import (
    Accuracy,
    BinaryAccuracy,
    CategoricalAccuracy,
    SparseCategoricalAccuracy,
    SparseTopKCategoricalAccuracy,
    TopKCategoricalAccuracy,
    binary_accuracy,
    categorical_accuracy,
    sparse_categorical_accuracy,
    sparse_top_k_categorical_accuracy,
    top_k_categorical_accuracy,
)
from tfshim.keras.metrics.confusion_metrics import (
    AUC,
    FalseNegatives,
    FalsePositives,
    Precision,
    PrecisionAtRecall,
    Recall,
    RecallAtPrecision,
    SensitivityAtSpecificity,
    SpecificityAtSensitivity,
    TrueNegatives,
    TruePositives,
)
from tfshim.keras.metrics.correlation_metrics import (
    ConcordanceCorrelation,
    PearsonCorrelation,
    concordance_correlation,
    pearson_correlation,
)
from tfshim.keras.metrics.f_score_metrics import F1Score, FBetaScore
from tfshim.keras.metrics.hinge_metrics import CategoricalHinge, Hinge, SquaredHinge
from tfshim.keras.metrics.iou_metrics import BinaryIoU, IoU, MeanIoU, OneHotIoU, OneHotMeanIoU
from tfshim.keras.metrics.metric import Metric
from tfshim.keras.metrics.probabilistic_metrics import (
    BinaryCrossentropy,
    CategoricalCrossentropy,
    KLDivergence,
    Poisson,
    SparseCategoricalCrossentropy,
)
from tfshim.keras.metrics.reduction_metrics import Mean, MeanMetricWrapper, Sum
from tfshim.keras.metrics.regression_metrics import (
    CosineSimilarity,
    LogCoshError,
    MeanAbsoluteError,
    MeanAbsolutePercentageError,
    MeanSquaredError,
    MeanSquaredLogarithmicError,
    R2Score,
    RootMeanSquaredError,
)
from tfshim.keras.utils.config_tables import deserialize_named as _deserialize_named
from tfshim.keras.utils.config_tables import serialize_named as _serialize_named

_ALL_OBJECTS = (
    Metric, Mean, Sum, MeanMetricWrapper, MeanSquaredError, RootMeanSquaredError, MeanAbsoluteError,
    MeanAbsolutePercentageError, MeanSquaredLogarithmicError, CosineSimilarity, LogCoshError, AUC,
    FalseNegatives, FalsePositives, Precision, PrecisionAtRecall, Recall, RecallAtPrecision,
    SensitivityAtSpecificity, SpecificityAtSensitivity, TrueNegatives, TruePositives, Hinge, SquaredHinge,
    CategoricalHinge, KLDivergence, Poisson, BinaryCrossentropy, CategoricalCrossentropy,
    SparseCategoricalCrossentropy, Accuracy, BinaryAccuracy, CategoricalAccuracy, SparseCategoricalAccuracy,
    TopKCategoricalAccuracy, SparseTopKCategoricalAccuracy, F1Score, FBetaScore, R2Score, IoU, BinaryIoU, MeanIoU,
    OneHotIoU, OneHotMeanIoU, ConcordanceCorrelation, PearsonCorrelation,
)


# Keras looks metrics up by class name and by its snake_case ('accuracy', 'auc', ...): every name
# gives a class, so `get('categorical_crossentropy')` is a CategoricalCrossentropy instance.
_BY_NAME: dict = {cls.__name__: cls for cls in _ALL_OBJECTS}
_BY_NAME.update({to_snake_case(cls.__name__): cls for cls in _ALL_OBJECTS})
_BY_NAME.update({
    "bce": BinaryCrossentropy, "BCE": BinaryCrossentropy, "mse": MeanSquaredError, "MSE": MeanSquaredError,
    "mae": MeanAbsoluteError, "MAE": MeanAbsoluteError, "mape": MeanAbsolutePercentageError,
    "MAPE": MeanAbsolutePercentageError, "msle": MeanSquaredLogarithmicError,
    "MSLE": MeanSquaredLogarithmicError,
})


def serialize(metric: Any) -> Any:
    """Keras's serialized form of a `Metric` instance or of a function (a name stays a name)."""
    return _serialize_named(metric, Metric, "keras.metrics")


def deserialize(config: Any, custom_objects: dict | None = None) -> Any:
    """A metric from `serialize`'s output (or a class name)."""
    return _deserialize_named(config, _BY_NAME, "metric", custom_objects)


def get(identifier: Any) -> Any:
    """`keras.metrics.get`: None, a class name or its snake_case (an instance), a config dict, a
    class (instantiated) or a callable (returned as is)."""
    if identifier is None:
        return None
    if isinstance(identifier, dict):
        obj = deserialize(identifier)
    elif isinstance(identifier, str):
        obj = _BY_NAME.get(identifier, None)
    else:
        obj = identifier
    if callable(obj):
        return obj() if inspect.isclass(obj) else obj
    raise ValueError(f"Could not interpret metric identifier: {identifier}")

# the names TF 2.21's `tf.keras.metrics` has (helpers imported here stay out of it)
__all__ = [
    "AUC", "Accuracy", "BinaryAccuracy", "BinaryIoU", "IoU", "MeanIoU", "OneHotIoU", "OneHotMeanIoU",
    "BinaryCrossentropy", "CategoricalAccuracy", "CategoricalCrossentropy",
    "CategoricalHinge", "CosineSimilarity", "F1Score", "FBetaScore", "FalseNegatives", "FalsePositives", "Hinge",
    "KLD", "KLDivergence", "LogCoshError", "MAE", "MAPE", "MSE", "MSLE", "Mean", "MeanAbsoluteError",
    "MeanAbsolutePercentageError", "MeanMetricWrapper", "MeanSquaredError", "MeanSquaredLogarithmicError",
    "Metric", "Poisson", "Precision", "PrecisionAtRecall", "R2Score", "Recall", "RecallAtPrecision",
    "RootMeanSquaredError", "SensitivityAtSpecificity", "SparseCategoricalAccuracy",
    "SparseCategoricalCrossentropy", "SparseTopKCategoricalAccuracy", "SpecificityAtSensitivity", "SquaredHinge",
    "Sum", "TopKCategoricalAccuracy", "TrueNegatives", "TruePositives", "binary_accuracy", "binary_crossentropy",
    "binary_focal_crossentropy", "categorical_accuracy", "categorical_crossentropy",
    "categorical_focal_crossentropy", "categorical_hinge", "deserialize", "get", "hinge", "huber", "kld",
    "kullback_leibler_divergence", "logcosh", "mae", "mape", "mse", "msle", "poisson", "serialize",
    "sparse_categorical_accuracy", "sparse_categorical_crossentropy", "sparse_top_k_categorical_accuracy",
    "squared_hinge", "top_k_categorical_accuracy", "ConcordanceCorrelation", "PearsonCorrelation",
    "concordance_correlation", "pearson_correlation",
]
