"""The benchmark's generator and runner, at a tiny size. Nothing here asserts a time."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from fardplan_cli.load import load_plan_set
from tests.support import PROJECT_ROOT, git

sys.path.insert(0, str(PROJECT_ROOT / "benchmarks"))

import generate
import run as benchmark_run

RUNNER = PROJECT_ROOT / "benchmarks" / "run.py"


@pytest.fixture(scope="module")
def small_repo(tmp_path_factory: pytest.TempPathFactory) -> generate.Generated:
    return generate.generate(tmp_path_factory.mktemp("bench") / "repo", cores=5, initiatives=9,
                             commits=40, seed=3)


def test_generated_files_are_valid_against_the_schemas(small_repo: generate.Generated) -> None:
    from jsonschema import Draft202012Validator

    from fardplan_cli.yamlfile import parse_document

    root = small_repo.root
    schemas = root / "schemas"
    validators = {
        name: Draft202012Validator(json.loads((schemas / f"{name}.schema.json").read_text("utf-8")))
        for name in ("region", "actors", "core")
    }
    files = sorted((root / "plans").glob("*.yaml"))
    assert len(files) == 2 + small_repo.cores
    for path in files:
        kind = path.stem if path.stem in ("region", "actors") else "core"
        # As fardplan reads them: a date (2027-03-14) stays text.
        data = parse_document(path.name, path.read_bytes()).data
        errors = list(validators[kind].iter_errors(data))
        assert errors == [], (path.name, [e.message for e in errors])


def test_generated_plans_load_and_have_the_asked_size(small_repo: generate.Generated) -> None:
    files = {f"plans/{p.name}": p.read_bytes() for p in (small_repo.root / "plans").glob("*.yaml")}
    plan = load_plan_set(files)
    assert len(plan.cores) == small_repo.cores
    assert [len(c.initiatives) for c in plan.cores] == [small_repo.initiatives] * small_repo.cores
    assert [i.id for i in plan.region.initiatives] == list(generate.COMMON_IDS)
    assert [c.id for c in plan.region.cycles] == list(generate.CYCLES)
    core, _, initiative_id = small_repo.log_ref.partition(":")
    assert plan.find_initiative(core, initiative_id) is not None


def test_generated_files_are_swedish_commented_and_in_the_shipped_style(
    small_repo: generate.Generated,
) -> None:
    text = (small_repo.root / small_repo.hot_file).read_text("utf-8")
    assert text.startswith("# yaml-language-server: $schema=../schemas/core.schema.json\n")
    assert re.search(r'^  - id: "\d+\.\d+"$', text, re.MULTILINE)  # initiative ids quoted
    assert "  # Målområde 1: " in text
    assert re.search("[åäö]", text)
    descriptions = re.findall(r"description: [|>]-\n      (.+)", text)
    assert descriptions and min(len(d) for d in descriptions) >= 40


def test_history_has_the_commits_tags_and_diff_scenarios(small_repo: generate.Generated) -> None:
    root = small_repo.root
    assert int(git(root, "rev-list", "--count", "main")) == small_repo.commits
    for tag in (generate.FIRST_TAG, generate.LAST_TAG):
        assert git(root, "cat-file", "-t", tag).strip() == "tag"  # annotated
    last = git(root, "rev-parse", f"{generate.LAST_TAG}^{{commit}}")
    assert last == git(root, "rev-parse", "main")
    one = git(root, "diff", "--name-only", generate.LAST_TAG, generate.ONE_CORE_TAG).split()
    assert one == [small_repo.hot_file]
    every = git(root, "diff", "--name-only", generate.FIRST_TAG, generate.LAST_TAG).split()
    assert sorted(p for p in every if "/core-" in p) == [
        f"plans/core-{n:03d}.yaml" for n in range(1, small_repo.cores + 1)
    ]
    assert git(root, "status", "--porcelain") == ""
    touching = git(root, "log", "--format=%H", "--", small_repo.hot_file).split()
    assert len(touching) > 5
    assert "replaces: [" in git(root, "log", "-p", "--format=", "main")


def test_generation_is_deterministic(tmp_path: Path) -> None:
    first = generate.generate(tmp_path / "a", cores=3, initiatives=5, commits=12, seed=11)
    second = generate.generate(tmp_path / "b", cores=3, initiatives=5, commits=12, seed=11)
    assert git(first.root, "rev-parse", "main", generate.ONE_CORE_TAG) == git(
        second.root, "rev-parse", "main", generate.ONE_CORE_TAG
    )


@pytest.mark.slow  # runs every row of the benchmark on a small set: a minute
def test_runner_prints_the_table_with_every_row(tmp_path: Path) -> None:
    completed = subprocess.run(
        [sys.executable, str(RUNNER), "--quick", "--keep", str(tmp_path / "repo")],
        capture_output=True, text=True, encoding="utf-8", check=False,
    )
    assert completed.returncode == 0, completed.stderr
    out = completed.stdout
    assert "machine: " in out and "CPUs" in out and "Python " in out
    assert "fardplan run as: " in out
    header = next(line for line in out.splitlines() if line.startswith("operation"))
    assert header.split() == ["operation", "median", "reference", "reference", "median", "ratio",
                              "target", "met?"]
    expected_rows = [
        ("fardplan --version", 'python -c "import typer"'),
        ("fardplan list --core core-001", 'python -c "import typer, rich.table, ruamel.yaml"'),
        ("fardplan validate",
         "check-jsonschema --schemafile schemas/core.schema.json plans/core-*.yaml"),
        ("fardplan diff cycle/2027-2030 bench/one-core", "fardplan validate"),
        ("fardplan diff cycle/2023-2026 cycle/2027-2030", "fardplan validate"),
        ("fardplan log core-001:", "parse each distinct blob of plans/core-001.yaml once"),
        ("fardplan report responsibility", "fardplan list --core core-001"),
        ("fardplan validate: peak RSS", None),
        ("fardplan validate  (a part_of chain of 3,000 actors)", "fardplan validate"),
        ("fardplan export --format xlsx", "fardplan validate"),
        ("fardplan import FILE --dry-run", "fardplan validate"),
        ("fardplan site OUT", "fardplan validate"),
    ]
    lines = out.splitlines()
    for operation, reference in expected_rows:
        row = next((line for line in lines if line.startswith(operation)), None)
        assert row is not None, f"no row for {operation!r} in:\n{out}"
        if reference is not None:
            assert reference in row
        assert "failed" not in row, row
        # Every measured cell is a figure or says plainly that the command is not there yet.
        assert re.search(r"\d+\.\d{3} s|\d+ MB|n/a|not available", row), row
    # What can be measured on every branch is measured.
    for operation in ("fardplan --version", "fardplan list --core"):
        row = next(line for line in lines if line.startswith(operation))
        assert len(re.findall(r"\d+\.\d{3} s", row)) == 2, row
    assert (tmp_path / "repo" / "plans" / "core-001.yaml").is_file()  # --keep kept it
    assert re.search(r"fardplan site: [\d,]+ pages, .* kB per initiative", out), out


@pytest.mark.slow  # runs the benchmark on a small set
def test_runner_markdown_table(tmp_path: Path) -> None:
    completed = subprocess.run(
        [sys.executable, str(RUNNER), "--quick", "--markdown", "--cores", "2", "--initiatives", "4",
         "--commits", "6"],
        capture_output=True, text=True, encoding="utf-8", check=False,
    )
    assert completed.returncode == 0, completed.stderr
    table = [line for line in completed.stdout.splitlines() if line.startswith("|")]
    assert table[0] == (
        "| operation | median | reference | reference median | ratio | target | met? |"
    )
    assert len(table) == 2 + 13  # the header, its rule, twelve operations and the peak memory


def test_the_large_core_of_the_edit_row_stays_under_the_file_size_cap(tmp_path: Path) -> None:
    """The edit row's large core must stay a file that fardplan reads (format 2's follow-up made
    6,000 initiatives 6.4 MB, and the row failed)."""
    from fardplan_cli.yamlfile import MAX_FILE_BYTES

    large = generate.generate(tmp_path / "large", 2, benchmark_run.LARGE_CORE_INITIATIVES["full"], 4)
    sizes = [path.stat().st_size for path in (large.root / "plans").glob("core-*.yaml")]
    assert sizes and max(sizes) < MAX_FILE_BYTES
