"""The random initializers: RandomNormal/Uniform, TruncatedNormal, VarianceScaling and its Glorot, He
and Lecun forms, Orthogonal. Each draws through `tf.random.stateless_*` with the seed Keras derives
(`_seeding.tf_seed`): a fixed int (drawn from Python's `random` at construction when `seed=None`), so
one instance gives the same values on every call, as in Keras."""

from __future__ import annotations

import math
from typing import Any

import tfshim as tf
from tfshim.keras.initializers import _seeding
from tfshim.keras.initializers._helpers import serialize_value, standardize_dtype
from tfshim.keras.initializers.initializer import Initializer


def _seed_config(seed: Any) -> Any:
    return serialize_value(seed)


class RandomInitializer(Initializer):
    """Base of the seeded initializers: keeps the given seed for `get_config`, and the seed it uses."""

    def __init__(self, seed: Any = None) -> None:
        self._init_seed = seed
        if seed is None:
            seed = _seeding.make_default_seed()
        elif isinstance(seed, dict):
            cls = _seeding.seed_generator_class()
            if cls is None:
                raise ValueError(f"Cannot deserialize seed {seed}: no SeedGenerator available.")
            seed = cls.from_config(seed.get("config", seed))
        elif not isinstance(seed, int) and not _seeding.is_seed_generator(seed):
            raise ValueError(
                "`seed` argument should be an instance of `keras.random.SeedGenerator()` or an "
                f"integer. Received: seed={seed}")
        self.seed = seed

    def get_config(self) -> dict:
        return {"seed": _seed_config(self._init_seed)}


def _normal(shape: Any, mean: Any, stddev: Any, dtype: Any, seed: Any) -> Any:
    return tf.random.stateless_normal(shape=shape, mean=mean, stddev=stddev,
                                      dtype=standardize_dtype(dtype), seed=_seeding.tf_seed(seed))


def _truncated_normal(shape: Any, mean: Any, stddev: Any, dtype: Any, seed: Any) -> Any:
    return tf.random.stateless_truncated_normal(shape=shape, mean=mean, stddev=stddev,
                                                dtype=standardize_dtype(dtype),
                                                seed=_seeding.tf_seed(seed))


def _uniform(shape: Any, minval: Any, maxval: Any, dtype: Any, seed: Any) -> Any:
    dtype = standardize_dtype(dtype)
    return tf.random.stateless_uniform(shape=shape, minval=tf.cast(minval, dtype),
                                       maxval=tf.cast(maxval, dtype), dtype=dtype,
                                       seed=_seeding.tf_seed(seed))


class RandomNormal(RandomInitializer):
    """Normal values, `mean=0.0, stddev=0.05`."""

    def __init__(self, mean: float = 0.0, stddev: float = 0.05, seed: Any = None) -> None:
        self.mean = mean
        self.stddev = stddev
        super().__init__(seed=seed)

    def __call__(self, shape: Any, dtype: Any = None) -> Any:
        return _normal(shape, self.mean, self.stddev, dtype, self.seed)

    def get_config(self) -> dict:
        return {**super().get_config(), "mean": self.mean, "stddev": self.stddev}


class TruncatedNormal(RandomInitializer):
    """Normal values redrawn beyond two standard deviations, `mean=0.0, stddev=0.05`."""

    def __init__(self, mean: float = 0.0, stddev: float = 0.05, seed: Any = None) -> None:
        self.mean = mean
        self.stddev = stddev
        super().__init__(seed=seed)

    def __call__(self, shape: Any, dtype: Any = None) -> Any:
        return _truncated_normal(shape, self.mean, self.stddev, dtype, self.seed)

    def get_config(self) -> dict:
        return {**super().get_config(), "mean": self.mean, "stddev": self.stddev}


class RandomUniform(RandomInitializer):
    """Uniform values in `[minval, maxval)`, default `[-0.05, 0.05)`."""

    def __init__(self, minval: float = -0.05, maxval: float = 0.05, seed: Any = None) -> None:
        self.minval = minval
        self.maxval = maxval
        super().__init__(seed=seed)

    def __call__(self, shape: Any, dtype: Any = None) -> Any:
        return _uniform(shape, self.minval, self.maxval, dtype, self.seed)

    def get_config(self) -> dict:
        return {**super().get_config(), "minval": self.minval, "maxval": self.maxval}


def compute_fans(shape: Any, input_axes: Any = None, output_axes: Any = None) -> tuple[int, int]:
    """Keras's fans: (in, out) of a kernel; conv kernels multiply both by the receptive field."""
    shape = tuple(shape)
    if input_axes is not None and output_axes is not None:
        fan_in = 1
        for axis in input_axes:
            fan_in *= shape[axis]
        fan_out = 1
        for axis in output_axes:
            fan_out *= shape[axis]
        return int(fan_in), int(fan_out)
    if len(shape) < 1:
        fan_in = fan_out = 1
    elif len(shape) == 1:
        fan_in = fan_out = shape[0]
    elif len(shape) == 2:
        fan_in, fan_out = shape[0], shape[1]
    else:
        receptive = 1
        for dim in shape[:-2]:
            receptive *= dim
        fan_in = shape[-2] * receptive
        fan_out = shape[-1] * receptive
    return int(fan_in), int(fan_out)


_MODES = ("fan_in", "fan_out", "fan_avg")
_DISTRIBUTIONS = ("uniform", "truncated_normal", "untruncated_normal")


class VarianceScaling(RandomInitializer):
    """Scale divided by the fan chosen by `mode`; uniform in `±sqrt(3*scale)`, or a (truncated)
    normal with `stddev = sqrt(scale)` (divided by 0.8796... when truncated)."""

    def __init__(self, scale: float = 1.0, mode: str = "fan_in",
                 distribution: str = "truncated_normal", seed: Any = None,
                 input_axes: Any = None, output_axes: Any = None) -> None:
        if scale <= 0.0:
            raise ValueError(f"Argument `scale` must be positive float. Received: scale={scale}")
        if mode not in _MODES:
            raise ValueError(f"Invalid `mode` argument: {mode}. Please use one of {set(_MODES)}")
        distribution = distribution.lower()
        if distribution == "normal":
            distribution = "truncated_normal"
        if distribution not in _DISTRIBUTIONS:
            raise ValueError(f"Invalid `distribution` argument: {distribution}."
                             f"Please use one of {set(_DISTRIBUTIONS)}")
        self.scale = scale
        self.mode = mode
        self.distribution = distribution
        self.input_axes = input_axes
        self.output_axes = output_axes
        super().__init__(seed=seed)

    def __call__(self, shape: Any, dtype: Any = None) -> Any:
        scale = self.scale
        fan_in, fan_out = compute_fans(shape, self.input_axes, self.output_axes)
        if self.mode == "fan_in":
            scale /= max(1.0, fan_in)
        elif self.mode == "fan_out":
            scale /= max(1.0, fan_out)
        else:
            scale /= max(1.0, (fan_in + fan_out) / 2.0)
        if self.distribution == "truncated_normal":
            return _truncated_normal(shape, 0.0, math.sqrt(scale) / 0.87962566103423978, dtype,
                                     self.seed)
        if self.distribution == "untruncated_normal":
            return _normal(shape, 0.0, math.sqrt(scale), dtype, self.seed)
        limit = math.sqrt(3.0 * scale)
        return _uniform(shape, -limit, limit, dtype, self.seed)

    def get_config(self) -> dict:
        return {**super().get_config(), "scale": self.scale, "mode": self.mode,
                "distribution": self.distribution, "input_axes": self.input_axes,
                "output_axes": self.output_axes}


class _FixedVarianceScaling(VarianceScaling):
    """A VarianceScaling whose scale, mode and distribution are fixed by the class."""

    _SCALE = 1.0
    _MODE = "fan_in"
    _DISTRIBUTION = "uniform"

    def __init__(self, seed: Any = None, input_axes: Any = None, output_axes: Any = None) -> None:
        super().__init__(scale=self._SCALE, mode=self._MODE, distribution=self._DISTRIBUTION,
                         seed=seed, input_axes=input_axes, output_axes=output_axes)

    def get_config(self) -> dict:
        return {"seed": _seed_config(self._init_seed), "input_axes": self.input_axes,
                "output_axes": self.output_axes}


class GlorotUniform(_FixedVarianceScaling):
    """Uniform in `±sqrt(6/(fan_in+fan_out))`."""

    _MODE = "fan_avg"


class GlorotNormal(_FixedVarianceScaling):
    """Truncated normal, `stddev = sqrt(2/(fan_in+fan_out))`."""

    _MODE = "fan_avg"
    _DISTRIBUTION = "truncated_normal"


class LecunNormal(_FixedVarianceScaling):
    """Truncated normal, `stddev = sqrt(1/fan_in)`."""

    _DISTRIBUTION = "truncated_normal"


class LecunUniform(_FixedVarianceScaling):
    """Uniform in `±sqrt(3/fan_in)`."""


class HeNormal(_FixedVarianceScaling):
    """Truncated normal, `stddev = sqrt(2/fan_in)`."""

    _SCALE = 2.0
    _DISTRIBUTION = "truncated_normal"


class HeUniform(_FixedVarianceScaling):
    """Uniform in `±sqrt(6/fan_in)`."""

    _SCALE = 2.0


class Orthogonal(RandomInitializer):
    """Q of the QR of a stateless normal `(max(r, c), min(r, c))`, sign-fixed by `diag(R)`,
    transposed when rows < cols, times `gain`. (QR runs in NumPy's LAPACK, which may differ from
    TF's Eigen QR in the last bits.)"""

    def __init__(self, gain: float = 1.0, seed: Any = None) -> None:
        self.gain = gain
        super().__init__(seed=seed)

    def __call__(self, shape: Any, dtype: Any = None) -> Any:
        if len(shape) < 2:
            raise ValueError("The tensor to initialize must be at least two-dimensional. "
                             f"Received: shape={shape} of rank {len(shape)}.")
        rows = 1
        for dim in shape[:-1]:
            rows *= dim
        cols = shape[-1]
        a = _normal((max(cols, rows), min(cols, rows)), 0.0, 1.0, dtype, self.seed)
        q, r = tf.linalg.qr(a)
        q = q * tf.sign(tf.linalg.diag_part(r))
        if rows < cols:
            q = tf.transpose(q)
        return self.gain * tf.reshape(q, shape)

    def get_config(self) -> dict:
        return {**super().get_config(), "gain": self.gain}
