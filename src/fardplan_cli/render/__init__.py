"""Presentation: one module per output format, and one registry from format name to renderer.

A command builds an output value (``TableOutput`` or ``DetailOutput``) from the domain's result;
``render`` hands it to the renderer that the user's ``--format`` names. Renderers hold no domain
logic; the JSON shapes live in ``shapes``. Every registry's renderers are reached through
``lazy_renderer``, which is also where control characters in plan text are escaped for every
format but JSON (``render.escape``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TextIO

# The metadata of a field that is not shown as text (the JSON value): ``render.escape`` skips it.
NOT_SHOWN = {"shown": False}


@dataclass
class TableOutput:
    """Rows under column labels; ``data`` is the JSON value (the documented shape)."""

    columns: list[str]
    rows: list[list[str]]
    data: Any = field(metadata=NOT_SHOWN)
    title: str | None = None
    caption: str | None = None
    spreadsheet: TableOutput | None = None
    """The same table with one number per cell where a cell shows several (``9 / 0 / 0``), for
    CSV: what a spreadsheet program reads into a sheet."""
    # What a terminal too narrow for the table shows instead (a summary that says what it leaves
    # out and where to see it); without one, the rows are printed as blocks.
    narrow: TableOutput | None = None


@dataclass
class DetailOutput:
    """One thing in full: a title, short fields, and long text sections."""

    title: str
    fields: list[tuple[str, str]]
    sections: list[tuple[str, str]]
    data: Any = field(metadata=NOT_SHOWN)
    tables: list[TableOutput] = field(default_factory=list)


Output = TableOutput | DetailOutput
Renderer = Callable[[Output, TextIO], None]


def lazy_renderer(module: str, function: str, *, escapes_itself: bool = False) -> Callable[..., None]:
    """``render.<module>.<function>``, imported on first use: a command pays only for its format.

    Control characters in the value's text are shown escaped (``escape.escaped``), unless the
    format ``escapes_itself`` in its own encoder (JSON, CSV)."""

    def render_with(value: Any, *streams: TextIO) -> None:
        import importlib

        renderer = getattr(importlib.import_module(f"fardplan_cli.render.{module}"), function)
        if not escapes_itself:
            from fardplan_cli.render.escape import escaped

            value, streams = escaped(value, streams)
        renderer(value, *streams)

    return render_with


# The one table that both the --format choices and the dispatch read from.
RENDERERS: dict[str, Renderer] = {
    "table": lazy_renderer("table", "render_table"),
    "json": lazy_renderer("jsonout", "render_json", escapes_itself=True),
    "csv": lazy_renderer("csvout", "render_csv", escapes_itself=True),
    "markdown": lazy_renderer("markdown", "render_markdown"),
}


# ``report status`` and ``report responsibility``: the formats above, and html, a page for print
# made from the report itself rather than from its table (``render.report_html``).
REPORT_RENDERERS: dict[str, Callable[..., None]] = {
    **RENDERERS,
    "html": lazy_renderer("report_html", "render_report_page"),
}


def render(output: Output, format_name: str, stream: TextIO) -> None:
    RENDERERS[format_name](output, stream)
