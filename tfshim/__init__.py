"""tfshim: TensorFlow 2's eager autodiff API on a NumPy tape engine.

    import tfshim as tf

This module is the `tf` namespace: it only re-exports. Submodules mirror TensorFlow's layout
(`tf.math`, `tf.nn`, `tf.linalg`, `tf.dtypes`, `tf.errors`, `tf.autodiff`, ...).
"""

from tfshim import (
    autodiff,
    bitwise,
    compat,
    config,
    debugging,
    dtypes,
    errors,
    image,
    linalg,
    math,
    nest,
    nn,
    random,
    test,
)
from tfshim import ops as _ops
from tfshim._engine.convert import constant, convert_to_tensor, register_tensor_conversion_function
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
from tfshim.compat.v1 import executing_eagerly
from tfshim.control_flow import (
    TensorArray,
    case,
    cond,
    control_dependencies,
    foldl,
    foldr,
    group,
    map_fn,
    no_op,
    numpy_function,
    py_function,
    scan,
    switch_case,
    vectorized_map,
    while_loop,
)
from tfshim.control_flow import tuple_ as tuple
from tfshim.custom_gradient import custom_gradient, recompute_grad
from tfshim.devices import device
from tfshim.function import TensorSpec, function
from tfshim.gradient_tape import GradientTape, UnconnectedGradients
from tfshim.initializers import (
    constant_initializer,
    ones_initializer,
    random_normal_initializer,
    random_uniform_initializer,
    zeros_initializer,
)
from tfshim.module import Module
from tfshim.name_scope import name_scope
from tfshim.ops.arithmetic import (
    add,
    add_n,
    atan2,
    divide,
    maximum,
    minimum,
    multiply,
    negative,
    pow,
    realdiv,
    scalar_mul,
    subtract,
    truediv,
    truncatediv,
    truncatemod,
)
from tfshim.ops.array_ops import (
    boolean_mask,
    concat,
    identity_n,
    linspace,
    meshgrid,
    one_hot,
    pad,
    reverse,
    roll,
    slice,
    split,
    stack,
    tile,
    unique,
    unstack,
)
from tfshim.ops.casting import cast, saturate_cast
from tfshim.ops.check_ops import Assert, assert_equal, assert_greater, assert_less, assert_rank, ensure_shape
from tfshim.ops.clipping import clip_by_global_norm, clip_by_norm, clip_by_value
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
from tfshim.ops.einsum_ops import einsum
from tfshim.ops.gather_ops import (
    gather,
    gather_nd,
    scatter_nd,
    tensor_scatter_nd_add,
    tensor_scatter_nd_max,
    tensor_scatter_nd_min,
    tensor_scatter_nd_sub,
    tensor_scatter_nd_update,
)
from tfshim.ops.indexing import strided_slice
from tfshim.ops.linalg_ops import tensordot
from tfshim.ops.logging_ops import print
from tfshim.ops.matmul import matmul
from tfshim.ops.norms import norm
from tfshim.ops.ordering import argmax, argmin, argsort, sort
from tfshim.ops.reductions import (
    reduce_all,
    reduce_any,
    reduce_logsumexp,
    reduce_max,
    reduce_mean,
    reduce_min,
    reduce_prod,
    reduce_sum,
)
from tfshim.ops.scans import cumsum
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
from tfshim.ops.unary_math import (
    abs,
    acos,
    acosh,
    asin,
    asinh,
    atan,
    atanh,
    cos,
    cosh,
    exp,
    floor,
    round,
    sigmoid,
    sign,
    sin,
    sinh,
    sqrt,
    square,
    tan,
    tanh,
)
from tfshim.tensorflow_alias import install_as_tensorflow, uninstall_as_tensorflow
from tfshim.variables import Variable, VariableAggregation, VariableSynchronization

newaxis = None


def __getattr__(name: str) -> object:
    """`tf.keras` loads on first use, as TensorFlow's lazy loader does (keeps `import tfshim` fast)."""
    if name == "keras":
        import importlib

        return importlib.import_module("tfshim.keras")
    if name == "data":  # tf.data loads on first use too
        import importlib

        return importlib.import_module("tfshim.data")
    raise AttributeError(f"module 'tfshim' has no attribute '{name}'")
