"""Tests of the comparison machinery itself: encoding, comparing, recording, reports, the pytest plugin
and the hypothesis strategies. None of these need TensorFlow."""

from __future__ import annotations

import collections
import json
import xml.etree.ElementTree as ET
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given

import tfshim as tf
from conformance import recording, report
from conformance.case import Case
from conformance.outcome import is_unsupported, judge
from tfshim.testing import strategies as tfst
from tfshim.testing.compare import compare, core_message, tolerance
from tfshim.testing.encode import encode, to_json
from tfshim.testing.run import run_program

pytest_plugins = ["pytester"]


def _diff(a: object, b: object, **kw: object) -> object:
    return compare(encode(a), encode(b), **kw)


# -- encode / compare ------------------------------------------------------------------------------
def test_identical_results_match() -> None:
    value = {"a": [tf.constant([1.0, float("nan")]), None, (1, "s", b"b")], "b": tf.Variable(2.0)}
    assert _diff(value, value) is None


def test_none_versus_tensor_is_a_difference() -> None:
    d = _diff([tf.constant(1.0), None], [tf.constant(1.0), tf.constant(0.0)])
    assert d is not None and d.path == "result[1]" and "None" in d.reason


def test_python_float_versus_tensor_is_a_difference() -> None:
    assert _diff(1.5, tf.constant(1.5)) is not None
    assert _diff(1, True) is not None  # bool is not int


def test_dtype_and_shape_must_match_exactly() -> None:
    assert "dtype" in _diff(tf.constant([1.0]), tf.constant([1.0], dtype=tf.float64)).reason
    assert "shape" in _diff(tf.constant([1.0]), tf.constant([[1.0]])).reason


def test_values_use_tensorflow_tolerances() -> None:
    assert _diff(tf.constant(1.0), tf.constant(1.0 + 5e-7)) is None
    d = _diff(tf.constant([1.0, 2.0]), tf.constant([1.0, 2.001]))
    assert d is not None and d.path == "result[1]"
    half = tf.constant([1.0], dtype=tf.float16)
    assert _diff(half, tf.constant([1.0009765625], dtype=tf.float16)) is None
    assert tolerance("float16") == (1e-3, 1e-3) and tolerance("bfloat16") == (1e-2, 1e-2)
    assert tolerance("float32", rtol=0.1) == (0.1, 1e-6)


def test_nan_and_infinities() -> None:
    assert _diff(tf.constant([np.nan, np.inf]), tf.constant([np.nan, np.inf])) is None
    assert _diff(tf.constant(np.inf), tf.constant(-np.inf)) is not None
    assert _diff(tf.constant(np.nan), tf.constant(0.0)) is not None
    assert json.loads(to_json(encode(float("nan")))) == {"kind": "float", "value": "nan"}


def test_integers_compare_exactly() -> None:
    assert _diff(tf.constant([1, 2]), tf.constant([1, 3])) is not None


def test_containers_and_keys() -> None:
    assert "length" in _diff([1, 2], [1]).reason
    assert _diff((1,), [1]) is not None
    assert "keys" in _diff({"a": 1}, {"b": 1}).reason
    p = collections.namedtuple("P", "a b")
    q = collections.namedtuple("Q", "a b")
    assert _diff(p(1, 2), p(1, 2)) is None and _diff(p(1, 2), q(1, 2)) is not None


def test_exceptions_compare_by_class_and_core_message() -> None:
    prefix = "{{function_node __wrapped__AddV2_device_/job:localhost/replica:0/task:0/device:CPU:0}} "
    tf_error = tf.errors.InvalidArgumentError(None, None, prefix + "Incompatible shapes [Op:AddV2] name: ")
    shim_error = tf.errors.InvalidArgumentError(None, None, "Incompatible shapes [Op:AddV2] name: ")
    assert _diff(tf_error, shim_error) is None
    assert core_message(prefix + "x") == "x"
    assert _diff(ValueError("a"), ValueError("b")) is not None
    assert _diff(ValueError("a"), ValueError("b"), compare_message=False) is None
    assert _diff(ValueError("a"), TypeError("a"), compare_message=False) is not None


def test_indexed_slices_and_variables_encode() -> None:
    s = tf.IndexedSlices(tf.constant([[1.0, 2.0]]), tf.constant([1]), tf.constant([3, 2]))
    node = encode(s)
    assert node["kind"] == "indexed_slices" and node["indices"]["values"] == [1]
    v = encode(tf.Variable([1.0], name="v"))
    assert v["kind"] == "variable" and v["name"] == "v:0" and v["value"]["dtype"] == "float32"


def test_addresses_are_masked() -> None:
    assert "0x" not in encode(ValueError("<object at 0x7f00deadbeef>"))["message"].replace("0x?", "")


def test_run_program_captures_exceptions() -> None:
    node = run_program(lambda m: m.constant(1.0) + m.constant(1), tf)
    assert node["kind"] == "error" and node["type"] == "InvalidArgumentError"


# -- outcomes, recordings, reports -----------------------------------------------------------------
def _case(name: str = "c") -> Case:
    return Case("area", name, lambda m: None)


def test_unsupported_means_a_missing_name() -> None:
    missing = encode(AttributeError("module 'tfshim' has no attribute 'gather'"))
    assert is_unsupported(encode(1.0), missing)
    assert not is_unsupported(encode(AttributeError("x has no attribute 'y'")), missing)
    assert judge(_case(), encode(1.0), missing).status == "unsupported"
    assert judge(_case(), None, missing).status == "unrecorded"
    assert judge(_case(), encode(1.0), encode(1.0)).status == "matched"


def test_recording_round_trip(tmp_path: Path) -> None:
    cases = {"b": encode(tf.constant([1.0, float("inf")])), "a": encode(ValueError("x"))}
    path = recording.write_area("area", cases, "2.21.0", np.__version__, tmp_path)
    lines = path.read_text().splitlines()
    assert lines[3].lstrip().startswith('"a"') and lines[4].lstrip().startswith('"b"')  # one sorted line per case
    loaded = recording.load(tmp_path)
    assert loaded.results == {"area/a": cases["a"], "area/b": cases["b"]}
    assert loaded.tensorflow_version == "2.21.0"


def test_reports() -> None:
    outcomes = [judge(_case("ok"), encode(1.0), encode(1.0)), judge(_case("bad"), encode(1.0), encode(2.0))]
    assert report.final_line(outcomes, "recorded") == "conformance: 1/2 cases match TensorFlow 2.21 (recorded)"
    md = report.markdown(outcomes, "recorded", "2.21.0")
    assert "| area | 2 | 1 | 1 | 0 | 0 |" in md and "`bad`" in md
    root = ET.fromstring(report.junit_xml(outcomes, "recorded").split("\n", 1)[1])
    assert root.get("tests") == "2" and root.get("failures") == "1"
    assert "differing" in report.summary_table(outcomes)


# -- strategies ------------------------------------------------------------------------------------
@given(tfst.broadcastable_shapes())
def test_broadcastable_shapes_broadcast(shapes: tuple) -> None:
    np.broadcast_shapes(*shapes)


@given(tfst.tensors(dtype=tfst.dtypes(integer=True, exclude=("bfloat16",)), shape=tfst.shapes(max_dims=2)))
def test_tensors_have_the_drawn_dtype(x: object) -> None:
    assert tf.is_tensor(x) and x.dtype.name in tfst.ALL_DTYPES


@given(tfst.arrays("float16", (3,), low=0.1, high=2.0))
def test_arrays_respect_bounds_and_dtype(a: np.ndarray) -> None:
    assert a.dtype == np.float16 and np.all(a >= np.float16(0.1)) and np.all(a <= 2.0)


# -- the pytest plugin -----------------------------------------------------------------------------
_PLUGIN_TEST = """
def test_uses_tf(tf, tf_compare):
    tf_compare(tf.constant([1.0, 2.0]) * 2.0, "doubled")
    return tf.constant(3)

def test_plain():
    assert True
"""


def _plugin_args() -> list[str]:
    """`-p tfshim.testing.pytest_plugin` unless the installed entry point already loads it (loading it
    twice under two names is an error)."""
    from importlib.metadata import entry_points

    installed = any(ep.value == "tfshim.testing.pytest_plugin" for ep in entry_points(group="pytest11"))
    return [] if installed else ["-p", "tfshim.testing.pytest_plugin"]


def test_plugin_default_backend_is_tfshim(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(_PLUGIN_TEST)
    result = pytester.runpytest(*_plugin_args(), "-W", "error")
    result.assert_outcomes(passed=2)


def test_plugin_both_backends(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(_PLUGIN_TEST)
    result = pytester.runpytest(*_plugin_args(), "--tf-backend=both", "-v")
    result.stdout.fnmatch_lines(["*test_uses_tf?tfshim? PASSED*"])
    from tfshim.testing.backends import load_tensorflow

    if load_tensorflow() is None:
        result.assert_outcomes(passed=2, skipped=1)
    else:
        result.assert_outcomes(passed=3)


def test_plugin_leaves_a_project_tf_fixture_alone(pytester: pytest.Pytester) -> None:
    pytester.makeconftest("import pytest\n@pytest.fixture\ndef tf():\n    return 'mine'\n")
    pytester.makepyfile("def test_own(tf):\n    assert tf == 'mine'\n")
    pytester.runpytest(*_plugin_args(), "--tf-backend=both").assert_outcomes(passed=1)
