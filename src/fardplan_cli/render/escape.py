"""Control characters in plan text, shown escaped: plan text never commands the terminal.

Plan files come from many hands (pull requests). A core name holding ``ESC ] 0 ; title BEL ESC [ 2 J``
would set the terminal's title and clear the screen if printed as it is; U+202E (RIGHT-TO-LEFT
OVERRIDE) would show a line in another order than it has. So every renderer but JSON (which
writes such characters as ``\\uXXXX`` itself) gets its value through ``shown``, once, in the
registry's dispatch (``render.lazy_renderer``), and every message on stderr through
``escape_controls``:

- C0 control characters other than line feed and tab, DEL and the C1 controls are written
  ``\\xHH`` (ESC is ``\\x1b``, CR ``\\x0d``);
- the characters that reorder or separate text invisibly (the bidi embeddings, overrides and
  isolates, the left-to-right and right-to-left and Arabic letter marks, the line and paragraph
  separators) are written ``\\uHHHH``.

Line feeds and tabs are kept; a format that cannot hold them in a place (a tab-separated cell)
writes them its own way. A backslash is left as it is: the escape is for reading, not a reversible
encoding (JSON gives the text exactly).
"""

from __future__ import annotations

import dataclasses
import re
from typing import Any, TypeVar

T = TypeVar("T")

CONTROL = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


def escape_controls(text: str) -> str:
    """``text`` with its control characters written as escapes (see the module's docstring)."""
    if text.isprintable():  # the common case; no control character is printable
        return text
    return CONTROL.sub(_escape, text)


def shown(value: T) -> T:
    """``value`` with every string in it escaped: strings, lists, tuples, dicts and dataclasses
    are copied where something changes (the rest is shared); other values are kept."""
    result: T = _shown(value)
    return result


def _shown(value: Any) -> Any:
    if isinstance(value, str):
        return escape_controls(value)
    if value is None or isinstance(value, (int, float)):
        return value
    if isinstance(value, (list, tuple)):
        items = [_shown(item) for item in value]
        if all(new is old for new, old in zip(items, value, strict=True)):
            return value
        if isinstance(value, list):
            return items
        if hasattr(value, "_fields"):  # a named tuple
            return type(value)(*items)
        return type(value)(items)
    if isinstance(value, dict):
        pairs = [(_shown(key), _shown(item)) for key, item in value.items()]
        if all(k is old_k and v is old_v
               for (k, v), (old_k, old_v) in zip(pairs, value.items(), strict=True)):
            return value
        return dict(pairs)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return _shown_dataclass(value)
    return value


def _shown_dataclass(value: Any) -> Any:
    # A field marked render.NOT_SHOWN (the JSON value beside a table) is left as it is.
    fields = [f for f in dataclasses.fields(value) if f.metadata.get("shown", True)]
    changed = {}
    for field in fields:
        old = getattr(value, field.name)
        new = _shown(old)
        if new is not old:
            changed[field.name] = new
    if not changed:
        return value
    # A copy with the escaped fields: frozen and slotted dataclasses too, without calling __init__
    # (which may compute or check things). Properties and cached values follow the new fields.
    copy = object.__new__(type(value))
    for field in dataclasses.fields(value):
        object.__setattr__(copy, field.name, changed.get(field.name, getattr(value, field.name)))
    return copy
