"""The plan set at a revision: read from git objects (never by checking out), parsed once per blob.

A ``PlanReader`` holds, for one command, the git repository (with its one ``cat-file`` process)
and a cache of parsed files by blob id: unchanged files share blobs across revisions, and the
working tree's files are hashed the way git hashes blobs, so that they share the cache too.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any

from fardplan_cli.cycles import closed_cycle_commit
from fardplan_cli.errors import GitError, PlanProblemsError
from fardplan_cli.gitstore import GitRepository, RevisionError, check_revision, open_git
from fardplan_cli.grammar import cycle_tag, is_core_id, is_cycle_id
from fardplan_cli.i18n import t, tn
from fardplan_cli.load import PLANS_DIR, REGION_FILE, build_initiative, build_plan_set
from fardplan_cli.model import Initiative, PlanSet, Problem
from fardplan_cli.yamlfile import MAX_FILE_BYTES, Document, YamlProblemError, parse_document

if TYPE_CHECKING:
    from fardplan_cli.chunks import CoreText

WORK_TREE_LABEL = "working tree"


@dataclass(frozen=True)
class Revision:
    """One side of a diff: what the user typed, the commit it resolved to, and a label for people.

    The working tree is ``Revision(None, None, "working tree")``.
    """

    rev: str | None
    commit: str | None
    label: str
    committed: str | None = None
    """When the commit was made (its committer date, ISO 8601), where it has been read."""

    @property
    def is_work_tree(self) -> bool:
        return self.commit is None


WORK_TREE = Revision(None, None, WORK_TREE_LABEL)

PlanEntries = Mapping[str, tuple[str, "bytes | None"]]


def is_plan_path(path: str) -> bool:
    return path.startswith(f"{PLANS_DIR}/") and path.endswith(".yaml") and path.count("/") == 1


def plan_path_of(core: str | None) -> str:
    return REGION_FILE if core is None else f"{PLANS_DIR}/{core}.yaml"


class _ParseFailure:
    """A cached parse failure: a broken blob is reported again without parsing it again."""
    __slots__ = ("error",)

    def __init__(self, error: YamlProblemError) -> None:
        self.error = error


class PlanReader:
    """Reads plan sets and plan files at revisions of one repository; open for a whole command."""

    def __init__(self, repo_root: Path) -> None:
        self.root = repo_root
        self._git: GitRepository | None = None
        self._documents: dict[tuple[str, str], Document | _ParseFailure] = {}
        self._indexes: dict[tuple[str, str], FileInitiatives] = {}
        self._unparsed: dict[str, bytes] = {}  # blobs read by ``blob_at``, not yet parsed
        self._plan_trees: dict[str, dict[str, str]] = {}  # by commit: see ``read_plan_trees``
        # By path, the latest version of a core file seen cut (see ``core_text``) and the pieces
        # of it parsed: a walk over the commits compares each version with the next, so the
        # newer side of one comparison is the older side of the next one of the same file.
        self._cuts: dict[str, CutFile] = {}
        self._pieces: dict[str, dict[str, Any]] = {}
        self._actor_names: dict[str, tuple[dict[str, str], list[Problem]]] = {}
        self.parsed = 0  # how many files were actually parsed (tests check the cache with it)
        self.files_cut = 0  # how many changed core files the diff read piece by piece
        self.read_every_core = False  # whether the diff had to read every core file

    def __enter__(self) -> PlanReader:
        return self

    def __exit__(self, kind: type[BaseException] | None, value: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()

    def close(self) -> None:
        if self._git is not None:
            self._git.close()
            self._git = None

    @property
    def git(self) -> GitRepository:
        if self._git is None:
            self._git = open_git(self.root)
        return self._git

    def resolve(self, typed: str) -> Revision:
        """A cycle id, tag, branch or commit -> the commit it names. Raises ``RevisionError``."""
        check_revision(typed)
        if is_cycle_id(typed):
            return Revision(typed, closed_cycle_commit(self.git, typed), cycle_tag(typed))
        commit = self.git.resolve(typed)
        return Revision(typed, commit, f"{typed} ({commit[:10]})")

    # -- files and blobs ------------------------------------------------------------------------

    def plan_blobs(self, commit: str) -> dict[str, str]:
        """``{plans/<file>.yaml: blob id}`` at a commit (from ``read_plan_trees`` when it read
        that commit's)."""
        known = self._plan_trees.get(commit)
        if known is not None:
            return dict(known)
        return {path: oid for path, oid in self.git.files_at(commit, PLANS_DIR).items()
                if is_plan_path(path)}

    def read_plan_trees(self, commits: Sequence[str]) -> None:
        """Read the plan files' blob ids at each of these commits in one go, for ``plan_blobs``
        (a walk over many commits asks git once per stretch of them, not twice per commit);
        those of the commits read before are forgotten."""
        found = self.git.files_at_many(commits, PLANS_DIR)
        # ``is_plan_path`` of each, knowing they are all in plans/ (a walk reads many trees).
        self._plan_trees = {commit: {path: oid for path, oid in files.items()
                                     if path.endswith(".yaml") and path.count("/") == 1}
                            for commit, files in zip(commits, found, strict=True)}

    def work_tree_blobs(self, files: Mapping[str, bytes]) -> dict[str, tuple[str, bytes | None]]:
        """The working tree's files with the blob id git would give each (no parsing)."""
        return {path: (self.git.blob_id(data), data) for path, data in files.items()}

    def prefetch(self, oids: Iterable[str]) -> None:
        """Read these blobs from git in as few round trips as can be, for ``read_blob``."""
        wanted = [oid for oid in dict.fromkeys(oids) if oid not in self._unparsed]
        for found in self.git.read_objects(wanted):
            if found is not None and found[1] == "blob":
                self._unparsed[found[0]] = found[2]

    def read_blob(self, oid: str) -> bytes:
        content = self._unparsed.pop(oid, None)
        if content is not None:
            return content
        found = self.git.read_object(oid)
        if found is None or found[1] != "blob":
            raise GitError(t("git object {oid} is missing", oid=oid))
        return found[2]

    def blob_at(self, commit: str, path: str) -> str | None:
        """The blob id of ``path`` at ``commit`` (both ours, never the user's), or None."""
        found = self.git.read_at(commit, path)
        if found is None or found[1] != "blob":
            return None
        if (path, found[0]) not in self._documents:
            self._unparsed[found[0]] = found[2]  # read once: ``document`` takes it from here
        return found[0]

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

    def core_text(self, path: str, oid: str, data: bytes | None = None) -> CutFile:
        """A core file's version cut into head and initiatives (``chunks.cut_core_text``; its
        ``cut`` None where it cannot be cut surely), once per version: the latest of each path
        is kept. ``data``: the blob's bytes where the caller has them."""
        from fardplan_cli.chunks import cut_core_text

        known = self._cuts.get(path)
        if known is not None and known.oid == oid:
            return known
        text = plain_text(data if data is not None else self.read_blob(oid))
        found = CutFile(oid, cut_core_text(text) if text is not None else None)
        self._cuts[path] = found
        return found

    def has_cut(self, path: str, oid: str) -> bool:
        known = self._cuts.get(path)
        return known is not None and known.oid == oid

    def parsed_pieces(self, path: str) -> dict[str, Any]:
        """The pieces of a core file's text (head, initiatives) parsed when its latest version
        was compared, by text: those of the next version that are the same text are not parsed
        again. The caller adds what it parses."""
        pieces = self._pieces.get(path)
        if pieces is None:
            pieces = self._pieces[path] = {}
        return pieces

    def keep_pieces(self, path: str, texts: Iterable[str]) -> None:
        """Forget the parsed pieces of ``path`` but these (those of its latest version)."""
        pieces = self._pieces.get(path, {})
        self._pieces[path] = {text: pieces[text] for text in texts if text in pieces}

    def actor_names(self, path: str, oid: str) -> tuple[dict[str, str], list[Problem]]:
        """The actors' names by id in that version of the actors' file, with its problems; once
        per version."""
        found = self._actor_names.get(oid)
        if found is None:
            actors, problems = self.partial_plan_set({path: (oid, None)}, (REGION_FILE,))
            found = self._actor_names[oid] = ({a.id: a.name for a in actors.actors}, problems)
        return found

    def has_parsed(self, path: str, oid: str) -> bool:
        return (path, oid) in self._documents

    def parses(self, path: str, oid: str) -> bool:
        """Whether that version of the file can be read at all (history skips one that cannot:
        it says nothing about the initiatives, which are as before it until a version that does)."""
        try:
            self.document(path, oid)
        except YamlProblemError:
            return False
        return True

    # -- plan sets -------------------------------------------------------------------------------

    def plan_entries(
        self, revision: Revision, work_tree_files: Mapping[str, bytes] | None = None
    ) -> dict[str, tuple[str, bytes | None]]:
        """``{plans/<file>.yaml: (blob id, content or None)}`` at a revision: one tree read for a
        commit; for the work tree, git's blob id of each file's bytes (no parsing)."""
        if revision.commit is None:
            if work_tree_files is None:
                raise ValueError("the working tree needs its files")
            return self.work_tree_blobs(work_tree_files)
        blobs = self.plan_blobs(revision.commit)
        if REGION_FILE not in blobs:
            raise RevisionError(t("{label} has no plans/region.yaml", label=revision.label))
        return {path: (oid, None) for path, oid in blobs.items()}

    def plan_set(
        self, revision: Revision, work_tree_files: Mapping[str, bytes] | None = None
    ) -> PlanSet:
        """The plan set at a revision, or the working tree's files for the work tree."""
        plan, problems = self.partial_plan_set(self.plan_entries(revision, work_tree_files))
        if problems:
            raise problems_at(revision, problems)
        return plan

    def partial_plan_set(
        self, entries: PlanEntries, unread: Iterable[str] = (),
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

    def cycle_order(self, work_tree_files: Mapping[str, bytes]) -> list[str]:
        """The cycle ids of the working tree's ``region.yaml``, in its order. Raises
        ``PlanProblemsError`` (as ``plan_set`` would for the working tree) when it has problems."""
        region = work_tree_files.get(REGION_FILE)
        if region is not None:
            plan, problems = self.partial_plan_set(
                {REGION_FILE: (self.git.blob_id(region), region)})
            if not problems:
                return [cycle.id for cycle in plan.region.cycles]
        plan = self.plan_set(WORK_TREE, work_tree_files)
        return [cycle.id for cycle in plan.region.cycles]

    # -- the initiatives of one file ------------------------------------------------------------

    def initiative_index(self, path: str, oid: str) -> FileInitiatives:
        """The initiatives of one plan file (region or core) by id, each built when looked up;
        once per blob. Empty when the file does not parse."""
        key = (path, oid)
        index = self._indexes.get(key)
        if index is None:
            try:
                document = self.document(path, oid)
            except YamlProblemError:
                index = FileInitiatives(None, None, [])
            else:
                index = FileInitiatives.of(path, document)
            self._indexes[key] = index
        return index


def plain_text(data: bytes) -> str | None:
    """A plan file's text as ``parse_document`` reads it, or None where it would refuse it."""
    if len(data) > MAX_FILE_BYTES:
        return None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return None
    return text[1:] if text.startswith("\ufeff") else text


@dataclass
class CutFile:
    """A version of a core file cut into its head and initiatives (``cut`` None: it cannot be
    cut surely); ``closes`` whether every line of it closes its quotes and flows
    (``chunks.lines_close``), None until someone asks."""

    oid: str
    cut: CoreText | None
    closes: bool | None = None


def _dialogue_priorities(dialogues: Any) -> dict[str, tuple[str, ...]]:
    """The cycles that a core file's dialogues prioritised each initiative in (by cycle id,
    which sorts them in time), read from the file's data: what the builder derives for the
    whole file, for one initiative."""
    cycles: dict[str, set[str]] = {}
    for dialogue in dialogues if isinstance(dialogues, list) else ():
        if not isinstance(dialogue, dict) or not isinstance(dialogue.get("cycle"), str):
            continue
        ids = dialogue.get("prioritized")
        for initiative_id in ids if isinstance(ids, list) else ():
            if isinstance(initiative_id, str):
                cycles.setdefault(initiative_id, set()).add(dialogue["cycle"])
    return {initiative_id: tuple(sorted(found)) for initiative_id, found in cycles.items()}


def problems_at(revision: Revision, problems: list[Problem]) -> PlanProblemsError:
    return PlanProblemsError(problems, tn(
        "the plans at {label} have {count} problem; the first: {first}",
        "the plans at {label} have {count} problems; the first: {first}",
        len(problems), label=revision.label, first=problems[0].format()),
        revision=None if revision.is_work_tree else revision.label)


class FileInitiatives(Mapping[str, Initiative]):
    """One file's initiatives by id, as ``build_plan_set`` keeps them (the last of a repeated id
    that builds), each built by ``load``'s builder only when looked up: ``log`` needs one or two of
    a file's initiatives per version."""

    def __init__(self, document: Document | None, core: str | None, items: list[Any],
                 priorities: Mapping[str, tuple[str, ...]] | None = None) -> None:
        self._document = document
        self._core = core
        self._items = items
        self._priorities = priorities or {}
        self._candidates: dict[str, list[int]] = {}  # id as written -> its items' positions
        for position, item in enumerate(items):
            if isinstance(item, dict) and isinstance(item.get("id"), str):
                self._candidates.setdefault(item["id"], []).append(position)
        self._built: dict[str, Initiative | None] = {}

    @classmethod
    def of(cls, path: str, document: Document) -> FileInitiatives:
        data = document.data
        if not isinstance(data, dict):
            return cls(None, None, [])
        core: str | None = None
        if path != REGION_FILE:
            # The builder keeps a core only with a core id and a text name.
            core_value, name = data.get("id"), data.get("name")
            if not isinstance(core_value, str) or not is_core_id(core_value) or not isinstance(name, str):
                return cls(None, None, [])
            core = core_value
        items = data.get("initiatives")
        return cls(document, core, items if isinstance(items, list) else [],
                   _dialogue_priorities(data.get("dialogues")) if core is not None else None)

    def _get(self, initiative_id: str) -> Initiative | None:
        if initiative_id in self._built:
            return self._built[initiative_id]
        found = None
        if self._document is not None:
            for position in reversed(self._candidates.get(initiative_id, ())):
                found = build_initiative(self._document, self._core, position,
                                         self._items[position])
                if found is not None:
                    break
            given = self._priorities.get(initiative_id)
            if found is not None and given:
                found = replace(found, priority=tuple(dict.fromkeys((*found.priority, *given))))
        self._built[initiative_id] = found
        return found

    def __getitem__(self, initiative_id: str) -> Initiative:
        found = self._get(initiative_id) if isinstance(initiative_id, str) else None
        if found is None:
            raise KeyError(initiative_id)
        return found

    def __contains__(self, initiative_id: object) -> bool:
        return isinstance(initiative_id, str) and self._get(initiative_id) is not None

    def __iter__(self) -> Iterator[str]:
        return (i for i in self._candidates if self._get(i) is not None)

    def __len__(self) -> int:
        return sum(1 for _ in self)


__all__ = [
    "WORK_TREE",
    "FileInitiatives",
    "PlanReader",
    "Revision",
    "is_plan_path",
    "plan_path_of",
    "problems_at",
]
