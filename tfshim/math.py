"""`tf.math`."""

from tfshim.ops.arithmetic import (  # noqa: F401
    add,
    add_n,
    div_no_nan as divide_no_nan,
    divide,
    floordiv,
    floormod,
    floormod as mod,
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
from tfshim.ops.comparison import (  # noqa: F401
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
from tfshim.ops.complex_ops import angle, conj, imag, real  # noqa: F401
from tfshim.ops.reductions import reduce_mean, reduce_sum  # noqa: F401
from tfshim.ops.unary_math import (  # noqa: F401
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
