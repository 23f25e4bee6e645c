"""CSV that Swedish spreadsheet programs open: ';' in Swedish, ',' in English, --delimiter to
choose; counts as numbers, one per cell."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from tests.support import run_cli


def table(text: str, delimiter: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text.lstrip("\ufeff")), delimiter=delimiter))


def test_swedish_csv_is_separated_by_semicolons(plan_dir: Path) -> None:
    result = run_cli("--lang", "sv", "cores", "--format", "csv", repo=plan_dir)
    assert result.exit_code == 0, result.output
    rows = table(result.stdout, ";")
    assert rows[0][:3] == ["Id", "Namn", "Kommuner"]
    assert all(len(row) == len(rows[0]) for row in rows)


def test_english_csv_is_separated_by_commas(plan_dir: Path) -> None:
    result = run_cli("--lang", "en", "cores", "--format", "csv", repo=plan_dir)
    assert table(result.stdout, ",")[0][:2] == ["Id", "Name"]


@pytest.mark.parametrize(("typed", "delimiter"), [(",", ","), (";", ";"), ("tab", "\t")])
def test_delimiter_chooses(plan_dir: Path, typed: str, delimiter: str) -> None:
    result = run_cli("--lang", "sv", "--delimiter", typed, "list", "--core", "sodertalje",
                     "--format", "csv", repo=plan_dir)
    assert result.exit_code == 0, result.output
    rows = table(result.stdout, delimiter)
    assert len(rows[0]) > 3 and all(len(row) == len(rows[0]) for row in rows)


def test_an_unknown_delimiter_is_a_usage_error(plan_dir: Path) -> None:
    result = run_cli("--delimiter", "|", "cores", "--format", "csv", repo=plan_dir)
    assert result.exit_code == 2


def test_the_responsibility_matrix_counts_are_numbers(plan_dir: Path) -> None:
    result = run_cli("--lang", "sv", "report", "responsibility", "--format", "csv",
                     repo=plan_dir)
    assert result.exit_code == 0, result.output
    rows = table(result.stdout, ";")
    assert rows[0][2].endswith(": ansvarar") and rows[0][3].endswith(": medverkar")
    for row in rows[1:]:
        assert all(cell.isdigit() for cell in row[2:]), row
    text = run_cli("--lang", "sv", "report", "responsibility", repo=plan_dir).stdout
    assert " / " in text  # the table for people keeps one cell per core
