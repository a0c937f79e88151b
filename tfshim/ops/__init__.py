"""The op library, one module per family; importing it wires the engine to it.

It registers the ops the engine's backward walk needs (summing, reshaping, densifying) and attaches
the Python operators to tensors and variables, as TensorFlow's math_ops does on import.
"""

from tfshim._engine import vspace
from tfshim._engine.convert import convert_to_tensor as _convert_to_tensor
from tfshim.ops import (  # noqa: F401 - loading a family registers its ops and gradients  # noqa: F401 - tf.linalg  # noqa: F401 - asserts, tf.image, print, random
    activations,
    arithmetic,
    array_ops,
    batch_rules,
    bitwise,
    casting,
    check_ops,
    clipping,
    comparison,
    complex_ops,
    creation,
    decompositions,
    einsum_ops,
    gather_ops,
    image_ops,
    indexing,
    linalg_ops,
    logging_ops,
    matmul,
    nn_ops,
    norms,
    operators,
    ordering,
    random_ops,
    reductions,
    scans,
    selection,
    shape_ops,
    special_math,
    unary_math,
)

vspace.register(
    add_n=arithmetic.add_n,
    reduce_sum=reductions.sum_over,
    reshape=shape_ops.reshape,
    negative=arithmetic.negative,
    cast=casting.cast,
    zeros_like=creation.zeros_like,
    concat=array_ops.concat,
    stack=array_ops.stack,
    unsorted_segment_sum=gather_ops.unsorted_segment_sum,
    convert=_convert_to_tensor,
    broadcast_to=shape_ops.broadcast_to,
    gather_row=indexing.getitem,
)
operators.install()
