"""Shared fixtures: a CLI runner with stdout and stderr apart, and plan repositories in real git."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from typer.testing import CliRunner

PROJECT_ROOT = Path(__file__).resolve().parent.parent
SHIPPED_PLANS = PROJECT_ROOT / "plans"
SHIPPED_SCHEMAS = PROJECT_ROOT / "schemas"


@pytest.fixture(autouse=True)
def _isolated_environment(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Keep tests away from the developer's HOME, git config, locale and repository settings."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("USERPROFILE", str(home))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(home / ".gitconfig"))
    for name in ("FARDPLAN_REPO", "FARDPLAN_DEBUG", "LC_ALL", "LC_MESSAGES", "GIT_DIR", "GIT_WORK_TREE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")
    monkeypatch.setenv("COLUMNS", "200")
    monkeypatch.setenv("NO_COLOR", "1")


@dataclass
class Result:
    exit_code: int
    stdout: str
    stderr: str

    @property
    def output(self) -> str:
        return self.stdout + self.stderr


def run_cli(*args: str, repo: Path | None = None, env: dict[str, str] | None = None) -> Result:
    """Run the fardplan CLI in-process; stdout and stderr come back apart."""
    from fardplan_cli.cli.app import app

    runner = CliRunner()
    argv = [*(("--repo", str(repo)) if repo is not None else ()), *args]
    result = runner.invoke(app, argv, env=env, catch_exceptions=False)
    return Result(result.exit_code, result.stdout, result.stderr)


def git(repo: Path, *args: str) -> str:
    """Run git in ``repo`` (tests only; the tool itself goes through GitPython/history)."""
    completed = subprocess.run(
        ["git", *args], cwd=repo, check=True, capture_output=True, text=True, encoding="utf-8"
    )
    return completed.stdout


def init_git_repo(path: Path) -> None:
    git(path, "init", "-q", "-b", "main")
    git(path, "config", "user.name", "Test Planner")
    git(path, "config", "user.email", "planner@example.org")
    git(path, "config", "commit.gpgsign", "false")
    git(path, "config", "core.autocrlf", "false")


def commit_all(path: Path, message: str) -> str:
    git(path, "add", "-A")
    git(path, "commit", "-q", "-m", message)
    return git(path, "rev-parse", "HEAD").strip()


@pytest.fixture
def plan_dir(tmp_path: Path) -> Path:
    """A copy of the shipped plans and schemas, without git."""
    root = tmp_path / "plans-repo"
    shutil.copytree(SHIPPED_PLANS, root / "plans")
    shutil.copytree(SHIPPED_SCHEMAS, root / "schemas")
    return root


@pytest.fixture
def plan_repo(plan_dir: Path) -> Iterator[Path]:
    """A copy of the shipped plans in a real git repository with one commit and a local identity."""
    init_git_repo(plan_dir)
    commit_all(plan_dir, "Import the plans")
    yield plan_dir


def env_without_repo() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if k != "FARDPLAN_REPO"}


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
