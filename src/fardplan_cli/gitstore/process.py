"""Starting git: an argument list, never a shell, with output kept stable whatever the user's
configuration says; a missing git program or a vanished folder is a clear ``GitError``."""

from __future__ import annotations

import subprocess
from pathlib import Path

from fardplan_cli.errors import GitError
from fardplan_cli.i18n import t

# Keep git's output stable whatever the user's configuration says.
GIT_CONFIG = (
    "-c", "core.quotepath=false", "-c", "log.showSignature=false", "-c", "color.ui=false",
)


def start_failure(cwd: Path, error: OSError) -> GitError:
    """Why git could not be started in ``cwd``: the folder is gone, or git is not installed."""
    if not cwd.is_dir():
        return GitError(t("the folder {path} does not exist (any more); run fardplan from an "
                          "existing folder", path=cwd))
    if isinstance(error, FileNotFoundError):
        return GitError(t("git is not installed or not on PATH"))
    return GitError(t("git could not be started: {error}", error=error.strerror or error))


def run_git(cwd: Path, *args: str, stdin: bytes | None = None, check: bool = True) -> bytes:
    """Run git with an argument list (never a shell) in ``cwd``; return its stdout."""
    try:
        completed = subprocess.run(
            ["git", *GIT_CONFIG, *args],
            cwd=cwd,
            input=stdin,
            capture_output=True,
            check=False,
        )
    except OSError as exc:
        raise start_failure(cwd, exc) from None
    if check and completed.returncode != 0:
        detail = completed.stderr.decode("utf-8", "replace").strip().splitlines()
        raise GitError(t("git {command} failed: {detail}", command=args[0],
                         detail=detail[-1] if detail else completed.returncode))
    return completed.stdout


def git_dir_of(folder: Path) -> Path | None:
    """git's own directory for the work tree holding ``folder`` (``.git``, or a linked worktree's
    directory), or None when ``folder`` is in no work tree or git cannot be run."""
    try:
        completed = subprocess.run(
            ["git", *GIT_CONFIG, "rev-parse", "--is-inside-work-tree", "--absolute-git-dir"],
            cwd=folder, capture_output=True, check=False,
        )
    except OSError:
        return None
    lines = completed.stdout.decode("utf-8", "replace").splitlines()
    if completed.returncode != 0 or len(lines) != 2 or lines[0] != "true":
        return None
    return Path(lines[1])
