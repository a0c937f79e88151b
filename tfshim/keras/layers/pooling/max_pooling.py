"""`MaxPooling1D/2D` and `AveragePooling1D/2D` (strides default to the pool size)."""

from __future__ import annotations

from typing import Any

from tfshim.keras.layers.pooling.base_pooling import BasePooling


class MaxPooling1D(BasePooling):
    def __init__(self, pool_size: Any = 2, strides: Any = None, padding: str = "valid", data_format: Any = None,
                 name: Any = None, **kwargs: Any) -> None:
        super().__init__(pool_size, strides, 1, "max", padding, data_format, name=name, **kwargs)


class MaxPooling2D(BasePooling):
    def __init__(self, pool_size: Any = (2, 2), strides: Any = None, padding: str = "valid",
                 data_format: Any = None, name: Any = None, **kwargs: Any) -> None:
        super().__init__(pool_size, strides, 2, "max", padding, data_format, name=name, **kwargs)


class AveragePooling1D(BasePooling):
    def __init__(self, pool_size: Any, strides: Any = None, padding: str = "valid", data_format: Any = None,
                 name: Any = None, **kwargs: Any) -> None:
        super().__init__(pool_size, strides, 1, "average", padding, data_format, name=name, **kwargs)


class AveragePooling2D(BasePooling):
    def __init__(self, pool_size: Any, strides: Any = None, padding: str = "valid", data_format: Any = None,
                 name: Any = None, **kwargs: Any) -> None:
        super().__init__(pool_size, strides, 2, "average", padding, data_format, name=name, **kwargs)
