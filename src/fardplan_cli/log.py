"""One initiative's history: every commit that changed it, and when each initiative last changed.

Read from git objects: each distinct version of the initiative's file is parsed once, and only
the initiatives followed are built from it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path

from fardplan_cli.diff import Change, compare_initiatives, initiative_content
from fardplan_cli.errors import NotFoundError
from fardplan_cli.gitstore import CommitInfo
from fardplan_cli.i18n import t
from fardplan_cli.load import (
    ACTORS_FILE,
    PLANS_DIR,
    REGION_FILE,
    is_core_file,
    load_plan_set,
)
from fardplan_cli.model import Initiative, PlanSet
from fardplan_cli.repository import PlanRepository
from fardplan_cli.revisions import PlanReader, plan_path_of


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
    path = plan_path_of(core)
    entries: list[HistoryEntry] = []
    seen = False
    with PlanReader(repo_root) as reader:
        commits = reader.git.commits_changing([path])
        versions = [(info, oid) for info in commits
                    if (oid := reader.blob_at(info.commit, path)) is None or reader.parses(path, oid)]
        tracked = {initiative_id}
        for index, (info, oid) in enumerate(versions):
            newer: Mapping[str, Initiative] = reader.initiative_index(path, oid) if oid else {}
            older_oid = versions[index + 1][1] if index + 1 < len(versions) else None
            older: Mapping[str, Initiative] = (
                reader.initiative_index(path, older_oid) if older_oid else {})
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


def follow_up_history(repo_root: Path, core: str, initiative_id: str) -> list[HistoryEntry]:
    """Every commit from HEAD that changed common initiative ``initiative_id`` as followed up in
    ``core`` (``sodertalje:2.2``), newest first: its shared text in ``region.yaml`` and the core's
    follow-up of it in the core's file (status, the core's participants and lead unit,
    activities, updates, carriers, the priorities the core's dialogues give).

    The initiative is compared as the core's plan shows it at each version, so the history goes
    on across the move of format 1 to format 2: a status that ``region.yaml`` held for every core
    and that a core's ``common:`` section holds since is one status, changed only where its value
    did. Raises ``NotFoundError`` when it is in no commit at all."""
    core_path = plan_path_of(core)
    ref = f"{core}:{initiative_id}"
    entries: list[HistoryEntry] = []
    with PlanReader(repo_root) as reader:
        commits = reader.git.commits_changing([REGION_FILE, core_path])
        views: dict[tuple[str | None, str | None], Initiative | bool | None] = {}
        versions: list[tuple[CommitInfo, Initiative | None]] = []
        for info in commits:
            blobs = reader.plan_blobs(info.commit)
            key = (blobs.get(REGION_FILE), blobs.get(core_path))
            if key not in views:
                views[key] = _followed_at(reader, key, core, initiative_id)
            view = views[key]
            if view is not False:  # a version that does not read: as the one before it
                versions.append((info, view if isinstance(view, Initiative) else None))
        for index, (info, newer) in enumerate(versions):
            older = versions[index + 1][1] if index + 1 < len(versions) else None
            if newer is not None and older is not None:
                changes = compare_initiatives(older, newer)
            elif newer is not None:
                changes = [Change("initiative-added", core, ref, None, new=newer.title)]
            elif older is not None:
                changes = [Change("initiative-removed", core, ref, None, old=older.title)]
            else:
                continue
            if changes:
                entries.append(HistoryEntry(info, ref, tuple(changes)))
    if not any(view for _, view in versions):
        raise NotFoundError(t("unknown initiative {name!r}", name=ref))
    return entries


def _followed_at(reader: PlanReader, blobs: tuple[str | None, str | None], core: str,
                 initiative_id: str) -> Initiative | bool | None:
    """The common initiative as the core's plan shows it in one version of the region's and the
    core's files (with the core's id as the diff knows it, so that its changes name the core);
    None where it is not there, False where a file does not read."""
    from fardplan_cli.revision_diff import by_file

    region_oid, core_oid = blobs
    if region_oid is None:
        return None
    entries = {REGION_FILE: (region_oid, None)}
    if core_oid is not None:
        entries[plan_path_of(core)] = (core_oid, None)
    if not all(reader.parses(path, oid) for path, (oid, _) in entries.items()):
        return False
    plan, _ = reader.partial_plan_set(entries, (ACTORS_FILE,))
    plan = by_file(plan)
    shared = next((i for i in plan.region.initiatives if i.id == initiative_id), None)
    if shared is None:
        return None
    followed = plan.followed(core, initiative_id) if plan.core(core) is not None else None
    return replace(followed or shared, core=core, followed_in=core)


def last_changed(repo_root: Path) -> dict[str, datetime]:
    """The commit date of the last commit that changed each initiative, by reference.

    Covers the initiatives that exist at HEAD; a change means any field of the initiative differs
    from the version before (a renumbering counts as a change). A core's follow-up of a common
    initiative that its file holds (``common:``) is there too, as ``sodertalje:2.2``: the last
    change of that entry (the shared text's is under ``2.2``). Returns ``{}`` in a repository
    without commits. Times are timezone-aware (the committer's offset).
    """
    result: dict[str, datetime] = {}
    with PlanReader(repo_root) as reader:
        commits = reader.git.commits_changing([f"{PLANS_DIR}/"])
        if not commits:
            return {}
        head_blobs = reader.plan_blobs(commits[0].commit)
        previous: dict[str, str] = {}
        previous_content: dict[str, dict[str, object]] = {}
        for info in reversed(commits):  # oldest first
            blobs = reader.plan_blobs(info.commit) if info is not commits[0] else head_blobs
            when = datetime.fromisoformat(info.committed)
            for path, oid in blobs.items():
                if previous.get(path) == oid or not (path == REGION_FILE or is_core_file(path)):
                    continue
                if not reader.parses(path, oid):
                    continue  # a broken version: the initiatives stand as in the last one read
                core = None if path == REGION_FILE else path[len(PLANS_DIR) + 1 : -len(".yaml")]
                content: dict[str, object] = {
                    i: initiative_content(x) for i, x in reader.initiative_index(path, oid).items()}
                if core is not None:  # the core's follow-up of common initiatives, as written
                    content |= {f"common {i}": x for i, x in _follow_ups(reader, path, oid).items()}
                before = previous_content.get(path, {})
                for key, value in content.items():
                    if before.get(key) != value:
                        initiative_id = key.removeprefix("common ")
                        result[initiative_id if core is None else f"{core}:{initiative_id}"] = when
                previous_content[path] = content
            previous = blobs
        present: set[str] = set()
        for path, oid in head_blobs.items():
            if path == REGION_FILE or is_core_file(path):
                core = None if path == REGION_FILE else path[len(PLANS_DIR) + 1 : -len(".yaml")]
                present.update(i if core is None else f"{core}:{i}"
                               for i in reader.initiative_index(path, oid))
                if core is not None:
                    present.update(f"{core}:{i}" for i in _follow_ups(reader, path, oid))
    return {ref: when for ref, when in result.items() if ref in present}


def _follow_ups(reader: PlanReader, path: str, oid: str) -> dict[str, object]:
    """A core file's ``common:`` section as written (the core's follow-up of each common
    initiative), by id; empty where there is none or the file does not read."""
    if not reader.parses(path, oid):
        return {}
    data = reader.document(path, oid).data
    section = data.get("common") if isinstance(data, dict) else None
    return {k: v for k, v in section.items() if isinstance(k, str)} if isinstance(section, dict) else {}


@dataclass(frozen=True)
class InitiativeLog:
    """``fardplan log REF``: the entries, newest first; the reference to show; the plan set of the
    working tree (for names); and whether the initiative is only in the working tree so far."""

    ref: str
    entries: tuple[HistoryEntry, ...]
    plan: PlanSet
    only_in_work_tree: bool


def initiative_log(repository: PlanRepository, ref: str) -> InitiativeLog:
    """The history of the initiative ``ref`` (``CORE:ID`` or a common ``ID``). One that has been
    removed since, or whose core file has, is looked up in the history of its file."""
    from fardplan_cli.query import resolve_core

    plan, narrow = _plans_for(repository, ref)
    found = _find(plan, ref)
    core_part, colon, typed_id = ref.strip().rpartition(":")
    if isinstance(found, NotFoundError) and narrow:
        # The narrow plan set lacks what this answer needs (a core named by its name, or
        # suggestions from every core): read every file.
        plan, narrow = load_plan_set(repository.read_plan_files(), positions=False), False
        found = _find(plan, ref)
    if not isinstance(found, NotFoundError) and colon and found.core is None:
        # A common initiative as followed up in a core: its shared text and that core's
        # follow-up of it.
        core_id = resolve_core(plan, core_part.strip()).id
        followed_ref = f"{core_id}:{found.id}"
        try:
            entries = follow_up_history(repository.root, core_id, found.id)
        except NotFoundError:
            return InitiativeLog(followed_ref, (), plan, only_in_work_tree=True)
        return InitiativeLog(followed_ref, tuple(entries), plan, False)
    if not isinstance(found, NotFoundError):
        try:
            entries = initiative_history(repository.root, found.core, found.id)
        except NotFoundError:
            return InitiativeLog(found.ref, (), plan, only_in_work_tree=True)
        return InitiativeLog(entries[0].ref if entries else ref, tuple(entries), plan, False)
    # It may have been removed since: look for it in the history of its file.
    initiative_id = typed_id
    core_part = core_part.strip()
    core: str | None = None
    if colon:
        try:
            core = resolve_core(plan, core_part).id
        except NotFoundError:
            if "/" in core_part or not is_core_file(plan_path_of(core_part)):
                raise found from None
            core = core_part  # a core whose file has been removed since
    try:
        entries = initiative_history(repository.root, core, initiative_id.strip())
    except NotFoundError:
        raise found from None
    return InitiativeLog(entries[0].ref if entries else ref, tuple(entries), plan, False)


def _plans_for(repository: PlanRepository, ref: str) -> tuple[PlanSet, bool]:
    """The plan set of the working tree that the history of ``ref`` needs, and whether that is
    fewer than all files: the region, the actors and, for a core's initiative named by the core's
    id, that core's file."""
    core_part, colon, _ = ref.strip().rpartition(":")
    plan = repository.read_narrow_plan_set(core_part.strip() if colon else None)
    if plan is not None:
        return plan, True
    return repository.read_plan_set(), False


def _find(plan: PlanSet, ref: str) -> Initiative | NotFoundError:
    from fardplan_cli.query import resolve_initiative

    try:
        return resolve_initiative(plan, ref)
    except NotFoundError as missing:
        return missing
