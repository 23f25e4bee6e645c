"""The plan as a document, in the order of the published roadmap (färdplan).

For each core: its character (karaktärsbeskrivning); per goal area the area's introduction, the
core's direction (färdriktning), the common initiatives and the core-specific ones; the initiative
map (insatskarta) as a list by place; the indicators (lägesbild). Renderers turn it into Markdown,
HTML or JSON; actor ids are resolved to their names here so that renderers hold no domain logic.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from fardplan_cli.model import CharacterSection, Core, GoalArea, Indicator, Initiative, PlanSet

if TYPE_CHECKING:
    from fardplan_cli.repository import PlanRepository


@dataclass(frozen=True, slots=True)
class DocumentInitiative:
    initiative: Initiative
    lead_name: str | None
    participant_names: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class AreaSection:
    area: GoalArea
    direction: str | None
    common: tuple[DocumentInitiative, ...]
    core_specific: tuple[DocumentInitiative, ...]


@dataclass(frozen=True, slots=True)
class MapEntry:
    """A place of the initiative map and the initiatives there; ``place`` None: no place named."""

    place: str | None
    initiatives: tuple[Initiative, ...]


@dataclass(frozen=True, slots=True)
class CoreDocument:
    core: Core
    character: tuple[CharacterSection, ...]
    areas: tuple[AreaSection, ...]
    initiative_map: tuple[MapEntry, ...]
    indicators: tuple[Indicator, ...]

    @property
    def entered(self) -> bool:
        return self.core.entered


@dataclass(frozen=True, slots=True)
class PlanDocument:
    title: str
    cores: tuple[CoreDocument, ...]


def document_initiative(plan: PlanSet, initiative: Initiative) -> DocumentInitiative:
    return DocumentInitiative(
        initiative,
        plan.actor_name(initiative.lead) if initiative.lead else None,
        tuple(plan.actor_name(p) for p in initiative.participants),
    )


def initiative_map(initiatives: Sequence[Initiative]) -> tuple[MapEntry, ...]:
    """Places in the order the plan first names them; initiatives without a place come last."""
    by_place: dict[str, list[Initiative]] = {}
    unplaced: list[Initiative] = []
    for initiative in initiatives:
        if not initiative.places:
            unplaced.append(initiative)
        for place in initiative.places:
            by_place.setdefault(place, []).append(initiative)
    entries = [MapEntry(place, tuple(found)) for place, found in by_place.items()]
    if unplaced:
        entries.append(MapEntry(None, tuple(unplaced)))
    return tuple(entries)


def core_document(plan: PlanSet, core: Core) -> CoreDocument:
    initiatives = plan.core_plan(core.id)
    areas = []
    numbers = [g.number for g in plan.region.goal_areas]
    for number in numbers:
        area = plan.goal_area(number)
        assert area is not None
        direction = core.direction(number)
        in_area = [i for i in initiatives if i.area == number]
        areas.append(AreaSection(
            area,
            direction.text if direction else None,
            tuple(document_initiative(plan, i) for i in in_area if i.scope == "common"),
            tuple(document_initiative(plan, i) for i in in_area if i.scope == "core"),
        ))
    return CoreDocument(
        core,
        core.character,
        tuple(areas),
        initiative_map([i for i in initiatives if i.area in numbers]),
        core.indicators,
    )


def plan_document(plan: PlanSet, core_ids: Sequence[str] | None = None) -> PlanDocument:
    """The given cores (all, in the plan's order, when None) as one document."""
    cores = [plan.core(c) for c in core_ids] if core_ids is not None else list(plan.cores)
    documents = tuple(core_document(plan, c) for c in cores if c is not None)
    return PlanDocument(plan.region.name, documents)


def write_document(repository: PlanRepository, target: Path, text: str | bytes) -> None:
    """Write an exported document to ``target``, whole or not at all; never inside ``plans/``,
    ``schemas/`` or a git directory (an export there would replace a plan, a schema or git's own
    files), never over a folder; a device or a pipe is written to, never replaced by a file."""
    from fardplan_cli.errors import FardplanError, UsageError
    from fardplan_cli.i18n import t
    from fardplan_cli.writing import atomic_write_text

    resolved = target.resolve()
    for kept in (repository.plans_dir.resolve(), (repository.root / "schemas").resolve()):
        if resolved == kept or kept in resolved.parents:
            raise UsageError(t("refusing to write {path}: it is inside {folder}/",
                               path=str(target), folder=kept.name))
    if ".git" in resolved.parts:
        raise UsageError(t("refusing to write {path}: it is inside {folder}/", path=str(target),
                           folder=".git"))
    if resolved.is_dir():
        raise UsageError(t("{path} is a folder, not a file", path=str(target)))
    if not resolved.parent.is_dir():
        raise UsageError(t("the folder of {path} does not exist", path=str(target)))
    try:
        if resolved.exists() and not resolved.is_file():
            with resolved.open("wb") as stream:
                stream.write(text.encode("utf-8") if isinstance(text, str) else text)
        else:
            atomic_write_text(resolved, text)
    except OSError as error:
        raise FardplanError(t("the output could not be written to {path}: {reason}",
                              path=str(target), reason=error.strerror or str(error))) from error
