"""The op library, one module per family; importing it wires the engine to it.

It registers the ops the engine's backward walk needs (summing, reshaping, densifying) and attaches
the Python operators to tensors and variables, as TensorFlow's math_ops does on import.
"""

from tfshim._engine import vspace
from tfshim.ops import (  # noqa: F401 - loading a family registers its ops and gradients
    activations,
    arithmetic,
    bitwise,
    casting,
    comparison,
    complex_ops,
    creation,
    indexing,
    matmul,
    operators,
    reductions,
    selection,
    shape_ops,
    unary_math,
)

vspace.register(
    add_n=arithmetic.add_n,
    reduce_sum=reductions.reduce_sum,
    reshape=shape_ops.reshape,
    negative=arithmetic.negative,
    cast=casting.cast,
    zeros_like=creation.zeros_like,
)
operators.install()
