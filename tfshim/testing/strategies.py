"""Hypothesis strategies for TensorFlow-style tests, usable with tfshim or with TensorFlow.

    from hypothesis import given
    from tfshim.testing import strategies as tfst

    @given(tfst.tensors(dtype="float32", shape=tfst.shapes(max_dims=2)))
    def test_square_is_non_negative(x):
        assert (tf.square(x).numpy() >= 0).all()

Strategies that only describe data (`dtypes`, `shapes`, `broadcastable_shapes`, `arrays`) return
dtype *names* and NumPy arrays, so the same drawn example can be fed to both modules; `tensors`
converts with the module you pass (tfshim by default).
"""

from __future__ import annotations

from types import ModuleType
from typing import Any

import numpy as np
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

FLOAT_DTYPES = ("float16", "bfloat16", "float32", "float64")
COMPLEX_DTYPES = ("complex64", "complex128")
SIGNED_INT_DTYPES = ("int8", "int16", "int32", "int64")
UNSIGNED_INT_DTYPES = ("uint8", "uint16", "uint32", "uint64")
INT_DTYPES = SIGNED_INT_DTYPES + UNSIGNED_INT_DTYPES
DIFFERENTIABLE_DTYPES = FLOAT_DTYPES + COMPLEX_DTYPES
ALL_DTYPES = DIFFERENTIABLE_DTYPES + INT_DTYPES + ("bool",)

_NUMPY_FOR = {"bfloat16": np.float32, "bool": np.bool_}


def dtypes(floating: bool = True, complex: bool = False, integer: bool = False,
           boolean: bool = False, exclude: tuple[str, ...] = ()) -> st.SearchStrategy[str]:
    """Dtype names ("float32", ...) of the selected kinds."""
    names = ((FLOAT_DTYPES if floating else ()) + (COMPLEX_DTYPES if complex else ())
             + (INT_DTYPES if integer else ()) + (("bool",) if boolean else ()))
    names = tuple(n for n in names if n not in exclude)
    if not names:
        raise ValueError("no dtype selected")
    return st.sampled_from(names)


def shapes(min_dims: int = 0, max_dims: int = 3, min_side: int = 0, max_side: int = 4) -> st.SearchStrategy[tuple]:
    """Array shapes, including scalars (), empty and size-1 dimensions by default."""
    return hnp.array_shapes(min_dims=min_dims, max_dims=max_dims, min_side=min_side, max_side=max_side)


def broadcastable_shapes(num_shapes: int = 2, min_dims: int = 0, max_dims: int = 3, min_side: int = 1,
                         max_side: int = 4) -> st.SearchStrategy[tuple]:
    """Tuples of `num_shapes` shapes that broadcast together (NumPy and TensorFlow rules agree)."""
    return hnp.mutually_broadcastable_shapes(num_shapes=num_shapes, min_dims=min_dims, max_dims=max_dims,
                                             min_side=min_side, max_side=max_side).map(lambda b: b.input_shapes)


def _elements(dtype: str, low: float | None, high: float | None, allow_nan: bool,
              allow_infinity: bool) -> st.SearchStrategy:
    if dtype == "bool":
        return st.booleans()
    if dtype in INT_DTYPES:
        info = np.iinfo(dtype)
        lo = info.min if low is None else max(int(np.ceil(low)), int(info.min))
        hi = info.max if high is None else min(int(np.floor(high)), int(info.max))
        return st.integers(lo, hi)
    np_type = {"float16": np.float16, "bfloat16": np.float32, "float32": np.float32, "complex64": np.float32}.get(
        dtype, np.float64)
    tiny = float(np.finfo(np.float16 if dtype == "float16" else np_type).tiny)

    def rounded(v: float) -> float:
        """v at the dtype's precision; subnormals become 0 (TensorFlow's CPU kernels flush them)."""
        r = float(np_type(v))
        return 0.0 if abs(r) < tiny else r

    part = st.floats(min_value=low, max_value=high, allow_nan=allow_nan, allow_infinity=allow_infinity,
                     allow_subnormal=False).map(rounded)
    if dtype in COMPLEX_DTYPES:
        return st.builds(complex, part, part)
    return part


def arrays(dtype: str, shape: Any, low: float | None = -10.0, high: float | None = 10.0, allow_nan: bool = False,
           allow_infinity: bool = False) -> st.SearchStrategy[np.ndarray]:
    """NumPy arrays of a dtype name and a shape (or a strategy of shapes), values in [low, high].

    bfloat16 arrays are drawn as float32 (NumPy has no bfloat16); convert with `dtype=tf.bfloat16`.
    """
    np_dtype = _NUMPY_FOR.get(dtype, dtype)
    return hnp.arrays(np_dtype, shape, elements=_elements(dtype, low, high, allow_nan, allow_infinity))


def tensors(tf: ModuleType | None = None, dtype: Any = "float32", shape: Any = None, low: float | None = -10.0,
            high: float | None = 10.0, allow_nan: bool = False) -> st.SearchStrategy:
    """Tensors of `tf` (tfshim unless given): dtype and shape may be values or strategies."""
    if tf is None:
        import tfshim as tf
    dtype_st = dtype if isinstance(dtype, st.SearchStrategy) else st.just(dtype)
    shape_st = shape if isinstance(shape, st.SearchStrategy) else (shapes() if shape is None else st.just(shape))

    @st.composite
    def build(draw: Any) -> Any:
        name = draw(dtype_st)
        array = draw(arrays(name, draw(shape_st), low, high, allow_nan))
        return tf.constant(array, dtype=getattr(tf, name))

    return build()


def broadcastable_arrays(dtype: str, num_arrays: int = 2, low: float = -10.0, high: float = 10.0,
                         max_dims: int = 3) -> st.SearchStrategy[list]:
    """Lists of `num_arrays` NumPy arrays of one dtype whose shapes broadcast together."""
    @st.composite
    def build(draw: Any) -> list:
        shape_tuple = draw(broadcastable_shapes(num_arrays, max_dims=max_dims))
        return [draw(arrays(dtype, s, low, high)) for s in shape_tuple]

    return build()
