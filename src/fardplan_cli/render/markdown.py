from __future__ import annotations

import re
from typing import TextIO

from fardplan_cli.render import Output, TableOutput

_INLINE = re.compile(r"([\\`*_\[\]<>|~])")
_BLOCK_START = re.compile(r"^(\s*)([#>+-]|[0-9]+[.)])(?=\s|$)", re.MULTILINE)


def escape_text(text: str) -> str:
    """Plain text that Markdown shows as written: no emphasis, links, HTML or lists by accident."""
    escaped = _INLINE.sub(r"\\\1", text)
    return _BLOCK_START.sub(lambda m: m.group(1) + "\\" + m.group(2), escaped)


def escape_cell(text: str) -> str:
    """A table cell: escaped text on one line."""
    return escape_text(text).replace("\n", "<br>")


def markdown_table(table: TableOutput) -> str:
    lines = []
    if table.title:
        lines += [f"## {escape_text(table.title)}", ""]
    lines.append("| " + " | ".join(escape_cell(c) for c in table.columns) + " |")
    lines.append("|" + "|".join("---" for _ in table.columns) + "|")
    lines += ["| " + " | ".join(escape_cell(c) for c in row) + " |" for row in table.rows]
    if table.caption:  # each of its lines on a line of its own (CommonMark's hard line break)
        lines += ["", "\\\n".join(escape_text(line) for line in table.caption.split("\n"))]
    return "\n".join(lines) + "\n"


def render_markdown(output: Output, stream: TextIO) -> None:
    if isinstance(output, TableOutput):
        stream.write(markdown_table(output))
        return
    parts = [f"# {escape_text(output.title)}", ""]
    parts += [f"- **{escape_text(label)}:** {escape_text(value)}" for label, value in output.fields if value]
    for heading, body in output.sections:
        parts += ["", f"## {escape_text(heading)}", "", escape_text(body)]
    text = "\n".join(parts) + "\n"
    for table in output.tables:
        text += "\n" + markdown_table(table)
    stream.write(text)
