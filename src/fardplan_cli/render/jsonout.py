"""JSON: UTF-8 text as it is, with every control character written as a ``\\uXXXX`` escape.

``json.dumps`` escapes the C0 controls itself; DEL, the C1 controls and the characters that
reorder text (U+202E and its kind, see ``render.escape``) it would write as they are, and they can
only stand inside a string there, so they are escaped the same way: the text reads back exactly,
and none of it commands a terminal that shows the JSON.
"""

from __future__ import annotations

import json
from typing import Any, TextIO

from fardplan_cli.render import Output


def _unicode_escape(match: Any) -> str:
    return f"\\u{ord(match.group()):04x}"


def dumps(data: Any) -> str:
    text = json.dumps(data, ensure_ascii=False, indent=2)
    if text.isascii() and "\x7f" not in text:
        return text
    from fardplan_cli.render.escape import CONTROL

    return CONTROL.sub(_unicode_escape, text)


def render_json(output: Output, stream: TextIO) -> None:
    stream.write(dumps(output.data) + "\n")
