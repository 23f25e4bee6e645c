"""The diff for the terminal: colour where the terminal has it, plain markers when piped.

Without colour, deletions read ``[-old-]`` and insertions ``{+new+}`` (as ``git diff --word-diff``).
"""

from __future__ import annotations

from typing import TextIO

from rich.console import Console
from rich.text import Text

from fardplan_cli.render.diff_common import DiffReport, Segment, build_document
from fardplan_cli.render.table import MIN_WIDTH

_STYLES = {"delete": "red strike", "insert": "green underline", "equal": ""}


def _line(segments: list[Segment], colour: bool) -> Text:
    text = Text()
    for op, part in segments:
        if colour:
            text.append(part, style=_STYLES[op])
        elif op == "delete":
            text.append(f"[-{part}-]")
        elif op == "insert":
            text.append(f"{{+{part}+}}")
        else:
            text.append(part)
    return text


def render_diff_text(report: DiffReport, stream: TextIO) -> None:
    console = Console(file=stream, highlight=False, soft_wrap=True, emoji=False, markup=False)
    if console.width < MIN_WIDTH:
        console = Console(file=stream, highlight=False, soft_wrap=True, emoji=False, markup=False,
                          width=MIN_WIDTH)
    # NO_COLOR keeps rich's strike/underline; plain markers read better then, and when piped.
    colour = console.color_system is not None and not console.no_color
    document = build_document(report)
    console.print(Text(document.title, style="bold"))
    console.print(document.subtitle)
    console.print()
    if not document.sections:
        console.print(document.empty_message)
        return
    for label, count in document.summary:
        console.print(f"  {label}: {count}")
    for section in document.sections:
        console.print()
        console.print(Text(section.title, style="bold underline"))
        for item in section.items:
            console.print(Text("* " + item.headline, style="bold"))
            for line in item.lines:
                console.print(Text(f"    {line.label}: ") + _line(line.segments, colour))
