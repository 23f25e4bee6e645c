"""The diff as a Markdown document: deletions ~~struck through~~, insertions **in bold**."""

from __future__ import annotations

from typing import TextIO

from fardplan_cli.render.diff_common import DiffReport, Segment, build_document
from fardplan_cli.render.markdown import escape_text

md_escape = escape_text


def _marked(op: str, text: str) -> str:
    """Markup around the words only: Markdown does not allow ``** word**``."""
    if op == "equal" or not text.strip():
        return md_escape(text)
    lead = text[: len(text) - len(text.lstrip())]
    trail = text[len(text.rstrip()) :]
    core = md_escape(text.strip())
    mark = "~~" if op == "delete" else "**"
    return f"{lead}{mark}{core}{mark}{trail}"


def _line(segments: list[Segment]) -> str:
    text = "".join(_marked(op, part) for op, part in segments)
    # A paragraph break inside a text field stays inside its list item.
    return text.replace("\n\n", "<br><br>").replace("\n", " ")


def render_diff_markdown(report: DiffReport, stream: TextIO) -> None:
    document = build_document(report)
    out = [f"# {md_escape(document.title)}", "", md_escape(document.subtitle), ""]
    if not document.sections:
        out += [md_escape(document.empty_message)]
    else:
        out += [f"- {md_escape(label)}: {count}" for label, count in document.summary]
    for section in document.sections:
        out += ["", f"## {md_escape(section.title)}", ""]
        for item in section.items:
            out.append(f"- **{md_escape(item.headline)}**")
            out += [f"  - *{md_escape(line.label)}:* {_line(line.segments)}" for line in item.lines]
    stream.write("\n".join(out) + "\n")
