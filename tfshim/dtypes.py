"""`tf.dtypes`."""

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
    resource,
    string,
    uint8,
    uint16,
    uint32,
    uint64,
    variant,
)
from tfshim.ops.casting import cast, saturate_cast
from tfshim.ops.complex_ops import complex
