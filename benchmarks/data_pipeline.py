"""One epoch of `from_tensor_slices((x, y)).shuffle(1024, seed=1).batch(32)` over 60000x784 float32.

Reports tfshim's time as a ratio to slicing the arrays by hand with a NumPy permutation (the target
is at most x3), and TensorFlow's time for the same pipeline in the same run when TensorFlow is
importable. Standalone: `python benchmarks/data_pipeline.py [--repeats N] [--no-tf]`.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from typing import Any

import numpy as np

ROWS, FEATURES, BATCH, BUFFER = 60000, 784, 32, 1024


def _data() -> tuple:
    rng = np.random.default_rng(0)
    return rng.standard_normal((ROWS, FEATURES), dtype=np.float32), rng.integers(0, 10, ROWS).astype(np.int64)


def _numpy_epoch(x: np.ndarray, y: np.ndarray) -> int:
    order = np.random.default_rng(1).permutation(len(x))
    count = 0
    for lo in range(0, len(x), BATCH):
        idx = order[lo:lo + BATCH]
        xb, yb = x[idx], y[idx]
        count += len(xb) + 0 * len(yb)
    return count


def _dataset_epoch(tf: Any, ds: Any) -> int:
    count = 0
    for xb, _ in ds:
        count += int(xb.shape[0])
    return count


def _best(fn: Any, repeats: int) -> float:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def main(argv: list | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--no-tf", action="store_true", help="skip TensorFlow even if it is importable")
    args = parser.parse_args(argv)
    sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
    import tfshim

    x, y = _data()
    numpy_time = _best(lambda: _numpy_epoch(x, y), args.repeats)
    start = time.perf_counter()
    ds = tfshim.data.Dataset.from_tensor_slices((x, y)).shuffle(BUFFER, seed=1).batch(BATCH)
    build = time.perf_counter() - start
    assert _dataset_epoch(tfshim, ds) == ROWS
    shim_time = _best(lambda: _dataset_epoch(tfshim, ds), args.repeats)
    print(f"one epoch, {ROWS}x{FEATURES} float32, shuffle({BUFFER}, seed=1).batch({BATCH}), best of {args.repeats}")
    print(f"  numpy permutation + slicing : {numpy_time * 1e3:8.1f} ms")
    print(f"  tfshim                      : {shim_time * 1e3:8.1f} ms  (x{shim_time / numpy_time:.2f} numpy; "
          f"building the dataset {build * 1e3:.1f} ms)")
    if not args.no_tf:
        try:
            os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
            import tensorflow as tf
        except ImportError:
            print("  tensorflow                  : not installed")
            return 0
        tds = tf.data.Dataset.from_tensor_slices((x, y)).shuffle(BUFFER, seed=1).batch(BATCH)
        _dataset_epoch(tf, tds)
        tf_time = _best(lambda: _dataset_epoch(tf, tds), args.repeats)
        print(f"  tensorflow {tf.__version__:<17}: {tf_time * 1e3:8.1f} ms  (x{tf_time / numpy_time:.2f} numpy)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
