"""Writing plan files: atomically, and under the plan repository's edit lock.

Every writing command reads, edits, validates, writes and commits under ``plan_lock``, so that two
concurrent edits never lose one; ``atomic_write_text`` replaces a file so that a reader, or a
crash, sees the old file or the new one, never half of one.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path

LOCK_FILE_NAME = ".fardplan.lock"
LOCK_TIMEOUT_SECONDS = 60.0


def atomic_write_text(path: Path, text: str | bytes) -> None:
    """Replace ``path`` with ``text`` (UTF-8, newlines as given; bytes as they are) so that a reader, or a crash at
    any moment, sees either the old file or the new one, never a half-written one.

    The text goes to a temporary file in the same folder (so that the rename stays on one file
    system), is flushed and fsync'ed, gets the old file's mode (a new file the umask's), and is
    renamed over the old file.
    """
    import os
    import tempfile

    folder = path.parent
    try:
        mode = path.stat().st_mode & 0o7777
    except FileNotFoundError:
        # A new file gets the usual permissions (mkstemp's own are private, 0600).
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    # The name never ends in .yaml, so a leftover from a killed writer is never read as a plan.
    handle, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    temporary = Path(name)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(text.encode("utf-8") if isinstance(text, str) else text)
            stream.flush()
            os.fsync(stream.fileno())
        temporary.chmod(mode)
        temporary.replace(path)  # os.replace: atomic on POSIX and Windows
    except BaseException:
        with contextlib.suppress(OSError):
            temporary.unlink()
        raise
    _fsync_folder(folder)


def _fsync_folder(folder: Path) -> None:
    """Make the rename itself durable where the platform allows it (not on Windows)."""
    import os

    if not hasattr(os, "O_DIRECTORY"):
        return
    with contextlib.suppress(OSError):
        descriptor = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)


def lock_path(root: Path) -> Path:
    """Where the edit lock of the plan repository at ``root`` lives.

    Inside git's own directory when the plans are in a git work tree (``.git/fardplan.lock``, or
    the linked worktree's git directory, as git itself says), so that the lock never shows up as
    an untracked file; else ``plans/.fardplan.lock``. Both are empty files that only the lock uses.
    """
    from fardplan_cli.gitstore import git_dir_of

    git_dir = git_dir_of(root)
    return git_dir / "fardplan.lock" if git_dir is not None else root / "plans" / LOCK_FILE_NAME


def _open_lock_file(path: Path) -> None:
    """Open (create) the lock file once, without following a symbolic link: a link would lead
    the lock, and the file it creates, out of the repository."""
    import errno
    import os

    from fardplan_cli.i18n import t

    if path.is_symlink():
        raise OSError(errno.ELOOP, t("it is a symbolic link"), str(path))
    os.close(os.open(path, os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0), 0o644))


@contextlib.contextmanager
def plan_lock(root: Path, timeout: float = LOCK_TIMEOUT_SECONDS) -> Iterator[None]:
    """Hold the plan repository's edit lock (see ``lock_path``) for the ``with`` block.

    Every writing command reads, edits, validates, writes and commits under this lock, so that two
    concurrent edits never lose one. ``filelock`` works on Windows and POSIX alike, and the
    operating system releases the lock when a holder dies.
    """
    from filelock import FileLock, Timeout

    from fardplan_cli.errors import EditRefusedError
    from fardplan_cli.i18n import t

    path = lock_path(root)
    lock = FileLock(str(path), timeout=timeout)
    try:
        # Opened once first, so that a lock file that cannot be one (a folder, a read-only place,
        # a symbolic link loop) is said at once, instead of being waited for until the timeout.
        _open_lock_file(path)
        lock.acquire()
    except Timeout:
        raise EditRefusedError(t(
            "another fardplan edit has held {path} for {seconds} s; try again",
            path=path, seconds=int(timeout),
        )) from None
    except OSError as exc:
        raise EditRefusedError(t(
            "edit refused, nothing written: the edit lock {path} cannot be opened ({error}); it "
            "must be a file fardplan can create and write: remove what is there, or make its "
            "folder writable", path=path, error=exc.strerror or exc)) from None
    try:
        yield
    finally:
        lock.release()
