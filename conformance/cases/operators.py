"""Spec section 9.4: mixed-dtype arithmetic through Python operators and tf.* functions, Python and
NumPy operands, integer and bool arithmetic, and the errors each combination raises. Also TF's
operator dispatch (override_binary_operator.py): the reflected-operator fallback, `__div__`, and
operators on variables."""

from __future__ import annotations

from typing import Any

import numpy as np

from conformance.case import case

AREA = "operators"


def _f32(tf: Any) -> Any:
    return tf.constant([1.0, 2.0])


def _i32(tf: Any) -> Any:
    return tf.constant([1, 2])


# -- tensor with tensor of another dtype -----------------------------------------------------------
_TENSOR_TENSOR = {
    "f32 + i32": lambda tf: _f32(tf) + _i32(tf),
    "i32 + f32": lambda tf: _i32(tf) + _f32(tf),
    "f32 + f64": lambda tf: _f32(tf) + tf.constant([1.0, 2.0], tf.float64),
    "f32 * i32": lambda tf: _f32(tf) * _i32(tf),
    "f32 - i32": lambda tf: _f32(tf) - _i32(tf),
    "f32 == i32": lambda tf: _f32(tf) == _i32(tf),
    "f32 != i32": lambda tf: _f32(tf) != _i32(tf),
    "f32 < i32": lambda tf: _f32(tf) < _i32(tf),
    "f32 >= i32": lambda tf: _f32(tf) >= _i32(tf),
    "f32 ** i32": lambda tf: _f32(tf) ** _i32(tf),
    "f32 // i32": lambda tf: _f32(tf) // _i32(tf),
    "f32 % i32": lambda tf: _f32(tf) % _i32(tf),
    "f32 / i32": lambda tf: _f32(tf) / _i32(tf),
    "scalar f32 / i32": lambda tf: tf.constant(3.0) / tf.constant(2),
    "c64 + f32": lambda tf: tf.constant([1j]) + _f32(tf),
    "tf.where(c, f32, i32)": lambda tf: tf.where(tf.constant([True, False]), _f32(tf), _i32(tf)),
    "tf.add(f32, i32)": lambda tf: tf.add(_f32(tf), _i32(tf)),
    "tf.maximum(f32, i32)": lambda tf: tf.maximum(_f32(tf), _i32(tf)),
    "tf.math.squared_difference(f32, f64)": lambda tf: tf.math.squared_difference(
        _f32(tf), tf.constant([1.0, 2.0], tf.float64)),
    "tf.math.divide_no_nan(f32, i32)": lambda tf: tf.math.divide_no_nan(_f32(tf), _i32(tf)),
    "tf.math.multiply_no_nan(f32, i32)": lambda tf: tf.math.multiply_no_nan(_f32(tf), _i32(tf)),
    "tf.math.xlogy(f32, f64)": lambda tf: tf.math.xlogy(_f32(tf), tf.constant([1.0, 2.0], tf.float64)),
    "tf.math.atan2(f32, f64)": lambda tf: tf.math.atan2(_f32(tf), tf.constant([1.0, 2.0], tf.float64)),
    "f32 & bool": lambda tf: _f32(tf) & tf.constant([True, False]),
    "bool & i32": lambda tf: tf.constant([True, False]) & _i32(tf),
}

# -- tensor with a Python or NumPy operand ---------------------------------------------------------
_TENSOR_PYTHON = {
    "f32 + 1": lambda tf: _f32(tf) + 1,
    "f32 + True": lambda tf: _f32(tf) + True,
    "f32 + [1, 2]": lambda tf: _f32(tf) + [1, 2],  # noqa: RUF005 - the operator is the point
    "f32 + (1., 2.)": lambda tf: _f32(tf) + (1.0, 2.0),  # noqa: RUF005 - the operator is the point
    "f32 + np.float64(1.5)": lambda tf: _f32(tf) + np.float64(1.5),
    "f32 + np.array([1.5])": lambda tf: _f32(tf) + np.array([1.5]),
    "np.array([1.5]) + f32": lambda tf: np.array([1.5]) + _f32(tf),
    "np.float64(1.5) + f32": lambda tf: np.float64(1.5) + _f32(tf),
    "i32 + 1.5": lambda tf: _i32(tf) + 1.5,
    "i32 + 1.0": lambda tf: _i32(tf) + 1.0,
    "i32 + [1.5]": lambda tf: _i32(tf) + [1.5],  # noqa: RUF005 - the operator is the point
    "tf.add(i32, 2.0)": lambda tf: tf.add(_i32(tf), 2.0),
    "tf.add(1, 2.5)": lambda tf: tf.add(1, 2.5),
    "i32 * 2.0": lambda tf: _i32(tf) * 2.0,
    "i32 - 1.5": lambda tf: _i32(tf) - 1.5,
    "1.5 + i32": lambda tf: 1.5 + _i32(tf),
    "1.5 * i32": lambda tf: 1.5 * _i32(tf),
    "1.5 - i32": lambda tf: 1.5 - _i32(tf),
    "1.5 / i32": lambda tf: 1.5 / _i32(tf),
    "1.5 // i32": lambda tf: 1.5 // _i32(tf),
    "1.5 ** i32": lambda tf: 1.5 ** _i32(tf),
    "i32 > 1.5": lambda tf: _i32(tf) > 1.5,
    "i32 == 2.0": lambda tf: _i32(tf) == 2.0,
    "i32 ** 0.5": lambda tf: _i32(tf) ** 0.5,
    "tf.multiply(i32, 2.0)": lambda tf: tf.multiply(_i32(tf), 2.0),
    "tf.subtract(i32, 2.0)": lambda tf: tf.subtract(_i32(tf), 2.0),
    "tf.maximum(i32, 1.5)": lambda tf: tf.maximum(_i32(tf), 1.5),
    "tf.multiply(2, 1.5)": lambda tf: tf.multiply(2, 1.5),
    "tf.multiply(2.5, i32)": lambda tf: tf.multiply(2.5, _i32(tf)),
    "i32 / 1.5": lambda tf: _i32(tf) / 1.5,
    "i32 + np.array([1.5, 2.5])": lambda tf: _i32(tf) + np.array([1.5, 2.5]),
    "np.float64(1.5) * i32": lambda tf: np.float64(1.5) * _i32(tf),
    "i32 + 2**40": lambda tf: _i32(tf) + 2**40,
    "i32 * 2**40": lambda tf: _i32(tf) * 2**40,
    "i32 + np.int64(1)": lambda tf: _i32(tf) + np.int64(1),
    "i32 + np.array([1])": lambda tf: _i32(tf) + np.array([1]),
    "i32 + True": lambda tf: _i32(tf) + True,
    "f32 + 1j": lambda tf: _f32(tf) + 1j,
    "c64 + 1.0": lambda tf: tf.constant([1 + 1j], tf.complex64) + 1.0,
    "c64 + 1j": lambda tf: tf.constant([1 + 1j], tf.complex64) + 1j,
    "f16 + 70000.0": lambda tf: tf.constant([1.0], tf.float16) + 70000.0,
    "f32 + np.array([1e40, 1.0])": lambda tf: _f32(tf) + np.array([1e40, 1.0]),
    "tf.add(1.5, 2)": lambda tf: tf.add(1.5, 2),
    "tf.add(1, 2)": lambda tf: tf.add(1, 2),
    "f32 * 'a'": lambda tf: _f32(tf) * "a",
    "f32 + None": lambda tf: _f32(tf) + None,
    "f32 == None": lambda tf: _f32(tf) == None,  # noqa: E711 - the operator is the point
    "f32 != None": lambda tf: _f32(tf) != None,  # noqa: E711
    "f32 == 'a'": lambda tf: _f32(tf) == "a",
    "f32 == [1., 2., 3.] (no broadcast)": lambda tf: _f32(tf) == [1.0, 2.0, 3.0],
    "f32 != [1., 2., 3.] (no broadcast)": lambda tf: _f32(tf) != [1.0, 2.0, 3.0],
    "f32 < [1., 2., 3.]": lambda tf: _f32(tf) < [1.0, 2.0, 3.0],
    "tf.equal(f32, [1., 2., 3.])": lambda tf: tf.equal(_f32(tf), [1.0, 2.0, 3.0]),
    "tf.divide(1, f32)": lambda tf: tf.divide(1, _f32(tf)),
    "tf.divide(1, f32, name)": lambda tf: tf.divide(1, _f32(tf), name="d"),
    "tf.divide(i32, 2)": lambda tf: tf.divide(_i32(tf), 2),
    "tf.math.divide_no_nan(1, f32)": lambda tf: tf.math.divide_no_nan(1, _f32(tf)),
    "tf.math.divide_no_nan(f32, 0)": lambda tf: tf.math.divide_no_nan(_f32(tf), 0),
    "tf.math.divide_no_nan(i32, 0)": lambda tf: tf.math.divide_no_nan(_i32(tf), 0),
    "tf.math.multiply_no_nan(f32, 2.5)": lambda tf: tf.math.multiply_no_nan(_f32(tf), 2.5),
    "tf.math.scalar_mul(2, f32)": lambda tf: tf.math.scalar_mul(2, _f32(tf)),
    "tf.math.scalar_mul([2., 3.], f32)": lambda tf: tf.math.scalar_mul([2.0, 3.0], _f32(tf)),
    "tf.math.scalar_mul(2.5, i32)": lambda tf: tf.math.scalar_mul(2.5, _i32(tf)),
    "tf.math.scalar_mul(2, [1, 2])": lambda tf: tf.math.scalar_mul(2, [1, 2]),
}

# -- integer and bool arithmetic ---------------------------------------------------------------------
_INTEGER_BOOL = {
    "i32 / i32": lambda tf: tf.constant(3) / tf.constant(2),
    "tf.divide(3, 2)": lambda tf: tf.divide(3, 2),
    "int64 / 2": lambda tf: tf.constant(3, tf.int64) / 2,
    "int8 / 2": lambda tf: tf.constant(3, tf.int8) / 2,
    "int16 / 2": lambda tf: tf.constant(3, tf.int16) / 2,
    "uint8 / 2": lambda tf: tf.constant(3, tf.uint8) / 2,
    "uint32 / 2": lambda tf: tf.constant(3, tf.uint32) / 2,
    "7 // 3": lambda tf: tf.constant(7) // 3,
    "-7 // 2": lambda tf: tf.constant(-7) // 2,
    "-7 % 3": lambda tf: tf.constant(-7) % 3,
    "7 % -3": lambda tf: tf.constant(7) % -3,
    "-7.5 % 2": lambda tf: tf.constant(-7.5) % 2,
    "-7.5 // 2": lambda tf: tf.constant(-7.5) // 2,
    "[-4., 4.] % [2., -2.] signed zeros": lambda tf: tf.constant([-4.0, 4.0]) % tf.constant([2.0, -2.0]),
    "i32 ** 2": lambda tf: tf.constant(3) ** 2,
    "i32 ** -1": lambda tf: tf.constant(3) ** -1,
    "i32 ** [2, -1] shape error first": lambda tf: tf.constant([3, 2]) ** tf.constant([2, -1, 1]),
    "int 1 // 0": lambda tf: tf.constant(1) // 0,
    "int 1 % 0": lambda tf: tf.constant(1) % 0,
    "int [1, 2] // [0, 1, 2] shape error first": lambda tf: tf.constant([1, 2]) // tf.constant([0, 1, 2]),
    "int 1 / 0": lambda tf: tf.constant(1) / 0,
    "float 1 / 0": lambda tf: tf.constant(1.0) / 0,
    "float 1 // 0": lambda tf: tf.constant(1.0) // 0,
    "float 1 % 0": lambda tf: tf.constant(1.0) % 0,
    "uint8 1 + 255": lambda tf: tf.constant(1, tf.uint8) + 255,
    "uint8 1 - 2": lambda tf: tf.constant(1, tf.uint8) - 2,
    "int8 100 * 3": lambda tf: tf.constant(100, tf.int8) * 3,
    "2 ** f32": lambda tf: 2 ** _f32(tf),
    "bool + bool": lambda tf: tf.constant(True) + tf.constant(False),
    "-bool": lambda tf: -tf.constant(True),
    "tf.constant(True) + 1": lambda tf: tf.constant(True) + 1,
    "bool * 2": lambda tf: tf.constant(True) * 2,
    "bool * bool": lambda tf: tf.constant([True, False]) * tf.constant([True, True]),
    "2 * bool": lambda tf: 2 * tf.constant(True),
    "bool / bool": lambda tf: tf.constant(True) / tf.constant(True),
    "bool // bool": lambda tf: tf.constant(True) // tf.constant(True),
    "~bool": lambda tf: ~tf.constant([True, False]),
    "bool & bool": lambda tf: tf.constant([True, False]) & tf.constant([True, True]),
    "bool | bool": lambda tf: tf.constant([True, False]) | tf.constant([False, False]),
    "bool ^ bool": lambda tf: tf.constant([True, False]) ^ tf.constant([True, True]),
    "bool & True": lambda tf: tf.constant([True, False]) & True,
    "True & bool": lambda tf: True & tf.constant([True, False]),
    "~int32(1)": lambda tf: ~tf.constant(1),
    "int32 & 6": lambda tf: tf.constant(12) & 6,
    "int32 ^ 6": lambda tf: tf.constant(12) ^ 6,
    "abs(int32)": lambda tf: abs(tf.constant([-3, 2])),
    "abs(complex)": lambda tf: abs(tf.constant([3 + 4j])),
    "-uint8": lambda tf: -tf.constant(1, tf.uint8),
    "tf.sqrt(i32)": lambda tf: tf.sqrt(_i32(tf)),
    "tf.exp(1)": lambda tf: tf.exp(1),
    "tf.square(3)": lambda tf: tf.square(3),
    "tf.math.log([1, 2])": lambda tf: tf.math.log([1, 2]),
    "tf.sqrt([4., 9.])": lambda tf: tf.sqrt([4.0, 9.0]),
    "tf.math.reciprocal(i32)": lambda tf: tf.math.reciprocal(_i32(tf)),
    "tf.realdiv(i32, i32)": lambda tf: tf.realdiv(_i32(tf), _i32(tf)),
    "tf.truncatediv(-7, 2)": lambda tf: tf.truncatediv(-7, 2),
    "tf.truncatemod(-7, 2)": lambda tf: tf.truncatemod(-7, 2),
    "tf.truncatediv(1, 0)": lambda tf: tf.truncatediv(1, 0),
    "tf.truncatemod(1, 0)": lambda tf: tf.truncatemod(1, 0),
    "tf.math.round(i32) is identity": lambda tf: tf.math.round(_i32(tf)),
    "tf.math.round(int8)": lambda tf: tf.math.round(tf.constant([1, 2], tf.int8)),
    "tf.math.round(complex)": lambda tf: tf.math.round(tf.constant([1.5 + 0.5j])),
    "tf.math.round banker's": lambda tf: tf.math.round(tf.constant([-2.5, -1.5, -0.5, 0.5, 1.5, 2.5, 3.5])),
    "tf.math.rint(f16)": lambda tf: tf.math.rint(tf.constant([1.5], tf.float16)),
    "tf.math.floordiv(c64, c64)": lambda tf: tf.math.floordiv(tf.constant([1j]), tf.constant([1j])),
}

# -- shapes ----------------------------------------------------------------------------------------
_SHAPES = {
    "(2,1) + (3,)": lambda tf: tf.ones([2, 1]) + tf.ones([3]),
    "[2] + [3]": lambda tf: tf.ones([2]) + tf.ones([3]),
    "[2,3] * [2]": lambda tf: tf.ones([2, 3]) * tf.ones([2]),
    "[2] - [3]": lambda tf: tf.ones([2]) - tf.ones([3]),
    "[2] / [3]": lambda tf: tf.ones([2]) / tf.ones([3]),
    "[2] // [3]": lambda tf: tf.ones([2]) // tf.ones([3]),
    "[2] % [3]": lambda tf: tf.ones([2]) % tf.ones([3]),
    "[2] ** [3]": lambda tf: tf.ones([2]) ** tf.ones([3]),
    "[2] < [3]": lambda tf: tf.ones([2]) < tf.ones([3]),
    "maximum [2] [3]": lambda tf: tf.maximum(tf.ones([2]), tf.ones([3])),
    "squared_difference [2] [3]": lambda tf: tf.math.squared_difference(tf.ones([2]), tf.ones([3])),
    "atan2 [2] [3]": lambda tf: tf.math.atan2(tf.ones([2]), tf.ones([3])),
    "xlogy [2] [3]": lambda tf: tf.math.xlogy(tf.ones([2]), tf.ones([3])),
    "divide_no_nan [2] [3]": lambda tf: tf.math.divide_no_nan(tf.ones([2]), tf.ones([3])),
    "complex [2] [3]": lambda tf: tf.complex(tf.ones([2]), tf.ones([3])),
    "bool [2] & [3]": lambda tf: tf.ones([2], tf.bool) & tf.ones([3], tf.bool),
    "int [2] & [3]": lambda tf: tf.ones([2], tf.int32) & tf.ones([3], tf.int32),
    "add_n [2] [3]": lambda tf: tf.add_n([tf.ones([2]), tf.ones([3])]),
    "add_n [2] [2] [3]": lambda tf: tf.add_n([tf.ones([2]), tf.ones([2]), tf.ones([3])]),
    "empty + scalar": lambda tf: tf.ones([0, 3]) + 1.0,
    "empty int // zero": lambda tf: tf.ones([0], tf.int32) // tf.zeros([1], tf.int32),
}

# -- dispatch details ------------------------------------------------------------------------------
_DISPATCH = {
    "t.__radd__(other dtype tensor)": lambda tf: _f32(tf).__radd__(_i32(tf)),
    "t.__rsub__(2)": lambda tf: _f32(tf).__rsub__(2),
    "t.__rtruediv__(1)": lambda tf: _f32(tf).__rtruediv__(1),
    "t.__rpow__(2)": lambda tf: _f32(tf).__rpow__(2),
    "t.__rmod__(5)": lambda tf: _f32(tf).__rmod__(5),
    "t.__rfloordiv__(5)": lambda tf: _f32(tf).__rfloordiv__(5),
    "t.__rmatmul__ not square": lambda tf: tf.ones([2, 3]).__rmatmul__(tf.ones([2, 3])),
    "t.__div__ int": lambda tf: tf.constant([7, -7]).__div__(tf.constant([2, 2])),
    "t.__div__ float": lambda tf: tf.constant([7.0, -7.0]).__div__(2.0),
    "t.__rdiv__ int": lambda tf: tf.constant([2, 2]).__rdiv__(7),
    "t.__div__ python float into int": lambda tf: tf.constant([7]).__div__(2.5),
    "list + tensor": lambda tf: [1.0, 2.0] + _f32(tf),  # noqa: RUF005 - the operator is the point
    "tuple * tensor": lambda tf: (1.0, 2.0) * _f32(tf),
    "tensor @ list": lambda tf: tf.ones([2, 2]) @ [[1.0], [2.0]],
}

# -- variables -------------------------------------------------------------------------------------
_VARIABLES = {
    "var + np.float64(1)": lambda tf: tf.Variable(2.0) + np.float64(1),
    "np.float64(1) + var": lambda tf: np.float64(1) + tf.Variable(2.0),
    "var + int var": lambda tf: tf.Variable(2.0) + tf.Variable(1),
    "int var / int var": lambda tf: tf.Variable(3) / tf.Variable(2),
    "int var // 2": lambda tf: tf.Variable(7) // 2,
    "var % var": lambda tf: tf.Variable(7.0) % tf.Variable(2.0),
    "2 - var": lambda tf: 2 - tf.Variable(5.0),
    "var ** 2": lambda tf: tf.Variable(3.0) ** 2,
    "-var": lambda tf: -tf.Variable(3.0),
    "abs(-var)": lambda tf: abs(-tf.Variable(3.0)),
    "float var & True": lambda tf: tf.Variable(1.0) & True,
    "bool var & False": lambda tf: tf.Variable(True) & False,
    "~bool var": lambda tf: ~tf.Variable(True),
    "var == 1.0": lambda tf: tf.Variable(1.0) == 1.0,
    "var == None": lambda tf: tf.Variable(1.0) == None,  # noqa: E711
    "var != None": lambda tf: tf.Variable(1.0) != None,  # noqa: E711
    "var == 'str'": lambda tf: tf.Variable(1.0) == "str",
    "vector var == [1., 2.]": lambda tf: tf.Variable([1.0, 2.0, 3.0]) == [1.0, 2.0],
    "tf.add(var, 1)": lambda tf: tf.add(tf.Variable(2.0), 1),
    "tf.multiply(2, int var)": lambda tf: tf.multiply(2.5, tf.Variable(2)),
    "tf.math.divide_no_nan(1, var)": lambda tf: tf.math.divide_no_nan(1, tf.Variable(0.0)),
    "tf.math.multiply_no_nan(f32, f64 var)": lambda tf: tf.math.multiply_no_nan(
        _f32(tf), tf.Variable([1.0, 2.0], dtype=tf.float64)),
    "tf.sqrt(var)": lambda tf: tf.sqrt(tf.Variable(4.0)),
    "tf.math.add_n([var, var])": lambda tf: tf.math.add_n([tf.Variable(4.0), tf.Variable(1.0)]),
    "tf.clip_by_value(var)": lambda tf: tf.clip_by_value(tf.Variable([-1.0, 2.0]), 0.0, 1.0),
}


def _register(group: str, table: dict) -> None:
    for label, fn in table.items():
        case(AREA, f"{group}/{label}")(fn)


_register("tensor_tensor", _TENSOR_TENSOR)
_register("tensor_python", _TENSOR_PYTHON)
_register("integer_bool", _INTEGER_BOOL)
_register("shapes", _SHAPES)
_register("dispatch", _DISPATCH)
_register("variables", _VARIABLES)
