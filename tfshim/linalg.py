"""`tf.linalg`."""

from tfshim.ops.matmul import matmul
