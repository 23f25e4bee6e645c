"""The forms of ids, references, cycles and dates: written once, and the schemas agree."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from fardplan_cli import grammar
from tests.support import run_cli

SCHEMAS = Path(__file__).resolve().parent.parent / "schemas"
SOURCE = Path(__file__).resolve().parent.parent / "src" / "fardplan_cli"


def _patterns(node: Any, path: str = "") -> Iterator[tuple[str, str]]:
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "pattern" and isinstance(value, str):
                yield path, value
            else:
                yield from _patterns(value, f"{path}/{key}")
    elif isinstance(node, list):
        for index, item in enumerate(node):
            yield from _patterns(item, f"{path}/{index}")


def _schema_patterns() -> list[tuple[str, str, str]]:
    return [
        (schema.name, where, pattern)
        for schema in sorted(SCHEMAS.glob("*.schema.json"))
        for where, pattern in _patterns(json.loads(schema.read_text(encoding="utf-8")))
    ]


@pytest.mark.parametrize(("schema", "where", "pattern"), _schema_patterns())
def test_every_schema_pattern_is_a_form_of_the_grammar(schema: str, where: str, pattern: str) -> None:
    forms = {grammar.schema_pattern(form): name for name, form in grammar.FORMS.items()}
    assert pattern in forms, f"{schema}{where}: {pattern} is no form of fardplan_cli.grammar"


def _form_at(schema: str, pointer: str) -> str:
    node: Any = json.loads((SCHEMAS / schema).read_text(encoding="utf-8"))
    for part in pointer.strip("/").split("/"):
        node = node[int(part)] if isinstance(node, list) else node[part]
    pattern: str = node["pattern"]
    return pattern


@pytest.mark.parametrize(("schema", "pointer", "form"), [
    ("core.schema.json", "/properties/id", grammar.CORE_ID),
    ("actors.schema.json", "/properties/actors/items/properties/id", grammar.ACTOR_ID),
    ("actors.schema.json", "/properties/actors/items/properties/part_of", grammar.ACTOR_ID),
    ("region.schema.json", "/properties/owner", grammar.ACTOR_ID),
])
def test_the_schemas_name_each_thing_by_its_own_form(schema: str, pointer: str, form: str) -> None:
    assert _form_at(schema, pointer) == grammar.schema_pattern(form)


def test_each_actor_field_of_the_schemas_is_listed_once() -> None:
    """Every property whose values are actor ids is in ``ACTOR_FIELDS``, and nothing else is."""
    actor_pattern = grammar.schema_pattern(grammar.ACTOR_ID)
    found: set[str] = set()
    for _schema, where, pattern in _schema_patterns():
        parts = [p for p in where.split("/") if p and p not in ("items", "properties")]
        if pattern == actor_pattern and parts[-1] != "id":
            found.add(parts[-1])
    assert found == set(grammar.ACTOR_FIELDS)


def test_no_module_writes_a_form_by_hand() -> None:
    forms = [re.escape(form) for form in grammar.FORMS.values()]
    offenders = [
        str(path.relative_to(SOURCE))
        for path in SOURCE.rglob("*.py")
        if path.name != "grammar.py"
        and any(re.search(form, path.read_text(encoding="utf-8")) for form in forms)
    ]
    assert offenders == []


@given(st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789-.:äé\n ", max_size=12))
def test_the_checks_are_the_schemas_patterns_in_a_regex_engine_that_anchors_firmly(text: str) -> None:
    """A reference reading of each form: the schema's pattern as JSON Schema runs it (``$`` does not
    match before a final newline there, so ``\\Z``)."""
    for check, form in ((grammar.is_actor_id, grammar.ACTOR_ID),
                        (grammar.is_initiative_id, grammar.INITIATIVE_ID),
                        (grammar.is_cycle_id, grammar.CYCLE_ID)):
        assert check(text) == (re.search(f"^(?:{form})\\Z", text) is not None)
    expected_core = re.search(f"^(?:{grammar.CORE_ID})\\Z", text) is not None
    assert grammar.is_core_id(text) == (expected_core and text not in grammar.RESERVED_STEMS)


@pytest.mark.parametrize(("text", "valid"), [
    ("sodertalje", True), ("kungens-kurva-skarholmen", True), ("region", False), ("actors", False),
    ("s", False), ("södertälje", False), ("so\u0308dertalje", False), ("sodertalje\n", False),
    ("Sodertalje", False), ("1sodertalje", False), ("a" * 41, True), ("a" * 42, False),
])
def test_core_ids(text: str, valid: bool) -> None:
    assert grammar.is_core_id(text) is valid


@pytest.mark.parametrize(("text", "valid"), [
    ("1.3", True), ("12.10", True), ("0.1", False), ("1.0", False), ("1.03", False), ("1", False),
    ("1.3\n", False), ("١.٣", False), ("1.3.1", False),
])
def test_initiative_ids(text: str, valid: bool) -> None:
    assert grammar.is_initiative_id(text) is valid


@pytest.mark.parametrize(("text", "valid"), [
    ("2026-03-31", True), ("2024-02-29", True), ("2026-02-30", False), ("2026-3-31", False),
    ("20260331", False), ("2026-03-31T12:00", False),
])
def test_dates(text: str, valid: bool) -> None:
    assert grammar.is_iso_date(text) is valid


def test_references_and_cycles() -> None:
    assert grammar.split_reference(" sodertalje:1.3 ") == ("sodertalje", "1.3")
    assert grammar.split_reference("Södertälje stadskärna: 1.3") == ("Södertälje stadskärna", "1.3")
    assert grammar.split_reference("1.1") == (None, "1.1")
    assert grammar.goal_area_of("12.3") == 12
    assert grammar.looks_like_reference("0.1") and grammar.looks_like_reference("x:y")
    assert not grammar.looks_like_reference("sodertalje")
    assert grammar.is_cycle_id("2023-2026") and not grammar.is_cycle_id("2023-26")
    assert grammar.cycle_tag("2023-2026") == "cycle/2023-2026"


def test_undecodable_bytes_in_a_note_name_no_file_position(plan_dir: Path) -> None:
    before = {p.name: p.read_bytes() for p in (plan_dir / "plans").glob("*.yaml")}
    result = run_cli("set-status", "1.1", "paused", "--note", "bad\udcff note", repo=plan_dir)
    assert result.exit_code == 2, result.output
    assert "not UTF-8" in result.stderr and "plans/region.yaml:" not in result.output
    assert {p.name: p.read_bytes() for p in (plan_dir / "plans").glob("*.yaml")} == before
