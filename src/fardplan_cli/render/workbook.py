"""What ``fardplan import`` did or would do, as lines for a person: per initiative, by sheet and
row, each cell with its old and new value; then the cells whose plan value was kept."""

from __future__ import annotations

from typing import TYPE_CHECKING

from fardplan_cli.i18n import t, tn

if TYPE_CHECKING:
    from fardplan_cli.sheet_import import CellChange, ImportOutcome


def _value(text: str) -> str:
    line = " ".join(text.split())
    shown = line if len(line) <= 60 else line[:59] + "…"
    return repr(shown) if shown else t("(empty)")


def _line(change: CellChange) -> str:
    if change.outcome == "added":
        return t("  {address} {item}: {text}", address=change.address, item=change.item,
                 text=_value(change.workbook))
    if change.outcome == "already":
        return t("  {address} {item}: already in the plans, not added again",
                 address=change.address, item=change.item)
    if change.outcome == "kept":
        return t("  {address} {column}: the plans' {plans} kept (changed there since the "
                 "workbook was made)", address=change.address, column=change.column,
                 plans=_value(change.plans))
    item = "" if change.item == change.initiative else f"{change.item} "
    return t("  {address} {item}{column}: {old} -> {new}", address=change.address, item=item,
             column=change.column, old=_value(change.plans), new=_value(change.workbook))


def import_lines(outcome: ImportOutcome, dry_run: bool) -> list[str]:
    """The report of an import, one line per cell, grouped by initiative in workbook order."""
    lines: list[str] = []
    if outcome.uncommitted_origin:
        lines.append(t("note: the workbook was made from plans with uncommitted changes"))
    groups: dict[str, list[CellChange]] = {}
    for change in outcome.changes:
        groups.setdefault(change.initiative, []).append(change)
    for initiative, changes in groups.items():
        lines.append(initiative)
        lines.extend(_line(c) for c in changes)
    count = len(outcome.applied)
    files = ", ".join(r.path for r in outcome.results)
    if not outcome.results:
        lines.append(t("Nothing to change: the plans already hold what the workbook says."))
    elif dry_run:
        lines.append(tn("Would change {count} cell in {files} (dry run: nothing written).",
                        "Would change {count} cells in {files} (dry run: nothing written).",
                        count, files=files))
    elif outcome.commit:
        lines.append(tn("Changed {count} cell in {files} (commit {commit}).",
                        "Changed {count} cells in {files} (commit {commit}).", count,
                        files=files, commit=outcome.commit[:12]))
    else:
        lines.append(tn("Changed {count} cell in {files}.", "Changed {count} cells in {files}.",
                        count, files=files))
    return lines
