"""Spec section 9.4: mixed-dtype arithmetic -- no implicit promotion between tensors, Python and
NumPy operands converted to the tensor's dtype, integer and bool arithmetic, broadcasting errors."""

from __future__ import annotations

import operator
from typing import Any

import numpy as np

from conformance.case import case

AREA = "mixed_dtypes"

_OPS = {"+": operator.add, "-": operator.sub, "*": operator.mul, "/": operator.truediv, "//": operator.floordiv,
        "%": operator.mod, "**": operator.pow, "==": operator.eq, "!=": operator.ne, "<": operator.lt,
        "<=": operator.le, ">": operator.gt, ">=": operator.ge}

_TENSORS = {
    "f32": lambda tf: tf.constant([1.0, 2.0]),
    "f64": lambda tf: tf.constant([1.0, 2.0], dtype=tf.float64),
    "f16": lambda tf: tf.constant([1.0, 2.0], dtype=tf.float16),
    "i32": lambda tf: tf.constant([1, 2]),
    "i64": lambda tf: tf.constant([1, 2], dtype=tf.int64),
    "c128": lambda tf: tf.constant([1 + 1j, 2]),
    "u8": lambda tf: tf.constant([1, 2], dtype=tf.uint8),
}


def _tensor_pair(a: str, op: str, b: str) -> Any:
    def run(tf: Any) -> Any:
        return _OPS[op](_TENSORS[a](tf), _TENSORS[b](tf))

    return run


for _a, _b in (("f32", "i32"), ("i32", "f32"), ("f32", "f64"), ("f64", "f32"), ("f16", "f32"), ("i32", "i64"),
               ("f32", "c128"), ("u8", "i32")):
    for _op in ("+", "-", "*", "/", "//", "%", "**", "==", "<", ">="):
        case(AREA, f"tensor {_a} {_op} tensor {_b}")(_tensor_pair(_a, _op, _b))


def _functional(name: str, a: str, b: str) -> Any:
    def run(tf: Any) -> Any:
        return getattr(tf, name)(_TENSORS[a](tf), _TENSORS[b](tf))

    return run


for _name in ("add", "subtract", "multiply", "divide", "truediv", "maximum", "minimum", "pow", "equal", "less",
              "realdiv", "floordiv"):
    case(AREA, f"tf.{_name}(f32, i32)")(_functional(_name, "f32", "i32"))


@case(AREA, "tf.where with float and int branches")
def where_mixed(tf: Any) -> Any:
    return tf.where(tf.constant([True, False]), tf.constant([1.0, 2.0]), tf.constant([1, 2]))


@case(AREA, "scalar float divided by scalar int")
def scalar_div(tf: Any) -> Any:
    return tf.constant(3.0) / tf.constant(2)


# tensor (by key) with a Python or NumPy operand, on either side
_OPERANDS = {
    "1": lambda tf: 1,
    "1.5": lambda tf: 1.5,
    "1.0": lambda tf: 1.0,
    "True": lambda tf: True,
    "[1, 2]": lambda tf: [1, 2],
    "(1.0, 2.0)": lambda tf: (1.0, 2.0),
    "[1.5]": lambda tf: [1.5],
    "np.float64(1.5)": lambda tf: np.float64(1.5),
    "np.array([1.5])": lambda tf: np.array([1.5]),
    "np.array([1.5, 2.5])": lambda tf: np.array([1.5, 2.5]),
    "np.array([1e40, 1.0])": lambda tf: np.array([1e40, 1.0]),
    "np.int64(1)": lambda tf: np.int64(1),
    "np.array([1])": lambda tf: np.array([1]),
    "2**40": lambda tf: 2 ** 40,
    "1j": lambda tf: 1j,
    "70000.0": lambda tf: 70000.0,
    "'a'": lambda tf: "a",
    "None": lambda tf: None,
    "np.float32(2.0)": lambda tf: np.float32(2.0),
    "2**63": lambda tf: 2 ** 63,
}


def _with_operand(t: str, op: str, operand: str, reflected: bool) -> Any:
    def run(tf: Any) -> Any:
        x, o = _TENSORS[t](tf), _OPERANDS[operand](tf)
        return _OPS[op](o, x) if reflected else _OPS[op](x, o)

    return run


_OPERAND_CASES = [
    ("f32", "+", ["1", "True", "[1, 2]", "(1.0, 2.0)", "np.float64(1.5)", "np.array([1.5])", "np.array([1e40, 1.0])",
                  "1j", "'a'", "None", "np.float32(2.0)", "2**63"]),
    ("f32", "*", ["'a'", "2**40", "np.array([1.5, 2.5])"]),
    ("i32", "+", ["1.5", "1.0", "[1.5]", "np.array([1.5, 2.5])", "2**40", "np.int64(1)", "np.array([1])", "True",
                  "1j", "2**63", "np.float64(1.5)"]),
    ("i32", "*", ["1.0", "1.5", "np.float64(1.5)"]),
    ("i32", "-", ["1.5"]),
    ("i32", ">", ["1.5"]),
    ("i32", "==", ["1.0", "None"]),
    ("i32", "**", ["1.5", "1"]),
    ("i32", "/", ["1.5", "1", "np.float64(1.5)"]),
    ("i32", "//", ["1.5", "1"]),
    ("c128", "+", ["1.0", "1j", "True"]),
    ("f16", "+", ["70000.0", "1.5"]),
    ("u8", "+", ["1", "1.5"]),
    ("u8", "-", ["1"]),
    ("f64", "*", ["np.float32(2.0)", "1.5"]),
    ("i64", "+", ["2**40", "1.5", "np.int64(1)"]),
]
for _t, _op, _operands in _OPERAND_CASES:
    for _operand in _operands:
        case(AREA, f"{_t} {_op} {_operand}")(_with_operand(_t, _op, _operand, False))
        case(AREA, f"{_operand} {_op} {_t}")(_with_operand(_t, _op, _operand, True))


def _call(name: str, *args: Any) -> Any:
    def run(tf: Any) -> Any:
        return getattr(tf, name)(*[a(tf) if callable(a) else a for a in args])

    return run


_I32 = _TENSORS["i32"]
for _label, _name, _args in (
        ("tf.add(i32, 2.0)", "add", (_I32, 2.0)),
        ("tf.add(1, 2.5)", "add", (1, 2.5)),
        ("tf.add(1.5, 2)", "add", (1.5, 2)),
        ("tf.add(1, 2)", "add", (1, 2)),
        ("tf.multiply(i32, 2.0)", "multiply", (_I32, 2.0)),
        ("tf.subtract(i32, 2.0)", "subtract", (_I32, 2.0)),
        ("tf.maximum(i32, 1.5)", "maximum", (_I32, 1.5)),
        ("tf.multiply(2, 1.5)", "multiply", (2, 1.5)),
        ("tf.divide(3, 2)", "divide", (3, 2)),
        ("tf.add([1, 2], [0.5, 0.5])", "add", ([1, 2], [0.5, 0.5])),
        ("tf.add(np.float64 array, 1)", "add", (np.array([1.0]), 1)),
        ("tf.add(np.int64 array, 1.5)", "add", (np.array([1]), 1.5)),
        ("tf.add(1.5, i32)", "add", (1.5, _I32)),
        ("tf.add(True, 1)", "add", (True, 1)),
        ("tf.add(True, False)", "add", (True, False)),
        ("tf.maximum(1, 2)", "maximum", (1, 2)),
        ("tf.pow(2, 0.5)", "pow", (2, 0.5)),
        ("tf.pow(2.0, 3)", "pow", (2.0, 3)),
):
    case(AREA, _label)(_call(_name, *_args))


# integer and bool arithmetic
_INT_EXPRS = {
    "i32 / i32": lambda tf: tf.constant(3) / tf.constant(2),
    "int64 / 2": lambda tf: tf.constant(3, dtype=tf.int64) / 2,
    "int8 / 2": lambda tf: tf.constant(3, dtype=tf.int8) / 2,
    "int16 / 2": lambda tf: tf.constant(3, dtype=tf.int16) / 2,
    "uint8 / 2": lambda tf: tf.constant(3, dtype=tf.uint8) / 2,
    "uint16 / 2": lambda tf: tf.constant(3, dtype=tf.uint16) / 2,
    "7 // 3": lambda tf: tf.constant(7) // 3,
    "-7 // 2": lambda tf: tf.constant(-7) // 2,
    "-7 % 3": lambda tf: tf.constant(-7) % 3,
    "7 % -3": lambda tf: tf.constant(7) % -3,
    "-7.5 // 2.0": lambda tf: tf.constant(-7.5) // 2.0,
    "-7.5 % 2.0": lambda tf: tf.constant(-7.5) % 2.0,
    "i32 ** 2": lambda tf: tf.constant(2) ** 2,
    "i32 ** 0": lambda tf: tf.constant(2) ** 0,
    "i32 ** -1": lambda tf: tf.constant(2) ** -1,
    "int 1 // 0": lambda tf: tf.constant(1) // 0,
    "int 1 % 0": lambda tf: tf.constant(1) % 0,
    "int 1 / 0": lambda tf: tf.constant(1) / 0,
    "float 1 / 0": lambda tf: tf.constant(1.0) / 0.0,
    "float 0 / 0": lambda tf: tf.constant(0.0) / 0.0,
    "float 1 // 0": lambda tf: tf.constant(1.0) // 0.0,
    "float 1 % 0": lambda tf: tf.constant(1.0) % 0.0,
    "uint8 1 + 255": lambda tf: tf.constant(1, dtype=tf.uint8) + 255,
    "uint8 1 - 2": lambda tf: tf.constant(1, dtype=tf.uint8) - 2,
    "int8 127 + 1": lambda tf: tf.constant(127, dtype=tf.int8) + 1,
    "int32 max + 1": lambda tf: tf.constant(2 ** 31 - 1) + 1,
    "reduce_mean of ints": lambda tf: tf.reduce_mean([1, 2]),
    "2 ** f32": lambda tf: 2 ** tf.constant(3.0),
    "bool + bool": lambda tf: tf.constant(True) + tf.constant(True),
    "-bool": lambda tf: -tf.constant(True),
    "bool + 1": lambda tf: tf.constant(True) + 1,
    "bool * 2": lambda tf: tf.constant(True) * 2,
    "bool * bool": lambda tf: tf.constant(True) * tf.constant(False),
    "~bool": lambda tf: ~tf.constant(True),
    "bool & bool": lambda tf: tf.constant(True) & tf.constant(False),
    "~int32": lambda tf: ~tf.constant(1),
    "~float": lambda tf: ~tf.constant(1.0),
    "float & float": lambda tf: tf.constant(1.0) & tf.constant(1.0),
    "sqrt of int32": lambda tf: tf.sqrt(tf.constant(4)),
    "exp of python int": lambda tf: tf.exp(1),
    "square of python int": lambda tf: tf.square(3),
    "abs of int8 min": lambda tf: tf.abs(tf.constant(-128, dtype=tf.int8)),
    "negative of uint8": lambda tf: -tf.constant(1, dtype=tf.uint8),
    "i64 // i64": lambda tf: tf.constant(-7, dtype=tf.int64) // tf.constant(2, dtype=tf.int64),
    "sign of int": lambda tf: tf.sign(tf.constant([-3, 0, 4])),
    "abs of bool": lambda tf: tf.abs(tf.constant(True)),
    "string + string": lambda tf: tf.constant("a") + tf.constant("b"),
    "string * 2": lambda tf: tf.constant("a") * 2,
    "string == string": lambda tf: tf.constant("a") == tf.constant("a"),
    "complex // complex": lambda tf: tf.constant(1j) // tf.constant(1j),
    "complex < complex": lambda tf: tf.constant(1j) < tf.constant(2j),
}
for _label, _fn in _INT_EXPRS.items():
    case(AREA, f"arithmetic {_label}")(_fn)


# broadcasting
_BROADCAST = {
    "(2,1) + (3,)": lambda tf: tf.ones([2, 1]) + tf.ones([3]),
    "(2,) + (3,)": lambda tf: tf.constant([1.0, 2.0]) + tf.constant([1.0, 2.0, 3.0]),
    "(2,3) * (2,)": lambda tf: tf.ones([2, 3]) * tf.ones([2]),
    "(2,3) - (3,2)": lambda tf: tf.ones([2, 3]) - tf.ones([3, 2]),
    "(0,) + (1,)": lambda tf: tf.ones([0]) + tf.ones([1]),
    "(0,) + (2,)": lambda tf: tf.ones([0]) + tf.ones([2]),
    "(2,3) == (2,)": lambda tf: tf.ones([2, 3]) == tf.ones([2]),
    "tf.equal (2,3) (2,)": lambda tf: tf.equal(tf.ones([2, 3]), tf.ones([2])),
    "(2,3) < (2,)": lambda tf: tf.ones([2, 3]) < tf.ones([2]),
    "(2,3) / (2,)": lambda tf: tf.ones([2, 3]) / tf.ones([2]),
    "(2,3) ** (2,)": lambda tf: tf.ones([2, 3]) ** tf.ones([2]),
    "maximum (2,3) (2,)": lambda tf: tf.maximum(tf.ones([2, 3]), tf.ones([2])),
    "matmul size mismatch": lambda tf: tf.matmul(tf.ones([2, 3]), tf.ones([2, 3])),
    "matmul with a vector": lambda tf: tf.matmul(tf.ones([2, 2]), tf.ones([2])),
    "matmul int and float": lambda tf: tf.matmul(tf.ones([2, 2]), tf.ones([2, 2], dtype=tf.int32)),
    "matmul batch broadcast": lambda tf: tf.matmul(tf.ones([3, 2, 4]), tf.ones([4, 5])),
    "(1,2,1) + (3,1,4)": lambda tf: tf.ones([1, 2, 1]) + tf.ones([3, 1, 4]),
    "(4,) + (1,4) + (3,1)": lambda tf: tf.ones([4]) + tf.ones([1, 4]) + tf.ones([3, 1]),
    "where broadcasting": lambda tf: tf.where(tf.constant([[True], [False]]), tf.ones([3]), tf.zeros([2, 1])),
    "where incompatible": lambda tf: tf.where(tf.constant([True, False]), tf.ones([3]), tf.zeros([3])),
}
for _label, _fn in _BROADCAST.items():
    case(AREA, f"broadcast {_label}")(_fn)
