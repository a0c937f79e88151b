"""Spec sections 3.5, 3.7 and 3.8: gradient dtypes, non-scalar targets and broadcasting, and the
shape and dtype of ZERO results."""

from __future__ import annotations

from typing import Any

import numpy as np

from conformance.case import case

AREA = "gradient_dtypes"

FLOATS = ("float16", "bfloat16", "float32", "float64")
COMPLEX = ("complex64", "complex128")
INTS = ("int8", "int16", "int32", "int64", "uint8", "uint16", "uint32", "uint64")


# -- 3.5 the gradient keeps the source dtype --------------------------------------------------------
def _square(dtype: str) -> Any:
    def run(tf: Any) -> Any:
        x = tf.constant([1.0, 2.0], dtype=getattr(tf, dtype))
        with tf.GradientTape() as t:
            t.watch(x)
            y = x * x
        return t.gradient(y, x)

    return run


for _dt in FLOATS + COMPLEX:
    case(AREA, f"x*x keeps {_dt}")(_square(_dt))


def _cast_chain(src: str, dst: str) -> Any:
    def run(tf: Any) -> Any:
        x = tf.constant([1.0, 2.0], dtype=getattr(tf, src))
        with tf.GradientTape() as t:
            t.watch(x)
            y = tf.cast(x, getattr(tf, dst))
            z = y * y
        return t.gradient(z, x)

    return run


for _src in FLOATS:
    for _dst in FLOATS:
        if _src != _dst:
            case(AREA, f"cast {_src} to {_dst}: gradient is {_src}")(_cast_chain(_src, _dst))
for _src, _dst in (("float32", "complex64"), ("float64", "complex128"), ("float32", "complex128")):
    case(AREA, f"cast {_src} to {_dst} then square")(_cast_chain(_src, _dst))


def _int_source(dtype: str, how: str, mode: str) -> Any:
    def run(tf: Any) -> Any:
        i = tf.constant([1, 2], dtype=getattr(tf, dtype)) if dtype != "bool" else tf.constant([True, False])
        with tf.GradientTape() as t:
            t.watch(i)
            if how == "identity":
                y = tf.identity(i)
            elif how == "square":
                y = i * i if dtype != "bool" else tf.logical_and(i, i)
            else:
                y = tf.cast(i, tf.float32) * 2.0
        return t.gradient(y, i, unconnected_gradients=mode)

    return run


for _dt in ("int32", "int64", "int8", "uint8", "bool", "int16"):
    for _how in ("identity", "square", "cast to float"):
        for _mode in ("none", "zero"):
            case(AREA, f"{_dt} source, {_how}, {_mode}")(_int_source(_dt, _how, _mode))


def _int_variable(dtype: str, mode: str) -> Any:
    def run(tf: Any) -> Any:
        v = tf.Variable([1, 2], dtype=getattr(tf, dtype))
        with tf.GradientTape() as t:
            y = tf.cast(v, tf.float32) * 2.0
        return t.gradient(y, v, unconnected_gradients=mode)

    return run


for _dt in ("int32", "int64"):
    for _mode in ("none", "zero"):
        case(AREA, f"{_dt} variable through cast, {_mode}")(_int_variable(_dt, _mode))


def _float_to_int(mode: str, back: bool) -> Any:
    def run(tf: Any) -> Any:
        x = tf.constant([1.7, -2.2])
        with tf.GradientTape() as t:
            t.watch(x)
            y = tf.cast(x, tf.int32)
            if back:
                y = tf.cast(y, tf.float32) * 3.0
        return t.gradient(y, x, unconnected_gradients=mode)

    return run


for _mode in ("none", "zero"):
    case(AREA, f"float to int target, {_mode}")(_float_to_int(_mode, False))
    case(AREA, f"float to int to float round trip, {_mode}")(_float_to_int(_mode, True))


@case(AREA, "float to bool cast")
def float_to_bool(tf: Any) -> Any:
    x = tf.constant([1.0, 0.0])
    with tf.GradientTape() as t:
        t.watch(x)
        y = tf.cast(x, tf.bool)
    return t.gradient(y, x)


@case(AREA, "float to complex and real part back")
def float_complex_real(tf: Any) -> Any:
    x = tf.constant(1.0)
    with tf.GradientTape() as t:
        t.watch(x)
        c = tf.cast(x, tf.complex64)
        y = tf.math.real(c * (1 + 1j))
    return t.gradient(y, x)


@case(AREA, "complex source z*z gives the conjugate derivative")
def complex_square(tf: Any) -> Any:
    z = tf.constant([1 + 2j, 3 - 1j])
    with tf.GradientTape() as t:
        t.watch(z)
        y = z * z
    return t.gradient(y, z)


@case(AREA, "complex source abs")
def complex_abs(tf: Any) -> Any:
    z = tf.constant([1 + 2j, 3 - 1j])
    with tf.GradientTape() as t:
        t.watch(z)
        y = tf.abs(z)
    return t.gradient(y, z)


@case(AREA, "complex source real(z * conj(z))")
def complex_norm(tf: Any) -> Any:
    z = tf.constant([1 + 2j, 3 - 1j])
    with tf.GradientTape() as t:
        t.watch(z)
        y = tf.math.real(z * tf.math.conj(z))
    return t.gradient(y, z)


@case(AREA, "real source, complex target")
def real_to_complex(tf: Any) -> Any:
    x = tf.constant(1.0)
    with tf.GradientTape(persistent=True) as t:
        t.watch(x)
        y = tf.complex(x, 2.0 * x)
    return [t.gradient(y, x), t.gradient(y, x, output_gradients=tf.constant(1j, dtype=tf.complex64))]


@case(AREA, "complex64 source multiplied by a constant")
def complex_times_constant(tf: Any) -> Any:
    z = tf.constant([1 + 1j, 2 - 3j], dtype=tf.complex64)
    with tf.GradientTape() as t:
        t.watch(z)
        y = z * tf.constant(2 - 1j, dtype=tf.complex64)
    return t.gradient(y, z)


@case(AREA, "complex source, imag target")
def complex_imag(tf: Any) -> Any:
    z = tf.constant([1 + 1j, 2 - 3j])
    with tf.GradientTape() as t:
        t.watch(z)
        y = tf.math.imag(z * z)
    return t.gradient(y, z)


@case(AREA, "float16 values keep float16 precision")
def float16_precision(tf: Any) -> Any:
    x = tf.constant([0.1, 1000.0, 3.3], dtype=tf.float16)
    with tf.GradientTape() as t:
        t.watch(x)
        y = x * x * x
    return [y, t.gradient(y, x)]


@case(AREA, "bfloat16 values keep bfloat16 precision")
def bfloat16_precision(tf: Any) -> Any:
    x = tf.constant([0.1, 100.0, 3.3], dtype=tf.bfloat16)
    with tf.GradientTape() as t:
        t.watch(x)
        y = x * x
    return [y, t.gradient(y, x)]


@case(AREA, "float64 source used with a float32 cast")
def float64_to_float32(tf: Any) -> Any:
    x = tf.constant(3.0, dtype=tf.float64)
    with tf.GradientTape() as t:
        t.watch(x)
        y = tf.cast(x, tf.float32) * tf.constant(2.0)
    return t.gradient(y, x)


# -- 3.7 non-scalar targets and broadcasting --------------------------------------------------------
@case(AREA, "non-scalar target equals gradient of its sum")
def nonscalar_sum(tf: Any) -> Any:
    x = tf.constant([[1.0, 2.0], [3.0, 4.0]])
    with tf.GradientTape(persistent=True) as t:
        t.watch(x)
        y = x * x
        s = tf.reduce_sum(y)
    return [t.gradient(y, x), t.gradient(s, x)]


@case(AREA, "broadcast (3,1) times (4,)")
def broadcast_31_4(tf: Any) -> Any:
    x = tf.constant([[1.0], [2.0], [3.0]])
    y = tf.constant([1.0, 2.0, 3.0, 4.0])
    with tf.GradientTape() as t:
        t.watch([x, y])
        z = x * y
    return t.gradient(z, [x, y])


def _broadcast(op: str, sx: tuple, sy: tuple) -> Any:
    def run(tf: Any) -> Any:
        rng = np.random.default_rng(7)
        x = tf.constant(rng.uniform(0.5, 2.0, sx).astype(np.float32))
        y = tf.constant(rng.uniform(0.5, 2.0, sy).astype(np.float32))
        with tf.GradientTape() as t:
            t.watch([x, y])
            z = {"add": lambda: x + y, "sub": lambda: x - y, "mul": lambda: x * y, "div": lambda: x / y,
                 "pow": lambda: x ** y, "max": lambda: tf.maximum(x, y), "min": lambda: tf.minimum(x, y)}[op]()
        return [z, t.gradient(z, [x, y])]

    return run


_SHAPES = (((2, 1), (3,)), ((), (2, 3)), ((1, 3), (2, 1)), ((2, 3), (1,)), ((4, 1, 2), (3, 1)), ((0, 3), (3,)),
           ((2, 1, 1), (1, 2, 1)), ((1,), ()))
for _op in ("add", "sub", "mul", "div", "pow", "max", "min"):
    for _sx, _sy in _SHAPES:
        case(AREA, f"broadcast {_op} {_sx} with {_sy}")(_broadcast(_op, _sx, _sy))


@case(AREA, "empty source gives an empty gradient")
def empty_source(tf: Any) -> Any:
    x = tf.zeros([0, 3])
    with tf.GradientTape() as t:
        t.watch(x)
        y = x * 2.0
    return t.gradient(y, x)


@case(AREA, "incompatible broadcast raises")
def broadcast_incompatible(tf: Any) -> Any:
    x = tf.constant([1.0, 2.0])
    y = tf.constant([1.0, 2.0, 3.0])
    with tf.GradientTape() as t:
        t.watch(x)
        return x + y


# -- 3.8 ZERO results -------------------------------------------------------------------------------
def _zeros(dtype: str, shape: tuple) -> Any:
    def run(tf: Any) -> Any:
        x = tf.zeros(shape, dtype=getattr(tf, dtype)) if dtype != "string" else tf.constant("s")
        with tf.GradientTape() as t:
            t.watch(x)
            y = tf.constant(1.0) * 2.0
        return t.gradient(y, x, unconnected_gradients="zero")

    return run


for _dt in FLOATS + COMPLEX + INTS + ("bool", "string"):
    case(AREA, f"zero result for a {_dt} source")(_zeros(_dt, (2, 3)))
for _shape in ((), (0,), (1, 1, 1), (2, 3, 4)):
    case(AREA, f"zero result shape {_shape}")(_zeros("float64", _shape))


def _zero_variable(dtype: str, trainable: bool) -> Any:
    def run(tf: Any) -> Any:
        v = tf.Variable(tf.zeros([2], dtype=getattr(tf, dtype)), trainable=trainable)
        with tf.GradientTape() as t:
            y = tf.constant(1.0) * 2.0
        return t.gradient(y, v, unconnected_gradients="zero")

    return run


for _dt in ("float32", "float64", "int32", "int64", "complex64", "float16"):
    case(AREA, f"zero result for a {_dt} variable")(_zero_variable(_dt, True))
case(AREA, "zero result for a non-trainable variable")(_zero_variable("float32", False))


@case(AREA, "zero result for an unconnected gathered variable is dense")
def zero_gather_dense(tf: Any) -> Any:
    v = tf.Variable([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]])
    w = tf.Variable(1.0)
    with tf.GradientTape() as t:
        tf.gather(w * tf.ones([3]), [0])
        y = w * 2.0
    return t.gradient(y, v, unconnected_gradients="zero")


@case(AREA, "zero result with watch_accessed_variables False")
def zero_unwatched_variable(tf: Any) -> Any:
    v = tf.Variable(2.0)
    with tf.GradientTape(watch_accessed_variables=False) as t:
        y = v * v
    return t.gradient(y, v, unconnected_gradients="zero")


@case(AREA, "zero result numpy of scalar")
def zero_numpy(tf: Any) -> Any:
    x = tf.constant(2.0)
    with tf.GradientTape() as t:
        t.watch(x)
    g = t.gradient(tf.constant(1.0), x, unconnected_gradients="zero")
    return [g.numpy(), type(g.numpy()).__name__]


@case(AREA, "zero result for a stop_gradient path keeps the source dtype")
def zero_stop_dtype(tf: Any) -> Any:
    x = tf.constant([1.0, 2.0], dtype=tf.float64)
    with tf.GradientTape() as t:
        t.watch(x)
        y = tf.stop_gradient(x) * 2.0
    return t.gradient(y, x, unconnected_gradients="zero")
