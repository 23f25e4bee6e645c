"""``report status --format html`` and ``report responsibility --format html``: pages for print.

Each is a template (``templates/report_status.html.j2``, ``report_responsibility.html.j2``) on the
shared print layout, headed with the page's stamp (the plan, the day, the revision). The status
page draws the initiatives' status per goal area and, with ``--core``, every indicator's series
(``render.charts``, inline SVG); each chart has a caption and the table that says the same in
text. The responsibility page is one page per actor: the letter that goes to it before a dialogue.
The site shows the same pages on its own layout (``status_context``, ``responsibility_context``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TextIO

from fardplan_cli.i18n import STATUSES, status_label, t
from fardplan_cli.model import Activity, Indicator, Initiative, PlanSet
from fardplan_cli.render.html import anchor, render_page
from fardplan_cli.report import ActorLetter, Involvement, StatusReport, status_by_area
from fardplan_cli.stamp import PageStamp

if TYPE_CHECKING:
    from markupsafe import Markup

    from fardplan_cli.model import Core
    from fardplan_cli.render.charts import ChartsDrawnAhead


@dataclass(frozen=True)
class StatusPage:
    """What the status page shows: the report of ``report status``, and its stamp; ``charts``:
    where its charts were drawn ahead (else they are drawn here)."""

    plan: PlanSet
    report: StatusReport
    stamp: PageStamp
    charts: ChartsDrawnAhead | None = None


@dataclass(frozen=True)
class ResponsibilityPage:
    """The letters of ``report responsibility`` (one actor's, or every involved actor's)."""

    plan: PlanSet
    letters: tuple[ActorLetter, ...]
    core: Core | None
    stamp: PageStamp


def _svg(drawing: str | None, caption_id: str) -> Markup | None:
    """A chart's SVG as markup (matplotlib wrote it, escaping every text it holds), an image
    named by its figure's caption (``caption_id``, an ``anchor``: letters, digits, - and _)."""
    from markupsafe import Markup

    if drawing is None:
        return None
    named = f'<svg role="img" aria-labelledby="{anchor(caption_id)}" '
    return Markup(drawing.replace("<svg ", named, 1))


def area_name(plan: PlanSet, number: int | None) -> str:
    """A goal area as a planner names it: its number and its name."""
    if number is None:
        return ""
    area = plan.goal_area(number)
    return f"{number} {area.title}" if area else str(number)


def status_text(initiative: Initiative | Activity) -> str:
    return status_label(initiative.status)


def _lead(plan: PlanSet, initiative: Initiative) -> str:
    lead = plan.actor_name(initiative.lead) if initiative.lead else ""
    if initiative.lead_unit:
        lead += f" ({plan.actor_name(initiative.lead_unit)})"
    return lead


def _indicator(indicator: Indicator, charts: ChartsDrawnAhead | None) -> dict[str, Any]:
    from fardplan_cli.render.charts import indicator_chart
    from fardplan_cli.render.report import format_number, indicator_value, signed_number
    from fardplan_cli.report import indicator_change

    change = indicator_change(indicator)
    target = indicator.target
    return {
        "indicator": indicator,
        "by_year": {v.year: indicator_value(v) for v in indicator.values},
        "change": signed_number(change) if change is not None else "",
        "target": f"{format_number(target.value)} ({target.year})" if target is not None else "",
        "chart": _svg(charts.indicator_chart(indicator) if charts else indicator_chart(indicator),
                      f"indicator-{anchor(indicator.id)}-caption"),
    }


def status_context(page: StatusPage) -> dict[str, Any]:
    """What ``report_status.html.j2`` shows of ``page`` (the site renders it on its own layout)."""
    from fardplan_cli.query import display_ref, latest_updates, open_activities
    from fardplan_cli.render.charts import status_chart
    from fardplan_cli.render.follow_up import due_cell, update_line

    plan, report = page.plan, page.report
    today = page.stamp.made.isoformat()
    by_area = status_by_area(report)
    areas_counted = [(area_name(plan, n), counts) for n, counts in by_area.items()]
    chart = _svg(page.charts.status_chart(areas_counted) if page.charts
                 else status_chart(areas_counted), "status-chart-caption")
    cores = list(dict.fromkeys(row.core for row in report.rows))
    groups = [(plan.core(c) if c else None, [row for row in report.rows if row.core == c])
              for c in cores]
    areas = []
    if report.core is not None:
        for number in sorted({i.area for i in report.initiatives}):
            items = []
            for initiative in (i for i in report.initiatives if i.area == number):
                latest = latest_updates(initiative, 1)
                items.append({
                    "initiative": initiative, "ref": display_ref(initiative),
                    "lead": _lead(plan, initiative),
                    "latest": update_line(plan, latest[0]) if latest else "",
                    "activities": [(a, due_cell(a, today)) for a in open_activities(initiative)],
                })
            areas.append({"name": area_name(plan, number), "items": items})
    title = t("Status report") + (f": {report.core.name}" if report.core else "")
    cycle_column = (t("Prioritised {cycle}", cycle=report.cycle) if report.cycle
                    else t("Prioritised"))
    return {
        "title": title, "stamp": page.stamp, "report": report, "groups": groups,
        "statuses": STATUSES, "status_chart": chart, "by_area": by_area, "areas": areas,
        "area_name": lambda n: area_name(plan, n), "cycle_column": cycle_column,
        "indicators": [_indicator(i, page.charts) for i in report.indicators],
        "years": report.indicator_years, "actor_name": plan.actor_name}


def status_html(page: StatusPage) -> str:
    return render_page("report_status.html.j2", **status_context(page))


def _involvement(plan: PlanSet, item: Involvement) -> dict[str, Any]:
    from fardplan_cli.query import display_ref
    from fardplan_cli.render.report import how_label

    initiative = item.initiative
    return {"initiative": initiative, "ref": display_ref(initiative),
            "area": area_name(plan, initiative.area), "lead": _lead(plan, initiative),
            "how": [how_label(plan, way) for way in item.ways]}


def responsibility_context(page: ResponsibilityPage) -> dict[str, Any]:
    """What ``report_responsibility.html.j2`` shows of ``page``."""
    from fardplan_cli.query import display_ref
    from fardplan_cli.render.follow_up import activity_status, due_cell
    from fardplan_cli.render.report import involvement_summary

    plan = page.plan
    today = page.stamp.made.isoformat()
    letters = []
    for letter in page.letters:
        letters.append({
            "letter": letter,
            "title": t("Responsibility of {actor}", actor=letter.actor.name)
            + (f": {page.core.name}" if page.core else ""),
            "parent": plan.actor_name(letter.actor.part_of) if letter.actor.part_of else None,
            "summary": involvement_summary(letter.actor.name, len(letter.leads),
                                           len(letter.takes_part), len(letter.concerned)),
            "degrees": [
                (t("Leads"), [_involvement(plan, i) for i in letter.leads]),
                (t("Takes part in"), [_involvement(plan, i) for i in letter.takes_part]),
                (t("Concerned through part_of"), [_involvement(plan, i) for i in letter.concerned]),
            ],
            "activities": [
                {"owned": owned, "ref": display_ref(owned.initiative),
                 "due": due_cell(owned.activity, today),
                 "status": activity_status(owned.activity)}
                for owned in letter.activities],
        })
    if len(page.letters) == 1:
        title = letters[0]["title"]
    else:
        title = t("Responsibility") + (f": {page.core.name}" if page.core else "")
    return {"title": title, "stamp": page.stamp, "letters": letters, "actor_kind": t}


def responsibility_html(page: ResponsibilityPage) -> str:
    return render_page("report_responsibility.html.j2", **responsibility_context(page))


def render_report_page(page: StatusPage | ResponsibilityPage, stream: TextIO) -> None:
    """The page of a report (the ``html`` entry of ``render.REPORT_RENDERERS``)."""
    stream.write(status_html(page) if isinstance(page, StatusPage) else responsibility_html(page))
