"""Editing plans: assign, set-status, prioritize, new, and a core's follow-up (dialogues,
activities, updates, how an initiative is carried: ``followup``).

``commands`` holds the edits of an initiative's own fields, ``followup`` those of a core's
follow-up (priorities in dialogues included): pure functions from the plan set and the files'
bytes to an ``EditResult``. ``plantext`` finds an initiative's lines in its file and puts the edited lines
back, ``roundtrip`` edits those lines with ruamel (comments, quoting, new scalars), and
``perform`` makes one edit under the plan lock: read, edit, validate, write, commit.
"""

from fardplan_cli.edit.commands import (
    assign,
    new_initiative,
    next_initiative_id,
    resolve_for_edit,
    set_status,
    typed_text,
)
from fardplan_cli.edit.followup import (
    CARRIER_KINDS,
    add_activity,
    add_carrier,
    add_dialogue,
    add_update,
    next_activity_id,
    prioritize,
    set_activity_status,
)
from fardplan_cli.edit.lines import CORE_KEY_ORDER, INITIATIVE_KEY_ORDER, EditResult, file_of
from fardplan_cli.edit.perform import EditOutcome, Maker, WriteFailedError, perform
from fardplan_cli.edit.roundtrip import plain_scalar, text_scalar, yaml11_ambiguous

__all__ = [
    "CARRIER_KINDS",
    "CORE_KEY_ORDER",
    "INITIATIVE_KEY_ORDER",
    "EditOutcome",
    "EditResult",
    "Maker",
    "WriteFailedError",
    "add_activity",
    "add_carrier",
    "add_dialogue",
    "add_update",
    "assign",
    "file_of",
    "new_initiative",
    "next_activity_id",
    "next_initiative_id",
    "perform",
    "plain_scalar",
    "prioritize",
    "resolve_for_edit",
    "set_activity_status",
    "set_status",
    "text_scalar",
    "typed_text",
    "yaml11_ambiguous",
]
