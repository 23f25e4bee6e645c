from __future__ import annotations

from enum import Enum
from typing import Annotated

import typer

from fardplan_cli.cli.common import FormatOption, ReadFormat, emit, handle_errors, load_plans


class ScopeChoice(str, Enum):
    common = "common"
    core = "core"


@handle_errors
def list_initiatives(
    ctx: typer.Context,
    core: Annotated[str | None, typer.Option("--core", "-c", help="Only this core's plan: its common "
                    "and core-specific initiatives (id or name, e.g. sodertalje or Södertälje).")] = None,
    area: Annotated[int | None, typer.Option("--area", "-a", help="Only this goal area (1-9).")] = None,
    status: Annotated[str | None, typer.Option("--status", "-s", help="Only this status: planned, "
                      "ongoing, done, paused, dropped (or its Swedish label).")] = None,
    actor: Annotated[str | None, typer.Option("--actor", help="Only initiatives the actor leads or "
                     "takes part in, also through a group or part_of.")] = None,
    lead: Annotated[str | None, typer.Option("--lead", help="Only initiatives the actor leads.")] = None,
    scope: Annotated[ScopeChoice | None, typer.Option("--scope", help="Only common or only "
                     "core-specific initiatives.")] = None,
    priority: Annotated[str | None, typer.Option("--priority", metavar="CYCLE", help="Only initiatives "
                        "prioritised in this cycle (e.g. 2027-2030).")] = None,
    format: FormatOption = ReadFormat.table,
) -> None:
    """List initiatives; with --core, that core's plan in id order."""
    from fardplan_cli.i18n import scope_label, status_label, t
    from fardplan_cli.query import (
        InitiativeFilter,
        resolve_actor,
        resolve_area,
        resolve_core,
        resolve_cycle,
        resolve_status,
        select_initiatives,
    )
    from fardplan_cli.render import TableOutput
    from fardplan_cli.render.shapes import initiative_json

    _, plan = load_plans(ctx, core=core)
    chosen_core = resolve_core(plan, core) if core else None
    selection = InitiativeFilter(
        core=chosen_core.id if chosen_core else None,
        area=resolve_area(plan, area) if area is not None else None,
        status=resolve_status(status) if status else None,
        actor=resolve_actor(plan, actor).id if actor else None,
        lead=resolve_actor(plan, lead).id if lead else None,
        scope=scope.value if scope else None,
        priority=resolve_cycle(plan, priority) if priority else None,
    )
    initiatives = select_initiatives(plan, selection)
    rows = [
        [
            i.ref,
            scope_label(i.scope),
            i.title,
            plan.actor_name(i.lead) if i.lead else "",
            ", ".join(plan.actor_name(p) for p in i.participants),
            status_label(i.status),
        ]
        for i in initiatives
    ]
    columns = [t("Ref"), t("Scope"), t("Title"), t("Lead"), t("Participants"), t("Status")]
    title = t("Initiatives of {core}", core=chosen_core.name) if chosen_core else t("Initiatives")
    caption = t("{count} initiatives", count=len(initiatives))
    emit(TableOutput(columns, rows, [initiative_json(i) for i in initiatives], title, caption), format)
