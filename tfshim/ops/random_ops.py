"""Random ops: `tf.random.*` (stateful and stateless), `tf.random.Generator` and `tf.nn.dropout`.

**Streams differ from TensorFlow's.** TensorFlow draws with Philox and its own float and normal
transforms, so no NumPy program can reproduce its numbers bit for bit. tfshim keeps TensorFlow's
*contract* instead, with NumPy's PCG64 generators:

* Without `tf.random.set_seed` and without an op `seed=`, values come from one process-wide generator
  seeded from OS entropy: they differ on every run, as in TensorFlow.
* `tf.random.set_seed(s)` makes the sequence of random calls after it reproducible; calling it again
  restarts the sequence. Op seeds are derived from the global seed exactly as TensorFlow derives them
  (`random.Random(s).randint` per unseeded op), and each (op, dtype, seed pair) has its own stream,
  like TensorFlow's cached kernels: calling the same seeded op twice gives two different values, and
  rerunning the program repeats them. An op `seed=` without a global seed uses TensorFlow's default
  global seed (87654321).
* `stateless_*` ops are pure functions of their shape-[2] seed (and of shape, dtype and op).
* `tf.random.Generator` wraps its own NumPy generator; `split` derives children from its draws.

Shapes, dtypes, distributions, argument checks and error messages follow TensorFlow. Random ops have no
gradient (TensorFlow registers none), but `mean`/`stddev`/`minval`/`maxval` enter through ordinary
Mul/Add ops, so gradients flow to them as in TensorFlow. `tf.random.gamma` registers no gradient with
respect to `alpha` (TensorFlow has one), so differentiating through `alpha` raises LookupError.
"""

from __future__ import annotations

import numbers
import random as _pyrandom
import threading
import zlib
from typing import Any

import numpy as np

from tfshim._engine import dtypes as _dtypes
from tfshim._engine.convert import convert_to_tensor
from tfshim._engine.errors import NotFoundError, kernel_error
from tfshim._engine.registry import execute, kernel, op_def
from tfshim._engine.tensor import EagerTensor, Tensor
from tfshim._engine.tensor_shape import TensorShape
from tfshim.ops import _args

_STANDARD_NORMAL = op_def("RandomStandardNormal", differentiable=False)
_UNIFORM = op_def("RandomUniform", differentiable=False)
_UNIFORM_INT = op_def("RandomUniformInt", differentiable=False)
_TRUNCATED_NORMAL = op_def("TruncatedNormal", differentiable=False)
_MULTINOMIAL = op_def("Multinomial", differentiable=False)
_SHUFFLE = op_def("RandomShuffle", differentiable=False)
_GAMMA = op_def("RandomGamma")  # TF has a gradient wrt alpha; tfshim does not (LookupError)
_POISSON = op_def("RandomPoissonV2")  # no gradient in TF either
_KEY_COUNTER = op_def("StatelessRandomGetKeyCounter", differentiable=False)
_STATELESS_NORMAL = op_def("StatelessRandomNormalV2", differentiable=False)
_STATELESS_UNIFORM = op_def("StatelessRandomUniformV2", differentiable=False)
_STATELESS_UNIFORM_INT = op_def("StatelessRandomUniformIntV2", differentiable=False)
_STATELESS_UNIFORM_FULL_INT = op_def("StatelessRandomUniformFullIntV2", differentiable=False)
_STATELESS_TRUNCATED_NORMAL = op_def("StatelessTruncatedNormalV2", differentiable=False)
_STATELESS_MULTINOMIAL = op_def("StatelessMultinomial", differentiable=False)

_MAXINT32 = 2**31 - 1
_DEFAULT_GRAPH_SEED = 87654321
_UINT64_MASK = (1 << 64) - 1


# -- the seeding state -------------------------------------------------------------------------
class _Seeds:
    """The process-wide seeding state (TensorFlow keeps it in the eager context)."""

    lock = threading.RLock()
    global_seed: Any = None
    op_seeds = _pyrandom.Random()  # draws the op seed of each unseeded op once a global seed is set
    streams: dict = {}  # (op, dtype, seed1, seed2) -> np.random.Generator, like TF's kernel cache
    entropy = np.random.default_rng()


def set_seed(seed: Any) -> None:
    """`tf.random.set_seed`: restarts the reproducible sequence of random values (see module doc)."""
    with _Seeds.lock:
        _Seeds.global_seed = seed
        try:
            hash(seed)
            _Seeds.op_seeds = _pyrandom.Random(seed)
        except TypeError:
            _Seeds.op_seeds = _pyrandom.Random(int(np.array(seed)))
        _Seeds.streams.clear()


def get_seed(op_seed: Any) -> tuple:
    """TensorFlow's `random_seed.get_seed` (eager): the (seed1, seed2) pair a stateful op runs with;
    `(None, None)` when neither a global nor an op seed is set. Draws an op seed when needed."""
    with _Seeds.lock:
        global_seed = _Seeds.global_seed
        if global_seed is not None:
            if op_seed is None:
                op_seed = _Seeds.op_seeds.randint(0, _MAXINT32)
            seeds = global_seed % _MAXINT32, op_seed % _MAXINT32
        elif op_seed is not None:
            seeds = _DEFAULT_GRAPH_SEED, op_seed % _MAXINT32
        else:
            seeds = None, None
    if seeds == (0, 0):
        return 0, _MAXINT32
    return seeds


_get_seed = get_seed


def _stable_code(text: str) -> int:
    return zlib.crc32(text.encode())


def _draw(op: Any, dtype_name: str, seeds: tuple, fn: Any) -> Any:
    """Runs `fn(generator)` on the stream the op's seeds select, under the seeding lock."""
    with _Seeds.lock:
        if seeds[0] is None:
            gen = _Seeds.entropy
        else:
            key = (op.name, dtype_name, seeds[0], seeds[1])
            gen = _Seeds.streams.get(key)
            if gen is None:
                sequence = np.random.SeedSequence([int(seeds[0]) & _UINT64_MASK, int(seeds[1]) & _UINT64_MASK,
                                                   _stable_code(key[0] + "/" + dtype_name)])
                gen = _Seeds.streams[key] = np.random.Generator(np.random.PCG64(sequence))
        return kernel(fn, gen)


def _stateless_generator(op: Any, dtype_name: str, seed: np.ndarray) -> np.random.Generator:
    sequence = np.random.SeedSequence([int(seed[0]) & _UINT64_MASK, int(seed[1]) & _UINT64_MASK,
                                       _stable_code(op.name + "/" + dtype_name)])
    return np.random.Generator(np.random.PCG64(sequence))


# -- argument handling -------------------------------------------------------------------------
def _shape_tensor(shape: Any) -> EagerTensor:
    """TensorFlow's `shape_util.shape_tensor`: a shape argument as an integer tensor."""
    if isinstance(shape, (tuple, list)):
        if not shape:
            return convert_to_tensor(shape, dtype=_dtypes.int32)
        shape = tuple(int(d) if isinstance(d, TensorShape) else d for d in shape)
    return convert_to_tensor(shape)


def _check_shape(op: Any, shape: EagerTensor, attr: str = "T", name: str | None = "") -> tuple:
    """The random kernels' checks of their shape input; returns the dims as a tuple."""
    value = shape._value
    if value.dtype.kind not in "iu" or value.dtype not in op.allowed[attr][0]:
        raise _dtype_error(op, value.dtype, attr, name)
    if value.ndim != 1:
        raise kernel_error(op.name, "shape must be a vector of {int32,int64}, got shape "
                                    f"{_args.shape_text(value.shape)}", name=name)
    dims = tuple(int(d) for d in value)
    for d in dims:
        if d < 0:
            raise kernel_error(op.name, f"Dimension {d} must be >= 0", name=name)
    return dims


def _dtype_error(op: Any, np_dtype: np.dtype, attr: str, name: str | None = "") -> Exception:
    error = _args.dtype_error(op, np_dtype, attr)
    if name is None:  # TF's slow path (a raw Python list argument) ends at "[Op:X]"
        message = error.message[: -len(" name: ")]
        return type(error)(None, None, message)
    return error


def _check_dtype(op: Any, dtype: _dtypes.DType, attr: str = "dtype", name: str | None = "") -> None:
    if not isinstance(dtype._np, np.dtype) or dtype._np not in op.allowed[attr][0]:
        if not isinstance(dtype._np, np.dtype):
            raise TypeError(f"Cannot convert the argument `type_value`: {dtype!r} to a TensorFlow DType.")
        raise _dtype_error(op, dtype._np, attr, name)


def _convert(value: Any, dtype: _dtypes.DType, name: str) -> EagerTensor:
    """`ops.convert_to_tensor(value, dtype, name=name)`: a tensor of another dtype is an error whose
    message starts with the argument's name."""
    try:
        return convert_to_tensor(value, dtype=dtype)
    except ValueError as e:
        if isinstance(value, Tensor) or getattr(value, "_is_variable", False):
            raise ValueError(f"{name}: {e}") from None
        raise


def _accepted(dtype: _dtypes.DType, accepted: tuple) -> None:
    if dtype not in accepted:
        raise ValueError(f"Argument `dtype` got invalid value {dtype}. Accepted dtypes are "
                         f"({', '.join(repr(d) for d in accepted)}).")


def _wrap(value: np.ndarray) -> Any:
    return value if value.ndim else value[()]


# -- NumPy samplers ----------------------------------------------------------------------------
def _uniform01(gen: np.random.Generator, dims: tuple, np_dtype: np.dtype) -> np.ndarray:
    """Uniform values in [0, 1) of `np_dtype` (never rounding up to 1 in narrow float types)."""
    if np_dtype == np.float64:
        return gen.random(dims)
    if np_dtype == np.float32:
        return gen.random(dims, dtype=np.float32)
    bits = 11 if np_dtype == np.float16 else 8  # float16 / bfloat16 significand bits
    return (gen.integers(0, 1 << bits, dims) * (1.0 / (1 << bits))).astype(np_dtype)


def _standard_normal(gen: np.random.Generator, dims: tuple, np_dtype: np.dtype) -> np.ndarray:
    if np_dtype == np.float64:
        return gen.standard_normal(dims)
    return gen.standard_normal(dims, dtype=np.float32).astype(np_dtype, copy=False)


def _truncated_standard_normal(gen: np.random.Generator, dims: tuple, np_dtype: np.dtype) -> np.ndarray:
    """Standard normal values, redrawn until they lie within two standard deviations."""
    values = gen.standard_normal(dims)
    bad = np.abs(values) > 2.0
    while bad.any():
        values[bad] = gen.standard_normal(int(bad.sum()))
        bad = np.abs(values) > 2.0
    return values.astype(np_dtype, copy=False)


def _full_int(gen: np.random.Generator, dims: tuple, np_dtype: np.dtype) -> np.ndarray:
    info = np.iinfo(np_dtype)
    return gen.integers(info.min, info.max, dims, dtype=np_dtype, endpoint=True)


def _scale_and_shift(rnd: EagerTensor, stddev: EagerTensor, mean: EagerTensor) -> EagerTensor:
    from tfshim.ops.arithmetic import add, multiply

    return add(multiply(rnd, stddev), mean)


# -- stateful ops ------------------------------------------------------------------------------
def normal(shape: Any, mean: Any = 0.0, stddev: Any = 1.0, dtype: Any = _dtypes.float32, seed: Any = None,
           name: Any = None) -> EagerTensor:
    """`tf.random.normal`: `RandomStandardNormal * stddev + mean` (values differ from TF's)."""
    return _normal_like(_STANDARD_NORMAL, _standard_normal, shape, mean, stddev, dtype, seed)


def truncated_normal(shape: Any, mean: Any = 0.0, stddev: Any = 1.0, dtype: Any = _dtypes.float32,
                     seed: Any = None, name: Any = None) -> EagerTensor:
    """`tf.random.truncated_normal`: normal values redrawn beyond two standard deviations."""
    return _normal_like(_TRUNCATED_NORMAL, _truncated_standard_normal, shape, mean, stddev, dtype, seed)


def _normal_like(op: Any, sampler: Any, shape: Any, mean: Any, stddev: Any, dtype: Any, seed: Any) -> EagerTensor:
    dtype = _dtypes.as_dtype(dtype)
    shape_t = _shape_tensor(shape)
    mean_t = _convert(mean, dtype, "mean")
    stddev_t = _convert(stddev, dtype, "stddev")
    seeds = _get_seed(seed)
    _check_dtype(op, dtype)
    dims = _check_shape(op, shape_t)
    np_dtype = dtype._np
    value = _draw(op, dtype.name, seeds, lambda gen: sampler(gen, dims, np_dtype))
    rnd = execute(op, (shape_t,), _wrap(value))
    return _scale_and_shift(rnd, stddev_t, mean_t)


_UNIFORM_DTYPES = (_dtypes.float16, _dtypes.bfloat16, _dtypes.float32, _dtypes.float64, _dtypes.int32,
                   _dtypes.int64)


def uniform(shape: Any, minval: Any = 0, maxval: Any = None, dtype: Any = _dtypes.float32, seed: Any = None,
            name: Any = None) -> EagerTensor:
    """`tf.random.uniform`: floats in [minval, maxval) (default [0, 1)); integer dtypes need
    `maxval`."""
    from tfshim.ops.arithmetic import add, multiply, subtract

    dtype = _dtypes.as_dtype(dtype)
    _accepted(dtype, _UNIFORM_DTYPES)
    if maxval is None:
        if dtype.is_integer:
            raise ValueError(f"Must specify maxval for integer dtype {dtype!r}")
        maxval = 1
    shape_t = _shape_tensor(shape)
    minval_is_zero = isinstance(minval, int) and minval == 0
    maxval_is_one = isinstance(maxval, int) and maxval == 1
    if not minval_is_zero or not maxval_is_one or dtype.is_integer:
        minval = _convert(minval, dtype, "min")
        maxval = _convert(maxval, dtype, "max")
    seeds = _get_seed(seed)
    if dtype.is_integer:
        return _uniform_int(_UNIFORM_INT, shape_t, minval, maxval, dtype, seeds)
    dims = _check_shape(_UNIFORM, shape_t)
    np_dtype = dtype._np
    value = _draw(_UNIFORM, dtype.name, seeds, lambda gen: _uniform01(gen, dims, np_dtype))
    result = execute(_UNIFORM, (shape_t,), _wrap(value))
    if minval_is_zero:
        if not maxval_is_one:
            result = multiply(result, maxval)
        return result
    return add(multiply(result, subtract(maxval, minval)), minval)


def _uniform_int(op: Any, shape_t: EagerTensor, minval: EagerTensor, maxval: EagerTensor, dtype: _dtypes.DType,
                 seeds: Any, stateless_seed: Any = None, generator: Any = None) -> EagerTensor:
    dims = _check_shape(op, shape_t, "T" if op is _UNIFORM_INT else "Tshape")
    for label, bound in (("minval", minval), ("maxval", maxval)):
        if bound._value.ndim:
            raise kernel_error(op.name, f"{label} must be 0-D, got shape {_args.shape_text(bound._value.shape)}")
    lo, hi = int(minval._value), int(maxval._value)
    if lo >= hi and int(np.prod(dims)) > 0:
        raise kernel_error(op.name, f"Need minval < maxval, got {lo} >= {hi}")
    np_dtype = dtype._np

    def sample(gen: np.random.Generator) -> np.ndarray:
        if lo >= hi:
            return np.zeros(dims, np_dtype)
        return gen.integers(lo, hi, dims, dtype=np_dtype)

    if generator is not None:
        value = generator._run(sample)
    elif stateless_seed is not None:
        value = sample(_stateless_generator(op, dtype.name, stateless_seed))
    else:
        value = _draw(op, dtype.name, seeds, sample)
    return execute(op, (shape_t, minval, maxval), _wrap(value))


_CATEGORICAL_DTYPES = (_dtypes.int32, _dtypes.int64)
_MULTINOMIAL_KERNELS = (
    "All kernels registered for op Multinomial:\n"
    "  device='XLA_CPU_JIT'; output_dtype in [DT_INT32, DT_INT64]; T in [DT_FLOAT, DT_DOUBLE, DT_INT32, "
    "DT_UINT8, DT_INT16, DT_INT8, DT_INT64, DT_BFLOAT16, DT_UINT16, DT_HALF, DT_UINT32, DT_UINT64]\n"
    "  device='CPU'; T in [DT_DOUBLE]; output_dtype in [DT_INT64]\n"
    "  device='CPU'; T in [DT_DOUBLE]; output_dtype in [DT_INT32]\n"
    "  device='CPU'; T in [DT_FLOAT]; output_dtype in [DT_INT64]\n"
    "  device='CPU'; T in [DT_FLOAT]; output_dtype in [DT_INT32]\n"
    "  device='CPU'; T in [DT_BFLOAT16]; output_dtype in [DT_INT64]\n"
    "  device='CPU'; T in [DT_BFLOAT16]; output_dtype in [DT_INT32]\n"
    "  device='CPU'; T in [DT_HALF]; output_dtype in [DT_INT64]\n"
    "  device='CPU'; T in [DT_HALF]; output_dtype in [DT_INT32]\n")


def categorical(logits: Any, num_samples: Any, dtype: Any = None, seed: Any = None, name: Any = None) -> EagerTensor:
    """`tf.random.categorical`: `num_samples` class indices per row of `logits` (int64 by default).
    Non-finite logits never get drawn; a row with no finite logit gives `num_classes`, as in TF."""
    logits = _args.tensor(logits)
    dtype = _dtypes.as_dtype(dtype) if dtype else _dtypes.int64
    _accepted(dtype, _CATEGORICAL_DTYPES)
    seeds = _get_seed(seed)
    _check_dtype(_MULTINOMIAL, logits.dtype, "T")
    if logits.dtype.is_integer:
        s1, s2 = (0, 0) if seeds[0] is None else seeds
        raise NotFoundError(None, None, "Could not find device for node: {{node Multinomial}} = Multinomial["
                                        f"T=DT_{logits.dtype._kernel_name.upper()}, "
                                        f"output_dtype=DT_{dtype._kernel_name.upper()}, seed={s1}, seed2={s2}]\n"
                                        f"{_MULTINOMIAL_KERNELS} [Op:Multinomial] name: ")
    count = convert_to_tensor(num_samples, dtype=_dtypes.int32)
    out = _multinomial(_MULTINOMIAL, logits, count, dtype, "")
    value = _draw(_MULTINOMIAL, dtype.name, seeds, lambda gen: _sample_classes(gen, out[0], out[1], dtype._np))
    return execute(_MULTINOMIAL, (logits, count), value)


def _multinomial(op: Any, logits: EagerTensor, count: EagerTensor, dtype: Any, name: str | None) -> tuple:
    """The Multinomial kernel's checks; returns (logits as float64, number of samples)."""
    if logits._value.ndim != 2:
        raise kernel_error(op.name, f"logits should be a matrix, got shape {_args.shape_text(logits._value.shape)}",
                           name=name)
    if count._value.ndim != 0:
        raise kernel_error(op.name, f"num_samples should be a scalar, got shape "
                                    f"{_args.shape_text(count._value.shape)}", name=name)
    n = int(count._value)
    if n < 0:
        raise kernel_error(op.name, f"num_samples should be non-negative, got {n}", name=name)
    if logits._value.shape[1] == 0:
        raise kernel_error(op.name, f"num_classes should be positive, got {logits._value.shape[1]}", name=name)
    return np.asarray(logits._value, dtype=np.float64), n


def _sample_classes(gen: np.random.Generator, logits: np.ndarray, n: int, np_dtype: np.dtype) -> np.ndarray:
    """TF's CPU kernel: a CDF of exp(logit - max finite logit) over the finite logits, searched with
    uniform draws scaled by its total."""
    batch = logits.shape[0]
    out = np.empty((batch, n), dtype=np_dtype)
    finite = np.isfinite(logits)
    for b in range(batch):
        row = logits[b]
        ok = finite[b]
        top = row[ok].max() if ok.any() else 0.0
        weights = np.where(ok, np.exp(np.where(ok, row - top, 0.0)), 0.0)
        cdf = np.cumsum(weights)
        draws = gen.random(n) * cdf[-1]
        out[b] = np.searchsorted(cdf, draws, side="right")
    return out


def shuffle(value: Any, seed: Any = None, name: Any = None) -> EagerTensor:
    """`tf.random.shuffle`: a random permutation along the first dimension (no gradient)."""
    x = _args.tensor(value)
    seeds = _get_seed(seed)
    array = x._value
    if array.ndim == 0 or array.shape[0] <= 1:
        return execute(_SHUFFLE, (x,), array)
    perm = _draw(_SHUFFLE, x.dtype.name, seeds, lambda gen: gen.permutation(array.shape[0]))
    return execute(_SHUFFLE, (x,), array[perm])


def gamma(shape: Any, alpha: Any, beta: Any = None, dtype: Any = _dtypes.float32, seed: Any = None,
          name: Any = None) -> EagerTensor:
    """`tf.random.gamma`: shape `shape + broadcast(alpha, beta).shape`. Differs from TF: no gradient
    with respect to `alpha` (TF's implicit reparameterization gradient is not implemented)."""
    from tfshim.ops.arithmetic import maximum, realdiv
    from tfshim.ops.shape_ops import broadcast_to

    dtype = _dtypes.as_dtype(dtype)
    shape_t = convert_to_tensor(shape, dtype=_dtypes.int32)
    alpha = _convert(alpha, dtype, "alpha")
    beta = _convert(beta if beta is not None else 1, dtype, "beta")
    try:
        bshape = np.broadcast_shapes(alpha._value.shape, beta._value.shape)
    except ValueError:
        raise kernel_error("BroadcastArgs", f"Incompatible shapes: {_args.shape_text(alpha._value.shape)} vs. "
                                            f"{_args.shape_text(beta._value.shape)}") from None
    alpha_b = broadcast_to(alpha, bshape)
    seeds = _get_seed(seed)
    tiny = np.finfo(dtype._np).tiny if isinstance(dtype._np, np.dtype) else None
    _check_dtype(_GAMMA, dtype, "T")
    dims = _check_shape(_GAMMA, shape_t, "S")
    a = np.asarray(alpha_b._value, dtype=np.float64)
    value = _draw(_GAMMA, dtype.name, seeds,
                  lambda gen: gen.standard_gamma(np.broadcast_to(a, dims + a.shape)).astype(dtype._np))
    sample = execute(_GAMMA, (shape_t, alpha_b), _wrap(np.asarray(value)))
    return maximum(EagerTensor(dtype._np.type(tiny)), realdiv(sample, beta))


def poisson(shape: Any, lam: Any, dtype: Any = _dtypes.float32, seed: Any = None, name: Any = None) -> EagerTensor:
    """`tf.random.poisson`: shape `shape + lam.shape` (no gradient, as in TF)."""
    shape_t = convert_to_tensor(shape, dtype=_dtypes.int32)
    seeds = _get_seed(seed)
    raw_list = isinstance(lam, (list, tuple))
    rate = _args.tensor(lam)
    dtype = _dtypes.as_dtype(dtype)
    suffix = None if raw_list else ""
    _check_dtype(_POISSON, rate.dtype, "R", suffix)
    _check_dtype(_POISSON, dtype, "dtype", suffix)
    dims = _check_shape(_POISSON, shape_t, "S", suffix)
    lam_np = np.asarray(rate._value, dtype=np.float64)
    value = _draw(_POISSON, dtype.name, seeds,
                  lambda gen: gen.poisson(np.broadcast_to(lam_np, dims + lam_np.shape)).astype(dtype._np))
    return execute(_POISSON, (shape_t, rate), _wrap(np.asarray(value)))


# -- stateless ops -----------------------------------------------------------------------------
def _stateless_seed(seed: Any) -> np.ndarray:
    """StatelessRandomGetKeyCounter's checks: an int32/int64 seed of shape [2]."""
    name = None if isinstance(seed, (list, tuple)) else ""
    t = _args.tensor(seed)
    if t._value.dtype not in _KEY_COUNTER.allowed["Tseed"][0]:
        raise _dtype_error(_KEY_COUNTER, t._value.dtype, "Tseed", name)
    if t._value.shape != (2,):
        raise kernel_error(_KEY_COUNTER.name, f"seed must have shape [2], not {_args.shape_text(t._value.shape)}",
                           name=name)
    return np.asarray(t._value, dtype=np.int64)


def stateless_normal(shape: Any, seed: Any, mean: Any = 0.0, stddev: Any = 1.0, dtype: Any = _dtypes.float32,
                     name: Any = None, alg: Any = "auto_select") -> EagerTensor:
    """`tf.random.stateless_normal`: the same seed always gives the same values (not TF's values)."""
    return _stateless_normal_like(_STATELESS_NORMAL, _standard_normal, shape, seed, mean, stddev, dtype)


def stateless_truncated_normal(shape: Any, seed: Any, mean: Any = 0.0, stddev: Any = 1.0,
                               dtype: Any = _dtypes.float32, name: Any = None,
                               alg: Any = "auto_select") -> EagerTensor:
    """`tf.random.stateless_truncated_normal`: a pure function of `seed`; within two stddevs."""
    return _stateless_normal_like(_STATELESS_TRUNCATED_NORMAL, _truncated_standard_normal, shape, seed, mean,
                                  stddev, dtype)


def _stateless_normal_like(op: Any, sampler: Any, shape: Any, seed: Any, mean: Any, stddev: Any,
                           dtype: Any) -> EagerTensor:
    dtype = _dtypes.as_dtype(dtype)
    shape_t = _shape_tensor(shape)
    mean_t = _convert(mean, dtype, "mean")
    stddev_t = _convert(stddev, dtype, "stddev")
    key = _stateless_seed(seed)
    _check_dtype(op, dtype)
    dims = _check_shape(op, shape_t, "Tshape")
    value = kernel(sampler, _stateless_generator(op, dtype.name, key), dims, dtype._np)
    rnd = execute(op, (shape_t,), _wrap(value))
    return _scale_and_shift(rnd, stddev_t, mean_t)


_STATELESS_UNIFORM_DTYPES = (*_UNIFORM_DTYPES, _dtypes.uint32, _dtypes.uint64)


def stateless_uniform(shape: Any, seed: Any, minval: Any = 0, maxval: Any = None, dtype: Any = _dtypes.float32,
                      name: Any = None, alg: Any = "auto_select") -> EagerTensor:
    """`tf.random.stateless_uniform`: a pure function of `seed`. Integer dtypes take both bounds, or
    neither (the dtype's full range)."""
    from tfshim.ops.arithmetic import add, multiply, subtract

    dtype = _dtypes.as_dtype(dtype)
    _accepted(dtype, _STATELESS_UNIFORM_DTYPES)
    if dtype.is_integer:
        if (minval is None) != (maxval is None):
            raise ValueError(f"For integer `dtype` argument {dtype}, argument `minval` and `maxval` must be both "
                             f"None or not None. Got `minval`={minval} and `maxval`={maxval}.")
        if minval is not None and dtype in (_dtypes.uint32, _dtypes.uint64):
            raise ValueError(f"Argument `dtype` got invalid value {dtype} when argument `minval` is not None. "
                             "Please don't use unsigned integers in this case.")
    elif maxval is None:
        maxval = 1
    shape_t = _shape_tensor(shape)
    if dtype.is_integer and minval is None:
        key = _stateless_seed(seed)
        op = _STATELESS_UNIFORM_FULL_INT
        dims = _check_shape(op, shape_t, "Tshape")
        value = kernel(_full_int, _stateless_generator(op, dtype.name, key), dims, dtype._np)
        return execute(op, (shape_t,), _wrap(value))
    minval = _convert(minval, dtype, "min")
    maxval = _convert(maxval, dtype, "max")
    key = _stateless_seed(seed)
    if dtype.is_integer:
        return _uniform_int(_STATELESS_UNIFORM_INT, shape_t, minval, maxval, dtype, None, stateless_seed=key)
    op = _STATELESS_UNIFORM
    dims = _check_shape(op, shape_t, "Tshape")
    value = kernel(_uniform01, _stateless_generator(op, dtype.name, key), dims, dtype._np)
    rnd = execute(op, (shape_t,), _wrap(value))
    return add(multiply(rnd, subtract(maxval, minval)), minval)


def stateless_categorical(logits: Any, num_samples: Any, seed: Any, dtype: Any = _dtypes.int64,
                          name: Any = None) -> EagerTensor:
    """`tf.random.stateless_categorical`: like `categorical`, a pure function of `seed`."""
    logits = _args.tensor(logits)
    dtype = _dtypes.as_dtype(dtype) if dtype else _dtypes.int64
    _accepted(dtype, _CATEGORICAL_DTYPES)
    suffix = None if isinstance(seed, (list, tuple)) else ""
    key = _stateless_seed(seed)
    _check_dtype(_STATELESS_MULTINOMIAL, logits.dtype, "T", suffix)
    count = convert_to_tensor(num_samples, dtype=_dtypes.int32)
    rows, n = _multinomial(_STATELESS_MULTINOMIAL, logits, count, dtype, suffix)
    gen = _stateless_generator(_STATELESS_MULTINOMIAL, dtype.name, key)
    return execute(_STATELESS_MULTINOMIAL, (logits, count), kernel(_sample_classes, gen, rows, n, dtype._np))


def split(seed: Any, num: int = 2, alg: Any = "auto_select") -> EagerTensor:
    """`tf.random.split`: `num` new stateless seeds (shape [num, 2], the seed's dtype) from `seed`."""
    seed = _args.tensor(seed)
    return stateless_uniform([num, 2], seed=seed, dtype=seed.dtype, minval=None, maxval=None)


def fold_in(seed: Any, data: Any, alg: Any = "auto_select") -> EagerTensor:
    """`tf.random.fold_in`: a new stateless seed `[f(seed), data]` of `data`'s dtype."""
    data = _args.tensor(data)
    first = stateless_uniform([], seed=seed, dtype=data.dtype, minval=None, maxval=None)
    return EagerTensor(np.array([first._value, data._value], dtype=data._value.dtype))


# -- tf.random.Generator -----------------------------------------------------------------------
class Generator:
    """`tf.random.Generator`: an independent random stream (a NumPy PCG64 generator here, so its
    values differ from TF's Philox stream). `state` is not exposed as a variable."""

    def __init__(self, copy_from: Any = None, state: Any = None, alg: Any = None) -> None:
        if copy_from is not None:
            self._rng = np.random.Generator(np.random.PCG64())
            self._rng.bit_generator.state = copy_from._rng.bit_generator.state
        elif state is not None:
            values = np.asarray(state, dtype=np.int64).reshape(-1)
            self._rng = np.random.Generator(np.random.PCG64([int(v) & _UINT64_MASK for v in values]))
        else:
            raise ValueError("Argument `state` must be non-None when `copy_from` is None.")
        self._lock = threading.Lock()

    @classmethod
    def from_seed(cls, seed: Any, alg: Any = None) -> Generator:
        """A generator whose stream is determined by the integer `seed`."""
        return cls(state=[int(seed), 0, 0], alg=alg)

    @classmethod
    def from_non_deterministic_state(cls, alg: Any = None) -> Generator:
        """A generator seeded from OS entropy."""
        gen = cls.__new__(cls)
        gen._rng = np.random.default_rng()
        gen._lock = threading.Lock()
        return gen

    @classmethod
    def from_state(cls, state: Any, alg: Any) -> Generator:
        return cls(state=state, alg=alg)

    @property
    def algorithm(self) -> int:
        return 1

    def reset_from_seed(self, seed: Any) -> None:
        self._rng = Generator.from_seed(seed)._rng

    def _run(self, fn: Any) -> Any:
        with self._lock:
            return kernel(fn, self._rng)

    def normal(self, shape: Any, mean: Any = 0.0, stddev: Any = 1.0, dtype: Any = _dtypes.float32,
               name: Any = None) -> EagerTensor:
        return self._normal_like(_STATELESS_NORMAL, _standard_normal, shape, mean, stddev, dtype)

    def truncated_normal(self, shape: Any, mean: Any = 0.0, stddev: Any = 1.0, dtype: Any = _dtypes.float32,
                         name: Any = None) -> EagerTensor:
        return self._normal_like(_STATELESS_TRUNCATED_NORMAL, _truncated_standard_normal, shape, mean, stddev,
                                 dtype)

    def _normal_like(self, op: Any, sampler: Any, shape: Any, mean: Any, stddev: Any, dtype: Any) -> EagerTensor:
        dtype = _dtypes.as_dtype(dtype)
        shape_t = _shape_tensor(shape)
        mean_t = _convert(mean, dtype, "mean")
        stddev_t = _convert(stddev, dtype, "stddev")
        _check_dtype(op, dtype)
        dims = _check_shape(op, shape_t, "Tshape")
        value = self._run(lambda gen: sampler(gen, dims, dtype._np))
        return _scale_and_shift(execute(op, (shape_t,), _wrap(value)), stddev_t, mean_t)

    def uniform(self, shape: Any, minval: Any = 0, maxval: Any = None, dtype: Any = _dtypes.float32,
                name: Any = None) -> EagerTensor:
        from tfshim.ops.arithmetic import add, multiply, subtract

        dtype = _dtypes.as_dtype(dtype)
        if dtype.is_integer:
            if (minval is None) != (maxval is None):
                raise ValueError(f"For integer dtype {dtype}, minval and maxval must be both `None` or both "
                                 f"non-`None`; got minval={minval} and maxval={maxval}")
        elif maxval is None:
            maxval = 1
        shape_t = _shape_tensor(shape)
        if dtype.is_integer and minval is None:
            dims = _check_shape(_STATELESS_UNIFORM_FULL_INT, shape_t, "Tshape")
            return EagerTensor(_wrap(self._run(lambda gen: _full_int(gen, dims, dtype._np))))
        minval = _convert(minval, dtype, "min")
        maxval = _convert(maxval, dtype, "max")
        if dtype.is_integer:
            _check_dtype(_STATELESS_UNIFORM_INT, dtype)
            return _uniform_int(_STATELESS_UNIFORM_INT, shape_t, minval, maxval, dtype, None, generator=self)
        _check_dtype(_STATELESS_UNIFORM, dtype)
        dims = _check_shape(_STATELESS_UNIFORM, shape_t, "Tshape")
        rnd = execute(_STATELESS_UNIFORM, (shape_t,), _wrap(self._run(lambda gen: _uniform01(gen, dims, dtype._np))))
        return add(multiply(rnd, subtract(maxval, minval)), minval)

    def uniform_full_int(self, shape: Any, dtype: Any = _dtypes.uint64, name: Any = None) -> EagerTensor:
        dtype = _dtypes.as_dtype(dtype)
        dims = _check_shape(_STATELESS_UNIFORM_FULL_INT, _shape_tensor(shape), "Tshape")
        return EagerTensor(_wrap(self._run(lambda gen: _full_int(gen, dims, dtype._np))))

    def binomial(self, shape: Any, counts: Any, probs: Any, dtype: Any = _dtypes.int32,
                 name: Any = None) -> EagerTensor:
        dtype = _dtypes.as_dtype(dtype)
        dims = _check_shape(_STATELESS_UNIFORM, _shape_tensor(shape), "Tshape")
        n = np.broadcast_to(np.asarray(_args.tensor(counts)._value, dtype=np.float64), dims).astype(np.int64)
        p = np.broadcast_to(np.asarray(_args.tensor(probs)._value, dtype=np.float64), dims)
        return EagerTensor(_wrap(self._run(lambda gen: gen.binomial(n, p).astype(dtype._np))))

    def make_seeds(self, count: int = 1) -> EagerTensor:
        """Seeds for the stateless ops: int64, shape [2, count]."""
        return EagerTensor(self._run(lambda gen: gen.integers(np.iinfo(np.int64).min, np.iinfo(np.int64).max,
                                                               (2, count), dtype=np.int64, endpoint=True)))

    def split(self, count: int = 1) -> list:
        """`count` new generators whose streams derive from (and advance) this one's."""
        seeds = self._run(lambda gen: gen.integers(0, np.iinfo(np.int64).max, (count, 2), dtype=np.int64))
        return [Generator(state=[int(a), int(b), 0]) for a, b in seeds]


_GLOBAL_GENERATOR: list = []


def get_global_generator() -> Generator:
    """`tf.random.get_global_generator`: created from OS entropy on first use."""
    with _Seeds.lock:
        if not _GLOBAL_GENERATOR:
            _GLOBAL_GENERATOR.append(Generator.from_non_deterministic_state())
        return _GLOBAL_GENERATOR[0]


def set_global_generator(generator: Generator) -> None:
    """`tf.random.set_global_generator`."""
    with _Seeds.lock:
        _GLOBAL_GENERATOR[:] = [generator]


def create_rng_state(seed: Any, alg: Any) -> EagerTensor:
    """`tf.random.create_rng_state`: `[seed, 0, 0]` as int64 (Philox's state layout)."""
    return EagerTensor(np.array([int(seed), 0, 0], dtype=np.int64))


# -- tf.nn.dropout -----------------------------------------------------------------------------
def dropout(x: Any, rate: Any, noise_shape: Any = None, seed: Any = None, name: Any = None) -> EagerTensor:
    """`tf.nn.dropout`: zeroes each element with probability `rate` and scales the others by
    `1 / (1 - rate)`, through Mul (or RealDiv), GreaterEqual and SelectV2 as TF does, so its
    gradient is TF's."""
    from tfshim.ops.arithmetic import multiply, realdiv, subtract
    from tfshim.ops.comparison import greater_equal
    from tfshim.ops.selection import where

    is_tensor_rate = isinstance(rate, Tensor) or getattr(rate, "_is_variable", False)
    is_rate_number = not is_tensor_rate and isinstance(rate, numbers.Real)
    if is_rate_number and (rate < 0 or rate >= 1):
        raise ValueError(f"`rate` must be a scalar tensor or a float in the range [0, 1). Received: rate={rate}")
    x = _args.tensor(x)
    x_dtype = x.dtype
    if not x_dtype.is_floating:
        raise ValueError(f"`x.dtype` must be a floating point tensor as `x` will be scaled. Received: "
                         f"x_dtype={x_dtype}")
    if is_rate_number and rate == 0:
        _get_seed(seed)
        return x
    if not is_tensor_rate:
        if not is_rate_number:
            raise ValueError(f"`rate` must be a scalar or scalar tensor. Received: rate={rate}")
        scale = convert_to_tensor(1 / (1 - rate), dtype=x_dtype)
        ret = multiply(x, scale)
    else:
        rate = _args.tensor(rate)
        if rate._value.ndim != 0:
            raise ValueError(f"Shape {rate.shape} must have rank 0")
        if rate.dtype != x_dtype:
            raise ValueError(f"`x.dtype` must be compatible with `rate.dtype`. Received: x.dtype={x_dtype} and "
                             f"rate.dtype={rate.dtype}")
        ret = realdiv(x, subtract(EagerTensor(x_dtype._np.type(1)), rate))
    random_tensor = uniform(_noise_shape(x, noise_shape), seed=seed, dtype=x_dtype)
    keep_mask = greater_equal(random_tensor, rate)
    return where(keep_mask, ret, EagerTensor(x_dtype._np.type(0)))


def _noise_shape(x: EagerTensor, noise_shape: Any) -> Any:
    """TF's `_get_noise_shape`: unknown (None) dims of `noise_shape` take `x`'s size."""
    if noise_shape is None:
        return list(x._value.shape)
    if isinstance(noise_shape, (list, tuple, TensorShape)):
        dims = noise_shape.as_list() if isinstance(noise_shape, TensorShape) else list(noise_shape)
        if len(dims) == x._value.ndim and all(d is None or isinstance(d, (int, np.integer)) for d in dims):
            return [x._value.shape[i] if d is None else int(d) for i, d in enumerate(dims)]
    return noise_shape
