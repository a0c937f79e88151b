"""`tf.math`."""

from tfshim.ops.activations import softplus, softsign
from tfshim.ops.arithmetic import (
    add,
    add_n,
    atan2,
    divide,
    floordiv,
    floormod,
    maximum,
    minimum,
    multiply,
    multiply_no_nan,
    negative,
    pow,
    reciprocal_no_nan,
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
from tfshim.ops.gather_ops import unsorted_segment_sum
from tfshim.ops.nn_ops import log_softmax, softmax
from tfshim.ops.norms import l2_normalize
from tfshim.ops.ordering import argmax, argmin, top_k
from tfshim.ops.reductions import (
    count_nonzero,
    reduce_all,
    reduce_any,
    reduce_euclidean_norm,
    reduce_logsumexp,
    reduce_max,
    reduce_mean,
    reduce_min,
    reduce_prod,
    reduce_std,
    reduce_sum,
    reduce_variance,
)
from tfshim.ops.scans import cumprod, cumsum, cumulative_logsumexp
from tfshim.ops.special_math import digamma, erf, erfc, lgamma, polygamma, xdivy, xlog1py, xlogy, zeta
from tfshim.ops.unary_math import (
    abs,
    acos,
    acosh,
    asin,
    asinh,
    atan,
    atanh,
    ceil,
    cos,
    cosh,
    exp,
    expm1,
    floor,
    is_finite,
    is_inf,
    is_nan,
    log,
    log1p,
    log_sigmoid,
    reciprocal,
    rint,
    round,
    rsqrt,
    sigmoid,
    sign,
    sin,
    sinh,
    sqrt,
    square,
    tan,
    tanh,
)
