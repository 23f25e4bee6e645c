"""Control characters in plan text, shown escaped: plan text never commands the terminal.

Plan files come from many hands (pull requests). A core name holding ``ESC ] 0 ; title BEL ESC [ 2 J``
would set the terminal's title and clear the screen if printed as it is; U+202E (RIGHT-TO-LEFT
OVERRIDE) would show a line in another order than it has. So every renderer but JSON's and CSV's
(which escape in their own encoders: JSON as ``\\uXXXX``, CSV in its cell function, since it
writes CRLF line ends of its own) is called through ``escaped``, once, in the
registry's dispatch (``render.lazy_renderer``), and every message on stderr goes through
``escape_controls``:

- C0 control characters other than line feed and tab, DEL and the C1 controls are written
  ``\\xHH`` (ESC is ``\\x1b``, CR ``\\x0d``);
- the characters that reorder or separate text invisibly (the bidi embeddings, overrides and
  isolates, the left-to-right and right-to-left and Arabic letter marks, the line and paragraph
  separators) are written ``\\uHHHH``.

Line feeds and tabs are kept; a format that cannot hold them in a place (a tab-separated cell)
writes them its own way. A backslash is left as it is: the escape is for reading, not a reversible
encoding (JSON gives the text exactly).

On a terminal, where rich adds its own escape sequences for colour and style, the text is escaped
before the renderer sees it: ``shown`` copies the value with its strings escaped. Anywhere else
what the renderer writes is escaped instead (``EscapingStream``): one pass over the output, which
for a diff of every core is far cheaper than a walk over every change, and the same result, since
such a renderer writes no control character of its own but line feeds and tabs.
"""

from __future__ import annotations

import dataclasses
import operator
import re
from collections.abc import Sequence
from typing import Any, TextIO, TypeVar, cast

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


def escaped(value: T, streams: Sequence[TextIO]) -> tuple[T, tuple[TextIO, ...]]:
    """What a renderer is given: on a terminal the value ``shown``, else the streams escaping."""
    from fardplan_cli.render.terminal import is_terminal

    if streams and is_terminal(streams[0]):
        return shown(value), tuple(streams)
    return value, tuple(cast(TextIO, EscapingStream(stream)) for stream in streams)


class EscapingStream:
    """A text stream that writes what it is given with its control characters escaped."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream

    def write(self, text: str) -> int:
        if not text.isprintable():
            text = CONTROL.sub(_escape, text)
        return self.stream.write(text)

    def __getattr__(self, name: str) -> Any:  # flush, isatty, encoding, ...: the stream's own
        return getattr(self.stream, name)


def shown(value: T) -> T:
    """``value`` with every string in it escaped: strings, lists, tuples, dicts and dataclasses
    are copied where something changes (the rest is shared); other values are kept."""
    result: T = _shown(value)
    return result


_KEPT = (type(None), int, float, bool)
_FIELDS: dict[type, tuple[str, ...]] = {}  # a dataclass's fields that are shown, by its type


def _shown(value: Any) -> Any:
    kind = type(value)
    if kind is str:
        return value if value.isprintable() else CONTROL.sub(_escape, value)
    if kind in _KEPT:
        return value
    if kind is tuple or kind is list:
        items = [_shown(item) for item in value]
        if all(map(operator.is_, items, value)):
            return value
        return items if kind is list else tuple(items)
    if kind is dict:
        keys = [_shown(key) for key in value]
        items = [_shown(item) for item in value.values()]
        if all(map(operator.is_, keys, value)) and all(map(operator.is_, items, value.values())):
            return value
        return dict(zip(keys, items, strict=True))
    names = _FIELDS.get(kind)
    if names is None:
        if isinstance(value, str):  # a str Enum: a name, not plan text
            return value
        if isinstance(value, tuple) and hasattr(value, "_fields"):
            items = [_shown(item) for item in value]
            return value if all(map(operator.is_, items, value)) else kind(*items)
        if not dataclasses.is_dataclass(value) or isinstance(value, type):
            return value
        # A field marked render.NOT_SHOWN (the JSON value beside a table) is left as it is.
        names = _FIELDS[kind] = tuple(f.name for f in dataclasses.fields(value)
                                      if f.metadata.get("shown", True))
    changed = {}
    for name in names:
        old = getattr(value, name)
        new = _shown(old)
        if new is not old:
            changed[name] = new
    if not changed:
        return value
    # A copy with the escaped fields, frozen and slotted dataclasses too, made as __init__ would:
    # the fields, then __post_init__ (which may index them). Properties follow the new fields.
    copy = object.__new__(kind)
    for field in dataclasses.fields(value):
        object.__setattr__(copy, field.name, changed.get(field.name, getattr(value, field.name)))
    post_init = getattr(copy, "__post_init__", None)
    if post_init is not None:
        post_init()
    return copy
