"""Immutable dataclasses of a plan set. No I/O here.

Every element keeps the ``Position`` of the YAML node it came from, so that any message about it
can name ``file:line:column``. Lines and columns are 1-based, as editors show them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Literal, TypeVar

Severity = Literal["error", "warning"]
Scope = Literal["common", "core"]

DEFAULT_STATUS = "planned"

_Derived = TypeVar("_Derived")


@dataclass(frozen=True, slots=True)
class Position:
    """Where a node stands in its file. Metadata, not content: model equality ignores it."""

    file: str
    line: int
    column: int

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}"


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with the plans, pointing at the offending node."""

    file: str
    line: int
    column: int
    severity: Severity
    code: str
    message: str
    path: str = ""

    def format(self) -> str:
        """``file:line:col: severity[code] path: message``, the severity in the language of the
        run (``fel``, ``varning``), as ``validate`` lists it."""
        from fardplan_cli.i18n import t

        message = f"{self.path}: {self.message}" if self.path else self.message
        return f"{self.file}:{self.line}:{self.column}: {t(self.severity)}[{self.code}] {message}"


@dataclass(frozen=True, slots=True)
class Actor:
    """An actor (aktör) of actors.yaml: an organisation, a sector or a group, maybe part of another."""

    id: str
    name: str
    kind: str
    part_of: str | None
    note: str | None
    pos: Position = field(compare=False)


@dataclass(frozen=True, slots=True)
class GoalArea:
    """One of the region's goal areas (målområden), with its introduction."""

    number: int
    title: str
    summary: str
    pos: Position = field(compare=False)
    heading: str | None = None
    """The heading a core's plan prints for the area, where it differs from ``title`` (the name in
    the list of goal areas): "Levande och attraktiv stadskärna" for "Levande och attraktiva
    stadskärnor"."""

    @property
    def plan_heading(self) -> str:
        return self.heading or self.title


@dataclass(frozen=True, slots=True)
class Cycle:
    """A political cycle (mandatperiod), e.g. 2027-2030."""

    id: str
    name: str | None
    pos: Position = field(compare=False)


@dataclass(frozen=True, slots=True)
class Activity:
    """An activity (aktivitet): a concrete step of an initiative in a core, with an owner and dates.
    Its id is ``<initiative id>.<n>``, stable and never reused; dates are ISO ``YYYY-MM-DD``."""

    id: str
    title: str
    owner: str | None
    participants: tuple[str, ...]
    start: str | None
    due: str | None
    status: str
    done_on: str | None
    note: str | None
    pos: Position = field(compare=False)

    @property
    def initiative_id(self) -> str:
        return self.id.rsplit(".", 1)[0]


@dataclass(frozen=True, slots=True)
class Update:
    """A dated progress report (lägesrapport) on an initiative in a core; appended, never rewritten."""

    date: str
    text: str
    by: str | None
    pos: Position = field(compare=False)


@dataclass(frozen=True, slots=True)
class Carrier:
    """How an initiative is carried (genomförande): a political assignment, running operations, a
    collaboration forum or funding, with who decides or funds it and, for funding, the amount."""

    kind: str
    actor: str | None
    name: str | None
    amount_sek: int | None
    decided: str | None
    pos: Position = field(compare=False)


@dataclass(frozen=True, slots=True)
class Dialogue:
    """A political dialogue (politiskt samtal) in a core: on a date, in a cycle, it prioritised
    initiatives of that core (common or core-specific) for the coming period."""

    date: str
    cycle: str
    participants: tuple[str, ...]
    prioritized: tuple[str, ...]
    note: str | None
    pos: Position = field(compare=False)


@dataclass(frozen=True, slots=True)
class FollowUp:
    """A core's follow-up of one common initiative (``common:`` in the core file): its status there,
    the actors that take part there beside the shared ones, and its activities, updates and
    carriers in that core."""

    id: str
    status: str
    status_note: str | None
    participants: tuple[str, ...]
    lead_unit: str | None
    activities: tuple[Activity, ...]
    updates: tuple[Update, ...]
    carried_by: tuple[Carrier, ...]
    pos: Position = field(compare=False)


@dataclass(frozen=True, slots=True)
class Initiative:
    """An initiative (insats): common to every core when ``core`` is None, else core-specific."""

    core: str | None
    id: str
    title: str
    description: str
    lead: str | None
    participants: tuple[str, ...]
    status: str
    status_note: str | None
    priority: tuple[str, ...]
    replaces: tuple[str, ...]
    places: tuple[str, ...]
    pos: Position = field(compare=False)
    field_pos: Mapping[str, Position] = field(default_factory=dict, compare=False)
    lead_unit: str | None = None
    activities: tuple[Activity, ...] = ()
    updates: tuple[Update, ...] = ()
    carried_by: tuple[Carrier, ...] = ()
    afterword: str | None = None
    """Text the published plan prints after the initiative and its actors, set apart from the
    description (the ownership of Almi Stockholm AB after 3.3)."""
    followed_in: str | None = None
    """For a common initiative as followed up in a core (``sodertalje:2.2``): that core's id. None
    for the shared view of a common initiative (``2.2``) and for a core-specific one."""

    @property
    def area(self) -> int:
        return int(self.id.split(".", 1)[0])

    @property
    def number(self) -> int:
        return int(self.id.split(".", 1)[1])

    @property
    def scope(self) -> Scope:
        return "common" if self.core is None else "core"

    @property
    def ref(self) -> str:
        return self.id if self.core is None else f"{self.core}:{self.id}"

    @property
    def sort_key(self) -> tuple[int, int]:
        return (self.area, self.number)

    def position_of(self, field_name: str) -> Position:
        return self.field_pos.get(field_name, self.pos)


@dataclass(frozen=True, slots=True)
class Direction:
    """A core's direction (färdriktning) for one goal area."""

    area: int
    text: str
    pos: Position = field(compare=False)


@dataclass(frozen=True, slots=True)
class CharacterSection:
    """One section of a core's character description (karaktärsbeskrivning)."""

    heading: str
    text: str
    pos: Position = field(compare=False)


PLACEMENTS: tuple[str, ...] = (
    "before-character", "after-character", "after-goal-areas", "after-initiative-map")
"""Where a section of the document's own text stands relative to the core's parts: before the
core's part (which opens with its character description), after the character, after the goal
areas, after the initiative map."""


@dataclass(frozen=True, slots=True)
class DocumentSection:
    """A section of the document's own text (the introduction, *Genomförande*), word for word:
    its heading (None for a passage without one) at ``level`` 1–3, its text, and its placement.
    In the text, blank lines part paragraphs and lines that start with ``- `` are a list."""

    id: str
    heading: str | None
    level: int
    placement: str
    text: str
    pos: Position = field(compare=False)


@dataclass(frozen=True, slots=True)
class SectionReplacement:
    """A core's own version of a shared section, by id, where the text names the core ("Denna
    färdplan avgränsas till Södertälje stadskärna"); it stands where the shared one stands."""

    id: str
    heading: str | None
    text: str
    pos: Position = field(compare=False)


@dataclass(frozen=True, slots=True)
class Contact:
    """A contact of the document's colophon: a role, and a name where one is given."""

    role: str
    name: str | None


@dataclass(frozen=True, slots=True)
class DocumentText:
    """The published document's own parts that every färdplan shares (``document:`` in
    region.yaml): its title, the colophon (publisher, address, year, contacts) and the sections."""

    title: str | None = None
    publisher: str | None = None
    address: str | None = None
    year: int | None = None
    contacts: tuple[Contact, ...] = ()
    sections: tuple[DocumentSection, ...] = ()


@dataclass(frozen=True, slots=True)
class IndicatorValue:
    """One year's value of an indicator."""

    year: int
    value: float | int
    note: str | None


@dataclass(frozen=True, slots=True)
class Indicator:
    """An indicator of a core's lägesbild (residents, jobs), with its values by year, the goal area
    it follows, where the figures come from and the target."""

    id: str
    label: str
    unit: str | None
    values: tuple[IndicatorValue, ...]
    pos: Position = field(compare=False)
    area: int | None = None
    source: str | None = None
    target: IndicatorValue | None = None


@dataclass(frozen=True, slots=True)
class Core:
    """A regional urban core (regional stadskärna) and its own plan."""

    id: str
    name: str
    municipalities: tuple[str, ...]
    character: tuple[CharacterSection, ...]
    directions: tuple[Direction, ...]
    initiatives: tuple[Initiative, ...]
    indicators: tuple[Indicator, ...]
    file: str
    pos: Position = field(compare=False)
    dialogues: tuple[Dialogue, ...] = ()
    common: tuple[FollowUp, ...] = ()
    """The core's follow-up of common initiatives, in file order (``follow_up`` finds one)."""
    sections: tuple[SectionReplacement, ...] = ()
    """The shared sections of the document that this core's plan words in its own way."""

    def direction(self, area: int) -> Direction | None:
        return next((d for d in self.directions if d.area == area), None)

    def follow_up(self, initiative_id: str) -> FollowUp | None:
        return next((f for f in self.common if f.id == initiative_id), None)

    def priorities_of(self, initiative_id: str, cycle_order: Sequence[str] = ()) -> tuple[str, ...]:
        """The cycles whose dialogues in this core prioritised the initiative: in ``cycle_order``
        (the region's), then by id; each once."""
        cycles = {d.cycle for d in self.dialogues if initiative_id in d.prioritized}
        rank = {cycle: index for index, cycle in enumerate(cycle_order)}
        return tuple(sorted(cycles, key=lambda c: (rank.get(c, len(rank)), c)))

    @property
    def entered(self) -> bool:
        """Whether the core's own plan has been entered (anything beyond its id and name)."""
        return bool(self.initiatives or self.directions or self.character or self.indicators)


@dataclass(frozen=True, slots=True)
class Region:
    """plans/region.yaml: the goal areas, the cycles and the common initiatives."""

    name: str
    owner: str | None
    goal_areas: tuple[GoalArea, ...]
    cycles: tuple[Cycle, ...]
    initiatives: tuple[Initiative, ...]
    file: str
    language: str = "sv"
    """The plans' language: printed documents use it unless the user asks for another."""
    document: DocumentText = field(default_factory=DocumentText)
    """The published document's own text, shared by every core's plan."""


@dataclass(frozen=True)
class PlanSet:
    """Every plan file of a repository, built: the region, the actors and the cores."""

    region: Region
    actors: tuple[Actor, ...]
    cores: tuple[Core, ...]

    def __post_init__(self) -> None:
        object.__setattr__(self, "_actors", {a.id: a for a in self.actors})
        object.__setattr__(self, "_cores", {c.id: c for c in self.cores})
        # Each core's plan, built once when first asked for (a plan set never changes).
        object.__setattr__(self, "_core_plans", {})
        object.__setattr__(self, "_followed_by_core", {})
        object.__setattr__(self, "_remembered", {})

    def remembered(self, key: str, compute: Callable[[], _Derived]) -> _Derived:
        """What ``compute`` derives from this plan set, computed the first time ``key`` is asked
        for and kept (a plan set never changes): indexes that queries share."""
        known: dict[str, object] = self._remembered  # type: ignore[attr-defined]
        if key not in known:
            known[key] = compute()
        return known[key]  # type: ignore[return-value]

    def actor(self, actor_id: str) -> Actor | None:
        actors: dict[str, Actor] = self._actors  # type: ignore[attr-defined]
        return actors.get(actor_id)

    def core(self, core_id: str) -> Core | None:
        cores: dict[str, Core] = self._cores  # type: ignore[attr-defined]
        return cores.get(core_id)

    def actor_name(self, actor_id: str) -> str:
        actor = self.actor(actor_id)
        return actor.name if actor else actor_id

    def goal_area(self, number: int) -> GoalArea | None:
        return next((g for g in self.region.goal_areas if g.number == number), None)

    def core_plan(self, core_id: str) -> tuple[Initiative, ...]:
        """A core's plan: the common initiatives as followed up in that core, and its own, in id
        order."""
        plans: dict[str | None, tuple[Initiative, ...]] = self._core_plans  # type: ignore[attr-defined]
        core = self.core(core_id)
        key = core.id if core is not None else None
        found = plans.get(key)
        if found is None:
            if core is None:
                found = tuple(sorted(self.region.initiatives, key=lambda i: i.sort_key))
            else:
                found = tuple(sorted((*self._followed_in(core), *core.initiatives),
                                     key=lambda i: i.sort_key))
            plans[key] = found
        return found

    def followed(self, core_id: str, initiative_id: str) -> Initiative | None:
        """Common initiative ``initiative_id`` as followed up in core ``core_id`` (``sodertalje:2.2``):
        the shared text and lead, with the core's status, note, participants, lead unit,
        activities, updates, carriers and the priorities its dialogues gave."""
        core = self.core(core_id)
        if core is None:
            return None
        return next((i for i in self._followed_in(core) if i.id == initiative_id), None)

    def _followed_in(self, core: Core) -> tuple[Initiative, ...]:
        """Every common initiative as followed up in ``core``, in the region's order."""
        by_core: dict[str, tuple[Initiative, ...]] = self._followed_by_core  # type: ignore[attr-defined]
        found = by_core.get(core.id)
        if found is None:
            cycle_order = [c.id for c in self.region.cycles]
            follow_ups: dict[str, FollowUp] = {}
            for follow_up in core.common:
                follow_ups.setdefault(follow_up.id, follow_up)  # the first, as Core.follow_up
            found = by_core[core.id] = tuple(
                self._followed(core, shared, follow_ups.get(shared.id), cycle_order)
                for shared in self.region.initiatives)
        return found

    def _followed(self, core: Core, shared: Initiative, follow: FollowUp | None,
                  cycle_order: Sequence[str]) -> Initiative:
        priority = core.priorities_of(shared.id, cycle_order)
        # The shared initiative's own status and priorities are the defaults (format 2 stores none
        # in region.yaml; format 1 stored them there for every core).
        priority = tuple(dict.fromkeys((*shared.priority, *priority)))
        if follow is None:
            return replace(shared, priority=priority, followed_in=core.id)
        extra = tuple(a for a in follow.participants if a not in shared.participants)
        return replace(
            shared, status=follow.status, status_note=follow.status_note,
            participants=(*shared.participants, *extra),
            lead_unit=follow.lead_unit or shared.lead_unit, activities=follow.activities,
            updates=follow.updates, carried_by=follow.carried_by, priority=priority,
            followed_in=core.id)

    def sections_of(self, core_id: str) -> tuple[DocumentSection, ...]:
        """The document's shared sections in order, each replaced by the core's own version where
        the core has one (its heading too, where it gives one)."""
        core = self.core(core_id)
        own = {s.id: s for s in core.sections} if core else {}
        return tuple(
            replace(section, heading=own[section.id].heading or section.heading,
                    text=own[section.id].text)
            if section.id in own else section
            for section in self.region.document.sections
        )

    def all_initiatives(self) -> Iterator[Initiative]:
        """Every initiative once: the common ones, then each core's own."""
        yield from self.region.initiatives
        for core in self.cores:
            yield from core.initiatives

    def find_initiative(self, core_id: str | None, initiative_id: str) -> Initiative | None:
        pool = self.region.initiatives if core_id is None else self._core_initiatives(core_id)
        return next((i for i in pool if i.id == initiative_id), None)

    def _core_initiatives(self, core_id: str) -> tuple[Initiative, ...]:
        core = self.core(core_id)
        return core.initiatives if core else ()
