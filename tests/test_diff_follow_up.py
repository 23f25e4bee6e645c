"""The diff of what format 2 follows up per core: dialogues, activities, updates, carriers, the
lead unit, and a common initiative's follow-up in one core (reported for that core only)."""

from __future__ import annotations

import io
from dataclasses import replace

import pytest

from fardplan_cli import i18n
from fardplan_cli.diff import Change, diff_plan_sets
from fardplan_cli.model import (
    Activity,
    Actor,
    Carrier,
    Core,
    Cycle,
    Dialogue,
    FollowUp,
    GoalArea,
    Initiative,
    PlanSet,
    Position,
    Region,
    Update,
)
from fardplan_cli.render.diff_common import DIFF_RENDERERS, DiffReport
from fardplan_cli.render.shapes import change_json
from fardplan_cli.revisions import WORK_TREE, Revision
from tests.support import assert_golden

AT = Position("plans/x.yaml", 1, 1)


def initiative(core: str | None, initiative_id: str, title: str, **fields: object) -> Initiative:
    base = Initiative(core=core, id=initiative_id, title=title, description=f"Om {title.lower()}.",
                      lead=None, participants=(), status="planned", status_note=None, priority=(),
                      replaces=(), places=(), pos=AT)
    return replace(base, **fields)  # type: ignore[arg-type]


def activity(activity_id: str, title: str, **fields: object) -> Activity:
    base = Activity(id=activity_id, title=title, owner=None, participants=(), start=None, due=None,
                    status="planned", done_on=None, note=None, pos=AT)
    return replace(base, **fields)  # type: ignore[arg-type]


def follow_up(initiative_id: str, **fields: object) -> FollowUp:
    base = FollowUp(id=initiative_id, status="planned", status_note=None, participants=(),
                    lead_unit=None, activities=(), updates=(), carried_by=(), pos=AT)
    return replace(base, **fields)  # type: ignore[arg-type]


def dialogue(date: str, cycle: str, prioritized: tuple[str, ...], **fields: object) -> Dialogue:
    base = Dialogue(date=date, cycle=cycle, participants=(), prioritized=prioritized, note=None,
                    pos=AT)
    return replace(base, **fields)  # type: ignore[arg-type]


def core(core_id: str, name: str, **fields: object) -> Core:
    base = Core(id=core_id, name=name, municipalities=(), character=(), directions=(),
                initiatives=(), indicators=(), file=f"plans/{core_id}.yaml", pos=AT)
    return replace(base, **fields)  # type: ignore[arg-type]


ACTORS = (
    Actor("region-stockholm", "Region Stockholm", "region", None, None, AT),
    Actor("trafikforvaltningen", "Trafikförvaltningen", "administration", "region-stockholm", None,
          AT),
    Actor("tillvaxtforvaltningen", "Tillväxt- och regionplaneförvaltningen", "administration",
          "region-stockholm", None, AT),
    Actor("sodertalje-kommun", "Södertälje kommun", "municipality", None, None, AT),
    Actor("trafikverket", "Trafikverket", "agency", None, None, AT),
)
SHARED = initiative(None, "2.2", "Stärk kollektivtrafiken till kärnan", lead="region-stockholm",
                    lead_unit="trafikforvaltningen")
REGION = Region(name="Färdplaner", owner="region-stockholm",
                goal_areas=(GoalArea(1, "Stadskärnans identitet", "", AT),
                            GoalArea(2, "Tillgänglighet", "", AT)),
                cycles=(Cycle("2023-2026", None, AT), Cycle("2027-2030", None, AT)),
                initiatives=(SHARED,), file="plans/region.yaml")
EARLY = dialogue("2023-01-20", "2023-2026", ("1.4",))
KEPT = dialogue("2023-05-01", "2023-2026", ("1.3",), note="Första samtalet")
HELD = dialogue("2027-03-14", "2027-2030", ("1.3", "2.2"),
                participants=("region-stockholm", "sodertalje-kommun"), note="Efter valet")
FORUM = Carrier("forum", "sodertalje-kommun", "Stadskärnegruppen", None, None, AT)
FUNDING_2_2 = Carrier("funding", "region-stockholm", "Regionala utvecklingsmedel", 300000, None, AT)
FUNDING_1_3 = Carrier("funding", "region-stockholm", "Stadsmiljöavtal", 500000, "2027-02-01", AT)
REPORTED = Update("2026-01-10", "Förstudien är klar.", "sodertalje-kommun", AT)
WITHDRAWN = Update("2026-02-01", "Fel rapport.", None, AT)
LATEST = Update("2027-05-01", "Upphandlingen har startat.", "sodertalje-kommun", AT)

OLD_1_3 = initiative(
    "sodertalje", "1.3", "Gestalta stationsområdet", lead="sodertalje-kommun",
    priority=("2023-2026",), lead_unit=None,
    activities=(activity("1.3.1", "Förstudie", owner="sodertalje-kommun", status="ongoing",
                         start="2026-09-01", due="2027-06-30"),
                activity("1.3.2", "Samråd", due="2027-09-30"),
                activity("1.3.4", "Workshop med fastighetsägare")),
    updates=(REPORTED, WITHDRAWN), carried_by=(FORUM,))
NEW_1_3 = replace(
    OLD_1_3, priority=("2023-2026", "2027-2030"), lead_unit="sodertalje-kommun",
    activities=(activity("1.3.1", "Förstudie", owner="sodertalje-kommun", status="done",
                         start="2026-09-01", due="2027-06-30", done_on="2027-05-30"),
                activity("1.3.2", "Samråd", due="2027-12-31"),
                activity("1.3.3", "Gestaltningsprogram", owner="sodertalje-kommun",
                         participants=("trafikverket",), due="2028-06-30")),
    updates=(REPORTED, LATEST), carried_by=(FUNDING_1_3,))
OLD_SODERTALJE = core("sodertalje", "Södertälje stadskärna", dialogues=(EARLY, KEPT),
                      common=(follow_up("2.2", carried_by=(FUNDING_2_2,)),),
                      initiatives=(OLD_1_3,))
NEW_SODERTALJE = core(
    "sodertalje", "Södertälje stadskärna",
    dialogues=(replace(KEPT, note="Första samtalet, med kommunstyrelsen"), HELD),
    common=(follow_up("2.2", status="dropped", status_note="Inte aktuell i Södertälje",
                      participants=("trafikverket",), lead_unit="tillvaxtforvaltningen",
                      activities=(activity("2.2.1", "Utred en ny busslinje",
                                           owner="trafikforvaltningen", due="2027-10-01"),),
                      carried_by=(replace(FUNDING_2_2, amount_sek=500000,
                                          decided="2027-02-01"),)),),
    initiatives=(NEW_1_3,))
HANINGE = core("haninge", "Haninge stadskärna", common=(follow_up("2.2", status="ongoing"),))
OLD = PlanSet(REGION, ACTORS, (HANINGE, OLD_SODERTALJE))
NEW = PlanSet(REGION, ACTORS, (HANINGE, NEW_SODERTALJE))


def essence(change: Change) -> tuple[object, ...]:
    return (change.kind, change.core, change.ref, change.key, change.field)


def test_each_new_kind_of_change_is_reported_where_it_was_made() -> None:
    changes = diff_plan_sets(OLD, NEW).changes
    assert [essence(c) for c in changes] == [
        ("dialogue-removed", "sodertalje", None, "2023-01-20", None),
        ("dialogue-changed", "sodertalje", None, "2023-05-01", "note"),
        ("dialogue-added", "sodertalje", None, "2027-03-14", None),
        ("initiative-changed", "sodertalje", "sodertalje:1.3", None, "lead_unit"),
        ("initiative-changed", "sodertalje", "sodertalje:1.3", None, "priority"),
        ("activity-done", "sodertalje", "sodertalje:1.3", "1.3.1", "status"),
        ("activity-changed", "sodertalje", "sodertalje:1.3", "1.3.2", "due"),
        ("activity-added", "sodertalje", "sodertalje:1.3", "1.3.3", None),
        ("activity-removed", "sodertalje", "sodertalje:1.3", "1.3.4", None),
        ("update-added", "sodertalje", "sodertalje:1.3", "2027-05-01", None),
        ("update-removed", "sodertalje", "sodertalje:1.3", "2026-02-01", None),
        ("carrier-added", "sodertalje", "sodertalje:1.3", "funding", None),
        ("carrier-removed", "sodertalje", "sodertalje:1.3", "forum", None),
        ("initiative-changed", "sodertalje", "sodertalje:2.2", None, "lead_unit"),
        ("initiative-changed", "sodertalje", "sodertalje:2.2", None, "participants"),
        ("initiative-changed", "sodertalje", "sodertalje:2.2", None, "status"),
        ("initiative-changed", "sodertalje", "sodertalje:2.2", None, "priority"),
        ("activity-added", "sodertalje", "sodertalje:2.2", "2.2.1", None),
        ("carrier-changed", "sodertalje", "sodertalje:2.2", "funding", "amount_sek"),
        ("carrier-changed", "sodertalje", "sodertalje:2.2", "funding", "decided"),
    ]


def test_the_values_carried_by_the_new_kinds() -> None:
    by = {essence(c): change_json(c) for c in diff_plan_sets(OLD, NEW).changes}
    added = by["dialogue-added", "sodertalje", None, "2027-03-14", None]
    assert added["new"] == {"date": "2027-03-14", "cycle": "2027-2030",
                            "participants": ["region-stockholm", "sodertalje-kommun"],
                            "prioritized": ["1.3", "2.2"], "note": "Efter valet"}
    assert added["added"] == ["1.3", "2.2"]
    done = by["activity-done", "sodertalje", "sodertalje:1.3", "1.3.1", "status"]
    assert (done["old"], done["new"], done["note"]) == ("ongoing", "done", "2027-05-30")
    due = by["activity-changed", "sodertalje", "sodertalje:1.3", "1.3.2", "due"]
    assert (due["old"], due["new"]) == ("2027-09-30", "2027-12-31")
    funding = by["carrier-added", "sodertalje", "sodertalje:1.3", "funding", None]["new"]
    assert funding == {"kind": "funding", "actor": "region-stockholm", "name": "Stadsmiljöavtal",
                       "amount_sek": 500000, "decided": "2027-02-01"}
    update = by["update-added", "sodertalje", "sodertalje:1.3", "2027-05-01", None]["new"]
    assert update == {"date": "2027-05-01", "text": "Upphandlingen har startat.",
                      "by": "sodertalje-kommun"}
    status = by["initiative-changed", "sodertalje", "sodertalje:2.2", None, "status"]
    assert (status["old"], status["new"], status["note"]) == (
        "planned", "dropped", "Inte aktuell i Södertälje")
    participants = by["initiative-changed", "sodertalje", "sodertalje:2.2", None, "participants"]
    assert participants["added"] == ["trafikverket"]
    priority = by["initiative-changed", "sodertalje", "sodertalje:2.2", None, "priority"]
    assert (priority["old"], priority["new"]) == ([], ["2027-2030"])
    amount = by["carrier-changed", "sodertalje", "sodertalje:2.2", "funding", "amount_sek"]
    assert (amount["old"], amount["new"], amount["note"]) == (
        300000, 500000, "Regionala utvecklingsmedel")


def test_summary_counts_the_new_kinds() -> None:
    summary = diff_plan_sets(OLD, NEW).summary
    assert summary["dialogues_changed"] == 3
    assert summary["activities_changed"] == 5
    assert summary["updates_added"] == 1
    assert summary["carriers_changed"] == 4
    assert summary["initiatives_changed"] == 2  # sodertalje:1.3 and sodertalje:2.2


def test_a_follow_up_changed_in_one_core_is_that_core_s_change_only() -> None:
    dropped = replace(OLD_SODERTALJE, common=(follow_up("2.2", status="dropped",
                                                        status_note="Inte aktuell"),))
    changes = diff_plan_sets(PlanSet(REGION, ACTORS, (HANINGE, OLD_SODERTALJE)),
                             PlanSet(REGION, ACTORS, (HANINGE, dropped))).changes
    assert [essence(c) for c in changes] == [
        ("initiative-changed", "sodertalje", "sodertalje:2.2", None, "status"),
        ("carrier-removed", "sodertalje", "sodertalje:2.2", "funding", None),
    ]


def test_a_core_without_a_follow_up_has_the_initiative_planned() -> None:
    silent = replace(OLD_SODERTALJE, common=())
    changes = diff_plan_sets(PlanSet(REGION, ACTORS, (silent,)),
                             PlanSet(REGION, ACTORS, (HANINGE, silent))).changes
    assert [essence(c) for c in changes] == [("core-added", "haninge", None, "haninge", None)]
    ongoing = replace(silent, common=(follow_up("2.2", status="ongoing"),))
    changes = diff_plan_sets(PlanSet(REGION, ACTORS, (silent,)),
                             PlanSet(REGION, ACTORS, (ongoing,))).changes
    assert [(c.field, c.old, c.new) for c in changes] == [("status", "planned", "ongoing")]


def test_the_shared_text_changed_is_the_region_s_change_once() -> None:
    reworded = replace(SHARED, title="Stärk kollektivtrafiken", lead_unit=None)
    region = replace(REGION, initiatives=(reworded,))
    changes = diff_plan_sets(OLD, PlanSet(region, ACTORS, OLD.cores)).changes
    assert [essence(c) for c in changes] == [
        ("initiative-changed", None, "2.2", None, "title"),
        ("initiative-changed", None, "2.2", None, "lead_unit"),
    ]


def test_a_dialogue_re_prioritising_the_same_cycle_changes_no_priority() -> None:
    again = dialogue("2024-02-02", "2023-2026", ("1.3",))
    more = replace(OLD_SODERTALJE, dialogues=(EARLY, KEPT, again))
    changes = diff_plan_sets(OLD, PlanSet(REGION, ACTORS, (HANINGE, more))).changes
    assert [essence(c) for c in changes] == [
        ("dialogue-added", "sodertalje", None, "2024-02-02", None)]


def test_a_change_of_order_alone_is_no_change() -> None:
    shuffled = replace(OLD_1_3, activities=tuple(reversed(OLD_1_3.activities)),
                       updates=tuple(reversed(OLD_1_3.updates)))
    same = replace(OLD_SODERTALJE, initiatives=(shuffled,), dialogues=(KEPT, EARLY))
    assert diff_plan_sets(OLD, PlanSet(REGION, ACTORS, (HANINGE, same))).changes == ()


def test_with_core_only_that_core_s_follow_up() -> None:
    haninge = replace(HANINGE, common=(follow_up("2.2", status="done"),))
    new = PlanSet(REGION, ACTORS, (haninge, NEW_SODERTALJE))
    changes = diff_plan_sets(OLD, new, core="haninge").changes
    assert [essence(c) for c in changes] == [
        ("initiative-changed", "haninge", "haninge:2.2", None, "status")]


SIDES = (Revision("2023-2026", "a" * 40, "cycle/2023-2026", "2026-03-15T10:12:00+01:00"), WORK_TREE)


@pytest.mark.parametrize(("fmt", "lang", "name"), [
    ("json", "en", "follow-up.json"),
    ("text", "en", "follow-up.en.txt"),
    ("text", "sv", "follow-up.sv.txt"),
    ("markdown", "en", "follow-up.en.md"),
    ("markdown", "sv", "follow-up.sv.md"),
    ("html", "en", "follow-up.en.html"),
    ("html", "sv", "follow-up.sv.html"),
])
def test_every_new_kind_in_every_format(fmt: str, lang: i18n.Language, name: str,
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FARDPLAN_TODAY", "2027-01-15")
    report = DiffReport(SIDES[0], SIDES[1], diff_plan_sets(OLD, NEW))
    out = io.StringIO()
    before = i18n.current_language()
    i18n.set_language(lang)
    try:
        DIFF_RENDERERS[fmt](report, out)
    finally:
        i18n.set_language(before)
    assert_golden(f"history/{name}", out.getvalue())
