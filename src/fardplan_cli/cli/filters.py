"""The initiative filters of ``list``, shared by ``report status`` so that their counts agree."""

from __future__ import annotations

from enum import Enum
from typing import TYPE_CHECKING, Annotated

import typer

if TYPE_CHECKING:
    from fardplan_cli.model import PlanSet
    from fardplan_cli.query import InitiativeFilter


class ScopeChoice(str, Enum):
    common = "common"
    core = "core"


CoreFilter = Annotated[str | None, typer.Option(
    "--core", "-c", metavar="CORE",
    help="Only this core's plan: its common and core-specific initiatives (id or name, e.g. sodertalje "
    "or Södertälje).")]
AreaFilter = Annotated[int | None, typer.Option("--area", "-a", metavar="N", help="Only this goal area (1-9).")]
StatusFilter = Annotated[str | None, typer.Option(
    "--status", "-s", metavar="STATUS",
    help="Only this status: planned, ongoing, done, paused, dropped (or its Swedish label).")]
ActorFilter = Annotated[str | None, typer.Option(
    "--actor", metavar="ACTOR",
    help="Only initiatives the actor leads or takes part in, also through a group or part_of.")]
LeadFilter = Annotated[str | None, typer.Option(
    "--lead", metavar="ACTOR",
    help="Only initiatives the actor leads, as lead or lead unit (also through a group).")]
OwnerFilter = Annotated[str | None, typer.Option(
    "--owner", metavar="ACTOR", help="Only initiatives with an activity that the actor owns.")]
OverdueFilter = Annotated[bool, typer.Option(
    "--overdue", help="Only initiatives with an overdue activity: due before today and neither done "
    "nor dropped.")]
ScopeFilter = Annotated[ScopeChoice | None, typer.Option(
    "--scope", help="Only common or only core-specific initiatives.")]
PriorityFilter = Annotated[str | None, typer.Option(
    "--priority", metavar="CYCLE", help="Only initiatives prioritised in this cycle (e.g. 2027-2030).")]


def build_filter(
    plan: PlanSet,
    *,
    core: str | None,
    area: int | None,
    status: str | None,
    actor: str | None,
    lead: str | None,
    scope: ScopeChoice | None,
    priority: str | None,
    owner: str | None = None,
    overdue: bool = False,
) -> InitiativeFilter:
    """Resolve what the user typed (names, labels) into a selection; unknown names exit 2."""
    from fardplan_cli.clock import today
    from fardplan_cli.query import (
        InitiativeFilter,
        resolve_actor,
        resolve_area,
        resolve_core,
        resolve_cycle,
        resolve_status,
    )

    # An option given as '' is a name that matches nothing (exit 2), not a filter left out.
    return InitiativeFilter(
        core=resolve_core(plan, core).id if core is not None else None,
        area=resolve_area(plan, area) if area is not None else None,
        status=resolve_status(status) if status is not None else None,
        actor=resolve_actor(plan, actor).id if actor is not None else None,
        lead=resolve_actor(plan, lead).id if lead is not None else None,
        scope=scope.value if scope is not None else None,
        priority=resolve_cycle(plan, priority) if priority is not None else None,
        owner=resolve_actor(plan, owner).id if owner is not None else None,
        overdue_on=today().isoformat() if overdue else None,
    )
