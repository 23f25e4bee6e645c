from __future__ import annotations

import typer

from fardplan_cli.cli.common import FormatOption, emit, load_plans


def actors(ctx: typer.Context, format: FormatOption = "table") -> None:
    """The actor registry: every actor that an initiative names."""
    from fardplan_cli.i18n import t
    from fardplan_cli.render import TableOutput
    from fardplan_cli.render.shapes import actor_json

    _, plan = load_plans(ctx)
    rows = [
        [a.id, a.name, t(a.kind), plan.actor_name(a.part_of) if a.part_of else ""]
        for a in plan.actors
    ]
    data = [actor_json(a) for a in plan.actors]
    emit(TableOutput([t("Id"), t("Name"), t("Kind"), t("Part of")], rows, data), format)
