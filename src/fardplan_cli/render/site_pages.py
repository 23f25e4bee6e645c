"""The site's pages as HTML: each page of ``site.Site`` through its template.

Every page extends ``templates/site/layout.html.j2``, which extends the shared ``base.html.j2``
(the print stylesheet, the title). The pages that are also printed are those templates, rendered
on the site's layout (with its header, navigation and footer) from the same context as in print:
a core's plan is the export's ``export.html.j2``, its lägesbild the status report's
``report_status.html.j2`` (with its charts), the reports ``report_status.html.j2`` and
``report_responsibility.html.j2``, the changes between cycles ``diff.html.j2``. Links are
relative (``../../sodertalje/1-3/index.html``), so the folder works from ``file://`` and from any
sub-path; with a base URL they are absolute (``https://example.org/plan/sodertalje/1-3/``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import date
from importlib import resources
from typing import TYPE_CHECKING, Any

from fardplan_cli.diff import Change, DiffResult
from fardplan_cli.i18n import status_label, t, tn
from fardplan_cli.render.diff_common import CARRIER_KINDS, Item, amount_text
from fardplan_cli.site import (
    ACTORS_FOLDER,
    ASSETS_FOLDER,
    COMMON_FOLDER,
    CYCLES_FOLDER,
    INITIATIVES_FOLDER,
    REPORTS_FOLDER,
    SEARCH_FOLDER,
    InitiativePage,
    InitiativeRow,
    Involved,
    Site,
    actor_path,
    core_path,
    initiative_path,
    situation_path,
)

if TYPE_CHECKING:
    from markupsafe import Markup

    from fardplan_cli.model import Initiative, PlanSet
    from fardplan_cli.render.charts import ChartsDrawnAhead

LAYOUT = "site/layout.html.j2"
STATUS_REPORT_PATH = f"{REPORTS_FOLDER}/status/"
RESPONSIBILITY_REPORT_PATH = f"{REPORTS_FOLDER}/ansvar/"

Href = Callable[..., str]


@dataclass(frozen=True)
class NavItem:
    label: str
    path: str


def linker(page: str, base_url: str | None) -> Href:
    """``href(target, fragment=None)`` from the page at folder ``page`` to the folder ``target``
    (both relative to the site's root, ending in ``/`` or empty for the start page)."""
    if base_url is not None:
        root = base_url.rstrip("/") + "/"

        def absolute(target: str, fragment: str | None = None) -> str:
            return root + target + (f"#{fragment}" if fragment else "")

        return absolute
    up = "../" * page.count("/")

    def relative(target: str, fragment: str | None = None) -> str:
        return up + target + "index.html" + (f"#{fragment}" if fragment else "")

    return relative


def asset_linker(page: str, base_url: str | None) -> Callable[[str], str]:
    if base_url is not None:
        root = base_url.rstrip("/") + "/"
        return lambda name: f"{root}{ASSETS_FOLDER}/{name}"
    up = "../" * page.count("/")
    return lambda name: f"{up}{ASSETS_FOLDER}/{name}"


def site_assets() -> list[tuple[str, bytes]]:
    """The files of ``templates/site/`` that are not templates (style sheet, scripts), and the
    shared print stylesheet, copied as they are into the site's ``assets/``."""
    templates = resources.files("fardplan_cli.render").joinpath("templates")
    folder = templates.joinpath("site")
    found = [(f"{ASSETS_FOLDER}/{entry.name}", entry.read_bytes()) for entry in folder.iterdir()
             if entry.is_file() and not entry.name.endswith(".j2")]
    found.append((f"{ASSETS_FOLDER}/print.css", templates.joinpath("print.css").read_bytes()))
    return sorted(found)


def described(result: DiffResult, changes: Sequence[Change]) -> list[Item]:
    """Some changes of a diff as the diff's pages word them: an item per initiative, a line per
    changed field, with the words deleted and inserted."""
    from fardplan_cli.render.diff_common import DiffReport, build_document
    from fardplan_cli.revisions import WORK_TREE

    only = replace(result, changes=tuple(changes))
    document = build_document(DiffReport(WORK_TREE, WORK_TREE, only))
    return [item for section in document.sections for item in section.items]


class ReaderRefs:
    """The initiatives' refs as a reader sees them on the site: ``sodertalje:1.3`` is the core's
    name and the id ("Södertälje stadskärna 1.3"), or the id alone on a page of that core; the
    initiative a diff's item names is linked to its page there."""

    def __init__(self, site: Site) -> None:
        self.core_names = {core.core.id: core.core.name for core in site.cores}
        # Every ref the diffs name that has a page: a core's own or followed (``core:id``), and
        # a common initiative's own (``id``).
        self.pages = {(f"{page.core.id}:{page.initiative.id}" if page.core
                       else page.initiative.id): (page.core.id if page.core else None,
                                                  page.initiative.id)
                      for page in site.initiatives}

    def shown(self, core_id: str | None, initiative_id: str, in_core: str | None) -> str:
        if core_id is None or core_id == in_core:
            return initiative_id
        return f"{self.core_names.get(core_id, core_id)} {initiative_id}"

    def linked_headline(self, item: Item, href: Href, here: str, in_core: str | None) -> Markup:
        """``item``'s headline with the initiative it names (``item.ref``, where the headline
        has it) named for readers and linked to its page, unless that is the page ``here``. A
        removed initiative is named, not linked: its ref may be another initiative's now. Other
        ids in the headline (the old ids of a renumbering, words of a title) stay as they are."""
        from markupsafe import Markup, escape

        ref, headline = item.ref or "", item.headline
        found = self.pages.get(ref)
        # the ref as a word of its own (not the start of another id: 1.10 → 1.1)
        place = re.search(rf"(?<= ){re.escape(ref)}(?=[\s,]|$)", headline) if found else None
        if found is None or place is None:
            return escape(headline)
        at = place.start()
        core_id, initiative_id = found
        shown = escape(self.shown(core_id, initiative_id, in_core))
        target = initiative_path(core_id, initiative_id)
        named = (Markup('<a href="{}">{}</a>').format(href(target), shown)
                 if item.kind != "initiative-removed" and target != here else shown)
        return escape(headline[:at]) + named + escape(headline[at + len(ref):])


class SiteRenderer:
    """Renders one site's pages; ``base_url`` None: relative links."""

    def __init__(self, site: Site, base_url: str | None, today: date,
                 charts: ChartsDrawnAhead | None = None) -> None:
        from fardplan_cli.stamp import PageStamp

        self.site = site
        self.base_url = base_url
        self.today = today
        self.charts = charts
        # The printed pages' stamp (in the margin of the print): the plan, today, the commit.
        self.stamp = PageStamp(site.plan.region.name, today,
                               site.commit.commit if site.commit else None)
        self.scripts = [name.rpartition("/")[2] for name, _ in site_assets()
                        if name.endswith(".js")]
        self._headers: dict[tuple[int, str | None], Markup] = {}
        self._footer: Markup | None = None
        self._how: dict[tuple[tuple[str, str, str | None, str | None], ...], str] = {}
        self._actor_rows: dict[int, dict[str, Markup]] = {}
        self.refs = ReaderRefs(site)
        self.nav = [
            NavItem(t("Start"), ""),
            NavItem(t("Initiatives"), f"{INITIATIVES_FOLDER}/"),
            NavItem(t("Common initiatives"), f"{COMMON_FOLDER}/"),
            NavItem(t("Actors"), f"{ACTORS_FOLDER}/"),
            NavItem(t("Reports"), f"{REPORTS_FOLDER}/"),
            NavItem(t("Cycles"), f"{CYCLES_FOLDER}/"),
        ]

    def how(self, ways: tuple[tuple[str, str, str | None, str | None], ...]) -> str:
        """How an actor is involved in one initiative, each way (role, via, through, activity)
        in the responsibility report's words (as what, and through whom), joined by "; ".
        Worded once per set of ways: many rows of the actors' pages share one."""
        found = self._how.get(ways)
        if found is None:
            from fardplan_cli.render.report import how_label
            from fardplan_cli.report import InvolvementRow

            found = self._how[ways] = "; ".join(how_label(self.site.plan, InvolvementRow(
                None, role, via, through, activity=activity))  # type: ignore[arg-type]
                for role, via, through, activity in ways)
        return found

    def actor_row_at(self, path: str) -> Callable[[InitiativeRow], Markup]:
        """``actor_row(row)`` on the actor's page at folder ``path``: the first cells of an
        initiative's row (``site/actor_row.html.j2``), rendered once per initiative for every
        actor's page as deep (many actors' pages list the same initiative)."""
        from markupsafe import Markup

        from fardplan_cli.render.html import environment

        template = environment().get_template("site/actor_row.html.j2")
        href = linker(path, self.base_url)
        rows = self._actor_rows.setdefault(path.count("/"), {})

        def actor_row(row: InitiativeRow) -> Markup:
            found = rows.get(row.path)
            if found is None:
                found = rows[row.path] = Markup(template.render(
                    row=row, href=href, status_label=status_label))
            return found

        return actor_row

    def frame(self, path: str) -> tuple[Markup, Markup]:
        """The site's header and footer on the page at folder ``path``. The header is the same
        on every page as deep (but for the current page's link in the navigation), the footer
        on every page: each is rendered once."""
        from markupsafe import Markup

        from fardplan_cli.render.html import render_page

        search_path = f"{SEARCH_FOLDER}/"
        current = path if path == search_path or any(item.path == path for item in self.nav) \
            else None
        key = (path.count("/"), current)
        found = self._headers.get(key)
        if found is None:
            found = self._headers[key] = Markup(render_page(
                "site/header.html.j2", plan=self.site.plan, href=linker(path, self.base_url),
                here=path, nav=self.nav, search_path=search_path))
        if self._footer is None:
            self._footer = Markup(render_page("site/footer.html.j2", plan=self.site.plan,
                                              site=self.site))
        return found, self._footer

    def page(self, path: str, template: str, title: str, *, in_core: str | None = None,
             **context: Any) -> tuple[str, str]:
        """The page at folder ``path``: ``template`` on the site's layout; ``in_core``: the core
        the page is about (its initiatives are named by their ids alone there).

        The print templates link an initiative and name it for readers only when they are given
        ``initiative_href`` and ``shown_ref`` (print leaves them out, so its pages stay as they
        are); the diffs' headlines go through ``linked_headline``."""
        from fardplan_cli.render.html import render_page

        header, footer = self.frame(path)
        href = linker(path, self.base_url)

        def initiative_href(initiative: Initiative, core_id: str | None = None) -> str:
            """The page of ``initiative`` as the page shows it: followed in a core, a core's
            own, or with neither the common initiative in ``core_id``'s plan (else its own)."""
            return href(initiative_path(initiative.followed_in or initiative.core or core_id,
                                        initiative.id))

        html = render_page(
            template, layout=LAYOUT, title=title, site=self.site, plan=self.site.plan,
            href=href, asset=asset_linker(path, self.base_url),
            here=path, site_header=header, site_footer=footer, scripts=self.scripts,
            initiative_path=initiative_path, actor_path=actor_path, site_core_path=core_path,
            carrier_kinds=CARRIER_KINDS, how=self.how, amount=amount_text, tn=tn,
            initiative_href=initiative_href,
            situation_href=lambda core_id: href(situation_path(core_id)),
            shown_ref=lambda initiative: self.refs.shown(
                initiative.followed_in or initiative.core, initiative.id, in_core),
            linked_headline=lambda item: self.refs.linked_headline(item, href, path, in_core),
            searchable=context.pop("searchable", True),
            search_title=context.pop("search_title", None), **context)
        return f"{path}index.html", html

    # -- the pages ------------------------------------------------------------------------------

    def pages(self) -> Iterator[tuple[str, str]]:
        """Every page; the pages the search indexes come first (the start page, the cores' plans,
        the initiatives each on its own page, the actors), so that the search index is written
        while the rest (the lägesbild with its charts, the lists, the reports, the cycles) is
        still being rendered."""
        site = self.site
        yield self.page("", "site/start.html.j2", site.plan.region.name)
        yield from self.plan_pages()
        # A core's page of a common initiative repeats the common initiative's own page.
        repeated = [p for p in site.initiatives
                    if p.core is not None and p.initiative.scope == "common"]
        for initiative in site.initiatives:
            if not (initiative.core is not None and initiative.initiative.scope == "common"):
                yield self.initiative_page(initiative)
        for actor in site.actors:
            by_degree: dict[str, list[Involved]] = {"leads": [], "takes_part": [], "concerned": []}
            for involved in actor.involved:
                by_degree[involved.degree].append(involved)
            yield self.page(actor.path, "site/actor.html.j2", actor.actor.name, actor_page=actor,
                            by_degree=by_degree, actor_row=self.actor_row_at(actor.path))
        for initiative in repeated:
            yield self.initiative_page(initiative)
        yield from self.situation_pages()
        yield self.page(f"{INITIATIVES_FOLDER}/", "site/initiatives.html.j2", t("Initiatives"),
                        rows=site.rows)
        common = [p for p in site.initiatives if p.core is None]
        yield self.page(f"{COMMON_FOLDER}/", "site/common.html.j2", t("Common initiatives"),
                        pages=common)
        yield self.page(f"{ACTORS_FOLDER}/", "site/actors.html.j2", t("Actors"))
        yield from self.report_pages()
        yield from self.cycle_pages()
        yield self.page(f"{SEARCH_FOLDER}/", "site/search.html.j2", t("Search"),
                        searchable=False)

    def plan_pages(self) -> Iterator[tuple[str, str]]:
        """Each core's plan, as the published document."""
        from fardplan_cli.export import PlanDocument, core_document
        from fardplan_cli.render.export_html import document_context

        plan = self.site.plan
        for core in self.site.cores:
            document = PlanDocument(plan.region.name, (core_document(plan, core.core),),
                                    plan.region.language, self.stamp)
            yield self.page(core.path, "site/plan.html.j2", in_core=core.core.id, core=core,
                            **document_context(document))

    def situation_pages(self) -> Iterator[tuple[str, str]]:
        """Each core's lägesbild, with its charts."""
        from fardplan_cli.query import InitiativeFilter
        from fardplan_cli.render.report_html import StatusPage, status_context
        from fardplan_cli.report import current_cycle, status_report

        plan = self.site.plan
        cycle = current_cycle(plan, self.today)
        for core in self.site.cores:
            report = status_report(plan, InitiativeFilter(core=core.core.id), cycle=cycle)
            context = status_context(StatusPage(plan, report, self.stamp, self.charts))
            del context["title"]
            yield self.page(core.situation_path, "site/situation.html.j2",
                            t("Situation in {core}", core=core.core.name), in_core=core.core.id,
                            core=core, **context)

    def initiative_page(self, page: InitiativePage) -> tuple[str, str]:
        initiative = page.initiative
        title = f"{initiative.id} {initiative.title}"
        # A core's own initiative is found with its core's name: cores may word one alike.
        search_title = (f"{title} ({page.core.name})"
                        if page.core is not None and initiative.scope == "core" else None)
        return self.page(page.path, "site/initiative.html.j2", title,
                         in_core=page.core.id if page.core else None,
                         search_title=search_title, page=page,
                         described=described)

    def report_pages(self) -> Iterator[tuple[str, str]]:
        from fardplan_cli.query import InitiativeFilter
        from fardplan_cli.render.report_html import (
            ResponsibilityPage,
            StatusPage,
            responsibility_context,
            status_context,
        )
        from fardplan_cli.report import actor_letters, current_cycle, status_report

        plan = self.site.plan
        yield self.page(f"{REPORTS_FOLDER}/", "site/reports.html.j2", t("Reports"),
                        reports=[NavItem(t("Status"), STATUS_REPORT_PATH),
                                 NavItem(t("Responsibility"), RESPONSIBILITY_REPORT_PATH)])
        status = status_report(plan, InitiativeFilter(), cycle=current_cycle(plan, self.today))
        yield self.page(STATUS_REPORT_PATH, "report_status.html.j2",
                        **status_context(StatusPage(plan, status, self.stamp, self.charts)))
        letters = ResponsibilityPage(plan, tuple(actor_letters(plan)), None, self.stamp)
        yield self.page(RESPONSIBILITY_REPORT_PATH, "report_responsibility.html.j2",
                        **responsibility_context(letters))

    def cycle_pages(self) -> Iterator[tuple[str, str]]:
        from fardplan_cli.render.diff_common import DiffReport
        from fardplan_cli.render.diff_html import diff_context

        yield self.page(f"{CYCLES_FOLDER}/", "site/cycles.html.j2", t("Cycles"))
        for found in self.site.cycles:
            comparison = found.comparison
            context = diff_context(DiffReport(comparison.source, comparison.target,
                                              comparison.result))
            context["title"] = t("From {source} to {target}", source=comparison.source_cycle,
                                 target=comparison.target_cycle)
            yield self.page(found.path, "site/diff.html.j2", comparison=comparison, **context)


def draw_charts_ahead(charts: ChartsDrawnAhead, plan: PlanSet, language: str,
                      today: date | None = None) -> None:
    """Start drawing the charts of the site of ``plan`` (each core's lägesbild and the status
    report), with their labels in ``language``, while the site's content is still being built."""
    from fardplan_cli.clock import today as clock_today
    from fardplan_cli.query import InitiativeFilter
    from fardplan_cli.render.report_html import area_name
    from fardplan_cli.report import current_cycle, status_by_area, status_report

    cycle = current_cycle(plan, today or clock_today())
    status = []
    for selection in [InitiativeFilter(), *(InitiativeFilter(core=c.id) for c in plan.cores)]:
        by_area = status_by_area(status_report(plan, selection, cycle=cycle))
        status.append([(area_name(plan, n), counts) for n, counts in by_area.items()])
    charts.draw_ahead(language, status, [i for core in plan.cores for i in core.indicators])


def render_site(site: Site, base_url: str | None = None, today: date | None = None,
                charts: ChartsDrawnAhead | None = None) -> Iterator[tuple[str, str | bytes]]:
    """Every file of the site: ``(relative path, content)``, the pages then the assets;
    ``charts``: where the charts were drawn ahead (``draw_charts_ahead``)."""
    from fardplan_cli.clock import today as clock_today

    renderer = SiteRenderer(site, base_url, today or clock_today(), charts)
    yield from renderer.pages()
    yield from site_assets()
