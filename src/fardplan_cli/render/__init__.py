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


def lazy_renderer(module: str, function: str) -> Callable[[Any, TextIO], None]:
    """``render.<module>.<function>``, imported on first use: a command pays only for its format."""

    def render_with(value: Any, stream: TextIO) -> None:
        import importlib

        getattr(importlib.import_module(f"fardplan_cli.render.{module}"), function)(value, stream)

    return render_with


# The one table that both the --format choices and the dispatch read from.
RENDERERS: dict[str, Renderer] = {
    "table": lazy_renderer("table", "render_table"),
    "json": lazy_renderer("jsonout", "render_json"),
    "csv": lazy_renderer("csvout", "render_csv"),
    "markdown": lazy_renderer("markdown", "render_markdown"),
}


def render(output: Output, format_name: str, stream: TextIO) -> None:
    RENDERERS[format_name](output, stream)
