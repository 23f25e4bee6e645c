"""The documented JSON shapes, each built in one place.

Every ``--format json`` output (and the JSON inside other formats) is made by a function here;
commands and renderers call them and add nothing. The shapes are stable: keys may be added, never
renamed or removed (the README lists them). Names are resolved by the caller and passed in, so
that this module needs nothing but the model's values.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from fardplan_cli.model import DocumentSection, SectionReplacement

if TYPE_CHECKING:
    from fardplan_cli.diff import Change
    from fardplan_cli.export import (
        CoreDocument,
        Cover,
        DocumentInitiative,
        PlanDocument,
        PrintedSection,
    )
    from fardplan_cli.model import (
        Activity,
        Actor,
        Carrier,
        CharacterSection,
        Core,
        Dialogue,
        Indicator,
        Initiative,
        Problem,
        Update,
    )
    from fardplan_cli.report import CommonStatusRow, InvolvementRow, MatrixRow, StaleRow, StatusRow


# -- the plan ----------------------------------------------------------------------------------------


def initiative_json(initiative: Initiative) -> dict[str, Any]:
    """An initiative, as ``list`` prints each one."""
    return {
        "ref": initiative.ref,
        "core": initiative.core,
        "id": initiative.id,
        "area": initiative.area,
        "scope": initiative.scope,
        "title": initiative.title,
        "description": initiative.description,
        "lead": initiative.lead,
        "participants": list(initiative.participants),
        "status": initiative.status,
        "status_note": initiative.status_note,
        "priority": list(initiative.priority),
        "replaces": list(initiative.replaces),
        "places": list(initiative.places),
    }


def activity_json(activity: Activity, core: str | None, *, overdue: bool) -> dict[str, Any]:
    """An activity; ``ref`` is ``<core>:<activity id>`` (None without a core)."""
    return {
        "ref": f"{core}:{activity.id}" if core else None,
        "id": activity.id,
        "title": activity.title,
        "owner": activity.owner,
        "participants": list(activity.participants),
        "start": activity.start,
        "due": activity.due,
        "status": activity.status,
        "done_on": activity.done_on,
        "note": activity.note,
        "overdue": overdue,
    }


def update_json(update: Update) -> dict[str, Any]:
    return {"date": update.date, "text": update.text, "by": update.by}


def carrier_json(carrier: Carrier) -> dict[str, Any]:
    return {"kind": carrier.kind, "actor": carrier.actor, "name": carrier.name,
            "amount_sek": carrier.amount_sek, "decided": carrier.decided}


def followed_initiative_json(initiative: Initiative, *, dialogues: Iterable[Dialogue],
                             today: str) -> dict[str, Any]:
    """An initiative as ``list`` and ``show`` print it: ``initiative_json`` and its follow-up in
    the core it is seen in (``followed_up_in``: that core for a common initiative, else None):
    its lead unit, activities (``overdue`` measured on ``today``), updates (in the file's order),
    carriers and the dialogues that prioritised it."""
    from fardplan_cli.query import is_overdue

    core = initiative.core or initiative.followed_in
    return {
        **initiative_json(initiative),
        "followed_up_in": initiative.followed_in,
        "lead_unit": initiative.lead_unit,
        "activities": [activity_json(a, core, overdue=is_overdue(a, today))
                       for a in initiative.activities],
        "updates": [update_json(u) for u in initiative.updates],
        "carried_by": [carrier_json(c) for c in initiative.carried_by],
        "dialogues": [{"date": d.date, "cycle": d.cycle} for d in dialogues],
    }


def initiative_detail_json(initiative: Initiative, directions: Mapping[str, str], *,
                           dialogues: Iterable[Dialogue] = (), today: str = "",
                           by_core: Sequence[Initiative] | None = None) -> dict[str, Any]:
    """``show REF``: the initiative (``followed_initiative_json``) and the direction of its area
    in each core it belongs to; for a common initiative shown without a core, ``by_core``: its
    status in every core."""
    data = {**followed_initiative_json(initiative, dialogues=dialogues, today=today),
            "directions": dict(directions)}
    if by_core is not None:
        data["by_core"] = [{"core": i.followed_in, "status": i.status, "status_note": i.status_note}
                           for i in by_core]
    return data


def core_json(core: Core, initiatives: int, by_status: dict[str, int],
              core_specific: int | None = None) -> dict[str, Any]:
    """A core with the counts of its plan (``cores`` adds the count of its own initiatives)."""
    data: dict[str, Any] = {
        "id": core.id,
        "name": core.name,
        "municipalities": list(core.municipalities),
        "initiatives": initiatives,
        "by_status": by_status,
    }
    if core_specific is not None:
        data["core_specific"] = core_specific
    return data


def character_json(sections: Iterable[CharacterSection]) -> list[dict[str, Any]]:
    return [{"heading": s.heading, "text": s.text} for s in sections]


def indicator_json(indicator: Indicator) -> dict[str, Any]:
    target = indicator.target
    return {
        "id": indicator.id,
        "label": indicator.label,
        "unit": indicator.unit,
        "values": [{"year": v.year, "value": v.value, "note": v.note} for v in indicator.values],
        "area": indicator.area,
        "source": indicator.source,
        "target": {"year": target.year, "value": target.value} if target is not None else None,
    }


def core_detail_json(core: Core, plan_refs: Sequence[str]) -> dict[str, Any]:
    """``show CORE``: the core's own texts and indicators, and the references of its plan."""
    return {
        "id": core.id,
        "name": core.name,
        "municipalities": list(core.municipalities),
        "entered": core.entered,
        "character": character_json(core.character),
        "directions": [{"area": d.area, "text": d.text} for d in core.directions],
        "indicators": [indicator_json(i) for i in core.indicators],
        "initiatives": list(plan_refs),
        "dialogues": [
            {"date": d.date, "cycle": d.cycle, "participants": list(d.participants),
             "prioritized": list(d.prioritized), "note": d.note}
            for d in sorted(core.dialogues, key=lambda d: d.date)
        ],
    }


def actor_json(actor: Actor) -> dict[str, Any]:
    return {"id": actor.id, "name": actor.name, "kind": actor.kind, "part_of": actor.part_of}


# -- validation, diff and history --------------------------------------------------------------------


def problem_json(problem: Problem) -> dict[str, Any]:
    return {
        "file": problem.file,
        "line": problem.line,
        "column": problem.column,
        "severity": problem.severity,
        "code": problem.code,
        "message": problem.message,
        "path": problem.path,
    }


def problems_json(problems: Iterable[Problem], *, errors: int, warnings: int,
                  files: int) -> dict[str, Any]:
    """``validate``: ``{"problems": [...], "summary": {"errors", "warnings", "files"}}``."""
    return {
        "problems": [problem_json(problem) for problem in problems],
        "summary": {"errors": errors, "warnings": warnings, "files": files},
    }


def document_section_json(section: DocumentSection | SectionReplacement) -> dict[str, Any]:
    """A section of the document's own text as a diff's ``section-added`` or ``-removed``
    carries it: a shared section with its level and placement, a core's own wording with its
    id, heading (None: the shared one's) and text."""
    if isinstance(section, DocumentSection):
        return {"id": section.id, "heading": section.heading, "level": section.level,
                "placement": section.placement, "text": section.text}
    return {"id": section.id, "heading": section.heading, "text": section.text}


def _change_value(value: Any) -> Any:
    """A change's ``old`` or ``new`` in JSON: a section of the document as its shape, any other
    value (a text, a number, a list, an activity) as it is."""
    if isinstance(value, (DocumentSection, SectionReplacement)):
        return document_section_json(value)
    return value


def change_json(change: Change, added: Mapping[str, Initiative] | None = None) -> dict[str, Any]:
    """One change of a diff, or of one commit in an initiative's history. An ``initiative-added``
    change of a diff also holds what the new initiative holds (``"initiative"``: title,
    description, lead, lead unit and participants)."""
    shape = {
        "kind": change.kind,
        "core": change.core,
        "ref": change.ref,
        "key": change.key,
        "field": change.field,
        "old": _change_value(change.old),
        "new": _change_value(change.new),
        "added": list(change.added),
        "removed": list(change.removed),
        "note": change.note,
        "words": [[op, text] for op, text in change.words] if change.words is not None else None,
    }
    initiative = added.get(change.ref) if added and change.ref else None
    if change.kind == "initiative-added" and initiative is not None:
        shape["initiative"] = {
            "title": initiative.title,
            "description": initiative.description,
            "afterword": initiative.afterword,
            "lead": initiative.lead,
            "lead_unit": initiative.lead_unit,
            "participants": list(initiative.participants),
        }
    return shape


def revision_json(rev: str | None, commit: str | None, label: str,
                  committed: str | None = None) -> dict[str, Any]:
    """One side of a diff: what the user typed, the commit, the label people read, and when the
    commit was made (ISO 8601; null for the working tree)."""
    return {"rev": rev, "commit": commit, "label": label, "committed": committed}


def diff_json(source: dict[str, Any], target: dict[str, Any], core: str | None,
              changes: Iterable[Change], summary: dict[str, int],
              added: Mapping[str, Initiative] | None = None) -> dict[str, Any]:
    """``diff``: the two sides (``revision_json``), the core it was narrowed to, the changes."""
    return {
        "from": source,
        "to": target,
        "core": core,
        "changes": [change_json(c, added) for c in changes],
        "summary": summary,
    }


def history_entry_json(*, commit: str, date: str, author: str, email: str, message: str, ref: str,
                       changes: Iterable[Change]) -> dict[str, Any]:
    """``log REF``: one commit that changed the initiative, and what it changed. ``ref`` is the
    initiative's reference in that commit (it may have been renumbered since)."""
    return {
        "commit": commit,
        "date": date,
        "author": author,
        "email": email,
        "message": message,
        "ref": ref,
        "changes": [change_json(c) for c in changes],
    }


def cycle_json(*, cycle: str, name: str | None, in_plans: bool, tag: str, commit: str | None,
               date: str | None, phase: str) -> dict[str, Any]:
    """``cycle list``: a cycle of the plans or of a tag, and its tag's commit when it is closed;
    ``phase`` is ``upcoming``, ``ongoing``, ``ended`` or ``closed``."""
    return {
        "id": cycle,
        "name": name,
        "in_plans": in_plans,
        "tag": tag,
        "phase": phase,
        "closed": commit is not None,
        "commit": commit,
        "date": date,
    }


# -- reports -----------------------------------------------------------------------------------------


def status_row_json(row: StatusRow, *, core_name: str | None, area_title: str | None,
                    cycle: str | None) -> dict[str, Any]:
    return {
        "core": row.core,
        "core_name": core_name,
        "area": row.area,
        "area_title": area_title,
        "total": row.is_total,
        "initiatives": row.initiatives,
        "by_status": dict(row.by_status),
        "prioritised": row.prioritised,
        "cycle": cycle,
        "without_lead": row.without_lead,
    }


def stale_json(row: StaleRow) -> dict[str, Any]:
    return {
        "ref": row.initiative.ref,
        "core": row.initiative.core,
        "id": row.initiative.id,
        "title": row.initiative.title,
        "status": row.initiative.status,
        "last_changed": row.last_changed.isoformat(),
        "age_days": row.age_days,
    }


def status_report_json(*, core: str | None, cycle: str | None,
                       rows: list[dict[str, Any]]) -> dict[str, Any]:
    """``report status``: the rows (``status_row_json``); the lägesbild and the stale initiatives
    are added as ``entered``, ``indicators``, ``stale_days`` and ``stale`` when asked for."""
    return {"report": "status", "core": core, "cycle": cycle, "rows": rows}


def common_status_json(rows: Iterable[CommonStatusRow],
                       cores: Iterable[tuple[str, str]]) -> dict[str, Any]:
    """``report status --common``: the cores (id, name) and, per common initiative, its status
    and status note in each core."""
    return {
        "report": "common-status",
        "cores": [{"id": core_id, "name": name} for core_id, name in cores],
        "rows": [
            {
                "ref": row.initiative.ref,
                "id": row.initiative.id,
                "area": row.initiative.area,
                "title": row.initiative.title,
                "by_core": {core: {"status": i.status, "status_note": i.status_note}
                            for core, i in row.by_core.items()},
            }
            for row in rows
        ],
    }


def involvement_json(row: InvolvementRow, through_name: str | None) -> dict[str, Any]:
    return {
        "ref": row.initiative.ref,
        "core": row.initiative.core,
        "id": row.initiative.id,
        "title": row.initiative.title,
        "role": row.role,
        "via": row.via,
        "through": row.through,
        "through_name": through_name,
        "status": row.initiative.status,
        "followed_up_in": row.initiative.followed_in,
        "degree": row.degree,
        "activity": row.activity,
    }


def matrix_row_json(row: MatrixRow) -> dict[str, Any]:
    return {
        **actor_json(row.actor),
        "by_core": {c: {"lead": n.lead, "participant": n.participant, "concerned": n.concerned}
                    for c, n in row.by_core.items()},
        "lead": row.total.lead,
        "participant": row.total.participant,
        "concerned": row.total.concerned,
    }


def responsibility_json(actor: Actor | None, core: str | None,
                        rows: list[dict[str, Any]]) -> dict[str, Any]:
    """``report responsibility``: one actor's involvements, or (no actor) the matrix's rows."""
    return {
        "report": "responsibility",
        "actor": actor_json(actor) if actor is not None else None,
        "core": core,
        "rows": rows,
    }


# -- the printable plan ------------------------------------------------------------------------------


def document_initiative_json(item: DocumentInitiative) -> dict[str, Any]:
    return {**initiative_json(item.initiative), "lead_name": item.lead_name,
            "participant_names": list(item.participant_names),
            "afterword": item.initiative.afterword}


def printed_section_json(section: PrintedSection) -> dict[str, Any]:
    return {
        "id": section.id, "heading": section.heading, "level": section.level,
        "placement": section.section.placement, "text": section.section.text,
        "blocks": [{"kind": b.kind, "lines": list(b.lines)} for b in section.blocks],
    }


def cover_json(cover: Cover | None) -> dict[str, Any] | None:
    if cover is None:
        return None
    return {"title": cover.title, "publisher": cover.publisher, "address": list(cover.address),
            "year": cover.year,
            "contacts": [{"role": c.role, "name": c.name} for c in cover.contacts]}


def core_document_json(document: CoreDocument) -> dict[str, Any]:
    from fardplan_cli.render.export import contents_heading

    """One core's plan in the published order: cover, contents, the shared sections with their
    placement, character, each goal area, the initiative map (by place, and by goal area as the
    published plan prints it), indicators."""
    return {
        "id": document.core.id,
        "name": document.core.name,
        "entered": document.entered,
        "character": character_json(document.character),
        "areas": [
            {
                "number": section.area.number,
                "title": section.area.title,
                "heading": section.area.plan_heading,
                "summary": section.area.summary,
                "direction": section.direction,
                "common": [document_initiative_json(i) for i in section.common],
                "core_specific": [document_initiative_json(i) for i in section.core_specific],
            }
            for section in document.areas
        ],
        "initiative_map": [
            {"place": entry.place, "initiatives": [i.ref for i in entry.initiatives]}
            for entry in document.initiative_map
        ],
        "initiative_map_by_area": [
            {"area": entry.area.number, "title": entry.area.title,
             "initiatives": [i.ref for i in entry.initiatives]}
            for entry in document.map_by_area
        ],
        "indicators": [indicator_json(i) for i in document.indicators],
        "cover": cover_json(document.cover),
        "contents": [{"level": e.level, "part": e.part, "key": e.key,
                      "heading": contents_heading(document, e)} for e in document.contents],
        "sections": [printed_section_json(s) for s in document.sections],
    }


def plan_document_json(document: PlanDocument) -> dict[str, Any]:
    """``export --format json``."""
    return {"title": document.title, "language": document.language,
            "cores": [core_document_json(c) for c in document.cores]}
