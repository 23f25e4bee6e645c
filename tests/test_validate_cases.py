"""The corpus of invalid plan sets: each case holds only the files that differ from the shipped
plans, and ``expected.json`` with every problem it must give (code, file, line, severity, and
optionally its column and a part of its message: the fix it tells the user to type)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tests.support import run_cli

CASES = Path(__file__).parent / "validate_cases"
CASE_NAMES = sorted(p.name for p in CASES.iterdir() if p.is_dir())


def test_the_corpus_is_large_enough() -> None:
    assert len(CASE_NAMES) >= 30


def overlay(case: Path, plan_dir: Path) -> dict[str, object]:
    expected: dict[str, object] = json.loads((case / "expected.json").read_text(encoding="utf-8"))
    for source in (case / "plans").glob("*") if (case / "plans").is_dir() else ():
        shutil.copyfile(source, plan_dir / "plans" / source.name)
    for relative in expected.get("remove", []):  # type: ignore[attr-defined]
        (plan_dir / relative).unlink()
    return expected


@pytest.mark.parametrize("name", CASE_NAMES)
def test_invalid_plan_set(name: str, plan_dir: Path) -> None:
    expected = overlay(CASES / name, plan_dir)
    args = ["validate", "--format", "json", *(["--strict"] if expected.get("strict") else [])]
    result = run_cli(*args, repo=plan_dir)

    assert "Traceback" not in result.output
    report = json.loads(result.stdout)
    found = sorted(
        (p["code"], p["file"], p["line"], p["severity"]) for p in report["problems"]
    )
    wanted = sorted(
        (p["code"], p["file"], p["line"], p["severity"])
        for p in expected["problems"]  # type: ignore[attr-defined]
    )
    assert found == wanted, json.dumps(report["problems"], ensure_ascii=False, indent=1)
    has_errors = any(p[3] == "error" for p in wanted)
    assert result.exit_code == (1 if has_errors else 0)
    for problem in report["problems"]:
        assert problem["message"], problem
        assert problem["column"] >= 1
    # Where a case names a column or a part of the message (the fix to type), the problem has it.
    for want in expected["problems"]:  # type: ignore[attr-defined]
        matching = [p for p in report["problems"]
                    if (p["code"], p["file"], p["line"]) == (want["code"], want["file"], want["line"])]
        assert any(want.get("column", p["column"]) == p["column"]
                   and want.get("message", "") in p["message"] for p in matching), (want, matching)


@pytest.mark.parametrize("name", CASE_NAMES)
def test_text_format_points_at_the_same_lines(name: str, plan_dir: Path) -> None:
    expected = overlay(CASES / name, plan_dir)
    result = run_cli("validate", repo=plan_dir)
    lines = result.stdout.splitlines()
    for problem in expected["problems"]:  # type: ignore[attr-defined]
        prefix = f"{problem['file']}:{problem['line']}:"
        assert any(
            line.startswith(prefix) and f"[{problem['code']}]" in line for line in lines
        ), result.stdout
    assert lines[-1].endswith("checked")
