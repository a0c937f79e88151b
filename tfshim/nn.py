"""`tf.nn`."""

from tfshim.ops.activations import relu  # noqa: F401
from tfshim.ops.unary_math import sigmoid, tanh  # noqa: F401
