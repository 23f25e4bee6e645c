"""The renderers of ``fardplan export``: one registry from format name to renderer, as for reads."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, TextIO

from fardplan_cli.render import lazy_renderer

if TYPE_CHECKING:
    from fardplan_cli.export import PlanDocument

ExportRenderer = Callable[["PlanDocument", TextIO], None]


EXPORT_RENDERERS: dict[str, ExportRenderer] = {
    "markdown": lazy_renderer("export_markdown", "render_markdown_document"),
    "html": lazy_renderer("export_html", "render_html_document"),
    "json": lazy_renderer("export_json", "render_json_document", escapes_itself=True),
}


def heading_of(core_name: str) -> str:
    from fardplan_cli.i18n import t

    return t("Roadmap for {core}", core=core_name)
