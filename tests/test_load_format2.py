"""Loading format 2: the follow-up per core, dialogues and the priorities they give, activities,
updates, carriers, indicator series; and the one problem of a plan set in format 1."""

from __future__ import annotations

import pytest

from fardplan_cli.errors import PlanProblemsError
from fardplan_cli.load import build_initiative, load_plan_set
from fardplan_cli.model import IndicatorValue
from fardplan_cli.validate import validate_files
from fardplan_cli.yamlfile import parse_document
from tests.support import SHIPPED_PLANS

CORE = """\
schema_version: 2
id: haninge
name: Haninge stadskärna
municipalities: [haninge-kommun]
dialogues:
  - date: 2027-03-14
    cycle: 2027-2030
    participants: [region-stockholm, haninge-kommun]
    prioritized: ["1.5", "2.2"]
    note: Första samtalet
  - date: 2023-05-02
    cycle: 2023-2026
    prioritized: ["1.5"]
common:
  "2.2":
    status: dropped
    status_note: Inte aktuell i Haninge
    participants: [trafikverket]
    lead_unit: kulturforvaltningen
    updates:
      - {date: 2026-01-10, text: Beslut i kommunstyrelsen, by: haninge-kommun}
initiatives:
  - id: "1.5"
    title: Stationsområdet
    lead: region-stockholm
    lead_unit: trafikforvaltningen
    status: ongoing
    activities:
      - id: "1.5.1"
        title: Förstudie
        owner: haninge-kommun
        participants: [trafikverket]
        start: 2026-01-01
        due: 2026-06-30
        status: done
        done_on: 2026-06-01
        note: Klar i tid
    carried_by:
      - kind: funding
        actor: region-stockholm
        name: Regionala utvecklingsmedel
        amount_sek: 500000
        decided: 2026-02-01
indicators:
  - id: residents
    area: 1
    label: Boende
    unit: personer
    source: SCB
    values: [{year: 2026, value: 25000}]
    target: {year: 2030, value: 30000}
"""


def _files(**changed: str) -> dict[str, bytes]:
    files = {f"plans/{p.name}": p.read_bytes() for p in sorted(SHIPPED_PLANS.glob("*.yaml"))}
    files.update({f"plans/{name}.yaml": text.encode("utf-8") for name, text in changed.items()})
    return files


def test_a_core_in_format_2_builds_into_the_model() -> None:
    files = _files(haninge=CORE)
    assert validate_files(files, strict=True).problems == ()
    plan = load_plan_set(files)
    assert plan.region.language == "sv"
    core = plan.core("haninge")
    assert core is not None
    assert [(d.date, d.cycle, d.participants, d.prioritized, d.note) for d in core.dialogues] == [
        ("2027-03-14", "2027-2030", ("region-stockholm", "haninge-kommun"), ("1.5", "2.2"),
         "Första samtalet"),
        ("2023-05-02", "2023-2026", (), ("1.5",), None)]
    own = core.initiatives[0]
    assert own.priority == ("2023-2026", "2027-2030")  # the region's order of cycles
    assert own.lead_unit == "trafikforvaltningen" and own.status == "ongoing"
    activity = own.activities[0]
    assert (activity.id, activity.owner, activity.participants, activity.start, activity.due,
            activity.status, activity.done_on, activity.note) == (
        "1.5.1", "haninge-kommun", ("trafikverket",), "2026-01-01", "2026-06-30", "done",
        "2026-06-01", "Klar i tid")
    carrier = own.carried_by[0]
    assert (carrier.kind, carrier.actor, carrier.name, carrier.amount_sek, carrier.decided) == (
        "funding", "region-stockholm", "Regionala utvecklingsmedel", 500000, "2026-02-01")
    indicator = core.indicators[0]
    assert (indicator.area, indicator.source, indicator.target) == (
        1, "SCB", IndicatorValue(2030, 30000, None))
    followed = plan.followed("haninge", "2.2")
    assert followed is not None
    assert (followed.status, followed.status_note, followed.lead_unit, followed.priority) == (
        "dropped", "Inte aktuell i Haninge", "kulturforvaltningen", ("2027-2030",))
    assert followed.participants[-1] == "trafikverket"
    assert [(u.date, u.text, u.by) for u in followed.updates] == [
        ("2026-01-10", "Beslut i kommunstyrelsen", "haninge-kommun")]
    other = plan.followed("sodertalje", "2.2")
    assert other is not None and other.status == "planned" and other.priority == ()


def test_one_initiative_built_alone_has_the_priorities_of_the_whole_build() -> None:
    doc = parse_document("plans/haninge.yaml", CORE.encode("utf-8"))
    alone = build_initiative(doc, "haninge", 0, doc.data["initiatives"][0])
    whole = load_plan_set(_files(haninge=CORE)).core("haninge")
    assert whole is not None and alone == whole.initiatives[0]


def test_a_common_key_that_is_no_initiative_id_is_one_problem() -> None:
    files = _files(haninge=CORE.replace('  "2.2":', '  "2.x":'))
    result = validate_files(files)
    assert [(p.code, p.file, p.line) for p in result.errors] == [("bad-id", "plans/haninge.yaml", 15)]


def test_dates_and_amounts_by_their_forms() -> None:
    files = _files(haninge=CORE.replace("due: 2026-06-30", "due: 30/6 2026").replace(
        "amount_sek: 500000", "amount_sek: -5"))
    found = sorted((p.code, p.line) for p in validate_files(files).errors)
    assert found == [("invalid-date", 34), ("out-of-range", 42)]


def test_a_plan_set_with_a_file_in_format_1_is_one_problem() -> None:
    files = _files(haninge=CORE.replace("schema_version: 2", "schema_version: 1"),
                   sodertalje="schema_version: 2\nid: sodertalje\nname: [Södertälje\n")
    result = validate_files(files)
    assert [(p.code, p.file, p.line) for p in result.problems] == [
        ("format-1", "plans/haninge.yaml", 1)]
    with pytest.raises(PlanProblemsError) as raised:
        load_plan_set(files)
    assert [p.code for p in raised.value.problems] == ["format-1"]
