"""Immutable dataclasses of a plan set. No I/O here.

Every element keeps the ``Position`` of the YAML node it came from, so that any message about it
can name ``file:line:column``. Lines and columns are 1-based, as editors show them.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Literal

Severity = Literal["error", "warning"]
Scope = Literal["common", "core"]

DEFAULT_STATUS = "planned"


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
        return f"{self.file}:{self.line}:{self.column}: {self.severity}[{self.code}] {self.message}"


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


@dataclass(frozen=True, slots=True)
class Cycle:
    """A political cycle (mandatperiod), e.g. 2027-2030."""

    id: str
    name: str | None
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


@dataclass(frozen=True, slots=True)
class IndicatorValue:
    """One year's value of an indicator."""

    year: int
    value: float | int
    note: str | None


@dataclass(frozen=True, slots=True)
class Indicator:
    """An indicator of a core's lägesbild (residents, jobs), with its values by year."""

    id: str
    label: str
    unit: str | None
    values: tuple[IndicatorValue, ...]
    pos: Position = field(compare=False)


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

    def direction(self, area: int) -> Direction | None:
        return next((d for d in self.directions if d.area == area), None)

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


@dataclass(frozen=True)
class PlanSet:
    """Every plan file of a repository, built: the region, the actors and the cores."""

    region: Region
    actors: tuple[Actor, ...]
    cores: tuple[Core, ...]

    def __post_init__(self) -> None:
        object.__setattr__(self, "_actors", {a.id: a for a in self.actors})
        object.__setattr__(self, "_cores", {c.id: c for c in self.cores})

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
        """A core's plan: the common initiatives and its own, in id order."""
        core = self.core(core_id)
        own = core.initiatives if core else ()
        return tuple(sorted((*self.region.initiatives, *own), key=lambda i: i.sort_key))

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
