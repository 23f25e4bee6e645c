"""The diff as one self-contained HTML page for print, red-line style.

No external resources: the style sheet is inline, there are no scripts, fonts or images. Every
piece of text from the plans is escaped.
"""

from __future__ import annotations

from html import escape
from typing import TextIO

from fardplan_cli.i18n import current_language, t
from fardplan_cli.render.diff_common import DiffReport, Segment, build_document

_CSS = """
@page { size: A4; margin: 18mm 16mm; }
body { font-family: Georgia, "Times New Roman", serif; font-size: 11pt; line-height: 1.45;
       color: #111; max-width: 48em; margin: 2em auto; padding: 0 1em; }
h1 { font-size: 18pt; margin: 0 0 .2em; }
h2 { font-size: 14pt; border-bottom: 1px solid #999; margin-top: 1.6em; page-break-after: avoid; }
p.sub { color: #444; margin-top: 0; }
table.summary { border-collapse: collapse; margin: 1em 0; }
table.summary td { padding: .1em .8em .1em 0; }
table.summary td.n { text-align: right; font-variant-numeric: tabular-nums; }
div.item { margin: .8em 0; page-break-inside: avoid; break-inside: avoid; }
div.item h3 { font-size: 11.5pt; margin: 0 0 .2em; }
dl { margin: 0 0 0 1.2em; }
dt { font-style: italic; color: #333; }
dd { margin: 0 0 .4em 1.2em; white-space: pre-line; }
del { color: #b00020; text-decoration: line-through; background: #fde8ea; }
ins { color: #0b6b1f; text-decoration: underline; background: #e6f4ea; }
@media print {
  body { margin: 0; max-width: none; }
  del { background: none; }
  ins { background: none; }
}
"""


def _segments(segments: list[Segment]) -> str:
    parts = []
    for op, text in segments:
        if op == "delete":
            parts.append(f"<del>{escape(text)}</del>")
        elif op == "insert":
            parts.append(f"<ins>{escape(text)}</ins>")
        else:
            parts.append(escape(text))
    return "".join(parts)


def render_diff_html(report: DiffReport, stream: TextIO) -> None:
    document = build_document(report)
    out = [
        "<!DOCTYPE html>",
        f'<html lang="{current_language()}">',
        "<head>",
        '<meta charset="utf-8">',
        f"<title>{escape(document.title)}</title>",
        f"<style>{_CSS}</style>",
        "</head>",
        "<body>",
        f"<h1>{escape(document.title)}</h1>",
        f'<p class="sub">{escape(document.subtitle)}</p>',
    ]
    if not document.sections:
        out.append(f"<p>{escape(document.empty_message)}</p>")
    else:
        out.append(f'<table class="summary" aria-label="{escape(t("Summary"))}">')
        out += [f'<tr><td>{escape(label)}</td><td class="n">{count}</td></tr>'
                for label, count in document.summary]
        out.append("</table>")
    for section in document.sections:
        out.append("<section>")
        out.append(f"<h2>{escape(section.title)}</h2>")
        for item in section.items:
            out.append('<div class="item">')
            out.append(f"<h3>{escape(item.headline)}</h3>")
            if item.lines:
                out.append("<dl>")
                for line in item.lines:
                    out.append(f"<dt>{escape(line.label)}</dt><dd>{_segments(line.segments)}</dd>")
                out.append("</dl>")
            out.append("</div>")
        out.append("</section>")
    out += ["</body>", "</html>"]
    stream.write("\n".join(out) + "\n")
