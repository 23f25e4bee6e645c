"""Editing plans: assign, set-status, prioritize, new.

``commands`` holds the edits themselves (pure functions from the plan set and the files' bytes to
an ``EditResult``), ``plantext`` finds an initiative's lines in its file and puts the edited lines
back, ``roundtrip`` edits those lines with ruamel (comments, quoting, new scalars), and
``perform`` makes one edit under the plan lock: read, edit, validate, write, commit.
"""

from fardplan_cli.edit.commands import (
    CORE_KEY_ORDER,
    INITIATIVE_KEY_ORDER,
    EditResult,
    assign,
    file_of,
    new_initiative,
    next_initiative_id,
    prioritize,
    set_status,
    typed_text,
)
from fardplan_cli.edit.perform import EditOutcome, Maker, WriteFailedError, perform
from fardplan_cli.edit.roundtrip import plain_scalar, text_scalar, yaml11_ambiguous

__all__ = [
    "CORE_KEY_ORDER", "INITIATIVE_KEY_ORDER", "EditOutcome", "EditResult", "Maker",
    "WriteFailedError", "assign", "file_of", "new_initiative", "next_initiative_id", "perform",
    "plain_scalar", "prioritize", "set_status", "text_scalar", "typed_text", "yaml11_ambiguous",
]
