"""The forms of the plan's names: core ids, goal areas, initiative ids and references, actor ids,
cycle ids, indicator ids and dates, written once.

Every reader of a name that a person or a file gives checks it here; the JSON Schemas spell the same
forms as ``pattern``s (``^FORM$``), and a test keeps the two in step. Each form is ASCII only: a
core id written with a decomposed ``ä`` is not a core id, whatever it looks like on screen.
"""

from __future__ import annotations

import re
from datetime import date

CORE_ID = r"[a-z][a-z0-9-]{1,40}"
"""A core's id, which is also its file's stem: ``sodertalje``."""

ACTOR_ID = r"[a-z0-9][a-z0-9-]*"
"""An actor's id in ``plans/actors.yaml``: ``region-stockholm``."""

INITIATIVE_ID = r"[1-9][0-9]*\.[1-9][0-9]*"
"""An initiative's id, always text: ``1.3``; the part before the dot is its goal area."""

ACTIVITY_ID = r"[1-9][0-9]*\.[1-9][0-9]*\.[1-9][0-9]*"
"""An activity's id, its initiative's id and a number: ``1.3.1``."""

CYCLE_ID = r"[0-9]{4}-[0-9]{4}"
"""A political cycle: ``2023-2026``; its git tag is ``cycle/<id>``."""

INDICATOR_ID = r"[a-z][a-z0-9_-]*"
"""An indicator of a core: ``residents``."""

SECTION_ID = r"[a-z][a-z0-9-]*"
"""A section of the document's own text, which a core may replace by it: ``avgransning``."""

ISO_DATE = r"[0-9]{4}-[0-9]{2}-[0-9]{2}"
"""A calendar date as ISO 8601 writes it: ``2026-03-31``."""

RESERVED_STEMS = frozenset({"region", "actors"})
"""File stems in ``plans/`` that are not cores."""

ACTOR_FIELDS = frozenset(
    {"lead", "lead_unit", "participants", "municipalities", "part_of", "owner", "by", "actor"})
"""Every field of a plan file whose values are actor ids."""

CYCLE_TAG_PREFIX = "cycle/"

FORMS: dict[str, str] = {
    "core id": CORE_ID,
    "actor id": ACTOR_ID,
    "initiative id": INITIATIVE_ID,
    "activity id": ACTIVITY_ID,
    "cycle id": CYCLE_ID,
    "indicator id": INDICATOR_ID,
    "section id": SECTION_ID,
    "date": ISO_DATE,
}
"""Each form by what it names (the schemas' patterns are ``^FORM$`` of one of these)."""

# fullmatch, never match with "$": Python's "$" also matches before a final newline.
_CORE_ID = re.compile(CORE_ID)
_ACTOR_ID = re.compile(ACTOR_ID)
_INITIATIVE_ID = re.compile(INITIATIVE_ID)
_ACTIVITY_ID = re.compile(ACTIVITY_ID)
_CYCLE_ID = re.compile(CYCLE_ID)
_ISO_DATE = re.compile(ISO_DATE)
# Digits, a dot, digits: meant as an initiative id even when it is not one (``0.1``), so that the
# answer says what an initiative reference is rather than "unknown core".
_ID_SHAPED = re.compile(r"[0-9]+\.[0-9]+")
# What YAML cannot hold in a plan's text: C0 controls but tab, line feed and carriage return; DEL
# and the C1 controls but NEL; lone surrogates (undecodable bytes); U+FFFE and U+FFFF.


def schema_pattern(form: str) -> str:
    """The JSON Schema ``pattern`` of a form: anchored at both ends."""
    return f"^{form}$"


def is_core_id(text: str) -> bool:
    """A core id, not a reserved stem (``region``, ``actors``)."""
    return _CORE_ID.fullmatch(text) is not None and text not in RESERVED_STEMS


def is_actor_id(text: str) -> bool:
    return _ACTOR_ID.fullmatch(text) is not None


def is_initiative_id(text: str) -> bool:
    return _INITIATIVE_ID.fullmatch(text) is not None


def is_activity_id(text: str) -> bool:
    """``1.3.1``: an initiative's id and the activity's number."""
    return _ACTIVITY_ID.fullmatch(text) is not None


def is_cycle_id(text: str) -> bool:
    return _CYCLE_ID.fullmatch(text) is not None


def is_iso_date(text: str) -> bool:
    """``YYYY-MM-DD`` naming a day that exists (``2026-02-30`` does not)."""
    if _ISO_DATE.fullmatch(text) is None:
        return False
    try:
        date.fromisoformat(text)
    except ValueError:
        return False
    return True


def goal_area_of(initiative_id: str) -> int:
    """``"3.12"`` -> 3. The id must be one (``is_initiative_id``)."""
    return int(initiative_id.split(".", 1)[0])


def split_reference(reference: str) -> tuple[str | None, str]:
    """``sodertalje:1.3`` -> ``("sodertalje", "1.3")``; a common initiative's ``1.1`` ->
    ``(None, "1.1")``. Only splits: the core part may be a name as typed (``Södertälje:1.3``)."""
    core, colon, initiative_id = reference.strip().rpartition(":")
    return (core.strip() if colon else None), initiative_id.strip()


def looks_like_reference(text: str) -> bool:
    """Whether what a person typed is meant as an initiative (``x:y`` or a bare ``1.3``) rather
    than a core's name."""
    return ":" in text or _ID_SHAPED.fullmatch(text.strip()) is not None


def cycle_tag(cycle_id: str) -> str:
    """The git tag of a cycle: ``cycle/2023-2026``. The id must be one (``is_cycle_id``)."""
    return CYCLE_TAG_PREFIX + cycle_id
