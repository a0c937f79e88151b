"""Regularization layers: Dropout, GaussianNoise, GaussianDropout, ActivityRegularization."""

from tfshim.keras.layers.regularization.activity_regularization import ActivityRegularization
from tfshim.keras.layers.regularization.dropout import Dropout
from tfshim.keras.layers.regularization.gaussian_noise import GaussianDropout, GaussianNoise

__all__ = ["ActivityRegularization", "Dropout", "GaussianDropout", "GaussianNoise"]
