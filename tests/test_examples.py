"""Each example prints, byte for byte, what the same program prints on real TensorFlow."""

import pathlib
import subprocess
import sys

import pytest

EXAMPLES = pathlib.Path(__file__).resolve().parent.parent / "examples"
SCRIPTS = sorted(p for p in EXAMPLES.glob("*.py") if (EXAMPLES / "expected" / f"{p.stem}.txt").exists())


@pytest.mark.parametrize("script", SCRIPTS, ids=lambda p: p.name)
def test_example_prints_what_tensorflow_prints(script: pathlib.Path) -> None:
    expected = (EXAMPLES / "expected" / f"{script.stem}.txt").read_text()
    result = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, check=True)
    assert result.stdout == expected


def test_every_example_has_a_recording() -> None:
    missing = [p.name for p in EXAMPLES.glob("*.py") if not (EXAMPLES / "expected" / f"{p.stem}.txt").exists()]
    assert not missing, f"record them with: .venv-tf/bin/python -m conformance.record_examples ({missing})"
