"""Judging one case: tfshim's result against TensorFlow's (recorded or live)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from types import ModuleType

from conformance.case import Case
from tfshim.testing.compare import Difference, compare, describe
from tfshim.testing.run import run_program

STATUSES = ("matched", "differing", "unsupported", "unrecorded", "skipped")
_NEEDS_ML_DTYPES = "needs the ml_dtypes package"
_MISSING_NAME = re.compile(r"has no attribute '([^']+)'")


@dataclass
class Outcome:
    key: str
    area: str
    name: str
    status: str  # one of STATUSES
    difference: Difference | None = None
    expected: dict | None = None
    got: dict | None = None
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return self.status == "matched"

    @property
    def failed(self) -> bool:
        """Differing, unsupported or unrecorded; a skipped case (optional dependency missing here) is not."""
        return self.status not in ("matched", "skipped")

    def explain(self) -> str:
        """What went wrong, in a few lines (empty when the case matched)."""
        if self.status == "unrecorded":
            return "no recorded TensorFlow result: run `python -m conformance record`"
        if self.status == "skipped":
            return "skipped: bfloat16 needs the optional ml_dtypes package, which is not installed here"
        if self.difference is None:
            return ""
        prefix = "unsupported: tfshim lacks a name TensorFlow has\n" if self.status == "unsupported" else ""
        return prefix + str(self.difference)


def judge(case: Case, expected: dict | None, got: dict, seconds: float = 0.0) -> Outcome:
    """Compares `got` (tfshim) with `expected` (TensorFlow) under the case's tolerance and rules."""
    outcome = Outcome(case.key, case.area, case.name, "unrecorded", None, expected, got, seconds)
    if expected is None:
        return outcome
    outcome.difference = compare(expected, got, rtol=case.tolerance.get("rtol"), atol=case.tolerance.get("atol"),
                                 compare_message=case.compare_message)
    if outcome.difference is None:
        outcome.status = "matched"
    elif got.get("kind") == "error" and _NEEDS_ML_DTYPES in got.get("message", ""):
        outcome.status = "skipped"
    elif is_unsupported(expected, got):
        outcome.status = "unsupported"
    else:
        outcome.status = "differing"
    return outcome


def is_unsupported(expected: dict, got: dict) -> bool:
    """tfshim raised AttributeError for a missing name where TensorFlow did not raise it."""
    if got.get("kind") != "error" or got.get("type") != "AttributeError":
        return False
    if expected.get("kind") == "error" and expected.get("type") == "AttributeError":
        return False
    return bool(_MISSING_NAME.search(got.get("message", "")))


def check(case: Case, expected: dict | None, module: ModuleType, timeout: float | None = None) -> Outcome:
    """Runs the case on `module` (tfshim) and judges it against `expected`."""
    import time

    start = time.perf_counter()
    got = run_program(case.fn, module, timeout=timeout)
    return judge(case, expected, got, time.perf_counter() - start)


def one_line(outcome: Outcome) -> str:
    """`area/name: <reason> at <path>` for tables and progress output."""
    if outcome.status == "unrecorded":
        return f"{outcome.key}: not recorded"
    d = outcome.difference
    if d is None:
        return f"{outcome.key}: matched"
    return f"{outcome.key}: {d.reason} at {d.path} (expected {d.expected}; got {d.got})"


__all__ = ["STATUSES", "Outcome", "check", "describe", "is_unsupported", "judge", "one_line"]
