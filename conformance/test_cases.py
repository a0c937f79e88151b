"""`pytest conformance/`: every registered case, compared with its recorded TensorFlow result.

One test per case (ids are the case keys, "area/name"). A case with no recording is skipped with the
command that records it; a case module that fails to import is a failing test.
"""

from __future__ import annotations

import pytest

from conformance import recording
from conformance.case import Case
from conformance.cli import select
from conformance.outcome import check
from tfshim.testing.backends import load_tfshim

_CASES = select([], None)
_RECORDING = recording.load()


def _import_errors() -> dict:
    from conformance.cases import IMPORT_ERRORS

    return IMPORT_ERRORS


@pytest.mark.parametrize("module_name", sorted(_import_errors()) or [pytest.param("", marks=pytest.mark.skip(
    reason="every case module imports"))])
def test_case_module_imports(module_name: str) -> None:
    error = _import_errors()[module_name]
    pytest.fail(f"conformance/cases/{module_name}.py does not import: {type(error).__name__}: {error}")


@pytest.mark.parametrize("entry", _CASES, ids=[c.key for c in _CASES])
def test_case_matches_tensorflow(entry: Case) -> None:
    expected = _RECORDING.results.get(entry.key)
    if expected is None:
        pytest.skip(f"{entry.key} has no recorded TensorFlow result yet: run "
                    f"`python -m conformance record -k '{entry.key}'` where TensorFlow 2.21 is installed")
    outcome = check(entry, expected, load_tfshim(), timeout=60)
    if outcome.status == "skipped":
        pytest.skip(outcome.explain())
    if not outcome.ok:
        pytest.fail(f"{entry.key} ({outcome.status}): {outcome.explain()}", pytrace=False)
