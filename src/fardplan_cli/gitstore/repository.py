"""One git work tree as the plan repository sees it: revisions, trees, history, status, tags.

A ``GitRepository`` is opened on the plan repository's root, which may be a sub-folder of the
work tree (a monorepo): every path it takes or gives is relative to that root, and it adds or
removes the root's prefix where git speaks of paths from the top of the work tree.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType

from fardplan_cli.errors import UsageError
from fardplan_cli.gitstore.objects import CatFile, tree_entries
from fardplan_cli.gitstore.process import run_git
from fardplan_cli.gitstore.revisions import RevisionError, check_revision, is_object_id
from fardplan_cli.i18n import t

_FILE_MODES = (b"100644", b"100755")


@dataclass(frozen=True)
class CommitInfo:
    commit: str
    author: str
    email: str
    authored: str  # ISO 8601 with offset
    committed: str
    message: str

    @property
    def subject(self) -> str:
        return self.message.splitlines()[0] if self.message else ""


@dataclass(frozen=True)
class TagInfo:
    """A tag: its name without ``refs/tags/``, the commit it names (None when it names a tree, a
    blob or another tag rather than a commit), its creation date (ISO 8601), and whether it is
    an annotated tag."""

    name: str
    commit: str | None
    date: str
    annotated: bool


def open_git(root: Path) -> GitRepository:
    """The git work tree holding the plan repository at ``root``; ``UsageError`` when there is
    none (the history commands need git)."""
    out = run_git(root, "rev-parse", "--is-inside-work-tree", "--show-prefix",
                  "--show-object-format", check=False)
    lines = out.decode("utf-8", "replace").split("\n")
    if len(lines) < 3 or lines[0] != "true":
        raise UsageError(t("{path} is not a git repository; history needs git", path=root))
    return GitRepository(root, lines[1], lines[2] or "sha1")


class GitRepository:
    """Reads (and tags) one work tree; keep it open for a whole command (it holds one
    ``cat-file`` process once an object has been read)."""

    def __init__(self, root: Path, prefix: str, object_format: str) -> None:
        self.root = root
        self.prefix = prefix  # the plan root's path from the top of the work tree: '' or 'a/b/'
        self.object_format = object_format  # 'sha1' or 'sha256'
        self._cat: CatFile | None = None

    def __enter__(self) -> GitRepository:
        return self

    def __exit__(self, kind: type[BaseException] | None, value: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()

    def close(self) -> None:
        if self._cat is not None:
            self._cat.close()
            self._cat = None

    def git(self, *args: str, stdin: bytes | None = None, check: bool = True) -> bytes:
        return run_git(self.root, *args, stdin=stdin, check=check)

    def _ours(self, path: str) -> str | None:
        """A path from the top of the work tree as a path from the plan root, or None outside."""
        return path[len(self.prefix):] if path.startswith(self.prefix) else None

    # -- objects ---------------------------------------------------------------------------------

    def read_object(self, spec: str) -> tuple[str, str, bytes] | None:
        """``(object id, type, content)`` of an object id, or None."""
        if self._cat is None:
            self._cat = CatFile(self.root)
        return self._cat.read(spec)

    def read_objects(self, specs: Sequence[str]) -> list[tuple[str, str, bytes] | None]:
        """``read_object`` of each, asked of git in groups (far fewer round trips)."""
        if self._cat is None:
            self._cat = CatFile(self.root)
        return self._cat.read_many(specs)

    def read_at(self, commit: str, path: str) -> tuple[str, str, bytes] | None:
        """The object at ``path`` (from the plan root) in ``commit`` (an id git gave), or None."""
        return self.read_object(f"{commit}:{self.prefix}{path}")

    def blob_id(self, content: bytes) -> str:
        """The id git gives a blob of these bytes in this repository (SHA-1 or SHA-256), so that
        the working tree's files can be compared with git's without writing them to git."""
        algorithm = hashlib.sha256 if self.object_format == "sha256" else hashlib.sha1
        return algorithm(b"blob %d\0" % len(content) + content, usedforsecurity=False).hexdigest()

    # -- revisions -------------------------------------------------------------------------------

    def commit_of(self, name: str) -> str | None:
        """The commit that a checked revision names (``rev-parse --verify --end-of-options``)."""
        check_revision(name)
        out = self.git("rev-parse", "--verify", "--quiet", "--end-of-options",
                       f"{name}^{{commit}}", check=False)
        commit = out.decode("ascii", "replace").strip()
        return commit if is_object_id(commit) else None

    def resolve(self, typed: str) -> str:
        """The commit id a typed revision names; ``RevisionError`` when none."""
        commit = self.commit_of(typed)
        if commit is None:
            raise RevisionError(t("unknown revision {rev!r} (not a cycle, tag, branch or commit)",
                                  rev=typed))
        return commit

    def head(self) -> str | None:
        out = self.git("rev-parse", "--verify", "--quiet", "HEAD^{commit}", check=False)
        commit = out.decode("ascii", "replace").strip()
        return commit if is_object_id(commit) else None

    # -- trees and changes -----------------------------------------------------------------------

    def files_at(self, commit: str, folder: str) -> dict[str, str]:
        """``{path: blob id}`` of the regular files directly in ``folder`` (from the plan root)
        at ``commit``, read from the tree object (no new process)."""
        return self.files_at_many([commit], folder)[0]

    def files_at_many(self, commits: Sequence[str], folder: str) -> list[dict[str, str]]:
        """``files_at`` of each commit, asked of git in one go (a walk over many commits)."""
        id_bytes = 32 if self.object_format == "sha256" else 20
        trees = self.read_objects([f"{commit}:{self.prefix}{folder}" for commit in commits])
        return [{} if found is None or found[1] != "tree" else {
            f"{folder}/{name}": oid for mode, name, oid in tree_entries(found[2], id_bytes)
            if mode in _FILE_MODES} for found in trees]

    def uncommitted(self, folder: str) -> list[str]:
        """Paths under ``folder`` with changes not committed (staged, unstaged or untracked)."""
        out = self.git("status", "--porcelain", "-z", "--untracked-files=all", "--no-renames",
                       "--", f"{folder}/")
        entries = [e for e in out.decode("utf-8", "replace").split("\0") if len(e) > 3]
        return sorted({p for e in entries if (p := self._ours(e[3:])) is not None})

    def commits_changing(self, paths: Sequence[str], *,
                         first_parent: bool = False) -> list[CommitInfo]:
        """The commits from HEAD that changed any of ``paths``, newest first; with
        ``first_parent``, only those on the line of first parents (the branch's own history,
        where a merge counts as one change)."""
        if self.head() is None:
            return []
        fmt = "%H%x1f%an%x1f%ae%x1f%aI%x1f%cI%x1f%B"
        out = self.git("log", "-z", f"--format={fmt}", "--no-ext-diff", "--no-textconv",
                       "--no-color", *(["--first-parent"] if first_parent else []), "HEAD",
                       "--", *paths)
        commits = []
        for record in out.decode("utf-8", "replace").split("\0"):
            fields = record.split("\x1f")
            if len(fields) == 6:
                commit, author, email, authored, committed, message = fields
                commits.append(CommitInfo(commit, author, email, authored, committed,
                                          message.strip()))
        return commits

    # -- tags ------------------------------------------------------------------------------------

    def tags(self, prefix: str) -> list[TagInfo]:
        """The tags whose names start with ``prefix`` (a fixed string of ours, ending in '/')."""
        fmt = ("%(refname:strip=2)%00%(objecttype)%00%(objectname)%00%(*objecttype)"
               "%00%(*objectname)%00%(creatordate:iso-strict)")
        out = self.git("for-each-ref", f"--format={fmt}", f"refs/tags/{prefix}")
        found = []
        for line in out.decode("utf-8", "replace").splitlines():
            fields = line.split("\0")
            if len(fields) != 6:
                continue
            name, kind, objectname, peeled_kind, peeled, date = fields
            if kind == "commit":
                commit: str | None = objectname
            else:
                commit = peeled if kind == "tag" and peeled_kind == "commit" else None
            found.append(TagInfo(name, commit, date, kind == "tag"))
        return found

    def create_tag(self, name: str, commit: str, message: str) -> None:
        """An annotated tag on ``commit``; the message goes through stdin, not argv. ``name`` is
        built by the caller from a validated id, never typed as is."""
        self.git("tag", "--annotate", "--cleanup=whitespace", "--file=-", "--end-of-options",
                 name, commit, stdin=message.encode("utf-8"))
