"""The output of ``fardplan cycle list``."""

from __future__ import annotations

from collections.abc import Sequence

from fardplan_cli.cycles import CycleState
from fardplan_cli.i18n import t
from fardplan_cli.render import TableOutput
from fardplan_cli.render.shapes import cycle_json

_PHASE_LABELS = {"upcoming": "upcoming", "ongoing": "ongoing", "ended": "ended, not closed",
                 "closed": "closed"}


def cycles_output(states: Sequence[CycleState]) -> TableOutput:
    rows = [[s.id, s.name or "", s.tag, t(_PHASE_LABELS[s.phase]),
             s.commit[:10] if s.commit else "", s.date[:10] if s.date else ""] for s in states]
    columns = [t("Cycle"), t("Name"), t("Tag"), t("State"), t("Commit"), t("Date")]
    data = [cycle_json(cycle=s.id, name=s.name, in_plans=s.in_plans, tag=s.tag, commit=s.commit,
                       date=s.date, phase=s.phase) for s in states]
    return TableOutput(columns, rows, data, title=t("Cycles"))
