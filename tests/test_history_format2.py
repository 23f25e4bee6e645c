"""`diff` and `log` on format-2 plans in a real git repository made by `fardplan init`: a common
initiative's follow-up changed in one core is that core's change only, a dialogue recorded is
reported with the priorities it gave, and `log` follows a follow-up in its core's file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.support import commit_all, init_git_repo, run_cli

DIALOGUE_AND_FOLLOW_UP = """\
dialogues:
  - date: 2027-03-14
    cycle: 2027-2030
    participants: [region-stockholm, sodertalje-kommun]
    prioritized: ["1.3", "2.1"]
common:
  "2.2":
    status: dropped
    status_note: Inte aktuell i Södertälje
"""


def insert_before_initiatives(path: Path, text: str) -> None:
    """Add top-level sections where format 2 puts them: just before ``initiatives:``."""
    content = path.read_text(encoding="utf-8")
    assert content.count("\ninitiatives:") == 1
    path.write_text(content.replace("\ninitiatives:", "\n" + text + "initiatives:", 1),
                    encoding="utf-8", newline="\n")


@pytest.fixture
def initialised(tmp_path: Path) -> Path:
    """A fresh `fardplan init` repository with the Stockholm plans, committed."""
    root = tmp_path / "plans-repo"
    result = run_cli("init", str(root))
    assert result.exit_code == 0, result.output
    init_git_repo(root)
    commit_all(root, "Import the plans")
    return root


def _changes(root: Path, *args: str) -> list[dict[str, object]]:
    result = run_cli("diff", *args, "--format", "json", repo=root)
    assert result.exit_code == 0, result.output
    changes: list[dict[str, object]] = json.loads(result.stdout)["changes"]
    return changes


def test_a_follow_up_and_a_dialogue_in_one_core_are_that_core_s_changes(initialised: Path) -> None:
    root = initialised
    insert_before_initiatives(root / "plans" / "sodertalje.yaml", DIALOGUE_AND_FOLLOW_UP)
    assert run_cli("validate", repo=root).exit_code == 0
    commit_all(root, "Södertälje: the dialogue of 2027 and 2.2 dropped")
    changes = _changes(root, "HEAD~1", "HEAD")
    assert [(c["kind"], c["ref"] or c["key"], c["field"]) for c in changes] == [
        ("dialogue-added", "2027-03-14", None),
        ("initiative-changed", "sodertalje:1.3", "priority"),
        ("initiative-changed", "sodertalje:2.1", "priority"),
        ("initiative-changed", "sodertalje:2.2", "status"),
    ]
    assert all(c["core"] == "sodertalje" for c in changes)
    status = changes[-1]
    assert (status["old"], status["new"], status["note"]) == (
        "planned", "dropped", "Inte aktuell i Södertälje")
    assert changes[0]["added"] == ["1.3", "2.1"]
    assert changes[1]["new"] == ["2027-2030"]
    # Haninge's 2.2 is not touched; limited to Haninge, there is nothing.
    assert _changes(root, "HEAD~1", "HEAD", "--core", "haninge") == []
    text = run_cli("diff", "HEAD~1", "HEAD", repo=root).stdout
    assert "sodertalje:2.2" in text and "haninge" not in text.lower()
    assert "Political dialogue added: 2027-03-14" in text


def test_the_diff_between_cycles_reports_the_follow_up_for_its_core_only(initialised: Path) -> None:
    root = initialised
    assert run_cli("cycle", "close", "2023-2026", "--force", repo=root).exit_code == 0
    insert_before_initiatives(root / "plans" / "sodertalje.yaml", DIALOGUE_AND_FOLLOW_UP)
    commit_all(root, "Södertälje: 2.2 dropped")
    assert run_cli("cycle", "close", "2027-2030", "--force", repo=root).exit_code == 0
    changes = _changes(root, "2023-2026", "2027-2030")
    refs = {c["ref"] for c in changes if c["ref"]}
    assert refs == {"sodertalje:1.3", "sodertalje:2.1", "sodertalje:2.2"}
    assert not any("haninge" in str(c["ref"]) or c["core"] == "haninge" for c in changes)


def test_log_of_a_follow_up_shows_the_core_s_changes_only(initialised: Path) -> None:
    root = initialised
    insert_before_initiatives(root / "plans" / "sodertalje.yaml", DIALOGUE_AND_FOLLOW_UP)
    commit_all(root, "Södertälje: 2.2 dropped")
    result = run_cli("log", "sodertalje:2.2", "--format", "json", repo=root)
    assert result.exit_code == 0, result.output
    entries = json.loads(result.stdout)
    assert [e["message"].strip() for e in entries] == ["Södertälje: 2.2 dropped",
                                                       "Import the plans"]
    assert entries[0]["ref"] == "sodertalje:2.2"
    assert [(c["kind"], c["field"], c["new"]) for c in entries[0]["changes"]] == [
        ("initiative-changed", "status", "dropped")]
    assert entries[1]["changes"][0]["kind"] == "initiative-added"
    haninge = json.loads(run_cli("log", "haninge:2.2", "--format", "json", repo=root).stdout)
    assert [e["message"].strip() for e in haninge] == ["Import the plans"]
    table = run_cli("log", "sodertalje:2.2", repo=root).stdout
    assert "Inte aktuell i Södertälje" in table


def _as_format_1(root: Path) -> None:
    """The plans as format 1 had them (the shipped plans hold nothing that moved but the
    version, and the region's language, which format 1 did not have)."""
    for path in sorted((root / "plans").glob("*.yaml")):
        text = path.read_text(encoding="utf-8").replace("schema_version: 2", "schema_version: 1")
        path.write_text(text.replace("language: sv\n", ""), encoding="utf-8", newline="\n")


def _migrated(root: Path, follow_up: str) -> None:
    """What `fardplan migrate` does with a common initiative's status in format 1: it leaves
    region.yaml and goes to every core's `common:` section."""
    for path in sorted((root / "plans").glob("*.yaml")):
        text = path.read_text(encoding="utf-8").replace("schema_version: 1", "schema_version: 2")
        if path.name == "region.yaml":
            text = text.replace(REGION_STATUS, "").replace("owner: region-stockholm\n",
                                                           "owner: region-stockholm\nlanguage: sv\n")
        elif path.name != "actors.yaml":
            if "\ninitiatives:" in text:
                text = text.replace("\ninitiatives:", "\n" + follow_up + "initiatives:", 1)
            else:
                text += follow_up
        path.write_text(text, encoding="utf-8", newline="\n")


SHARED_LINE = "    participants: [karnkommunerna]\n  - id: \"3.1\""
REGION_STATUS = "    status: ongoing\n    status_note: Samverkan pågår\n"
FOLLOW_UP = 'common:\n  "2.2":\n    status: ongoing\n    status_note: Samverkan pågår\n'


def test_log_follows_a_common_initiative_across_the_move_to_format_2(initialised: Path) -> None:
    root = initialised
    _as_format_1(root)
    commit_all(root, "Format 1")
    region = root / "plans" / "region.yaml"
    text = region.read_text(encoding="utf-8")
    assert text.count(SHARED_LINE) == 1
    region.write_text(text.replace(SHARED_LINE, SHARED_LINE.replace(
        "\n  - id", "\n" + REGION_STATUS + "  - id")), encoding="utf-8", newline="\n")
    commit_all(root, "2.2 under way in every core")
    _migrated(root, FOLLOW_UP)
    assert run_cli("validate", repo=root).exit_code == 0
    commit_all(root, "Migrate to format 2")
    core = root / "plans" / "sodertalje.yaml"
    core.write_text(core.read_text(encoding="utf-8").replace(
        FOLLOW_UP, FOLLOW_UP.replace("status: ongoing\n    status_note: Samverkan pågår",
                                     "status: dropped\n    status_note: Inte aktuell")),
        encoding="utf-8", newline="\n")
    commit_all(root, "Södertälje drops 2.2")

    entries = json.loads(run_cli("log", "sodertalje:2.2", "--format", "json", repo=root).stdout)
    assert [(e["message"].strip(), [(c["kind"], c["field"], c["old"], c["new"])
                                    for c in e["changes"]]) for e in entries] == [
        ("Södertälje drops 2.2", [("initiative-changed", "status", "ongoing", "dropped")]),
        ("2.2 under way in every core", [("initiative-changed", "status", "planned", "ongoing")]),
        ("Import the plans", [("initiative-added", None, None, entries[-1]["changes"][0]["new"])]),
    ]
    haninge = json.loads(run_cli("log", "haninge:2.2", "--format", "json", repo=root).stdout)
    assert [e["message"].strip() for e in haninge] == ["2.2 under way in every core",
                                                       "Import the plans"]
    # The diff sees it the same way: the migration changes nothing that a core's plan shows, and
    # the format-1 status set in region.yaml was a change in every core.
    assert _changes(root, "HEAD~2", "HEAD~1") == []
    under_way = _changes(root, "HEAD~3", "HEAD~2")
    cores = sorted(p.stem for p in (root / "plans").glob("*.yaml")
                   if p.stem not in ("region", "actors"))
    assert [(c["core"], c["ref"], c["field"], c["new"]) for c in under_way] == [
        (core, f"{core}:2.2", "status", "ongoing") for core in cores]
    assert [c["ref"] for c in _changes(root, "HEAD~1", "HEAD")] == ["sodertalje:2.2"]
