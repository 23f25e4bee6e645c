"""Helpers shared by the edit tests: a plan repository whose plans carry comments everywhere."""

from __future__ import annotations

import difflib
import shutil
from pathlib import Path

from fardplan_cli.writing import LOCK_FILE_NAME
from tests.support import PROJECT_ROOT, commit_all, init_git_repo

EDIT_FIXTURES = PROJECT_ROOT / "tests" / "edit_fixtures"


def add_commented_plans(root: Path) -> None:
    """Replace the plans that have initiatives with copies that have comments above, inside and
    after initiatives (tests/edit_fixtures/)."""
    for fixture in EDIT_FIXTURES.glob("*.yaml"):
        shutil.copyfile(fixture, root / "plans" / fixture.name)


def make_commented_repo(root: Path) -> Path:
    add_commented_plans(root)
    init_git_repo(root)
    commit_all(root, "Import the commented plans")
    return root


def snapshot(root: Path) -> dict[str, bytes]:
    """Every file under the repository except git's own and the (empty) edit lock, byte for byte."""
    return {
        path.relative_to(root).as_posix(): path.read_bytes()
        for path in sorted(root.rglob("*"))
        if path.is_file() and ".git" not in path.relative_to(root).parts
        and path.name != LOCK_FILE_NAME
    }


def unified(path: str, old: str, new: str) -> str:
    return "".join(difflib.unified_diff(
        old.splitlines(keepends=True), new.splitlines(keepends=True),
        fromfile=f"a/{path}", tofile=f"b/{path}",
    ))


def comment_lines(text: str) -> list[str]:
    """Every comment in the file, own-line or end-of-line, in order, without its indentation."""
    found = []
    for line in text.splitlines():
        stripped = line.strip()
        if stripped.startswith("#"):
            found.append(stripped)
        elif "  #" in line:
            found.append(line.split("  #", 1)[1].strip())
    return found

