"""`tf.math`."""

from tfshim.ops.arithmetic import (
    add,
    add_n,
    divide,
    floordiv,
    floormod,
    maximum,
    minimum,
    multiply,
    negative,
    pow,
    realdiv,
    scalar_mul,
    squared_difference,
    subtract,
    truediv,
)
from tfshim.ops.arithmetic import (
    div_no_nan as divide_no_nan,
)
from tfshim.ops.arithmetic import (
    floormod as mod,
)
from tfshim.ops.comparison import (
    equal,
    greater,
    greater_equal,
    less,
    less_equal,
    logical_and,
    logical_not,
    logical_or,
    logical_xor,
    not_equal,
)
from tfshim.ops.complex_ops import angle, conj, imag, real
from tfshim.ops.reductions import reduce_mean, reduce_sum
from tfshim.ops.unary_math import (
    abs,
    cos,
    exp,
    log,
    reciprocal,
    rsqrt,
    sigmoid,
    sign,
    sin,
    sqrt,
    square,
    tanh,
)
