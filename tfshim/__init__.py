"""tfshim: TensorFlow 2's eager autodiff API on a NumPy tape engine.

    import tfshim as tf

This module is the `tf` namespace: it only re-exports. Submodules mirror TensorFlow's layout
(`tf.math`, `tf.nn`, `tf.linalg`, `tf.dtypes`, `tf.errors`, `tf.autodiff`, ...).
"""

from tfshim import autodiff, bitwise, dtypes, errors, linalg, math, nest, nn
from tfshim import ops as _ops
from tfshim._engine.convert import constant, convert_to_tensor
from tfshim._engine.dtypes import (
    DType,
    as_dtype,
    bfloat16,
    bool,
    complex64,
    complex128,
    double,
    float16,
    float32,
    float64,
    half,
    int8,
    int16,
    int32,
    int64,
    string,
    uint8,
    uint16,
    uint32,
    uint64,
)
from tfshim._engine.indexed_slices import IndexedSlices
from tfshim._engine.logs import get_logger
from tfshim._engine.registry import RegisterGradient, no_gradient
from tfshim._engine.tensor import Tensor, is_tensor
from tfshim._engine.tensor_shape import TensorShape
from tfshim._version import __shim_version__, __version__
from tfshim.custom_gradient import custom_gradient, recompute_grad
from tfshim.gradient_tape import GradientTape, UnconnectedGradients
from tfshim.name_scope import name_scope
from tfshim.ops.arithmetic import (
    add,
    add_n,
    divide,
    floordiv,
    maximum,
    minimum,
    multiply,
    negative,
    pow,
    realdiv,
    subtract,
    truediv,
)
from tfshim.ops.casting import cast, saturate_cast
from tfshim.ops.comparison import (
    equal,
    greater,
    greater_equal,
    less,
    less_equal,
    logical_and,
    logical_not,
    logical_or,
    not_equal,
)
from tfshim.ops.complex_ops import complex
from tfshim.ops.creation import eye, fill, ones, ones_like, range, zeros, zeros_like
from tfshim.ops.matmul import matmul
from tfshim.ops.reductions import reduce_mean, reduce_sum
from tfshim.ops.selection import where
from tfshim.ops.shape_ops import (
    broadcast_to,
    expand_dims,
    identity,
    rank,
    reshape,
    shape,
    size,
    squeeze,
    stop_gradient,
    transpose,
)
from tfshim.ops.unary_math import abs, cos, exp, sigmoid, sign, sin, sqrt, square, tanh
from tfshim.variables import Variable, VariableAggregation, VariableSynchronization

newaxis = None
