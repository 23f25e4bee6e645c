"""An edit's cost grows with the plans' size as `validate`'s does: only the edited initiative's
lines go through ruamel's round trip, and the files the edit did not change are parsed once."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import pytest

from fardplan_cli import edit
from fardplan_cli.edit import roundtrip
from fardplan_cli.model import PlanSet
from fardplan_cli.repository import PlanRepository
from tests.support import run_cli

COUNT = 3000


def _large_core(plan_dir: Path) -> Path:
    path = plan_dir / "plans" / "sodertalje.yaml"
    text = path.read_text(encoding="utf-8")
    many = "".join(
        f'  - id: "4.{100 + n}"\n    title: Insats {n}  # nummer {n}\n'
        f"    description: >-\n      En beskrivning av insats {n}.\n"
        f"    lead: trafikverket\n    status: planned\n\n" for n in range(COUNT))
    at = text.index("\nindicators:") + 1 if "\nindicators:" in text else len(text)
    path.write_text(text[:at] + many + text[at:], encoding="utf-8")
    return path


def test_only_the_edited_initiative_goes_through_the_round_trip(
    plan_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _large_core(plan_dir)
    loaded: list[int] = []
    real_load = roundtrip.load_block

    def counting(text: str) -> object:
        loaded.append(len(text))
        return real_load(text)

    monkeypatch.setattr(roundtrip, "load_block", counting)
    before = path.read_text(encoding="utf-8")
    for args in (("set-status", f"sodertalje:4.{100 + COUNT // 2}", "ongoing"),
                 ("assign", f"sodertalje:4.{100 + COUNT - 1}", "--add", "polis"),
                 ("new", "--core", "sodertalje", "--area", "4", "--title", "Sist")):
        result = run_cli(*args, "--dry-run", repo=plan_dir)
        assert result.exit_code == 0, result.output
        assert result.stdout.count("\n+") + result.stdout.count("\n-") <= 12  # a few lines
    assert len(before) > 300_000
    assert loaded and max(loaded) < 1_000


def test_the_files_an_edit_did_not_change_are_parsed_once(
    plan_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from fardplan_cli import load

    _large_core(plan_dir)
    parsed: list[str] = []
    from fardplan_cli.yamlfile import parse_document as real_parse

    def counting(file: str, data: bytes, **options: bool) -> object:
        parsed.append(file)
        return real_parse(file, data, **options)

    monkeypatch.setattr(load, "parse_document", counting)

    def make(plan: PlanSet, files: Mapping[str, bytes]) -> edit.EditResult:
        return edit.set_status(plan, files, "sodertalje:4.100", "ongoing")

    outcome = edit.perform(PlanRepository(plan_dir), make, dry_run=True)
    assert outcome.result.changed
    assert parsed.count("plans/region.yaml") == 1
    assert parsed.count("plans/sodertalje.yaml") == 2  # as read, and as edited
