"""`fardplan log`, `initiative_history` and `last_changed` over real git history."""

from __future__ import annotations

import json
import os
import subprocess
from datetime import datetime, timezone
from pathlib import Path

import pytest

from fardplan_cli.log import initiative_history, last_changed
from tests.support import commit_all, git, run_cli


def replace_once(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8", newline="\n")


CORE = Path("plans") / "sodertalje.yaml"
TITLE_13 = ("    title: Fortsätt samverka kring stations- och stadsmiljöerna vid Södertälje C och "
            "Södertälje Syd\n")


def _commit(repo: Path, message: str, when: str, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setenv("GIT_AUTHOR_DATE", when)
    monkeypatch.setenv("GIT_COMMITTER_DATE", when)
    return commit_all(repo, message)


@pytest.fixture
def history_repo(plan_repo: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    core = plan_repo / CORE
    commits = {"import": git(plan_repo, "rev-parse", "HEAD").strip()}
    replace_once(core, TITLE_13, TITLE_13 + "    lead: sodertalje-kommun\n")
    commits["lead"] = _commit(plan_repo, "Södertälje kommun leads 1.3", "2026-01-10T10:00:00+01:00",
                              monkeypatch)
    replace_once(core, '  - id: "1.4"\n', '  - id: "1.4"\n    priority: [2027-2030]\n')
    commits["other"] = _commit(plan_repo, "Prioritise 1.4", "2026-02-10T10:00:00+01:00",
                               monkeypatch)
    text = core.read_text(encoding="utf-8")
    start = text.index('  - id: "1.3"')
    end = text.index('  - id: "1.4"')
    block = text[start:end].replace("    status: planned\n",
                                    "    status: ongoing\n    status_note: Arbetet har startat\n")
    core.write_text(text[:start] + block + text[end:], encoding="utf-8", newline="\n")
    commits["status"] = _commit(plan_repo, "1.3 is under way\n\nAgreed in the dialogue.",
                                "2026-03-10T10:00:00+01:00", monkeypatch)
    replace_once(core, "vid Södertälje C och Södertälje Syd\n", "vid Södertälje C\n")
    commits["title"] = _commit(plan_repo, "Shorter title", "2026-04-10T10:00:00+01:00", monkeypatch)
    (plan_repo / "notes.txt").write_text("not a plan file\n", encoding="utf-8")
    commits["unrelated"] = _commit(plan_repo, "Notes", "2026-05-10T10:00:00+01:00", monkeypatch)
    return commits


def test_log_lists_each_commit_that_changed_the_initiative(
    plan_repo: Path, history_repo: dict[str, str]
) -> None:
    result = run_cli("log", "sodertalje:1.3", "--format", "json", repo=plan_repo)
    assert result.exit_code == 0, result.output
    entries = json.loads(result.stdout)
    assert [e["commit"] for e in entries] == [history_repo[k] for k in
                                              ("title", "status", "lead", "import")]
    title, status, lead, first = entries
    assert [(c["kind"], c["field"]) for c in title["changes"]] == [("initiative-changed", "title")]
    assert ["delete", " och Södertälje Syd"] in title["changes"][0]["words"]
    assert status["message"] == "1.3 is under way\n\nAgreed in the dialogue."
    assert status["author"] == "Test Planner"
    assert status["date"] == "2026-03-10T10:00:00+01:00"
    change = status["changes"][0]
    assert (change["field"], change["old"], change["new"], change["note"]) == (
        "status", "planned", "ongoing", "Arbetet har startat")
    assert [(c["field"], c["old"], c["new"]) for c in lead["changes"]] == [
        ("lead", None, "sodertalje-kommun")]
    assert [c["kind"] for c in first["changes"]] == ["initiative-added"]


def test_log_table_and_markdown(plan_repo: Path, history_repo: dict[str, str]) -> None:
    table = run_cli("log", "Södertälje:1.3", repo=plan_repo)
    assert table.exit_code == 0, table.output
    for text in ("Shorter title", "1.3 is under way", "Test Planner", "Södertälje kommun",
                 "Ongoing", history_repo["lead"][:10]):
        assert text in table.stdout
    assert "Prioritise 1.4" not in table.stdout
    markdown = run_cli("log", "sodertalje:1.3", "--format", "markdown", repo=plan_repo)
    assert "| 2026-04-10 10:00 | Test Planner |" in markdown.stdout


def test_log_follows_renumbering(plan_repo: Path, history_repo: dict[str, str],
                                 monkeypatch: pytest.MonkeyPatch) -> None:
    core = plan_repo / CORE
    replace_once(core, '  - id: "1.3"\n', '  - id: "1.6"\n    replaces: ["1.3"]\n')
    renumbered = _commit(plan_repo, "Renumber 1.3 as 1.6", "2026-06-10T10:00:00+01:00", monkeypatch)
    result = run_cli("log", "sodertalje:1.6", "--format", "json", repo=plan_repo)
    entries = json.loads(result.stdout)
    assert [e["commit"] for e in entries] == [renumbered, *(history_repo[k] for k in
                                              ("title", "status", "lead", "import"))]
    assert entries[0]["changes"][0]["kind"] == "initiative-renumbered"
    assert (entries[0]["changes"][0]["old"], entries[0]["changes"][0]["new"]) == ("1.3", "1.6")
    assert entries[1]["ref"] == "sodertalje:1.3"


def test_log_of_a_removed_initiative(plan_repo: Path, history_repo: dict[str, str],
                                     monkeypatch: pytest.MonkeyPatch) -> None:
    core = plan_repo / CORE
    text = core.read_text(encoding="utf-8")
    core.write_text(text[: text.index('  - id: "1.3"')] + text[text.index('  - id: "1.4"'):],
                    encoding="utf-8", newline="\n")
    removed = _commit(plan_repo, "Drop 1.3", "2026-06-10T10:00:00+01:00", monkeypatch)
    entries = initiative_history(plan_repo, "sodertalje", "1.3")
    assert entries[0].commit.commit == removed
    assert entries[0].changes[0].kind == "initiative-removed"
    assert len(entries) == 5


def test_log_of_an_initiative_whose_core_file_was_removed(plan_repo: Path) -> None:
    (plan_repo / CORE).unlink()
    removed = commit_all(plan_repo, "Drop the core of Södertälje")
    result = run_cli("log", "sodertalje:1.3", "--format", "json", repo=plan_repo)
    assert result.exit_code == 0, result.output
    entries = json.loads(result.stdout)
    assert entries[0]["commit"] == removed
    assert entries[0]["changes"][0]["kind"] == "initiative-removed"
    assert entries[0]["ref"] == "sodertalje:1.3"
    unknown = run_cli("log", "nowhere:1.3", repo=plan_repo)  # no such file, ever
    assert unknown.exit_code == 2 and "unknown core" in unknown.stderr


def test_log_of_an_unknown_initiative(plan_repo: Path) -> None:
    result = run_cli("log", "sodertalje:9.9", repo=plan_repo)
    assert result.exit_code == 2
    assert "unknown initiative" in result.stderr


def test_last_changed(plan_repo: Path, history_repo: dict[str, str]) -> None:
    changed = last_changed(plan_repo)
    assert changed["sodertalje:1.3"] == datetime(2026, 4, 10, 9, 0, tzinfo=timezone.utc)
    assert changed["sodertalje:1.4"] == datetime(2026, 2, 10, 9, 0, tzinfo=timezone.utc)
    import_date = datetime.fromisoformat(
        git(plan_repo, "log", "-1", "--format=%cI", history_repo["import"]).strip())
    assert changed["1.1"] == import_date
    assert changed["sodertalje:4.4"] == import_date
    assert all(when.tzinfo is not None for when in changed.values())


def _commit_at(repo: Path, message: str, when: str) -> None:
    git(repo, "add", "-A")
    subprocess.run(["git", "commit", "-q", "-m", message], cwd=repo, check=True,
                   env={**os.environ, "GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when})


def test_a_version_that_does_not_parse_is_skipped(plan_repo: Path) -> None:
    path = plan_repo / "plans" / "sodertalje.yaml"
    good = path.read_text(encoding="utf-8")
    path.write_text(good.replace("    status: planned\n", "    status: ongoing\n", 1), encoding="utf-8")
    _commit_at(plan_repo, "1.3 is under way", "2030-01-01T10:00:00+00:00")
    under_way = path.read_text(encoding="utf-8")
    path.write_text(under_way + "initiatives:\n  - broken: [\n", encoding="utf-8")
    _commit_at(plan_repo, "A broken edit", "2030-02-01T10:00:00+00:00")
    path.write_text(under_way, encoding="utf-8")
    _commit_at(plan_repo, "Fix the broken edit", "2030-03-01T10:00:00+00:00")
    result = run_cli("log", "sodertalje:1.3", "--format", "json", repo=plan_repo)
    assert result.exit_code == 0, result.output
    messages = [entry["message"] for entry in json.loads(result.stdout)]
    assert messages == ["1.3 is under way", "Import the plans"]
    changed = last_changed(plan_repo)
    assert changed["sodertalje:1.3"] == datetime(2030, 1, 1, 10, tzinfo=timezone.utc)
    assert changed["sodertalje:1.4"] < changed["sodertalje:1.3"]
