"""tf.bfloat16 in the tested install (issue 13): the `test` extra brings ml_dtypes, so the README's test
command tests bfloat16; without ml_dtypes, using tf.bfloat16 raises a clear error naming the package."""

from __future__ import annotations

import pathlib
import re
import subprocess
import sys
import textwrap

import numpy as np
import pytest

import tfshim as tf
from tfshim._engine import dtypes as _dtypes

_ROOT = pathlib.Path(__file__).resolve().parent.parent


def _extra(name: str) -> list[str]:
    """The requirements of one optional-dependencies extra in pyproject.toml."""
    text = (_ROOT / "pyproject.toml").read_text()
    section = text.split("[project.optional-dependencies]", 1)[1].split("\n[", 1)[0]
    found = re.search(rf"^{name}\s*=\s*\[(.*?)\]", section, re.M | re.S)
    assert found, f"no '{name}' extra in pyproject.toml"
    return re.findall(r'"([^"]+)"', found.group(1))


@pytest.mark.parametrize("extra", ["test", "dev", "bfloat16"])
def test_the_extra_installs_ml_dtypes(extra: str) -> None:
    assert any(re.match(r"ml[-_]dtypes\b", req) for req in _extra(extra)), _extra(extra)


def test_the_tested_install_has_bfloat16() -> None:
    """`pip install -e '.[test]'` installs ml_dtypes: this fails (it is not skipped) where it did not."""
    assert _dtypes.HAS_BFLOAT16, "ml_dtypes is missing: the test extra should have installed it"
    import ml_dtypes

    assert tf.bfloat16.as_numpy_dtype is ml_dtypes.bfloat16


def test_bfloat16_tensors_and_gradients() -> None:
    x = tf.Variable([1.5, -2.25, 3.0], dtype=tf.bfloat16)
    with tf.GradientTape() as tape:
        y = tf.reduce_sum(tf.sigmoid(x) * x)
    g = tape.gradient(y, x)
    assert y.dtype == tf.bfloat16 and g.dtype == tf.bfloat16
    v = np.array([1.5, -2.25, 3.0])
    s = 1 / (1 + np.exp(-v))
    np.testing.assert_allclose(g.numpy().astype(np.float64), s + v * s * (1 - s), rtol=2e-2)
    assert tf.cast(tf.constant(1.0), tf.bfloat16).dtype == tf.bfloat16
    assert float(tf.bfloat16.max) > 3e38


_WITHOUT_ML_DTYPES = textwrap.dedent("""
    import sys
    sys.modules["ml_dtypes"] = None  # as if it were not installed
    import tfshim as tf
    assert not tf._engine.dtypes.HAS_BFLOAT16
    assert tf.bfloat16.name == "bfloat16" and tf.as_dtype("bfloat16") == tf.bfloat16
    assert tf.float32 != tf.bfloat16 and tf.constant(1.0).dtype != tf.bfloat16
    assert float(tf.constant(2.0) * 3.0) == 6.0
    for use in (lambda: tf.constant(1.0, tf.bfloat16), lambda: tf.cast(tf.constant([1.0]), tf.bfloat16),
                lambda: tf.zeros([2], tf.bfloat16), lambda: tf.Variable(1.0, dtype=tf.bfloat16),
                lambda: tf.bfloat16.as_numpy_dtype, lambda: tf.bfloat16.max, lambda: tf.range(3, dtype=tf.bfloat16)):
        try:
            use()
        except ModuleNotFoundError as e:
            assert e.name == "ml_dtypes", e.name
            print(e)
        else:
            raise AssertionError("no error")
""")


def test_without_ml_dtypes_bfloat16_raises_a_clear_error() -> None:
    done = subprocess.run([sys.executable, "-c", _WITHOUT_ML_DTYPES], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    messages = done.stdout.splitlines()
    assert len(messages) == 7
    for message in messages:
        assert "tf.bfloat16 needs the ml_dtypes package" in message and "pip install ml_dtypes" in message
