"""Array ops: concat, stack/unstack, split, tile, pad, reverse, roll, slice, boolean_mask, one_hot,
meshgrid, linspace, unique, identity_n, gather/gather_nd/scatter_nd/tensor_scatter_nd_*,
unsorted_segment_sum, embedding_lookup and Variable scatter methods: values, TensorFlow's errors, and
gradients (first and second order, None versus zeros)."""

from __future__ import annotations

from typing import Any

import numpy as np

from conformance.case import attempt, case

AREA = "array_ops"


def _a(tf: Any) -> Any:
    return tf.constant([[1.0, 2.0]])


def _b(tf: Any) -> Any:
    return tf.constant([[3.0, 4.0], [5.0, 6.0]])


def _c(tf: Any) -> Any:
    return tf.constant([[3.0, 4.0], [5.0, 6.0], [7.0, 8.0]])


# One-line programs: (name, program). Each is registered as its own case.
_PROGRAMS = [
    # concat
    ("concat axis 0", lambda tf: tf.concat([_a(tf), _b(tf)], 0)),
    ("concat axis -1 mismatch", lambda tf: tf.concat([_a(tf), _b(tf)], -1)),
    ("concat axis out of range", lambda tf: tf.concat([_a(tf), _b(tf)], 2)),
    ("concat axis -3", lambda tf: tf.concat([_a(tf), _a(tf)], -3)),
    ("concat single value", lambda tf: tf.concat([_a(tf)], 5)),
    ("concat a tensor", lambda tf: tf.concat(_a(tf), 0)),
    ("concat ranks differ", lambda tf: tf.concat([_a(tf), tf.constant([1.0])], 0)),
    ("concat dtypes differ", lambda tf: tf.concat([_a(tf), tf.constant([[1]])], 0)),
    ("concat python lists", lambda tf: tf.concat([[1, 2], [3.0]], 0)),
    ("concat list and tensor", lambda tf: tf.concat([[1, 2], tf.constant([3.0])], 0)),
    ("concat scalars", lambda tf: tf.concat([tf.constant(1.0), tf.constant(2.0)], 0)),
    ("concat scalars axis 1", lambda tf: tf.concat([tf.constant(1.0), tf.constant(2.0)], 1)),
    ("concat vector and scalar", lambda tf: tf.concat([tf.constant([1.0]), tf.constant(2.0)], 0)),
    ("concat axis tensor", lambda tf: tf.concat([_a(tf), _a(tf)], tf.constant(1))),
    ("concat axis int64", lambda tf: tf.concat([_a(tf), _a(tf)], tf.constant(1, tf.int64))),
    ("concat axis float", lambda tf: tf.concat([_a(tf), _a(tf)], 1.0)),
    ("concat axis one-element list", lambda tf: tf.concat([_a(tf), _a(tf)], [1])),
    ("concat axis two-element list", lambda tf: tf.concat([_a(tf), _a(tf)], [1, 0])),
    ("concat single value axis list", lambda tf: tf.concat([_a(tf)], [1])),
    ("concat three inputs mismatch", lambda tf: tf.concat([_a(tf), _a(tf), _b(tf)], 1)),
    ("concat 3-d mismatch", lambda tf: tf.concat([tf.zeros([1, 2, 3]), tf.zeros([1, 3, 4])], 0)),
    ("concat empty tensors", lambda tf: tf.concat([tf.zeros([0, 2]), tf.zeros([0, 2])], 0)),
    ("concat strings", lambda tf: tf.concat([["a"], ["b"]], 0)),
    ("concat named", lambda tf: tf.concat([_a(tf), _b(tf)], 1, name="joined")),
    # stack / unstack
    ("stack axis 1", lambda tf: tf.stack([_a(tf), _a(tf)], 1)),
    ("stack axis -1", lambda tf: tf.stack([_a(tf), _a(tf)], -1)),
    ("stack axis out of range", lambda tf: tf.stack([_a(tf), _a(tf)], 3)),
    ("stack axis -4", lambda tf: tf.stack([_a(tf), _a(tf)], -4)),
    ("stack shapes differ", lambda tf: tf.stack([_a(tf), _b(tf)])),
    ("stack ranks differ", lambda tf: tf.stack([_a(tf), tf.constant([1.0])])),
    ("stack three shapes differ", lambda tf: tf.stack([_a(tf), _a(tf), _b(tf)])),
    ("stack nothing", lambda tf: tf.stack([])),
    ("stack one", lambda tf: tf.stack([_a(tf)])),
    ("stack dtypes differ", lambda tf: tf.stack([tf.constant(1.0), tf.constant(1)])),
    ("stack python numbers", lambda tf: tf.stack([1.0, 2])),
    ("stack tensor and float", lambda tf: tf.stack([tf.constant(1), 2.5])),
    ("stack float and tensor", lambda tf: tf.stack([1.0, tf.constant(2.0)])),
    ("stack a tensor", lambda tf: tf.stack(_b(tf))),
    ("stack a tensor axis 1", lambda tf: tf.stack(_b(tf), axis=1)),
    ("stack scalars axis 1", lambda tf: tf.stack([tf.constant(1.0), tf.constant(2.0)], axis=1)),
    ("stack strings", lambda tf: tf.stack(["a", "b"])),
    ("unstack", lambda tf: tf.unstack(_b(tf))),
    ("unstack axis 1", lambda tf: tf.unstack(_b(tf), axis=1)),
    ("unstack axis -1", lambda tf: tf.unstack(_b(tf), axis=-1)),
    ("unstack wrong num", lambda tf: tf.unstack(_b(tf), num=3)),
    ("unstack wrong num axis 1", lambda tf: tf.unstack(_b(tf), num=3, axis=1)),
    ("unstack axis out of range", lambda tf: tf.unstack(_b(tf), axis=2)),
    ("unstack scalar", lambda tf: tf.unstack(tf.constant(1.0))),
    ("unstack empty", lambda tf: tf.unstack(tf.zeros([0, 2]))),
    ("unstack python list", lambda tf: tf.unstack([[1, 2], [3, 4]])),
    ("unstack negative num", lambda tf: tf.unstack(_b(tf), num=-1)),
    # split
    ("split in two", lambda tf: tf.split(_b(tf), 2)),
    ("split uneven", lambda tf: tf.split(_b(tf), 3)),
    ("split sizes", lambda tf: tf.split(tf.range(5), [2, 3])),
    ("split sizes with -1", lambda tf: tf.split(tf.range(5), [2, -1])),
    ("split sizes wrong total", lambda tf: tf.split(tf.range(5), [2, 2])),
    ("split two -1", lambda tf: tf.split(tf.range(5), [-1, -1])),
    ("split negative size", lambda tf: tf.split(tf.range(5), [-2, 7])),
    ("split axis out of range", lambda tf: tf.split(_b(tf), 2, axis=2)),
    ("split axis -1", lambda tf: tf.split(_b(tf), 2, axis=-1)),
    ("split scalar tensor count", lambda tf: tf.split(_b(tf), tf.constant(2))),
    ("split float count", lambda tf: tf.split(_b(tf), 2.0)),
    ("split sizes tensor", lambda tf: tf.split(tf.range(5), tf.constant([2, 3]))),
    ("split sizes int64", lambda tf: tf.split(tf.range(5), tf.constant([2, 3], tf.int64))),
    ("split zero ways", lambda tf: tf.split(_b(tf), 0)),
    ("split sizes axis 1", lambda tf: tf.split(_b(tf), [1, 1], 1)),
    ("split sizes with num", lambda tf: tf.split(tf.range(5), [2, 3], num=3)),
    ("split sizes 2-d", lambda tf: tf.split(tf.range(5), [[2, 3]])),
    ("split size zero", lambda tf: tf.split(tf.range(5), [0, 5])),
    ("split sizes axis out of range", lambda tf: tf.split(_b(tf), [1, 1], 3)),
    ("split scalar", lambda tf: tf.split(tf.constant(1.0), 1)),
    ("split axis tensor", lambda tf: tf.split(_b(tf), 2, axis=tf.constant(1))),
    # tile
    ("tile", lambda tf: tf.tile(_a(tf), [2, 3])),
    ("tile wrong length", lambda tf: tf.tile(_a(tf), [2])),
    ("tile wrong length tensor", lambda tf: tf.tile(_b(tf), tf.constant([2]))),
    ("tile negative", lambda tf: tf.tile(_a(tf), [2, -1])),
    ("tile float multiples", lambda tf: tf.tile(_a(tf), [2.0, 1.0])),
    ("tile scalar", lambda tf: tf.tile(tf.constant(1.0), [])),
    ("tile int64 multiples", lambda tf: tf.tile(_a(tf), tf.constant([1, 2], tf.int64))),
    ("tile zero", lambda tf: tf.tile(_a(tf), [0, 2])),
    # pad
    ("pad", lambda tf: tf.pad(_a(tf), [[1, 0], [0, 2]])),
    ("pad constant", lambda tf: tf.pad(_a(tf), [[1, 0], [0, 2]], constant_values=7)),
    ("pad constant float", lambda tf: tf.pad(_a(tf), [[1, 0], [0, 2]], constant_values=7.5)),
    ("pad int with float constant", lambda tf: tf.pad(tf.constant([1]), [[1, 0]], constant_values=7.5)),
    ("pad wrong rows", lambda tf: tf.pad(_a(tf), [[1, 0]])),
    ("pad negative", lambda tf: tf.pad(_a(tf), [[-1, 0], [0, 0]])),
    ("pad reflect", lambda tf: tf.pad(_b(tf), [[1, 1], [1, 1]], "REFLECT")),
    ("pad symmetric", lambda tf: tf.pad(_b(tf), [[2, 2], [1, 1]], "SYMMETRIC")),
    ("pad reflect too much", lambda tf: tf.pad(_b(tf), [[2, 2], [1, 1]], "REFLECT")),
    ("pad symmetric too much", lambda tf: tf.pad(_b(tf), [[3, 0], [1, 1]], "SYMMETRIC")),
    ("pad reflect negative", lambda tf: tf.pad(_b(tf), [[-1, 0], [1, 1]], "REFLECT")),
    ("pad bad mode", lambda tf: tf.pad(_b(tf), [[2, 2], [1, 1]], "FOO")),
    ("pad lower-case mode", lambda tf: tf.pad(_b(tf), [[1, 1], [1, 1]], "reflect")),
    ("pad scalar", lambda tf: tf.pad(tf.constant(1.0), tf.zeros([0, 2], tf.int32))),
    ("pad float paddings", lambda tf: tf.pad(_a(tf), [[1.0, 0], [0, 2]])),
    ("pad three columns", lambda tf: tf.pad(_a(tf), [[1, 0, 0], [0, 2, 0]])),
    ("pad tensor constant", lambda tf: tf.pad(_a(tf), [[1, 0], [0, 0]], constant_values=tf.constant(2.0))),
    ("pad strings", lambda tf: tf.pad(tf.constant(["a"]), [[1, 1]])),
    # reverse / roll
    ("reverse", lambda tf: tf.reverse(_b(tf), [0])),
    ("reverse -1", lambda tf: tf.reverse(_b(tf), [-1])),
    ("reverse both", lambda tf: tf.reverse(_b(tf), [1, 0])),
    ("reverse duplicate", lambda tf: tf.reverse(_b(tf), [0, 0])),
    ("reverse duplicate negative", lambda tf: tf.reverse(_b(tf), [0, -2])),
    ("reverse out of range", lambda tf: tf.reverse(_b(tf), [2])),
    ("reverse scalar axis", lambda tf: tf.reverse(_b(tf), 0)),
    ("reverse no axes", lambda tf: tf.reverse(_b(tf), [])),
    ("roll", lambda tf: tf.roll(_b(tf), 1, 0)),
    ("roll two axes", lambda tf: tf.roll(_b(tf), [1, 1], [0, 1])),
    ("roll same axis twice", lambda tf: tf.roll(_b(tf), [1, 1], [0, 0])),
    ("roll axis out of range", lambda tf: tf.roll(_b(tf), 1, 2)),
    ("roll sizes differ", lambda tf: tf.roll(_b(tf), [1, 1], [0])),
    ("roll scalar", lambda tf: tf.roll(tf.constant(1.0), 1, 0)),
    ("roll negative axis", lambda tf: tf.roll(_b(tf), 1, -1)),
    ("roll negative shift", lambda tf: tf.roll(tf.range(5), -7, 0)),
    # slice
    ("slice", lambda tf: tf.slice(_b(tf), [0, 1], [2, 1])),
    ("slice size -1", lambda tf: tf.slice(_b(tf), [1, 0], [-1, -1])),
    ("slice too large", lambda tf: tf.slice(_b(tf), [1, 0], [2, 1])),
    ("slice wrong length", lambda tf: tf.slice(_b(tf), [0], [2])),
    ("slice negative begin", lambda tf: tf.slice(_b(tf), [-1, 0], [1, 1])),
    ("slice size -2", lambda tf: tf.slice(_b(tf), [0, 0], [-2, 1])),
    ("slice int64", lambda tf: tf.slice(_b(tf), tf.constant([0, 0], tf.int64), [1, 1])),
    ("slice empty lists", lambda tf: tf.slice(tf.constant(1.0), [], [])),
    ("slice empty begin tensor", lambda tf: tf.slice(tf.constant(1.0), tf.zeros([0], tf.int32), [])),
    ("tile empty list", lambda tf: tf.tile(tf.constant(1.0), [])),
    ("reverse empty list", lambda tf: tf.reverse(tf.constant([1.0]), [])),
    ("roll empty axis list", lambda tf: tf.roll(tf.constant([1.0]), tf.zeros([0], tf.int32), [])),
    ("roll empty shift list", lambda tf: tf.roll(tf.constant([1.0]), [], tf.zeros([0], tf.int32))),
    ("pad empty list", lambda tf: tf.pad(tf.constant(1.0), [])),
    ("gather empty list", lambda tf: tf.gather(tf.constant([1.0]), [])),
    ("gather_nd empty list", lambda tf: tf.gather_nd(tf.constant([1.0]), [])),
    ("unsorted_segment_sum empty list", lambda tf: tf.math.unsorted_segment_sum(tf.zeros([0]), [], 2)),
    ("scatter_nd empty lists", lambda tf: tf.scatter_nd([], [], [2])),
    ("strided_slice empty lists", lambda tf: tf.strided_slice(tf.constant(1.0), [], [])),
    ("one_hot empty list", lambda tf: tf.one_hot([], 2)),
    ("slice int64 and int32", lambda tf: tf.slice(_b(tf), tf.constant([0, 0], tf.int64), tf.constant([1, 1]))),
    # one_hot
    ("one_hot", lambda tf: tf.one_hot([0, 2, -1, 5], 3)),
    ("one_hot values", lambda tf: tf.one_hot([0, 2], 3, on_value=5, off_value=-1)),
    ("one_hot dtype", lambda tf: tf.one_hot([0, 2], 3, dtype=tf.int64)),
    ("one_hot axis 0", lambda tf: tf.one_hot([0, 2], 3, axis=0)),
    ("one_hot axis 2", lambda tf: tf.one_hot([0, 2], 3, axis=2)),
    ("one_hot axis -2", lambda tf: tf.one_hot([0, 2], 3, axis=-2)),
    ("one_hot float indices", lambda tf: tf.one_hot([0.0, 2.0], 3)),
    ("one_hot mixed on off", lambda tf: tf.one_hot([0, 2], 3, on_value=1.0, off_value=0)),
    ("one_hot on vs dtype", lambda tf: tf.one_hot([0, 2], 3, on_value=1.0, dtype=tf.int32)),
    ("one_hot negative depth", lambda tf: tf.one_hot([0, 2], -1)),
    ("one_hot bool", lambda tf: tf.one_hot([0, 2], 3, on_value=True, off_value=False)),
    ("one_hot int64 indices", lambda tf: tf.one_hot(tf.constant([0, 2], tf.int64), 3)),
    ("one_hot uint8 indices", lambda tf: tf.one_hot(tf.constant([0, 2], tf.uint8), 3)),
    ("one_hot int16 indices", lambda tf: tf.one_hot(tf.constant([0, 2], tf.int16), 3)),
    ("one_hot on only", lambda tf: tf.one_hot([0, 2], 3, on_value=2)),
    ("one_hot scalar", lambda tf: tf.one_hot(1, 3)),
    ("one_hot matrix axis 1", lambda tf: tf.one_hot([[0, 1], [2, 0]], 3, axis=1)),
    # meshgrid / linspace
    ("meshgrid", lambda tf: tf.meshgrid([1, 2, 3], [4, 5])),
    ("meshgrid ij", lambda tf: tf.meshgrid([1, 2, 3], [4, 5], indexing="ij")),
    ("meshgrid three", lambda tf: tf.meshgrid([1.0, 2.0], [3.0], [4.0, 5.0, 6.0])),
    ("meshgrid bad indexing", lambda tf: tf.meshgrid([1, 2, 3], [4, 5], indexing="foo")),
    ("meshgrid one", lambda tf: tf.meshgrid([1, 2, 3])),
    ("meshgrid none", lambda tf: tf.meshgrid()),
    ("meshgrid 2-d input", lambda tf: tf.meshgrid([[1, 2]], [4, 5])),
    ("meshgrid mixed dtypes", lambda tf: tf.meshgrid([1, 2], [4.0, 5.0])),
    ("meshgrid bad keyword", lambda tf: tf.meshgrid([1, 2], [4, 5], foo=1)),
    ("linspace", lambda tf: tf.linspace(0.0, 1.0, 5)),
    ("linspace one", lambda tf: tf.linspace(0.0, 1.0, 1)),
    ("linspace zero", lambda tf: tf.linspace(0.0, 1.0, 0)),
    ("linspace negative", lambda tf: tf.linspace(0.0, 1.0, -1)),
    ("linspace ints", lambda tf: tf.linspace(0, 1, 3)),
    ("linspace float64", lambda tf: tf.linspace(tf.constant(0.0, tf.float64), 1.0, 3)),
    ("linspace vectors", lambda tf: tf.linspace([0.0, 1.0], [1.0, 3.0], 3)),
    ("linspace vectors axis 1", lambda tf: tf.linspace([0.0, 1.0], [1.0, 3.0], 3, axis=1)),
    ("linspace vectors axis -1", lambda tf: tf.linspace([0.0, 1.0], [1.0, 3.0], 3, axis=-1)),
    ("linspace broadcast", lambda tf: tf.linspace(0.0, [[1.0], [2.0]], 4)),
    ("linspace float num", lambda tf: tf.linspace(0.0, 1.0, 3.0)),
    ("linspace int64 num", lambda tf: tf.linspace(0.0, 1.0, tf.constant(3, tf.int64))),
    ("linspace float16", lambda tf: tf.linspace(tf.constant(0.0, tf.float16), tf.constant(1.0, tf.float16), 3)),
    # unique / identity_n
    ("unique", lambda tf: tf.unique([1, 1, 2, 4, 4, 4, 7, 8, 8])),
    ("unique int64 idx", lambda tf: tf.unique([3.0, 1.0, 3.0], out_idx=tf.int64)),
    ("unique matrix", lambda tf: tf.unique([[1, 2]])),
    ("unique strings", lambda tf: tf.unique(["a", "b", "a"])),
    ("unique empty", lambda tf: tf.unique(tf.zeros([0]))),
    ("unique float idx", lambda tf: tf.unique([1], out_idx=tf.float32)),
    ("unique fields", lambda tf: list(tf.unique([2, 1, 2])._fields)),
    ("identity_n", lambda tf: tf.identity_n([_a(tf), tf.constant(1)])),
    ("identity_n of a tensor", lambda tf: tf.identity_n(_a(tf))),
    # boolean_mask
    ("boolean_mask", lambda tf: tf.boolean_mask(_b(tf), [True, False])),
    ("boolean_mask 2-d", lambda tf: tf.boolean_mask(_b(tf), [[True, False], [False, True]])),
    ("boolean_mask axis 1", lambda tf: tf.boolean_mask(_b(tf), [True, False], axis=1)),
    ("boolean_mask scalar mask", lambda tf: tf.boolean_mask(_b(tf), True)),
    ("boolean_mask wrong length", lambda tf: tf.boolean_mask(_b(tf), [True, False, True])),
    ("boolean_mask int mask", lambda tf: tf.boolean_mask(_b(tf), [1, 0])),
    ("boolean_mask wrong shape", lambda tf: tf.boolean_mask(_a(tf), [[True, False, True]])),
    ("boolean_mask rank too high", lambda tf: tf.boolean_mask(_b(tf), [[[True]]])),
    ("boolean_mask empty", lambda tf: tf.boolean_mask(tf.zeros([0, 2]), tf.zeros([0], tf.bool))),
    ("boolean_mask negative axis", lambda tf: tf.boolean_mask(_b(tf), [True, False], axis=-1)),
    ("boolean_mask axis out of range", lambda tf: tf.boolean_mask(_b(tf), [True, False], axis=2)),
    ("boolean_mask none", lambda tf: tf.boolean_mask(_b(tf), [False, False])),
    # gather
    ("gather", lambda tf: tf.gather(_c(tf), [2, 0])),
    ("gather out of range", lambda tf: tf.gather(_c(tf), [3, 0])),
    ("gather negative index", lambda tf: tf.gather(_c(tf), [-1])),
    ("gather axis 1", lambda tf: tf.gather(_c(tf), [1, 1], axis=1)),
    ("gather axis 1 out of range", lambda tf: tf.gather(_c(tf), [1, 2], axis=1)),
    ("gather axis 2", lambda tf: tf.gather(_c(tf), [1], axis=2)),
    ("gather axis -1", lambda tf: tf.gather(_c(tf), [1], axis=-1)),
    ("gather float indices", lambda tf: tf.gather(_c(tf), [1.0])),
    ("gather int16 indices", lambda tf: tf.gather(_c(tf), tf.constant([1], tf.int16))),
    ("gather batch_dims 1", lambda tf: tf.gather(_c(tf), [[1], [0], [1]], batch_dims=1)),
    ("gather batch_dims -1", lambda tf: tf.gather(_c(tf), [[1], [0], [1]], batch_dims=-1)),
    ("gather batch_dims 2", lambda tf: tf.gather(_c(tf), [[1], [0], [1]], batch_dims=2)),
    ("gather axis 0 batch_dims 1", lambda tf: tf.gather(_c(tf), [[1], [0], [1]], axis=0, batch_dims=1)),
    ("gather batch size differs", lambda tf: tf.gather(_c(tf), [[1], [0]], batch_dims=1)),
    ("gather scalar index", lambda tf: tf.gather(_c(tf), 1)),
    ("gather scalar params", lambda tf: tf.gather(tf.constant(1.0), [0])),
    ("gather validate_indices", lambda tf: tf.gather(_c(tf), [1], validate_indices=True)),
    ("gather axis tensor", lambda tf: tf.gather(_c(tf), [1], axis=tf.constant(1))),
    ("gather strings", lambda tf: tf.gather(tf.constant(["a", "b"]), [1])),
    ("gather int64 out of range", lambda tf: tf.gather(_c(tf), tf.constant([7], tf.int64))),
    ("gather 2-d out of range", lambda tf: tf.gather(_c(tf), [[0, 9]])),
    ("gather scalar out of range", lambda tf: tf.gather(_c(tf), 3)),
    ("gather numpy indices", lambda tf: tf.gather(_c(tf), np.array([3]))),
    ("gather tuple indices", lambda tf: tf.gather(_c(tf), (3,))),
    ("gather named tensor indices", lambda tf: tf.gather(_c(tf), tf.constant([3]), name="foo")),
    ("gather batch_dims 1 axis 2", lambda tf: tf.gather(tf.reshape(tf.range(24.0), [2, 3, 4]), [[0, 3], [1, 1]],
                                                        axis=2, batch_dims=1)),
    ("gather 3-d axis 1", lambda tf: tf.gather(tf.reshape(tf.range(24.0), [2, 3, 4]), [[2, 0]], axis=1)),
    # gather_nd
    ("gather_nd", lambda tf: tf.gather_nd(_c(tf), [[0, 1], [2, 0]])),
    ("gather_nd rows", lambda tf: tf.gather_nd(_c(tf), [[1], [2]])),
    ("gather_nd out of range", lambda tf: tf.gather_nd(_c(tf), [[0, 5]])),
    ("gather_nd out of range 3-d", lambda tf: tf.gather_nd(_c(tf), [[[0, 1]], [[3, 0]]])),
    ("gather_nd too deep", lambda tf: tf.gather_nd(_c(tf), [[0, 1, 0]])),
    ("gather_nd batch_dims 1", lambda tf: tf.gather_nd(_c(tf), [[1], [0], [1]], batch_dims=1)),
    ("gather_nd scalar index", lambda tf: tf.gather_nd(_c(tf), 1)),
    ("gather_nd empty last axis", lambda tf: tf.gather_nd(_c(tf), tf.zeros([2, 0], tf.int32))),
    ("gather_nd negative", lambda tf: tf.gather_nd(_c(tf), [[-1, 0]])),
    ("gather_nd float indices", lambda tf: tf.gather_nd(_c(tf), [[1.0, 0.0]])),
    ("gather_nd scalar params", lambda tf: tf.gather_nd(tf.constant(1.0), [[0]])),
    ("gather_nd tensor out of range", lambda tf: tf.gather_nd(_c(tf), tf.constant([[5, 0]]))),
    ("gather_nd batch_dims 1 3-d", lambda tf: tf.gather_nd(tf.reshape(tf.range(24.0), [2, 3, 4]),
                                                           [[[0, 1], [2, 3]], [[1, 0], [0, 0]]], batch_dims=1)),
    # scatter_nd / tensor_scatter_nd_*
    ("scatter_nd", lambda tf: tf.scatter_nd([[1], [0], [1]], [1.0, 2.0, 3.0], [3])),
    ("scatter_nd rows", lambda tf: tf.scatter_nd([[1]], [[1.0, 2.0]], [3, 2])),
    ("scatter_nd out of range", lambda tf: tf.scatter_nd([[5]], [1.0], [3])),
    ("scatter_nd updates shape", lambda tf: tf.scatter_nd([[1]], [1.0, 2.0], [3])),
    ("scatter_nd negative", lambda tf: tf.scatter_nd([[-1]], [1.0], [3])),
    ("scatter_nd ints", lambda tf: tf.scatter_nd([[1]], [1], [3])),
    ("scatter_nd int64 shape", lambda tf: tf.scatter_nd([[1]], [1.0], tf.constant([3], tf.int64))),
    ("scatter_nd bool", lambda tf: tf.scatter_nd([[1]], [True], [3])),
    ("scatter_nd index too deep", lambda tf: tf.scatter_nd([[1, 0]], [1.0], [3])),
    ("tensor_scatter_nd_update", lambda tf: tf.tensor_scatter_nd_update(_c(tf), [[0, 0], [2, 1]], [10.0, 20.0])),
    ("tensor_scatter_nd_update duplicates",
     lambda tf: tf.tensor_scatter_nd_update(tf.zeros([3]), [[0], [0]], [1.0, 2.0])),
    ("tensor_scatter_nd_add duplicates", lambda tf: tf.tensor_scatter_nd_add(tf.zeros([3]), [[0], [0]], [1.0, 2.0])),
    ("tensor_scatter_nd_sub", lambda tf: tf.tensor_scatter_nd_sub(tf.zeros([3]), [[0], [0]], [1.0, 2.0])),
    ("tensor_scatter_nd_max", lambda tf: tf.tensor_scatter_nd_max(tf.zeros([3]), [[0], [1]], [1.0, -2.0])),
    ("tensor_scatter_nd_min", lambda tf: tf.tensor_scatter_nd_min(tf.zeros([3]), [[0], [1]], [1.0, -2.0])),
    ("tensor_scatter_nd_update out of range", lambda tf: tf.tensor_scatter_nd_update(tf.zeros([3]), [[3]], [1.0])),
    ("tensor_scatter_nd_add out of range", lambda tf: tf.tensor_scatter_nd_add(tf.zeros([3]), [[3]], [1.0])),
    ("tensor_scatter_nd_update shapes", lambda tf: tf.tensor_scatter_nd_update(tf.zeros([3]), [[1]], [1.0, 2.0])),
    ("tensor_scatter_nd_update int updates", lambda tf: tf.tensor_scatter_nd_update(tf.zeros([3]), [[1]], [1])),
    ("tensor_scatter_nd_update int tensor",
     lambda tf: tf.tensor_scatter_nd_update(tf.zeros([3]), [[1]], tf.constant([1]))),
    ("tensor_scatter_nd_update strings", lambda tf: tf.tensor_scatter_nd_update(tf.constant(["a", "b"]), [[1]],
                                                                                ["c"])),
    ("tensor_scatter_nd_update scalar", lambda tf: tf.tensor_scatter_nd_update(tf.constant(1.0), [[0]], [2.0])),
    ("tensor_scatter_nd_update empty indices",
     lambda tf: tf.tensor_scatter_nd_update(tf.zeros([2]), tf.zeros([0], tf.int32), [5.0, 6.0])),
    ("tensor_scatter_nd_update no updates",
     lambda tf: tf.tensor_scatter_nd_update(tf.zeros([2]), tf.zeros([0, 1], tf.int32), tf.zeros([0]))),
    ("tensor_scatter_nd_update scalar updates",
     lambda tf: tf.tensor_scatter_nd_update(tf.zeros([2]), tf.zeros([0], tf.int32), 5.0)),
    ("scatter_nd 1-d indices scalar update", lambda tf: tf.scatter_nd([1], 5.0, [3])),
    ("scatter_nd 1-d indices", lambda tf: tf.scatter_nd([1], [5.0], [3])),
    ("scatter_nd 1-d indices depth 2", lambda tf: tf.scatter_nd([1, 0], [5.0, 6.0], [2, 2])),
    ("scatter_nd 1-d indices rows", lambda tf: tf.scatter_nd([1], [5.0, 6.0], [3, 2])),
    ("scatter_nd 1-d indices one row", lambda tf: tf.scatter_nd([1], [5.0], [3, 1])),
    ("scatter_nd 1-d indices row of rows", lambda tf: tf.scatter_nd([1], [[5.0]], [3, 1])),
    ("scatter_nd 1-d indices matrix row", lambda tf: tf.scatter_nd([1], [[5.0, 6.0]], [3, 2])),
    ("scatter_nd 1-d depth 2 one value", lambda tf: tf.scatter_nd([1, 0], [5.0], [2, 2, 1])),
    ("scatter_nd 2-d depth 2", lambda tf: tf.scatter_nd([[1, 0]], [[5.0]], [2, 2, 1])),
    ("scatter_nd 3-d indices", lambda tf: tf.scatter_nd([[[1]], [[2]]], [[5.0], [3.0]], [3])),
    ("scatter_nd 3-d indices too many dims", lambda tf: tf.scatter_nd([[[1]], [[2]]], [[5.0], [3.0]], [3, 1])),
    ("tensor_scatter_nd_update 1-d indices scalar", lambda tf: tf.tensor_scatter_nd_update(_b(tf), [1, 0], 5.0)),
    ("tensor_scatter_nd_update 1-d indices row", lambda tf: tf.tensor_scatter_nd_update(_b(tf), [1], [5.0, 6.0])),
    ("tensor_scatter_nd_update rows", lambda tf: tf.tensor_scatter_nd_update(_c(tf), [[1]], [[0.0, -1.0]])),
    # unsorted_segment_sum
    ("unsorted_segment_sum", lambda tf: tf.math.unsorted_segment_sum(_c(tf), [0, 2, 0], 3)),
    ("unsorted_segment_sum negative id", lambda tf: tf.math.unsorted_segment_sum(_c(tf), [0, -1, 0], 3)),
    ("unsorted_segment_sum id out of range", lambda tf: tf.math.unsorted_segment_sum(_c(tf), [0, 5, 0], 3)),
    ("unsorted_segment_sum ids shape", lambda tf: tf.math.unsorted_segment_sum(_c(tf), [0, 1], 3)),
    ("unsorted_segment_sum 2-d ids", lambda tf: tf.math.unsorted_segment_sum(_c(tf), [[0, 1], [1, 1], [0, 0]], 2)),
    ("unsorted_segment_sum scalar", lambda tf: tf.math.unsorted_segment_sum(tf.constant(2.0), 1, 2)),
    ("unsorted_segment_sum int64 count", lambda tf: tf.math.unsorted_segment_sum(_c(tf), [0, 1, 0],
                                                                                  tf.constant(2, tf.int64))),
    ("unsorted_segment_sum negative count", lambda tf: tf.math.unsorted_segment_sum(_c(tf), [0, 1, 0], -1)),
    ("unsorted_segment_sum vector count", lambda tf: tf.math.unsorted_segment_sum(_c(tf), [0, 1, 0], [2])),
    ("unsorted_segment_sum float ids", lambda tf: tf.math.unsorted_segment_sum(_c(tf), [0.0, 1.0, 0.0], 2)),
    ("unsorted_segment_sum ints", lambda tf: tf.math.unsorted_segment_sum([1, 2, 3], [0, 1, 0], 2)),
    ("unsorted_segment_sum bool", lambda tf: tf.math.unsorted_segment_sum([True], [0], 2)),
    ("unsorted_segment_sum int16 ids", lambda tf: tf.math.unsorted_segment_sum(_c(tf), tf.constant([0, 1, 0],
                                                                                                 tf.int16), 2)),
    # embedding_lookup
    ("embedding_lookup", lambda tf: tf.nn.embedding_lookup(_c(tf), [2, 0])),
    ("embedding_lookup out of range", lambda tf: tf.nn.embedding_lookup(_c(tf), [5])),
    ("embedding_lookup max_norm", lambda tf: tf.nn.embedding_lookup(_c(tf), [2, 0], max_norm=1.0)),
    ("embedding_lookup max_norm 2-d ids", lambda tf: tf.nn.embedding_lookup(_c(tf), [[2, 0]], max_norm=5.0)),
    ("embedding_lookup max_norm scalar id", lambda tf: tf.nn.embedding_lookup(_c(tf), 1, max_norm=5.0)),
    ("embedding_lookup list", lambda tf: tf.nn.embedding_lookup([_c(tf)], [2, 0])),
    ("embedding_lookup shards", lambda tf: tf.nn.embedding_lookup([_c(tf), _b(tf)], [4, 0, 3, 1, 2])),
    ("embedding_lookup uneven shards",
     lambda tf: tf.nn.embedding_lookup([tf.reshape(tf.range(6.0), [3, 2]), tf.reshape(tf.range(6.0, 10.0), [2, 2]),
                                        tf.reshape(tf.range(10.0, 14.0), [2, 2])], [[6, 0], [3, 4]])),
    ("embedding_lookup no params", lambda tf: tf.nn.embedding_lookup([], [2, 0])),
    ("embedding_lookup float ids", lambda tf: tf.nn.embedding_lookup(_c(tf), [1.0])),
]

for _name, _program in _PROGRAMS:
    case(AREA, _name)(_program)


# -- variables ------------------------------------------------------------------------------------------
def _var(tf: Any) -> Any:
    return tf.Variable([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]])


def _after(tf: Any, method: str, *args: Any) -> Any:
    v = _var(tf)
    try:
        r = getattr(v, method)(*args)
    except Exception as exc:
        return [exc, v.numpy()]
    return [type(r).__name__, r.numpy(), v.numpy()]


_VARIABLE_PROGRAMS = [
    ("scatter_update", lambda tf: _after(tf, "scatter_update", tf.IndexedSlices(tf.constant([[9.0, 9.0]]),
                                                                                tf.constant([1])))),
    ("scatter_add repeated rows", lambda tf: _after(tf, "scatter_add", tf.IndexedSlices(tf.ones([2, 2]),
                                                                                         tf.constant([1, 1])))),
    ("scatter_sub", lambda tf: _after(tf, "scatter_sub", tf.IndexedSlices(tf.ones([1, 2]), tf.constant([0])))),
    ("scatter_max", lambda tf: _after(tf, "scatter_max", tf.IndexedSlices(tf.constant([[100.0, 0.0]]),
                                                                          tf.constant([1])))),
    ("scatter_min", lambda tf: _after(tf, "scatter_min", tf.IndexedSlices(tf.constant([[100.0, 0.0]]),
                                                                          tf.constant([1])))),
    ("scatter_mul", lambda tf: _after(tf, "scatter_mul", tf.IndexedSlices(tf.constant([[2.0, 3.0]]),
                                                                          tf.constant([2])))),
    ("scatter_div", lambda tf: _after(tf, "scatter_div", tf.IndexedSlices(tf.constant([[2.0, 4.0]]),
                                                                          tf.constant([2])))),
    ("scatter_update not IndexedSlices", lambda tf: _after(tf, "scatter_update", tf.constant([[1.0, 1.0]]))),
    ("scatter_update out of range", lambda tf: _after(tf, "scatter_update", tf.IndexedSlices(
        tf.constant([[9.0, 9.0]]), tf.constant([5])))),
    ("scatter_update values shape", lambda tf: _after(tf, "scatter_update", tf.IndexedSlices(
        tf.constant([9.0, 9.0]), tf.constant([1])))),
    ("scatter_update int values", lambda tf: _after(tf, "scatter_update", tf.IndexedSlices(
        tf.constant([[9, 9]]), tf.constant([1])))),
    ("scatter_update python lists", lambda tf: _after(tf, "scatter_update", tf.IndexedSlices([[7.0, 7.0]], [1]))),
    ("scatter_update repeated rows", lambda tf: _after(tf, "scatter_update", tf.IndexedSlices(
        tf.constant([[1.0, 1.0], [2.0, 2.0]]), tf.constant([1, 1])))),
    ("scatter_update scalar index", lambda tf: _after(tf, "scatter_update", tf.IndexedSlices(
        tf.constant([8.0, 8.0]), tf.constant(1)))),
    ("scatter_update scalar value", lambda tf: _after(tf, "scatter_update", tf.IndexedSlices(
        tf.constant(8.0), tf.constant([0, 2])))),
    ("scatter_nd_update", lambda tf: _after(tf, "scatter_nd_update", [[0, 0], [2, 1]], [10.0, 20.0])),
    ("scatter_nd_add rows", lambda tf: _after(tf, "scatter_nd_add", [[0], [0]], [[1.0, 1.0], [1.0, 1.0]])),
    ("scatter_nd_sub", lambda tf: _after(tf, "scatter_nd_sub", [[0, 0]], [1.0])),
    ("scatter_nd_update out of range", lambda tf: _after(tf, "scatter_nd_update", [[5, 0]], [1.0])),
    ("scatter_nd_update shapes", lambda tf: _after(tf, "scatter_nd_update", [[1, 0]], [1.0, 2.0])),
    ("scatter_nd_update int list", lambda tf: _after(tf, "scatter_nd_update", [[1, 0]], [1])),
    ("scatter_nd_update int tensor", lambda tf: _after(tf, "scatter_nd_update", [[1, 0]], tf.constant([1]))),
    ("sparse_read", lambda tf: _var(tf).sparse_read([2, 0])),
    ("sparse_read out of range", lambda tf: _var(tf).sparse_read([3])),
    ("sparse_read float indices", lambda tf: _var(tf).sparse_read([1.0])),
    ("gather of a variable", lambda tf: tf.gather(_var(tf), [2])),
    ("gather of a variable out of range", lambda tf: tf.gather(_var(tf), [5])),
    ("gather of a variable axis 1", lambda tf: tf.gather(_var(tf), [1], axis=1)),
    ("embedding_lookup of a variable out of range", lambda tf: tf.nn.embedding_lookup(_var(tf), [5])),
    ("gather_nd of a variable", lambda tf: tf.gather_nd(_var(tf), [[0, 1]])),
    ("gather_nd of a variable out of range", lambda tf: tf.gather_nd(_var(tf), [[9, 1]])),
    ("Variable.gather_nd", lambda tf: _var(tf).gather_nd([[0, 1]])),
]

for _name, _program in _VARIABLE_PROGRAMS:
    case(AREA, _name)(_program)


@case(AREA, "scatter inside a tape")
def scatter_inside_tape(tf: Any) -> Any:
    w = tf.Variable([1.0, 2.0, 3.0])
    with tf.GradientTape(persistent=True) as t:
        y = w * 2.0
        r = w.scatter_nd_update([[0]], [5.0])
        z = y + w
        q = r * 2.0
    return [t.gradient(z, w), t.gradient(q, w), [v.name for v in t.watched_variables()], type(r).__name__]


# -- gradients -------------------------------------------------------------------------------------------
def _grads(tf: Any, f: Any, *xs: Any, upstream: Any = None) -> Any:
    """First and second order: [dy/dx..., d(sum(dy/dx * w))/dx...] with fixed weights w."""
    xs = [tf.constant(np.asarray(x, dtype=np.float32)) for x in xs]
    with tf.GradientTape(persistent=True) as outer:
        outer.watch(xs)
        with tf.GradientTape() as inner:
            inner.watch(xs)
            y = f(*xs)
            if upstream is not None:
                y = y * tf.constant(np.asarray(upstream, dtype=np.float32))
            y = y * y
        first = inner.gradient(y, xs)
        dense = [None if g is None else tf.convert_to_tensor(g) for g in first]
        total = [tf.reduce_sum(g) for g in dense if g is not None]
    second = [outer.gradient(t, xs) for t in total]
    return [first, second]


_M = [[1.0, -2.0, 3.0], [0.5, 4.0, -1.5]]
_V = [1.0, -2.0, 3.0, 0.5]

_GRADIENT_PROGRAMS = [
    ("grad concat", lambda tf: _grads(tf, lambda a, b: tf.concat([a, b], 1), _M, [[1.0], [2.0]])),
    ("grad concat axis 0", lambda tf: _grads(tf, lambda a, b: tf.concat([a, b], 0), _M, [[1.0, 2.0, 3.0]])),
    ("grad concat one input", lambda tf: _grads(tf, lambda a: tf.concat([a], 1), _M)),
    ("grad stack", lambda tf: _grads(tf, lambda a, b: tf.stack([a, b], 1), _V, [2.0, 1.0, 0.0, -1.0])),
    ("grad unstack", lambda tf: _grads(tf, lambda a: tf.unstack(a, axis=1)[1] * tf.unstack(a)[0][1], _M)),
    ("grad unstack one used", lambda tf: _grads(tf, lambda a: tf.unstack(a)[0], _M)),
    ("grad split", lambda tf: _grads(tf, lambda a: tf.split(a, 3, axis=1)[2] * 2.0, _M)),
    ("grad split sizes", lambda tf: _grads(tf, lambda a: tf.split(a, [1, -1], axis=1)[1], _M)),
    ("grad tile", lambda tf: _grads(tf, lambda a: tf.tile(a, [2, 3]), _M)),
    ("grad pad", lambda tf: _grads(tf, lambda a: tf.pad(a, [[1, 0], [2, 1]]), _M)),
    ("grad pad constant", lambda tf: _grads(tf, lambda a: tf.pad(a, [[1, 0], [2, 1]], constant_values=3.0), _M)),
    ("grad pad reflect", lambda tf: _grads(tf, lambda a: tf.pad(a, [[1, 1], [2, 1]], "REFLECT"), _M,
                                           upstream=np.arange(20).reshape(4, 5) / 10.0)),
    ("grad pad symmetric", lambda tf: _grads(tf, lambda a: tf.pad(a, [[2, 1], [3, 0]], "SYMMETRIC"), _M,
                                             upstream=np.arange(30).reshape(5, 6) / 10.0)),
    ("grad reverse", lambda tf: _grads(tf, lambda a: tf.reverse(a, [1]) * tf.constant([1.0, 2.0, 3.0]), _M)),
    ("grad roll", lambda tf: _grads(tf, lambda a: tf.roll(a, [1, 2], [0, 1]) * tf.constant([1.0, 2.0, 3.0]), _M)),
    ("grad slice", lambda tf: _grads(tf, lambda a: tf.slice(a, [0, 1], [2, 2]), _M)),
    ("grad strided_slice", lambda tf: _grads(tf, lambda a: tf.strided_slice(a, [0, 2], [2, 0], [1, -1]), _M)),
    ("grad boolean_mask", lambda tf: _grads(tf, lambda a: tf.boolean_mask(a, [[True, False, True],
                                                                               [False, True, True]]), _M)),
    ("grad one_hot values", lambda tf: _grads(tf, lambda a: tf.one_hot([0, 2], 3, on_value=a[0, 0],
                                                                       off_value=a[0, 1]), _M)),
    ("grad meshgrid", lambda tf: _grads(tf, lambda a, b: tf.meshgrid(a, b)[0] * tf.meshgrid(a, b)[1], _V,
                                        [1.0, 2.0])),
    ("grad linspace", lambda tf: _grads(tf, lambda a, b: tf.linspace(a, b, 4), [1.0, -1.0], [2.0, 5.0])),
    ("grad identity_n", lambda tf: _grads(tf, lambda a: tf.identity_n([a, a * 2.0])[1], _V)),
    ("grad unique", lambda tf: _grads(tf, lambda a: tf.unique(a)[0], [1.0, 2.0, 1.0])),
    ("grad gather", lambda tf: _grads(tf, lambda a: tf.gather(a, [2, 0, 2]), _V)),
    ("grad gather axis 1", lambda tf: _grads(tf, lambda a: tf.gather(a, [2, 0, 2], axis=1), _M)),
    ("grad gather axis -1", lambda tf: _grads(tf, lambda a: tf.gather(a, [1], axis=-1), _M)),
    ("grad gather batch_dims", lambda tf: _grads(tf, lambda a: tf.gather(a, [[2, 0], [1, 1]], axis=1,
                                                                         batch_dims=1), _M)),
    ("grad gather_nd", lambda tf: _grads(tf, lambda a: tf.gather_nd(a, [[0, 1], [1, 2], [0, 1]]), _M)),
    ("grad gather_nd rows", lambda tf: _grads(tf, lambda a: tf.gather_nd(a, [[1], [1]]), _M)),
    ("grad gather_nd batch_dims", lambda tf: _grads(tf, lambda a: tf.gather_nd(a, [[2], [0]], batch_dims=1), _M)),
    ("grad scatter_nd", lambda tf: _grads(tf, lambda u: tf.scatter_nd([[1], [0], [1]], u, [4]), [1.0, 2.0, 3.0])),
    ("grad tensor_scatter_nd_update",
     lambda tf: _grads(tf, lambda a, u: tf.tensor_scatter_nd_update(a, [[0, 1], [1, 2]], u), _M, [5.0, 6.0])),
    ("grad tensor_scatter_nd_add",
     lambda tf: _grads(tf, lambda a, u: tf.tensor_scatter_nd_add(a, [[0, 1], [0, 1]], u), _M, [5.0, 6.0])),
    ("grad tensor_scatter_nd_sub",
     lambda tf: _grads(tf, lambda a, u: tf.tensor_scatter_nd_sub(a, [[1]], u), _M, [[5.0, 6.0, 7.0]])),
    ("grad tensor_scatter_nd_max",
     lambda tf: _grads(tf, lambda a, u: tf.tensor_scatter_nd_max(a, [[0, 1], [1, 0], [1, 1]], u), _M,
                       [-2.0, 1.0, 4.0])),
    ("grad tensor_scatter_nd_min",
     lambda tf: _grads(tf, lambda a, u: tf.tensor_scatter_nd_min(a, [[0, 0], [1, 0]], u), _M, [1.0, 0.0])),
    ("grad unsorted_segment_sum",
     lambda tf: _grads(tf, lambda a: tf.math.unsorted_segment_sum(a, [1, -1], 3), _M)),
    ("grad embedding_lookup", lambda tf: _grads(tf, lambda a: tf.nn.embedding_lookup(a, [1, 0, 1]), _M)),
    ("grad embedding_lookup max_norm",
     lambda tf: _grads(tf, lambda a: tf.nn.embedding_lookup(a, [[1, 0]], max_norm=2.0), _M)),
    ("grad embedding_lookup shards",
     lambda tf: _grads(tf, lambda a, b: tf.nn.embedding_lookup([a, b], [2, 0, 2]), _M, [[1.0, 1.0, 1.0]])),
    ("embedding_lookup shards out of range",
     lambda tf: tf.nn.embedding_lookup([tf.zeros([2, 3]), tf.zeros([1, 3])], [3, 0, 2])),
    ("embedding_lookup shards negative id",
     lambda tf: tf.nn.embedding_lookup([tf.zeros([2, 3]), tf.zeros([1, 3])], [-1, 0, 2])),
]

for _name, _program in _GRADIENT_PROGRAMS:
    case(AREA, _name)(_program)


@case(AREA, "gradient of concat wrt its pieces is None for unused")
def concat_unused(tf: Any) -> Any:
    a = tf.constant([1.0, 2.0])
    b = tf.constant([3.0])
    c = tf.constant([4.0])
    with tf.GradientTape() as t:
        t.watch([a, b, c])
        y = tf.concat([a, b], 0) * 2.0
    return t.gradient(y, [a, b, c])


@case(AREA, "gradient of an empty gather on axis 1 of an empty tensor")
def empty_gather_axis1(tf: Any) -> Any:
    out = []
    for shape, indices in (([0, 0], []), ([0, 2], [1]), ([2, 3, 0], []), ([2, 0, 3], [])):
        x = tf.zeros(shape)
        with tf.GradientTape() as t:
            t.watch(x)
            y = tf.gather(x, tf.constant(indices, tf.int32), axis=1)
        out.append(attempt(t.gradient, y, x))
    return out


@case(AREA, "reshape of empty tensors")
def reshape_empty(tf: Any) -> Any:
    pairs = [([0], [0, -1]), ([2, 0], [-1, 3]), ([3], [0, -1]), ([0, 4], [-1, 2]), ([0, 4], [2, -1]),
             ([0, 4], [0, -1, 2]), ([5], [-1, 2]), ([4], [-1, -3]), ([0], [-1]), ([6], [-1, 0])]
    return [attempt(tf.reshape, tf.zeros(src), dst) for src, dst in pairs]


@case(AREA, "gather_nd gradient with 1-d indices")
def gather_nd_vector_indices(tf: Any) -> Any:
    out = []
    for x, indices in (([1.0, 2.0], [0]), ([[1.0, 2.0], [3.0, 4.0]], [1, 0]), ([[1.0, 2.0], [3.0, 4.0]], [1]),
                       ([[1.0, 2.0], [3.0, 4.0]], [[1]]), ([[1.0], [3.0]], [1])):
        x = tf.constant(x)
        with tf.GradientTape() as t:
            t.watch(x)
            y = tf.gather_nd(x, indices)
        out.append(attempt(t.gradient, y, x))
    return out


@case(AREA, "unsorted_segment_sum gradient with no segments")
def segment_sum_no_segments(tf: Any) -> Any:
    x = tf.constant([0.5])
    with tf.GradientTape() as t:
        t.watch(x)
        y = tf.math.unsorted_segment_sum(x, [-1], 0)
    return [y, attempt(t.gradient, y, x)]


@case(AREA, "gather of a gather")
def gather_of_gather(tf: Any) -> Any:
    x = tf.constant([1.0, 2.0, 3.0, 4.0])
    with tf.GradientTape() as t:
        t.watch(x)
        y = tf.gather(tf.gather(x, [3, 1, 3]), [0, 2, 1])
    return t.gradient(y, x)


@case(AREA, "gather of a concat")
def gather_of_concat(tf: Any) -> Any:
    a = tf.constant([[1.0, 2.0], [3.0, 4.0]])
    b = tf.constant([[5.0, 6.0]])
    with tf.GradientTape() as t:
        t.watch([a, b])
        y = tf.gather(tf.concat([a, b], 0), [2, 0, 2])
    return t.gradient(y, [a, b])


@case(AREA, "gather of a concat on axis 1")
def gather_of_concat_axis1(tf: Any) -> Any:
    a = tf.constant([[1.0, 2.0], [3.0, 4.0]])
    b = tf.constant([[5.0], [6.0]])
    with tf.GradientTape() as t:
        t.watch([a, b])
        y = tf.gather(tf.concat([a, b], 1), [1, 1])
    return t.gradient(y, [a, b])


@case(AREA, "gather of a tile")
def gather_of_tile(tf: Any) -> Any:
    a = tf.constant([[1.0, 2.0], [3.0, 4.0]])
    with tf.GradientTape() as t:
        t.watch(a)
        y = tf.gather(tf.tile(a, [3, 1]), [5, 0, 2])
    return t.gradient(y, a)


@case(AREA, "gather of a stack")
def gather_of_stack(tf: Any) -> Any:
    a = tf.constant([1.0, 2.0])
    b = tf.constant([3.0, 4.0])
    with tf.GradientTape() as t:
        t.watch([a, b])
        y = tf.gather(tf.stack([a, b]), [1, 1])
    return t.gradient(y, [a, b])


@case(AREA, "unique has no gradient")
def unique_no_gradient(tf: Any) -> Any:
    x = tf.constant([1.0, 2.0, 1.0])
    with tf.GradientTape() as t:
        t.watch(x)
        y = tf.unique(x).y * 2.0
    return t.gradient(y, x)


@case(AREA, "one_hot has no gradient")
def one_hot_no_gradient(tf: Any) -> Any:
    x = tf.constant(2.0)
    with tf.GradientTape() as t:
        t.watch(x)
        y = tf.one_hot([0, 1], 2, on_value=x, off_value=0.0)
    return t.gradient(y, x)


@case(AREA, "linspace gradient wrt num is None")
def linspace_num(tf: Any) -> Any:
    start = tf.constant(0.0)
    stop = tf.constant(1.0)
    with tf.GradientTape() as t:
        t.watch([start, stop])
        y = tf.linspace(start, stop, 3)
    return t.gradient(y, [start, stop])


@case(AREA, "embedding_lookup of a variable gives IndexedSlices")
def embedding_variable(tf: Any) -> Any:
    v = tf.Variable([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]])
    with tf.GradientTape() as t:
        y = tf.nn.embedding_lookup(v, [[2, 0], [2, 2]], max_norm=3.0)
    g = t.gradient(y, v)
    return [type(g).__name__, g.values, g.indices, g.dense_shape, tf.convert_to_tensor(g)]


@case(AREA, "squeeze's axis forms and errors, BroadcastTo's three checks, Cast's C++ type names, "
            "stack of mixed-dtype tensors reaching Pack")
def kernel_messages_of_shape_ops(tf: Any) -> Any:
    ones = tf.ones([2, 3])
    calls = [lambda: tf.squeeze(tf.ones([1, 1]), tf.constant([0])), lambda: tf.squeeze(tf.ones([1, 1]), np.array([0])),
             lambda: tf.squeeze(tf.ones([1, 1]), 0.0), lambda: tf.squeeze(tf.ones([1, 1]), "0"),
             lambda: tf.squeeze(tf.ones([1, 1]), [np.int32(0), 1]), lambda: tf.squeeze(ones, [5]),
             lambda: tf.squeeze(ones, [1], name="sq"), lambda: tf.squeeze(tf.ones([2, 0, 3]), [1]),
             lambda: tf.broadcast_to(tf.ones([2]), [3]), lambda: tf.broadcast_to(ones, [3]),
             lambda: tf.broadcast_to(ones, [4, 3, 3]), lambda: tf.broadcast_to(tf.ones([2, 1]), [2, 1, 3]),
             lambda: tf.broadcast_to(tf.ones([3]), [2, 0]), lambda: tf.cast(tf.constant(["1"]), tf.float64),
             lambda: tf.cast(tf.constant(["1"]), tf.float16), lambda: tf.cast(tf.constant([1.0]), tf.string),
             lambda: tf.cast(tf.constant([1]), tf.string),
             lambda: tf.stack([tf.constant(1), tf.constant(3, tf.int64), 4]),
             lambda: tf.nn.moments(ones, tf.constant([0, 1])), lambda: tf.nn.moments(ones, [0, 1])]
    return [attempt(c) for c in calls]
