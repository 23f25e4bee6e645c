"""The follow-up workbook's cells as written: every text, number and date comes back the same
through a spreadsheet library, and a text no workbook can hold is refused by cell."""

from __future__ import annotations

import datetime as dt
import io
import subprocess
import sys
import zipfile
from collections.abc import Sequence
from functools import cache
from pathlib import Path

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fardplan_cli.load import load_plan_set
from fardplan_cli.model import PlanSet
from fardplan_cli.sheet import ACTIVITIES, INITIATIVES, SheetRow, WorkbookFilter, WorkbookRows
from fardplan_cli.sheet_write import MAX_CELL_TEXT, WorkbookOrigin, workbook_bytes
from tests.support import SHIPPED_PLANS, run_cli

NOT_XML = [*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0xFFFE, 0xFFFF]
texts = st.text(st.characters(codec="utf-8", exclude_characters="".join(map(chr, NOT_XML))),
                max_size=60)
days = st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(9999, 12, 31))
ORIGIN = WorkbookOrigin("", True, "", "Färdplaner", "sv", WorkbookFilter(), "2026-11-30")


@cache
def shipped_plans() -> PlanSet:
    return load_plan_set({f"plans/{p.name}": p.read_bytes()
                          for p in sorted(SHIPPED_PLANS.glob("*.yaml"))})


def initiative(ref: str, **values: str) -> SheetRow:
    cells = dict.fromkeys((c.key for c in INITIATIVES.columns), "")
    return SheetRow(ref, cells | {"ref": ref, **values}, own=True)


def activity(ref: str, **values: str) -> SheetRow:
    cells = dict.fromkeys((c.key for c in ACTIVITIES.columns), "")
    return SheetRow(ref, cells | {"ref": ref, **values})


def written(initiatives: Sequence[SheetRow], activities: Sequence[SheetRow] = ()) -> bytes:
    return workbook_bytes(shipped_plans(), WorkbookRows(tuple(initiatives), tuple(activities)),
                          ORIGIN, ["Uppföljning", "Rad två"])


def read_both_ways(data: bytes, sheet: str) -> list[list[tuple[object, ...]]]:
    """The sheet's rows as openpyxl reads them, in full and in read-only mode."""
    return [[tuple(row) for row in openpyxl.load_workbook(io.BytesIO(data), read_only=read_only)
             [sheet].iter_rows(min_row=2, values_only=True)]
            for read_only in (False, True)]


@pytest.mark.slow  # each example writes a workbook and reads it back twice
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(notes=st.lists(texts, min_size=1, max_size=4), titles=st.lists(texts, min_size=1,
                                                                      max_size=4),
       amounts=st.lists(st.integers(0, 10**15), min_size=1, max_size=4))
def test_texts_and_numbers_come_back_as_written(notes: list[str], titles: list[str],
                                                amounts: list[int]) -> None:
    rows = [initiative(f"sodertalje:1.{n}", title=title, status_note=note, funding=str(amount))
            for n, (note, title, amount) in enumerate(zip(notes, titles, amounts, strict=False))]
    for read in read_both_ways(written(rows), "Insatser"):
        assert [(r[0], r[2], r[7], r[10]) for r in read] == [
            (row.key, row.values["title"] or None, row.values["status_note"] or None,
             int(row.values["funding"])) for row in rows]


@pytest.mark.slow  # each example writes a workbook and reads it back twice
@settings(max_examples=25, deadline=None)
@given(starts=st.lists(days, min_size=1, max_size=4))
def test_dates_come_back_as_the_same_days(starts: list[dt.date]) -> None:
    rows = [activity(f"sodertalje:1.3.{n}", initiative="sodertalje:1.3", title="Inventera",
                     start=start.isoformat(), due=start.isoformat())
            for n, start in enumerate(starts, start=1)]
    for read in read_both_ways(written([initiative("sodertalje:1.3")], rows), "Aktiviteter"):
        exported = read[:len(rows)]
        assert [(r[5], r[6]) for r in exported] == [
            (dt.datetime.combine(s, dt.time()),) * 2 for s in starts]


@pytest.mark.parametrize("text", ["=1+1", "=SUM(A1:A3)", "#N/A", "<b>&amp;</b>", "  mellanrum  ",
                                  "rad ett\r\nrad två", "\ttabb", "]]>", "1.10", "tom\n"])
def test_a_text_stays_the_text_it_is(text: str) -> None:
    data = written([initiative("sodertalje:1.3", status_note=text)])
    wb = openpyxl.load_workbook(io.BytesIO(data))
    cell = wb["Insatser"]["H2"]
    assert (cell.value, cell.data_type) == (text, "s")


def test_the_data_sheets_elements_are_in_the_order_excel_requires() -> None:
    data = written([initiative("sodertalje:1.3", status_note="x")])
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        sheet = archive.read("xl/worksheets/sheet3.xml").decode()
    order = ["<sheetPr", "<sheetViews", "<sheetFormatPr", "<cols", "<sheetData>", "</sheetData>",
             "<sheetProtection", "<autoFilter", "<dataValidations", "<pageMargins"]
    assert [sheet.index(tag) for tag in order] == sorted(sheet.index(tag) for tag in order)
    assert sheet.count("<sheetData") == 1


@pytest.mark.parametrize(("note", "said"), [
    ("Vänta\\x01 här", "U+0001"),
    ("Vänta \\uFFFE", "U+FFFE"),
    ("x" * (MAX_CELL_TEXT + 1), str(MAX_CELL_TEXT)),
])
def test_a_text_no_workbook_can_hold_is_refused_by_its_cell(plan_repo: Path, note: str,
                                                            said: str) -> None:
    plan = plan_repo / "plans" / "sodertalje.yaml"
    text = plan.read_text(encoding="utf-8")
    anchor = '    status: planned\n    places: [Södertälje C, Södertälje Syd]\n'
    assert text.count(anchor) == 1
    plan.write_text(text.replace(anchor, anchor.replace(
        "planned\n", f'planned\n    status_note: "{note}"\n')), encoding="utf-8")
    assert run_cli("validate", repo=plan_repo).exit_code == 0
    target = plan_repo.parent / "out.xlsx"
    result = run_cli("export", "--format", "xlsx", "-o", str(target), "--core", "sodertalje",
                     repo=plan_repo)
    assert result.exit_code == 1, result.output
    assert "Insatser!H4 (sodertalje:1.3)" in result.stderr and said in result.stderr
    assert "Traceback" not in result.output
    assert not target.exists()


def test_exporting_imports_openpyxl_but_not_numpy(plan_repo: Path) -> None:
    """numpy costs as much to import as openpyxl, which would import it only to take numpy
    numbers as cell values."""
    target = plan_repo.parent / "out.xlsx"
    probe = ("import sys\n"
             "from fardplan_cli.cli.app import main\n"
             f"sys.argv = ['fardplan', 'export', '--format', 'xlsx', '-o', {str(target)!r}]\n"
             "try:\n"
             "    main()\n"
             "except SystemExit:\n"
             "    pass\n"
             "print(' '.join(sorted(sys.modules)))\n")
    completed = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                               encoding="utf-8", check=True, cwd=plan_repo)
    loaded = {name.partition(".")[0] for name in completed.stdout.split()}
    assert "openpyxl" in loaded and "numpy" not in loaded
    assert target.exists()
