"""The renderers of ``fardplan export``: one registry from format name to renderer, as for reads."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    from fardplan_cli.export import PlanDocument

ExportRenderer = Callable[["PlanDocument", TextIO], None]


def _markdown(document: PlanDocument, stream: TextIO) -> None:
    from fardplan_cli.render.export_markdown import render_markdown_document

    render_markdown_document(document, stream)


def _html(document: PlanDocument, stream: TextIO) -> None:
    from fardplan_cli.render.export_html import render_html_document

    render_html_document(document, stream)


def _json(document: PlanDocument, stream: TextIO) -> None:
    from fardplan_cli.render.export_json import render_json_document

    render_json_document(document, stream)


EXPORT_RENDERERS: dict[str, ExportRenderer] = {
    "markdown": _markdown,
    "html": _html,
    "json": _json,
}


def heading_of(core_name: str) -> str:
    from fardplan_cli.i18n import t

    return t("Roadmap for {core}", core=core_name)
