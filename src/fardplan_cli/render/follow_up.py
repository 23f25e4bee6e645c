"""Presentation of an initiative's follow-up in a core: its activities, latest updates, the
dialogues that prioritised it and how it is carried, as tables in the user's language (``show``
and the lägesbild of ``report status --core`` print them alike)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from fardplan_cli.i18n import status_label, t
from fardplan_cli.model import Activity, Carrier, Dialogue, PlanSet, Update
from fardplan_cli.query import is_overdue
from fardplan_cli.render import TableOutput

LATEST_UPDATES = 3
"""How many updates ``show`` prints, newest first (the JSON holds them all)."""


def carrier_kind_label(kind: str) -> str:
    labels = {
        "assignment": t("political assignment"),
        "operations": t("operations"),
        "forum": t("collaboration forum"),
        "funding": t("funding"),
    }
    return labels.get(kind, kind)


def due_cell(activity: Activity, today: str) -> str:
    """The due date, marked when the activity is overdue."""
    if activity.due is None:
        return ""
    return f"{activity.due} ({t('overdue')})" if is_overdue(activity, today) else activity.due


def activity_status(activity: Activity) -> str:
    label = status_label(activity.status)
    return f"{label} {activity.done_on}" if activity.done_on else label


def activities_table(plan: PlanSet, activities: Sequence[Activity], today: str,
                     title: str | None = None) -> TableOutput:
    rows = [
        [a.id, a.title, plan.actor_name(a.owner) if a.owner else "", due_cell(a, today),
         activity_status(a)]
        for a in activities
    ]
    columns = [t("Id"), t("Activity"), t("Owner"), t("Due"), t("Status")]
    return TableOutput(columns, rows, None, title=title or t("Activities"))


def update_line(plan: PlanSet, update: Update) -> str:
    by = f" ({plan.actor_name(update.by)})" if update.by else ""
    return f"{update.date}{by}: {update.text}"


def updates_table(plan: PlanSet, updates: Iterable[Update]) -> TableOutput:
    rows = [[u.date, plan.actor_name(u.by) if u.by else "", u.text] for u in updates]
    return TableOutput([t("Date"), t("By"), t("Update")], rows, None, title=t("Latest updates"))


def dialogues_table(dialogues: Iterable[Dialogue]) -> TableOutput:
    rows = [[d.date, d.cycle, d.note or ""] for d in dialogues]
    return TableOutput([t("Date"), t("Cycle"), t("Note")], rows, None,
                       title=t("Prioritised in the dialogues"))


def amount_cell(carrier: Carrier) -> str:
    if carrier.amount_sek is None:
        return ""
    return f"{carrier.amount_sek:,}".replace(",", " ") + " kr"


def carriers_table(plan: PlanSet, carriers: Iterable[Carrier]) -> TableOutput:
    rows = [
        [carrier_kind_label(c.kind), plan.actor_name(c.actor) if c.actor else "", c.name or "",
         amount_cell(c), c.decided or ""]
        for c in carriers
    ]
    columns = [t("Carried by"), t("Actor"), t("Name"), t("Amount"), t("Decided")]
    return TableOutput(columns, rows, None, title=t("How it is carried"))
