"""The output of ``fardplan log``: one row per commit, and the documented JSON of each entry."""

from __future__ import annotations

from fardplan_cli.diff import DiffResult
from fardplan_cli.i18n import t, tn
from fardplan_cli.log import InitiativeLog
from fardplan_cli.render import TableOutput
from fardplan_cli.render.diff_common import describe_changes
from fardplan_cli.render.shapes import history_entry_json


def log_output(log: InitiativeLog) -> TableOutput:
    plan = log.plan
    names = DiffResult((), {c.id: c.name for c in plan.cores}, {a.id: a.name for a in plan.actors},
                       {}, {i.ref: i.title for i in plan.all_initiatives()})
    rows = []
    for entry in log.entries:
        info = entry.commit
        rows.append([info.authored[:16].replace("T", " "), info.author, info.commit[:10],
                     info.subject, "\n".join(describe_changes(names, entry.changes))])
    columns = [t("Date"), t("Author"), t("Commit"), t("Message"), t("Changes")]
    count = len(log.entries)
    caption = tn("{count} commit", "{count} commits", count)
    return TableOutput(columns, rows, [history_entry_json(
        commit=e.commit.commit, date=e.commit.authored, author=e.commit.author, email=e.commit.email,
        message=e.commit.message, ref=e.ref, changes=e.changes) for e in log.entries],
                       title=t("History of {ref}", ref=log.ref), caption=caption)
