"""`tf.autodiff`."""

from tfshim.forwardprop import ForwardAccumulator
from tfshim.gradient_tape import GradientTape
