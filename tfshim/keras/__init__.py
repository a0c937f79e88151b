"""`tf.keras`: Keras 3.15 as TensorFlow 2.21 ships it, computing with tfshim's ops.

Like real Keras, this package is a client of the `tf` API: it never reaches into tfshim's engine,
so every layer, loss and optimizer gets gradients (second order included) from tfshim's ops.
"""

from tfshim.keras import (
    activations,
    backend,
    callbacks,
    config,
    constraints,
    datasets,
    dtype_policies,
    initializers,
    layers,
    losses,
    metrics,
    mixed_precision,
    models,
    ops,
    optimizers,
    random,
    regularizers,
    utils,
)
from tfshim.keras.backend import DTypePolicy, FloatDTypePolicy, KerasTensor, Variable, name_scope
from tfshim.keras.layers import Input, InputSpec, Layer
from tfshim.keras.losses import Loss
from tfshim.keras.metrics import Metric
from tfshim.keras.models import Model, Sequential
from tfshim.keras.optimizers import Optimizer

__version__ = "3.15.1"


def version() -> str:
    """`keras.version()`: the Keras version tfshim follows."""
    return __version__
