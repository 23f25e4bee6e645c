"""Committing one edited plan file, through GitPython (imported only when a command commits).

``check_can_commit`` runs before anything is written, so that a refused commit leaves the work
tree as it was. ``commit_file`` commits exactly that file: ``git commit --only -- PATH`` takes the
file's content from the work tree and leaves everything else that is staged staged.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from fardplan_cli.errors import EditRefusedError, GitError
from fardplan_cli.i18n import t

# Files in the git directory that say an operation is under way.
_IN_PROGRESS = {
    "MERGE_HEAD": "a merge",
    "rebase-merge": "a rebase",
    "rebase-apply": "a rebase",
    "CHERRY_PICK_HEAD": "a cherry-pick",
    "REVERT_HEAD": "a revert",
}


def _gitpython() -> Any:
    """GitPython, which refuses to import when it finds no git program."""
    try:
        import git
    except ImportError:
        raise GitError(t("git is not installed or not on PATH")) from None
    return git


@contextmanager
def _git_found() -> Iterator[Any]:
    """GitPython, with a git program that has gone missing since it was imported reported as
    such rather than as an internal error."""
    git = _gitpython()
    try:
        yield git
    except git.GitCommandNotFound:
        raise GitError(t("git is not installed or not on PATH")) from None


def _open(git: Any, root: Path) -> tuple[Any, str]:
    """The git repository holding ``root``, and ``root``'s path inside it ('' or 'folder/')."""
    try:
        repo = git.Repo(root, search_parent_directories=True)
    except (git.InvalidGitRepositoryError, git.NoSuchPathError):
        raise EditRefusedError(t(
            "--commit needs a git repository, and {path} is not in one", path=root)) from None
    if repo.working_tree_dir is None:
        raise EditRefusedError(
            t("--commit needs a work tree; {path} is a bare repository", path=root))
    top = Path(repo.working_tree_dir).resolve()
    prefix = root.resolve().relative_to(top).as_posix()
    return repo, "" if prefix == "." else prefix + "/"


def check_can_commit(root: Path, path: str) -> None:
    """Refuse, before anything is written, a commit that could not be made cleanly."""
    with _git_found() as git:
        repo, prefix = _open(git, root)
        git_dir = Path(repo.git_dir)
        for name, what in _IN_PROGRESS.items():
            if (git_dir / name).exists():
                raise EditRefusedError(t(
                    "the repository is in the middle of {operation}; "
                    "finish or abort it before --commit",
                    operation=t(what)))
        # git's own answer, from its configuration or GIT_AUTHOR_*/GIT_COMMITTER_* (``git var``
        # refuses exactly where ``git commit`` would).
        for variable in ("GIT_AUTHOR_IDENT", "GIT_COMMITTER_IDENT"):
            try:
                repo.git.var(variable)
            except git.GitCommandError:
                try:
                    email = repo.git.config("--get", "user.email")
                except git.GitCommandError:
                    email = ""
                key = "user.email" if not email.strip() else "user.name"
                raise EditRefusedError(t(
                    "git has no {key}; set it with: git config {key} \"...\"", key=key)) from None
        status = repo.git.status("--porcelain", "--untracked-files=all", "--", prefix + path)
        if status.strip():
            raise EditRefusedError(t(
                "{path} already has uncommitted changes; commit or stash them first, "
                "or edit without --commit", path=path))


def commit_file(root: Path, path: str, message: str) -> str:
    """Commit exactly ``path`` with ``message``; return the new commit's id (SHA-1 or SHA-256:
    read with ``rev-parse``, since GitPython's own objects know SHA-1 only)."""
    return commit_files(root, [path], message)


def commit_files(root: Path, paths: Sequence[str], message: str) -> str:
    """Commit exactly ``paths`` in one commit with ``message``; return the new commit's id."""
    path = ", ".join(paths)
    with _git_found() as git:
        repo, prefix = _open(git, root)
        try:
            repo.git.commit("--quiet", "-m", message, "--only", "--", *(prefix + p for p in paths))
            return str(repo.git.rev_parse("--verify", "HEAD^{commit}")).strip()
        except git.GitCommandError as exc:
            detail = (exc.stderr or "").strip().replace("\n", " ") or str(exc)
            raise GitError(t(
                "{path} was written but not committed: {error}", path=path,
                error=detail)) from None
