"""--commit, and every way an edit is refused: nothing written, nothing committed."""

from __future__ import annotations

from pathlib import Path

import pytest

from fardplan_cli.load import load_plan_set
from fardplan_cli.repository import PlanRepository
from tests.support import git, run_cli
from tests.support.edit import snapshot

ASSIGN = ("assign", "sodertalje:1.3", "--lead", "Region Stockholm", "--add", "Trafikverket")


def _head(repo: Path) -> str:
    return git(repo, "rev-parse", "HEAD").strip()


def test_assign_commit_makes_one_commit_touching_one_file(plan_repo: Path) -> None:
    before = _head(plan_repo)
    result = run_cli(*ASSIGN, "--commit", repo=plan_repo)
    assert result.exit_code == 0, result.output
    assert git(plan_repo, "rev-list", "--count", f"{before}..HEAD").strip() == "1"
    assert git(plan_repo, "show", "--name-only", "--format=", "HEAD").split() == [
        "plans/sodertalje.yaml"]
    assert git(plan_repo, "log", "-1", "--format=%B").strip() == (
        "assign sodertalje:1.3: lead Region Stockholm (no longer a participant), +Trafikverket")
    assert git(plan_repo, "status", "--porcelain") == ""
    strict = run_cli("validate", "--strict", repo=plan_repo)
    assert strict.exit_code == 0, strict.output
    files = PlanRepository(plan_repo).read_plan_files()
    initiative = load_plan_set(files).find_initiative("sodertalje", "1.3")
    assert initiative is not None
    assert initiative.lead == "region-stockholm"
    assert initiative.participants == ("sodertalje-kommun", "fastighetsagare", "trafikverket")


def test_commit_leaves_other_staged_changes_staged(plan_repo: Path) -> None:
    region = plan_repo / "plans" / "region.yaml"
    region.write_bytes(region.read_bytes() + b"# staged, not mine\n")
    git(plan_repo, "add", "plans/region.yaml")
    (plan_repo / "notes.txt").write_text("untracked\n", encoding="utf-8")
    result = run_cli("set-status", "sodertalje:1.4", "ongoing", "--commit", "-m", "Uppföljning",
                     repo=plan_repo)
    assert result.exit_code == 0, result.output
    assert git(plan_repo, "show", "--name-only", "--format=", "HEAD").split() == [
        "plans/sodertalje.yaml"]
    assert git(plan_repo, "diff", "--cached", "--name-only").split() == ["plans/region.yaml"]
    assert git(plan_repo, "log", "-1", "--format=%B").strip() == (
        "Uppföljning\n\nset-status sodertalje:1.4: planned -> ongoing")


def test_commit_refused_when_the_file_has_uncommitted_changes(plan_repo: Path) -> None:
    file = plan_repo / "plans" / "sodertalje.yaml"
    file.write_bytes(file.read_bytes() + b"# work in progress\n")
    before, head = snapshot(plan_repo), _head(plan_repo)
    result = run_cli(*ASSIGN, "--commit", repo=plan_repo)
    assert result.exit_code == 1
    assert "plans/sodertalje.yaml already has uncommitted changes" in result.stderr
    assert snapshot(plan_repo) == before
    assert _head(plan_repo) == head


def test_commit_refused_without_identity(plan_repo: Path) -> None:
    git(plan_repo, "config", "--unset", "user.email")
    before, head = snapshot(plan_repo), _head(plan_repo)
    result = run_cli(*ASSIGN, "--commit", repo=plan_repo)
    assert result.exit_code == 1
    assert "git has no user.email" in result.stderr
    assert snapshot(plan_repo) == before
    assert _head(plan_repo) == head


def test_commit_refused_mid_merge_or_rebase(plan_repo: Path) -> None:
    git_dir = plan_repo / ".git"
    for marker, word in (("MERGE_HEAD", "merge"), ("rebase-merge", "rebase"),
                         ("CHERRY_PICK_HEAD", "cherry-pick")):
        path = git_dir / marker
        if marker.startswith("rebase"):
            path.mkdir()
        else:
            path.write_text(_head(plan_repo) + "\n", encoding="utf-8")
        before = snapshot(plan_repo)
        result = run_cli(*ASSIGN, "--commit", repo=plan_repo)
        assert result.exit_code == 1
        assert f"in the middle of a {word}" in result.stderr
        assert snapshot(plan_repo) == before
        if path.is_dir():
            path.rmdir()
        else:
            path.unlink()


def test_commit_refused_outside_git(plan_dir: Path) -> None:
    before = snapshot(plan_dir)
    result = run_cli(*ASSIGN, "--commit", repo=plan_dir)
    assert result.exit_code == 1
    assert "--commit needs a git repository" in result.stderr
    assert snapshot(plan_dir) == before


def test_unknown_actor_changes_no_byte(plan_repo: Path) -> None:
    before = snapshot(plan_repo)
    result = run_cli("assign", "sodertalje:1.3", "--add", "Trafikverke", repo=plan_repo)
    assert result.exit_code == 2
    assert result.stderr.strip() == (
        "fardplan: unknown actor 'Trafikverke'; did you mean trafikverket?")
    assert result.stdout == ""
    assert snapshot(plan_repo) == before


def test_unknown_ref_cycle_status_area_exit_2(plan_dir: Path) -> None:
    before = snapshot(plan_dir)
    for args in (
        ("set-status", "sodertalje:1.9", "done"),
        ("set-status", "sodertalje:1.3", "klar"),
        ("prioritize", "sodertalje:1.3", "--cycle", "2031-2034"),
        ("new", "--core", "sodertälje", "--area", "9", "--title", "X"),
        ("new", "--core", "nacka", "--area", "1", "--title", "X"),
    ):
        result = run_cli(*args, repo=plan_dir)
        assert result.exit_code == 2, (args, result.output)
        assert result.stderr.startswith("fardplan: unknown"), result.stderr
    assert snapshot(plan_dir) == before


def test_edit_that_leaves_the_plans_broken_is_refused(plan_dir: Path) -> None:
    region = plan_dir / "plans" / "region.yaml"
    region.write_text(region.read_text(encoding="utf-8").replace(
        "lead: region-stockholm", "lead: okand-aktor", 1), encoding="utf-8")
    before = snapshot(plan_dir)
    result = run_cli("set-status", "sodertalje:1.4", "ongoing", repo=plan_dir)
    assert result.exit_code == 1
    expected = "plans/region.yaml:195:11: error[unknown-actor] initiatives[0].lead: unknown actor 'okand-aktor'"
    assert expected in result.stderr
    assert "edit refused, nothing written" in result.stderr
    assert snapshot(plan_dir) == before


def test_dry_run_writes_nothing_and_excludes_commit(plan_repo: Path) -> None:
    before = snapshot(plan_repo)
    result = run_cli(*ASSIGN, "--dry-run", repo=plan_repo)
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("--- a/plans/sodertalje.yaml\n+++ b/plans/sodertalje.yaml\n")
    assert "+    lead: region-stockholm\n" in result.stdout
    assert run_cli(*ASSIGN, "--dry-run", "--commit", repo=plan_repo).exit_code == 2
    assert run_cli(*ASSIGN, "-m", "x", repo=plan_repo).exit_code == 2
    assert snapshot(plan_repo) == before


def test_an_edit_that_changes_nothing_writes_and_commits_nothing(plan_repo: Path) -> None:
    before, head = snapshot(plan_repo), _head(plan_repo)
    result = run_cli("assign", "sodertalje:1.3", "--add", "polis", "--remove", "polis",
                     repo=plan_repo)
    assert result.exit_code == 2  # the same actor both added and removed
    result = run_cli("assign", "sodertalje:1.3", "--add", "fastighetsagare", "--commit",
                     repo=plan_repo)
    assert result.exit_code == 0, result.output
    assert result.stderr == "assign sodertalje:1.3: no change\n"
    assert snapshot(plan_repo) == before
    assert _head(plan_repo) == head


def test_a_lead_is_not_also_a_participant(plan_dir: Path) -> None:
    result = run_cli("assign", "1.1", "--add", "region-stockholm", repo=plan_dir)
    assert result.exit_code == 2
    assert "region-stockholm is the lead of 1.1" in result.stderr


def test_set_status_without_note_drops_the_old_note(plan_dir: Path) -> None:
    assert run_cli("set-status", "sodertalje:1.4", "paused", "--note", "väntar på detaljplan",
                   repo=plan_dir).exit_code == 0
    text = (plan_dir / "plans/sodertalje.yaml").read_text(encoding="utf-8")
    assert "    status: paused\n    status_note: väntar på detaljplan\n" in text
    assert run_cli("set-status", "sodertalje:1.4", "ongoing", repo=plan_dir).exit_code == 0
    text = (plan_dir / "plans/sodertalje.yaml").read_text(encoding="utf-8")
    assert "status_note" not in text


def test_prioritize_and_remove_round_trips_the_file(plan_dir: Path) -> None:
    file = plan_dir / "plans/sodertalje.yaml"
    assert run_cli("dialogue", "add", "sodertalje", "--date", "2027-03-14", "--cycle",
                   "2027-2030", repo=plan_dir).exit_code == 0
    original = file.read_bytes()
    for ref in ("sodertalje:2.3", "sodertalje:1.1"):
        assert run_cli("prioritize", ref, "--cycle", "2027-2030",
                       repo=plan_dir).exit_code == 0
    assert '    prioritized: ["2.3", "1.1"]\n' in file.read_text(encoding="utf-8")
    for ref in ("sodertalje:1.1", "sodertalje:2.3"):
        assert run_cli("prioritize", ref, "--cycle", "2027-2030", "--remove",
                       repo=plan_dir).exit_code == 0
    assert file.read_bytes() == original


def test_messages_in_swedish(plan_repo: Path) -> None:
    file = plan_repo / "plans" / "sodertalje.yaml"
    file.write_bytes(file.read_bytes() + b"# ej incheckat\n")
    result = run_cli("--lang", "sv", *ASSIGN, "--commit", repo=plan_repo)
    assert result.exit_code == 1
    assert result.stderr == (
        "fardplan: plans/sodertalje.yaml har redan ändringar som inte är incheckade; "
        "checka in eller lägg undan dem först, eller ändra utan --commit\n")


# -- what the user typed, kept; what cannot be kept, refused ----------------------------------


@pytest.mark.parametrize(("typed", "kept"), [
    ("  indraget", "  indraget"),
    ("flik\tinne", "flik\tinne"),
    ("rad ett\r\nrad två\r\n", "rad ett\nrad två"),
    ("sista radbrytningen går\n", "sista radbrytningen går"),
    ("  två\n    rader  ", "  två\n    rader  "),
])
def test_a_note_is_kept_as_typed(plan_dir: Path, typed: str, kept: str) -> None:
    result = run_cli("set-status", "sodertalje:1.4", "paused", "--note", typed, repo=plan_dir)
    assert result.exit_code == 0, result.output
    plan = load_plan_set(PlanRepository(plan_dir).read_plan_files())
    initiative = plan.find_initiative("sodertalje", "1.4")
    assert initiative is not None and initiative.status_note == kept


def test_a_note_that_is_not_utf8_is_a_usage_error(plan_dir: Path) -> None:
    before = snapshot(plan_dir)
    result = run_cli("set-status", "sodertalje:1.4", "paused", "--note", "tr\udcffasig",
                     repo=plan_dir)
    assert result.exit_code == 2, result.output
    assert result.stderr.strip() == (
        "fardplan: --note is not UTF-8 text (byte 0xff); set the terminal or the shell to UTF-8 "
        "and type it again")
    for args in (("--title", "x\udce4"), ("--title", "x", "--description", "\udcc3")):
        result = run_cli("new", "--core", "sodertalje", "--area", "1", *args, repo=plan_dir)
        assert result.exit_code == 2, result.output
        assert "is not UTF-8 text" in result.stderr
    assert snapshot(plan_dir) == before


def test_invalid_bytes_on_a_real_command_line(plan_dir: Path) -> None:
    import os
    import subprocess
    import sys

    if os.name == "nt":
        pytest.skip("POSIX command lines are bytes")
    before = snapshot(plan_dir)
    completed = subprocess.run(
        [sys.executable.encode(), b"-m", b"fardplan_cli", b"--repo", str(plan_dir).encode(),
         b"set-status", b"sodertalje:1.4", b"paused", b"--note", b"tr\xffasig"],
        capture_output=True, check=False)
    assert completed.returncode == 2, completed.stderr
    assert b"--note is not UTF-8 text (byte 0xff)" in completed.stderr
    assert snapshot(plan_dir) == before


def test_a_file_in_json_style_is_refused_and_left_as_it_is(plan_dir: Path) -> None:
    import json

    from fardplan_cli.yamlfile import parse_document

    path = plan_dir / "plans" / "sodertalje.yaml"
    data = parse_document("plans/sodertalje.yaml", path.read_bytes()).data
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
    before = snapshot(plan_dir)
    for args in (("set-status", "sodertalje:1.4", "ongoing"),
                 ("new", "--core", "sodertalje", "--area", "1", "--title", "Ny")):
        result = run_cli(*args, repo=plan_dir)
        assert result.exit_code == 1, result.output
        assert ("edit refused, nothing written: plans/sodertalje.yaml writes initiatives in flow "
                "style") in result.stderr
        assert snapshot(plan_dir) == before
