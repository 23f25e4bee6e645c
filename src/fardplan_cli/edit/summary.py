"""The one-line summary of an edit, in the language of the run: what the edit changed, as the
planner reads it (names of actors, statuses in words), also the commit message of ``--commit``.

``assign sodertalje:1.3: lead Södertälje kommun, +Trafikverket`` in English is
``ansvar sodertalje:1.3: ansvarig: Södertälje kommun, +Trafikverket`` in Swedish; an edit that
changes nothing says so (``ingen ändring``).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from fardplan_cli.i18n import current_language, status_label, t

if TYPE_CHECKING:
    from fardplan_cli.model import PlanSet

# How an initiative is carried, as the summary names it.
CARRIER_WORDS = {
    "assignment": "political assignment",
    "operations": "operations",
    "forum": "collaboration forum",
    "funding": "funding",
}


def actor_name(plan: PlanSet, actor_id: str) -> str:
    """The actor's name, as the plans' readers know it (its id where the registry has none)."""
    actor = plan.actor(actor_id)
    return actor.name if actor is not None else actor_id


def actor_names(plan: PlanSet, actor_ids: Iterable[str]) -> str:
    return ", ".join(actor_name(plan, a) for a in actor_ids)


def status_word(status: str) -> str:
    """``planned`` in English (the word the plans and ``set-status`` use), ``planerad`` in
    Swedish."""
    return status_label(status).lower() if current_language() == "sv" else status


def status_change(old: str | None, new: str) -> str:
    return t("{old} -> {new}", old=status_word(old) if old else t("none"), new=status_word(new))


def note_set(note: str) -> str:
    return t("note {note}", note=repr(note))


def summary(head: str, parts: Sequence[str], *, shared: bool = False) -> str:
    """``head: part, part``, or ``head: no change``; an edit of a common initiative's shared text
    adds that it applies to every core."""
    text = t("{head}: {changes}", head=head, changes=", ".join(parts) if parts else t("no change"))
    if shared and parts:
        text = t("{summary}; applies to every core", summary=text)
    return text
