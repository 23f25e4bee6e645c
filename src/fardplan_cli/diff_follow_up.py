"""The comparison of the follow-up in a core (format 2): political dialogues, an initiative's
activities, updates and carriers, and a core's follow-up of each common initiative. diff.py calls
it for each core and each initiative."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from fardplan_cli.diff_change import Change, list_change, word_diff
from fardplan_cli.model import (
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


def follow_up_changes(
    core: str | None, ref: str, old: Initiative | FollowUp, new: Initiative | FollowUp
) -> list[Change]:
    """The changes of what a core's follow-up of a common initiative holds as well: the lead
    unit, the participants, the status and its note."""
    changes: list[Change] = []
    if old.lead_unit != new.lead_unit:
        changes.append(Change("initiative-changed", core, ref, "lead_unit", old.lead_unit,
                              new.lead_unit))
    added, removed = list_change(old.participants, new.participants)
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
            added, removed = list_change(before, after)
            if not (added or removed):
                continue  # a change of order alone
            changes.append(Change("activity-changed", core, ref, name, list(before), list(after),
                                  key=new.id, added=added, removed=removed))
        else:
            changes.append(Change("activity-changed", core, ref, name, before, after, key=new.id))
    return changes


def dialogue_changes(
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
                added, removed = list_change(was, now)
                if added or removed:
                    changes.append(Change("dialogue-changed", core, None, name, list(was),
                                          list(now), key=date, added=added, removed=removed))
            if before.note != after.note:
                changes.append(Change("dialogue-changed", core, None, "note", before.note,
                                      after.note, key=date))
    return changes


def followed_changes(
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
        changes = follow_up_changes(core_id, ref, was, now)
        old_priority = _merged(earlier.priority, before.priorities_of(shared.id, old_order))
        new_priority = _merged(shared.priority, after.priorities_of(shared.id, new_order))
        added, removed = list_change(old_priority, new_priority)
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
