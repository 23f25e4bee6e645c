"""The diff as one self-contained page for print, red-line style: ``templates/diff.html.j2`` on
the shared print layout.

No external resources: the style sheet is inline, there are no scripts, fonts or images. Every
piece of text from the plans is escaped (the template's autoescaping). The page's header says
the day it was made and which revisions it compares: their names, commits and commit dates.
"""

from __future__ import annotations

from typing import Any, TextIO

from fardplan_cli.render.diff_common import DiffReport, build_document
from fardplan_cli.render.html import render_page


def diff_context(report: DiffReport) -> dict[str, Any]:
    """What ``diff.html.j2`` shows of ``report`` (the site renders it on its own layout)."""
    from fardplan_cli.clock import today

    document = build_document(report)
    return {"title": document.title, "document": document, "source": report.source,
            "target": report.target, "made": today().isoformat()}


def diff_html(report: DiffReport) -> str:
    return render_page("diff.html.j2", **diff_context(report))


def render_diff_html(report: DiffReport, stream: TextIO) -> None:
    stream.write(diff_html(report))
