"""Random ops: `tf.random.*` (stateful and stateless), `tf.random.Generator` and `tf.nn.dropout`.

TensorFlow's CPU random streams, bit for bit: Philox4x32-10 with TensorFlow's key/counter
derivation and word-to-value transforms (`tfshim.ops._philox`; docs/differences.md says what was
compared).

* Stateful ops (`uniform`, `normal`, `truncated_normal`, `categorical`, `shuffle`, `gamma`,
  `poisson`, `tf.nn.dropout`) turn their `seed=` and the global seed into a pair `(seed1, seed2)`
  as TF's `random_seed.get_seed` does in eager mode, and draw from a *kernel*, cached per op
  signature (op, dtypes, shape dtype, seeds) like TF's eager kernel cache; each call reserves its
  stretch of the kernel's stream. `tf.random.set_seed` clears the cache and restarts the op-seed
  sequence. Without a global and an op seed a kernel seeds itself from OS entropy.
* Stateless ops scramble their shape-[2] seed into a key and counter (StatelessRandomGetKeyCounter).
* `tf.random.Generator` holds TF's int64 `[counter_lo, counter_hi, key]` state in a variable and
  advances it as TF does.
* Graph seeding: `function_call_scope(trace_key)` gives the random ops of one `tf.function` call
  TF's per-graph op seeds and per-node kernels; outside it random ops behave as in eager mode.

Differs from TensorFlow: categorical draws are always the single-piece result (TF's depends on its
thread count for large inputs). Random ops have no gradient (TensorFlow registers none), but
`mean`/`stddev`/`minval`/`maxval` enter through ordinary Mul/Add ops, so gradients flow to them as
in TensorFlow. `tf.random.gamma` registers no gradient with respect to `alpha` (TensorFlow has
one), so differentiating through `alpha` raises LookupError.
"""

from __future__ import annotations

import contextlib
import enum
import numbers
import os
import random as _pyrandom
import threading
from collections.abc import Iterator
from typing import Any

import numpy as np

from tfshim._engine import dtypes as _dtypes
from tfshim._engine.convert import convert_to_tensor
from tfshim._engine.errors import NotFoundError, UnimplementedError, kernel_error
from tfshim._engine.registry import execute, kernel, op_def
from tfshim._engine.tensor import EagerTensor, Tensor
from tfshim._engine.tensor_shape import TensorShape
from tfshim.ops import _args
from tfshim.ops import _philox as _ph

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
_STATELESS_SHUFFLE = op_def("StatelessShuffle", differentiable=False)
_STATELESS_GAMMA = op_def("StatelessRandomGammaV3")  # no gradient wrt alpha in tfshim
_STATELESS_POISSON = op_def("StatelessRandomPoisson", differentiable=False)
_STATELESS_BINOMIAL = op_def("StatelessRandomBinomial", differentiable=False)
_STATEFUL_BINOMIAL = op_def("StatefulRandomBinomial", differentiable=False)

_MAXINT32 = 2**31 - 1
_DEFAULT_GRAPH_SEED = 87654321
_UINT64_MASK = (1 << 64) - 1
_UINT128_MASK = (1 << 128) - 1


# -- the seeding state -------------------------------------------------------------------------
class _Seeds:
    """The process-wide seeding state (TensorFlow keeps it in the eager context)."""

    lock = threading.RLock()
    global_seed: Any = None
    op_seeds = _pyrandom.Random()  # draws the op seed of each unseeded op once a global seed is set
    kernels: dict = {}  # op signature -> [key0, key1, next counter], like TF's eager kernel cache


def set_seed(seed: Any) -> None:
    """`tf.random.set_seed`: stores the global seed, restarts the op-seed sequence and resets every
    stateful kernel (also for `None` or the same seed again)."""
    with _Seeds.lock:
        _Seeds.global_seed = seed
        try:
            hash(seed)
            _Seeds.op_seeds = _pyrandom.Random(seed)
        except TypeError:
            _Seeds.op_seeds = _pyrandom.Random(int(np.array(seed)))
        _Seeds.kernels.clear()


class _Trace:
    """What a traced `tf.function` graph keeps: the global seed at trace time."""

    __slots__ = ("global_seed",)

    def __init__(self, global_seed: Any) -> None:
        self.global_seed = global_seed


class _CallFrame:
    """One call of a traced function: its trace, and counters of its random nodes in call order."""

    __slots__ = ("trace", "key", "unseeded", "node")

    def __init__(self, trace: _Trace, key: Any) -> None:
        self.trace, self.key, self.unseeded, self.node = trace, key, 0, 0


_TRACES: dict = {}
_frames = threading.local()


@contextlib.contextmanager
def function_call_scope(trace_key: Any) -> Iterator[None]:
    """Runs one call of a `tf.function` trace (`trace_key`: hashable, one per traced graph, e.g.
    the function and its input signature) with TF's graph seeding: the graph keeps the global seed
    of its first call (its trace), its unseeded random ops get op seeds 0, 1, 2, ... in call order,
    and every random op node (the n-th random op of a call) owns its own kernel, whose stream
    continues from call to call until `tf.random.set_seed`."""
    with _Seeds.lock:
        trace = _TRACES.get(trace_key)
        if trace is None:
            trace = _TRACES[trace_key] = _Trace(_Seeds.global_seed)
    stack = getattr(_frames, "stack", None)
    if stack is None:
        stack = _frames.stack = []
    stack.append(_CallFrame(trace, trace_key))
    try:
        yield
    finally:
        stack.pop()


def _frame() -> _CallFrame | None:
    stack = getattr(_frames, "stack", None)
    return stack[-1] if stack else None


def get_seed(op_seed: Any) -> tuple:
    """TensorFlow's `random_seed.get_seed`: the (seed1, seed2) pair a stateful op runs with;
    `(None, None)` when neither a global nor an op seed is set. In eager mode an unseeded op draws
    the next op seed; inside `function_call_scope` it takes the graph's next op seed (0, 1, ...)."""
    frame = _frame()
    with _Seeds.lock:
        if frame is not None:
            global_seed = frame.trace.global_seed
            if global_seed is not None and op_seed is None:
                op_seed = frame.unseeded
                frame.unseeded += 1
        else:
            global_seed = _Seeds.global_seed
        if global_seed is not None:
            if op_seed is None:
                op_seed = _Seeds.op_seeds.randint(0, _MAXINT32)
            seeds = int(global_seed) % _MAXINT32, int(op_seed) % _MAXINT32
        elif op_seed is not None:
            seeds = _DEFAULT_GRAPH_SEED, int(op_seed) % _MAXINT32
        else:
            seeds = None, None
    if seeds == (0, 0):
        return 0, _MAXINT32
    return seeds


_get_seed = get_seed


def _kernel_stream(signature: tuple, seeds: tuple, reservation: int) -> tuple:
    """(key0, key1, start counter) of one call of the stateful kernel `signature` with `seeds`; the
    kernel's counter then advances by `reservation` blocks. Unseeded kernels take OS entropy."""
    frame = _frame()
    if frame is not None:  # a graph node owns its kernel
        signature = (*signature, frame.key, frame.node)
        frame.node += 1
    with _Seeds.lock:
        cache_key = (*signature, seeds)
        entry = _Seeds.kernels.get(cache_key)
        if entry is None:
            s1, s2 = seeds
            if s1 is None:  # TF's GuardedPhiloxRandom with seed = seed2 = 0: two random 64-bit seeds
                s1, s2 = (int.from_bytes(os.urandom(8), "little") for _ in range(2))
            entry = _Seeds.kernels[cache_key] = list(_ph.key_counter_from_seeds(s1, s2))
        start = entry[2]
        entry[2] = (start + reservation) & _UINT128_MASK
        return entry[0], entry[1], start


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


def _wrap(value: np.ndarray) -> Any:
    return value if value.ndim else value[()]


def _count(dims: tuple) -> int:
    n = 1
    for d in dims:
        n *= d
    return n


def _scale_and_shift(rnd: EagerTensor, stddev: EagerTensor, mean: EagerTensor, plain: bool = False) -> EagerTensor:
    """`rnd * stddev + mean` (TF's Mul and Add). `plain` (stddev and mean were the Python numbers 1
    and 0) skips them: the same values (a draw is never -0.0), and nothing differentiable enters."""
    from tfshim.ops.arithmetic import add, multiply

    if plain:
        return rnd
    return add(multiply(rnd, stddev), mean)


def _plain(mean: Any, stddev: Any) -> bool:
    return type(mean) in (int, float) and type(stddev) in (int, float) and mean == 0 and stddev == 1


def _normal_values(k0: int, k1: int, counter: int, dims: tuple, np_dtype: np.dtype) -> np.ndarray:
    return _ph.normal(k0, k1, counter, _count(dims), np_dtype).reshape(dims)


def _truncated_values(k0: int, k1: int, counter: int, dims: tuple, np_dtype: np.dtype) -> np.ndarray:
    return _ph.truncated_normal(k0, k1, counter, _count(dims), np_dtype).reshape(dims)


def _uniform_values(k0: int, k1: int, counter: int, dims: tuple, np_dtype: np.dtype) -> np.ndarray:
    return _ph.uniform(k0, k1, counter, _count(dims), np_dtype).reshape(dims)


def _full_int_values(k0: int, k1: int, counter: int, dims: tuple, np_dtype: np.dtype) -> np.ndarray:
    return _ph.full_int(k0, k1, counter, _count(dims), np_dtype).reshape(dims)


# -- stateful ops ------------------------------------------------------------------------------
def normal(shape: Any, mean: Any = 0.0, stddev: Any = 1.0, dtype: Any = _dtypes.float32, seed: Any = None,
           name: Any = None) -> EagerTensor:
    """`tf.random.normal`: `RandomStandardNormal * stddev + mean` (TF's stream)."""
    return _normal_like(_STANDARD_NORMAL, _normal_values, shape, mean, stddev, dtype, seed)


def truncated_normal(shape: Any, mean: Any = 0.0, stddev: Any = 1.0, dtype: Any = _dtypes.float32,
                     seed: Any = None, name: Any = None) -> EagerTensor:
    """`tf.random.truncated_normal`: normal values within two standard deviations (TF's stream)."""
    return _normal_like(_TRUNCATED_NORMAL, _truncated_values, shape, mean, stddev, dtype, seed)


def _normal_like(op: Any, sampler: Any, shape: Any, mean: Any, stddev: Any, dtype: Any, seed: Any) -> EagerTensor:
    dtype = _dtypes.as_dtype(dtype)
    shape_t = _shape_tensor(shape)
    mean_t = _convert(mean, dtype, "mean")
    stddev_t = _convert(stddev, dtype, "stddev")
    seeds = _get_seed(seed)
    _check_dtype(op, dtype)
    dims = _check_shape(op, shape_t)
    np_dtype = dtype._np
    n = _count(dims)
    k0, k1, counter = _kernel_stream((op.name, dtype.name, shape_t.dtype.name), seeds, 256 * n)
    value = kernel(sampler, k0, k1, counter, dims, np_dtype)
    rnd = execute(op, (shape_t,), _wrap(value))
    return _scale_and_shift(rnd, stddev_t, mean_t, _plain(mean, stddev))


_UNIFORM_DTYPES = (_dtypes.float16, _dtypes.bfloat16, _dtypes.float32, _dtypes.float64, _dtypes.int32,
                   _dtypes.int64)


def uniform(shape: Any, minval: Any = 0, maxval: Any = None, dtype: Any = _dtypes.float32, seed: Any = None,
            name: Any = None) -> EagerTensor:
    """`tf.random.uniform`: floats in [minval, maxval) (default [0, 1)); integer dtypes need
    `maxval` (TF's stream)."""
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
        dims = _check_int_bounds(_UNIFORM_INT, shape_t, minval, maxval, "T")
        n = _count(dims)
        k0, k1, counter = _kernel_stream((_UNIFORM_INT.name, dtype.name, shape_t.dtype.name), seeds, 256 * n)
        value = _int_values(k0, k1, counter, dims, minval, maxval, dtype._np)
        return execute(_UNIFORM_INT, (shape_t, minval, maxval), _wrap(value))
    dims = _check_shape(_UNIFORM, shape_t)
    np_dtype = dtype._np
    k0, k1, counter = _kernel_stream((_UNIFORM.name, dtype.name, shape_t.dtype.name), seeds, 256 * _count(dims))
    value = kernel(_uniform_values, k0, k1, counter, dims, np_dtype)
    result = execute(_UNIFORM, (shape_t,), _wrap(value))
    if minval_is_zero:
        if not maxval_is_one:
            result = multiply(result, maxval)
        return result
    return add(multiply(result, subtract(maxval, minval)), minval)


def _check_int_bounds(op: Any, shape_t: EagerTensor, minval: EagerTensor, maxval: EagerTensor, attr: str) -> tuple:
    dims = _check_shape(op, shape_t, attr)
    for label, bound in (("minval", minval), ("maxval", maxval)):
        if bound._value.ndim:
            raise kernel_error(op.name, f"{label} must be 0-D, got shape {_args.shape_text(bound._value.shape)}")
    lo, hi = int(minval._value), int(maxval._value)
    if lo >= hi and _count(dims) > 0:
        raise kernel_error(op.name, f"Need minval < maxval, got {lo} >= {hi}")
    return dims


def _int_values(k0: int, k1: int, counter: int, dims: tuple, minval: EagerTensor, maxval: EagerTensor,
                np_dtype: np.dtype) -> np.ndarray:
    lo, hi = int(minval._value), int(maxval._value)
    n = _count(dims)
    if n == 0:
        return np.zeros(dims, np_dtype)
    return kernel(_ph.uniform_int, k0, k1, counter, n, lo, hi, np_dtype).reshape(dims)


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
    Non-finite logits never get drawn; a row with no finite logit gives `num_classes`, as in TF.
    Always the single-piece result (TF splits large draws over its threads)."""
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
    rows, n = _multinomial(_MULTINOMIAL, logits, count, dtype, "")
    reservation = 256 * rows.shape[0] * ((n + 3) // 4 * 4) * 2
    k0, k1, counter = _kernel_stream((_MULTINOMIAL.name, logits.dtype.name, dtype.name), seeds, reservation)
    value = kernel(_ph.categorical, k0, k1, counter, rows, n).astype(dtype._np)
    return execute(_MULTINOMIAL, (logits, count), value)


def _multinomial(op: Any, logits: EagerTensor, count: EagerTensor, dtype: Any, name: str | None) -> tuple:
    """The Multinomial kernel's checks; returns (logits as a NumPy array, number of samples)."""
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
    rows = np.asarray(logits._value)
    if rows.dtype not in (np.float32, np.float64):
        rows = rows.astype(np.float32)  # float16/bfloat16 logits: exact in float32
    return rows, n


def shuffle(value: Any, seed: Any = None, name: Any = None) -> EagerTensor:
    """`tf.random.shuffle`: TF's permutation along the first dimension (no gradient)."""
    x = _args.tensor(value)
    seeds = _get_seed(seed)
    array = x._value
    if array.ndim == 0 or array.shape[0] <= 1 or array.size <= 1:
        return execute(_SHUFFLE, (x,), array)
    n = array.shape[0]
    k0, k1, counter = _kernel_stream((_SHUFFLE.name, x.dtype.name), seeds, (n - 1 + 3) // 4)
    perm = kernel(_ph.permutation, k0, k1, counter, n)
    return execute(_SHUFFLE, (x,), array[perm])


def _gamma_tail(dtype: _dtypes.DType) -> Any:
    return np.finfo(dtype._np).tiny if isinstance(dtype._np, np.dtype) else None


def gamma(shape: Any, alpha: Any, beta: Any = None, dtype: Any = _dtypes.float32, seed: Any = None,
          name: Any = None) -> EagerTensor:
    """`tf.random.gamma`: shape `shape + broadcast(alpha, beta).shape` (TF's stream). Differs from
    TF: no gradient with respect to `alpha` (TF's implicit reparameterization gradient)."""
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
    tiny = _gamma_tail(dtype)
    _check_dtype(_GAMMA, dtype, "T")
    dims = _check_shape(_GAMMA, shape_t, "S")
    a = np.asarray(alpha_b._value, dtype=np.float64)
    num_samples = _count(dims)
    k0, k1, counter = _kernel_stream((_GAMMA.name, dtype.name, shape_t.dtype.name), seeds,
                                     256 * num_samples * a.size)
    value = kernel(_ph.gamma, k0, k1, counter, a, num_samples).astype(dtype._np).reshape(dims + a.shape)
    sample = execute(_GAMMA, (shape_t, alpha_b), _wrap(value))
    return maximum(EagerTensor(dtype._np.type(tiny)), realdiv(sample, beta))


def poisson(shape: Any, lam: Any, dtype: Any = _dtypes.float32, seed: Any = None, name: Any = None) -> EagerTensor:
    """`tf.random.poisson`: shape `shape + lam.shape` (TF's stream; no gradient, as in TF)."""
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
    num_samples = _count(dims)
    k0, k1, counter = _kernel_stream((_POISSON.name, rate.dtype.name, dtype.name, shape_t.dtype.name), seeds,
                                     256 * num_samples * lam_np.size)
    value = kernel(_ph.poisson, k0, k1, counter, lam_np, num_samples)
    return execute(_POISSON, (shape_t, rate), _wrap(_cast_counts(value, dtype).reshape(dims + lam_np.shape)))


def _cast_counts(value: np.ndarray, dtype: _dtypes.DType) -> np.ndarray:
    """Poisson counts (float64) in the output dtype (NaN stays NaN for floats; ints as C casts)."""
    if not isinstance(dtype._np, np.dtype) or dtype._np.kind == "f":
        return value.astype(dtype._np)
    with np.errstate(all="ignore"):
        return np.nan_to_num(value, nan=0.0).astype(dtype._np)


# -- stateless ops -----------------------------------------------------------------------------
class Algorithm(enum.Enum):
    """`tf.random.Algorithm`: the RNG algorithms (on CPU, PHILOX and AUTO_SELECT are the same)."""

    PHILOX = 1
    THREEFRY = 2
    AUTO_SELECT = 3


def _unsupported_alg(alg: Any) -> ValueError:
    if isinstance(alg, int):
        names: tuple = (1, 2, 3)
    elif isinstance(alg, str):
        names = ("philox", "threefry", "auto_select")
    else:
        names = (Algorithm.PHILOX, Algorithm.THREEFRY, Algorithm.AUTO_SELECT)
    return ValueError(f"Argument `alg` got unsupported value {alg}. Supported values are {names[0]} for the "
                      f"Philox algorithm, {names[1]} for the ThreeFry algorithm, and {names[2]} for "
                      "auto-selection.")


def _alg_int(alg: Any) -> int:
    """TF's `convert_alg_to_int` plus its check: 1 (Philox), 2 (ThreeFry) or 3 (auto-select)."""
    if alg is None:
        return Algorithm.AUTO_SELECT.value
    if isinstance(alg, Algorithm):
        return alg.value
    if isinstance(alg, str):
        canon = alg.strip().lower().replace("-", "").replace("_", "")
        found = {"philox": 1, "threefry": 2, "autoselect": 3}.get(canon)
        if found is None:
            raise _unsupported_alg(alg)
        return found
    if isinstance(alg, Tensor):
        alg = int(alg._value)
    if not isinstance(alg, (int, np.integer)):
        raise TypeError(f"Can't convert argument `alg` (of value {alg} and type {type(alg)}) to int.")
    if int(alg) not in (1, 2, 3):
        raise _unsupported_alg(int(alg))
    return int(alg)


def _stateless_seed(seed: Any) -> np.ndarray:
    """StatelessRandomGetKeyCounter's checks: an int32/int64 seed of shape [2]; returned widened to
    int64 with sign extension."""
    name = None if isinstance(seed, (list, tuple)) else ""
    if isinstance(seed, np.ndarray) and seed.dtype.kind in "iu" and seed.dtype not in (np.int32, np.int64):
        seed = seed.astype(np.int64)  # TF converts a NumPy seed with the op's default Tseed, int64
    t = _args.tensor(seed)
    if t._value.dtype not in _KEY_COUNTER.allowed["Tseed"][0]:
        raise _dtype_error(_KEY_COUNTER, t._value.dtype, "Tseed", name)
    if t._value.shape != (2,):
        raise kernel_error(_KEY_COUNTER.name, f"seed must have shape [2], not {_args.shape_text(t._value.shape)}",
                           name=name)
    return np.asarray(t._value, dtype=np.int64)


def _stateless_stream(seed: Any, alg: Any = None, op: Any = None) -> tuple:
    """(key0, key1, counter) of a stateless op: the seed scrambled by one Philox block."""
    alg = _alg_int(alg)
    s = _stateless_seed(seed)
    stream = _ph.stateless_key_counter(int(s[0]), int(s[1]))
    if alg == Algorithm.THREEFRY.value and op is not None:
        raise kernel_error(op.name, "counter must be a vector with length at least 2; got shape: [1]. (Note that "
                                    "batched counters are not supported yet.)")
    return stream


def stateless_normal(shape: Any, seed: Any, mean: Any = 0.0, stddev: Any = 1.0, dtype: Any = _dtypes.float32,
                     name: Any = None, alg: Any = "auto_select") -> EagerTensor:
    """`tf.random.stateless_normal`: TF's values for the seed."""
    return _stateless_normal_like(_STATELESS_NORMAL, _normal_values, shape, seed, mean, stddev, dtype, alg)


def stateless_truncated_normal(shape: Any, seed: Any, mean: Any = 0.0, stddev: Any = 1.0,
                               dtype: Any = _dtypes.float32, name: Any = None,
                               alg: Any = "auto_select") -> EagerTensor:
    """`tf.random.stateless_truncated_normal`: TF's values for the seed, within two stddevs."""
    return _stateless_normal_like(_STATELESS_TRUNCATED_NORMAL, _truncated_values, shape, seed, mean, stddev,
                                  dtype, alg)


def _stateless_normal_like(op: Any, sampler: Any, shape: Any, seed: Any, mean: Any, stddev: Any,
                           dtype: Any, alg: Any) -> EagerTensor:
    dtype = _dtypes.as_dtype(dtype)
    shape_t = _shape_tensor(shape)
    mean_t = _convert(mean, dtype, "mean")
    stddev_t = _convert(stddev, dtype, "stddev")
    k0, k1, counter = _stateless_stream(seed, alg, op)
    _check_dtype(op, dtype)
    dims = _check_shape(op, shape_t, "Tshape")
    value = kernel(sampler, k0, k1, counter, dims, dtype._np)
    rnd = execute(op, (shape_t,), _wrap(value))
    return _scale_and_shift(rnd, stddev_t, mean_t, _plain(mean, stddev))


_STATELESS_UNIFORM_DTYPES = (*_UNIFORM_DTYPES, _dtypes.uint32, _dtypes.uint64)


def stateless_uniform(shape: Any, seed: Any, minval: Any = 0, maxval: Any = None, dtype: Any = _dtypes.float32,
                      name: Any = None, alg: Any = "auto_select") -> EagerTensor:
    """`tf.random.stateless_uniform`: TF's values for the seed. Integer dtypes take both bounds, or
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
        op = _STATELESS_UNIFORM_FULL_INT
        k0, k1, counter = _stateless_stream(seed, alg, op)
        dims = _check_shape(op, shape_t, "Tshape")
        value = kernel(_full_int_values, k0, k1, counter, dims, dtype._np)
        return execute(op, (shape_t,), _wrap(value))
    minval = _convert(minval, dtype, "min")
    maxval = _convert(maxval, dtype, "max")
    if dtype.is_integer:
        op = _STATELESS_UNIFORM_INT
        k0, k1, counter = _stateless_stream(seed, alg, op)
        dims = _check_int_bounds(op, shape_t, minval, maxval, "Tshape")
        value = _int_values(k0, k1, counter, dims, minval, maxval, dtype._np)
        return execute(op, (shape_t, minval, maxval), _wrap(value))
    op = _STATELESS_UNIFORM
    k0, k1, counter = _stateless_stream(seed, alg, op)
    dims = _check_shape(op, shape_t, "Tshape")
    value = kernel(_uniform_values, k0, k1, counter, dims, dtype._np)
    rnd = execute(op, (shape_t,), _wrap(value))
    return add(multiply(rnd, subtract(maxval, minval)), minval)


def stateless_categorical(logits: Any, num_samples: Any, seed: Any, dtype: Any = _dtypes.int64,
                          name: Any = None) -> EagerTensor:
    """`tf.random.stateless_categorical`: like `categorical`, from the scrambled seed."""
    logits = _args.tensor(logits)
    dtype = _dtypes.as_dtype(dtype) if dtype else _dtypes.int64
    _accepted(dtype, _CATEGORICAL_DTYPES)
    suffix = None if isinstance(seed, (list, tuple)) else ""
    k0, k1, counter = _stateless_stream(seed)
    _check_dtype(_STATELESS_MULTINOMIAL, logits.dtype, "T", suffix)
    count = convert_to_tensor(num_samples, dtype=_dtypes.int32)
    rows, n = _multinomial(_STATELESS_MULTINOMIAL, logits, count, dtype, suffix)
    value = kernel(_ph.categorical, k0, k1, counter, rows, n).astype(dtype._np)
    return execute(_STATELESS_MULTINOMIAL, (logits, count), value)


def stateless_shuffle(value: Any, seed: Any, alg: Any = "auto_select", name: Any = None) -> EagerTensor:
    """`tf.random.experimental.stateless_shuffle`: TF's permutation along the first dimension for
    the seed."""
    x = _args.tensor(value)
    k0, k1, counter = _stateless_stream(seed, alg, _STATELESS_SHUFFLE)
    array = x._value
    if array.ndim == 0 or array.shape[0] <= 1 or array.size <= 1:
        return execute(_STATELESS_SHUFFLE, (x,), array)
    perm = kernel(_ph.permutation, k0, k1, counter, array.shape[0])
    return execute(_STATELESS_SHUFFLE, (x,), array[perm])


def _trailing(op: Any, dims: tuple, param_shape: tuple, name: str | None = "") -> int:
    """Checks that `param_shape` is the trailing part of `dims`; returns the samples per parameter."""
    k = len(param_shape)
    if k > len(dims) or tuple(dims[len(dims) - k:]) != tuple(param_shape):
        raise kernel_error(op.name, "Shape passed in must end with broadcasted shape.", name=name)
    size = _count(param_shape)
    return _count(dims) // size if size else 0


def stateless_gamma(shape: Any, seed: Any, alpha: Any, beta: Any = None, dtype: Any = _dtypes.float32,
                    name: Any = None) -> EagerTensor:
    """`tf.random.stateless_gamma`: shape `shape`, whose trailing dims are broadcast(alpha, beta)'s
    (TF's values; no gradient with respect to `alpha`)."""
    from tfshim.ops.arithmetic import maximum, realdiv
    from tfshim.ops.shape_ops import broadcast_to

    dtype = _dtypes.as_dtype(dtype)
    shape_t = _shape_tensor(shape)
    alpha = _convert(alpha, dtype, "alpha")
    beta = _convert(beta if beta is not None else 1, dtype, "beta")
    try:
        bshape = np.broadcast_shapes(alpha._value.shape, beta._value.shape)
    except ValueError:
        raise kernel_error("BroadcastArgs", f"Incompatible shapes: {_args.shape_text(alpha._value.shape)} vs. "
                                            f"{_args.shape_text(beta._value.shape)}") from None
    alpha_b = broadcast_to(alpha, bshape)
    k0, k1, counter = _stateless_stream(seed, None, _STATELESS_GAMMA)
    if dtype not in (_dtypes.float16, _dtypes.float32, _dtypes.float64):
        raise _dtype_error(_GAMMA, dtype._np, "T")
    dims = _plain_dims(_STATELESS_GAMMA, shape_t)
    per = _trailing(_STATELESS_GAMMA, dims, bshape)
    a = np.asarray(alpha_b._value, dtype=np.float64)
    value = kernel(_ph.gamma, k0, k1, counter, a, per).astype(dtype._np).reshape(dims)
    rnd = execute(_STATELESS_GAMMA, (shape_t, alpha_b), _wrap(value))
    return maximum(EagerTensor(dtype._np.type(_gamma_tail(dtype))), realdiv(rnd, beta))


def _plain_dims(op: Any, shape_t: EagerTensor) -> tuple:
    value = shape_t._value
    if value.dtype not in (np.int32, np.int64) or value.ndim != 1:
        raise kernel_error(op.name, "shape must be a vector of {int32,int64}, got shape "
                                    f"{_args.shape_text(value.shape)}")
    dims = tuple(int(d) for d in value)
    for d in dims:
        if d < 0:
            raise kernel_error(op.name, f"Dimension {d} must be >= 0")
    return dims


def stateless_poisson(shape: Any, seed: Any, lam: Any, dtype: Any = _dtypes.int32, name: Any = None) -> EagerTensor:
    """`tf.random.stateless_poisson`: shape `shape`, whose trailing dims are `lam`'s (TF's values)."""
    shape_t = _shape_tensor(shape)
    rate = _args.tensor(lam)
    dtype = _dtypes.as_dtype(dtype)
    k0, k1, counter = _stateless_stream(seed)
    if rate.dtype not in (_dtypes.float16, _dtypes.float32, _dtypes.float64, _dtypes.int32, _dtypes.int64):
        raise _dtype_error(_POISSON, rate.dtype._np, "R")
    if dtype not in (_dtypes.float16, _dtypes.float32, _dtypes.float64, _dtypes.int32, _dtypes.int64):
        raise _dtype_error(_POISSON, dtype._np, "dtype")
    dims = _plain_dims(_STATELESS_POISSON, shape_t)
    lam_np = np.asarray(rate._value, dtype=np.float64)
    raw = None if isinstance(seed, (list, tuple)) or isinstance(lam, (list, tuple)) else ""
    per = _trailing(_STATELESS_POISSON, dims, lam_np.shape, raw)
    value = kernel(_ph.poisson, k0, k1, counter, lam_np, per)
    return execute(_STATELESS_POISSON, (shape_t, rate), _wrap(_cast_counts(value, dtype).reshape(dims)))


_BINOMIAL_PARAMS = (_dtypes.float16, _dtypes.float32, _dtypes.float64)
_BINOMIAL_OUTPUTS = (_dtypes.float16, _dtypes.float32, _dtypes.float64, _dtypes.int32, _dtypes.int64)


def _binomial_checks(op: Any, shape_t: EagerTensor, counts: EagerTensor, probs: EagerTensor,
                     dtype: _dtypes.DType, name: str | None = "") -> tuple:
    """RandomBinomial's checks; returns (output dims, broadcast batch shape). `name=None`: TF's slow
    path (a raw Python list argument), whose messages end at `[Op:X]`."""
    if counts.dtype != probs.dtype:
        raise kernel_error(op.name, f"cannot compute {op.name} as input #{4 if op is _STATEFUL_BINOMIAL else 3}"
                                    f"(zero-based) was expected to be a {counts.dtype._kernel_name} tensor but is a "
                                    f"{probs.dtype._kernel_name} tensor", name=name)
    if counts.dtype not in _BINOMIAL_PARAMS or dtype not in _BINOMIAL_OUTPUTS:
        raise kernel_error(op.name, f"No OpKernel was registered to support Op '{op.name}' with these attrs: "
                                    f"[dtype=DT_{dtype._kernel_name.upper()}, "
                                    f"T=DT_{counts.dtype._kernel_name.upper()}]", name=name)
    try:
        bshape = np.broadcast_shapes(counts._value.shape, probs._value.shape)
    except ValueError:
        raise kernel_error(op.name, "counts and probs must have compatible batch dimensions: "
                                    f"{_args.shape_text(counts._value.shape)} vs. "
                                    f"{_args.shape_text(probs._value.shape)}", name=name) from None
    dims = _plain_dims(op, shape_t)
    k = len(bshape)
    if k > len(dims) or tuple(dims[len(dims) - k:]) != tuple(bshape):
        raise kernel_error(op.name, "Shape passed in must end with broadcasted shape.", name=name)
    return dims, bshape


def _binomial_values(k0: int, k1: int, counter: int, dims: tuple, bshape: tuple, counts: EagerTensor,
                     probs: EagerTensor, dtype: _dtypes.DType) -> np.ndarray:
    c = np.broadcast_to(counts._value, bshape).reshape(-1)
    p = np.broadcast_to(probs._value, bshape).reshape(-1)
    num_batches = c.size
    per = _count(dims) // num_batches if num_batches else 0
    value = kernel(_ph.binomial, k0, k1, counter, c, p, per)
    return _cast_counts(value, dtype).reshape(dims)


def stateless_binomial(shape: Any, seed: Any, counts: Any, probs: Any, output_dtype: Any = _dtypes.int32,
                       name: Any = None) -> EagerTensor:
    """`tf.random.stateless_binomial`: `counts`/`probs` broadcast to the trailing dims of `shape`
    (TF's values)."""
    dtype = _dtypes.as_dtype(output_dtype)
    shape_t = _shape_tensor(shape)
    probs_t = probs if isinstance(probs, EagerTensor) else _binomial_param(probs, None)
    counts_t = counts if isinstance(counts, EagerTensor) else _binomial_param(counts, probs_t.dtype)
    s = _stateless_seed(seed)
    raw = None if isinstance(seed, (list, tuple)) or isinstance(shape, (list, tuple)) else ""
    dims, bshape = _binomial_checks(_STATELESS_BINOMIAL, shape_t, counts_t, probs_t, dtype, raw)
    k0, k1, counter = _ph.stateless_key_counter(int(s[0]), int(s[1]))
    value = _binomial_values(k0, k1, counter, dims, bshape, counts_t, probs_t, dtype)
    return execute(_STATELESS_BINOMIAL, (shape_t, counts_t, probs_t), _wrap(value))


def _binomial_param(value: Any, hint: Any) -> EagerTensor:
    """`convert_to_tensor(value, dtype_hint=hint or float32)`: the hint applies where it can."""
    try:
        return convert_to_tensor(value, dtype=hint or _dtypes.float32)
    except (TypeError, ValueError):
        return convert_to_tensor(value)


def split(seed: Any, num: int = 2, alg: Any = "auto_select") -> EagerTensor:
    """`tf.random.split` (`tf.random.experimental.stateless_split`): `num` new stateless seeds,
    shape [num, 2] in the seed's dtype: full-range ints drawn with `seed`."""
    seed = _args.tensor(seed)
    return stateless_uniform([num, 2], seed=seed, dtype=seed.dtype, minval=None, maxval=None, alg=alg)


def fold_in(seed: Any, data: Any, alg: Any = "auto_select") -> EagerTensor:
    """`tf.random.fold_in` (`tf.random.experimental.stateless_fold_in`): `[f(seed), data]` in
    `data`'s dtype, `f(seed)` a full-range int drawn with `seed`."""
    from tfshim.ops.array_ops import stack

    data = _args.tensor(data)
    first = stateless_uniform([], seed=seed, dtype=data.dtype, minval=None, maxval=None, alg=alg)
    return stack([first, data])


# -- tf.random.Generator -----------------------------------------------------------------------
def _make_state(seed: Any, alg: int) -> np.ndarray:
    """TF's `_make_state_from_seed`: an int seed is cut into 64-bit words (least significant first);
    an array seed is flattened, cut to the state size and padded with zeros on the left."""
    size = 2 if alg == Algorithm.THREEFRY.value else 3
    if isinstance(seed, int) and not isinstance(seed, bool):
        words = []
        for _ in range(size):
            words.append(seed & _UINT64_MASK)
            seed >>= 64
        return np.array(words, dtype=np.uint64).view(np.int64)
    if isinstance(seed, Tensor):
        seed = seed._value
    flat = np.asarray(seed).reshape(-1)
    if flat.dtype.kind == "u":
        flat = flat.astype(np.uint64).view(np.int64)
    flat = flat.astype(np.int64)[:size]
    return np.concatenate([np.zeros(size - flat.size, np.int64), flat])


def create_rng_state(seed: Any, alg: Any) -> EagerTensor:
    """`tf.random.create_rng_state`: the int64 state `tf.random.Generator.from_seed` would start from."""
    return EagerTensor(_make_state(seed, _alg_int(alg)))


class Generator:
    """`tf.random.Generator`: TF's Philox generator, with its int64 state `[counter_lo, counter_hi,
    key]` in a variable (`state`). Each draw of `n` values uses the stateless kernels from the
    current key and counter and advances the counter by `256 * n` blocks, as TF does."""

    def __init__(self, copy_from: Any = None, state: Any = None, alg: Any = None) -> None:
        if copy_from is not None:
            self._alg = copy_from.algorithm
            self._state_var = self._create_variable(copy_from.state.value()._value)
        else:
            if alg is None or state is None:
                raise ValueError("Argument `state` must be non-None when `copy_from` is None.")
            self._alg = _alg_int(alg)
            if getattr(state, "_is_variable", False):
                self._state_var = state
            else:
                values = np.asarray(state._value if isinstance(state, Tensor) else state)
                if values.dtype.kind == "u":
                    values = values.astype(np.uint64).view(np.int64)
                values = values.astype(np.int64)
                size = 2 if self._alg == Algorithm.THREEFRY.value else 3
                if values.shape != (size,):
                    raise ValueError(f"Shapes {_args.shape_text(values.shape).replace('[', '(').replace(']', ',)')}"
                                     f" and [{size}] are incompatible")
                self._state_var = self._create_variable(values)
        self._lock = threading.Lock()

    @staticmethod
    def _create_variable(values: np.ndarray) -> Any:
        from tfshim.variables import Variable

        return Variable(np.array(values, dtype=np.int64), trainable=False, name="StateVar")

    @classmethod
    def from_state(cls, state: Any, alg: Any) -> Generator:
        return cls(state=state, alg=alg)

    @classmethod
    def from_seed(cls, seed: Any, alg: Any = None) -> Generator:
        """State `[seed mod 2**64, (seed >> 64) mod 2**64, (seed >> 128) mod 2**64]` for an int seed."""
        alg = Algorithm.PHILOX.value if alg is None else _alg_int(alg)
        return cls(state=_make_state(seed, alg), alg=alg)

    @classmethod
    def from_non_deterministic_state(cls, alg: Any = None) -> Generator:
        """A generator whose state comes from OS entropy."""
        alg = Algorithm.PHILOX.value if alg is None else _alg_int(alg)
        size = 2 if alg == Algorithm.THREEFRY.value else 3
        return cls(state=np.frombuffer(os.urandom(8 * size), dtype=np.int64).copy(), alg=alg)

    @classmethod
    def from_key_counter(cls, key: Any, counter: Any, alg: Any) -> Generator:
        counter = list(np.asarray(counter._value if isinstance(counter, Tensor) else counter).reshape(-1))
        return cls(state=np.array([*counter, int(np.asarray(key))], dtype=np.int64), alg=alg)

    def reset(self, state: Any) -> None:
        self._state_var.assign(np.asarray(state._value if isinstance(state, Tensor) else state, dtype=np.int64))

    def reset_from_seed(self, seed: Any) -> None:
        self._state_var.assign(_make_state(seed, self._alg))

    def reset_from_key_counter(self, key: Any, counter: Any) -> None:
        counter = list(np.asarray(counter._value if isinstance(counter, Tensor) else counter).reshape(-1))
        self._state_var.assign(np.array([*counter, int(np.asarray(key))], dtype=np.int64))

    @property
    def state(self) -> Any:
        """The state variable: int64 `[counter_lo, counter_hi, key]` (Philox)."""
        return self._state_var

    @property
    def algorithm(self) -> int:
        return self._alg

    @property
    def key(self) -> EagerTensor:
        """The key (the state's last element), an int64 scalar."""
        return EagerTensor(np.int64(self._state_var.value()._value[-1]))

    def _advance(self, blocks: int) -> tuple:
        """(key0, key1, counter) of the current state; the counter then advances by `blocks`."""
        if self._alg == Algorithm.THREEFRY.value:
            raise kernel_error("RngReadAndSkip", "Non-XLA devices don't support the ThreeFry algorithm.",
                               cls=UnimplementedError)
        with self._lock:
            words = [int(w) for w in self._state_var.value()._value.astype(np.int64).view(np.uint64)]
            counter = words[0] | words[1] << 64
            if blocks:
                new = (counter + blocks) & _UINT128_MASK
                state = np.array([new & _UINT64_MASK, new >> 64, words[2]], dtype=np.uint64).view(np.int64)
                self._state_var.assign(state)
        return words[2] & 0xFFFFFFFF, words[2] >> 32, counter

    def skip(self, delta: Any) -> EagerTensor:
        """Advances the counter by `256 * delta` blocks; returns the old state."""
        old = EagerTensor(np.array(self._state_var.value()._value, dtype=np.int64))
        self._advance(256 * int(np.asarray(delta._value if isinstance(delta, Tensor) else delta)))
        return old

    def _dims(self, shape: Any, op: Any) -> tuple:
        shape_t = _generator_shape(shape)
        return shape_t, _check_shape(op, shape_t, "Tshape")

    def normal(self, shape: Any, mean: Any = 0.0, stddev: Any = 1.0, dtype: Any = _dtypes.float32,
               name: Any = None) -> EagerTensor:
        return self._normal_like(_STATELESS_NORMAL, _normal_values, shape, mean, stddev, dtype)

    def truncated_normal(self, shape: Any, mean: Any = 0.0, stddev: Any = 1.0, dtype: Any = _dtypes.float32,
                         name: Any = None) -> EagerTensor:
        return self._normal_like(_STATELESS_TRUNCATED_NORMAL, _truncated_values, shape, mean, stddev, dtype)

    def _normal_like(self, op: Any, sampler: Any, shape: Any, mean: Any, stddev: Any, dtype: Any) -> EagerTensor:
        dtype = _dtypes.as_dtype(dtype)
        mean_t = _convert(mean, dtype, "mean")
        stddev_t = _convert(stddev, dtype, "stddev")
        shape_t, dims = self._dims(shape, op)
        _check_dtype(op, dtype)
        k0, k1, counter = self._advance(256 * _count(dims))
        value = kernel(sampler, k0, k1, counter, dims, dtype._np)
        return _scale_and_shift(execute(op, (shape_t,), _wrap(value)), stddev_t, mean_t, _plain(mean, stddev))

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
        if dtype.is_integer and minval is None:
            return self._full_int(shape, dtype)
        minval = _convert(minval, dtype, "min")
        maxval = _convert(maxval, dtype, "max")
        if dtype.is_integer:
            op = _STATELESS_UNIFORM_INT
            _check_dtype(op, dtype)
            shape_t, dims = self._dims(shape, op)
            k0, k1, counter = self._advance(256 * _count(dims))  # TF skips before the kernel checks bounds
            _check_int_bounds(op, shape_t, minval, maxval, "Tshape")
            value = _int_values(k0, k1, counter, dims, minval, maxval, dtype._np)
            return execute(op, (shape_t, minval, maxval), _wrap(value))
        op = _STATELESS_UNIFORM
        _check_dtype(op, dtype)
        shape_t, dims = self._dims(shape, op)
        k0, k1, counter = self._advance(256 * _count(dims))
        rnd = execute(op, (shape_t,), _wrap(kernel(_uniform_values, k0, k1, counter, dims, dtype._np)))
        return add(multiply(rnd, subtract(maxval, minval)), minval)

    def uniform_full_int(self, shape: Any, dtype: Any = _dtypes.uint64, name: Any = None) -> EagerTensor:
        return self._full_int(shape, _dtypes.as_dtype(dtype))

    def _full_int(self, shape: Any, dtype: _dtypes.DType) -> EagerTensor:
        op = _STATELESS_UNIFORM_FULL_INT
        _check_dtype(op, dtype)
        shape_t, dims = self._dims(shape, op)
        k0, k1, counter = self._advance(256 * _count(dims))
        return execute(op, (shape_t,), _wrap(kernel(_full_int_values, k0, k1, counter, dims, dtype._np)))

    def binomial(self, shape: Any, counts: Any, probs: Any, dtype: Any = _dtypes.int32,
                 name: Any = None) -> EagerTensor:
        """Binomial samples (TF's stream); the state advances by
        `256 * (num_batches * 2 * 100 * (samples_per_batch + 3) // 4)` blocks, as in TF."""
        dtype = _dtypes.as_dtype(dtype)
        counts_t = _args.tensor(counts)
        probs_t = _args.tensor(probs)
        shape_t = _generator_shape(shape)
        dims, bshape = _binomial_checks(_STATEFUL_BINOMIAL, shape_t, counts_t, probs_t, dtype)
        num_batches = _count(bshape)
        per = _count(dims) // num_batches if num_batches else 0
        k0, k1, counter = self._advance(256 * (num_batches * 2 * 100 * (per + 3) // 4))
        value = _binomial_values(k0, k1, counter, dims, bshape, counts_t, probs_t, dtype)
        return execute(_STATEFUL_BINOMIAL, (shape_t, counts_t, probs_t), _wrap(value))

    def make_seeds(self, count: int = 1) -> EagerTensor:
        """`count` seeds for the stateless ops: int64 `[[k_0 .. k_count-1], [0 .. 0]]`."""
        keys = self.uniform_full_int([count], _dtypes.int64)._value.reshape(-1)
        return EagerTensor(np.stack([keys, np.zeros_like(keys)]))

    def split(self, count: int = 1) -> list:
        """`count` new generators with state `[0, 0, k_i]`, the keys drawn as `make_seeds` draws them."""
        keys = self.uniform_full_int([count], _dtypes.int64)._value.reshape(-1)
        return [Generator(state=np.array([0, 0, k], dtype=np.int64), alg=self._alg) for k in keys]


def _generator_shape(shape: Any) -> EagerTensor:
    """The Generator's `_shape_tensor`: an empty list becomes an int64 shape."""
    if isinstance(shape, (tuple, list)) and not shape:
        return convert_to_tensor(shape, dtype=_dtypes.int64)
    return _shape_tensor(shape)


_GLOBAL_GENERATOR: list = []


def get_global_generator() -> Generator:
    """`tf.random.get_global_generator`: created from OS entropy on first use."""
    with _Seeds.lock:
        if not _GLOBAL_GENERATOR:
            _GLOBAL_GENERATOR.append(Generator.from_non_deterministic_state())
        return _GLOBAL_GENERATOR[0]


def set_global_generator(generator: Generator) -> None:
    """`tf.random.set_global_generator`: later `get_global_generator()` calls return `generator`."""
    with _Seeds.lock:
        _GLOBAL_GENERATOR[:] = [generator]


# -- tf.nn.dropout -----------------------------------------------------------------------------
def dropout(x: Any, rate: Any, noise_shape: Any = None, seed: Any = None, name: Any = None) -> EagerTensor:
    """`tf.nn.dropout`: zeroes each element with probability `rate` and scales the others by
    `1 / (1 - rate)`, through Mul (or RealDiv), GreaterEqual and SelectV2 as TF does, so its
    gradient is TF's. The mask is `tf.random.uniform(noise_shape, seed=seed) >= rate` (TF's stream);
    `rate == 0` still draws an op seed, as in TF."""
    return _dropout(x, rate, noise_shape, lambda shape, dtype: uniform(shape, seed=seed, dtype=dtype),
                    lambda: _get_seed(seed))


def stateless_dropout(x: Any, rate: Any, seed: Any, rng_alg: Any = None, noise_shape: Any = None,
                      name: Any = None) -> EagerTensor:
    """`tf.nn.experimental.stateless_dropout`: `dropout` with the mask from
    `tf.random.stateless_uniform(noise_shape, seed)`."""
    return _dropout(x, rate, noise_shape,
                    lambda shape, dtype: stateless_uniform(shape, seed=seed, dtype=dtype, alg=rng_alg), None)


def _dropout(x: Any, rate: Any, noise_shape: Any, sampler: Any, dummy_step: Any) -> EagerTensor:
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
        if dummy_step is not None:
            dummy_step()
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
    random_tensor = sampler(_noise_shape(x, noise_shape), x_dtype)
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
