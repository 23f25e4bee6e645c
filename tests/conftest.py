"""The fixtures: an isolated environment, plan directories and plan repositories in real git.

Helpers that tests import (the CLI runner, git, golden files) are in ``tests/support``.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

pytest.register_assert_rewrite("tests.support")

from tests.support import PROJECT_ROOT, SHIPPED_PLANS, SHIPPED_SCHEMAS, commit_all, init_git_repo  # noqa: E402


@pytest.fixture(autouse=True)
def _isolated_environment(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Keep tests away from the developer's HOME, git config, locale and repository settings."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("USERPROFILE", str(home))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(home / ".gitconfig"))
    for name in ("FARDPLAN_REPO", "FARDPLAN_DEBUG", "FARDPLAN_LANG", "LANGUAGE", "LC_ALL", "LC_MESSAGES", "GIT_DIR",
                 "GIT_WORK_TREE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")
    # The language is process-wide and a CLI run sets it: a test that calls the domain directly
    # (an edit's summary) starts in English, whatever a test before it ran.
    from fardplan_cli import i18n

    i18n.set_language("en")
    monkeypatch.setenv("COLUMNS", "200")
    monkeypatch.setenv("NO_COLOR", "1")
    from fardplan_cli import i18n

    # A command sets the language of its messages for the process; the next test starts in English.
    monkeypatch.setattr(i18n, "_language", "en")


@pytest.fixture
def plan_dir(tmp_path: Path) -> Path:
    """A copy of the shipped plans and schemas, without git."""
    root = tmp_path / "plans-repo"
    shutil.copytree(SHIPPED_PLANS, root / "plans")
    shutil.copytree(SHIPPED_SCHEMAS, root / "schemas")
    return root


@pytest.fixture(scope="session")
def _committed_plans(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped plans in a git repository with one commit, made once per test process: each
    test gets a copy of it (copying is far cheaper than eight git commands)."""
    root = tmp_path_factory.mktemp("committed") / "plans-repo"
    shutil.copytree(SHIPPED_PLANS, root / "plans")
    shutil.copytree(SHIPPED_SCHEMAS, root / "schemas")
    with pytest.MonkeyPatch.context() as env:  # as _isolated_environment sets it for a test
        home = tmp_path_factory.mktemp("home")
        env.setenv("HOME", str(home))
        env.setenv("GIT_CONFIG_NOSYSTEM", "1")
        env.setenv("GIT_CONFIG_GLOBAL", str(home / ".gitconfig"))
        for name in ("GIT_DIR", "GIT_WORK_TREE"):
            env.delenv(name, raising=False)
        init_git_repo(root)
        commit_all(root, "Import the plans")
    return root


@pytest.fixture
def plan_repo(_committed_plans: Path, tmp_path: Path) -> Iterator[Path]:
    """A copy of the shipped plans in a real git repository with one commit and a local identity."""
    root = tmp_path / "plans-repo"
    shutil.copytree(_committed_plans, root, symlinks=True)
    yield root


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A small repository from the benchmark's generator: 4 cores x 6 initiatives, 60 commits,
    the two cycle tags and ``bench/one-core``."""
    import sys

    sys.path.insert(0, str(PROJECT_ROOT / "benchmarks"))
    import generate

    made = generate.generate(tmp_path_factory.mktemp("generated") / "repo", cores=4, initiatives=6,
                             commits=60, seed=3)
    return Path(made.root)


@pytest.fixture
def repo(generated: Path, tmp_path: Path) -> Path:
    """A copy of ``generated`` for one test to change."""
    copy = tmp_path / "repo"
    shutil.copytree(generated, copy, symlinks=True)
    return copy


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """One headless Chromium per test worker (see tests/support/browser.py)."""
    from tests.support.browser import chromium

    with chromium() as launched:
        yield launched
