"""Spec section 9.3: conversion rules of tf.constant and tf.convert_to_tensor."""

from __future__ import annotations

from typing import Any

import numpy as np

from conformance.case import attempt, case

AREA = "conversion"

# (label, value factory). Each value goes through tf.constant and tf.convert_to_tensor.
_INFERRED = {
    "int": lambda tf: 2,
    "int 2**31": lambda tf: 2 ** 31,
    "int -2**31": lambda tf: -(2 ** 31),
    "int -2**31 - 1": lambda tf: -(2 ** 31) - 1,
    "int 2**63": lambda tf: 2 ** 63,
    "int 2**63 - 1": lambda tf: 2 ** 63 - 1,
    "float": lambda tf: 2.0,
    "float 1e40": lambda tf: 1e40,
    "float inf": lambda tf: float("inf"),
    "float nan": lambda tf: float("nan"),
    "float 3.5e38": lambda tf: 3.5e38,
    "float 1e-50": lambda tf: 1e-50,
    "bool": lambda tf: True,
    "complex": lambda tf: 1 + 2j,
    "list int and float": lambda tf: [1, 2.0],
    "list int and bool": lambda tf: [1, True],
    "list bool and float": lambda tf: [True, 2.5],
    "empty list": lambda tf: [],
    "nested empty lists": lambda tf: [[], []],
    "list of big ints": lambda tf: [1, 2 ** 40],
    "list with out-of-range int": lambda tf: [1, 2 ** 64],
    "list with 1e40": lambda tf: [1.0, 1e40],
    "list of complex and float": lambda tf: [1j, 2.0],
    "list of strings": lambda tf: ["a", "bc"],
    "bytes": lambda tf: b"ab",
    "unicode string": lambda tf: "é",
    "list of str and int": lambda tf: ["a", 1],
    "tuple": lambda tf: (1.0, 2.0),
    "nested list": lambda tf: [[1, 2], [3, 4]],
    "ragged list": lambda tf: [[1, 2], [3]],
    "numpy float64 array": lambda tf: np.array([1.0]),
    "numpy float64 scalar": lambda tf: np.float64(1.0),
    "numpy int64 array": lambda tf: np.array([1]),
    "numpy float16 array": lambda tf: np.array([1.0], np.float16),
    "numpy uint16 array": lambda tf: np.array([1], np.uint16),
    "numpy bool array": lambda tf: np.array([True]),
    "numpy complex64 array": lambda tf: np.array([1j], np.complex64),
    "numpy int8 scalar": lambda tf: np.int8(3),
    "numpy 0-d array": lambda tf: np.array(3.5),
    "numpy unicode array": lambda tf: np.array(["ab", "c"]),
    "numpy bytes array": lambda tf: np.array([b"ab"]),
    "numpy object array of bytes": lambda tf: np.array([b"a", b"b"], dtype=object),
    "list of numpy float64": lambda tf: [np.float64(1.0), np.float64(2.0)],
    "list of numpy float32 and python float": lambda tf: [np.float32(1.0), 2.0],
    "list of numpy int64": lambda tf: [np.int64(1), np.int64(2)],
    "list of tensors": lambda tf: [tf.constant(1.0), tf.constant(2.0)],
    "list of tensor and float": lambda tf: [tf.constant(1.0), 2.0],
    "list of int tensor and float": lambda tf: [tf.constant(1), 2.5],
    "list of float64 tensor and float": lambda tf: [tf.constant(1.0, dtype=tf.float64), 2.0],
    "None": lambda tf: None,
    "list with None": lambda tf: [1.0, None],
    "dict": lambda tf: {"a": 1},
    "set": lambda tf: {1.0},
    "object": lambda tf: object,
    "numpy datetime": lambda tf: np.datetime64("2020-01-01"),
    "range": lambda tf: range(3),
    "empty tuple": lambda tf: (),
    "a tensor": lambda tf: tf.constant([1, 2]),
    "a variable": lambda tf: tf.Variable([1.0, 2.0]),
    "TensorShape": lambda tf: tf.TensorShape([2, 3]),
    "partial TensorShape": lambda tf: tf.TensorShape([None, 3]),
    "DType": lambda tf: tf.float32,
}


def _inferred(fn_name: str, make: Any) -> Any:
    def run(tf: Any) -> Any:
        return getattr(tf, fn_name)(make(tf))

    return run


# tf.constant of a list holding tensors fails inside NumPy and TF's message embeds a Python traceback.
_TRACEBACK_MESSAGES = {"list of tensors", "list of tensor and float", "list of int tensor and float",
                       "list of float64 tensor and float", "list of tensors to float64"}
for _label, _make in _INFERRED.items():
    case(AREA, f"constant of {_label}", compare_message=_label not in _TRACEBACK_MESSAGES)(
        _inferred("constant", _make))
    case(AREA, f"convert_to_tensor of {_label}")(_inferred("convert_to_tensor", _make))


# value factory, requested dtype name
_REQUESTED = {
    "int to float32": (lambda tf: 2, "float32"),
    "float 2.5 to int32": (lambda tf: 2.5, "int32"),
    "float 2.0 to int32": (lambda tf: 2.0, "int32"),
    "float64 ndarray to int32 truncates": (lambda tf: np.array([2.5, -1.7]), "int32"),
    "float32 tensor to float64": (lambda tf: tf.constant(1.0), "float64"),
    "int32 tensor to float32": (lambda tf: tf.constant(1), "float32"),
    "int to uint8 wraps": (lambda tf: 300, "uint8"),
    "negative int to uint8": (lambda tf: -1, "uint8"),
    "int 2**40 to int32": (lambda tf: 2 ** 40, "int32"),
    "bool to float32": (lambda tf: True, "float32"),
    "bool to int32": (lambda tf: True, "int32"),
    "int to bool": (lambda tf: 1, "bool"),
    "float to complex64": (lambda tf: 1.5, "complex64"),
    "complex to float32": (lambda tf: 1j, "float32"),
    "string to float32": (lambda tf: "1.0", "float32"),
    "float to string": (lambda tf: 1.0, "string"),
    "list of floats to int64": (lambda tf: [1.0, 2.0], "int64"),
    "list of ints to float16": (lambda tf: [1, 70000], "float16"),
    "float 1e40 to float64": (lambda tf: 1e40, "float64"),
    "float 1e40 to float32": (lambda tf: 1e40, "float32"),
    "float 1e40 to float16": (lambda tf: 1e40, "float16"),
    "float to bfloat16": (lambda tf: 1.1, "bfloat16"),
    "numpy float64 to float32": (lambda tf: np.array([0.1]), "float32"),
    "numpy int64 to float32": (lambda tf: np.array([3]), "float32"),
    "numpy float to bool": (lambda tf: np.array([0.5, 0.0]), "bool"),
    "numpy bool to float32": (lambda tf: np.array([True, False]), "float32"),
    "numpy complex to float32": (lambda tf: np.array([1 + 1j]), "float32"),
    "numpy uint8 to int8": (lambda tf: np.array([200], np.uint8), "int8"),
    "numpy int64 scalar to int32": (lambda tf: np.int64(2 ** 40), "int32"),
    "variable float32 to float32": (lambda tf: tf.Variable(1.0), "float32"),
    "None to float32": (lambda tf: None, "float32"),
    "int to dtype string name": (lambda tf: 3, "float64"),
    "list of tensors to float64": (lambda tf: [tf.constant(1.0), tf.constant(2.0)], "float64"),
    "int to uint64 max": (lambda tf: 2 ** 64 - 1, "uint64"),
    "int to int8 overflow": (lambda tf: 200, "int8"),
    "list of float and nan to int32": (lambda tf: [1, float("nan")], "int32"),
}


def _requested(fn_name: str, make: Any, dtype: str, as_string: bool) -> Any:
    def run(tf: Any) -> Any:
        return getattr(tf, fn_name)(make(tf), dtype=dtype if as_string else getattr(tf, dtype))

    return run


for _label, (_make, _dt) in _REQUESTED.items():
    case(AREA, f"constant, {_label}", compare_message=_label not in _TRACEBACK_MESSAGES)(
        _requested("constant", _make, _dt, False))
    case(AREA, f"convert_to_tensor, {_label}")(_requested("convert_to_tensor", _make, _dt, False))
case(AREA, "constant with dtype given as a string")(_requested("constant", lambda tf: 3, "float64", True))
case(AREA, "constant with dtype given as a numpy type")(
    lambda tf: tf.constant(3, dtype=np.float64))
case(AREA, "constant with a bogus dtype")(lambda tf: tf.constant(3, dtype="bogus"))
case(AREA, "constant with dtype None")(lambda tf: tf.constant(3, dtype=None))


# shape argument of tf.constant
_SHAPES = {
    "scalar filled to (2, 2)": (lambda tf: 1.0, [2, 2]),
    "scalar filled to ()": (lambda tf: 1.0, []),
    "two values into (3,)": (lambda tf: [1.0, 2.0], [3]),
    "four values reshaped to (2, 2)": (lambda tf: [1, 2, 3, 4], [2, 2]),
    "one value list into (3,)": (lambda tf: [7.0], [3]),
    "numpy array reshaped": (lambda tf: np.arange(6), (3, 2)),
    "shape as TensorShape": (lambda tf: 0.5, "tensor_shape"),
    "shape with -1": (lambda tf: [1, 2, 3, 4], [-1, 2]),
    "shape with None": (lambda tf: 1.0, [None]),
    "empty shape dims": (lambda tf: 1.0, [0, 3]),
    "tensor value with shape": (lambda tf: tf.constant([1.0, 2.0]), [2]),
    "tensor value reshaped": (lambda tf: tf.constant([1.0, 2.0]), [2, 1]),
}


def _shaped(make: Any, shape: Any) -> Any:
    def run(tf: Any) -> Any:
        s = tf.TensorShape([2, 1]) if shape == "tensor_shape" else shape
        return tf.constant(make(tf), shape=s)

    return run


for _label, (_make, _shape) in _SHAPES.items():
    case(AREA, f"constant shape: {_label}")(_shaped(_make, _shape))


@case(AREA, "constant of a tensor keeps it when no dtype")
def constant_of_tensor(tf: Any) -> Any:
    x = tf.constant([1.0])
    y = tf.constant(x)
    return [y, type(y).__name__]


@case(AREA, "convert_to_tensor returns the same tensor object")
def convert_same_object(tf: Any) -> Any:
    x = tf.constant([1.0])
    return [tf.convert_to_tensor(x) is x, tf.convert_to_tensor(x, dtype=tf.float32) is x]


@case(AREA, "convert_to_tensor dtype_hint")
def convert_dtype_hint(tf: Any) -> Any:
    return [tf.convert_to_tensor(1, dtype_hint=tf.float32), tf.convert_to_tensor(1.5, dtype_hint=tf.int32),
            tf.convert_to_tensor(tf.constant(1), dtype_hint=tf.float32),
            tf.convert_to_tensor([1, 2], dtype_hint=tf.float64)]


@case(AREA, "constant name argument is accepted")
def constant_name(tf: Any) -> Any:
    return [tf.constant(1.0, name="c"), tf.convert_to_tensor(1.0, name="c")]


@case(AREA, "constant copies numpy input")
def constant_copies(tf: Any) -> Any:
    a = np.array([1.0, 2.0])
    t = tf.constant(a)
    a[0] = 9.0
    return t


@case(AREA, "constant of a non-contiguous numpy view")
def constant_view(tf: Any) -> Any:
    a = np.arange(12, dtype=np.float32).reshape(3, 4)
    return [tf.constant(a[:, ::2]), tf.constant(a.T)]


@case(AREA, "constant of a big int list with a negative")
def big_negative(tf: Any) -> Any:
    return tf.constant([-(2 ** 40), 1])


@case(AREA, "constant of nested tuples and lists")
def nested_tuples(tf: Any) -> Any:
    return tf.constant(([1, 2], (3, 4)))


@case(AREA, "constant of a 3-d list")
def three_d(tf: Any) -> Any:
    return tf.constant([[[1.0], [2.0]], [[3.0], [4.0]]])


@case(AREA, "register_tensor_conversion_function: a user type converts in convert_to_tensor and ops")
def register_conversion_user_type(tf: Any) -> Any:
    class Meters:
        def __init__(self, value: float) -> None:
            self.value = value

    seen: list = []

    def to_tensor(value: Any, dtype: Any = None, name: Any = None, as_ref: bool = False) -> Any:
        seen.append((None if dtype is None else dtype.name, as_ref))
        return tf.constant(value.value, dtype=dtype or tf.float32)

    registered = tf.register_tensor_conversion_function(Meters, to_tensor)
    out = [registered, tf.convert_to_tensor(Meters(2.0)), tf.convert_to_tensor(Meters(2.0), dtype=tf.float64),
           tf.add(Meters(1.5), 1.0), tf.convert_to_tensor(Meters(3.0), dtype_hint=tf.float16)]
    return [*out, seen]


@case(AREA, "register_tensor_conversion_function refuses non-types and NumPy/Python number types")
def register_conversion_refusals(tf: Any) -> Any:
    def to_tensor(value: Any, dtype: Any = None, name: Any = None, as_ref: bool = False) -> Any:
        return tf.constant(0.0)

    class Mine:
        pass

    return [attempt(tf.register_tensor_conversion_function, bad, to_tensor)
            for bad in (3, np.ndarray, float, (Mine, int), np.float32)]


class _Named:
    """A conversion function with a stable repr (TF's errors print the function)."""

    def __init__(self, name: str, fn: Any) -> None:
        self.name, self.fn = name, fn

    def __call__(self, value: Any, dtype: Any = None, name: Any = None, as_ref: bool = False) -> Any:
        return self.fn(value, dtype, name)

    def __repr__(self) -> str:
        return f"<conversion {self.name}>"


@case(AREA, "register_tensor_conversion_function: lower priority first, then registration order, subclasses, "
            "NotImplemented passes on")
def register_conversion_priority(tf: Any) -> Any:
    class Base:
        pass

    class Derived(Base):
        pass

    class Other:
        pass

    seen: list = []

    def returning(label: str, value: Any) -> _Named:
        def fn(v: Any, dtype: Any, name: Any) -> Any:
            seen.append((label, None if dtype is None else dtype.name, name))
            return value() if callable(value) else value
        return _Named(label, fn)

    tf.register_tensor_conversion_function(Base, returning("base-100", lambda: tf.constant(1.0)))
    tf.register_tensor_conversion_function(Derived, returning("derived-100", lambda: tf.constant(2.0)))
    tf.register_tensor_conversion_function(Base, returning("base-50", lambda: tf.constant(3.0)), priority=50)
    tf.register_tensor_conversion_function(Other, returning("other-1", NotImplemented), priority=1)
    tf.register_tensor_conversion_function(Other, returning("other-2", lambda: tf.constant(4)), priority=2)
    tf.register_tensor_conversion_function(Other, returning("other-3", lambda: tf.constant(5)), priority=2)
    out = [tf.convert_to_tensor(Base()), tf.convert_to_tensor(Derived()), tf.convert_to_tensor(Other()),
           tf.convert_to_tensor(Other(), name="named"), attempt(tf.constant, Base())]
    return [*out, seen]


@case(AREA, "register_tensor_conversion_function: a non-tensor, a tensor of the wrong dtype, or only "
            "NotImplemented raise as TF's registry does")
def register_conversion_bad_results(tf: Any) -> Any:
    class Plain:
        pass

    class Floaty:
        pass

    class Refusing:
        pass

    class Picky:
        pass

    def picky(v: Any, dtype: Any, name: Any) -> Any:
        if dtype is not None and dtype != tf.float32:
            raise TypeError("picky: float32 only")
        return tf.constant(1.0)

    tf.register_tensor_conversion_function(Plain, _Named("plain", lambda v, d, n: 5))
    tf.register_tensor_conversion_function(Floaty, _Named("floaty", lambda v, d, n: tf.constant(1.0)))
    tf.register_tensor_conversion_function(Refusing, _Named("refusing", lambda v, d, n: NotImplemented))
    tf.register_tensor_conversion_function(Picky, _Named("picky", picky))
    return [attempt(tf.convert_to_tensor, Plain()), attempt(tf.convert_to_tensor, Floaty(), dtype=tf.int32),
            attempt(tf.convert_to_tensor, Floaty(), dtype=tf.float64, name="nm"),
            attempt(tf.convert_to_tensor, Floaty(), dtype_hint=tf.int32), attempt(tf.convert_to_tensor, Floaty()),
            attempt(tf.convert_to_tensor, Picky(), dtype_hint=tf.int32),
            attempt(tf.convert_to_tensor, Picky(), dtype=tf.int32), attempt(tf.convert_to_tensor, Refusing())]
