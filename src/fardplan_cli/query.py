"""Looking things up in a plan set the way people type them, and filtering initiatives.

Wherever a person types a core or an actor, its id or its name is taken, ignoring case and
diacritics; an unknown one is answered with the nearest matches.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Literal

from fardplan_cli.errors import NotFoundError, UsageError
from fardplan_cli.grammar import is_initiative_id, split_reference
from fardplan_cli.i18n import STATUSES, status_label, t
from fardplan_cli.model import Activity, Actor, Core, Dialogue, Initiative, PlanSet, Update

_NON_ALNUM = re.compile(r"[^a-z0-9]+")


def normalize(text: str) -> str:
    """``Södertälje stadskärna`` -> ``sodertalje-stadskarna``: no case, no diacritics, dashes."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return _NON_ALNUM.sub("-", stripped).strip("-")


FEW = 12  # an unknown name with nothing near it: the choices are named where they are this few


def _not_found(kind: str, typed: str, candidates: Iterable[tuple[str, str]]) -> NotFoundError:
    """candidates: (id, name) pairs; suggests the nearest by id or name."""
    import difflib  # only when a name is not found: importing it slows every start-up

    pairs = list(candidates)
    wanted = normalize(typed)
    keys: dict[str, str] = {}
    for ident, name in pairs:
        keys.setdefault(normalize(ident), ident)
        keys.setdefault(normalize(name), ident)
    near = [keys[k] for k in difflib.get_close_matches(wanted, list(keys), n=6, cutoff=0.6)]
    near += [ident for key, ident in keys.items() if wanted and wanted in key]
    suggestions = list(dict.fromkeys(near))[:5]
    message = t(f"unknown {kind} {{name!r}}", name=typed)
    if suggestions:
        message += "; " + t("did you mean {options}?", options=", ".join(suggestions))
    elif 0 < len(pairs) <= FEW:  # nothing near: a short list is named whole (cores, statuses)
        suggestions = [ident for ident, _ in pairs]
        message += "; " + t("choose one of {options}", options=", ".join(suggestions))
    return NotFoundError(message, suggestions)


def _match(typed: str, items: Sequence[tuple[str, str]]) -> str | None:
    wanted = normalize(typed)
    for ident, name in items:
        if typed == ident or wanted in (normalize(ident), normalize(name)):
            return ident
    return None


def resolve_core(plan: PlanSet, typed: str) -> Core:
    named = plan.core(typed)  # a core's own id, as an import or a script types it
    if named is not None:
        return named
    pairs = [(c.id, c.name) for c in plan.cores]
    found = _match(typed, pairs)
    if found is None:
        raise _not_found("core", typed, pairs)
    core = plan.core(found)
    assert core is not None
    return core


def resolve_actor(plan: PlanSet, typed: str) -> Actor:
    pairs = [(a.id, a.name) for a in plan.actors]
    found = _match(typed, pairs)
    if found is None:
        raise _not_found("actor", typed, pairs)
    actor = plan.actor(found)
    assert actor is not None
    return actor


def resolve_status(typed: str) -> str:
    wanted = normalize(typed)
    for status in STATUSES:
        if wanted in (status, normalize(status_label(status, "sv")), normalize(status_label(status, "en"))):
            return status
    raise _not_found("status", typed, [(s, status_label(s, "sv")) for s in STATUSES])


def resolve_cycle(plan: PlanSet, typed: str) -> str:
    ids = [c.id for c in plan.region.cycles]
    if typed in ids:
        return typed
    raise _not_found("cycle", typed, [(c, c) for c in ids])


def resolve_area(plan: PlanSet, number: int) -> int:
    if plan.goal_area(number) is None:
        raise NotFoundError(
            t("unknown goal area {name!r}", name=number)
            + "; "
            + t("choose one of {options}", options=", ".join(str(g.number) for g in plan.region.goal_areas))
        )
    return number


def resolve_initiative(plan: PlanSet, ref: str) -> Initiative:
    """``sodertalje:1.3`` (the core by id or name), or a common initiative's bare ``1.1``."""
    core_part, initiative_id = split_reference(ref)
    if not is_initiative_id(initiative_id):
        raise UsageError(t(
            "{ref!r} is not an initiative reference: use CORE:ID (sodertalje:1.3) or a common id (1.1)",
            ref=ref,
        ))
    core_id = resolve_core(plan, core_part).id if core_part is not None else None
    found = plan.find_initiative(core_id, initiative_id) if core_id is not None else None
    found = found or plan.find_initiative(None, initiative_id)
    if found is not None:
        return found
    pool = [i.ref for i in (plan.core_plan(core_id) if core_id is not None
                            else plan.all_initiatives())]
    import difflib

    same_id = [i.ref for i in plan.all_initiatives() if i.id == initiative_id]
    near = same_id or difflib.get_close_matches(ref, pool, n=5, cutoff=0.6)
    message = t("unknown initiative {name!r}", name=ref)
    if near:
        message += "; " + t("did you mean {options}?", options=", ".join(near))
    raise NotFoundError(message, near)


def resolve_as_followed(plan: PlanSet, ref: str) -> Initiative:
    """What ``list`` and ``show`` show of a reference: ``sodertalje:2.2`` is common initiative 2.2
    as followed up in Södertälje (its status, activities and updates there); ``2.2`` is the shared
    one; ``sodertalje:1.3`` is Södertälje's own."""
    found = resolve_initiative(plan, ref)
    core_part, _ = split_reference(ref)
    if core_part is None or found.core is not None:
        return found
    return plan.followed(resolve_core(plan, core_part).id, found.id) or found


def display_ref(initiative: Initiative) -> str:
    """The reference a person types for what is shown: ``sodertalje:2.2`` for a common initiative
    as followed up in Södertälje, else the initiative's own reference."""
    if initiative.followed_in is not None:
        return f"{initiative.followed_in}:{initiative.id}"
    return initiative.ref


def context_core(initiative: Initiative) -> str | None:
    """The core an initiative is seen in: its own, or the one following a common one up."""
    return initiative.core or initiative.followed_in


# -- the follow-up: activities, updates and dialogues --------------------------------------------

FINISHED = frozenset({"done", "dropped"})


def is_overdue(activity: Activity, today: str) -> bool:
    """Due before ``today`` (ISO ``YYYY-MM-DD``) and neither done nor dropped."""
    return activity.due is not None and activity.due < today and activity.status not in FINISHED


def open_activities(initiative: Initiative) -> list[Activity]:
    """The activities that are neither done nor dropped, in the file's order."""
    return [a for a in initiative.activities if a.status not in FINISHED]


def latest_updates(initiative: Initiative, count: int | None = None) -> list[Update]:
    """The updates newest first (by date, later in the file first on one date); ``count`` of them."""
    ordered = [u for _, u in sorted(enumerate(initiative.updates), key=lambda p: (p[1].date, p[0]),
                                    reverse=True)]
    return ordered if count is None else ordered[:count]


def prioritising_dialogues(plan: PlanSet, initiative: Initiative) -> list[Dialogue]:
    """The dialogues of the initiative's core that prioritised it, by date."""
    core_id = context_core(initiative)
    core = plan.core(core_id) if core_id else None
    if core is None:
        return []
    return sorted((d for d in core.dialogues if initiative.id in d.prioritized), key=lambda d: d.date)


def followed_everywhere(plan: PlanSet, initiative_id: str) -> list[Initiative]:
    """A common initiative as followed up in each core, in the cores' order."""
    found = (plan.followed(core.id, initiative_id) for core in plan.cores)
    return [i for i in found if i is not None]


# -- involvement: the three degrees of responsibility -----------------------------------------------

Degree = Literal["leads", "takes_part", "concerned"]
Role = Literal["lead", "lead_unit", "participant", "activity_owner", "activity_participant"]
Via = Literal["direct", "group", "part_of"]
DEGREES: tuple[Degree, ...] = ("leads", "takes_part", "concerned")
_VIAS: tuple[Via, ...] = ("direct", "group", "part_of")
_LEADING: frozenset[Role] = frozenset({"lead", "lead_unit"})
_DEGREE_RANK: dict[Degree, int] = {degree: rank for rank, degree in enumerate(DEGREES)}
_VIA_RANK: dict[Via, int] = {via: rank for rank, via in enumerate(_VIAS)}


@dataclass(frozen=True, slots=True)
class Involvement:
    """One way an actor is involved in an initiative: as what the plan names it (``role``; an
    activity's owner or participant names the ``activity``), and how it is reached: named itself,
    as one of a group's municipalities, or through ``part_of`` (then it is only concerned)."""

    role: Role
    via: Via
    through: str | None  # the actor the plan names, when the involvement is indirect
    activity: str | None = None

    @property
    def degree(self) -> Degree:
        """``leads`` (named lead or lead unit, or one of a leading group), ``takes_part``, or
        ``concerned`` through part_of: never "leads" by being part of the one who leads."""
        if self.via == "part_of":
            return "concerned"
        return "leads" if self.role in _LEADING else "takes_part"

    @property
    def sort_key(self) -> tuple[int, int]:
        return _DEGREE_RANK[self.degree], _VIA_RANK[self.via]


def ancestors(plan: PlanSet, actor_id: str) -> list[str]:
    """The actors that ``actor_id`` is part of, nearest first (stops at a loop)."""
    chain: list[str] = []
    seen = {actor_id}
    actor = plan.actor(actor_id)
    while actor is not None and actor.part_of and actor.part_of not in seen:
        chain.append(actor.part_of)
        seen.add(actor.part_of)
        actor = plan.actor(actor.part_of)
    return chain


def group_members(plan: PlanSet, core_id: str | None) -> frozenset[str]:
    """Who a group (kärnkommunerna) stands for: the core's municipalities, or every core's."""
    if core_id is not None:
        core = plan.core(core_id)
        return frozenset(core.municipalities) if core is not None else frozenset()
    return plan.remembered("query.every_municipality", lambda: frozenset(
        m for core in plan.cores for m in core.municipalities))


def is_group(plan: PlanSet, actor_id: str) -> bool:
    actor = plan.actor(actor_id)
    return actor is not None and actor.kind == "group"


def named_actors(initiative: Initiative) -> list[tuple[Role, str, str | None]]:
    """Every actor the initiative names, as what, and in which activity: the lead and lead unit,
    the participants (a core's extra ones included), each activity's owner and participants."""
    named: list[tuple[Role, str, str | None]] = []
    if initiative.lead:
        named.append(("lead", initiative.lead, None))
    if initiative.lead_unit:
        named.append(("lead_unit", initiative.lead_unit, None))
    named += [("participant", p, None) for p in initiative.participants]
    for activity in initiative.activities:
        if activity.owner:
            named.append(("activity_owner", activity.owner, activity.id))
        named += [("activity_participant", p, activity.id) for p in activity.participants]
    return named


def involvements(
    plan: PlanSet, actor_id: str, initiative: Initiative, core_id: str | None = None
) -> list[Involvement]:
    """How ``actor_id`` is involved in ``initiative``, seen from one core (or from all), strongest
    first. An actor that leads or takes part is not also listed as concerned."""
    return _ways(plan, actor_id, named_actors(initiative), context_core(initiative) or core_id)


def involvements_of(
    plan: PlanSet, actor_ids: Iterable[str], initiative: Initiative, core_id: str | None = None
) -> dict[str, list[Involvement]]:
    """``involvements`` of each of ``actor_ids`` that is involved at all, reading the initiative
    once."""
    named = named_actors(initiative)
    context = context_core(initiative) or core_id
    found: dict[str, list[Involvement]] = {}
    for actor_id in actor_ids:
        ways = _ways(plan, actor_id, named, context)
        if ways:
            found[actor_id] = ways
    return found


def _ways(plan: PlanSet, actor_id: str, named: Sequence[tuple[Role, str, str | None]],
          context: str | None) -> list[Involvement]:
    lineage = ancestors(plan, actor_id)
    members: frozenset[str] | None = None
    found: list[Involvement] = []
    for role, who, activity in named:
        if who == actor_id:
            found.append(Involvement(role, "direct", None, activity))
        elif who in lineage:
            found.append(Involvement(role, "part_of", who, activity))
        elif is_group(plan, who):
            members = group_members(plan, context) if members is None else members
            if actor_id in members:
                found.append(Involvement(role, "group", who, activity))
            else:
                member = next((m for m in lineage if m in members), None)
                if member is not None:
                    found.append(Involvement(role, "part_of", member, activity))
    if len(found) < 2:
        return found
    if any(i.via != "part_of" for i in found):  # leads or takes part: not also concerned
        found = [i for i in found if i.via != "part_of"]
    return sorted(dict.fromkeys(found), key=lambda i: i.sort_key)


def degree_of(plan: PlanSet, actor_id: str, initiative: Initiative,
              core_id: str | None = None) -> Degree | None:
    """The strongest degree in which the actor is involved in the initiative, if any."""
    found = involvements(plan, actor_id, initiative, core_id)
    return found[0].degree if found else None


# -- filtering --------------------------------------------------------------------------------


@dataclass(frozen=True)
class InitiativeFilter:
    core: str | None = None
    area: int | None = None
    status: str | None = None
    actor: str | None = None
    lead: str | None = None
    scope: Literal["common", "core"] | None = None
    priority: str | None = None
    owner: str | None = None
    """Only initiatives with an activity this actor owns."""
    overdue_on: str | None = None
    """Only initiatives with an activity overdue on this day (ISO date; ``clock.today()``)."""

    def matches(self, plan: PlanSet, initiative: Initiative) -> bool:
        if self.area is not None and initiative.area != self.area:
            return False
        if self.status is not None and initiative.status != self.status:
            return False
        if self.scope is not None and initiative.scope != self.scope:
            return False
        if self.priority is not None and self.priority not in initiative.priority:
            return False
        if self.owner is not None and all(a.owner != self.owner for a in initiative.activities):
            return False
        if self.overdue_on is not None and not any(
                is_overdue(a, self.overdue_on) for a in initiative.activities):
            return False
        if self.actor is not None and not involvements(plan, self.actor, initiative, self.core):
            return False
        return self.lead is None or degree_of(plan, self.lead, initiative, self.core) == "leads"


def select_initiatives(plan: PlanSet, selection: InitiativeFilter) -> list[Initiative]:
    """With a core, that core's plan (common and own) in id order; else every core's plan in turn:
    each core-specific initiative once, each common initiative once per core, as followed up
    there (with no core at all, the shared common initiatives)."""
    pool: Iterator[Initiative] | tuple[Initiative, ...]
    pool = plan.core_plan(selection.core) if selection.core else every_core_plan(plan)
    return [i for i in pool if selection.matches(plan, i)]


def every_core_plan(plan: PlanSet) -> Iterator[Initiative]:
    """Every core's plan, one core after the other (the shared common initiatives if no core)."""
    if not plan.cores:
        yield from sorted(plan.region.initiatives, key=lambda i: i.sort_key)
    for core in plan.cores:
        yield from plan.core_plan(core.id)


def count_by_status(initiatives: Iterable[Initiative]) -> dict[str, int]:
    """Counts for every status, in the documented order, zeros included."""
    counts = dict.fromkeys(STATUSES, 0)
    for initiative in initiatives:
        counts[initiative.status] = counts.get(initiative.status, 0) + 1
    return counts
