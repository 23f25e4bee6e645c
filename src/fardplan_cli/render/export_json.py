"""``fardplan export --format json``: the document's structure, in the published order."""

from __future__ import annotations

from typing import Any, TextIO

from fardplan_cli.export import CoreDocument, DocumentInitiative, PlanDocument
from fardplan_cli.render.jsonout import dumps
from fardplan_cli.render.report import indicator_json
from fardplan_cli.render.shapes import initiative_json


def _initiative(item: DocumentInitiative) -> dict[str, Any]:
    data = initiative_json(item.initiative)
    data["lead_name"] = item.lead_name
    data["participant_names"] = list(item.participant_names)
    return data


def core_document_json(document: CoreDocument) -> dict[str, Any]:
    return {
        "id": document.core.id,
        "name": document.core.name,
        "entered": document.entered,
        "character": [{"heading": s.heading, "text": s.text} for s in document.character],
        "areas": [
            {
                "number": section.area.number,
                "title": section.area.title,
                "summary": section.area.summary,
                "direction": section.direction,
                "common": [_initiative(i) for i in section.common],
                "core_specific": [_initiative(i) for i in section.core_specific],
            }
            for section in document.areas
        ],
        "initiative_map": [
            {"place": entry.place, "initiatives": [i.ref for i in entry.initiatives]}
            for entry in document.initiative_map
        ],
        "indicators": [indicator_json(i) for i in document.indicators],
    }


def render_json_document(document: PlanDocument, stream: TextIO) -> None:
    data = {"title": document.title, "cores": [core_document_json(c) for c in document.cores]}
    stream.write(dumps(data) + "\n")
