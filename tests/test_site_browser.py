"""The built site as its readers meet it, in a real headless Chromium.

One site is built per module, from a copy of the shipped plans in a real git repository with a
closed cycle, edits committed after it (one by a named author on a known date) and an initiative
whose text is hostile. On it: the search finds an initiative by a word of its title, the status
filter narrows the lists, every internal link resolves, no page asks for anything outside the
site, every kind of page passes the accessibility check, hostile text shows as text, and an
initiative's history shows the test commit.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urljoin, urlsplit

import pytest

from tests.support import SHIPPED_PLANS, SHIPPED_SCHEMAS, commit_all, init_git_repo, run_cli
from tests.support.browser import accessibility_violations, open_file
from tests.support.site_serving import search_results, served_page

AUTHOR = "Kim Ändrare"
AUTHOR_DATE = "2027-03-14T10:00:00+01:00"
STATUS_NOTE = "Arbetet har börjat med en förstudie."
HOSTILE_TITLE = ("<script>window.hostile = 1</script> \"citat\" 'apostrof' & <b>fet</b> "
                 + "Å" * 5000)
HOSTILE_DESCRIPTION = "</textarea><img src=x onerror=\"window.hostile = 2\"> '\"' & &amp;"


@dataclass(frozen=True)
class BuiltSite:
    folder: Path
    hostile_page: str
    """The address (relative to the site's root) of the initiative with hostile text."""


def _plan_repository(root: Path) -> str:
    """The shipped plans in git: imported, cycle 2023-2026 closed, then edited and committed.
    The reference of the hostile initiative."""
    shutil.copytree(SHIPPED_PLANS, root / "plans")
    shutil.copytree(SHIPPED_SCHEMAS, root / "schemas")
    init_git_repo(root)
    commit_all(root, "Import the plans")

    def fardplan(*args: str, env: dict[str, str] | None = None) -> str:
        result = run_cli(*args, repo=root, env=env)
        assert result.exit_code == 0, result.output
        return result.stdout

    fardplan("cycle", "close", "2023-2026", "--force")
    fardplan("set-status", "sodertalje:1.3", "ongoing", "--note", STATUS_NOTE, "--commit",
             env={"GIT_AUTHOR_NAME": AUTHOR, "GIT_AUTHOR_DATE": AUTHOR_DATE,
                  "GIT_COMMITTER_DATE": AUTHOR_DATE})
    fardplan("set-status", "sodertalje:3.5", "ongoing", "--commit")
    fardplan("set-status", "haninge:2.1", "done", "--commit")
    fardplan("prioritize", "sodertalje:1.3", "--cycle", "2027-2030", "--dialogue", "2027-02-01", "--commit")
    return fardplan("new", "--core", "sodertalje", "--area", "4", "--title", HOSTILE_TITLE,
                    "--description", HOSTILE_DESCRIPTION, "--lead", "trafikverket",
                    "--commit").strip().splitlines()[0]


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[BuiltSite]:
    """The site, built once for the module (the per-test isolation of conftest is not there yet
    for a module's fixture: the same environment is set here)."""
    home = tmp_path_factory.mktemp("home")
    with pytest.MonkeyPatch.context() as env:
        env.setenv("HOME", str(home))
        env.setenv("GIT_CONFIG_NOSYSTEM", "1")
        env.setenv("GIT_CONFIG_GLOBAL", str(home / ".gitconfig"))
        for name in ("FARDPLAN_REPO", "FARDPLAN_DEBUG", "FARDPLAN_LANG", "LC_ALL", "LC_MESSAGES",
                     "GIT_DIR", "GIT_WORK_TREE"):
            env.delenv(name, raising=False)
        env.setenv("LANG", "C.UTF-8")
        work = tmp_path_factory.mktemp("site")
        hostile = _plan_repository(work / "plans-repo")
        result = run_cli("site", str(work / "_site"), repo=work / "plans-repo")
        assert result.exit_code == 0, result.output
    core, _, number = hostile.partition(":")
    yield BuiltSite(work / "_site", f"{core}/{number.replace('.', '-')}/")


# -- the pages, without a browser -------------------------------------------------------------


class _LinksAndIds(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if value is None:
                continue
            if name in ("href", "src") and not (tag == "link" and ("rel", "canonical") in attrs):
                self.links.append(value)
            elif name == "id" or (tag == "a" and name == "name"):
                self.ids.add(value)


def _parsed(page: Path) -> _LinksAndIds:
    parser = _LinksAndIds()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser


def test_every_internal_link_on_every_page_resolves(site: BuiltSite) -> None:
    pages = sorted(site.folder.rglob("*.html"))
    parsed = {page: _parsed(page) for page in pages}
    root = site.folder.as_uri() + "/"
    broken: list[str] = []
    checked = 0
    for page, found in parsed.items():
        for link in found.links:
            target = urlsplit(urljoin(page.as_uri(), link))
            if target.scheme != "file":
                continue  # a link to elsewhere is a link, not a request; none is internal
            assert target.geturl().startswith(root), f"{page}: {link} leaves the site's folder"
            path = Path(unquote(target.path))
            if link.endswith("/") or path.is_dir():
                path = path / "index.html"
            checked += 1
            if not path.is_file():
                broken.append(f"{page.relative_to(site.folder)}: {link} (no {path.name})")
            elif target.fragment and path.suffix == ".html":
                ids = parsed[path].ids if path in parsed else _parsed(path).ids
                if unquote(target.fragment) not in ids:
                    broken.append(f"{page.relative_to(site.folder)}: {link} (no #{target.fragment})")
    assert broken == []
    assert len(pages) > 100 and checked > 1000


def test_the_lists_carry_the_filters_ids_and_are_whole_without_javascript(site: BuiltSite) -> None:
    html = (site.folder / "insatser" / "index.html").read_text(encoding="utf-8")
    assert '<form class="initiative-filters" hidden' in html
    assert 'data-status="ongoing"' in html
    assert (site.folder / "assets" / "filters.js").is_file()
    assert (site.folder / "assets" / "search.js").is_file()


# -- every kind of page in the browser -------------------------------------------------------

PAGE_KINDS = {
    "start": "",
    "core plan": "sodertalje/",
    "lägesbild": "sodertalje/lagesbild/",
    "initiative": "sodertalje/1-3/",
    "common initiative in a core": "sodertalje/1-1/",
    "common initiative": "gemensamma/1-1/",
    "common initiatives": "gemensamma/",
    "every initiative": "insatser/",
    "actors": "aktorer/",
    "actor": "aktorer/trafikverket/",
    "reports": "rapporter/",
    "status report": "rapporter/status/",
    "responsibility report": "rapporter/ansvar/",
    "cycles": "cykler/",
    "changes between cycles": "cykler/2023-2026--2027-2030/",
    "search": "sok/",
}


def _violations(page: Any, *, contrast: bool = True) -> list[str]:
    return [f"{v['id']}: {v['help']} ({len(v['nodes'])}: {v['nodes'][0]['target']})"
            for v in accessibility_violations(page, contrast=contrast)]


# Checked in the test command; every other kind with the slow tests (.ci/run runs both).
EVERYDAY_KINDS = {"start", "core plan", "lägesbild", "initiative", "actor", "changes between cycles",
                  "search"}


@pytest.mark.parametrize("kind", [
    kind if kind in EVERYDAY_KINDS else pytest.param(kind, marks=pytest.mark.slow)
    for kind in sorted(PAGE_KINDS)])
def test_each_kind_of_page_asks_for_nothing_outside_the_site_and_is_accessible(
        site: BuiltSite, browser: Any, kind: str) -> None:
    page, outside = open_file(browser, site.folder / PAGE_KINDS[kind] / "index.html")
    try:
        page.wait_for_load_state("load")
        assert page.evaluate("document.documentElement.lang") == "sv"
        assert page.locator("main").count() == 1
        # every actor's letter: their colours are checked on an actor's page
        assert _violations(page, contrast=kind != "responsibility report") == []
        assert outside == []
    finally:
        page.close()


def test_the_lagesbild_shows_the_status_reports_charts_named_by_their_captions(
        site: BuiltSite, browser: Any) -> None:
    page, outside = open_file(browser, site.folder / "sodertalje" / "lagesbild" / "index.html")
    try:
        charts = page.locator("figure svg[role=img]")
        assert charts.count() >= 2  # the status per goal area, and the indicators' series
        status = page.get_by_role("img", name="Insatsernas status per målområde", exact=False)
        assert status.count() == 1 and status.is_visible()
        box = status.bounding_box()
        assert box is not None and box["width"] > 200 and box["height"] > 100
        for index in range(charts.count()):
            chart = charts.nth(index)
            caption = chart.get_attribute("aria-labelledby")
            assert caption and page.locator(f"figcaption#{caption}").inner_text().strip()
            assert chart.is_visible()
        # the site's own parts are there too: its navigation and the filtered initiative list
        assert page.locator("nav a[href$='rapporter/index.html']").count() == 1
        page.get_by_label("Status", exact=True).select_option(label="Pågående")
        assert set(_visible_statuses(page)) == {"ongoing"}
        assert outside == []
    finally:
        page.close()


# -- search ----------------------------------------------------------------------------------


def test_searching_science_park_finds_initiative_3_5(site: BuiltSite, browser: Any) -> None:
    assert (site.folder / "pagefind" / "pagefind-entry.json").is_file()
    with served_page(browser, site.folder, "sok/index.html") as served:
        page = served.page
        page.get_by_label("Sök på webbplatsen").fill("Science Park")
        assert "/sodertalje/3-5/index.html" in search_results(page)
        assert served.outside() == []
        assert _violations(page) == []
        # a result opens its page
        page.click(".pagefind-ui__result-link[href='/sodertalje/3-5/index.html']")
        page.wait_for_url(f"{served.root}sodertalje/3-5/index.html")
        assert "Science Park" in page.inner_text("h1")


def test_a_word_form_of_the_description_finds_its_initiative(site: BuiltSite, browser: Any) -> None:
    """3.5's description says "tillverkande företagen": "tillverkande företag" is another form."""
    with served_page(browser, site.folder, "sok/index.html?q=tillverkande%20f%C3%B6retag") as served:
        assert "/sodertalje/3-5/index.html" in search_results(served.page)


def test_hostile_text_in_search_results_shows_as_text(site: BuiltSite, browser: Any) -> None:
    with served_page(browser, site.folder, "sok/index.html?q=citat%20apostrof") as served:
        found = search_results(served.page)
        assert f"/{site.hostile_page}index.html" in found
        titles = served.page.eval_on_selector_all(".pagefind-ui__result-link", "links => links.map(a => a.textContent)")
        assert any("<script>window.hostile = 1</script>" in title for title in titles)
        assert served.page.evaluate("window.hostile") is None
        assert served.page.locator(".pagefind-ui__results img, .pagefind-ui__results script").count() == 0


# -- filters ---------------------------------------------------------------------------------


def _visible_statuses(page: Any) -> list[str]:
    statuses: list[str] = page.eval_on_selector_all(
        "table.initiatives tbody tr", "rows => rows.filter(r => !r.hidden && r.offsetParent !== null)"
        ".map(r => r.dataset.status)")
    return statuses


def test_filtering_status_pagaende_lists_only_the_ongoing_initiatives(site: BuiltSite, browser: Any) -> None:
    page, outside = open_file(browser, site.folder / "insatser" / "index.html")
    try:
        every = _visible_statuses(page)
        assert every.count("ongoing") == 2 and len(every) > 50

        page.get_by_label("Status").select_option(label="Pågående")

        assert _visible_statuses(page) == ["ongoing", "ongoing"]
        assert page.inner_text(".filter-count") == f"Visar 2 av {len(every)} insatser"
        assert "status=ongoing" in page.url
        page.get_by_role("button", name="Visa alla").click()
        page.wait_for_function("() => !location.search.includes('status')")
        assert len(_visible_statuses(page)) == len(every)
        assert outside == []
    finally:
        page.close()


FILTERED_BY = {"core": "core", "area": "area", "status": "status", "actor": "actors", "priority": "priority"}


def test_each_select_narrows_the_list_by_its_own_ids(site: BuiltSite, browser: Any) -> None:
    page, _ = open_file(browser, site.folder / "insatser" / "index.html")
    try:
        names = page.eval_on_selector_all("form.initiative-filters select", "s => s.map(e => e.name)")
        assert names == list(FILTERED_BY)
        for name, attribute in FILTERED_BY.items():
            select = page.locator(f"select[name={name}]")
            value = select.locator("option").nth(1).get_attribute("value")
            select.select_option(value)
            rows: list[tuple[bool, str]] = page.eval_on_selector_all(
                "table.initiatives tbody tr", f"rows => rows.map(r => [!r.hidden, r.dataset.{attribute}])")
            assert any(shown for shown, _ in rows), name
            assert all(shown == (value in ids.split(" ")) for shown, ids in rows), name
            select.select_option("")
    finally:
        page.close()


def test_a_filtered_list_can_be_linked(site: BuiltSite, browser: Any) -> None:
    page = browser.new_page()
    try:
        page.goto((site.folder / "insatser" / "index.html").as_uri() + "?status=ongoing&core=sodertalje")
        assert _visible_statuses(page) == ["ongoing", "ongoing"]
        assert page.get_by_label("Status").input_value() == "ongoing"
        assert page.get_by_label("Kärna").input_value() == "sodertalje"
        page.get_by_label("Kärna").select_option("haninge")
        assert _visible_statuses(page) == []
        assert page.inner_text(".filter-count").startswith("Visar 0 av")
    finally:
        page.close()


def test_the_filters_narrow_every_list_of_an_actors_page(site: BuiltSite, browser: Any) -> None:
    page, _ = open_file(browser, site.folder / "aktorer" / "region-stockholm" / "index.html")
    try:
        rows = page.eval_on_selector_all("table.initiatives tbody tr", "rows => rows.length")
        page.get_by_label("Status").select_option(label="Pågående")
        shown = page.eval_on_selector_all(
            "table.initiatives tbody tr", "rows => rows.filter(r => !r.hidden).map(r => r.dataset.status)")
        assert set(shown) <= {"ongoing"} and len(shown) < rows
    finally:
        page.close()


def test_without_javascript_the_lists_are_whole_and_no_form_shows(site: BuiltSite, browser: Any) -> None:
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto((site.folder / "insatser" / "index.html").as_uri() + "?status=ongoing")
        assert not page.locator("form.initiative-filters").is_visible()
        rows = page.locator("table.initiatives tbody tr")
        assert rows.count() > 50
        assert all(rows.nth(n).is_visible() for n in (0, rows.count() - 1))
    finally:
        context.close()


# -- hostile text and history ----------------------------------------------------------------


def test_hostile_text_shows_as_text_and_breaks_no_page(site: BuiltSite, browser: Any) -> None:
    for address in (site.hostile_page, "insatser/", "sodertalje/", "aktorer/trafikverket/"):
        page, outside = open_file(browser, site.folder / address / "index.html")
        try:
            assert page.evaluate("window.hostile") is None, address
            text = page.inner_text("main")
            assert "<script>window.hostile = 1</script> \"citat\" 'apostrof' & <b>fet</b>" in text
            assert "Å" * 5000 in text
            # the long title wraps: nothing is wider than the window
            assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), address
            assert outside == []
        finally:
            page.close()
    page, _ = open_file(browser, site.folder / site.hostile_page / "index.html")
    try:
        assert HOSTILE_DESCRIPTION in page.inner_text("main")
        assert page.locator("main img").count() == 0
    finally:
        page.close()


# Words of a table's cells (shorter than a whole column could hold) drawn on two lines, but for
# those that break after a hyphen.
_WORDS_BROKEN_IN_CELLS = """() => {
  const broken = [];
  const walker = document.createTreeWalker(document.querySelector("main"), NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (!node.parentElement.closest("td, th")) continue;
    for (const word of node.data.matchAll(/[^\\s-]+/g)) {
      if (word[0].length > 30) continue;
      const range = document.createRange();
      range.setStart(node, word.index);
      range.setEnd(node, word.index + word[0].length);
      const lines = new Set([...range.getClientRects()].filter(r => r.width > 0)
                             .map(r => Math.round(r.top)));
      if (lines.size > 1) broken.push(word[0]);
    }
  }
  return broken;
}"""


def test_the_priority_filter_is_named_after_the_term_of_office(site: BuiltSite) -> None:
    lists = (site.folder / "insatser" / "index.html").read_text(encoding="utf-8")
    assert '<label for="filter-priority">Prioriterad under mandatperioden</label>' in lists


# The test command keeps a list with filters, a lägesbild and an initiative; .ci/run the rest.
PHONE_PAGES = [*("insatser/", "sodertalje/lagesbild/", "sodertalje/1-3/"), *(
    pytest.param(address, marks=pytest.mark.slow) for address in (
        "aktorer/trafikverket/", "aktorer/sodertalje-kommun/", "rapporter/status/",
        "rapporter/ansvar/", "sodertalje/", "cykler/2023-2026--2027-2030/"))]


@pytest.mark.parametrize("address", PHONE_PAGES)
def test_on_a_phone_no_page_scrolls_sideways_and_words_break_only_where_they_must(
        site: BuiltSite, browser: Any, address: str) -> None:
    page, _ = open_file(browser, site.folder / address / "index.html", width=375)
    try:
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
        assert page.evaluate("""() => [...document.querySelectorAll("form select")].every(
            s => s.getBoundingClientRect().right <= s.form.getBoundingClientRect().right)""")
        assert page.evaluate(_WORDS_BROKEN_IN_CELLS) == []
        if address in ("sodertalje/lagesbild/", "rapporter/status/", "insatser/"):
            # a table scrolling in its own box takes the keyboard's focus
            assert _violations(page, contrast=False) == []
    finally:
        page.close()


def test_an_initiatives_history_shows_the_change_made_in_a_test_commit(site: BuiltSite, browser: Any) -> None:
    page, _ = open_file(browser, site.folder / "sodertalje" / "1-3" / "index.html")
    try:
        history = page.locator(".history > li", has_text=AUTHOR)
        assert history.count() == 1
        entry = history.inner_text()
        assert "2027-03-14" in entry and "Pågående" in entry and STATUS_NOTE in entry
    finally:
        page.close()
