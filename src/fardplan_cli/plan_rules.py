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

import difflib
from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any

from fardplan_cli.document_rules import document_problems
from fardplan_cli.follow_up_rules import (
    FollowUpRules,
    activity_number,
    invalid_date_message,
    missing_note_message,
)
from fardplan_cli.grammar import goal_area_of, is_core_id
from fardplan_cli.i18n import t
from fardplan_cli.load import (
    ACTORS_FILE,
    PLANS_DIR,
    REGION_FILE,
    core_id_of,
    is_core_file,
)
from fardplan_cli.load_fields import raw_scalar
from fardplan_cli.model import Problem, Severity
from fardplan_cli.query import normalize
from fardplan_cli.rule_nodes import _NOTE_STATUSES, _initiative_id, _items, _strings, _text
from fardplan_cli.yamlfile import (
    Document,
    PathKey,
    format_path,
)

__all__ = [
    "PlanRules", "activity_number", "at", "invalid_date_message", "is_number",
    "lenient_actor_pairs", "unknown_actor_message",
]


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
    """Unknown actor, with the nearest ids; an actor's name where its id belongs names the id."""
    pairs = list(pairs)
    wanted = normalize(typed)
    named = next((ident for ident, name in pairs if normalize(name) == wanted), None)
    if named is not None and named != typed:
        return t("{name!r} is the name of actor {id}; write its id: {id}", name=typed, id=named)
    message = t("unknown actor {name!r}", name=typed)
    near = _nearest(typed, pairs)
    if near:
        message += "; " + t("did you mean {options}?", options=", ".join(near))
    else:
        message += "; " + t("add it to plans/actors.yaml")
    return message


def _whole(value: Any) -> int | None:
    if is_number(value) and float(value).is_integer():
        return int(value)
    return None


class PlanRules(FollowUpRules):
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
        self.problems += (p for p in document_problems(self.documents)
                          if (p.file, p.path) not in self.reported)
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
            shown = initiative_id or raw_scalar(doc, (*path, "id")) or "?"
            reference = f"{core}:{shown}" if core is not None else shown
            for pindex, participant in participants:
                self.actor_ref(doc, (*path, "participants", pindex), participant)
                if participant == lead:
                    self.add(doc, (*path, "participants", pindex), "lead-also-participant", t(
                        "{actor} leads {ref} and is also listed as a participant; remove it "
                        "from participants: fardplan assign {ref} --remove {actor}",
                        actor=lead, ref=reference), "warning")
            lead_unit = _text(item, "lead_unit")
            if lead_unit is not None:
                self.actor_ref(doc, (*path, "lead_unit"), lead_unit)
                self.lead_unit_rule(doc, (*path, "lead_unit"), lead_unit, lead, shared=None)
            if core is not None:
                self.check_follow_up(doc, path, item, initiative_id, core,
                                     {} if activities is None else activities)
            if "lead" not in item and "participants" not in item:
                self.add(doc, path, "no-responsible", t(
                    "initiative {ref} has no lead and no participants; name who is responsible: "
                    "fardplan assign {ref} --lead ACTOR", ref=reference), "warning")
            status = item.get("status")
            note = item.get("status_note")
            if isinstance(status, str) and status in _NOTE_STATUSES and not (
                isinstance(note, str) and note.strip()
            ):
                self.add(doc, (*path, "status"), "missing-status-note",
                         missing_note_message(reference, status), "warning")

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

    # The follow-up in a core (format 2): dialogues, common:, activities, updates, carriers, dates
    # and lead units are FollowUpRules' (follow_up_rules.py).

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
