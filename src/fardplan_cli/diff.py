"""Two plan sets -> the list of what changed, in plan terms (docs/history.md lists the kinds).

Initiatives are matched by core and id. An id that vanished is followed to its successor through
the new side's ``replaces`` (renumbered when one-to-one, merged when several old ids go into one,
split when one old id goes into several), or, failing that, to a new id with the very same title
and description. The comparison is keyed and hand-written: no generic deep-diff library.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any, Literal

from fardplan_cli.model import (
    DEFAULT_STATUS,
    Activity,
    Carrier,
    Core,
    Dialogue,
    FollowUp,
    Initiative,
    PlanSet,
    Position,
    Update,
)

WordOp = Literal["equal", "delete", "insert"]

# The kinds of change, in the order a reader meets them.
KINDS: tuple[str, ...] = (
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

TEXT_FIELDS = ("title", "description")
LIST_FIELDS = ("participants", "priority", "places")

_TOKEN = re.compile(r"\s+|[^\s]+")


@dataclass(frozen=True)
class Change:
    """One change. ``core`` is None for the region's own things (common initiatives included).

    ``ref`` is the initiative's reference (on the new side when it exists there); ``key`` names the
    other things (a goal area's number, a cycle or actor id, a direction's area, a character
    heading, a core id). ``words`` is the word-level diff of a text field; ``added``/``removed``
    the members of a list field; ``note`` the new status note with a status change.
    """

    kind: str
    core: str | None
    ref: str | None
    field: str | None
    old: Any = None
    new: Any = None
    key: str | None = None
    added: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()
    words: tuple[tuple[WordOp, str], ...] | None = None
    note: str | None = None



@dataclass(frozen=True)
class DiffResult:
    changes: tuple[Change, ...]
    core_names: dict[str, str] = field(default_factory=dict)
    actor_names: dict[str, str] = field(default_factory=dict)
    area_titles: dict[int, str] = field(default_factory=dict)
    titles: dict[str, str] = field(default_factory=dict)  # initiative ref -> title (new side first)

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
    }


# -- words ------------------------------------------------------------------------------------


def word_diff(old: str, new: str) -> tuple[tuple[WordOp, str], ...]:
    """The word-level diff of two texts; joining the non-inserted parts gives ``old`` back, the
    non-deleted parts ``new``. Whitespace runs are tokens of their own so nothing is lost."""
    a, b = _TOKEN.findall(old), _TOKEN.findall(new)
    ops: list[tuple[WordOp, str]] = []

    def add(op: WordOp, text: str) -> None:
        if not text:
            return
        if ops and ops[-1][0] == op:
            ops[-1] = (op, ops[-1][1] + text)
        else:
            ops.append((op, text))

    # The words both texts begin and end with are equal as they stand: only the middle, where a
    # plan's edit usually is, goes through the matcher (whose cost grows with its length squared).
    start, end = 0, 0
    limit = min(len(a), len(b))
    while start < limit and a[start] == b[start]:
        start += 1
    while end < limit - start and a[-1 - end] == b[-1 - end]:
        end += 1
    add("equal", "".join(a[:start]))
    middle_a, middle_b = a[start : len(a) - end], b[start : len(b) - end]
    matcher = difflib.SequenceMatcher(None, middle_a, middle_b, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            add("equal", "".join(middle_a[i1:i2]))
            continue
        removed, inserted = "".join(middle_a[i1:i2]), "".join(middle_b[j1:j2])
        if removed.strip() == "" and inserted.strip() == "" and removed and inserted:
            add("equal", inserted)  # a change of spacing alone reads as unchanged text
            continue
        add("delete", removed)
        add("insert", inserted)
    add("equal", "".join(a[len(a) - end :]))
    return tuple(ops)


def _list_change(old: Iterable[str], new: Iterable[str]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    old_list, new_list = list(old), list(new)
    added = tuple(x for x in new_list if x not in old_list)
    removed = tuple(x for x in old_list if x not in new_list)
    return added, removed


# -- initiatives ------------------------------------------------------------------------------


def initiative_content(initiative: Initiative) -> tuple[object, ...]:
    """What an initiative says, without where it sits in its file."""
    i = initiative
    return (i.id, i.title, i.description, i.lead, i.lead_unit, i.participants, i.status,
            i.status_note, i.priority, i.replaces, i.places, i.activities, i.updates, i.carried_by)


def compare_initiatives(old: Initiative, new: Initiative) -> list[Change]:
    """Each changed field of one initiative (its id and ``replaces`` lineage aside)."""
    core, ref = new.core, new.ref
    changes: list[Change] = []
    for name in TEXT_FIELDS:
        before, after = getattr(old, name), getattr(new, name)
        if before != after:
            changes.append(Change("initiative-changed", core, ref, name, before, after,
                                  words=word_diff(before, after)))
    if old.lead != new.lead:
        changes.append(Change("initiative-changed", core, ref, "lead", old.lead, new.lead))
    changes += _follow_up_changes(core, ref, old, new)
    for name in ("priority", "places"):
        before_list, after_list = getattr(old, name), getattr(new, name)
        added, removed = _list_change(before_list, after_list)
        if added or removed:
            changes.append(Change("initiative-changed", core, ref, name, list(before_list),
                                  list(after_list), added=added, removed=removed))
    changes += work_changes(core, ref, old, new)
    return changes


def _follow_up_changes(
    core: str | None, ref: str, old: Initiative | FollowUp, new: Initiative | FollowUp
) -> list[Change]:
    """The changes of what a core's follow-up of a common initiative holds as well: the lead
    unit, the participants, the status and its note."""
    changes: list[Change] = []
    if old.lead_unit != new.lead_unit:
        changes.append(Change("initiative-changed", core, ref, "lead_unit", old.lead_unit,
                              new.lead_unit))
    added, removed = _list_change(old.participants, new.participants)
    if added or removed:
        changes.append(Change("initiative-changed", core, ref, "participants",
                              list(old.participants), list(new.participants),
                              added=added, removed=removed))
    if old.status != new.status:
        changes.append(Change("initiative-changed", core, ref, "status", old.status, new.status,
                              note=new.status_note))
    elif old.status_note != new.status_note:
        changes.append(Change("initiative-changed", core, ref, "status_note", old.status_note,
                              new.status_note, note=new.status_note))
    return changes


# -- activities, updates, carriers ------------------------------------------------------------


def activity_value(activity: Activity) -> dict[str, Any]:
    """An activity as a change carries it (``old``/``new``)."""
    a = activity
    return {"id": a.id, "title": a.title, "owner": a.owner, "participants": list(a.participants),
            "start": a.start, "due": a.due, "status": a.status, "done_on": a.done_on,
            "note": a.note}


def update_value(update: Update) -> dict[str, Any]:
    return {"date": update.date, "text": update.text, "by": update.by}


def carrier_value(carrier: Carrier) -> dict[str, Any]:
    c = carrier
    return {"kind": c.kind, "actor": c.actor, "name": c.name, "amount_sek": c.amount_sek,
            "decided": c.decided}


def dialogue_value(dialogue: Dialogue) -> dict[str, Any]:
    d = dialogue
    return {"date": d.date, "cycle": d.cycle, "participants": list(d.participants),
            "prioritized": list(d.prioritized), "note": d.note}


_ACTIVITY_FIELDS = ("title", "owner", "participants", "start", "due", "status", "done_on", "note")


def work_changes(
    core: str | None, ref: str, old: Initiative | FollowUp, new: Initiative | FollowUp
) -> list[Change]:
    """How the work on an initiative changed: its activities (matched by id), its updates and
    its carriers (matched by kind, actor and name)."""
    changes: list[Change] = []
    old_activities = {a.id: a for a in old.activities}
    new_activities = {a.id: a for a in new.activities}
    for activity in new.activities:
        before = old_activities.get(activity.id)
        if before is None:
            changes.append(Change("activity-added", core, ref, None, new=activity_value(activity),
                                  key=activity.id))
        elif before != activity:
            changes += _activity_changes(core, ref, before, activity)
    changes += [Change("activity-removed", core, ref, None, old=activity_value(a), key=a.id)
                for a in old.activities if a.id not in new_activities]
    old_updates = [update_value(u) for u in old.updates]
    new_updates = [update_value(u) for u in new.updates]
    changes += [Change("update-added", core, ref, None, new=u, key=u["date"])
                for u in _missing(new_updates, old_updates)]
    changes += [Change("update-removed", core, ref, None, old=u, key=u["date"])
                for u in _missing(old_updates, new_updates)]
    old_carriers = {_carrier_key(c): c for c in old.carried_by}
    new_carriers = {_carrier_key(c): c for c in new.carried_by}
    for key, carrier in new_carriers.items():
        before_carrier = old_carriers.get(key)
        if before_carrier is None:
            changes.append(Change("carrier-added", core, ref, None, new=carrier_value(carrier),
                                  key=carrier.kind))
            continue
        for name in ("amount_sek", "decided"):
            was, now = getattr(before_carrier, name), getattr(carrier, name)
            if was != now:
                changes.append(Change("carrier-changed", core, ref, name, was, now,
                                      key=carrier.kind, note=carrier.name or carrier.actor))
    changes += [Change("carrier-removed", core, ref, None, old=carrier_value(c), key=c.kind)
                for key, c in old_carriers.items() if key not in new_carriers]
    return changes


def _carrier_key(carrier: Carrier) -> tuple[str, str | None, str | None]:
    return (carrier.kind, carrier.actor, carrier.name)


def _missing(items: Sequence[dict[str, Any]], others: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """The items not in ``others``, counting repeats (an update written twice is two)."""
    left = list(others)
    missing = []
    for item in items:
        if item in left:
            left.remove(item)
        else:
            missing.append(item)
    return missing


def _activity_changes(core: str | None, ref: str, old: Activity, new: Activity) -> list[Change]:
    changes: list[Change] = []
    done = new.status == "done" and old.status != "done"
    for name in _ACTIVITY_FIELDS:
        before, after = getattr(old, name), getattr(new, name)
        if before == after or (done and name == "done_on"):
            continue
        if name == "status" and done:
            changes.append(Change("activity-done", core, ref, "status", before, after,
                                  key=new.id, note=new.done_on))
        elif name == "title":
            changes.append(Change("activity-changed", core, ref, name, before, after, key=new.id,
                                  words=word_diff(before, after)))
        elif name == "participants":
            added, removed = _list_change(before, after)
            if not (added or removed):
                continue  # a change of order alone
            changes.append(Change("activity-changed", core, ref, name, list(before), list(after),
                                  key=new.id, added=added, removed=removed))
        else:
            changes.append(Change("activity-changed", core, ref, name, before, after, key=new.id))
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
    initiatives (the region's goal areas, cycles and actors are left out)."""
    changes: list[Change] = []
    if core is None:
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
        added, removed = _list_change(before.municipalities, after.municipalities)
        if added or removed:
            changes.append(Change("core-changed", core_id, None, "municipalities",
                                  list(before.municipalities), list(after.municipalities),
                                  key=core_id, added=added, removed=removed))
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
        changes += _dialogue_changes(core_id, before.dialogues, after.dialogues)
        followed = _followed_changes(core_id, old, new, before, after)
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
    return DiffResult(tuple(changes), core_names, actor_names, area_titles, titles)


def _dialogue_changes(
    core: str, old: Sequence[Dialogue], new: Sequence[Dialogue]
) -> list[Change]:
    """A core's political dialogues, matched by date (one a day in a core)."""
    changes: list[Change] = []
    old_by_date = {d.date: d for d in old}
    new_by_date = {d.date: d for d in new}
    for date in sorted(old_by_date.keys() | new_by_date.keys()):
        before, after = old_by_date.get(date), new_by_date.get(date)
        if before is None and after is not None:
            changes.append(Change("dialogue-added", core, None, None, new=dialogue_value(after),
                                  key=date, added=after.prioritized))
        elif after is None and before is not None:
            changes.append(Change("dialogue-removed", core, None, None, old=dialogue_value(before),
                                  key=date, removed=before.prioritized))
        elif before is not None and after is not None:
            if before.cycle != after.cycle:
                changes.append(Change("dialogue-changed", core, None, "cycle", before.cycle,
                                      after.cycle, key=date))
            for name in ("prioritized", "participants"):
                was, now = getattr(before, name), getattr(after, name)
                added, removed = _list_change(was, now)
                if added or removed:
                    changes.append(Change("dialogue-changed", core, None, name, list(was),
                                          list(now), key=date, added=added, removed=removed))
            if before.note != after.note:
                changes.append(Change("dialogue-changed", core, None, "note", before.note,
                                      after.note, key=date))
    return changes


def _followed_changes(
    core_id: str, old: PlanSet, new: PlanSet, before: Core, after: Core
) -> dict[tuple[int, int], list[Change]]:
    """The changes of a core's follow-up of each common initiative (``sodertalje:2.2``): its
    status there, the core's own participants and lead unit, activities, updates and carriers,
    and the priorities its dialogues give. They belong to that core alone; what the common
    initiatives share is compared once, as the region's."""
    old_shared = {i.id: i for i in old.region.initiatives}
    old_order = [c.id for c in old.region.cycles]
    new_order = [c.id for c in new.region.cycles]
    by_key: dict[tuple[int, int], list[Change]] = {}
    for shared in new.region.initiatives:
        earlier = old_shared.get(shared.id)
        if earlier is None:
            continue  # a common initiative added: reported once, as the region's
        ref = f"{core_id}:{shared.id}"
        was = before.follow_up(shared.id) or _unfollowed(earlier)
        now = after.follow_up(shared.id) or _unfollowed(shared)
        changes = _follow_up_changes(core_id, ref, was, now)
        old_priority = _merged(earlier.priority, before.priorities_of(shared.id, old_order))
        new_priority = _merged(shared.priority, after.priorities_of(shared.id, new_order))
        added, removed = _list_change(old_priority, new_priority)
        if added or removed:
            changes.append(Change("initiative-changed", core_id, ref, "priority",
                                  list(old_priority), list(new_priority), added=added,
                                  removed=removed))
        changes += work_changes(core_id, ref, was, now)
        if changes:
            by_key[shared.sort_key] = changes
    return by_key


def _unfollowed(shared: Initiative) -> FollowUp:
    """A common initiative that a core file says nothing about: planned there, nothing more (in
    format 1, the status that ``region.yaml`` gave it for every core)."""
    return FollowUp(shared.id, shared.status, shared.status_note, (), None, (), (), (),
                    Position("", 0, 0))


def _merged(first: tuple[str, ...], second: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(dict.fromkeys((*first, *second)))


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
