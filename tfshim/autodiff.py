"""`tf.autodiff`."""

from tfshim.gradient_tape import GradientTape
