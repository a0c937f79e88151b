"""tf.data beyond the conformance cases: the index-plan fast path (whole-batch gathers) must give
exactly what element-by-element iteration gives, over drawn pipelines; laziness of `import tfshim`;
the `tensorflow` alias; behaviours TensorFlow documents that the recorded cases do not reach."""

from __future__ import annotations

import os
import subprocess
import sys
from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import tfshim as tf

D = tf.data.Dataset


def _plain(ds: Any) -> Any:
    """The same dataset without an index plan (an identity map hides it)."""
    return ds.map(lambda *xs: xs if len(xs) > 1 else xs[0])


def _listed(ds: Any) -> list:
    out = []
    for element in ds.as_numpy_iterator():
        out.append([np.asarray(v) for v in (element if isinstance(element, tuple) else (element,))])
    return out


def _assert_same(a: list, b: list) -> None:
    assert len(a) == len(b)
    for x, y in zip(a, b):
        assert len(x) == len(y)
        for u, v in zip(x, y):
            assert u.dtype == v.dtype and u.shape == v.shape
            np.testing.assert_array_equal(u, v)


_STEPS = st.lists(st.sampled_from(["shuffle", "take", "skip", "shard", "repeat", "prefetch", "cache"]), max_size=4)


def _twins(n: int, steps: list, params: list, batch: int, drop: bool) -> tuple:
    x = np.arange(n * 2, dtype=np.float32).reshape(n, 2)
    y = np.arange(n, dtype=np.int64) * 10
    out = []
    for plain in (False, True):
        ds = D.from_tensor_slices((x, y))
        if plain:
            ds = _plain(ds)
        values = iter(params)
        for step in steps:
            if step == "shuffle":
                ds = ds.shuffle(next(values), seed=next(values), reshuffle_each_iteration=next(values))
            elif step == "take":
                ds = ds.take(next(values))
            elif step == "skip":
                ds = ds.skip(next(values))
            elif step == "shard":
                k = next(values)
                ds = ds.shard(k, next(values) % k)
            elif step == "repeat":
                ds = ds.repeat(next(values))
            elif step == "prefetch":
                ds = ds.prefetch(2)
            else:
                ds = ds.cache()
        out.append(ds.batch(batch, drop_remainder=drop))
    return out[0], out[1]


@settings(max_examples=60, deadline=None)
@given(n=st.integers(0, 30), steps=_STEPS, batch=st.integers(1, 8), drop=st.booleans(),
       sizes=st.lists(st.integers(1, 40), min_size=12, max_size=12), seeds=st.lists(st.integers(0, 2 ** 40),
                                                                                      min_size=4, max_size=4),
       flags=st.lists(st.booleans(), min_size=4, max_size=4))
def test_gathered_batches_equal_stacked_batches(n: int, steps: list, batch: int, drop: bool, sizes: list,
                                                seeds: list, flags: list) -> None:
    params = []
    sizes_it, seeds_it, flags_it = iter(sizes), iter(seeds), iter(flags)
    for step in steps:
        if step == "shuffle":
            params += [next(sizes_it), next(seeds_it), next(flags_it)]
        elif step in ("take", "skip"):
            params.append(next(sizes_it) - 2)
        elif step == "shard":
            params += [next(sizes_it) % 4 + 1, next(sizes_it)]
        elif step == "repeat":
            params.append(next(sizes_it) % 4)
    fast, slow = _twins(n, steps, params, batch, drop)
    assert fast._input._indexed() is not None and slow._input._indexed() is None
    for _ in range(2):  # a second pass: reshuffled (or cached) the same way in both
        _assert_same(_listed(fast), _listed(slow))
    assert int(fast.cardinality()) == int(slow.cardinality())


@settings(max_examples=30, deadline=None)
@given(n=st.integers(0, 25), buffer=st.integers(1, 30), seed=st.integers(0, 2 ** 31))
def test_shuffle_elements_equal_index_order(n: int, buffer: int, seed: int) -> None:
    ds = D.range(n).shuffle(buffer, seed=seed)
    fast = [int(v) for v in ds.as_numpy_iterator()]
    slow = [int(v) for v in _plain(D.range(n)).shuffle(buffer, seed=seed).as_numpy_iterator()]
    assert fast == slow and sorted(fast) == list(range(n))


def test_batches_are_gathered_not_stacked() -> None:
    x = np.arange(40, dtype=np.float32).reshape(10, 4)
    ds = D.from_tensor_slices(x).shuffle(4, seed=1).batch(3)
    plan = ds._input._indexed()
    calls = []
    row = plan.row

    def counting_row(i: int) -> tuple:
        calls.append(i)
        return row(i)

    plan.row = counting_row
    from tfshim.data._batching import _index_batches

    batches = list(_index_batches(plan, 3, False))
    assert calls == [] and [b[0].shape for b in batches] == [(3, 4), (3, 4), (3, 4), (1, 4)]


def test_batches_are_fresh_arrays() -> None:
    x = np.arange(6, dtype=np.float32)
    ds = D.from_tensor_slices(x)
    x[:] = -1  # the dataset holds its own copy, as TensorFlow's does
    first = next(ds.batch(6).as_numpy_iterator())
    assert first.tolist() == [0, 1, 2, 3, 4, 5]
    first[:] = 7
    assert next(ds.batch(6).as_numpy_iterator()).tolist() == [0, 1, 2, 3, 4, 5]


def test_iteration_yields_eager_tensors_of_the_spec() -> None:
    ds = D.from_tensor_slices({"a": np.zeros((4, 2), np.float64), "b": [1, 2, 3, 4]}).batch(3)
    for element in ds:
        assert isinstance(element["a"], tf.Tensor) and element["a"].dtype == tf.float64
        assert ds.element_spec["a"].is_compatible_with(element["a"])


def test_map_side_effects_run_per_element() -> None:
    """Documented difference: TensorFlow runs the Python body once (tracing); tfshim per element,
    plus the placeholder calls made when the map is built."""
    calls = []
    ds = D.range(3).map(lambda x: calls.append(1) or x)
    built = len(calls)
    assert built == 2
    list(ds)
    assert len(calls) == built + 3


def test_map_spec_found_from_a_real_element_when_placeholders_fail() -> None:
    table = tf.constant([10, 20])
    ds = D.from_tensor_slices([0, 0]).map(lambda i: tf.gather(table, i + 1))  # placeholder 1 is out of range
    assert repr(ds.element_spec) == "TensorSpec(shape=(), dtype=tf.int32, name=None)"
    assert [int(v) for v in ds] == [20, 20]


def test_window_over_an_infinite_input() -> None:
    ds = D.range(3).repeat().window(2, shift=1).flat_map(lambda w: w.batch(2)).take(4)
    assert [v.tolist() for v in ds.as_numpy_iterator()] == [[0, 1], [1, 2], [2, 0], [0, 1]]


def test_shuffle_without_any_seed_is_a_permutation() -> None:
    tf.random.set_seed(None)
    values = [int(v) for v in D.range(50).shuffle(10)]
    assert sorted(values) == list(range(50))


def test_import_tfshim_does_not_load_data() -> None:
    code = "import sys, tfshim; assert 'tfshim.data' not in sys.modules; tfshim.data; print('ok')"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120,
                         cwd=os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    assert out.stdout.strip() == "ok", out.stderr


def test_tensorflow_alias_serves_tf_data() -> None:
    code = ("import tfshim; tfshim.install_as_tensorflow()\n"
            "import tensorflow.data\nimport tensorflow as tf\n"
            "from tensorflow.data import Dataset\n"
            "print(list(tf.data.Dataset.range(3).as_numpy_iterator()) == [0, 1, 2], Dataset is tfshim.data.Dataset)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert out.stdout.strip() == "True True", out.stderr


def test_get_next_and_next_at_the_end() -> None:
    it = iter(D.range(1))
    assert int(it.get_next()) == 0
    with pytest.raises(tf.errors.OutOfRangeError):
        it.get_next()
    with pytest.raises(StopIteration):
        next(it)


@settings(max_examples=30, deadline=None)
@given(n=st.integers(0, 20), m=st.integers(0, 20), buffer=st.integers(1, 25), seed=st.integers(0, 2 ** 31),
       batch=st.integers(1, 6), start=st.integers(-5, 5))
def test_zip_and_enumerate_of_sources_gather_like_elements(n: int, m: int, buffer: int, seed: int, batch: int,
                                                           start: int) -> None:
    x = np.arange(n * 3, dtype=np.float32).reshape(n, 3)
    fast = D.zip((D.from_tensor_slices(x), D.range(m))).enumerate(start).shuffle(buffer, seed=seed).batch(batch)
    slow = _plain(D.zip((D.from_tensor_slices(x), D.range(m)))).enumerate(start).shuffle(buffer, seed=seed)
    slow = slow.batch(batch)
    assert fast._input._indexed() is not None and slow._input._indexed() is None

    def flat(ds: Any) -> list:
        return [[np.asarray(i), np.asarray(a), np.asarray(b)] for i, (a, b) in ds.as_numpy_iterator()]

    _assert_same(flat(fast), flat(slow))
    assert int(fast.cardinality()) == int(slow.cardinality()) == -(-min(n, m) // batch)


def test_numpy_rows_do_not_alias_the_dataset() -> None:
    ds = D.from_tensor_slices(np.arange(6, dtype=np.float32).reshape(3, 2))
    for row in ds.as_numpy_iterator():
        row[:] = -1
    assert [r.tolist() for r in ds.as_numpy_iterator()] == [[0, 1], [2, 3], [4, 5]]
