"""``fardplan export --format markdown``: the plan as Markdown, in the published order."""

from __future__ import annotations

from typing import TextIO

from fardplan_cli.export import CoreDocument, DocumentInitiative, PlanDocument
from fardplan_cli.i18n import status_label, t
from fardplan_cli.render.export import heading_of
from fardplan_cli.render.markdown import escape_text, markdown_table
from fardplan_cli.render.report import indicator_table

md_text = escape_text


class _Writer:
    def __init__(self, offset: int) -> None:
        self.offset = offset
        self.blocks: list[str] = []

    def heading(self, level: int, text: str) -> None:
        self.blocks.append("#" * min(6, level + self.offset) + " " + md_text(text))

    def text(self, text: str) -> None:
        self.blocks.append(md_text(text))

    def raw(self, text: str) -> None:
        self.blocks.append(text)


def _initiative(writer: _Writer, item: DocumentInitiative) -> None:
    initiative = item.initiative
    writer.heading(4, f"{initiative.id} {initiative.title}")
    if initiative.description:
        writer.text(initiative.description)
    lines = []
    if item.lead_name:
        lines.append(f"**{t('Lead')}:** {md_text(item.lead_name)}")
    if item.participant_names:
        names = ", ".join(item.participant_names)
        lines.append(f"**{t('Example participants')}:** {md_text(names)}")
    if initiative.status != "planned" or initiative.status_note:
        status = status_label(initiative.status)
        if initiative.status_note:
            status += f" ({initiative.status_note})"
        lines.append(f"**{t('Status')}:** {md_text(status)}")
    if initiative.priority:
        lines.append(f"**{t('Priority')}:** {md_text(', '.join(initiative.priority))}")
    if lines:
        # Two trailing spaces: a line break inside one paragraph.
        writer.raw("  \n".join(lines))


def _core(writer: _Writer, document: CoreDocument) -> None:
    writer.heading(1, heading_of(document.core.name))
    if not document.entered:
        writer.raw("*" + md_text(t("The plan of this core has not been entered yet.")) + "*")
    if document.character:
        writer.heading(2, t("Character"))
        for section in document.character:
            writer.heading(3, section.heading)
            writer.text(section.text)
    for area in document.areas:
        writer.heading(2, f"{area.area.number} {area.area.title}")
        writer.text(area.area.summary)
        if area.direction:
            writer.heading(3, t("Direction"))
            writer.text(area.direction)
        if area.common:
            writer.heading(3, t("Common initiatives"))
            for item in area.common:
                _initiative(writer, item)
        if area.core_specific:
            writer.heading(3, t("Core-specific initiatives"))
            for item in area.core_specific:
                _initiative(writer, item)
    if document.initiative_map:
        writer.heading(2, t("Initiative map"))
        for entry in document.initiative_map:
            writer.heading(3, entry.place if entry.place is not None else t("No particular place"))
            writer.raw("\n".join(f"- {i.id} {md_text(i.title)}" for i in entry.initiatives))
    if document.indicators:
        years = sorted({v.year for i in document.indicators for v in i.values})
        table = indicator_table(document.indicators, years)
        writer.heading(2, t("Indicators"))
        table.title = None
        writer.raw(markdown_table(table).rstrip("\n"))


def render_markdown_document(document: PlanDocument, stream: TextIO) -> None:
    several = len(document.cores) != 1
    writer = _Writer(offset=1 if several else 0)
    if several:
        writer.raw("# " + md_text(document.title))
    for core in document.cores:
        _core(writer, core)
    stream.write("\n\n".join(writer.blocks) + "\n")
