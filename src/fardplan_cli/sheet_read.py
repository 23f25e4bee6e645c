"""The follow-up workbook read back from an xlsx file, for ``import``.

A file is read only after checks that cost little: its size, that it is a zip archive at all,
and the sizes its zip directory announces (a small file that unpacks to gigabytes is refused
before anything is unpacked). The sheets are then read from their XML parts, row by row, with
the standard library's parser: the origin ``sheet_write`` recorded, the rows as exported, and
the three data sheets' cells with their addresses (``Insatser!G4``).
"""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, NamedTuple

from fardplan_cli.errors import EditRefusedError, UsageError
from fardplan_cli.i18n import Language, t
from fardplan_cli.sheet import (
    ACTIVITIES,
    BASE_SHEET,
    FIRST_ROW,
    INITIATIVES,
    META_SHEET,
    SHEETS,
    WORKBOOK_FORMAT,
    SheetRow,
    SheetSpec,
    shown_digest,
)

if TYPE_CHECKING:
    from pathlib import Path

MAX_FILE_BYTES = 20 * 1024 * 1024
"""The largest workbook ``import`` reads: the 15,000-initiative benchmark set exports to a few
megabytes."""
MAX_UNPACKED_BYTES = 400 * 1024 * 1024
MAX_RATIO = 200
"""A zip member that unpacks to more than this many times its packed size (and to more than a
megabyte) is a zip bomb, not a spreadsheet: openpyxl's XML compresses ~10-20 times."""
MAX_MEMBERS = 10_000


class ReadCell(NamedTuple):
    address: str  # Insatser!F7
    value: Any  # None, str, int, float, bool, datetime or time, as a spreadsheet shows it


@dataclass(frozen=True, slots=True)
class ReadRow:
    number: int
    values: dict[str, Any]
    """Each column's value (by column key), as a spreadsheet shows it: None, str, int, float,
    bool, datetime or time. A row that came from another process as exported (``packed``)
    holds its base's values instead: what its cells mean, which is what import compares."""
    base: SheetRow | None
    """The row as exported (None: a row added below the exported ones)."""
    columns: Mapping[str, str]
    """Each column's place, by column key: ``Insatser!F`` (the row's number follows)."""
    as_exported: bool = False
    """Whether the row shows what it showed when the workbook was made (its digest is the
    one recorded then)."""

    def cell(self, key: str) -> ReadCell:
        """The cell of column ``key``, with its address (``Insatser!F7``)."""
        return ReadCell(f"{self.columns[key]}{self.number}", self.values[key])

    def address(self, key: str) -> str:
        return f"{self.columns[key]}{self.number}"


@dataclass(frozen=True, slots=True)
class ReadWorkbook:
    meta: dict[str, str]
    sheets: dict[str, list[ReadRow]] = field(default_factory=dict)

    def packed(self) -> _PackedWorkbook:
        """The workbook as lists and strings, which pass between processes many times faster
        than the rows' objects: a row that shows what it showed when the workbook was made is
        sent as its base alone, and a text that many cells hold is sent once."""
        once: dict[str, str] = {}
        sheets: dict[str, tuple[dict[str, str], list[_PackedRow]]] = {}
        for key, rows in self.sheets.items():
            places = dict(rows[0].columns) if rows else {}
            packed: list[_PackedRow] = []
            for row in rows:
                base = None if row.base is None else (
                    row.base.key, [once.setdefault(v, v) for v in row.base.values.values()])
                packed.append((row.number, None if row.as_exported and base is not None
                               else list(row.values.values()), base))
            sheets[key] = (places, packed)
        return self.meta, sheets

    @classmethod
    def unpacked(cls, packed: _PackedWorkbook) -> ReadWorkbook:
        meta, sheets = packed
        unpacked: dict[str, list[ReadRow]] = {}
        for spec in SHEETS:
            places, rows = sheets[spec.key]
            keys = spec.keys
            read = unpacked[spec.key] = []
            for number, shown, base in rows:
                row_base = None if base is None else SheetRow(
                    base[0], dict(zip(keys, base[1], strict=True)))
                if shown is None and row_base is not None:  # as exported: it shows its base
                    read.append(ReadRow(number, row_base.values, row_base, places, True))
                else:
                    read.append(ReadRow(number, dict(zip(keys, shown or (), strict=True)),
                                        row_base, places))
        return cls(meta, unpacked)


_PackedRow = tuple[int, list[Any] | None, tuple[str, list[str]] | None]
_PackedWorkbook = tuple[dict[str, str], dict[str, tuple[dict[str, str], list[_PackedRow]]]]


class WorkbookRefusedError(EditRefusedError):
    """A workbook that ``import`` does not read, or a cell of it that it does not take."""


def refused(message: str) -> WorkbookRefusedError:
    return WorkbookRefusedError(t("import refused, nothing written: {reason}", reason=message))


def check_archive(data: bytes, name: str) -> None:
    """A file that is an xlsx archive of a size worth opening: not over ``MAX_FILE_BYTES``, a zip
    archive whose directory announces no more than ``MAX_UNPACKED_BYTES`` unpacked, no member
    packed more tightly than ``MAX_RATIO``, and the parts of a workbook."""
    import zipfile

    if len(data) > MAX_FILE_BYTES:
        raise refused(t("{path} is {size} MB; a workbook may be at most {limit} MB", path=name,
                        size=round(len(data) / 1024 / 1024, 1),
                        limit=MAX_FILE_BYTES // 1024 // 1024))
    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise refused(t("{path} is not an xlsx workbook (not a zip archive)", path=name))
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        raise refused(t("{path} is not an xlsx workbook (not a zip archive)", path=name)) from None
    if len(members) > MAX_MEMBERS:
        raise refused(t("{path} holds {count} files; a workbook holds far fewer", path=name,
                        count=len(members)))
    unpacked = sum(m.file_size for m in members)
    bomb = any(m.file_size > 1024 * 1024 and m.file_size > MAX_RATIO * max(m.compress_size, 1)
               for m in members)
    if unpacked > MAX_UNPACKED_BYTES or bomb:
        raise refused(t("{path} unpacks to {size} MB, far more than a workbook of its size: it "
                        "is not read", path=name, size=unpacked // 1024 // 1024))
    names = {m.filename for m in members}
    if "xl/workbook.xml" not in names:
        raise refused(t("{path} is a zip archive but not an xlsx workbook", path=name))


# An xlsx file is a zip archive of XML parts: the workbook (its sheets' names, and where each
# sheet's part is), the shared strings, the styles (which cells show a number as a date) and one
# part per sheet. ``import`` reads the parts it needs itself, with the standard library's XML
# parser, row by row: a spreadsheet library builds an object per cell and costs many times more
# on a large workbook.

_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_RELATIONS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_RELATION_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
_WORKBOOK_PART = "xl/workbook.xml"
_DATE_FORMAT_IDS = frozenset((*range(14, 23), 45, 46, 47))
"""The built-in number formats that show a date or a time."""
_FORMAT_NOISE = r'"[^"]*"|\[(?!hh?\]|mm?\]|ss?\])[^\]]*\]'
"""What a number format shows without reading the number: quoted text, colours, locales."""
_DATE_PART = r"(?<![_\\])[dmhysDMHYS]"


def _is_date_format(code: str) -> bool:
    """Whether a number format shows a date or a time (its positive part has a day, month,
    year, hour, minute or second in it)."""

    return re.search(_DATE_PART, re.sub(_FORMAT_NOISE, "", code.partition(";")[0])) is not None


def _excel_date(serial: float, epoch: dt.datetime) -> dt.datetime | dt.time:
    """A date cell's serial number as the date (and time) it shows; less than a day: a time."""
    day, fraction = divmod(serial, 1)
    since = dt.timedelta(milliseconds=round(fraction * 86_400_000))
    if 0 <= serial < 1 and since.days == 0:
        return (dt.datetime.min + since).time()
    if 0 < serial < 60 and epoch.year == 1899:
        day += 1  # the 1900 date system counts a 29 February 1900 that was not
    return epoch + dt.timedelta(days=day) + since


def _number(text: str) -> int | float:
    return float(text) if "." in text or "e" in text or "E" in text else int(text)


def _column_number(letters: str) -> int:
    number = 0
    for letter in letters:
        number = number * 26 + ord(letter) - 64
    return number


def _column_name(number: int) -> str:
    letters = ""
    while number:
        number, rest = divmod(number - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _text_of(element: Any) -> str:
    """A string item's text (``<si>`` or ``<is>``): its text, or its runs' text, without the
    phonetic guide."""
    if len(element) == 1 and element[0].tag == f"{_MAIN}t":
        return element[0].text or ""
    plain = element.find(f"{_MAIN}t")
    runs = "".join(run.findtext(f"{_MAIN}t") or "" for run in element.iterfind(f"{_MAIN}r"))
    return ((plain.text or "") if plain is not None else "") + runs


@dataclass(frozen=True, slots=True)
class _SheetCells:
    """One sheet as read: each row's values (column 1 first; as many as the columns asked for,
    else up to the row's last cell), the formulas (by row and column), the last row that holds
    a cell, and the ranges of its merged cells."""

    rows: dict[int, list[Any]]
    formulas: dict[tuple[int, int], str]
    last_row: int
    merged: list[str]


class _Package:
    """The parts of an xlsx archive that ``import`` reads."""

    def __init__(self, archive: Any) -> None:
        import posixpath
        from xml.etree.ElementTree import fromstring

        self.archive = archive
        workbook = fromstring(archive.read(_WORKBOOK_PART))
        relations = fromstring(archive.read("xl/_rels/workbook.xml.rels"))
        targets: dict[str, str] = {}
        kinds: dict[str, str] = {}
        for relation in relations.iter(f"{_RELATIONS}Relationship"):
            target = relation.get("Target", "")
            path = target[1:] if target.startswith("/") else posixpath.normpath(f"xl/{target}")
            targets[relation.get("Id", "")] = path
            kinds[relation.get("Type", "").rsplit("/", 1)[-1]] = path
        self.sheets = {sheet.get("name", ""): targets.get(sheet.get(_RELATION_ID, ""), "")
                       for sheet in workbook.iter(f"{_MAIN}sheet")}
        properties = workbook.find(f"{_MAIN}workbookPr")
        in_1904 = properties is not None and properties.get("date1904") in ("1", "true")
        self.epoch = dt.datetime(1904, 1, 1) if in_1904 else dt.datetime(1899, 12, 30)
        self.strings = self._strings(kinds.get("sharedStrings"))
        self.dates = self._date_styles(kinds.get("styles"))

    def _strings(self, path: str | None) -> list[str]:
        from xml.etree.ElementTree import iterparse

        if path is None or path not in self.archive.namelist():
            return []
        strings = []
        with self.archive.open(path) as stream:
            for _, element in iterparse(stream):
                if element.tag == f"{_MAIN}si":
                    strings.append(_text_of(element).replace("x005F_", ""))
                    element.clear()
        return strings

    def _date_styles(self, path: str | None) -> frozenset[int]:
        """The cell styles (their index) that show a number as a date."""
        from xml.etree.ElementTree import fromstring

        if path is None or path not in self.archive.namelist():
            return frozenset()
        styles = fromstring(self.archive.read(path))
        codes = {int(f.get("numFmtId", "-1")): f.get("formatCode", "")
                 for f in styles.iter(f"{_MAIN}numFmt")}
        formats = styles.find(f"{_MAIN}cellXfs")
        found = set()
        for index, style in enumerate(formats if formats is not None else ()):
            number = int(style.get("numFmtId", "0"))
            if (number in _DATE_FORMAT_IDS if number not in codes
                    else _is_date_format(codes[number])):
                found.add(index)
        return frozenset(found)

    def sheet(self, title: str, columns: int | None = None) -> _SheetCells:
        """The sheet's cells (of its first ``columns`` columns), as they would show; a cell
        with a formula shows None, and its formula is kept apart."""
        from xml.etree.ElementTree import iterparse

        cell_tag, row_tag, merge_tag = f"{_MAIN}c", f"{_MAIN}row", f"{_MAIN}mergeCell"
        formula_tag, inline_tag, text_tag = f"{_MAIN}f", f"{_MAIN}is", f"{_MAIN}t"
        width = columns or 0
        rows: dict[int, list[Any]] = {}
        formulas: dict[tuple[int, int], str] = {}
        merged: list[str] = []
        last_row = row_number = 0
        letters_cache: dict[str, int] = {}
        with self.archive.open(self.sheets[title]) as stream:
            for _, element in iterparse(stream):
                tag = element.tag
                if tag != row_tag:
                    if tag == merge_tag:
                        merged.append(element.get("ref", ""))
                    continue
                number = element.get("r")
                row_number = int(number) if number else row_number + 1
                values: list[Any] = [None] * width
                column = 0
                for cell in element:
                    if cell.tag != cell_tag:
                        continue
                    get = cell.get
                    reference = get("r")
                    if reference:
                        letters = reference.rstrip("0123456789")
                        column = letters_cache.get(letters) or letters_cache.setdefault(
                            letters, _column_number(letters))
                    else:
                        column += 1
                    last_row = row_number
                    if columns is not None and column > columns:
                        continue
                    parts = len(cell)
                    if not parts:  # an empty cell, written for its style
                        continue
                    if column > len(values):
                        values.extend([None] * (column - len(values)))
                    first = cell[0]
                    if parts > 1 or first.tag == formula_tag:
                        formula = cell.find(formula_tag)
                        if formula is not None:
                            formulas[(row_number, column)] = "=" + (formula.text or "")
                            continue
                    if first.tag == inline_tag and get("t") == "inlineStr":
                        # the text of an inline string, as fardplan and most writers write it
                        values[column - 1] = (
                            first[0].text or "" if len(first) == 1 and first[0].tag == text_tag
                            else _text_of(first))
                    else:
                        values[column - 1] = self._value(cell, get("t", "n"), get("s"))
                rows[row_number] = values
                element.clear()
        return _SheetCells(rows, formulas, last_row, merged)

    def _value(self, cell: Any, kind: str, style: str | None) -> Any:
        """What a cell (without a formula) shows, by its type and style."""
        if kind == "inlineStr":
            inline = cell.find(f"{_MAIN}is")
            return None if inline is None else _text_of(inline)
        raw = cell.findtext(f"{_MAIN}v")
        if not raw:
            return None
        if kind == "n":
            value = _number(raw)
            if style and int(style) in self.dates:
                try:
                    return _excel_date(value, self.epoch)
                except (OverflowError, ValueError):
                    return "#VALUE!"
            return value
        if kind == "s":
            return self.strings[int(raw)]
        if kind == "b":
            return bool(int(raw))
        if kind == "d":
            try:
                return dt.datetime.fromisoformat(raw.replace("Z", "+00:00"))
            except ValueError:
                return raw
        return raw


def _meta(book: _Package, name: str) -> dict[str, str]:
    if META_SHEET not in book.sheets:
        raise refused(t("{path} was not made by 'fardplan export --format xlsx' (it has no "
                        "record of the plans it was made from)", path=name))
    meta: dict[str, str] = {}
    for key, value in book.sheet(META_SHEET, 2).rows.values():
        if isinstance(key, str):
            meta[key] = "" if value is None else str(value)
    if meta.get("format") != WORKBOOK_FORMAT:
        raise refused(t("{path} is in workbook format {format}; this fardplan reads format "
                        "{wanted}", path=name, format=meta.get("format", "?"),
                        wanted=WORKBOOK_FORMAT))
    return meta


def _base(book: _Package, name: str) -> tuple[dict[str, dict[int, SheetRow]],
                                               dict[str, dict[int, str]]]:
    """The rows as exported, by sheet key and row number, and the digests of what they showed
    (none in a workbook made before they were recorded)."""
    import json

    lost = refused(t("{path} has lost its record of the rows as exported (sheet {sheet})",
                     path=name, sheet=BASE_SHEET))
    if BASE_SHEET not in book.sheets:
        raise lost
    sheet = book.sheet(BASE_SHEET, 1)
    text = "".join(str(values[0]) for _, values in sorted(sheet.rows.items())
                   if values[0] is not None)
    try:
        record = json.loads(text)
        base: dict[str, dict[int, SheetRow]] = {}
        for spec in (INITIATIVES, ACTIVITIES):
            keys = [c.key for c in spec.columns]
            rows = {}
            for number, values in record[spec.key].items():
                if len(values) != len(keys) or not all(isinstance(v, str) for v in values):
                    raise lost
                rows[int(number)] = SheetRow(values[0], dict(zip(keys, values, strict=True)))
            base[spec.key] = rows
        recorded = record.get("shown", {})
        shown: dict[str, dict[int, str]] = {
            spec.key: {int(number): digest
                       for number, digest in recorded.get(spec.key, {}).items()
                       if isinstance(digest, str)}
            for spec in (INITIATIVES, ACTIVITIES)}
    except (ValueError, KeyError, TypeError, AttributeError):
        raise lost from None
    return base, shown


def _read_sheet(book: _Package, spec: SheetSpec, language: Language, name: str,
                base: Mapping[int, SheetRow], shown: Mapping[int, str]) -> list[ReadRow]:
    title = spec.name(language)
    if title not in book.sheets:
        raise refused(t("{path} has no sheet {sheet!r}: a sheet was renamed or deleted; export "
                        "a new workbook, or give the sheet its name back", path=name,
                        sheet=title))
    keys = [column.key for column in spec.columns]
    sheet = book.sheet(title, len(keys))
    if sheet.merged:
        raise refused(t("{sheet}!{cells} are merged; unmerge them (merged cells lose what "
                        "all but the first held)", sheet=title, cells=sorted(sheet.merged)[0]))
    places = {key: f"{title}!{_column_name(n)}" for n, key in enumerate(keys, start=1)}
    in_rows = [(place, formula) for place, formula in sheet.formulas.items()
               if place[0] >= FIRST_ROW]
    if in_rows:
        (row, column), formula = min(in_rows)
        raise refused(t("{sheet}!{cell} holds a formula ({formula}); type the value itself",
                        sheet=title, cell=f"{_column_name(column)}{row}", formula=formula[:40]))
    rows: list[ReadRow] = []
    empty = [None] * len(keys)
    for number in range(FIRST_ROW, sheet.last_row + 1):
        values = sheet.rows.get(number, empty)
        row_base = base.get(number)
        if row_base is None and all(value in (None, "") for value in values):
            continue
        digest = shown.get(number)
        rows.append(ReadRow(number, dict(zip(keys, values, strict=True)), row_base, places,
                            digest is not None and shown_digest(values) == digest))
    read_numbers = {row.number for row in rows}
    missing = [n for n in base if n not in read_numbers]
    if missing:
        raise refused(t("{sheet}!A{row} held {key} when the workbook was made and is empty now: "
                        "rows were deleted or moved; keep the exported rows where they are",
                        sheet=title, row=missing[0], key=base[missing[0]].key))
    return rows


def read_workbook(data: bytes, name: str) -> ReadWorkbook:
    """The workbook's record of its origin and the rows of its three data sheets, with the
    rows as exported; a file that is no such workbook is refused with one message."""
    import zipfile

    check_archive(data, name)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            book = _Package(archive)
            meta = _meta(book, name)
            language: Language = "en" if meta.get("language") == "en" else "sv"
            base, shown = _base(book, name)
            return ReadWorkbook(meta, {spec.key: _read_sheet(book, spec, language, name,
                                                             base.get(spec.key, {}),
                                                             shown.get(spec.key, {}))
                                       for spec in SHEETS})
    except (zipfile.BadZipFile, KeyError, ValueError, TypeError, IndexError, OSError, EOFError,
            SyntaxError) as error:  # a part missing or not XML (ParseError is a SyntaxError)
        raise refused(t("{path} could not be read as an xlsx workbook: {error}", path=name,
                        error=str(error) or type(error).__name__)) from None


def read_workbook_file(path: Path) -> tuple[bytes, str]:
    name = str(path)
    try:
        if not path.is_file():
            raise UsageError(t("{path} does not exist or is not a file", path=name))
        if path.stat().st_size > MAX_FILE_BYTES:
            raise refused(t("{path} is {size} MB; a workbook may be at most {limit} MB",
                            path=name, size=round(path.stat().st_size / 1024 / 1024, 1),
                            limit=MAX_FILE_BYTES // 1024 // 1024))
        return path.read_bytes(), name
    except OSError as error:
        raise UsageError(t("{path} could not be read: {error}", path=name,
                           error=error.strerror or error)) from None


# -- reading a large workbook while the plans are read ----------------------------------------------

READ_ASIDE_FROM_BYTES = 1024 * 1024
"""A workbook of at least this many bytes (packed; about 5,000 rows) is read in a Python process
of its own while ``import`` reads the plans: on a machine of two or more cores the two take the
time of the longer one. Starting a process costs a few tenths of a second: a smaller workbook is
read at once."""


def _read_in_process(data: bytes, name: str, language: Language) -> _PackedWorkbook:
    """``read_workbook``, in the process that reads the workbook aside (its messages in the
    language of the command)."""
    from fardplan_cli.i18n import set_language

    set_language(language)
    return read_workbook(data, name).packed()


class WorkbookReading:
    """A workbook being read: ``result()`` is the workbook (``read_workbook``), or raises what
    reading it raised. A large workbook (``READ_ASIDE_FROM_BYTES``) is read in a process of its
    own, started with ``spawn`` as on Windows; where no process can be started, or the process
    dies, it is read in this one. A small one is read at once, and so are the cheap checks of
    ``check_archive`` of any: what refuses them is raised by the constructor."""

    def __init__(self, data: bytes, name: str, *, aside_from: int | None = None) -> None:
        check_archive(data, name)
        self._data, self._name = data, name
        self._workbook: ReadWorkbook | None = None
        self._executor: Any = None
        self._future: Any = None
        if len(data) >= (READ_ASIDE_FROM_BYTES if aside_from is None else aside_from):
            self._start()
        if self._future is None:  # a small workbook, or no process to read it in: read it now
            self._workbook = read_workbook(data, name)

    def _start(self) -> None:
        from fardplan_cli.i18n import current_language
        from fardplan_cli.worker_process import one_worker

        self._executor = one_worker()
        if self._executor is None:  # no process here: read in this one
            return
        try:
            self._future = self._executor.submit(_read_in_process, self._data, self._name,
                                                 current_language())
        except (OSError, RuntimeError, ValueError):  # the process is gone already: read here
            self.close()

    @property
    def aside(self) -> bool:
        """Whether the workbook is being read in a process of its own."""
        return self._future is not None

    def result(self) -> ReadWorkbook:
        from concurrent.futures.process import BrokenProcessPool

        if self._workbook is not None:
            return self._workbook
        if self._future is not None:
            try:
                return ReadWorkbook.unpacked(self._future.result())
            except BrokenProcessPool:  # the process died (killed, out of memory): read here
                self.close()
        return read_workbook(self._data, self._name)

    def close(self) -> None:
        """Stop the process (a reading not waited for is not finished)."""
        if self._executor is not None:
            self._executor.shutdown(wait=False, cancel_futures=True)
        self._executor = self._future = None

    def __enter__(self) -> WorkbookReading:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


__all__ = [
    "MAX_FILE_BYTES",
    "ReadCell",
    "ReadRow",
    "ReadWorkbook",
    "WorkbookReading",
    "WorkbookRefusedError",
    "check_archive",
    "read_workbook",
    "read_workbook_file",
    "refused",
]
