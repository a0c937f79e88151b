"""No tape or gradient leaks: a long training loop keeps a flat resident size, and a persistent tape
frees its recording when it is deleted (by reference counting alone: the engine makes no cycles)."""

from __future__ import annotations

import gc
import pathlib
import sys
import weakref

import numpy as np
import pytest

import tfshim as tf

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent.parent))
from benchmarks.workloads import WORKLOADS


def _rss_bytes() -> int:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * 4096


def test_deleting_a_persistent_tape_frees_its_recording() -> None:
    x = tf.constant(np.ones(1000, np.float32))
    with tf.GradientTape(persistent=True) as tape:
        tape.watch(x)
        hidden = tf.exp(x * 2.0)  # held only by the tape once `hidden` is rebound
        probe = weakref.ref(hidden)
        y = tf.reduce_sum(hidden)
        del hidden
    tape.gradient(y, x)
    assert probe() is not None
    del tape
    assert probe() is None


def test_a_used_non_persistent_tape_frees_its_recording() -> None:
    x = tf.Variable(np.ones(1000, np.float32))
    with tf.GradientTape() as tape:
        hidden = tf.exp(x * 2.0)
        probe = weakref.ref(hidden)
        y = tf.reduce_sum(hidden)
        del hidden
    tape.gradient(y, x)
    assert probe() is None  # the tape object still exists, its recording does not


@pytest.mark.skipif(not pathlib.Path("/proc/self/statm").exists(), reason="reads the resident size from /proc")
def test_long_training_loop_keeps_a_flat_resident_size() -> None:
    w2 = next(w for w in WORKLOADS if w.key == "W2")
    state = w2.setup(tf)
    for _ in range(500):
        w2.run(tf, state)
    gc.collect()
    before = _rss_bytes()
    for _ in range(10_000):
        w2.run(tf, state)
    gc.collect()
    growth = _rss_bytes() - before
    assert growth < 32 * 2**20, f"resident size grew by {growth / 2**20:.1f} MiB over 10,000 steps"
