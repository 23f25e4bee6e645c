"""Properties of the semantic diff and the word diff, and the history module's plumbing."""

from __future__ import annotations

import subprocess
import sys
from dataclasses import replace
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from fardplan_cli.diff import diff_plan_sets, word_diff
from fardplan_cli.gitstore import CatFile, open_git
from fardplan_cli.load import load_plan_set
from fardplan_cli.model import (
    Actor,
    Core,
    Cycle,
    Direction,
    GoalArea,
    Initiative,
    PlanSet,
    Position,
    Region,
)
from fardplan_cli.repository import PlanRepository
from fardplan_cli.revisions import WORK_TREE, PlanReader
from tests.support import commit_all, git

POS = Position("plans/x.yaml", 1, 1)
words = st.text(alphabet="abcåäö ,.\n", max_size=40)
ids = st.tuples(st.integers(1, 4), st.integers(1, 9)).map(lambda t: f"{t[0]}.{t[1]}")
actor_ids = st.sampled_from(["region-stockholm", "polis", "trafikverket", "almi"])


@st.composite
def initiatives(draw: st.DrawFn, core: str | None) -> tuple[Initiative, ...]:
    chosen = draw(st.lists(ids, unique=True, max_size=6))
    return tuple(
        Initiative(
            core=core, id=i, title=draw(words), description=draw(words),
            lead=draw(st.none() | actor_ids),
            participants=tuple(draw(st.lists(actor_ids, unique=True, max_size=3))),
            status=draw(st.sampled_from(["planned", "ongoing", "done", "paused", "dropped"])),
            status_note=draw(st.none() | words), priority=(), replaces=tuple(
                draw(st.lists(ids, unique=True, max_size=2))),
            places=tuple(draw(st.lists(words, max_size=2))), pos=POS,
        )
        for i in chosen
    )


@st.composite
def plan_sets(draw: st.DrawFn) -> PlanSet:
    cores = tuple(
        Core(id=c, name=draw(words), municipalities=(), character=(),
             directions=tuple(Direction(a, draw(words), POS)
                              for a in draw(st.lists(st.integers(1, 4), unique=True, max_size=3))),
             initiatives=draw(initiatives(c)), indicators=(), file=f"plans/{c}.yaml", pos=POS)
        for c in draw(st.lists(st.sampled_from(["haninge", "kista", "sodertalje"]), unique=True))
    )
    region = Region(
        name="r", owner=None,
        goal_areas=tuple(GoalArea(n, draw(words), draw(words), POS) for n in range(1, 5)),
        cycles=(Cycle("2023-2026", None, POS),), initiatives=draw(initiatives(None)),
        file="plans/region.yaml",
    )
    actors = tuple(Actor(a, a.upper(), "other", None, None, POS)
                   for a in ("region-stockholm", "polis", "trafikverket", "almi"))
    return PlanSet(region=region, actors=actors, cores=cores)


@settings(max_examples=60, deadline=None)
@given(plan_sets())
def test_the_diff_of_a_plan_set_with_itself_is_empty(plan: PlanSet) -> None:
    assert diff_plan_sets(plan, plan).changes == ()
    # Positions are not content: the same plans in other places of the files say nothing new.
    moved = PlanSet(
        region=replace(plan.region, initiatives=tuple(
            replace(i, pos=Position("plans/region.yaml", 99, 3)) for i in plan.region.initiatives)),
        actors=plan.actors, cores=plan.cores)
    assert diff_plan_sets(plan, moved).changes == ()


@settings(max_examples=200, deadline=None)
@given(words, words)
def test_word_diff_gives_back_both_texts(old: str, new: str) -> None:
    ops = word_diff(old, new)
    assert "".join(text for op, text in ops if op != "insert").split() == old.split()
    assert "".join(text for op, text in ops if op != "delete").split() == new.split()
    if old == new:
        assert all(op == "equal" for op, _ in ops)


@settings(max_examples=40, deadline=None)
@given(plan_sets(), st.data())
def test_one_changed_title_is_one_change(plan: PlanSet, data: st.DataObject) -> None:
    if not plan.region.initiatives:
        return
    index = data.draw(st.integers(0, len(plan.region.initiatives) - 1))
    target = plan.region.initiatives[index]
    changed = replace(target, title=target.title + " ny")
    new = PlanSet(region=replace(plan.region, initiatives=tuple(
        changed if i is target else i for i in plan.region.initiatives)),
        actors=plan.actors, cores=plan.cores)
    changes = diff_plan_sets(plan, new).changes
    expected = [("initiative-changed", target.ref, "title")]
    assert [(c.kind, c.ref, c.field) for c in changes] == expected


def test_unchanged_files_are_parsed_once(plan_repo: Path) -> None:
    first = git(plan_repo, "rev-parse", "HEAD").strip()
    core = plan_repo / "plans" / "sodertalje.yaml"
    core.write_text(core.read_text(encoding="utf-8").replace("status: planned", "status: done", 1),
                    encoding="utf-8")
    commit_all(plan_repo, "One file changed")
    files = PlanRepository(plan_repo).read_plan_files()
    with PlanReader(plan_repo) as history:
        count = len(history.plan_blobs(first))
        old = history.plan_set(history.resolve(first))
        assert history.parsed == count
        history.plan_set(history.resolve("HEAD"))
        assert history.parsed == count + 1  # only the changed file
        new = history.plan_set(WORK_TREE, files)
        assert history.parsed == count + 1  # the work tree's files share the blobs of HEAD
        for commit in (first, git(plan_repo, "rev-parse", "HEAD").strip()):
            listed = git(plan_repo, "ls-tree", "-r", "--full-tree", commit, "--", "plans/")
            assert history.plan_blobs(commit) == {
                line.split("\t")[1]: line.split()[2] for line in listed.splitlines()}
    assert new == load_plan_set(files)
    assert old != new


def test_blob_id_is_gits(plan_repo: Path) -> None:
    data = (plan_repo / "plans" / "region.yaml").read_bytes()
    with open_git(plan_repo) as repository:
        blob_id = repository.blob_id(data)
    assert blob_id == git(plan_repo, "rev-parse", "HEAD:plans/region.yaml").strip()
    with CatFile(plan_repo) as cat:
        found = cat.read(blob_id)
        assert found is not None and found[1:] == ("blob", data)
        assert cat.read("0" * 40) is None


def test_domain_modules_import_neither_typer_nor_rich_nor_git() -> None:
    code = ("import sys, fardplan_cli.revisions, fardplan_cli.revision_diff, fardplan_cli.log, "
            "fardplan_cli.cycles, fardplan_cli.diff; "
            "print(sorted(m for m in ('typer', 'rich', 'git') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_version_imports_no_history_machinery() -> None:
    code = ("import sys; from fardplan_cli.cli.app import app\n"
            "try:\n    app(['--version'])\nexcept SystemExit:\n    pass\n"
            "print(sorted(m for m in ('git', 'jsonschema', 'ruamel', 'fardplan_cli.gitstore', 'fardplan_cli.revisions',"
            " 'fardplan_cli.diff') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip().splitlines()[-1] == "[]"
