"""The hypothesis-driven differential layer: one row per public op, each drawn example run on tfshim
and on TensorFlow, comparing values, gradients, the None pattern, dtypes, shapes and exception classes.

Adding an op is one line in ROWS, e.g. `unary("math.log1p", low=-0.9)` or `binary("math.xdivy")`.
Rows whose op tfshim does not have yet are skipped (they light up once the op exists); a row whose op
TensorFlow lacks is an error in the table.

Runs only where TensorFlow is importable: `pytest conformance/test_differential.py` and
`python -m conformance --live`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from types import ModuleType
from typing import Any

import numpy as np
from hypothesis import HealthCheck, Verbosity, given, settings
from hypothesis import strategies as st

from conformance.outcome import Outcome
from tfshim.testing import strategies as tfst
from tfshim.testing.compare import Difference, compare
from tfshim.testing.run import run_program

FLOATS = ("float16", "float32", "float64")
REALS = (*FLOATS, "int32", "int64")
NUMERIC = (*REALS, "complex64", "complex128")
_GRAD_DTYPES = frozenset(tfst.DIFFERENTIABLE_DTYPES)
AREA = "differential"


@dataclass(frozen=True)
class OpRow:
    """One public op: how to draw its inputs and extra keyword arguments, and what to compare."""

    name: str  # the public name under `tf`, dotted for submodules: "add", "math.log", "nn.relu"
    inputs: Callable[[str], st.SearchStrategy]  # dtype name -> strategy of a list of NumPy arrays
    dtypes: tuple[str, ...] = FLOATS
    differentiable: bool = True
    kwargs: Callable[[list], st.SearchStrategy] | None = None  # drawn arrays -> strategy of a kwargs dict
    rtol: float | None = None
    atol: float | None = None
    tolerances: dict = field(default_factory=dict)  # dtype name -> (rtol, atol)

    @property
    def id(self) -> str:
        return self.name


def resolve(module: ModuleType, name: str) -> Callable | None:
    """`module.a.b` for name "a.b", or None when any part is missing."""
    target: Any = module
    for part in name.split("."):
        target = getattr(target, part, None)
        if target is None:
            return None
    return target


# -- row builders -----------------------------------------------------------------------------------
def _same_shape(count: int, low: float, high: float, max_dims: int = 3) -> Callable[[str], st.SearchStrategy]:
    def inputs(dtype: str) -> st.SearchStrategy:
        return tfst.shapes(max_dims=max_dims).flatmap(
            lambda shape: st.tuples(*[tfst.arrays(dtype, shape, low, high) for _ in range(count)]).map(list))

    return inputs


def _broadcast(low: float, high: float) -> Callable[[str], st.SearchStrategy]:
    def inputs(dtype: str) -> st.SearchStrategy:
        return tfst.broadcastable_arrays(dtype, 2, low, high)

    return inputs


def unary(name: str, dtypes: tuple[str, ...] = FLOATS, low: float = -10.0, high: float = 10.0,
          differentiable: bool = True, **extra: Any) -> OpRow:
    return OpRow(name, _same_shape(1, low, high), dtypes, differentiable, **extra)


def binary(name: str, dtypes: tuple[str, ...] = FLOATS, low: float = -10.0, high: float = 10.0,
           differentiable: bool = True, broadcasting: bool = True, **extra: Any) -> OpRow:
    inputs = _broadcast(low, high) if broadcasting else _same_shape(2, low, high)
    return OpRow(name, inputs, dtypes, differentiable, **extra)


def _axis_kwargs(arrays: list) -> st.SearchStrategy:
    rank = arrays[0].ndim
    axis = st.none() if rank == 0 else st.one_of(st.none(), st.integers(-rank, rank - 1))
    return st.fixed_dictionaries({"axis": axis, "keepdims": st.booleans()})


def reduction(name: str, dtypes: tuple[str, ...] = FLOATS, low: float = -10.0, high: float = 10.0,
              differentiable: bool = True, **extra: Any) -> OpRow:
    return OpRow(name, _same_shape(1, low, high), dtypes, differentiable, kwargs=_axis_kwargs, **extra)


def _nonempty(count: int, low: float, high: float, min_dims: int = 1) -> Callable[[str], st.SearchStrategy]:
    def inputs(dtype: str) -> st.SearchStrategy:
        return tfst.shapes(min_dims=min_dims, max_dims=3, min_side=1).flatmap(
            lambda shape: st.tuples(*[tfst.arrays(dtype, shape, low, high) for _ in range(count)]).map(list))

    return inputs


def _matmul_inputs(dtype: str) -> st.SearchStrategy:
    dims = st.integers(1, 4)
    return st.tuples(dims, dims, dims).flatmap(lambda d: st.tuples(
        tfst.arrays(dtype, (d[0], d[1]), -5, 5), tfst.arrays(dtype, (d[1], d[2]), -5, 5)).map(list))


def _reshape_kwargs(arrays: list) -> st.SearchStrategy:
    size = arrays[0].size
    options = [[size], [-1], [1, size], [size, 1]] + ([[2, size // 2]] if size % 2 == 0 and size else [])
    return st.fixed_dictionaries({"shape": st.sampled_from(options)})


def _transpose_kwargs(arrays: list) -> st.SearchStrategy:
    return st.fixed_dictionaries({"perm": st.permutations(list(range(arrays[0].ndim)))})


def _expand_dims_kwargs(arrays: list) -> st.SearchStrategy:
    rank = arrays[0].ndim
    return st.fixed_dictionaries({"axis": st.integers(-rank - 1, rank)})


def _cast_kwargs(arrays: list) -> st.SearchStrategy:
    return st.fixed_dictionaries({"dtype": st.sampled_from(["float16", "float32", "float64", "int32", "bool"])})


# -- the table --------------------------------------------------------------------------------------
ROWS: tuple[OpRow, ...] = (
    # arithmetic, broadcasting
    binary("add", NUMERIC), binary("subtract", NUMERIC), binary("multiply", NUMERIC),
    binary("divide", FLOATS, low=0.5, high=10.0), binary("truediv", FLOATS, low=0.5),
    binary("realdiv", FLOATS, low=0.5), binary("maximum", REALS), binary("minimum", REALS),
    binary("math.floordiv", ("float32", "float64"), low=0.5, differentiable=False),
    binary("math.floormod", ("float32", "float64"), low=0.5),
    binary("pow", ("float32", "float64"), low=0.5, high=3.0),
    binary("math.squared_difference", REALS), binary("math.divide_no_nan", FLOATS, low=-3.0, high=3.0),
    binary("math.xlogy", FLOATS, low=0.1), binary("math.xdivy", FLOATS, low=0.1),
    binary("math.atan2", FLOATS), binary("truncatediv", ("int32", "int64"), low=1, differentiable=False),
    binary("math.multiply_no_nan", FLOATS),
    # comparison and logic
    binary("equal", NUMERIC, differentiable=False), binary("not_equal", REALS, differentiable=False),
    binary("less", REALS, differentiable=False), binary("less_equal", REALS, differentiable=False),
    binary("greater", REALS, differentiable=False), binary("greater_equal", REALS, differentiable=False),
    binary("logical_and", ("bool",), differentiable=False), binary("logical_or", ("bool",), differentiable=False),
    binary("math.logical_xor", ("bool",), differentiable=False),
    unary("logical_not", ("bool",), differentiable=False),
    # element-wise math
    unary("negative", NUMERIC), unary("abs", REALS), unary("sign", REALS), unary("square", NUMERIC),
    unary("sqrt", FLOATS, low=0.1, high=10.0), unary("exp", FLOATS, low=-5.0, high=5.0),
    unary("math.log", FLOATS, low=0.1), unary("math.log1p", FLOATS, low=-0.9),
    unary("math.expm1", FLOATS, low=-5.0, high=5.0), unary("sin", FLOATS), unary("cos", FLOATS),
    unary("math.tan", FLOATS, low=-1.2, high=1.2), unary("tanh", FLOATS), unary("sigmoid", FLOATS),
    unary("math.rsqrt", FLOATS, low=0.1), unary("math.reciprocal", FLOATS, low=0.5),
    unary("math.softplus", FLOATS), unary("math.softsign", FLOATS), unary("math.erf", FLOATS),
    unary("math.erfc", FLOATS), unary("math.asin", FLOATS, low=-0.9, high=0.9),
    unary("math.acos", FLOATS, low=-0.9, high=0.9), unary("math.atan", FLOATS), unary("math.sinh", FLOATS,
                                                                                      low=-5, high=5),
    unary("math.cosh", FLOATS, low=-5, high=5), unary("math.asinh", FLOATS), unary("math.atanh", FLOATS, low=-0.9,
                                                                                   high=0.9),
    unary("math.floor", FLOATS, differentiable=False), unary("math.ceil", FLOATS, differentiable=False),
    unary("math.round", FLOATS, differentiable=False), unary("math.rint", FLOATS, differentiable=False),
    unary("math.lgamma", FLOATS, low=0.1), unary("math.digamma", FLOATS, low=0.1),
    unary("math.log_sigmoid", FLOATS), unary("math.is_nan", FLOATS, differentiable=False),
    unary("math.is_finite", FLOATS, differentiable=False), unary("math.conj", ("complex64", "complex128")),
    unary("math.real", ("complex64", "complex128")), unary("math.imag", ("complex64", "complex128")),
    unary("math.angle", ("complex64", "complex128")),
    unary("identity", NUMERIC), unary("stop_gradient", FLOATS), unary("zeros_like", NUMERIC),
    unary("ones_like", NUMERIC), unary("shape", FLOATS, differentiable=False),
    unary("size", FLOATS, differentiable=False), unary("rank", FLOATS, differentiable=False),
    # activations
    unary("nn.relu", REALS), unary("nn.relu6", FLOATS), unary("nn.elu", FLOATS), unary("nn.selu", FLOATS),
    unary("nn.leaky_relu", FLOATS), unary("nn.gelu", ("float32", "float64")), unary("nn.silu", FLOATS),
    unary("nn.softmax", FLOATS), unary("nn.log_softmax", FLOATS), unary("nn.l2_loss", FLOATS),
    OpRow("nn.l2_normalize", _nonempty(1, -10, 10), FLOATS),
    # reductions
    reduction("reduce_sum", NUMERIC), reduction("reduce_mean", FLOATS), reduction("math.reduce_prod", FLOATS,
                                                                                  low=-2, high=2),
    reduction("math.reduce_max", REALS), reduction("math.reduce_min", REALS),
    reduction("math.reduce_logsumexp", FLOATS), reduction("math.reduce_std", FLOATS),
    reduction("math.reduce_variance", FLOATS), reduction("math.reduce_euclidean_norm", FLOATS),
    reduction("math.reduce_all", ("bool",), differentiable=False),
    reduction("math.reduce_any", ("bool",), differentiable=False),
    reduction("math.count_nonzero", REALS, differentiable=False),
    OpRow("math.cumsum", _nonempty(1, -10, 10), FLOATS), OpRow("math.cumprod", _nonempty(1, -2, 2), FLOATS),
    OpRow("math.argmax", _nonempty(1, -10, 10), REALS, differentiable=False),
    OpRow("math.argmin", _nonempty(1, -10, 10), REALS, differentiable=False),
    # selection, shapes, casting, linear algebra
    OpRow("where", lambda dt: st.tuples(
        *[tfst.arrays(d, (3,), -5, 5) for d in ("bool", dt, dt)]).map(list), FLOATS),
    OpRow("matmul", _matmul_inputs, ("float32", "float64", "int32", "complex64")),
    OpRow("reshape", _same_shape(1, -10, 10), NUMERIC, kwargs=_reshape_kwargs),
    OpRow("transpose", _same_shape(1, -10, 10), FLOATS, kwargs=_transpose_kwargs),
    OpRow("expand_dims", _same_shape(1, -10, 10), FLOATS, kwargs=_expand_dims_kwargs),
    unary("squeeze", FLOATS), OpRow("cast", _same_shape(1, -10, 10), REALS, kwargs=_cast_kwargs),
    OpRow("linalg.norm", _same_shape(1, -10, 10), FLOATS),
    unary("add_n", FLOATS),
)


# -- tf.keras.losses: the per-sample functions on drawn shapes and values (gradients w.r.t. both
# y_true and y_pred). Probabilities are drawn in [0, 1] inclusive, so the clipped points are hit.
def _keras_loss_kwargs(**choices: list) -> Callable[[list], st.SearchStrategy]:
    def kwargs(arrays: list) -> st.SearchStrategy:
        rank = arrays[0].ndim
        drawn = {k: st.sampled_from(v) for k, v in choices.items() if k != "axis"}
        if "axis" in choices and rank:
            drawn["axis"] = st.integers(-rank, rank - 1)
        return st.fixed_dictionaries(drawn)

    return kwargs


def _keras_sparse_inputs(dtype: str) -> st.SearchStrategy:
    # Integer labels (as floats: the loss casts them) and logits of shape labels.shape + (classes,).
    return st.tuples(tfst.shapes(min_dims=1, max_dims=2, min_side=1), st.integers(1, 4)).flatmap(
        lambda sc: st.tuples(tfst.arrays(dtype, sc[0], 0, sc[1] - 1).map(np.floor),
                             tfst.arrays(dtype, (*sc[0], sc[1]), -5, 5)).map(list))


def _keras_no_tiny(inputs: Callable[[str], st.SearchStrategy]) -> Callable[[str], st.SearchStrategy]:
    # Values below 1e-6 in magnitude become 0: their products would be subnormal, which TensorFlow's
    # CPU kernels flush to zero and tfshim keeps (docs/differences.md).
    def drawn(dtype: str) -> st.SearchStrategy:
        return inputs(dtype).map(lambda arrays: [np.where(np.abs(a) < 1e-6, 0, a).astype(a.dtype) for a in arrays])

    return drawn


_KERAS_LOSS_ROWS: tuple[OpRow, ...] = (
    OpRow("keras.losses.mse", _keras_no_tiny(_same_shape(2, -5, 5)), FLOATS, tolerances={"float16": (1e-2, 1e-2)}),
    OpRow("keras.losses.mae", _keras_no_tiny(_same_shape(2, -5, 5)), FLOATS, tolerances={"float16": (1e-2, 1e-2)}),
    OpRow("keras.losses.mape", _keras_no_tiny(_same_shape(2, -5, 5)), ("float32", "float64")),
    OpRow("keras.losses.msle", _keras_no_tiny(_same_shape(2, 0, 5)), ("float32", "float64")),
    OpRow("keras.losses.kld", _keras_no_tiny(_same_shape(2, 0, 1)), ("float32", "float64")),
    OpRow("keras.losses.logcosh", _keras_no_tiny(_same_shape(2, -5, 5)), ("float32", "float64")),
    OpRow("keras.losses.huber", _keras_no_tiny(_same_shape(2, -3, 3)), ("float32", "float64"),
          kwargs=_keras_loss_kwargs(delta=[0.5, 1.0, 2.0])),
    OpRow("keras.losses.poisson", _keras_no_tiny(_same_shape(2, 0, 3)), ("float32", "float64")),
    OpRow("keras.losses.hinge", _keras_no_tiny(_same_shape(2, -2, 2)), ("float32", "float64")),
    OpRow("keras.losses.squared_hinge", _keras_no_tiny(_same_shape(2, -2, 2)), ("float32", "float64")),
    OpRow("keras.losses.categorical_hinge", _keras_no_tiny(_nonempty(2, -2, 2)), ("float32", "float64")),
    OpRow("keras.losses.cosine_similarity", _keras_no_tiny(_nonempty(2, -3, 3)), ("float32", "float64"),
          kwargs=_keras_loss_kwargs(axis=[])),
    OpRow("keras.losses.binary_crossentropy", _keras_no_tiny(_same_shape(2, 0, 1)), ("float32", "float64"),
          kwargs=_keras_loss_kwargs(from_logits=[False, True], label_smoothing=[0.0, 0.2], axis=[])),
    OpRow("keras.losses.binary_focal_crossentropy", _keras_no_tiny(_same_shape(2, 0, 1)), ("float32", "float64"),
          kwargs=_keras_loss_kwargs(from_logits=[False, True], apply_class_balancing=[False, True],
                                    gamma=[0.0, 2.0, 3.5])),
    OpRow("keras.losses.categorical_crossentropy", _keras_no_tiny(_nonempty(2, 0.01, 1)), ("float32", "float64"),
          kwargs=_keras_loss_kwargs(from_logits=[False, True], label_smoothing=[0.0, 0.1], axis=[])),
    OpRow("keras.losses.categorical_focal_crossentropy", _keras_no_tiny(_nonempty(2, 0.01, 1)), ("float32", "float64"),
          kwargs=_keras_loss_kwargs(from_logits=[False, True], alpha=[0.25, 0.5], gamma=[1.0, 2.0])),
    OpRow("keras.losses.sparse_categorical_crossentropy", _keras_no_tiny(_keras_sparse_inputs), ("float32", "float64"),
          kwargs=_keras_loss_kwargs(from_logits=[False, True])),
)
ROWS = ROWS + _KERAS_LOSS_ROWS


# -- tf.keras.optimizers: three steps of each optimizer from drawn weights, gradients and
# hyperparameters; the variable after each step and every optimizer variable are compared. ----------
@dataclass(frozen=True)
class OptimizerRow(OpRow):
    """A row whose example is a short training run, not one op call (`program` replaces `_program`)."""

    program: Callable[..., Any] | None = None


def _optimizer_steps(tf: Any, row: OpRow, dtype: str, arrays: list, kwargs: dict) -> Any:
    opt = resolve(tf, row.name)(**kwargs)
    tf_dtype = getattr(tf, dtype)
    v = tf.Variable(tf.constant(arrays[0], dtype=tf_dtype))
    values = []
    for g in arrays[1:]:
        opt.apply_gradients([(tf.constant(g, dtype=tf_dtype), v)])
        values.append(v.numpy())
    return {"values": values, "optimizer variables": [x.numpy() for x in opt.variables]}


def _no_tiny(a: np.ndarray) -> np.ndarray:
    # TensorFlow's CPU kernels flush denormal results to zero and NumPy does not (a tfshim-wide
    # difference, not an optimizer's): magnitudes under 1e-3 become 0, so no step makes a denormal
    return np.where(np.abs(a) < 1e-3, 0, a).astype(a.dtype)


def _optimizer_inputs(dtype: str) -> st.SearchStrategy:
    # the initial weights and three gradients of one drawn shape (scalars and size-1 dims included)
    return tfst.shapes(max_dims=2, min_side=1).flatmap(
        lambda shape: st.tuples(*[tfst.arrays(dtype, shape, -2, 2).map(_no_tiny) for _ in range(4)]).map(list))


def _optimizer_options(**choices: Any) -> Callable[[list], st.SearchStrategy]:
    """Hyperparameter strategies (a list means sampled_from); one clipping option at most is drawn."""
    def kwargs(arrays: list) -> st.SearchStrategy:
        drawn = {k: st.sampled_from(v) if isinstance(v, list) else v for k, v in choices.items()}
        clip = st.sampled_from([{}, {"clipnorm": 0.5}, {"clipvalue": 0.3}, {"global_clipnorm": 1.0}])
        return st.tuples(st.fixed_dictionaries(drawn), clip).map(lambda p: {**p[0], **p[1]})

    return kwargs


_RATE = st.floats(0.001, 0.5)
_RATIO = st.floats(0.5, 0.999)
# Ftrl's `linear` subtracts two close powers of the accumulator, and TensorFlow's float32 pow kernel
# (Eigen's vectorised pow) is off by an ulp on about a quarter of inputs where tfshim's is correctly
# rounded: that ulp, divided by the rate, is why Ftrl's float32 tolerance is loose.
_OPTIMIZER_TOLERANCES = {"Ftrl": {"float32": (1e-3, 1e-3)}}
_OPTIMIZER_ROWS: tuple[OpRow, ...] = tuple(
    OptimizerRow(f"keras.optimizers.{name}", _optimizer_inputs, ("float32", "float64"), differentiable=False,
                 kwargs=_optimizer_options(learning_rate=_RATE, **options), program=_optimizer_steps,
                 tolerances=_OPTIMIZER_TOLERANCES.get(name, {}))
    for name, options in (
        ("SGD", {"momentum": st.sampled_from([0.0, 0.5, 0.9]), "nesterov": [False, True],
                 "weight_decay": [None, 0.1]}),
        ("Adam", {"beta_1": _RATIO, "beta_2": _RATIO, "epsilon": [1e-7, 0.1], "amsgrad": [False, True],
                  "weight_decay": [None, 0.05]}),
        ("AdamW", {"weight_decay": st.floats(0.0, 0.5), "amsgrad": [False, True]}),
        ("RMSprop", {"rho": _RATIO, "momentum": [0.0, 0.5], "centered": [False, True]}),
        ("Adagrad", {"initial_accumulator_value": st.floats(0.01, 1.0)}),
        ("Adadelta", {"rho": _RATIO}),
        ("Adamax", {"beta_1": _RATIO, "beta_2": _RATIO}),
        ("Nadam", {"beta_1": _RATIO, "beta_2": _RATIO}),
        ("Lion", {"beta_1": _RATIO, "beta_2": _RATIO}),
        ("Ftrl", {"learning_rate_power": [-0.5, -1.0, 0.0], "l1_regularization_strength": [0.0, 0.01],
                  "l2_regularization_strength": [0.0, 0.1], "beta": [0.0, 0.5],
                  "l2_shrinkage_regularization_strength": [0.0, 0.05]}),
    )
)
ROWS = ROWS + _OPTIMIZER_ROWS


# -- running one example ----------------------------------------------------------------------------
def _program(tf: Any, row: OpRow, dtype: str, arrays: list, kwargs: dict) -> Any:
    fn = resolve(tf, row.name)
    if fn is None:
        raise AttributeError(f"module {tf.__name__!r} has no attribute {row.name!r}")
    tf_dtype = getattr(tf, dtype)
    kwargs = {k: getattr(tf, v) if k == "dtype" else v for k, v in kwargs.items()}
    xs = [tf.constant(a, dtype=tf_dtype if a.dtype != np.bool_ else tf.bool) for a in arrays]
    args = [xs] if row.name == "add_n" else xs
    if not (row.differentiable and dtype in _GRAD_DTYPES):
        return {"value": fn(*args, **kwargs)}
    with tf.GradientTape() as tape:
        tape.watch(xs)
        y = fn(*args, **kwargs)
    return {"value": y, "gradients": tape.gradient(y, xs)}


def example_strategy(row: OpRow) -> st.SearchStrategy:
    """(dtype name, list of arrays, kwargs) for one row."""
    @st.composite
    def build(draw: Any) -> tuple:
        dtype = draw(st.sampled_from(row.dtypes))
        arrays = draw(row.inputs(dtype))
        kwargs = draw(row.kwargs(arrays)) if row.kwargs else {}
        return dtype, arrays, kwargs

    return build()


def check_example(row: OpRow, tensorflow: ModuleType, tfshim: ModuleType, dtype: str, arrays: list,
                  kwargs: dict) -> Difference | None:
    program = getattr(row, "program", None) or _program
    expected = run_program(program, tensorflow, row, dtype, arrays, kwargs)
    got = run_program(program, tfshim, row, dtype, arrays, kwargs)
    rtol, atol = row.tolerances.get(dtype, (row.rtol, row.atol))
    return compare(expected, got, rtol=rtol, atol=atol, compare_message=False)


def describe_example(row: OpRow, dtype: str, arrays: list, kwargs: dict) -> str:
    shown = ", ".join(np.array2string(np.asarray(a), precision=6, separator=", ") for a in arrays)
    extra = "".join(f", {k}={v!r}" for k, v in kwargs.items())
    return f"tf.{row.name}({shown}{extra}) with dtype {dtype}"


class DifferentialMismatch(AssertionError):
    def __init__(self, difference: Difference, example: str) -> None:
        self.difference = difference
        self.example = example
        super().__init__(f"{example}\n{difference}")


def assert_row_matches(row: OpRow, tensorflow: ModuleType, tfshim: ModuleType,
                       hypothesis_settings: settings | None = None) -> None:
    """Runs the row's hypothesis search; raises DifferentialMismatch for the (shrunk) first mismatch."""
    @given(example_strategy(row))
    def search(example: tuple) -> None:
        dtype, arrays, kwargs = example
        difference = check_example(row, tensorflow, tfshim, dtype, arrays, kwargs)
        if difference is not None:
            raise DifferentialMismatch(difference, describe_example(row, dtype, arrays, kwargs))

    (hypothesis_settings(search) if hypothesis_settings else search)()


# -- the runner's view ------------------------------------------------------------------------------
def live_outcomes(tensorflow: ModuleType, tfshim: ModuleType, max_examples: int = 15, keyword: str | None = None,
                  areas: list | None = None, show_progress: bool = True) -> list[Outcome]:
    """One Outcome per row tfshim implements (rows for ops it lacks are left out, listed on stderr)."""
    import sys

    from conformance.progress import Progress

    if areas and AREA not in areas:
        return []
    rows = [r for r in ROWS if not keyword or keyword in f"{AREA}/{r.name}"]
    missing = [r.name for r in rows if resolve(tfshim, r.name) is None]
    rows = [r for r in rows if resolve(tfshim, r.name) is not None]
    quiet = settings(max_examples=max_examples, derandomize=True, database=None, deadline=None,
                     verbosity=Verbosity.quiet, suppress_health_check=list(HealthCheck))
    bar = Progress(len(rows), "differential", enabled=None if show_progress else False)
    outcomes = []
    for row in rows:
        outcomes.append(_row_outcome(row, tensorflow, tfshim, quiet))
        bar.step(row.name, outcomes[-1].ok)
    bar.close()
    if missing:
        print(f"differential: {len(missing)} rows skipped, ops tfshim does not have yet: {', '.join(missing)}",
              file=sys.stderr)
    return outcomes


def _row_outcome(row: OpRow, tensorflow: ModuleType, tfshim: ModuleType, quiet: settings) -> Outcome:
    import time

    key = f"{AREA}/{row.name}"
    start = time.perf_counter()
    if resolve(tensorflow, row.name) is None:
        difference = Difference("row", "an op TensorFlow has", "missing", f"TensorFlow has no tf.{row.name}")
        return Outcome(key, AREA, row.name, "differing", difference)
    try:
        assert_row_matches(row, tensorflow, tfshim, quiet)
    except DifferentialMismatch as exc:
        d = exc.difference
        difference = Difference(f"{exc.example}: {d.path}", d.expected, d.got, d.reason)
        return Outcome(key, AREA, row.name, "differing", difference, seconds=time.perf_counter() - start)
    except Exception as exc:  # a broken strategy or a hypothesis health check is a failure of the row
        difference = Difference("row", "the search runs", f"{type(exc).__name__}: {exc}", "the row failed to run")
        return Outcome(key, AREA, row.name, "differing", difference, seconds=time.perf_counter() - start)
    return Outcome(key, AREA, row.name, "matched", seconds=time.perf_counter() - start)



# -- issue 13: tf.gather of random chains of ops (the program lives in conformance/differential_gather.py)
from conformance.differential_gather import GATHER_ROWS  # noqa: E402 (it builds on OpRow above)

ROWS = ROWS + GATHER_ROWS
