"""Keras 3's random ops on the TensorFlow backend: each call draws a seed pair (`draw_seed`) and runs
the matching `tf.random.stateless_*` op, so the values are TensorFlow's for the same seeds.
"""

from __future__ import annotations

from typing import Any

import tfshim as tf
from tfshim.keras.random.seed_generator import draw_seed


def _floatx() -> str:
    from tfshim.keras import backend

    floatx = getattr(backend, "floatx", None)
    return floatx() if callable(floatx) else "float32"


def _dtype_name(dtype: Any) -> str:
    return tf.as_dtype(dtype).name


def _is_float(dtype: Any) -> bool:
    name = _dtype_name(dtype)
    return name.startswith("float") or name.startswith("bfloat")


def _is_int(dtype: Any) -> bool:
    name = _dtype_name(dtype)
    return name.startswith("int") or name.startswith("uint")


def normal(shape: Any, mean: float = 0.0, stddev: float = 1.0, dtype: Any = None, seed: Any = None) -> Any:
    """`keras.random.normal`: `tf.random.stateless_normal` with the drawn seed."""
    dtype = dtype or _floatx()
    return tf.random.stateless_normal(shape=shape, mean=mean, stddev=stddev, dtype=dtype, seed=draw_seed(seed))


def uniform(shape: Any, minval: Any = 0.0, maxval: Any = 1.0, dtype: Any = None, seed: Any = None) -> Any:
    """`keras.random.uniform`: floats only; `minval`/`maxval` are cast to the dtype first."""
    if dtype and not _is_float(dtype):
        raise ValueError(f"`keras.random.uniform` requires a floating point `dtype`. Received: dtype={dtype} ")
    dtype = dtype or _floatx()
    seed = draw_seed(seed)
    return tf.random.stateless_uniform(shape=shape, minval=tf.cast(minval, dtype), maxval=tf.cast(maxval, dtype),
                                       dtype=dtype, seed=seed)


def randint(shape: Any, minval: Any, maxval: Any, dtype: Any = "int32", seed: Any = None) -> Any:
    """`keras.random.randint`: integers in [minval, maxval) (drawn as int32/int64, then cast)."""
    if dtype and not _is_int(dtype):
        raise ValueError(f"`keras.random.randint` requires an integer `dtype`. Received: dtype={dtype} ")
    intermediate = dtype if _dtype_name(dtype) in ("int32", "int64") else "int64"
    seed = draw_seed(seed)
    out = tf.random.stateless_uniform(shape=shape, minval=minval, maxval=maxval, dtype=intermediate, seed=seed)
    return tf.cast(out, dtype)


def truncated_normal(shape: Any, mean: float = 0.0, stddev: float = 1.0, dtype: Any = None,
                     seed: Any = None) -> Any:
    """`keras.random.truncated_normal`: `tf.random.stateless_truncated_normal` with the drawn seed."""
    dtype = dtype or _floatx()
    return tf.random.stateless_truncated_normal(shape=shape, mean=mean, stddev=stddev, dtype=dtype,
                                                seed=draw_seed(seed))


def categorical(logits: Any, num_samples: int, dtype: Any = "int32", seed: Any = None) -> Any:
    """`keras.random.categorical`: `tf.random.stateless_categorical`, cast to `dtype`."""
    if len(tf.convert_to_tensor(logits).shape) != 2:
        raise ValueError(f"`logits` should be a 2-D tensor with shape [batch_size, num_classes]. Received: "
                         f"logits={logits}")
    seed = draw_seed(seed)
    return tf.cast(tf.random.stateless_categorical(logits, num_samples, seed=seed), dtype)


def dropout(inputs: Any, rate: float, noise_shape: Any = None, seed: Any = None) -> Any:
    """`keras.random.dropout`: `tf.nn.experimental.stateless_dropout` (rate 1 gives zeros, rate 0 the
    inputs, drawing no seed)."""
    from tfshim.ops.random_ops import stateless_dropout

    if rate == 1.0:
        return tf.zeros_like(inputs)
    if rate == 0.0:
        return inputs
    seed = draw_seed(seed)
    inputs = tf.convert_to_tensor(inputs)
    if noise_shape is None:
        concrete = list(inputs.shape)
    else:
        concrete = [inputs.shape[i] if value is None else value for i, value in enumerate(noise_shape)]
    return stateless_dropout(inputs, rate=rate, noise_shape=concrete, seed=seed)


def shuffle(x: Any, axis: int = 0, seed: Any = None) -> Any:
    """`keras.random.shuffle`: `gather(x, argsort(stateless_uniform([x.shape[axis]])), axis)`."""
    seed = draw_seed(seed)
    x = tf.convert_to_tensor(x)
    indices = tf.argsort(tf.random.stateless_uniform(shape=[x.shape[axis]], seed=seed))
    return tf.gather(x, indices, axis=axis)


def gamma(shape: Any, alpha: Any, dtype: Any = None, seed: Any = None) -> Any:
    """`keras.random.gamma`: `tf.random.stateless_gamma` (bfloat16 drawn as float32, then cast)."""
    dtype = dtype or _floatx()
    seed = draw_seed(seed)
    intermediate = "float32" if _dtype_name(dtype) == "bfloat16" else dtype
    return tf.cast(tf.random.stateless_gamma(shape, alpha=alpha, dtype=intermediate, seed=seed), dtype)


def binomial(shape: Any, counts: Any, probabilities: Any, dtype: Any = None, seed: Any = None) -> Any:
    """`keras.random.binomial`: `tf.random.stateless_binomial` (bfloat16 drawn as float32, then cast)."""
    dtype = dtype or _floatx()
    seed = draw_seed(seed)
    intermediate = "float32" if _dtype_name(dtype) == "bfloat16" else dtype
    out = tf.random.stateless_binomial(shape=shape, seed=seed, counts=counts, probs=probabilities,
                                       output_dtype=intermediate)
    return tf.cast(out, dtype)


def beta(shape: Any, alpha: Any, beta: Any, dtype: Any = None, seed: Any = None) -> Any:
    """`keras.random.beta`: `X / (X + Y)` for gamma draws X (seed s) and Y (seed s + 12), as Keras does."""
    dtype = dtype or _floatx()
    seed_1 = draw_seed(seed)
    seed_2 = seed_1 + 12
    intermediate = "float32" if _dtype_name(dtype) == "bfloat16" else dtype
    alpha = tf.broadcast_to(tf.convert_to_tensor(alpha, dtype=intermediate), shape)
    beta = tf.broadcast_to(tf.convert_to_tensor(beta, dtype=intermediate), shape)
    gamma_a = tf.cast(tf.random.stateless_gamma(shape=shape, seed=seed_1, alpha=alpha, dtype=intermediate), dtype)
    gamma_b = tf.cast(tf.random.stateless_gamma(shape=shape, seed=seed_2, alpha=beta, dtype=intermediate), dtype)
    return gamma_a / (gamma_a + gamma_b)
