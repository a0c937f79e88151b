"""Elementwise math: values against NumPy / the math module, dtypes kept, gradients and second
derivatives against finite differences (float64, drawn broadcasting shapes including empty and
size-1 dimensions), complex gradients (TF returns the conjugate derivative), and the structural
facts of TF's gradient rules (None versus zeros versus LookupError). Exact TensorFlow outputs at
edge points and error texts are in conformance/cases/math_ops.py and operators.py."""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

import tfshim as tf
from tests.gradcheck import check_gradients, check_second_order

_SEEDS = st.integers(0, 2**16)
_SHAPES = hnp.array_shapes(min_dims=0, max_dims=3, min_side=0, max_side=3)
_PAIRS = hnp.mutually_broadcastable_shapes(num_shapes=2, min_dims=0, max_dims=3, min_side=0, max_side=3)
_SMALL_PAIRS = hnp.mutually_broadcastable_shapes(num_shapes=2, min_dims=0, max_dims=2, min_side=1, max_side=3)


def _draw(shape: tuple, seed: int, low: float, high: float, avoid: tuple = (), gap: float = 0.1) -> np.ndarray:
    """Uniform values in [low, high], moved at least `gap` away from each point in `avoid`."""
    x = np.random.default_rng(seed).uniform(low, high, size=shape)
    for a in avoid:
        close = np.abs(x - a) < gap
        x = np.where(close, a + np.where(x >= a, gap, -gap) * 1.5, x)
    return x


# -- unary ops -------------------------------------------------------------------------------------
# name: (domain low, high, points to stay away from, NumPy/math reference)
_ERF = np.vectorize(math.erf, otypes=[float])
_ERFC = np.vectorize(math.erfc, otypes=[float])
_LGAMMA = np.vectorize(math.lgamma, otypes=[float])

_UNARY = {
    "sqrt": (0.2, 3.0, (), np.sqrt),
    "rsqrt": (0.2, 3.0, (), lambda x: 1 / np.sqrt(x)),
    "exp": (-2.0, 2.0, (), np.exp),
    "expm1": (-2.0, 2.0, (), np.expm1),
    "log": (0.2, 3.0, (), np.log),
    "log1p": (-0.8, 3.0, (), np.log1p),
    "sin": (-3.0, 3.0, (), np.sin),
    "cos": (-3.0, 3.0, (), np.cos),
    "tan": (-1.2, 1.2, (), np.tan),
    "asin": (-0.9, 0.9, (), np.arcsin),
    "acos": (-0.9, 0.9, (), np.arccos),
    "atan": (-3.0, 3.0, (), np.arctan),
    "sinh": (-2.0, 2.0, (), np.sinh),
    "cosh": (-2.0, 2.0, (), np.cosh),
    "tanh": (-2.0, 2.0, (), np.tanh),
    "asinh": (-3.0, 3.0, (), np.arcsinh),
    "acosh": (1.2, 3.0, (), np.arccosh),
    "atanh": (-0.9, 0.9, (), np.arctanh),
    "sigmoid": (-4.0, 4.0, (), lambda x: 1 / (1 + np.exp(-x))),
    "erf": (-2.0, 2.0, (), _ERF),
    "erfc": (-2.0, 2.0, (), _ERFC),
    "abs": (-3.0, 3.0, (0.0,), np.abs),
    "sign": (-3.0, 3.0, (0.0,), np.sign),
    "negative": (-3.0, 3.0, (), np.negative),
    "reciprocal": (-3.0, 3.0, (0.0,), lambda x: 1 / x),
    "reciprocal_no_nan": (-3.0, 3.0, (0.0,), lambda x: 1 / x),
    "square": (-3.0, 3.0, (), np.square),
    "lgamma": (0.3, 5.0, (), _LGAMMA),
    "digamma": (0.3, 5.0, (), None),
    "real": (-3.0, 3.0, (), np.real),
    "imag": (-3.0, 3.0, (), np.imag),
    "conj": (-3.0, 3.0, (), np.conj),
    "angle": (-3.0, 3.0, (0.0,), np.angle),
}


@pytest.mark.parametrize("name", sorted(n for n in _UNARY if _UNARY[n][3] is not None))
@given(shape=_SHAPES, seed=_SEEDS)
def test_unary_values_match_reference(name: str, shape: tuple, seed: int) -> None:
    low, high, avoid, reference = _UNARY[name]
    x = _draw(shape, seed, low, high, avoid)
    got = getattr(tf.math, name)(tf.constant(x))
    assert got.dtype == tf.float64 and got.shape == shape
    np.testing.assert_allclose(got.numpy(), reference(x), rtol=1e-13, atol=1e-14)


@pytest.mark.parametrize("name", sorted(_UNARY))
@pytest.mark.parametrize("dtype", ["float16", "float32", "float64"])
def test_unary_keeps_float_dtype(name: str, dtype: str) -> None:
    low, high, avoid, _ = _UNARY[name]
    x = _draw((4,), 0, low, high, avoid).astype(dtype)
    got = getattr(tf.math, name)(tf.constant(x))
    assert got.dtype == getattr(tf, dtype)
    assert isinstance(got.numpy(), np.ndarray) and got.numpy().dtype == np.dtype(dtype)


@pytest.mark.parametrize("name", sorted(_UNARY))
@given(shape=_SHAPES, seed=_SEEDS)
def test_unary_gradient_matches_finite_differences(name: str, shape: tuple, seed: int) -> None:
    low, high, avoid, _ = _UNARY[name]
    check_gradients(getattr(tf.math, name), [_draw(shape, seed, low, high, avoid)])


@pytest.mark.parametrize("name", sorted(_UNARY))
@settings(max_examples=10)
@given(shape=hnp.array_shapes(min_dims=0, max_dims=2, min_side=1, max_side=3), seed=_SEEDS)
def test_unary_second_order_matches_finite_differences(name: str, shape: tuple, seed: int) -> None:
    low, high, avoid, _ = _UNARY[name]
    check_second_order(getattr(tf.math, name), [_draw(shape, seed, low, high, avoid)], rtol=2e-4, atol=2e-5)


def test_log_sigmoid_is_minus_softplus_of_minus_x() -> None:
    x = np.linspace(-30.0, 30.0, 13)
    got = tf.math.log_sigmoid(tf.constant(x)).numpy()
    np.testing.assert_allclose(got, -np.logaddexp(0.0, -x), rtol=1e-12)
    check_gradients(tf.math.log_sigmoid, [x[4:9]])
    check_second_order(tf.math.log_sigmoid, [x[4:9]])


@pytest.mark.parametrize("name", ["floor", "ceil", "round", "rint"])
def test_rounding_values_and_none_gradient(name: str) -> None:
    x = np.array([-2.5, -1.5, -0.5, 0.5, 1.5, 2.5, 1.7, -1.2])
    reference = {"floor": np.floor, "ceil": np.ceil, "round": np.rint, "rint": np.rint}[name]
    xt = tf.constant(x)
    with tf.GradientTape() as tape:
        tape.watch(xt)
        y = getattr(tf.math, name)(xt)
    np.testing.assert_array_equal(y.numpy(), reference(x))  # halves go to even, as in TF
    assert tape.gradient(y, xt) is None


def test_round_of_integers_is_the_same_tensor() -> None:
    x = tf.constant([1, 2])
    assert tf.math.round(x) is x


@pytest.mark.parametrize("name", ["is_nan", "is_inf", "is_finite"])
def test_classification(name: str) -> None:
    x = np.array([0.0, np.nan, np.inf, -np.inf, 1.0], np.float32)
    reference = {"is_nan": np.isnan, "is_inf": np.isinf, "is_finite": np.isfinite}[name]
    got = getattr(tf.math, name)(tf.constant(x))
    assert got.dtype == tf.bool
    np.testing.assert_array_equal(got.numpy(), reference(x))
    xt = tf.constant(x)
    with tf.GradientTape() as tape:
        tape.watch(xt)
        y = getattr(tf.math, name)(xt)
    with pytest.raises(LookupError, match="gradient registry has no entry for"):
        tape.gradient(y, xt)


# -- binary ops ------------------------------------------------------------------------------------
# name: (x domain, y domain, points y avoids, reference)
_BINARY = {
    "add": ((-3, 3), (-3, 3), (), np.add),
    "subtract": ((-3, 3), (-3, 3), (), np.subtract),
    "multiply": ((-3, 3), (-3, 3), (), np.multiply),
    "divide": ((-3, 3), (-3, 3), (0.0,), np.divide),
    "truediv": ((-3, 3), (-3, 3), (0.0,), np.divide),
    "divide_no_nan": ((-3, 3), (-3, 3), (0.0,), np.divide),
    "multiply_no_nan": ((-3, 3), (-3, 3), (0.0,), np.multiply),
    "pow": ((0.3, 3), (-2, 2), (), np.power),
    "squared_difference": ((-3, 3), (-3, 3), (), lambda a, b: (a - b) ** 2),
    "atan2": ((-3, 3), (-3, 3), (0.0,), np.arctan2),
    "xlogy": ((-3, 3), (0.2, 3), (), lambda a, b: a * np.log(b)),
    "xdivy": ((-3, 3), (-3, 3), (0.0,), lambda a, b: a / b),
    "xlog1py": ((-3, 3), (-0.8, 3), (), lambda a, b: a * np.log1p(b)),
}


def _binary_inputs(name: str, shapes: tuple, seed: int) -> list:
    (xl, xh), (yl, yh), avoid, _ = _BINARY[name]
    a, b = shapes
    return [_draw(a, seed, xl, xh), _draw(b, seed + 1, yl, yh, avoid, gap=0.2)]


@pytest.mark.parametrize("name", sorted(_BINARY))
@given(shapes=_PAIRS, seed=_SEEDS)
def test_binary_values_match_numpy(name: str, shapes: Any, seed: int) -> None:
    x, y = _binary_inputs(name, shapes.input_shapes, seed)
    got = getattr(tf.math, name)(tf.constant(x), tf.constant(y))
    assert got.dtype == tf.float64 and got.shape == shapes.result_shape
    np.testing.assert_allclose(got.numpy(), _BINARY[name][3](x, y), rtol=1e-13, atol=1e-14)


@pytest.mark.parametrize("name", sorted(_BINARY))
@given(shapes=_PAIRS, seed=_SEEDS)
def test_binary_gradient_matches_finite_differences(name: str, shapes: Any, seed: int) -> None:
    check_gradients(getattr(tf.math, name), _binary_inputs(name, shapes.input_shapes, seed))


@pytest.mark.parametrize("name", sorted(_BINARY))
@settings(max_examples=10)
@given(shapes=_SMALL_PAIRS, seed=_SEEDS)
def test_binary_second_order_matches_finite_differences(name: str, shapes: Any, seed: int) -> None:
    check_second_order(getattr(tf.math, name), _binary_inputs(name, shapes.input_shapes, seed), rtol=2e-4,
                       atol=2e-5)


def _apart(shapes: tuple, seed: int) -> list:
    """Two arrays whose elements differ by at least 0.2 wherever they meet (for max/min/floormod)."""
    a, b = shapes
    x = _draw(a, seed, -3, 3)
    y = _draw(b, seed + 1, -3, 3)
    close = np.abs(x - y) < 0.2
    return [np.where(close, x + 0.5, x), y] if close.shape == x.shape else [x, np.where(close, y + 0.5, y)]


@pytest.mark.parametrize("name", ["maximum", "minimum"])
@given(shapes=_PAIRS, seed=_SEEDS)
def test_max_min_away_from_ties(name: str, shapes: Any, seed: int) -> None:
    x, y = _draw(shapes.input_shapes[0], seed, -3, 3), _draw(shapes.input_shapes[1], seed + 1, -3, 3)
    if np.any(np.abs(np.subtract(x, y)) < 0.05):
        return  # a near-tie: finite differences straddle the kink
    got = getattr(tf.math, name)(tf.constant(x), tf.constant(y)).numpy()
    np.testing.assert_array_equal(got, getattr(np, name)(x, y))
    check_gradients(getattr(tf.math, name), [x, y])
    check_second_order(getattr(tf.math, name), [x, y])  # piecewise linear: zero


@pytest.mark.parametrize("selector", ["maximum", "minimum"])
def test_max_min_ties_go_to_the_first_argument(selector: str) -> None:
    a, b = tf.constant([1.0, 2.0]), tf.constant([1.0, 0.0])
    with tf.GradientTape(persistent=True) as tape:
        tape.watch([a, b])
        y = getattr(tf, selector)(a, b)
    ga, gb = tape.gradient(y, [a, b])
    assert ga.numpy()[0] == 1.0 and gb.numpy()[0] == 0.0


@given(shapes=_PAIRS, seed=_SEEDS)
def test_floormod_gradient_and_values(shapes: Any, seed: int) -> None:
    x = _draw(shapes.input_shapes[0], seed, -3, 3)
    y = _draw(shapes.input_shapes[1], seed + 1, 0.5, 2, gap=0.2) * np.where(
        np.random.default_rng(seed).random(shapes.input_shapes[1]) < 0.5, -1, 1)
    quotient = np.broadcast_to(x, shapes.result_shape) / np.broadcast_to(y, shapes.result_shape)
    if np.any(np.abs(quotient - np.round(quotient)) < 0.02):
        return  # too close to a jump of floor(x / y)
    got = tf.math.floormod(tf.constant(x), tf.constant(y)).numpy()
    np.testing.assert_allclose(got, np.mod(x, y), rtol=1e-12, atol=1e-12)
    check_gradients(tf.math.floormod, [x, y])
    check_second_order(tf.math.floormod, [x, y])


def test_floordiv_truncatediv_have_none_gradients_and_truncatemod_none_registered() -> None:
    x, y = tf.constant([7.0, -7.0]), tf.constant([2.0, 2.0])
    with tf.GradientTape(persistent=True) as tape:
        tape.watch([x, y])
        fd = tf.math.floordiv(x, y)
        td = tf.truncatediv(x, y)
        tm = tf.truncatemod(x, y)
    assert tape.gradient(fd, [x, y]) == [None, None]
    assert tape.gradient(td, [x, y]) == [None, None]
    np.testing.assert_array_equal(td.numpy(), [3.0, -3.0])
    np.testing.assert_array_equal(tm.numpy(), [1.0, -1.0])
    with pytest.raises(LookupError, match="TruncateMod"):
        tape.gradient(tm, x)


def test_integer_division_and_modulo_follow_python() -> None:
    a = np.array([7, -7, 7, -7, 0])
    b = np.array([2, 2, -2, -2, 3])
    np.testing.assert_array_equal((tf.constant(a) // tf.constant(b)).numpy(), a // b)
    np.testing.assert_array_equal((tf.constant(a) % tf.constant(b)).numpy(), a % b)
    np.testing.assert_array_equal(tf.truncatediv(a, b).numpy(), np.trunc(a / b).astype(int))
    np.testing.assert_array_equal(tf.truncatemod(a, b).numpy(), np.fmod(a, b))


def test_float_floormod_keeps_the_dividend_sign_of_zero() -> None:
    got = tf.math.floormod(tf.constant([-4.0, 4.0, -4.0]), tf.constant([2.0, -2.0, -2.0])).numpy()
    np.testing.assert_array_equal(np.signbit(got), [True, False, True])


@given(shape=_SHAPES, seed=_SEEDS)
def test_add_n_and_complex_gradients(shape: tuple, seed: int) -> None:
    a, b, c = (_draw(shape, seed + i, -2, 2) for i in range(3))
    check_gradients(lambda x, y, z: tf.add_n([x, y * z, x]), [a, b, c])
    check_second_order(lambda x, y, z: tf.add_n([x, y * z, x]), [a, b, c])
    b = np.where(np.abs(b) < 0.1, 0.5, b)
    check_gradients(lambda x, y: tf.abs(tf.complex(x, y)), [a, b])
    check_second_order(lambda x, y: tf.abs(tf.complex(x, y)), [a, b])
    check_gradients(lambda x, y: tf.math.angle(tf.complex(x, y) * tf.complex(y, x)), [a, b])


@given(shape=_SHAPES, seed=_SEEDS)
def test_cast_gradients_between_float_and_complex(shape: tuple, seed: int) -> None:
    x = _draw(shape, seed, -2, 2)

    def through_complex(t: Any) -> Any:
        z = tf.cast(t, tf.complex128) * tf.constant(1.5 - 0.5j, tf.complex128)
        return tf.math.real(z * z)

    check_gradients(through_complex, [x])
    check_second_order(through_complex, [x])
    check_gradients(lambda t: tf.saturate_cast(t, tf.float64) * t, [x])


def test_add_n_sums_and_passes_the_gradient_to_each_input() -> None:
    xs = [tf.constant(np.arange(3.0) + i) for i in range(3)]
    with tf.GradientTape() as tape:
        tape.watch(xs)
        y = tf.add_n(xs)
    np.testing.assert_array_equal(y.numpy(), np.arange(3.0) * 3 + 3)
    assert [g.numpy().tolist() for g in tape.gradient(y, xs)] == [[1.0, 1.0, 1.0]] * 3
    assert tf.add_n([xs[0]]) is xs[0]
    with pytest.raises(ValueError, match="at least one"):
        tf.add_n([])


@given(shape=_SHAPES, seed=_SEEDS)
def test_zeta_and_polygamma_gradients_in_the_second_argument(shape: tuple, seed: int) -> None:
    q = _draw(shape, seed, 0.4, 3.0)
    check_gradients(lambda t: tf.math.zeta(tf.constant(3.0, tf.float64), t), [q])
    check_gradients(lambda t: tf.math.polygamma(tf.constant(1.0, tf.float64), t), [q], rtol=1e-4, atol=1e-6)
    check_second_order(lambda t: tf.math.zeta(tf.constant(3.0, tf.float64), t), [q])
    check_second_order(lambda t: tf.math.polygamma(tf.constant(1.0, tf.float64), t), [q], rtol=1e-3, atol=1e-5)


def test_zeta_and_polygamma_first_argument_gets_none() -> None:
    s, q = tf.constant(3.0), tf.constant(1.5)
    with tf.GradientTape(persistent=True) as tape:
        tape.watch([s, q])
        z = tf.math.zeta(s, q)
        p = tf.math.polygamma(tf.constant(1.0), q)
    assert tape.gradient(z, s) is None
    assert tape.gradient(p, q) is not None


# -- complex numbers -------------------------------------------------------------------------------
def _holomorphic_derivative(fn: object, z: np.ndarray, h: float = 1e-6) -> np.ndarray:
    return (fn(z + h) - fn(z - h)) / (2 * h)


_COMPLEX_UNARY = {
    "sqrt": np.sqrt, "exp": np.exp, "log": np.log, "sin": np.sin, "cos": np.cos, "tan": np.tan,
    "sinh": np.sinh, "cosh": np.cosh, "tanh": np.tanh, "asin": np.arcsin, "acos": np.arccos,
    "atan": np.arctan, "asinh": np.arcsinh, "acosh": np.arccosh, "atanh": np.arctanh,
    "reciprocal": np.reciprocal, "square": np.square, "expm1": np.expm1, "log1p": np.log1p,
    "rsqrt": lambda z: 1 / np.sqrt(z), "sigmoid": lambda z: 1 / (1 + np.exp(-z)),
}


@pytest.mark.parametrize("name", sorted(_COMPLEX_UNARY))
@given(seed=_SEEDS)
def test_complex_gradient_is_the_conjugate_derivative(name: str, seed: int) -> None:
    rng = np.random.default_rng(seed)
    z = rng.uniform(0.3, 0.8, 4) * np.exp(1j * rng.uniform(0.2, 1.3, 4))  # away from branch cuts
    zt = tf.constant(z)
    with tf.GradientTape() as tape:
        tape.watch(zt)
        y = getattr(tf.math, name)(zt)
    np.testing.assert_allclose(y.numpy(), _COMPLEX_UNARY[name](z), rtol=1e-12)
    grad = tape.gradient(y, zt)
    assert grad.dtype == tf.complex128
    np.testing.assert_allclose(grad.numpy(), np.conj(_holomorphic_derivative(_COMPLEX_UNARY[name], z)),
                               rtol=1e-6, atol=1e-8)


def test_complex_abs_and_parts() -> None:
    z = tf.constant([3 + 4j, 1 - 1j])
    with tf.GradientTape(persistent=True) as tape:
        tape.watch(z)
        a = tf.abs(z)
        r, i = tf.math.real(z), tf.math.imag(z)
        ang = tf.math.angle(z)
    assert a.dtype == tf.float64
    np.testing.assert_allclose(a.numpy(), [5.0, math.sqrt(2)])
    np.testing.assert_allclose(tape.gradient(a, z).numpy(), z.numpy() / np.abs(z.numpy()))
    np.testing.assert_array_equal(tape.gradient(r, z).numpy(), [1, 1])
    np.testing.assert_array_equal(tape.gradient(i, z).numpy(), [1j, 1j])
    np.testing.assert_allclose(ang.numpy(), np.angle(z.numpy()))
    np.testing.assert_allclose(tape.gradient(ang, z).numpy(), 1j / np.conj(z.numpy()), rtol=1e-12)


def test_complex_builds_from_broadcast_parts_and_keeps_infinities() -> None:
    got = tf.complex(tf.constant([-2.5, 1.0]), tf.constant(np.inf)).numpy()
    assert got.dtype == np.complex64
    assert got[0].real == -2.5 and got[0].imag == np.inf
    with pytest.raises(TypeError, match="incorrect types: float32 float64"):
        tf.complex(tf.constant(1.0), tf.constant(1.0, tf.float64))


def test_complex_sign_and_pow() -> None:
    z = tf.constant([3 + 4j, 0j])
    np.testing.assert_allclose(tf.sign(z).numpy(), [0.6 + 0.8j, 0j])
    got = tf.pow(tf.constant([0j, 1 + 1j]), tf.constant([0j, 2 + 0j])).numpy()
    assert np.isnan(got[0].real) and np.isnan(got[0].imag)  # exp(0 * log 0), as in TF
    np.testing.assert_allclose(got[1], 2j, atol=1e-12)


def test_conj_and_real_reject_bool() -> None:
    with pytest.raises(TypeError, match=r"Expected numeric or variant tensor, got dtype tf\.bool\."):
        tf.math.conj(tf.constant(True))
    with pytest.raises(TypeError, match="input must be a numeric tensor"):
        tf.math.real(tf.constant(True))


# -- errors ----------------------------------------------------------------------------------------
def test_disallowed_dtype_and_missing_kernel_errors() -> None:
    with pytest.raises(tf.errors.InvalidArgumentError, match="Value for attr 'T' of int32 is not in the list"):
        tf.sqrt(tf.constant([1, 2]))
    with pytest.raises(tf.errors.NotFoundError, match=r"Could not find device for node: \{\{node Reciprocal\}\}"):
        tf.math.reciprocal(tf.constant([1, 2]))
    with pytest.raises(tf.errors.NotFoundError, match=r"FloorDiv\[T=DT_COMPLEX64\]"):
        tf.constant([1j], tf.complex64) // tf.constant([1j], tf.complex64)


def test_integer_errors_come_after_the_shape_check() -> None:
    with pytest.raises(tf.errors.InvalidArgumentError, match=r"Incompatible shapes: \[2\] vs. \[3\]"):
        tf.constant([1, 2]) // tf.constant([0, 1, 2])
    with pytest.raises(tf.errors.InvalidArgumentError, match="Integer division by zero"):
        tf.constant([1, 2]) // tf.constant([0, 1])
    with pytest.raises(tf.errors.InvalidArgumentError, match="Integers to negative integer powers"):
        tf.constant([2]) ** -1
    with pytest.raises(tf.errors.InternalError, match="only integer div and mod should have errors"):
        tf.truncatediv(1, 0)


def test_list_arguments_drop_the_name_suffix_as_tfs_slow_path_does() -> None:
    with pytest.raises(tf.errors.InvalidArgumentError) as err:
        tf.multiply(tf.ones([2]), [1.0, 2.0, 3.0])
    assert str(err.value).endswith("[Op:Mul]")
    with pytest.raises(tf.errors.InvalidArgumentError) as err:
        tf.multiply(tf.ones([2]), tf.ones([3]))
    assert str(err.value).endswith("[Op:Mul] name: ")


# -- special functions -----------------------------------------------------------------------------
def test_special_function_values() -> None:
    x = np.concatenate([np.linspace(-6.3, 6.3, 127), [1e-8, 1e-300, 30.0, 1e10]])
    np.testing.assert_allclose(tf.math.erf(x).numpy(), _ERF(x), rtol=1e-14, atol=1e-300)
    np.testing.assert_allclose(tf.math.erfc(x).numpy(), _ERFC(x), rtol=1e-14, atol=1e-300)
    pos = x[x > 0]
    np.testing.assert_allclose(tf.math.lgamma(pos).numpy(), _LGAMMA(pos), rtol=1e-13, atol=1e-15)
    neg = np.array([-0.5, -1.5, -2.25, -7.75])
    np.testing.assert_allclose(tf.math.lgamma(neg).numpy(), _LGAMMA(neg), rtol=1e-12)
    assert np.all(np.isinf(tf.math.lgamma([0.0, -1.0, -2.0]).numpy()))


def test_digamma_polygamma_zeta_values() -> None:
    x = np.array([0.1, 0.5, 1.0, 1.4616321449683623, 2.5, 7.0, 25.0, -0.5, -2.5])
    h = 1e-5
    numeric = (_LGAMMA(x + h) - _LGAMMA(x - h)) / (2 * h)
    np.testing.assert_allclose(tf.math.digamma(x).numpy(), numeric, rtol=1e-7, atol=1e-8)
    one, half = np.array([1.0]), np.array([0.5])
    np.testing.assert_allclose(tf.math.digamma(one).numpy(), [-0.5772156649015329], rtol=1e-15)
    np.testing.assert_allclose(tf.math.polygamma(one, half).numpy(), [math.pi**2 / 2], rtol=1e-14)
    np.testing.assert_allclose(tf.math.zeta(2 * one, one).numpy(), [math.pi**2 / 6], rtol=1e-14)
    direct = sum((k + 0.75) ** -3.5 for k in range(200000))
    np.testing.assert_allclose(tf.math.zeta(3.5 * one, 1.5 * half).numpy(), [direct], rtol=1e-9)
    assert np.isnan(tf.math.polygamma(3 * half, half).numpy()[0])
    assert np.isnan(tf.math.digamma([0.0, -1.0]).numpy()).all()


def test_xlogy_family_is_zero_where_x_is_zero() -> None:
    zero = tf.constant([0.0, 0.0])
    y = tf.constant([0.0, np.inf])
    for fn in (tf.math.xlogy, tf.math.xdivy, tf.math.xlog1py):
        np.testing.assert_array_equal(fn(zero, y).numpy(), [0.0, 0.0])



# -- kernel shortcuts keep NumPy's numbers ---------------------------------------------------------
@settings(deadline=None, max_examples=60)
@given(st.integers(-7, 9), st.sampled_from([np.float16, np.float32, np.float64]), _SEEDS)
def test_pow_with_an_integral_scalar_exponent_matches_numpy(n: int, dtype: Any, seed: int) -> None:
    """Negative bases take |x|**n and the sign of odd powers (libm's own identity), and n == 2 is x*x:
    within one unit in the last place of np.power, and exactly equal for the square."""
    x = np.random.default_rng(seed).normal(0, 3, 64).astype(dtype)
    x[:6] = [0.0, -0.0, np.inf, -np.inf, np.nan, -1.0]
    got = tf.pow(tf.constant(x), tf.constant(dtype(n))).numpy()
    with np.errstate(all="ignore"):
        want = np.power(x, dtype(n))
    assert got.dtype == want.dtype
    assert np.array_equal(np.isnan(got), np.isnan(want))
    assert np.array_equal(np.signbit(got[~np.isnan(got)]), np.signbit(want[~np.isnan(want)]))
    if n == 2:
        np.testing.assert_array_equal(got, want)
    else:
        np.testing.assert_array_max_ulp(got, want, maxulp=1)


def test_broadcast_to_small_and_large_results_agree() -> None:
    v = np.arange(3, dtype=np.float32).reshape(3, 1)
    small = tf.broadcast_to(tf.constant(v), (3, 4)).numpy()  # materialized
    large = tf.broadcast_to(tf.constant(v), (3, 40000)).numpy()  # a NumPy view
    np.testing.assert_array_equal(small, np.broadcast_to(v, (3, 4)))
    np.testing.assert_array_equal(large, np.broadcast_to(v, (3, 40000)))
    with pytest.raises(tf.errors.InvalidArgumentError, match=r"Incompatible shapes: \[2\] vs. \[3,4\]"):
        tf.broadcast_to(tf.constant([1.0, 2.0]), (3, 4))


@pytest.mark.filterwarnings("error")
def test_python_scalars_beyond_float32_overflow_quietly_to_inf() -> None:
    x = tf.constant(1.0)
    for value in (x * 1e40, 1e40 * x, x + 1e40, x - 1e40):
        assert np.isinf(value.numpy()) and value.dtype == tf.float32
    assert (2.0 * x).numpy() == 2.0 and (x * float("nan")).numpy() != 0
