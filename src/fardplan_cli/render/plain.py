"""The ``table`` format when stdout is not a terminal: plain text for pipes, files and scripts.

A terminal gets rich's tables (``render.table``). Piped or redirected, the same output is written in
a plain format of this project's own, without rich (which is not even imported), colour or layout:

- **A table** is tab-separated values: one line of column labels, then one line per row, the cells
  parted by one tab (as ``gh`` prints a list when piped, but with the header, since the columns
  depend on the language). A tab or a line break inside a cell is written ``\\t`` or ``\\n``, so
  that every line is one row: ``fardplan list | cut -f3`` gives the titles, ``sort -t$'\\t' -k6``
  sorts by status, and a spreadsheet opens the file as it is. The title and caption that explain
  the table to a reader on the terminal are left out.
- **One thing in full** (``show``, a report made of several tables) is a block of ``key: value``
  lines under its title, as ``git log`` and ``gh issue view`` print one thing: the title on the
  first line, then one ``label: value`` line per field that has a value (a line break in a value
  written ``\\n``). Then each long text and each table as a section: an empty line, the heading on
  its own line, and the body under it indented by four spaces. A text keeps its own line breaks
  and paragraphs (an empty line stays empty); a table is tab-separated values as above. Nothing
  is wrapped: titles are long Swedish sentences, and the reader's pager or terminal wraps them.

Every line ends with a line feed. Control characters in plan text are already escaped when the
output gets here (see ``render.escape``).
"""

from __future__ import annotations

from typing import TextIO

from fardplan_cli.render import DetailOutput, Output, TableOutput

INDENT = "    "


def one_line(text: str) -> str:
    """A cell or a field value on one line: tabs and line breaks written as ``\\t`` and ``\\n``."""
    if "\t" not in text and "\n" not in text:
        return text
    return text.replace("\t", "\\t").replace("\n", "\\n")


def table_lines(output: TableOutput) -> list[str]:
    """The header and the rows as tab-separated values."""
    width = len(output.columns)
    lines = ["\t".join(one_line(label) for label in output.columns)]
    for row in output.rows:
        cells = [*row, *[""] * (width - len(row))]
        lines.append("\t".join(one_line(cell) for cell in cells))
    return lines


def _section(heading: str, body: list[str]) -> list[str]:
    lines = ["", one_line(heading)] if heading else [""]
    return [*lines, *(INDENT + line if line else "" for line in body)]


def detail_lines(output: DetailOutput) -> list[str]:
    lines = [one_line(output.title)]
    lines += [f"{one_line(label)}: {one_line(value)}" for label, value in output.fields if value]
    for heading, body in output.sections:
        lines += _section(heading, body.split("\n"))
    for table in output.tables:
        lines += _section(table.title or "", table_lines(table))
    return lines


def render_plain(output: Output, stream: TextIO) -> None:
    lines = table_lines(output) if isinstance(output, TableOutput) else detail_lines(output)
    stream.write("".join(line + "\n" for line in lines))
