"""`MaxPooling3D`, `AveragePooling3D` (`tf.nn.max_pool`/`avg_pool` in NDHWC) and the global 3-D
poolings (mean or max over the three spatial axes)."""

from __future__ import annotations

from typing import Any

from tfshim.keras.layers.pooling.base_pooling import BaseGlobalPooling, BasePooling
from tfshim.keras.layers.pooling.global_pooling import GlobalMaxPooling1D, _GlobalAveragePooling


class MaxPooling3D(BasePooling):
    def __init__(self, pool_size: Any = (2, 2, 2), strides: Any = None, padding: str = "valid",
                 data_format: Any = None, name: Any = None, **kwargs: Any) -> None:
        super().__init__(pool_size, strides, 3, "max", padding, data_format, name=name, **kwargs)


class AveragePooling3D(BasePooling):
    def __init__(self, pool_size: Any, strides: Any = None, padding: str = "valid", data_format: Any = None,
                 name: Any = None, **kwargs: Any) -> None:
        super().__init__(pool_size, strides, 3, "average", padding, data_format, name=name, **kwargs)


class GlobalAveragePooling3D(_GlobalAveragePooling):
    def __init__(self, data_format: Any = None, keepdims: bool = False, **kwargs: Any) -> None:
        BaseGlobalPooling.__init__(self, 3, data_format, keepdims, **kwargs)


class GlobalMaxPooling3D(GlobalMaxPooling1D):
    def __init__(self, data_format: Any = None, keepdims: bool = False, **kwargs: Any) -> None:
        BaseGlobalPooling.__init__(self, 3, data_format, keepdims, **kwargs)
