"""The diff for the terminal: colour where the terminal has it, plain markers when piped.

Without colour, deletions read ``[-old-]`` and insertions ``{+new+}`` (as ``git diff --word-diff``).
Piped or redirected, the lines are written as they are, without rich (which costs ~0.1 ms a line
to print, and prints these lines unchanged there: they are never wrapped, and a line break in a
text is printed as it is); text that rich would change (control characters, tabs) still goes
through rich.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, TextIO

from fardplan_cli.render.diff_common import DiffDocument, DiffReport, Segment, build_document
from fardplan_cli.render.table import MIN_WIDTH, plain_width

if TYPE_CHECKING:
    from rich.text import Text

_STYLES = {"delete": "red strike", "insert": "green underline", "equal": ""}


def _marked(segments: list[Segment]) -> str:
    """The segments with plain markers for what was deleted and inserted."""
    parts = []
    for op, part in segments:
        if op == "delete":
            parts.append(f"[-{part}-]")
        elif op == "insert":
            parts.append(f"{{+{part}+}}")
        else:
            parts.append(part)
    return "".join(parts)


def _plain_lines(document: DiffDocument) -> Iterator[str]:
    """The lines rich prints without colour, in the order ``render_diff_text`` prints them."""
    yield document.title
    yield document.subtitle
    yield ""
    if not document.sections:
        yield document.empty_message
        return
    for label, count in document.summary:
        yield f"  {label}: {count}"
    for section in document.sections:
        yield ""
        yield section.title
        for item in section.items:
            yield "* " + item.headline
            for line in item.lines:
                yield f"    {line.label}: " + _marked(line.segments)


def _line(segments: list[Segment], colour: bool) -> Text:
    from rich.text import Text

    if not colour:
        return Text(_marked(segments))
    text = Text()
    for op, part in segments:
        text.append(part, style=_STYLES[op])
    return text


def render_diff_text(report: DiffReport, stream: TextIO) -> None:
    document = build_document(report)
    if plain_width(stream) is not None:
        lines = list(_plain_lines(document))
        if all(line.isprintable() or line.replace("\n", "").isprintable() for line in lines):
            stream.write("".join(line + "\n" for line in lines))
            return
    from rich.console import Console
    from rich.text import Text

    console = Console(file=stream, highlight=False, soft_wrap=True, emoji=False, markup=False)
    if console.width < MIN_WIDTH:
        console = Console(file=stream, highlight=False, soft_wrap=True, emoji=False, markup=False,
                          width=MIN_WIDTH)
    # NO_COLOR keeps rich's strike/underline; plain markers read better then, and when piped.
    colour = console.color_system is not None and not console.no_color
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
