"""Recorded TensorFlow results: conformance/recorded/<area>.json, one file per area.

Each file holds the TensorFlow and NumPy versions that produced it and one line per case
(`"name": {encoded result}`), keys sorted, so a change to one case is a one-line diff in review.
Only `python -m conformance record` writes these files; nothing in them is typed by hand.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from tfshim.testing.encode import to_json

RECORDED_DIR = Path(__file__).resolve().parent / "recorded"


@dataclass
class Recording:
    """All recorded results, keyed by case key ("area/name"), with the versions of each area's file."""

    results: dict[str, dict] = field(default_factory=dict)
    versions: dict[str, str] = field(default_factory=dict)  # area -> TensorFlow version

    @property
    def tensorflow_version(self) -> str:
        found = sorted(set(self.versions.values()))
        return ", ".join(found) if found else "none"


def load(directory: Path = RECORDED_DIR) -> Recording:
    recording = Recording()
    if not directory.is_dir():
        return recording
    for path in sorted(directory.glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        area = data["area"]
        recording.versions[area] = data.get("tensorflow", "unknown")
        for name, node in data["cases"].items():
            recording.results[f"{area}/{name}"] = node
    return recording


def area_path(area: str, directory: Path = RECORDED_DIR) -> Path:
    return directory / f"{area.replace('/', '_')}.json"


def write_area(area: str, cases: dict[str, dict], tensorflow_version: str, numpy_version: str,
               directory: Path = RECORDED_DIR) -> Path:
    """Writes one area's file: `cases` maps case name -> encoded result."""
    directory.mkdir(parents=True, exist_ok=True)
    lines = [f"  {json.dumps(name)}: {to_json(node)}" for name, node in sorted(cases.items())]
    text = ("{\n"
            f'  "area": {json.dumps(area)},\n'
            '  "cases": {\n  ' + ",\n  ".join(lines) + ("\n  " if lines else "") + "},\n"
            f'  "numpy": {json.dumps(numpy_version)},\n'
            f'  "tensorflow": {json.dumps(tensorflow_version)}\n'
            "}\n")
    json.loads(text)  # the file must stay valid JSON
    path = area_path(area, directory)
    path.write_text(text, encoding="utf-8")
    return path


def read_area(area: str, directory: Path = RECORDED_DIR) -> dict[str, dict]:
    path = area_path(area, directory)
    if not path.exists():
        return {}
    return dict(json.loads(path.read_text(encoding="utf-8"))["cases"])
