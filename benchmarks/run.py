"""Runs the workloads on the NumPy floor, tfshim and (when importable) TensorFlow eager, all in this
process, and reports each as a ratio to the floor: the median of several timed rounds after warm-up.
Absolute times on a shared machine are noise; ratios measured side by side are not, so the rounds
of the floor and of each engine are interleaved (a slow spell of the machine hits all of them).

Before timing, the objects the imports created are frozen out of the garbage collector's view
(`gc.freeze()`): otherwise every full collection during tfshim's rounds would also walk the
hundreds of thousands of objects TensorFlow's import leaves behind, charging one engine for the
other's heap. Collections of the objects a workload itself creates still happen and are timed.

    python -m benchmarks [--only W1,W4] [--no-tensorflow] [--markdown PATH] [--json PATH] [--plot PATH]
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import platform
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from typing import Any

import numpy as np

from benchmarks.workloads import WORKLOADS, Workload

# The targets: tfshim's ratio to the floor must not exceed these.
TARGETS = {"W1": 25, "W2": 4, "W3": 1.3, "W4": 100, "W5": 12, "W6": 4, "W7": 1.5, "W8": 6}


def _calls_per_round(fn: Callable[[], Any], min_round: float) -> int:
    """Warms `fn` up and returns how many calls take at least `min_round` seconds."""
    for _ in range(3):
        fn()
    n = 1
    while True:
        start = time.perf_counter()
        for _ in range(n):
            fn()
        if time.perf_counter() - start >= min_round:
            return n
        n *= 2


def _one_round(fn: Callable[[], Any], n: int) -> float:
    start = time.perf_counter()
    for _ in range(n):
        fn()
    return (time.perf_counter() - start) / n


def measure_side_by_side(fns: dict[str, Callable[[], Any]], min_round: float = 0.05,
                         rounds: int = 9) -> dict[str, float]:
    """Median seconds per call of each function, over `rounds` rounds taken in turn (one round of
    each function, then the next round of each), each round at least `min_round` long."""
    counts = {name: _calls_per_round(fn, min_round) for name, fn in fns.items()}
    samples: dict[str, list[float]] = {name: [] for name in fns}
    for _ in range(rounds):
        for name, fn in fns.items():
            samples[name].append(_one_round(fn, counts[name]))
    return {name: statistics.median(values) for name, values in samples.items()}


def _load_tensorflow(enabled: bool) -> Any:
    if not enabled:
        return None
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    try:
        import tensorflow as tf
    except ImportError:
        return None
    if getattr(tf, "__tfshim__", None) is not None or not hasattr(tf, "GradientTape"):
        return None
    return tf


def run_workload(w: Workload, tfshim: Any, tf: Any) -> dict:
    data = w.data()
    state = w.setup(tfshim)
    fns = {"floor_s": lambda: w.floor(data), "tfshim_s": lambda: w.run(tfshim, state)}
    if tf is not None:
        tf_state = w.setup(tf)
        fns["tensorflow_s"] = lambda: w.run(tf, tf_state)
    return {"key": w.key, "title": w.title, **measure_side_by_side(fns)}


def explain_cost(tfshim: Any) -> dict:
    """W2 with explain mode on, against off."""
    w = next(w for w in WORKLOADS if w.key == "W2")
    state = w.setup(tfshim)
    def explained() -> Any:
        tfshim.config.set_explain_unconnected(True)
        try:
            return w.run(tfshim, state)
        finally:
            tfshim.config.set_explain_unconnected(False)

    both = measure_side_by_side({"off_s": lambda: w.run(tfshim, state), "on_s": explained})
    return both


def import_time(module: str, repeats: int = 5) -> float:
    """Median wall time of `python -c "import <module>"`, minus a bare interpreter start."""
    def once(code: str) -> float:
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", code], check=True, capture_output=True,
                       env=dict(os.environ, TF_CPP_MIN_LOG_LEVEL="3"))
        return time.perf_counter() - start

    bare = statistics.median(once("pass") for _ in range(repeats))
    return statistics.median(once(f"import {module}") for _ in range(repeats)) - bare


def _fmt_time(seconds: float) -> str:
    if seconds >= 1e-3:
        return f"{seconds * 1e3:.2f} ms"
    return f"{seconds * 1e6:.1f} us"


def render(rows: list[dict], extras: dict) -> str:
    have_tf = any("tensorflow_s" in r for r in rows)
    header = "| workload | NumPy floor | tfshim | tfshim / floor | target | "
    lines = [header + ("TensorFlow / floor |" if have_tf else ""),
             "|---|---|---|---|---|" + ("---|" if have_tf else "")]
    for r in rows:
        ratio = r["tfshim_s"] / r["floor_s"]
        ok = "met" if ratio <= TARGETS[r["key"]] else "MISSED"
        cells = [f"{r['key']} {r['title']}", _fmt_time(r["floor_s"]), _fmt_time(r["tfshim_s"]), f"x{ratio:.1f}",
                 f"<= x{TARGETS[r['key']]} ({ok})"]
        if have_tf:
            cells.append(f"x{r['tensorflow_s'] / r['floor_s']:.1f}" if "tensorflow_s" in r else "-")
        lines.append("| " + " | ".join(cells) + " |")
    out = "\n".join(lines)
    if "explain" in extras:
        e = extras["explain"]
        out += f"\n\nExplain mode on W2: x{e['on_s'] / e['off_s']:.2f} the time with it off " \
               f"({_fmt_time(e['off_s'])} -> {_fmt_time(e['on_s'])})."
    if "import" in extras:
        parts = [f"{name} {seconds * 1e3:.0f} ms" for name, seconds in extras["import"].items()]
        out += "\n\nImport time (beyond a bare interpreter start): " + ", ".join(parts) + "."
    return out


def machine() -> str:
    return (f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
            f"NumPy {np.__version__}, {platform.system()} {platform.release()}")


def plot(rows: list[dict], path: str) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    keys = [r["key"] for r in rows]
    shim = [r["tfshim_s"] / r["floor_s"] for r in rows]
    fig, ax = plt.subplots(figsize=(7, 3.5))
    xs = np.arange(len(keys))
    ax.bar(xs - 0.2, shim, 0.4, label="tfshim")
    if all("tensorflow_s" in r for r in rows):
        ax.bar(xs + 0.2, [r["tensorflow_s"] / r["floor_s"] for r in rows], 0.4, label="TensorFlow 2.21 eager")
    ax.scatter(xs, [TARGETS[k] for k in keys], marker="_", s=400, color="black", label="tfshim target", zorder=3)
    ax.set_yscale("log")
    ax.set_xticks(xs, keys)
    ax.set_ylabel("time / NumPy floor (log)")
    ax.legend(fontsize=8)
    fig.tight_layout()
    fig.savefig(path, dpi=110)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__.split("\n\n")[0])
    parser.add_argument("--only", help="comma-separated workload keys, e.g. W1,W4")
    parser.add_argument("--no-tensorflow", action="store_true", help="skip TensorFlow even if it is installed")
    parser.add_argument("--skip-extras", action="store_true", help="skip import times and the explain-mode cost")
    parser.add_argument("--markdown", help="write the table to this Markdown file")
    parser.add_argument("--json", help="write the raw numbers to this JSON file")
    parser.add_argument("--plot", help="write a PNG plot (needs matplotlib)")
    options = parser.parse_args(argv)

    tf = _load_tensorflow(not options.no_tensorflow)
    import tfshim

    gc.collect()
    gc.freeze()  # see the module docstring

    chosen = [w for w in WORKLOADS if not options.only or w.key in options.only.split(",")]
    rows = []
    for w in chosen:
        print(f"running {w.key} ...", file=sys.stderr, flush=True)
        rows.append(run_workload(w, tfshim, tf))
    extras: dict = {}
    if not options.skip_extras:
        extras["explain"] = explain_cost(tfshim)
        extras["import"] = {"tfshim": import_time("tfshim")}
        if tf is not None:
            extras["import"]["tensorflow"] = import_time("tensorflow")
    table = render(rows, extras)
    print(f"Machine: {machine()}\n")
    print(table)
    if options.markdown:
        with open(options.markdown, "w") as f:
            f.write(f"Machine: {machine()}\n\n{table}\n")
    if options.json:
        with open(options.json, "w") as f:
            json.dump({"machine": machine(), "rows": rows, "extras": extras}, f, indent=2)
    if options.plot:
        plot(rows, options.plot)
    return 0
