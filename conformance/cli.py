"""The command line.

    python -m conformance                    compare tfshim with the recorded TensorFlow results
    python -m conformance --live             run TensorFlow in this process and diff live (+ hypothesis layer)
    python -m conformance record             run every case on real TensorFlow and write conformance/recorded/
    options: --area AREA (repeatable), -k SUBSTRING, --markdown PATH, --write-docs, --junit PATH,
             --timeout SECONDS, --max-examples N (hypothesis layer), --no-progress, -q

The last line printed is `conformance: MATCHED/TOTAL cases match TensorFlow 2.21 (recorded|live)`; the
exit status is 1 when any case differs, is unsupported or has no recording.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from conformance import api_names, recording, report
from conformance.case import REGISTRY, Case
from conformance.outcome import Outcome, check, judge
from conformance.progress import Progress
from tfshim.testing.backends import TENSORFLOW_MISSING, load_tensorflow, load_tfshim
from tfshim.testing.compare import Difference
from tfshim.testing.run import run_program

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_MARKDOWN = ROOT / "reports" / "conformance.md"
DOCS = ROOT / "docs" / "compatibility.md"


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m conformance", description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("command", nargs="?", choices=("compare", "record"), default="compare")
    p.add_argument("--live", action="store_true", help="diff against TensorFlow running in this process")
    p.add_argument("--area", action="append", default=[], help="only this area (repeatable)")
    p.add_argument("-k", dest="keyword", default=None, help="only cases whose 'area/name' contains this")
    p.add_argument("--markdown", default=str(DEFAULT_MARKDOWN), help="Markdown report path")
    p.add_argument("--write-docs", action="store_true", help="also write docs/compatibility.md")
    p.add_argument("--junit", default=None, help="write JUnit XML here")
    p.add_argument("--timeout", type=float, default=30.0, help="per-case time limit in seconds")
    p.add_argument("--max-examples", type=int, default=15, help="hypothesis examples per op (--live)")
    p.add_argument("--no-differential", action="store_true", help="--live without the hypothesis layer")
    p.add_argument("--no-progress", action="store_true")
    p.add_argument("-q", "--quiet", action="store_true", help="do not list each difference")
    return p


def select(areas: Sequence[str], keyword: str | None) -> list[Case]:
    import conformance.cases  # noqa: F401 - registers every case

    cases = sorted(REGISTRY.values(), key=lambda c: c.key)
    if areas:
        cases = [c for c in cases if c.area in areas]
    if keyword:
        cases = [c for c in cases if keyword in c.key]
    return cases


def import_errors() -> dict:
    from conformance.cases import IMPORT_ERRORS

    return IMPORT_ERRORS


def _import_outcomes() -> list[Outcome]:
    """A failing outcome for each case module that does not import."""
    return [Outcome(f"{name}/<import>", name, "<import>", "differing",
                    Difference("import", "the module imports", f"{type(exc).__name__}: {exc}",
                               f"conformance/cases/{name}.py failed to import"))
            for name, exc in sorted(import_errors().items())]


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    cases = select(args.area, args.keyword)
    for name, exc in sorted(import_errors().items()):
        print(f"error: conformance/cases/{name}.py does not import: {type(exc).__name__}: {exc}", file=sys.stderr)
    if args.command == "record":
        return record(cases, args)
    return compare_all(cases, args)


# -- record -----------------------------------------------------------------------------------------
def record(cases: list[Case], args: argparse.Namespace) -> int:
    tensorflow = load_tensorflow()
    if tensorflow is None:
        print(f"conformance record: {TENSORFLOW_MISSING}", file=sys.stderr)
        return 2
    full_run = not args.area and not args.keyword and not import_errors()
    by_area: dict[str, dict[str, dict]] = {}
    unstable = []
    bar = Progress(len(cases), "record", enabled=False if args.no_progress else None)
    for c in cases:
        first = run_program(c.fn, tensorflow, timeout=args.timeout)
        second = run_program(c.fn, tensorflow, timeout=args.timeout)
        if first != second:
            unstable.append(c.key)
        by_area.setdefault(c.area, {})[c.name] = first
        bar.step(c.key)
    bar.close()
    registered_areas = {c.area for c in REGISTRY.values()}
    for area, results in sorted(by_area.items()):
        merged = results if full_run else {**recording.read_area(area), **results}
        merged = {k: v for k, v in merged.items() if f"{area}/{k}" in REGISTRY}
        recording.write_area(area, merged, tensorflow.__version__, np.__version__)
    if full_run:
        for path in recording.RECORDED_DIR.glob("*.json"):
            if path.stem not in {a.replace("/", "_") for a in registered_areas}:
                path.unlink()
    for key in unstable:
        print(f"warning: {key} gave different results on two TensorFlow runs (not deterministic)", file=sys.stderr)
    timeouts = [f"{a}/{n}" for a, r in by_area.items() for n, node in r.items() if node.get("type") == "Timeout"]
    for key in timeouts:
        print(f"warning: {key} timed out on TensorFlow", file=sys.stderr)
    print(f"conformance record: {len(cases)} cases in {len(by_area)} areas recorded with TensorFlow "
          f"{tensorflow.__version__} into {recording.RECORDED_DIR.relative_to(ROOT)}/")
    return 1 if unstable or timeouts or import_errors() else 0


# -- compare ----------------------------------------------------------------------------------------
def compare_all(cases: list[Case], args: argparse.Namespace) -> int:
    tfshim = load_tfshim()
    mode = "live" if args.live else "recorded"
    if args.live:
        tensorflow = load_tensorflow()
        if tensorflow is None:
            print(f"conformance --live: {TENSORFLOW_MISSING}", file=sys.stderr)
            return 2
        recorded_version = tensorflow.__version__
    else:
        saved = recording.load()
        recorded_version = saved.tensorflow_version
        stale = sorted(set(saved.results) - set(REGISTRY))
        if stale and not args.area and not args.keyword and not import_errors():
            print(f"note: {len(stale)} recorded results have no case any more (re-record to drop them): "
                  f"{', '.join(stale[:5])}{' ...' if len(stale) > 5 else ''}", file=sys.stderr)
    outcomes: list[Outcome] = [] if args.keyword else _import_outcomes()
    bar = Progress(len(cases), mode, enabled=False if args.no_progress else None)
    for c in cases:
        if args.live:
            expected = run_program(c.fn, tensorflow, timeout=args.timeout)
            got = run_program(c.fn, tfshim, timeout=args.timeout)
            outcome = judge(c, expected, got)
        else:
            outcome = check(c, saved.results.get(c.key), tfshim, timeout=args.timeout)
        outcomes.append(outcome)
        bar.step(c.key, outcome.ok)
    bar.close()
    if args.live and not args.no_differential:
        from conformance import differential

        outcomes += differential.live_outcomes(tensorflow, tfshim, max_examples=args.max_examples,
                                               keyword=args.keyword, areas=args.area,
                                               show_progress=not args.no_progress)
    return _report(outcomes, mode, recorded_version, args)


def _report(outcomes: list[Outcome], mode: str, recorded_version: str, args: argparse.Namespace) -> int:
    print(report.summary_table(outcomes))
    failures = [o for o in outcomes if o.failed]
    if failures and not args.quiet:
        print()
        print(f"{len(failures)} cases do not match (first difference of each):")
        for line in report.failure_lines(outcomes):
            print(f"  {line}")
    text = report.markdown(outcomes, mode, recorded_version)
    if args.markdown:
        report.write(args.markdown, text)
        print(f"\nMarkdown report: {args.markdown}")
    if args.write_docs:
        report.write(DOCS, f"{text}\n{api_names.markdown(load_tfshim())}")
        print(f"wrote {DOCS.relative_to(ROOT)}")
    if args.junit:
        report.write(args.junit, report.junit_xml(outcomes, mode))
        print(f"JUnit XML: {args.junit}")
    print(report.final_line(outcomes, mode))
    return 0 if not failures else 1
