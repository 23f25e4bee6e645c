"""``import`` reads an xlsx file's parts itself: every kind of cell a spreadsheet program writes
(shared and inline strings, rich text, numbers, booleans, dates in either date system, formulas,
merged cells) reads as openpyxl reads it."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from fardplan_cli import sheet_read
from fardplan_cli.sheet import META_SHEET
from tests.support import run_cli

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
DOC = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

SHEET = f"""<?xml version="1.0" encoding="UTF-8"?>
<worksheet xmlns="{MAIN}"><sheetData>
<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c>
  <c r="C1" t="inlineStr"><is><t xml:space="preserve"> inline å\nrad </t></is></c>
  <c r="D1" t="inlineStr"><is><r><t>rik</t></r><r><rPr><b/></rPr><t>text</t></r></is></c></row>
<row r="2"><c r="A2"><v>42</v></c><c r="B2"><v>2.5</v></c><c r="C2" t="b"><v>1</v></c>
  <c r="D2" s="1"><v>46388</v></c><c r="E2" s="2"><v>46388.5</v></c><c r="F2" s="1"><v>0.25</v></c>
  <c r="G2" s="3"><v>12</v></c><c r="H2" t="e"><v>#N/A</v></c></row>
<row r="4"><c r="A4"><f>SUM(A2:B2)</f><v>44.5</v></c><c r="B4" t="str"><f>"a"&amp;"b"</f><v>ab</v></c>
  <c r="C4" t="str"><v>=text</v></c><c r="D4" s="1"/></row>
<row r="6"><c r="B6" t="d"><v>2027-03-14T00:00:00</v></c></row>
</sheetData><mergeCells count="1"><mergeCell ref="B9:C9"/></mergeCells></worksheet>"""

STYLES = f"""<?xml version="1.0" encoding="UTF-8"?>
<styleSheet xmlns="{MAIN}"><numFmts count="2"><numFmt numFmtId="164" formatCode="yyyy\\-mm\\-dd"/>
<numFmt numFmtId="165" formatCode="[Red]0.00"/></numFmts>
<fonts count="1"><font><sz val="11"/></font></fonts>
<fills count="1"><fill><patternFill patternType="none"/></fill></fills>
<borders count="1"><border/></borders>
<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>
<cellXfs count="4">{"".join(
    f'<xf numFmtId="{n}" fontId="0" fillId="0" borderId="0" xfId="0"/>' for n in (0, 164, 22, 165))}
</cellXfs></styleSheet>"""

STRINGS = f"""<?xml version="1.0" encoding="UTF-8"?>
<sst xmlns="{MAIN}"><si><t>Pågående</t></si>
<si><r><t>Tr</t></r><r><rPr><i/></rPr><t>afikverket</t></r><rPh sb="0" eb="1"><t>x</t></rPh></si></sst>"""


def workbook_file(date1904: bool, name: str = "Blad å", sheet: str = SHEET) -> bytes:
    properties = ' date1904="1"' if date1904 else ""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", (
            '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.'
            'org/package/2006/content-types"><Default Extension="rels" ContentType="application/'
            'vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType'
            '="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/'
            'vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName='
            '"/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-'
            'officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/styles.xml" '
            'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"'
            '/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.'
            'openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>'))
        archive.writestr("_rels/.rels", (
            f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{RELS}"><Relationship '
            f'Id="rId1" Type="{DOC}/officeDocument" Target="xl/workbook.xml"/></Relationships>'))
        archive.writestr("xl/workbook.xml", (
            f'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{MAIN}" xmlns:r="{DOC}">'
            f'<workbookPr{properties}/><sheets>'
            f'<sheet name="{name}" sheetId="1" r:id="rId1"/></sheets></workbook>'))
        archive.writestr("xl/_rels/workbook.xml.rels", (
            f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{RELS}">'
            f'<Relationship Id="rId1" Type="{DOC}/worksheet" Target="worksheets/sheet1.xml"/>'
            f'<Relationship Id="rId2" Type="{DOC}/styles" Target="/xl/styles.xml"/>'
            f'<Relationship Id="rId3" Type="{DOC}/sharedStrings" Target="sharedStrings.xml"/>'
            f'</Relationships>'))
        archive.writestr("xl/worksheets/sheet1.xml", sheet)
        archive.writestr("xl/styles.xml", STYLES)
        archive.writestr("xl/sharedStrings.xml", STRINGS)
    return buffer.getvalue()


def as_openpyxl_reads(data: bytes) -> tuple[dict[tuple[int, int], Any], int, list[str]]:
    wb = openpyxl.load_workbook(io.BytesIO(data))
    ws = wb["Blad å"]
    cells = {(c.row, c.column): c.value for row in ws.iter_rows() for c in row
             if c.value is not None}
    return cells, ws.max_row, sorted(str(r) for r in ws.merged_cells.ranges)


@pytest.mark.filterwarnings("ignore:Workbook contains no default style")
@pytest.mark.parametrize("date1904", [False, True], ids=["1900", "1904"])
def test_cells_read_as_openpyxl_reads_them(date1904: bool) -> None:
    data = workbook_file(date1904)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        sheet = sheet_read._Package(archive).sheet("Blad å")
    ours = {(row, column): value for row, values in sheet.rows.items()
            for column, value in enumerate(values, start=1) if value is not None}
    ours.update(sheet.formulas)
    theirs, _, merged = as_openpyxl_reads(data)
    assert ours == theirs
    assert sorted(sheet.merged) == merged == ["B9:C9"]
    assert sheet.last_row == 6  # openpyxl counts the merged cells' row too: 9
    assert ours[(1, 2)] == "Trafikverket"
    assert ours[(1, 3)] == " inline å\nrad "
    assert ours[(2, 4)] == (dt.datetime(2031, 1, 2) if date1904 else dt.datetime(2027, 1, 1))
    assert ours[(2, 6)] == dt.time(6, 0)
    assert ours[(4, 1)] == "=SUM(A2:B2)"


def test_only_the_columns_asked_for_are_read() -> None:
    with zipfile.ZipFile(io.BytesIO(workbook_file(False))) as archive:
        sheet = sheet_read._Package(archive).sheet("Blad å", 2)
    assert {len(values) for values in sheet.rows.values()} == {2}
    assert {column for row, column in sheet.formulas} <= {1, 2}
    assert sheet.last_row == 6


def test_a_sheet_part_that_is_not_xml_is_refused() -> None:
    data = workbook_file(False, META_SHEET, SHEET[: len(SHEET) // 2])
    with pytest.raises(sheet_read.WorkbookRefusedError, match="could not be read as an xlsx"):
        sheet_read.read_workbook(data, "half.xlsx")


def exported_workbook(repo: Path) -> bytes:
    target = repo.parent / "follow-up.xlsx"
    result = run_cli("export", "--format", "xlsx", "-o", str(target), repo=repo)
    assert result.exit_code == 0, result.output
    book = openpyxl.load_workbook(target)
    sheet = book["Insatser"]
    sheet["G2"] = "Pågående"  # one row changed, the others as exported
    sheet["H3"] = None
    book.save(target)
    return target.read_bytes()


def test_a_workbook_read_aside_is_the_workbook_read_here(plan_repo: Path) -> None:
    data = exported_workbook(plan_repo)
    here = sheet_read.read_workbook(data, "follow-up.xlsx")
    initiatives = here.sheets["initiatives"]
    assert not initiatives[0].as_exported  # G2 was changed
    assert sum(row.as_exported for row in initiatives) >= len(initiatives) - 2
    assert all(row.as_exported for row in here.sheets["activities"])
    with sheet_read.WorkbookReading(data, "follow-up.xlsx", aside_from=0) as reading:
        assert reading.aside
        assert shown(reading.result()) == shown(here)
    with sheet_read.WorkbookReading(data, "follow-up.xlsx") as reading:
        assert not reading.aside  # a small workbook is read at once
        assert reading.result() == here
    assert shown(sheet_read.ReadWorkbook.unpacked(here.packed())) == shown(here)


def shown(workbook: sheet_read.ReadWorkbook) -> dict[str, list[tuple[Any, ...]]]:
    """What each row holds; a row that shows what it showed when the workbook was made, by
    that alone (it passes between processes as its base)."""
    return {key: [(row.number, row.base, row.columns, row.as_exported,
                   None if row.as_exported else row.values)
                  for row in rows] for key, rows in workbook.sheets.items()}


def test_a_workbook_refused_aside_is_refused_with_the_same_message() -> None:
    data = workbook_file(False, META_SHEET, SHEET[: len(SHEET) // 2])
    with pytest.raises(sheet_read.WorkbookRefusedError) as here:
        sheet_read.read_workbook(data, "half.xlsx")
    with sheet_read.WorkbookReading(data, "half.xlsx", aside_from=0) as reading, \
            pytest.raises(sheet_read.WorkbookRefusedError) as aside:
        assert reading.aside
        reading.result()
    assert str(aside.value) == str(here.value)


def test_where_no_process_can_be_started_the_workbook_is_read_here(
        plan_repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import concurrent.futures

    def no_process(*args: object, **kwargs: object) -> None:
        raise OSError("no processes here")

    monkeypatch.setattr(concurrent.futures, "ProcessPoolExecutor", no_process)
    data = exported_workbook(plan_repo)
    with sheet_read.WorkbookReading(data, "follow-up.xlsx", aside_from=0) as reading:
        assert not reading.aside
        assert reading.result() == sheet_read.read_workbook(data, "follow-up.xlsx")
