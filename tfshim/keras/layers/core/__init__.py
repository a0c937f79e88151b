"""Core layers: Dense, EinsumDense, Embedding, Identity, Lambda, Masking."""

from tfshim.keras.layers.core.dense import Dense
from tfshim.keras.layers.core.einsum_dense import EinsumDense
from tfshim.keras.layers.core.embedding import Embedding
from tfshim.keras.layers.core.identity import Identity
from tfshim.keras.layers.core.lambda_layer import Lambda
from tfshim.keras.layers.core.masking import Masking

__all__ = ["Dense", "EinsumDense", "Embedding", "Identity", "Lambda", "Masking"]
