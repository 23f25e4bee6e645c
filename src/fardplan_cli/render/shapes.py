"""The stable JSON shapes of the README. Keep them backwards compatible: add keys, never rename."""

from __future__ import annotations

from typing import Any

from fardplan_cli.model import Actor, Core, Initiative


def initiative_json(initiative: Initiative) -> dict[str, Any]:
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


def core_json(core: Core, initiatives: int, by_status: dict[str, int]) -> dict[str, Any]:
    return {
        "id": core.id,
        "name": core.name,
        "municipalities": list(core.municipalities),
        "initiatives": initiatives,
        "by_status": by_status,
    }


def actor_json(actor: Actor) -> dict[str, Any]:
    return {"id": actor.id, "name": actor.name, "kind": actor.kind, "part_of": actor.part_of}
