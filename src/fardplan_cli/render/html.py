"""The HTML pages: one Jinja2 environment, one base layout and one print stylesheet for them all.

Every page (the exported plan, the diff, the reports, the site) is a template under ``templates/``
that extends ``base.html.j2``. Autoescaping is on for every template, so text from the plans is
always shown as text; the only markup a template receives is what the filters below build from
escaped text. Jinja2 is imported by the commands that write HTML, never by the others.
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING, Any

from fardplan_cli.stamp import PageStamp  # the domain's; callers of render_page name it here too

if TYPE_CHECKING:
    import jinja2
    from markupsafe import Markup

__all__ = ["PageStamp", "anchor", "css_string", "environment", "paragraphs", "render_page",
           "stamp_line"]


def stamp_line(stamp: PageStamp) -> str:
    """The stamp as one line: the plan · the day it was made · the revision · the cycle tag."""
    from fardplan_cli.i18n import t

    parts = [stamp.plan, t("Made {date}", date=stamp.made.isoformat())]
    if stamp.working_tree:
        revision = t("working tree")
        if stamp.commit:
            revision += " (" + t("changes since {commit}", commit=stamp.commit[:10]) + ")"
        parts.append(revision)
    elif stamp.commit:
        parts.append(t("revision {commit}", commit=stamp.commit[:10]))
    if stamp.cycle:
        parts.append(stamp.cycle)
    return " · ".join(parts)


def css_string(text: str) -> Markup:
    """``text`` as a quoted CSS string whose every character but letters, digits and spaces is a
    hex escape: safe inside a ``<style>`` element (no quote, ``<`` or backslash of its own)."""
    from markupsafe import Markup

    return Markup('"' + "".join(
        c if (c.isascii() and c.isalnum()) or c == " " else f"\\{ord(c):06x}" for c in text) + '"')


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
    env.filters["css_string"] = css_string
    from fardplan_cli.render.site_filters import filter_choices

    env.globals.update(t=t, status_label=status_label, current_language=current_language,
                       stamp_line=stamp_line, filter_choices=filter_choices)
    return env


def render_page(template: str, **context: Any) -> str:
    """The page ``template`` with ``context``; ``layout`` defaults to the print layout."""
    context.setdefault("layout", "base.html.j2")
    context.setdefault("stamp", None)
    return environment().get_template(template).render(**context)
