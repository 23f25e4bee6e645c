"""Presentation: one module per output format, and one registry from format name to renderer.

A command builds an output value (``TableOutput`` or ``DetailOutput``) from the domain's result;
``render`` hands it to the renderer that the user's ``--format`` names. Renderers hold no domain
logic; the JSON shapes live in ``shapes``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TextIO


@dataclass
class TableOutput:
    """Rows under column labels; ``data`` is the JSON value (the documented shape)."""

    columns: list[str]
    rows: list[list[str]]
    data: Any
    title: str | None = None
    caption: str | None = None


@dataclass
class DetailOutput:
    """One thing in full: a title, short fields, and long text sections."""

    title: str
    fields: list[tuple[str, str]]
    sections: list[tuple[str, str]]
    data: Any
    tables: list[TableOutput] = field(default_factory=list)


Output = TableOutput | DetailOutput
Renderer = Callable[[Output, TextIO], None]


def _table(output: Output, stream: TextIO) -> None:
    from fardplan_cli.render.table import render_table

    render_table(output, stream)


def _json(output: Output, stream: TextIO) -> None:
    from fardplan_cli.render.jsonout import render_json

    render_json(output, stream)


def _csv(output: Output, stream: TextIO) -> None:
    from fardplan_cli.render.csvout import render_csv

    render_csv(output, stream)


def _markdown(output: Output, stream: TextIO) -> None:
    from fardplan_cli.render.markdown import render_markdown

    render_markdown(output, stream)


# The one table that both the --format choices and the dispatch read from.
RENDERERS: dict[str, Renderer] = {
    "table": _table,
    "json": _json,
    "csv": _csv,
    "markdown": _markdown,
}


def render(output: Output, format_name: str, stream: TextIO) -> None:
    RENDERERS[format_name](output, stream)
