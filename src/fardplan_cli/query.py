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
from fardplan_cli.model import Actor, Core, Initiative, PlanSet

_NON_ALNUM = re.compile(r"[^a-z0-9]+")


def normalize(text: str) -> str:
    """``Södertälje stadskärna`` -> ``sodertalje-stadskarna``: no case, no diacritics, dashes."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return _NON_ALNUM.sub("-", stripped).strip("-")


def _not_found(kind: str, typed: str, candidates: Iterable[tuple[str, str]]) -> NotFoundError:
    """candidates: (id, name) pairs; suggests the nearest by id or name."""
    import difflib  # only when a name is not found: it costs ~2 ms at start-up

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
    return NotFoundError(message, suggestions)


def _match(typed: str, items: Sequence[tuple[str, str]]) -> str | None:
    wanted = normalize(typed)
    for ident, name in items:
        if typed == ident or wanted in (normalize(ident), normalize(name)):
            return ident
    return None


def resolve_core(plan: PlanSet, typed: str) -> Core:
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
    if core_part is not None:
        core = resolve_core(plan, core_part)
        found = plan.find_initiative(core.id, initiative_id) or plan.find_initiative(None, initiative_id)
        pool = [i.ref for i in plan.core_plan(core.id)]
    else:
        found = plan.find_initiative(None, initiative_id)
        pool = [i.ref for i in plan.all_initiatives()]
    if found is not None:
        return found
    import difflib

    same_id = [i.ref for i in plan.all_initiatives() if i.id == initiative_id]
    near = same_id or difflib.get_close_matches(ref, pool, n=5, cutoff=0.6)
    message = t("unknown initiative {name!r}", name=ref)
    if near:
        message += "; " + t("did you mean {options}?", options=", ".join(near))
    raise NotFoundError(message, near)


# -- involvement: who takes part in what, directly, through a group or through part_of ---------

Role = Literal["lead", "participant"]
Via = Literal["direct", "group", "part_of"]


@dataclass(frozen=True, slots=True)
class Involvement:
    role: Role
    via: Via
    through: str | None  # the actor the plan names, when the involvement is indirect


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


def group_members(plan: PlanSet, core_id: str | None) -> set[str]:
    """Who a group (kärnkommunerna) stands for: the core's municipalities, or every core's."""
    cores = [c for c in plan.cores if core_id is None or c.id == core_id]
    return {m for core in cores for m in core.municipalities}


def is_group(plan: PlanSet, actor_id: str) -> bool:
    actor = plan.actor(actor_id)
    return actor is not None and actor.kind == "group"


def involvements(
    plan: PlanSet, actor_id: str, initiative: Initiative, core_id: str | None = None
) -> list[Involvement]:
    """How ``actor_id`` is involved in ``initiative``, seen from one core (or from all)."""
    context = initiative.core or core_id
    lineage = ancestors(plan, actor_id)
    named: list[tuple[Role, str]] = [("lead", initiative.lead)] if initiative.lead else []
    named += [("participant", p) for p in initiative.participants]
    found: list[Involvement] = []
    for role, who in named:
        if who == actor_id:
            found.append(Involvement(role, "direct", None))
        elif is_group(plan, who) and actor_id in group_members(plan, context):
            found.append(Involvement(role, "group", who))
        elif who in lineage:
            found.append(Involvement(role, "part_of", who))
    return found


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

    def matches(self, plan: PlanSet, initiative: Initiative) -> bool:
        if self.area is not None and initiative.area != self.area:
            return False
        if self.status is not None and initiative.status != self.status:
            return False
        if self.scope is not None and initiative.scope != self.scope:
            return False
        if self.priority is not None and self.priority not in initiative.priority:
            return False
        if self.actor is not None and not involvements(plan, self.actor, initiative, self.core):
            return False
        return self.lead is None or any(
            i.role == "lead" for i in involvements(plan, self.lead, initiative, self.core)
        )


def select_initiatives(plan: PlanSet, selection: InitiativeFilter) -> list[Initiative]:
    """With a core, that core's plan (common and own) in id order; else every initiative once."""
    pool: Iterator[Initiative] | tuple[Initiative, ...]
    pool = plan.core_plan(selection.core) if selection.core else _all_in_order(plan)
    return [i for i in pool if selection.matches(plan, i)]


def _all_in_order(plan: PlanSet) -> Iterator[Initiative]:
    yield from sorted(plan.region.initiatives, key=lambda i: i.sort_key)
    for core in plan.cores:
        yield from sorted(core.initiatives, key=lambda i: i.sort_key)


def count_by_status(initiatives: Iterable[Initiative]) -> dict[str, int]:
    """Counts for every status, in the documented order, zeros included."""
    counts = dict.fromkeys(STATUSES, 0)
    for initiative in initiatives:
        counts[initiative.status] = counts.get(initiative.status, 0) + 1
    return counts
