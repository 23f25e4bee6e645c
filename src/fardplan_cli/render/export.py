"""The renderers of ``fardplan export``: one registry from format name to renderer, as for reads,
and what the renderers share: the labels of the document's parts, in the document's language."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING, TextIO

from fardplan_cli.render import lazy_renderer

if TYPE_CHECKING:
    from fardplan_cli.export import ContentsEntry, CoreDocument, PlanDocument

ExportRenderer = Callable[["PlanDocument", TextIO], None]


EXPORT_RENDERERS: dict[str, ExportRenderer] = {
    "markdown": lazy_renderer("export_markdown", "render_markdown_document"),
    "html": lazy_renderer("export_html", "render_html_document"),
    "json": lazy_renderer("export_json", "render_json_document", escapes_itself=True),
}


@contextmanager
def labels_in(language: str) -> Iterator[None]:
    """Label what is rendered inside in ``language`` (the plans' own, or the one the user chose;
    ``en`` or else Swedish), then go back to the run's language for the messages that follow."""
    from fardplan_cli.i18n import current_language, set_language

    before = current_language()
    set_language("en" if language == "en" else "sv")
    try:
        yield
    finally:
        set_language(before)


def heading_of(core_name: str) -> str:
    from fardplan_cli.i18n import t

    return t("Roadmap for {core}", core=core_name)


def map_heading_of(core_name: str) -> str:
    from fardplan_cli.i18n import t

    return t("Initiative map {core}", core=core_name)


def not_entered_note(core_name: str) -> str:
    from fardplan_cli.i18n import t

    return t("The plan of {core} has not been entered yet: this document holds only the text that "
             "every roadmap shares.", core=core_name)


def contents_heading(document: CoreDocument, entry: ContentsEntry) -> str:
    """The words of a line of the table of contents: the heading as the document prints it."""
    from fardplan_cli.i18n import t

    labels = {
        "core": heading_of(document.core.name),
        "direction": t("Direction"),
        "common": t("Common initiatives"),
        "core-specific": t("Core-specific initiatives"),
        "map": map_heading_of(document.core.name),
        "indicators": t("Indicators"),
    }
    return entry.heading if entry.heading is not None else labels[entry.part]


def part_anchor(document: CoreDocument, part: str, key: object) -> str:
    """The id of a part's heading (``part`` as in ``ContentsEntry``), unique in a page of many
    cores: what a line of the contents points at."""
    return f"{document.core.id}-{part}-{key}".replace(".", "-")


def contents_groups(entries: Sequence[ContentsEntry]) -> list[tuple[ContentsEntry, list[ContentsEntry]]]:
    """The contents as its first level, each with the second-level lines under it."""
    groups: list[tuple[ContentsEntry, list[ContentsEntry]]] = []
    for entry in entries:
        if entry.level == 1 or not groups:
            groups.append((entry, []))
        else:
            groups[-1][1].append(entry)
    return groups
