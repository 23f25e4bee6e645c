"""Revisions that a user types are checked before git sees them (docs/design.md#safety)."""

from __future__ import annotations

from pathlib import Path

import pytest

from fardplan_cli.errors import NotFoundError
from fardplan_cli.gitstore import check_revision
from fardplan_cli.revisions import PlanReader, Revision
from tests.support import git, run_cli


def _snapshot(*folders: Path) -> dict[str, float]:
    files: dict[str, float] = {}
    for folder in folders:
        for path in folder.rglob("*"):
            if ".git" in path.relative_to(folder).parts[:1] and path.name in ("index", "ORIG_HEAD"):
                continue
            files[str(path)] = path.stat().st_mtime if path.is_file() else 0.0
    return files


HOSTILE = ["--output=somefile", "-p", "HEAD:plans", "no-such-tag", "HEAD\n--output=x", "", "-",
           "--output=../escape", "2031-2034", "a:b"]


@pytest.mark.parametrize("revision", HOSTILE)
def test_hostile_revision_exits_2_and_writes_nothing(
    plan_repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, revision: str
) -> None:
    cwd = tmp_path / "cwd"
    cwd.mkdir()
    monkeypatch.chdir(cwd)
    before = _snapshot(plan_repo, cwd)
    for args in (["diff", "--", revision], ["diff", "HEAD", "--", revision],
                 ["diff", "--format", "json", "--", revision, "HEAD"]):
        result = run_cli(*args, repo=plan_repo)
        assert result.exit_code == 2, (args, result.output)
        assert result.stdout == ""
        assert result.stderr.startswith("fardplan: ") or "Error" in result.stderr
        assert "Traceback" not in result.output
        assert len(result.stderr.strip().splitlines()) <= 1 or "Usage" in result.stderr
    assert _snapshot(plan_repo, cwd) == before
    assert not (cwd / "somefile").exists() and not (plan_repo / "somefile").exists()
    assert git(plan_repo, "status", "--porcelain") == ""


@pytest.mark.parametrize("option", ["--output=somefile", "-p"])
def test_option_lookalikes_without_separator_are_refused(
    plan_repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, option: str
) -> None:
    cwd = tmp_path / "cwd"
    cwd.mkdir()
    monkeypatch.chdir(cwd)
    before = _snapshot(plan_repo)
    result = run_cli("diff", option, repo=plan_repo)
    assert result.exit_code == 2
    assert list(cwd.iterdir()) == []
    assert _snapshot(plan_repo) == before


def test_messages_say_what_is_wrong(plan_repo: Path) -> None:
    assert "may not start with '-'" in run_cli("diff", "--", "-p", repo=plan_repo).stderr
    assert "':'" in run_cli("diff", "--", "HEAD:plans", repo=plan_repo).stderr
    assert "line break" in run_cli("diff", "--", "HEAD\nx", repo=plan_repo).stderr
    unknown = run_cli("diff", "no-such-tag", repo=plan_repo)
    assert "unknown revision 'no-such-tag'" in unknown.stderr
    cycle = run_cli("diff", "2023-2026", repo=plan_repo)
    assert cycle.exit_code == 2
    assert "cycle 2023-2026 is not closed" in cycle.stderr


@pytest.mark.parametrize("revision", ["", " ", "-x", "--all", "a\nb", "a\rb", "a\0b", "HEAD:plans",
                                      ":/message", "x\x1b[31m"])
def test_check_revision_refuses(revision: str) -> None:
    with pytest.raises(NotFoundError) as info:
        check_revision(revision)
    assert info.value.exit_code == 2


def resolve_revision(repo: Path, typed: str) -> Revision:
    with PlanReader(repo) as reader:
        return reader.resolve(typed)


def test_resolve_revision_uses_only_the_commit_id(plan_repo: Path) -> None:
    git(plan_repo, "tag", "v1")
    head = git(plan_repo, "rev-parse", "HEAD").strip()
    for typed in ("HEAD", "main", "v1", head, head[:8], "HEAD~0"):
        assert resolve_revision(plan_repo, typed).commit == head
    # A tree is not a commit.
    tree = git(plan_repo, "rev-parse", "HEAD^{tree}").strip()
    with pytest.raises(NotFoundError):
        resolve_revision(plan_repo, tree)


def test_not_a_git_repository(plan_dir: Path) -> None:
    result = run_cli("diff", "HEAD", repo=plan_dir)
    assert result.exit_code == 2
    assert "not a git repository" in result.stderr
    assert sorted(p.name for p in plan_dir.iterdir()) == ["plans", "schemas"]


def test_a_deleted_working_directory(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    gone = tmp_path / "gone"
    gone.mkdir()
    monkeypatch.chdir(gone)
    gone.rmdir()
    for args in (("diff",), ("log", "sodertalje:1.3"), ("cycle", "list"), ("cycle", "close", "2023-2026")):
        result = run_cli(*args)
        assert result.exit_code == 2, result.output
        assert "the working directory no longer exists" in result.stderr
