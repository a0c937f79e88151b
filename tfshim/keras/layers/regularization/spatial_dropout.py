"""`SpatialDropout1D/2D/3D`: Dropout whose mask drops whole feature maps (one draw per sample and
channel)."""

from __future__ import annotations

from typing import Any

from tfshim.keras.backend.config import standardize_data_format
from tfshim.keras.layers.input_spec import InputSpec
from tfshim.keras.layers.regularization.dropout import Dropout, stateless_dropout


class BaseSpatialDropout(Dropout):
    """Dropout with a per-channel noise shape. As in Keras, `get_config` holds only `rate`, `seed`,
    `name` and `dtype` (the variable dtype's name)."""

    def __init__(self, rate: float, seed: Any = None, name: str | None = None, dtype: Any = None) -> None:
        super().__init__(rate, seed=seed, name=name, dtype=dtype)

    def _get_noise_shape(self, inputs: Any) -> tuple:
        raise NotImplementedError

    def call(self, inputs: Any, training: Any = False) -> Any:
        if training and self.rate > 0:
            return stateless_dropout(inputs, self.rate, self._get_noise_shape(inputs), self.seed_generator)
        return inputs

    def get_config(self) -> dict:
        return {"rate": self.rate, "seed": self.seed, "name": self.name, "dtype": self.dtype}


class SpatialDropout1D(BaseSpatialDropout):
    """Inputs `(batch, steps, channels)`; the mask is `(batch, 1, channels)`."""

    def __init__(self, rate: float, seed: Any = None, name: str | None = None, dtype: Any = None) -> None:
        super().__init__(rate, seed=seed, name=name, dtype=dtype)
        self.input_spec = InputSpec(ndim=3)

    def _get_noise_shape(self, inputs: Any) -> tuple:
        shape = tuple(inputs.shape)
        return (shape[0], 1, shape[2])


class SpatialDropout2D(BaseSpatialDropout):
    """Inputs of rank 4; the mask keeps the batch and channel axes."""

    def __init__(self, rate: float, data_format: str | None = None, seed: Any = None,
                 name: str | None = None, dtype: Any = None) -> None:
        super().__init__(rate, seed=seed, name=name, dtype=dtype)
        self.data_format = standardize_data_format(data_format)
        self.input_spec = InputSpec(ndim=4)

    def _get_noise_shape(self, inputs: Any) -> tuple:
        shape = tuple(inputs.shape)
        if self.data_format == "channels_first":
            return (shape[0], shape[1], 1, 1)
        return (shape[0], 1, 1, shape[3])

    def get_config(self) -> dict:
        return {**super().get_config(), "data_format": self.data_format}


class SpatialDropout3D(BaseSpatialDropout):
    """Inputs of rank 5; the mask keeps the batch and channel axes."""

    def __init__(self, rate: float, data_format: str | None = None, seed: Any = None,
                 name: str | None = None, dtype: Any = None) -> None:
        super().__init__(rate, seed=seed, name=name, dtype=dtype)
        self.data_format = standardize_data_format(data_format)
        self.input_spec = InputSpec(ndim=5)

    def _get_noise_shape(self, inputs: Any) -> tuple:
        shape = tuple(inputs.shape)
        if self.data_format == "channels_first":
            return (shape[0], shape[1], 1, 1, 1)
        return (shape[0], 1, 1, 1, shape[4])

    def get_config(self) -> dict:
        return {**super().get_config(), "data_format": self.data_format}
