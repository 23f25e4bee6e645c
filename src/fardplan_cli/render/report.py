"""Presentation of the reports: table rows in the user's language, with their JSON (``shapes``).

Every report's JSON is an object with ``"report"`` (its name) and ``"rows"``: one object per row of
the table, with the same columns. Extras (the lägesbild, the stale initiatives) are further keys.
"""

from __future__ import annotations

from typing import Any

from fardplan_cli.i18n import STATUSES, status_label, t, tn
from fardplan_cli.model import Actor, Indicator, IndicatorValue, Initiative, PlanSet
from fardplan_cli.query import is_overdue
from fardplan_cli.render import DetailOutput, Output, TableOutput
from fardplan_cli.render.shapes import (
    indicator_json,
    involvement_json,
    matrix_row_json,
    responsibility_json,
    stale_json,
    status_report_json,
    status_row_json,
)
from fardplan_cli.report import (
    CommonStatusRow,
    InvolvementRow,
    MatrixRow,
    RoleCounts,
    StatusReport,
    StatusRow,
)


def format_number(value: float | int) -> str:
    """Swedish print style: a space between thousands (25 000)."""
    if isinstance(value, float) and not value.is_integer():
        return f"{value:,}".replace(",", " ")
    return f"{int(value):,}".replace(",", " ")


def involvement_summary(actor: str, leads: int, takes_part: int, concerned: int) -> str:
    """How many initiatives an actor leads, takes part in and is concerned in, in one sentence;
    a degree it has in none is said in words ("ansvarar inte för någon")."""
    return t("{actor} {leads}, {takes_part} and {concerned} initiatives.", actor=actor,
             leads=t("leads {count}", count=leads) if leads else t("leads 0"),
             takes_part=(t("takes part in {count}", count=takes_part) if takes_part
                         else t("takes part in 0")),
             concerned=(t("is concerned in {count}", count=concerned) if concerned
                        else t("is concerned in 0")))


def indicator_value(value: IndicatorValue) -> str:
    text = format_number(value.value)
    return f"{text} ({value.note})" if value.note else text


def signed_number(value: float | int) -> str:
    text = format_number(abs(value))
    return f"+{text}" if value > 0 else (f"−{text}" if value < 0 else "0")


def indicator_table(indicators: tuple[Indicator, ...], years: list[int], *,
                    with_change: bool = False) -> TableOutput:
    """The indicators: one row per indicator, one column per year; ``with_change`` (the
    lägesbild of ``report status``) adds the change over the series and the target."""
    from fardplan_cli.report import indicator_change

    rows = []
    for indicator in indicators:
        by_year = {v.year: v for v in indicator.values}
        row = [
            indicator.label,
            indicator.unit or "",
            *(indicator_value(by_year[y]) if y in by_year else "" for y in years),
        ]
        if with_change:
            change = indicator_change(indicator)
            target = indicator.target
            row += [signed_number(change) if change is not None else "",
                    f"{format_number(target.value)} ({target.year})" if target is not None else ""]
        rows.append(row)
    columns = [t("Indicator"), t("Unit"), *(str(y) for y in years)]
    if with_change:
        columns += [t("Change"), t("Target")]
        data = [{**indicator_json(i), "change": indicator_change(i)} for i in indicators]
    else:
        data = [indicator_json(i) for i in indicators]
    return TableOutput(columns, rows, data, title=t("Indicators"))


def area_situation(plan: PlanSet, area: int, initiatives: list[Initiative],
                   today: str) -> tuple[TableOutput, dict[str, Any]]:
    """One goal area of a core's lägesbild: each initiative with its status, lead, latest update
    and open activities."""
    from fardplan_cli.query import display_ref, latest_updates, open_activities
    from fardplan_cli.render.follow_up import due_cell, update_line
    from fardplan_cli.render.shapes import activity_json, update_json

    rows, items = [], []
    for initiative in initiatives:
        latest = latest_updates(initiative, 1)
        still_open = open_activities(initiative)
        status = status_label(initiative.status)
        if initiative.status_note:
            status += f" ({initiative.status_note})"
        lead = plan.actor_name(initiative.lead) if initiative.lead else ""
        if initiative.lead_unit:
            lead += f" ({plan.actor_name(initiative.lead_unit)})"
        activity_lines = [
            f"{a.id} {a.title}" + (f", {due_cell(a, today)}" if a.due else "")
            for a in still_open
        ]
        rows.append([display_ref(initiative), initiative.title, status, lead,
                     update_line(plan, latest[0]) if latest else "", "; ".join(activity_lines)])
        core = initiative.core or initiative.followed_in
        items.append({
            "ref": display_ref(initiative),
            "id": initiative.id,
            "followed_up_in": initiative.followed_in,
            "title": initiative.title,
            "status": initiative.status,
            "status_note": initiative.status_note,
            "lead": initiative.lead,
            "lead_unit": initiative.lead_unit,
            "latest_update": update_json(latest[0]) if latest else None,
            "open_activities": [activity_json(a, core, overdue=is_overdue(a, today))
                                for a in still_open],
        })
    goal_area = plan.goal_area(area)
    title = f"{area} {goal_area.title}" if goal_area else str(area)
    columns = [t("Ref"), t("Title"), t("Status"), t("Lead"), t("Latest update"),
               t("Open activities")]
    data = {"area": area, "title": goal_area.title if goal_area else None, "initiatives": items}
    return TableOutput(columns, rows, items, title=title), data


# -- status ----------------------------------------------------------------------------------------


def _status_row(plan: PlanSet, row: StatusRow, cycle: str | None) -> dict[str, Any]:
    core = plan.core(row.core) if row.core else None
    area = plan.goal_area(row.area) if row.area is not None else None
    return status_row_json(row, core_name=core.name if core else None,
                           area_title=area.title if area else None, cycle=cycle)


def status_output(plan: PlanSet, report: StatusReport, *, single_table: bool = False,
                  today: str = "") -> Output:
    """The status table (and with --core the lägesbild, with --stale-days the stale initiatives).

    The lägesbild: per goal area, the initiatives with status, lead, latest update and open
    activities (overdue ones marked, measured on ``today``), then the indicator series.
    ``single_table`` gives the status table alone, for CSV, which holds one table.
    """
    cycle = report.cycle
    cycle_column = t("Prioritised {cycle}", cycle=cycle) if cycle else t("Prioritised")
    columns = [t("Core"), t("Area"), t("Initiatives"), *(status_label(s) for s in STATUSES),
               cycle_column, t("Without lead")]
    rows = []
    for row in (*report.rows, report.total):
        core = plan.core(row.core) if row.core else None
        rows.append([
            core.name if core else t("Total"),
            str(row.area) if row.area is not None else "",
            str(row.initiatives),
            *(str(row.by_status.get(s, 0)) for s in STATUSES),
            str(row.prioritised),
            str(row.without_lead),
        ])
    data = status_report_json(
        core=report.core.id if report.core else None, cycle=report.cycle,
        rows=[_status_row(plan, r, report.cycle) for r in (*report.rows, report.total)])
    if report.core is None:
        caption = t("Common initiatives are in every core's plan and count in each core's rows, "
                    "with their status there; the total is the sum of the rows.")
    else:
        caption = t("The total is the plan of {core}.", core=report.core.name)
    caption += "\n" + t("Goal areas:") + "".join(
        f"\n{g.number} {g.title}" for g in plan.region.goal_areas)
    main = TableOutput(columns, rows, data, title=t("Status"), caption=caption)
    tables = [main]
    if report.core is not None:
        data["entered"] = report.core.entered
        series = indicator_table(report.indicators, report.indicator_years, with_change=True)
        data["indicators"] = series.data
        data["areas"] = []
        for area in sorted({i.area for i in report.initiatives}):
            chosen = [i for i in report.initiatives if i.area == area]
            table, area_data = area_situation(plan, area, chosen, today)
            tables.append(table)
            data["areas"].append(area_data)
        if report.indicators:
            tables.append(series)
    if report.stale is not None:
        data["stale_days"] = report.stale_days
        data["stale"] = [stale_json(r) for r in report.stale]
        stale_rows = [
            [r.initiative.ref, r.initiative.title, status_label(r.initiative.status),
             r.last_changed.date().isoformat(), str(r.age_days)]
            for r in report.stale
        ]
        stale_columns = [t("Ref"), t("Title"), t("Status"), t("Last changed"), t("Days")]
        tables.append(TableOutput(
            stale_columns, stale_rows, data["stale"],
            title=t("Not changed in {days} days", days=report.stale_days),
            caption=tn("{count} initiative", "{count} initiatives", len(stale_rows))))
    if single_table or (len(tables) == 1 and (report.core is None or report.core.entered)):
        return main
    fields = []
    if report.core is not None:
        fields.append((t("Core"), report.core.name))
        if not report.core.entered:
            fields.append((t("Note"), t("The plan of this core has not been entered yet.")))
    title = t("Status report") + (f": {report.core.name}" if report.core else "")
    return DetailOutput(title, fields, [], data, tables)


def common_status_output(plan: PlanSet, rows: list[CommonStatusRow]) -> Output:
    """One row per common initiative, one column per core, the status in each cell (a status
    note marked with ``*`` and given in the JSON)."""
    from fardplan_cli.render.shapes import common_status_json

    cores = [(c.id, c.name) for c in plan.cores]
    table_rows = []
    for row in rows:
        cells = []
        for core_id, _ in cores:
            followed = row.by_core.get(core_id)
            if followed is None:
                cells.append("")
                continue
            cells.append(status_label(followed.status) + (" *" if followed.status_note else ""))
        table_rows.append([row.initiative.ref, row.initiative.title, *cells])
    columns = [t("Ref"), t("Title"), *(name for _, name in cores)]
    caption = t("The status of each common initiative as each core follows it up; * a status "
                "note ('fardplan show CORE:ID' gives it).")
    return TableOutput(columns, table_rows, common_status_json(rows, cores),
                       title=t("Common initiatives in the cores"), caption=caption)


# -- responsibility --------------------------------------------------------------------------------


def _role_noun(row: InvolvementRow) -> str:
    if row.role == "lead":
        return t("lead")
    if row.role == "lead_unit":
        return t("lead unit")
    if row.role == "activity_owner":
        return t("owner of activity {activity}", activity=row.activity)
    if row.role == "activity_participant":
        return t("participant in activity {activity}", activity=row.activity)
    return t("participant")


def how_label(plan: PlanSet, row: InvolvementRow) -> str:
    """As what the plan names the actor, and through whom when it is not named itself."""
    role = _role_noun(row)
    if row.via == "direct" or row.through is None:
        return t("directly, as {role}", role=role)
    name = plan.actor_name(row.through)
    if row.via == "group":
        return t("as {role}, through {group} (group)", role=role, group=name)
    return t("through {actor} ({role}), which it is part of", actor=name, role=role)


def degree_label(degree: str) -> str:
    if degree == "leads":
        return t("leads")
    if degree == "concerned":
        return t("concerned")
    return t("takes part")


def actor_output(
    plan: PlanSet, actor: Actor, rows: list[InvolvementRow], core_id: str | None
) -> Output:
    from fardplan_cli.query import display_ref

    columns = [t("Ref"), t("Title"), t("Role"), t("How"), t("Status")]
    table_rows = [
        [display_ref(r.initiative), r.initiative.title, degree_label(r.degree), how_label(plan, r),
         status_label(r.initiative.status)]
        for r in rows
    ]
    data = responsibility_json(actor, core_id, [
        involvement_json(r, plan.actor_name(r.through) if r.through else None) for r in rows])

    def count(degree: str) -> int:
        return len({display_ref(r.initiative) for r in rows if r.degree == degree})

    notes = [involvement_summary(actor.name, count("leads"), count("takes_part"),
                                 count("concerned"))]
    for through in dict.fromkeys(r.through for r in rows if r.via == "part_of" and r.through):
        notes.append(t("{actor} is concerned through {parent}, which it is part of: it does not "
                       "lead or take part by that.", actor=actor.name, parent=plan.actor_name(through)))
    for through in dict.fromkeys(r.through for r in rows if r.via == "group" and r.through):
        notes.append(t(
            "{actor} is involved through {group}, which stands for the core's municipalities.",
            actor=actor.name, group=plan.actor_name(through)))
    core = plan.core(core_id) if core_id else None
    title = t("Responsibility of {actor}", actor=actor.name) + (f": {core.name}" if core else "")
    return TableOutput(columns, table_rows, data, title=title, caption="\n".join(notes))


def _core_name(plan: PlanSet, core_id: str) -> str:
    core = plan.core(core_id)
    return core.name if core else core_id


def _cell(counts: RoleCounts) -> str:
    if counts == RoleCounts():
        return "–"
    return f"{counts.lead} / {counts.participant} / {counts.concerned}"


def matrix_output(plan: PlanSet, rows: list[MatrixRow], core_id: str | None) -> Output:
    core_ids = [core_id] if core_id else [c.id for c in plan.cores]
    columns = [t("Actor"), t("Kind"), *(_core_name(plan, c) for c in core_ids)]
    if core_id is None:
        columns.append(t("All cores"))
    table_rows = []
    for row in rows:
        cells = [_cell(row.by_core[c]) for c in core_ids]
        if core_id is None:
            cells.append(_cell(row.total))
        table_rows.append([row.actor.name, t(row.actor.kind), *cells])
    data = responsibility_json(None, core_id, [matrix_row_json(row) for row in rows])
    caption = t("Each cell: leads / takes part in / is concerned in through part_of (it does not "
                "lead or take part by that); {all} counts what 'fardplan list' lists.",
                all=t("All cores"))
    narrow = None
    if core_id is None:  # on a terminal too narrow for a column per core: the totals, and where
        # to see the rest
        narrow = TableOutput(
            [t("Actor"), t("Kind"), t("All cores")], [[*row[:2], row[-1]] for row in table_rows],
            data, title=t("Responsibility"), caption=caption + "\n" + t(
                "The terminal is too narrow for a column per core: each actor's initiatives in "
                "every core with 'fardplan report responsibility --actor ACTOR', one core with "
                "--core CORE, the whole matrix with --format csv or in a wider window."))
    return TableOutput(columns, table_rows, data, title=t("Responsibility"), caption=caption,
                       narrow=narrow,
                       spreadsheet=_matrix_numbers(plan, rows, core_ids, core_id is None, data))


def _matrix_numbers(plan: PlanSet, rows: list[MatrixRow], core_ids: list[str], total: bool,
                    data: object) -> TableOutput:
    """The matrix with a column per core and role, each cell a count."""
    roles = (t("leads"), t("takes part"), t("concerned"))
    heads = [*(_core_name(plan, c) for c in core_ids), *([t("All cores")] if total else [])]
    columns = [t("Actor"), t("Kind"), *(f"{head}: {role}" for head in heads for role in roles)]
    table_rows = []
    for row in rows:
        counts = [row.by_core[c] for c in core_ids] + ([row.total] if total else [])
        table_rows.append([row.actor.name, t(row.actor.kind), *(
            str(n) for c in counts for n in (c.lead, c.participant, c.concerned))])
    return TableOutput(columns, table_rows, data)
