"""The plan's own rules, which a schema cannot express -> problems.

Ids unique where they must be, references that resolve (actors with "did you mean", goal areas,
cycles, common initiatives, the ids a dialogue prioritises), ``part_of`` without loops, a
``lead_unit`` that is part of its lead, dates that exist and follow each other as they must, and the
warnings (``overdue`` among them). The rules look only at nodes of the right shape, so a file with a
schema error still gets its other problems reported; a rule that checks references against a
registry runs only when that registry's file could be read. Every rule costs time linear in the
plan's size.
"""

from __future__ import annotations

import calendar
import difflib
import re
from collections.abc import Iterable, Iterator, Mapping
from datetime import date
from typing import Any

from fardplan_cli import clock
from fardplan_cli.grammar import (
    ISO_DATE,
    goal_area_of,
    is_activity_id,
    is_core_id,
    is_initiative_id,
    is_iso_date,
)
from fardplan_cli.i18n import STATUSES, status_label, t
from fardplan_cli.load import (
    ACTORS_FILE,
    PLANS_DIR,
    REGION_FILE,
    core_id_of,
    is_core_file,
    raw_scalar,
)
from fardplan_cli.model import DEFAULT_STATUS, Problem, Severity
from fardplan_cli.query import normalize
from fardplan_cli.yamlfile import (
    Document,
    PathKey,
    format_path,
)

_NOTE_STATUSES = frozenset({"paused", "dropped"})
_CLOSED_STATUSES = frozenset({"done", "dropped"})
"""An activity with one of these statuses is never overdue."""


def at(
    doc: Document, path: PathKey, code: str, message: str,
    severity: Severity = "error", *, key: bool = False,
) -> Problem:
    pos = doc.position(path, key=key)
    return Problem(pos.file, pos.line, pos.column, severity, code, message, format_path(path))


def is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)

def lenient_actor_pairs(doc: Document | None) -> list[tuple[str, str]]:
    """(id, name) of every actor that looks like one: "did you mean" even from a broken registry."""
    data = doc.data if doc is not None else None
    if not isinstance(data, dict) or not isinstance(data.get("actors"), list):
        return []
    return [
        (str(item["id"]), str(item.get("name") or item["id"]))
        for item in data["actors"]
        if isinstance(item, dict) and isinstance(item.get("id"), str)
    ]


def _nearest(typed: str, pairs: Iterable[tuple[str, str]]) -> list[str]:
    """The ids nearest to what was typed, matching ids and names without case or diacritics."""
    keys: dict[str, str] = {}
    for ident, name in pairs:
        keys.setdefault(normalize(ident), ident)
        keys.setdefault(normalize(name), ident)
    wanted = normalize(typed)
    exact = [keys[wanted]] if wanted in keys else []
    near = [keys[k] for k in difflib.get_close_matches(wanted, list(keys), n=5, cutoff=0.6)]
    near += [ident for key, ident in keys.items() if len(wanted) > 2 and wanted in key]
    return list(dict.fromkeys(exact + near))[:3]


def unknown_actor_message(typed: str, pairs: Iterable[tuple[str, str]]) -> str:
    message = t("unknown actor {name!r}", name=typed)
    near = _nearest(typed, pairs)
    if near:
        message += "; " + t("did you mean {options}?", options=", ".join(near))
    else:
        message += "; " + t("add it to plans/actors.yaml")
    return message


# -- semantic rules -------------------------------------------------------------------------------


def _items(data: Any, key: str) -> Iterator[tuple[int, dict[str, Any]]]:
    """(index, mapping) for each mapping in the list ``data[key]``; the schema reports the rest."""
    value = data.get(key) if isinstance(data, dict) else None
    if isinstance(value, list):
        for index, item in enumerate(value):
            if isinstance(item, dict):
                yield index, item


def _strings(data: dict[str, Any], key: str) -> Iterator[tuple[int, str]]:
    value = data.get(key)
    if isinstance(value, list):
        for index, item in enumerate(value):
            if isinstance(item, str):
                yield index, item


def _whole(value: Any) -> int | None:
    if is_number(value) and float(value).is_integer():
        return int(value)
    return None


def _initiative_id(value: Any) -> str | None:
    return value if isinstance(value, str) and is_initiative_id(value) else None


def _text(data: dict[str, Any], key: str) -> str | None:
    value = data.get(key)
    return value if isinstance(value, str) else None


_DATE_SHAPE = re.compile(ISO_DATE)


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


class PlanRules:
    """The plan rules that a schema cannot express.

    They run on every file whose top level is a mapping and look only at nodes of the right shape,
    so a file with a schema error still gets its other problems reported. A rule that checks a
    reference against a registry runs only when that registry's file could be read.
    """

    def __init__(
        self, documents: Mapping[str, Document], files: Mapping[str, bytes],
        reported: set[tuple[str, str]],
    ) -> None:
        self.reported = reported
        self.documents = {p: d for p, d in documents.items() if isinstance(d.data, dict)}
        self.files = files
        self.problems: list[Problem] = []
        region = self.documents.get(REGION_FILE)
        actors = self.documents.get(ACTORS_FILE)
        self.actor_names: dict[str, str] | None = None
        self.part_of: dict[str, str | None] = {}
        if actors is not None:
            self.actor_names = dict(lenient_actor_pairs(actors))
            for _, actor in _items(actors.data, "actors"):
                if isinstance(actor.get("id"), str):
                    self.part_of.setdefault(actor["id"], _text(actor, "part_of"))
        self._within: dict[str, tuple[int, int]] | None = None
        self._today: date | None = None
        self.areas: set[int] | None = None
        self.cycles: set[str] | None = None
        self.common_ids: set[str] | None = None
        self.common_leads: dict[str, str | None] = {}
        if region is not None:
            data = region.data
            numbers = (_whole(area.get("number")) for _, area in _items(data, "goal_areas"))
            self.areas = {n for n in numbers if n is not None}
            self.cycles = {
                c["id"] for _, c in _items(data, "cycles") if isinstance(c.get("id"), str)
            }
            for _, item in _items(data, "initiatives"):
                if (common_id := _initiative_id(item.get("id"))) is not None:
                    self.common_leads.setdefault(common_id, _text(item, "lead"))
            self.common_ids = set(self.common_leads)

    def add(
        self, doc: Document, path: PathKey, code: str, message: str,
        severity: Severity = "error", *, key: bool = False,
    ) -> None:
        if (doc.file, format_path(path)) not in self.reported:
            self.problems.append(at(doc, path, code, message, severity, key=key))

    def run(self) -> list[Problem]:
        region = self.documents.get(REGION_FILE)
        if region is not None:
            self.check_region(region)
        actors = self.documents.get(ACTORS_FILE)
        if actors is not None:
            self.check_actors(actors)
        for path in sorted(self.files):
            if is_core_file(path):
                self.check_core_file_name(path)
                doc = self.documents.get(path)
                if doc is not None:
                    self.check_core(doc)
        return self.problems

    # -- registries -------------------------------------------------------------------------------

    def check_region(self, doc: Document) -> None:
        data = doc.data
        self._duplicates(doc, "goal_areas", "number", "duplicate-area",
                         "goal area {value} is already defined on line {line}")
        self._duplicates(doc, "cycles", "id", "duplicate-cycle",
                         "cycle {value} is already defined on line {line}")
        if isinstance(data.get("owner"), str):
            self.actor_ref(doc, ("owner",), data["owner"])
        self.check_initiatives(doc, core=None)

    def check_actors(self, doc: Document) -> None:
        self._duplicates(doc, "actors", "id", "duplicate-actor",
                         "actor {value} is already defined on line {line}")
        actors = list(_items(doc.data, "actors"))
        parent: dict[str, str | None] = {}
        for _, actor in actors:
            if isinstance(actor.get("id"), str):
                part_of = actor.get("part_of")
                parent.setdefault(actor["id"], part_of if isinstance(part_of, str) else None)
        for index, actor in actors:
            if isinstance(actor.get("part_of"), str):
                self.actor_ref(doc, ("actors", index, "part_of"), actor["part_of"])
        # Each actor is walked once: a walk stops at an actor an earlier walk has seen, so a chain
        # of n actors costs n steps, not n squared.
        walked: dict[str, int] = {}  # actor id -> the number of the walk that reached it
        first_index: dict[str, int] = {}
        for index, actor in actors:
            if isinstance(actor.get("id"), str):
                first_index.setdefault(actor["id"], index)
        for walk, (_, actor) in enumerate(actors):
            start = actor.get("id")
            if not isinstance(start, str) or start in walked:
                continue
            chain: list[str] = []
            current: str | None = start
            while current is not None and current in parent and current not in walked:
                walked[current] = walk
                chain.append(current)
                current = parent[current]
            if current is not None and walked.get(current) == walk:  # this walk came round
                loop = chain[chain.index(current):]
                head = min(range(len(loop)), key=lambda i: first_index[loop[i]])
                loop = loop[head:] + loop[:head]  # told from the loop's first actor in the file
                self.add(doc, ("actors", first_index[loop[0]], "part_of"), "part-of-loop", t(
                    "part_of goes round in a loop: {chain}", chain=" -> ".join([*loop, loop[0]])))

    def _duplicates(self, doc: Document, list_key: str, key: str, code: str, template: str) -> None:
        first: dict[Any, PathKey] = {}
        for index, item in _items(doc.data, list_key):
            value = item.get(key)
            if not isinstance(value, str | int) or isinstance(value, bool):
                continue
            path: PathKey = (list_key, index, key)
            if value in first:
                line = doc.position(first[value]).line
                self.add(doc, path, code, t(template, value=value, line=line))
            else:
                first[value] = path

    # -- cores ------------------------------------------------------------------------------------

    def check_core_file_name(self, path: str) -> None:
        stem = core_id_of(path)
        if "/" in path.removeprefix(f"{PLANS_DIR}/") or not is_core_id(stem):
            self.problems.append(Problem(path, 1, 1, "error", "bad-file-name", t(
                "{name!r} is not a core file name: a core file is plans/<core-id>.yaml with 2–41 "
                "lower-case letters, digits and hyphens", name=path)))

    def check_core(self, doc: Document) -> None:
        data = doc.data
        stem = core_id_of(doc.file)
        core_id = data.get("id")
        # A file name that is no core id is reported alone: "set id: Haninge_2" would not help.
        if isinstance(core_id, str) and core_id != stem and is_core_id(stem):
            self.add(doc, ("id",), "core-id-mismatch", t(
                "the core's id {id!r} differs from its file name {file!r}; rename the file to "
                "plans/{id}.yaml or set id: {stem}", id=core_id, file=doc.file, stem=stem))
        for index, municipality in _strings(data, "municipalities"):
            self.actor_ref(doc, ("municipalities", index), municipality)
        first: dict[int, PathKey] = {}
        for index, direction in _items(data, "directions"):
            area = _whole(direction.get("area"))
            if area is None:
                continue
            path: PathKey = ("directions", index, "area")
            if area in first:
                self.add(doc, path, "duplicate-direction", t(
                    "goal area {area} already has a direction on line {line}; at most one per area",
                    area=area, line=doc.position(first[area]).line))
            else:
                first[area] = path
            self.area_ref(doc, path, area)
        own_ids = {
            i for _, item in _items(data, "initiatives")
            if (i := _initiative_id(item.get("id"))) is not None
        }
        self.check_dialogues(doc, stem, own_ids)
        activities: dict[str, PathKey] = {}  # activity id -> where it is first defined in the core
        self.check_common(doc, stem, activities)
        self.check_initiatives(doc, core=stem, activities=activities)

    def check_initiatives(
        self, doc: Document, core: str | None, activities: dict[str, PathKey] | None = None,
    ) -> None:
        """``activities`` holds where each activity id of the core was first seen."""
        first: dict[str, PathKey] = {}
        for index, item in _items(doc.data, "initiatives"):
            path: PathKey = ("initiatives", index)
            initiative_id = _initiative_id(item.get("id"))
            if initiative_id is not None:
                self.check_initiative_id(doc, path, initiative_id, core, first)
            lead = item.get("lead") if isinstance(item.get("lead"), str) else None
            participants = list(_strings(item, "participants"))
            if lead is not None:
                self.actor_ref(doc, (*path, "lead"), lead)
            for pindex, participant in participants:
                self.actor_ref(doc, (*path, "participants", pindex), participant)
                if participant == lead:
                    self.add(doc, (*path, "participants", pindex), "lead-also-participant", t(
                        "{actor} leads the initiative and is also listed as a participant; "
                        "remove it from participants", actor=lead), "warning")
            shown = initiative_id or raw_scalar(doc, (*path, "id")) or "?"
            lead_unit = _text(item, "lead_unit")
            if lead_unit is not None:
                self.actor_ref(doc, (*path, "lead_unit"), lead_unit)
                self.lead_unit_rule(doc, (*path, "lead_unit"), lead_unit, lead, shared=None)
            if core is not None:
                self.check_follow_up(doc, path, item, initiative_id, core,
                                     {} if activities is None else activities)
            if "lead" not in item and "participants" not in item:
                self.add(doc, path, "no-responsible", t(
                    "initiative {id} has no lead and no participants; name who is responsible",
                    id=shown), "warning")
            status = item.get("status")
            note = item.get("status_note")
            if isinstance(status, str) and status in _NOTE_STATUSES and not (
                isinstance(note, str) and note.strip()
            ):
                self.add(doc, (*path, "status"), "missing-status-note", t(
                    "initiative {id} is {status} without a status_note saying why",
                    id=shown, status=status), "warning")

    def check_initiative_id(
        self, doc: Document, path: PathKey, initiative_id: str, core: str | None,
        first: dict[str, PathKey],
    ) -> None:
        """``first`` holds where each id was first seen; its line is looked up for a duplicate."""
        id_path: PathKey = (*path, "id")
        if initiative_id in first:
            self.add(doc, id_path, "duplicate-id", t(
                "initiative {id} is already defined on line {line}",
                id=initiative_id, line=doc.position(first[initiative_id]).line))
        else:
            first[initiative_id] = id_path
            if core is not None and initiative_id in (self.common_ids or set()):
                self.add(doc, id_path, "common-id-reused", t(
                    "{id} is a common initiative's id (plans/region.yaml); a core-specific "
                    "initiative needs an id of its own", id=initiative_id))
        self.area_ref(doc, id_path, goal_area_of(initiative_id), initiative_id)

    # -- the follow-up in a core (format 2) ------------------------------------------------------

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
                self.add(doc, (*path, "status"), "missing-status-note", t(
                    "initiative {id} is {status} without a status_note saying why",
                    id=f"{core}:{key}", status=status), "warning")
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

    # -- references -------------------------------------------------------------------------------

    def cycle_ref(self, doc: Document, path: PathKey, cycle: str) -> None:
        if self.cycles is not None and cycle not in self.cycles:
            near = difflib.get_close_matches(cycle, sorted(self.cycles), n=2, cutoff=0.5)
            self.add(doc, path, "unknown-cycle", t(
                "unknown cycle {name!r}; the cycles are {options}", name=cycle,
                options=", ".join(near or sorted(self.cycles)) or "-"))

    def actor_ref(self, doc: Document, path: PathKey, actor_id: str) -> None:
        if self.actor_names is not None and actor_id not in self.actor_names:
            pairs = list(self.actor_names.items())
            self.add(doc, path, "unknown-actor", unknown_actor_message(actor_id, pairs))

    def area_ref(
        self, doc: Document, path: PathKey, area: int, initiative_id: str | None = None
    ) -> None:
        if self.areas is None or area in self.areas:
            return
        defined = ", ".join(str(a) for a in sorted(self.areas)) or "-"
        if initiative_id is not None:
            message = t("initiative {id} belongs to goal area {area}, which plans/region.yaml does "
                        "not define (defined: {defined})",
                        id=initiative_id, area=area, defined=defined)
        else:
            message = t("goal area {area} is not defined in plans/region.yaml (defined: {defined})",
                        area=area, defined=defined)
        self.add(doc, path, "unknown-area", message)
