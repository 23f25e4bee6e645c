"""Status and responsibility reports: pure aggregations over a plan set, returning rows.

Every count is taken over the same selection that ``fardplan list`` shows
(``query.select_initiatives`` with an ``InitiativeFilter``), so a report and a listing with the same
filters always agree:

- a status row for core C and goal area N counts ``list --core C --area N`` (C's plan: the common
  initiatives as followed up in C, and C's own);
- the total row counts ``list`` with the report's filters: with ``--core``, that core's plan;
  without, every core's plan (a common initiative once per core, with its status there), so the
  total is the sum of the rows.

The report never reads git itself: ``--stale-days`` takes the date of each initiative's last change
from a ``last_changed`` callable that the caller injects (``log.last_changed`` provides it).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta, timezone

from fardplan_cli.grammar import is_cycle_id
from fardplan_cli.i18n import t
from fardplan_cli.model import Activity, Actor, Core, Indicator, Initiative, PlanSet
from fardplan_cli.query import (
    Degree,
    InitiativeFilter,
    Role,
    Via,
    context_core,
    count_by_status,
    display_ref,
    followed_everywhere,
    involvements,
    involvements_of,
    is_group,
    named_actors,
    select_initiatives,
)
from fardplan_cli.query import Involvement as Way

LastChanged = Callable[[], Mapping[str, datetime]]

def current_cycle(plan: PlanSet, today: date) -> str | None:
    """The cycle in progress: the latest cycle whose start year is at most today's year."""
    best: tuple[int, str] | None = None
    for cycle in plan.region.cycles:
        if not is_cycle_id(cycle.id):
            continue
        start = int(cycle.id[:4])
        if start <= today.year and (best is None or start >= best[0]):
            best = (start, cycle.id)
    return best[1] if best else None


# -- status ----------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class StatusRow:
    """Counts over one core's plan in one goal area; the total row has neither core nor area."""

    core: str | None
    area: int | None
    refs: tuple[str, ...]
    by_status: Mapping[str, int]
    prioritised: int
    without_lead: int

    @property
    def initiatives(self) -> int:
        return len(self.refs)

    @property
    def is_total(self) -> bool:
        return self.core is None and self.area is None


@dataclass(frozen=True, slots=True)
class StaleRow:
    initiative: Initiative
    last_changed: datetime
    age_days: int


@dataclass(frozen=True, slots=True)
class StatusReport:
    rows: tuple[StatusRow, ...]
    total: StatusRow
    cycle: str | None  # the cycle whose priorities the ``prioritised`` column counts
    core: Core | None  # the core of ``--core``; its indicators are the lägesbild
    stale_days: int | None = None
    stale: tuple[StaleRow, ...] | None = None
    initiatives: tuple[Initiative, ...] = ()
    """With a core: the selected initiatives of its plan, for the lägesbild by goal area."""

    @property
    def indicators(self) -> tuple[Indicator, ...]:
        return self.core.indicators if self.core else ()

    @property
    def indicator_years(self) -> list[int]:
        return sorted({v.year for indicator in self.indicators for v in indicator.values})


def status_row(
    core_id: str | None, area: int | None, initiatives: Iterable[Initiative], cycle: str | None
) -> StatusRow:
    chosen = list(initiatives)
    return StatusRow(
        core=core_id,
        area=area,
        refs=tuple(display_ref(i) for i in chosen),
        by_status=count_by_status(chosen),
        prioritised=sum(1 for i in chosen if cycle is not None and cycle in i.priority),
        without_lead=sum(1 for i in chosen if i.lead is None),
    )


def report_areas(plan: PlanSet, selection: InitiativeFilter) -> list[int]:
    if selection.area is not None:
        return [selection.area]
    return list(plan.remembered("report.areas", lambda: sorted(
        {g.number for g in plan.region.goal_areas} | {i.area for i in plan.all_initiatives()})))


def status_report(
    plan: PlanSet,
    selection: InitiativeFilter,
    *,
    cycle: str | None,
    stale_days: int | None = None,
    last_changed: LastChanged | None = None,
    now: datetime | None = None,
) -> StatusReport:
    """A row per core and goal area, and a total row over the selection (each initiative once)."""
    cores = [plan.core(selection.core)] if selection.core else list(plan.cores)
    areas = report_areas(plan, selection)
    rows = []
    for core in cores:
        if core is None:
            continue
        # The core's selection once, parted by goal area: the same as selecting per area.
        by_area: dict[int, list[Initiative]] = {area: [] for area in areas}
        for initiative in select_initiatives(plan, replace(selection, core=core.id)):
            chosen = by_area.get(initiative.area)
            if chosen is not None:
                chosen.append(initiative)
        rows += [status_row(core.id, area, chosen, cycle) for area, chosen in by_area.items()]
    selected = select_initiatives(plan, selection)
    total = status_row(None, None, selected, cycle)
    stale: tuple[StaleRow, ...] | None = None
    if stale_days is not None:
        if last_changed is None:
            raise ValueError("stale_days needs a last_changed source")
        moment = now or datetime.now(timezone.utc)
        stale_limit(moment, stale_days)  # a usage error before git is read
        stale = tuple(stale_initiatives(selected, last_changed(), older_than_days=stale_days,
                                        now=moment))
    core = plan.core(selection.core) if selection.core else None
    return StatusReport(tuple(rows), total, cycle, core, stale_days, stale,
                        tuple(selected) if core else ())


def indicator_change(indicator: Indicator) -> float | int | None:
    """The change over the series: the latest year's value less the earliest's (None with fewer
    than two years)."""
    values = sorted(indicator.values, key=lambda v: v.year)
    if len(values) < 2:
        return None
    return values[-1].value - values[0].value


def _aware(moment: datetime) -> datetime:
    # A date without a zone is taken as UTC, so that git's dates and "now" always compare.
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=timezone.utc)


def stale_limit(now: datetime, days: int) -> datetime:
    """The moment ``days`` days before ``now``; a ``UsageError`` when no date is that early."""
    try:
        return _aware(now) - timedelta(days=days)
    except OverflowError:
        from fardplan_cli.errors import UsageError

        raise UsageError(t("--stale-days {days} reaches back before any date (the year 1)",
                           days=days)) from None


def stale_initiatives(
    initiatives: Iterable[Initiative],
    last_changed: Mapping[str, datetime],
    *,
    older_than_days: int,
    now: datetime,
) -> list[StaleRow]:
    """The initiatives last changed more than ``older_than_days`` days before ``now``, oldest first.

    ``last_changed`` maps an initiative's reference to the date of the last commit that changed it.
    An initiative missing from it has no committed history yet (it is new in the work tree), so it
    is not stale.
    """
    now = _aware(now)
    limit = stale_limit(now, older_than_days)
    found = []
    for initiative in initiatives:
        changed = last_changed.get(initiative.ref)
        if changed is None:
            continue
        changed = _aware(changed)
        if changed < limit:
            found.append(StaleRow(initiative, changed, (now - changed).days))
    return sorted(found, key=lambda row: (row.last_changed, row.initiative.ref))


# -- the common initiatives in every core ---------------------------------------------------------


@dataclass(frozen=True, slots=True)
class CommonStatusRow:
    """A common initiative (its shared text) and how each core follows it up, by core id."""

    initiative: Initiative
    by_core: Mapping[str, Initiative]


def common_status(plan: PlanSet, area: int | None = None) -> list[CommonStatusRow]:
    """The common initiatives in id order (of one goal area), each with its follow-up in every
    core: the matrix of ``report status --common``."""
    shared = sorted(plan.region.initiatives, key=lambda i: i.sort_key)
    return [
        CommonStatusRow(initiative, {f.followed_in or "": f
                                     for f in followed_everywhere(plan, initiative.id)})
        for initiative in shared
        if area is None or initiative.area == area
    ]


# -- responsibility --------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class InvolvementRow:
    """One way in which an actor is involved in one initiative: its degree (leads, takes part,
    concerned), as what the plan names the actor or the one it is reached through (``role``,
    in ``activity`` when an activity names it), and how it is reached (``via``, ``through``)."""

    initiative: Initiative
    role: Role
    via: Via
    through: str | None  # the actor that the plan names, when the involvement is indirect
    degree: Degree = "takes_part"
    activity: str | None = None


def actor_responsibility(
    plan: PlanSet, actor_id: str, core_id: str | None = None
) -> list[InvolvementRow]:
    """What the actor leads, takes part in and is concerned in, and how; the initiatives of
    ``list --actor`` (each common one in each core, as followed up there)."""
    chosen = select_initiatives(plan, InitiativeFilter(core=core_id, actor=actor_id))
    return [row for initiative in chosen
            for row in _rows(initiative, involvements(plan, actor_id, initiative, core_id))]


def responsibilities(plan: PlanSet, core_id: str | None = None) -> dict[str, list[InvolvementRow]]:
    """``actor_responsibility`` of every involved actor at once, by actor id, in one pass over
    what ``list`` lists (with ``core_id``, that core's plan): the index names the few actors
    involved in each initiative, and only they are asked how."""
    index = InvolvementIndex(plan)
    found: dict[str, list[InvolvementRow]] = {}
    for initiative in select_initiatives(plan, InitiativeFilter(core=core_id)):
        involved = involvements_of(plan, index.degrees(initiative, core_id), initiative, core_id)
        for actor_id, ways in involved.items():
            found.setdefault(actor_id, []).extend(_rows(initiative, ways))
    return found


def _rows(initiative: Initiative, ways: Iterable[Way]) -> list[InvolvementRow]:
    return [InvolvementRow(initiative, i.role, i.via, i.through, i.degree, i.activity)
            for i in ways]


@dataclass(frozen=True, slots=True)
class RoleCounts:
    """How many initiatives an actor leads, takes part in (``participant``), and is only
    concerned in through part_of."""

    lead: int = 0
    participant: int = 0
    concerned: int = 0


@dataclass(frozen=True, slots=True)
class MatrixRow:
    """An actor's counts per core (the core's plan), and over the whole listing."""

    actor: Actor
    by_core: Mapping[str, RoleCounts]
    total: RoleCounts


_LEADING_ROLES = frozenset({"lead", "lead_unit"})


class InvolvementIndex:
    """The degrees in which every actor is involved in an initiative: ``query.involvements`` for
    all actors at once.

    Expands each actor the plan names to the actors it stands for (itself, a group's
    municipalities) and those concerned through it (every actor that is part of one of them),
    which keeps the matrix linear in the number of initiatives. An actor's parts are found from it
    down, once, and only for the actors that initiatives name: the cost follows the registry,
    however deep its ``part_of`` chains.
    """

    def __init__(self, plan: PlanSet) -> None:
        self.plan = plan
        self.parts: dict[str, list[str]] = {}
        for actor in plan.actors:
            if actor.part_of and actor.part_of != actor.id:
                self.parts.setdefault(actor.part_of, []).append(actor.id)
        self._stands_for: dict[str, frozenset[str]] = {}
        self.members: dict[str | None, frozenset[str]] = {
            core.id: frozenset(core.municipalities) for core in plan.cores
        }
        self.members[None] = frozenset(m for core in plan.cores for m in core.municipalities)

    def stands_for(self, actor_id: str) -> frozenset[str]:
        """The actor and every actor that is part of it, at any depth (a loop ends the walk)."""
        found = self._stands_for.get(actor_id)
        if found is None:
            reached = {actor_id}
            waiting = [actor_id]
            while waiting:
                for part in self.parts.get(waiting.pop(), ()):
                    if part not in reached:
                        reached.add(part)
                        waiting.append(part)
            found = self._stands_for[actor_id] = frozenset(reached)
        return found

    def degrees(self, initiative: Initiative, core_id: str | None) -> dict[str, set[Degree]]:
        """Each involved actor's degrees; ``concerned`` only for one that neither leads nor takes
        part."""
        context = context_core(initiative) or core_id
        found: dict[str, set[Degree]] = {}
        for role, who, _ in named_actors(initiative):
            reached = {who}
            if is_group(self.plan, who):
                reached |= self.members.get(context, frozenset())
            degree: Degree = "leads" if role in _LEADING_ROLES else "takes_part"
            for actor_id in reached:
                found.setdefault(actor_id, set()).add(degree)
        concerned = {part for who in list(found) for part in self.stands_for(who)}
        for actor_id in concerned - found.keys():
            found[actor_id] = {"concerned"}
        return found


def _count(
    index: InvolvementIndex, initiatives: Iterable[Initiative], core_id: str | None
) -> dict[str, RoleCounts]:
    counts: dict[str, list[int]] = {}
    for initiative in initiatives:
        for actor_id, degrees in index.degrees(initiative, core_id).items():
            each = counts.setdefault(actor_id, [0, 0, 0])
            each[0] += "leads" in degrees
            each[1] += "takes_part" in degrees
            each[2] += "concerned" in degrees
    return {a: RoleCounts(*each) for a, each in counts.items()}


def responsibility_matrix(plan: PlanSet, core_id: str | None = None) -> list[MatrixRow]:
    """Every actor in the registry, with its counts per core in the three degrees.

    A core's column counts its plan (the common initiatives as followed up there, and its own);
    the total counts what ``list`` lists (with ``core_id``, the total is that core's column).
    """
    index = InvolvementIndex(plan)
    core_ids = [core_id] if core_id else [c.id for c in plan.cores]
    per_core = {c: _count(index, plan.core_plan(c), c) for c in core_ids}
    if core_id is not None or not plan.cores:
        totals = _count(index, select_initiatives(plan, InitiativeFilter(core=core_id)), core_id)
    else:  # what list lists without a core is every core's plan: the sum of the columns
        totals = {}
        for counts in per_core.values():
            for actor_id, each in counts.items():
                was = totals.get(actor_id, RoleCounts())
                totals[actor_id] = RoleCounts(was.lead + each.lead, was.participant + each.participant,
                                              was.concerned + each.concerned)
    return [
        MatrixRow(
            actor,
            {c: per_core[c].get(actor.id, RoleCounts()) for c in core_ids},
            totals.get(actor.id, RoleCounts()),
        )
        for actor in plan.actors
    ]


def status_by_area(report: StatusReport) -> dict[int, dict[str, int]]:
    """The status counts of the report's rows summed per goal area (every core's rows together),
    in goal area order: what the chart of the initiatives' status per goal area draws."""
    by_area: dict[int, dict[str, int]] = {}
    for row in report.rows:
        if row.area is None:
            continue
        counts = by_area.setdefault(row.area, {})
        for status, count in row.by_status.items():
            counts[status] = counts.get(status, 0) + count
    return dict(sorted(by_area.items()))


# -- the letter to an actor -----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Involvement:
    """One initiative in which an actor is involved in one degree, with every way it is so."""

    initiative: Initiative
    ways: tuple[InvolvementRow, ...]


@dataclass(frozen=True, slots=True)
class OwnedActivity:
    initiative: Initiative
    activity: Activity


@dataclass(frozen=True, slots=True)
class ActorLetter:
    """What an actor is told before a dialogue: the initiatives it leads, takes part in and is
    concerned in (each once per degree, in the plan's order), and the activities it owns, by due
    date (those without one last)."""

    actor: Actor
    core: Core | None
    leads: tuple[Involvement, ...]
    takes_part: tuple[Involvement, ...]
    concerned: tuple[Involvement, ...]
    activities: tuple[OwnedActivity, ...]

    @property
    def is_involved(self) -> bool:
        return bool(self.leads or self.takes_part or self.concerned)


def actor_letter(plan: PlanSet, actor_id: str, core_id: str | None = None) -> ActorLetter:
    """The letter to ``actor_id`` from the rows of ``actor_responsibility``."""
    rows = actor_responsibility(plan, actor_id, core_id)
    actor = plan.actor(actor_id)
    if actor is None:
        raise ValueError(f"unknown actor {actor_id!r}")
    return _letter(plan, actor, rows, core_id)


def _letter(plan: PlanSet, actor: Actor, rows: list[InvolvementRow],
            core_id: str | None) -> ActorLetter:
    by_degree: dict[str, dict[str, list[InvolvementRow]]] = {
        "leads": {}, "takes_part": {}, "concerned": {}}
    for row in rows:
        by_degree[row.degree].setdefault(display_ref(row.initiative), []).append(row)
    owned: dict[tuple[str, str], OwnedActivity] = {}
    for row in rows:
        if row.role != "activity_owner" or row.activity is None:
            continue
        for activity in row.initiative.activities:
            if activity.id == row.activity:
                owned[(display_ref(row.initiative), activity.id)] = OwnedActivity(
                    row.initiative, activity)

    def involvements_in(degree: str) -> tuple[Involvement, ...]:
        return tuple(Involvement(ways[0].initiative, tuple(ways))
                     for ways in by_degree[degree].values())

    activities = sorted(owned.values(), key=lambda o: (
        o.activity.due is None, o.activity.due or "", display_ref(o.initiative), o.activity.id))
    return ActorLetter(actor, plan.core(core_id) if core_id else None, involvements_in("leads"),
                       involvements_in("takes_part"), involvements_in("concerned"),
                       tuple(activities))


def actor_letters(plan: PlanSet, core_id: str | None = None) -> list[ActorLetter]:
    """The letter to every actor of the registry that is involved in the plans (of ``core_id``),
    in the registry's order; what ``actor_letter`` writes to each, from one pass over the plans."""
    rows = responsibilities(plan, core_id)
    letters = (_letter(plan, plan.actor(actor.id) or actor, rows.get(actor.id, []), core_id)
               for actor in plan.actors)
    return [letter for letter in letters if letter.is_involved]
