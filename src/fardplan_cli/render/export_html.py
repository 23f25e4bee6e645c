"""``fardplan export --format html``: one self-contained page for print on A4.

No external resources (fonts, images, scripts, links): the page prints the same offline.
"""

from __future__ import annotations

from html import escape
from typing import TextIO

from fardplan_cli.export import CoreDocument, DocumentInitiative, PlanDocument
from fardplan_cli.i18n import current_language, status_label, t
from fardplan_cli.render.export import heading_of
from fardplan_cli.render.report import indicator_value

STYLE = """
@page { size: A4; margin: 20mm 18mm 22mm 18mm; }
* { box-sizing: border-box; }
html { font-family: Georgia, "Times New Roman", serif; font-size: 11pt; line-height: 1.45;
  color: #111; }
body { margin: 0 auto; max-width: 46em; padding: 1.5em; overflow-wrap: anywhere; hyphens: auto; }
h1, h2, h3, h4 { font-family: "Helvetica Neue", Arial, sans-serif; line-height: 1.2;
  break-after: avoid; page-break-after: avoid; }
h1 { font-size: 1.9em; color: #002d5a; margin: 0 0 0.6em; }
h2 { font-size: 1.4em; color: #002d5a; border-bottom: 1px solid #b8c4d0; padding-bottom: 0.15em;
  margin-top: 1.6em; }
h3 { font-size: 1.15em; margin-top: 1.3em; }
h4 { font-size: 1em; margin: 1.1em 0 0.3em; }
p { margin: 0 0 0.6em; orphans: 3; widows: 3; }
.core + .core { break-before: page; page-break-before: always; }
.note { font-style: italic; }
.initiative { margin-bottom: 0.9em; }
.initiative h4 .id { display: inline-block; min-width: 2.4em; }
.actors { margin: 0.2em 0 0; font-size: 0.95em; }
.actors dt { font-weight: bold; display: inline; }
.actors dd { display: inline; margin: 0; }
.actors dd::after { content: ""; display: block; }
ul.map { padding-left: 1.2em; margin: 0 0 0.8em; }
table { border-collapse: collapse; width: 100%; table-layout: fixed; margin: 0.5em 0 1em;
  break-inside: avoid; }
th, td { border: 1px solid #9aa7b4; padding: 0.2em 0.45em; text-align: left; vertical-align: top; }
th { background: #e8eef4; }
@media print {
  body { max-width: none; padding: 0; }
  a { color: inherit; text-decoration: none; }
}
""".strip()


def _paragraphs(text: str) -> str:
    """Blank lines part paragraphs; a single newline is a line break."""
    parts = [p for p in text.split("\n\n") if p.strip()]
    return "\n".join("<p>" + escape(p.strip()).replace("\n", "<br>") + "</p>" for p in parts)


def _initiative(item: DocumentInitiative) -> str:
    initiative = item.initiative
    out = [
        f'<div class="initiative" id="{escape(initiative.ref.replace(":", "-"))}">',
        f'<h4><span class="id">{escape(initiative.id)}</span> {escape(initiative.title)}</h4>',
        _paragraphs(initiative.description),
    ]
    facts: list[tuple[str, str]] = []
    if item.lead_name:
        facts.append((t("Lead"), item.lead_name))
    if item.participant_names:
        facts.append((t("Example participants"), ", ".join(item.participant_names)))
    if initiative.status != "planned" or initiative.status_note:
        status = status_label(initiative.status)
        if initiative.status_note:
            status += f" ({initiative.status_note})"
        facts.append((t("Status"), status))
    if initiative.priority:
        facts.append((t("Priority"), ", ".join(initiative.priority)))
    if facts:
        out.append('<dl class="actors">')
        out += [f"<dt>{escape(label)}:</dt> <dd>{escape(value)}</dd>" for label, value in facts]
        out.append("</dl>")
    out.append("</div>")
    return "\n".join(out)


def _core(document: CoreDocument) -> str:
    out = [f'<section class="core" id="{escape(document.core.id)}">',
           f"<h1>{escape(heading_of(document.core.name))}</h1>"]
    if not document.entered:
        note = t("The plan of this core has not been entered yet.")
        out.append(f'<p class="note">{escape(note)}</p>')
    if document.character:
        out.append(f"<h2>{escape(t('Character'))}</h2>")
        for section in document.character:
            out += [f"<h3>{escape(section.heading)}</h3>", _paragraphs(section.text)]
    for area in document.areas:
        out.append(f"<h2>{area.area.number} {escape(area.area.title)}</h2>")
        out.append(_paragraphs(area.area.summary))
        if area.direction:
            out += [f"<h3>{escape(t('Direction'))}</h3>", _paragraphs(area.direction)]
        if area.common:
            out.append(f"<h3>{escape(t('Common initiatives'))}</h3>")
            out += [_initiative(i) for i in area.common]
        if area.core_specific:
            out.append(f"<h3>{escape(t('Core-specific initiatives'))}</h3>")
            out += [_initiative(i) for i in area.core_specific]
    if document.initiative_map:
        out.append(f"<h2>{escape(t('Initiative map'))}</h2>")
        for entry in document.initiative_map:
            place = entry.place if entry.place is not None else t("No particular place")
            out.append(f"<h3>{escape(place)}</h3>")
            out.append('<ul class="map">')
            out += [f"<li>{escape(i.id)} {escape(i.title)}</li>" for i in entry.initiatives]
            out.append("</ul>")
    if document.indicators:
        years = sorted({v.year for i in document.indicators for v in i.values})
        out.append(f"<h2>{escape(t('Indicators'))}</h2>")
        head = [t("Indicator"), t("Unit"), *(str(y) for y in years)]
        out.append("<table>")
        out.append("<thead><tr>" + "".join(f"<th>{escape(h)}</th>" for h in head) + "</tr></thead>")
        out.append("<tbody>")
        for indicator in document.indicators:
            by_year = {v.year: v for v in indicator.values}
            cells = [indicator.label, indicator.unit or "",
                     *(indicator_value(by_year[y]) if y in by_year else "" for y in years)]
            out.append("<tr>" + "".join(f"<td>{escape(c)}</td>" for c in cells) + "</tr>")
        out.append("</tbody>")
        out.append("</table>")
    out.append("</section>")
    return "\n".join(out)


def html_document(document: PlanDocument) -> str:
    title = heading_of(document.cores[0].core.name) if len(document.cores) == 1 else document.title
    parts = [
        "<!DOCTYPE html>",
        f'<html lang="{current_language()}">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{escape(title)}</title>",
        f"<style>\n{STYLE}\n</style>",
        "</head>",
        "<body>",
        *(_core(core) for core in document.cores),
        "</body>",
        "</html>",
    ]
    return "\n".join(parts) + "\n"


def render_html_document(document: PlanDocument, stream: TextIO) -> None:
    stream.write(html_document(document))
