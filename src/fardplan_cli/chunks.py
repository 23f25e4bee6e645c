"""A core file's text cut into its initiatives, so that a diff parses only the ones that changed.

Between two cycles every core file may have changed, but each by an initiative or two: parsing both
versions of every file whole is most of what such a diff costs. ``cut_core_text`` cuts a core
file's text into its *head* (everything but the items of ``initiatives``) and one text per item,
without parsing it; ``lines_close`` says whether the cut is sure.
Items whose text is the same on both sides say the same thing, so only the others need parsing.

The cut is made only where it is certain to be where YAML itself would cut: a line that begins
with ``-`` at the indentation of the ``initiatives`` sequence. It is not certain inside a scalar
that runs over several lines in quotes or inside a flow collection (``[...]``, ``{...}``) that
runs over several lines: such a line may begin with ``-`` without being an item. So the cut is
refused (``None``: parse the whole file) unless every quoted scalar and flow collection closes on
the line it opens, as checked conservatively line by line below. Plain and block (``|``, ``>``)
scalars need no check: YAML ends them at any line indented as little as an item of the sequence.
Everything else unusual is refused too: tabs, backslash escapes, lone carriage returns or other
line breaks YAML knows, document markers and directives, tags, anchors, aliases, complex keys, an
``initiatives`` that is not a block sequence under a top-level key, keys after it that do not
start at the first column, an item without exactly one ``id`` key at its keys' indentation whose
value is quoted on that line. A refusal costs speed, never correctness.

What is left to the caller: parse the head (``initiatives`` is empty there: null) and the texts of
the items it wants, joined (they are one sequence, as in the file), check that they parse and
hand both to ``assemble``, and, because it matches initiatives by id, check that no id occurs twice
(``ids`` gives each item's id as written, for that).
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

# Anything whose meaning a line-by-line look cannot be sure of: tabs (indentation YAML may refuse),
# backslash escapes (a key or quote written in escapes), line breaks other than LF and CRLF, a byte
# order mark inside the text; and at the start of a line, document markers and directives.
_UNSURE_CHARACTERS = ("\t", "\\", "\x85", "\u2028", "\u2029", "\ufeff")
_UNSURE_LINE_STARTS = ("---", "...", "%")

# A node that may not close on its line: a character that starts a quoted scalar, a flow
# collection, a tag, an anchor, an alias, an explicit key or a reserved indicator, not followed by a
# quoted scalar or a flow collection that closes on its line (then nothing but a comment, or the
# colon of a key). Flow collections may hold quoted scalars but no other collection, and no
# comment. Block scalars (``|``, ``>``) need no check. Such a character starts a node only after
# the indentation of a line or after a sequence dash, a key's colon, an explicit key's question
# mark or a comma and spaces: always after a space or a line feed (tabs are refused), which the
# pattern asks; ``_starts_node`` then looks at the rest of the line before it.
_END_OF_NODE = r"(?=[ ]*(?:#[^\n]*)?(?:\n|$)|[ ]*:(?:[ ]|\n|$))"
# A quoted scalar closed on its line may also be followed by what follows one inside a flow
# collection (``["1.3", "2.2"]``: the second quote starts a node after a comma): a comma or the
# end of the collection. It is closed either way; the collection is checked from its bracket.
_END_OF_QUOTED = rf"(?:{_END_OF_NODE}|(?=[ ]*[,\]}}]))"
_DOUBLE = r'"[^"\n]*"'
_SINGLE = r"'(?:[^'\n]|'')*'"
_IN_FLOW = rf"(?:[^\[\]{{}}\"'#\n]|{_DOUBLE}|{_SINGLE})*"
_UNCLOSED = re.compile(  # the character (first: the engine scans for it), then the rest
    rf"[\"'\[{{!&*?@`%](?<=[ \n].)(?!(?<=\"){_DOUBLE[1:]}{_END_OF_QUOTED}"
    rf"|(?<='){_SINGLE[1:]}{_END_OF_QUOTED}|(?<=\[){_IN_FLOW}\]{_END_OF_NODE}"
    rf"|(?<=\{{){_IN_FLOW}\}}{_END_OF_NODE})"
)
def _starts_node(text: str, at: int) -> bool:
    """Whether a node may start at ``at`` (after a space or a line feed): after nothing but
    spaces on its line, or after an indicator and spaces (over-approximate: in running text it only
    makes the check stricter). Looks back over the spaces only, so that a long line with many
    candidates costs no more than its length."""
    before = at - 1
    while before > 0 and text[before] == " ":
        before -= 1
    return text[before] in "\n-:?,"


# The top-level key, with nothing after it but a comment: a block sequence follows.
_INITIATIVES_KEY = re.compile(r"\ninitiatives:[ ]*(?:#[^\n]*)?(?=\n|$)")
# The first line after it that is neither blank nor a comment.
_FIRST_CONTENT = re.compile(r"\n(?![ ]*(?:#|\n|$))([ ]*)")


@dataclass(frozen=True)
class CoreText:
    """A core file's text, cut: ``head`` is the file without the items of ``initiatives`` (their
    lines removed, the key kept), ``items`` the text of each item in order, ``ids`` each item's
    id as written (quotes removed). ``text`` is the whole text, with LF line ends."""

    head: str
    items: tuple[str, ...]
    ids: tuple[str, ...]
    text: str


def lines_close(text: str) -> bool:
    """Whether every quoted scalar and flow collection that may start on these whole lines
    closes on its line. Line by line: checking each piece of a text is checking the text."""
    text = "\n" + text
    return not any(_starts_node(text, m.start()) for m in _UNCLOSED.finditer(text))


def cut_core_text(text: str) -> CoreText | None:
    """Cut a core file's text (decoded, without its byte order mark) into head and items, or
    ``None`` when the cut could be wrong (then the file is parsed whole). The cut is sure only when
    ``lines_close`` holds for its text too, which is checked apart: the diff checks a piece that
    is the same in two versions of a file once."""
    if "\r" in text:
        text = text.replace("\r\n", "\n")  # YAML reads a CRLF as a LF everywhere
        if "\r" in text:
            return None
    text = "\n" + text  # every line starts after a line feed (removed again at the end)
    if any(c in text for c in _UNSURE_CHARACTERS) or any(
        f"\n{s}" in text for s in _UNSURE_LINE_STARTS
    ):
        return None
    keys = list(_INITIATIVES_KEY.finditer(text))
    if len(keys) != 1:
        return None
    key = keys[0]
    first = _FIRST_CONTENT.search(text, key.end())
    if first is None:
        return None
    indent, start = len(first.group(1)), first.start()  # ``start``: the line feed before it
    item_start, end_of_items, item_id = _patterns(indent)
    if item_start.match(text, start) is None:
        return None
    # The items run to the first line, not blank and not a comment, indented no deeper than they
    # are, that is not an item. The key after them must start at the first column.
    after = end_of_items.search(text, start)
    end = after.start() if after is not None else len(text)
    if end < len(text) and text[end + 1] in " -":
        return None
    starts = [m.start() for m in item_start.finditer(text, start, end)]
    found = list(item_id.finditer(text, start, end))
    # Exactly one id per item, on its dash's line or a line of its own keys.
    if len(found) != len(starts) or any(
        bisect.bisect_right(starts, m.start()) - 1 != n for n, m in enumerate(found)
    ):
        return None
    bounds = [*starts, end]
    return CoreText(
        text[1 : start + 1] + text[end + 1 :],
        tuple(text[bounds[n] + 1 : bounds[n + 1] + 1] for n in range(len(starts))),
        tuple(double if single is None else single.replace("''", "'")
              for double, single in (m.groups() for m in found)),
        text[1:],
    )


@functools.lru_cache(maxsize=16)
def _patterns(indent: int) -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """For items at this indentation: the start of an item, the line that ends them, and the
    ``id`` key of an item (written on the dash's line, or two columns in), quoted and closed on its
    line: a plain or block id could hide what it is (``1.3`` is a number; ``>-`` puts the id on
    the next line), and the ids are what tells two initiatives apart."""
    spaces = f"[ ]{{{indent}}}"
    item_start = re.compile(rf"\n{spaces}-(?=[ ]|\n|$)")
    end_of_items = re.compile(rf"\n(?=[ ]{{0,{indent}}}[^ #\n])(?!{spaces}-(?:[ ]|\n|$))")
    item_id = re.compile(
        rf"\n(?:{spaces}-[ ]+|{spaces}[ ][ ])id:"
        rf"""[ ]+(?:"([^"\n]*)"|'((?:[^'\n]|'')*)')[ ]*(?:#[^\n]*)?(?=\n|$)"""
    )
    return item_start, end_of_items, item_id


def assemble(head: Any, items: Any, ids: Sequence[str]) -> dict[str, Any] | None:
    """A core file's data from its parsed head and the parsed text of the items wanted (their
    texts joined, in order: a sequence), with each item's id as written; ``None`` when a piece is
    not what the cut says it is (then the file is parsed whole)."""
    if type(head) is not dict or head.get("initiatives", ()) is not None:
        return None
    if not ids:
        return {**head, "initiatives": []} if items is None else None
    if type(items) is not list or len(items) != len(ids):
        return None
    for item, item_id in zip(items, ids, strict=True):
        if not (type(item) is dict and item.get("id") == item_id):
            return None
    return {**head, "initiatives": items}
