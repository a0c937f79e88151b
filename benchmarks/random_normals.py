"""Drawing 1e6 float32 normals: `tf.random.normal` (TensorFlow's Philox stream, bit for bit) against
NumPy's `Generator.standard_normal(dtype=float32)` (the floor). Rounds are interleaved, so a slow
spell of the shared machine hits both; prints the median times and their ratio (target: <= 3).

    python -m benchmarks.random_normals [--size N] [--rounds R]
"""

from __future__ import annotations

import argparse
import statistics
import time

import numpy as np

import tfshim as tf


def _time(fn: object) -> float:
    start = time.perf_counter()
    fn()  # type: ignore[operator]
    return time.perf_counter() - start


def main(argv: list[str] | None = None) -> float:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=1_000_000)
    parser.add_argument("--rounds", type=int, default=15)
    args = parser.parse_args(argv)
    rng = np.random.default_rng(0)
    tf.random.set_seed(0)
    shape = [args.size]

    def floor() -> None:
        rng.standard_normal(args.size, dtype=np.float32)

    def shim() -> None:
        tf.random.normal(shape)

    for fn in (floor, shim):  # warm-up
        fn()
    floor_times, shim_times = [], []
    for _ in range(args.rounds):
        floor_times.append(_time(floor))
        shim_times.append(_time(shim))
    f, s = statistics.median(floor_times), statistics.median(shim_times)
    ratio = s / f
    print(f"numpy standard_normal: {f * 1e3:.2f} ms   tf.random.normal: {s * 1e3:.2f} ms   "
          f"ratio {ratio:.2f} (target <= 3)")
    return ratio


if __name__ == "__main__":
    main()
