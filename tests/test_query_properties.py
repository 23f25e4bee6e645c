"""Properties of the queries that the site and the reports ask over and over: the answers built
once per plan set (a core's plan, the status report by goal area, the letters to every actor) are
those of the plain definitions, which live here as references."""

from __future__ import annotations

from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from fardplan_cli.model import (
    Activity,
    Actor,
    Core,
    Cycle,
    Dialogue,
    FollowUp,
    GoalArea,
    Initiative,
    PlanSet,
    Position,
    Region,
)
from fardplan_cli.query import (
    InitiativeFilter,
    followed_everywhere,
    group_members,
    involvements,
    involvements_of,
    select_initiatives,
)
from fardplan_cli.report import (
    StatusRow,
    actor_letter,
    actor_letters,
    actor_responsibility,
    report_areas,
    responsibilities,
    status_report,
    status_row,
)

POS = Position("plans/x.yaml", 1, 1)
CYCLES = ("2023-2026", "2027-2030")
ACTORS = ("region", "trafik", "buss", "kommun-a", "kommun-b", "kommun-c", "grupp", "okand")
MUNICIPALITIES = ("kommun-a", "kommun-b", "kommun-c")
CORES = ("alfa", "beta", "gamma")
STATUSES = ("planned", "ongoing", "done", "paused", "dropped")

ids = st.tuples(st.integers(1, 4), st.integers(1, 6)).map(lambda t: f"{t[0]}.{t[1]}")
named = st.sampled_from(ACTORS)  # "okand" is named by plans but not in the registry
few_named = st.lists(named, unique=True, max_size=3).map(tuple)


@st.composite
def registries(draw: st.DrawFn) -> tuple[Actor, ...]:
    """Every registered actor once, "grupp" a group, part_of anywhere (loops and all)."""
    registered = [a for a in ACTORS if a != "okand"]
    return tuple(
        Actor(a, a.title(), "group" if a == "grupp" else "other",
              draw(st.none() | st.sampled_from(ACTORS)), None, POS)
        for a in registered)


@st.composite
def activity_lists(draw: st.DrawFn, initiative_id: str) -> tuple[Activity, ...]:
    count = draw(st.integers(0, 2))
    return tuple(
        Activity(f"{initiative_id}.{n}", "steg", draw(st.none() | named), draw(few_named), None,
                 draw(st.none() | st.sampled_from(["2025-01-01", "2026-06-30"])),
                 draw(st.sampled_from(STATUSES)), None, None, POS)
        for n in range(1, count + 1))


@st.composite
def initiative_lists(draw: st.DrawFn, core: str | None) -> tuple[Initiative, ...]:
    chosen = draw(st.lists(ids, unique=True, max_size=5))
    return tuple(
        Initiative(core=core, id=i, title="insats", description="text",
                   lead=draw(st.none() | named), participants=draw(few_named),
                   status=draw(st.sampled_from(STATUSES)), status_note=None,
                   priority=tuple(draw(st.lists(st.sampled_from(CYCLES), unique=True, max_size=1))),
                   replaces=(), places=(), pos=POS, lead_unit=draw(st.none() | named),
                   activities=draw(activity_lists(i)))
        for i in chosen)


@st.composite
def plan_sets(draw: st.DrawFn) -> PlanSet:
    common = draw(initiative_lists(None))
    common_ids = [i.id for i in common] or ["1.1"]
    cores = []
    for core_id in draw(st.lists(st.sampled_from(CORES), unique=True, max_size=3)):
        follow_ups = tuple(
            FollowUp(i, draw(st.sampled_from(STATUSES)), None, draw(few_named),
                     draw(st.none() | named), draw(activity_lists(i)), (), (), POS)
            for i in draw(st.lists(st.sampled_from(common_ids), max_size=3)))  # repeats too
        own = draw(initiative_lists(core_id))
        dialogues = tuple(
            Dialogue("2024-03-15", draw(st.sampled_from(CYCLES)), (),
                     tuple(draw(st.lists(st.sampled_from([*common_ids, *(i.id for i in own)]),
                                         max_size=3))), None, POS)
            for _ in range(draw(st.integers(0, 2))))
        cores.append(Core(core_id, core_id.title(),
                          tuple(draw(st.lists(st.sampled_from(MUNICIPALITIES), unique=True))),
                          (), (), own, (), f"plans/{core_id}.yaml", POS, dialogues, follow_ups))
    region = Region("Region", None, (GoalArea(1, "Ett", "", POS), GoalArea(2, "Två", "", POS)),
                    tuple(Cycle(c, None, POS) for c in CYCLES), common, "plans/region.yaml")
    return PlanSet(region, draw(registries()), tuple(cores))


def _fresh(plan: PlanSet) -> PlanSet:
    """The same plan set with nothing yet remembered."""
    return PlanSet(plan.region, plan.actors, plan.cores)


def _followed_reference(plan: PlanSet, core: Core, shared: Initiative) -> Initiative:
    follow = next((f for f in core.common if f.id == shared.id), None)
    priority = core.priorities_of(shared.id, [c.id for c in plan.region.cycles])
    priority = tuple(dict.fromkeys((*shared.priority, *priority)))
    if follow is None:
        return replace(shared, priority=priority, followed_in=core.id)
    extra = tuple(a for a in follow.participants if a not in shared.participants)
    return replace(shared, status=follow.status, status_note=follow.status_note,
                   participants=(*shared.participants, *extra),
                   lead_unit=follow.lead_unit or shared.lead_unit, activities=follow.activities,
                   updates=follow.updates, carried_by=follow.carried_by, priority=priority,
                   followed_in=core.id)


@pytest.mark.slow  # a generated-example sweep: .ci/run runs it
@settings(max_examples=80, deadline=None)
@given(plan_sets())
def test_a_core_plan_built_once_is_the_plain_one(plan: PlanSet) -> None:
    for core in plan.cores:
        common = [_followed_reference(plan, core, shared) for shared in plan.region.initiatives]
        expected = tuple(sorted((*common, *core.initiatives), key=lambda i: i.sort_key))
        assert plan.core_plan(core.id) == expected
        assert plan.core_plan(core.id) == expected  # asked again: the same answer
        for shared in plan.region.initiatives:
            first = next(i for i in plan.region.initiatives if i.id == shared.id)
            assert _fresh(plan).followed(core.id, shared.id) == _followed_reference(
                plan, core, first)
    assert plan.core_plan("ingen") == tuple(sorted(plan.region.initiatives, key=lambda i: i.sort_key))
    assert plan.followed("ingen", "1.1") is None
    assert followed_everywhere(plan, "9.9") == []


@pytest.mark.slow  # a generated-example sweep: .ci/run runs it
@settings(max_examples=60, deadline=None)
@given(plan_sets())
def test_group_members_are_the_cores_municipalities(plan: PlanSet) -> None:
    for core_id in [None, "ingen", *(c.id for c in plan.cores)]:
        cores = [c for c in plan.cores if core_id is None or c.id == core_id]
        assert group_members(plan, core_id) == {m for c in cores for m in c.municipalities}


@pytest.mark.slow  # a generated-example sweep: .ci/run runs it
@settings(max_examples=80, deadline=None)
@given(plan_sets(), st.sampled_from([None, *CORES]), st.none() | st.sampled_from(["1", "2", "3"]))
def test_the_status_report_rows_are_the_selection_per_core_and_area(
        plan: PlanSet, core_id: str | None, area: str | None) -> None:
    if core_id is not None and plan.core(core_id) is None:
        core_id = None
    selection = InitiativeFilter(core=core_id, area=int(area) if area else None)
    report = status_report(_fresh(plan), selection, cycle=CYCLES[1])
    cores = [plan.core(core_id)] if core_id else list(plan.cores)
    expected: list[StatusRow] = []
    for core in cores:
        assert core is not None
        for number in report_areas(plan, selection):
            chosen = select_initiatives(plan, replace(selection, core=core.id, area=number))
            expected.append(status_row(core.id, number, chosen, CYCLES[1]))
    assert list(report.rows) == expected
    assert report.total == status_row(None, None, select_initiatives(plan, selection), CYCLES[1])


@pytest.mark.slow  # a generated-example sweep: .ci/run runs it
@settings(max_examples=80, deadline=None)
@given(plan_sets(), st.sampled_from([None, *CORES]))
def test_every_actors_rows_from_one_pass_are_its_own(plan: PlanSet, core_id: str | None) -> None:
    """One pass over the plans finds for each actor what asking about it alone finds, and no
    actor is involved that the pass leaves out."""
    found = responsibilities(_fresh(plan), core_id)
    for actor_id in ACTORS:
        assert found.get(actor_id, []) == actor_responsibility(plan, actor_id, core_id), actor_id
        pool = select_initiatives(plan, InitiativeFilter(core=core_id))
        if actor_id not in found:
            assert not any(involvements(plan, actor_id, i, core_id) for i in pool)
    for initiative in select_initiatives(plan, InitiativeFilter(core=core_id)):
        each_way = {a: involvements(plan, a, initiative, core_id) for a in ACTORS}
        assert involvements_of(plan, ACTORS, initiative, core_id) == {
            a: ways for a, ways in each_way.items() if ways}
    letters = actor_letters(_fresh(plan), core_id)
    each = [actor_letter(plan, a.id, core_id) for a in plan.actors]
    assert letters == [letter for letter in each if letter.is_involved]


def test_a_plan_set_derives_what_it_remembers_once() -> None:
    plan = PlanSet(Region("Region", None, (), (), (), "plans/region.yaml"), (), ())
    calls: list[int] = []

    def derive() -> list[int]:
        calls.append(1)
        return [len(calls)]

    assert plan.remembered("test.derived", derive) == [1]
    assert plan.remembered("test.derived", derive) == [1]
    assert calls == [1]
    assert _fresh(plan).remembered("test.derived", derive) == [2]  # another plan set: its own
