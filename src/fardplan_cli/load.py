"""Parsed plan documents -> the immutable model, keeping every node's position.

The builder is lenient in one way only: where a node has the wrong shape it records a problem
and skips that node, so that one broken initiative does not hide the rest of the plan. Full checking
against the JSON Schemas and the plan's own rules is ``validate``'s job; this module checks only
what it must to build a sound model, and never imports jsonschema.
"""

from __future__ import annotations

import weakref
from collections.abc import Mapping
from dataclasses import replace
from typing import Any

from fardplan_cli.errors import PlanProblemsError
from fardplan_cli.grammar import RESERVED_STEMS, is_core_id, is_initiative_id
from fardplan_cli.i18n import t
from fardplan_cli.load_document import DocumentBuilder
from fardplan_cli.load_follow_up import FollowUpBuilder
from fardplan_cli.model import (
    Actor,
    CharacterSection,
    Core,
    Cycle,
    Direction,
    GoalArea,
    Indicator,
    IndicatorValue,
    Initiative,
    PlanSet,
    Position,
    Problem,
    Region,
)
from fardplan_cli.rule_nodes import bad_id_message
from fardplan_cli.yamlfile import (
    Document,
    PathKey,
    YamlProblemError,
    parse_document,
    unread_problems,
)

PLANS_DIR = "plans"
REGION_FILE = f"{PLANS_DIR}/region.yaml"
ACTORS_FILE = f"{PLANS_DIR}/actors.yaml"

FORMAT_1_MESSAGE = "the plans are in format 1; run 'fardplan migrate' to move them to format 2"


def core_id_of(path: str) -> str:
    """``plans/sodertalje.yaml`` -> ``sodertalje``."""
    return path.rsplit("/", 1)[-1].removesuffix(".yaml")


def is_core_file(path: str) -> bool:
    return path.startswith(f"{PLANS_DIR}/") and path.endswith(".yaml") and (
        core_id_of(path) not in RESERVED_STEMS
    )


def narrow_plan_paths(core_id: str | None) -> tuple[str, ...] | None:
    """The files that one core's plan needs: the region, the actors and the core's own file; for
    None, the common plan's (the region and the actors). None when ``core_id`` is no core id."""
    if core_id is None:
        return (REGION_FILE, ACTORS_FILE)
    if not is_core_id(core_id):
        return None
    return (REGION_FILE, ACTORS_FILE, f"{PLANS_DIR}/{core_id}.yaml")


def parse_documents(
    files: Mapping[str, bytes], *, lazy_positions: bool = False
) -> tuple[dict[str, Document], list[Problem]]:
    """Parse every plan file; a file that cannot be parsed (or was not read, see ``PlanFiles``)
    gives one problem and no document."""
    documents: dict[str, Document] = {}
    problems: list[Problem] = list(unread_problems(files).values())
    for path in sorted(files):
        try:
            documents[path] = parse_document(path, files[path], lazy_positions=lazy_positions)
        except YamlProblemError as exc:
            problems.append(exc.problem)
    return documents, problems


def format_1_problem(documents: Mapping[str, Document]) -> Problem | None:
    """The one problem of a plan set in format 1 (any file says ``schema_version: 1``), at that
    file's ``schema_version`` (the region's when it is one of them); None for any other set.
    Only ``fardplan migrate`` reads format 1: everything else stops at this one problem."""
    for path in sorted(documents, key=lambda p: (p != REGION_FILE, p)):
        doc = documents[path]
        if isinstance(doc.data, dict) and doc.data.get("schema_version") == 1 and (
                is_plan_file(path)):
            pos = doc.position(("schema_version",))
            return Problem(pos.file, pos.line, pos.column, "error", "format-1", t(FORMAT_1_MESSAGE),
                           "schema_version")
    return None


def is_plan_file(path: str) -> bool:
    """The region's file, the actors' or a core's."""
    return path in (REGION_FILE, ACTORS_FILE) or is_core_file(path)


def load_plan_set(files: Mapping[str, bytes], *, positions: bool = True) -> PlanSet:
    """Parse and build the plan set; raise ``PlanProblemsError`` listing every problem found
    (only the ``format-1`` problem for plans in format 1).

    Without ``positions`` the model's positions are all line 1 (problems keep theirs, worked out
    only for a file that has one): for the commands that only read the plans, which skip the
    cost of working positions out."""
    documents, problems = parse_documents(files, lazy_positions=not positions)
    old_format = format_1_problem(documents)
    if old_format is not None:
        raise PlanProblemsError([old_format])
    plan_set, build_problems = build_plan_set(documents, files, positions=positions)
    problems.extend(build_problems)
    if problems:
        raise PlanProblemsError(problems)
    return plan_set


def build_plan_set(
    documents: Mapping[str, Document], files: Mapping[str, bytes] | None = None,
    *, positions: bool = True,
) -> tuple[PlanSet, list[Problem]]:
    """Build the best plan set the documents allow, with a problem for each node skipped.

    It builds format 1 too (a revision from before ``fardplan migrate``, for history): common
    initiatives' ``status`` and ``priority`` in the region's file and core-specific initiatives'
    ``priority`` are read where a file still has them.

    Without ``positions`` every position in the model is line 1, column 1 of its file (problems
    keep theirs): for ``validate``, which wants the problems only and looks a position up only for
    a problem."""
    builder = _ModelBuilder(positions)
    listed = (set(files) | set(unread_problems(files))) if files is not None else set(documents)
    region = builder.region(documents.get(REGION_FILE), REGION_FILE in listed)
    builder.cycle_order = tuple(cycle.id for cycle in region.cycles)
    actors = builder.actors(documents.get(ACTORS_FILE), ACTORS_FILE in listed)
    cores = tuple(
        core
        for path in sorted(p for p in documents if is_core_file(p))
        if (core := _core_of(builder, documents[path])) is not None
    )
    return PlanSet(region=region, actors=actors, cores=cores), builder.problems


_sound_cores: dict[int, tuple[weakref.ref[Document], tuple[bool, tuple[str, ...]], Core]] = {}
"""The core each parsed document built without a problem, by the document's identity, with what
else the core depends on (positions or not, the region's cycles): a document does not change once
parsed, so an edit that checks the edited plan set reuses the cores of the files it did not
change. An entry goes when its document does."""


def _core_of(builder: _ModelBuilder, doc: Document) -> Core | None:
    """``builder.core(doc)``, or the core the same document built before for the same region."""
    depends_on = (builder.positions, builder.cycle_order)
    found = _sound_cores.get(id(doc))
    if found is not None and found[0]() is doc and found[1] == depends_on:
        return found[2]
    before = len(builder.problems)
    core = builder.core(doc)
    if core is not None and len(builder.problems) == before:
        if found is None:
            weakref.finalize(doc, _sound_cores.pop, id(doc), None)
        _sound_cores[id(doc)] = (weakref.ref(doc), depends_on, core)
    return core


def build_initiative(doc: Document, core: str | None, index: int, item: Any, *,
                     positions: bool = False) -> Initiative | None:
    """The initiative ``item`` at ``initiatives[index]`` of a parsed plan file, exactly as
    ``build_plan_set`` builds it (``core`` None for a common initiative in the region's file);
    None when that entry is no sound initiative (``validate`` says why). For reading one
    initiative of many, as a file's history does, without building the rest of its file."""
    initiative = _ModelBuilder(positions).initiative(doc, item, index, core)
    if initiative is None or core is None or not isinstance(doc.data, dict):
        return initiative
    # Its priorities, as the whole file's build gives them: its core's dialogues' cycles (here
    # in the order of their ids, which is the region's where the cycles are listed oldest first).
    dialogues = doc.data.get("dialogues")
    cycles: list[str] = sorted({d["cycle"] for d in (dialogues if isinstance(dialogues, list) else ())
                     if isinstance(d, dict) and isinstance(d.get("cycle"), str)
                     and isinstance(d.get("prioritized"), list)
                     and initiative.id in d["prioritized"]})
    return replace(initiative, priority=_merged(initiative.priority, tuple(cycles))) if cycles \
        else initiative


class _ModelBuilder(FollowUpBuilder, DocumentBuilder):
    def __init__(self, positions: bool = True) -> None:
        super().__init__(positions)
        self.cycle_order: tuple[str, ...] = ()
        """The region's cycles in order: a core-specific initiative's priorities follow it."""

    # -- the files ----------------------------------------------------------------------------

    def region(self, doc: Document | None, listed: bool) -> Region:
        empty = Region(name="", owner=None, goal_areas=(), cycles=(), initiatives=(), file=REGION_FILE)
        if doc is None:
            if not listed:
                self.problems.append(Problem(REGION_FILE, 1, 1, "error", "missing-file",
                                             t("{file} is missing", file=REGION_FILE)))
            return empty
        data = self._mapping(doc, doc.data, (), "the region's plan")
        if data is None:
            return empty
        goal_areas = []
        for index, item in enumerate(self._list(doc, data, (), "goal_areas")):
            path: PathKey = ("goal_areas", index)
            area = self._mapping(doc, item, path, "a goal area")
            if area is None:
                continue
            number = self._int(doc, area, path, "number")
            title = self._str(doc, area, path, "title", required=True)
            if number is not None and title is not None:
                summary = self._str(doc, area, path, "summary", required=False) or ""
                heading = self._str(doc, area, path, "heading", required=False)
                goal_areas.append(GoalArea(number, title, summary, self._pos(doc, path), heading))
        cycles = []
        for index, item in enumerate(self._list(doc, data, (), "cycles")):
            path = ("cycles", index)
            cycle = self._mapping(doc, item, path, "a cycle")
            if cycle is None:
                continue
            cycle_id = self._str(doc, cycle, path, "id", required=True)
            if cycle_id is not None:
                name = self._str(doc, cycle, path, "name", required=False)
                cycles.append(Cycle(cycle_id, name, self._pos(doc, path)))
        return Region(
            name=self._str(doc, data, (), "name", required=True) or "",
            owner=self._str(doc, data, (), "owner", required=False),
            goal_areas=tuple(goal_areas),
            cycles=tuple(cycles),
            initiatives=self._initiatives(doc, data, None),
            file=doc.file,
            language=self._str(doc, data, (), "language", required=False) or "sv",
            document=self._document(doc, data),
        )

    def actors(self, doc: Document | None, listed: bool) -> tuple[Actor, ...]:
        if doc is None:
            if not listed:
                self.problems.append(Problem(ACTORS_FILE, 1, 1, "error", "missing-file",
                                             t("{file} is missing", file=ACTORS_FILE)))
            return ()
        data = self._mapping(doc, doc.data, (), "the actor registry")
        if data is None:
            return ()
        actors = []
        for index, item in enumerate(self._list(doc, data, (), "actors")):
            path: PathKey = ("actors", index)
            actor = self._mapping(doc, item, path, "an actor")
            if actor is None:
                continue
            actor_id = self._str(doc, actor, path, "id", required=True)
            name = self._str(doc, actor, path, "name", required=True)
            if actor_id is None or name is None:
                continue
            actors.append(Actor(
                id=actor_id,
                name=name,
                kind=self._str(doc, actor, path, "kind", required=False) or "other",
                part_of=self._str(doc, actor, path, "part_of", required=False),
                note=self._str(doc, actor, path, "note", required=False),
                pos=self._pos(doc, path),
            ))
        return tuple(actors)

    def core(self, doc: Document) -> Core | None:
        data = self._mapping(doc, doc.data, (), "a core's plan")
        if data is None:
            return None
        core_id = self._str(doc, data, (), "id", required=True)
        name = self._str(doc, data, (), "name", required=True)
        if core_id is None or name is None:
            return None
        if not is_core_id(core_id):
            # Its file would be plans/<id>.yaml: an id such as a decomposed "södertälje" names none.
            self._problem(doc, ("id",), "bad-format", t(
                "{value!r} is not {what}", value=core_id, what=t(
                    "a core id (2–41 lower-case letters, digits and hyphens, e.g. sodertalje)")))
            return None
        character = []
        for index, item in enumerate(self._list(doc, data, (), "character")):
            path: PathKey = ("character", index)
            section = self._mapping(doc, item, path, "a character section")
            if section is None:
                continue
            heading = self._str(doc, section, path, "heading", required=True)
            text = self._str(doc, section, path, "text", required=True)
            if heading is not None and text is not None:
                character.append(CharacterSection(heading, text, self._pos(doc, path)))
        directions = []
        for index, item in enumerate(self._list(doc, data, (), "directions")):
            path = ("directions", index)
            direction = self._mapping(doc, item, path, "a direction")
            if direction is None:
                continue
            area = self._int(doc, direction, path, "area")
            text = self._str(doc, direction, path, "text", required=True)
            if area is not None and text is not None:
                directions.append(Direction(area, text, self._pos(doc, path)))
        dialogues = self._dialogues(doc, data)
        core = Core(
            id=core_id,
            name=name,
            municipalities=self._str_list(doc, data, (), "municipalities"),
            character=tuple(character),
            directions=tuple(directions),
            initiatives=self._initiatives(doc, data, core_id),
            indicators=self._indicators(doc, data),
            file=doc.file,
            pos=self._pos(doc, ()),
            dialogues=dialogues,
            common=self._follow_ups(doc, data),
            sections=self._section_replacements(doc, data),
        )
        if not dialogues:
            return core
        # A core-specific initiative's priorities are the cycles its core's dialogues gave it.
        return replace(core, initiatives=tuple(
            replace(i, priority=_merged(i.priority, core.priorities_of(i.id, self.cycle_order)))
            for i in core.initiatives))

    def _initiatives(self, doc: Document, data: dict[str, Any], core: str | None) -> tuple[Initiative, ...]:
        initiatives = []
        for index, item in enumerate(self._list(doc, data, (), "initiatives")):
            initiative = self.initiative(doc, item, index, core)
            if initiative is not None:
                initiatives.append(initiative)
        return tuple(initiatives)

    def initiative(self, doc: Document, item: Any, index: int, core: str | None) -> Initiative | None:
        """The initiative ``initiatives[index]`` of ``doc`` (``item``), or None with a problem."""
        path: PathKey = ("initiatives", index)
        entry = self._mapping(doc, item, path, "an initiative")
        if entry is None:
            return None
        initiative_id = self._str(doc, entry, path, "id", required=True)
        title = self._str(doc, entry, path, "title", required=True)
        if initiative_id is None or title is None:
            return None
        if not is_initiative_id(initiative_id):
            self._problem(doc, (*path, "id"), "bad-id", bad_id_message(initiative_id))
            return None
        return Initiative(
            core=core,
            id=initiative_id,
            title=title,
            description=self._str(doc, entry, path, "description", required=False) or "",
            lead=self._str(doc, entry, path, "lead", required=False),
            participants=self._str_list(doc, entry, path, "participants"),
            status=self._status(doc, entry, path),
            status_note=self._str(doc, entry, path, "status_note", required=False),
            priority=self._str_list(doc, entry, path, "priority"),
            replaces=self._str_list(doc, entry, path, "replaces"),
            places=self._str_list(doc, entry, path, "places"),
            pos=self._pos(doc, path),
            field_pos=_field_positions(doc, path, entry) if self.positions else {},
            lead_unit=self._str(doc, entry, path, "lead_unit", required=False),
            activities=self._activities(doc, entry, path),
            updates=self._updates(doc, entry, path),
            carried_by=self._carriers(doc, entry, path),
            afterword=self._str(doc, entry, path, "afterword", required=False),
        )

    def _indicators(self, doc: Document, data: dict[str, Any]) -> tuple[Indicator, ...]:
        indicators = []
        for index, item in enumerate(self._list(doc, data, (), "indicators")):
            path: PathKey = ("indicators", index)
            entry = self._mapping(doc, item, path, "an indicator")
            if entry is None:
                continue
            indicator_id = self._str(doc, entry, path, "id", required=True)
            label = self._str(doc, entry, path, "label", required=True)
            if indicator_id is None or label is None:
                continue
            values = []
            for vindex, raw in enumerate(self._list(doc, entry, path, "values")):
                vpath: PathKey = (*path, "values", vindex)
                value = self._mapping(doc, raw, vpath, "an indicator value")
                if value is None:
                    continue
                year = self._int(doc, value, vpath, "year")
                number = value.get("value")
                if not isinstance(number, int | float) or isinstance(number, bool):
                    self._problem(doc, (*vpath, "value"), "wrong-type", t("value should be a number"))
                    continue
                if year is not None:
                    note = self._str(doc, value, vpath, "note", required=False)
                    values.append(IndicatorValue(year, number, note))
            indicators.append(Indicator(
                id=indicator_id,
                label=label,
                unit=self._str(doc, entry, path, "unit", required=False),
                values=tuple(values),
                pos=self._pos(doc, path),
                area=self._int(doc, entry, path, "area", required=False),
                source=self._str(doc, entry, path, "source", required=False),
                target=self._target(doc, entry, path),
            ))
        return tuple(indicators)


    def _target(self, doc: Document, entry: dict[str, Any], path: PathKey) -> IndicatorValue | None:
        raw = entry.get("target")
        if raw is None:
            return None
        tpath: PathKey = (*path, "target")
        target = self._mapping(doc, raw, tpath, "an indicator's target")
        if target is None:
            return None
        year = self._int(doc, target, tpath, "year")
        number = target.get("value")
        if not isinstance(number, int | float) or isinstance(number, bool):
            self._problem(doc, (*tpath, "value"), "wrong-type", t("value should be a number"))
            return None
        return None if year is None else IndicatorValue(year, number, None)


def _merged(first: tuple[str, ...], then: tuple[str, ...]) -> tuple[str, ...]:
    """Each of ``first`` and then of ``then``, once, in that order."""
    return tuple(dict.fromkeys((*first, *then)))


def _field_positions(doc: Document, path: PathKey, entry: dict[str, Any]) -> dict[str, Position]:
    """Each field's position: what ``doc.position`` gives, read straight from the table, since
    every key of a parsed mapping has one (15,000 initiatives have ~90,000 fields)."""
    positions, file = doc.positions, doc.file
    out: dict[str, Position] = {}
    for key in entry:
        key_path: PathKey = (*path, key)
        found = positions.get(key_path)
        out[key] = Position(file, *found) if found is not None else doc.position(key_path)
    return out
