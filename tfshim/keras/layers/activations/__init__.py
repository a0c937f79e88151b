"""Activation layers: Activation, ReLU, LeakyReLU, PReLU, ELU, Softmax, ThresholdedReLU."""

from tfshim.keras.layers.activations.activation import Activation
from tfshim.keras.layers.activations.elu import ELU
from tfshim.keras.layers.activations.leaky_relu import LeakyReLU
from tfshim.keras.layers.activations.prelu import PReLU
from tfshim.keras.layers.activations.relu import ReLU
from tfshim.keras.layers.activations.softmax import Softmax
from tfshim.keras.layers.activations.thresholded_relu import ThresholdedReLU

__all__ = ["ELU", "Activation", "LeakyReLU", "PReLU", "ReLU", "Softmax", "ThresholdedReLU"]
