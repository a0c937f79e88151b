"""The initializer classes TensorFlow exposes at top level (`tf.zeros_initializer`,
`tf.ones_initializer`, `tf.constant_initializer`, `tf.random_uniform_initializer`,
`tf.random_normal_initializer`), ported from TF's init_ops_v2. An initializer with a `seed` draws from
the stateless ops with seed `[seed, 0]`, so it returns the same values on every call (as in TF);
without one it draws from the global stream. The values differ from TF's (see `tfshim.random`)."""

from __future__ import annotations

from typing import Any

import numpy as np

from tfshim._engine import dtypes as _dtypes
from tfshim._engine.convert import constant
from tfshim._engine.tensor import EagerTensor

_PARTITION_SHAPE = "partition_shape"
_PARTITION_OFFSET = "partition_offset"


class Initializer:
    """Base class of the initializers: `__call__(shape, dtype=None, **kwargs)`, `get_config`,
    `from_config`."""

    def __call__(self, shape: Any, dtype: Any = None, **kwargs: Any) -> EagerTensor:
        raise NotImplementedError

    def get_config(self) -> dict:
        return {}

    @classmethod
    def from_config(cls, config: dict) -> Initializer:
        config.pop("dtype", None)
        return cls(**config)

    def _validate_kwargs(self, kwargs: dict, support_partition: bool = True) -> None:
        for kwarg in kwargs:
            if kwarg not in [_PARTITION_SHAPE, _PARTITION_OFFSET]:
                raise TypeError(f"Keyword argument should be one of {[_PARTITION_SHAPE, _PARTITION_OFFSET]}. "
                                f"Received: {kwarg}")
            if not support_partition:
                raise ValueError(f"{self.__class__.__name__} initializer doesn't support partition-related "
                                 "arguments")


def _numeric_dtype(dtype: Any) -> _dtypes.DType:
    dtype = _dtypes.as_dtype(dtype)
    if not isinstance(dtype._np, np.dtype) or dtype == _dtypes.string:
        raise ValueError(f"Argument `dtype` expected to be numeric or boolean. Received {dtype}.")
    return dtype


class Zeros(Initializer):
    """`tf.zeros_initializer`: tensors of zeros."""

    def __call__(self, shape: Any, dtype: Any = _dtypes.float32, **kwargs: Any) -> EagerTensor:
        from tfshim.ops.creation import zeros

        self._validate_kwargs(kwargs)
        dtype = _numeric_dtype(dtype)
        if _PARTITION_SHAPE in kwargs:
            shape = kwargs[_PARTITION_SHAPE]
        return zeros(shape, dtype)


class Ones(Initializer):
    """`tf.ones_initializer`: tensors of ones."""

    def __call__(self, shape: Any, dtype: Any = _dtypes.float32, **kwargs: Any) -> EagerTensor:
        from tfshim.ops.creation import ones

        self._validate_kwargs(kwargs)
        dtype = _numeric_dtype(dtype)
        if _PARTITION_SHAPE in kwargs:
            shape = kwargs[_PARTITION_SHAPE]
        return ones(shape, dtype)


class Constant(Initializer):
    """`tf.constant_initializer(value)`: `tf.constant(value, dtype, shape)`."""

    def __init__(self, value: Any = 0, support_partition: bool = False) -> None:
        if not (np.isscalar(value) or isinstance(value, (list, tuple, np.ndarray))):
            raise TypeError(f"Invalid type for initial value: {type(value).__name__}. Expected Python scalar, list "
                            "or tuple of values, or numpy.ndarray.")
        self.value = value
        self.support_partition = support_partition

    def __call__(self, shape: Any, dtype: Any = None, **kwargs: Any) -> EagerTensor:
        self._validate_kwargs(kwargs, support_partition=self.support_partition)
        if dtype is not None:
            dtype = _dtypes.as_dtype(dtype)
        return constant(self.value, dtype=dtype, shape=shape)

    def get_config(self) -> dict:
        return {"value": self.value}


class _RandomGenerator:
    """Chooses the stateless op (seeded) or the stateful one (unseeded), as TF does."""

    def __init__(self, seed: Any = None) -> None:
        self.seed = [seed, 0] if seed is not None else None

    def random_normal(self, shape: Any, mean: Any, stddev: Any, dtype: Any) -> EagerTensor:
        from tfshim.ops import random_ops

        if self.seed:
            return random_ops.stateless_normal(shape=shape, seed=self.seed, mean=mean, stddev=stddev, dtype=dtype)
        return random_ops.normal(shape=shape, mean=mean, stddev=stddev, dtype=dtype)

    def random_uniform(self, shape: Any, minval: Any, maxval: Any, dtype: Any) -> EagerTensor:
        from tfshim.ops import random_ops

        if self.seed:
            return random_ops.stateless_uniform(shape=shape, seed=self.seed, minval=minval, maxval=maxval,
                                                dtype=dtype)
        return random_ops.uniform(shape=shape, minval=minval, maxval=maxval, dtype=dtype)


class RandomUniform(Initializer):
    """`tf.random_uniform_initializer(minval=-0.05, maxval=0.05, seed=None)`."""

    def __init__(self, minval: Any = -0.05, maxval: Any = 0.05, seed: Any = None) -> None:
        self.minval = minval
        self.maxval = maxval
        self.seed = seed
        self._random_generator = _RandomGenerator(seed)

    def __call__(self, shape: Any, dtype: Any = _dtypes.float32, **kwargs: Any) -> EagerTensor:
        self._validate_kwargs(kwargs)
        dtype = _dtypes.as_dtype(dtype)
        if not dtype.is_floating and not dtype.is_integer:
            raise ValueError(f"Argument `dtype` expected to be numeric or boolean. Received {dtype}.")
        if _PARTITION_SHAPE in kwargs:
            shape = kwargs[_PARTITION_SHAPE]
        return self._random_generator.random_uniform(shape, self.minval, self.maxval, dtype)

    def get_config(self) -> dict:
        return {"minval": self.minval, "maxval": self.maxval, "seed": self.seed}


class RandomNormal(Initializer):
    """`tf.random_normal_initializer(mean=0.0, stddev=0.05, seed=None)`."""

    def __init__(self, mean: Any = 0.0, stddev: Any = 0.05, seed: Any = None) -> None:
        self.mean = mean
        self.stddev = stddev
        self.seed = seed
        self._random_generator = _RandomGenerator(seed)

    def __call__(self, shape: Any, dtype: Any = _dtypes.float32, **kwargs: Any) -> EagerTensor:
        self._validate_kwargs(kwargs)
        dtype = _dtypes.as_dtype(dtype)
        if not dtype.is_floating:
            raise ValueError(f"Argument `dtype` is expected to be floating point. Received: {dtype}.")
        if _PARTITION_SHAPE in kwargs:
            shape = kwargs[_PARTITION_SHAPE]
        return self._random_generator.random_normal(shape, self.mean, self.stddev, dtype)

    def get_config(self) -> dict:
        return {"mean": self.mean, "stddev": self.stddev, "seed": self.seed}


zeros_initializer = Zeros
ones_initializer = Ones
constant_initializer = Constant
random_uniform_initializer = RandomUniform
random_normal_initializer = RandomNormal
