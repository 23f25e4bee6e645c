"""The fast paths of `diff` and `log` say exactly what the full computations say.

`diff` parses only the files whose blobs differ (with region.yaml and actors.yaml); `log` reads
one file per version and builds only the initiatives it follows. Both are compared here with the
slow way on a small generated repository, after several kinds of edits. No timing is asserted.
"""

from __future__ import annotations

import dataclasses
import io
import re
import sys
from collections.abc import Callable, Mapping
from pathlib import Path

import pytest

from fardplan_cli.diff import DiffResult, diff_plan_sets
from fardplan_cli.errors import PlanProblemsError
from fardplan_cli.load import PLANS_DIR, REGION_FILE
from fardplan_cli.log import initiative_history
from fardplan_cli.model import Initiative, PlanSet
from fardplan_cli.render.diff_common import DIFF_RENDERERS, DiffReport
from fardplan_cli.repository import PlanRepository
from fardplan_cli.revision_diff import compare
from fardplan_cli.revisions import WORK_TREE, FileInitiatives, PlanReader, Revision
from fardplan_cli.yamlfile import parse_document
from tests.support import PROJECT_ROOT, commit_all, git, run_cli

sys.path.insert(0, str(PROJECT_ROOT / "benchmarks"))

import generate


def _edit(repo: Path, name: str, old: str, new: str, count: int = 1) -> None:
    path = repo / PLANS_DIR / name
    text = path.read_text(encoding="utf-8")
    assert text.count(old) >= 1, (name, old)
    path.write_text(text.replace(old, new, count), encoding="utf-8", newline="\n")


def _renders(report: DiffReport) -> dict[str, str]:
    out = {}
    for name, render in DIFF_RENDERERS.items():
        stream = io.StringIO()
        render(report, stream)
        out[name] = stream.getvalue()
    return out


def _same(fast: tuple[DiffResult, str | None], full: tuple[DiffResult, str | None],
          source: Revision, target: Revision) -> None:
    (fast_result, fast_core), (full_result, full_core) = fast, full
    assert fast_core == full_core
    assert fast_result.changes == full_result.changes
    assert fast_result.area_titles == full_result.area_titles
    # The names of what the changes are about: only those are looked up (the actors only when
    # a change names one, the cores and initiatives that changed).
    names: set[str] = set()
    for change in fast_result.changes:
        if change.field == "lead":
            names |= {v for v in (change.old, change.new) if v}
        elif change.field in ("participants", "municipalities"):
            names |= {*change.added, *change.removed}
    assert fast_result.actor_names.items() <= full_result.actor_names.items()
    assert {a: full_result.actor_names.get(a) for a in names} == {
        a: fast_result.actor_names.get(a) for a in names}
    assert fast_result.core_names.items() <= full_result.core_names.items()
    assert fast_result.titles.items() <= full_result.titles.items()
    assert _renders(DiffReport(source, target, fast_result, fast_core)) == _renders(
        DiffReport(source, target, full_result, full_core))


def resolve_revision(repo: Path, typed: str) -> Revision:
    with PlanReader(repo) as reader:
        return reader.resolve(typed)


def _cores_by_file(plan: PlanSet) -> PlanSet:
    cores = tuple(
        c if c.id == c.file[6:-5] else dataclasses.replace(c, id=c.file[6:-5], initiatives=tuple(
            dataclasses.replace(i, core=c.file[6:-5]) for i in c.initiatives))
        for c in plan.cores)
    return dataclasses.replace(plan, cores=cores)


def reference_diff(repo: Path, source: Revision, target: Revision,
                   work: Mapping[str, bytes] | None, core: str | None
                   ) -> tuple[DiffResult, str | None]:
    """The diff by its definition: both whole plan sets, each core known by its file's name,
    compared (the reference that the diff, which reads only what changed, must agree with)."""
    from fardplan_cli.errors import FardplanError
    from fardplan_cli.query import resolve_core

    with PlanReader(repo) as reader:
        new_plan = reader.plan_set(target, work) if target.is_work_tree else None
        old_plan = reader.plan_set(source, work)
        if new_plan is None:
            new_plan = reader.plan_set(target, work)
    old_plan, new_plan = _cores_by_file(old_plan), _cores_by_file(new_plan)
    core_id = None
    if core is not None:
        try:
            core_id = resolve_core(new_plan, core).id
        except FardplanError:
            core_id = resolve_core(old_plan, core).id
    return diff_plan_sets(old_plan, new_plan, core=core_id), core_id


def _compare(repo: Path, source: str, target: str | None, core: str | None = None) -> int:
    """Compare the diff with the reference; return how many files the diff parsed, or -1 when
    it had to read every core file."""
    files = PlanRepository(repo).read_plan_files()
    source_rev = resolve_revision(repo, source)
    target_rev = WORK_TREE if target is None else resolve_revision(repo, target)
    work = files if target is None else None
    with PlanReader(repo) as reader:
        fast = compare(reader, source_rev, target_rev, work_tree_files=work, core=core)
        parsed = -1 if reader.read_every_core else reader.parsed
    full = reference_diff(repo, source_rev, target_rev, work, core)
    _same(fast, full, source_rev, target_rev)
    return parsed


def _status(repo: Path) -> None:
    # An initiative's status (its activities' are indented further).
    _edit(repo, "core-001.yaml", "\n    status: done", "\n    status: paused\n    status_note: Vilar")


def _actors_and_lead(repo: Path) -> None:
    _edit(repo, "actors.yaml", "name: Region Stockholm", "name: Region Stockholm (RS)")
    _edit(repo, "core-002.yaml", "participants: [kommun-002, fastighetsagare]",
          "participants: [kommun-002, region-stockholm]")


def _participants(repo: Path) -> None:
    _edit(repo, "core-002.yaml", "participants: [kommun-002, fastighetsagare]",
          "participants: [kommun-002, region-stockholm]")


def _region(repo: Path) -> None:
    _edit(repo, "region.yaml", "title: Levande och attraktiva stadskärnor",
          "title: Levande, trygga och attraktiva stadskärnor")
    _retitle_first_common_initiative(repo)
    _edit(repo, "region.yaml", "  - id: 2027-2030\n", "  - id: 2027-2030\n  - id: 2031-2034\n")


def _retitle_first_common_initiative(repo: Path) -> None:
    path = repo / PLANS_DIR / "region.yaml"
    text = path.read_text(encoding="utf-8")
    start = text.index("\ninitiatives:")
    retitled, count = re.subn(r"(\n    title: )(['\"]?)", r"\1\2Ny ", text[start:], count=1)
    assert count == 1
    path.write_text(text[:start] + retitled, encoding="utf-8", newline="\n")


def _add_core(repo: Path) -> None:
    text = (repo / PLANS_DIR / "core-003.yaml").read_text(encoding="utf-8")
    text = text.replace("id: core-003", "id: core-009").replace(
        "name: Regional stadskärna 003", "name: Ny stadskärna")
    (repo / PLANS_DIR / "core-009.yaml").write_text(text, encoding="utf-8", newline="\n")


def _remove_core(repo: Path) -> None:
    (repo / PLANS_DIR / "core-004.yaml").unlink()


def _rename_core_and_texts(repo: Path) -> None:
    _edit(repo, "core-003.yaml", "name: Regional stadskärna 003", "name: Stadskärna tre")
    _edit(repo, "core-003.yaml", "  - area: 2\n    text: >-\n      ",
          "  - area: 2\n    text: >-\n      Nytt. ")
    _edit(repo, "core-003.yaml", "    text: |-\n      ", "    text: |-\n      Inledning. ")


def _renumber(repo: Path) -> None:
    _edit(repo, "core-002.yaml", '  - id: "1.3"\n', '  - id: "1.9"\n    replaces: ["1.3"]\n')


def _id_not_its_name(repo: Path) -> None:
    # The file of core-002 claims core-001's id: cores are matched by their files' names.
    _edit(repo, "core-002.yaml", "id: core-002", "id: core-001")


def _everything(repo: Path) -> None:
    for edit in (_status, _actors_and_lead, _region, _add_core, _remove_core,
                 _rename_core_and_texts, _renumber):
        edit(repo)


SCENARIOS: dict[str, Callable[[Path], None]] = {
    "status": _status,
    "participants": _participants,
    "actors-and-lead": _actors_and_lead,
    "region": _region,
    "add-core": _add_core,
    "remove-core": _remove_core,
    "rename-core-and-texts": _rename_core_and_texts,
    "renumber": _renumber,
    "id-not-its-name": _id_not_its_name,
    "everything": _everything,
}


@pytest.mark.parametrize("scenario", list(SCENARIOS))
@pytest.mark.parametrize("core", [None, "core-001", "core-003", "Regional stadskärna 002"])
def test_the_fast_diff_says_what_the_full_comparison_says(
    repo: Path, scenario: str, core: str | None
) -> None:
    SCENARIOS[scenario](repo)
    parsed = _compare(repo, "HEAD", None, core)  # against the working tree
    every_file = core is not None and "core-" not in core
    assert (parsed == -1) == every_file  # the fast path, unless it cannot be exact
    commit_all(repo, scenario)
    _compare(repo, "HEAD~1", "HEAD", core)
    _compare(repo, "cycle/2023-2026", "HEAD", core)
    _compare(repo, "HEAD", "cycle/2023-2026", core)


def test_the_fast_diff_parses_only_the_changed_files(repo: Path) -> None:
    assert _compare(repo, "cycle/2027-2030", "bench/one-core") == 3  # region, 2 x core-001
    assert _compare(repo, "HEAD", None) == 1  # nothing changed: the region only
    _status(repo)
    assert _compare(repo, "HEAD", None) == 3  # and core-001 on each side
    _participants(repo)
    assert _compare(repo, "HEAD", None) == 6  # core-002 on each side, and the actors' names


def test_a_broken_changed_file_is_reported_as_before(repo: Path) -> None:
    _edit(repo, "core-002.yaml", "name: Regional", "name: [Regional")
    files = PlanRepository(repo).read_plan_files()
    messages = []
    head = resolve_revision(repo, "HEAD")
    with PlanReader(repo) as reader, pytest.raises(PlanProblemsError) as raised:
        compare(reader, head, WORK_TREE, work_tree_files=files)
    messages.append((str(raised.value), raised.value.problems))
    with pytest.raises(PlanProblemsError) as raised:
        reference_diff(repo, head, WORK_TREE, files, None)
    messages.append((str(raised.value), raised.value.problems))
    assert messages[0] == messages[1]


def test_diff_cli_against_the_work_tree_and_core_metavar(repo: Path) -> None:
    _status(repo)
    result = run_cli("diff", "HEAD", "--format", "json", repo=repo)
    assert result.exit_code == 0, result.stderr
    assert '"kind": "initiative-changed"' in result.stdout
    assert "--core CORE" in run_cli("diff", "--help").stdout


# -- log ---------------------------------------------------------------------------------------


def _all_versions(repo: Path) -> list[tuple[str, str]]:
    out = git(repo, "rev-list", "--all", "--objects", "--", f"{PLANS_DIR}/")
    pairs = set()
    for line in out.splitlines():
        oid, _, path = line.partition(" ")
        if path.startswith(f"{PLANS_DIR}/") and path.endswith(".yaml") and "actors" not in path:
            pairs.add((path, oid))
    return sorted(pairs)


def _built_initiatives(reader: PlanReader, path: str, oid: str) -> dict[str, Initiative]:
    """The reference: the file's whole plan built by ``build_plan_set``, its initiatives by id."""
    from fardplan_cli.load import build_plan_set
    from fardplan_cli.yamlfile import YamlProblemError

    try:
        document = reader.document(path, oid)
    except YamlProblemError:
        return {}
    plan, _ = build_plan_set({path: document}, {path: b"", REGION_FILE: b""}, positions=False)
    pool = plan.region.initiatives if path == REGION_FILE else (
        plan.cores[0].initiatives if plan.cores else ())
    return {i.id: i for i in pool}


def test_file_initiatives_index_matches_the_model_builder(generated: Path) -> None:
    with PlanReader(generated) as reader:
        versions = _all_versions(generated)
        assert len(versions) > 20
        for path, oid in versions:
            full = _built_initiatives(reader, path, oid)
            lazy = reader.initiative_index(path, oid)
            assert list(lazy) == list(full)
            assert {i: lazy[i] for i in lazy} == full
            assert all(lazy[i].field_pos == full[i].field_pos for i in full)


@pytest.mark.parametrize("text", [
    # Repeated ids, a bad status, texts where lists belong, a number id, no title, no mapping.
    'id: c\nname: C\ninitiatives:\n  - {id: "1.1", title: A, status: odd, participants: [a, 1]}\n'
    '  - {id: "1.2", title: B, description: 5, lead: [x], priority: x}\n'
    '  - {id: "1.1", title: A2, status: ""}\n  - {id: 1.3, title: N}\n  - {id: "1.4"}\n'
    '  - just text\n  - {id: "0.1", title: Z}\n  - {id: "1.5", title: "", status_note: 3}\n',
    'id: c\ninitiatives: [{id: "1.1", title: A}]\n',  # no name: no core at all
    'id: 3\nname: C\ninitiatives: [{id: "1.1", title: A}]\n',
    'id: c\nname: C\ninitiatives: {id: "1.1"}\n',
    '- a list\n',
    '',
])
@pytest.mark.parametrize("path", [REGION_FILE, f"{PLANS_DIR}/c.yaml"])
def test_file_initiatives_index_on_odd_files(tmp_path: Path, text: str, path: str) -> None:
    document = parse_document(path, text.encode("utf-8"))
    from fardplan_cli.load import build_plan_set

    plan, _ = build_plan_set({path: document}, {path: b""})
    pool = plan.region.initiatives if path == REGION_FILE else (
        plan.cores[0].initiatives if plan.cores else ())
    full = {i.id: i for i in pool}
    lazy = FileInitiatives.of(path, document)
    assert list(lazy) == list(full)
    assert {i: lazy[i] for i in lazy} == full


def test_log_history_matches_the_full_build_of_every_version(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _renumber(repo)
    commit_all(repo, "Renumber 1.3 of core-002")
    refs: list[tuple[str | None, str]] = [(None, i) for i in generate.COMMON_IDS]
    for core in ("core-001", "core-002"):
        text = (repo / PLANS_DIR / f"{core}.yaml").read_text(encoding="utf-8")
        refs += [(core, line.split('"')[1]) for line in text.splitlines()
                 if line.startswith('  - id: "')]
    refs.append(("core-002", "1.3"))  # renumbered away: followed from its old id

    def histories() -> list[object]:
        found: list[object] = []
        for core, initiative_id in refs:
            try:
                found.append(initiative_history(repo, core, initiative_id))
            except Exception as exc:  # the same failure either way
                found.append(repr(exc))
        return found

    fast = histories()
    monkeypatch.setattr(PlanReader, "initiative_index", _built_initiatives)
    assert fast == histories()
    assert any(entries for entries in fast if isinstance(entries, list))


def test_log_of_an_initiative_no_commit_has_touched(repo: Path) -> None:
    _edit(repo, "core-001.yaml", 'initiatives:  # kärnspecifika insatser\n',
          'initiatives:  # kärnspecifika insatser\n  - id: "1.9"\n    title: Ny insats\n')
    result = run_cli("log", "core-001:1.9", "--format", "json", repo=repo)
    assert result.exit_code == 0, result.stderr
    assert result.stdout.strip() == "[]"
    assert "no commit has changed core-001:1.9 yet" in result.stderr
    table = run_cli("log", "core-001:1.9", repo=repo)
    assert table.exit_code == 0
    assert table.stdout.splitlines() == ["Date\tAuthor\tCommit\tMessage\tChanges"]  # no row
    swedish = run_cli("--lang", "sv", "log", "core-001:1.9", repo=repo)
    assert "ingen incheckning har ändrat core-001:1.9" in swedish.stderr


def test_log_says_one_commit_in_the_singular(repo: Path) -> None:
    _edit(repo, "core-001.yaml", 'initiatives:  # kärnspecifika insatser\n',
          'initiatives:  # kärnspecifika insatser\n  - id: "1.9"\n    title: Ny insats\n')
    commit_all(repo, "Add 1.9")
    for lang, one in (("en", "1 commit\n"), ("sv", "1 incheckning\n")):
        table = run_cli("--lang", lang, "log", "core-001:1.9", "-f", "markdown", repo=repo)  # a caption
        assert table.exit_code == 0, table.stderr
        assert table.stdout.endswith("\n" + one)


def test_log_narrow_and_full_reading_agree(repo: Path) -> None:
    by_id = run_cli("log", "core-001:1.3", "--format", "json", repo=repo)
    by_name = run_cli("log", "Regional stadskärna 001:1.3", "--format", "json", repo=repo)
    assert by_id.exit_code == 0 and by_id.stdout == by_name.stdout
    unknown = run_cli("log", "core-001:9.9", repo=repo)
    assert unknown.exit_code == 2 and "unknown initiative" in unknown.stderr
