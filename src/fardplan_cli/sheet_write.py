"""The follow-up workbook written as an xlsx file, from the rows of ``sheet``.

The workbook a person edits has four sheets: the initiatives, the activities, new progress
reports (lägesrapporter) and the instructions. Beside them it holds, hidden where a spreadsheet
program does not offer to show them, what it was made from (``fardplan``: the format, the
commit, the repository's identity, the language and the filters), the lists its drop-downs
offer (``fardplan-lists``), and every exported row as it was, by sheet and row number
(``fardplan-base``): the base that ``import`` compares with (``sheet_read``).

openpyxl writes the workbook's frame: its parts, the styles, and each sheet's view, frozen
panes, column widths, protection, auto-filter and drop-downs, in the order Excel expects
them. The sheets' rows are written here, as SpreadsheetML, into the <sheetData> element
openpyxl leaves empty: a cell is a few characters of text, not an object, so that 300,000
cells cost a fraction of a second instead of several seconds. openpyxl is imported in this
module and in no other.
"""

from __future__ import annotations

import datetime as dt
import functools
import io
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from fardplan_cli.errors import FardplanError
from fardplan_cli.i18n import Language, t
from fardplan_cli.sheet import (
    ACTIVITIES,
    INITIATIVES,
    INSTRUCTIONS_NAME,
    NEW_ROWS,
    UPDATES,
    WORKBOOK_FORMAT,
    Column,
    SheetRow,
    SheetSpec,
    WorkbookFilter,
    WorkbookRows,
    display_value,
    shown_digest,
    status_choices,
)

if TYPE_CHECKING:

    from fardplan_cli.model import PlanSet
    from fardplan_cli.repository import PlanRepository
from fardplan_cli.sheet import BASE_CHUNK, BASE_SHEET, FIRST_ROW, LISTS_SHEET, META_SHEET


@dataclass(frozen=True, slots=True)
class WorkbookOrigin:
    """What a workbook was made from, recorded hidden in it."""

    commit: str
    """The commit (HEAD) the plans were read at; empty where the repository has no commit."""
    uncommitted: bool
    """The plans had changes not committed (the rows are those of the working tree)."""
    repository: str
    """The repository's identity: its first (root) commit's id; empty without one."""
    region: str
    language: Language
    selection: WorkbookFilter
    made_on: str

    def as_pairs(self) -> list[tuple[str, str]]:
        return [
            ("format", WORKBOOK_FORMAT), ("commit", self.commit),
            ("uncommitted", "yes" if self.uncommitted else "no"),
            ("repository", self.repository), ("region", self.region),
            ("language", self.language), ("core", self.selection.core or ""),
            ("actor", self.selection.actor or ""),
            ("area", str(self.selection.area) if self.selection.area is not None else ""),
            ("made_on", self.made_on),
        ]


def import_openpyxl() -> None:
    """Import openpyxl without numpy: openpyxl imports numpy, if it is installed, to take its
    numbers as cell values, and numpy costs as much to import as openpyxl itself (~0.1 s,
    a sixth of exporting a core's workbook). The workbook holds no numpy values. Where numpy
    is already imported, openpyxl is imported as it is."""
    import sys

    if "openpyxl" in sys.modules or "numpy" in sys.modules:
        return
    sys.modules["numpy"] = None  # type: ignore[assignment]  # import numpy: ModuleNotFoundError
    try:
        import openpyxl  # noqa: F401
    finally:
        del sys.modules["numpy"]


MAX_CELL_TEXT = 32_767
"""The most characters a cell holds (Excel's limit; longer text is refused, not cut)."""
_NOT_XML = "\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff"
_NOT_XML_CHARACTER = re.compile(f"[{_NOT_XML}]")
"""The characters XML 1.0 does not allow in a document, written or escaped."""
_TO_ESCAPE = re.compile(f"[&<>\r{_NOT_XML}]")
_EMPTY_SHEET_DATA = re.compile(rb"<sheetData\s*(?:/>|>\s*</sheetData>)")
_ROWS_PER_CHUNK = 500

_CellValue = str | int | None
"""A cell as written: a text, a number (an Excel date is the number of its day, in a style
that shows it as a date), or empty."""
_Cell = tuple[_CellValue, int]
"""A cell's value and its style's id (0: openpyxl's default style)."""
_SheetRows = Iterable[tuple[str, Sequence[_Cell]]]
"""A sheet's rows from row 1 on, each with what it is for a message (a reference, or "")."""


class UnwritableTextError(FardplanError):
    """A text of the plans that a workbook cannot hold (exit 1): the workbook is not written."""


class _UnwritableText(Exception):
    def __init__(self, cell: str, text: str, character: str | None) -> None:
        super().__init__(cell)
        self.cell = cell
        self.length = len(text)
        self.character = character
        """The first character XML does not allow; None: the text is too long."""

    def refusal(self, where: str) -> UnwritableTextError:
        if self.character is None:
            return UnwritableTextError(t(
                "the workbook is not written: {cell} would hold {count} characters, and a "
                "cell holds at most {limit}; shorten that text in the plans", cell=where,
                count=self.length, limit=MAX_CELL_TEXT))
        return UnwritableTextError(t(
            "the workbook is not written: {cell} would hold the control character "
            "U+{code:04X}, which a workbook cannot hold; remove it from the plans", cell=where,
            code=ord(self.character)))


def _text_xml(text: str, cell: str) -> str:
    """A text as an inline string's <t> element: escaped, its blanks at either end kept."""
    if len(text) > MAX_CELL_TEXT:
        raise _UnwritableText(cell, text, None)
    escaped = text
    if _TO_ESCAPE.search(text) is not None:
        forbidden = _NOT_XML_CHARACTER.search(text)
        if forbidden is not None:
            raise _UnwritableText(cell, text, forbidden.group())
        # A carriage return as a character reference: a reader turns a bare one into a line feed.
        escaped = (text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                   .replace("\r", "&#13;"))
    if text != text.strip():
        return f'<t xml:space="preserve">{escaped}</t>'
    return f"<t>{escaped}</t>"


@functools.cache
def _column_letters(count: int) -> tuple[str, ...]:
    from openpyxl.utils import get_column_letter

    return tuple(get_column_letter(index) for index in range(1, count + 1))


def _row_xml(number: int, cells: Sequence[_Cell]) -> str:
    """Row ``number`` as SpreadsheetML: a text as an inline string (never a formula, whatever
    it starts with), a number as a value, an empty cell by its style alone."""
    r = str(number)
    parts = [f'<row r="{r}">']
    for letter, (value, style) in zip(_column_letters(len(cells)), cells, strict=True):
        styled = f' s="{style}"' if style else ""
        if value is None or value == "":
            if style:  # an empty cell without a style of its own is not written at all
                parts.append(f'<c r="{letter}{r}"{styled}/>')
        elif isinstance(value, str):
            parts.append(f'<c r="{letter}{r}"{styled} t="inlineStr"><is>'
                         f"{_text_xml(value, letter + r)}</is></c>")
        else:
            parts.append(f'<c r="{letter}{r}"{styled}><v>{value}</v></c>')
    parts.append("</row>")
    return "".join(parts)


def _sheet_data(title: str, rows: _SheetRows) -> Iterator[bytes]:
    """The content of a sheet's <sheetData>, in chunks of UTF-8."""
    chunk: list[str] = []
    for number, (what, cells) in enumerate(rows, start=1):
        try:
            chunk.append(_row_xml(number, cells))
        except _UnwritableText as error:
            raise error.refusal(f"{title}!{error.cell}" + (f" ({what})" if what else "")
                                ) from None
        if len(chunk) == _ROWS_PER_CHUNK:
            yield "".join(chunk).encode("utf-8")
            chunk = []
    yield "".join(chunk).encode("utf-8")


def _fill_sheets(frame: bytes, rows: Mapping[str, tuple[str, _SheetRows]]) -> bytes:
    """The xlsx file ``frame`` (as openpyxl wrote it, every sheet's <sheetData> empty) with the
    rows of each sheet, by the sheet's part name, written into it."""
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(frame)) as source, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            part = source.read(info)
            if info.filename not in rows:
                target.writestr(info, part)
                continue
            title, sheet_rows = rows[info.filename]
            empty = _EMPTY_SHEET_DATA.search(part)
            if empty is None:
                raise RuntimeError(f"openpyxl wrote {info.filename} without an empty <sheetData>")
            filled = zipfile.ZipInfo(info.filename, info.date_time)
            filled.compress_type = zipfile.ZIP_DEFLATED
            filled.external_attr = info.external_attr
            with target.open(filled, "w") as stream:
                stream.write(part[:empty.start()] + b"<sheetData>")
                for chunk in _sheet_data(title, sheet_rows):
                    stream.write(chunk)
                stream.write(b"</sheetData>" + part[empty.end():])
    return out.getvalue()


class _Styles:
    """The few cell styles of a workbook, registered with openpyxl once; a cell is written with
    its style's id."""

    def __init__(self, wb: Any) -> None:
        from openpyxl.cell import WriteOnlyCell
        from openpyxl.styles import Alignment, Font, PatternFill, Protection

        wrap = Alignment(wrap_text=True, vertical="top")
        grey = PatternFill("solid", fgColor="F2F2F2")
        # A cell of a sheet that is not written: styles are the workbook's, registered through
        # a cell of any of its sheets.
        sheet = wb.create_sheet("styles")
        wb.remove(sheet)

        def style(*, locked: bool, date: bool = False, header: bool = False,
                  title: bool = False) -> Any:
            cell = WriteOnlyCell(sheet)
            cell.alignment = wrap
            if header:
                cell.font = Font(bold=True)
                cell.fill = PatternFill("solid", fgColor="DDE4EE")
            elif title:
                cell.font = Font(bold=True, size=14)
            elif locked:
                cell.fill = grey
            if not locked:
                cell.protection = Protection(locked=False)
            if date:
                cell.number_format = "yyyy-mm-dd"
            return cell

        header, title = style(locked=True, header=True), style(locked=True, title=True)
        cells = {(locked, date): style(locked=locked, date=date)
                 for locked in (True, False) for date in (True, False)}
        # Registered in the order the sheets first use them: the same ids as ever.
        self.title = int(title.style_id)
        locked_text = int(cells[(True, False)].style_id)
        self.header = int(header.style_id)
        self.cells = {(True, False): locked_text}
        for key in ((False, False), (True, True), (False, True)):
            self.cells[key] = int(cells[key].style_id)


_EXCEL_DAY_ZERO = dt.date(1899, 12, 30).toordinal()


def _excel_day(iso_day: str) -> int:
    """A day as Excel counts it: days since 1899-12-30, one less before 1 March 1900 (Excel
    counts a 29 February 1900 that never was)."""
    days = dt.date.fromisoformat(iso_day).toordinal() - _EXCEL_DAY_ZERO
    return days - 1 if 0 < days <= 60 else days


def _cell_value(plan: PlanSet, column: Column, value: str, language: Language) -> _CellValue:
    if not value:
        return None
    if column.kind == "date":
        return _excel_day(value)
    if column.kind == "number":
        return int(value)
    return display_value(plan, column, value, language)


def _editable(column: Column, row: SheetRow | None) -> bool:
    if column.editable == "always":
        return True
    if column.editable == "new rows":
        return row is None
    if column.editable == "own initiatives":
        return row is not None and row.own
    return False


def _letter(index: int) -> str:
    return _column_letters(index)[-1]


def _data_rows(plan: PlanSet, spec: SheetSpec, rows: Sequence[SheetRow], language: Language,
               styles: _Styles, total: int) -> _SheetRows:
    """The header row, a row per exported row, then the empty rows for new ones."""
    yield "", [(column.header(language), styles.header) for column in spec.columns]

    def styles_of(row: SheetRow | None) -> list[int]:
        return [styles.cells[(not _editable(column, row), column.kind == "date")]
                for column in spec.columns]

    # Which cells are editable depends on the column and only on whether the row is a core's
    # own initiative, or new.
    own, shared = styles_of(SheetRow("", {}, own=True)), styles_of(SheetRow("", {}, own=False))
    for row in rows:
        values = row.values
        yield row.key, list(zip(
            [_cell_value(plan, column, values.get(column.key, ""), language)
             for column in spec.columns],
            own if row.own else shared, strict=True))
    new = [(None, style) for style in styles_of(None)]
    for _ in range(total - len(rows)):
        yield "", new


def _data_sheet(wb: Any, plan: PlanSet, spec: SheetSpec, rows: Sequence[SheetRow],
                language: Language, lists: Mapping[str, str], styles: _Styles
                ) -> tuple[Any, _SheetRows]:
    from openpyxl.worksheet.datavalidation import DataValidation

    ws = wb.create_sheet(spec.name(language))
    total = len(rows) + NEW_ROWS.get(spec.key, 0)
    last = FIRST_ROW + total - 1
    for index, column in enumerate(spec.columns, start=1):
        ws.column_dimensions[_letter(index)].width = column.width
    ws.freeze_panes = "B2" if spec.key != "updates" else "A2"
    for index, column in enumerate(spec.columns, start=1):
        if column.kind not in ("status", "actor", "actors") or total == 0:
            continue
        source = lists["status" if column.kind == "status" else "actor"]
        # Several actors are typed into one cell: the list offers one name, and others are typed.
        validation = DataValidation(type="list", formula1=source,
                                    allow_blank=True, showErrorMessage=column.kind != "actors")
        if column.kind == "status":
            validation.error = t("Choose a status from the list.")
        elif column.kind == "actor":
            validation.error = t("Choose an actor from the list.")
        validation.add(f"{_letter(index)}{FIRST_ROW}:{_letter(index)}{last}")
        ws.data_validations.append(validation)
    ws.protection.sheet = True
    ws.protection.formatColumns = False
    ws.protection.formatRows = False
    ws.protection.autoFilter = False
    ws.protection.sort = True  # sorting moves rows, which import refuses
    ws.auto_filter.ref = f"A1:{_letter(len(spec.columns))}{max(last, 1)}"
    return ws, _data_rows(plan, spec, rows, language, styles, total)


def _read_back(column: Column, value: _CellValue, canonical: str) -> object:
    """What reading the workbook gives back for a cell written as ``value``: a date is read as
    the day's midnight."""
    if column.kind == "date" and value is not None:
        return dt.datetime.combine(dt.date.fromisoformat(canonical), dt.time())
    return value


def _base_sheet(wb: Any, plan: PlanSet, rows: WorkbookRows, language: Language,
                ) -> tuple[Any, _SheetRows]:
    """Every exported row as it was, by sheet and row number: JSON, cut into cells of a hidden
    sheet (a cell holds at most 32,767 characters), far cheaper to write and read than a copy
    of every cell. With it, under ``shown``, the digest of what each row's cells show
    (``shown_digest``)."""
    import json

    record: dict[str, Any] = {}
    shown: dict[str, dict[str, str]] = {}
    for spec, of in ((INITIATIVES, rows.initiatives), (ACTIVITIES, rows.activities)):
        record[spec.key], shown[spec.key] = {}, {}
        for number, row in enumerate(of, start=FIRST_ROW):
            values = [row.values.get(c.key, "") for c in spec.columns]
            record[spec.key][str(number)] = values
            shown[spec.key][str(number)] = shown_digest(
                _read_back(c, _cell_value(plan, c, value, language), value)
                for c, value in zip(spec.columns, values, strict=True))
    record["shown"] = shown
    text = json.dumps(record, ensure_ascii=False, separators=(",", ":"))
    ws = wb.create_sheet(BASE_SHEET)
    ws.sheet_state = "veryHidden"
    return ws, [("", [(text[start:start + BASE_CHUNK], 0)])
                for start in range(0, len(text), BASE_CHUNK)]


def _lists_sheet(wb: Any, plan: PlanSet, language: Language
                 ) -> tuple[Any, _SheetRows, dict[str, str]]:
    from itertools import zip_longest

    ws = wb.create_sheet(LISTS_SHEET)
    ws.sheet_state = "hidden"
    statuses = status_choices(language)
    names = sorted(a.name for a in plan.actors)
    quoted = f"'{LISTS_SHEET}'"
    return ws, [("", [(label, 0), (name, 0)]) for label, name in zip_longest(statuses, names)], {
        "status": f"={quoted}!$A$1:$A${len(statuses)}",
        "actor": f"={quoted}!$B$1:$B${max(len(names), 1)}"}


def _instructions(wb: Any, origin: WorkbookOrigin, lines: Sequence[str], styles: _Styles
                  ) -> tuple[Any, _SheetRows]:
    ws = wb.create_sheet(INSTRUCTIONS_NAME[origin.language])
    ws.column_dimensions["A"].width = 110
    ws.protection.sheet = True
    return ws, [("", [(line, styles.title if number == 1 else styles.cells[(True, False)])])
                for number, line in enumerate(lines, start=1)]


def workbook_bytes(plan: PlanSet, rows: WorkbookRows, origin: WorkbookOrigin,
                   instructions: Sequence[str]) -> bytes:
    """The workbook as the bytes of an xlsx file: openpyxl writes its frame, with every sheet
    empty, and the rows are written into the sheets as SpreadsheetML as the file is packed."""
    import_openpyxl()
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    styles = _Styles(wb)
    language = origin.language
    # The instructions open first; the hidden sheets sit between and after the visible ones.
    sheets = [_instructions(wb, origin, instructions, styles)]
    lists_sheet, list_rows, lists = _lists_sheet(wb, plan, language)
    sheets.append((lists_sheet, list_rows))
    sheets += [_data_sheet(wb, plan, INITIATIVES, rows.initiatives, language, lists, styles),
               _data_sheet(wb, plan, ACTIVITIES, rows.activities, language, lists, styles),
               _data_sheet(wb, plan, UPDATES, (), language, lists, styles),
               _base_sheet(wb, plan, rows, language)]
    meta = wb.create_sheet(META_SHEET)
    meta.sheet_state = "veryHidden"
    sheets.append((meta, [("", [(key, 0), (value, 0)]) for key, value in origin.as_pairs()]))
    frame = io.BytesIO()
    wb.save(frame)
    # Saving numbered the sheets: each one's part is known now.
    return _fill_sheets(frame.getvalue(), {ws.path.lstrip("/"): (ws.title, sheet_rows)
                                         for ws, sheet_rows in sheets})


def repository_identity(repository: PlanRepository) -> str:
    """The repository's first commit's id (the oldest root): the same in every clone; empty
    where the plans are not in git or git has no commit yet."""
    from fardplan_cli.gitstore.process import git_dir_of

    if git_dir_of(repository.root) is None:
        return ""
    from fardplan_cli.gitstore import open_git

    with open_git(repository.root) as git:
        if git.head() is None:
            return ""
        roots = git.git("rev-list", "--max-parents=0", "HEAD").decode().split()
    return sorted(roots)[0] if roots else ""


def _origin(repository: PlanRepository, plan: PlanSet, selection: WorkbookFilter,
            language: Language) -> WorkbookOrigin:
    """What the workbook is made from: HEAD, and whether plans/ differs from it (the rows are
    the working tree's); without git, or before the first commit, no commit at all."""
    from fardplan_cli.clock import today
    from fardplan_cli.gitstore.process import git_dir_of

    commit, uncommitted = "", True
    if git_dir_of(repository.root) is not None:
        from fardplan_cli.gitstore import open_git

        with open_git(repository.root) as git:
            head = git.head()
            if head is not None:
                commit = head
                uncommitted = bool(git.uncommitted("plans"))
    return WorkbookOrigin(commit, uncommitted, repository_identity(repository), plan.region.name,
                          language, selection, today().isoformat())


def make_workbook(repository: PlanRepository, plan: PlanSet, selection: WorkbookFilter,
                  language: Language) -> bytes:
    """``fardplan export --format xlsx``: the follow-up workbook of the selected initiatives."""
    from fardplan_cli.sheet import instructions, workbook_rows

    origin = _origin(repository, plan, selection, language)
    rows = workbook_rows(plan, selection, language)
    return workbook_bytes(plan, rows, origin, instructions(language, origin.commit,
                                                             origin.uncommitted))


__all__ = [
    "MAX_CELL_TEXT", "UnwritableTextError", "WorkbookOrigin", "import_openpyxl",
    "make_workbook", "repository_identity", "workbook_bytes",
]
