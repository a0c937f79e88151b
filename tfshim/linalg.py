"""`tf.linalg`."""

from tfshim.ops.clipping import global_norm
from tfshim.ops.creation import eye
from tfshim.ops.decompositions import eigh, eigvalsh, lu, qr, svd
from tfshim.ops.einsum_ops import einsum
from tfshim.ops.linalg_ops import (
    adjoint,
    band_part,
    cholesky,
    cholesky_solve,
    det,
    inv,
    logdet,
    matrix_transpose,
    matvec,
    slogdet,
    solve,
    tensordot,
    trace,
    triangular_solve,
)
from tfshim.ops.linalg_ops import matrix_diag as diag
from tfshim.ops.linalg_ops import matrix_diag_part as diag_part
from tfshim.ops.linalg_ops import matrix_set_diag as set_diag
from tfshim.ops.matmul import matmul
from tfshim.ops.norms import l2_normalize, norm
