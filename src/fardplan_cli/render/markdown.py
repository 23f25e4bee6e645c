from __future__ import annotations

from typing import TextIO

from fardplan_cli.render import Output, TableOutput


def escape_cell(text: str) -> str:
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", "<br>")


def markdown_table(table: TableOutput) -> str:
    lines = []
    if table.title:
        lines += [f"## {table.title}", ""]
    lines.append("| " + " | ".join(escape_cell(c) for c in table.columns) + " |")
    lines.append("|" + "|".join("---" for _ in table.columns) + "|")
    lines += ["| " + " | ".join(escape_cell(c) for c in row) + " |" for row in table.rows]
    if table.caption:
        lines += ["", table.caption]
    return "\n".join(lines) + "\n"


def render_markdown(output: Output, stream: TextIO) -> None:
    if isinstance(output, TableOutput):
        stream.write(markdown_table(output))
        return
    parts = [f"# {output.title}", ""]
    parts += [f"- **{label}:** {value}" for label, value in output.fields if value]
    for heading, body in output.sections:
        parts += ["", f"## {heading}", "", body]
    text = "\n".join(parts) + "\n"
    for table in output.tables:
        text += "\n" + markdown_table(table)
    stream.write(text)
