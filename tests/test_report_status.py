"""`fardplan report status`: rows per core and area, the total row, agreement with `list`."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date
from itertools import product
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fardplan_cli.i18n import STATUSES
from fardplan_cli.model import PlanSet
from fardplan_cli.query import InitiativeFilter, display_ref, select_initiatives
from fardplan_cli.report import current_cycle, status_report
from tests.support import SHIPPED_PLANS, SHIPPED_SCHEMAS, assert_golden, run_cli
from tests.support.report import load, vary


@pytest.fixture
def varied(plan_dir: Path) -> Path:
    return vary(plan_dir)


def status_json(repo: Path, *args: str) -> dict[str, Any]:
    result = run_cli("report", "status", "--cycle", "2023-2026", *args, "--format", "json",
                     repo=repo)
    assert result.exit_code == 0, result.output
    data: dict[str, Any] = json.loads(result.stdout)
    return data


def list_json(repo: Path, *args: str) -> list[dict[str, Any]]:
    result = run_cli("list", *args, "--format", "json", repo=repo)
    assert result.exit_code == 0, result.output
    data: list[dict[str, Any]] = json.loads(result.stdout)
    return data


def expected_counts(items: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "initiatives": len(items),
        "by_status": {s: sum(1 for i in items if i["status"] == s) for s in STATUSES},
        "prioritised": sum(1 for i in items if "2023-2026" in i["priority"]),
        "without_lead": sum(1 for i in items if i["lead"] is None),
    }


def counts_of(row: dict[str, Any]) -> dict[str, Any]:
    return {k: row[k] for k in ("initiatives", "by_status", "prioritised", "without_lead")}


FILTERS: list[tuple[str, ...]] = [
    (),
    ("--status", "planned"),
    ("--status", "Pågående"),
    ("--area", "4"),
    ("--actor", "trafikverket"),
    ("--actor", "Södertälje kommun"),
    ("--actor", "trafikforvaltningen"),
    ("--lead", "region-stockholm"),
    ("--scope", "common"),
    ("--scope", "core"),
    ("--priority", "2027-2030"),
    ("--area", "1", "--status", "done"),
    ("--actor", "karnkommunerna", "--scope", "common", "--area", "2"),
]


@pytest.mark.parametrize("filters", FILTERS, ids=lambda f: " ".join(f) or "no-filter")
# Without --core every core is checked against its own `list --core`; one core stands for --core.
@pytest.mark.parametrize("core", [None, "sodertalje"])
def test_counts_agree_with_list(varied: Path, core: str | None, filters: tuple[str, ...]) -> None:
    core_args = ("--core", core) if core else ()
    report = status_json(varied, *core_args, *filters)
    rows = report["rows"]
    total = rows[-1]
    assert total["total"] is True and total["core"] is None and total["area"] is None
    assert counts_of(total) == expected_counts(list_json(varied, *core_args, *filters))
    cores = [core] if core else [c["id"] for c in list_cores(varied)]
    assert {r["core"] for r in rows[:-1]} == set(cores)
    for core_id in cores:
        listed = list_json(varied, "--core", core_id, *filters)
        for row in (r for r in rows[:-1] if r["core"] == core_id):
            in_area = [i for i in listed if i["area"] == row["area"]]
            assert counts_of(row) == expected_counts(in_area), (core_id, row["area"])
        # The areas partition a core's plan: nothing is lost between the rows.
        assert sum(r["initiatives"] for r in rows[:-1] if r["core"] == core_id) == len(listed)


def list_cores(repo: Path) -> list[dict[str, Any]]:
    result = run_cli("cores", "--format", "json", repo=repo)
    assert result.exit_code == 0, result.output
    data: list[dict[str, Any]] = json.loads(result.stdout)
    return data


def test_total_counts_each_common_initiative_once_per_core(plan_dir: Path) -> None:
    report = status_json(plan_dir)
    rows, total = report["rows"][:-1], report["rows"][-1]
    # Each core follows the nine common initiatives up on its own: nine per core, Södertälje's eight.
    assert total["initiatives"] == 8 * 9 + 8 == sum(r["initiatives"] for r in rows)
    assert total["without_lead"] == 8  # the source names no lead for Södertälje's own initiatives


def test_rows_cover_every_core_and_area(plan_dir: Path) -> None:
    rows = status_json(plan_dir)["rows"][:-1]
    assert [(r["core"], r["area"]) for r in rows] == list(product(
        [c["id"] for c in list_cores(plan_dir)], [1, 2, 3, 4]))
    sodertalje = {r["area"]: r["initiatives"] for r in rows if r["core"] == "sodertalje"}
    assert sodertalje == {1: 5, 2: 3, 3: 5, 4: 4}


def test_prioritised_counts_the_chosen_cycle(varied: Path) -> None:
    older = status_json(varied)["rows"][-1]
    newer = json.loads(run_cli("report", "status", "--cycle", "2027-2030", "-f", "json",
                               repo=varied).stdout)
    assert older["prioritised"] == 8 + 1  # 4.1 in each core and sodertalje:1.5
    assert newer["rows"][-1]["prioritised"] == 8 + 1  # 4.1 in each core and sodertalje:2.3
    assert newer["cycle"] == "2027-2030"


def test_unknown_cycle_is_a_usage_error(plan_dir: Path) -> None:
    result = run_cli("report", "status", "--cycle", "2031-2034", repo=plan_dir)
    assert result.exit_code == 2
    assert "unknown cycle" in result.stderr and result.stdout == ""


def test_current_cycle_is_the_latest_started(plan_dir: Path) -> None:
    plan = load(plan_dir)
    assert current_cycle(plan, date(2022, 5, 1)) is None
    assert current_cycle(plan, date(2023, 1, 1)) == "2023-2026"
    assert current_cycle(plan, date(2026, 12, 31)) == "2023-2026"
    assert current_cycle(plan, date(2027, 1, 1)) == "2027-2030"
    assert current_cycle(plan, date(2040, 1, 1)) == "2027-2030"


def test_core_report_includes_the_lagesbild(plan_dir: Path) -> None:
    report = status_json(plan_dir, "--core", "Södertälje")
    assert report["core"] == "sodertalje" and report["entered"] is True
    assert [i["id"] for i in report["indicators"]] == ["residents", "jobs"]
    assert report["indicators"][0]["values"] == [{"year": 2026, "value": 25000, "note": "cirka"}]
    table = run_cli("--lang", "sv", "report", "status", "--core", "sodertalje", repo=plan_dir)
    assert table.exit_code == 0, table.output
    assert "Lägesbild" in table.stdout and "25 000 (cirka)" in table.stdout
    markdown = run_cli("report", "status", "--core", "sodertalje", "-f", "markdown", repo=plan_dir)
    assert "## Indicators" in markdown.stdout
    assert "| Boende i stadskärnan | personer | 25 000 (cirka) |" in markdown.stdout


def test_core_without_a_plan_reports_cleanly(plan_dir: Path) -> None:
    report = status_json(plan_dir, "--core", "haninge")
    assert report["entered"] is False and report["indicators"] == []
    assert report["rows"][-1]["initiatives"] == 9
    table = run_cli("--lang", "sv", "report", "status", "--core", "haninge", repo=plan_dir)
    assert table.exit_code == 0, table.output
    assert "Kärnans färdplan har inte förts in ännu." in table.stdout
    english = run_cli("report", "status", "--core", "haninge", "-f", "markdown", repo=plan_dir)
    assert "The plan of this core has not been entered yet." in english.stdout


def test_csv_holds_the_status_table(plan_dir: Path) -> None:
    result = run_cli("report", "status", "--core", "sodertalje", "--cycle", "2023-2026",
                     "-f", "csv", repo=plan_dir)
    assert result.exit_code == 0, result.output
    lines = result.stdout.lstrip("\ufeff").splitlines()
    assert lines[0].startswith("Core,Area,Initiatives,Planned")
    assert lines[-1] == "Total,,17,17,0,0,0,0,0,8"


def test_swedish_labels(plan_dir: Path) -> None:
    result = run_cli("--lang", "sv", "report", "status", "--cycle", "2023-2026", "-f", "csv",
                     repo=plan_dir)
    header = result.stdout.lstrip("\ufeff").splitlines()[0]
    assert header == ("Kärna;Målområde;Insatser;Planerad;Pågående;Genomförd;Pausad;Utgår;"
                      "Prioriterade 2023-2026;Utan ansvarig")


@pytest.mark.parametrize("fmt,suffix", [("table", "txt"), ("json", "json"), ("csv", "csv"),
                                        ("markdown", "md")])
def test_golden_status(varied: Path, fmt: str, suffix: str) -> None:
    result = run_cli("report", "status", "--cycle", "2023-2026", "-f", fmt, repo=varied)
    assert result.exit_code == 0, result.output
    assert_golden(f"report/status.{suffix}", result.stdout)


@pytest.mark.parametrize("fmt,suffix", [("table", "txt"), ("json", "json"), ("markdown", "md")])
def test_golden_status_core_sv(varied: Path, fmt: str, suffix: str) -> None:
    result = run_cli("--lang", "sv", "report", "status", "--core", "sodertalje", "--cycle",
                     "2023-2026", "-f", fmt, repo=varied)
    assert result.exit_code == 0, result.output
    assert_golden(f"report/status-sodertalje-sv.{suffix}", result.stdout)


# -- properties of the domain function -----------------------------------------------------------

def _shipped_varied(tmp: Path) -> PlanSet:
    import shutil

    root = tmp / "varied"
    if not root.exists():
        shutil.copytree(SHIPPED_PLANS, root / "plans")
        shutil.copytree(SHIPPED_SCHEMAS, root / "schemas")
        vary(root)
    return load(root)


filters = st.builds(
    InitiativeFilter,
    core=st.sampled_from([None, "sodertalje", "haninge", "flemingsberg"]),
    area=st.sampled_from([None, 1, 2, 3, 4]),
    status=st.sampled_from([None, *STATUSES]),
    actor=st.sampled_from([None, "trafikverket", "sodertalje-kommun", "trafikforvaltningen",
                           "karnkommunerna", "polis"]),
    lead=st.sampled_from([None, "region-stockholm", "sodertalje-kommun", "trafikforvaltningen"]),
    scope=st.sampled_from([None, "common", "core"]),
    priority=st.sampled_from([None, "2023-2026", "2027-2030"]),
    owner=st.sampled_from([None, "sodertalje-kommun", "polis"]),
    overdue_on=st.sampled_from([None, "2027-06-01"]),
)


@settings(max_examples=150, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(selection=filters)
def test_rows_are_list_selections(tmp_path: Path, selection: InitiativeFilter) -> None:
    plan = _shipped_varied(tmp_path)
    report = status_report(plan, selection, cycle="2023-2026")
    assert list(report.total.refs) == [display_ref(i) for i in select_initiatives(plan, selection)]
    assert len(set(report.total.refs)) == report.total.initiatives  # nothing counted twice
    for row in report.rows:
        assert row.core is not None and row.area is not None
        chosen = select_initiatives(plan, replace(selection, core=row.core, area=row.area))
        assert list(row.refs) == [display_ref(i) for i in chosen]
        assert sum(row.by_status.values()) == row.initiatives
        assert row.prioritised <= row.initiatives and row.without_lead <= row.initiatives
    # The rows split exactly the total by core and area: a common initiative is in each core's
    # rows as followed up there, and so in the total once per core.
    assert sorted(r for row in report.rows for r in row.refs) == sorted(report.total.refs)


def test_the_markdown_status_report_names_the_goal_areas(plan_dir: Path) -> None:
    text = run_cli("--lang", "sv", "report", "status", "--format", "markdown", repo=plan_dir).stdout
    assert text.endswith("Målområden:\\\n1 Levande och attraktiva stadskärnor\\\n"
                         "2 Regionala målpunkter för samhällsservice\\\n"
                         "3 Naturliga lokaliseringsplatser för näringsliv och innovation\\\n"
                         "4 Tillgängliga regionala stadskärnor som bidrar till ett hållbart resande\n")
    assert not any(line != line.rstrip() for line in text.splitlines())
