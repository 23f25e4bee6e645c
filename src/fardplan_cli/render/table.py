"""Terminal tables with rich. Colour follows the terminal and NO_COLOR.

A table too wide for the terminal (long titles beside many names) is printed as one block per row
instead, so that nothing is folded into unreadable slivers on an 80-column screen.
"""

from __future__ import annotations

import itertools
import re
import sys
import unicodedata
from typing import TYPE_CHECKING, TextIO

from fardplan_cli.render import DetailOutput, Output, TableOutput

if TYPE_CHECKING:
    from rich.console import Console
    from rich.table import Table

_SHORT = 16  # a column whose cells are all this short never wraps
_NARROWEST_TEXT = 20  # the least width a column of long text is given


# Narrower than this (COLUMNS=0, a split pane) every value would be folded away: lay out at this
# width and let the terminal wrap, rather than lose text.
MIN_WIDTH = 40


def console_for(stream: TextIO) -> Console:
    from rich.console import Console

    console = Console(file=stream, highlight=False, soft_wrap=False)
    if console.width < MIN_WIDTH:
        console = Console(file=stream, highlight=False, soft_wrap=False, width=MIN_WIDTH)
    return console


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
    from rich.markup import escape
    from rich.table import Table

    # Escaped like every cell: a name in the title is text, not markup.
    table = Table(title=escape(output.title) if output.title else output.title,
                  caption=escape(output.caption) if output.caption else output.caption)
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
    if fits(output, console.width):
        console.print(rich_table(output))
    else:
        render_blocks(output, console)


def render_table(output: Output, stream: TextIO) -> None:
    width = plain_width(stream)
    lines = plain_lines(output, width) if width is not None else None
    if lines is not None:
        stream.write("".join(line.rstrip() + "\n" for line in lines))
        return
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


# -- plain text, without rich ------------------------------------------------------------------------
#
# Piped or redirected output has no colour and no styles, and rich costs ~25 ms to import and several
# ms per row to lay out. For text that rich measures one cell per character (no wide, zero-width or
# control characters, no emoji codes), the functions below produce the very lines rich prints: the
# same column widths (rich's measure, collapse and reduce steps for a table that does not expand), the
# same word wrapping with folding, the same HEAVY_HEAD box. Anything else goes through rich.
# tests/test_perf_c_plain_render.py compares both on the shipped plans and on random tables.
#
# _divide, _ratio_reduce, _collapse and _widths follow rich's own layout code (rich/_wrap.py,
# rich/_ratio.py, rich/table.py) so that the lines are the same; rich is under the MIT License,
# Copyright (c) 2020 Will McGugan. When a new rich lays out differently, that test says so.


class _NotPlain(Exception):
    """The output holds something that only rich renders faithfully."""


_WORD = re.compile(r"\s*\S+\s*")
_EMOJI_CODE = re.compile(r":\S*?:")
_WIDE = frozenset("WF")


def plain_width(stream: TextIO) -> int | None:
    """The width rich would give a console on this stream, or None when rich must render:
    a terminal (or forced colour), a non-UTF encoding, Windows, Jupyter, or a tiny width."""
    import builtins
    import os

    if sys.platform == "win32" or hasattr(builtins, "get_ipython"):
        return None
    environ = os.environ
    tty_compatible = environ.get("TTY_COMPATIBLE", "")
    if tty_compatible == "1":
        return None
    if tty_compatible != "0":
        force_color = environ.get("FORCE_COLOR")
        if force_color is not None:
            if force_color != "":
                return None
        else:
            isatty = getattr(stream, "isatty", None)
            try:
                if isatty is not None and isatty():
                    return None
            except ValueError:
                pass
    if getattr(sys.stdin, "__module__", "").startswith("idlelib"):
        return None
    encoding = (getattr(stream, "encoding", "utf-8") or "utf-8").lower()
    if not encoding.startswith("utf"):
        return None
    columns = environ.get("COLUMNS")
    width: int | None = None
    if columns is not None and columns.isdigit():
        width = int(columns)
    else:
        for descriptor in (0, 1, 2):
            try:
                width = os.get_terminal_size(descriptor)[0]
            except (AttributeError, ValueError, OSError):
                continue
            break
        width = width or 80
    return max(width, MIN_WIDTH)


def _check(text: str) -> str:
    """``text`` if rich measures it one cell per character and prints it as is; else _NotPlain."""
    if text.isascii():
        if not text.replace("\n", "").isprintable():
            raise _NotPlain
    else:
        for char in text:
            if char > "\x7f" and (
                not (char < "\u1100" or "\u2010" <= char <= "\u205e")
                or not char.isprintable()
                or unicodedata.category(char)[0] == "M"
                or unicodedata.east_asian_width(char) in _WIDE
            ):
                raise _NotPlain
            if char < " " and char != "\n":
                raise _NotPlain
    if (":" in text and _EMOJI_CODE.search(text)) or "\\" in text:
        # Emoji codes become emoji; rich's markup escape doubles a backslash at the end of a cell.
        raise _NotPlain
    return text


def _divide(line: str, width: int) -> list[str]:
    """rich's ``divide_line`` with folding, for one-cell characters: the pieces of the line."""
    breaks: list[int] = []
    offset = 0
    for match in _WORD.finditer(line):
        start = match.start()
        word = match.group(0)
        length = len(word.rstrip())
        if width - offset >= length:
            offset += len(word)
        elif length > width:
            chunks = [word[i:i + width] for i in range(0, len(word), width)]
            for index, chunk in enumerate(chunks):
                if start:
                    breaks.append(start)
                if index == len(chunks) - 1:
                    offset = len(chunk)
                else:
                    start += len(chunk)
        elif offset and start:
            breaks.append(start)
            offset = len(word)
    bounds = [0, *breaks, len(line)]
    return [line[a:b] for a, b in itertools.pairwise(bounds)]


def _wrap(text: str, width: int, *, no_wrap: bool = False) -> list[str]:
    """``Text.wrap`` with fold overflow and no justification: the lines, at most ``width`` wide."""
    if len(text) <= width and "\n" not in text:
        return [text]  # fits: no break, no crop
    lines = []
    for line in text.split("\n"):
        pieces = [line] if no_wrap else _divide(line, width)
        # rich drops trailing spaces beyond the width, then crops: the same as cropping.
        lines += [piece[:width] for piece in pieces]
    return lines


def _centre(text: str, width: int) -> list[str]:
    """A table's title or caption: wrapped and centred over the table's width."""
    lines = []
    for wrapped in _wrap(text, width):
        line = wrapped.rstrip()
        lines.append(" " * ((width - len(line)) // 2) + line)
    return lines


class _Column:
    def __init__(self, cells: list[str], *, no_wrap: bool, min_width: int | None, left: int,
                 right: int) -> None:
        self.cells = cells
        self.no_wrap = no_wrap
        self.min_width = min_width
        self.left = left
        self.right = right
        self.longest_line = [max((len(x) for x in c.splitlines()), default=0) for c in cells]

    def measure(self, max_width: int) -> int:
        """The maximum of rich's ``Table._measure_column`` (each cell inside its Padding)."""
        if max_width < 1:
            return 0
        pad = self.left + self.right
        if not self.cells or max_width - pad < 1:
            widest = max_width
        else:
            widest = min(max(self.longest_line), max_width - pad) + pad
        widest = min(widest, max_width)
        if self.min_width is not None:
            widest = max(widest, self.min_width + pad)
        return widest

    def render(self, index: int, width: int) -> list[str]:
        inner = width - self.left - self.right
        if inner < 1:
            raise _NotPlain
        lines = _wrap(self.cells[index], inner, no_wrap=self.no_wrap)
        return [" " * self.left + line.ljust(inner) + " " * self.right for line in lines]


def _ratio_reduce(total: int, ratios: list[int], maximums: list[int], values: list[int]) -> list[int]:
    ratios = [ratio if maximum else 0 for ratio, maximum in zip(ratios, maximums, strict=False)]
    total_ratio = sum(ratios)
    if not total_ratio:
        return values[:]
    remaining = total
    result = []
    for ratio, maximum, value in zip(ratios, maximums, values, strict=False):
        if ratio and total_ratio > 0:
            distributed = min(maximum, round(ratio * remaining / total_ratio))
            result.append(value - distributed)
            remaining -= distributed
            total_ratio -= ratio
        else:
            result.append(value)
    return result


def _collapse(widths: list[int], wrapable: list[bool], max_width: int) -> list[int]:
    total = sum(widths)
    excess = total - max_width
    if any(wrapable):
        while total and excess > 0:
            widest = max(w for w, wrap in zip(widths, wrapable, strict=False) if wrap)
            second = max(w if wrap and w != widest else 0
                         for w, wrap in zip(widths, wrapable, strict=False))
            difference = widest - second
            ratios = [1 if w == widest and wrap else 0
                      for w, wrap in zip(widths, wrapable, strict=False)]
            if not any(ratios) or not difference:
                break
            widths = _ratio_reduce(excess, ratios, [min(excess, difference)] * len(widths), widths)
            total = sum(widths)
            excess = total - max_width
    return widths


def _widths(columns: list[_Column], max_width: int) -> list[int]:
    """rich's ``Table._calculate_column_widths`` for a table that does not expand."""
    widths = [column.measure(max_width) or 1 for column in columns]
    if sum(widths) > max_width:
        widths = _collapse(widths, [not c.no_wrap for c in columns], max_width)
        if sum(widths) > max_width:
            widths = _ratio_reduce(sum(widths) - max_width, [1] * len(widths), widths, widths)
        widths = [column.measure(width) for width, column in zip(widths, columns, strict=False)]
    return widths


def _rows(columns: list[_Column], widths: list[int], header: bool) -> list[list[list[str]]]:
    """Each row as its cells' lines, padded to the row's height (a header at the bottom)."""
    rows = []
    for index in range(len(columns[0].cells)):
        cells = [c.render(index, w) for c, w in zip(columns, widths, strict=False)]
        height = max(len(cell) for cell in cells)
        shaped = []
        for cell, width in zip(cells, widths, strict=False):
            blank = [" " * width] * (height - len(cell))
            shaped.append(blank + cell if header and index == 0 else cell + blank)
        rows.append(shaped)
    return rows


def _plain_table(output: TableOutput, width: int) -> list[str]:
    """``rich_table(output)`` printed: title, HEAVY_HEAD box, caption."""
    count = len(output.columns)
    if not count or any(len(row) > count for row in output.rows):
        raise _NotPlain
    columns = []
    for index, label in enumerate(output.columns):
        cells = [_check(label), *(_check(row[index]) if index < len(row) else ""
                                  for row in output.rows)]
        columns.append(_Column(cells, no_wrap=_is_short(output, index),
                               min_width=_least_width(output, index), left=1, right=1))
    widths = _widths(columns, width - (count + 1))
    table_width = sum(widths) + count + 1
    lines = []
    if output.title:
        lines += _centre(_check(output.title), table_width)
    lines.append("┏" + "┳".join("━" * w for w in widths) + "┓")
    for number, row in enumerate(_rows(columns, widths, header=True)):
        edge = "┃" if number == 0 else "│"
        lines += [edge + edge.join(parts) + edge for parts in zip(*row, strict=False)]
        if number == 0:
            lines.append("┡" + "╇".join("━" * w for w in widths) + "┩")
    lines.append("└" + "┴".join("─" * w for w in widths) + "┘")
    if output.caption:
        lines += _centre(_check(output.caption), table_width)
    return [line[:width] for line in lines]


def _plain_blocks(output: TableOutput, width: int) -> list[str]:
    """``render_blocks`` printed: for each row its first cell, then a grid of label and value."""
    lines = []
    if output.title:
        lines += _wrap(_check(output.title), width)
        lines.append("")
    labels = ["  " + _check(label) for label in output.columns[1:]]
    for row in output.rows:
        lines += _wrap(_check(row[0]), width)
        pairs = [(label, _check(cell))
                 for label, cell in zip(labels, row[1:], strict=False) if cell]
        if pairs:
            # Table.grid(padding=(0, 2)) collapses padding and pads no edge: two spaces between.
            grid = [
                _Column([p[0] for p in pairs], no_wrap=True, min_width=None, left=0, right=2),
                _Column([p[1] for p in pairs], no_wrap=False, min_width=None, left=0, right=0),
            ]
            widths = _widths(grid, width)
            for cells in _rows(grid, widths, header=False):
                lines += ["".join(parts)[:width] for parts in zip(*cells, strict=False)]
        lines.append("")
    if output.caption:
        lines += _wrap(_check(output.caption), width)
    return lines


def _plain_print_table(output: TableOutput, width: int) -> list[str]:
    return _plain_table(output, width) if fits(output, width) else _plain_blocks(output, width)


def _plain_detail(output: DetailOutput, width: int) -> list[str]:
    lines = _wrap(_check(output.title), width)
    label_width = max((len(label) for label, _ in output.fields), default=0)
    for label, value in output.fields:
        if value:
            lines += _wrap(_check(label.ljust(label_width)) + "  " + _check(value), width)
    for heading, body in output.sections:
        lines.append("")
        lines += _wrap(_check(heading), width)
        lines += _wrap(_check(body), width)
    for table in output.tables:
        lines.append("")
        lines += _plain_print_table(table, width)
    return lines


def plain_lines(output: Output, width: int) -> list[str] | None:
    """The lines rich would print for ``output`` on a plain console ``width`` wide (before the
    trailing spaces are dropped), or None when only rich can print it faithfully."""
    try:
        if isinstance(output, TableOutput):
            return _plain_print_table(output, width)
        return _plain_detail(output, width)
    except _NotPlain:
        return None
