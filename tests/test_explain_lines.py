"""tape.explain() names the user's lines for every cause: docs/explain.md's programs print exactly the
reports shown there, and each cause's lines (creation, read, watch, tape creation, last use) are the
right ones."""

from __future__ import annotations

import os
import pathlib
import re
import subprocess
import sys

import pytest

import tfshim as tf
from tfshim import explain as ex

_DOC = pathlib.Path(__file__).resolve().parent.parent / "docs" / "explain.md"
_EXAMPLE = re.compile(r"### ([^\n]*)\n(?:(?!```).)*?```python\n(.*?)```\n\n```\n(.*?)```", re.S)
_EXAMPLES = _EXAMPLE.findall(_DOC.read_text())
_SOURCE = pathlib.Path(__file__).read_text().splitlines()

# every cause a report can give for a missing gradient
_CAUSES = {ex.TAPE_USED, ex.NON_FLOAT_SOURCE, ex.NOT_WATCHED, ex.NOT_TRAINABLE, ex.AUTO_WATCH_OFF, ex.NOT_USED,
           ex.OUTSIDE_TAPE, ex.STOP_RECORDING, ex.BEFORE_RESET, ex.STOP_GRADIENT, ex.NO_GRADIENT_OP,
           ex.INTEGER_PATH, ex.LEFT_TAPE}


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


def lines(entry: ex.ExplainEntry) -> dict:
    """What happened where, as {what: line number} (for sites in this file)."""
    assert all(site.filename == __file__ for _, site in entry.sites), entry.sites
    return {what: site.lineno for what, site in entry.sites}


# -- the documented programs ----------------------------------------------------------------------
def test_the_doc_has_an_example_for_every_cause() -> None:
    assert len(_EXAMPLES) >= len(_CAUSES)
    documented = set()
    for _, _, report in _EXAMPLES:
        documented.update(re.findall(r"no gradient \(([^)]*\)?)\)", report))
    assert _CAUSES <= documented, _CAUSES - documented


@pytest.mark.parametrize("title,program,report", _EXAMPLES, ids=[t for t, _, _ in _EXAMPLES])
def test_documented_program_prints_the_documented_report(title: str, program: str, report: str,
                                                         tmp_path: pathlib.Path) -> None:
    (tmp_path / "prog.py").write_text(program)
    env = {k: v for k, v in os.environ.items() if k != "TFSHIM_EXPLAIN"}
    done = subprocess.run([sys.executable, "prog.py"], cwd=tmp_path, capture_output=True, text=True, env=env,
                          timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout == report
    # each unconnected source's entry names a line of the program, and the line is a real one
    for entry in re.split(r"\n(?=  source )", report.strip())[1:]:
        if "gradient flows" in entry:
            continue
        found = [int(n) for n in re.findall(r"prog\.py:(\d+)", entry)]
        assert found, f"{title}: no line in {entry!r}"
        assert all(1 <= n <= len(program.splitlines()) for n in found)


# -- each cause and its lines ---------------------------------------------------------------------
def test_non_trainable_variable_names_where_it_was_created() -> None:
    v = tf.Variable(2.0, trainable=False)  # frozen created
    with tf.GradientTape() as tape:
        y = v * v
    entry = only(tape.explain(y, v))
    assert entry.cause == ex.NOT_TRAINABLE
    assert lines(entry) == {"created": line_of("frozen created")}
    assert entry.site.lineno == line_of("frozen created")
    assert "explain mode also names the line that read it" in entry.message


def test_non_trainable_variable_names_where_it_was_read_in_explain_mode(explain_mode: None) -> None:
    v = tf.Variable(2.0, trainable=False)  # frozen created 2
    with tf.GradientTape() as tape:
        y = v * 3.0  # frozen read
    entry = only(tape.explain(y, v))
    assert entry.cause == ex.NOT_TRAINABLE
    assert lines(entry) == {"created": line_of("frozen created 2"), "read under the tape": line_of("frozen read")}
    assert "explain mode" not in entry.message
    shown = os.path.relpath(__file__) if __file__.startswith(os.getcwd() + os.sep) else __file__
    assert f"\n      created at {shown}:{line_of('frozen created 2')}\n" in str(entry)


def test_variable_created_in_a_helper_names_the_helper_line() -> None:
    def make() -> tf.Variable:
        return tf.Variable([1.0, 2.0], trainable=False)  # made in helper

    v = make()
    with tf.GradientTape() as tape:
        y = tf.reduce_sum(v)
    assert lines(only(tape.explain(y, v))) == {"created": line_of("made in helper")}


def test_watch_accessed_variables_false_names_the_tape() -> None:
    v = tf.Variable(2.0)
    with tf.GradientTape(watch_accessed_variables=False) as tape:  # tape without auto-watch
        y = v * v
    entry = only(tape.explain(y, v))
    assert entry.cause == ex.AUTO_WATCH_OFF
    assert lines(entry) == {"tape created": line_of("tape without auto-watch")}


def test_watch_accessed_variables_false_names_the_read_in_explain_mode(explain_mode: None) -> None:
    v = tf.Variable(2.0)
    tape = tf.GradientTape(watch_accessed_variables=False)  # tape made early
    with tape:
        y = v + 1.0  # unwatched read
    entry = only(tape.explain(y, v))
    assert entry.cause == ex.AUTO_WATCH_OFF
    assert lines(entry) == {"tape created": line_of("tape made early"),
                            "read under the tape": line_of("unwatched read")}


def test_integer_source_names_where_it_was_watched() -> None:
    i = tf.constant([1, 2])
    with tf.GradientTape() as tape:
        tape.watch(i)  # int watched
        y = i * 2
    entry = only(tape.explain(y, i))
    assert entry.cause == ex.NON_FLOAT_SOURCE
    assert lines(entry) == {"watched": line_of("int watched")}


@pytest.mark.parametrize("made", ["constant", "op", "variable"])
def test_integer_source_names_where_it_was_created_in_explain_mode(made: str, explain_mode: None) -> None:
    if made == "constant":
        s, created = tf.constant([1, 2]), line_of("int constant")  # int constant
    elif made == "op":
        s, created = tf.range(3), line_of("int from an op")  # int from an op
    else:
        s, created = tf.Variable([1, 2]), line_of("int variable")  # int variable
    with tf.GradientTape() as tape:
        tape.watch(s)  # int watched 2
        y = s * 2
    entry = only(tape.explain(y, s))
    assert entry.cause == ex.NON_FLOAT_SOURCE
    assert lines(entry) == {"created": created, "watched": line_of("int watched 2")}


def test_string_source_names_where_it_was_watched() -> None:
    s = tf.constant(["a"])
    with tf.GradientTape() as tape:
        tape.watch(s)  # string watched
    entry = only(tape.explain(s, s))
    assert entry.cause == ex.NON_FLOAT_SOURCE and "string" in entry.message
    assert lines(entry) == {"watched": line_of("string watched")}


def test_variable_not_used_names_where_it_was_created() -> None:
    x, z = tf.Variable(2.0), tf.Variable(1.0)  # two variables
    with tf.GradientTape() as tape:
        y = x * x
    entries = tape.explain(y, [x, z])
    assert entries[1].cause == ex.NOT_USED
    assert lines(entries[1]) == {"created": line_of("two variables")}


@pytest.mark.parametrize("how", ["gradient", "jacobian"])
def test_used_tape_names_where_it_computed_its_gradients(how: str) -> None:
    x = tf.Variable([2.0, 1.0])
    with tf.GradientTape() as tape:
        y = x * x
    if how == "gradient":
        tape.gradient(y, x)  # used by gradient
        marker = "used by gradient"
    else:
        tape.jacobian(y, x)  # used by jacobian
        marker = "used by jacobian"
    entry = only(tape.explain(y, x))
    assert entry.cause == ex.TAPE_USED
    assert lines(entry) == {"gradients computed": line_of(marker)}


def test_never_entered_tape_has_no_line() -> None:
    tape = tf.GradientTape()
    entry = only(tape.explain(tf.constant(1.0), tf.constant(1.0)))
    assert entry.cause == ex.TAPE_USED and entry.site is None and entry.sites == ()


def test_stop_gradient_names_the_line_in_explain_mode(explain_mode: None) -> None:
    x = tf.Variable(2.0)
    with tf.GradientTape() as tape:
        y = tf.stop_gradient(x * x) + 1.0  # stop here
    entry = only(tape.explain(y, x))
    assert entry.cause == ex.STOP_GRADIENT and "tf.stop_gradient" in entry.message
    assert entry.site.lineno == line_of("stop here")


def test_report_prints_every_line() -> None:
    v = tf.Variable(2.0, trainable=False)
    with tf.GradientTape() as tape:
        y = v * v
    text = str(tape.explain(y, v))
    assert text.endswith(f"created at {tape.explain(y, v)[0].site}")


def test_sites_cost_nothing_when_recording_floats() -> None:
    """Without explain mode a float watch and the ops under a tape keep no sites."""
    x = tf.constant([1.0])
    with tf.GradientTape(persistent=True) as tape:
        tape.watch(x)
        _ = x * 2.0
    assert tape._tape.watch_sites == {}
    assert all(getattr(rec, "site", None) is None for rec in tape._tape.tensors.values() if rec is not None)
    assert tape._created_at is None
