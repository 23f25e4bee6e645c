"""The diff as people read it: sections, items and marked-up lines, for text, markdown and html.

Each renderer only decides how to show an ``equal``, ``delete`` or ``insert`` segment; what is said,
in which order and with which labels is decided here, once, so the formats say the same thing.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from fardplan_cli.diff import Change, DiffResult
from fardplan_cli.i18n import status_label, t
from fardplan_cli.render import lazy_renderer
from fardplan_cli.revisions import Revision

Segment = tuple[str, str]  # (equal | delete | insert, text)


@dataclass
class Line:
    label: str
    segments: list[Segment]


@dataclass
class Item:
    headline: str
    lines: list[Line] = field(default_factory=list)
    kind: str = ""


@dataclass
class Section:
    title: str
    items: list[Item] = field(default_factory=list)


@dataclass
class DiffDocument:
    title: str
    subtitle: str
    summary: list[tuple[str, int]]
    sections: list[Section]
    empty_message: str


@dataclass(frozen=True)
class DiffReport:
    """What the diff command hands to a renderer."""

    source: Revision
    target: Revision
    result: DiffResult
    core: str | None = None


FIELD_LABELS = {
    "title": "Title",
    "description": "Description",
    "lead": "Lead",
    "participants": "Participants",
    "status": "Status",
    "status_note": "Status note",
    "priority": "Priority",
    "places": "Places",
    "municipalities": "Municipalities",
    "name": "Name",
    "summary": "Summary",
    "kind": "Kind",
    "part_of": "Part of",
}

SUMMARY_LABELS = {
    "cores_added": "Cores added",
    "cores_removed": "Cores removed",
    "initiatives_added": "Initiatives added",
    "initiatives_removed": "Initiatives removed",
    "initiatives_renumbered": "Initiatives renumbered",
    "initiatives_merged": "Initiatives merged",
    "initiatives_split": "Initiatives split",
    "initiatives_changed": "Initiatives changed",
    "directions_changed": "Directions changed",
    "character_changed": "Character texts changed",
    "goal_areas_changed": "Goal areas changed",
    "cycles_changed": "Cycles changed",
    "actors_changed": "Actors changed",
}


def revision_label(revision: Revision) -> str:
    return t("working tree") if revision.is_work_tree else revision.label


def diff_json(report: DiffReport) -> dict[str, Any]:
    """The JSON of ``diff`` (its shape is ``shapes.diff_json``), with the labels in the language."""
    from fardplan_cli.render import shapes

    source, target = report.source, report.target
    return shapes.diff_json(shapes.revision_json(source.rev, source.commit, revision_label(source)),
                            shapes.revision_json(target.rev, target.commit, revision_label(target)),
                            report.core, report.result.changes, report.result.summary)


def build_document(report: DiffReport) -> DiffDocument:
    result = report.result
    title = t("Changes in the plans")
    if report.core:
        name = result.core_names.get(report.core, report.core)
        title = t("Changes in the plan of {core}", core=name)
    subtitle = t("from {source} to {target}", source=revision_label(report.source),
                 target=revision_label(report.target))
    summary = [(t(SUMMARY_LABELS[k]), n) for k, n in result.summary.items()
               if k in SUMMARY_LABELS and n]
    return DiffDocument(title, subtitle, summary, _sections(result), t("No changes."))


def _sections(result: DiffResult) -> list[Section]:
    region = [c for c in result.changes if c.core is None and c.ref is None]
    common = [c for c in result.changes if c.core is None and c.ref is not None]
    sections: list[Section] = []
    if region:
        sections.append(Section(t("The region"), [_region_item(result, c) for c in region]))
    if common:
        sections.append(Section(t("Common initiatives"), _initiative_items(result, common)))
    cores = list(dict.fromkeys(c.core for c in result.changes if c.core is not None))
    for core in cores:
        own = [c for c in result.changes if c.core == core]
        items = [_core_item(result, c) for c in own if c.ref is None]
        items += _initiative_items(result, [c for c in own if c.ref is not None])
        sections.append(Section(result.core_names.get(core, core), items))
    return sections


def _plain(text: str | None) -> list[Segment]:
    return [("equal", text or t("(none)"))]


def _replace(old: str | None, new: str | None) -> list[Segment]:
    return [("delete", old or t("(none)")), ("equal", " → "), ("insert", new or t("(none)"))]


def _members(change: Change, names: dict[str, str]) -> list[Segment]:
    segments: list[Segment] = []
    for value in change.added:
        if segments:
            segments.append(("equal", ", "))
        segments.append(("insert", "+ " + names.get(value, value)))
    for value in change.removed:
        if segments:
            segments.append(("equal", ", "))
        segments.append(("delete", "− " + names.get(value, value)))
    return segments


def _words(change: Change) -> list[Segment]:
    if change.words is not None:
        return [(op, text) for op, text in change.words]
    return _replace(change.old, change.new)


def _field_line(result: DiffResult, change: Change) -> Line:
    name = change.field or ""
    label = t(FIELD_LABELS.get(name, name))
    if name in ("title", "description", "summary"):
        return Line(label, _words(change))
    if name in ("lead", "part_of"):
        names = result.actor_names
        old = names.get(change.old, change.old) if change.old else None
        new = names.get(change.new, change.new) if change.new else None
        return Line(label, _replace(old, new))
    if name in ("participants", "municipalities"):
        return Line(label, _members(change, result.actor_names))
    if name in ("priority", "places"):
        return Line(label, _members(change, {}))
    if name == "status":
        segments = _replace(status_label(change.old), status_label(change.new))
        if change.note:
            segments.append(("insert", f" ({change.note})"))
        return Line(label, segments)
    if name == "status_note":
        return Line(label, _replace(change.old, change.new))
    return Line(label, _replace(change.old, change.new))


def _initiative_items(result: DiffResult, changes: Sequence[Change]) -> list[Item]:
    items: list[Item] = []
    current_ref: str | None = None
    for change in changes:
        ref = change.ref or ""
        title = result.titles.get(ref, "")
        if change.kind == "initiative-added":
            items.append(Item(t("Added: {ref} {title}", ref=ref, title=change.new or "")))
            current_ref = None
        elif change.kind == "initiative-removed":
            items.append(Item(t("Removed: {ref} {title}", ref=ref, title=change.old or "")))
            current_ref = None
        elif change.kind == "initiative-renumbered":
            items.append(Item(t("Renumbered: {old} → {ref} {title}", old=change.old, ref=ref,
                                title=title)))
            current_ref = ref
        elif change.kind == "initiative-merged":
            items.append(Item(t("Merged: {old} → {ref} {title}", old=", ".join(change.old), ref=ref,
                                title=title)))
            current_ref = None
        elif change.kind == "initiative-split":
            items.append(Item(t("Split: {ref} → {new}", ref=ref, new=", ".join(change.new))))
            current_ref = None
        else:
            if current_ref != ref:
                items.append(Item(t("Changed: {ref} {title}", ref=ref, title=title),
                                  kind=change.kind))
                current_ref = ref
            items[-1].lines.append(_field_line(result, change))
    for item in items:
        item.headline = item.headline.rstrip(" ")  # the space before an empty title
    return items


def _core_item(result: DiffResult, change: Change) -> Item:
    kind, key = change.kind, change.key or ""
    if kind == "core-added":
        return Item(t("Core added: {name}", name=change.new))
    if kind == "core-removed":
        return Item(t("Core removed: {name}", name=change.old))
    if kind in ("core-renamed", "core-changed"):
        return Item(t("Core changed"), [_field_line(result, change)])
    if kind.startswith("direction-"):
        area = int(key)
        label = t("Direction for goal area {area} {title}", area=area,
                  title=result.area_titles.get(area, "")).rstrip(" ")
        return Item(_verb(kind, label), [Line(t("Direction"), _text_segments(change))])
    label = t("Character: {heading}", heading=key)
    return Item(_verb(kind, label), [Line(t("Character"), _text_segments(change))])


def _text_segments(change: Change) -> list[Segment]:
    if change.words is not None:
        return list(change.words)
    if change.old is None:
        return [("insert", change.new or "")]
    return [("delete", change.old or "")]


def _verb(kind: str, what: str) -> str:
    if kind.endswith("-added"):
        return t("Added: {what}", what=what)
    if kind.endswith("-removed"):
        return t("Removed: {what}", what=what)
    return t("Changed: {what}", what=what)


def _region_item(result: DiffResult, change: Change) -> Item:
    kind, key = change.kind, change.key or ""
    if kind.startswith("goal-area-"):
        what = t("goal area {number}", number=key)
        if kind == "goal-area-added":
            return Item(_verb(kind, f"{what} {change.new}"))
        if kind == "goal-area-removed":
            return Item(_verb(kind, f"{what} {change.old}"))
        return Item(_verb(kind, what), [_field_line(result, change)])
    if kind.startswith("cycle-"):
        what = t("cycle {cycle}", cycle=key)
        if kind == "cycle-renamed":
            return Item(_verb(kind, what), [_field_line(result, change)])
        return Item(_verb(kind, what))
    what = t("actor {actor}", actor=key)
    if kind == "actor-added":
        return Item(_verb(kind, f"{what} ({change.new})"))
    if kind == "actor-removed":
        return Item(_verb(kind, f"{what} ({change.old})"))
    return Item(_verb(kind, what), [_field_line(result, change)])


def plain_text(segments: Sequence[Segment], context: int | None = None) -> str:
    """Segments as plain text with ``[-deleted-]`` and ``{+inserted+}`` markers; with ``context``,
    unchanged runs are cut to that many words on each side of a change."""
    out: list[str] = []
    for index, (op, text) in enumerate(segments):
        if op == "delete":
            out.append(f"[-{text}-]")
        elif op == "insert":
            out.append(f"{{+{text}+}}")
        elif context is None:
            out.append(text)
        else:
            words = text.split()
            before = index > 0
            after = index < len(segments) - 1
            keep_head = words[:context] if before else []
            keep_tail = words[-context:] if after else []
            if len(words) <= 2 * context or (before and after and len(words) <= 2 * context):
                out.append(text)
            else:
                head = " ".join(keep_head)
                tail = " ".join(keep_tail)
                lead_space = " " if text[:1].isspace() and head else ""
                trail_space = " " if text[-1:].isspace() and tail else ""
                middle = " … " if head or tail else "…"
                out.append(f"{lead_space}{head}{middle}{tail}{trail_space}".replace("  ", " "))
    return "".join(out).replace("\n", " ")


def describe_changes(result: DiffResult, changes: Sequence[Change]) -> list[str]:
    """One line per change, for tables (``fardplan log``)."""
    lines: list[str] = []
    for item in _initiative_items(result, changes):
        if item.kind != "initiative-changed":
            lines.append(item.headline)
        for line in item.lines:
            lines.append(f"{line.label}: {plain_text(line.segments, context=4)}")
    return lines


# The one table that both `diff --format` and the dispatch read from.
DIFF_RENDERERS: dict[str, Callable[[DiffReport, Any], None]] = {
    "text": lazy_renderer("diff_text", "render_diff_text"),
    "markdown": lazy_renderer("diff_markdown", "render_diff_markdown"),
    "json": lazy_renderer("diff_json", "render_diff_json", escapes_itself=True),
    "html": lazy_renderer("diff_html", "render_diff_html"),
}
