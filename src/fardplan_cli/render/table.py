"""Terminal tables with rich. Colour follows the terminal and NO_COLOR."""

from __future__ import annotations

from typing import TextIO

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from fardplan_cli.render import DetailOutput, Output, TableOutput


def console_for(stream: TextIO) -> Console:
    return Console(file=stream, highlight=False, soft_wrap=False)


def rich_table(output: TableOutput) -> Table:
    table = Table(title=output.title, caption=output.caption, show_lines=False)
    for index, column in enumerate(output.columns):
        # Short columns (ids, statuses, counts) never wrap; long text takes the remaining width.
        longest = max((len(row[index]) for row in output.rows if index < len(row)), default=0)
        short = longest <= 14
        table.add_column(
            escape(column),
            no_wrap=short,
            overflow="fold",
            ratio=None if short else max(1, longest // 20),
            min_width=None if short else 12,
        )
    for row in output.rows:
        table.add_row(*(escape(cell) for cell in row))
    return table


def render_table(output: Output, stream: TextIO) -> None:
    console = console_for(stream)
    if isinstance(output, TableOutput):
        console.print(rich_table(output))
        return
    render_detail(output, console)


def render_detail(output: DetailOutput, console: Console) -> None:
    console.print(f"[bold]{escape(output.title)}[/bold]")
    width = max((len(label) for label, _ in output.fields), default=0)
    for label, value in output.fields:
        if value:
            console.print(f"[bold]{escape(label.ljust(width))}[/bold]  {escape(value)}")
    for heading, body in output.sections:
        console.print()
        console.print(f"[bold underline]{escape(heading)}[/bold underline]")
        console.print(escape(body))
    for table in output.tables:
        console.print()
        console.print(rich_table(table))
