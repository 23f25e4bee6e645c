"""The one door to git: every git process, revision check, object read, commit and tag.

Nothing else in fardplan starts git or imports GitPython. The rules this package keeps:

- a revision a user typed passes ``check_revision`` and is resolved once with
  ``rev-parse --verify --quiet --end-of-options REV^{commit}``; after that only the commit id is
  used;
- paths come after ``--``; ``diff`` and ``log`` run with ``--no-ext-diff --no-textconv``;
- no user string reaches git as an option; no shell; the only ref created is ``cycle/<id>`` for a
  validated cycle id (``create_tag`` takes the name from the caller, who validates it).

Paths given to and returned by a ``GitRepository`` are relative to the plan repository's root,
which may be a sub-folder of the git work tree (a monorepo); the package adds and removes the
prefix. Plan files at a revision are read through one persistent ``git cat-file --batch``
process (``CatFile``); commits are made through GitPython (``commits``), imported only then.
"""

from __future__ import annotations

from fardplan_cli.gitstore.objects import CatFile
from fardplan_cli.gitstore.process import git_dir_of, run_git
from fardplan_cli.gitstore.repository import CommitInfo, GitRepository, TagInfo, open_git
from fardplan_cli.gitstore.revisions import RevisionError, check_revision, is_object_id

__all__ = [
    "CatFile",
    "CommitInfo",
    "GitRepository",
    "RevisionError",
    "TagInfo",
    "check_revision",
    "git_dir_of",
    "is_object_id",
    "open_git",
    "run_git",
]
