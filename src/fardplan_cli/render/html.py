"""The HTML pages: one Jinja2 environment, one base layout and one print stylesheet for them all.

Every page (the exported plan, the diff, the reports, the site) is a template under ``templates/``
that extends ``base.html.j2``. Autoescaping is on for every template, so text from the plans is
always shown as text; the only markup a template receives is what the filters below build from
escaped text. Jinja2 is imported by the commands that write HTML, never by the others.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import jinja2
    from markupsafe import Markup


@dataclass(frozen=True)
class PageStamp:
    """What a printed page says about itself: the plan, the day it was made, the revision it shows."""

    plan: str
    made: date
    commit: str | None = None
    cycle: str | None = None
    working_tree: bool = False


def paragraphs(text: str) -> Markup:
    """Blank lines part paragraphs; a single newline is a line break; everything escaped."""
    from markupsafe import Markup, escape

    parts = [p.strip() for p in text.split("\n\n") if p.strip()]
    return Markup("\n").join(
        Markup("<p>") + Markup("<br>").join(escape(line) for line in p.split("\n")) + Markup("</p>")
        for p in parts
    )


def anchor(text: str) -> str:
    """An id attribute's value for a reference or id (``sodertalje:1.3`` -> ``sodertalje-1-3``)."""
    return "".join(c if c.isalnum() or c in "-_" else "-" for c in text)


@cache
def environment() -> jinja2.Environment:
    import jinja2

    from fardplan_cli.i18n import current_language, status_label, t

    env = jinja2.Environment(
        loader=jinja2.PackageLoader("fardplan_cli.render", "templates"),
        autoescape=True,
        auto_reload=False,  # package data: the templates do not change while a command runs
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        extensions=["jinja2.ext.do"],
    )
    env.filters["paragraphs"] = paragraphs
    env.filters["anchor"] = anchor
    env.globals.update(t=t, status_label=status_label, current_language=current_language)
    return env


def render_page(template: str, **context: Any) -> str:
    """The page ``template`` with ``context``; ``layout`` defaults to the print layout."""
    context.setdefault("layout", "base.html.j2")
    context.setdefault("stamp", None)
    return environment().get_template(template).render(**context)
