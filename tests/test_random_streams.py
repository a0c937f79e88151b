"""TensorFlow's random streams: Philox known answers, the vectorised fills' structure, seeding rules,
kernel reservations, Generator state arithmetic and Keras seeds. Known-answer values are the Random123
test vectors and TensorFlow outputs quoted in the random-streams spec (checked against TF 2.21);
everything else is checked against the mathematics of the stream (block i = philox(counter + i)),
and the conformance areas `random` / `keras_random` compare with recorded TensorFlow output."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import tfshim as tf
from tfshim.keras.random import seed_generator
from tfshim.ops import _philox, random_ops

F32 = np.dtype(np.float32)
F64 = np.dtype(np.float64)


def _block(key0: int, key1: int, counter: int) -> list:
    return _philox.philox_blocks(key0, key1, counter, 1)[0].tolist()


def test_random123_known_answers() -> None:
    assert _block(0, 0, 0) == [0x6627E8D5, 0xE169C58D, 0xBC57AC4C, 0x9B00DBD8]
    counter = 0x243F6A88 | 0x85A308D3 << 32 | 0x13198A2E << 64 | 0x03707344 << 96
    assert _block(0xA4093822, 0x299F31D0, counter) == [0xD16CFE09, 0x94FDCCEB, 0x5001E420, 0x24126EA1]


@settings(max_examples=30, deadline=None)
@given(st.integers(0, 2**128 - 1), st.integers(0, 2**32 - 1), st.integers(0, 2**32 - 1), st.integers(1, 40))
def test_blocks_are_philox_of_successive_counters(counter: int, key0: int, key1: int, n: int) -> None:
    blocks = _philox.philox_blocks(key0, key1, counter, n)
    for i in range(n):
        assert blocks[i].tolist() == _block(key0, key1, (counter + i) % 2**128)
    words = _philox.philox_words(key0, key1, counter, 4 * n - 1)
    assert words.tolist() == blocks.reshape(-1)[:-1].tolist()


def test_chunked_blocks_equal_one_pass() -> None:
    n = _philox._CHUNK + 123
    whole = _philox.philox_blocks(5, 6, 2**64 - 7, n)
    offsets = np.array([0, _philox._CHUNK, n - 1], dtype=np.uint64)
    assert whole[[0, _philox._CHUNK, n - 1]].tolist() == _philox.philox_at(5, 6, 2**64 - 7, offsets).tolist()


def test_stateless_scramble_known_answer() -> None:
    key0, key1, counter = _philox.stateless_key_counter(17, 42)
    assert (key0, key1) == (0x6597AC5F, 0x0A6DEFC2)
    assert counter == 0x28607818 << 64 | 0x728FA326 << 96


@pytest.mark.parametrize("fill", [_philox.uniform, _philox.normal, _philox.truncated_normal])
@pytest.mark.parametrize("dtype", [F32, F64, np.dtype(np.float16)])
def test_a_longer_request_extends_a_shorter_one(fill: object, dtype: np.dtype) -> None:
    long = fill(11, 22, 33 << 64, 37, dtype)
    for n in (0, 1, 3, 4, 5, 36):
        np.testing.assert_array_equal(fill(11, 22, 33 << 64, n, dtype), long[:n])


def test_output_j_comes_from_block_j_over_group() -> None:
    values = _philox.uniform(1, 2, 1000, 9, F32)
    np.testing.assert_array_equal(values[4:8], _philox.uniform(1, 2, 1001, 4, F32))
    doubles = _philox.uniform(1, 2, 1000, 5, F64)
    np.testing.assert_array_equal(doubles[2:4], _philox.uniform(1, 2, 1001, 2, F64))


def test_uniform_transforms_use_the_low_bits() -> None:
    words = np.array([0xFFFFFFFF, 0x00000000, 0xFF800001], dtype=np.uint32)
    np.testing.assert_array_equal(_philox.uniform_words_f32(words.copy()),
                                  np.array([1 - 2**-23, 0.0, 2**-23], dtype=np.float32))
    np.testing.assert_array_equal(_philox.uniform_words_f16(words.copy()),
                                  np.array([1 - 2**-10, 0.0, 2**-10], dtype=np.float16))
    hi = np.array([0xFFF00000 | 0xFFFFF], dtype=np.uint32)
    lo = np.array([0xFFFFFFFF], dtype=np.uint32)
    assert _philox.uniform_pairs_f64(hi, lo)[0] == 1 - 2**-52


def _glibc_libm() -> object:
    import ctypes
    import ctypes.util

    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        libc.gnu_get_libc_version.restype = ctypes.c_char_p
        version = tuple(int(p) for p in libc.gnu_get_libc_version().decode().split(".")[:2])
        libm = ctypes.CDLL("libm.so.6")
    except (OSError, AttributeError, ValueError):
        return None
    if not (2, 27) <= version <= (2, 40):  # the implementations tfshim reproduces (checked on 2.36)
        return None
    libm.logf.restype = ctypes.c_float
    libm.logf.argtypes = [ctypes.c_float]
    libm.sincosf.restype = None
    libm.sincosf.argtypes = [ctypes.c_float, ctypes.POINTER(ctypes.c_float), ctypes.POINTER(ctypes.c_float)]
    return libm


def test_logf_and_sincosf_are_glibcs() -> None:
    import ctypes

    libm = _glibc_libm()
    if libm is None:
        pytest.skip("needs glibc 2.27-2.40's libm (whose logf/sincosf TF calls) to compare with")
    words = _philox.philox_words(1, 2, 3, 20_000)
    u = np.maximum(_philox.uniform_words_f32(words.copy()), np.float32(1e-7))
    v = (u.astype(np.float64) * _philox._TWO_PI).astype(np.float32)
    np.testing.assert_array_equal(_philox.logf(u), np.array([libm.logf(float(x)) for x in u], np.float32))
    s, c = ctypes.c_float(), ctypes.c_float()
    expected = []
    for x in v:
        libm.sincosf(float(x), ctypes.byref(s), ctypes.byref(c))
        expected.append((s.value, c.value))
    sin, cos = _philox.sincosf(v)
    np.testing.assert_array_equal(np.stack([sin, cos], axis=1), np.array(expected, np.float32))


def test_truncated_normal_keeps_within_two_and_starts_like_normal() -> None:
    values = _philox.truncated_normal(3, 4, 5, 10_001, F32)
    assert values.shape == (10_001,) and np.all(np.abs(values) < 2)
    first = _philox.normal(3, 4, 5, 4, F32)
    assert np.all(np.abs(first) < 2)  # no rejection in group 0: it equals normal's first group
    np.testing.assert_array_equal(values[:4], first)


def test_get_seed_rules() -> None:
    m = 2**31 - 1
    tf.random.set_seed(None)
    assert random_ops.get_seed(None) == (None, None)
    assert random_ops.get_seed(-7) == (87654321, m - 7)
    tf.random.set_seed(2**36 + 11)
    assert random_ops.get_seed(5) == (43, 5)
    tf.random.set_seed(0)
    assert random_ops.get_seed(0) == (0, m)
    tf.random.set_seed(31)
    assert [random_ops.get_seed(None)[1] for _ in range(3)] == [52734659, 2016822975, 482749413]
    tf.random.set_seed(None)


def test_reservations_and_the_kernel_cache() -> None:
    tf.random.set_seed(3)
    key0, key1, base = _philox.key_counter_from_seeds(3, 9)
    first = tf.random.uniform([4], seed=9).numpy()
    tf.random.uniform([0], seed=9)
    second = tf.random.uniform([2, 3], -2.0, 2.0, seed=9).numpy()  # bounds share the kernel
    np.testing.assert_array_equal(first, _philox.uniform(key0, key1, base, 4, F32))
    expected = _philox.uniform(key0, key1, base + 1024, 6, F32) * np.float32(4.0) + np.float32(-2.0)
    np.testing.assert_array_equal(second.reshape(-1), expected)
    tf.random.set_seed(3)
    np.testing.assert_array_equal(tf.random.uniform([4], seed=9).numpy(), first)
    tf.random.set_seed(None)


def test_dropout_rate_zero_draws_an_op_seed() -> None:
    tf.random.set_seed(4)
    tf.random.uniform([1])
    expected = tf.random.uniform([3]).numpy()
    tf.random.set_seed(4)
    x = tf.ones([2])
    assert tf.nn.dropout(x, 0.0) is x
    np.testing.assert_array_equal(tf.random.uniform([3]).numpy(), expected)
    tf.random.set_seed(None)


def test_unseeded_draws_are_not_repeated() -> None:
    tf.random.set_seed(None)
    assert not np.array_equal(tf.random.normal([8]).numpy(), tf.random.normal([8]).numpy())
    a = tf.random.Generator.from_non_deterministic_state().normal([8]).numpy()
    b = tf.random.Generator.from_non_deterministic_state().normal([8]).numpy()
    assert not np.array_equal(a, b)


def test_generator_documented_values_and_state_arithmetic() -> None:
    g = tf.random.Generator.from_seed(2468)
    np.testing.assert_allclose(g.normal([2, 3]).numpy(), [[0.8271647, 2.0217197, -0.55475897],
                                                          [-0.86353165, 1.062169, 0.99789387]], rtol=1e-6)
    assert g.state.numpy().tolist() == [2468 + 256 * 6, 0, 0]
    h = tf.random.Generator.from_state([-1, 0, 2**33 + 5], "philox")
    expected = _philox.uniform(5, 2, 2**64 - 1, 3, F32)
    np.testing.assert_array_equal(h.uniform([3]).numpy(), expected)
    assert h.state.numpy().tolist() == [767, 1, 2**33 + 5]
    keys = tf.random.Generator.from_seed(3).make_seeds(2).numpy()
    children = tf.random.Generator.from_seed(3).split(2)
    assert [c.state.numpy().tolist() for c in children] == [[0, 0, int(k)] for k in keys[0]]


def test_keras_seed_conversion_and_generators() -> None:
    assert seed_generator.draw_seed(2**31 - 1).numpy().tolist() == [1, 0]
    gen = tf.keras.random.SeedGenerator(7)
    assert [seed_generator.draw_seed(gen).numpy().tolist() for _ in range(2)] == [[7, 0], [7, 1]]
    np.testing.assert_array_equal(tf.keras.random.normal([3], seed=5).numpy(),
                                  tf.random.stateless_normal([3], seed=[5, 0]).numpy())
    seed_generator.reset_global_seed_generator()
    import random

    random.seed(1)
    first = random.randint(1, 10**9)
    random.seed(1)
    drawn = seed_generator.draw_seed(None).numpy().tolist()
    assert drawn == [first % (2**31 - 2), 0]
    nxt = [(first + 1) * 5387 % 933199, 5387 % 933199]
    assert seed_generator.draw_seed(None).numpy().tolist() == nxt
    with pytest.raises(ValueError, match="Argument `seed` must be either an integer"):
        seed_generator.draw_seed("a")


def test_binomial_regimes_edges_and_moments() -> None:
    counts = np.array([0.0, 5.0, 5.0, 40.0, 200.0, 30.0, 30.0], np.float32)
    probs = np.array([0.5, 0.0, 1.0, 0.1, 0.3, 0.8, 0.97], np.float32)
    draws = _philox.binomial(1, 2, 3, counts, probs, 4000).reshape(4000, counts.size)
    assert np.all(draws[:, 0] == 0) and np.all(draws[:, 1] == 0) and np.all(draws[:, 2] == 5)
    assert np.all((draws >= 0) & (draws <= counts))
    mean = (counts * probs)[3:]
    np.testing.assert_allclose(draws[:, 3:].mean(axis=0), mean, rtol=0.05)
    np.testing.assert_allclose(draws[:, 3:].var(axis=0), mean * (1 - probs[3:]), rtol=0.15)


def test_gamma_and_poisson_store_parameter_minor() -> None:
    alpha = np.array([0.5, 1.0, 4.0])
    draws = _philox.gamma(7, 8, 9, alpha, 5).reshape(5, 3)
    for j, a in enumerate(alpha):  # column j is alpha j's own region sequence: the same when drawn alone
        region = _philox.gamma(7, 8, 9 + 256 * 5 * j, np.array([a]), 5)
        np.testing.assert_array_equal(draws[:, j], region)
    rates = np.array([2.0, 30.0])
    counts = _philox.poisson(7, 8, 9, rates, 4).reshape(4, 2)
    np.testing.assert_array_equal(counts[:, 1], _philox.poisson(7, 8, 9 + 256 * 4, rates[1:], 4))


def test_generator_binomial_advances_by_tfs_formula() -> None:
    g = tf.random.Generator.from_seed(0)
    g.binomial([3, 4], [1.0, 2.0, 3.0, 4.0], 0.5)
    assert g.state.numpy().tolist() == [256 * 1200, 0, 0]
    g.binomial([6], 10.0, 0.5)
    assert g.state.numpy().tolist() == [256 * (1200 + 450), 0, 0]


def test_function_call_scope_gives_graph_seeds_and_node_kernels() -> None:
    def body() -> list:
        return [tf.random.uniform([2]).numpy(), tf.random.uniform([2], seed=1).numpy(),
                tf.random.uniform([2], seed=1).numpy(), tf.random.uniform([2]).numpy()]

    tf.random.set_seed(8)
    with random_ops.function_call_scope("f"):
        first = body()
    with random_ops.function_call_scope("f"):
        second = body()
    f32 = np.dtype(np.float32)
    np.testing.assert_array_equal(first[0], _philox.uniform(*_philox.key_counter_from_seeds(8, 0), 2, f32))
    np.testing.assert_array_equal(first[3], _philox.uniform(*_philox.key_counter_from_seeds(8, 1), 2, f32))
    np.testing.assert_array_equal(first[1], first[2])  # each node owns its kernel
    k0, k1, base = _philox.key_counter_from_seeds(8, 0)
    np.testing.assert_array_equal(second[0], _philox.uniform(k0, k1, base + 512, 2, f32))
    tf.random.set_seed(9)  # resets the kernels; the trace keeps its global seed 8
    with random_ops.function_call_scope("f"):
        third = body()
    for a, b in zip(first, third):
        np.testing.assert_array_equal(a, b)
    tf.random.set_seed(None)


def test_double_log_is_the_c_librarys() -> None:
    import math

    x = np.concatenate([np.random.default_rng(3).random(50_000), [0.0, 1e-300, 1.0, np.inf, 5e-324]])
    expected = np.array([math.log(v) if v > 0 else -math.inf for v in x])
    np.testing.assert_array_equal(_philox.log(x), expected)
