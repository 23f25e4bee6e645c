"""What a typed revision may be, checked before git ever sees it."""

from __future__ import annotations

import re

from fardplan_cli.errors import NotFoundError
from fardplan_cli.i18n import t

_OBJECT_ID = re.compile(r"[0-9a-f]{40}|[0-9a-f]{64}")  # SHA-1 or SHA-256


class RevisionError(NotFoundError):
    """A revision the user typed is not one, or names nothing in the repository (exit 2)."""


def is_object_id(text: str) -> bool:
    return _OBJECT_ID.fullmatch(text) is not None


def check_revision(typed: str) -> str:
    """Refuse, before git sees it, any revision that could be read as an option or a path."""
    if not typed or not typed.strip():
        raise RevisionError(t("an empty revision is not allowed"))
    if "\0" in typed or "\n" in typed or "\r" in typed:
        raise RevisionError(t("a revision may not contain a line break or NUL: {rev!r}", rev=typed))
    if typed.startswith("-"):
        raise RevisionError(t("a revision may not start with '-': {rev!r}", rev=typed))
    if ":" in typed:
        raise RevisionError(t(
            "{rev!r} is not a revision: ':' (a path inside a revision) is not allowed", rev=typed))
    if any(ord(c) < 32 or ord(c) == 127 for c in typed):
        raise RevisionError(t("a revision may not contain control characters: {rev!r}", rev=typed))
    return typed
