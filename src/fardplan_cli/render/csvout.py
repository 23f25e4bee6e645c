from __future__ import annotations

import csv
from collections.abc import Iterable
from typing import TextIO

from fardplan_cli.render import DetailOutput, Output
from fardplan_cli.render.escape import escape_controls

# A cell starting with one of these is a formula to a spreadsheet program; plan text comes from many
# hands (pull requests), so such a cell is written with a leading apostrophe, which shows it as text.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(text: str) -> str:
    """A cell as written: control characters escaped (``render.escape``; CSV is registered as
    escaping itself, because its line ends are CRLF), and a formula shown as text."""
    text = escape_controls(text)
    return "'" + text if text.startswith(_FORMULA_START) else text


def _rows(rows: Iterable[Iterable[str]]) -> list[list[str]]:
    return [[safe_cell(cell) for cell in row] for row in rows]


_chosen_delimiter: str | None = None


def set_delimiter(delimiter: str | None) -> None:
    """The separator the run's CSV uses (``fardplan --delimiter``); None: the language's."""
    global _chosen_delimiter
    _chosen_delimiter = delimiter


def delimiter() -> str:
    """``;`` in Swedish, where the comma is the decimal sign and spreadsheet programs with Swedish
    settings split on ``;``; ``,`` in English; else the one chosen."""
    from fardplan_cli.i18n import current_language

    if _chosen_delimiter is not None:
        return _chosen_delimiter
    return ";" if current_language() == "sv" else ","


def render_csv(output: Output, stream: TextIO) -> None:
    # The CLI writes a byte-order mark first, so that spreadsheet programs read UTF-8 (see cli.common).
    writer = csv.writer(stream, delimiter=delimiter(), lineterminator="\r\n")
    if isinstance(output, DetailOutput):
        writer.writerow(["field", "value"])
        writer.writerow(["title", safe_cell(output.title)])
        writer.writerows(_rows(output.fields))
        writer.writerows(_rows(output.sections))
        return
    if output.spreadsheet is not None:  # one number per cell, not "9 / 0 / 0"
        output = output.spreadsheet
    writer.writerows(_rows([output.columns]))  # core names head the matrix: data too
    writer.writerows(_rows(output.rows))
