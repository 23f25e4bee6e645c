"""The ``table`` format: rich's tables on a terminal, the plain format of ``render.plain`` elsewhere.

On a terminal, colour follows the terminal and NO_COLOR. A table too wide for the terminal (long
titles beside many names) is printed as one block per row instead, so that nothing is folded into
unreadable slivers on an 80-column screen: rich measures the table, and when its narrowest layout
(every long column at least ``NARROWEST_TEXT`` wide, every short column whole) is wider than the
terminal, the rows become blocks.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, TextIO

from fardplan_cli.render import DetailOutput, Output, TableOutput
from fardplan_cli.render.terminal import console_for, is_terminal

if TYPE_CHECKING:
    from rich.console import Console
    from rich.table import Table

SHORT = 16  # a column whose cells are all this short never wraps
NARROWEST_TEXT = 20  # the least width a column of long text is given


def render_table(output: Output, stream: TextIO) -> None:
    if not is_terminal(stream):
        from fardplan_cli.render.plain import render_plain

        render_plain(output, stream)
        return
    console = console_for(stream, soft_wrap=False)
    if isinstance(output, TableOutput):
        print_table(output, console)
    else:
        render_detail(output, console)


def rich_table(output: TableOutput) -> Table:
    from rich.markup import escape
    from rich.table import Table

    # Escaped like every cell: a name in the title is text, not markup.
    table = Table(title=escape(output.title) if output.title else None,
                  caption=escape(output.caption) if output.caption else None)
    for index, column in enumerate(output.columns):
        cells = [row[index] for row in output.rows if index < len(row)]
        longest = max((len(cell) for cell in cells), default=0)
        short = longest <= SHORT
        table.add_column(escape(column), no_wrap=short, overflow="fold",
                         min_width=None if short else min(longest, NARROWEST_TEXT))
    for row in output.rows:
        table.add_row(*(escape(cell) for cell in row))
    return table


def fits(table: Table, console: Console) -> bool:
    """Whether rich can lay the table out within the terminal with every column whole."""
    from rich.measure import Measurement

    # Measured as if the terminal had no edge: the table's own minimum, not one clamped to the width.
    unbounded = console.options.update_width(10**6)
    return Measurement.get(console, unbounded, table).minimum <= console.width


def render_blocks(output: TableOutput, console: Console) -> None:
    """One block per row: the first cell as its heading, the others as labelled lines."""
    from rich.markup import escape
    from rich.table import Table

    if output.title:
        console.print(f"[bold]{escape(output.title)}[/bold]")
        console.print()
    for row in output.rows:
        console.print(f"[bold]{escape(row[0])}[/bold]")
        grid = Table.grid(padding=(0, 2))
        grid.add_column(no_wrap=True)
        grid.add_column(overflow="fold")
        for label, cell in zip(output.columns[1:], row[1:], strict=False):
            if cell:
                grid.add_row("  " + escape(label), escape(cell))
        console.print(grid)
        console.print()
    if output.caption:
        console.print(escape(output.caption))


def print_table(output: TableOutput, console: Console) -> None:
    table = rich_table(output)
    if fits(table, console):
        console.print(table)
    else:
        render_blocks(output, console)


def render_detail(output: DetailOutput, console: Console) -> None:
    from rich.markup import escape

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
        print_table(table, console)
