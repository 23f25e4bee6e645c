"""What the read commands and reports show of the follow-up per core (format 2): a common
initiative as followed up in one core, activities (overdue, owners), updates, dialogues, carriers,
the common initiatives' status in every core and responsibility in three degrees.

The plans are the shipped ones with a follow-up added to the model (as load would build it from a
core file's ``common:``, ``dialogues:`` and activities), so that these tests hold whatever the
shipped files say of the follow-up."""

from __future__ import annotations

import io
import json
from dataclasses import replace
from pathlib import Path

import pytest

from fardplan_cli.cli.show import initiative_detail
from fardplan_cli.model import (
    Activity,
    Carrier,
    Dialogue,
    FollowUp,
    Initiative,
    PlanSet,
    Position,
    Region,
    Update,
)
from fardplan_cli.query import (
    InitiativeFilter,
    display_ref,
    involvements,
    is_overdue,
    latest_updates,
    prioritising_dialogues,
    resolve_as_followed,
    select_initiatives,
)
from fardplan_cli.render import DetailOutput, TableOutput
from fardplan_cli.render.plain import render_plain
from fardplan_cli.render.report import actor_output, common_status_output
from fardplan_cli.report import actor_responsibility, common_status, responsibility_matrix
from tests.support import assert_golden, run_cli
from tests.support.report import load

AT = Position("plans/sodertalje.yaml", 1, 1)
TODAY = "2027-06-01"


def activity(ident: str, *, owner: str | None = None, due: str | None = None,
             status: str = "planned", done_on: str | None = None,
             participants: tuple[str, ...] = ()) -> Activity:
    return Activity(ident, f"Aktivitet {ident}", owner, participants, None, due, status, done_on,
                    None, AT)


def followed_plan(plan_dir: Path) -> PlanSet:
    """Södertälje drops 2.2 (with a note, Trafikverket taking part there, three updates, funding);
    a dialogue there prioritised 1.3 and 2.1; 1.3 has activities, one overdue; 4.1 names
    trafikförvaltningen its lead unit."""
    plan = load(plan_dir)
    sodertalje = plan.core("sodertalje")
    assert sodertalje is not None
    follow_22 = FollowUp(
        "2.2", "dropped", "Inte aktuell i Södertälje", ("trafikverket",), None,
        (activity("2.2.1", owner="sodertalje-kommun", due="2027-01-31"),),
        (Update("2027-02-01", "Första", "sodertalje-kommun", AT),
         Update("2027-04-01", "Tredje", None, AT),
         Update("2027-03-01", "Andra", None, AT),
         Update("2026-12-01", "Nollte", None, AT)),
        (Carrier("funding", "region-stockholm", "Regionala utvecklingsmedel", 500000, "2027-02-01",
                 AT),),
        AT)
    dialogue = Dialogue("2027-03-14", "2027-2030", ("region-stockholm", "sodertalje-kommun"),
                        ("1.3", "2.1"), "Första samtalet", AT)
    activities = (
        activity("1.3.1", owner="polis", due="2027-05-31", status="ongoing"),
        activity("1.3.2", owner="polis", due="2027-04-30", status="done", done_on="2027-04-20"),
        activity("1.3.3", owner="scania", due="2027-12-31", participants=("astrazeneca",)),
    )
    own = tuple(replace(i, priority=("2027-2030",), activities=activities) if i.id == "1.3" else i
                for i in sodertalje.initiatives)
    core = replace(sodertalje, common=(follow_22,), dialogues=(dialogue,), initiatives=own)
    common = tuple(replace(i, lead_unit="trafikforvaltningen") if i.id == "4.1" else i
                   for i in plan.region.initiatives)
    region: Region = replace(plan.region, initiatives=common)
    cores = tuple(core if c.id == "sodertalje" else c for c in plan.cores)
    return PlanSet(region, plan.actors, cores)


@pytest.fixture
def plan(plan_dir: Path) -> PlanSet:
    return followed_plan(plan_dir)


@pytest.fixture(autouse=True)
def _english() -> None:
    """The renderers here are called without the CLI, which sets the language of each run."""
    from fardplan_cli.i18n import set_language

    set_language("en")


def refs(initiatives: list[Initiative]) -> list[str]:
    return [display_ref(i) for i in initiatives]


# -- list ----------------------------------------------------------------------------------------


def test_a_core_plan_shows_a_common_initiative_as_that_core_follows_it_up(plan: PlanSet) -> None:
    sodertalje = {display_ref(i): i for i in select_initiatives(plan, InitiativeFilter(core="sodertalje"))}
    haninge = {display_ref(i): i for i in select_initiatives(plan, InitiativeFilter(core="haninge"))}
    assert sodertalje["sodertalje:2.2"].status == "dropped"
    assert sodertalje["sodertalje:2.2"].status_note == "Inte aktuell i Södertälje"
    assert "trafikverket" in sodertalje["sodertalje:2.2"].participants
    assert haninge["haninge:2.2"].status == "planned"  # Södertälje's follow-up stays there
    assert haninge["haninge:2.2"].status_note is None
    assert sodertalje["sodertalje:2.1"].priority == ("2027-2030",)  # from the dialogue
    assert haninge["haninge:2.1"].priority == ()


def test_without_a_core_each_common_initiative_once_per_core(plan: PlanSet) -> None:
    listed = refs(select_initiatives(plan, InitiativeFilter()))
    assert len(listed) == len(set(listed)) == 8 * 9 + 8
    assert [r for r in listed if r.endswith(":2.2")] == [f"{c.id}:2.2" for c in plan.cores]
    dropped = select_initiatives(plan, InitiativeFilter(status="dropped"))
    assert refs(dropped) == ["sodertalje:2.2"]


def test_overdue_is_due_before_today_and_not_done_or_dropped() -> None:
    assert is_overdue(activity("1.1.1", due="2027-05-31"), TODAY)
    assert not is_overdue(activity("1.1.1", due="2027-06-01"), TODAY)  # due today: not yet
    assert not is_overdue(activity("1.1.1", due="2027-05-31", status="done"), TODAY)
    assert not is_overdue(activity("1.1.1", due="2027-05-31", status="dropped"), TODAY)
    assert is_overdue(activity("1.1.1", due="2027-05-31", status="paused"), TODAY)
    assert not is_overdue(activity("1.1.1"), TODAY)


def test_list_overdue_and_owner(plan: PlanSet) -> None:
    overdue = select_initiatives(plan, InitiativeFilter(overdue_on=TODAY))
    # 2.2.1 is overdue too, but its initiative is followed up in Södertälje only.
    assert refs(overdue) == ["sodertalje:1.3", "sodertalje:2.2"]
    assert refs(select_initiatives(plan, InitiativeFilter(overdue_on="2027-01-01"))) == []
    assert refs(select_initiatives(plan, InitiativeFilter(owner="polis"))) == ["sodertalje:1.3"]
    assert refs(select_initiatives(plan, InitiativeFilter(owner="astrazeneca"))) == []
    owned = select_initiatives(plan, InitiativeFilter(core="haninge", owner="sodertalje-kommun"))
    assert owned == []


def test_priority_works_from_the_dialogues(plan: PlanSet) -> None:
    chosen = select_initiatives(plan, InitiativeFilter(core="sodertalje", priority="2027-2030"))
    assert refs(chosen) == ["sodertalje:1.3", "sodertalje:2.1"]
    assert [d.date for d in prioritising_dialogues(plan, chosen[1])] == ["2027-03-14"]
    assert prioritising_dialogues(plan, plan.region.initiatives[0]) == []


def test_list_json_has_the_follow_up(plan: PlanSet) -> None:
    from fardplan_cli.render.shapes import followed_initiative_json

    followed = plan.followed("sodertalje", "2.2")
    assert followed is not None
    data = followed_initiative_json(followed, dialogues=(), today=TODAY)
    assert (data["ref"], data["core"], data["followed_up_in"]) == ("2.2", None, "sodertalje")
    assert data["status"] == "dropped" and data["status_note"] == "Inte aktuell i Södertälje"
    assert data["activities"] == [{
        "ref": "sodertalje:2.2.1", "id": "2.2.1", "title": "Aktivitet 2.2.1",
        "owner": "sodertalje-kommun", "participants": [], "start": None, "due": "2027-01-31",
        "status": "planned", "done_on": None, "note": None, "overdue": True}]
    assert data["updates"][0] == {"date": "2027-02-01", "text": "Första", "by": "sodertalje-kommun"}
    assert data["carried_by"] == [{"kind": "funding", "actor": "region-stockholm",
                                   "name": "Regionala utvecklingsmedel", "amount_sek": 500000,
                                   "decided": "2027-02-01"}]
    own = next(i for i in plan.core_plan("sodertalje") if i.id == "1.3")
    own_data = followed_initiative_json(own, dialogues=prioritising_dialogues(plan, own), today=TODAY)
    assert own_data["followed_up_in"] is None
    assert own_data["dialogues"] == [{"date": "2027-03-14", "cycle": "2027-2030"}]
    assert [a["overdue"] for a in own_data["activities"]] == [True, False, False]


# -- show ----------------------------------------------------------------------------------------


def plain(output: DetailOutput | TableOutput) -> str:
    stream = io.StringIO()
    render_plain(output, stream)
    return stream.getvalue()


def test_show_core_ref_of_a_common_initiative_is_its_follow_up(plan: PlanSet) -> None:
    initiative = resolve_as_followed(plan, "Södertälje:2.2")
    assert initiative.followed_in == "sodertalje" and initiative.status == "dropped"
    output = initiative_detail(plan, initiative, TODAY)
    text = plain(output)
    assert text.startswith("sodertalje:2.2  ")
    assert "Status: Dropped (Inte aktuell i Södertälje)" in text
    assert "2.2.1\tAktivitet 2.2.1\tSödertälje kommun\t2027-01-31 (overdue)\tPlanned" in text
    updates = text.split("Latest updates\n")[1].split("\n\n")[0].splitlines()
    assert [line.split("\t")[2] for line in updates[1:]] == ["Tredje", "Andra", "Första"]
    assert "funding\tRegion Stockholm\tRegionala utvecklingsmedel\t500 000 kr\t2027-02-01" in text
    assert output.data["followed_up_in"] == "sodertalje"
    assert len(output.data["updates"]) == 4  # the JSON holds them all, in the file's order


def test_show_core_specific_names_the_dialogues_and_marks_done(plan: PlanSet) -> None:
    output = initiative_detail(plan, resolve_as_followed(plan, "sodertalje:1.3"), TODAY)
    text = plain(output)
    assert "Prioritised in the dialogues\n    Date\tCycle\tNote\n    2027-03-14\t2027-2030\tFörsta samtalet" \
        in text
    assert "1.3.1\tAktivitet 1.3.1\tpolis\t2027-05-31 (overdue)\tOngoing" in text
    assert "1.3.2\tAktivitet 1.3.2\tpolis\t2027-04-30\tDone 2027-04-20" in text
    assert output.data["dialogues"] == [{"date": "2027-03-14", "cycle": "2027-2030"}]


def test_show_bare_common_id_is_the_shared_text_and_its_status_in_every_core(plan: PlanSet) -> None:
    output = initiative_detail(plan, resolve_as_followed(plan, "2.2"), TODAY)
    text = plain(output)
    assert text.startswith("2.2  ")
    assert "\nStatus:" not in text  # the status is each core's
    table = text.split("Status in the cores\n")[1].splitlines()
    assert table[0] == "    Core\tStatus\tNote"
    assert "    Södertälje stadskärna\tDropped\tInte aktuell i Södertälje" in table
    assert "    Haninge stadskärna\tPlanned\t" in table
    assert len(output.data["by_core"]) == 8
    assert {"core": "sodertalje", "status": "dropped", "status_note": "Inte aktuell i Södertälje"} \
        in output.data["by_core"]


def test_latest_updates_newest_first() -> None:
    updates = tuple(Update(day, str(n), None, AT) for n, day in
                    enumerate(["2027-01-01", "2027-03-01", "2027-03-01", "2027-02-01"]))
    initiative = replace(Initiative(None, "1.1", "t", "", None, (), "planned", None, (), (), (), AT),
                         updates=updates)
    assert [u.text for u in latest_updates(initiative, 3)] == ["2", "1", "3"]


# -- the common initiatives in every core -----------------------------------------------------------


def test_common_status_matrix(plan: PlanSet) -> None:
    rows = common_status(plan)
    assert [r.initiative.id for r in rows] == ["1.1", "1.2", "2.1", "2.2", "3.1", "3.2", "3.3", "4.1", "4.2"]
    row = next(r for r in rows if r.initiative.id == "2.2")
    assert row.by_core["sodertalje"].status == "dropped"
    assert {c: i.status for c, i in row.by_core.items() if c != "sodertalje"} == dict.fromkeys(
        [c.id for c in plan.cores if c.id != "sodertalje"], "planned")
    assert [r.initiative.id for r in common_status(plan, 4)] == ["4.1", "4.2"]
    output = common_status_output(plan, rows)
    assert isinstance(output, TableOutput)
    assert output.columns[2:] == [c.name for c in plan.cores]
    line = next(r for r in output.rows if r[0] == "2.2")
    assert line[2 + [c.id for c in plan.cores].index("sodertalje")] == "Dropped *"
    assert output.data["rows"][3]["by_core"]["sodertalje"] == {
        "status": "dropped", "status_note": "Inte aktuell i Södertälje"}
    assert output.data["report"] == "common-status"
    json.dumps(output.data)


# -- responsibility ------------------------------------------------------------------------------


def test_lead_unit_leads_and_the_rest_of_the_region_is_concerned(plan: PlanSet) -> None:
    followed = plan.followed("haninge", "4.1")
    assert followed is not None
    unit = involvements(plan, "trafikforvaltningen", followed)
    assert [(i.degree, i.role, i.via) for i in unit] == [("leads", "lead_unit", "direct")]
    other = involvements(plan, "kulturforvaltningen", followed)
    assert [(i.degree, i.through) for i in other] == [("concerned", "region-stockholm")]
    region = involvements(plan, "region-stockholm", followed)
    assert [(i.degree, i.role) for i in region] == [("leads", "lead")]


def test_activity_owner_takes_part_and_says_in_which_activity(plan: PlanSet) -> None:
    rows = actor_responsibility(plan, "scania")
    assert [(display_ref(r.initiative), r.degree, r.role, r.activity) for r in rows] == [
        ("sodertalje:1.3", "takes_part", "activity_owner", "1.3.3")]
    participant = actor_responsibility(plan, "astrazeneca")
    assert [(r.degree, r.role, r.activity) for r in participant] == [
        ("takes_part", "activity_participant", "1.3.3")]
    output = actor_output(plan, plan.actor("scania"), rows, None)  # type: ignore[arg-type]
    assert isinstance(output, TableOutput)
    assert output.rows[0][2:4] == ["takes part", "directly, as owner of activity 1.3.3"]
    assert output.data["rows"][0]["degree"] == "takes_part"
    assert output.data["rows"][0]["activity"] == "1.3.3"


def test_a_core_extra_participant_takes_part_in_that_core_only(plan: PlanSet) -> None:
    rows = actor_responsibility(plan, "trafikverket")
    shown = [display_ref(r.initiative) for r in rows]
    assert "sodertalje:2.2" in shown and "haninge:2.2" not in shown


def test_trafikforvaltningen_is_concerned_unless_lead_unit(plan: PlanSet) -> None:
    rows = actor_responsibility(plan, "trafikforvaltningen", "sodertalje")
    degrees = {display_ref(r.initiative): r.degree for r in rows}
    assert degrees["sodertalje:4.1"] == "leads"
    assert degrees["sodertalje:1.1"] == "concerned"
    assert [r.through for r in rows if display_ref(r.initiative) == "sodertalje:1.1"] == [
        "region-stockholm"]
    matrix = {r.actor.id: r for r in responsibility_matrix(plan, "sodertalje")}
    counts = matrix["trafikforvaltningen"].by_core["sodertalje"]
    assert (counts.lead, counts.participant, counts.concerned) == (1, 0, 16)


# -- the lägesbild -----------------------------------------------------------------------------------


def test_lagesbild_per_goal_area_with_updates_open_activities_and_series(plan: PlanSet) -> None:
    from fardplan_cli.model import Indicator, IndicatorValue
    from fardplan_cli.render.report import status_output
    from fardplan_cli.report import status_report

    sodertalje = plan.core("sodertalje")
    assert sodertalje is not None
    residents = Indicator("residents", "Boende i stadskärnan", "personer",
                          (IndicatorValue(2026, 25000, "cirka"), IndicatorValue(2024, 24000, None)),
                          AT, area=1, source="SCB", target=IndicatorValue(2030, 30000, None))
    cores = tuple(replace(c, indicators=(residents,)) if c.id == "sodertalje" else c
                  for c in plan.cores)
    plan = PlanSet(plan.region, plan.actors, cores)
    report = status_report(plan, InitiativeFilter(core="sodertalje"), cycle="2027-2030")
    output = status_output(plan, report, today=TODAY)
    assert isinstance(output, DetailOutput)
    titles = [table.title for table in output.tables]
    assert titles[1:] == [f"{g.number} {g.title}" for g in plan.region.goal_areas] + ["Indicators"]
    area_1 = output.tables[1]
    row_13 = next(r for r in area_1.rows if r[0] == "sodertalje:1.3")
    assert row_13[5] == ("1.3.1 Aktivitet 1.3.1, 2027-05-31 (overdue); "
                         "1.3.3 Aktivitet 1.3.3, 2027-12-31")  # 1.3.2 is done
    row_22 = next(r for r in output.tables[2].rows if r[0] == "sodertalje:2.2")
    assert row_22[2] == "Dropped (Inte aktuell i Södertälje)"
    assert row_22[4] == "2027-04-01: Tredje"
    series = output.tables[-1]
    assert series.columns == ["Indicator", "Unit", "2024", "2026", "Change", "Target"]
    assert series.rows == [["Boende i stadskärnan", "personer", "24 000", "25 000 (cirka)", "+1 000",
                            "30 000 (2030)"]]
    data = output.data
    assert data["indicators"][0]["change"] == 1000
    assert data["indicators"][0]["target"] == {"year": 2030, "value": 30000}
    assert data["indicators"][0]["source"] == "SCB"
    area_2 = data["areas"][1]
    assert area_2["area"] == 2
    item = next(i for i in area_2["initiatives"] if i["id"] == "2.2")
    assert item["latest_update"] == {"date": "2027-04-01", "text": "Tredje", "by": None}
    assert [a["ref"] for a in item["open_activities"]] == ["sodertalje:2.2.1"]
    # Every initiative of the core's plan is in one area's table: the counts agree with list.
    listed = select_initiatives(plan, InitiativeFilter(core="sodertalje"))
    assert sum(len(a["initiatives"]) for a in data["areas"]) == len(listed) == report.total.initiatives


# -- the commands, end to end on the shipped plans ------------------------------------------------


@pytest.mark.parametrize("fmt,suffix", [("table", "txt"), ("json", "json"), ("csv", "csv"),
                                        ("markdown", "md")])
def test_golden_common_matrix(plan_dir: Path, fmt: str, suffix: str) -> None:
    result = run_cli("--lang", "sv", "report", "status", "--common", "-f", fmt, repo=plan_dir)
    assert result.exit_code == 0, result.output
    assert_golden(f"report/status-common-sv.{suffix}", result.stdout)


def test_common_matrix_rows_and_columns(plan_dir: Path) -> None:
    result = run_cli("report", "status", "--common", "--area", "4", "-f", "json", repo=plan_dir)
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert [r["id"] for r in data["rows"]] == ["4.1", "4.2"]
    assert len(data["cores"]) == 8
    assert all(len(r["by_core"]) == 8 for r in data["rows"])


@pytest.mark.parametrize("other", [("--core", "sodertalje"), ("--status", "planned"), ("--overdue",),
                                   ("--stale-days", "3")])
def test_common_matrix_takes_only_area(plan_dir: Path, other: tuple[str, ...]) -> None:
    result = run_cli("report", "status", "--common", *other, repo=plan_dir)
    assert result.exit_code == 2
    assert f"it takes only --area, not {other[0]}" in result.stderr
    assert result.stdout == "" and "Traceback" not in result.stderr


def test_list_overdue_and_owner_on_the_command_line(plan_dir: Path) -> None:
    for args in (("--overdue",), ("--owner", "Södertälje kommun")):
        result = run_cli("list", *args, "-f", "json", repo=plan_dir,
                         env={"FARDPLAN_TODAY": "2030-01-01"})
        assert result.exit_code == 0, result.output
        assert json.loads(result.stdout) == []  # the shipped plans have no activities yet
    unknown = run_cli("list", "--owner", "trafikverk", repo=plan_dir)
    assert unknown.exit_code == 2 and "did you mean trafikverket" in unknown.stderr


def test_a_today_that_is_not_a_date_is_a_usage_error(plan_dir: Path) -> None:
    result = run_cli("list", "--overdue", repo=plan_dir, env={"FARDPLAN_TODAY": "2027-02-31"})
    assert result.exit_code == 2
    assert "FARDPLAN_TODAY='2027-02-31' is not a date" in result.stderr


def test_show_on_the_command_line(plan_dir: Path) -> None:
    shared = json.loads(run_cli("show", "2.2", "-f", "json", repo=plan_dir).stdout)
    assert shared["followed_up_in"] is None and len(shared["by_core"]) == 8
    followed = json.loads(run_cli("show", "sodertalje:2.2", "-f", "json", repo=plan_dir).stdout)
    assert followed["followed_up_in"] == "sodertalje" and "by_core" not in followed
    assert (followed["ref"], followed["core"]) == ("2.2", None)
    table = run_cli("show", "haninge:2.2", repo=plan_dir).stdout
    assert table.startswith("haninge:2.2  ")


def test_show_core_lists_its_dialogues(plan: PlanSet) -> None:
    from fardplan_cli.cli.show import core_detail

    core = plan.core("sodertalje")
    assert core is not None
    output = core_detail(plan, core)
    table = next(t for t in output.tables if t.title == "Political dialogues")
    assert table.rows == [["2027-03-14", "2027-2030", "1.3, 2.1",
                           "Region Stockholm, Södertälje kommun", "Första samtalet"]]
    assert output.data["dialogues"] == [{"date": "2027-03-14", "cycle": "2027-2030",
                                         "participants": ["region-stockholm", "sodertalje-kommun"],
                                         "prioritized": ["1.3", "2.1"], "note": "Första samtalet"}]
