"""The history of every initiative for the site, from one walk over the commits.

The commits that changed ``plans/`` on the branch's line of first parents are taken oldest to
newest, and each is compared with the one before it by the diff itself (``revision_diff.compare``,
which reads only the files, and in a core file only the initiatives, whose text changed). Each
change is attributed to the initiative it names, with the commit's date and author. The plans'
first commit adds every initiative it holds. A commit whose plans do not read is passed over: the
next one is compared with the last one that read.

Initiatives are keyed as the diff names them: ``sodertalje:1.3`` (a core's own), ``2.2`` (a
common initiative's shared text) and ``sodertalje:2.2`` (that core's follow-up of it). A
renumbered or merged initiative takes the history of the ids it replaced.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass, field

from fardplan_cli.cycles import tags_of
from fardplan_cli.diff import Change, DiffResult
from fardplan_cli.errors import PlanProblemsError
from fardplan_cli.gitstore import CommitInfo, RevisionError
from fardplan_cli.load import PLANS_DIR, REGION_FILE, core_id_of, is_core_file
from fardplan_cli.revisions import PlanReader, Revision

# The walk asks git for this many commits' trees of plans/ at once.
TREES_READ_AT_ONCE = 200


@dataclass(frozen=True)
class HistoryEvent:
    """One commit's changes to one initiative; ``result`` holds the names to describe them."""

    commit: CommitInfo
    changes: tuple[Change, ...]
    result: DiffResult


@dataclass(frozen=True)
class CycleComparison:
    """What changed between two adjacent political cycles: from the commit that closed
    ``source`` to the one that closed ``target``, or to HEAD when ``target`` is not closed yet
    (``target_closed`` False)."""

    source: Revision
    target: Revision
    source_cycle: str
    target_cycle: str
    target_closed: bool
    result: DiffResult

    @property
    def slug(self) -> str:
        return f"{self.source_cycle}--{self.target_cycle}"


@dataclass
class PlanHistory:
    """Each initiative's history (oldest first) by key; how many commits were walked."""

    events: dict[str, list[HistoryEvent]] = field(default_factory=dict)
    commits: int = 0

    def of(self, *keys: str) -> list[HistoryEvent]:
        """The events of these keys together, oldest first."""
        found = [event for key in dict.fromkeys(keys) for event in self.events.get(key, ())]
        return sorted(found, key=lambda e: e.commit.committed)


def change_key(change: Change) -> str | None:
    """The initiative a change belongs to, as ``PlanHistory`` keys it (None: no initiative)."""
    return change.ref


def by_initiative(changes: Sequence[Change]) -> dict[str, list[Change]]:
    grouped: dict[str, list[Change]] = {}
    for change in changes:
        key = change_key(change)
        if key is not None:
            grouped.setdefault(key, []).append(change)
    return grouped


def _revision(info: CommitInfo) -> Revision:
    return Revision(info.commit, info.commit, info.commit[:10])


def _first_version(reader: PlanReader, revision: Revision) -> DiffResult:
    """The plans' first commit adds every initiative it holds. A core file's initiatives are
    found by cutting its text (``chunks``), without parsing it; a file that cannot be cut
    surely is parsed. Raises ``RevisionError`` when the commit has no ``region.yaml``."""
    entries = reader.plan_entries(revision)
    changes: list[Change] = []
    titles: dict[str, str] = {}
    reader.prefetch(oid for oid, _ in entries.values())
    for path, (oid, _) in sorted(entries.items()):
        if path == REGION_FILE:
            found = reader.initiative_index(path, oid)
            for initiative_id in found:
                titles[initiative_id] = found[initiative_id].title
                changes.append(Change("initiative-added", None, initiative_id, None,
                                      new=titles[initiative_id]))
            continue
        if not is_core_file(path):
            continue
        core = core_id_of(path)
        cut = reader.core_text(path, oid).cut  # kept for the first change of the file
        if cut is not None:
            changes += [Change("initiative-added", core, f"{core}:{i}", None)
                        for i in dict.fromkeys(cut.ids)]
            continue
        found = reader.initiative_index(path, oid)
        for initiative_id in found:
            ref = f"{core}:{initiative_id}"
            titles[ref] = found[initiative_id].title
            changes.append(Change("initiative-added", core, ref, None, new=titles[ref]))
    return DiffResult(tuple(changes), titles=titles)


def _inherit(history: dict[str, list[HistoryEvent]], change: Change) -> None:
    """A renumbered or merged initiative carries on the history of the ids it replaced."""
    if change.ref is None or change.kind not in ("initiative-renumbered", "initiative-merged"):
        return
    olds = change.old if isinstance(change.old, list) else [change.old]
    earlier: list[HistoryEvent] = []
    for old in olds:
        key = str(old) if change.core is None else f"{change.core}:{old}"
        earlier += history.pop(key, [])
    if earlier:
        history[change.ref] = sorted(earlier, key=lambda e: e.commit.committed) + history.get(
            change.ref, [])


def plan_history(reader: PlanReader) -> PlanHistory:
    """Every initiative's history, from one walk over the commits that changed ``plans/``."""
    from fardplan_cli.revision_diff import compare

    history = PlanHistory()
    commits = reader.git.commits_changing([f"{PLANS_DIR}/"], first_parent=True)[::-1]
    previous: Revision | None = None
    for index, info in enumerate(commits):  # oldest first
        if index % TREES_READ_AT_ONCE == 0:
            stretch = commits[index : index + TREES_READ_AT_ONCE]
            reader.read_plan_trees([*([previous.commit] if previous and previous.commit else []),
                                    *(c.commit for c in stretch)])
        revision = _revision(info)
        try:
            if previous is None:
                result = _first_version(reader, revision)
            else:
                result, _ = compare(reader, previous, revision)
        except (PlanProblemsError, RevisionError):
            continue  # plans that do not read here: the next commit is compared with the last
        previous = revision
        history.commits += 1
        for change in result.changes:
            _inherit(history.events, change)
        for key, changes in by_initiative(result.changes).items():
            history.events.setdefault(key, []).append(HistoryEvent(info, tuple(changes), result))
    return history


def cycle_comparisons(reader: PlanReader, cycle_order: Sequence[str],
                      head: Revision | None) -> list[CycleComparison]:
    """The diff between each pair of adjacent cycles (in the region's order) whose first is
    closed: to the commit that closed the second, or, for the first cycle not closed yet, to
    ``head`` (its plans so far)."""
    from fardplan_cli.revision_diff import compare

    tags = {cycle: tag for cycle, tag in tags_of(reader.git).items() if tag.commit is not None}
    found = []
    for source_cycle, target_cycle in itertools.pairwise(cycle_order):
        source_tag = tags.get(source_cycle)
        if source_tag is None or source_tag.commit is None:
            continue
        target_tag = tags.get(target_cycle)
        if target_tag is not None and target_tag.commit is not None:
            target = Revision(target_cycle, target_tag.commit, target_tag.tag)
        elif head is not None:
            target = head
        else:
            continue
        source = Revision(source_cycle, source_tag.commit, source_tag.tag)
        try:
            result, _ = compare(reader, source, target)
        except (PlanProblemsError, RevisionError):
            continue
        found.append(CycleComparison(source, target, source_cycle, target_cycle,
                                     target_tag is not None, result))
        if target_tag is None:
            break  # the cycles after the first open one have no plans of their own yet
    return found
