"""Status and responsibility reports: pure aggregations over a plan set, returning rows.

Every count is taken over the same selection that ``fardplan list`` shows
(``query.select_initiatives`` with an ``InitiativeFilter``), so a report and a listing with the same
filters always agree:

- a status row for core C and goal area N counts ``list --core C --area N`` (C's plan: the common
  initiatives and C's own);
- the total row counts ``list`` with the report's filters: with ``--core``, that core's plan;
  without, every initiative once (a common initiative is in every core's rows, but only once in
  the total).

The report never reads git itself: ``--stale-days`` takes the date of each initiative's last change
from a ``last_changed`` callable that the caller injects (``log.last_changed`` provides it).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta, timezone

from fardplan_cli.grammar import is_cycle_id
from fardplan_cli.i18n import t
from fardplan_cli.model import Actor, Core, Indicator, Initiative, PlanSet
from fardplan_cli.query import (
    InitiativeFilter,
    Role,
    Via,
    count_by_status,
    involvements,
    is_group,
    select_initiatives,
)

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
        refs=tuple(i.ref for i in chosen),
        by_status=count_by_status(chosen),
        prioritised=sum(1 for i in chosen if cycle is not None and cycle in i.priority),
        without_lead=sum(1 for i in chosen if i.lead is None),
    )


def report_areas(plan: PlanSet, selection: InitiativeFilter) -> list[int]:
    if selection.area is not None:
        return [selection.area]
    numbers = {g.number for g in plan.region.goal_areas}
    numbers |= {i.area for i in plan.all_initiatives()}
    return sorted(numbers)


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
    rows = []
    for core in cores:
        if core is None:
            continue
        for area in report_areas(plan, selection):
            chosen = select_initiatives(plan, replace(selection, core=core.id, area=area))
            rows.append(status_row(core.id, area, chosen, cycle))
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
    return StatusReport(tuple(rows), total, cycle, core, stale_days, stale)


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


# -- responsibility --------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class InvolvementRow:
    """One way in which an actor is involved in one initiative."""

    initiative: Initiative
    role: Role
    via: Via
    through: str | None  # the actor that the plan names, when the involvement is indirect


def actor_responsibility(
    plan: PlanSet, actor_id: str, core_id: str | None = None
) -> list[InvolvementRow]:
    """What the actor leads and takes part in, and how; the initiatives of ``list --actor``."""
    chosen = select_initiatives(plan, InitiativeFilter(core=core_id, actor=actor_id))
    rows = []
    for initiative in chosen:
        found = involvements(plan, actor_id, initiative, core_id)
        found.sort(key=lambda i: (i.role != "lead", ("direct", "group", "part_of").index(i.via)))
        rows += [InvolvementRow(initiative, i.role, i.via, i.through) for i in found]
    return rows


@dataclass(frozen=True, slots=True)
class RoleCounts:
    lead: int = 0
    participant: int = 0


@dataclass(frozen=True, slots=True)
class MatrixRow:
    """An actor's counts per core (the core's plan), and over the distinct initiatives."""

    actor: Actor
    by_core: Mapping[str, RoleCounts]
    total: RoleCounts


class InvolvementIndex:
    """Who is involved in an initiative, in which roles: ``query.involvements`` for all actors.

    Expands each actor the plan names to the actors it stands for (itself, a group's municipalities,
    every actor that is part of it), which keeps the matrix linear in the number of initiatives.
    An actor's parts are found from it down, once, and only for the actors that initiatives name:
    the cost follows the registry, however deep its ``part_of`` chains.
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

    def roles(self, initiative: Initiative, core_id: str | None) -> dict[str, set[Role]]:
        context = initiative.core or core_id
        named: list[tuple[Role, str]] = [("lead", initiative.lead)] if initiative.lead else []
        named += [("participant", p) for p in initiative.participants]
        found: dict[str, set[Role]] = {}
        for role, who in named:
            reached = set(self.stands_for(who))
            if is_group(self.plan, who):
                reached |= self.members.get(context, frozenset())
            for actor_id in reached:
                found.setdefault(actor_id, set()).add(role)
        return found


def _count(
    index: InvolvementIndex, initiatives: Iterable[Initiative], core_id: str | None
) -> dict[str, RoleCounts]:
    lead: dict[str, int] = {}
    participant: dict[str, int] = {}
    for initiative in initiatives:
        for actor_id, roles in index.roles(initiative, core_id).items():
            if "lead" in roles:
                lead[actor_id] = lead.get(actor_id, 0) + 1
            if "participant" in roles:
                participant[actor_id] = participant.get(actor_id, 0) + 1
    return {a: RoleCounts(lead.get(a, 0), participant.get(a, 0)) for a in {*lead, *participant}}


def responsibility_matrix(plan: PlanSet, core_id: str | None = None) -> list[MatrixRow]:
    """Every actor in the registry, with lead and participant counts per core, direct and indirect.

    A core's column counts its plan (common and own initiatives); the total counts each initiative
    once (with ``core_id``, the total is that core's column).
    """
    index = InvolvementIndex(plan)
    core_ids = [core_id] if core_id else [c.id for c in plan.cores]
    per_core = {c: _count(index, plan.core_plan(c), c) for c in core_ids}
    pool = plan.core_plan(core_id) if core_id else tuple(plan.all_initiatives())
    totals = _count(index, pool, core_id)
    return [
        MatrixRow(
            actor,
            {c: per_core[c].get(actor.id, RoleCounts()) for c in core_ids},
            totals.get(actor.id, RoleCounts()),
        )
        for actor in plan.actors
    ]
