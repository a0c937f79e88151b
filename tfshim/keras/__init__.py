"""`tf.keras`: Keras 3.15 as TensorFlow 2.21 ships it, computing with tfshim's ops.

Like real Keras, this package is a client of the `tf` API: it never reaches into tfshim's engine,
so every layer, loss and optimizer gets gradients (second order included) from tfshim's ops.
"""

from tfshim.keras import (
    activations,
    backend,
    callbacks,
    constraints,
    datasets,
    initializers,
    layers,
    losses,
    metrics,
    models,
    optimizers,
    random,
    regularizers,
    utils,
)
