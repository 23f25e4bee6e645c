"""``fardplan export --format markdown``: the plan as Markdown, in the published order."""

from __future__ import annotations

from typing import TextIO

from fardplan_cli.export import CoreDocument, DocumentInitiative, PlanDocument, PrintedSection, TextBlock
from fardplan_cli.i18n import status_label, t
from fardplan_cli.render.export import contents_heading, heading_of, map_heading_of, not_entered_note
from fardplan_cli.render.markdown import escape_text, markdown_table
from fardplan_cli.render.report import indicator_table

md_text = escape_text


class _Writer:
    """Blocks of Markdown; a part of level n is a heading of n + 1 + ``offset`` hashes (the
    document's title is level 0)."""

    def __init__(self, offset: int) -> None:
        self.offset = offset
        self.blocks: list[str] = []

    def heading(self, level: int, text: str) -> None:
        self.blocks.append("#" * min(6, level + 1 + self.offset) + " " + md_text(text))

    def text(self, text: str) -> None:
        self.blocks.append(md_text(text))

    def raw(self, text: str) -> None:
        self.blocks.append(text)

    def prose(self, blocks: tuple[TextBlock, ...]) -> None:
        for block in blocks:
            if block.kind == "list":
                self.raw("\n".join(f"- {md_text(item)}" for item in block.lines))
            else:
                # Two trailing spaces: a line break inside one paragraph.
                self.raw("  \n".join(md_text(line) for line in block.lines))


def _initiative(writer: _Writer, item: DocumentInitiative) -> None:
    initiative = item.initiative
    writer.heading(3, f"{initiative.id} {initiative.title}")
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
        writer.raw("  \n".join(lines))
    if initiative.afterword:
        writer.text(initiative.afterword)


def _sections(writer: _Writer, sections: tuple[PrintedSection, ...]) -> None:
    for section in sections:
        if section.heading:
            writer.heading(section.level, section.heading)
        writer.prose(section.blocks)


def _front(writer: _Writer, document: CoreDocument) -> None:
    cover = document.cover
    title = cover.title if cover and cover.title else heading_of(document.core.name)
    writer.heading(0, title)
    if cover and cover.title:
        writer.text(document.core.name)
    if not document.entered:
        writer.raw("*" + md_text(not_entered_note(document.core.name)) + "*")
    if cover:
        for line in (cover.publisher, *cover.address):
            if line:
                writer.text(line)
        for contact in cover.contacts:
            writer.text(f"{contact.role}: {contact.name}" if contact.name else contact.role)
        if cover.year is not None:
            writer.text(t("Published: {year}", year=cover.year))
    if document.contents:
        writer.heading(1, t("Contents"))
        writer.raw("\n".join(
            "  " * (entry.level - 1) + "- " + md_text(contents_heading(document, entry))
            for entry in document.contents))


def _core(writer: _Writer, document: CoreDocument) -> None:
    _front(writer, document)
    _sections(writer, document.placed("before-character"))
    titled = bool(document.cover and document.cover.title)
    if titled:  # else the core's heading is the document's title
        writer.heading(1, heading_of(document.core.name))
    for section in document.character:
        writer.heading(2 if titled else 1, section.heading)
        writer.text(section.text)
    _sections(writer, document.placed("after-character"))
    for area in document.areas:
        writer.heading(1, area.area.plan_heading)
        writer.text(area.area.summary)
        if area.direction:
            writer.heading(2, t("Direction"))
            writer.text(area.direction)
        if area.common:
            writer.heading(2, t("Common initiatives"))
            for item in area.common:
                _initiative(writer, item)
        if area.core_specific:
            writer.heading(2, t("Core-specific initiatives"))
            for item in area.core_specific:
                _initiative(writer, item)
    _sections(writer, document.placed("after-goal-areas"))
    if document.map_by_area:
        writer.heading(1, map_heading_of(document.core.name))
        for entry in document.map_by_area:
            writer.heading(2, entry.area.title)
            writer.raw("\n".join(f"- {i.id} {md_text(i.title)}" for i in entry.initiatives))
    _sections(writer, document.placed("after-initiative-map"))
    if document.indicators:
        years = sorted({v.year for i in document.indicators for v in i.values})
        table = indicator_table(document.indicators, years)
        writer.heading(1, t("Indicators"))
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
