"""`python -m tfshim check`: does a script print the same under tfshim as under TensorFlow?

The script runs twice, each in its own subprocess: once through `python -m tfshim run`, once with an
interpreter that has the real TensorFlow (or against a recorded output file). The two stdouts are
compared line by line; numbers compare with a tolerance, everything else exactly. The report names
the first line that differs.
"""

from __future__ import annotations

import math
import os
import pathlib
import re
import subprocess
import sys
from dataclasses import dataclass

_NUMBER = re.compile(r"[-+]?(?:\d+\.\d*|\.\d+|\d+)(?:[eE][-+]?\d+)?|[-+]?(?:nan|inf)\b")


@dataclass
class Divergence:
    line: int  # 1-based
    expected: str
    got: str
    reason: str


def _split(line: str) -> tuple[list[str], list[str]]:
    """The numbers in a line, and the text between them (whitespace dropped: NumPy pads printed
    arrays to the widest number, so a last-digit difference can move the spaces)."""
    numbers = _NUMBER.findall(line)
    return numbers, ["".join(part.split()) for part in _NUMBER.split(line)]


def _close(a: str, b: str, rtol: float, atol: float) -> bool:
    x, y = float(a), float(b)
    if math.isnan(x) or math.isnan(y):
        return math.isnan(x) and math.isnan(y)
    if math.isinf(x) or math.isinf(y):
        return x == y
    return abs(x - y) <= atol + rtol * abs(y)


def compare_outputs(expected: str, got: str, rtol: float = 1e-5, atol: float = 1e-6) -> Divergence | None:
    """The first divergence between two program outputs, or None when they agree."""
    want, have = expected.splitlines(), got.splitlines()
    for i, (a, b) in enumerate(zip(want, have), start=1):
        if a == b:
            continue
        nums_a, text_a = _split(a)
        nums_b, text_b = _split(b)
        if text_a != text_b or len(nums_a) != len(nums_b):
            return Divergence(i, a, b, "the text differs")
        for x, y in zip(nums_a, nums_b):
            if not _close(y, x, rtol, atol):
                return Divergence(i, a, b, f"{y} is not close to {x}")
    if len(want) != len(have):
        i = min(len(want), len(have)) + 1
        return Divergence(i, want[i - 1] if i <= len(want) else "<end of output>",
                          have[i - 1] if i <= len(have) else "<end of output>", "the outputs have different lengths")
    return None


def find_tensorflow_python() -> str | None:
    """An interpreter that can import the real TensorFlow: $TFSHIM_TENSORFLOW_PYTHON, this one, or a
    `.venv-tf` next to the working directory or one of its parents."""
    explicit = os.environ.get("TFSHIM_TENSORFLOW_PYTHON")
    if explicit:
        return explicit
    candidates = [sys.executable]
    here = pathlib.Path.cwd()
    for folder in (here, *here.parents):
        candidates.append(str(folder / ".venv-tf" / "bin" / "python"))
    for python in candidates:
        if not os.path.exists(python):
            continue
        probe = subprocess.run([python, "-c", "import tensorflow, sys; sys.exit(0 if hasattr(tensorflow, "
                                "'GradientTape') and not hasattr(tensorflow, '__tfshim__') else 1)"],
                               capture_output=True, env=_quiet_env())
        if probe.returncode == 0:
            return python
    return None


def _quiet_env() -> dict:
    return dict(os.environ, TF_CPP_MIN_LOG_LEVEL="3")


def run_under_tfshim(script: str, args: list[str]) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "tfshim", "run", script, *args], capture_output=True, text=True,
                          env=_quiet_env())


def check(script: str, args: list[str], tensorflow_python: str | None = None, expected_file: str | None = None,
          rtol: float = 1e-5, atol: float = 1e-6) -> int:
    """Runs the comparison and prints the verdict; returns the exit code (0 same, 1 differs, 2 unable)."""
    if expected_file is not None:
        expected, source = pathlib.Path(expected_file).read_text(), f"the recording {expected_file}"
    else:
        python = tensorflow_python or find_tensorflow_python()
        if python is None:
            print("check: TensorFlow is not installed (set TFSHIM_TENSORFLOW_PYTHON or pass --expected FILE)")
            return 2
        reference = subprocess.run([python, script, *args], capture_output=True, text=True, env=_quiet_env())
        if reference.returncode != 0:
            print(f"check: the script failed under TensorFlow (exit {reference.returncode}):\n{reference.stderr}")
            return 2
        expected, source = reference.stdout, "TensorFlow"
    shim = run_under_tfshim(script, args)
    if shim.returncode != 0:
        print(f"check: the script failed under tfshim (exit {shim.returncode}):\n{shim.stderr}")
        return 1
    divergence = compare_outputs(expected, shim.stdout, rtol, atol)
    lines = len(expected.splitlines())
    if divergence is None:
        print(f"check: {script}: all {lines} lines match {source}")
        return 0
    print(f"check: {script}: line {divergence.line} differs from {source} ({divergence.reason})\n"
          f"  expected: {divergence.expected}\n  tfshim:   {divergence.got}")
    return 1
