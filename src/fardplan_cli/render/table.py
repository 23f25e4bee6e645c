"""The ``table`` format: rich's tables on a terminal, the plain format of ``render.plain`` elsewhere.

On a terminal, colour follows the terminal and NO_COLOR. rich measures each layout's narrowest
form (every long column at least ``NARROWEST_TEXT`` wide, every short column whole) and the first
that fits the terminal is printed, so that nothing is folded into unreadable slivers on an
80-column screen:

1. the boxed table;
2. the same table without vertical lines, its headings wrapped at spaces and a first cell that
   repeats the row above it left blank (``report status`` at 120 columns);
3. a table of counts (every cell after the first two a short number, as ``report status``)
   turned: one small table per value of the first column, its rows the counted columns and its
   columns the values of the second (``report status`` at 80 columns: a table per core, a column
   per goal area);
4. one block per row: the first cell as its heading, the others as labelled lines.

Lines never end in spaces: rich pads cells to the column's width, and the padding is cut off.
"""

from __future__ import annotations

import re
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
    with console.capture() as captured:
        if isinstance(output, TableOutput):
            print_table(output, console)
        else:
            render_detail(output, console)
    stream.write(without_trailing_spaces(captured.get()))


_TRAILING = re.compile(r"(?:[ \t]|\x1b\[[0-9;]*m)+$", re.MULTILINE)
_STYLE = re.compile(r"\x1b\[[0-9;]*m")


def without_trailing_spaces(text: str) -> str:
    """Every line without the spaces rich pads it with; a style open at the end is reset."""
    def cut(match: re.Match[str]) -> str:
        return "\x1b[0m" if _STYLE.search(match.group()) else ""

    return _TRAILING.sub(cut, text)


def rich_table(output: TableOutput) -> Table:
    from rich.markup import escape
    from rich.table import Table

    # Escaped like every cell: a name in the title is text, not markup.
    table = Table(title=escape(output.title) if output.title else None,
                  caption=escape(output.caption) if output.caption else None)
    for index, column in enumerate(output.columns):
        cells = [row[index] for row in output.rows if index < len(row)]
        longest = max((len(cell) for cell in cells), default=0)
        if longest <= SHORT and len(column) > max(longest, SHORT):
            # short cells under a long heading (a core's name): the heading wraps at its spaces
            word = max((len(w) for w in column.split()), default=0)
            table.add_column(escape(column), width=max(word, longest))
            continue
        whole = longest <= SHORT or _unbroken(cells)
        table.add_column(escape(column), no_wrap=whole, overflow="fold",
                         min_width=max(longest, len(column)) if whole else _narrowest(cells, longest))
    for row in output.rows:
        table.add_row(*(escape(cell) for cell in row))
    return table


def fits(table: Table, console: Console) -> bool:
    """Whether rich can lay the table out within the terminal with every column whole."""
    from rich.measure import Measurement

    # Measured as if the terminal had no edge: the table's own minimum, not one clamped to the width.
    unbounded = console.options.update_width(10**6)
    if Measurement.get(console, unbounded, table).minimum > console.width:
        return False
    # rich shares the width out by its own rule, which can leave a column narrower than its least
    # width (a word folded, a name squeezed away): the widths it would give are checked too.
    widths = table._calculate_column_widths(console, console.options)
    return all(width >= (column.min_width or 0) and (width >= (column.width or 0))
               for width, column in zip(widths, table.columns, strict=False))


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


def compact_table(output: TableOutput, width: int) -> Table | None:
    """The table without vertical lines, headings wrapped at spaces, and the first cell left blank
    where it repeats the row above; None where it does not fit in ``width``.

    The widths are shared out here rather than by rich, whose rule can squeeze a column below its
    longest word: each column gets its least width (an id or a count whole, a word of text whole,
    long text at least ``NARROWEST_TEXT``), and what is left goes to the columns that would be
    wider, in proportion to what they lack."""
    from rich import box
    from rich.markup import escape
    from rich.table import Table

    least: list[int] = []
    most: list[int] = []
    for index, column in enumerate(output.columns):
        cells = [row[index] for row in output.rows if index < len(row)]
        longest = max((len(cell) for cell in cells), default=0)
        heading_word = max((len(w) for w in column.split()), default=0)
        if index and _counts(cells):  # as wide as its heading's longest word: the heading wraps
            least.append(max(heading_word, longest))
            most.append(least[-1])
        elif _unbroken(cells):  # ids, references: whole
            least.append(max(longest, len(column)))
            most.append(least[-1])
        else:  # text wraps at its spaces (a date above its time), its words whole
            words = max([heading_word, *(len(w) for cell in cells for w in cell.split())])
            least.append(words if longest <= SHORT else max(words, _narrowest(cells, longest)))
            most.append(max(longest, len(column)))
    gaps = 2 * (len(least) - 1)  # a space of padding and the divider between columns
    spare = width - gaps - sum(least)
    if spare < 0:
        return None
    lacking = [m - n for m, n in zip(most, least, strict=True)]
    widths = list(least)
    if sum(lacking):
        for index, lack in enumerate(lacking):
            widths[index] += min(lack, spare * lack // sum(lacking))
    table = Table(title=escape(output.title) if output.title else None,
                  caption=escape(output.caption) if output.caption else None,
                  title_justify="left", caption_justify="left",
                  box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, padding=(0, 1),
                  collapse_padding=True)
    for index, column in enumerate(output.columns):
        cells = [row[index] for row in output.rows if index < len(row)]
        counts = bool(index) and _counts(cells)
        table.add_column(escape(column), width=widths[index], overflow="fold",
                         justify="right" if counts else "left")
    previous: str | None = None
    for row in output.rows:
        first = row[0] if row else ""
        shown = [("" if first == previous else first), *row[1:]]
        previous = first
        table.add_row(*(escape(cell) for cell in shown))
    return table


def _narrowest(cells: list[str], longest: int) -> int:
    """The least width of a column of text: ``NARROWEST_TEXT``, or its longest word if wider (a
    word is wrapped whole, never folded)."""
    word = max((len(w) for cell in cells for w in cell.split()), default=0)
    return max(word, min(longest, NARROWEST_TEXT))


def _unbroken(cells: list[str]) -> bool:
    """Cells without spaces (ids, references, dates): what people type, never broken in two."""
    return all(" " not in cell and "\n" not in cell for cell in cells)


def _counts(cells: list[str]) -> bool:
    return all(cell.isdigit() or cell == "" for cell in cells)


def turned_tables(output: TableOutput) -> list[Table] | None:
    """A table of counts turned: one table per value of the first column, a row per counted
    column, a column per value of the second. None where the table is not one of counts."""
    from rich import box
    from rich.markup import escape
    from rich.table import Table

    if len(output.columns) < 4 or not output.rows:
        return None
    counted = [[row[index] for row in output.rows if index < len(row)]
               for index in range(2, len(output.columns))]
    keys = [row[1] for row in output.rows if len(row) > 1]
    if not all(_counts(cells) for cells in counted) or any(len(key) > SHORT for key in keys):
        return None
    groups: dict[str, list[list[str]]] = {}
    for row in output.rows:
        groups.setdefault(row[0], []).append(row)
    tables = []
    for name, rows in groups.items():
        table = Table(title=escape(name), title_justify="left", box=box.SIMPLE_HEAD,
                      show_edge=False, pad_edge=False, padding=(0, 1))
        table.add_column(escape(output.columns[1]), no_wrap=True)
        for row in rows:
            table.add_column(escape(row[1] if len(row) > 1 else ""), justify="right", no_wrap=True)
        for index in range(2, len(output.columns)):
            table.add_row(escape(output.columns[index]),
                          *(escape(row[index]) if index < len(row) else "" for row in rows))
        tables.append(table)
    return tables


def print_table(output: TableOutput, console: Console) -> None:
    from rich.markup import escape

    table = rich_table(output)
    if fits(table, console):
        console.print(table)
        return
    compact = compact_table(output, console.width)
    if compact is not None:
        console.print(compact)
        return
    turned = turned_tables(output)
    if turned is not None and all(fits(t, console) for t in turned):
        if output.title:
            console.print(f"[bold]{escape(output.title)}[/bold]")
        for each in turned:
            console.print()
            console.print(each)
        if output.caption:
            console.print()
            console.print(escape(output.caption))
        return
    if output.narrow is not None:
        print_table(output.narrow, console)
        return
    render_blocks(output, console)


def render_detail(output: DetailOutput, console: Console) -> None:
    from rich.markup import escape
    from rich.table import Table

    head, gap, rest = output.title.partition("  ")
    if gap:  # "sodertalje:1.3  Title": a title that wraps goes on under itself
        title = Table.grid(padding=(0, 2))
        title.add_column(no_wrap=True, style="bold")
        title.add_column(overflow="fold", style="bold")
        title.add_row(escape(head), escape(rest.lstrip()))
        console.print(title)
    else:
        console.print(f"[bold]{escape(output.title)}[/bold]")
    # Label and value side by side; a value that wraps goes on under itself, not under the label.
    grid = Table.grid(padding=(0, 2))
    grid.add_column(no_wrap=True, style="bold")
    grid.add_column(overflow="fold")
    for label, value in output.fields:
        if value:
            grid.add_row(escape(label), escape(value))
    if grid.row_count:
        console.print(grid)
    for heading, body in output.sections:
        console.print()
        console.print(f"[bold underline]{escape(heading)}[/bold underline]")
        console.print(escape(body))
    for each in output.tables:
        console.print()
        print_table(each, console)
