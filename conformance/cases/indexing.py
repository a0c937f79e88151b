"""Python indexing of tensors and variables (spec 9.5) and `tf.strided_slice` with all its masks:
values, TensorFlow's errors (with the `strided_slice/` name), and gradients."""

from __future__ import annotations

from typing import Any

import numpy as np

from conformance.case import case

AREA = "indexing"


def _v(tf: Any) -> Any:
    return tf.constant([1.0, 2.0, 3.0])


def _m(tf: Any) -> Any:
    return tf.constant([[1.0, 2.0], [3.0, 4.0]])


def _t(tf: Any) -> Any:
    return tf.reshape(tf.range(24.0), [2, 3, 4])


_PROGRAMS = [
    ("v[0]", lambda tf: _v(tf)[0]),
    ("v[-1]", lambda tf: _v(tf)[-1]),
    ("v[1:]", lambda tf: _v(tf)[1:]),
    ("v[::-1]", lambda tf: _v(tf)[::-1]),
    ("v[5:10]", lambda tf: _v(tf)[5:10]),
    ("v[-10:10:-1]", lambda tf: _v(tf)[10:-10:-1]),
    ("v[::2]", lambda tf: _v(tf)[::2]),
    ("v[2:0:-1]", lambda tf: _v(tf)[2:0:-1]),
    ("v[-1:-4:-2]", lambda tf: _v(tf)[-1:-4:-2]),
    ("v[1:1]", lambda tf: _v(tf)[1:1]),
    ("m[0, 1]", lambda tf: _m(tf)[0, 1]),
    ("m[:, 1]", lambda tf: _m(tf)[:, 1]),
    ("m[..., 0]", lambda tf: _m(tf)[..., 0]),
    ("m[None]", lambda tf: _m(tf)[None]),
    ("m[newaxis, :, 0]", lambda tf: _m(tf)[tf.newaxis, :, 0]),
    ("t[1, ..., 2]", lambda tf: _t(tf)[1, ..., 2]),
    ("t[..., None, 1:3]", lambda tf: _t(tf)[..., None, 1:3]),
    ("t[:, None, ..., None, ::-2]", lambda tf: _t(tf)[:, None, ..., None, ::-2]),
    ("t[-1, 1:, ::3]", lambda tf: _t(tf)[-1, 1:, ::3]),
    ("v[None, ..., None]", lambda tf: _v(tf)[None, ..., None]),
    ("v[tf.constant(1)]", lambda tf: _v(tf)[tf.constant(1)]),
    ("v[np.int64(1)]", lambda tf: _v(tf)[np.int64(1)]),
    ("v[np.int32(1)]", lambda tf: _v(tf)[np.int32(1)]),
    ("v[int64 tensor]", lambda tf: _v(tf)[tf.constant(1, tf.int64)]),
    ("v[tensor:]", lambda tf: _v(tf)[tf.constant(1):]),
    ("v[1:int64 tensor]", lambda tf: _v(tf)[1:tf.constant(2, tf.int64)]),
    ("v[variable]", lambda tf: _v(tf)[tf.Variable(1)]),
    ("v[3]", lambda tf: _v(tf)[3]),
    ("v[-4]", lambda tf: _v(tf)[-4]),
    ("scalar[0]", lambda tf: tf.constant(1.0)[0]),
    ("scalar[...]", lambda tf: tf.constant(1.0)[...]),
    ("scalar[None]", lambda tf: tf.constant(1.0)[None]),
    ("scalar[:]", lambda tf: tf.constant(1.0)[:]),
    ("v[1.0]", lambda tf: _v(tf)[1.0]),
    ("v[[0, 2]]", lambda tf: _v(tf)[[0, 2]]),
    ("v[np.array([0, 2])]", lambda tf: _v(tf)[np.array([0, 2])]),
    ("v[tf.constant([0, 2])]", lambda tf: _v(tf)[tf.constant([0, 2])]),
    ("v[tf.constant([1])]", lambda tf: _v(tf)[tf.constant([1])]),
    ("v[tf.constant(1.0)]", lambda tf: _v(tf)[tf.constant(1.0)]),
    ("v['a']", lambda tf: _v(tf)["a"]),
    ("v[1:'a']", lambda tf: _v(tf)[1:"a"]),
    ("v[v > 1]", lambda tf: _v(tf)[_v(tf) > 1.0]),
    ("m[m > 2]", lambda tf: _m(tf)[_m(tf) > 2.0]),
    ("m[np bool mask]", lambda tf: _m(tf)[np.array([True, False])]),
    ("m[[True, False]]", lambda tf: _m(tf)[[True, False]]),
    ("v[True]", lambda tf: _v(tf)[True]),
    ("v[np.array(True)]", lambda tf: _v(tf)[np.array(True)]),
    ("v[0:2:0]", lambda tf: _v(tf)[0:2:0]),
    ("v[..., ...]", lambda tf: _v(tf)[..., ...]),
    ("m[0, 0, 0]", lambda tf: _m(tf)[0, 0, 0]),
    ("v[(1,)]", lambda tf: _v(tf)[(1,)]),
    ("v[[1]]", lambda tf: _v(tf)[[1]]),
    ("m[[1, 0]]", lambda tf: _m(tf)[[1, 0]]),
    ("m[[1, 5]]", lambda tf: _m(tf)[[1, 5]]),
    ("m[[]]", lambda tf: _m(tf)[[]]),
    ("v[()]", lambda tf: _v(tf)[()]),
    ("strings[1]", lambda tf: tf.constant(["a", "b"])[1]),
    ("gather of strings scalar index", lambda tf: tf.gather(tf.constant(["a", "b"]), 1)),
    ("unstack strings", lambda tf: tf.unstack(tf.constant(["a", "b"]))),
    ("bools[::-1]", lambda tf: tf.constant([True, False])[::-1]),
    ("v[2**40]", lambda tf: _v(tf)[2**40]),
    # tf.strided_slice
    ("strided_slice", lambda tf: tf.strided_slice(_v(tf), [0], [2], [1])),
    ("strided_slice shrink out of range", lambda tf: tf.strided_slice(_v(tf), [5], [6], [1], shrink_axis_mask=1)),
    ("strided_slice lengths differ", lambda tf: tf.strided_slice(_v(tf), [0, 0], [2], [1])),
    ("strided_slice zero stride", lambda tf: tf.strided_slice(_v(tf), [0], [2], [0])),
    ("strided_slice float", lambda tf: tf.strided_slice(_v(tf), [0.0], [2.0], [1.0])),
    ("strided_slice int32 and int64", lambda tf: tf.strided_slice(_v(tf), tf.constant([0]),
                                                                  tf.constant([2], tf.int64))),
    ("strided_slice two ellipses", lambda tf: tf.strided_slice(_v(tf), [0, 0], [2, 2], [1, 1], ellipsis_mask=3)),
    ("strided_slice shrink negative stride", lambda tf: tf.strided_slice(_v(tf), [0], [1], [-1],
                                                                         shrink_axis_mask=1)),
    ("strided_slice no strides", lambda tf: tf.strided_slice(_m(tf), [0, 1], [2, 2])),
    ("strided_slice new axis", lambda tf: tf.strided_slice(_m(tf), [0, 0, 0], [1, 1, 1], [1, 1, 1],
                                                           new_axis_mask=2)),
    ("strided_slice strings", lambda tf: tf.strided_slice(tf.constant(["a", "b"]), [0], [1])),
    ("strided_slice bools", lambda tf: tf.strided_slice(tf.constant([True, False]), [0], [1])),
    ("strided_slice scalar", lambda tf: tf.strided_slice(tf.constant(1.0), [0], [1])),
    ("strided_slice scalar empty spec", lambda tf: tf.strided_slice(tf.constant(1.0), tf.zeros([0], tf.int32),
                                                                    tf.zeros([0], tf.int32),
                                                                    tf.zeros([0], tf.int32))),
    ("strided_slice masks", lambda tf: tf.strided_slice(_t(tf), [1, 5, 1], [0, -1, 3], [1, -1, 1],
                                                        begin_mask=1, end_mask=2)),
    ("strided_slice ellipsis mask", lambda tf: tf.strided_slice(_t(tf), [0, 1], [0, 3], [1, 1], ellipsis_mask=1)),
    ("strided_slice ellipsis and new axis", lambda tf: tf.strided_slice(_t(tf), [0, 0, 1], [0, 0, 2], [1, 1, 1],
                                                                        ellipsis_mask=1, new_axis_mask=2,
                                                                        shrink_axis_mask=4)),
    ("strided_slice int64", lambda tf: tf.strided_slice(_t(tf), tf.constant([1], tf.int64),
                                                        tf.constant([2], tf.int64), tf.constant([1], tf.int64))),
    ("strided_slice int16", lambda tf: tf.strided_slice(_v(tf), tf.constant([1], tf.int16),
                                                        tf.constant([3], tf.int16), tf.constant([1], tf.int16))),
    ("strided_slice tensors out of range", lambda tf: tf.strided_slice(_v(tf), tf.constant([5]), tf.constant([6]),
                                                                       tf.constant([1]), shrink_axis_mask=1)),
    ("strided_slice named", lambda tf: tf.strided_slice(_v(tf), tf.constant([5]), tf.constant([6]),
                                                        tf.constant([1]), shrink_axis_mask=1, name="cut")),
    ("strided_slice too many dims", lambda tf: tf.strided_slice(_v(tf), [0, 0], [1, 1], [1, 1])),
    ("strided_slice 2-d begin", lambda tf: tf.strided_slice(_v(tf), [[0]], [[1]], [[1]])),
]

for _name, _program in _PROGRAMS:
    case(AREA, _name)(_program)


@case(AREA, "variable slicing and slice assign")
def variable_slices(tf: Any) -> Any:
    v = tf.Variable([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]])
    a = v[0]
    b = v[:, 1:]
    v[0, :2].assign([9.0, 8.0])
    return [a, b, v.numpy()]


@case(AREA, "variable index out of range")
def variable_out_of_range(tf: Any) -> Any:
    return tf.Variable([1.0, 2.0])[2]


@case(AREA, "variable boolean mask")
def variable_mask(tf: Any) -> Any:
    v = tf.Variable([1.0, 2.0, 3.0])
    return v[v > 1.5]


# -- gradients -------------------------------------------------------------------------------------------
def _grad2(tf: Any, f: Any, x: Any) -> Any:
    x = tf.constant(np.asarray(x, dtype=np.float32))
    with tf.GradientTape() as outer:
        outer.watch(x)
        with tf.GradientTape() as inner:
            inner.watch(x)
            y = f(x)
            y = y * y
        g = inner.gradient(y, x)
        s = tf.reduce_sum(g * tf.constant(np.arange(1, x.shape.num_elements() + 1, dtype=np.float32).reshape(
            x.shape)))
    return [g, outer.gradient(s, x)]


_X = np.arange(24, dtype=np.float32).reshape(2, 3, 4) / 7.0 - 1.0

_GRADIENTS = [
    ("grad v[1]", lambda tf: _grad2(tf, lambda x: x[1], [1.0, 2.0, 3.0])),
    ("grad v[::-1]", lambda tf: _grad2(tf, lambda x: x[::-1] * tf.constant([1.0, 2.0, 3.0]), [1.0, 2.0, 3.0])),
    ("grad t[1, ..., None, ::2]", lambda tf: _grad2(tf, lambda x: x[1, ..., None, ::2], _X)),
    ("grad t[:, -1:0:-1, 2]", lambda tf: _grad2(tf, lambda x: x[:, -1:0:-1, 2], _X)),
    ("grad t[t > 0]", lambda tf: _grad2(tf, lambda x: x[x > 0.0], _X)),
    ("grad strided_slice masks", lambda tf: _grad2(tf, lambda x: tf.strided_slice(x, [1, 5, 1], [0, -1, 3],
                                                                                  [1, -1, 1], begin_mask=1,
                                                                                  end_mask=2), _X)),
    ("grad empty slice", lambda tf: _grad2(tf, lambda x: x[5:], [1.0, 2.0])),
]

for _name, _program in _GRADIENTS:
    case(AREA, _name)(_program)


@case(AREA, "gradient through a variable slice is dense")
def variable_slice_gradient(tf: Any) -> Any:
    v = tf.Variable([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]])
    with tf.GradientTape() as t:
        y = v[0] * 2.0
    g = t.gradient(y, v)
    return [type(g).__name__, g]


@case(AREA, "gradient of an unused slice is zeros")
def unused_slice(tf: Any) -> Any:
    x = tf.constant([1.0, 2.0, 3.0])
    with tf.GradientTape(persistent=True) as t:
        t.watch(x)
        y = x[0] * 0.0 + x[2]
    return [t.gradient(y, x), t.gradient(x[1], x)]
