"""The plan as a document, in the order and with the headings of the published roadmap (färdplan).

For each core: the cover and colophon; a table of contents; the shared sections placed before the
core's part (the introduction); the core's part: its character (karaktärsbeskrivning); per goal
area the heading the core's plan prints, the area's introduction, the core's direction
(färdriktning), the common initiatives and the core-specific ones; the initiative map
(insatskarta) by goal area in id order; the shared sections placed after it (*Genomförande*); the
indicators (lägesbild). A core may word a shared section in its own way (``sections:``).
Renderers turn it into Markdown, HTML or JSON; actor ids are resolved to their names here, and a
section's text is cut into paragraphs and lists here, so that renderers hold no domain logic.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from fardplan_cli.model import (
    CharacterSection,
    Contact,
    Core,
    DocumentSection,
    GoalArea,
    Indicator,
    Initiative,
    PlanSet,
)

if TYPE_CHECKING:
    from fardplan_cli.repository import PlanRepository
    from fardplan_cli.stamp import PageStamp

CONTENTS_DEPTH = 2
"""The table of contents lists the headings of the first two levels."""


@dataclass(frozen=True, slots=True)
class TextBlock:
    """A paragraph (its lines, which a line break parts) or a bulleted list (its items)."""

    kind: Literal["paragraph", "list"]
    lines: tuple[str, ...]


def text_blocks(text: str) -> tuple[TextBlock, ...]:
    """A section's text as blocks: blank lines part paragraphs; within one, consecutive lines that
    start with ``- `` are a list, its items without the ``- ``."""
    blocks: list[TextBlock] = []
    for part in re.split(r"\n[ \t]*\n", text.strip()):
        lines: list[str] = []
        kind: Literal["paragraph", "list"] | None = None
        for line in part.split("\n"):
            if not line.strip():
                continue
            line_kind: Literal["paragraph", "list"] = "list" if line.startswith("- ") else "paragraph"
            if kind is not None and line_kind != kind:
                blocks.append(TextBlock(kind, tuple(lines)))
                lines = []
            kind = line_kind
            lines.append(line[2:] if line_kind == "list" else line)
        if kind is not None:
            blocks.append(TextBlock(kind, tuple(lines)))
    return tuple(blocks)


@dataclass(frozen=True, slots=True)
class PrintedSection:
    """A shared section of the document as one core's plan prints it."""

    section: DocumentSection
    blocks: tuple[TextBlock, ...]

    @property
    def id(self) -> str:
        return self.section.id

    @property
    def heading(self) -> str | None:
        return self.section.heading

    @property
    def level(self) -> int:
        return self.section.level


@dataclass(frozen=True, slots=True)
class Cover:
    """The cover and the colophon: the title, the core it is for, who publishes it, when."""

    title: str | None
    publisher: str | None
    address: tuple[str, ...]
    year: int | None
    contacts: tuple[Contact, ...]


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
class AreaMap:
    """A goal area of the initiative map (insatskarta) and its initiatives in the core, in id
    order, as the published plan lists them."""

    area: GoalArea
    initiatives: tuple[Initiative, ...]


ContentsPart = Literal["section", "core", "character", "area", "direction", "common",
                       "core-specific", "map", "map-area", "indicators"]


@dataclass(frozen=True, slots=True)
class ContentsEntry:
    """A line of the table of contents: a heading, its level, and what it heads (``part``, with
    the section id, character heading's index or goal area number in ``key``)."""

    level: int
    part: ContentsPart
    key: str
    heading: str | None
    """The text as the plan holds it; None for the parts whose heading is a label (the core's
    heading, *Färdriktning*, the initiative map...), which the renderer words."""


@dataclass(frozen=True, slots=True)
class CoreDocument:
    core: Core
    character: tuple[CharacterSection, ...]
    areas: tuple[AreaSection, ...]
    initiative_map: tuple[MapEntry, ...]
    indicators: tuple[Indicator, ...]
    map_by_area: tuple[AreaMap, ...] = ()
    sections: tuple[PrintedSection, ...] = ()
    cover: Cover | None = None
    contents: tuple[ContentsEntry, ...] = ()

    @property
    def entered(self) -> bool:
        return self.core.entered

    def placed(self, placement: str) -> tuple[PrintedSection, ...]:
        """The shared sections that stand at ``placement`` (see ``model.PLACEMENTS``), in order."""
        return tuple(s for s in self.sections if s.section.placement == placement)


@dataclass(frozen=True, slots=True)
class PlanDocument:
    title: str
    cores: tuple[CoreDocument, ...]
    language: str = "sv"
    """The plans' language (region.yaml), in which the document is printed by default."""
    stamp: PageStamp | None = None
    """The printed page's stamp (the plan, the day, the revision): the HTML page shows it."""


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


def _contents(document: CoreDocument) -> tuple[ContentsEntry, ...]:
    """The headings of the first two levels, in the document's order."""
    entries: list[ContentsEntry] = []

    def sections(placement: str) -> None:
        entries.extend(ContentsEntry(s.level, "section", s.id, s.heading)
                       for s in document.placed(placement) if s.heading)

    sections("before-character")
    entries.append(ContentsEntry(1, "core", document.core.id, None))
    entries.extend(ContentsEntry(2, "character", str(index), c.heading)
                   for index, c in enumerate(document.character))
    sections("after-character")
    for area in document.areas:
        key = str(area.area.number)
        entries.append(ContentsEntry(1, "area", key, area.area.plan_heading))
        if area.direction:
            entries.append(ContentsEntry(2, "direction", key, None))
        if area.common:
            entries.append(ContentsEntry(2, "common", key, None))
        if area.core_specific:
            entries.append(ContentsEntry(2, "core-specific", key, None))
    sections("after-goal-areas")
    if document.map_by_area:
        entries.append(ContentsEntry(1, "map", document.core.id, None))
        entries.extend(ContentsEntry(2, "map-area", str(m.area.number), m.area.title)
                       for m in document.map_by_area)
    sections("after-initiative-map")
    if document.indicators:
        entries.append(ContentsEntry(1, "indicators", document.core.id, None))
    return tuple(e for e in entries if e.level <= CONTENTS_DEPTH)


def _cover(plan: PlanSet) -> Cover | None:
    text = plan.region.document
    if text.title is None and text.publisher is None:
        return None
    address = tuple(b for block in text_blocks(text.address or "") for b in block.lines)
    return Cover(text.title, text.publisher, address, text.year, text.contacts)


def core_document(plan: PlanSet, core: Core) -> CoreDocument:
    initiatives = plan.core_plan(core.id)
    areas = []
    maps = []
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
        if in_area:
            maps.append(AreaMap(area, tuple(in_area)))
    sections = tuple(PrintedSection(s, text_blocks(s.text)) for s in plan.sections_of(core.id))
    document = CoreDocument(
        core,
        core.character,
        tuple(areas),
        initiative_map([i for i in initiatives if i.area in numbers]),
        core.indicators,
        map_by_area=tuple(maps),
        sections=sections,
        cover=_cover(plan),
    )
    if not sections:
        return document  # no published text to follow: no contents either
    return replace(document, contents=_contents(document))


def plan_document(plan: PlanSet, core_ids: Sequence[str] | None = None) -> PlanDocument:
    """The given cores (all, in the plan's order, when None) as one document."""
    cores = [plan.core(c) for c in core_ids] if core_ids is not None else list(plan.cores)
    documents = tuple(core_document(plan, c) for c in cores if c is not None)
    return PlanDocument(plan.region.name, documents, plan.region.language)


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
