"""`tf.keras.losses`: loss classes and their function forms under TF 2.21's names.

TF 2.21 exports the functions under their short names only (`mse`, `kld`, `logcosh`, `huber`, ...):
`mean_squared_error`, `kl_divergence`, `log_cosh` and the other long names are absent here too,
though `get('mean_squared_error')` still resolves them. Not provided: `CTC`,
`Circle`, `CategoricalGeneralizedCrossEntropy` and their functions.
"""

from __future__ import annotations

import inspect
from typing import Any

from tfshim.keras.losses.loss import Loss
from tfshim.keras.losses.losses import (
    BinaryCrossentropy,
    BinaryFocalCrossentropy,
    CategoricalCrossentropy,
    CategoricalFocalCrossentropy,
    CategoricalHinge,
    CosineSimilarity,
    Dice,
    Hinge,
    Huber,
    KLDivergence,
    LogCosh,
    LossFunctionWrapper,
    MeanAbsoluteError,
    MeanAbsolutePercentageError,
    MeanSquaredError,
    MeanSquaredLogarithmicError,
    Poisson,
    SparseCategoricalCrossentropy,
    SquaredHinge,
    Tversky,
    binary_crossentropy,
    binary_focal_crossentropy,
    categorical_crossentropy,
    categorical_focal_crossentropy,
    categorical_hinge,
    cosine_similarity,
    dice,
    hinge,
    huber,
    kl_divergence,
    log_cosh,
    mean_absolute_error,
    mean_absolute_percentage_error,
    mean_squared_error,
    mean_squared_logarithmic_error,
    poisson,
    sparse_categorical_crossentropy,
    squared_hinge,
    tversky,
)
from tfshim.keras.losses.reduction import Reduction
from tfshim.keras.utils.config_tables import deserialize_named as _deserialize_named
from tfshim.keras.utils.config_tables import serialize_named as _serialize_named

# TF 2.21's public aliases of the per-sample functions.
MSE = mse = mean_squared_error
MAE = mae = mean_absolute_error
MAPE = mape = mean_absolute_percentage_error
MSLE = msle = mean_squared_logarithmic_error
KLD = kld = kullback_leibler_divergence = kl_divergence
logcosh = log_cosh

_ALL_OBJECTS = (
    Loss, LossFunctionWrapper, KLDivergence, Poisson, BinaryCrossentropy, BinaryFocalCrossentropy,
    CategoricalCrossentropy, CategoricalFocalCrossentropy, SparseCategoricalCrossentropy,
    MeanSquaredError, MeanAbsoluteError, MeanAbsolutePercentageError, MeanSquaredLogarithmicError,
    CosineSimilarity, LogCosh, Huber, Hinge, SquaredHinge, CategoricalHinge, Dice, Tversky,
    kl_divergence, poisson, binary_crossentropy, binary_focal_crossentropy, categorical_crossentropy,
    categorical_focal_crossentropy, sparse_categorical_crossentropy, mean_squared_error,
    mean_absolute_error, mean_absolute_percentage_error, mean_squared_logarithmic_error,
    cosine_similarity, log_cosh, huber, hinge, squared_hinge, categorical_hinge, dice, tversky,
)
_BY_NAME: dict = {obj.__name__: obj for obj in _ALL_OBJECTS}
_BY_NAME.update({
    "bce": binary_crossentropy, "BCE": binary_crossentropy, "kld": kl_divergence, "KLD": kl_divergence,
    "mae": mean_absolute_error, "MAE": mean_absolute_error, "mse": mean_squared_error,
    "MSE": mean_squared_error, "mape": mean_absolute_percentage_error,
    "MAPE": mean_absolute_percentage_error, "msle": mean_squared_logarithmic_error,
    "MSLE": mean_squared_logarithmic_error,
})


# TF 2.21 exports these only under their short aliases above.
del (LossFunctionWrapper, kl_divergence, log_cosh, mean_absolute_error, mean_absolute_percentage_error,
     mean_squared_error, mean_squared_logarithmic_error)


def serialize(loss: Any) -> Any:
    """Keras's serialized form of a `Loss` instance or of a function (a name stays a name)."""
    return _serialize_named(loss, Loss, "keras.losses")


def deserialize(name: Any, custom_objects: dict | None = None) -> Any:
    """A loss from `serialize`'s output (or a class or function name)."""
    return _deserialize_named(name, _BY_NAME, "loss", custom_objects)


def get(identifier: Any) -> Any:
    """`keras.losses.get`: None, a name (a function name gives the function, a class name an
    instance), a config dict, a class (instantiated) or a callable (returned as is)."""
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
    raise ValueError(f"Could not interpret loss identifier: {identifier}")
