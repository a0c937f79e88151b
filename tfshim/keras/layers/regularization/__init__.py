"""Regularization layers: Dropout, SpatialDropout1D/2D/3D, AlphaDropout, GaussianNoise,
GaussianDropout, ActivityRegularization."""

from tfshim.keras.layers.regularization.activity_regularization import ActivityRegularization
from tfshim.keras.layers.regularization.alpha_dropout import AlphaDropout
from tfshim.keras.layers.regularization.dropout import Dropout
from tfshim.keras.layers.regularization.gaussian_noise import GaussianDropout, GaussianNoise
from tfshim.keras.layers.regularization.spatial_dropout import SpatialDropout1D, SpatialDropout2D, SpatialDropout3D

__all__ = ["ActivityRegularization", "AlphaDropout", "Dropout", "GaussianDropout", "GaussianNoise",
           "SpatialDropout1D", "SpatialDropout2D", "SpatialDropout3D"]
