"""The diff between two revisions: which plan files to read, and how little of each.

Only the files whose blobs differ on the two sides are parsed and compared, with ``region.yaml``
(goal area titles, common initiatives) and, when a change names an actor, ``actors.yaml``: a file
that is the same blob on both sides yields no change. Of a core file that changed, only its head
and the initiatives whose text differs are parsed, when ``chunks`` can cut it surely. What is the
same on both sides is not read, so not checked either: a problem there is left to ``validate``.
The document's own text costs no further parse: its shared part is in ``region.yaml``, which is
read anyway, and a core's own wording of a section (``sections:``) is in the head of its file.

Cores are matched by their file's name (``plans/<id>.yaml``), so that a file renamed is a core
removed and another added. When ``--core`` names a core by its name, every core file is read:
which file holds it is known only from all of them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any

from fardplan_cli.chunks import assemble, lines_close
from fardplan_cli.cycles import latest_closed
from fardplan_cli.diff import DiffResult, diff_plan_sets
from fardplan_cli.errors import FardplanError, UsageError
from fardplan_cli.gitstore import check_revision
from fardplan_cli.i18n import t
from fardplan_cli.load import ACTORS_FILE, PLANS_DIR, REGION_FILE, core_id_of, is_core_file
from fardplan_cli.model import PlanSet
from fardplan_cli.repository import PlanRepository
from fardplan_cli.revisions import WORK_TREE, PlanReader, Revision, problems_at
from fardplan_cli.yamlfile import Document, YamlProblemError, parse_document

_ACTOR_FIELDS = frozenset({"lead", "lead_unit", "participants", "municipalities", "part_of",
                           "owner"})
# The kinds whose ``old``/``new`` value names actors (an owner, an author, a funder).
_ACTOR_KINDS = frozenset({"activity-added", "activity-removed", "update-added", "update-removed",
                          "carrier-added", "carrier-removed", "dialogue-added",
                          "dialogue-removed", "initiative-added"})  # a new one's lead, participants

Entry = tuple[str, "bytes | None"]


@dataclass(frozen=True)
class RevisionDiff:
    """What changed from ``source`` to ``target``, limited to ``core`` (an id) when one is given."""

    source: Revision
    target: Revision
    result: DiffResult
    core: str | None


def diff_revisions(repository: PlanRepository, source: str | None, target: str | None, *,
                   core: str | None = None) -> RevisionDiff:
    """``fardplan diff [FROM [TO]] [--core C]``: ``target`` defaults to the working tree,
    ``source`` to the latest closed cycle (by the working tree's order of cycles)."""
    for typed in (source, target):
        if typed is not None:
            check_revision(typed)  # refused before anything else looks at the repository
    with PlanReader(repository.root) as reader:
        work_tree_files = repository.read_plan_files() if target is None else None
        target_rev = WORK_TREE if target is None else reader.resolve(target)
        if source is None:
            order = reader.cycle_order(work_tree_files) if work_tree_files is not None else []
            latest = latest_closed(reader.git, order)
            if latest is None:
                if work_tree_files is not None:
                    reader.plan_set(WORK_TREE, work_tree_files)  # its problems come first
                raise UsageError(t(
                    "no cycle has been closed yet (there is no cycle/<id> tag): name the revision "
                    "to compare with, as in 'fardplan diff FROM [TO]'"))
            source_rev = reader.resolve(latest.cycle)
        else:
            source_rev = reader.resolve(source)
        result, core_id = compare(reader, source_rev, target_rev,
                                  work_tree_files=work_tree_files, core=core)
        dated = [rev if rev.commit is None else replace(rev, committed=reader.git.committed(rev.commit))
                 for rev in (source_rev, target_rev)]
    return RevisionDiff(dated[0], dated[1], result, core_id)


def compare(reader: PlanReader, source: Revision, target: Revision, *,
            work_tree_files: Mapping[str, bytes] | None = None,
            core: str | None = None) -> tuple[DiffResult, str | None]:
    """What changed from ``source`` to ``target`` (with ``core`` as typed: only that core and
    the common initiatives), and the id of that core."""
    old = reader.plan_entries(source, work_tree_files)
    new = reader.plan_entries(target, work_tree_files)
    changed = {path for path in old.keys() | new.keys()
               if old.get(path, ("",))[0] != new.get(path, ("",))[0]}
    core_by_id = core is not None and _names_a_core_file(core, old, new)
    every_core = core is not None and not core_by_id
    wanted = set(changed) | {REGION_FILE}
    if every_core:  # a core named by its name: which file holds it?
        wanted |= {path for path in old.keys() | new.keys() if is_core_file(path)}
    if core_by_id:
        wanted.add(f"{PLANS_DIR}/{core}.yaml")
    if REGION_FILE in changed and _status_in_region_changed(reader, old, new):
        # Format 1 kept a common initiative's status in region.yaml for every core (and the move
        # to format 2 takes it out): each core's plan shows the change, so every core is read.
        wanted |= {path for path in old.keys() | new.keys() if is_core_file(path)}
    # The same actors on both sides: read only if a change names one (parsing them costs time).
    unread = () if ACTORS_FILE in wanted or ACTORS_FILE not in new else (ACTORS_FILE,)
    old_plan, new_plan = (by_file(plan) for plan in _read_sides(
        reader, source, target, old, new, wanted, unread))
    reader.read_every_core = every_core
    core_id = _core_id(core, old_plan, new_plan) if core is not None else None
    result = diff_plan_sets(old_plan, new_plan, core=core_id)
    if unread and any(c.field in _ACTOR_FIELDS or c.kind in _ACTOR_KINDS
                      for c in result.changes):
        oid, content = new[ACTORS_FILE]
        if content is None:
            names, problems = reader.actor_names(ACTORS_FILE, oid)
        else:
            actors, problems = reader.partial_plan_set({ACTORS_FILE: (oid, content)},
                                                       (REGION_FILE,))
            names = {a.id: a.name for a in actors.actors}
        if problems:
            raise problems_at(target, problems)
        result = replace(result, actor_names=dict(names))
    return result, core_id


def _status_in_region_changed(reader: PlanReader, old: Mapping[str, Entry],
                              new: Mapping[str, Entry]) -> bool:
    """Whether a common initiative's status, note or priorities as ``region.yaml`` writes them
    (format 1) differ between the two sides. A side that does not read says yes: its problem is
    reported when it is read."""
    statuses = []
    for side in (old, new):
        if REGION_FILE not in side:
            return True
        oid, content = side[REGION_FILE]
        try:
            data = reader.document(REGION_FILE, oid, content).data
        except YamlProblemError:
            return True
        items = data.get("initiatives") if isinstance(data, dict) else None
        statuses.append({
            str(item.get("id")): (item.get("status") or "planned", item.get("status_note"),
                                  item.get("priority") or [])
            for item in (items if isinstance(items, list) else ()) if isinstance(item, dict)})
    return statuses[0] != statuses[1]


def by_file(plan: PlanSet) -> PlanSet:
    """The plan set with each core known by its file's name, as the diff matches cores: a core
    file renamed is a core removed and one added, and a file that claims another file's core id
    (which ``validate`` reports) is still the core its name says."""
    if all(c.id == core_id_of(c.file) for c in plan.cores):
        return plan
    cores = []
    for core in plan.cores:
        stem = core_id_of(core.file)
        cores.append(core if core.id == stem else replace(core, id=stem, initiatives=tuple(
            replace(i, core=stem) for i in core.initiatives)))
    return replace(plan, cores=tuple(cores))


def _names_a_core_file(core: str, *sides: Mapping[str, Entry]) -> bool:
    path = f"{PLANS_DIR}/{core}.yaml"
    return "/" not in core and is_core_file(path) and any(path in side for side in sides)


def _core_id(core: str, old_plan: PlanSet, new_plan: PlanSet) -> str:
    from fardplan_cli.query import resolve_core

    try:
        return resolve_core(new_plan, core).id
    except FardplanError:
        return resolve_core(old_plan, core).id


def _read_sides(reader: PlanReader, source: Revision, target: Revision,
                old: dict[str, Entry], new: dict[str, Entry], wanted: set[str],
                unread: tuple[str, ...]) -> tuple[PlanSet, PlanSet]:
    """Both sides' plan sets of the ``wanted`` files; the problems of the working tree's side
    are reported first, else those of the older side. A changed core file is read without the
    initiatives that are the same on both sides."""
    old_parsed: dict[str, Document] = {}
    new_parsed: dict[str, Document] = {}
    reader.prefetch(entry[0] for side in (old, new) for path, entry in side.items()
                    if path in wanted and entry[1] is None and not reader.has_parsed(path, entry[0])
                    and not reader.has_cut(path, entry[0]))
    for path in sorted(wanted):
        if is_core_file(path) and path in old and path in new and old[path][0] != new[path][0]:
            old[path], new[path], pair = _changed_initiatives(reader, path, old[path], new[path])
            if pair is not None:
                old_parsed[path], new_parsed[path] = pair
    old_plan, old_problems = reader.partial_plan_set(
        {path: entry for path, entry in old.items() if path in wanted}, unread, old_parsed)
    new_plan, new_problems = reader.partial_plan_set(
        {path: entry for path, entry in new.items() if path in wanted}, unread, new_parsed)
    sides = [(target, new_problems), (source, old_problems)]
    if not target.is_work_tree:
        sides.reverse()
    for revision, problems in sides:
        if problems:
            raise problems_at(revision, problems)
    return old_plan, new_plan


def _priorities(head: Any) -> set[tuple[str, str]]:
    """The (initiative id, cycle) pairs that a core file's dialogues prioritise."""
    dialogues = head.get("dialogues") if isinstance(head, dict) else None
    return {(item, dialogue["cycle"])
            for dialogue in (dialogues if isinstance(dialogues, list) else ())
            if isinstance(dialogue, dict) and isinstance(dialogue.get("prioritized"), list)
            and isinstance(dialogue.get("cycle"), str)
            for item in dialogue["prioritized"] if isinstance(item, str)}


def _changed_initiatives(
    reader: PlanReader, path: str, old: Entry, new: Entry
) -> tuple[Entry, Entry, tuple[Document, Document] | None]:
    """Both versions of a changed core file with only what their diff needs: the file without
    its initiatives, and the initiatives whose text is not the same on both sides (or that name
    others in ``replaces``), parsed piece by piece (``chunks``). An initiative whose text is the
    same on both sides says the same: it would show no change.

    ``None`` for the pair when the file is to be parsed whole: it cannot be cut surely, an id
    occurs twice, or a piece does not read as it should (the whole file's problem is then
    reported). Each version is cut once (the newer side of one comparison of a walk over the
    commits is the older side of the next), and a piece parsed for the one is not parsed again
    for the next."""
    entries = [old, new]
    found = [reader.core_text(path, oid, content) for oid, content in (old, new)]
    cuts = [f.cut for f in found if f.cut is not None and len(set(f.cut.ids)) == len(f.cut.ids)]
    # The cut is sure where every line closes its quotes and flows: the old side's lines, and
    # those of the new side's pieces that the old side does not have.
    if len(cuts) != 2:
        return entries[0], entries[1], None
    if found[0].closes is None:
        found[0].closes = lines_close(cuts[0].text)
    if not found[0].closes:
        return entries[0], entries[1], None
    known = set(cuts[0].items)
    if not all(lines_close(piece) for piece in (cuts[1].head, *cuts[1].items)
               if piece not in known):
        return entries[0], entries[1], None
    found[1].closes = True  # each of its lines is one of the old side's or was checked
    # text -> its data: a piece that is the same on both sides, or was parsed for the last
    # comparison of this file, is parsed once.
    pieces = reader.parsed_pieces(path)

    def read(text: str) -> Any:
        if text not in pieces:
            pieces[text] = parse_document(path, text.encode("utf-8"), lazy_positions=True).data
        return pieces[text]

    documents = []
    try:
        # An initiative's priorities come from the head's dialogues: one whose priorities differ
        # is compared even where its own text is the same.
        reprioritized = _priorities(read(cuts[0].head)) ^ _priorities(read(cuts[1].head))
        moved = {initiative_id for initiative_id, _ in reprioritized}
        for cut, other in ((cuts[0], cuts[1]), (cuts[1], cuts[0])):
            same = set(other.items)
            chosen = [(text, initiative_id)
                      for text, initiative_id in zip(cut.items, cut.ids, strict=True)
                      if text not in same or "replaces" in text or initiative_id in moved]
            # The chosen items, joined, are one sequence: one parse for them all.
            items = read("".join(text for text, _ in chosen)) if chosen else None
            value = assemble(read(cut.head), items, [item_id for _, item_id in chosen])
            if value is None:
                return entries[0], entries[1], None
            documents.append(Document(path, value, {}, {}))
    except YamlProblemError:
        return entries[0], entries[1], None
    finally:
        reader.keep_pieces(path, [cuts[1].head])  # the newer side's head: the next one's older
    reader.parsed += 2
    reader.files_cut += 1
    return entries[0], entries[1], (documents[0], documents[1])
