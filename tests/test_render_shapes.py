"""The JSON shapes: each is built by one function of ``render.shapes``, with the documented keys."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from fardplan_cli.diff import Change
from fardplan_cli.model import Problem
from fardplan_cli.render.shapes import change_json, cycle_json, history_entry_json, problem_json
from tests.support import PROJECT_ROOT

PACKAGE = PROJECT_ROOT / "src" / "fardplan_cli"


def test_a_history_entry_has_the_commit_and_its_changes() -> None:
    change = Change("initiative-changed", "sodertalje", "sodertalje:1.3", "status", "planned",
                    "ongoing", note="startad")
    entry = history_entry_json(commit="a" * 40, date="2026-05-04T10:00:00+02:00", author="Anna",
                               email="anna@example.org", message="Status\n", ref="sodertalje:1.3",
                               changes=[change])
    assert list(entry) == ["commit", "date", "author", "email", "message", "ref", "changes"]
    assert entry["changes"] == [change_json(change)]
    assert list(entry["changes"][0]) == ["kind", "core", "ref", "key", "field", "old", "new",
                                         "added", "removed", "note", "words"]


def test_a_cycle_is_closed_by_its_tag() -> None:
    assert cycle_json(cycle="2023-2026", name="Mandatperioden 2023–2026", in_plans=True,
                      tag="cycle/2023-2026",
                      commit="b" * 40, date="2026-10-01T12:00:00+02:00", phase="closed") == {
        "id": "2023-2026", "name": "Mandatperioden 2023–2026", "in_plans": True,
        "tag": "cycle/2023-2026", "phase": "closed", "closed": True, "commit": "b" * 40,
        "date": "2026-10-01T12:00:00+02:00"}
    assert cycle_json(cycle="2031-2034", name=None, in_plans=False, tag="cycle/2031-2034",
                      commit=None, date=None, phase="upcoming")["closed"] is False


def test_a_problem_has_its_position_and_path() -> None:
    problem = Problem("plans/x.yaml", 3, 5, "error", "schema", "fel", "initiatives[0]")
    assert problem_json(problem) == {"file": "plans/x.yaml", "line": 3, "column": 5,
                                     "severity": "error", "code": "schema", "message": "fel",
                                     "path": "initiatives[0]"}


def _dict_displays_with(path: Path, keys: set[str]) -> int:
    """How many dict displays in ``path`` have every one of ``keys``; a table of labels (every
    value a literal text, such as a field's name in words) is no shape."""
    count = 0
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Dict) and not all(
                isinstance(v, ast.Constant) and isinstance(v.value, str) for v in node.values):
            literal = {k.value for k in node.keys if isinstance(k, ast.Constant)}
            count += keys <= literal
    return count


@pytest.mark.slow  # a sweep over the source: .ci/run runs it
def test_no_shape_is_built_outside_shapes() -> None:
    """The keys that identify a shape appear together in one dict display, in ``shapes`` alone."""
    shapes = {frozenset({"ref", "title", "participants"}), frozenset({"heading", "text"}),
              frozenset({"file", "line", "column", "severity"}), frozenset({"year", "value", "note"}),
              frozenset({"report", "rows"}), frozenset({"kind", "field", "old", "new"}),
              frozenset({"commit", "author", "changes"}), frozenset({"in_plans", "closed"})}
    for path in sorted(PACKAGE.rglob("*.py")):
        if path.name == "shapes.py":
            continue
        for keys in shapes:
            assert not _dict_displays_with(path, set(keys)), (path, sorted(keys))
