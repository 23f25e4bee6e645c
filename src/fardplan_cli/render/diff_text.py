"""The diff for the terminal: colour where the terminal has it, plain markers when piped.

Without colour, deletions read ``[-old-]`` and insertions ``{+new+}`` (as ``git diff --word-diff``).
A text over several lines (a description in paragraphs) continues indented under its item, so
that the layout holds. When stdout is not a terminal, the lines are written as they are, without
rich (they are never wrapped, so rich would print them unchanged but for expanding tabs).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TextIO

from fardplan_cli.render.diff_common import DiffDocument, DiffReport, Segment, build_document
from fardplan_cli.render.terminal import console_for, is_terminal

_STYLES = {"delete": "red strike", "insert": "green underline", "equal": ""}

# A line: its pieces of text with their rich styles ("" for none).
Piece = tuple[str, str]

_HEADLINE_INDENT = "  "  # under "* "
_FIELD_INDENT = "      "  # under "    label: ", two deeper than the label
_BREAK = re.compile(r"\n")


def _marked(segments: list[Segment], colour: bool) -> list[Piece]:
    """The segments, styled, or with plain markers for what was deleted and inserted."""
    if colour:
        return [(part, _STYLES[op]) for op, part in segments]
    pieces: list[Piece] = []
    for op, part in segments:
        if op == "delete":
            pieces.append((f"[-{part}-]", ""))
        elif op == "insert":
            pieces.append((f"{{+{part}+}}", ""))
        else:
            pieces.append((part, ""))
    return pieces


def _continued(pieces: list[Piece], indent: str) -> list[Piece]:
    """The pieces with each line after the first indented by ``indent``, unstyled (an empty
    line, the break between paragraphs, stays empty)."""
    if not any("\n" in text for text, _ in pieces):
        return pieces
    result: list[Piece] = []
    for index, (text, style) in enumerate(pieces):
        following = next((later for later, _ in pieces[index + 1 :] if later), "")
        start = 0
        for end in (m.end() for m in _BREAK.finditer(text)):
            result.append((text[start:end], style))
            after = text[end : end + 1] or following[:1]
            if after and after != "\n":
                result.append((indent, ""))
            start = end
        result.append((text[start:], style))
    return [(text, style) for text, style in result if text]


def _lines(document: DiffDocument, colour: bool) -> Iterator[tuple[list[Piece], str]]:
    """Every line of the output, in order, with the indent its continuation lines take."""
    yield [(document.title, "bold")], ""
    yield [(document.subtitle, "")], ""
    yield [], ""
    if not document.sections:
        yield [(document.empty_message, "")], ""
        return
    for label, count in document.summary:
        yield [(f"  {label}: {count}", "")], "    "
    for section in document.sections:
        yield [], ""
        yield [(section.title, "bold underline")], ""
        for item in section.items:
            yield [("* " + item.headline, "bold")], _HEADLINE_INDENT
            for line in item.lines:
                yield [(f"    {line.label}: ", ""), *_marked(line.segments, colour)], _FIELD_INDENT


def render_diff_text(report: DiffReport, stream: TextIO) -> None:
    document = build_document(report)
    if not is_terminal(stream):  # never wrapped: a text's own line breaks are indented
        joined = "\n".join("".join(piece for piece, _ in _continued(pieces, indent))
                           for pieces, indent in _lines(document, False))
        stream.write("".join(line.rstrip(" \xa0") + "\n" for line in joined.split("\n")))
        return
    from rich.text import Text

    console = console_for(stream, soft_wrap=True, markup=False)
    # NO_COLOR keeps rich's strike/underline; plain markers read better then, and when piped.
    colour = console.color_system is not None and not console.no_color
    for pieces, indent in _lines(document, colour):
        # Wrapped here at the terminal's width, each line after the first (a text's own line
        # breaks, and where it wraps) indented under its item; an empty line stays empty.
        text = Text.assemble(*pieces) if pieces else Text("")
        for index, part in enumerate(text.wrap(console, max(console.width - len(indent), 20))):
            part.rstrip()
            console.print(Text(indent) + part if index and part.plain else part)
