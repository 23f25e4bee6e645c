"""An edit that leaves something `validate --strict` fails on is written, and says so."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support import run_cli
from tests.support.edit import snapshot


def test_pausing_without_a_note_warns(plan_dir: Path) -> None:
    result = run_cli("set-status", "sodertalje:1.4", "paused", repo=plan_dir)
    assert result.exit_code == 0, result.output
    assert "warning[missing-status-note]" in result.stderr
    assert run_cli("validate", "--strict", repo=plan_dir).exit_code == 1
    noted = run_cli("set-status", "sodertalje:1.4", "paused", "--note", "Inväntar detaljplan", repo=plan_dir)
    assert "warning" not in noted.stderr
    assert run_cli("validate", "--strict", repo=plan_dir).exit_code == 0


def test_a_new_initiative_without_anyone_responsible_warns(plan_dir: Path) -> None:
    result = run_cli("new", "--core", "sodertalje", "--area", "2", "--title", "Bibliotek", repo=plan_dir)
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == "sodertalje:2.4"
    assert "warning[no-responsible]" in result.stderr


def test_warnings_elsewhere_are_not_repeated(plan_dir: Path) -> None:
    assert run_cli("set-status", "sodertalje:1.4", "paused", repo=plan_dir).exit_code == 0
    other = run_cli("assign", "sodertalje:1.5", "--lead", "polis", repo=plan_dir)
    assert other.exit_code == 0, other.output
    assert "warning" not in other.stderr


def test_a_dry_run_is_checked_like_the_edit(plan_dir: Path) -> None:
    dry = run_cli("set-status", "sodertalje:1.4", "paused", "--dry-run", repo=plan_dir)
    assert dry.exit_code == 0, dry.output
    assert "+    status: paused" in dry.stdout
    assert "warning[missing-status-note]" in dry.stderr
    haninge = plan_dir / "plans" / "haninge.yaml"
    haninge.write_text(haninge.read_text(encoding="utf-8").replace(
        "municipalities: [haninge-kommun]", "municipalities: [nobody]"), encoding="utf-8")
    refused = run_cli("set-status", "sodertalje:1.4", "done", "--dry-run", repo=plan_dir)
    assert refused.exit_code == 1
    assert "error[unknown-actor]" in refused.stderr


@pytest.mark.parametrize("note", ["  ", "\t", " \n ", "\n"])
def test_a_note_of_blanks_is_refused(plan_dir: Path, note: str) -> None:
    before = snapshot(plan_dir)
    result = run_cli("set-status", "sodertalje:1.4", "dropped", "--note", note, repo=plan_dir)
    assert result.exit_code == 2, result.output
    assert "--note holds only blanks" in result.stderr
    assert snapshot(plan_dir) == before


def test_strict_refuses_an_edit_that_leaves_a_warning(plan_dir: Path) -> None:
    path = plan_dir / "plans" / "sodertalje.yaml"
    before = path.read_bytes()
    for extra in ((), ("--dry-run",)):
        refused = run_cli("set-status", "sodertalje:1.4", "paused", "--strict", *extra, repo=plan_dir)
        assert refused.exit_code == 1, refused.output
        assert "error[missing-status-note]" in refused.stderr
        assert "with --strict, its warning counts as an error" in refused.stderr
        assert path.read_bytes() == before
    noted = run_cli("set-status", "sodertalje:1.4", "paused", "--note", "Inväntar detaljplan",
                    "--strict", repo=plan_dir)
    assert noted.exit_code == 0, noted.output
    assert run_cli("validate", "--strict", repo=plan_dir).exit_code == 0
    new = run_cli("new", "--core", "sodertalje", "--area", "2", "--title", "Bibliotek", "--strict",
                  repo=plan_dir)
    assert new.exit_code == 1 and "error[no-responsible]" in new.stderr


def test_strict_does_not_block_an_edit_for_a_warning_it_did_not_cause(plan_dir: Path) -> None:
    assert run_cli("set-status", "sodertalje:1.4", "paused", repo=plan_dir).exit_code == 0
    # The initiative is paused without a note (a warning); other edits to it may still be made.
    other = run_cli("assign", "sodertalje:1.4", "--add", "trafikverket", "--strict", repo=plan_dir)
    assert other.exit_code == 0, other.output
    assert "warning[missing-status-note]" in other.stderr  # still said, not refused
    mended = run_cli("set-status", "sodertalje:1.4", "paused", "--note", "Inväntar detaljplan",
                     "--strict", repo=plan_dir)
    assert mended.exit_code == 0, mended.output
    assert run_cli("validate", "--strict", repo=plan_dir).exit_code == 0


def test_an_edit_in_swedish_words_its_warnings_as_validate_does(plan_dir: Path) -> None:
    result = run_cli("--lang", "sv", "set-status", "sodertalje:1.3", "paused", repo=plan_dir)
    assert result.exit_code == 0, result.output
    warning = next(line for line in result.stderr.splitlines() if "[missing-status-note]" in line)
    assert "varning[missing-status-note]" in warning
    listed = run_cli("--lang", "sv", "validate", repo=plan_dir).stdout.splitlines()
    assert warning in listed
