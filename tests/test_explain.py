"""tape.explain(): every cause of a missing gradient is named, with the line where the path was cut."""

from __future__ import annotations

import inspect
import logging
import pathlib
import warnings

import numpy as np
import pytest

import tfshim as tf
from tfshim import explain as ex

_SOURCE = pathlib.Path(__file__).read_text().splitlines()


def line_of(marker: str) -> int:
    """The line number of the line ending with `# <marker>` in this file."""
    hits = [i for i, text in enumerate(_SOURCE, start=1) if text.rstrip().endswith(f"# {marker}")]
    assert len(hits) == 1, marker
    return hits[0]


@pytest.fixture
def explain_mode():
    ex.set_explain_unconnected(True)
    try:
        yield
    finally:
        ex.set_explain_unconnected(False)


def only(explanation: ex.Explanation) -> ex.ExplainEntry:
    assert len(explanation) == 1
    return explanation[0]


def test_connected_source_is_reported_connected() -> None:
    x = tf.Variable(2.0)
    with tf.GradientTape() as tape:
        y = x * x
    entry = only(tape.explain(y, x))
    assert entry.connected and entry.cause == ex.CONNECTED


def test_constant_never_watched() -> None:
    c = tf.constant(3.0)
    with tf.GradientTape() as tape:
        y = c * c
    entry = only(tape.explain(y, c))
    assert entry.cause == ex.NOT_WATCHED and "tape.watch" in entry.message


def test_constant_never_watched_names_where_it_is_used(explain_mode: None) -> None:
    c = tf.constant(3.0)
    with tf.GradientTape() as tape:
        y = c * c  # used unwatched
    entry = only(tape.explain(y, c))
    assert entry.cause == ex.NOT_WATCHED
    assert "the target does use it" in entry.message
    assert entry.site.lineno == line_of("used unwatched")


def test_non_trainable_variable() -> None:
    v = tf.Variable(2.0, trainable=False)
    with tf.GradientTape() as tape:
        y = v * v
    assert only(tape.explain(y, v)).cause == ex.NOT_TRAINABLE


def test_watch_accessed_variables_false() -> None:
    v = tf.Variable(2.0)
    with tf.GradientTape(watch_accessed_variables=False) as tape:
        y = v * v
    assert only(tape.explain(y, v)).cause == ex.AUTO_WATCH_OFF


def test_variable_never_read() -> None:
    x, z = tf.Variable(2.0), tf.Variable([1.0, 2.0])
    with tf.GradientTape() as tape:
        f = x * 3.0
    entries = tape.explain(f, [x, z])
    assert [e.cause for e in entries] == [ex.CONNECTED, ex.NOT_USED]


def test_target_computed_outside_the_tape(explain_mode: None) -> None:
    x = tf.Variable(2.0)
    y = x * 3.0  # outside
    with tf.GradientTape() as tape:
        z = y + 1.0
    entry = only(tape.explain(z, x))
    assert entry.cause == ex.OUTSIDE_TAPE
    assert entry.site.lineno == line_of("outside")


def test_target_computed_inside_stop_recording(explain_mode: None) -> None:
    x = tf.Variable(2.0)
    with tf.GradientTape() as tape:
        _ = x * 1.0
        with tape.stop_recording():
            y = x * 5.0  # paused
    entry = only(tape.explain(y, x))
    assert entry.cause == ex.STOP_RECORDING
    assert entry.site.lineno == line_of("paused")


def test_target_computed_before_reset(explain_mode: None) -> None:
    x = tf.Variable(2.0)
    with tf.GradientTape() as tape:
        y = x * 3.0  # before reset
        tape.reset()
        _ = x * 1.0
    entry = only(tape.explain(y, x))
    assert entry.cause == ex.BEFORE_RESET
    assert entry.site.lineno == line_of("before reset")


def test_path_through_a_cast_to_integer() -> None:
    x = tf.Variable(2.7)
    with tf.GradientTape() as tape:
        i = tf.cast(x, tf.int32)  # cast to int
    entry = only(tape.explain(i, x))
    assert entry.cause == ex.INTEGER_PATH and "Cast" in entry.message
    assert entry.site is None or entry.site.lineno == line_of("cast to int")


def test_integer_round_trip_names_the_cast_and_its_line(explain_mode: None) -> None:
    x = tf.Variable(2.7)
    with tf.GradientTape() as tape:
        y = tf.cast(tf.cast(x, tf.int32), tf.float32) * 2.0  # round trip
    entry = only(tape.explain(y, x))
    assert entry.cause == ex.INTEGER_PATH and "Cast" in entry.message
    assert entry.site.lineno == line_of("round trip")


@pytest.mark.parametrize("make", ["argmax", "round", "comparison", "where condition"])
def test_path_through_an_op_without_gradient(make: str, explain_mode: None) -> None:
    x = tf.Variable([1.0, 3.0])
    with tf.GradientTape() as tape:
        if make == "argmax":
            y, op = tf.cast(tf.argmax(x), tf.float32), "ArgMax"
        elif make == "round":
            y, op = tf.round(x), "Round"
        elif make == "comparison":
            y, op = tf.cast(x > 2.0, tf.float32), "Greater"
        else:
            y, op = tf.where(x > 2.0, 1.0, 0.0), "Greater"
        cut_line = inspect.currentframe().f_lineno - 1 if make == "where condition" else None
    entry = only(tape.explain(y, x))
    assert entry.cause in (ex.NO_GRADIENT_OP, ex.INTEGER_PATH)
    assert op in entry.message
    if cut_line is not None:
        assert entry.site.lineno == cut_line


def test_stop_gradient(explain_mode: None) -> None:
    x = tf.Variable(2.0)
    with tf.GradientTape() as tape:
        y = tf.stop_gradient(x * x)  # stopped
    entry = only(tape.explain(y, x))
    assert entry.cause == ex.STOP_GRADIENT
    assert entry.site.lineno == line_of("stopped")


@pytest.mark.parametrize("dtype", [tf.int32, tf.string])
def test_integer_or_string_source(dtype: tf.DType) -> None:
    s = tf.constant([1, 2]) if dtype == tf.int32 else tf.constant(["a", "b"])
    with tf.GradientTape() as tape:
        tape.watch(s)
        y = tf.identity(s)
    entry = only(tape.explain(y, s))
    assert entry.cause == ex.NON_FLOAT_SOURCE and dtype.name in entry.message


@pytest.mark.parametrize("how", ["numpy", "asarray", "float"])
def test_value_left_the_tape_as_numpy(how: str, explain_mode: None) -> None:
    x = tf.Variable(2.0)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ex.UnconnectedGradientWarning)
        with tf.GradientTape() as tape:
            y = x * 3.0
            if how == "numpy":
                value = y.numpy()  # exported numpy
            elif how == "asarray":
                value = np.asarray(y)  # exported asarray
            else:
                value = float(y)  # exported float
            z = tf.constant(value) * 2.0
    entry = only(tape.explain(z, x))
    assert entry.cause == ex.LEFT_TAPE
    assert f":{line_of('exported ' + how)} " in entry.message


def test_non_persistent_tape_already_used() -> None:
    x = tf.Variable(2.0)
    with tf.GradientTape() as tape:
        y = x * x
    tape.gradient(y, x)
    entry = only(tape.explain(y, x))
    assert entry.cause == ex.TAPE_USED and "persistent=True" in entry.message


def test_report_reads_well() -> None:
    x, z = tf.Variable(2.0, name="x"), tf.Variable(1.0, name="z")
    with tf.GradientTape() as tape:
        y = x * x
    text = str(tape.explain(y, [x, z]))
    assert text.startswith("Gradient explanation (2 sources):")
    assert "'x:0'" in text and "'z:0'" in text and "not used by the target" in text


def test_explain_mode_logs_unconnected_sources(explain_mode: None, caplog: pytest.LogCaptureFixture) -> None:
    x, z = tf.Variable(2.0), tf.Variable(1.0)
    with tf.GradientTape() as tape:
        y = x * x
    logging.getLogger("tfshim").propagate = True
    with caplog.at_level(logging.WARNING, logger="tfshim"):
        grads = tape.gradient(y, [x, z], unconnected_gradients="zero")
    assert float(grads[1]) == 0.0
    assert "no gradient for 1 source" in caplog.text and "not used by the target" in caplog.text


def test_explain_mode_warns_once_per_call_site_on_numpy_conversion(explain_mode: None) -> None:
    x = tf.Variable(2.0)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("default")
        with tf.GradientTape() as tape:
            y = x * 3.0
            for _ in range(3):
                y.numpy()  # repeated export
        del tape
    relevant = [w for w in caught if issubclass(w.category, ex.UnconnectedGradientWarning)]
    assert len(relevant) == 1 and relevant[0].lineno == line_of("repeated export")


def test_no_warning_when_nothing_records(explain_mode: None) -> None:
    y = tf.constant(2.0) * 3.0
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        y.numpy()


def test_explain_mode_off_by_default() -> None:
    assert not tf.config.get_explain_unconnected()
