"""The conformance suite must catch real bugs: break one gradient rule and one dtype rule in tfshim
(by monkeypatching, restored afterwards) and check that cases which matched TensorFlow's recording
before now differ, both through the Python API and through `python -m conformance`'s exit status."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # `pytest` (not `python -m pytest`) does not put the repo root on sys.path
    sys.path.insert(0, str(ROOT))

import tfshim  # noqa: E402
from conformance import cli, recording  # noqa: E402
from conformance.outcome import check  # noqa: E402
from tfshim._engine import convert, registry  # noqa: E402

GRADIENT_CASES = ("tape_lifecycle/two tapes in one with statement both record",
                  "gradient_targets_sources/sources: list", "variables/variable used twice accumulates")
DTYPE_CASES = ("conversion/constant of float", "conversion/convert_to_tensor of list int and float",
               "mixed_dtypes/tf.add(1.5, 2)")


def _statuses(keys: tuple[str, ...]) -> dict[str, str]:
    cases = {c.key: c for c in cli.select([], None)}
    saved = recording.load()
    missing = [k for k in keys if k not in saved.results or k not in cases]
    if missing:
        pytest.skip(f"no recording for {missing}: run `python -m conformance record`")
    return {k: check(cases[k], saved.results[k], tfshim).status for k in keys}


def _wrong_mul_gradient(op, grad):
    """The right Mul gradient, negated: a plausible sign bug."""
    right = _wrong_mul_gradient.original(op, grad)
    return tuple(None if g is None else tfshim.negative(g) for g in right)


def _float64_for_python_floats(kinds, numbers):
    """Python floats become float64 instead of TensorFlow's float32."""
    found = _float64_for_python_floats.original(kinds, numbers)
    return tfshim.float64 if found is tfshim.float32 and "float" in kinds else found


def test_wrong_gradient_rule_is_reported(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture) -> None:
    before = _statuses(GRADIENT_CASES)
    assert set(before.values()) == {"matched"}, f"these cases must match before the mutation: {before}"
    mul = registry.get_op_def("Mul")
    _wrong_mul_gradient.original = mul.grad_fn
    monkeypatch.setattr(mul, "grad_fn", _wrong_mul_gradient)
    after = _statuses(GRADIENT_CASES)
    assert set(after.values()) == {"differing"}, after
    assert cli.main(["-k", GRADIENT_CASES[0], "--markdown", "", "--no-progress"]) == 1
    assert capsys.readouterr().out.rstrip().endswith("conformance: 0/1 cases match TensorFlow 2.21 (recorded)")


def test_wrong_dtype_rule_is_reported(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture) -> None:
    before = _statuses(DTYPE_CASES)
    assert set(before.values()) == {"matched"}, f"these cases must match before the mutation: {before}"
    _float64_for_python_floats.original = convert._infer_dtype
    monkeypatch.setattr(convert, "_infer_dtype", _float64_for_python_floats)
    after = _statuses(DTYPE_CASES)
    assert set(after.values()) == {"differing"}, after
    assert cli.main(["-k", DTYPE_CASES[0], "--markdown", "", "--no-progress"]) == 1
    out = capsys.readouterr().out
    assert "dtype float32 was expected, got float64" in out


def test_unmutated_cases_pass_through_the_command_line(capsys: pytest.CaptureFixture) -> None:
    _statuses(GRADIENT_CASES[:1])
    assert cli.main(["-k", GRADIENT_CASES[0], "--markdown", "", "--no-progress"]) == 0
    assert capsys.readouterr().out.rstrip().endswith("conformance: 1/1 cases match TensorFlow 2.21 (recorded)")
