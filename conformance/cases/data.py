"""tf.data: element sequences, element specs and their reprs, cardinalities, dataset reprs, shuffle
orders with seeds, iteration protocol and the exceptions of misuse.

Most cases run one pipeline and return its summary (`_summary`): the dataset's repr (class name and
element spec), its cardinality, `len()` (or the error), and every element as NumPy values.
"""

from __future__ import annotations

import collections
from typing import Any

import numpy as np

from conformance.case import attempt, case

_P = collections.namedtuple("_P", "x y")


def _elements(ds: Any, limit: int = 64) -> list:
    out = []
    for i, element in enumerate(ds.as_numpy_iterator()):
        if i == limit:
            break
        out.append(element)
    return out


def _summary(ds: Any, limit: int = 64) -> dict:
    return {"repr": repr(ds), "cardinality": int(ds.cardinality()), "len": attempt(len, ds),
            "elements": attempt(_elements, ds, limit)}


def _spec(ds: Any) -> list:
    return [repr(ds), repr(ds.element_spec), int(ds.cardinality())]


def _pipeline(name: str, build: Any, limit: int = 64) -> None:
    def run(tf: Any) -> Any:
        return _summary(build(tf, tf.data.Dataset), limit)

    run.__name__ = "pipeline_" + name.replace(" ", "_")
    case("data", name)(run)


def _x(n: int, d: int = 3) -> np.ndarray:
    return np.arange(n * d, dtype=np.float32).reshape(n, d)


# -- sources -----------------------------------------------------------------------------------
_pipeline("from_tensor_slices list of ints", lambda tf, ds: ds.from_tensor_slices([1, 2, 3]))
_pipeline("from_tensor_slices list of floats", lambda tf, ds: ds.from_tensor_slices([1.5, 2.5]))
_pipeline("from_tensor_slices float64 array", lambda tf, ds: ds.from_tensor_slices(np.array([1.0, 2.0])))
_pipeline("from_tensor_slices int64 array", lambda tf, ds: ds.from_tensor_slices(np.arange(4)))
_pipeline("from_tensor_slices matrix rows", lambda tf, ds: ds.from_tensor_slices(_x(4)))
_pipeline("from_tensor_slices bools", lambda tf, ds: ds.from_tensor_slices([True, False]))
_pipeline("from_tensor_slices strings", lambda tf, ds: ds.from_tensor_slices(["a", "bc"]))
_pipeline("from_tensor_slices bytes", lambda tf, ds: ds.from_tensor_slices([b"x", b"yz"]))
_pipeline("from_tensor_slices list of tuples is one array", lambda tf, ds: ds.from_tensor_slices(
    [(5, 6, 7), (8, 9, 10)]))
_pipeline("from_tensor_slices tuple", lambda tf, ds: ds.from_tensor_slices((_x(3), np.arange(3))))
_pipeline("from_tensor_slices dict", lambda tf, ds: ds.from_tensor_slices({"b": [1, 2], "a": [[1.0, 2.0], [3.0, 4.0]]}))
_pipeline("from_tensor_slices nested", lambda tf, ds: ds.from_tensor_slices(({"f": _x(2)}, ([1, 2], [3, 4]))))
_pipeline("from_tensor_slices namedtuple", lambda tf, ds: ds.from_tensor_slices(_P([1, 2], [3.0, 4.0])))
_pipeline("from_tensor_slices tensor", lambda tf, ds: ds.from_tensor_slices(tf.constant([[1, 2], [3, 4]])))
_pipeline("from_tensor_slices empty", lambda tf, ds: ds.from_tensor_slices(np.zeros((0, 2), np.float32)))
_pipeline("from_tensor_slices uint8 images", lambda tf, ds: ds.from_tensor_slices(
    np.arange(8, dtype=np.uint8).reshape(2, 2, 2)))
_pipeline("from_tensors scalar", lambda tf, ds: ds.from_tensors(3))
_pipeline("from_tensors tuple", lambda tf, ds: ds.from_tensors(([1, 2], "x")))
_pipeline("from_tensors dict", lambda tf, ds: ds.from_tensors({"a": _x(2), "b": 1.5}))
_pipeline("range stop", lambda tf, ds: ds.range(5))
_pipeline("range start stop", lambda tf, ds: ds.range(2, 6))
_pipeline("range step", lambda tf, ds: ds.range(1, 10, 3))
_pipeline("range negative step", lambda tf, ds: ds.range(5, 0, -2))
_pipeline("range empty", lambda tf, ds: ds.range(5, 2))
_pipeline("range output_type int32", lambda tf, ds: ds.range(3, output_type=tf.int32))
_pipeline("range output_type float32", lambda tf, ds: ds.range(3, output_type=tf.float32))
_pipeline("range ignores dtype keyword", lambda tf, ds: ds.range(3, dtype=tf.int32))


# -- generators --------------------------------------------------------------------------------
def _gen_ints() -> Any:
    yield from [1, 2, 3]


def _gen_pairs() -> Any:
    for i in range(3):
        yield np.full([i + 1], i, np.float32), i


def _gen_floats() -> Any:
    yield from [0.9, 3.99, -2.5]


_pipeline("from_generator scalars", lambda tf, ds: ds.from_generator(
    _gen_ints, output_signature=tf.TensorSpec(shape=(), dtype=tf.int32)))
_pipeline("from_generator varying lengths", lambda tf, ds: ds.from_generator(
    _gen_pairs, output_signature=(tf.TensorSpec((None,), tf.float32), tf.TensorSpec((), tf.int64))))
_pipeline("from_generator floats to int32 truncate", lambda tf, ds: ds.from_generator(
    _gen_floats, output_signature=tf.TensorSpec((), tf.int32)))
_pipeline("from_generator batched", lambda tf, ds: ds.from_generator(
    _gen_ints, output_signature=tf.TensorSpec((), tf.int64)).batch(2))
_pipeline("from_generator take", lambda tf, ds: ds.from_generator(
    _gen_ints, output_signature=tf.TensorSpec((), tf.int64)).take(2))
_pipeline("from_generator output_types", lambda tf, ds: ds.from_generator(_gen_ints, output_types=tf.int64))
_pipeline("from_generator args", lambda tf, ds: ds.from_generator(
    lambda n: iter(range(int(n))), args=(3,), output_signature=tf.TensorSpec((), tf.int64)))


@case("data", "from_generator is called anew for each iteration")
def generator_restarts(tf: Any) -> Any:
    calls = []

    def gen() -> Any:
        calls.append(1)
        yield from range(2)

    ds = tf.data.Dataset.from_generator(gen, output_signature=tf.TensorSpec((), tf.int64))
    first, second = _elements(ds), _elements(ds)
    return [first, second, len(calls)]


@case("data", "from_generator wrong shape raises at iteration", compare_message=False)
def generator_wrong_shape(tf: Any) -> Any:
    ds = tf.data.Dataset.from_generator(lambda: iter([[1]]), output_signature=tf.TensorSpec((3,), tf.int32))
    return attempt(_elements, ds)


@case("data", "from_generator unconvertible value raises at iteration", compare_message=False)
def generator_bad_value(tf: Any) -> Any:
    ds = tf.data.Dataset.from_generator(lambda: iter(["x"]), output_signature=tf.TensorSpec((), tf.int32))
    return attempt(_elements, ds)


@case("data", "from_generator without a signature")
def generator_no_signature(tf: Any) -> Any:
    return attempt(tf.data.Dataset.from_generator, _gen_ints)


# -- map, filter ---------------------------------------------------------------------------------
_pipeline("map scalar", lambda tf, ds: ds.range(4).map(lambda x: x * 2))
_pipeline("map unpacks tuples", lambda tf, ds: ds.from_tensor_slices(([1, 2], [10, 20])).map(lambda x, y: x + y))
_pipeline("map dict argument", lambda tf, ds: ds.from_tensor_slices({"a": [1, 2], "b": [3, 4]}).map(
    lambda d: d["a"] * d["b"]))
_pipeline("map returns tuple", lambda tf, ds: ds.range(3).map(lambda x: (x, tf.cast(x, tf.float32) / 2)))
_pipeline("map returns list becomes tuple", lambda tf, ds: ds.range(3).map(lambda x: [x, x + 1]))
_pipeline("map returns dict", lambda tf, ds: ds.range(3).map(lambda x: {"v": x, "sq": x * x}))
_pipeline("map returns nested", lambda tf, ds: ds.range(2).map(lambda x: (x, {"a": x})))
_pipeline("map returns python constant", lambda tf, ds: ds.range(2).map(lambda x: 7))
_pipeline("map reshape after batch", lambda tf, ds: ds.range(12).batch(4).map(lambda x: tf.reshape(x, [-1, 2])))
_pipeline("map one_hot", lambda tf, ds: ds.from_tensor_slices([0, 2, 1]).map(lambda y: tf.one_hot(y, 3)))
_pipeline("map normalise images", lambda tf, ds: ds.from_tensor_slices(
    (np.arange(12, dtype=np.uint8).reshape(3, 4), [0, 1, 2])).map(lambda x, y: (tf.cast(x, tf.float32) / 255.0, y)))
_pipeline("map num_parallel_calls", lambda tf, ds: ds.range(5).map(lambda x: x + 1, num_parallel_calls=2))
_pipeline("map AUTOTUNE", lambda tf, ds: ds.range(5).map(lambda x: x - 1, num_parallel_calls=tf.data.AUTOTUNE))
_pipeline("map strings concatenate", lambda tf, ds: ds.from_tensor_slices(["a", "b"]).map(lambda s: s + "!"))
_pipeline("map namedtuple not unpacked", lambda tf, ds: ds.from_tensor_slices(_P([1, 2], [3, 4])).map(
    lambda p: p.x * 10 + p.y))
_pipeline("filter even", lambda tf, ds: ds.range(10).filter(lambda x: x % 2 == 0))
_pipeline("filter tuples", lambda tf, ds: ds.from_tensor_slices(([1, 2, 3], [4, 5, 6])).filter(lambda x, y: y > 4))
_pipeline("filter strings", lambda tf, ds: ds.from_tensor_slices(["a", "b", "a"]).filter(
    lambda s: tf.not_equal(s, "a")))
_pipeline("filter nothing passes", lambda tf, ds: ds.range(5).filter(lambda x: x > 10))
_pipeline("map then filter then batch", lambda tf, ds: ds.range(10).map(lambda x: x * 3).filter(
    lambda x: x % 2 == 1).batch(2))


@case("data", "map function side effects")
def map_side_effects(tf: Any) -> Any:
    ds = tf.data.Dataset.range(3).map(lambda x: x + 1)
    return [_elements(ds), _elements(ds)]


@case("data", "map function raising ValueError", compare_message=False)
def map_raises_value_error(tf: Any) -> Any:
    def bad(x: Any) -> Any:
        raise ValueError("nope")

    return attempt(tf.data.Dataset.range(3).map, bad)


@case("data", "map function raising TypeError", compare_message=False)
def map_raises_type_error(tf: Any) -> Any:
    def bad(x: Any) -> Any:
        raise TypeError("nope")

    return attempt(tf.data.Dataset.range(3).map, bad)


@case("data", "map function returning None", compare_message=False)
def map_returns_none(tf: Any) -> Any:
    return attempt(tf.data.Dataset.range(3).map, lambda x: None)


@case("data", "map arity mismatch", compare_message=False)
def map_arity(tf: Any) -> Any:
    return [attempt(tf.data.Dataset.range(3).map, lambda x, y: x),
            attempt(tf.data.Dataset.from_tensor_slices(([1], [2])).map, lambda x: x)]


@case("data", "map dtype mix int64 + float32")
def map_dtype_mix(tf: Any) -> Any:
    err = attempt(tf.data.Dataset.range(3).map, lambda x: x + 1.5)
    return [type(err).__name__, "Input 'y' of 'AddV2' Op has type float32 that does not match type int64" in str(err)]


@case("data", "value-dependent failure inside map appears at iteration", compare_message=False)
def map_check_numerics(tf: Any) -> Any:
    ds = tf.data.Dataset.from_tensor_slices([1.0, 0.0, 2.0]).map(
        lambda x: tf.debugging.check_numerics(1.0 / x - 1.0 / x, "bad"))
    it = iter(ds)
    return [attempt(next, it), attempt(next, it)]


@case("data", "filter predicate returning non-bool")
def filter_non_bool(tf: Any) -> Any:
    return [attempt(tf.data.Dataset.range(3).filter, lambda x: x),
            attempt(tf.data.Dataset.range(3).filter, lambda x: tf.stack([x > 0, x > 1]))]


# -- batching ------------------------------------------------------------------------------------
_pipeline("batch", lambda tf, ds: ds.range(7).batch(3))
_pipeline("batch drop_remainder", lambda tf, ds: ds.range(7).batch(3, drop_remainder=True))
_pipeline("batch exact", lambda tf, ds: ds.range(6).batch(3, drop_remainder=True))
_pipeline("batch larger than data", lambda tf, ds: ds.range(2).batch(5))
_pipeline("batch larger than data dropped", lambda tf, ds: ds.range(2).batch(5, drop_remainder=True))
_pipeline("batch tuples", lambda tf, ds: ds.from_tensor_slices((_x(5), np.arange(5))).batch(2))
_pipeline("batch dicts", lambda tf, ds: ds.from_tensor_slices({"a": _x(3), "b": [1, 2, 3]}).batch(2))
_pipeline("batch strings", lambda tf, ds: ds.from_tensor_slices([b"a", b"bb", b"c"]).batch(2))
_pipeline("batch of batches", lambda tf, ds: ds.range(8).batch(2).batch(2))
_pipeline("batch num_parallel_calls", lambda tf, ds: ds.range(5).batch(2, num_parallel_calls=2))
_pipeline("batch after map", lambda tf, ds: ds.range(5).map(lambda x: tf.fill([2], x)).batch(2))
_pipeline("batch then repeat", lambda tf, ds: ds.range(3).batch(2).repeat(2))
_pipeline("repeat then batch", lambda tf, ds: ds.range(4).repeat(2).batch(3))
_pipeline("batch infinite", lambda tf, ds: ds.range(3).repeat().batch(2), limit=4)
_pipeline("unbatch", lambda tf, ds: ds.range(7).batch(3).unbatch())
_pipeline("unbatch tuples", lambda tf, ds: ds.from_tensor_slices((_x(4), np.arange(4))).batch(3).unbatch())
_pipeline("unbatch matrix", lambda tf, ds: ds.from_tensors(_x(3)).unbatch())
_pipeline("padded_batch default", lambda tf, ds: ds.range(5).map(lambda x: tf.fill([x], x)).padded_batch(2))
_pipeline("padded_batch fixed length", lambda tf, ds: ds.range(4).map(lambda x: tf.fill([x], x)).padded_batch(
    2, padded_shapes=[5]))
_pipeline("padded_batch padding value", lambda tf, ds: ds.range(4).map(lambda x: tf.fill([x], x)).padded_batch(
    3, padding_values=tf.constant(-1, tf.int64)))
_pipeline("padded_batch drop_remainder", lambda tf, ds: ds.range(5).map(lambda x: tf.fill([x], x)).padded_batch(
    2, drop_remainder=True))
_pipeline("padded_batch strings", lambda tf, ds: ds.from_tensor_slices([["a", "b"], ["c", "d"]]).map(
    lambda s: s[: 1]).padded_batch(2, padded_shapes=[3]))
_pipeline("padded_batch tuples", lambda tf, ds: ds.range(3).map(lambda x: (tf.fill([x], x), x)).padded_batch(2))
_pipeline("padded_batch scalars", lambda tf, ds: ds.range(5).padded_batch(2))
_pipeline("rebatch", lambda tf, ds: ds.range(11).batch(5).rebatch(4))
_pipeline("rebatch list of sizes", lambda tf, ds: ds.range(9).batch(3).rebatch([2, 1]))
_pipeline("rebatch drop_remainder", lambda tf, ds: ds.range(10).batch(3).rebatch(2, drop_remainder=True))
_pipeline("rebatch bigger", lambda tf, ds: ds.range(10).batch(3).rebatch(4))


@case("data", "batch of ragged elements raises at iteration", compare_message=False)  # TF words it either way
def batch_ragged(tf: Any) -> Any:
    ds = tf.data.Dataset.range(3).map(lambda x: tf.fill([x], x)).batch(3)
    return attempt(_elements, ds)


@case("data", "padding to a smaller size raises DataLossError")
def padded_too_small(tf: Any) -> Any:
    ds = tf.data.Dataset.range(5).map(lambda x: tf.fill([x], x)).padded_batch(2, padded_shapes=[2])
    it = iter(ds)
    return [attempt(next, it), attempt(next, it)]


@case("data", "padded_batch shape errors at construction")
def padded_shape_errors(tf: Any) -> Any:
    ds = tf.data.Dataset.from_tensor_slices([[1, 2, 3]])
    return [attempt(ds.padded_batch, 2, padded_shapes=[2]), attempt(ds.padded_batch, 2, padded_shapes=[2, 2]),
            attempt(ds.padded_batch, 2, padding_values=99)]


@case("data", "unbatch and rebatch of scalars")
def unbatch_scalars(tf: Any) -> Any:
    return [attempt(tf.data.Dataset.range(3).unbatch), attempt(tf.data.Dataset.range(3).rebatch, 2)]


@case("data", "rebatch specs")
def rebatch_specs(tf: Any) -> Any:
    ds = tf.data.Dataset.range(10).batch(3)
    return [repr(ds.rebatch(2).element_spec), repr(ds.rebatch(2, drop_remainder=True).element_spec),
            repr(ds.rebatch([2, 1]).element_spec)]


# -- take, skip, repeat, shard, enumerate, zip, concatenate ---------------------------------------
_pipeline("take", lambda tf, ds: ds.range(10).take(3))
_pipeline("take more than there is", lambda tf, ds: ds.range(3).take(10))
_pipeline("take -1", lambda tf, ds: ds.range(3).take(-1))
_pipeline("take 0", lambda tf, ds: ds.range(3).take(0))
_pipeline("take from infinite", lambda tf, ds: ds.range(3).repeat().take(7))
_pipeline("skip", lambda tf, ds: ds.range(5).skip(2))
_pipeline("skip past the end", lambda tf, ds: ds.range(5).skip(9))
_pipeline("skip -1", lambda tf, ds: ds.range(5).skip(-1))
_pipeline("skip then take", lambda tf, ds: ds.range(10).skip(3).take(4))
_pipeline("repeat count", lambda tf, ds: ds.range(3).repeat(3))
_pipeline("repeat 0", lambda tf, ds: ds.range(3).repeat(0))
_pipeline("repeat forever", lambda tf, ds: ds.range(2).repeat(), limit=5)
_pipeline("repeat -1", lambda tf, ds: ds.range(2).repeat(-1), limit=5)
_pipeline("repeat empty forever", lambda tf, ds: ds.range(0).repeat())
_pipeline("shard", lambda tf, ds: ds.range(10).shard(3, 1))
_pipeline("shard last", lambda tf, ds: ds.range(10).shard(3, 2))
_pipeline("shard tuples", lambda tf, ds: ds.from_tensor_slices((_x(5), np.arange(5))).shard(2, 0))
_pipeline("enumerate", lambda tf, ds: ds.from_tensor_slices([b"a", b"b"]).enumerate())
_pipeline("enumerate start", lambda tf, ds: ds.range(3).enumerate(start=5))
_pipeline("enumerate tuples", lambda tf, ds: ds.from_tensor_slices(([1, 2], [3, 4])).enumerate())
_pipeline("zip two", lambda tf, ds: ds.zip(ds.range(3), ds.range(10, 13)))
_pipeline("zip tuple argument", lambda tf, ds: ds.zip((ds.range(3), ds.from_tensor_slices([1.0, 2.0]))))
_pipeline("zip dict", lambda tf, ds: ds.zip({"a": ds.range(2), "b": ds.range(3)}))
_pipeline("zip nested", lambda tf, ds: ds.zip((ds.range(3), (ds.range(3), ds.range(4)))))
_pipeline("zip with infinite", lambda tf, ds: ds.zip((ds.range(3), ds.range(2).repeat())))
_pipeline("zip with unknown", lambda tf, ds: ds.zip((ds.range(3), ds.range(9).filter(lambda x: x > 0))))
_pipeline("concatenate", lambda tf, ds: ds.range(3).concatenate(ds.range(10, 12)))
_pipeline("concatenate relaxes shapes", lambda tf, ds: ds.from_tensors([1, 2]).concatenate(ds.from_tensors([3])))
_pipeline("concatenate infinite", lambda tf, ds: ds.range(2).concatenate(ds.range(2).repeat()), limit=5)
_pipeline("concatenate unknown", lambda tf, ds: ds.range(2).concatenate(ds.range(4).filter(lambda x: x > 1)))


@case("data", "zip of a list")
def zip_list(tf: Any) -> Any:
    return attempt(tf.data.Dataset.zip, [tf.data.Dataset.range(1), tf.data.Dataset.range(2)])


@case("data", "concatenate incompatible")
def concatenate_mismatch(tf: Any) -> Any:
    return [attempt(tf.data.Dataset.range(3).concatenate, tf.data.Dataset.from_tensor_slices([1.0])),
            attempt(tf.data.Dataset.range(3).concatenate, tf.data.Dataset.from_tensor_slices(([1], [2])))]


@case("data", "shard index out of range")
def shard_bad(tf: Any) -> Any:
    return [attempt(tf.data.Dataset.range(3).shard, 3, 4), attempt(tf.data.Dataset.range(3).shard, 3, 3)]


@case("data", "non-integer arguments", compare_message=False)
def non_integer_args(tf: Any) -> Any:
    ds = tf.data.Dataset.range(3)
    return [attempt(ds.take, 1.5), attempt(ds.skip, 0.5), attempt(ds.batch, 2.5), attempt(tf.data.Dataset.range, 2.5)]


@case("data", "int32 tensor count")
def int32_count(tf: Any) -> Any:
    return [type(attempt(tf.data.Dataset.range(3).repeat, tf.constant(2))).__name__,
            _elements(tf.data.Dataset.range(3).repeat(tf.constant(2, tf.int64)))]


@case("data", "batch, shuffle, window of zero")
def zero_sizes(tf: Any) -> Any:
    ds = tf.data.Dataset.range(3)
    return [attempt(ds.batch, 0), attempt(ds.shuffle, 0), attempt(ds.window, 0)]


# -- flat_map, interleave, window --------------------------------------------------------------------
_pipeline("flat_map", lambda tf, ds: ds.range(4).flat_map(lambda x: ds.range(x)))
_pipeline("flat_map from_tensor_slices", lambda tf, ds: ds.from_tensor_slices([[1, 2], [3, 4]]).flat_map(
    lambda row: ds.from_tensor_slices(row)))
_pipeline("interleave sizes 1 3 2 block 1", lambda tf, ds: ds.from_tensor_slices([1, 3, 2]).interleave(
    lambda x: ds.from_tensors(x).repeat(tf.cast(x, tf.int64)), cycle_length=2, block_length=1))
_pipeline("interleave sizes 1 3 2 block 2", lambda tf, ds: ds.from_tensor_slices([1, 3, 2]).interleave(
    lambda x: ds.from_tensors(x).repeat(tf.cast(x, tf.int64)), cycle_length=2, block_length=2))
_pipeline("interleave sizes 3 1 2 2", lambda tf, ds: ds.from_tensor_slices([3, 1, 2, 2]).interleave(
    lambda x: ds.from_tensors(x).repeat(tf.cast(x, tf.int64)), cycle_length=2))
_pipeline("interleave cycle 3", lambda tf, ds: ds.range(1, 6).interleave(
    lambda x: ds.range(x * 10, x * 10 + x), cycle_length=3, block_length=2))
_pipeline("interleave deterministic parallel", lambda tf, ds: ds.range(1, 5).interleave(
    lambda x: ds.range(x), cycle_length=2, num_parallel_calls=2, deterministic=True))
_pipeline("window flat_map batch", lambda tf, ds: ds.range(8).window(3).flat_map(lambda w: w.batch(3)))
_pipeline("window shift", lambda tf, ds: ds.range(8).window(3, shift=2).flat_map(lambda w: w.batch(3)))
_pipeline("window drop_remainder", lambda tf, ds: ds.range(8).window(3, drop_remainder=True).flat_map(
    lambda w: w.batch(3)))
_pipeline("window stride", lambda tf, ds: ds.range(10).window(3, shift=1, stride=2).flat_map(lambda w: w.batch(3)))
_pipeline("window of tuples", lambda tf, ds: ds.from_tensor_slices(([1, 2, 3, 4], [5, 6, 7, 8])).window(2).flat_map(
    lambda a, b: ds.zip((a.batch(2), b.batch(2)))))
_pipeline("window shift larger than size", lambda tf, ds: ds.range(10).window(2, shift=4).flat_map(
    lambda w: w.batch(2)))


@case("data", "window element specs")
def window_specs(tf: Any) -> Any:
    ds = tf.data.Dataset
    return [_spec(ds.range(8).window(3)), _spec(ds.range(8).window(3, 2)),
            _spec(ds.range(8).window(3, drop_remainder=True)),
            _spec(ds.from_tensor_slices(([1.0, 2.0], [3, 4])).window(2)),
            _spec(ds.from_tensor_slices({"a": _x(4)}).window(2))]


@case("data", "flat_map returning a tensor")
def flat_map_tensor(tf: Any) -> Any:
    return [attempt(tf.data.Dataset.range(3).flat_map, lambda x: x),
            attempt(tf.data.Dataset.range(3).interleave, lambda x: x, cycle_length=1)]


# -- reduce, scan, take_while, unique -----------------------------------------------------------------
@case("data", "reduce sum")
def reduce_sum(tf: Any) -> Any:
    ds = tf.data.Dataset
    return [ds.range(5).reduce(np.int64(0), lambda s, x: s + x), ds.range(5).reduce(tf.constant(0, tf.int64),
                                                                                lambda s, x: s + x),
            ds.range(0).reduce(np.int64(7), lambda s, x: s + x),
            ds.from_tensor_slices([1.0, 2.5]).reduce(0.0, lambda s, x: s + x)]


@case("data", "reduce with a structure state")
def reduce_structure(tf: Any) -> Any:
    ds = tf.data.Dataset.from_tensor_slices([1.0, 2.0, 4.0])
    return ds.reduce((0.0, 0), lambda s, x: (s[0] + x, s[1] + 1))


@case("data", "reduce state dtype errors", compare_message=False)
def reduce_dtype_errors(tf: Any) -> Any:
    ds = tf.data.Dataset
    return [attempt(ds.range(3).reduce, 0, lambda s, x: s + x),
            attempt(ds.range(3).reduce, np.int64(0), lambda s, x: tf.cast(s + x, tf.int32))]


@case("data", "reduce state dtype change message")
def reduce_dtype_message(tf: Any) -> Any:
    return attempt(tf.data.Dataset.range(3).reduce, np.int64(0), lambda s, x: tf.cast(s + x, tf.int32))


_pipeline("scan running sum", lambda tf, ds: ds.range(5).scan(tf.constant(0, tf.int64), lambda s, x: (s + x, s * 2)))
_pipeline("scan structured output", lambda tf, ds: ds.range(4).scan(
    np.int64(1), lambda s, x: (s * 2, {"state": s, "x": x})))
_pipeline("scan float state", lambda tf, ds: ds.from_tensor_slices([1.0, 2.0, 3.0]).scan(
    0.0, lambda s, x: (s + x, s)))
_pipeline("take_while", lambda tf, ds: ds.range(10).take_while(lambda x: x < 4))
_pipeline("take_while all", lambda tf, ds: ds.range(3).take_while(lambda x: x < 40))
_pipeline("unique ints", lambda tf, ds: ds.from_tensor_slices([1, 2, 1, 3, 2]).unique())
_pipeline("unique strings", lambda tf, ds: ds.from_tensor_slices(["a", "b", "a"]).unique())
_pipeline("experimental scan", lambda tf, ds: ds.range(4).apply(tf.data.experimental.scan(
    np.int64(0), lambda s, x: (s + x, s + x))))
_pipeline("experimental take_while", lambda tf, ds: ds.range(6).apply(tf.data.experimental.take_while(
    lambda x: x < 2)))
_pipeline("experimental unique", lambda tf, ds: ds.from_tensor_slices([3, 3, 4]).apply(tf.data.experimental.unique()))
_pipeline("experimental unbatch", lambda tf, ds: ds.range(5).batch(2).apply(tf.data.experimental.unbatch()))
_pipeline("experimental enumerate_dataset", lambda tf, ds: ds.range(2).apply(
    tf.data.experimental.enumerate_dataset(3)))


# -- prefetch, cache, apply, options ------------------------------------------------------------------
_pipeline("prefetch", lambda tf, ds: ds.range(4).prefetch(2))
_pipeline("prefetch AUTOTUNE", lambda tf, ds: ds.range(4).prefetch(tf.data.AUTOTUNE))
_pipeline("cache", lambda tf, ds: ds.range(4).map(lambda x: x + 1).cache())
_pipeline("apply", lambda tf, ds: ds.range(6).apply(lambda d: d.skip(2).take(2)))
_pipeline("with_options", lambda tf, ds: ds.range(3).with_options(tf.data.Options()))


@case("data", "cache serves later passes")
def cache_passes(tf: Any) -> Any:
    ds = tf.data.Dataset.range(4).map(lambda x: x * 3).cache()
    return [_elements(ds), _elements(ds), _elements(ds.repeat(2))]


# -- shuffle ------------------------------------------------------------------------------------------
_pipeline("shuffle seeded", lambda tf, ds: ds.range(10).shuffle(4, seed=1))
_pipeline("shuffle seed 42 buffer 100", lambda tf, ds: ds.range(50).shuffle(100, seed=42))
_pipeline("shuffle buffer 1 keeps order", lambda tf, ds: ds.range(6).shuffle(1, seed=3))
_pipeline("shuffle tuples stay together", lambda tf, ds: ds.from_tensor_slices(
    (np.arange(8), np.arange(8) * 10)).shuffle(5, seed=7))
_pipeline("shuffle then batch", lambda tf, ds: ds.range(20).shuffle(8, seed=11).batch(6))
_pipeline("shuffle then repeat", lambda tf, ds: ds.range(6).shuffle(4, seed=1).repeat(3))
_pipeline("shuffle without reshuffle then repeat", lambda tf, ds: ds.range(6).shuffle(
    4, seed=1, reshuffle_each_iteration=False).repeat(3))
_pipeline("repeat then shuffle", lambda tf, ds: ds.range(4).repeat(3).shuffle(5, seed=2))
_pipeline("shuffle take repeat", lambda tf, ds: ds.range(5).shuffle(10, seed=1).take(3).repeat(2))
_pipeline("shuffle of mapped", lambda tf, ds: ds.range(10).map(lambda x: x * x).shuffle(3, seed=9))
_pipeline("shuffle of generator", lambda tf, ds: ds.from_generator(
    lambda: iter(range(7)), output_signature=tf.TensorSpec((), tf.int64)).shuffle(3, seed=5))
_pipeline("shuffle seed 0", lambda tf, ds: ds.range(10).shuffle(10, seed=0))
_pipeline("shuffle negative seed", lambda tf, ds: ds.range(10).shuffle(10, seed=-5))
_pipeline("shuffle big seed", lambda tf, ds: ds.range(10).shuffle(10, seed=2 ** 40 + 3))
_pipeline("shuffle large buffer rows", lambda tf, ds: ds.from_tensor_slices(_x(12, 2)).shuffle(1000, seed=4).batch(5))
_pipeline("shuffle after batch", lambda tf, ds: ds.range(12).batch(3).shuffle(4, seed=8))
_pipeline("shuffle full buffer unknown cardinality", lambda tf, ds: ds.range(8).shuffle(
    tf.data.UNKNOWN_CARDINALITY, seed=6))
_pipeline("experimental shuffle_and_repeat", lambda tf, ds: ds.range(4).apply(
    tf.data.experimental.shuffle_and_repeat(3, count=2, seed=5)))


@case("data", "shuffle reshuffles on each iteration")
def shuffle_epochs(tf: Any) -> Any:
    ds = tf.data.Dataset.range(10).shuffle(10, seed=12)
    return [_elements(ds) for _ in range(3)]


@case("data", "shuffle without reshuffle repeats its order")
def shuffle_same_epochs(tf: Any) -> Any:
    ds = tf.data.Dataset.range(10).shuffle(10, seed=12, reshuffle_each_iteration=False)
    return [_elements(ds) for _ in range(3)]


@case("data", "shuffle with a global seed")
def shuffle_global_seed(tf: Any) -> Any:
    tf.random.set_seed(5)
    a = _elements(tf.data.Dataset.range(10).shuffle(4))
    b = _elements(tf.data.Dataset.range(10).shuffle(4))
    c = _elements(tf.data.Dataset.range(10).shuffle(4, seed=3))
    tf.random.set_seed(5)
    d = _elements(tf.data.Dataset.range(10).shuffle(4))
    tf.random.set_seed(None)
    return [a, b, c, d]


@case("data", "shuffle with a global seed of 0")
def shuffle_global_zero(tf: Any) -> Any:
    tf.random.set_seed(0)
    out = _elements(tf.data.Dataset.range(10).shuffle(10, seed=0))
    tf.random.set_seed(None)
    return out


@case("data", "two iterators of a shuffled dataset")
def shuffle_two_iterators(tf: Any) -> Any:
    ds = tf.data.Dataset.range(8).shuffle(8, seed=21)
    a, b = iter(ds), iter(ds)
    return [[int(next(a)) for _ in range(8)], [int(next(b)) for _ in range(8)]]


@case("data", "unseeded shuffle is a permutation")
def shuffle_unseeded(tf: Any) -> Any:
    tf.random.set_seed(None)
    ds = tf.data.Dataset.range(20).shuffle(7)
    values = _elements(ds)
    return [sorted(int(v) for v in values), int(ds.cardinality()), repr(ds)]


@case("data", "shuffle of 60000 rows in batches of 32")
def shuffle_mnist_sized(tf: Any) -> Any:
    x = np.arange(60000, dtype=np.int32)
    ds = tf.data.Dataset.from_tensor_slices(x).shuffle(1024, seed=1).batch(32)
    batches = list(ds.as_numpy_iterator())
    return [len(batches), batches[0], batches[1], batches[-1], int(np.sum(np.concatenate(batches) != x))]


# -- cardinality and len -------------------------------------------------------------------------------
@case("data", "cardinality rules")
def cardinality_rules(tf: Any) -> Any:
    ds = tf.data.Dataset
    r = ds.range(7)
    inf = r.repeat()
    unk = r.filter(lambda x: x > 2)
    cases = [r, r.batch(3), r.batch(3, drop_remainder=True), inf.batch(2), r.repeat(2), r.repeat(0),
             ds.range(0).repeat(),
             unk.repeat(2), unk.repeat(), r.take(3), r.take(20), inf.take(4), unk.take(3), r.skip(3), r.skip(30),
             inf.skip(2), unk.skip(1), r.map(lambda x: x), r.shuffle(3, seed=1), r.prefetch(1), r.cache(),
             r.enumerate(), r.scan(np.int64(0), lambda s, x: (s, x)), r.padded_batch(2),
             inf.filter(lambda x: x > 1), r.flat_map(lambda x: ds.range(x)), r.interleave(lambda x: ds.range(x), 2),
             r.batch(2).rebatch(3), r.take_while(lambda x: x < 3), r.unique(), ds.zip((r, ds.range(3))),
             ds.zip((r, inf)), ds.zip((inf, inf)), ds.zip((r, unk)), r.concatenate(r), r.concatenate(inf),
             r.concatenate(unk), ds.range(8).window(3), ds.range(8).window(3, 2),
             ds.range(8).window(3, drop_remainder=True),
             r.shard(3, 0), r.shard(3, 1), r.shard(3, 2), ds.from_tensors(1), ds.from_generator(
                 _gen_ints, output_signature=tf.TensorSpec((), tf.int32)),
             ds.from_generator(_gen_ints, output_signature=tf.TensorSpec((), tf.int32)).take(2), r.batch(2).unbatch()]
    return [int(d.cardinality()) for d in cases]


@case("data", "cardinality is an int64 tensor; experimental.cardinality; constants")
def cardinality_tensor(tf: Any) -> Any:
    ds = tf.data.Dataset.range(5)
    return [ds.cardinality(), tf.data.experimental.cardinality(ds), tf.data.INFINITE_CARDINALITY,
            tf.data.UNKNOWN_CARDINALITY, tf.data.experimental.INFINITE_CARDINALITY,
            tf.data.experimental.UNKNOWN_CARDINALITY, tf.data.AUTOTUNE, tf.data.experimental.AUTOTUNE]


@case("data", "len and its errors")
def len_errors(tf: Any) -> Any:
    ds = tf.data.Dataset
    return [len(ds.range(4)), len(ds.range(4).batch(3)), attempt(len, ds.range(3).repeat()),
            attempt(len, ds.range(3).filter(lambda x: x > 0)),
            attempt(len, ds.range(3).repeat().filter(lambda x: x > 0)),
            bool(ds.range(0)), len(ds.range(0))]


@case("data", "assert_cardinality")
def assert_cardinality(tf: Any) -> Any:
    ds = tf.data.Dataset.range(5).filter(lambda x: x < 3)
    ok = ds.apply(tf.data.experimental.assert_cardinality(3))
    short = ds.apply(tf.data.experimental.assert_cardinality(4))
    long = ds.apply(tf.data.experimental.assert_cardinality(2))
    return [int(ok.cardinality()), len(ok), _elements(ok), attempt(_elements, short), attempt(_elements, long)]


# -- iteration --------------------------------------------------------------------------------------
@case("data", "for loop yields tensors")
def for_loop(tf: Any) -> Any:
    return [t for t in tf.data.Dataset.from_tensor_slices(([1, 2], [[1.0], [2.0]]))]


@case("data", "iter and next; the end")
def iter_next(tf: Any) -> Any:
    it = iter(tf.data.Dataset.range(2))
    return [next(it), it.get_next(), type(attempt(next, it)).__name__, attempt(it.get_next), type(it).__name__,
            type(tf.data.Dataset.range(1).as_numpy_iterator()).__name__]


@case("data", "independent iterators")
def independent_iterators(tf: Any) -> Any:
    ds = tf.data.Dataset.range(3)
    a = iter(ds)
    first = next(a)
    b = iter(ds)
    return [first, next(b), next(a), next(b)]


@case("data", "iterator element_spec")
def iterator_spec(tf: Any) -> Any:
    return repr(iter(tf.data.Dataset.from_tensor_slices({"a": [1.0]})).element_spec)


@case("data", "as_numpy_iterator value types")
def numpy_types(tf: Any) -> Any:
    out = []
    for ds in (tf.data.Dataset.range(2), tf.data.Dataset.from_tensor_slices([b"a", b"b"]),
               tf.data.Dataset.from_tensor_slices([b"a", b"b"]).batch(2), tf.data.Dataset.from_tensor_slices(_x(2)),
               tf.data.Dataset.from_tensor_slices(([1], {"k": [2.0]}))):
        element = next(ds.as_numpy_iterator())
        out.append(repr(type(element).__name__))
    return out


@case("data", "datasets are not subscriptable")
def not_subscriptable(tf: Any) -> Any:
    ds = tf.data.Dataset
    return [attempt(lambda: ds.range(3)[0]), attempt(lambda: ds.from_tensor_slices([1])[0]),
            attempt(lambda: ds.range(3).batch(2)[0])]


@case("data", "get_single_element")
def single_element(tf: Any) -> Any:
    ds = tf.data.Dataset
    return [ds.from_tensors([1, 2]).get_single_element(), tf.data.experimental.get_single_element(ds.range(1)),
            type(attempt(ds.range(2).get_single_element)).__name__,
            type(attempt(ds.range(0).get_single_element)).__name__]


# -- specs and reprs -----------------------------------------------------------------------------------
@case("data", "element_spec reprs")
def spec_reprs(tf: Any) -> Any:
    ds = tf.data.Dataset
    return [repr(ds.range(3).element_spec), repr(ds.from_tensor_slices(_x(2)).batch(2).element_spec),
            repr(ds.from_tensor_slices({"b": [1], "a": [2.0]}).element_spec),
            repr(ds.from_tensor_slices(_P([1], [2])).element_spec), repr(ds.from_tensors(([1, 2], "x")).element_spec),
            type(ds.range(2).element_spec).__name__, ds.range(2).element_spec == tf.TensorSpec([], tf.int64),
            type(ds.zip((ds.range(1), ds.range(1))).element_spec).__name__, repr(ds.range(2).window(2).element_spec)]


@case("data", "element_spec equals TensorSpec and has shape and dtype")
def spec_fields(tf: Any) -> Any:
    spec = tf.data.Dataset.from_tensor_slices(_x(4)).batch(2).element_spec
    return [spec.shape, spec.dtype, spec.name, spec == tf.TensorSpec([None, 3], tf.float32),
            spec == tf.TensorSpec([2, 3], tf.float32)]


@case("data", "map output spec")
def map_specs(tf: Any) -> Any:
    ds = tf.data.Dataset
    b = ds.from_tensor_slices(_x(6)).batch(4)
    return [_spec(b.map(lambda x: x * 2)), _spec(b.map(lambda x: tf.reduce_sum(x, axis=1))),
            _spec(b.map(lambda x: tf.reshape(x, [-1, 3, 1]))), _spec(b.map(lambda x: x[0])),
            _spec(b.map(lambda x: (x, tf.shape(x)))), _spec(ds.range(3).map(lambda x: tf.fill([2, 2], x))),
            _spec(ds.range(3).map(lambda x: tf.cast(x, tf.float64)))]


@case("data", "dataset class names")
def class_names(tf: Any) -> Any:
    ds = tf.data.Dataset
    r = ds.range(6)
    datasets = [r, ds.from_tensors(1), ds.from_tensor_slices([1]), r.map(lambda x: x),
                r.map(lambda x: x, num_parallel_calls=2), r.filter(lambda x: x > 0), r.batch(2),
                r.batch(2, num_parallel_calls=2), r.padded_batch(2), r.batch(2).unbatch(), r.batch(2).rebatch(1),
                r.shuffle(2, seed=1), r.repeat(), r.take(1), r.skip(1), r.take_while(lambda x: x < 2), r.prefetch(1),
                r.cache(), ds.zip((r, r)), r.enumerate(), r.concatenate(r), r.shard(2, 0), r.window(2),
                r.flat_map(lambda x: ds.range(x)), r.interleave(lambda x: ds.range(x), 1),
                r.interleave(lambda x: ds.range(x), 1, num_parallel_calls=2), r.scan(np.int64(0), lambda s, x: (s, x)),
                ds.from_generator(_gen_ints, output_signature=tf.TensorSpec((), tf.int32)),
                r.with_options(tf.data.Options()), r.unique()]
    return [type(d).__name__ for d in datasets]


@case("data", "repr and str are equal")
def repr_str(tf: Any) -> Any:
    ds = tf.data.Dataset.from_tensor_slices((_x(2), [1, 2])).batch(2)
    return [repr(ds), str(ds) == repr(ds)]


# -- construction errors -------------------------------------------------------------------------------
@case("data", "from_tensor_slices errors")
def slices_errors(tf: Any) -> Any:
    ds = tf.data.Dataset
    return [attempt(ds.from_tensor_slices, 3), attempt(ds.from_tensor_slices, ([1, 2], [1, 2, 3])),
            attempt(ds.from_tensor_slices, [[1], [2, 3]]), attempt(ds.from_tensor_slices, {"a": [1], "b": [1, 2]})]


@case("data", "range errors")
def range_errors(tf: Any) -> Any:
    return [attempt(tf.data.Dataset.range, 2.5), attempt(tf.data.Dataset.range, 1, 4.5)]


@case("data", "unique of floats")
def unique_floats(tf: Any) -> Any:
    return type(attempt(tf.data.Dataset.from_tensor_slices([1.0]).unique)).__name__


@case("data", "namespace names")
def namespace_names(tf: Any) -> Any:
    names = ["AUTOTUNE", "Dataset", "DatasetSpec", "INFINITE_CARDINALITY", "Iterator", "NumpyIterator", "Options",
             "ThreadingOptions", "UNKNOWN_CARDINALITY", "experimental"]
    exp = ["AUTOTUNE", "INFINITE_CARDINALITY", "UNKNOWN_CARDINALITY", "assert_cardinality", "cardinality",
           "enumerate_dataset", "from_list", "get_single_element", "scan", "shuffle_and_repeat", "take_while",
           "unbatch", "unique", "map_and_batch"]
    return [hasattr(tf.data, n) for n in names] + [hasattr(tf.data.experimental, n) for n in exp]


@case("data", "experimental.from_list")
def from_list(tf: Any) -> Any:
    ds = tf.data.experimental.from_list([(1, "a"), (2, "b")])
    return [repr(ds.element_spec), _elements(ds), int(ds.cardinality())]


@case("data", "experimental.map_and_batch")
def map_and_batch(tf: Any) -> Any:
    ds = tf.data.Dataset.range(5).apply(tf.data.experimental.map_and_batch(lambda x: x * 2, 2))
    return [_elements(ds), repr(ds.element_spec)]


# -- shuffle and iterator numbering ------------------------------------------------------------
@case("data", "cache after shuffle replays the first order")
def cache_after_shuffle(tf: Any) -> Any:
    ds = tf.data.Dataset.range(6).shuffle(6, seed=1).cache()
    return [_elements(ds), _elements(ds), _elements(ds.repeat(2))]


@case("data", "zip of one shuffled dataset twice takes iterators in order")
def zip_same_shuffled(tf: Any) -> Any:
    ds = tf.data.Dataset.range(6).shuffle(6, seed=1)
    first = _elements(ds)
    return [first, _elements(tf.data.Dataset.zip((ds, ds)))]


@case("data", "a partial pass still uses up an iterator's seeds")
def partial_pass(tf: Any) -> Any:
    ds = tf.data.Dataset.range(6).shuffle(6, seed=1)
    return [_elements(ds.take(2)), _elements(ds), _elements(ds.skip(4))]


_pipeline("shuffle then enumerate", lambda tf, ds: ds.range(5).shuffle(3, seed=4).enumerate())
_pipeline("mapped shuffle repeat", lambda tf, ds: ds.range(4).map(lambda x: x).shuffle(4, seed=1).repeat(2))
_pipeline("zip of slices shuffled and batched", lambda tf, ds: ds.zip(
    (ds.from_tensor_slices(_x(9)), ds.from_tensor_slices(np.arange(9)))).shuffle(5, seed=3).batch(4))
_pipeline("shuffle filter batch", lambda tf, ds: ds.range(30).shuffle(10, seed=2).filter(
    lambda x: x % 3 > 0).batch(7))
_pipeline("padded_batch of shuffled", lambda tf, ds: ds.range(6).shuffle(6, seed=5).map(
    lambda x: tf.fill([x], x)).padded_batch(3))


# -- more structures and corners -------------------------------------------------------------------
def _gen_dicts() -> Any:
    for i in range(3):
        yield {"a": i, "b": [float(i)] * 2}


def _gen_lists() -> Any:
    yield [1, 2.0]
    yield (3, 4.0)


_pipeline("from_generator dict signature", lambda tf, ds: ds.from_generator(
    _gen_dicts, output_signature={"a": tf.TensorSpec((), tf.int64), "b": tf.TensorSpec((2,), tf.float32)}))


@case("data", "from_generator yields lists for a tuple signature", compare_message=False)
def generator_lists(tf: Any) -> Any:
    ds = tf.data.Dataset.from_generator(_gen_lists, output_signature=(tf.TensorSpec((), tf.int32),
                                                                      tf.TensorSpec((), tf.float32)))
    return attempt(_elements, ds)


_pipeline("from_generator output_shapes", lambda tf, ds: ds.from_generator(
    _gen_pairs, output_types=(tf.float32, tf.int64), output_shapes=((None,), ())))
_pipeline("from_tensor_slices variable", lambda tf, ds: ds.from_tensor_slices(tf.Variable([[1.0, 2.0], [3.0, 4.0]])))
_pipeline("padded_batch dicts", lambda tf, ds: ds.range(4).map(lambda x: {"v": tf.fill([x], x), "n": x}).padded_batch(
    2, padded_shapes={"v": [None], "n": []}))
_pipeline("take with an int64 tensor", lambda tf, ds: ds.range(5).take(tf.constant(2, tf.int64)))
_pipeline("strings batch and unbatch", lambda tf, ds: ds.from_tensor_slices(["a", "b", "c"]).batch(2).unbatch())
_pipeline("map over windows", lambda tf, ds: ds.range(6).window(2).flat_map(lambda w: w).map(lambda x: x + 1))
_pipeline("interleave of windows", lambda tf, ds: ds.range(6).window(3).interleave(lambda w: w, cycle_length=2))
_pipeline("nested batch of tuples with drop", lambda tf, ds: ds.from_tensor_slices(
    (np.arange(10), np.arange(10) * 2.0)).batch(3, drop_remainder=True).batch(2))
_pipeline("concatenate of dicts", lambda tf, ds: ds.from_tensor_slices({"a": [1, 2]}).concatenate(
    ds.from_tensor_slices({"a": [3]})))
_pipeline("skip take shard chain", lambda tf, ds: ds.range(40).skip(3).shard(4, 1).take(5))
_pipeline("repeat shuffle batch drop", lambda tf, ds: ds.range(10).repeat(2).shuffle(6, seed=17).batch(
    4, drop_remainder=True))
_pipeline("shuffle after shard", lambda tf, ds: ds.range(20).shard(2, 1).shuffle(5, seed=23))
_pipeline("enumerate of slices shuffled batched", lambda tf, ds: ds.from_tensor_slices(_x(7)).enumerate().shuffle(
    4, seed=2).batch(3))


@case("data", "map returning a dataset gives DatasetSpec elements")
def map_returns_dataset(tf: Any) -> Any:
    ds = tf.data.Dataset.range(3).map(lambda x: tf.data.Dataset.range(x))
    return [repr(ds.element_spec), int(ds.cardinality())]


@case("data", "isinstance and the Dataset class")
def dataset_class(tf: Any) -> Any:
    ds = tf.data.Dataset.range(3)
    return [isinstance(ds, tf.data.Dataset), isinstance(ds.batch(2), tf.data.Dataset),
            isinstance(ds.element_spec, tf.TensorSpec)]


@case("data", "as_numpy_iterator of windows")
def numpy_of_windows(tf: Any) -> Any:
    return type(attempt(tf.data.Dataset.range(4).window(2).as_numpy_iterator)).__name__


@case("data", "unique of tuples")
def unique_tuples(tf: Any) -> Any:
    return type(attempt(tf.data.Dataset.from_tensor_slices(([1], [2])).unique)).__name__


@case("data", "generator yielding the wrong structure", compare_message=False)
def generator_structure(tf: Any) -> Any:
    ds = tf.data.Dataset.from_generator(lambda: iter([1]), output_signature=(tf.TensorSpec((), tf.int32),
                                                                             tf.TensorSpec((), tf.int32)))
    return attempt(_elements, ds)


@case("data", "reduce to a dict state")
def reduce_dict(tf: Any) -> Any:
    ds = tf.data.Dataset.from_tensor_slices(([1, 2, 3], [1.0, 0.5, 0.25]))
    return ds.reduce({"n": np.int32(0), "s": np.float32(0)}, lambda st, x: {"n": st["n"] + x[0], "s": st["s"] + x[1]})


# -- probed against TF 2.21: construction errors, list dtypes, grouping, random --------------------
@case("data", "empty structures to from_tensor_slices and from_tensors")
def empty_structures(tf: Any) -> Any:
    ds = tf.data.Dataset
    # which empty attr TF names first varies between TF runs: compare the class only for from_tensors
    return [attempt(ds.from_tensor_slices, None), attempt(ds.from_tensor_slices, ()),
            attempt(ds.from_tensor_slices, {}),
            [type(attempt(ds.from_tensors, v)).__name__ for v in (None, (), {})]]


@case("data", "lists of arrays keep the arrays' dtype")
def list_of_arrays_dtype(tf: Any) -> Any:
    ds = tf.data.Dataset
    values = [[np.arange(2), np.arange(2)], [np.arange(2, dtype=np.int16)] * 2, [[np.arange(2)], [np.arange(2)]],
              [np.arange(2), tf.constant([1, 2], tf.int64)], [np.arange(2), [1, 2]], [np.uint8(1), np.uint8(2)],
              [np.arange(2), np.arange(2.0)], [np.array(["a"]), np.array(["bb"])]]
    return [[repr(ds.from_tensor_slices(v).element_spec), repr(ds.from_tensors(v).element_spec)] for v in values] + \
        [_elements(ds.from_tensor_slices([np.arange(2), np.arange(2)])),
         attempt(ds.from_tensor_slices, [np.arange(2), np.arange(3)])]


@case("data", "range argument errors")
def range_argument_errors(tf: Any) -> Any:
    r = tf.data.Dataset.range
    return [attempt(r), attempt(r, 1, 2, 3, 4), attempt(r, stop=3), attempt(r, None), attempt(r, 1, None),
            attempt(r, tf.constant(3)), attempt(r, tf.constant(1), 5), attempt(r, 1, 5, tf.constant(1)),
            attempt(r, 0, 5, 0), attempt(r, "3"), attempt(r, 3, output_type="foo")]


@case("data", "range output types the kernel lacks fail at iteration")
def range_unsupported_types(tf: Any) -> Any:
    out = []
    for dtype in (tf.string, tf.bool):
        ds = tf.data.Dataset.range(3, output_type=dtype)
        out.append([repr(ds), attempt(_elements, ds), attempt(next, iter(ds))])
    return [*out, _elements(tf.data.Dataset.range(3, output_type=tf.float16)),
            _elements(tf.data.Dataset.range(3, output_type=tf.uint64))]


@case("data", "zip argument errors")
def zip_argument_errors(tf: Any) -> Any:
    z, r = tf.data.Dataset.zip, tf.data.Dataset.range
    # the message of an empty zip varies between TF runs (its ` name: ` suffix): compare the class only
    return [attempt(z), type(attempt(z, ())).__name__, attempt(z, (r(2), 1)), attempt(z, (r(2), "x")),
            attempt(z, r(2), 1), attempt(z, r(2), datasets=(r(3),)), type(attempt(z, datasets=())).__name__,
            attempt(z, {"a": r(2), "b": [1]})]


@case("data", "map and filter argument errors")
def map_filter_argument_errors(tf: Any) -> Any:
    r = tf.data.Dataset.range(3)
    return [attempt(r.map, 3), attempt(r.filter, None), attempt(r.flat_map, "f"),
            attempt(r.map, lambda x: x, num_parallel_calls=0), attempt(r.map, lambda x: x, num_parallel_calls=-2),
            _summary(r.map(lambda x: x + 1, num_parallel_calls=-1))]


def _ragged(tf: Any, lengths: list, dtype: Any = None, value: Any = 1) -> Any:
    dtype = dtype or tf.int32
    return tf.data.Dataset.from_generator(lambda: ([value] * n for n in lengths),
                                          output_signature=tf.TensorSpec([None], dtype))


@case("data", "padded_batch padding_values structures")
def padded_padding_values(tf: Any) -> Any:
    ds = tf.data.Dataset.from_tensor_slices(([[1, 2], [3, 4]], [[1.0], [2.0]]))
    pair = tf.data.Dataset.from_tensor_slices(([[1, 2], [3, 4]], [1.0, 2.0]))
    return [_summary(ds.padded_batch(2, padded_shapes=([3], [2]), padding_values=(None, 9.0))),
            _summary(ds.padded_batch(2, padded_shapes=([3], [2]), padding_values=(-1, None))),
            attempt(pair.padded_batch, 2, padding_values=(0,)),
            attempt(pair.padded_batch, 2, padding_values=0),
            attempt(pair.padded_batch, 2, padding_values=[0, 1.0]),
            attempt(pair.padded_batch, 2, padded_shapes=[3]),
            attempt(pair.padded_batch, 2, padded_shapes=([3],)),
            attempt(_ragged(tf, [1, 3]).padded_batch, 2, padding_values=[1, 2]),
            attempt(_ragged(tf, [1, 3]).padded_batch, 2, padding_values=-1.5),
            _summary(_ragged(tf, [1, 3, 2]).padded_batch(2, padding_values=tf.constant(-1)))]


@case("data", "group_by_window")
def group_by_window(tf: Any) -> Any:
    r = tf.data.Dataset.range(10)
    pairs = tf.data.Dataset.from_tensor_slices(([1, 2, 3, 4], [5.0, 6.0, 7.0, 8.0]))
    return [_summary(r.group_by_window(lambda x: x % 3, lambda k, w: w.batch(2), window_size=2)),
            _summary(r.group_by_window(lambda x: x % 2, lambda k, w: w.batch(3), window_size_func=lambda k: k + 2)),
            _summary(r.group_by_window(lambda x: x % 2, lambda k, w: w.map(lambda v: v + 100 * k), window_size=3)),
            _summary(r.group_by_window(lambda x: x % 2, lambda k, w: w.map(lambda v: (v, k)), window_size=4)),
            _summary(pairs.group_by_window(lambda a, b: tf.cast(a % 2, tf.int64), lambda k, w: w.batch(2),
                                           window_size=2)),
            attempt(r.group_by_window, lambda x: x, lambda k, w: w, window_size=2, window_size_func=lambda k: k),
            attempt(r.group_by_window, lambda x: x, lambda k, w: w),
            attempt(r.group_by_window, lambda x: x, lambda k, w: 1, window_size=1),
            attempt(_elements, r.group_by_window(lambda x: x, lambda k, w: w, window_size=0)),
            attempt(_elements, r.group_by_window(lambda x: x, lambda k, w: w, window_size_func=lambda k: k))]


@case("data", "group_by_window with an int32 key", compare_message=False)
def group_by_window_int32_key(tf: Any) -> Any:
    # TF's message quotes the traced graph tensor ('Cast:0')
    return attempt(tf.data.Dataset.range(4).group_by_window, lambda x: tf.cast(x % 2, tf.int32), lambda k, w: w,
                   window_size=2)


@case("data", "bucket_by_sequence_length")
def bucket_by_sequence_length(tf: Any) -> Any:
    seq = [1, 3, 2, 5, 4, 1, 6]
    length = lambda x: tf.shape(x)[0]  # noqa: E731
    return [_summary(_ragged(tf, seq).bucket_by_sequence_length(length, [3, 5], [2, 2, 2])),
            _summary(_ragged(tf, [1, 3, 2, 4, 1]).bucket_by_sequence_length(length, [3, 5], [2, 2, 2],
                                                                            pad_to_bucket_boundary=True)),
            _summary(_ragged(tf, [1, 3, 2, 4, 1]).bucket_by_sequence_length(length, [3], [2, 2],
                                                                            drop_remainder=True)),
            _summary(_ragged(tf, seq).bucket_by_sequence_length(length, [4], [3, 1], padded_shapes=[7],
                                                                padding_values=-1)),
            _summary(tf.data.Dataset.from_tensor_slices([[1, 2], [3, 4], [5, 6]]).bucket_by_sequence_length(
                length, [2], [2, 2], no_padding=True)),
            attempt(tf.data.Dataset.range(3).bucket_by_sequence_length, lambda x: x, [3], [2])]


@case("data", "bucket_by_sequence_length past the last boundary", compare_message=False)
def bucket_past_boundary(tf: Any) -> Any:
    ds = tf.data.Dataset.from_tensor_slices([[1, 2], [3, 4]])
    return attempt(_elements, ds.bucket_by_sequence_length(lambda x: tf.shape(x)[0], [2], [1, 1],
                                                            pad_to_bucket_boundary=True))


@case("data", "choose_from_datasets")
def choose_from_datasets(tf: Any) -> Any:
    d, r = tf.data.Dataset, tf.data.Dataset.range
    choices = lambda *c: d.from_tensor_slices(tf.constant(c, tf.int64))  # noqa: E731
    return [_summary(d.choose_from_datasets([r(3), r(10, 13)], choices(0, 1, 1, 0))),
            _summary(d.choose_from_datasets([r(1), r(10, 13)], choices(0, 0, 1))),
            _summary(d.choose_from_datasets([r(1), r(10, 13)], choices(0, 0, 1), stop_on_empty_dataset=False)),
            _summary(d.choose_from_datasets([r(2), r(2).batch(2)], choices(0, 1))),
            attempt(_elements, d.choose_from_datasets([r(2)], choices(0, 3))),
            attempt(d.choose_from_datasets, [], r(2)),
            attempt(d.choose_from_datasets, [r(2)], r(2).map(lambda x: tf.cast(x, tf.int32))),
            attempt(d.choose_from_datasets, [r(2)], [0, 1]),
            attempt(d.choose_from_datasets, [r(2), r(2).map(lambda x: tf.cast(x, tf.int32))], r(2)),
            attempt(d.choose_from_datasets, [r(2), d.zip(r(2), r(2))], r(2))]


@case("data", "sample_from_datasets with seeds")
def sample_from_datasets(tf: Any) -> Any:
    d, r = tf.data.Dataset, tf.data.Dataset.range
    return [_summary(d.sample_from_datasets([r(3), r(10, 13)], seed=1)),
            _summary(d.sample_from_datasets([r(3), r(10, 13)], weights=[0.5, 0.5], seed=5,
                                            stop_on_empty_dataset=True)),
            _summary(d.sample_from_datasets([r(5), r(10, 15), r(20, 25)], weights=[0.7, 0.2, 0.1], seed=42)),
            _summary(d.sample_from_datasets([r(3)], seed=1)),
            attempt(d.sample_from_datasets, [], seed=1),
            attempt(d.sample_from_datasets, [r(2), r(2)], weights=[1, 1]),
            attempt(d.sample_from_datasets, [r(2), r(2)], weights=[0.5, 0.2, 0.3])]


@case("data", "random with seeds")
def random_dataset(tf: Any) -> Any:
    d = tf.data.Dataset
    rerandomized = d.random(seed=1, rerandomize_each_iteration=True).take(2)
    fixed = d.random(seed=3, rerandomize_each_iteration=False).take(2)
    return [_summary(d.random(seed=42).take(3)), int(d.random(seed=1).cardinality()),
            [_elements(rerandomized) for _ in range(3)], [_elements(fixed) for _ in range(2)]]


@case("data", "random with a global seed")
def random_global_seed(tf: Any) -> Any:
    tf.random.set_seed(5)
    ds = tf.data.Dataset.random().take(2)
    tf.random.set_seed(None)
    return [_elements(ds), _elements(ds)]


@case("data", "counter")
def counter(tf: Any) -> Any:
    d = tf.data.Dataset
    return [_summary(d.counter().take(3)), _summary(d.counter(5, -2, tf.int32).take(3)),
            _summary(d.counter(1.5, 0.5, tf.float32).take(3)), int(d.counter().cardinality())]


@case("data", "ignore_errors")
def ignore_errors(tf: Any) -> Any:
    ds = tf.data.Dataset.from_tensor_slices([1.0, 0.0, 2.0, 0.0, 4.0])
    checked = ds.map(lambda x: tf.debugging.check_numerics(1.0 / x, "bad"))
    return [_summary(checked.ignore_errors()), _summary(checked.map(lambda x: x * 2).ignore_errors()),
            _summary(checked.filter(lambda x: x > 0.3).ignore_errors()),
            _summary(ds.ignore_errors(log_warning=True))]


@case("data", "misuse messages of scan, reduce, take_while, unique, apply, interleave, get_single_element")
def misuse_messages(tf: Any) -> Any:
    r = tf.data.Dataset.range(3)
    return [attempt(r.reduce, 0, 5), attempt(r.scan, 0, 5),
            attempt(lambda: _elements(r.scan(np.int64(0), lambda s, x: s + x))),
            attempt(lambda: _elements(r.scan(np.int32(0), lambda s, x: (x, x)))),
            attempt(r.take_while, lambda x: x), attempt(tf.data.Dataset.from_tensor_slices([True]).unique),
            attempt(r.apply, lambda d: 3), attempt(r.interleave, lambda x: r, cycle_length=0),
            attempt(r.interleave, lambda x: r, cycle_length=1, block_length=0),
            attempt(r.take(0).get_single_element), attempt(r.get_single_element)]


@case("data", "map returning an empty structure fails at construction", compare_message=False)
def map_empty_structure(tf: Any) -> Any:
    # TF names either empty attr ('output_types' or 'output_shapes') from run to run: compare classes
    r = tf.data.Dataset.range(3)
    return [attempt(r.map, lambda x: ()), attempt(r.map, lambda x: {}, num_parallel_calls=2)]


@case("data", "shuffle with reshuffle_each_iteration None reshuffles")
def shuffle_reshuffle_none(tf: Any) -> Any:
    ds = tf.data.Dataset.range(6).shuffle(6, seed=9, reshuffle_each_iteration=None)
    return [_elements(ds), _elements(ds)]


@case("data", "get_next_as_optional")
def next_as_optional(tf: Any) -> Any:
    it = iter(tf.data.Dataset.range(1))
    first = it.get_next_as_optional()
    end = it.get_next_as_optional()
    return [first.has_value(), first.get_value(), repr(first.element_spec), end.has_value(),
            attempt(end.get_value)]


@case("data", "from_generator conversions by path", compare_message=False)
def generator_conversion_paths(tf: Any) -> Any:
    # TF's messages carry a Python traceback: compare classes and values
    g = tf.data.Dataset.from_generator
    return [attempt(_elements, g(lambda: iter([1.7]), output_types=tf.int32)),
            attempt(_elements, g(lambda: iter([1.7]), output_types=tf.int32, output_shapes=[])),
            attempt(_elements, g(lambda: iter([1, 0]), output_types=tf.bool)),
            attempt(_elements, g(lambda: iter([1]), output_types=tf.float32)),
            attempt(_elements, g(lambda: iter([None]), output_types=tf.int32)),
            attempt(_elements, g(lambda: (1 // 0 for _ in range(1)), output_types=tf.int32)),
            attempt(_elements, g(lambda: (int("x") for _ in range(1)), output_types=tf.int32)),
            attempt(_elements, g(lambda: iter([[[1, 2], [3]]]), output_signature=tf.TensorSpec(None, tf.int32)))]


@case("data", "from_generator signature argument conflicts")
def generator_argument_conflicts(tf: Any) -> Any:
    g, spec = tf.data.Dataset.from_generator, tf.TensorSpec([], tf.int32)
    return [attempt(g, lambda: iter([1]), output_types=tf.int32, output_signature=spec),
            attempt(g, lambda: iter([1]), output_shapes=[], output_signature=spec)]
