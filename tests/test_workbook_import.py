"""``fardplan import``: a workbook edited as an official would, read back three ways."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest
from openpyxl.worksheet.worksheet import Worksheet

from tests.support import commit_all, git, run_cli
from tests.support.edit import snapshot

Edit = Callable[[openpyxl.Workbook], None]


def exported(repo: Path, *args: str) -> Path:
    target = repo.parent / "follow-up.xlsx"
    result = run_cli("export", "--format", "xlsx", "-o", str(target), "--core", "sodertalje",
                     *args, repo=repo)
    assert result.exit_code == 0, result.output
    return target


def edited(path: Path, edit: Edit) -> Path:
    wb = openpyxl.load_workbook(path)
    edit(wb)
    wb.save(path)
    return path


def row_of(ws: Worksheet, ref: str) -> int:
    return int(next(r[0].row for r in ws.iter_rows(min_row=2) if r[0].value == ref))


def official(wb: openpyxl.Workbook) -> None:
    """Status changes, a note with å/ä/ö and a line break, a participant typed as a person
    would, a new activity with a due date, a new update."""
    ws = wb["Insatser"]
    own = row_of(ws, "sodertalje:1.3")
    ws[f"G{own}"] = "Pågående"
    ws[f"H{own}"] = "Arbetet har börjat i år.\nNästa steg: möte med Trafikverket."
    ws[f"F{own}"] = f"{ws[f'F{own}'].value}; trafikverket"
    common = row_of(ws, "sodertalje:1.1")
    ws[f"G{common}"] = "Genomförd"
    activities = wb["Aktiviteter"]
    activities["B2"] = "sodertalje:1.3"
    activities["C2"] = "Inventera stationsmiljön"
    activities["D2"] = "Sodertalje kommun"
    activities["G2"] = dt.date(2027, 6, 30)
    updates = wb["Nya lägesrapporter"]
    updates["A2"] = "sodertalje:1.1"
    updates["B2"] = dt.date(2026, 10, 1)
    updates["C2"] = "Samråd hållet med kärnkommunerna."


@pytest.fixture(autouse=True)
def _today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FARDPLAN_TODAY", "2026-11-30")


def test_dry_run_then_for_real_changes_exactly_those_lines(plan_repo: Path) -> None:
    book = edited(exported(plan_repo), official)
    before = snapshot(plan_repo)
    dry = run_cli("--lang", "sv", "import", str(book), "--dry-run", repo=plan_repo)
    assert dry.exit_code == 0, dry.output
    assert snapshot(plan_repo) == before
    assert "Insatser!G" in dry.stderr and "Pågående" in dry.stderr
    assert "provkörning" in dry.stderr
    assert "+    status: ongoing" in dry.stdout

    done = run_cli("import", str(book), repo=plan_repo)
    assert done.exit_code == 0, done.output
    diff = git(plan_repo, "diff", "-U0", "--", "plans/")
    changed = [line for line in diff.splitlines()
               if line[:1] in "+-" and not line.startswith(("+++", "---"))]
    assert "-    status: planned" in changed and "+    status: ongoing" in changed
    assert "+      Nästa steg: möte med Trafikverket." in changed
    assert "+    participants: [sodertalje-kommun, region-stockholm, fastighetsagare, " \
           "trafikverket]" in changed
    assert '+      - id: "1.3.1"' in changed
    assert '+        due: "2027-06-30"' in changed
    assert "+        owner: sodertalje-kommun" in changed
    assert "+        text: Samråd hållet med kärnkommunerna." in changed
    assert all(not line.startswith("-#") for line in changed)
    assert run_cli("validate", "--strict", repo=plan_repo).exit_code == 0
    semantic = run_cli("diff", "HEAD", repo=plan_repo)
    assert "1.3" in semantic.stdout and "1.1" in semantic.stdout


def test_importing_twice_changes_nothing(plan_repo: Path) -> None:
    book = edited(exported(plan_repo), official)
    assert run_cli("import", str(book), repo=plan_repo).exit_code == 0
    after = snapshot(plan_repo)
    again = run_cli("import", str(book), repo=plan_repo)
    assert again.exit_code == 0, again.output
    assert snapshot(plan_repo) == after
    assert "already in the plans" in again.stderr
    assert "Nothing to change" in again.stderr


def test_commit_makes_one_commit(plan_repo: Path) -> None:
    book = edited(exported(plan_repo), official)
    result = run_cli("import", str(book), "--commit", "-m", "Uppföljning från Södertälje",
                     repo=plan_repo)
    assert result.exit_code == 0, result.output
    assert git(plan_repo, "status", "--porcelain").strip() == ""
    message = git(plan_repo, "log", "-1", "--format=%B")
    assert message.startswith("Uppföljning från Södertälje\n\nimport follow-up.xlsx")


def test_a_cell_changed_on_both_sides_is_a_conflict_and_nothing_is_written(
        plan_repo: Path) -> None:
    book = exported(plan_repo)
    assert run_cli("set-status", "sodertalje:1.3", "paused", "--note", "Väntar",
                   repo=plan_repo).exit_code == 0
    commit_all(plan_repo, "Paused")

    def edit(wb: openpyxl.Workbook) -> None:
        ws = wb["Insatser"]
        ws[f"G{row_of(ws, 'sodertalje:1.3')}"] = "Pågående"

    edited(book, edit)
    before = snapshot(plan_repo)
    result = run_cli("import", str(book), repo=plan_repo)
    assert result.exit_code == 1
    assert snapshot(plan_repo) == before
    row = row_of(openpyxl.load_workbook(book)["Insatser"], "sodertalje:1.3")
    assert f"Insatser!G{row}" in result.stderr
    assert "'Planned'" in result.stderr and "'Paused'" in result.stderr
    assert "'Ongoing'" in result.stderr
    assert "Traceback" not in result.output


def test_changes_to_different_cells_are_both_kept(plan_repo: Path) -> None:
    book = exported(plan_repo)
    assert run_cli("set-status", "sodertalje:1.3", "paused", "--note", "Väntar",
                   repo=plan_repo).exit_code == 0

    def edit(wb: openpyxl.Workbook) -> None:
        ws = wb["Insatser"]
        ws[f"G{row_of(ws, 'sodertalje:1.4')}"] = "Pågående"

    edited(book, edit)
    result = run_cli("import", str(book), repo=plan_repo)
    assert result.exit_code == 0, result.output
    text = (plan_repo / "plans" / "sodertalje.yaml").read_text(encoding="utf-8")
    assert "status: paused" in text and "status_note: Väntar" in text
    assert "status: ongoing" in text
    assert "kept" in result.stderr


def test_an_activity_marked_done(plan_repo: Path) -> None:
    assert run_cli("activity", "add", "sodertalje:1.3", "--title", "Inventera",
                   repo=plan_repo).exit_code == 0
    commit_all(plan_repo, "An activity")

    def edit(wb: openpyxl.Workbook) -> None:
        ws = wb["Aktiviteter"]
        ws["H2"] = "genomförd"
        ws["I2"] = dt.date(2026, 11, 2)
        ws["J2"] = "Klar före plan"

    book = edited(exported(plan_repo), edit)
    result = run_cli("import", str(book), repo=plan_repo)
    assert result.exit_code == 0, result.output
    text = (plan_repo / "plans" / "sodertalje.yaml").read_text(encoding="utf-8")
    assert 'done_on: "2026-11-02"' in text and "note: Klar före plan" in text


def test_two_new_activities_of_one_initiative_get_the_next_ids(plan_repo: Path) -> None:
    def edit(wb: openpyxl.Workbook) -> None:
        ws = wb["Aktiviteter"]
        for row, title in ((2, "Första"), (3, "Andra")):
            ws[f"B{row}"] = "sodertalje:1.3"
            ws[f"C{row}"] = title
        ws["H3"] = "Pågående"

    book = edited(exported(plan_repo), edit)
    result = run_cli("import", str(book), repo=plan_repo)
    assert result.exit_code == 0, result.output
    text = (plan_repo / "plans" / "sodertalje.yaml").read_text(encoding="utf-8")
    assert 'id: "1.3.1"' in text and 'id: "1.3.2"' in text
    assert text.index("title: Andra") < text.index("status: ongoing")


def test_a_lead_typed_without_diacritics(plan_repo: Path) -> None:
    def edit(wb: openpyxl.Workbook) -> None:
        ws = wb["Insatser"]
        ws[f"E{row_of(ws, 'sodertalje:1.3')}"] = "sodertalje kommun"

    book = edited(exported(plan_repo), edit)
    result = run_cli("import", str(book), repo=plan_repo)
    assert result.exit_code == 0, result.output
    text = (plan_repo / "plans" / "sodertalje.yaml").read_text(encoding="utf-8")
    assert "lead: sodertalje-kommun" in text


def test_an_english_workbook_reads_back(plan_repo: Path) -> None:
    def edit(wb: openpyxl.Workbook) -> None:
        ws = wb["Initiatives"]
        ws[f"G{row_of(ws, 'sodertalje:1.3')}"] = "Ongoing"
        updates = wb["New updates"]
        updates["A2"] = "sodertalje:1.3"
        updates["C2"] = "Started."

    book = edited(exported(plan_repo, "--lang", "en"), edit)
    result = run_cli("--lang", "sv", "import", str(book), repo=plan_repo)
    assert result.exit_code == 0, result.output
    assert "Initiatives!G" in result.stderr and "ny lägesrapport" in result.stderr
    text = (plan_repo / "plans" / "sodertalje.yaml").read_text(encoding="utf-8")
    assert "status: ongoing" in text and 'date: "2026-11-30"' in text


def test_a_large_workbook_read_in_a_process_of_its_own_imports_the_same(
        plan_repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A workbook read aside (in a second Python process, as one of a megabyte or more is)
    gives the same import, report and diff, as one read in the command's own process."""
    from fardplan_cli import sheet_read

    book = edited(exported(plan_repo), official)
    at_once = run_cli("--lang", "sv", "import", str(book), "--dry-run", repo=plan_repo)
    assert at_once.exit_code == 0, at_once.output
    monkeypatch.setattr(sheet_read, "READ_ASIDE_FROM_BYTES", 0)
    started = []
    start = sheet_read.WorkbookReading._start

    def spied(reading: sheet_read.WorkbookReading) -> None:
        start(reading)
        started.append(reading.aside)

    monkeypatch.setattr(sheet_read.WorkbookReading, "_start", spied)
    aside = run_cli("--lang", "sv", "import", str(book), "--dry-run", repo=plan_repo)
    assert aside.exit_code == 0, aside.output
    assert started == [True]
    assert (aside.stdout, aside.stderr) == (at_once.stdout, at_once.stderr)
