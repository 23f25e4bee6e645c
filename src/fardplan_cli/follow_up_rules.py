"""The plan's rules for the follow-up in a core (format 2) -> problems.

Dialogues (one per date, what they prioritise), a core's follow-up of common initiatives
(``common:``), and each initiative's activities (ids, dates, ``overdue``), updates and carriers;
dates that exist; a ``lead_unit`` that is part of its lead. ``PlanRules`` (plan_rules.py) runs
them: it is a ``FollowUpRules``, and gives them the registries and the references they check.
"""

from __future__ import annotations

import calendar
import difflib
import re
from abc import ABC, abstractmethod
from collections.abc import Iterable
from datetime import date
from typing import Any

from fardplan_cli import clock
from fardplan_cli.grammar import ISO_DATE, is_activity_id, is_initiative_id, is_iso_date
from fardplan_cli.i18n import STATUSES, status_label, t
from fardplan_cli.model import DEFAULT_STATUS, Severity
from fardplan_cli.rule_nodes import _NOTE_STATUSES, _initiative_id, _items, _strings, _text
from fardplan_cli.yamlfile import Document, PathKey

_CLOSED_STATUSES = frozenset({"done", "dropped"})
"""An activity with one of these statuses is never overdue."""

_DATE_SHAPE = re.compile(ISO_DATE)


def missing_note_message(reference: str, status: str) -> str:
    """The warning for a paused or dropped initiative without a reason, with the command that
    records one."""
    return t("initiative {ref} is {status} without a status_note saying why; record the reason: "
             "fardplan set-status {ref} {status} --note \"...\"", ref=reference, status=status)


def invalid_date_message(value: str) -> str:
    """Why ``value`` is no date: a day its month lacks (``2027-02-31``) says how many days it has."""
    message = t("{value!r} is not a date that exists; write a real date as YYYY-MM-DD", value=value)
    if _DATE_SHAPE.fullmatch(value):
        year, month, _ = (int(part) for part in value.split("-"))
        if 1 <= month <= 12 and year >= 1:
            days = calendar.monthrange(year, month)[1]
            message += " " + t("({month} has {days} days)", month=value[:7], days=days)
    return message


def activity_number(activity_id: str, initiative_id: str) -> int | None:
    """``1.3.2`` of initiative ``1.3`` -> 2; None for an id not of the form ``<initiative id>.<n>``
    (``1.4.2``, ``1.3.02``, ``1.3``)."""
    head, _, number = activity_id.rpartition(".")
    if not is_activity_id(activity_id) or head != initiative_id:
        return None
    return int(number)


def nearest_ids(typed: str, ids: Iterable[str]) -> list[str]:
    """The initiative ids nearest to ``typed``: close spellings, then those of its goal area."""
    pool = set(ids)
    near = set(difflib.get_close_matches(typed, pool, n=3, cutoff=0.6))
    area = typed.split(".", 1)[0]
    near |= {i for i in pool if i.split(".", 1)[0] == area}
    return sorted(near, key=_id_order)[:3]


def _id_order(initiative_id: str) -> tuple[int, ...]:
    """Initiative ids in their order: 1.2 before 1.10."""
    if is_initiative_id(initiative_id):
        return tuple(int(part) for part in initiative_id.split("."))
    return (10**9,)


class FollowUpRules(ABC):
    """The rules of the follow-up in a core; ``PlanRules`` holds the registries they read and
    reports what they find."""

    common_ids: set[str] | None
    common_leads: dict[str, str | None]
    part_of: dict[str, str | None]
    _within: dict[str, tuple[int, int]] | None
    _today: date | None

    @abstractmethod
    def add(
        self, doc: Document, path: PathKey, code: str, message: str,
        severity: Severity = "error", *, key: bool = False,
    ) -> None: ...

    @abstractmethod
    def cycle_ref(self, doc: Document, path: PathKey, cycle: str) -> None: ...

    @abstractmethod
    def actor_ref(self, doc: Document, path: PathKey, actor_id: str) -> None: ...

    @property
    def today(self) -> date:
        """The day "overdue" and "in the future" are measured from, asked once per run."""
        if self._today is None:
            self._today = clock.today()
        return self._today

    def check_dialogues(self, doc: Document, core: str, own_ids: set[str]) -> None:
        first: dict[str, PathKey] = {}
        for index, dialogue in _items(doc.data, "dialogues"):
            path: PathKey = ("dialogues", index)
            when = _text(dialogue, "date")
            if when is not None and self.date_ref(doc, (*path, "date"), when):
                if when in first:
                    self.add(doc, (*path, "date"), "duplicate-dialogue", t(
                        "core {core} already has a dialogue on {date} (line {line}); record one "
                        "dialogue per date, with everything it prioritised",
                        core=core, date=when, line=doc.position(first[when]).line))
                else:
                    first[when] = (*path, "date")
            cycle = _text(dialogue, "cycle")
            if cycle is not None:
                self.cycle_ref(doc, (*path, "cycle"), cycle)
            for pindex, participant in _strings(dialogue, "participants"):
                self.actor_ref(doc, (*path, "participants", pindex), participant)
            if self.common_ids is None:
                continue  # without the region's common initiatives, no id can be called unknown
            for pindex, prioritized in _strings(dialogue, "prioritized"):
                if prioritized not in own_ids and prioritized not in self.common_ids:
                    message = t(
                        "the dialogue prioritises {id}, which core {core} does not have (neither "
                        "a common nor a core-specific initiative)", id=prioritized, core=core)
                    near = nearest_ids(prioritized, [*self.common_ids, *own_ids])
                    if near:
                        message += "; " + t("did you mean {options}?", options=", ".join(near))
                    self.add(doc, (*path, "prioritized", pindex), "unknown-prioritized", message)

    def check_common(self, doc: Document, core: str, activities: dict[str, PathKey]) -> None:
        """The core's follow-up of common initiatives: ``common:``, keyed by initiative id."""
        common = doc.data.get("common")
        if not isinstance(common, dict):
            return
        for key, follow in common.items():
            if not isinstance(key, str):
                continue
            path: PathKey = ("common", key)
            known = self.common_ids is None or key in self.common_ids
            if self.common_ids is not None and not known:
                message = t("{id!r} under common: is no common initiative of plans/region.yaml",
                            id=key)
                near = nearest_ids(key, self.common_ids)
                message += "; " + (
                    t("did you mean {options}?", options=", ".join(near)) if near
                    else t("a core's own initiatives go under initiatives:"))
                self.add(doc, path, "unknown-common", message, key=True)
            if not isinstance(follow, dict):
                continue
            for pindex, participant in _strings(follow, "participants"):
                self.actor_ref(doc, (*path, "participants", pindex), participant)
            lead_unit = _text(follow, "lead_unit")
            if lead_unit is not None:
                self.actor_ref(doc, (*path, "lead_unit"), lead_unit)
                if key in self.common_leads:
                    self.lead_unit_rule(doc, (*path, "lead_unit"), lead_unit,
                                        self.common_leads[key], shared=key)
            status = follow.get("status")
            note = follow.get("status_note")
            if isinstance(status, str) and status in _NOTE_STATUSES and not (
                isinstance(note, str) and note.strip()
            ):
                self.add(doc, (*path, "status"), "missing-status-note",
                         missing_note_message(f"{core}:{key}", status), "warning")
            # Under an unknown key, the activities' ids are not told that they lack its prefix:
            # the one mistake is the key.
            self.check_follow_up(doc, path, follow, _initiative_id(key) if known else None, core,
                                 activities)

    def check_follow_up(
        self, doc: Document, path: PathKey, data: dict[str, Any], initiative_id: str | None,
        core: str, activities: dict[str, PathKey],
    ) -> None:
        """An initiative's activities, updates and carriers in a core (its own or a follow-up)."""
        items = list(_items(data, "activities"))
        free = 1  # the first number no activity of the initiative has: the example of a good id
        if initiative_id is not None:
            numbers = (activity_number(a["id"], initiative_id) for _, a in items
                       if isinstance(a.get("id"), str))
            free = max((n for n in numbers if n is not None), default=0) + 1
        for index, activity in items:
            self.check_activity(doc, (*path, "activities", index), activity, core, activities,
                                initiative_id, f"{initiative_id}.{free}")
        for index, update in _items(data, "updates"):
            update_path: PathKey = (*path, "updates", index)
            when = _text(update, "date")
            if when is not None and self.date_ref(doc, (*update_path, "date"), when) and (
                date.fromisoformat(when) > self.today
            ):
                self.add(doc, (*update_path, "date"), "update-in-future", t(
                    "the update is dated {date}, after today ({today}); an update reports what "
                    "has happened: correct the date", date=when, today=self.today.isoformat()))
            by = _text(update, "by")
            if by is not None:
                self.actor_ref(doc, (*update_path, "by"), by)
        for index, carrier in _items(data, "carried_by"):
            carrier_path: PathKey = (*path, "carried_by", index)
            actor = _text(carrier, "actor")
            if actor is not None:
                self.actor_ref(doc, (*carrier_path, "actor"), actor)
            decided = _text(carrier, "decided")
            if decided is not None:
                self.date_ref(doc, (*carrier_path, "decided"), decided)

    def check_activity(
        self, doc: Document, path: PathKey, activity: dict[str, Any], core: str,
        activities: dict[str, PathKey], initiative_id: str | None, example: str,
    ) -> None:
        """``example`` is a free id of the initiative, named when the activity's id is no id."""
        activity_id = _text(activity, "id")
        ref = f"{core}:{activity_id or '?'}"
        if activity_id is not None:
            if initiative_id is not None and activity_number(activity_id, initiative_id) is None:
                self.add(doc, (*path, "id"), "activity-id", t(
                    "activity id {id!r} is not of the form {initiative}.<n> (its initiative's id, "
                    "a dot and a number); e.g. {example}",
                    id=activity_id, initiative=initiative_id, example=example))
            elif activity_id in activities:
                self.add(doc, (*path, "id"), "activity-id", t(
                    "activity {id} is already defined on line {line}; give it a number of its own "
                    "(an activity's id is never reused)",
                    id=activity_id, line=doc.position(activities[activity_id]).line))
            else:
                activities[activity_id] = (*path, "id")
        owner = _text(activity, "owner")
        if owner is not None:
            self.actor_ref(doc, (*path, "owner"), owner)
        for pindex, participant in _strings(activity, "participants"):
            self.actor_ref(doc, (*path, "participants", pindex), participant)
        dates = {
            name: value for name in ("start", "due", "done_on")
            if (value := _text(activity, name)) is not None
            and self.date_ref(doc, (*path, name), value)
        }
        status = activity.get("status", DEFAULT_STATUS)
        if status not in STATUSES:
            return  # the schema names the statuses; nothing here can be said of an unknown one
        done_on = _text(activity, "done_on")
        if done_on is not None and status != "done":
            self.add(doc, (*path, "done_on"), "done-on-not-done", t(
                "activity {ref} has done_on {date} but its status is {status}; set status: done, "
                "or remove done_on", ref=ref, date=done_on, status=status))
        elif "done_on" in dates and "start" in dates and dates["done_on"] < dates["start"]:
            self.add(doc, (*path, "done_on"), "done-before-start", t(
                "activity {ref} was done on {done_on}, before it started on {start}; correct "
                "done_on or start", ref=ref, done_on=dates["done_on"], start=dates["start"]))
        due = dates.get("due")
        if due is not None and status not in _CLOSED_STATUSES and (
            date.fromisoformat(due) < self.today
        ):
            self.add(doc, (*path, "due"), "overdue", t(
                "activity {ref} was due on {due} and is still {status}; once it is done, run: "
                "fardplan activity set-status {ref} done (or give it a later due date)",
                ref=ref, due=due, status=status_label(status).lower()), "warning")

    def lead_unit_rule(
        self, doc: Document, path: PathKey, unit: str, lead: str | None, *, shared: str | None,
    ) -> None:
        """``lead_unit`` must reach ``lead`` through ``part_of``. ``shared`` is the common
        initiative's id for a core's lead_unit, which must be a unit of the shared lead."""
        if lead is None:
            if shared is None:
                message = t("lead_unit {unit} without a lead: name the lead it is a unit of "
                            "(lead: ...), or remove lead_unit", unit=unit)
            else:
                message = t("lead_unit {unit} must be a unit of the lead of common initiative "
                            "{id}, which has no lead in plans/region.yaml; give it one there, or "
                            "remove lead_unit", unit=unit, id=shared)
            self.add(doc, path, "lead-unit-not-of-lead", message)
            return
        if self.reaches(unit, lead) is False:
            self.add(doc, path, "lead-unit-not-of-lead", t(
                "lead_unit {unit} is not part of the lead {lead} (part_of: {chain}); choose a unit "
                "of {lead}, or correct part_of in plans/actors.yaml",
                unit=unit, lead=lead, chain=" -> ".join(self.part_of_chain(unit))))

    def reaches(self, unit: str, lead: str) -> bool | None:
        """Whether ``unit``'s part_of chain reaches ``lead`` (or is it); None when that cannot be
        told (an unknown actor, a chain in a loop: both reported by their own rules)."""
        if self._within is None:
            self._within = self._part_of_spans()
        inner, outer = self._within.get(unit), self._within.get(lead)
        if inner is None or outer is None:
            return None
        return outer[0] <= inner[0] <= outer[1]

    def _part_of_spans(self) -> dict[str, tuple[int, int]]:
        """Each actor's span in a walk of the part_of tree: the first is its number in the walk, the
        second the last number among its parts. ``a`` reaches ``b`` when a's number lies in b's
        span, so every lead_unit is checked in constant time after one linear walk. Actors in a
        part_of loop are left out."""
        children: dict[str, list[str]] = {}
        roots: list[str] = []
        for actor, parent in self.part_of.items():
            if parent is not None and parent != actor and parent in self.part_of:
                children.setdefault(parent, []).append(actor)
            else:
                roots.append(actor)
        spans: dict[str, tuple[int, int]] = {}
        entered: dict[str, int] = {}
        counter = 0
        for root in roots:
            entered[root] = counter
            counter += 1
            stack = [(root, iter(children.get(root, ())))]
            while stack:
                node, parts = stack[-1]
                part = next(parts, None)
                if part is None:
                    stack.pop()
                    spans[node] = (entered[node], counter - 1)
                else:
                    entered[part] = counter
                    counter += 1
                    stack.append((part, iter(children.get(part, ()))))
        return spans

    def part_of_chain(self, actor: str) -> list[str]:
        """``actor`` and what it is part of, upwards, each once."""
        chain = [actor]
        seen = {actor}
        current = self.part_of.get(actor)
        while current is not None and current not in seen:
            chain.append(current)
            seen.add(current)
            current = self.part_of.get(current)
        return chain

    def date_ref(self, doc: Document, path: PathKey, value: str) -> bool:
        """Whether ``value`` is a real ISO date; reports ``invalid-date`` when it is not."""
        if is_iso_date(value):
            return True
        self.add(doc, path, "invalid-date", invalid_date_message(value))
        return False
