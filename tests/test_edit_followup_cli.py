"""The follow-up edits of format 2 end to end, on the shipped plans: a common initiative's status,
participants and priorities per core, dialogues, activities, updates and carriers. Each edit
changes only its own lines of one file (golden diffs); a refused edit leaves every file as it was.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from fardplan_cli.load import load_plan_set
from fardplan_cli.model import PlanSet
from fardplan_cli.repository import PlanRepository
from tests.support import assert_golden, git, run_cli
from tests.support.edit import unified

SODERTALJE, REGION, HANINGE = "plans/sodertalje.yaml", "plans/region.yaml", "plans/haninge.yaml"
TODAY = {"FARDPLAN_TODAY": "2027-06-01"}


def plans(root: Path) -> PlanSet:
    return load_plan_set(PlanRepository(root).read_plan_files())


def every_file(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes()
            for p in sorted((root / "plans").glob("*.yaml"))}


def test_dropping_a_common_initiative_in_one_core_leaves_the_others(plan_dir: Path) -> None:
    before = every_file(plan_dir)
    result = run_cli("set-status", "sodertalje:2.2", "dropped", "--note",
                     "Inte aktuell i Södertälje", repo=plan_dir)
    assert result.exit_code == 0, result.output
    after = every_file(plan_dir)
    assert [path for path in after if after[path] != before[path]] == [SODERTALJE]
    plan = plans(plan_dir)
    followed = plan.followed("sodertalje", "2.2")
    assert followed is not None and followed.status == "dropped"
    assert followed.status_note == "Inte aktuell i Södertälje"
    haninge = plan.followed("haninge", "2.2")
    assert haninge is not None and haninge.status == "planned" and haninge.status_note is None
    assert "plans/sodertalje.yaml: set-status sodertalje:2.2: planned -> dropped" in result.stderr


def test_the_warnings_of_an_edited_follow_up_are_those_under_its_node() -> None:
    """--strict and the warnings printed after an edit concern the edited follow-up only."""
    from fardplan_cli.edit.lines import EditResult
    from fardplan_cli.edit.perform import _warnings_about
    from fardplan_cli.model import Problem

    def warning(file: str, path: str) -> Problem:
        return Problem(file, 1, 1, "warning", "missing-status-note", "m", path)

    result = EditResult(SODERTALJE, "a", "b", "s", "sodertalje:2.2", None, None,
                        node="common.2.2")
    mine = warning(SODERTALJE, "common.2.2.status")
    others = [warning(SODERTALJE, "common.2.21.status"), warning(HANINGE, "common.2.2.status"),
              warning(SODERTALJE, "initiatives[0].status")]
    assert _warnings_about(result, [mine, *others]) == (mine,)


def test_status_and_priority_of_a_bare_common_id_name_the_core(plan_dir: Path) -> None:
    before = every_file(plan_dir)
    for args in (["set-status", "2.2", "dropped"], ["prioritize", "2.2", "--cycle", "2027-2030"]):
        result = run_cli(*args, repo=plan_dir)
        assert result.exit_code == 2, result.output
        assert ":2.2" in result.stderr and "per core" in result.stderr
    swedish = run_cli("--lang", "sv", "set-status", "2.2", "dropped", repo=plan_dir)
    assert "följs upp per kärna" in swedish.stderr
    assert every_file(plan_dir) == before


def test_assign_lead_in_a_core_is_refused_the_lead_is_shared(plan_dir: Path) -> None:
    before = every_file(plan_dir)
    result = run_cli("assign", "sodertalje:2.2", "--lead", "trafikverket", repo=plan_dir)
    assert result.exit_code == 2, result.output
    assert "shared by every core" in result.stderr
    assert every_file(plan_dir) == before


def test_assign_on_a_bare_common_id_says_it_applies_to_every_core(plan_dir: Path) -> None:
    result = run_cli("--lang", "sv", "assign", "2.2", "--add", "Trafikverket", repo=plan_dir)
    assert result.exit_code == 0, result.output
    assert result.stderr == "plans/region.yaml: ansvar 2.2: +Trafikverket; gäller alla kärnor\n"


def test_a_refused_follow_up_edit_writes_nothing(plan_dir: Path) -> None:
    """Plans that would not validate refuse the edit (exit 1): every file as it was."""
    haninge = plan_dir / HANINGE
    haninge.write_text(haninge.read_text(encoding="utf-8").replace(
        "municipalities: [haninge-kommun]", "municipalities: [ingen-kommun]"), encoding="utf-8")
    before = every_file(plan_dir)
    for args in (["set-status", "sodertalje:2.2", "dropped", "--note", "Inte här"],
                 ["dialogue", "add", "sodertalje", "--date", "2027-03-14", "--cycle", "2027-2030"],
                 ["activity", "add", "sodertalje:1.3", "--title", "Workshop"]):
        result = run_cli(*args, repo=plan_dir, env=TODAY)
        assert result.exit_code == 1, result.output
        assert "edit refused, nothing written" in result.stderr
        assert every_file(plan_dir) == before


# name -> (the file the edit is about, the command lines: setup first, the one compared last)
CASES: dict[str, tuple[str, list[list[str]]]] = {
    "followup_set_status_dropped": (SODERTALJE, [[
        "set-status", "sodertalje:2.2", "dropped", "--note", "Inte aktuell i Södertälje"]]),
    "followup_assign_add_lead_unit": (SODERTALJE, [[
        "assign", "sodertalje:4.2", "--add", "polis", "--lead-unit", "trafikforvaltningen"]]),
    "followup_dialogue_add": (SODERTALJE, [[
        "dialogue", "add", "sodertalje", "--date", "2027-03-14", "--cycle", "2027-2030",
        "--participant", "Region Stockholm", "--participant", "Södertälje kommun",
        "--prioritize", "1.3", "--prioritize", "2.1"]]),
    "followup_prioritize_in_dialogue": (SODERTALJE, [
        ["dialogue", "add", "sodertalje", "--date", "2027-03-14", "--cycle", "2027-2030"],
        ["prioritize", "sodertalje:2.2", "--cycle", "2027-2030"]]),
    "followup_activity_add": (SODERTALJE, [[
        "activity", "add", "sodertalje:1.3", "--title", "Workshop om stationsmiljön",
        "--owner", "Södertälje kommun", "--participant", "Trafikverket",
        "--start", "2027-04-01", "--due", "2027-12-31"]]),
    "followup_activity_done": (SODERTALJE, [
        ["activity", "add", "sodertalje:2.2", "--title", "Kartläggning", "--due", "2027-12-31"],
        ["activity", "set-status", "sodertalje:2.2.1", "Genomförd"]]),
    "followup_update": (SODERTALJE, [[
        "update", "sodertalje:1.4", "Samverkansgruppen har startat", "--by", "Södertälje kommun",
        "--date", "2027-05-01"]]),
    "followup_carry_funding": (SODERTALJE, [[
        "carry", "sodertalje:2.2", "--kind", "funding", "--actor", "Region Stockholm",
        "--name", "Regionala utvecklingsmedel", "--amount", "500000", "--decided", "2027-02-01"]]),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_follow_up_edit_touches_only_its_lines(plan_dir: Path, name: str) -> None:
    path, commands = CASES[name]
    *setup, args = commands
    for command in setup:
        made = run_cli(*command, repo=plan_dir, env=TODAY)
        assert made.exit_code == 0, made.output
    before = every_file(plan_dir)
    dry = run_cli(*args, "--dry-run", repo=plan_dir, env=TODAY)
    assert dry.exit_code == 0, dry.output
    assert every_file(plan_dir) == before, "--dry-run wrote"
    result = run_cli(*args, repo=plan_dir, env=TODAY)
    assert result.exit_code == 0, result.output
    after = every_file(plan_dir)
    assert [p for p in after if after[p] != before[p]] == [path]
    diff = unified(path, before[path].decode("utf-8"), after[path].decode("utf-8"))
    assert dry.stdout == diff
    assert_golden(f"edit/{name}.diff", diff)
    plans(plan_dir)


def test_activity_add_prints_its_reference_and_never_reuses_an_id(plan_dir: Path) -> None:
    refs = []
    for title in ("Första", "Andra"):
        result = run_cli("activity", "add", "sodertalje:1.3", "--title", title, repo=plan_dir)
        assert result.exit_code == 0, result.output
        refs.append(result.stdout)
    assert refs == ["sodertalje:1.3.1\n", "sodertalje:1.3.2\n"]
    followed = run_cli("activity", "add", "Södertälje:2.2", "--title", "Gemensam", repo=plan_dir)
    assert followed.stdout == "sodertalje:2.2.1\n"


def test_activity_done_records_today(plan_dir: Path) -> None:
    run_cli("activity", "add", "sodertalje:1.3", "--title", "Ett", repo=plan_dir)
    result = run_cli("activity", "set-status", "sodertalje:1.3.1", "done", repo=plan_dir,
                     env=TODAY)
    assert result.exit_code == 0, result.output
    initiative = plans(plan_dir).find_initiative("sodertalje", "1.3")
    assert initiative is not None
    assert [(a.status, a.done_on) for a in initiative.activities] == [("done", "2027-06-01")]


def test_prioritize_without_a_dialogue_names_dialogue_add(plan_dir: Path) -> None:
    before = every_file(plan_dir)
    result = run_cli("prioritize", "sodertalje:1.3", "--cycle", "2027-2030", repo=plan_dir)
    assert result.exit_code == 2, result.output
    assert "fardplan dialogue add sodertalje" in result.stderr
    assert every_file(plan_dir) == before
    made = run_cli("prioritize", "sodertalje:1.3", "--cycle", "2027-2030", "--dialogue",
                   "2027-03-14", repo=plan_dir)
    assert made.exit_code == 0, made.output
    plan = plans(plan_dir)
    core = plan.core("sodertalje")
    assert core is not None
    assert [(d.date, d.cycle, d.prioritized) for d in core.dialogues] == [
        ("2027-03-14", "2027-2030", ("1.3",))]
    initiative = plan.find_initiative("sodertalje", "1.3")
    assert initiative is not None and initiative.priority == ("2027-2030",)


@pytest.mark.parametrize("args", [
    ["dialogue", "add", "sodertalje", "--date", "2027-02-31", "--cycle", "2027-2030"],
    ["activity", "add", "sodertalje:1.3", "--title", "X", "--due", "31/12/2027"],
    ["activity", "add", "2.2", "--title", "X"],
    ["update", "sodertalje:1.3", "Framtid", "--date", "2027-06-02"],
    ["carry", "sodertalje:1.3", "--kind", "gift"],
    ["carry", "sodertalje:1.3", "--kind", "funding", "--amount", "-5"],
    ["activity", "set-status", "sodertalje:1.3.9", "done"],
])
def test_bad_input_is_a_usage_error_and_writes_nothing(plan_dir: Path, args: list[str]) -> None:
    before = every_file(plan_dir)
    result = run_cli(*args, repo=plan_dir, env=TODAY)
    assert result.exit_code == 2, result.output
    assert result.stderr.startswith("fardplan: ")
    assert every_file(plan_dir) == before


def test_commit_commits_the_core_file_with_the_summary(plan_repo: Path) -> None:
    result = run_cli("set-status", "sodertalje:2.2", "dropped", "--note", "Inte här",
                     "--commit", repo=plan_repo)
    assert result.exit_code == 0, result.output
    assert git(plan_repo, "show", "--name-only", "--format=%s", "HEAD").split() == [
        "set-status", "sodertalje:2.2:", "planned", "->", "dropped,", "note", "'Inte", "här'",
        SODERTALJE]


def test_removing_an_actor_who_does_not_take_part_is_refused(plan_dir: Path) -> None:
    """As git refuses to remove what is not there: said, exit 1, nothing written."""
    before = every_file(plan_dir)
    result = run_cli("--lang", "sv", "assign", "sodertalje:1.3", "--remove", "trafikverket",
                     "--add", "polis", repo=plan_dir)
    assert result.exit_code == 1
    assert result.stderr == (
        "fardplan: ändringen vägrades, inget skrevs: Trafikverket medverkar inte i sodertalje:1.3 "
        "(medverkande: Södertälje kommun, Region Stockholm, fastighetsägare)\n")
    assert every_file(plan_dir) == before
    english = run_cli("assign", "sodertalje:1.3", "--remove", "trafikverket", repo=plan_dir)
    assert english.exit_code == 1
    assert "Trafikverket does not take part in sodertalje:1.3" in english.stderr


def test_an_edit_summary_in_swedish_names_actors_and_statuses_in_words(plan_repo: Path) -> None:
    """The summary, and so the commit message, is Swedish: names, not ids."""
    result = run_cli("--lang", "sv", "set-status", "sodertalje:1.3", "paused", "--note",
                     "Väntar på beslut", "--commit", repo=plan_repo)
    assert result.exit_code == 0, result.output
    summary = "status sodertalje:1.3: planerad → pausad, anmärkning: 'Väntar på beslut'"
    assert summary in result.stderr.splitlines()[0]
    assert git(plan_repo, "log", "-1", "--format=%s") == summary + "\n"
    lead = run_cli("--lang", "sv", "assign", "sodertalje:1.3", "--lead", "sodertalje-kommun",
                   repo=plan_repo)
    assert "ansvar sodertalje:1.3: ansvarig: Södertälje kommun (inte längre medverkande)" in lead.stderr
    same = run_cli("--lang", "sv", "set-status", "sodertalje:1.3", "paused", "--note",
                   "Väntar på beslut", repo=plan_repo)
    assert same.stderr == "status sodertalje:1.3: ingen ändring\n"
    removed = run_cli("--lang", "sv", "set-status", "sodertalje:1.3", "paused", "--note", "",
                      repo=plan_repo)
    assert "status sodertalje:1.3: anmärkning borttagen" in removed.stderr
