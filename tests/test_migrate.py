"""`fardplan migrate`: format 1 -> 2 on the files' text, and the one message for format 1 elsewhere.

``tests/migrate_fixtures/plans`` is the shipped plan set as it was in format 1."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from fardplan_cli.load import load_plan_set
from fardplan_cli.migrate import MIGRATED_NOTE, plan_migration
from tests.support import run_cli

FORMAT_1 = Path(__file__).parent / "migrate_fixtures" / "plans"
FORMAT_1_MESSAGE = "the plans are in format 1; run 'fardplan migrate' to move them to format 2"


def _files(root: Path) -> dict[str, bytes]:
    return {f"plans/{p.name}": p.read_bytes() for p in sorted((root / "plans").glob("*.yaml"))}


def _edit(root: Path, name: str, old: str, new: str) -> None:
    path = root / "plans" / name
    text = path.read_text(encoding="utf-8")
    assert old in text, (name, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.fixture
def old_dir(tmp_path: Path) -> Path:
    """The shipped plans in format 1, with what format 2 moves: a common initiative dropped with a
    note and a comment, a common priority, a core-specific priority with a comment above it."""
    root = tmp_path / "old"
    shutil.copytree(FORMAT_1, root / "plans")
    _edit(root, "region.yaml", "participants: [karnkommunerna]\n    status: planned\n  - id: \"3.1\"",
          "participants: [karnkommunerna]\n    # beslutat i regionstyrelsen\n"
          "    status: dropped  # tills vidare\n    status_note: Inte aktuell\n  - id: \"3.1\"")
    _edit(root, "region.yaml", "participants: [karnkommunerna, naringslivet, fastighetsagare]\n"
          "    status: planned", "participants: [karnkommunerna, naringslivet, fastighetsagare]\n"
          "    status: planned\n    priority: [2027-2030]")
    _edit(root, "sodertalje.yaml", "    places: [Campus Telge]\n",
          "    places: [Campus Telge]\n    # samtalet i mars\n    priority: [2023-2026]\n")
    return root


def test_the_migrated_plans_are_valid_format_2_with_every_move_made(old_dir: Path) -> None:
    result = run_cli("migrate", repo=old_dir)
    assert result.exit_code == 0, result.output
    assert run_cli("validate", "--strict", repo=old_dir).exit_code == 0
    plan = load_plan_set(_files(old_dir))
    assert plan.region.language == "sv"
    for core in plan.cores:
        follow = core.follow_up("2.2")
        assert follow is not None and (follow.status, follow.status_note) == (
            "dropped", "Inte aktuell")
        assert core.priorities_of("1.1") == ("2027-2030",)
    sodertalje = plan.core("sodertalje")
    assert sodertalje is not None
    assert [(d.date, d.cycle, d.prioritized, d.note) for d in sodertalje.dialogues] == [
        ("2023-01-01", "2023-2026", ("2.3",), MIGRATED_NOTE),
        ("2027-01-01", "2027-2030", ("1.1",), MIGRATED_NOTE)]
    own = next(i for i in sodertalje.initiatives if i.id == "2.3")
    assert own.priority == ("2023-2026",)
    assert plan.followed("haninge", "2.2").status == "dropped"  # type: ignore[union-attr]


def test_the_diff_holds_only_the_moves_and_keeps_every_comment(old_dir: Path) -> None:
    before = _files(old_dir)
    migration = plan_migration(before)
    changed = {f.path: f for f in migration.files}
    assert set(changed) == set(before)  # every file's schema_version
    for path, change in changed.items():
        old_lines, new_lines = change.old_text.splitlines(), change.new_text.splitlines()
        removed = [line for line in old_lines if line not in new_lines]
        added = [line for line in new_lines if line not in old_lines]
        assert "schema_version: 1" in removed and "schema_version: 2" in added
        for line in removed:
            assert line.strip().startswith(("schema_version", "status", "priority")), (path, line)
        for line in old_lines:  # every comment is still there
            if "#" in line:
                comment = line[line.index("#"):]
                assert any(new.endswith(comment) for new in new_lines), (path, line)
    region = changed["plans/region.yaml"].new_text
    assert "    # beslutat i regionstyrelsen\n    # tills vidare\n  - id: \"3.1\"" in region
    assert "status" not in region.split("initiatives:", 1)[1]
    haninge = changed["plans/haninge.yaml"].new_text
    assert haninge.endswith(f'name: Haninge stadskärna\ndialogues:\n  - date: 2027-01-01\n'
                            f'    cycle: 2027-2030\n    prioritized: ["1.1"]\n    note: {MIGRATED_NOTE}\n'
                            'common:\n  "2.2":\n    status: dropped\n    status_note: Inte aktuell\n')
    sodertalje = changed["plans/sodertalje.yaml"].new_text
    assert "    # samtalet i mars\n" in sodertalje and "priority:" not in sodertalje


def test_a_dry_run_prints_the_diff_and_writes_nothing(old_dir: Path) -> None:
    before = _files(old_dir)
    result = run_cli("migrate", "--dry-run", repo=old_dir)
    assert result.exit_code == 0, result.output
    assert "-schema_version: 1\n+schema_version: 2\n" in result.stdout
    assert "+language: sv\n" in result.stdout
    assert _files(old_dir) == before


def test_migrating_format_2_has_nothing_to_do(plan_dir: Path) -> None:
    before = _files(plan_dir)
    result = run_cli("migrate", repo=plan_dir)
    assert result.exit_code == 0, result.output
    assert "nothing to migrate" in result.stderr
    assert _files(plan_dir) == before


def test_migrating_twice_is_migrating_once(old_dir: Path) -> None:
    assert run_cli("migrate", repo=old_dir).exit_code == 0
    once = _files(old_dir)
    assert run_cli("migrate", repo=old_dir).exit_code == 0
    assert _files(old_dir) == once


def test_a_mixed_set_is_refused_with_one_message(old_dir: Path) -> None:
    _edit(old_dir, "haninge.yaml", "schema_version: 1", "schema_version: 2")
    before = _files(old_dir)
    result = run_cli("migrate", repo=old_dir)
    assert result.exit_code == 1
    assert "format 1 but plans/haninge.yaml is not" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert _files(old_dir) == before


def test_an_invalid_set_is_refused_and_nothing_written(old_dir: Path) -> None:
    _edit(old_dir, "sodertalje.yaml", "name: Södertälje stadskärna", "name: [Södertälje")
    before = _files(old_dir)
    result = run_cli("migrate", repo=old_dir)
    assert result.exit_code == 1
    assert "plans/sodertalje.yaml:5:15: error[yaml-syntax]" in result.stderr
    assert _files(old_dir) == before


def test_a_repositorys_format_1_schemas_are_replaced(old_dir: Path, tmp_path: Path) -> None:
    (old_dir / "schemas").mkdir()
    (old_dir / "schemas" / "core.schema.json").write_text('{"type": "object"}', encoding="utf-8")
    result = run_cli("migrate", repo=old_dir)
    assert result.exit_code == 0, result.output
    assert "schemas/" in result.stderr
    assert '"const": 2' in (old_dir / "schemas" / "core.schema.json").read_text(encoding="utf-8")


@pytest.mark.parametrize("args", [("list",), ("show", "sodertalje:1.3"), ("cores",),
                                  ("report", "status"), ("set-status", "sodertalje:1.3", "done")])
def test_every_other_command_names_migrate_for_format_1(old_dir: Path, args: tuple[str, ...]) -> None:
    before = _files(old_dir)
    result = run_cli(*args, repo=old_dir)
    assert result.exit_code == 1, result.output
    assert FORMAT_1_MESSAGE in result.stderr
    assert "Traceback" not in result.output
    assert _files(old_dir) == before


def test_validate_gives_the_one_format_1_problem(old_dir: Path) -> None:
    _edit(old_dir, "haninge.yaml", "name: Haninge stadskärna", "name: [Haninge")
    result = run_cli("validate", repo=old_dir)
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert lines[0] == f"plans/region.yaml:2:17: error[format-1] schema_version: {FORMAT_1_MESSAGE}"
    assert len(lines) == 2
