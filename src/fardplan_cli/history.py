"""Cycles, revisions and the history of the plans, read from git objects (never by checking out).

Every git process the tool starts is started here, by ``run_git`` or ``CatFile``, so that the
safety rules of DESIGN §7 live in one place:

- a revision a user typed passes ``check_revision`` and is resolved once with
  ``rev-parse --verify --quiet --end-of-options REV^{commit}``; after that only the commit id
  is used;
- paths come after ``--``; ``diff`` and ``log`` run with ``--no-ext-diff --no-textconv``;
- no user string reaches git as an option; no shell; the only ref the tool creates is
  ``cycle/<id>`` for a validated cycle id.

Plan files at a revision are read through one persistent ``git cat-file --batch`` process and parsed
once per distinct blob (unchanged files share blobs across revisions).
"""

from __future__ import annotations

import hashlib
import re
import subprocess
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path
from types import TracebackType
from typing import IO, Any

from fardplan_cli import grammar
from fardplan_cli.chunks import assemble, cut_core_text, lines_close
from fardplan_cli.diff import Change, DiffResult, compare_initiatives, diff_plan_sets, initiative_content
from fardplan_cli.errors import GitError, NotFoundError, UsageError
from fardplan_cli.grammar import ACTOR_FIELDS as _ACTOR_FIELDS
from fardplan_cli.grammar import CYCLE_TAG_PREFIX, is_core_id
from fardplan_cli.grammar import is_initiative_id as _is_initiative_id
from fardplan_cli.i18n import STATUSES, t
from fardplan_cli.load import (
    ACTORS_FILE,
    PLANS_DIR,
    REGION_FILE,
    build_plan_set,
    core_id_of,
    is_core_file,
)
from fardplan_cli.model import DEFAULT_STATUS, Initiative, PlanSet, Position, Problem
from fardplan_cli.yamlfile import MAX_FILE_BYTES, Document, YamlProblemError, parse_document

CYCLE_ID = re.compile(grammar.CYCLE_ID)
WORK_TREE_LABEL = "working tree"

# Keep git's output stable whatever the user's configuration says.
_GIT_CONFIG = (
    "-c", "core.quotepath=false", "-c", "log.showSignature=false", "-c", "color.ui=false",
)


class RevisionError(NotFoundError):
    """A revision the user typed is not one, or names nothing in the repository (exit 2)."""


# -- running git ------------------------------------------------------------------------------


def run_git(repo_root: Path, *args: str, stdin: bytes | None = None, check: bool = True) -> bytes:
    """Run git with an argument list (never a shell) in ``repo_root``; return its stdout."""
    try:
        completed = subprocess.run(
            ["git", *_GIT_CONFIG, *args],
            cwd=repo_root,
            input=stdin,
            capture_output=True,
            check=False,
        )
    except FileNotFoundError:
        raise GitError(t("git is not installed or not on PATH")) from None
    if check and completed.returncode != 0:
        detail = completed.stderr.decode("utf-8", "replace").strip().splitlines()
        raise GitError(t("git {command} failed: {detail}", command=args[0],
                         detail=detail[-1] if detail else completed.returncode))
    return completed.stdout


def is_git_repository(repo_root: Path) -> bool:
    out = run_git(repo_root, "rev-parse", "--is-inside-work-tree", check=False)
    return out.strip() == b"true"


def _require_git(repo_root: Path) -> None:
    if not is_git_repository(repo_root):
        raise UsageError(t("{path} is not a git repository; history needs git", path=repo_root))


class CatFile:
    """One persistent ``git cat-file --batch`` process: ~0.03 ms per object instead of ~2.4 ms."""

    def __init__(self, repo_root: Path) -> None:
        try:
            self._process = subprocess.Popen(
                ["git", *_GIT_CONFIG, "cat-file", "--batch"],
                cwd=repo_root,
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL,
            )
        except FileNotFoundError:
            raise GitError(t("git is not installed or not on PATH")) from None
        assert self._process.stdin is not None and self._process.stdout is not None
        self._in: IO[bytes] = self._process.stdin
        self._out: IO[bytes] = self._process.stdout

    def read(self, spec: str) -> tuple[str, str, bytes] | None:
        """``(object id, type, content)`` of ``spec``, or None when there is no such object.

        ``spec`` is an object id, or ``<commit>:<path>`` built from a commit id that git gave us
        and a path of ours; never a string the user typed.
        """
        if "\n" in spec or "\0" in spec:
            raise ValueError(spec)
        self._in.write(spec.encode("utf-8") + b"\n")
        self._in.flush()
        header = self._out.readline()
        if not header:
            raise GitError(t("git cat-file stopped unexpectedly"))
        parts = header.rstrip(b"\n").split(b" ")
        if len(parts) != 3:  # "<spec> missing" / "ambiguous"
            return None
        oid, kind, size = parts[0].decode(), parts[1].decode(), int(parts[2])
        content = self._out.read(size)
        self._out.read(1)  # the newline after the content
        return oid, kind, content

    def close(self) -> None:
        if self._process.poll() is None:
            self._in.close()
            try:
                self._process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self._process.kill()
                self._process.wait()
        self._out.close()

    def __enter__(self) -> CatFile:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


# -- revisions --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Revision:
    """One side of a diff: what the user typed, the commit it resolved to, and a label for people.

    The working tree is ``Revision(None, None, "working tree")``.
    """

    rev: str | None
    commit: str | None
    label: str

    @property
    def is_work_tree(self) -> bool:
        return self.commit is None

    def as_dict(self) -> dict[str, str | None]:
        return {"rev": self.rev, "commit": self.commit, "label": self.label}


WORK_TREE = Revision(None, None, WORK_TREE_LABEL)


def check_revision(typed: str) -> str:
    """Refuse, before git sees it, any revision that could be read as an option or a path."""
    if not typed or not typed.strip():
        raise RevisionError(t("an empty revision is not allowed"))
    if "\0" in typed or "\n" in typed or "\r" in typed:
        raise RevisionError(t("a revision may not contain a line break or NUL: {rev!r}", rev=typed))
    if typed.startswith("-"):
        raise RevisionError(t("a revision may not start with '-': {rev!r}", rev=typed))
    if ":" in typed:
        raise RevisionError(t(
            "{rev!r} is not a revision: ':' (a path inside a revision) is not allowed", rev=typed))
    if any(ord(c) < 32 or ord(c) == 127 for c in typed):
        raise RevisionError(t("a revision may not contain control characters: {rev!r}", rev=typed))
    return typed


def cycle_tag(cycle_id: str) -> str:
    if not CYCLE_ID.fullmatch(cycle_id):
        raise UsageError(t("{cycle!r} is not a cycle id (YYYY-YYYY, e.g. 2023-2026)",
                           cycle=cycle_id))
    return CYCLE_TAG_PREFIX + cycle_id


def resolve_revision(repo_root: Path, typed: str, *, git_checked: bool = False) -> Revision:
    """A cycle id, tag, branch or commit -> the commit id it names. Raises ``RevisionError``."""
    check_revision(typed)
    if not git_checked:
        _require_git(repo_root)
    name = cycle_tag(typed) if CYCLE_ID.fullmatch(typed) else typed
    out = run_git(repo_root, "rev-parse", "--verify", "--quiet", "--end-of-options",
                   f"{name}^{{commit}}", check=False)
    commit = out.decode("ascii", "replace").strip()
    if not re.fullmatch(r"[0-9a-f]{40}|[0-9a-f]{64}", commit):
        if name != typed:
            raise RevisionError(t("cycle {cycle} is not closed: there is no tag {tag}",
                                  cycle=typed, tag=name))
        raise RevisionError(t("unknown revision {rev!r} (not a cycle, tag, branch or commit)",
                              rev=typed))
    return Revision(typed, commit, name if name != typed else f"{typed} ({commit[:10]})")


def head_commit(repo_root: Path) -> str | None:
    out = run_git(repo_root, "rev-parse", "--verify", "--quiet", "HEAD^{commit}", check=False)
    commit = out.decode("ascii", "replace").strip()
    return commit or None


# -- cycles -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class CycleTag:
    cycle: str
    tag: str
    commit: str
    date: str  # the tag's creation date, ISO 8601
    annotated: bool


def cycle_tags(repo_root: Path) -> dict[str, CycleTag]:
    """Every ``cycle/<id>`` tag with a valid id, by cycle id."""
    _require_git(repo_root)
    fmt = ("%(refname:strip=2)%00%(objecttype)%00%(objectname)%00%(*objectname)"
           "%00%(creatordate:iso-strict)")
    out = run_git(repo_root, "for-each-ref", f"--format={fmt}", "refs/tags/cycle/")
    tags: dict[str, CycleTag] = {}
    for line in out.decode("utf-8", "replace").splitlines():
        fields = line.split("\0")
        if len(fields) != 5:
            continue
        tag, kind, objectname, peeled, date = fields
        cycle = tag.removeprefix(CYCLE_TAG_PREFIX)
        if not CYCLE_ID.fullmatch(cycle):
            continue
        annotated = kind == "tag"
        tags[cycle] = CycleTag(cycle, tag, peeled if annotated else objectname, date, annotated)
    return tags


def latest_cycle(repo_root: Path, cycle_order: Sequence[str]) -> CycleTag | None:
    """The latest closed cycle: by the order of ``region.yaml``'s cycles, then by id."""
    tags = cycle_tags(repo_root)
    if not tags:
        return None
    rank = {cycle: index for index, cycle in enumerate(cycle_order)}
    return max(tags.values(), key=lambda tag: (rank.get(tag.cycle, -1), tag.cycle))


def uncommitted_plan_files(repo_root: Path) -> list[str]:
    """Plan files with changes not committed (staged, unstaged or untracked)."""
    out = run_git(repo_root, "status", "--porcelain", "-z", "--untracked-files=all", "--",
                   f"{PLANS_DIR}/")
    entries = [e for e in out.decode("utf-8", "replace").split("\0") if e]
    return sorted({entry[3:] for entry in entries if len(entry) > 3})


def create_cycle_tag(repo_root: Path, cycle_id: str, commit: str, message: str) -> str:
    """An annotated tag ``cycle/<id>`` on ``commit``; the message goes through stdin, not argv."""
    tag = cycle_tag(cycle_id)
    run_git(repo_root, "tag", "--annotate", "--cleanup=whitespace", "--file=-", tag, commit,
             stdin=message.encode("utf-8"))
    return tag


# -- plan files at a revision -----------------------------------------------------------------


def blob_id(content: bytes) -> str:
    """git's SHA-1 object id of a blob: the work tree's files share the cache with git's objects."""
    return hashlib.sha1(b"blob %d\0" % len(content) + content, usedforsecurity=False).hexdigest()


def _plain_text(data: bytes) -> str | None:
    """A plan file's text as ``parse_document`` reads it, or None where it would refuse it."""
    if len(data) > MAX_FILE_BYTES:
        return None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return None
    return text[1:] if text.startswith("\ufeff") else text


def _is_plan_path(path: str) -> bool:
    return path.startswith(f"{PLANS_DIR}/") and path.endswith(".yaml") and path.count("/") == 1


class PlanHistory:
    """Reads plan sets at revisions of one repository; keep it open for a whole command.

    Holds one ``git cat-file --batch`` process and a cache of parsed files by blob id.
    """

    def __init__(self, repo_root: Path) -> None:
        self.root = repo_root
        self._cat: CatFile | None = None
        self._documents: dict[tuple[str, str], Document | _ParseFailure] = {}
        self._indexes: dict[tuple[str, str], FileInitiatives] = {}
        self._unparsed: dict[str, bytes] = {}  # blobs read by ``blob_at``, not yet parsed
        self.parsed = 0  # how many files were actually parsed (tests check the cache with it)
        self.compared_every_file = False  # whether ``diff`` had to (tests check the fast path)
        self.split_files = True  # whether ``diff`` may parse only the changed initiatives of a file
        self.files_split = 0  # how many changed files it did so for (tests check the fast path)
        self._git_checked = False

    def __enter__(self) -> PlanHistory:
        return self

    def __exit__(self, kind: type[BaseException] | None, value: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()

    def close(self) -> None:
        if self._cat is not None:
            self._cat.close()
            self._cat = None

    @property
    def cat(self) -> CatFile:
        if self._cat is None:
            self._check_git()
            self._cat = CatFile(self.root)
        return self._cat

    def _check_git(self) -> None:
        if not self._git_checked:
            _require_git(self.root)
            self._git_checked = True

    def resolve(self, typed: str) -> Revision:
        check_revision(typed)
        self._check_git()  # once per command, not once per revision
        return resolve_revision(self.root, typed, git_checked=True)

    def plan_blobs(self, commit: str) -> dict[str, str]:
        """``{plans/<file>.yaml: blob id}`` at a commit, from ``ls-tree``."""
        out = run_git(self.root, "ls-tree", "-r", "--full-tree", "-z", commit, "--",
                       f"{PLANS_DIR}/")
        blobs: dict[str, str] = {}
        for entry in out.decode("utf-8", "replace").split("\0"):
            meta, _, path = entry.partition("\t")
            parts = meta.split(" ")
            if len(parts) == 3 and parts[1] == "blob" and _is_plan_path(path):
                blobs[path] = parts[2]
        return blobs

    def tree_plan_blobs(self, commit: str) -> dict[str, str]:
        """The same as ``plan_blobs``, read from the tree object through cat-file (no new process:
        for walking many commits)."""
        found = self.cat.read(f"{commit}:{PLANS_DIR}")
        if found is None or found[1] != "tree":
            return {}
        data, size = found[2], len(commit) // 2  # raw object ids: 20 bytes (SHA-1), 32 (SHA-256)
        blobs: dict[str, str] = {}
        index = 0
        while index < len(data):
            space = data.index(b" ", index)
            nul = data.index(b"\0", space)
            mode, name = data[index:space], data[space + 1 : nul].decode("utf-8", "replace")
            oid = data[nul + 1 : nul + 1 + size].hex()
            index = nul + 1 + size
            path = f"{PLANS_DIR}/{name}"
            if mode in (b"100644", b"100755") and _is_plan_path(path):
                blobs[path] = oid
        return blobs

    def changed_plan_files(self, old: str, new: str) -> list[str]:
        """Plan files that git says differ between two commits."""
        out = run_git(self.root, "diff", "--name-only", "-z", "--no-ext-diff", "--no-textconv",
                       "--no-renames", old, new, "--", f"{PLANS_DIR}/")
        return sorted(p for p in out.decode("utf-8", "replace").split("\0") if _is_plan_path(p))

    def read_blob(self, oid: str) -> bytes:
        content = self._unparsed.pop(oid, None)
        if content is not None:
            return content
        found = self.cat.read(oid)
        if found is None or found[1] != "blob":
            raise GitError(t("git object {oid} is missing", oid=oid))
        return found[2]

    def document(self, path: str, oid: str, content: bytes | None = None) -> Document:
        """The parsed file, once per (path, blob). Raises ``YamlProblemError`` for a broken file."""
        key = (path, oid)
        cached = self._documents.get(key)
        if cached is None:
            data = content if content is not None else self.read_blob(oid)
            self.parsed += 1
            try:
                # Positions are worked out only if a problem needs one: history compares content.
                cached = parse_document(path, data, lazy_positions=True)
            except YamlProblemError as exc:
                cached = _ParseFailure(exc)
            self._documents[key] = cached
        if isinstance(cached, _ParseFailure):
            raise cached.error
        return cached

    def plan_entries(
        self, revision: Revision, work_tree_files: Mapping[str, bytes] | None = None
    ) -> dict[str, tuple[str, bytes | None]]:
        """``{plans/<file>.yaml: (blob id, content or None)}`` at a revision: one ``ls-tree`` for a
        commit; for the work tree, git's blob id of each file's bytes (no parsing)."""
        if revision.commit is None:
            if work_tree_files is None:
                raise ValueError("the working tree needs its files")
            return {path: (blob_id(data), data) for path, data in work_tree_files.items()}
        blobs = self.plan_blobs(revision.commit)
        if REGION_FILE not in blobs:
            raise RevisionError(t("{label} has no plans/region.yaml", label=revision.label))
        return {path: (oid, None) for path, oid in blobs.items()}

    def plan_set(
        self, revision: Revision, work_tree_files: Mapping[str, bytes] | None = None
    ) -> PlanSet:
        """The plan set at a revision, or the working tree's files for the work tree."""
        return self._plan_set(revision, self.plan_entries(revision, work_tree_files))

    def _plan_set(self, revision: Revision,
                  entries: Mapping[str, tuple[str, bytes | None]]) -> PlanSet:
        from fardplan_cli.errors import PlanProblemsError

        plan, problems = self._partial_plan_set(entries)
        if problems:
            raise PlanProblemsError(problems, t(
                "the plans at {label} have {count} problem(s); the first: {first}",
                label=revision.label, count=len(problems), first=problems[0].format()),
                revision=None if revision.is_work_tree else revision.label)
        return plan

    def _partial_plan_set(
        self, entries: Mapping[str, tuple[str, bytes | None]], unread: Iterable[str] = (),
        parsed: Mapping[str, Document] | None = None,
    ) -> tuple[PlanSet, list[Problem]]:
        """The plan set of these files (all of a revision's, or some), with its problems;
        ``unread`` files are there but left out (not reported missing); ``parsed`` files are
        taken as they are given."""
        documents: dict[str, Document] = {}
        problems = []
        for path, (oid, content) in sorted(entries.items()):
            if parsed is not None and path in parsed:
                documents[path] = parsed[path]
                continue
            try:
                documents[path] = self.document(path, oid, content)
            except YamlProblemError as exc:
                problems.append(exc.problem)
        listed = dict.fromkeys([*entries, *unread], b"")
        plan, build_problems = build_plan_set(documents, listed, positions=False)
        return plan, problems + build_problems

    # -- the diff between two revisions -------------------------------------------------------

    def cycle_order(self, work_tree_files: Mapping[str, bytes]) -> list[str]:
        """The cycle ids of the working tree's ``region.yaml``, in its order. Raises
        ``PlanProblemsError`` (as ``plan_set`` would for the working tree) when it has problems."""
        region = work_tree_files.get(REGION_FILE)
        if region is not None:
            entries = {REGION_FILE: (blob_id(region), region)}
            plan, problems = self._partial_plan_set(entries)
            if not problems:
                return [cycle.id for cycle in plan.region.cycles]
        plan = self.plan_set(WORK_TREE, work_tree_files)
        return [cycle.id for cycle in plan.region.cycles]

    def diff(self, source: Revision, target: Revision, *,
             work_tree_files: Mapping[str, bytes] | None = None, core: str | None = None,
             only_changed: bool = True) -> tuple[DiffResult, str | None]:
        """What changed from ``source`` to ``target`` (with ``core`` as typed: only that core and
        the common initiatives), and the id of that core.

        Only the files whose blobs differ are parsed and compared (with ``region.yaml`` and
        ``actors.yaml``, for the region's changes and the names): a file that is the same blob on
        both sides yields no change. Of a changed core file, only the initiatives whose text
        differs are parsed, when the file can be cut surely (``_changed_initiatives``). The result
        says exactly what comparing every file says; where that cannot be shown from the changed
        files alone (a changed file with problems or whose core id is not its name, a core named
        by its name), every file is compared, and problems are reported as ``plan_set`` reports
        them. What is the same on both sides is not read, so not checked either: a problem there
        (in an unchanged file or initiative) is left to ``validate``. ``only_changed=False``
        always compares every file (the tests compare the two).
        """
        if only_changed:
            try:
                return self._diff_changed(source, target, work_tree_files, core)
            except _EveryFileNeeded:
                pass
        self.compared_every_file = True
        return self._diff_every_file(source, target, work_tree_files, core)

    def _diff_every_file(self, source: Revision, target: Revision,
                         work_tree_files: Mapping[str, bytes] | None,
                         core: str | None) -> tuple[DiffResult, str | None]:
        from fardplan_cli.errors import FardplanError
        from fardplan_cli.query import resolve_core

        new_plan = self.plan_set(target, work_tree_files) if target.is_work_tree else None
        old_plan = self.plan_set(source, work_tree_files)
        if new_plan is None:
            new_plan = self.plan_set(target, work_tree_files)
        core_id = None
        if core is not None:
            try:
                core_id = resolve_core(new_plan, core).id
            except FardplanError:
                core_id = resolve_core(old_plan, core).id
        return diff_plan_sets(old_plan, new_plan, core=core_id), core_id

    def _diff_changed(self, source: Revision, target: Revision,
                      work_tree_files: Mapping[str, bytes] | None,
                      core: str | None) -> tuple[DiffResult, str | None]:
        old = self.plan_entries(source, work_tree_files)
        new = self.plan_entries(target, work_tree_files)
        wanted = {path for path in old.keys() | new.keys()
                  if old.get(path, ("",))[0] != new.get(path, ("",))[0]}
        # The same actors on both sides: read only if a change names one (~15 ms for 300).
        unread = () if ACTORS_FILE in wanted or ACTORS_FILE not in new else (ACTORS_FILE,)
        wanted.add(REGION_FILE)
        core_id = None
        if core is not None:
            # A core given by its id, whose file is there on one side; a name needs every core's.
            path = f"{PLANS_DIR}/{core}.yaml"
            if "/" in core or not is_core_file(path) or (path not in old and path not in new):
                raise _EveryFileNeeded
            wanted.add(path)
            core_id = core
        old_parsed: dict[str, Document] = {}
        new_parsed: dict[str, Document] = {}
        if self.split_files:
            for path in sorted(wanted):
                if (is_core_file(path) and path in old and path in new
                        and old[path][0] != new[path][0]):
                    old[path], new[path], pair = self._changed_initiatives(path, old[path],
                                                                           new[path])
                    if pair is not None:
                        old_parsed[path], new_parsed[path] = pair
        old_plan, old_problems = self._partial_plan_set(
            {path: entry for path, entry in old.items() if path in wanted}, unread, old_parsed)
        new_plan, new_problems = self._partial_plan_set(
            {path: entry for path, entry in new.items() if path in wanted}, unread, new_parsed)
        if old_problems or new_problems:
            raise _EveryFileNeeded  # for the very same error message
        for plan in (old_plan, new_plan):
            if any(c.id != core_id_of(c.file) for c in plan.cores):
                raise _EveryFileNeeded  # cores are matched by id: the other files matter
        result = diff_plan_sets(old_plan, new_plan, core=core_id)
        if unread and any(c.field in _ACTOR_FIELDS for c in result.changes):
            actors, problems = self._partial_plan_set({ACTORS_FILE: new[ACTORS_FILE]},
                                                      (REGION_FILE,))
            if problems:
                raise _EveryFileNeeded
            result = replace(result, actor_names={a.id: a.name for a in actors.actors})
        return result, core_id

    def _changed_initiatives(
        self, path: str, old: tuple[str, bytes | None], new: tuple[str, bytes | None]
    ) -> tuple[tuple[str, bytes | None], tuple[str, bytes | None], tuple[Document, Document] | None]:
        """Both versions of a changed core file with only what their diff needs: the file
        without its initiatives, and the initiatives whose text is not the same on both sides
        (or that name others in ``replaces``), parsed piece by piece (``chunks``). An initiative
        whose text is the same on both sides says the same: it would show no change.

        ``None`` for the pair when the file is to be parsed whole: it cannot be cut surely, an id
        occurs twice, or a piece does not read as it should (the whole file's problem is then
        reported as before). The entries come back with their bytes, read once."""
        entries: list[tuple[str, bytes | None]] = []
        splits = []
        for oid, content in (old, new):
            data = content if content is not None else self.read_blob(oid)
            entries.append((oid, data))
            text = _plain_text(data)
            split = cut_core_text(text) if text is not None else None
            if split is not None and len(set(split.ids)) == len(split.ids):
                splits.append(split)
        # The cut is sure where every line closes its quotes and flows: the old side's lines, and
        # those of the new side's pieces that the old side does not have.
        if len(splits) != 2 or not lines_close(splits[0].text):
            return entries[0], entries[1], None
        known = set(splits[0].items)
        if not all(lines_close(piece) for piece in (splits[1].head, *splits[1].items)
                   if piece not in known):
            return entries[0], entries[1], None
        pieces: dict[str, Any] = {}  # text -> its data, for a piece that is the same on both sides

        def read(text: str) -> Any:
            if text not in pieces:
                pieces[text] = parse_document(path, text.encode("utf-8"), lazy_positions=True).data
            return pieces[text]

        documents = []
        try:
            for split, other in ((splits[0], splits[1]), (splits[1], splits[0])):
                same = set(other.items)
                value = assemble(read(split.head), (
                    (read(text), initiative_id)
                    for text, initiative_id in zip(split.items, split.ids, strict=True)
                    if text not in same or "replaces" in text))
                if value is None:
                    return entries[0], entries[1], None
                documents.append(Document(path, value, {}, {}))
        except YamlProblemError:
            return entries[0], entries[1], None
        self.parsed += 2
        self.files_split += 1
        return entries[0], entries[1], (documents[0], documents[1])

    def parses(self, path: str, oid: str) -> bool:
        """Whether that version of the file can be read at all (history skips one that cannot:
        it says nothing about the initiatives, which are as before it until a version that does)."""
        try:
            self.document(path, oid)
        except YamlProblemError:
            return False
        return True

    def file_initiatives(self, path: str, oid: str) -> dict[str, Initiative]:
        """The initiatives of one plan file (region or core), by id; {} when it does not parse."""
        try:
            document = self.document(path, oid)
        except YamlProblemError:
            return {}
        listed = {REGION_FILE: b"", ACTORS_FILE: b"", path: b""}
        plan, _ = build_plan_set({path: document}, listed, positions=False)
        pool = plan.region.initiatives if path == REGION_FILE else (
            plan.cores[0].initiatives if plan.cores else ())
        return {i.id: i for i in pool}

    def initiative_index(self, path: str, oid: str) -> FileInitiatives:
        """The initiatives of one plan file as ``file_initiatives`` gives them, built only when
        looked up (``log`` needs one or two of a file's initiatives per version); once per blob."""
        key = (path, oid)
        index = self._indexes.get(key)
        if index is None:
            try:
                document = self.document(path, oid)
            except YamlProblemError:
                index = FileInitiatives(None, None, {})
            else:
                index = FileInitiatives.of(path, document)
            self._indexes[key] = index
        return index

    # -- walking the history of files ---------------------------------------------------------

    def file_commits(self, paths: Sequence[str]) -> list[CommitInfo]:
        """The commits from HEAD that changed any of ``paths``, newest first."""
        if head_commit(self.root) is None:
            return []
        fmt = "%H%x1f%an%x1f%ae%x1f%aI%x1f%cI%x1f%B"
        out = run_git(self.root, "log", "-z", f"--format={fmt}", "--no-ext-diff", "--no-textconv",
                       "--no-color", "HEAD", "--", *paths)
        commits = []
        for record in out.decode("utf-8", "replace").split("\0"):
            fields = record.split("\x1f")
            if len(fields) == 6:
                commit, author, email, authored, committed, message = fields
                commits.append(CommitInfo(commit, author, email, authored, committed,
                                          message.strip()))
        return commits

    def blob_at(self, commit: str, path: str) -> str | None:
        """The blob id of ``path`` at ``commit`` (both ours, never the user's), or None."""
        found = self.cat.read(f"{commit}:{path}")
        if found is None or found[1] != "blob":
            return None
        if (path, found[0]) not in self._documents:
            self._unparsed[found[0]] = found[2]  # read once: ``document`` takes it from here
        return found[0]


class FileInitiatives(Mapping[str, Initiative]):
    """One file's initiatives by id, read from its parsed data without building its whole plan.

    The same mapping as ``PlanHistory.file_initiatives`` (the ids that the model builder keeps, the
    last of a repeated id, the same field values and positions), but an initiative is built only
    when it is looked up. A test pins it to ``file_initiatives`` on generated histories.
    """

    def __init__(self, document: Document | None, core: str | None,
                 entries: dict[str, tuple[int, dict[str, Any]]]) -> None:
        self._document = document
        self._core = core
        self._entries = entries
        self._built: dict[str, Initiative] = {}

    @classmethod
    def of(cls, path: str, document: Document) -> FileInitiatives:
        data = document.data
        if not isinstance(data, dict):
            return cls(None, None, {})
        core: str | None = None
        if path != REGION_FILE:
            # The model builder keeps a core only with a core id and a text name.
            core_value, name = data.get("id"), data.get("name")
            if not isinstance(core_value, str) or not is_core_id(core_value) or not isinstance(name, str):
                return cls(None, None, {})
            core = core_value
        items = data.get("initiatives")
        entries: dict[str, tuple[int, dict[str, Any]]] = {}
        if isinstance(items, list):
            for position, entry in enumerate(items):
                if not isinstance(entry, dict):
                    continue
                initiative_id, title = entry.get("id"), entry.get("title")
                if (isinstance(initiative_id, str) and isinstance(title, str)
                        and _is_initiative_id(initiative_id)):
                    entries[initiative_id] = (position, entry)  # a repeated id: the last wins
        return cls(document, core, entries)

    def __getitem__(self, initiative_id: str) -> Initiative:
        built = self._built.get(initiative_id)
        if built is None:
            position, entry = self._entries[initiative_id]
            assert self._document is not None
            built = _build_initiative(self._document, self._core, position, entry)
            self._built[initiative_id] = built
        return built

    def __contains__(self, initiative_id: object) -> bool:
        return initiative_id in self._entries

    def __iter__(self) -> Iterator[str]:
        return iter(self._entries)

    def __len__(self) -> int:
        return len(self._entries)


def _text(value: Any) -> str | None:
    return value if isinstance(value, str) else None


def _texts(value: Any) -> tuple[str, ...]:
    if not isinstance(value, list):
        return ()
    return tuple(item for item in value if isinstance(item, str))


def _build_initiative(document: Document, core: str | None, index: int,
                      entry: dict[str, Any]) -> Initiative:
    """One initiative as ``load``'s model builder makes it from a valid entry (without positions)."""
    status = _text(entry.get("status")) or DEFAULT_STATUS
    if status not in STATUSES:
        status = DEFAULT_STATUS
    # Like build_plan_set(positions=False): history compares content, and positions would cost a
    # second parse of every version (they are worked out lazily).
    return Initiative(
        core=core,
        id=entry["id"],
        title=entry["title"],
        description=_text(entry.get("description")) or "",
        lead=_text(entry.get("lead")),
        participants=_texts(entry.get("participants")),
        status=status,
        status_note=_text(entry.get("status_note")),
        priority=_texts(entry.get("priority")),
        replaces=_texts(entry.get("replaces")),
        places=_texts(entry.get("places")),
        pos=Position(document.file, 1, 1),
    )


class _EveryFileNeeded(Exception):
    """The changed files alone cannot show the diff exactly: compare every file."""


class _ParseFailure:
    """A cached parse failure: a broken blob is reported again without parsing it again."""
    __slots__ = ("error",)

    def __init__(self, error: YamlProblemError) -> None:
        self.error = error


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


def commit_history(repo_root: Path) -> Iterator[CommitInfo]:
    """Every commit from HEAD that changed a plan file, newest first."""
    with PlanHistory(repo_root) as history:
        yield from history.file_commits([f"{PLANS_DIR}/"])


def _plan_path_of(core: str | None) -> str:
    return REGION_FILE if core is None else f"{PLANS_DIR}/{core}.yaml"


# -- the history of one initiative ------------------------------------------------------------


@dataclass(frozen=True)
class HistoryEntry:
    """One commit that changed an initiative, with what changed."""

    commit: CommitInfo
    ref: str  # the initiative's reference in that commit
    changes: tuple[Change, ...]


def initiative_history(repo_root: Path, core: str | None, initiative_id: str) -> list[HistoryEntry]:
    """Every commit from HEAD that changed the initiative, newest first.

    Follows renumbering back through ``replaces``: when the initiative's id does not exist in the
    older version of its file, the ids it replaces are followed from there on. Raises
    ``NotFoundError`` when the initiative is in no commit at all.
    """
    path = _plan_path_of(core)
    entries: list[HistoryEntry] = []
    with PlanHistory(repo_root) as history:
        _require_git(repo_root)
        commits = history.file_commits([path])
        versions = [(info, oid) for info in commits
                    if (oid := history.blob_at(info.commit, path)) is None or history.parses(path, oid)]
        tracked = {initiative_id}
        seen = False
        for index, (info, oid) in enumerate(versions):
            newer: Mapping[str, Initiative] = history.initiative_index(path, oid) if oid else {}
            older_oid = versions[index + 1][1] if index + 1 < len(versions) else None
            older: Mapping[str, Initiative] = (
                history.initiative_index(path, older_oid) if older_oid else {})
            current = [newer[i] for i in sorted(tracked) if i in newer]
            changes: list[Change] = []
            if not current:
                gone = [older[i] for i in sorted(tracked) if i in older]
                if gone:
                    seen = True
                    changes += [Change("initiative-removed", core, g.ref, None, old=g.title)
                                for g in gone]
                    entries.append(HistoryEntry(info, gone[0].ref, tuple(changes)))
                continue
            seen = True
            next_tracked: set[str] = set()
            for item in current:
                if item.id in older:
                    changes += compare_initiatives(older[item.id], item)
                    next_tracked.add(item.id)
                    continue
                predecessors = [older[r] for r in item.replaces if r in older and r not in newer]
                if not predecessors:
                    changes.append(Change("initiative-added", core, item.ref, None, new=item.title))
                elif len(predecessors) == 1:
                    old = predecessors[0]
                    changes.append(Change("initiative-renumbered", core, item.ref, "id",
                                          old=old.id, new=item.id))
                    changes += compare_initiatives(old, item)
                else:
                    changes.append(Change("initiative-merged", core, item.ref, "id",
                                          old=[p.id for p in predecessors], new=item.id))
                next_tracked.update(p.id for p in predecessors)
            if changes:
                entries.append(HistoryEntry(info, current[0].ref, tuple(changes)))
            tracked = next_tracked or tracked
            if not next_tracked:
                break
    if not seen:
        ref = initiative_id if core is None else f"{core}:{initiative_id}"
        raise NotFoundError(t("unknown initiative {name!r}", name=ref))
    return entries


def last_changed(repo_root: Path) -> dict[str, datetime]:
    """The commit date of the last commit that changed each initiative, by reference.

    Covers the initiatives that exist at HEAD; a change means any field of the initiative differs
    from the version before (a renumbering counts as a change). Returns ``{}`` in a repository
    without commits. Times are timezone-aware (the committer's offset).
    """
    result: dict[str, datetime] = {}
    with PlanHistory(repo_root) as history:
        _require_git(repo_root)
        commits = history.file_commits([f"{PLANS_DIR}/"])
        if not commits:
            return {}
        head_blobs = history.tree_plan_blobs(commits[0].commit)
        previous: dict[str, str] = {}
        previous_content: dict[str, dict[str, tuple[object, ...]]] = {}
        for info in reversed(commits):  # oldest first
            blobs = history.tree_plan_blobs(info.commit) if info is not commits[0] else head_blobs
            when = datetime.fromisoformat(info.committed)
            for path, oid in blobs.items():
                if previous.get(path) == oid or not (path == REGION_FILE or is_core_file(path)):
                    continue
                if not history.parses(path, oid):
                    continue  # a broken version: the initiatives stand as in the last one read
                core = None if path == REGION_FILE else path[len(PLANS_DIR) + 1 : -len(".yaml")]
                content = {i: initiative_content(x)
                           for i, x in history.file_initiatives(path, oid).items()}
                before = previous_content.get(path, {})
                for initiative_id, value in content.items():
                    if before.get(initiative_id) != value:
                        result[initiative_id if core is None else f"{core}:{initiative_id}"] = when
                previous_content[path] = content
            previous = blobs
        present: set[str] = set()
        for path, oid in head_blobs.items():
            if path == REGION_FILE or is_core_file(path):
                core = None if path == REGION_FILE else path[len(PLANS_DIR) + 1 : -len(".yaml")]
                present.update(i if core is None else f"{core}:{i}"
                               for i in history.file_initiatives(path, oid))
    return {ref: when for ref, when in result.items() if ref in present}


def _check_plans(repo_root: Path, files: Mapping[str, bytes]) -> None:
    """Refuse plans that ``fardplan validate`` finds errors in."""
    from fardplan_cli.errors import PlanProblemsError
    from fardplan_cli.validate import read_repository_schemas, validate_files

    result = validate_files(files, schemas=read_repository_schemas(repo_root))
    if result.errors:
        raise PlanProblemsError(result.errors)


@dataclass(frozen=True)
class ClosedCycle:
    cycle: str
    tag: str
    commit: str


def close_cycle(repo_root: Path, cycle_id: str, known_cycles: Sequence[str], message: str | None,
                work_tree_files: Mapping[str, bytes]) -> ClosedCycle:
    """Tag HEAD as the end of a cycle, refusing what DESIGN §4 refuses."""
    from fardplan_cli.errors import EditRefusedError, PlanProblemsError

    _require_git(repo_root)
    if not CYCLE_ID.fullmatch(cycle_id) or cycle_id not in known_cycles:
        message_text = t("unknown cycle {name!r}", name=cycle_id)
        if known_cycles:
            message_text += "; " + t("choose one of {options}", options=", ".join(known_cycles))
        raise NotFoundError(message_text, known_cycles)
    tag = cycle_tag(cycle_id)
    existing = cycle_tags(repo_root).get(cycle_id)
    if existing is not None:
        raise EditRefusedError(t("cycle {cycle} is already closed: {tag} is on commit {commit}",
                                 cycle=cycle_id, tag=tag, commit=existing.commit[:10]))
    head = head_commit(repo_root)
    if head is None:
        raise EditRefusedError(t("the repository has no commit to tag yet"))
    dirty = uncommitted_plan_files(repo_root)
    if dirty:
        raise EditRefusedError(t(
            "the plans have uncommitted changes ({files}); commit them before closing the cycle",
            files=", ".join(dirty)))
    try:
        _check_plans(repo_root, work_tree_files)
    except PlanProblemsError as exc:
        raise EditRefusedError(t(
            "the plans have {count} problem(s); a cycle can only be closed on valid plans",
            count=len(exc.problems)), exc.problems) from None
    text = message or t("Close the political cycle {cycle}", cycle=cycle_id)
    create_cycle_tag(repo_root, cycle_id, head, text)
    return ClosedCycle(cycle_id, tag, head)


__all__ = [
    "WORK_TREE",
    "CatFile",
    "CommitInfo",
    "CycleTag",
    "HistoryEntry",
    "PlanHistory",
    "Revision",
    "RevisionError",
    "check_revision",
    "close_cycle",
    "cycle_tags",
    "initiative_history",
    "last_changed",
    "latest_cycle",
    "resolve_revision",
]
