"""`tf.bitwise`."""

from tfshim.ops.bitwise import bitwise_and, bitwise_or, bitwise_xor, invert
