"""The stamp of a printed page: the plan, the day, and the revision the page shows."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from fardplan_cli.repository import find_repository
from fardplan_cli.stamp import PageStamp, page_stamp
from tests.support import commit_all, git


@pytest.fixture(autouse=True)
def _today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FARDPLAN_TODAY", "2026-11-30")


def test_a_clean_repository_shows_its_head(plan_repo: Path) -> None:
    head = git(plan_repo, "rev-parse", "HEAD").strip()
    stamp = page_stamp(find_repository(str(plan_repo)), "Färdplaner")
    assert stamp == PageStamp("Färdplaner", date(2026, 11, 30), head, None, False)


def test_uncommitted_plan_changes_are_the_working_tree(plan_repo: Path) -> None:
    head = git(plan_repo, "rev-parse", "HEAD").strip()
    path = plan_repo / "plans" / "sodertalje.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "# a comment\n", encoding="utf-8")
    stamp = page_stamp(find_repository(str(plan_repo)), "P")
    assert (stamp.commit, stamp.working_tree) == (head, True)


def test_a_change_outside_the_plans_is_not_the_working_tree(plan_repo: Path) -> None:
    (plan_repo / "notes.txt").write_text("x\n", encoding="utf-8")
    assert not page_stamp(find_repository(str(plan_repo)), "P").working_tree


def test_the_cycle_tag_at_head(plan_repo: Path) -> None:
    git(plan_repo, "tag", "-a", "-m", "closed", "cycle/2023-2026")
    assert page_stamp(find_repository(str(plan_repo)), "P").cycle == "cycle/2023-2026"
    (plan_repo / "plans" / "x.txt").write_text("x\n", encoding="utf-8")
    commit_all(plan_repo, "later")
    assert page_stamp(find_repository(str(plan_repo)), "P").cycle is None


def test_without_git_the_stamp_has_no_revision(plan_dir: Path) -> None:
    stamp = page_stamp(find_repository(str(plan_dir)), "P")
    assert stamp == PageStamp("P", date(2026, 11, 30))


def test_before_the_first_commit(plan_dir: Path) -> None:
    git(plan_dir, "init", "-q")
    stamp = page_stamp(find_repository(str(plan_dir)), "P")
    assert (stamp.commit, stamp.working_tree) == (None, True)


def test_the_stamp_line_and_its_css_string() -> None:
    from fardplan_cli.i18n import set_language
    from fardplan_cli.render.html import css_string, stamp_line

    set_language("en")
    stamp = PageStamp("Plans", date(2026, 11, 30), "0123456789abcdef", "cycle/2023-2026", True)
    assert stamp_line(stamp) == ("Plans · Made 2026-11-30 · working tree (changes since "
                                 "0123456789) · cycle/2023-2026")
    assert stamp_line(PageStamp("Plans", date(2026, 11, 30))) == "Plans · Made 2026-11-30"
    quoted = str(css_string('a"</style>\\b'))
    assert quoted == '"a\\000022\\00003c\\00002fstyle\\00003e\\00005cb"'
