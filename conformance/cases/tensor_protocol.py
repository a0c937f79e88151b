"""Spec sections 9.1, 9.2 and 9.5: the EagerTensor surface -- type, repr, str, format, numpy(), shape,
dtype, and Python's protocol methods (truthiness, len, iteration, indexing, equality, hashing,
number conversions, NumPy interop)."""

from __future__ import annotations

import copy
import math
import pickle
from typing import Any

import numpy as np

from conformance.case import attempt, case

AREA = "tensor_protocol"


# -- 9.1 type, repr, str ----------------------------------------------------------------------------
@case(AREA, "type name and isinstance")
def type_name(tf: Any) -> Any:
    x = tf.constant(1.0)
    return [type(x).__name__, isinstance(x, tf.Tensor), tf.Tensor.__name__, tf.is_tensor(x)]


def _repr_str(make: Any) -> Any:
    def run(tf: Any) -> Any:
        x = make(tf)
        return [repr(x), str(x)]

    return run


_VALUES = {
    "float32 zero": lambda tf: tf.constant(0.0),
    "float32 0.1": lambda tf: tf.constant(0.1),
    "float32 one third": lambda tf: tf.constant(1.0 / 3.0),
    "float32 1e-8": lambda tf: tf.constant(1e-8),
    "float32 1e10": lambda tf: tf.constant(1e10),
    "float16 0.1": lambda tf: tf.constant(0.1, dtype=tf.float16),
    # a NumPy scalar: TF caches tensors made from Python scalars by value, so after any earlier 0.0 in the
    # process, tf.constant(-0.0) comes back as +0.0 in TF; NumPy scalars are not cached
    "negative zero": lambda tf: tf.constant(np.float32(-0.0)),
    "nan": lambda tf: tf.constant(float("nan")),
    "inf": lambda tf: tf.constant(float("-inf")),
    "float64 one third": lambda tf: tf.constant(1.0 / 3.0, dtype=tf.float64),
    "int32": lambda tf: tf.constant(2),
    "int64": lambda tf: tf.constant(2 ** 40),
    "bool": lambda tf: tf.constant(True),
    "string": lambda tf: tf.constant("ab"),
    "complex128": lambda tf: tf.constant(1 + 2j),
    "float32 vector": lambda tf: tf.constant([1.0, 2.0, 3.0]),
    "float64 vector": lambda tf: tf.constant([1.5], dtype=tf.float64),
    "int32 vector": lambda tf: tf.constant([1, 2]),
    "int64 vector": lambda tf: tf.constant([1, 2], dtype=tf.int64),
    "bfloat16 vector": lambda tf: tf.constant([1.5], dtype=tf.bfloat16),
    "float32 matrix": lambda tf: tf.constant([[1.0, 2.0], [3.0, 4.0]]),
    "rank 3": lambda tf: tf.zeros([2, 1, 2]),
    "empty (0, 2)": lambda tf: tf.zeros([0, 2]),
    "1001 ints": lambda tf: tf.range(1001),
    "string vector": lambda tf: tf.constant(["a", "bc"]),
    "bool vector": lambda tf: tf.constant([True, False]),
    "uint8 vector": lambda tf: tf.constant([1, 255], dtype=tf.uint8),
    "complex64 vector": lambda tf: tf.constant([1 + 1j, 2], dtype=tf.complex64),
    "float16 vector": lambda tf: tf.constant([0.5, 1.0], dtype=tf.float16),
    "float32 large and small": lambda tf: tf.constant([1e-5, 1e5]),
}
for _label, _make in _VALUES.items():
    case(AREA, f"repr and str of {_label}")(_repr_str(_make))


@case(AREA, "format of scalars")
def format_scalars(tf: Any) -> Any:
    s = tf.constant(0.0)
    return [format(s), format(s, ".2f"), f"{s:5}", f"{tf.constant(3):03d}"]


@case(AREA, "format spec on a vector raises")
def format_vector(tf: Any) -> Any:
    return format(tf.constant([1.0, 2.0]), ".2f")


@case(AREA, "plain format of a vector")
def format_vector_plain(tf: Any) -> Any:
    return format(tf.constant([1.0, 2.0]))


def _eager_attr(attr: str) -> Any:
    def run(tf: Any) -> Any:
        return getattr(tf.constant(1.0), attr)

    return run


for _attr in ("name", "op", "graph"):
    case(AREA, f"{_attr} raises in eager")(_eager_attr(_attr))


@case(AREA, "device")
def device(tf: Any) -> Any:
    return tf.constant(1.0).device


@case(AREA, "public attributes present")
def public_attrs(tf: Any) -> Any:
    x = tf.constant(1.0)
    names = ["backing_device", "consumers", "cpu", "device", "dtype", "eval", "experimental_ref", "get_shape",
             "gpu", "graph", "is_packed", "name", "ndim", "numpy", "op", "ref", "set_shape", "shape",
             "value_index", "OVERLOADABLE_OPERATORS"]
    return {n: n in dir(x) for n in names}


# -- 9.2 numpy(), shape, dtype ----------------------------------------------------------------------
def _numpy(make: Any) -> Any:
    def run(tf: Any) -> Any:
        n = make(tf).numpy()
        return [n, type(n).__name__]

    return run


for _label, _make in {"float32 scalar": lambda tf: tf.constant(0.0), "int32 scalar": lambda tf: tf.constant(3),
                      "string scalar": lambda tf: tf.constant("ab"), "bool scalar": lambda tf: tf.constant(False),
                      "vector": lambda tf: tf.constant([1.0, 2.0]),
                      "string vector": lambda tf: tf.constant(["a", "b"]),
                      "complex scalar": lambda tf: tf.constant(1j)}.items():
    case(AREA, f"numpy of {_label}")(_numpy(_make))


@case(AREA, "numpy returns a fresh writeable copy")
def numpy_copy(tf: Any) -> Any:
    x = tf.constant([1.0, 2.0])
    a = x.numpy()
    a[0] = 5.0
    return [a, x.numpy(), x.numpy() is x.numpy(), a.flags.writeable]


@case(AREA, "shape objects")
def shapes(tf: Any) -> Any:
    m = tf.zeros([2, 2])
    s = tf.constant(1.0)
    v = tf.zeros([3])
    return [m.shape, s.shape, str(m.shape), str(s.shape), str(v.shape), repr(m.shape), repr(s.shape)]


@case(AREA, "unknown and partial TensorShape")
def unknown_shapes(tf: Any) -> Any:
    u = tf.TensorShape(None)
    p = tf.TensorShape([None, 2])
    return [str(u), repr(u), str(p), repr(p), u.rank, p.rank, p.as_list(), p.is_fully_defined()]


@case(AREA, "shape comparisons and indexing")
def shape_ops(tf: Any) -> Any:
    sh = tf.zeros([2, 3]).shape
    return [sh == (2, 3), sh == [2, 3], sh[0], type(sh[0]).__name__, sh[1:], len(sh), tuple(sh), sh.as_list(),
            sh.rank, sh.ndims, sh.num_elements(), sh.is_fully_defined(), sh + sh, sh.concatenate([3]),
            hash(sh) == hash(tf.TensorShape([2, 3]))]


@case(AREA, "scalar shape rank is zero")
def scalar_rank(tf: Any) -> Any:
    sh = tf.constant(1.0).shape
    return [sh.rank, sh.ndims, sh.as_list(), sh.num_elements(), len(sh)]


@case(AREA, "get_shape and ndim")
def get_shape(tf: Any) -> Any:
    x = tf.zeros([2, 2])
    return [x.get_shape() == x.shape, x.ndim, tf.constant(1.0).ndim]


@case(AREA, "dtype text")
def dtype_text(tf: Any) -> Any:
    d = tf.constant(1.0).dtype
    return [repr(d), str(d), d.name, d == "float32", d == np.float32, d == tf.float32, d != tf.float64]


@case(AREA, "dtype properties")
def dtype_props(tf: Any) -> Any:
    return [tf.float32.as_numpy_dtype.__name__, tf.float32.is_floating, tf.float32.is_integer, tf.int32.is_integer,
            tf.float32.size, tf.float64.size, tf.complex64.real_dtype, tf.int8.min, tf.int8.max,
            tf.as_dtype("float64"), tf.as_dtype(np.int64), tf.bool.is_bool, tf.complex128.is_complex]


@case(AREA, "dtype reprs")
def dtype_reprs(tf: Any) -> Any:
    return [repr(d) for d in (tf.float16, tf.bfloat16, tf.float64, tf.int8, tf.int64, tf.uint8, tf.bool,
                              tf.complex64, tf.string, tf.half, tf.double)]


# -- 9.5 Python protocol methods --------------------------------------------------------------------
@case(AREA, "truthiness of scalars")
def truthiness(tf: Any) -> Any:
    return [bool(tf.constant(0.0)), bool(tf.constant(2.0)), bool(tf.constant([1.0])), bool(tf.zeros([0])),
            bool(tf.constant(False)), bool(tf.constant("")), bool(tf.constant(3))]


@case(AREA, "truthiness of a vector raises")
def truthiness_vector(tf: Any) -> Any:
    return bool(tf.constant([1.0, 2.0]))


@case(AREA, "if, not, and")
def if_not_and(tf: Any) -> Any:
    t = tf.constant(1.0)
    branch = "yes" if t > 0 else "no"
    return [branch, not t, t and 5, tf.constant(0.0) or 7]


@case(AREA, "len")
def length(tf: Any) -> Any:
    return [len(tf.constant([1.0, 2.0, 3.0])), len(tf.zeros([2, 5])), attempt(len, tf.constant(1.0))]


@case(AREA, "iteration")
def iteration(tf: Any) -> Any:
    v = list(tf.constant([1.0, 2.0]))
    m = list(tf.constant([[1.0, 2.0], [3.0, 4.0]]))
    return [v, m, [type(e).__name__ for e in v], attempt(list, tf.constant(1.0))]


def _index(make_index: Any, of: str = "v") -> Any:
    def run(tf: Any) -> Any:
        target = {"v": tf.constant([1.0, 2.0, 3.0]), "m": tf.constant([[1.0, 2.0], [3.0, 4.0]]),
                  "s": tf.constant(1.0)}[of]
        return target[make_index(tf, target)]

    return run


_INDEXES = {
    "v[0]": (lambda tf, t: 0, "v"),
    "v[-1]": (lambda tf, t: -1, "v"),
    "v[1:]": (lambda tf, t: slice(1, None), "v"),
    "v[::-1]": (lambda tf, t: slice(None, None, -1), "v"),
    "v[5:10]": (lambda tf, t: slice(5, 10), "v"),
    "v[::2]": (lambda tf, t: slice(None, None, 2), "v"),
    "v[-2:]": (lambda tf, t: slice(-2, None), "v"),
    "m[0, 1]": (lambda tf, t: (0, 1), "m"),
    "m[:, 1]": (lambda tf, t: (slice(None), 1), "m"),
    "m[..., 0]": (lambda tf, t: (Ellipsis, 0), "m"),
    "m[None]": (lambda tf, t: None, "m"),
    "m[newaxis, :, 0]": (lambda tf, t: (tf.newaxis, slice(None), 0), "m"),
    "m[1]": (lambda tf, t: 1, "m"),
    "m[-1, -1]": (lambda tf, t: (-1, -1), "m"),
    "v[int32 tensor]": (lambda tf, t: tf.constant(1), "v"),
    "v[int64 tensor]": (lambda tf, t: tf.constant(1, dtype=tf.int64), "v"),
    "v[numpy int64]": (lambda tf, t: np.int64(1), "v"),
    "v[3] out of range": (lambda tf, t: 3, "v"),
    "v[-4] out of range": (lambda tf, t: -4, "v"),
    "scalar s[0]": (lambda tf, t: 0, "s"),
    "v[1.0]": (lambda tf, t: 1.0, "v"),
    "v[numpy array]": (lambda tf, t: np.array([0, 2]), "v"),
    "v[tensor vector]": (lambda tf, t: tf.constant([0, 2]), "v"),
    "v[python list]": (lambda tf, t: [0, 2], "v"),
    "v[boolean mask]": (lambda tf, t: t > 1.0, "v"),
    "m[python bool list]": (lambda tf, t: [True, False], "m"),
    "v[string]": (lambda tf, t: "a", "v"),
    "m[0, 1, 2] too many": (lambda tf, t: (0, 1, 2), "m"),
    "m[..., ...]": (lambda tf, t: (Ellipsis, Ellipsis), "m"),
    "v[float tensor]": (lambda tf, t: tf.constant(1.0), "v"),
    "v[None, ..., None]": (lambda tf, t: (None, Ellipsis, None), "v"),
    "s[...]": (lambda tf, t: Ellipsis, "s"),
    "m[:, ::-1]": (lambda tf, t: (slice(None), slice(None, None, -1)), "m"),
    "v[slice with step 0]": (lambda tf, t: slice(None, None, 0), "v"),
}
for _label, (_mk, _of) in _INDEXES.items():
    case(AREA, f"index {_label}")(_index(_mk, _of))


@case(AREA, "item assignment raises")
def setitem(tf: Any) -> Any:
    v = tf.constant([1.0, 2.0])
    v[0] = 5.0


@case(AREA, "equality")
def equality(tf: Any) -> Any:
    v = tf.constant([1.0, 2.0, 3.0])
    return [v == v, v == [1.0, 2.0, 3.0], v == [1.0, 2.0], v != [1.0, 2.0]]


@case(AREA, "ordering with a mismatched shape raises")
def less_mismatch(tf: Any) -> Any:
    v = tf.constant([1.0, 2.0, 3.0])
    return [attempt(lambda: v < [1.0, 2.0]), attempt(tf.equal, v, [1.0, 2.0])]


@case(AREA, "equality with None")
def equality_none(tf: Any) -> Any:
    v = tf.constant([1.0, 2.0])
    return [v == None, v != None]  # noqa: E711


@case(AREA, "equality with a string raises")
def equality_string(tf: Any) -> Any:
    return tf.constant([1.0, 2.0]) == "a"


@case(AREA, "membership")
def membership(tf: Any) -> Any:
    v = tf.constant([1.0, 2.0])
    s = tf.constant(0.0)
    return [v in [v], s in [tf.constant(0.0)], attempt(lambda: 5.0 in v), s in [tf.constant(1.0)]]


@case(AREA, "hash raises")
def hashing(tf: Any) -> Any:
    t = tf.constant(1.0)
    return [attempt(hash, t), attempt(lambda: {t}), attempt(lambda: {t: 1})]


@case(AREA, "ref")
def ref(tf: Any) -> Any:
    t = tf.constant(1.0)
    u = tf.constant(1.0)
    return [t.ref() == t.ref(), t.ref() == u.ref(), t.ref().deref() is t, len({t.ref(), t.ref(), u.ref()})]


@case(AREA, "number conversions")
def numbers(tf: Any) -> Any:
    return [float(tf.constant(0.0)), int(tf.constant(2.7)), int(tf.constant(-2.7)), complex(tf.constant(1.0)),
            float(tf.constant(3)), int(tf.constant(True)), float(tf.constant([1.5]) [0])]


@case(AREA, "number conversions of non-scalars raise")
def numbers_vector(tf: Any) -> Any:
    return [attempt(float, tf.constant([1.0, 2.0])), attempt(float, tf.constant([1.5])),
            attempt(int, tf.constant([[1]]))]


@case(AREA, "index protocol on int tensors")
def index_protocol(tf: Any) -> Any:
    return [list(range(tf.constant(3))), [1, 2, 3][tf.constant(1)], attempt(lambda: range(tf.constant(3.0)))]


@case(AREA, "round raises")
def rounding(tf: Any) -> Any:
    return round(tf.constant(2.5))


@case(AREA, "math.floor and math.ceil")
def math_floor(tf: Any) -> Any:
    return [math.floor(tf.constant(2.5)), math.ceil(tf.constant(2.5)), attempt(math.trunc, tf.constant(-2.5))]


@case(AREA, "numpy interop")
def numpy_interop(tf: Any) -> Any:
    t = tf.constant([1.0, 2.0, 3.0])
    return [np.array(t), np.asarray(t, np.float64), t.__array__(), np.add(t, 1), type(np.add(t, 1)).__name__,
            np.sum(t), type(np.sum(t)).__name__]


@case(AREA, "numpy ufunc on a scalar tensor")
def numpy_ufunc_scalar(tf: Any) -> Any:
    r = np.square(tf.constant(3.0))
    return [r, type(r).__name__]


@case(AREA, "deepcopy and pickle")
def deepcopy_pickle(tf: Any) -> Any:
    t = tf.constant([1.0, 2.0])
    c = copy.deepcopy(t)
    p = pickle.loads(pickle.dumps(t))
    return [c, p, type(c).__name__, type(p).__name__]


@case(AREA, "copy.copy")
def shallow_copy(tf: Any) -> Any:
    t = tf.constant([1.0, 2.0])
    return copy.copy(t)


@case(AREA, "arithmetic dunders on scalars")
def dunders(tf: Any) -> Any:
    x = tf.constant(7.0)
    return [x + 1, 1 + x, x - 1, 1 - x, x * 2, 2 * x, x / 2, 2 / x, x // 2, 2 // x, x % 3, 3 % x, x ** 2,
            2 ** x, -x, abs(-x), +x if hasattr(x, "__pos__") else "no pos"]


@case(AREA, "integer dunders")
def int_dunders(tf: Any) -> Any:
    i = tf.constant(7)
    return [i // 2, i % 3, -i, ~i, i & 3, i | 8, i ^ 1, i / 2, 7 // tf.constant(-2), tf.constant(-7) % 3]


@case(AREA, "bool dunders")
def bool_dunders(tf: Any) -> Any:
    b = tf.constant(True)
    return [~b, b & False, b | False, b ^ True]


@case(AREA, "matmul operator")
def matmul_op(tf: Any) -> Any:
    m = tf.constant([[1.0, 2.0], [3.0, 4.0]])
    return [m @ m, np.eye(2, dtype=np.float32) @ m]


@case(AREA, "reversed numpy operand")
def reversed_numpy(tf: Any) -> Any:
    t = tf.constant([1.0, 2.0])
    r = np.array([1.5, 2.5]) + t
    return [r, type(r).__name__]


@case(AREA, "set_shape compatible and incompatible")
def set_shape(tf: Any) -> Any:
    t = tf.constant([1.0, 2.0])
    return [t.set_shape([2]), attempt(t.set_shape, [3]), t.set_shape([None])]


@case(AREA, "eval raises in eager")
def eval_raises(tf: Any) -> Any:
    return tf.constant(1.0).eval()


@case(AREA, "cpu and consumers")
def cpu_consumers(tf: Any) -> Any:
    t = tf.constant(1.0)
    return [t.cpu(), attempt(t.consumers), attempt(lambda: t.value_index), attempt(lambda: t.is_packed),
            attempt(lambda: t.backing_device)]
