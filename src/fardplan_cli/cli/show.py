from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from fardplan_cli.cli.common import FormatOption, emit, load_plans

if TYPE_CHECKING:
    from fardplan_cli.model import Core, Initiative, PlanSet
    from fardplan_cli.render import DetailOutput



def show(
    ctx: typer.Context,
    ref: Annotated[str, typer.Argument(metavar="REF|CORE", help="An initiative (sodertalje:1.3, or a "
                   "common one's id, 1.1) or a core (sodertalje, Södertälje).")],
    format: FormatOption = "table",
) -> None:
    """Show one initiative in full with its core's direction for its area, or a core's plan."""
    from fardplan_cli.clock import today
    from fardplan_cli.grammar import looks_like_reference
    from fardplan_cli.query import resolve_as_followed, resolve_core

    _, plan = load_plans(ctx)
    if looks_like_reference(ref):
        emit(initiative_detail(plan, resolve_as_followed(plan, ref), today().isoformat()), format)
    else:
        emit(core_detail(plan, resolve_core(plan, ref)), format)


def initiative_detail(plan: PlanSet, initiative: Initiative, today: str) -> DetailOutput:
    """An initiative in full. A core's own, or a common one as followed up in a core
    (``sodertalje:2.2``): its status there, activities, latest updates, the dialogues that
    prioritised it and how it is carried. A common one without a core (``2.2``): the shared text
    and its status in every core."""
    from fardplan_cli.i18n import scope_label, status_label, t
    from fardplan_cli.query import (
        context_core,
        display_ref,
        followed_everywhere,
        latest_updates,
        prioritising_dialogues,
    )
    from fardplan_cli.render import DetailOutput, TableOutput
    from fardplan_cli.render.follow_up import (
        LATEST_UPDATES,
        activities_table,
        carriers_table,
        dialogues_table,
        updates_table,
    )
    from fardplan_cli.render.shapes import initiative_detail_json

    area = plan.goal_area(initiative.area)
    core_id = context_core(initiative)
    core = plan.core(core_id) if core_id else None
    shared_view = initiative.core is None and core is None
    status = status_label(initiative.status)
    if initiative.status_note:
        status += f" ({initiative.status_note})"
    fields = [
        (t("Core"), core.name if core else ""),
        (t("Goal area"), f"{initiative.area} {area.title}" if area else str(initiative.area)),
        (t("Scope"), scope_label(initiative.scope)),
        (t("Lead"), plan.actor_name(initiative.lead) if initiative.lead else t("(no lead)")),
        (t("Participants"), ", ".join(plan.actor_name(p) for p in initiative.participants)),
        (t("Status"), status),
        (t("Priority"), ", ".join(initiative.priority)),
        (t("Places"), ", ".join(initiative.places)),
        (t("Replaces"), ", ".join(initiative.replaces)),
    ]
    if initiative.lead_unit:
        fields.insert(4, (t("Lead unit"), plan.actor_name(initiative.lead_unit)))
    if shared_view:  # its status is each core's: the table "Status in the cores"
        fields = [(label, value) for label, value in fields if label not in (t("Status"), t("Priority"))]
    sections = [(t("Description"), initiative.description)] if initiative.description else []
    directions: dict[str, str] = {}
    for each in [core] if core else plan.cores:
        direction = each.direction(initiative.area)
        if direction is not None:
            heading = t("Direction") if core else f"{t('Direction')}: {each.name}"
            sections.append((heading, direction.text))
            directions[each.id] = direction.text
    tables: list[TableOutput] = []
    by_core: list[Initiative] | None = None
    if shared_view:
        by_core = followed_everywhere(plan, initiative.id)
        rows = [[_core_name(plan, i.followed_in), status_label(i.status), i.status_note or ""]
                for i in by_core]
        tables.append(TableOutput([t("Core"), t("Status"), t("Note")], rows, None,
                                  title=t("Status in the cores")))
    dialogues = prioritising_dialogues(plan, initiative)
    if initiative.activities:
        tables.append(activities_table(plan, initiative.activities, today))
    if initiative.updates:
        tables.append(updates_table(plan, latest_updates(initiative, LATEST_UPDATES)))
    if dialogues:
        tables.append(dialogues_table(dialogues))
    if initiative.carried_by:
        tables.append(carriers_table(plan, initiative.carried_by))
    data = initiative_detail_json(initiative, directions, dialogues=dialogues, today=today,
                                  by_core=by_core)
    return DetailOutput(f"{display_ref(initiative)}  {initiative.title}", fields, sections, data,
                        tables)


def _core_name(plan: PlanSet, core_id: str | None) -> str:
    core = plan.core(core_id) if core_id else None
    return core.name if core else str(core_id)


def core_detail(plan: PlanSet, core: Core) -> DetailOutput:
    from fardplan_cli.i18n import t
    from fardplan_cli.render import DetailOutput, TableOutput
    from fardplan_cli.render.shapes import core_detail_json

    fields = [
        (t("Id"), core.id),
        (t("Municipalities"), ", ".join(plan.actor_name(m) for m in core.municipalities)),
        (t("Initiatives"), str(len(plan.core_plan(core.id)))),
        (t("Core-specific initiatives"), str(len(core.initiatives))),
    ]
    sections: list[tuple[str, str]] = []
    if not core.entered:
        sections.append((t("Character"), t("The plan of this core has not been entered yet.")))
    sections += [(f"{t('Character')}: {s.heading}", s.text) for s in core.character]
    for direction in sorted(core.directions, key=lambda d: d.area):
        area = plan.goal_area(direction.area)
        sections.append((f"{t('Direction')}: {direction.area} {area.title if area else ''}".rstrip(),
                         direction.text))
    rows = [
        [ind.label, ind.unit or "", str(v.year), f"{v.value:,}".replace(",", " "), v.note or ""]
        for ind in core.indicators
        for v in ind.values
    ]
    tables = []
    if rows:
        tables.append(TableOutput([t("Indicator"), t("Unit"), t("Year"), t("Value"), t("Note")], rows,
                                  None, title=t("Indicators")))
    if core.dialogues:
        dialogue_rows = [[d.date, d.cycle, ", ".join(d.prioritized),
                          ", ".join(plan.actor_name(p) for p in d.participants), d.note or ""]
                         for d in sorted(core.dialogues, key=lambda d: d.date)]
        tables.append(TableOutput([t("Date"), t("Cycle"), t("Prioritised"), t("Participants"),
                                   t("Note")], dialogue_rows, None, title=t("Political dialogues")))
    data = core_detail_json(core, [i.ref for i in plan.core_plan(core.id)])
    return DetailOutput(core.name, fields, sections, data, tables)
