"""Spec section 4: sparse gradients (`tf.IndexedSlices`) from gather-like reads of variables and
watched tensors: attributes, str, densifying, aggregation, mixing with dense gradients, ZERO, second
order."""

from __future__ import annotations

from typing import Any

import numpy as np

from conformance.case import attempt, case

AREA = "indexed_slices"


def _var(tf: Any) -> Any:
    return tf.Variable([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]])


def _gathered(tf: Any, indices: Any = (0, 2, 0)) -> Any:
    v = _var(tf)
    with tf.GradientTape() as t:
        y = tf.gather(v, list(indices))
    return v, t.gradient(y, v)


def _describe(tf: Any, g: Any) -> Any:
    return [type(g).__name__, isinstance(g, tf.IndexedSlices), isinstance(g, tf.Tensor), g.values, g.indices,
            g.dense_shape, g.dtype, g.shape, g.device]


@case(AREA, "gather of a variable")
def gather_variable(tf: Any) -> Any:
    _, g = _gathered(tf)
    return _describe(tf, g)


@case(AREA, "str")
def text(tf: Any) -> Any:
    _, g = _gathered(tf)
    return str(g)


@case(AREA, "repr is the default object repr")
def representation(tf: Any) -> Any:
    _, g = _gathered(tf)
    return repr(g).startswith("<") and "IndexedSlices object at 0x" in repr(g)


@case(AREA, "public attributes")
def attributes(tf: Any) -> Any:
    _, g = _gathered(tf)
    return sorted(a for a in dir(g) if not a.startswith("_"))


@case(AREA, "convert_to_tensor sums duplicates")
def densify(tf: Any) -> Any:
    _, g = _gathered(tf)
    return tf.convert_to_tensor(g)


@case(AREA, "ops densify")
def ops_densify(tf: Any) -> Any:
    _, g = _gathered(tf)
    return [tf.add(g, tf.zeros([3, 2])), tf.multiply(g, 2.0), tf.reduce_sum(g)]


@case(AREA, "arithmetic operators raise TypeError")
def operators(tf: Any) -> Any:
    _, g = _gathered(tf)
    return [attempt(lambda: g * 2.0), attempt(lambda: g + 0), attempt(lambda: 2.0 * g)]


@case(AREA, "negation")
def negation(tf: Any) -> Any:
    _, g = _gathered(tf)
    n = -g
    return [type(n).__name__, n.values, n.indices, n.dense_shape]


@case(AREA, "numpy attribute")
def no_numpy(tf: Any) -> Any:
    _, g = _gathered(tf)
    return attempt(lambda: g.numpy())


@case(AREA, "np.asarray wraps the object")
def as_array(tf: Any) -> Any:
    _, g = _gathered(tf)
    a = np.asarray(g)
    return [a.dtype == object, a.shape, type(a.item()).__name__]


@case(AREA, "assign_sub with IndexedSlices")
def assign_sub(tf: Any) -> Any:
    v, g = _gathered(tf)
    v.assign_sub(g)
    return v.numpy()


@case(AREA, "assign_add and assign with IndexedSlices")
def assign_add(tf: Any) -> Any:
    v, g = _gathered(tf)
    v.assign_add(g)
    w = tf.Variable(tf.zeros([3, 2]))
    w.assign(g)
    return [v.numpy(), w.numpy()]


@case(AREA, "constructor")
def constructor(tf: Any) -> Any:
    s = tf.IndexedSlices(tf.constant([[1.0, 2.0]]), tf.constant([1]), tf.constant([3, 2]))
    return [str(s), s.shape, tf.convert_to_tensor(s)]


@case(AREA, "constructor without dense_shape")
def no_dense_shape(tf: Any) -> Any:
    s = tf.IndexedSlices(tf.constant([[1.0, 2.0]]), tf.constant([1]))
    return [str(s), s.dense_shape, s.shape, attempt(tf.convert_to_tensor, s)]


@case(AREA, "convert with another dtype")
def convert_dtype(tf: Any) -> Any:
    s = tf.IndexedSlices(tf.constant([[1.0, 2.0]]), tf.constant([1]), tf.constant([3, 2]))
    return [attempt(tf.convert_to_tensor, s, tf.float64), tf.convert_to_tensor(s, tf.float32)]


@case(AREA, "constructor from python lists")
def python_lists(tf: Any) -> Any:
    s = tf.IndexedSlices([[1.0, 2.0], [3.0, 4.0]], [2, 2], [4, 2])
    return [tf.convert_to_tensor(s), attempt(lambda: s.shape), str(s)]


@case(AREA, "int64 gather indices")
def int64_indices(tf: Any) -> Any:
    v = _var(tf)
    with tf.GradientTape() as t:
        y = tf.gather(v, tf.constant([2, 1], tf.int64))
    return t.gradient(y, v).indices


@case(AREA, "embedding_lookup and sparse_read")
def lookups(tf: Any) -> Any:
    v = _var(tf)
    with tf.GradientTape(persistent=True) as t:
        a = tf.nn.embedding_lookup(v, [1, 1])
        b = v.sparse_read([2])
    return [_describe(tf, t.gradient(a, v)), _describe(tf, t.gradient(b, v))]


@case(AREA, "scalar index")
def scalar_index(tf: Any) -> Any:
    v = _var(tf)
    with tf.GradientTape() as t:
        y = tf.gather(v, 1)
    return _describe(tf, t.gradient(y, v))


@case(AREA, "2-d indices are flattened")
def matrix_indices(tf: Any) -> Any:
    v = _var(tf)
    with tf.GradientTape() as t:
        y = tf.gather(v, [[0, 1], [2, 2]])
    return _describe(tf, t.gradient(y, v))


@case(AREA, "gather of a watched constant")
def watched_constant(tf: Any) -> Any:
    x = tf.constant([[1.0, 2.0], [3.0, 4.0]])
    with tf.GradientTape() as t:
        t.watch(x)
        y = tf.gather(x, [1])
    return _describe(tf, t.gradient(y, x))


@case(AREA, "gather by argmax")
def argmax_indices(tf: Any) -> Any:
    s = tf.constant([1.0, 5.0, 3.0])
    with tf.GradientTape() as t:
        t.watch(s)
        y = tf.gather(s, tf.argmax(s))
    g = t.gradient(y, s)
    return [type(g).__name__, g.indices, g.values, g.dense_shape]


@case(AREA, "scaled gather")
def scaled(tf: Any) -> Any:
    v = _var(tf)
    with tf.GradientTape() as t:
        y = tf.gather(v, [1]) * 3.0
    return _describe(tf, t.gradient(y, v))


@case(AREA, "two gathers are concatenated")
def two_gathers(tf: Any) -> Any:
    v = _var(tf)
    with tf.GradientTape() as t:
        y = [tf.gather(v, [0]), tf.gather(v, [1])]
    return _describe(tf, t.gradient(y, v))


@case(AREA, "three reads concatenated")
def three_reads(tf: Any) -> Any:
    v = _var(tf)
    with tf.GradientTape() as t:
        y = tf.gather(v, [0]) + 2.0 * v.sparse_read([2, 2]) + tf.nn.embedding_lookup(v, [1, 1])
    return _describe(tf, t.gradient(y, v))


@case(AREA, "int32 and int64 gathers aggregate")
def mixed_index_dtypes(tf: Any) -> Any:
    v = _var(tf)
    with tf.GradientTape() as t:
        y = [tf.gather(v, [0]), tf.gather(v, tf.constant([1], tf.int64))]
    return _describe(tf, t.gradient(y, v))


@case(AREA, "gather plus a dense use is dense")
def mixed_dense(tf: Any) -> Any:
    v = _var(tf)
    with tf.GradientTape() as t:
        y = tf.reduce_sum(tf.gather(v, [0, 0])) + tf.reduce_sum(v)
    g = t.gradient(y, v)
    return [type(g).__name__, g]


@case(AREA, "dense reads give dense gradients")
def dense_reads(tf: Any) -> Any:
    out = []
    for read in (lambda v: tf.gather(v, [1], axis=1), lambda v: tf.gather_nd(v, [[0, 1]]), lambda v: v[0],
                 lambda v: tf.boolean_mask(v, [True, False, True])):
        v = _var(tf)
        with tf.GradientTape() as t:
            y = read(v)
        g = t.gradient(y, v)
        out.append([type(g).__name__, g])
    return out


@case(AREA, "gather_nd of whole rows of a variable")
def gather_nd_rows(tf: Any) -> Any:
    v = _var(tf)
    with tf.GradientTape() as t:
        y = tf.gather_nd(v, [[2], [0]])
    g = t.gradient(y, v)
    return [type(g).__name__, g.values, g.indices, g.dense_shape, tf.convert_to_tensor(g)]


@case(AREA, "output_gradients")
def upstream(tf: Any) -> Any:
    v = _var(tf)
    with tf.GradientTape() as t:
        y = tf.gather(v, [2, 0])
    return _describe(tf, t.gradient(y, v, output_gradients=tf.constant([[1.0, 2.0], [3.0, 4.0]])))


@case(AREA, "unconnected ZERO is dense zeros")
def zero(tf: Any) -> Any:
    v = _var(tf)
    w = tf.Variable(1.0)
    with tf.GradientTape(persistent=True) as t:
        y = w * 2.0
        z = tf.gather(v, [1])
    g = t.gradient(y, v, unconnected_gradients="zero")
    both = t.gradient(z, [v, w], unconnected_gradients=tf.UnconnectedGradients.ZERO)
    return [type(g).__name__, g, type(both[0]).__name__, both[0].indices, both[1]]


@case(AREA, "second order through gather")
def second_order(tf: Any) -> Any:
    w = tf.Variable([1.0, 2.0, 3.0])
    with tf.GradientTape() as outer:
        with tf.GradientTape() as inner:
            y = tf.reduce_sum(tf.gather(w, [0, 2]) ** 3)
        g = inner.gradient(y, w)
        dense = tf.convert_to_tensor(g)
    h = outer.gradient(dense, w)
    return [_describe(tf, g), dense, _describe(tf, h)]


@case(AREA, "second order through gather of a watched tensor")
def second_order_tensor(tf: Any) -> Any:
    x = tf.constant([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]])
    with tf.GradientTape() as outer:
        outer.watch(x)
        with tf.GradientTape() as inner:
            inner.watch(x)
            y = tf.reduce_sum(tf.gather(x, [2, 2, 1]) ** 2)
        g = inner.gradient(y, x)
        s = tf.reduce_sum(tf.convert_to_tensor(g) * tf.constant([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]]))
    h = outer.gradient(s, x)
    return [type(g).__name__, g.values, type(h).__name__, h.values, h.indices, tf.convert_to_tensor(h)]


@case(AREA, "gradient of the values of a gradient")
def values_second_order(tf: Any) -> Any:
    x = tf.constant([1.0, 2.0, 3.0])
    with tf.GradientTape() as outer:
        outer.watch(x)
        with tf.GradientTape() as inner:
            inner.watch(x)
            y = tf.reduce_sum(tf.gather(x, [1, 1]) ** 3)
        g = inner.gradient(y, x)
        s = tf.reduce_sum(g.values)
    return outer.gradient(s, x)


@case(AREA, "identity keeps IndexedSlices")
def identity_path(tf: Any) -> Any:
    v = _var(tf)
    with tf.GradientTape() as t:
        y = tf.gather(tf.identity(v), [2])
    return _describe(tf, t.gradient(y, v))


@case(AREA, "gather of a product is dense for the factor")
def through_mul(tf: Any) -> Any:
    x = tf.constant([1.0, 2.0, 3.0])
    with tf.GradientTape() as t:
        t.watch(x)
        y = tf.gather(x * 2.0, [0, 0])
    g = t.gradient(y, x)
    return [type(g).__name__, g]


@case(AREA, "gather through reshape")
def through_reshape(tf: Any) -> Any:
    x = tf.constant([1.0, 2.0, 3.0, 4.0])
    with tf.GradientTape() as t:
        t.watch(x)
        y = tf.gather(tf.reshape(x, [2, 2]), [1])
    g = t.gradient(y, x)
    return [type(g).__name__, g]


@case(AREA, "IndexedSlices as output_gradients")
def slices_upstream(tf: Any) -> Any:
    x = tf.constant([1.0, 2.0, 3.0])
    with tf.GradientTape() as t:
        t.watch(x)
        y = x * 2.0
    up = tf.IndexedSlices(tf.constant([1.0, 1.0]), tf.constant([2, 2]), tf.constant([3]))
    return t.gradient(y, x, output_gradients=up)


@case(AREA, "jacobian through gather")
def jacobian(tf: Any) -> Any:
    v = tf.Variable([1.0, 2.0, 3.0])
    with tf.GradientTape() as t:
        y = tf.gather(v, [2, 0])
    return t.jacobian(y, v)


@case(AREA, "add_n of IndexedSlices")
def add_n(tf: Any) -> Any:
    _, g = _gathered(tf)
    return tf.add_n([g, g])


# -- ops applied to IndexedSlices keep them (issue 13) -------------------------------------------------
def _slices(tf: Any, with_shape: bool = True) -> Any:
    return tf.IndexedSlices(tf.constant([[1.0, 2.0]]), tf.constant([1]), tf.constant([3, 2]) if with_shape else None)


@case(AREA, "identity of IndexedSlices")
def identity_of_slices(tf: Any) -> Any:
    s = _slices(tf)
    r = tf.identity(s)
    return [type(r).__name__, r is s, r.values, r.indices, r.dense_shape]


@case(AREA, "identity of IndexedSlices without dense_shape")
def identity_of_slices_no_shape(tf: Any) -> Any:
    r = tf.identity(_slices(tf, with_shape=False))
    return [type(r).__name__, r.values, r.indices, r.dense_shape]


@case(AREA, "cast of IndexedSlices")
def cast_of_slices(tf: Any) -> Any:
    s = _slices(tf)
    wide, same = tf.cast(s, tf.float64), tf.cast(s, tf.float32)
    return [type(wide).__name__, wide.values, wide.indices, wide.dense_shape, type(same).__name__, same is s,
            same.values]


@case(AREA, "cast of a gathered gradient to float16")
def cast_of_gathered_gradient(tf: Any) -> Any:
    _, g = _gathered(tf)
    r = tf.cast(g, tf.float16)
    return [type(r).__name__, r.values, r.indices]
