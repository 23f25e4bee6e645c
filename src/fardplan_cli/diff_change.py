"""One change between two plan sets, and the word-level diff of a text: what diff.py and
diff_follow_up.py both build their changes from."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Literal

WordOp = Literal["equal", "delete", "insert"]

_TOKEN = re.compile(r"\s+|[^\s]+")


@dataclass(frozen=True)
class Change:
    """One change. ``core`` is None for the region's own things (common initiatives included).

    ``ref`` is the initiative's reference (on the new side when it exists there); ``key`` names the
    other things (a goal area's number, a cycle or actor id, a direction's area, a character
    heading, a core id). ``words`` is the word-level diff of a text field; ``added``/``removed``
    the members of a list field; ``note`` the new status note with a status change.
    """

    kind: str
    core: str | None
    ref: str | None
    field: str | None
    old: Any = None
    new: Any = None
    key: str | None = None
    added: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()
    words: tuple[tuple[WordOp, str], ...] | None = None
    note: str | None = None


# -- words ------------------------------------------------------------------------------------


def word_diff(old: str, new: str) -> tuple[tuple[WordOp, str], ...]:
    """The word-level diff of two texts; joining the non-inserted parts gives ``old`` back, the
    non-deleted parts ``new``. Whitespace runs are tokens of their own so nothing is lost."""
    a, b = _TOKEN.findall(old), _TOKEN.findall(new)
    ops: list[tuple[WordOp, str]] = []

    def add(op: WordOp, text: str) -> None:
        if not text:
            return
        if ops and ops[-1][0] == op:
            ops[-1] = (op, ops[-1][1] + text)
        else:
            ops.append((op, text))

    # The words both texts begin and end with are equal as they stand: only the middle, where a
    # plan's edit usually is, goes through the matcher (whose cost grows with its length squared).
    start, end = 0, 0
    limit = min(len(a), len(b))
    while start < limit and a[start] == b[start]:
        start += 1
    while end < limit - start and a[-1 - end] == b[-1 - end]:
        end += 1
    add("equal", "".join(a[:start]))
    middle_a, middle_b = a[start : len(a) - end], b[start : len(b) - end]
    matcher = difflib.SequenceMatcher(None, middle_a, middle_b, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            add("equal", "".join(middle_a[i1:i2]))
            continue
        removed, inserted = "".join(middle_a[i1:i2]), "".join(middle_b[j1:j2])
        if removed.strip() == "" and inserted.strip() == "" and removed and inserted:
            add("equal", inserted)  # a change of spacing alone reads as unchanged text
            continue
        add("delete", removed)
        add("insert", inserted)
    add("equal", "".join(a[len(a) - end :]))
    return tuple(ops)


def list_change(old: Iterable[str], new: Iterable[str]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    old_list, new_list = list(old), list(new)
    added = tuple(x for x in new_list if x not in old_list)
    removed = tuple(x for x in old_list if x not in new_list)
    return added, removed
