"""The plan rules of format 2's follow-up in a core: dates, activities, updates, dialogues, the
follow-up of common initiatives, lead units and the actors of every new field.

The rules run on parsed documents, so these tests give them plan text directly (``PlanRules``);
the end-to-end cases (``fardplan validate`` on a plan repository) are in tests/validate_cases/.
"""

from __future__ import annotations

from datetime import date

import pytest

from fardplan_cli import clock
from fardplan_cli.errors import UsageError
from fardplan_cli.model import Problem
from fardplan_cli.plan_rules import PlanRules, activity_number, invalid_date_message
from fardplan_cli.validate import validate_files
from fardplan_cli.yamlfile import parse_document
from tests.support import PROJECT_ROOT

ACTORS = """\
schema_version: 2
actors:
  - id: region-stockholm
    name: Region Stockholm
    kind: region
  - id: trafikforvaltningen
    name: Trafikförvaltningen
    kind: administration
    part_of: region-stockholm
  - id: sodertalje-kommun
    name: Södertälje kommun
    kind: municipality
  - id: trafikverket
    name: Trafikverket
    kind: agency
"""

REGION = """\
schema_version: 2
name: Färdplaner
owner: region-stockholm
goal_areas:
  - {number: 1, title: Ett, summary: ett}
  - {number: 2, title: Två, summary: två}
cycles:
  - {id: 2027-2030}
initiatives:
  - id: "1.1"
    title: Kollektivtrafik
    description: Gemensam
    lead: region-stockholm
    lead_unit: trafikforvaltningen
  - id: "2.2"
    title: Mötesplatser
    description: Gemensam
    participants: [trafikverket]
"""

CORE = """\
schema_version: 2
id: sodertalje
name: Södertälje stadskärna
municipalities: [sodertalje-kommun]
dialogues:
  - date: 2027-03-14
    cycle: 2027-2030
    participants: [region-stockholm, sodertalje-kommun]
    prioritized: ["1.3", "2.2"]
common:
  "1.1":
    status: ongoing
    lead_unit: trafikforvaltningen
    participants: [trafikverket]
    activities:
      - id: "1.1.1"
        title: Busslinje
        owner: trafikforvaltningen
        due: 2027-09-30
  "2.2":
    status: dropped
    status_note: Inte aktuell här
initiatives:
  - id: "1.3"
    title: Stationsområdet
    description: Eget
    lead: region-stockholm
    lead_unit: trafikforvaltningen
    participants: [sodertalje-kommun]
    status: ongoing
    activities:
      - id: "1.3.1"
        title: Förstudie
        owner: sodertalje-kommun
        participants: [trafikverket]
        start: 2027-04-01
        due: 2027-12-31
        status: done
        done_on: 2027-11-30
      - id: "1.3.2"
        title: Detaljplan
        due: 2028-06-30
        status: ongoing
    updates:
      - date: 2027-05-01
        text: Förstudien har börjat.
        by: sodertalje-kommun
    carried_by:
      - kind: funding
        actor: region-stockholm
        name: Regionala utvecklingsmedel
        amount_sek: 500000
        decided: 2027-02-01
"""

TODAY = date(2027, 6, 1)


@pytest.fixture(autouse=True)
def _today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(clock, "today", lambda: TODAY)


def problems(core: str = CORE, region: str = REGION, actors: str = ACTORS) -> list[Problem]:
    texts = {"plans/actors.yaml": actors, "plans/region.yaml": region,
             "plans/sodertalje.yaml": core}
    files = {path: text.encode() for path, text in texts.items()}
    documents = {path: parse_document(path, data) for path, data in files.items()}
    return PlanRules(documents, files, set()).run()


def edited(old: str, new: str, text: str = CORE) -> str:
    assert old in text, old
    return text.replace(old, new, 1)


def line_of(text: str, needle: str, after: str = "") -> int:
    """The 1-based line of the first ``needle`` after the first ``after``."""
    start = text.index(after) if after else 0
    return text.count("\n", 0, text.index(needle, start)) + 1


def only(found: list[Problem], code: str) -> Problem:
    matching = [p for p in found if p.code == code]
    assert len(matching) == 1, found
    return matching[0]


def test_a_sound_follow_up_has_no_problems() -> None:
    assert problems() == []


# -- dates -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(("old", "new", "path"), [
    ("date: 2027-03-14", "date: 2027-02-31", "dialogues[0].date"),
    ("start: 2027-04-01", "start: 2027-02-31", "initiatives[0].activities[0].start"),
    ("due: 2027-12-31", "due: 2027-02-31", "initiatives[0].activities[0].due"),
    ("done_on: 2027-11-30", "done_on: 2027-02-31", "initiatives[0].activities[0].done_on"),
    ("date: 2027-05-01", "date: 2027-02-31", "initiatives[0].updates[0].date"),
    ("decided: 2027-02-01", "decided: 2027-02-31", "initiatives[0].carried_by[0].decided"),
    ("due: 2027-09-30", "due: 2027-02-31", "common.1.1.activities[0].due"),
])
def test_a_date_that_does_not_exist(old: str, new: str, path: str) -> None:
    core = edited(old, new)
    problem = only(problems(core), "invalid-date")
    assert (problem.path, problem.severity) == (path, "error")
    assert problem.line == line_of(core, new)
    assert problem.column == core.splitlines()[problem.line - 1].index("2027-02-31") + 1
    assert problem.message == ("'2027-02-31' is not a date that exists; write a real date as "
                               "YYYY-MM-DD (2027-02 has 28 days)")


def test_a_quoted_date_is_checked_too_and_a_leap_day_is_a_date() -> None:
    core = edited("decided: 2027-02-01", 'decided: "2028-02-29"')
    assert problems(core) == []
    assert "2027-13 " not in invalid_date_message("2027-13-01")
    assert invalid_date_message("1. maj") == (
        "'1. maj' is not a date that exists; write a real date as YYYY-MM-DD")


# -- activities ------------------------------------------------------------------------------------


def test_done_on_without_status_done() -> None:
    core = edited("        status: done\n", "        status: ongoing\n")
    problem = only(problems(core), "done-on-not-done")
    assert problem.path == "initiatives[0].activities[0].done_on"
    assert problem.line == line_of(core, "done_on: 2027-11-30")
    assert problem.message == ("activity sodertalje:1.3.1 has done_on 2027-11-30 but its status "
                               "is ongoing; set status: done, or remove done_on")


def test_done_on_without_any_status_is_not_done() -> None:
    core = edited("        status: done\n", "")
    assert "is planned" in only(problems(core), "done-on-not-done").message


def test_done_before_start() -> None:
    core = edited("done_on: 2027-11-30", "done_on: 2027-03-31")
    problem = only(problems(core), "done-before-start")
    assert problem.path == "initiatives[0].activities[0].done_on"
    assert problem.line == line_of(core, "done_on: 2027-03-31")
    assert "2027-03-31" in problem.message and "2027-04-01" in problem.message


def test_done_on_the_day_it_started_is_fine() -> None:
    assert problems(edited("done_on: 2027-11-30", "done_on: 2027-04-01")) == []


def test_an_activity_past_its_due_date_is_overdue(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(clock, "today", lambda: date(2028, 7, 1))
    found = problems()
    overdue = [p for p in found if p.code == "overdue"]
    assert [(p.path, p.severity) for p in overdue] == [
        ("common.1.1.activities[0].due", "warning"),
        ("initiatives[0].activities[1].due", "warning"),
    ]
    assert overdue[1].line == line_of(CORE, "due: 2028-06-30")
    assert overdue[1].message == (
        "activity sodertalje:1.3.2 was due on 2028-06-30 and is still ongoing; once it is done, "
        "run: fardplan activity set-status sodertalje:1.3.2 done (or give it a later due date)")
    assert "sodertalje:1.1.1" in overdue[0].message
    assert [p for p in found if p.code != "overdue"] == []


def test_due_today_done_or_dropped_is_not_overdue(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(clock, "today", lambda: date(2028, 6, 30))
    core = edited("due: 2027-09-30", "due: 2028-06-30")
    assert problems(core) == []
    monkeypatch.setattr(clock, "today", lambda: date(2029, 1, 1))
    core = edited("        status: ongoing\n    updates", "        status: dropped\n    updates", core)
    core = edited("        due: 2028-06-30\n", "        due: 2028-06-30\n        status: done\n",
                  core)
    assert problems(core) == []


@pytest.mark.parametrize(("old", "new", "message"), [
    ('id: "1.3.2"', 'id: "1.4.2"',
     "activity id '1.4.2' is not of the form 1.3.<n> (its initiative's id, a dot and a number); "
     "e.g. 1.3.2"),
    ('id: "1.3.2"', 'id: "1.3"', "e.g. 1.3.2"),
    ('id: "1.3.2"', 'id: "1.3.x"', "e.g. 1.3.2"),
    ('id: "1.3.2"', 'id: "1.3.02"', "e.g. 1.3.2"),
    ('id: "1.3.2"', 'id: "1.3.1"',
     "activity 1.3.1 is already defined on line 32; give it a number of its own (an activity's "
     "id is never reused)"),
    ('id: "1.1.1"', 'id: "1.3.1"', "not of the form 1.1.<n>"),
])
def test_activity_ids(old: str, new: str, message: str) -> None:
    core = edited(old, new)
    problem = only(problems(core), "activity-id")
    title = "Busslinje" if old == 'id: "1.1.1"' else "Detaljplan"
    assert problem.line == line_of(core, f"title: {title}") - 1
    assert message in problem.message
    assert problem.path.endswith(".id")


def test_a_duplicate_activity_points_at_the_second() -> None:
    core = edited('id: "1.3.2"', 'id: "1.3.1"')
    problem = only(problems(core), "activity-id")
    assert problem.path == "initiatives[0].activities[1].id"
    assert problem.line == line_of(core, 'id: "1.3.1"', after="title: Förstudie")
    assert activity_number("1.3.12", "1.3") == 12
    assert activity_number("1.3.1", "1.31") is None


# -- updates ---------------------------------------------------------------------------------------


def test_an_update_dated_after_today() -> None:
    core = edited("date: 2027-05-01", "date: 2027-06-02")
    problem = only(problems(core), "update-in-future")
    assert (problem.path, problem.severity) == ("initiatives[0].updates[0].date", "error")
    assert problem.line == line_of(core, "date: 2027-06-02")
    assert problem.message == ("the update is dated 2027-06-02, after today (2027-06-01); an "
                               "update reports what has happened: correct the date")
    assert problems(edited("date: 2027-05-01", "date: 2027-06-01")) == []


# -- dialogues -------------------------------------------------------------------------------------


def test_a_dialogue_prioritising_an_id_the_core_lacks() -> None:
    core = edited('prioritized: ["1.3", "2.2"]', 'prioritized: ["1.3", "2.2", "1.4"]')
    problem = only(problems(core), "unknown-prioritized")
    assert problem.path == "dialogues[0].prioritized[2]"
    assert problem.line == line_of(core, "prioritized:")
    assert problem.column == core.splitlines()[problem.line - 1].index('"1.4"') + 1
    assert problem.message == (
        "the dialogue prioritises 1.4, which core sodertalje does not have (neither a common nor "
        "a core-specific initiative); did you mean 1.1, 1.3?")


def test_a_dialogue_in_a_cycle_the_region_lacks() -> None:
    core = edited("cycle: 2027-2030", "cycle: 2027-2031")
    problem = only(problems(core), "unknown-cycle")
    assert problem.path == "dialogues[0].cycle"
    assert problem.line == line_of(core, "cycle: 2027-2031")
    assert problem.message == "unknown cycle '2027-2031'; the cycles are 2027-2030"


def test_two_dialogues_of_a_core_on_one_date() -> None:
    core = edited("common:\n", "  - date: 2027-03-14\n    cycle: 2027-2030\n"
                  "    prioritized: [\"1.1\"]\ncommon:\n")
    problem = only(problems(core), "duplicate-dialogue")
    assert problem.path == "dialogues[1].date"
    assert problem.line == 10
    assert problem.message == (
        "core sodertalje already has a dialogue on 2027-03-14 (line 6); record one dialogue per "
        "date, with everything it prioritised")


# -- the follow-up of common initiatives -----------------------------------------------------------


def test_a_follow_up_of_no_common_initiative() -> None:
    core = edited('  "2.2":\n', '  "2.3":\n')
    problem = only(problems(core), "unknown-common")
    assert problem.path == "common.2.3"
    assert (problem.line, problem.column) == (line_of(core, '"2.3":'), 3)  # at the key
    assert problem.message == ("'2.3' under common: is no common initiative of plans/region.yaml; "
                               "did you mean 2.2?")


def test_a_follow_up_of_a_core_specific_initiative() -> None:
    core = edited('  "2.2":\n', '  "1.3":\n')
    assert "did you mean 1.1?" in only(problems(core), "unknown-common").message


def test_a_dropped_follow_up_without_a_note_is_warned_about() -> None:
    core = edited("    status_note: Inte aktuell här\n", "")
    problem = only(problems(core), "missing-status-note")
    assert (problem.path, problem.severity) == ("common.2.2.status", "warning")
    assert "sodertalje:2.2" in problem.message


# -- lead units ------------------------------------------------------------------------------------


def test_a_lead_unit_that_is_not_part_of_the_lead() -> None:
    core = edited("lead: region-stockholm", "lead: sodertalje-kommun")
    problem = only(problems(core), "lead-unit-not-of-lead")
    assert problem.path == "initiatives[0].lead_unit"
    assert problem.line == line_of(core, "lead_unit:", after="initiatives:")
    assert problem.message == (
        "lead_unit trafikforvaltningen is not part of the lead sodertalje-kommun (part_of: "
        "trafikforvaltningen -> region-stockholm); choose a unit of sodertalje-kommun, or correct "
        "part_of in plans/actors.yaml")


def test_a_lead_unit_without_a_lead() -> None:
    core = edited("    lead: region-stockholm\n", "")
    problem = only(problems(core), "lead-unit-not-of-lead")
    assert problem.path == "initiatives[0].lead_unit"
    assert "without a lead" in problem.message


def test_a_lead_unit_in_the_region() -> None:
    region = edited("    lead_unit: trafikforvaltningen\n", "    lead_unit: trafikverket\n", REGION)
    problem = only(problems(region=region), "lead-unit-not-of-lead")
    assert (problem.file, problem.path) == ("plans/region.yaml", "initiatives[0].lead_unit")


def test_a_cores_lead_unit_must_be_a_unit_of_the_shared_lead() -> None:
    core = edited("    lead_unit: trafikforvaltningen\n    participants: [trafikverket]",
                  "    lead_unit: trafikverket\n    participants: [trafikverket]")
    problem = only(problems(core), "lead-unit-not-of-lead")
    assert problem.path == "common.1.1.lead_unit"
    assert "not part of the lead region-stockholm" in problem.message
    # 2.2 has no lead in the region: a core cannot give it a lead unit
    core = edited("    status: dropped\n", "    status: dropped\n    lead_unit: trafikverket\n")
    problem = only(problems(core), "lead-unit-not-of-lead")
    assert problem.path == "common.2.2.lead_unit"
    assert "common initiative 2.2, which has no lead in plans/region.yaml" in problem.message


def test_the_lead_itself_and_a_unit_of_a_unit_reach_the_lead() -> None:
    actors = ACTORS + ("  - id: buss\n    name: Bussenheten\n    kind: unit\n"
                       "    part_of: trafikforvaltningen\n")
    core = edited("    lead_unit: trafikforvaltningen\n    participants: [sodertalje",
                  "    lead_unit: buss\n    participants: [sodertalje")
    assert problems(core, actors=actors) == []
    core = edited("    lead_unit: trafikforvaltningen\n    participants: [sodertalje",
                  "    lead_unit: region-stockholm\n    participants: [sodertalje")
    assert problems(core) == []


def test_a_lead_unit_in_a_part_of_loop_is_left_to_the_loop_rule() -> None:
    actors = ACTORS.replace("    kind: region\n",
                            "    kind: region\n    part_of: trafikforvaltningen\n")
    assert [p.code for p in problems(actors=actors)] == ["part-of-loop"]


def test_a_unit_deep_down_a_long_part_of_chain_reaches_the_lead() -> None:
    depth = 1000
    actors = ACTORS + "".join(
        f"  - id: a{n}\n    name: A{n}\n    kind: unit\n    part_of: {'a' + str(n - 1) if n else 'region-stockholm'}\n"
        for n in range(depth))
    initiatives = "".join(
        f'  - id: "1.{n + 10}"\n    title: T\n    description: D\n    lead: region-stockholm\n'
        f"    lead_unit: a{depth - 1}\n" for n in range(depth))
    assert problems(edited("initiatives:\n", "initiatives:\n" + initiatives), actors=actors) == []


# -- actors in every new field ---------------------------------------------------------------------


@pytest.mark.parametrize(("old", "new", "path"), [
    ("owner: sodertalje-kommun", "owner: sodertalje", "initiatives[0].activities[0].owner"),
    ("participants: [trafikverket]\n        start", "participants: [sodertalje]\n        start",
     "initiatives[0].activities[0].participants[0]"),
    ("by: sodertalje-kommun", "by: sodertalje", "initiatives[0].updates[0].by"),
    ("actor: region-stockholm", "actor: sodertalje", "initiatives[0].carried_by[0].actor"),
    ("participants: [region-stockholm, sodertalje-kommun]",
     "participants: [region-stockholm, sodertalje]", "dialogues[0].participants[1]"),
    ("    lead_unit: trafikforvaltningen\n    participants: [sodertalje",
     "    lead_unit: sodertalje\n    participants: [sodertalje", "initiatives[0].lead_unit"),
    ("    lead_unit: trafikforvaltningen\n    participants: [trafikverket]",
     "    lead_unit: sodertalje\n    participants: [trafikverket]", "common.1.1.lead_unit"),
    ("    participants: [trafikverket]\n    activities",
     "    participants: [sodertalje]\n    activities", "common.1.1.participants[0]"),
    ("owner: trafikforvaltningen", "owner: sodertalje", "common.1.1.activities[0].owner"),
])
def test_an_unknown_actor_in_a_new_field(old: str, new: str, path: str) -> None:
    core = edited(old, new)
    problem = only(problems(core), "unknown-actor")
    assert problem.path == path
    assert problem.line == line_of(core, new.split("\n", maxsplit=1)[0])
    assert problem.message == "unknown actor 'sodertalje'; did you mean sodertalje-kommun?"


def test_strict_makes_overdue_an_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(clock, "today", lambda: date(2028, 7, 1))
    files = {"plans/actors.yaml": ACTORS.encode(), "plans/region.yaml": REGION.encode(),
             "plans/sodertalje.yaml": CORE.encode()}
    relaxed = validate_files(files)
    assert [p.severity for p in relaxed.problems if p.code == "overdue"] == ["warning"] * 2
    strict = validate_files(files, strict=True)
    assert [p.severity for p in strict.problems if p.code == "overdue"] == ["error"] * 2
    assert not strict.ok


# -- today -----------------------------------------------------------------------------------------


def test_today_can_be_set_by_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.undo()  # the real clock.today, not the fixture's
    monkeypatch.setenv("FARDPLAN_TODAY", "2031-02-28")
    assert clock.today() == date(2031, 2, 28)
    monkeypatch.setenv("FARDPLAN_TODAY", "")
    assert clock.today() == date.today()
    monkeypatch.setenv("FARDPLAN_TODAY", "2031-02-29")
    with pytest.raises(UsageError, match="FARDPLAN_TODAY='2031-02-29' is not a date"):
        clock.today()


def test_today_is_asked_only_when_a_date_is_compared(monkeypatch: pytest.MonkeyPatch) -> None:
    asked: list[int] = []

    def today() -> date:
        asked.append(1)
        return TODAY

    monkeypatch.setattr(clock, "today", today)
    problems()
    assert len(asked) == 1
    asked.clear()
    problems(core="schema_version: 2\nid: sodertalje\nname: S\n")
    assert asked == []


# -- the documentation -----------------------------------------------------------------------------


def _codes_of_the_rules() -> set[str]:
    """The code (third argument) of every ``self.add(...)`` call in plan_rules.py and
    follow_up_rules.py."""
    import ast

    source = "\n".join(
        (PROJECT_ROOT / "src" / "fardplan_cli" / name).read_text(encoding="utf-8")
        for name in ("plan_rules.py", "follow_up_rules.py"))
    return {
        node.args[2].value for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
        and node.func.attr == "add" and len(node.args) > 2
        and isinstance(node.args[2], ast.Constant) and isinstance(node.args[2].value, str)
    }


def test_every_code_of_the_rules_is_in_the_table_of_docs_validate() -> None:
    table = (PROJECT_ROOT / "docs" / "validate.md").read_text(encoding="utf-8")
    codes = _codes_of_the_rules()
    assert {"overdue", "invalid-date", "lead-unit-not-of-lead", "unknown-common"} <= codes
    assert sorted(c for c in codes if f"\n| `{c}` |" not in table) == []


def test_the_messages_are_in_swedish_too(monkeypatch: pytest.MonkeyPatch) -> None:
    from fardplan_cli import i18n

    monkeypatch.setattr(clock, "today", lambda: date(2028, 7, 1))
    i18n.set_language("sv")
    try:
        found = problems(edited("start: 2027-04-01", "start: 2027-02-31"))
    finally:
        i18n.set_language("en")
    assert [p.message for p in found] == [
        "aktiviteten sodertalje:1.1.1 skulle vara klar 2027-09-30 och är fortfarande planerad; när "
        "den är klar, kör: fardplan activity set-status sodertalje:1.1.1 done (eller ge den ett "
        "senare slutdatum, due)",
        "'2027-02-31' är inget datum som finns; skriv ett riktigt datum som ÅÅÅÅ-MM-DD (2027-02 "
        "har 28 dagar)",
        "aktiviteten sodertalje:1.3.2 skulle vara klar 2028-06-30 och är fortfarande pågående; när "
        "den är klar, kör: fardplan activity set-status sodertalje:1.3.2 done (eller ge den ett "
        "senare slutdatum, due)",
    ]


def test_under_an_unknown_common_key_only_the_key_is_reported() -> None:
    core = edited('  "1.1":\n', '  "1.9":\n')
    assert [p.code for p in problems(core)] == ["unknown-common"]
