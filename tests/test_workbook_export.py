"""``fardplan export --format xlsx``: the follow-up workbook's sheets, cells and hidden record."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import pytest
from openpyxl.worksheet.worksheet import Worksheet

from tests.support import git, run_cli


def export(repo: Path, *args: str) -> openpyxl.Workbook:
    target = repo.parent / "out.xlsx"
    result = run_cli("export", "--format", "xlsx", "-o", str(target), *args, repo=repo)
    assert result.exit_code == 0, result.output
    return openpyxl.load_workbook(target)


def rows(ws: Worksheet) -> list[tuple[object, ...]]:
    return [r for r in ws.iter_rows(min_row=2, values_only=True) if any(c is not None for c in r)]


def test_the_sheets_and_their_headers_in_the_plans_language(plan_repo: Path) -> None:
    wb = export(plan_repo, "--core", "sodertalje")
    visible = [n for n in wb.sheetnames if wb[n].sheet_state == "visible"]
    assert visible == ["Instruktioner", "Insatser", "Aktiviteter", "Nya lägesrapporter"]
    assert wb["fardplan"].sheet_state == "veryHidden"
    assert wb["fardplan-base"].sheet_state == "veryHidden"
    headers = [c.value for c in wb["Insatser"][1]]
    assert headers[:7] == ["Insats", "Kärna", "Titel", "Typ", "Ansvarig aktör",
                           "Medverkande aktörer", "Status"]
    assert wb["Insatser"].freeze_panes == "B2"


def test_english_with_lang_en(plan_repo: Path) -> None:
    wb = export(plan_repo, "--core", "sodertalje", "--lang", "en")
    assert "Initiatives" in wb.sheetnames and "Instructions" in wb.sheetnames
    assert wb["Instructions"]["A1"].value.startswith("Follow-up of the roadmap")
    assert {r[6] for r in rows(wb["Initiatives"])} <= {"Planned", "Ongoing", "Done", "Paused",
                                                       "Dropped"}


def test_one_row_per_initiative_per_core_with_names_and_labels(plan_repo: Path) -> None:
    wb = export(plan_repo, "--core", "sodertalje")
    found = {r[0]: r for r in rows(wb["Insatser"])}
    assert "sodertalje:1.1" in found and "sodertalje:1.3" in found
    assert found["sodertalje:1.1"][3] == "gemensam"
    assert found["sodertalje:1.3"][3] == "kärnspecifik"
    assert found["sodertalje:1.1"][4] == "Region Stockholm"  # a name, not an id
    assert found["sodertalje:1.3"][6] == "Planerad"


def test_the_hidden_record_names_the_commit_and_the_repository(plan_repo: Path) -> None:
    head = git(plan_repo, "rev-parse", "HEAD").strip()
    wb = export(plan_repo, "--core", "sodertalje")
    meta = {row[0]: row[1] for row in wb["fardplan"].iter_rows(values_only=True)}
    assert meta["commit"] == head
    assert meta["repository"] == head  # the root commit: the only one here
    assert meta["uncommitted"] == "no"
    assert meta["core"] == "sodertalje" and meta["language"] == "sv"


def test_ids_and_titles_locked_the_rest_editable(plan_repo: Path) -> None:
    wb = export(plan_repo, "--core", "sodertalje")
    ws = wb["Insatser"]
    assert ws.protection.sheet
    assert ws["A2"].protection.locked and ws["C2"].protection.locked
    assert not ws["G2"].protection.locked and not ws["H2"].protection.locked
    common = next(r for r in ws.iter_rows(min_row=2) if r[0].value == "sodertalje:1.1")
    own = next(r for r in ws.iter_rows(min_row=2) if r[0].value == "sodertalje:1.3")
    assert common[4].protection.locked  # a common initiative's lead is shared by every core
    assert not own[4].protection.locked
    empty = wb["Aktiviteter"]["B2"]
    assert empty.value is None and not empty.protection.locked  # a new activity's row


def test_drop_downs_for_status_and_actors(plan_repo: Path) -> None:
    wb = export(plan_repo, "--core", "sodertalje")
    validations = wb["Insatser"].data_validations.dataValidation
    formulas = {v.formula1 for v in validations}
    assert any("$A$1:$A$5" in f for f in formulas)
    statuses = [c.value for c in wb["fardplan-lists"]["A"] if c.value is not None]
    assert statuses == ["Planerad", "Pågående", "Genomförd", "Pausad", "Utgår"]


def test_dates_are_excel_dates(plan_repo: Path) -> None:
    result = run_cli("activity", "add", "sodertalje:1.3", "--title", "Inventera",
                     "--due", "2027-06-30", repo=plan_repo)
    assert result.exit_code == 0, result.output
    wb = export(plan_repo, "--core", "sodertalje")
    row = rows(wb["Aktiviteter"])[0]
    assert row[0] == "sodertalje:1.3.1"
    assert row[6] == dt.datetime(2027, 6, 30)
    assert wb["fardplan"]["B3"].value == "yes"  # made from uncommitted plans: it says so


def test_actor_filter_holds_only_what_the_actor_leads_or_takes_part_in(plan_repo: Path) -> None:
    wb = export(plan_repo, "--actor", "trafikverket")
    refs = [r[0] for r in rows(wb["Insatser"])]
    assert refs
    for row in rows(wb["Insatser"]):
        assert "Trafikverket" in f"{row[4]} {row[5]}"


def test_xlsx_needs_an_output_file(plan_repo: Path) -> None:
    result = run_cli("export", "--format", "xlsx", repo=plan_repo)
    assert result.exit_code == 2
    assert "-o" in result.stderr


@pytest.mark.parametrize("option", [("--actor", "trafikverket"), ("--area", "1")])
def test_the_workbook_filters_go_with_xlsx_only(plan_repo: Path, option: tuple[str, str]) -> None:
    result = run_cli("export", *option, repo=plan_repo)
    assert result.exit_code == 2
    assert "xlsx" in result.stderr


def test_a_text_that_starts_like_a_formula_stays_text(plan_repo: Path) -> None:
    result = run_cli("set-status", "sodertalje:1.3", "paused", "--note", "=1+1 väntar",
                     repo=plan_repo)
    assert result.exit_code == 0, result.output
    target = plan_repo.parent / "out.xlsx"
    assert run_cli("export", "--format", "xlsx", "-o", str(target), "--core", "sodertalje",
                   repo=plan_repo).exit_code == 0
    wb = openpyxl.load_workbook(target)
    cell = next(r for r in wb["Insatser"].iter_rows(min_row=2) if r[0].value == "sodertalje:1.3")[7]
    assert cell.value == "=1+1 väntar" and cell.data_type == "s"


def test_the_instructions_say_what_the_workbook_was_made_from(plan_repo: Path) -> None:
    head = git(plan_repo, "rev-parse", "HEAD").strip()
    wb = export(plan_repo, "--core", "sodertalje")
    assert f"(commit {head[:12]})" in wb["Instruktioner"]["A2"].value
    (plan_repo / "plans" / "sodertalje.yaml").write_text(
        (plan_repo / "plans" / "sodertalje.yaml").read_text(encoding="utf-8") + "# ändrad\n",
        encoding="utf-8")
    wb = export(plan_repo, "--core", "sodertalje")
    assert "ändringar som inte checkats in" in wb["Instruktioner"]["A2"].value


def test_without_git_the_working_tree_is_said(plan_dir: Path) -> None:
    wb = export(plan_dir, "--core", "sodertalje")
    assert "ingen commit" in wb["Instruktioner"]["A2"].value
    meta = {row[0]: row[1] for row in wb["fardplan"].iter_rows(values_only=True)}
    assert meta["commit"] in (None, "") and meta["repository"] in (None, "")
