from __future__ import annotations

import typer

from fardplan_cli.cli.common import FormatOption, emit, load_plans


def cores(ctx: typer.Context, format: FormatOption = "table") -> None:
    """The cores, with counts of the initiatives in each core's plan by status."""
    from fardplan_cli.i18n import STATUSES, status_label, t
    from fardplan_cli.query import count_by_status
    from fardplan_cli.render import TableOutput
    from fardplan_cli.render.shapes import core_json

    _, plan = load_plans(ctx)
    rows, data = [], []
    for core in plan.cores:
        initiatives = plan.core_plan(core.id)
        by_status = count_by_status(initiatives)
        data.append(core_json(core, len(initiatives), by_status, core_specific=len(core.initiatives)))
        rows.append([
            core.id,
            core.name,
            ", ".join(plan.actor_name(m) for m in core.municipalities),
            str(len(initiatives)),
            str(len(core.initiatives)),
            ", ".join(f"{status_label(s)} {by_status[s]}" for s in STATUSES if by_status[s]),
        ])
    columns = [t("Id"), t("Name"), t("Municipalities"), t("Initiatives"), t("Core-specific"), t("By status")]
    emit(TableOutput(columns, rows, data, title=t("Cores")), format)
