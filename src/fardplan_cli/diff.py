"""Two plan sets -> the list of what changed, in plan terms (docs/history.md lists the kinds).

Initiatives are matched by core and id. An id that vanished is followed to its successor through
the new side's ``replaces`` (renumbered when one-to-one, merged when several old ids go into one,
split when one old id goes into several), or, failing that, to a new id with the very same title
and description. The comparison is keyed and hand-written: no generic deep-diff library.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from fardplan_cli.diff_change import Change, WordOp, list_change, word_diff
from fardplan_cli.diff_document import document_changes, section_changes
from fardplan_cli.diff_follow_up import (
    dialogue_changes,
    follow_up_changes,
    followed_changes,
    work_changes,
)
from fardplan_cli.model import DEFAULT_STATUS, Initiative, PlanSet

__all__ = [
    "INITIATIVE_KINDS", "KINDS", "LIST_FIELDS", "TEXT_FIELDS", "Change", "DiffResult", "WordOp",
    "compare_initiatives", "diff_plan_sets", "initiative_content", "summarize", "word_diff",
]

# The kinds of change, in the order a reader meets them.
KINDS: tuple[str, ...] = (
    "document-changed", "section-added", "section-removed", "section-changed",
    "goal-area-added", "goal-area-removed", "goal-area-renamed", "goal-area-changed",
    "cycle-added", "cycle-removed", "cycle-renamed",
    "actor-added", "actor-removed", "actor-renamed", "actor-changed",
    "core-added", "core-removed", "core-renamed", "core-changed",
    "character-added", "character-removed", "character-changed",
    "direction-added", "direction-removed", "direction-changed",
    "dialogue-added", "dialogue-removed", "dialogue-changed",
    "initiative-added", "initiative-removed", "initiative-renumbered", "initiative-merged",
    "initiative-split", "initiative-changed",
    "activity-added", "activity-removed", "activity-done", "activity-changed",
    "update-added", "update-removed",
    "carrier-added", "carrier-removed", "carrier-changed",
)

# The kinds that change one initiative (its fields, or its activities, updates and carriers).
INITIATIVE_KINDS = frozenset({
    "initiative-changed", "activity-added", "activity-removed", "activity-done",
    "activity-changed", "update-added", "update-removed", "carrier-added", "carrier-removed",
    "carrier-changed",
})

# The fields of an initiative compared word by word, in this order. ``afterword`` may be absent on
# either side: added, it is one insertion; removed, one deletion.
TEXT_FIELDS = ("title", "description", "afterword")
LIST_FIELDS = ("participants", "priority", "places")


@dataclass(frozen=True)
class DiffResult:
    changes: tuple[Change, ...]
    core_names: dict[str, str] = field(default_factory=dict)
    actor_names: dict[str, str] = field(default_factory=dict)
    area_titles: dict[int, str] = field(default_factory=dict)
    titles: dict[str, str] = field(default_factory=dict)  # initiative ref -> title (new side first)
    # each added initiative as the new side has it (ref -> initiative): what a reader of the diff
    # is shown of it besides its title (its text, lead and participants)
    added: dict[str, Initiative] = field(default_factory=dict)
    # the document's shared sections' headings by id (new side first): what names a core's own
    # wording of one
    section_headings: dict[str, str] = field(default_factory=dict)

    @property
    def summary(self) -> dict[str, int]:
        return summarize(self.changes)


def summarize(changes: Sequence[Change]) -> dict[str, int]:
    def count(*kinds: str) -> int:
        return sum(1 for c in changes if c.kind in kinds)

    return {
        "changes": len(changes),
        "cores_added": count("core-added"),
        "cores_removed": count("core-removed"),
        "initiatives_added": count("initiative-added"),
        "initiatives_removed": count("initiative-removed"),
        "initiatives_renumbered": count("initiative-renumbered"),
        "initiatives_merged": count("initiative-merged"),
        "initiatives_split": count("initiative-split"),
        "initiatives_changed": len({c.ref for c in changes if c.kind in INITIATIVE_KINDS}),
        "directions_changed": count("direction-added", "direction-removed", "direction-changed"),
        "character_changed": count("character-added", "character-removed", "character-changed"),
        "goal_areas_changed": count("goal-area-added", "goal-area-removed", "goal-area-renamed",
                                    "goal-area-changed"),
        "cycles_changed": count("cycle-added", "cycle-removed", "cycle-renamed"),
        "actors_changed": count("actor-added", "actor-removed", "actor-renamed", "actor-changed"),
        "dialogues_changed": count("dialogue-added", "dialogue-removed", "dialogue-changed"),
        "activities_changed": count("activity-added", "activity-removed", "activity-done",
                                    "activity-changed"),
        "updates_added": count("update-added"),
        "carriers_changed": count("carrier-added", "carrier-removed", "carrier-changed"),
        "document_changed": count("document-changed"),
        "sections_changed": count("section-added", "section-removed", "section-changed"),
    }


# -- initiatives ------------------------------------------------------------------------------


def initiative_content(initiative: Initiative) -> tuple[object, ...]:
    """What an initiative says, without where it sits in its file."""
    i = initiative
    return (i.id, i.title, i.description, i.afterword, i.lead, i.lead_unit, i.participants, i.status,
            i.status_note, i.priority, i.replaces, i.places, i.activities, i.updates, i.carried_by)


def compare_initiatives(old: Initiative, new: Initiative) -> list[Change]:
    """Each changed field of one initiative (its id and ``replaces`` lineage aside)."""
    core, ref = new.core, new.ref
    changes: list[Change] = []
    for name in TEXT_FIELDS:
        before, after = getattr(old, name), getattr(new, name)
        if before != after:
            changes.append(Change("initiative-changed", core, ref, name, before, after,
                                  words=word_diff(before or "", after or "")))
    if old.lead != new.lead:
        changes.append(Change("initiative-changed", core, ref, "lead", old.lead, new.lead))
    changes += follow_up_changes(core, ref, old, new)
    for name in ("priority", "places"):
        before_list, after_list = getattr(old, name), getattr(new, name)
        added, removed = list_change(before_list, after_list)
        if added or removed:
            changes.append(Change("initiative-changed", core, ref, name, list(before_list),
                                  list(after_list), added=added, removed=removed))
    changes += work_changes(core, ref, old, new)
    return changes


def _compare_pool(
    core: str | None, old: Sequence[Initiative], new: Sequence[Initiative],
    followed: dict[tuple[int, int], list[Change]] | None = None,
) -> list[Change]:
    """The changes of a pool of initiatives (the common ones, or a core's own), in id order;
    ``followed`` are the changes of the core's follow-up of common initiatives, by id, to be
    put in that order with them."""
    old_by_id = {i.id: i for i in old}
    new_by_id = {i.id: i for i in new}
    vanished = [i for i in old if i.id not in new_by_id]
    appeared = [i for i in new if i.id not in old_by_id]
    vanished_ids = {i.id for i in vanished}

    # Lineage from the new side's `replaces`, restricted to ids that vanished.
    claims: dict[str, list[str]] = {}  # new id -> vanished old ids it replaces
    claimed_by: dict[str, list[str]] = {}  # vanished old id -> new ids that claim it
    for item in new:
        olds = [r for r in item.replaces if r in vanished_ids]
        if olds:
            claims[item.id] = olds
            for r in olds:
                claimed_by.setdefault(r, []).append(item.id)

    changes: list[Change] = []
    explained_old: set[str] = set()
    explained_new: set[str] = set()
    renumbered: dict[str, str] = {}  # new id -> old id
    by_key: dict[tuple[int, int], list[Change]] = {
        key: list(items) for key, items in (followed or {}).items()}

    def ref_of(initiative_id: str) -> str:
        return initiative_id if core is None else f"{core}:{initiative_id}"

    for old_id, new_ids in claimed_by.items():
        if len(new_ids) > 1:
            explained_old.add(old_id)
            explained_new.update(n for n in new_ids if n not in old_by_id)
            first = new_by_id[new_ids[0]]
            by_key.setdefault(first.sort_key, []).append(Change(
                "initiative-split", core, ref_of(old_id), "id", old=old_id, new=list(new_ids),
                key=old_id))
    for new_id, old_ids in claims.items():
        olds = [o for o in old_ids if o not in explained_old]
        if not olds:
            continue
        item = new_by_id[new_id]
        if len(olds) == 1 and new_id not in old_by_id:
            renumbered[new_id] = olds[0]
        else:
            by_key.setdefault(item.sort_key, []).append(Change(
                "initiative-merged", core, item.ref, "id", old=list(olds), new=new_id))
            if new_id not in old_by_id:
                explained_new.add(new_id)
        explained_old.update(olds)

    # The same text under a new id, when nothing in `replaces` explains it.
    remaining_new = [i for i in appeared if i.id not in explained_new and i.id not in renumbered]
    for gone in vanished:
        if gone.id in explained_old:
            continue
        twin = next((i for i in remaining_new
                     if i.title == gone.title and i.description == gone.description), None)
        if twin is not None:
            renumbered[twin.id] = gone.id
            explained_old.add(gone.id)
            remaining_new.remove(twin)

    for new_id, old_id in renumbered.items():
        item = new_by_id[new_id]
        explained_new.add(new_id)
        by_key.setdefault(item.sort_key, []).append(Change(
            "initiative-renumbered", core, item.ref, "id", old=old_id, new=new_id))
        by_key[item.sort_key] += compare_initiatives(old_by_id[old_id], item)

    for item in new:
        if item.id in old_by_id:
            changes_of_item = compare_initiatives(old_by_id[item.id], item)
            by_key.setdefault(item.sort_key, []).extend(changes_of_item)
        elif item.id not in explained_new:
            by_key.setdefault(item.sort_key, []).append(Change(
                "initiative-added", core, item.ref, None, new=item.title))
    for gone in vanished:
        if gone.id not in explained_old:
            by_key.setdefault(gone.sort_key, []).append(Change(
                "initiative-removed", core, gone.ref, None, old=gone.title))

    for key in sorted(by_key):
        changes += by_key[key]
    return changes


# -- the plan set -----------------------------------------------------------------------------


def _text_change(
    kind: str, core: str | None, key: str, name: str, texts: tuple[str, str]
) -> Change:
    old, new = texts
    return Change(kind, core, None, name, old, new, key=key, words=word_diff(old, new))


def diff_plan_sets(old: PlanSet, new: PlanSet, *, core: str | None = None) -> DiffResult:
    """What changed from ``old`` to ``new``. With ``core``, only that core and the common
    initiatives (the region's document, goal areas, cycles and actors are left out)."""
    changes: list[Change] = []
    if core is None:
        changes += document_changes(old.region.document, new.region.document)
        changes += _region_changes(old, new)
    changes += _compare_pool(None, [_shared(i) for i in old.region.initiatives],
                             [_shared(i) for i in new.region.initiatives])
    old_cores = {c.id: c for c in old.cores}
    new_cores = {c.id: c for c in new.cores}
    ids = sorted(set(old_cores) | set(new_cores))
    for core_id in ids:
        if core is not None and core_id != core:
            continue
        before, after = old_cores.get(core_id), new_cores.get(core_id)
        if before is None and after is not None:
            changes.append(Change("core-added", core_id, None, None, new=after.name, key=core_id))
            continue
        if after is None and before is not None:
            changes.append(Change("core-removed", core_id, None, None, old=before.name,
                                  key=core_id))
            continue
        assert before is not None and after is not None
        if before.name != after.name:
            changes.append(Change("core-renamed", core_id, None, "name", before.name, after.name,
                                  key=core_id))
        added, removed = list_change(before.municipalities, after.municipalities)
        if added or removed:
            changes.append(Change("core-changed", core_id, None, "municipalities",
                                  list(before.municipalities), list(after.municipalities),
                                  key=core_id, added=added, removed=removed))
        changes += section_changes(core_id, before.sections, after.sections)
        old_sections = {s.heading: s for s in before.character}
        new_sections = {s.heading: s for s in after.character}
        for heading, section in new_sections.items():
            if heading not in old_sections:
                changes.append(Change("character-added", core_id, None, "character", None,
                                      section.text, key=heading))
            elif old_sections[heading].text != section.text:
                changes.append(_text_change("character-changed", core_id, heading, "character",
                                            (old_sections[heading].text, section.text)))
        for heading, section in old_sections.items():
            if heading not in new_sections:
                changes.append(Change("character-removed", core_id, None, "character",
                                      section.text, None, key=heading))
        old_dirs = {d.area: d for d in before.directions}
        new_dirs = {d.area: d for d in after.directions}
        for area in sorted(set(old_dirs) | set(new_dirs)):
            d_old, d_new = old_dirs.get(area), new_dirs.get(area)
            if d_old is None and d_new is not None:
                changes.append(Change("direction-added", core_id, None, "direction", None,
                                      d_new.text, key=str(area)))
            elif d_new is None and d_old is not None:
                changes.append(Change("direction-removed", core_id, None, "direction", d_old.text,
                                      None, key=str(area)))
            elif d_old is not None and d_new is not None and d_old.text != d_new.text:
                changes.append(_text_change("direction-changed", core_id, str(area), "direction",
                                            (d_old.text, d_new.text)))
        changes += dialogue_changes(core_id, before.dialogues, after.dialogues)
        followed = followed_changes(core_id, old, new, before, after)
        changes += _compare_pool(core_id, before.initiatives, after.initiatives, followed)
    core_names = {c.id: c.name for c in old.cores} | {c.id: c.name for c in new.cores}
    actor_names = {a.id: a.name for a in old.actors} | {a.id: a.name for a in new.actors}
    area_titles = ({g.number: g.title for g in old.region.goal_areas}
                   | {g.number: g.title for g in new.region.goal_areas})
    titles = {i.ref: i.title for i in old.all_initiatives()} | {
        i.ref: i.title for i in new.all_initiatives()}
    shared_titles = {i.id: i.title for i in old.region.initiatives} | {
        i.id: i.title for i in new.region.initiatives}
    titles |= {c.ref: shared_titles[c.ref.rpartition(":")[2]] for c in changes
               if c.core is not None and c.ref is not None and c.ref not in titles
               and c.ref.rpartition(":")[2] in shared_titles}
    added_refs = {c.ref for c in changes if c.kind == "initiative-added"}
    new_initiatives = {i.ref: i for i in new.all_initiatives() if i.ref in added_refs}
    section_headings = {s.id: s.heading for document in (old.region.document, new.region.document)
                        for s in document.sections if s.heading is not None}
    return DiffResult(tuple(changes), core_names, actor_names, area_titles, titles,
                      new_initiatives, section_headings)


def _shared(initiative: Initiative) -> Initiative:
    """A common initiative's shared text and responsibility only: its status and priorities are
    each core's (format 1 kept them in ``region.yaml`` for every core; they are compared as each
    core's plan shows them, so that the move to format 2 is no change)."""
    if initiative.status == DEFAULT_STATUS and initiative.status_note is None and not (
            initiative.priority):
        return initiative
    return replace(initiative, status=DEFAULT_STATUS, status_note=None, priority=())


def _region_changes(old: PlanSet, new: PlanSet) -> list[Change]:
    changes: list[Change] = []
    old_areas = {g.number: g for g in old.region.goal_areas}
    new_areas = {g.number: g for g in new.region.goal_areas}
    for number in sorted(set(old_areas) | set(new_areas)):
        before, after = old_areas.get(number), new_areas.get(number)
        key = str(number)
        if before is None and after is not None:
            changes.append(Change("goal-area-added", None, None, None, new=after.title, key=key))
        elif after is None and before is not None:
            changes.append(Change("goal-area-removed", None, None, None, old=before.title, key=key))
        elif before is not None and after is not None:
            if before.title != after.title:
                changes.append(_text_change("goal-area-renamed", None, key, "title",
                                            (before.title, after.title)))
            if before.heading != after.heading:  # the heading a core's plan prints, if another
                changes.append(Change("goal-area-changed", None, None, "heading", before.heading,
                                      after.heading, key=key,
                                      words=word_diff(before.heading or "", after.heading or "")))
            if before.summary != after.summary:
                changes.append(_text_change("goal-area-changed", None, key, "summary",
                                            (before.summary, after.summary)))
    old_cycles = {c.id: c for c in old.region.cycles}
    new_cycles = {c.id: c for c in new.region.cycles}
    for cycle_id, cycle in new_cycles.items():
        if cycle_id not in old_cycles:
            changes.append(Change("cycle-added", None, None, None, new=cycle.name, key=cycle_id))
        elif old_cycles[cycle_id].name != cycle.name:
            changes.append(Change("cycle-renamed", None, None, "name", old_cycles[cycle_id].name,
                                  cycle.name, key=cycle_id))
    for cycle_id, cycle in old_cycles.items():
        if cycle_id not in new_cycles:
            changes.append(Change("cycle-removed", None, None, None, old=cycle.name, key=cycle_id))
    old_actors = {a.id: a for a in old.actors}
    new_actors = {a.id: a for a in new.actors}
    for actor_id in sorted(set(old_actors) | set(new_actors)):
        a_old, a_new = old_actors.get(actor_id), new_actors.get(actor_id)
        if a_old is None and a_new is not None:
            changes.append(Change("actor-added", None, None, None, new=a_new.name, key=actor_id))
        elif a_new is None and a_old is not None:
            changes.append(Change("actor-removed", None, None, None, old=a_old.name, key=actor_id))
        elif a_old is not None and a_new is not None:
            if a_old.name != a_new.name:
                changes.append(Change("actor-renamed", None, None, "name", a_old.name, a_new.name,
                                      key=actor_id))
            for name in ("kind", "part_of"):
                if getattr(a_old, name) != getattr(a_new, name):
                    changes.append(Change("actor-changed", None, None, name, getattr(a_old, name),
                                          getattr(a_new, name), key=actor_id))
    return changes
