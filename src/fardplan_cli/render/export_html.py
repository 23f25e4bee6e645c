"""``fardplan export --format html``: one self-contained page for print on A4.

No external resources (fonts, images, scripts, links): the page prints the same offline. The page
is ``templates/export.html.j2`` on the shared print layout, headed with the document's stamp (the
plan, the day, the revision) as the reports are.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, TextIO

from fardplan_cli.export import PlanDocument
from fardplan_cli.model import Indicator
from fardplan_cli.render.export import (
    contents_groups,
    contents_heading,
    heading_of,
    map_heading_of,
    not_entered_note,
    part_anchor,
)
from fardplan_cli.render.html import render_page
from fardplan_cli.render.report import indicator_value


def _years_of(indicators: Sequence[Indicator]) -> list[int]:
    return sorted({value.year for indicator in indicators for value in indicator.values})


def document_context(document: PlanDocument) -> dict[str, Any]:
    """What ``export.html.j2`` shows of ``document`` (the site renders it on its own layout)."""
    first = document.cores[0] if len(document.cores) == 1 else None
    title = document.title
    if first is not None:
        title = heading_of(first.core.name)
    return {"title": title, "stamp": document.stamp, "cores": document.cores, "heading_of": heading_of,
            "map_heading_of": map_heading_of, "not_entered_note": not_entered_note,
            "contents_heading": contents_heading, "contents_groups": contents_groups,
            "part_anchor": part_anchor, "indicator_value": indicator_value,
            "years_of": _years_of}


def html_document(document: PlanDocument) -> str:
    return render_page("export.html.j2", **document_context(document))


def render_html_document(document: PlanDocument, stream: TextIO) -> None:
    stream.write(html_document(document))
