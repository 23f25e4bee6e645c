"""`fardplan cycle list` and `fardplan cycle close`."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tests.support import SHIPPED_PLANS, commit_all, git, init_git_repo, run_cli


@pytest.fixture(autouse=True)
def both_cycles_over(monkeypatch: pytest.MonkeyPatch) -> None:
    """A day after both cycles of the shipped plans (2023-2026, 2027-2030) have ended."""
    monkeypatch.setenv("FARDPLAN_TODAY", "2031-01-15")


def test_close_creates_an_annotated_tag_on_head(plan_repo: Path) -> None:
    result = run_cli("cycle", "close", "2023-2026", "-m", "# Slut på perioden", repo=plan_repo)
    assert result.exit_code == 0, result.output
    head = git(plan_repo, "rev-parse", "HEAD").strip()
    assert git(plan_repo, "cat-file", "-t", "cycle/2023-2026").strip() == "tag"
    assert git(plan_repo, "rev-parse", "cycle/2023-2026^{commit}").strip() == head
    assert git(plan_repo, "tag", "-l", "--format=%(contents)", "cycle/2023-2026").strip() == (
        "# Slut på perioden")
    assert "cycle/2023-2026" in result.stdout


def test_close_with_the_default_message(plan_repo: Path) -> None:
    assert run_cli("cycle", "close", "2027-2030", repo=plan_repo).exit_code == 0
    message = git(plan_repo, "tag", "-l", "--format=%(contents)", "cycle/2027-2030").strip()
    assert message == "Close the political cycle 2027-2030"


def test_close_refuses_an_unknown_cycle(plan_repo: Path) -> None:
    for cycle in ("2031-2034", "--force", "cycle/2023-2026", "2023-2026\n"):
        result = run_cli("cycle", "close", "--", cycle, repo=plan_repo)
        assert result.exit_code == 2, (cycle, result.output)
        assert "unknown cycle" in result.stderr
    assert git(plan_repo, "tag", "-l") == ""


def test_close_refuses_a_closed_cycle(plan_repo: Path) -> None:
    assert run_cli("cycle", "close", "2023-2026", repo=plan_repo).exit_code == 0
    again = run_cli("cycle", "close", "2023-2026", repo=plan_repo)
    assert again.exit_code == 1
    assert "already closed" in again.stderr


def test_close_refuses_uncommitted_plan_changes(plan_repo: Path) -> None:
    core = plan_repo / "plans" / "sodertalje.yaml"
    text = core.read_text(encoding="utf-8")
    core.write_text(text.replace("status: planned", "status: ongoing", 1), encoding="utf-8")
    result = run_cli("cycle", "close", "2023-2026", repo=plan_repo)
    assert result.exit_code == 1
    assert "uncommitted changes (plans/sodertalje.yaml)" in result.stderr
    assert git(plan_repo, "tag", "-l") == ""
    (plan_repo / "plans" / "new-core.yaml").write_text("id: x\n", encoding="utf-8")
    git(plan_repo, "checkout", "--", "plans/sodertalje.yaml")
    result = run_cli("cycle", "close", "2023-2026", repo=plan_repo)
    assert result.exit_code == 1
    assert "plans/new-core.yaml" in result.stderr


def test_close_refuses_invalid_plans(plan_repo: Path) -> None:
    core = plan_repo / "plans" / "sodertalje.yaml"
    core.write_text(core.read_text(encoding="utf-8").replace("status: planned", "status: maybe", 1),
                    encoding="utf-8")
    commit_all(plan_repo, "A broken status")
    result = run_cli("cycle", "close", "2023-2026", repo=plan_repo)
    assert result.exit_code == 1
    assert "plans/sodertalje.yaml:" in result.stderr
    assert "a cycle can only be closed on valid plans" in result.stderr
    assert git(plan_repo, "tag", "-l") == ""


def test_cycle_list(plan_repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert run_cli("cycle", "close", "2023-2026", repo=plan_repo).exit_code == 0
    head = git(plan_repo, "rev-parse", "HEAD").strip()
    monkeypatch.setenv("FARDPLAN_TODAY", "2026-05-01")
    data = json.loads(run_cli("cycle", "list", "--format", "json", repo=plan_repo).stdout)
    assert [(c["id"], c["tag"], c["phase"], c["closed"], c["commit"]) for c in data] == [
        ("2023-2026", "cycle/2023-2026", "closed", True, head),
        ("2027-2030", "cycle/2027-2030", "upcoming", False, None),
    ]
    table = run_cli("--lang", "sv", "cycle", "list", repo=plan_repo).stdout
    assert "avslutad" in table and "kommande" in table and head[:10] in table


@pytest.mark.parametrize(("today", "phases"), [
    ("2022-12-31", ["upcoming", "upcoming"]),
    ("2023-01-01", ["ongoing", "upcoming"]),
    ("2026-12-31", ["ongoing", "upcoming"]),
    ("2027-01-01", ["ended", "ongoing"]),
    ("2031-01-01", ["ended", "ended"]),
])
def test_cycle_list_says_where_each_cycle_stands_by_its_years(
    plan_repo: Path, monkeypatch: pytest.MonkeyPatch, today: str, phases: list[str]
) -> None:
    monkeypatch.setenv("FARDPLAN_TODAY", today)
    data = json.loads(run_cli("cycle", "list", "--format", "json", repo=plan_repo).stdout)
    assert [c["phase"] for c in data] == phases
    labels = {"upcoming": "kommande", "ongoing": "pågående", "ended": "slut, ej avslutad"}
    table = run_cli("--lang", "sv", "cycle", "list", repo=plan_repo).stdout.splitlines()[1:]
    assert [row.split("\t")[3] for row in table] == [labels[p] for p in phases]


def test_close_refuses_a_cycle_that_has_not_ended(
    plan_repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FARDPLAN_TODAY", "2026-12-31")
    refused = run_cli("cycle", "close", "2023-2026", repo=plan_repo)
    assert refused.exit_code == 1
    assert "runs until 2026-12-31" in refused.stderr and "--force" in refused.stderr
    assert git(plan_repo, "tag", "-l") == ""
    forced = run_cli("cycle", "close", "2023-2026", "--force", repo=plan_repo)
    assert forced.exit_code == 0, forced.output
    assert git(plan_repo, "tag", "-l").split() == ["cycle/2023-2026"]
    monkeypatch.setenv("FARDPLAN_TODAY", "2027-01-01")  # the day after the cycle: no --force
    assert run_cli("cycle", "close", "2027-2030", repo=plan_repo).exit_code == 1
    git(plan_repo, "tag", "-d", "cycle/2023-2026")
    assert run_cli("cycle", "close", "2023-2026", repo=plan_repo).exit_code == 0


def test_close_says_how_to_push_the_tag(plan_repo: Path) -> None:
    result = run_cli("cycle", "close", "2023-2026", repo=plan_repo)
    assert "git push origin cycle/2023-2026" in result.stdout
    assert "warning" not in result.stderr  # closed on main, the default branch


def test_close_warns_off_the_default_branch(plan_repo: Path) -> None:
    git(plan_repo, "switch", "-q", "-c", "topic")
    result = run_cli("cycle", "close", "2023-2026", repo=plan_repo)
    assert result.exit_code == 0
    assert "closed on topic, not on main" in result.stderr
    git(plan_repo, "switch", "-q", "--detach", "HEAD")
    result = run_cli("cycle", "close", "2027-2030", repo=plan_repo)
    assert "closed on a detached HEAD, not on main" in result.stderr


def test_the_default_branch_is_the_one_origin_head_names(tmp_path: Path, plan_repo: Path) -> None:
    remote = tmp_path / "remote.git"
    git(tmp_path, "init", "-q", "--bare", "-b", "trunk", str(remote))
    git(plan_repo, "branch", "-m", "main", "trunk")
    git(plan_repo, "remote", "add", "origin", str(remote))
    git(plan_repo, "push", "-q", "origin", "trunk")
    git(plan_repo, "remote", "set-head", "origin", "--auto")
    git(plan_repo, "switch", "-q", "-c", "main")  # a branch called main that is not the default
    warned = run_cli("cycle", "close", "2023-2026", repo=plan_repo)
    assert "closed on main, not on trunk" in warned.stderr
    git(plan_repo, "switch", "-q", "trunk")
    assert "warning" not in run_cli("cycle", "close", "2027-2030", repo=plan_repo).stderr


def test_a_repository_without_main_or_a_remote_is_not_warned_about(tmp_path: Path) -> None:
    root = tmp_path / "repo"
    root.mkdir()
    init_git_repo(root)
    git(root, "symbolic-ref", "HEAD", "refs/heads/plans")
    shutil.copytree(SHIPPED_PLANS, root / "plans")
    commit_all(root, "Import")
    result = run_cli("cycle", "close", "2023-2026", repo=root)
    assert result.exit_code == 0, result.output
    assert "warning" not in result.stderr


def test_latest_cycle_is_the_default_from(plan_repo: Path) -> None:
    assert run_cli("cycle", "close", "2027-2030", repo=plan_repo).exit_code == 0
    core = plan_repo / "plans" / "sodertalje.yaml"
    core.write_text(core.read_text(encoding="utf-8").replace("status: planned", "status: done", 1),
                    encoding="utf-8")
    commit_all(plan_repo, "Done")
    assert run_cli("cycle", "close", "2023-2026", repo=plan_repo).exit_code == 0
    # 2027-2030 comes later in region.yaml, although its tag is older.
    data = json.loads(run_cli("diff", "--format", "json", repo=plan_repo).stdout)
    assert data["from"]["label"] == "cycle/2027-2030"
    assert [c["field"] for c in data["changes"]] == ["status"]


def test_a_cycle_tag_that_names_no_commit_closes_nothing_everywhere(plan_repo: Path) -> None:
    tree = git(plan_repo, "rev-parse", "HEAD^{tree}").strip()
    git(plan_repo, "tag", "cycle/2023-2026", tree)
    listed = json.loads(run_cli("cycle", "list", "--format", "json", repo=plan_repo).stdout)
    assert [(c["closed"], c["commit"]) for c in listed if c["id"] == "2023-2026"] == [
        (False, None)]
    close = run_cli("cycle", "close", "2023-2026", repo=plan_repo)
    assert close.exit_code == 1
    assert "names no commit" in close.stderr and "git tag -d cycle/2023-2026" in close.stderr
    assert git(plan_repo, "rev-parse", "cycle/2023-2026").strip() == tree  # left as it was
    diff = run_cli("diff", "2023-2026", repo=plan_repo)
    assert diff.exit_code == 2
    assert "cycle 2023-2026 is not closed: the tag cycle/2023-2026 names no commit" in diff.stderr
    default = run_cli("diff", repo=plan_repo)  # the latest closed cycle: there is none
    assert default.exit_code == 2 and "no cycle has been closed yet" in default.stderr
