"""Each edit's diff on plans with comments above, inside and after initiatives (golden files)."""

from __future__ import annotations

from pathlib import Path

import pytest

from fardplan_cli.load import load_plan_set
from fardplan_cli.repository import PlanRepository
from tests.support import assert_golden, run_cli
from tests.support.edit import add_commented_plans, comment_lines, unified

SODERTALJE, REGION, HANINGE = "plans/sodertalje.yaml", "plans/region.yaml", "plans/haninge.yaml"

# name -> (the file the edit is about, the command line)
CASES: dict[str, tuple[str, list[str]]] = {
    "assign_lead_add": (SODERTALJE, [
        "assign", "sodertalje:1.3", "--lead", "Region Stockholm", "--add", "Trafikverket"]),
    "assign_no_lead_common": (REGION, ["assign", "1.1", "--no-lead"]),
    "assign_remove_every_participant": (SODERTALJE, [
        "assign", "Södertälje:1.3", "--remove", "sodertalje-kommun",
        "--remove", "region-stockholm", "--remove", "Fastighetsägare"]),
    "assign_lead_with_eol_comment": (SODERTALJE, [
        "assign", "sodertalje:1.5", "--lead", "polis", "--add", "trafikverket"]),
    "set_status_note": (SODERTALJE, [
        "set-status", "sodertalje:3.5", "dropped", "--note", "ersatt av 3.6"]),
    "set_status_last_initiative": (SODERTALJE, ["set-status", "sodertalje:4.4", "Pågående"]),
    "set_status_yaml11_note": (REGION, ["set-status", "1.2", "paused", "--note", "no"]),
    "prioritize_last_initiative": (SODERTALJE, [
        "prioritize", "sodertalje:4.4", "--cycle", "2027-2030"]),
    "prioritize_common_at_end_of_file": (REGION, ["prioritize", "4.2", "--cycle", "2023-2026"]),
    "new_area_1": (SODERTALJE, [
        "new", "--core", "sodertalje", "--area", "1", "--title", "Ny mötesplats vid kanalen",
        "--lead", "trafikverket", "--participant", "Södertälje kommun"]),
    "new_last_area": (SODERTALJE, [
        "new", "--core", "Södertälje", "--area", "4", "--title", "yes",
        "--description", "Första stycket.\n\nAndra stycket."]),
    "new_yaml11_title_one_line_description": (SODERTALJE, [
        "new", "--core", "sodertalje", "--area", "2", "--title", "1.10",
        "--description", "En rad."]),
    "new_core_without_initiatives": (HANINGE, [
        "new", "--core", "haninge", "--area", "2", "--title", "Ny insats"]),
}


# Edits that still write what format 2 keeps elsewhere (a common initiative's status in each
# core's follow-up, every priority in a core's dialogues); the edit commands are moved next.
FORMAT_1_EDITS = frozenset({
    "prioritize_common_at_end_of_file", "prioritize_last_initiative", "set_status_yaml11_note"})


@pytest.mark.parametrize("name", [
    pytest.param(name, marks=pytest.mark.xfail(reason="the edit writes format 1", strict=True))
    if name in FORMAT_1_EDITS else name for name in sorted(CASES)])
def test_edit_diff_touches_only_its_lines(plan_dir: Path, name: str) -> None:
    path, args = CASES[name]
    add_commented_plans(plan_dir)
    before = (plan_dir / path).read_text(encoding="utf-8")

    dry = run_cli(*args, "--dry-run", repo=plan_dir)
    assert dry.exit_code == 0, dry.output
    assert (plan_dir / path).read_text(encoding="utf-8") == before, "--dry-run wrote"

    result = run_cli(*args, repo=plan_dir)
    assert result.exit_code == 0, result.output
    after = (plan_dir / path).read_text(encoding="utf-8")
    diff = unified(path, before, after)
    assert dry.stdout == diff
    assert_golden(f"edit/{name}.diff", diff)
    assert comment_lines(after) == comment_lines(before)
    load_plan_set(PlanRepository(plan_dir).read_plan_files())


def test_new_prints_its_reference(plan_dir: Path) -> None:
    result = run_cli("new", "--core", "sodertalje", "--area", "2", "--title", "Ny", repo=plan_dir)
    assert result.exit_code == 0, result.output
    assert result.stdout == "sodertalje:2.4\n"
    assert "plans/sodertalje.yaml: new sodertalje:2.4: Ny" in result.stderr


def test_new_twice_gives_consecutive_ids_after_the_area(plan_dir: Path) -> None:
    add_commented_plans(plan_dir)
    file = plan_dir / "plans/sodertalje.yaml"
    before = file.read_text(encoding="utf-8")
    refs = []
    for title in ("Första nya", "Andra nya"):
        result = run_cli("new", "--core", "sodertalje", "--area", "1", "--title", title,
                         repo=plan_dir)
        assert result.exit_code == 0, result.output
        refs.append(result.stdout.strip())
    assert refs == ["sodertalje:1.6", "sodertalje:1.7"]
    after = file.read_text(encoding="utf-8")
    expected = before.replace(
        "\n\n  # Målområde 2\n",
        '\n  - id: "1.6"\n    title: Första nya\n    status: planned\n'
        '  - id: "1.7"\n    title: Andra nya\n    status: planned\n'
        "\n  # Målområde 2\n",
    )
    assert after == expected


def test_new_id_does_not_reuse_a_common_one(plan_dir: Path) -> None:
    # Area 3 has common initiatives 3.1-3.3 and Södertälje's 3.4-3.5; Haninge has none of its own.
    result = run_cli("new", "--core", "haninge", "--area", "3", "--title", "Ny", repo=plan_dir)
    assert result.exit_code == 0, result.output
    plan = load_plan_set(PlanRepository(plan_dir).read_plan_files())
    common = [i.number for i in plan.region.initiatives if i.area == 3]
    assert result.stdout.strip() == f"haninge:3.{max(common) + 1}"
