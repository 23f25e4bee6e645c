"""Terminal tables with rich. Colour follows the terminal and NO_COLOR.

A table too wide for the terminal (long titles beside many names) is printed as one block per row
instead, so that nothing is folded into unreadable slivers on an 80-column screen.
"""

from __future__ import annotations

from typing import TextIO

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from fardplan_cli.render import DetailOutput, Output, TableOutput

_SHORT = 16  # a column whose cells are all this short never wraps
_NARROWEST_TEXT = 20  # the least width a column of long text is given


def console_for(stream: TextIO) -> Console:
    return Console(file=stream, highlight=False, soft_wrap=False)


def _cells(output: TableOutput, index: int) -> list[str]:
    return [row[index] for row in output.rows if index < len(row)]


def _longest(output: TableOutput, index: int) -> int:
    return max((len(cell) for cell in _cells(output, index)), default=0)


def _is_short(output: TableOutput, index: int) -> bool:
    return _longest(output, index) <= _SHORT


def _least_width(output: TableOutput, index: int) -> int:
    """The narrowest the column can be without cutting: a short column does not wrap, header included;
    a long one is never narrower than the longest word of its header or cells (rich wraps at spaces)."""
    if _is_short(output, index):
        return max(_longest(output, index), len(output.columns[index]))
    words = [len(w) for text in [output.columns[index], *_cells(output, index)] for w in text.split()]
    longest_word = max(words, default=0)
    return max(min(_longest(output, index), _NARROWEST_TEXT), min(longest_word, _NARROWEST_TEXT))


def fits(output: TableOutput, width: int) -> bool:
    """Whether the table fits the width with every column whole; else it is printed as blocks."""
    needed = sum(_least_width(output, i) for i in range(len(output.columns)))
    return needed + 3 * len(output.columns) + 1 <= width


def rich_table(output: TableOutput) -> Table:
    table = Table(title=output.title, caption=output.caption)
    for index, column in enumerate(output.columns):
        short = _is_short(output, index)
        table.add_column(
            escape(column),
            no_wrap=short,
            overflow="fold",
            ratio=None if short else max(1, _longest(output, index) // 20),
            min_width=_least_width(output, index),
        )
    for row in output.rows:
        table.add_row(*(escape(cell) for cell in row))
    return table


def render_blocks(output: TableOutput, console: Console) -> None:
    """One block per row: the first cell as its heading, the others as labelled lines."""
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
    if fits(output, console.width):
        console.print(rich_table(output))
    else:
        render_blocks(output, console)


def render_table(output: Output, stream: TextIO) -> None:
    console = console_for(stream)
    if console.is_terminal:
        _render_to(output, console)
        return
    # Piped or redirected: render plain, and drop the padding rich leaves at the end of lines.
    with console.capture() as captured:
        _render_to(output, console)
    stream.write("\n".join(line.rstrip() for line in captured.get().split("\n")))


def _render_to(output: Output, console: Console) -> None:
    if isinstance(output, TableOutput):
        print_table(output, console)
    else:
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
        print_table(table, console)
