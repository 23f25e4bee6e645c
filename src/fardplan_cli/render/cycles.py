"""The output of ``fardplan cycle list``."""

from __future__ import annotations

from collections.abc import Sequence

from fardplan_cli.cycles import CycleState
from fardplan_cli.i18n import t
from fardplan_cli.render import TableOutput


def cycles_output(states: Sequence[CycleState]) -> TableOutput:
    rows = [[s.id, s.name or "", s.tag, t("closed") if s.closed else t("open"),
             s.commit[:10] if s.commit else "", s.date[:10] if s.date else ""] for s in states]
    columns = [t("Cycle"), t("Name"), t("Tag"), t("State"), t("Commit"), t("Date")]
    return TableOutput(columns, rows, [s.as_dict() for s in states], title=t("Cycles"))
