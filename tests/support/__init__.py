"""What the tests share besides fixtures: the CLI runner, git in a test repository, golden files.

Fixtures live in ``tests/conftest.py``; everything a test module imports comes from here
(``from tests.support import run_cli, git``) or from a module of this package.
"""

from __future__ import annotations

import os
import subprocess
from dataclasses import dataclass
from pathlib import Path

from tests.support.golden import assert_golden

PROJECT_ROOT = Path(__file__).resolve().parent.parent.parent
SHIPPED_PLANS = PROJECT_ROOT / "plans"
SHIPPED_SCHEMAS = PROJECT_ROOT / "schemas"

__all__ = [
    "PROJECT_ROOT",
    "SHIPPED_PLANS",
    "SHIPPED_SCHEMAS",
    "Result",
    "assert_golden",
    "commit_all",
    "env_without_repo",
    "git",
    "init_git_repo",
    "run_cli",
]


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
    from typer.testing import CliRunner

    from fardplan_cli.cli.app import app

    runner = CliRunner()
    argv = [*(("--repo", str(repo)) if repo is not None else ()), *args]
    result = runner.invoke(app, argv, env=env, catch_exceptions=False)
    return Result(result.exit_code, result.stdout, result.stderr)


def git(repo: Path, *args: str) -> str:
    """Run git in ``repo`` (tests only; the tool itself reaches git through its own package)."""
    completed = subprocess.run(
        ["git", *args], cwd=repo, check=True, capture_output=True, text=True, encoding="utf-8"
    )
    return completed.stdout


def init_git_repo(path: Path) -> None:
    """Make ``path`` a git repository on branch main with a local identity and no line-end changes."""
    git(path, "init", "-q", "-b", "main")
    git(path, "config", "user.name", "Test Planner")
    git(path, "config", "user.email", "planner@example.org")
    git(path, "config", "commit.gpgsign", "false")
    git(path, "config", "core.autocrlf", "false")


def commit_all(path: Path, message: str) -> str:
    """Commit every change in the work tree; the new commit's id."""
    git(path, "add", "-A")
    git(path, "commit", "-q", "-m", message)
    return git(path, "rev-parse", "HEAD").strip()


def env_without_repo() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if k != "FARDPLAN_REPO"}
