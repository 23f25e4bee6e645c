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
from fardplan_cli.model import DocumentSection, SectionReplacement
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
    # the initiative the headline names, as the diff refers to it (``sodertalje:1.3``, or a
    # common initiative's id): where it stands in the headline, a page may link it
    ref: str | None = None


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
    "afterword": "Afterword",
    "lead": "Lead",
    "participants": "Participants",
    "status": "Status",
    "status_note": "Status note",
    "priority": "Priority",
    "places": "Places",
    "municipalities": "Municipalities",
    "name": "Name",
    "summary": "Summary",
    "heading": "Heading",
    "publisher": "Publisher",
    "address": "Address",
    "year": "Year",
    "contacts": "Contacts",
    "level": "Heading level",
    "placement": "Placement",
    "text": "Text",
    "kind": "Kind",
    "part_of": "Part of",
    "lead_unit": "Lead unit",
    "cycle": "Cycle",
    "prioritized": "Prioritised",
    "owner": "Owner",
    "start": "Start",
    "due": "Due",
    "done_on": "Done on",
    "note": "Note",
    "amount_sek": "Amount",
    "decided": "Decided",
}

# The fields whose change is shown word by word.
TEXT_LABELLED = frozenset({"title", "description", "afterword", "summary", "heading",
                           "publisher", "address", "text"})

# Where a section of the document stands (``placement``), in words.
PLACEMENT_LABELS = {
    "before-character": "before the character description",
    "after-character": "after the character description",
    "after-goal-areas": "after the goal areas",
    "after-initiative-map": "after the initiative map",
}

# The kinds of which several changes in a row of one thing are one item, a line per field.
_JOINED_KINDS = frozenset({"dialogue-changed", "document-changed", "section-changed"})

CARRIER_KINDS = {
    "assignment": "Assignment",
    "operations": "Operations",
    "forum": "Forum",
    "funding": "Funding",
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
    "dialogues_changed": "Dialogues changed",
    "activities_changed": "Activities changed",
    "updates_added": "Updates added",
    "carriers_changed": "Carriers changed",
    "document_changed": "Changes to the document's text",
    "sections_changed": "Sections changed",
}


def revision_label(revision: Revision) -> str:
    return t("working tree") if revision.is_work_tree else revision.label


def diff_json(report: DiffReport) -> dict[str, Any]:
    """The JSON of ``diff`` (its shape is ``shapes.diff_json``). Its labels are the revisions'
    own, the same in every language (``working tree``, ``cycle/2023-2026``): JSON is for programs;
    only the text, Markdown and HTML say ``arbetskopian``."""
    from fardplan_cli.render import shapes

    source, target = report.source, report.target
    return shapes.diff_json(shapes.revision_json(source.rev, source.commit, source.label,
                                                 source.committed),
                            shapes.revision_json(target.rev, target.commit, target.label,
                                                 target.committed),
                            report.core, report.result.changes, report.result.summary,
                            report.result.added)


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
        items: list[Item] = []
        for change in region:
            _add_item(items, _region_item(result, change))
        sections.append(Section(t("The region"), items))
    if common:
        sections.append(Section(t("Common initiatives"), _initiative_items(result, common)))
    cores = list(dict.fromkeys(c.core for c in result.changes if c.core is not None))
    for core in cores:
        own = [c for c in result.changes if c.core == core]
        items = []
        for change in own:
            if change.ref is None:
                _add_item(items, _core_item(result, change))
        items += _initiative_items(result, [c for c in own if c.ref is not None])
        sections.append(Section(result.core_names.get(core, core), items))
    return sections


def _add_item(items: list[Item], item: Item) -> None:
    """``item`` after ``items``; a further field of the thing the last item is about (a dialogue,
    the document, a section) joins that item as a line."""
    if item.kind in _JOINED_KINDS and items and items[-1].kind == item.kind and (
            items[-1].headline == item.headline):
        items[-1].lines += item.lines
    else:
        items.append(item)


def _added_lines(result: DiffResult, ref: str) -> list[Line]:
    """What a new initiative holds besides its title: its text, lead and participants, inserted."""
    initiative = result.added.get(ref)
    if initiative is None:
        return []
    names = result.actor_names
    lines = []
    if initiative.description:
        lines.append(Line(t("Description"), [("insert", initiative.description)]))
    if initiative.afterword:
        lines.append(Line(t("Afterword"), [("insert", initiative.afterword)]))
    if initiative.lead:
        lines.append(Line(t("Lead"), [("insert", names.get(initiative.lead, initiative.lead))]))
    if initiative.participants:
        segments: list[Segment] = []
        for actor in initiative.participants:
            if segments:
                segments.append(("equal", ", "))
            segments.append(("insert", names.get(actor, actor)))
        lines.append(Line(t("Participants"), segments))
    return lines


def _replace(old: str | None, new: str | None) -> list[Segment]:
    return [("delete", old or t("(none)")), ("equal", " → "), ("insert", new or t("(none)"))]


def _members(change: Change, names: dict[str, str]) -> list[Segment]:
    segments: list[Segment] = []
    for value in change.added:
        if segments:
            segments.append(("equal", ", "))
        segments.append(("insert", names.get(value, value)))  # {+name+}: the marker says it
    for value in change.removed:
        if segments:
            segments.append(("equal", ", "))
        segments.append(("delete", names.get(value, value)))
    return segments


def _words(change: Change) -> list[Segment]:
    if change.words is not None:
        return [(op, text) for op, text in change.words]
    return _replace(change.old, change.new)


def _field_line(result: DiffResult, change: Change) -> Line:
    name = change.field or ""
    label = t(FIELD_LABELS.get(name, name))
    if name in TEXT_LABELLED:
        return Line(label, _words(change))
    if name in ("lead", "part_of"):
        names = result.actor_names
        old = names.get(change.old, change.old) if change.old else None
        new = names.get(change.new, change.new) if change.new else None
        return Line(label, _replace(old, new))
    if name in ("participants", "municipalities"):
        return Line(label, _members(change, result.actor_names))
    if name in ("lead_unit", "owner"):
        names = result.actor_names
        return Line(label, _replace(names.get(change.old, change.old) if change.old else None,
                                    names.get(change.new, change.new) if change.new else None))
    if name in ("priority", "places", "prioritized"):
        return Line(label, _members(change, {}))
    if name == "status":
        segments = _replace(status_label(change.old), status_label(change.new))
        if change.note:  # one insertion: {+Pausad (the reason)+}
            op, text = segments[-1]
            segments[-1] = (op, f"{text} ({change.note})")
        return Line(label, segments)
    if name == "status_note":
        return Line(label, _replace(change.old, change.new))
    if name in ("year", "level"):
        return Line(label, _replace(None if change.old is None else str(change.old),
                                    None if change.new is None else str(change.new)))
    if name == "placement":
        return Line(label, _replace(t(PLACEMENT_LABELS.get(change.old, change.old)),
                                    t(PLACEMENT_LABELS.get(change.new, change.new))))
    if name == "contacts":
        return Line(label, _members(change, {}))
    return Line(label, _replace(change.old, change.new))


def _initiative_items(result: DiffResult, changes: Sequence[Change]) -> list[Item]:
    items: list[Item] = []
    current_ref: str | None = None
    for change in changes:
        ref = change.ref or ""
        title = result.titles.get(ref, "")
        if change.kind == "initiative-added":
            items.append(Item(t("Added: {ref} {title}", ref=ref, title=change.new or ""),
                              _added_lines(result, ref), kind=change.kind, ref=ref))
            current_ref = None
        elif change.kind == "initiative-removed":
            items.append(Item(t("Removed: {ref} {title}", ref=ref, title=change.old or ""),
                              kind=change.kind, ref=ref))
            current_ref = None
        elif change.kind == "initiative-renumbered":
            items.append(Item(t("Renumbered: {old} → {ref} {title}", old=change.old, ref=ref,
                                title=title), kind=change.kind, ref=ref))
            current_ref = ref
        elif change.kind == "initiative-merged":
            items.append(Item(t("Merged: {old} → {ref} {title}", old=", ".join(change.old), ref=ref,
                                title=title), kind=change.kind, ref=ref))
            current_ref = None
        elif change.kind == "initiative-split":
            items.append(Item(t("Split: {ref} → {new}", ref=ref, new=", ".join(change.new))))
            current_ref = None
        else:
            if current_ref != ref:
                items.append(Item(t("Changed: {ref} {title}", ref=ref, title=title),
                                  kind="initiative-changed", ref=ref))
                current_ref = ref
            items[-1].lines.append(_work_line(result, change)
                                   if change.kind != "initiative-changed"
                                   else _field_line(result, change))
    for item in items:
        item.headline = item.headline.rstrip(" ")  # the space before an empty title
    return items


def _actor(result: DiffResult, actor: str | None) -> str:
    return result.actor_names.get(actor, actor) if actor else ""


def amount_text(amount: int) -> str:
    """An amount in kronor, the thousands apart by a non-breaking space (500 000 kr): as the
    diff's changes and the site's pages write it."""
    return t("{amount} SEK", amount=f"{amount:,}".replace(",", "\u00a0"))


def _activity_text(result: DiffResult, activity: dict[str, Any]) -> list[Segment]:
    """An activity added or removed: its id and title, then its owner, dates and status."""
    details = [_actor(result, activity["owner"]), status_label(activity["status"])]
    if activity["start"]:
        details.append(t("from {date}", date=activity["start"]))
    if activity["due"]:
        details.append(t("due {date}", date=activity["due"]))
    if activity["done_on"]:
        details.append(t("done on {date}", date=activity["done_on"]))
    return [("mark", f"{activity['id']} {activity['title']}"),
            ("equal", " (" + ", ".join(d for d in details if d) + ")")]


def _carrier_text(result: DiffResult, carrier: dict[str, Any]) -> str:
    """How an initiative is carried, in words: its kind, name, who decides and, for funding,
    the amount and the date of the decision."""
    parts = [t(CARRIER_KINDS.get(carrier["kind"], carrier["kind"]))]
    parts += [p for p in (carrier["name"], _actor(result, carrier["actor"])) if p]
    if carrier["amount_sek"] is not None:
        parts.append(amount_text(carrier["amount_sek"]))
    if carrier["decided"]:
        parts.append(t("decided {date}", date=carrier["decided"]))
    return ", ".join(parts)


def _marked(op: str, segments: list[Segment]) -> list[Segment]:
    """``mark`` segments as ``op`` (inserted for what was added, deleted for what was removed)."""
    return [(op if kind == "mark" else kind, text) for kind, text in segments]


def _work_line(result: DiffResult, change: Change) -> Line:
    """A line about the work on an initiative: an activity, an update, a carrier."""
    kind, key = change.kind, change.key or ""
    if kind == "activity-added":
        return Line(t("Activity added"), _marked("insert", _activity_text(result, change.new)))
    if kind == "activity-removed":
        return Line(t("Activity removed"), _marked("delete", _activity_text(result, change.old)))
    if kind in ("activity-done", "activity-changed"):
        name = change.field or ""
        label = t("Activity {id}, {field}", id=key, field=t(FIELD_LABELS.get(name, name)).lower())
        if name == "status":
            segments = _replace(status_label(change.old), status_label(change.new))
            if change.note:
                segments.append(("insert", " " + t("({date})", date=change.note)))
            return Line(label, segments)
        return Line(label, _field_line(result, change).segments)
    if kind in ("update-added", "update-removed"):
        value = change.new if kind == "update-added" else change.old
        op = "insert" if kind == "update-added" else "delete"
        label = t("Update added {date}", date=key) if op == "insert" else t(
            "Update removed {date}", date=key)
        said: list[Segment] = [(op, value["text"])]
        if value["by"]:
            said.append(("equal", f" ({_actor(result, value['by'])})"))
        return Line(label, said)
    if kind == "carrier-added":
        return Line(t("Carried by, added"), [("insert", _carrier_text(result, change.new))])
    if kind == "carrier-removed":
        return Line(t("Carried by, removed"), [("delete", _carrier_text(result, change.old))])
    name = change.field or ""
    what = ", ".join(p for p in (t(CARRIER_KINDS.get(key, key)), change.note or "") if p)
    label = t("Carried by ({what}), {field}", what=what,
              field=t(FIELD_LABELS.get(name, name)).lower())
    if name == "amount_sek":
        return Line(label, _replace(amount_text(change.old) if change.old is not None else None,
                                    amount_text(change.new) if change.new is not None else None))
    return Line(label, _replace(change.old, change.new))


def _dialogue_headline(change: Change) -> str:
    date = change.key or ""
    if change.kind == "dialogue-added":
        return t("Political dialogue added: {date}", date=date)
    if change.kind == "dialogue-removed":
        return t("Political dialogue removed: {date}", date=date)
    return t("Political dialogue changed: {date}", date=date)


def _dialogue_lines(result: DiffResult, change: Change) -> list[Line]:
    if change.kind == "dialogue-changed":
        if change.field == "note":
            return [Line(t("Note"), _replace(change.old, change.new))]
        return [_field_line(result, change)]
    added = change.kind == "dialogue-added"
    value = change.new if added else change.old
    op = "insert" if added else "delete"
    lines = [Line(t("Cycle"), [(op, value["cycle"])]),
             Line(t("Prioritised"), [(op, ", ".join(value["prioritized"]) or t("(none)"))])]
    if value["participants"]:
        lines.append(Line(t("Participants"), [(op, ", ".join(
            _actor(result, a) for a in value["participants"]))]))
    if value["note"]:
        lines.append(Line(t("Note"), [(op, value["note"])]))
    return lines


def _core_item(result: DiffResult, change: Change) -> Item:
    kind, key = change.kind, change.key or ""
    if kind.startswith("dialogue-"):
        return Item(_dialogue_headline(change), _dialogue_lines(result, change), kind=kind)
    if kind.startswith("section-"):
        return _section_item(result, change)
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


def _section_item(result: DiffResult, change: Change) -> Item:
    """A section of the document's own text added, removed or changed; with ``core``, that
    core's own wording of a shared section. Named by its heading and id."""
    kind, key = change.kind, change.key or ""
    value = change.new if kind == "section-added" else change.old
    section = value if isinstance(value, (DocumentSection, SectionReplacement)) else None
    heading = (section.heading if section is not None else None) or (
        result.section_headings.get(key))
    what = f"{heading} ({key})" if heading else key
    if change.core is None:
        headlines = {"section-added": "Section added: {what}",
                     "section-removed": "Section removed: {what}",
                     "section-changed": "Section changed: {what}"}
    else:
        headlines = {"section-added": "Own wording of a section added: {what}",
                     "section-removed": "Own wording of a section removed: {what}",
                     "section-changed": "Own wording of a section changed: {what}"}
    headline = t(headlines[kind], what=what)
    if kind == "section-changed":
        return Item(headline, [_field_line(result, change)], kind=kind)
    op = "insert" if kind == "section-added" else "delete"
    text = section.text if section is not None else ""
    return Item(headline, [Line(t("Text"), [(op, text)])] if text else [], kind=kind)


def _region_item(result: DiffResult, change: Change) -> Item:
    kind, key = change.kind, change.key or ""
    if kind == "document-changed":
        return Item(t("Changed: {what}", what=t("the document's own text")),
                    [_field_line(result, change)], kind=kind)
    if kind.startswith("section-"):
        return _section_item(result, change)
    if kind.startswith("goal-area-"):
        what = t("goal area {number}", number=key)
        if kind == "goal-area-added":
            return Item(_verb(kind, f"{what} {change.new}"))
        if kind == "goal-area-removed":
            return Item(_verb(kind, f"{what} {change.old}"))
        line = _field_line(result, change)
        if change.field == "heading":  # not the title in the list of goal areas
            line.label = t("Heading in the core's plan")
        return Item(_verb(kind, what), [line])
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
