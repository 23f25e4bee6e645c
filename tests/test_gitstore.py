"""The one door to git: a plan repository in a sub-folder, SHA-256 repositories, identities given
by the environment, tags that name no commit, and git missing — each in a real git repository."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from fardplan_cli.errors import GitError, UsageError
from fardplan_cli.gitstore import git_dir_of, open_git
from fardplan_cli.writing import lock_path
from tests.support import SHIPPED_PLANS, SHIPPED_SCHEMAS, commit_all, git, init_git_repo, run_cli
from tests.support.edit import snapshot

SET_STATUS = ("set-status", "sodertalje:1.3", "ongoing", "--commit")


@pytest.fixture
def monorepo(tmp_path: Path) -> Path:
    """A git repository whose plans live in ``teams/plan/``; returns that folder."""
    top = tmp_path / "mono"
    root = top / "teams" / "plan"
    shutil.copytree(SHIPPED_PLANS, root / "plans")
    shutil.copytree(SHIPPED_SCHEMAS, root / "schemas")
    (top / "README").write_text("other things\n", encoding="utf-8")
    init_git_repo(top)
    commit_all(top, "Import")
    return root


def _edit(root: Path, old: str, new: str) -> None:
    path = root / "plans" / "sodertalje.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8",
                    newline="\n")


def test_paths_are_relative_to_the_plan_repository(monorepo: Path) -> None:
    first = git(monorepo, "rev-parse", "HEAD").strip()
    _edit(monorepo, "status: planned", "status: done")
    second = commit_all(monorepo, "Edit")
    _edit(monorepo, "status: planned", "status: paused")
    with open_git(monorepo) as repository:
        assert repository.prefix == "teams/plan/"
        files = repository.files_at(second, "plans")
        assert "plans/sodertalje.yaml" in files and "plans/region.yaml" in files
        assert files["plans/region.yaml"] == git(monorepo, "rev-parse",
                                                 f"{second}:teams/plan/plans/region.yaml").strip()
        assert repository.uncommitted("plans") == ["plans/sodertalje.yaml"]
        assert [c.commit for c in repository.commits_changing(["plans/sodertalje.yaml"])] == [
            second, first]


def test_not_a_git_repository_is_a_usage_error(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="not a git repository"):
        open_git(tmp_path)


def test_a_tag_naming_a_tree_names_no_commit(plan_repo: Path) -> None:
    tree = git(plan_repo, "rev-parse", "HEAD^{tree}").strip()
    git(plan_repo, "tag", "cycle/2023-2026", tree)
    git(plan_repo, "tag", "-a", "-m", "annotated tree", "cycle/2027-2030", tree)
    git(plan_repo, "tag", "-a", "-m", "on a commit", "cycle/2019-2022", "HEAD")
    with open_git(plan_repo) as repository:
        found = {tag.name: tag for tag in repository.tags("cycle/")}
    assert found["cycle/2023-2026"].commit is None
    assert found["cycle/2027-2030"].commit is None
    assert found["cycle/2019-2022"].commit == git(plan_repo, "rev-parse", "HEAD").strip()
    assert found["cycle/2019-2022"].annotated


def test_the_lock_lives_where_git_says_its_directory_is(monorepo: Path, tmp_path: Path) -> None:
    top = monorepo.parent.parent
    assert git_dir_of(monorepo) == (top / ".git").resolve()
    assert lock_path(monorepo) == (top / ".git" / "fardplan.lock").resolve()
    linked = tmp_path / "linked"
    git(top, "worktree", "add", "-q", str(linked))
    assert lock_path(linked / "teams" / "plan").parent == Path(
        git(linked, "rev-parse", "--absolute-git-dir").strip())
    outside = tmp_path / "no-git"
    (outside / "plans").mkdir(parents=True)
    assert lock_path(outside) == outside / "plans" / ".fardplan.lock"


def test_commit_in_a_plan_repository_in_a_sub_folder(monorepo: Path) -> None:
    result = run_cli(*SET_STATUS, repo=monorepo)
    assert result.exit_code == 0, result.output
    assert git(monorepo, "show", "--name-only", "--format=", "HEAD").split() == [
        "teams/plan/plans/sodertalje.yaml"]


def test_commit_with_an_identity_from_the_environment_only(plan_repo: Path) -> None:
    git(plan_repo, "config", "--unset", "user.name")
    git(plan_repo, "config", "--unset", "user.email")
    env = {"GIT_AUTHOR_NAME": "Env Author", "GIT_AUTHOR_EMAIL": "author@example.org",
           "GIT_COMMITTER_NAME": "Env Committer", "GIT_COMMITTER_EMAIL": "committer@example.org",
           "EMAIL": ""}
    result = run_cli(*SET_STATUS, repo=plan_repo, env=env)
    assert result.exit_code == 0, result.output
    assert git(plan_repo, "log", "-1", "--format=%an <%ae> / %cn").strip() == (
        "Env Author <author@example.org> / Env Committer")


def test_commit_refused_when_git_knows_no_identity(plan_repo: Path) -> None:
    git(plan_repo, "config", "--unset", "user.name")
    git(plan_repo, "config", "--unset", "user.email")
    before = snapshot(plan_repo)
    result = run_cli(*SET_STATUS, repo=plan_repo, env={"EMAIL": ""})
    assert result.exit_code == 1
    assert "git has no user.email" in result.stderr
    assert snapshot(plan_repo) == before


def test_commit_in_a_sha256_repository(plan_dir: Path) -> None:
    git(plan_dir, "init", "-q", "--object-format=sha256", "-b", "main")
    git(plan_dir, "config", "user.name", "Test Planner")
    git(plan_dir, "config", "user.email", "planner@example.org")
    commit_all(plan_dir, "Import")
    result = run_cli(*SET_STATUS, repo=plan_dir)
    assert result.exit_code == 0, result.output
    head = git(plan_dir, "rev-parse", "HEAD").strip()
    assert len(head) == 64
    assert git(plan_dir, "status", "--porcelain") == ""
    # The history commands read SHA-256 objects too, and hash the working tree the same way.
    with open_git(plan_dir) as repository:
        data = (plan_dir / "plans" / "sodertalje.yaml").read_bytes()
        assert repository.files_at(head, "plans")["plans/sodertalje.yaml"] == (
            repository.blob_id(data))
    diff = run_cli("diff", "HEAD~1", "HEAD", "--format", "json", repo=plan_dir)
    assert diff.exit_code == 0, diff.output
    assert '"field": "status"' in diff.stdout
    log = run_cli("log", "sodertalje:1.3", "--format", "json", repo=plan_dir)
    assert log.exit_code == 0 and head in log.stdout


@pytest.fixture
def no_git_on_path(tmp_path: Path) -> dict[str, str]:
    empty = tmp_path / "empty-bin"
    empty.mkdir()
    return {"PATH": str(empty)}


@pytest.mark.parametrize("args", [
    ("diff", "HEAD"), ("log", "sodertalje:1.3"), ("cycle", "list"),
    ("cycle", "close", "2023-2026"), ("report", "status", "--stale-days", "30"), SET_STATUS,
])
def test_git_not_installed(plan_repo: Path, no_git_on_path: dict[str, str],
                           args: tuple[str, ...]) -> None:
    before = snapshot(plan_repo)
    result = run_cli(*args, repo=plan_repo, env=no_git_on_path)
    assert result.exit_code == GitError.exit_code, result.output
    assert "git is not installed or not on PATH" in result.stderr
    assert "internal error" not in result.stderr
    after = snapshot(plan_repo)
    after.pop("plans/.fardplan.lock", None)  # the lock's place when git cannot say where .git is
    assert after == before


def test_gitpython_without_git_is_a_clear_error(plan_repo: Path) -> None:
    """GitPython refuses to import without git; --commit says git is missing, as every command."""
    code = (
        "import os, sys\n"
        "from fardplan_cli.cli.app import app\n"
        f"sys.argv = ['fardplan', '--repo', {str(plan_repo)!r}, *{list(SET_STATUS)!r}]\n"
        "app()\n"
    )
    completed = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                               env={"PATH": str(plan_repo / "nothing"), "HOME": str(plan_repo)},
                               check=False)
    assert completed.returncode == GitError.exit_code, completed.stderr
    assert "git is not installed or not on PATH" in completed.stderr


def test_history_commands_in_a_plan_repository_in_a_sub_folder(monorepo: Path) -> None:
    closed = run_cli("cycle", "close", "2023-2026", "--force", repo=monorepo)
    assert closed.exit_code == 0, closed.output
    listed = json.loads(run_cli("cycle", "list", "--format", "json", repo=monorepo).stdout)
    assert [c["closed"] for c in listed if c["id"] == "2023-2026"] == [True]
    _edit(monorepo, "    status: planned\n", "    status: done\n")
    work_tree = run_cli("diff", "--format", "json", repo=monorepo)  # from the latest cycle
    assert work_tree.exit_code == 0, work_tree.output
    assert json.loads(work_tree.stdout)["summary"]["initiatives_changed"] == 1
    refused = run_cli("cycle", "close", "2027-2030", "--force", repo=monorepo)
    assert refused.exit_code == 1 and "plans/sodertalje.yaml" in refused.stderr
    commit_all(monorepo, "Done")
    diff = run_cli("diff", "HEAD~1", "HEAD", "--format", "json", repo=monorepo)
    assert json.loads(diff.stdout)["summary"]["initiatives_changed"] == 1
    changed = json.loads(diff.stdout)["changes"][0]["ref"]
    log = run_cli("log", changed, "--format", "json", repo=monorepo)
    assert log.exit_code == 0, log.output
    assert [entry["message"] for entry in json.loads(log.stdout)] == ["Done", "Import"]
    stale = run_cli("report", "status", "--stale-days", "0", "--format", "json", repo=monorepo)
    assert stale.exit_code == 0, stale.output
    assert changed in [row["ref"] for row in json.loads(stale.stdout)["stale"]]
