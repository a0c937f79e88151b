"""`tf.nn`."""

from tfshim.ops.activations import relu
from tfshim.ops.unary_math import sigmoid, tanh
