from __future__ import annotations

import typer

from fardplan_cli.cli.common import FormatOption, emit, load_plans
from fardplan_cli.cli.filters import (
    ActorFilter,
    AreaFilter,
    CoreFilter,
    LeadFilter,
    PriorityFilter,
    ScopeFilter,
    StatusFilter,
    build_filter,
)


def list_initiatives(
    ctx: typer.Context,
    core: CoreFilter = None,
    area: AreaFilter = None,
    status: StatusFilter = None,
    actor: ActorFilter = None,
    lead: LeadFilter = None,
    scope: ScopeFilter = None,
    priority: PriorityFilter = None,
    format: FormatOption = "table",
) -> None:
    """List initiatives; with --core, that core's plan in id order."""
    from fardplan_cli.i18n import scope_label, status_label, t
    from fardplan_cli.query import select_initiatives
    from fardplan_cli.render import TableOutput
    from fardplan_cli.render.shapes import initiative_json

    _, plan = load_plans(ctx, core=core)
    selection = build_filter(plan, core=core, area=area, status=status, actor=actor, lead=lead,
                             scope=scope, priority=priority)
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
    chosen_core = plan.core(selection.core) if selection.core else None
    title = t("Initiatives of {core}", core=chosen_core.name) if chosen_core else t("Initiatives")
    caption = t("{count} initiatives", count=len(initiatives))
    emit(TableOutput(columns, rows, [initiative_json(i) for i in initiatives], title, caption), format)
