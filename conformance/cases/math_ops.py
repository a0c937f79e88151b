"""Elementwise math: values and dtypes per input dtype, TF's errors for disallowed dtypes and bad
shapes, gradients (first and second order, None versus zeros) and the section 7 / 9.4 edge cases.

Results that can fail per dtype are collected with `_attempt`, which turns an exception into
`("raised", class name, message)`, so one case covers a whole dtype sweep.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from conformance.case import case

# bfloat16 is left out: tfshim only has it with the optional ml_dtypes package.
_DTYPES = ("float16", "float32", "float64", "int8", "int16", "int32", "int64", "uint8", "uint16", "uint32",
           "uint64", "complex64", "complex128", "bool")

_FLOATS = [-2.5, -1.0, -0.5, -0.0, 0.0, 0.25, 0.5, 1.0, 1.5, 2.5, 7.0, np.inf, -np.inf, np.nan]
_SIGNED = [-7, -3, -1, 0, 1, 2, 3, 7]
_UNSIGNED = [0, 1, 2, 3, 7, 200]
_COMPLEX = [1 + 2j, -0.5 + 0.5j, 0j, -3 - 1j, 0.25 - 2j, 2 + 0j]
_BOOLS = [True, False, True]


def _attempt(fn: Any) -> Any:
    try:
        return fn()
    except Exception as e:  # the exception is the result
        return ("raised", type(e).__name__, str(e))


def _values(dtype: str) -> np.ndarray:
    if dtype.startswith("float"):
        return np.array(_FLOATS, dtype=dtype)
    if dtype.startswith("uint"):
        return np.array(_UNSIGNED, dtype=dtype)
    if dtype.startswith("int"):
        return np.array(_SIGNED, dtype=dtype)
    if dtype.startswith("complex"):
        return np.array(_COMPLEX, dtype=dtype)
    return np.array(_BOOLS)


def _second(dtype: str) -> np.ndarray:
    """A second operand of the same length as `_values(dtype)`."""
    v = _values(dtype)
    return np.roll(v, 3)


# -- dtype sweeps --------------------------------------------------------------------------------
_UNARY = ("sqrt", "rsqrt", "exp", "expm1", "log", "log1p", "sin", "cos", "tan", "asin", "acos", "atan", "sinh",
          "cosh", "tanh", "asinh", "acosh", "atanh", "sigmoid", "log_sigmoid", "erf", "erfc", "abs", "sign",
          "negative", "reciprocal", "reciprocal_no_nan", "square", "floor", "ceil", "round", "rint", "is_nan",
          "is_inf", "is_finite", "lgamma", "digamma", "real", "imag", "conj", "angle", "logical_not")


def _unary_sweep(name: str) -> Any:
    def run(tf: Any) -> Any:
        fn = getattr(tf.math, name)
        return {d: _attempt(lambda d=d: fn(tf.constant(_values(d)))) for d in _DTYPES}

    return run


for _name in _UNARY:
    case("math", f"dtypes/{_name}")(_unary_sweep(_name))


_BINARY = ("add", "subtract", "multiply", "divide", "truediv", "floordiv", "floormod", "mod", "pow",
           "squared_difference", "maximum", "minimum", "atan2", "xlogy", "xdivy", "xlog1py", "multiply_no_nan",
           "divide_no_nan", "equal", "not_equal", "less", "less_equal", "greater", "greater_equal", "logical_and",
           "logical_or", "logical_xor", "polygamma")


def _binary_sweep(name: str) -> Any:
    def run(tf: Any) -> Any:
        fn = getattr(tf.math, name)
        return {d: _attempt(lambda d=d: fn(tf.constant(_values(d)), tf.constant(_second(d)))) for d in _DTYPES}

    return run


for _name in _BINARY:
    case("math", f"dtypes/{_name}")(_binary_sweep(_name))


def _top_binary_sweep(name: str) -> Any:
    def run(tf: Any) -> Any:
        fn = getattr(tf, name)
        return {d: _attempt(lambda d=d: fn(tf.constant(_values(d)), tf.constant(_second(d)))) for d in _DTYPES}

    return run


for _name in ("truncatediv", "truncatemod", "realdiv"):
    case("math", f"dtypes/{_name}")(_top_binary_sweep(_name))


@case("math", "dtypes/complex")
def complex_dtypes(tf: Any) -> Any:
    return {d: _attempt(lambda d=d: tf.complex(tf.constant(_values(d)), tf.constant(_second(d)))) for d in _DTYPES}


@case("math", "dtypes/add_n")
def add_n_dtypes(tf: Any) -> Any:
    return {d: _attempt(lambda d=d: tf.add_n([tf.constant(_values(d))] * 3)) for d in _DTYPES}


@case("math", "dtypes/clip_by_value")
def clip_by_value_dtypes(tf: Any) -> Any:
    out = {}
    for d in _DTYPES:
        out[d] = _attempt(lambda d=d: tf.clip_by_value(tf.constant(_values(d)), tf.constant(_values(d)[1]),
                                                       tf.constant(_values(d)[-2])))
    return out


# -- operators -------------------------------------------------------------------------------------
_OPERATORS = {
    "add": lambda a, b: a + b, "sub": lambda a, b: a - b, "mul": lambda a, b: a * b,
    "truediv": lambda a, b: a / b, "floordiv": lambda a, b: a // b, "mod": lambda a, b: a % b,
    "pow": lambda a, b: a**b, "and": lambda a, b: a & b, "or": lambda a, b: a | b, "xor": lambda a, b: a ^ b,
    "lt": lambda a, b: a < b, "le": lambda a, b: a <= b, "gt": lambda a, b: a > b, "ge": lambda a, b: a >= b,
    "eq": lambda a, b: a == b, "ne": lambda a, b: a != b,
}


def _operator_sweep(name: str) -> Any:
    op = _OPERATORS[name]

    def run(tf: Any) -> Any:
        return {d: _attempt(lambda d=d: op(tf.constant(_values(d)), tf.constant(_second(d)))) for d in _DTYPES}

    return run


for _name in _OPERATORS:
    case("math", f"operator_dtypes/{_name}")(_operator_sweep(_name))


@case("math", "operator_dtypes/unary")
def unary_operator_dtypes(tf: Any) -> Any:
    out = {}
    for d in _DTYPES:
        x = tf.constant(_values(d))
        out[d] = [_attempt(lambda x=x: -x), _attempt(lambda x=x: abs(x)), _attempt(lambda x=x: ~x)]
    return out


# -- gradients: first and second order, None versus zeros -----------------------------------------
def _derivatives(tf: Any, fn: Any, values: list, dtype: str = "float32") -> dict:
    """fn's value, d/dx_i sum(fn), and d/dx_j sum(d/dx_i sum(fn)) for every pair (None stays None)."""
    xs = [tf.constant(np.asarray(v, dtype=dtype)) for v in values]
    with tf.GradientTape(persistent=True) as outer:
        outer.watch(xs)
        with tf.GradientTape() as inner:
            inner.watch(xs)
            y = fn(*xs)
        first = inner.gradient(y, xs)
        sums = [None if g is None else tf.reduce_sum(g) for g in first]
    second = [None if s is None else outer.gradient(s, xs) for s in sums]
    return {"value": y, "first": first, "second": second}


# unary ops on values inside their smooth domain
_UNARY_GRAD_POINTS = {
    "sqrt": [0.25, 1.0, 4.0], "rsqrt": [0.25, 1.0, 4.0], "exp": [-1.0, 0.0, 1.5], "expm1": [-1.0, 0.0, 1.5],
    "log": [0.25, 1.0, 3.0], "log1p": [-0.5, 0.0, 2.0], "sin": [-1.0, 0.0, 2.0], "cos": [-1.0, 0.0, 2.0],
    "tan": [-1.0, 0.0, 0.5], "asin": [-0.5, 0.0, 0.75], "acos": [-0.5, 0.0, 0.75], "atan": [-2.0, 0.0, 1.0],
    "sinh": [-1.0, 0.0, 2.0], "cosh": [-1.0, 0.0, 2.0], "tanh": [-1.0, 0.0, 2.0], "asinh": [-1.0, 0.0, 2.0],
    "acosh": [1.5, 2.0, 4.0], "atanh": [-0.5, 0.0, 0.75], "sigmoid": [-2.0, 0.0, 3.0],
    "log_sigmoid": [-2.0, 0.0, 3.0], "erf": [-1.0, 0.0, 0.5], "erfc": [-1.0, 0.0, 0.5], "abs": [-2.0, 0.0, 3.0],
    "sign": [-2.0, 0.0, 3.0], "negative": [-2.0, 0.0, 3.0], "reciprocal": [-2.0, 0.5, 3.0],
    "square": [-2.0, 0.0, 3.0], "floor": [-1.5, 0.0, 1.7], "ceil": [-1.5, 0.0, 1.7], "round": [-1.5, 0.5, 1.7],
    "rint": [-1.5, 0.5, 1.7], "lgamma": [0.5, 1.5, 3.0], "digamma": [0.5, 1.5, 3.0], "real": [-1.0, 2.0],
    "imag": [-1.0, 2.0], "conj": [-1.0, 2.0], "angle": [-1.0, 2.0], "reciprocal_no_nan": [-2.0, 0.0, 3.0],
}


def _unary_gradient(name: str, dtype: str) -> Any:
    def run(tf: Any) -> Any:
        return _derivatives(tf, getattr(tf.math, name), [_UNARY_GRAD_POINTS[name]], dtype)

    return run


for _name in _UNARY_GRAD_POINTS:
    case("math", f"gradient/{_name}", rtol=1e-5, atol=1e-5)(_unary_gradient(_name, "float32"))
    case("math", f"gradient/{_name} float64", rtol=1e-5, atol=1e-5)(_unary_gradient(_name, "float64"))

# binary ops: x of shape (2, 3), y of shape (3,) (broadcast), values inside the smooth domain
_BINARY_GRAD_POINTS = {
    "add": ([[1.0, -2.0, 3.0], [0.5, 0.0, -1.0]], [0.5, 1.5, -2.0]),
    "subtract": ([[1.0, -2.0, 3.0], [0.5, 0.0, -1.0]], [0.5, 1.5, -2.0]),
    "multiply": ([[1.0, -2.0, 3.0], [0.5, 0.0, -1.0]], [0.5, 1.5, -2.0]),
    "divide": ([[1.0, -2.0, 3.0], [0.5, 0.0, -1.0]], [0.5, 1.5, -2.0]),
    "truediv": ([[1.0, -2.0, 3.0], [0.5, 0.0, -1.0]], [0.5, 1.5, -2.0]),
    "divide_no_nan": ([[1.0, -2.0, 3.0], [0.5, 0.0, -1.0]], [0.5, 0.0, -2.0]),
    "multiply_no_nan": ([[1.0, -2.0, 3.0], [0.5, 0.0, -1.0]], [0.5, 0.0, -2.0]),
    "floordiv": ([[1.0, -2.0, 3.5], [0.5, 0.0, -1.0]], [0.5, 1.5, -2.0]),
    "floormod": ([[1.0, -2.0, 3.5], [0.5, 0.25, -1.0]], [0.75, 1.5, -2.0]),
    "pow": ([[1.0, 2.0, 3.0], [0.5, 0.25, 1.5]], [0.5, 1.5, -2.0]),
    "maximum": ([[1.0, -2.0, 3.0], [0.5, 1.5, -1.0]], [0.5, 1.5, -2.0]),
    "minimum": ([[1.0, -2.0, 3.0], [0.5, 1.5, -1.0]], [0.5, 1.5, -2.0]),
    "squared_difference": ([[1.0, -2.0, 3.0], [0.5, 0.0, -1.0]], [0.5, 1.5, -2.0]),
    "atan2": ([[1.0, -2.0, 3.0], [0.5, 0.0, -1.0]], [0.5, 1.5, -2.0]),
    "xlogy": ([[1.0, 0.0, 3.0], [0.5, 0.0, -1.0]], [0.5, 1.5, 2.0]),
    "xdivy": ([[1.0, 0.0, 3.0], [0.5, 0.0, -1.0]], [0.5, 1.5, 2.0]),
    "xlog1py": ([[1.0, 0.0, 3.0], [0.5, 0.0, -1.0]], [0.5, 1.5, 2.0]),
    "zeta": ([[2.0, 3.0, 4.5], [2.5, 6.0, 3.0]], [0.5, 1.5, 2.0]),
    "polygamma": ([[0.0, 1.0, 2.0], [3.0, 1.0, 0.0]], [0.5, 1.5, 2.0]),
}


def _binary_gradient(name: str, dtype: str) -> Any:
    def run(tf: Any) -> Any:
        x, y = _BINARY_GRAD_POINTS[name]
        return _derivatives(tf, getattr(tf.math, name), [x, y], dtype)

    return run


for _name in _BINARY_GRAD_POINTS:
    case("math", f"gradient/{_name}", rtol=1e-5, atol=1e-5)(_binary_gradient(_name, "float32"))
    case("math", f"gradient/{_name} float64", rtol=1e-5, atol=1e-5)(_binary_gradient(_name, "float64"))


def _top_gradient(name: str) -> Any:
    def run(tf: Any) -> Any:
        return _derivatives(tf, getattr(tf, name), [[[7.0, -7.0, 7.5], [1.0, 2.0, -3.0]], [2.0, -2.0, 2.0]])

    return run


for _name in ("truncatediv", "truncatemod", "realdiv"):
    case("math", f"gradient/{_name}")(_top_gradient(_name))


@case("math", "gradient/complex")
def complex_gradient(tf: Any) -> Any:
    return _derivatives(tf, tf.complex, [[1.0, -2.0], [0.5, 3.0]])


@case("math", "gradient/add_n")
def add_n_gradient(tf: Any) -> Any:
    return _derivatives(tf, lambda a, b: tf.add_n([a, b, a * b]), [[1.0, -2.0], [0.5, 3.0]])


@case("math", "gradient/clip_by_value")
def clip_by_value_gradient(tf: Any) -> Any:
    return _derivatives(tf, tf.clip_by_value, [[-1.0, 0.0, 0.5, 1.0, 2.0], 0.0, 1.0])


@case("math", "gradient/clip_by_value tensor bounds")
def clip_by_value_bounds_gradient(tf: Any) -> Any:
    return _derivatives(tf, tf.clip_by_value, [[-1.0, 0.0, 0.5, 1.0, 2.0], [0.0, 0.0, 1.0, 0.0, 0.0],
                                               [1.0, 1.0, 1.0, 1.0, 1.5]])


@case("math", "gradient/clip_by_norm")
def clip_by_norm_gradient(tf: Any) -> Any:
    return _derivatives(tf, lambda t, c: tf.clip_by_norm(t, c), [[3.0, -4.0, 1.0], 2.0])


@case("math", "gradient/clip_by_norm axes")
def clip_by_norm_axes_gradient(tf: Any) -> Any:
    return _derivatives(tf, lambda t: tf.clip_by_norm(t, 1.5, axes=[1]), [[[3.0, -4.0], [0.5, 0.25]]])


@case("math", "gradient/clip_by_norm zero")
def clip_by_norm_zero_gradient(tf: Any) -> Any:
    return _derivatives(tf, lambda t: tf.clip_by_norm(t, 1.0), [[0.0, 0.0]])


@case("math", "gradient/clip_by_global_norm")
def clip_by_global_norm_gradient(tf: Any) -> Any:
    def fn(a: Any, b: Any) -> Any:
        clipped, norm = tf.clip_by_global_norm([a, None, b], 2.0)
        return tf.reduce_sum(clipped[0]) + tf.reduce_sum(clipped[2] * clipped[2]) + norm

    return _derivatives(tf, fn, [[3.0, -4.0], [1.0, 2.0, 2.0]])


# complex inputs: TF returns the conjugate of the holomorphic derivative
_COMPLEX_GRAD_OPS = ("sqrt", "rsqrt", "exp", "expm1", "log", "log1p", "sin", "cos", "tan", "asin", "acos", "atan",
                     "sinh", "cosh", "tanh", "asinh", "acosh", "atanh", "sigmoid", "reciprocal", "square", "abs",
                     "sign", "negative", "real", "imag", "conj", "angle")


def _complex_unary_gradient(name: str) -> Any:
    def run(tf: Any) -> Any:
        return _derivatives(tf, getattr(tf.math, name), [[0.5 + 0.25j, -0.75 + 0.5j]], "complex64")

    return run


for _name in _COMPLEX_GRAD_OPS:
    case("math", f"gradient complex64/{_name}", rtol=1e-5, atol=1e-5)(_complex_unary_gradient(_name))

_COMPLEX_BINARY = ("add", "subtract", "multiply", "divide", "pow", "squared_difference", "xlogy", "xdivy",
                   "xlog1py", "divide_no_nan", "multiply_no_nan")


def _complex_binary_gradient(name: str) -> Any:
    def run(tf: Any) -> Any:
        return _derivatives(tf, getattr(tf.math, name), [[[0.5 + 0.25j, -0.75 + 0.5j]], [1.5 - 0.5j, 0.25 + 1j]],
                            "complex128")

    return run


for _name in _COMPLEX_BINARY:
    case("math", f"gradient complex128/{_name}", rtol=1e-5, atol=1e-5)(_complex_binary_gradient(_name))


# -- spec section 7 and 5.1b: gradient edge cases of the elementwise ops ----------------------------
def _gradient(tf: Any, fn: Any, x: Any, upstream: Any = None, zero: bool = False) -> Any:
    x = tf.constant(x)
    with tf.GradientTape() as tape:
        tape.watch(x)
        y = fn(x)
    kwargs = {"unconnected_gradients": tf.UnconnectedGradients.ZERO} if zero else {}
    if upstream is not None:
        kwargs["output_gradients"] = tf.constant(upstream)
    return tape.gradient(y, x, **kwargs)


def _second_order(tf: Any, fn: Any, x: Any) -> Any:
    x = tf.constant(x)
    with tf.GradientTape() as outer:
        outer.watch(x)
        with tf.GradientTape() as inner:
            inner.watch(x)
            y = tf.reduce_sum(fn(x))
        g = inner.gradient(y, x)
    return [g, outer.gradient(g, x)]


_EDGE = {
    "where sqrt no nan": (lambda tf, x: tf.where(x > 0, tf.sqrt(x), 0.0), [0.0, 1.0, -1.0, 4.0]),
    "where log nan trap": (lambda tf, x: tf.where(x > 0, tf.math.log(x), 0.0), [0.0, 1.0, -1.0, 4.0]),
    "where reciprocal": (lambda tf, x: tf.where(x != 0, 1 / x, 0.0), [0.0, 2.0]),
    "where pow half": (lambda tf, x: tf.where(x > 0, x**0.5, 0.0), [0.0, 4.0]),
    "where nan branch": (lambda tf, x: tf.where(x > 0, x, x * np.nan), [1.0]),
    "where inf branch": (lambda tf, x: tf.where(x > 0, x, x * np.inf), [1.0]),
    "where safe sqrt": (lambda tf, x: tf.where(x > 0, tf.sqrt(tf.where(x > 0, x, 1.0)), 0.0), [0.0, 1.0, -1.0, 4.0]),
    "sqrt at 0 and -1": (lambda tf, x: tf.sqrt(x), [0.0, -1.0, 4.0]),
    "rsqrt at 0": (lambda tf, x: tf.math.rsqrt(x), [0.0, -1.0, 4.0]),
    "sqrt of square at 0": (lambda tf, x: tf.sqrt(x**2), [0.0]),
    "abs at 0": (lambda tf, x: tf.abs(x), [-2.0, 0.0, 3.0]),
    "sign": (lambda tf, x: tf.sign(x), [-2.0, 0.0, 3.0]),
    "sigmoid tanh at 0": (lambda tf, x: tf.sigmoid(x) + tf.tanh(x) * 2.0, [0.0]),
    "maximum(x, 1.0) at 1": (lambda tf, x: tf.maximum(x, 1.0), [1.0]),
    "minimum(x, 1.0) at 1": (lambda tf, x: tf.minimum(x, 1.0), [1.0]),
    "maximum(1.0, x) at 1": (lambda tf, x: tf.maximum(1.0, x), [1.0]),
    "maximum(x, x)": (lambda tf, x: tf.maximum(x, x), [1.0]),
    "x / 0": (lambda tf, x: x / 0.0, [1.0]),
    "1 / x at 0": (lambda tf, x: 1 / x, [0.0]),
    "0 / x at 0": (lambda tf, x: 0 / x, [0.0]),
    "x / x at 0": (lambda tf, x: x / x, [0.0]),
    "divide_no_nan(1, x) at 0": (lambda tf, x: tf.math.divide_no_nan(1.0, x), [0.0, 2.0]),
    "divide_no_nan(x, 0)": (lambda tf, x: tf.math.divide_no_nan(x, 0.0), [1.0]),
    "log at 0": (lambda tf, x: tf.math.log(x), [0.0]),
    "exp at 100": (lambda tf, x: tf.exp(x), [100.0]),
    "x ** 2.0 at 0": (lambda tf, x: x**2.0, [0.0]),
    "x ** 0.5 at 0": (lambda tf, x: x**0.5, [0.0]),
    "pow(x, .5) at 0": (lambda tf, x: tf.pow(x, 0.5), [0.0]),
    "x ** 0.0 at 0": (lambda tf, x: x**0.0, [0.0]),
    "x ** 3.0 at -2": (lambda tf, x: x**3.0, [-2.0]),
    "2.0 ** x at 0": (lambda tf, x: 2.0**x, [0.0]),
    "x ** 2 python int at 3": (lambda tf, x: x**2, [3.0]),
    "cast round trip": (lambda tf, x: tf.cast(tf.cast(x, tf.int32), tf.float32), [1.7]),
    "round": (lambda tf, x: tf.round(x), [1.7]),
    "floor": (lambda tf, x: tf.floor(x), [1.7]),
    "ceil": (lambda tf, x: tf.math.ceil(x), [1.7]),
    "rint": (lambda tf, x: tf.math.rint(x), [1.7]),
    "x // 3.0": (lambda tf, x: x // 3.0, [1.7]),
    "floor(x) * x": (lambda tf, x: tf.floor(x) * x, [1.7]),
    "x % 3.0 at 8": (lambda tf, x: x % 3.0, [8.0]),
    "x > 0": (lambda tf, x: x > 0, [1.0]),
    "tf.equal": (lambda tf, x: tf.equal(x, 1.0), [1.0]),
    "cast(x > 0) * x": (lambda tf, x: tf.cast(x > 0, tf.float32) * x, [1.0]),
    "clip_by_value bounds inside": (lambda tf, x: tf.clip_by_value(x, 0, 1), [-1.0, 0.0, 0.5, 1.0, 2.0]),
    "xlogy(x, x) at 0": (lambda tf, x: tf.math.xlogy(x, x), [0.0]),
    "squared_difference(x, 1) at 3": (lambda tf, x: tf.math.squared_difference(x, 1.0), [3.0]),
    "add_n([x, x, x])": (lambda tf, x: tf.add_n([x, x, x]), [1.0]),
    "x * x at nan": (lambda tf, x: x * x, [np.nan]),
    "x * 0.0 at inf": (lambda tf, x: x * 0.0, [np.inf]),
    "atan2(x, 1) at 0": (lambda tf, x: tf.atan2(x, 1.0), [0.0]),
    "erf at 0": (lambda tf, x: tf.math.erf(x), [0.0]),
    "is_nan": (lambda tf, x: tf.math.is_nan(x), [1.0]),
    "lgamma at poles": (lambda tf, x: tf.math.lgamma(x), [0.0, -1.0, 2.5]),
    "digamma at poles": (lambda tf, x: tf.math.digamma(x), [0.0, -1.0, 2.5]),
    "reciprocal_no_nan at 0": (lambda tf, x: tf.math.reciprocal_no_nan(x), [0.0, 2.0]),
    "multiply_no_nan(x, 0)": (lambda tf, x: tf.math.multiply_no_nan(x, 0.0), [np.inf]),
    "complex abs at 0": (lambda tf, x: tf.abs(tf.complex(x, x)), [0.0, 1.0]),
    "truncatediv": (lambda tf, x: tf.truncatediv(x, 2.0), [1.7]),
}


def _edge(fn: Any, x: Any, zero: bool) -> Any:
    return lambda tf: _gradient(tf, lambda t: fn(tf, t), np.array(x, np.float32), zero=zero)


for _label, (_fn, _x) in _EDGE.items():
    case("math", f"edge/{_label}")(_edge(_fn, _x, False))
    case("math", f"edge/{_label} ZERO")(_edge(_fn, _x, True))


@case("math", "edge/sqrt with upstream 0")
def sqrt_zero_upstream(tf: Any) -> Any:
    return _gradient(tf, tf.sqrt, np.array([0.0, -1.0], np.float32), upstream=np.zeros(2, np.float32))


@case("math", "edge/log with upstream 0")
def log_zero_upstream(tf: Any) -> Any:
    return _gradient(tf, tf.math.log, np.array([0.0], np.float32), upstream=np.zeros(1, np.float32))


@case("math", "edge/maximum and minimum ties")
def max_min_ties(tf: Any) -> Any:
    a, b = tf.constant(1.0), tf.constant(1.0)
    with tf.GradientTape(persistent=True) as tape:
        tape.watch([a, b])
        hi = tf.maximum(a, b)
        lo = tf.minimum(a, b)
    return [tape.gradient(hi, [a, b]), tape.gradient(lo, [a, b])]


@case("math", "edge/x ** e wrt x and e")
def pow_both(tf: Any) -> Any:
    out = []
    for xv, ev in ((0.0, 3.0), (-2.0, 2.0), (2.0, 0.5)):
        x, e = tf.constant(xv), tf.constant(ev)
        with tf.GradientTape() as tape:
            tape.watch([x, e])
            y = x**e
        out.append(tape.gradient(y, [x, e]))
    return out


@case("math", "edge/maximum with int source")
def maximum_int_source(tf: Any) -> Any:
    x = tf.constant([1, -2])
    with tf.GradientTape(persistent=True) as tape:
        tape.watch(x)
        y = tf.maximum(x, 0)
    return [tape.gradient(y, x), tape.gradient(y, x, unconnected_gradients=tf.UnconnectedGradients.ZERO)]


_SECOND = {
    "abs": lambda tf, x: tf.abs(x),
    "square": lambda tf, x: tf.square(x),
    "maximum(x, 0.5)": lambda tf, x: tf.maximum(x, 0.5),
    "clip_by_value": lambda tf, x: tf.clip_by_value(x, -0.5, 0.5),
    "x * 3.0": lambda tf, x: x * 3.0,
    "sign": lambda tf, x: tf.sign(x),
    "sqrt of abs": lambda tf, x: tf.sqrt(tf.abs(x)),
    "reciprocal": lambda tf, x: tf.math.reciprocal(x),
    "pow 3": lambda tf, x: tf.pow(x, 3.0),
    "divide_no_nan": lambda tf, x: tf.math.divide_no_nan(1.0, x),
    "floormod": lambda tf, x: tf.math.floormod(x, 0.75),
    "erf": lambda tf, x: tf.math.erf(x),
    "atan2": lambda tf, x: tf.math.atan2(x, 2.0),
    "xlogy": lambda tf, x: tf.math.xlogy(x, 2.0),
    "sigmoid": lambda tf, x: tf.sigmoid(x),
    "tanh": lambda tf, x: tf.tanh(x),
    "negative": lambda tf, x: -x,
    "x - 1": lambda tf, x: x - 1.0,
    "1 - x": lambda tf, x: 1.0 - x,
    "x + x": lambda tf, x: x + x,
    "squared_difference": lambda tf, x: tf.math.squared_difference(x, 0.5),
}


def _second_order_case(fn: Any) -> Any:
    return lambda tf: _second_order(tf, lambda t: fn(tf, t), np.array([-1.0, 2.0], np.float32))


for _label, _fn in _SECOND.items():
    case("math", f"second_order/{_label}")(_second_order_case(_fn))


# -- tf.cast between every pair of dtypes ----------------------------------------------------------
_CAST_VALUES = {
    "float": [-300.7, -2.5, -1.5, -0.5, -0.0, 0.0, 0.5, 1.5, 2.5, 127.9, 255.5, 300.2, 70000.0, 3e9],
    "float_special": [np.inf, -np.inf, np.nan],
    "signed": [-129, -128, -7, -1, 0, 1, 127, 128, 255, 256, 65535, 2**31 - 1],
    "complex": [1.5 + 2j, -2.5 - 1j, 0j],
    "bool": [True, False],
}


def _cast_source(dtype: str) -> list:
    if dtype.startswith("float"):
        return [np.array(_CAST_VALUES["float"], dtype), np.array(_CAST_VALUES["float_special"], dtype)]
    if dtype.startswith(("int", "uint")):
        info = np.iinfo(dtype)
        vals = [v for v in _CAST_VALUES["signed"] if info.min <= v <= info.max]
        return [np.array([*vals, info.min, info.max], dtype)]
    if dtype.startswith("complex"):
        return [np.array(_CAST_VALUES["complex"], dtype)]
    return [np.array(_CAST_VALUES["bool"])]


def _cast_sweep(src: str) -> Any:
    def run(tf: Any) -> Any:
        out = {}
        for i, values in enumerate(_cast_source(src)):
            x = tf.constant(values)
            for dst in _DTYPES:
                if src.startswith("float") and i == 1 and dst.startswith(("int", "uint")):
                    continue  # NaN and inf to integers are undefined behaviour in TF's kernel
                if src.startswith("float") and dst.startswith(("int", "uint")):
                    x = tf.constant(values[np.abs(values) < 128])  # keep float -> int within range
                out[f"{i}->{dst}"] = _attempt(lambda x=x, dst=dst: tf.cast(x, getattr(tf, dst)))
        return out

    return run


for _src in _DTYPES:
    case("math", f"cast/{_src}")(_cast_sweep(_src))


@case("math", "cast/saturate_cast")
def saturate_cast_cases(tf: Any) -> Any:
    x = tf.constant([-300.7, -1.5, 0.0, 1.5, 127.9, 300.2, 1e10])
    return {d: _attempt(lambda d=d: tf.dtypes.saturate_cast(x, getattr(tf, d))) for d in _DTYPES}


@case("math", "cast/gradient between floats")
def cast_gradient(tf: Any) -> Any:
    return _derivatives(tf, lambda t: tf.cast(tf.cast(t, tf.float64) ** 2, tf.float16), [[1.0, -2.0]])


_SATURATE = {
    "complex128 to complex64": ([1e300 + 1e-300j, -1e300 + 5j, 3 - 1e300j], "complex128", "complex64"),
    "complex128 to int8": ([300 + 2j, -300 + 5j, 3.7 - 1j], "complex128", "int8"),
    "uint32 to int8": ([1, 300], "uint32", "int8"),
    "int32 to float16": ([100000, -100000, 5], "int32", "float16"),
    "float32 inf to int32": ([np.inf, -np.inf, 3e9], "float32", "int32"),
    "float64 to uint8": ([-1.5, 255.9, 256.0, 3.3], "float64", "uint8"),
    "float32 to uint64": ([-1.5, 1e10, 3.3], "float32", "uint64"),
    "int64 to uint64": ([-1, 5], "int64", "uint64"),
    "float64 to complex64": ([1e300, 3.3], "float64", "complex64"),
    "bool to int32": ([True], "bool", "int32"),
}


def _saturate(values: list, src: str, dst: str) -> Any:
    def run(tf: Any) -> Any:
        return tf.dtypes.saturate_cast(tf.constant(np.array(values, dtype=src)), getattr(tf, dst))

    return run


for _label, (_v, _s, _d) in _SATURATE.items():
    case("math", f"cast/saturate_cast {_label}")(_saturate(_v, _s, _d))


@case("math", "cast/saturate_cast gradient")
def saturate_cast_gradient(tf: Any) -> Any:
    return _derivatives(tf, lambda t: tf.dtypes.saturate_cast(t, tf.float16), [[1.0, 300.0, 1e6]])
