from __future__ import annotations

import typer

from fardplan_cli.cli.common import FormatOption, emit, load_plans
from fardplan_cli.cli.filters import (
    ActorFilter,
    AreaFilter,
    CoreFilter,
    LeadFilter,
    OverdueFilter,
    OwnerFilter,
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
    owner: OwnerFilter = None,
    overdue: OverdueFilter = False,
    format: FormatOption = "table",
) -> None:
    """List initiatives; with --core, that core's plan in id order."""
    from fardplan_cli.clock import today
    from fardplan_cli.i18n import scope_label, status_label, t, tn
    from fardplan_cli.query import display_ref, prioritising_dialogues, select_initiatives
    from fardplan_cli.render import TableOutput
    from fardplan_cli.render.shapes import followed_initiative_json

    _, plan = load_plans(ctx, core=core)
    selection = build_filter(plan, core=core, area=area, status=status, actor=actor, lead=lead,
                             scope=scope, priority=priority, owner=owner, overdue=overdue)
    initiatives = select_initiatives(plan, selection)
    day = selection.overdue_on or today().isoformat()
    data = [followed_initiative_json(i, dialogues=prioritising_dialogues(plan, i), today=day)
            for i in initiatives]
    rows = [
        [
            display_ref(i),
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
    caption = tn("{count} initiative", "{count} initiatives", len(initiatives))
    emit(TableOutput(columns, rows, data, title, caption), format)
