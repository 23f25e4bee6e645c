"""Bad workbooks: one clear message, exit 1 or 2, no traceback, every plan file unchanged."""

from __future__ import annotations

import io
import shutil
import zipfile
from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest

from fardplan_cli import sheet_read
from tests.support import SHIPPED_PLANS, SHIPPED_SCHEMAS, commit_all, init_git_repo, run_cli
from tests.support.edit import snapshot


def exported(repo: Path) -> Path:
    target = repo.parent / "follow-up.xlsx"
    result = run_cli("export", "--format", "xlsx", "-o", str(target), "--core", "sodertalje",
                     repo=repo)
    assert result.exit_code == 0, result.output
    return target


def refused(repo: Path, book: Path, *needles: str, status: int = 1) -> str:
    before = snapshot(repo)
    result = run_cli("import", str(book), repo=repo)
    assert result.exit_code == status, result.output
    assert "Traceback" not in result.output
    assert snapshot(repo) == before
    for needle in needles:
        assert needle in result.stderr, result.stderr
    return result.stderr


def edit(book: Path, change: Callable[[openpyxl.Workbook], None]) -> Path:
    wb = openpyxl.load_workbook(book)
    change(wb)
    wb.save(book)
    return book


def own_row(wb: openpyxl.Workbook) -> int:
    ws = wb["Insatser"]
    return next(r[0].row for r in ws.iter_rows(min_row=2) if r[0].value == "sodertalje:1.3")


def test_not_a_workbook(plan_repo: Path, tmp_path: Path) -> None:
    book = tmp_path / "notes.xlsx"
    book.write_text("status;note\n", encoding="utf-8")
    refused(plan_repo, book, "not an xlsx workbook")


def test_a_zip_that_is_no_workbook(plan_repo: Path, tmp_path: Path) -> None:
    book = tmp_path / "archive.xlsx"
    with zipfile.ZipFile(book, "w") as archive:
        archive.writestr("readme.txt", "hello")
    refused(plan_repo, book, "not an xlsx workbook")


def test_a_missing_file_is_a_usage_error(plan_repo: Path, tmp_path: Path) -> None:
    refused(plan_repo, tmp_path / "nowhere.xlsx", "does not exist", status=2)


def test_a_workbook_not_made_by_fardplan(plan_repo: Path, tmp_path: Path) -> None:
    book = tmp_path / "other.xlsx"
    openpyxl.Workbook().save(book)
    refused(plan_repo, book, "was not made by 'fardplan export --format xlsx'")


def test_a_workbook_of_another_repository(plan_repo: Path, tmp_path: Path) -> None:
    other = tmp_path / "other"
    shutil.copytree(SHIPPED_PLANS, other / "plans")
    shutil.copytree(SHIPPED_SCHEMAS, other / "schemas")
    (other / "plans" / "extra.txt").write_text("another history\n", encoding="utf-8")
    init_git_repo(other)
    commit_all(other, "Another repository")
    book = exported(other)
    refused(plan_repo, book, "another plan repository")


def test_rows_moved(plan_repo: Path) -> None:
    def swap(wb: openpyxl.Workbook) -> None:
        ws = wb["Insatser"]
        first = [c.value for c in ws[2]]
        second = [c.value for c in ws[3]]
        for index, value in enumerate(second, start=1):
            ws.cell(row=2, column=index).value = value
        for index, value in enumerate(first, start=1):
            ws.cell(row=3, column=index).value = value

    refused(plan_repo, edit(exported(plan_repo), swap), "Insatser!A2", "moved")


def test_a_row_deleted(plan_repo: Path) -> None:
    def delete(wb: openpyxl.Workbook) -> None:
        wb["Insatser"].delete_rows(2)

    refused(plan_repo, edit(exported(plan_repo), delete), "moved")


def test_a_row_added_below_the_initiatives(plan_repo: Path) -> None:
    def add(wb: openpyxl.Workbook) -> None:
        ws = wb["Insatser"]
        ws.cell(row=ws.max_row + 1, column=3).value = "En ny insats"

    refused(plan_repo, edit(exported(plan_repo), add), "fardplan new")


def test_an_unknown_actor_with_the_nearest_names(plan_repo: Path) -> None:
    def change(wb: openpyxl.Workbook) -> None:
        wb["Insatser"][f"F{own_row(wb)}"] = "Trafikverke"

    refused(plan_repo, edit(exported(plan_repo), change), "unknown actor 'Trafikverke'",
            "did you mean trafikverket")


def test_an_unknown_status(plan_repo: Path) -> None:
    def change(wb: openpyxl.Workbook) -> None:
        wb["Insatser"][f"G{own_row(wb)}"] = "Pågåend"

    refused(plan_repo, edit(exported(plan_repo), change), "unknown status", "ongoing")


def test_a_date_that_is_not_a_date(plan_repo: Path) -> None:
    def change(wb: openpyxl.Workbook) -> None:
        ws = wb["Aktiviteter"]
        ws["B2"] = "sodertalje:1.3"
        ws["C2"] = "Inventera"
        ws["G2"] = "nästa vår"

    refused(plan_repo, edit(exported(plan_repo), change), "Aktiviteter!G2", "not a date")


def test_a_formula_where_a_value_belongs(plan_repo: Path) -> None:
    def change(wb: openpyxl.Workbook) -> None:
        wb["Insatser"][f"H{own_row(wb)}"] = "=CONCAT(\"a\",\"b\")"

    refused(plan_repo, edit(exported(plan_repo), change), "formula")


def test_an_edited_locked_cell(plan_repo: Path) -> None:
    def change(wb: openpyxl.Workbook) -> None:
        wb["Insatser"][f"C{own_row(wb)}"] = "En annan titel"

    refused(plan_repo, edit(exported(plan_repo), change), "locked")


def test_a_merged_cell(plan_repo: Path) -> None:
    def change(wb: openpyxl.Workbook) -> None:
        wb["Insatser"].merge_cells("G2:H2")

    refused(plan_repo, edit(exported(plan_repo), change), "merged")


def test_a_sheet_renamed(plan_repo: Path) -> None:
    def change(wb: openpyxl.Workbook) -> None:
        wb["Aktiviteter"].title = "Mina aktiviteter"

    refused(plan_repo, edit(exported(plan_repo), change), "'Aktiviteter'", "renamed")


def test_a_file_over_the_size_cap(plan_repo: Path, tmp_path: Path) -> None:
    book = tmp_path / "big.xlsx"
    with book.open("wb") as stream:
        stream.truncate(sheet_read.MAX_FILE_BYTES + 1)
    refused(plan_repo, book, "at most 20 MB")


def test_a_zip_bomb_is_not_unpacked(plan_repo: Path, tmp_path: Path) -> None:
    book = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(book, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
        with archive.open("xl/worksheets/sheet1.xml", "w") as member:
            chunk = b"\0" * (1024 * 1024)
            for _ in range(64):
                member.write(chunk)
    assert book.stat().st_size < 1024 * 1024
    refused(plan_repo, book, "unpacks to 64 MB")


def test_the_archive_check_needs_no_spreadsheet_library() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
    sheet_read.check_archive(buffer.getvalue(), "ok.xlsx")  # no error


@pytest.mark.parametrize("options", [("--dry-run", "--commit"), ("-m", "x")])
def test_option_mistakes_are_usage_errors(plan_repo: Path, options: tuple[str, ...]) -> None:
    before = snapshot(plan_repo)
    result = run_cli("import", str(exported(plan_repo)), *options, repo=plan_repo)
    assert result.exit_code == 2
    assert snapshot(plan_repo) == before


def test_an_edit_the_engine_refuses_is_named_by_its_row(plan_repo: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    import datetime as dt

    monkeypatch.setenv("FARDPLAN_TODAY", "2026-11-30")

    def change(wb: openpyxl.Workbook) -> None:
        ws = wb["Nya lägesrapporter"]
        ws["A2"] = "sodertalje:1.3"
        ws["B2"] = dt.date(2027, 1, 1)
        ws["C2"] = "Ett möte som inte har hållits än."

    refused(plan_repo, edit(exported(plan_repo), change), "Nya lägesrapporter!A2",
            "in the future")
