"""`fardplan report responsibility`: an actor's initiatives with the path; actors x cores."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import pytest

from fardplan_cli.query import DEGREES, InitiativeFilter, display_ref, involvements, select_initiatives
from fardplan_cli.report import (
    InvolvementIndex,
    InvolvementRow,
    actor_responsibility,
    responsibility_matrix,
)
from tests.support import assert_golden, run_cli
from tests.support.report import load, vary

SODERTALJE_OWN = ["1.3", "1.4", "1.5", "2.3", "3.4", "3.5", "4.3", "4.4"]
COMMON = ["1.1", "1.2", "2.1", "2.2", "3.1", "3.2", "3.3", "4.1", "4.2"]


def rows_of(repo: Path, *args: str) -> list[dict[str, Any]]:
    result = run_cli("report", "responsibility", *args, "--format", "json", repo=repo)
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["report"] == "responsibility"
    rows: list[dict[str, Any]] = data["rows"]
    return rows


def shown(row: dict[str, Any]) -> str:
    """The reference as typed: CORE:ID also for a common initiative followed up in a core."""
    return f"{row['followed_up_in']}:{row['id']}" if row["followed_up_in"] else str(row["ref"])


def test_sodertalje_kommun_directly_and_through_the_group(plan_dir: Path) -> None:
    rows = rows_of(plan_dir, "--actor", "Södertälje kommun")
    direct = [shown(r) for r in rows if r["via"] == "direct"]
    grouped = [(shown(r), r["through"]) for r in rows if r["via"] == "group"]
    assert direct == [f"sodertalje:{i}" for i in SODERTALJE_OWN]
    assert grouped == [(f"sodertalje:{i}", "karnkommunerna") for i in COMMON]
    assert {(r["role"], r["degree"]) for r in rows} == {("participant", "takes_part")}
    assert len(rows) == 17
    table = run_cli("report", "responsibility", "--actor", "sodertalje-kommun", repo=plan_dir)
    assert "through kärnkommunerna (group)" in table.stdout


def test_trafikverket(plan_dir: Path) -> None:
    rows = rows_of(plan_dir, "--actor", "trafikverket", "--core", "sodertalje")
    assert [shown(r) for r in rows] == [f"sodertalje:{i}" for i in ("4.1", "4.2", "4.3", "4.4")]
    assert {(r["role"], r["via"], r["degree"]) for r in rows} == {("participant", "direct", "takes_part")}
    # Without --core, each common initiative in each core, as 'list --actor' lists them.
    everywhere = rows_of(plan_dir, "--actor", "trafikverket")
    assert len(everywhere) == 8 * 2 + 2


def test_trafikforvaltningen_is_concerned_through_region_stockholm_and_says_so(plan_dir: Path) -> None:
    rows = rows_of(plan_dir, "--actor", "trafikforvaltningen", "--core", "sodertalje")
    assert rows and {(r["via"], r["through"]) for r in rows} == {("part_of", "region-stockholm")}
    assert {r["degree"] for r in rows} == {"concerned"}
    # Region Stockholm leads the common ones: trafikförvaltningen does not lead them by that.
    assert [shown(r) for r in rows if r["role"] == "lead"] == [f"sodertalje:{i}" for i in COMMON]
    english = run_cli("report", "responsibility", "--actor", "Trafikförvaltningen", repo=plan_dir,
                      env={"TTY_COMPATIBLE": "1", "TERM": "xterm"})  # a caption: on a terminal
    assert english.exit_code == 0, english.output
    said = " ".join(english.stdout.split())
    assert "through Region Stockholm (lead), which it is part of" in said
    assert "leads 0, takes part in 0 and is concerned in 80 initiatives" in said
    assert "trafikförvaltningen is concerned through Region Stockholm, which it is part of" in said
    swedish = run_cli("--lang", "sv", "report", "responsibility", "--actor", "trafikforvaltningen",
                      "-f", "markdown", repo=plan_dir)
    assert "berörs" in swedish.stdout
    assert "genom Region Stockholm (ansvarig aktör), som den är en del av" in swedish.stdout
    assert "leder" not in swedish.stdout.split("|")[3::5]


def test_actor_in_one_core(plan_dir: Path) -> None:
    rows = rows_of(plan_dir, "--actor", "trafikverket", "--core", "haninge")
    assert [shown(r) for r in rows] == ["haninge:4.1", "haninge:4.2"]
    # Södertälje's municipality takes no part in Haninge's plan, not even through the group.
    assert rows_of(plan_dir, "--actor", "sodertalje-kommun", "--core", "haninge") == []


def test_unknown_actor_is_a_usage_error(plan_dir: Path) -> None:
    result = run_cli("report", "responsibility", "--actor", "trafikverk", repo=plan_dir)
    assert result.exit_code == 2
    assert "unknown actor 'trafikverk'" in result.stderr and "trafikverket" in result.stderr
    assert result.stdout == ""


def test_matrix(plan_dir: Path) -> None:
    rows = {r["id"]: r for r in rows_of(plan_dir)}
    municipality = rows["sodertalje-kommun"]
    assert municipality["by_core"]["sodertalje"] == {"lead": 0, "participant": 17, "concerned": 0}
    assert municipality["by_core"]["haninge"] == {"lead": 0, "participant": 0, "concerned": 0}
    assert (municipality["lead"], municipality["participant"]) == (0, 17)
    region = rows["region-stockholm"]
    assert region["by_core"]["sodertalje"] == {"lead": 9, "participant": 8, "concerned": 0}
    assert region["by_core"]["haninge"] == {"lead": 9, "participant": 0, "concerned": 0}
    assert (region["lead"], region["participant"]) == (8 * 9, 8)  # each common one in each core
    # trafikförvaltningen is part of Region Stockholm: concerned, never leading by that.
    assert rows["trafikforvaltningen"]["by_core"]["sodertalje"] == {
        "lead": 0, "participant": 0, "concerned": 17}
    assert rows["trafikverket"]["by_core"]["sodertalje"] == {"lead": 0, "participant": 4, "concerned": 0}
    assert rows["scania"]["lead"] == rows["scania"]["participant"] == 0
    one_core = rows_of(plan_dir, "--core", "sodertalje")
    assert all(list(r["by_core"]) == ["sodertalje"] for r in one_core)


@pytest.mark.parametrize("core", [None, "sodertalje", "haninge"])
def test_actor_rows_are_the_list_actor_selection(plan_dir: Path, core: str | None) -> None:
    vary(plan_dir)
    plan = load(plan_dir)
    for actor in plan.actors:
        rows = actor_responsibility(plan, actor.id, core)
        chosen = select_initiatives(plan, InitiativeFilter(core=core, actor=actor.id))
        assert list(dict.fromkeys(display_ref(r.initiative) for r in rows)) == [display_ref(i) for i in chosen]


def _degrees(rows: list[InvolvementRow], degree: str) -> int:
    return len({display_ref(r.initiative) for r in rows if r.degree == degree})


def test_matrix_agrees_with_the_actor_view(plan_dir: Path) -> None:
    vary(plan_dir)
    plan = load(plan_dir)
    matrix = {row.actor.id: row for row in responsibility_matrix(plan)}
    for actor in plan.actors:
        for core in plan.cores:
            rows = actor_responsibility(plan, actor.id, core.id)
            counts = matrix[actor.id].by_core[core.id]
            expected = tuple(_degrees(rows, d) for d in DEGREES)
            assert (counts.lead, counts.participant, counts.concerned) == expected, (actor.id, core.id)
        rows = actor_responsibility(plan, actor.id, None)
        total = matrix[actor.id].total
        assert (total.lead, total.participant, total.concerned) == tuple(
            _degrees(rows, d) for d in DEGREES)


def test_index_agrees_with_involvements(plan_dir: Path) -> None:
    vary(plan_dir)
    plan = load(plan_dir)
    index = InvolvementIndex(plan)
    for context in [None, *(c.id for c in plan.cores)]:
        pool = [*plan.all_initiatives(), *(i for c in plan.cores for i in plan.core_plan(c.id))]
        for initiative in pool:
            degrees = index.degrees(initiative, context)
            for actor in plan.actors:
                expected = {i.degree for i in involvements(plan, actor.id, initiative, context)}
                assert degrees.get(actor.id, set()) == expected, (actor.id, initiative.ref, context)


@pytest.mark.parametrize("args,name", [
    (("--actor", "trafikforvaltningen", "-f", "markdown"), "responsibility-trafikforvaltningen.md"),
    (("--actor", "sodertalje-kommun", "-f", "json"), "responsibility-sodertalje-kommun.json"),
    (("-f", "csv"), "responsibility-matrix.csv"),
    (("-f", "markdown"), "responsibility-matrix.md"),
])
def test_golden_responsibility(plan_dir: Path, args: tuple[str, ...], name: str) -> None:
    result = run_cli("--lang", "sv", "report", "responsibility", *args, repo=plan_dir)
    assert result.exit_code == 0, result.output
    assert_golden(f"report/{name}", result.stdout)


def test_domain_modules_import_neither_typer_nor_rich() -> None:
    import subprocess

    code = ("import sys, fardplan_cli.report, fardplan_cli.export; "
            "print(sorted(m for m in ('typer', 'rich', 'git', 'jsonschema') if m in sys.modules))")
    completed = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                               check=True)
    assert completed.stdout.strip() == "[]"


def _part_of_chain(root: Path, length: int) -> None:
    """``length`` actors under region-stockholm, each part of the one before it."""
    chain = "".join(
        f"  - id: kedja-{i}\n    name: kedja {i}\n    kind: other\n"
        f"    part_of: {'region-stockholm' if i == 0 else f'kedja-{i - 1}'}\n"
        for i in range(length))
    actors = root / "plans" / "actors.yaml"
    actors.write_text(actors.read_text(encoding="utf-8") + chain, encoding="utf-8")


def test_a_deep_part_of_chain_reaches_every_actor_in_the_matrix(plan_dir: Path) -> None:
    """Each actor of a 3,000-long chain is concerned by what its top leads (what the chain costs
    is measured by the benchmark's part_of-chain row, not here)."""
    _part_of_chain(plan_dir, 3000)
    matrix = {row.actor.id: row for row in responsibility_matrix(load(plan_dir))}
    assert matrix["kedja-2999"].total == matrix["regionledningskontoret"].total


def test_an_actor_deep_in_a_part_of_chain_is_concerned_through_part_of(plan_dir: Path) -> None:
    _part_of_chain(plan_dir, 3000)
    rows = actor_responsibility(load(plan_dir), "kedja-2999")
    assert rows and {r.via for r in rows} == {"part_of"}
