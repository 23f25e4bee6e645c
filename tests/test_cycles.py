"""`fardplan cycle list` and `fardplan cycle close`."""

from __future__ import annotations

import json
from pathlib import Path

from tests.support import commit_all, git, run_cli


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


def test_cycle_list(plan_repo: Path) -> None:
    assert run_cli("cycle", "close", "2023-2026", repo=plan_repo).exit_code == 0
    head = git(plan_repo, "rev-parse", "HEAD").strip()
    data = json.loads(run_cli("cycle", "list", "--format", "json", repo=plan_repo).stdout)
    assert [(c["id"], c["tag"], c["closed"], c["commit"]) for c in data] == [
        ("2023-2026", "cycle/2023-2026", True, head),
        ("2027-2030", "cycle/2027-2030", False, None),
    ]
    table = run_cli("--lang", "sv", "cycle", "list", repo=plan_repo).stdout
    assert "avslutad" in table and "pågående" in table and head[:10] in table


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
