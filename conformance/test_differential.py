"""The hypothesis differential layer under pytest: one test per op row (see conformance/differential.py).

Skipped when real TensorFlow is not importable, and per row when tfshim does not have the op yet.
Examples per row come from the hypothesis profile (HYPOTHESIS_PROFILE=ci|thorough, see conftest.py).
"""

from __future__ import annotations

import pytest

from conformance.differential import ROWS, OpRow, assert_row_matches, resolve
from tfshim.testing.backends import TENSORFLOW_MISSING, load_tensorflow, load_tfshim


@pytest.mark.parametrize("row", ROWS, ids=[r.id for r in ROWS])
def test_op_matches_tensorflow(row: OpRow) -> None:
    tensorflow = load_tensorflow()
    if tensorflow is None:
        pytest.skip(TENSORFLOW_MISSING)
    tfshim = load_tfshim()
    if resolve(tfshim, row.name) is None:
        pytest.skip(f"tfshim has no tf.{row.name} yet")
    assert resolve(tensorflow, row.name) is not None, f"the table names tf.{row.name}, which TensorFlow lacks"
    assert_row_matches(row, tensorflow, tfshim)
