"""The follow-up edits of format 2 on file text: a core's follow-up of a common initiative, its
dialogues, activities, updates and carriers. Only the edited lines change.

The plan set (what the edits resolve names against) is built from the shipped plans, with the
follow-up that the format-2 text below holds put into Södertälje's core directly.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from fardplan_cli import edit
from fardplan_cli.edit import followup
from fardplan_cli.errors import UsageError
from fardplan_cli.load import load_plan_set
from fardplan_cli.model import Activity, Dialogue, FollowUp, PlanSet, Position
from fardplan_cli.repository import PlanRepository

SODERTALJE = "plans/sodertalje.yaml"
HANINGE = "plans/haninge.yaml"
POS = Position(SODERTALJE, 1, 1)

FORMAT_2 = """\
schema_version: 2
id: sodertalje
name: Södertälje stadskärna
municipalities: [sodertalje-kommun]
directions:
  - area: 1
    text: En riktning.
dialogues:
  # the dialogue of the spring
  - date: "2027-03-14"
    cycle: 2027-2030
    prioritized: ["1.3"]   # what it chose
common:
  # Södertälje's own follow-up
  "2.2":
    status: paused
    status_note: Väntar på beslut
  "4.2":
    participants: [trafikverket]
    activities:
      - id: "4.2.1"
        title: Första steget
        owner: sodertalje-kommun
        status: ongoing
initiatives:
  # the first own initiative
  - id: "1.3"
    title: Stationsmiljöerna
    participants: [sodertalje-kommun, region-stockholm]
    status: planned
indicators: []
"""

HANINGE_TEXT = """\
schema_version: 2
id: haninge
name: Haninge stadskärna
municipalities: [haninge-kommun]
"""


@pytest.fixture
def plan(plan_dir: Path) -> PlanSet:
    plans = load_plan_set(PlanRepository(plan_dir).read_plan_files())
    activity = Activity("4.2.1", "Första steget", "sodertalje-kommun", (), None, None, "ongoing",
                        None, None, POS)
    common = (FollowUp("2.2", "paused", "Väntar på beslut", (), None, (), (), (), POS),
              FollowUp("4.2", "planned", None, ("trafikverket",), None, (activity,), (), (),
                       POS))
    dialogues = (Dialogue("2027-03-14", "2027-2030", (), ("1.3",), None, POS),)
    cores = tuple(replace(c, dialogues=dialogues, common=common) if c.id == "sodertalje" else c
                  for c in plans.cores)
    return PlanSet(plans.region, plans.actors, cores)


@pytest.fixture
def files(plan_dir: Path) -> dict[str, bytes]:
    read = dict(PlanRepository(plan_dir).read_plan_files())
    read[SODERTALJE] = FORMAT_2.encode("utf-8")
    read[HANINGE] = HANINGE_TEXT.encode("utf-8")
    return read


def changed_lines(old: str, new: str) -> tuple[list[str], list[str]]:
    import difflib

    diff = list(difflib.ndiff(old.splitlines(), new.splitlines()))
    return ([d[2:] for d in diff if d.startswith("- ")], [d[2:] for d in diff if d.startswith("+ ")])


def test_set_status_of_a_followed_common_initiative_writes_its_follow_up(
        plan: PlanSet, files: dict[str, bytes]) -> None:
    result = edit.set_status(plan, files, "sodertalje:2.2", "dropped",
                             note="Inte aktuell i Södertälje")
    assert result.path == SODERTALJE
    assert changed_lines(result.old_text, result.new_text) == (
        ["    status: paused", "    status_note: Väntar på beslut"],
        ["    status: dropped", "    status_note: Inte aktuell i Södertälje"])
    assert result.summary == ("set-status sodertalje:2.2: paused -> dropped, "
                              "note 'Inte aktuell i Södertälje'")
    assert not result.shared


def test_set_status_adds_the_follow_up_entry_in_id_order(
        plan: PlanSet, files: dict[str, bytes]) -> None:
    result = edit.set_status(plan, files, "Södertälje:3.1", "ongoing")
    removed, added = changed_lines(result.old_text, result.new_text)
    assert removed == []
    assert added == ['  "3.1":', "    status: ongoing"]
    assert result.new_text.index('"3.1"') > result.new_text.index('"2.2"')
    assert result.new_text.index('"3.1"') < result.new_text.index('"4.2"')


def test_set_status_creates_the_common_key_before_initiatives(
        plan: PlanSet, files: dict[str, bytes]) -> None:
    result = edit.set_status(plan, files, "haninge:2.2", "dropped", note="Inte här")
    assert result.path == HANINGE
    assert result.new_text == HANINGE_TEXT + (
        'common:\n  "2.2":\n    status: dropped\n    status_note: Inte här\n')


def test_status_and_priority_of_a_bare_common_id_name_the_core(
        plan: PlanSet, files: dict[str, bytes]) -> None:
    with pytest.raises(UsageError, match=r"per core: name the core, e\.g\. \S+:2\.2"):
        edit.set_status(plan, files, "2.2", "dropped")
    with pytest.raises(UsageError, match="per core"):
        edit.prioritize(plan, files, "2.2", "2027-2030")


def test_assign_in_a_core_adds_a_participant_of_that_core(
        plan: PlanSet, files: dict[str, bytes]) -> None:
    result = edit.assign(plan, files, "sodertalje:4.2", add=["polis"])
    removed, added = changed_lines(result.old_text, result.new_text)
    assert removed == ["    participants: [trafikverket]"]
    assert added == ["    participants: [trafikverket, polis]"]
    assert result.summary == "assign sodertalje:4.2: +polis"


def test_assign_lead_in_a_core_is_refused_the_lead_is_shared(
        plan: PlanSet, files: dict[str, bytes]) -> None:
    with pytest.raises(UsageError, match="shared by every core"):
        edit.assign(plan, files, "sodertalje:2.2", lead="trafikverket")


def test_assign_on_a_bare_common_id_applies_to_every_core(
        plan: PlanSet, files: dict[str, bytes]) -> None:
    result = edit.assign(plan, files, "2.2", add=["trafikverket"])
    assert result.path == "plans/region.yaml"
    assert result.shared
    assert result.summary.endswith("; applies to every core")


def test_assign_lead_says_the_lead_is_no_longer_a_participant(
        plan: PlanSet, files: dict[str, bytes]) -> None:
    result = edit.assign(plan, files, "sodertalje:1.3", lead="region-stockholm")
    assert result.summary == ("assign sodertalje:1.3: lead Region Stockholm "
                              "(no longer a participant)")


def test_prioritize_adds_the_id_to_the_only_dialogue_of_the_cycle(
        plan: PlanSet, files: dict[str, bytes]) -> None:
    result = edit.prioritize(plan, files, "sodertalje:2.2", "2027-2030")
    assert changed_lines(result.old_text, result.new_text) == (
        ['    prioritized: ["1.3"]   # what it chose'],
        ['    prioritized: ["1.3", "2.2"]   # what it chose'])
    assert result.summary == "prioritize sodertalje:2.2: +2027-2030 (dialogue 2027-03-14)"
    removed = edit.prioritize(plan, files, "sodertalje:1.3", "2027-2030", remove=True)
    assert "prioritized" not in removed.new_text


def test_prioritize_without_a_dialogue_names_dialogue_add(
        plan: PlanSet, files: dict[str, bytes]) -> None:
    with pytest.raises(UsageError, match="fardplan dialogue add sodertalje"):
        edit.prioritize(plan, files, "sodertalje:2.2", "2023-2026")
    made = edit.prioritize(plan, files, "sodertalje:2.2", "2023-2026", dialogue="2023-05-02")
    assert changed_lines(made.old_text, made.new_text) == (
        [], ['  - date: "2023-05-02"', "    cycle: 2023-2026", '    prioritized: ["2.2"]'])
    assert made.new_text.index("2023-05-02") < made.new_text.index("2027-03-14")


def test_dialogue_add_creates_the_key_after_directions(
        plan: PlanSet, files: dict[str, bytes]) -> None:
    result = followup.add_dialogue(plan, files, "haninge", date="2027-04-01", cycle="2027-2030",
                                   participants=["Region Stockholm"], note="Första samtalet")
    assert result.new_text == HANINGE_TEXT + (
        'dialogues:\n  - date: "2027-04-01"\n    cycle: 2027-2030\n'
        "    participants: [region-stockholm]\n    note: Första samtalet\n")
    with pytest.raises(UsageError, match="not a date"):
        followup.add_dialogue(plan, files, "haninge", date="2027-02-31", cycle="2027-2030")
    with pytest.raises(UsageError, match="already has a dialogue"):
        followup.add_dialogue(plan, files, "sodertalje", date="2027-03-14", cycle="2027-2030")


def test_activity_add_takes_the_next_id(plan: PlanSet, files: dict[str, bytes]) -> None:
    result = followup.add_activity(plan, files, "sodertalje:4.2", title="Andra steget",
                                   owner="Trafikverket", due="2027-12-31")
    removed, added = changed_lines(result.old_text, result.new_text)
    assert removed == []
    assert added == ['      - id: "4.2.2"', "        title: Andra steget",
                     "        owner: trafikverket", '        due: "2027-12-31"',
                     "        status: planned"]
    first = followup.add_activity(plan, files, "sodertalje:1.3", title="Ett")
    assert changed_lines(first.old_text, first.new_text)[1] == [
        "    activities:", '      - id: "1.3.1"', "        title: Ett", "        status: planned"]


def test_activity_done_records_done_on(plan: PlanSet, files: dict[str, bytes],
                                       monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FARDPLAN_TODAY", "2027-06-01")
    result = followup.set_activity_status(plan, files, "sodertalje:4.2.1", "Genomförd")
    assert changed_lines(result.old_text, result.new_text) == (
        ["        status: ongoing"], ["        status: done", '        done_on: "2027-06-01"'])
    assert result.summary == ("activity set-status sodertalje:4.2.1: ongoing -> done, "
                              "done on 2027-06-01")


def test_update_and_carry_append(plan: PlanSet, files: dict[str, bytes],
                                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FARDPLAN_TODAY", "2027-06-01")
    update = followup.add_update(plan, files, "sodertalje:2.2", "Beslut fattat", by="Södertälje kommun")
    assert changed_lines(update.old_text, update.new_text)[1] == [
        "    updates:", '      - date: "2027-06-01"', "        text: Beslut fattat",
        "        by: sodertalje-kommun"]
    with pytest.raises(UsageError, match="future"):
        followup.add_update(plan, files, "sodertalje:2.2", "x", date="2027-06-02")
    carry = followup.add_carrier(plan, files, "sodertalje:1.3", kind="funding",
                                 actor="region-stockholm", amount=500000, decided="2027-02-01")
    assert changed_lines(carry.old_text, carry.new_text)[1] == [
        "    carried_by:", "      - kind: funding", "        actor: region-stockholm",
        "        amount_sek: 500000", '        decided: "2027-02-01"']


@pytest.mark.parametrize("empty", ["common: {}\n", "common:\n", "common: ~   # none yet\n"])
def test_an_empty_common_key_gets_the_entry(plan: PlanSet, files: dict[str, bytes],
                                             empty: str) -> None:
    files[HANINGE] = (HANINGE_TEXT + empty).encode("utf-8")
    result = edit.set_status(plan, files, "haninge:2.2", "ongoing")
    assert result.new_text == HANINGE_TEXT + 'common:\n  "2.2":\n    status: ongoing\n'


def test_a_follow_up_written_in_flow_style_is_refused(plan: PlanSet,
                                                      files: dict[str, bytes]) -> None:
    from fardplan_cli.errors import EditRefusedError

    files[HANINGE] = (HANINGE_TEXT + 'common: {"2.2": {status: paused}}\n').encode("utf-8")
    with pytest.raises(EditRefusedError, match="flow style"):
        edit.set_status(plan, files, "haninge:2.2", "ongoing")


def test_planned_without_a_note_adds_no_follow_up(plan: PlanSet, files: dict[str, bytes]) -> None:
    result = edit.set_status(plan, files, "haninge:2.2", "planned")
    assert not result.changed
    assert result.summary == "set-status haninge:2.2: no change"
