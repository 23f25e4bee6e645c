"""The site's search index (site_search.py): Pagefind's index and interface in the site's folder,
built in batches while the pages are written, Swedish word forms, what of a site is searched, and
the search page in a real browser, on small folders of pages written here and on the site of the
shipped plans."""

from __future__ import annotations

import gzip
import json
import os
import re
import shutil
import signal
import sys
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from fardplan_cli.errors import FardplanError
from fardplan_cli.site import Site
from fardplan_cli.site_search import (
    SEARCH_INDEX_FOLDER,
    SearchIndexer,
    SearchIndexSummary,
    SiteSearch,
    pages_glob,
    searched_pages,
)
from tests.support import SHIPPED_PLANS, SHIPPED_SCHEMAS, commit_all, init_git_repo, run_cli
from tests.support.browser import accessibility_violations, open_file
from tests.support.site_serving import search_results, served_page

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "fardplan_cli"
PAGES = {
    "karnor/index.html": ("Kärnorna", "De regionala stadskärnorna utvecklar Science Park tillsammans."),
    "cykel/index.html": ("Cykel", "Nya cykelvägar byggs längs stråken."),
    "meny/index.html": ("Meny", "Sidan har ingen text att söka i utanför sin meny."),
}


@pytest.fixture(autouse=True)
def _english() -> Iterator[None]:
    """Messages in English (a site built earlier in the same worker may have left Swedish on)."""
    from fardplan_cli.i18n import current_language, set_language

    was = current_language()
    set_language("en")
    yield
    set_language(was)


def index_site(folder: Path, language: str, batch: int = 1000) -> SearchIndexSummary:
    """Index every page of ``folder`` as ``fardplan site`` does while it writes them: each page
    handed over once it is there, ``batch`` pages to a request of Pagefind's."""
    with SearchIndexer(folder, language, batch=batch) as indexer:
        for page in sorted(folder.rglob("*.html")):
            indexer.page_written(page.relative_to(folder).as_posix())
        return indexer.write_index()


def indexed_titles(folder: Path) -> dict[str, str]:
    """Each indexed page's title in the search's results, from Pagefind's fragments."""
    found = {}
    for fragment in (folder / SEARCH_INDEX_FOLDER / "fragment").glob("*.pf_fragment"):
        page = json.loads(gzip.decompress(fragment.read_bytes()).removeprefix(b"pagefind_dcd"))
        found[page["url"]] = page["meta"]["title"]
    return found


def indexed_pages(folder: Path) -> dict[str, str]:
    """What the index in ``folder/pagefind/`` holds: each page's address and its searched text,
    from Pagefind's fragments (gzip, after Pagefind's own signature, JSON)."""
    found = {}
    for fragment in (folder / SEARCH_INDEX_FOLDER / "fragment").glob("*.pf_fragment"):
        data = gzip.decompress(fragment.read_bytes()).removeprefix(b"pagefind_dcd")
        page = json.loads(data)
        found[page["url"]] = page["content"]
    return found


def _search_script() -> bytes:
    return (PACKAGE / "render" / "templates" / "site" / "search.js").read_bytes()


def small_site(folder: Path, lang: str = "sv") -> Path:
    """A few pages as the site writes them: ``lang`` on <html>, the text in
    ``<main data-pagefind-body>``, and a search page that loads ``assets/search.js``."""
    def write(path: str, title: str, body: str) -> None:
        up = "../" * path.count("/")
        page = folder / path
        page.parent.mkdir(parents=True, exist_ok=True)
        page.write_text(
            f'<!DOCTYPE html>\n<html lang="{lang}"><head><meta charset="utf-8"><title>{title}</title>'
            f'<script src="{up}assets/search.js" defer></script></head>'
            f'<body><nav aria-label="Webbplats"><a href="{up}sok/index.html">Sök</a> Navigeringsord</nav>'
            f'<main data-pagefind-body><h1>{title}</h1>{body}</main></body></html>\n',
            encoding="utf-8")

    for path, (title, text) in PAGES.items():
        write(path, title, f"<p>{text}</p>")
    write("lista/index.html", "Lista",
          '<form class="initiative-filters" hidden><select><option>Filterord</option></select></form>'
          '<table class="initiatives"><thead><tr><th>Rubrikord</th></tr></thead>'
          '<tbody><tr><td>Radord</td></tr></tbody></table>')
    write("sok/index.html", "Sök", '<div id="search"></div>')
    (folder / "assets").mkdir(parents=True, exist_ok=True)
    (folder / "assets" / "search.js").write_bytes(_search_script())
    return folder


def test_the_index_and_pagefinds_interface_are_written_into_the_site(tmp_path: Path) -> None:
    site = small_site(tmp_path / "site")

    summary = index_site(site, "sv")

    index = site / SEARCH_INDEX_FOLDER
    written = [p for p in index.rglob("*") if p.is_file()]
    assert summary == SearchIndexSummary(pages=5, language="sv", files=len(written),
                                         size=sum(p.stat().st_size for p in written))
    entry = json.loads((index / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert list(entry["languages"]) == ["sv"]
    assert entry["languages"]["sv"]["page_count"] == 5
    # the Swedish stemmer's own WebAssembly, and the interface the search page loads
    assert (index / "wasm.sv.pagefind").is_file()
    assert (index / "pagefind-ui.js").is_file() and (index / "pagefind-ui.css").is_file()
    assert not (index / "playground").exists()


def test_the_plans_language_is_the_index_language_whatever_the_pages_say(tmp_path: Path) -> None:
    site = small_site(tmp_path / "site", lang="en")

    summary = index_site(site, "sv")

    entry = json.loads((site / SEARCH_INDEX_FOLDER / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert summary.language == "sv"
    assert list(entry["languages"]) == ["sv"]


def test_a_folder_that_is_not_there_is_one_clear_error(tmp_path: Path) -> None:
    with pytest.raises(FardplanError, match="not a folder"):
        index_site(tmp_path / "missing", "sv")


def test_without_pagefinds_program_the_index_fails_with_one_message(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    site = small_site(tmp_path / "site")
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(tmp_path / "no-such-program"))

    with pytest.raises(FardplanError, match=r"Pagefind's program is not installed") as raised:
        index_site(site, "sv")
    assert raised.value.exit_code == 1
    assert not (site / SEARCH_INDEX_FOLDER).exists()


def _ended_within(seconds: float, work: Callable[[], object]) -> BaseException | None:
    """What ``work`` raised (None: nothing), failing the test if it has not ended within
    ``seconds``: a Pagefind whose program ended must not leave the command waiting."""
    raised: list[BaseException | None] = []

    def run() -> None:
        try:
            work()
            raised.append(None)
        except BaseException as error:
            raised.append(error)

    worker = threading.Thread(target=run, daemon=True)
    worker.start()
    worker.join(seconds)
    assert not worker.is_alive(), f"still waiting after {seconds} s"
    return raised[0]


def test_pagefinds_program_ending_at_once_is_one_message_not_a_wait(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    site = small_site(tmp_path / "site")
    # A program that is there but is no Pagefind: Python refuses the option --service and ends.
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", sys.executable)

    failed = _ended_within(60, lambda: index_site(site, "sv"))

    assert isinstance(failed, FardplanError)
    assert failed.exit_code == 1
    assert re.fullmatch(r"cannot build the search index: Pagefind's program stopped: "
                        r".*unknown option.*--service.*", str(failed)), str(failed)


def test_pagefinds_program_ending_midway_is_one_message_not_a_wait(tmp_path: Path) -> None:
    site = small_site(tmp_path / "site")
    pages = sorted(page.relative_to(site).as_posix() for page in site.rglob("*.html"))

    def index_after_the_program_was_stopped() -> None:
        with SearchIndexer(site, "sv", batch=1) as indexer:
            indexer.page_written(pages[0])
            program = indexer._service._backend  # type: ignore[union-attr]  # stopped as by the system
            os.kill(program.pid, signal.SIGTERM)
            for page in pages[1:]:
                indexer.page_written(page)
            indexer.write_index()

    failed = _ended_within(60, index_after_the_program_was_stopped)

    assert isinstance(failed, FardplanError)
    assert str(failed).startswith("cannot build the search index: Pagefind's program stopped: ")


def test_only_site_search_imports_pagefind() -> None:
    importers = sorted(str(module.relative_to(PACKAGE)) for module in PACKAGE.rglob("*.py")
                       if "import pagefind" in (text := module.read_text(encoding="utf-8"))
                       or "from pagefind" in text)
    assert importers == ["site_search.py"]


def test_pages_handed_over_in_batches_make_the_same_index_as_in_one_request(tmp_path: Path) -> None:
    whole = small_site(tmp_path / "whole")
    index_site(whole, "sv")
    batched = small_site(tmp_path / "batched")

    summary = index_site(batched, "sv", batch=2)  # three requests: 2, 2 and 1 page

    assert summary.pages == 5
    assert indexed_pages(batched) == indexed_pages(whole)
    assert "/karnor/index.html" in indexed_pages(batched)


def test_only_the_pages_handed_over_are_indexed_even_with_glob_characters_in_a_path(
        tmp_path: Path) -> None:
    site = small_site(tmp_path / "site")
    odd = "x{a,b}(c)[d]$!"
    for folder in (odd, "xa", "xb"):  # unescaped, the glob would be x/a or x/b
        (site / folder).mkdir()
        shutil.copyfile(site / "karnor" / "index.html", site / folder / "index.html")

    with SearchIndexer(site, "sv") as indexer:
        indexer.page_written(f"{odd}/index.html")
        indexer.page_written("cykel/index.html")
        summary = indexer.write_index()

    assert summary.pages == 2
    assert sorted(indexed_pages(site)) == ["/cykel/index.html", f"/{odd}/index.html"]


def test_a_glob_matches_its_pages_alone() -> None:
    assert pages_glob(["a/index.html"]) == "a/index.html"
    assert pages_glob(["a/index.html", "b/1-2/index.html"]) == "{a/index.html,b/1-2/index.html}"
    assert pages_glob(["{x,y}/index.html"]) == "\\{x\\,y\\}/index.html"


def test_with_the_searched_pages_known_the_index_is_written_once_the_last_is_there(
        tmp_path: Path) -> None:
    site = small_site(tmp_path / "site")
    search = SiteSearch("sv", frozenset({"karnor/index.html", "cykel/index.html"}))
    assert search.searches("cykel/index.html")
    assert not search.searches("meny/index.html")
    assert not search.searches("assets/search.js")

    with search.indexing(site) as indexer:
        indexer.page_written("karnor/index.html")
        indexer.page_written("cykel/index.html")  # the last: the index is being written
        with pytest.raises(ValueError, match="already written"):
            indexer.page_written("meny/index.html")
        summary = indexer.write_index()

    assert summary.pages == 2
    assert sorted(indexed_pages(site)) == ["/cykel/index.html", "/karnor/index.html"]


def test_a_request_that_pagefind_refuses_is_one_clear_error(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from fardplan_cli import site_search

    site = small_site(tmp_path / "site")
    monkeypatch.setattr(site_search, "pages_glob", lambda pages: "{")

    with pytest.raises(FardplanError, match=r"cannot build the search index of .*site: .*glob"):
        index_site(site, "sv")


# -- in the browser ---------------------------------------------------------------------------


def _found(browser: Any, site: Path, query: str) -> list[str]:
    """The addresses the search page's results link to, for ``?q=query``."""
    with served_page(browser, site, f"sok/index.html?q={query}") as served:
        return search_results(served.page)


def _found_in_index(browser: Any, site: Path, queries: list[str]) -> dict[str, list[str]]:
    """What Pagefind's own script finds in the site's index for each query (its results'
    addresses), all in one page."""
    with served_page(browser, site, "sok/index.html") as served:
        found: dict[str, list[str]] = served.page.evaluate("""async ([root, queries]) => {
            const pagefind = await import(root + "pagefind/pagefind.js");
            const found = {};
            for (const query of queries) {
                const search = await pagefind.search(query);
                found[query] = await Promise.all(search.results.map(
                    result => result.data().then(data => data.url)));
            }
            return found;
        }""", [served.root, queries])
        return found


def test_swedish_word_forms_find_a_page_by_another_form_of_its_word(tmp_path: Path, browser: Any) -> None:
    swedish = small_site(tmp_path / "sv")
    index_site(swedish, "sv")
    english = small_site(tmp_path / "en")
    index_site(english, "en")

    # "kärnans" is no prefix of "kärnorna": only Swedish stemming brings them together
    assert _found(browser, swedish, "kärnans") == ["/karnor/index.html"]  # as a reader searches
    assert _found_in_index(browser, english, ["kärnans"]) == {"kärnans": []}
    # the text outside data-pagefind-body (the navigation) is not indexed, nor the filters'
    # options, a list's column headings or its rows (each initiative's page has them)
    unindexed = ["Navigeringsord", "Filterord", "Rubrikord", "Radord"]
    assert _found_in_index(browser, swedish, [*unindexed, "Science Park"]) == {
        **{word: [] for word in unindexed}, "Science Park": ["/karnor/index.html"]}


def test_the_search_page_uses_only_the_sites_files_and_is_accessible(tmp_path: Path, browser: Any) -> None:
    site = small_site(tmp_path / "site")
    index_site(site, "sv")

    with served_page(browser, site, "sok/index.html?q=cykelväg") as served:
        page = served.page
        assert search_results(page) == ["/cykel/index.html"]
        assert page.inner_text(".pagefind-ui__result-link") == "Cykel"
        assert served.outside() == []
        assert any(url.startswith(f"{served.root}pagefind/") for url in served.requests)
        label = page.get_attribute("label.search-label", "for")
        assert label is not None and page.query_selector(f"input#{label}") is not None
        assert [v["id"] + ": " + v["help"] for v in accessibility_violations(page)] == []


def test_results_link_below_the_root_when_the_site_is_served_below_it(tmp_path: Path, browser: Any) -> None:
    site = small_site(tmp_path / "served" / "plans")
    index_site(site, "sv")

    with served_page(browser, tmp_path / "served", "plans/sok/index.html?q=cykelväg") as served:
        assert search_results(served.page) == ["/plans/cykel/index.html"]


def test_from_files_on_disk_the_search_page_says_it_needs_a_server(tmp_path: Path, browser: Any) -> None:
    site = small_site(tmp_path / "site")
    index_site(site, "sv")

    page, outside = open_file(browser, site / "sok" / "index.html")
    try:
        page.wait_for_selector(".search-note")
        assert "webbserver" in page.inner_text(".search-note")
        assert outside == []
    finally:
        page.close()


def test_a_site_built_without_the_index_says_so(tmp_path: Path, browser: Any) -> None:
    site = small_site(tmp_path / "site")

    with served_page(browser, site, "sok/index.html") as served:
        served.page.wait_for_selector(".search-note")
        assert "Sökindexet saknas" in served.page.inner_text(".search-note")



# -- in 'fardplan site' -----------------------------------------------------------------------


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_the_site_command_builds_the_index_and_a_failed_index_leaves_the_old_site(
        plan_repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = plan_repo.parent / "_site"

    built = run_cli("site", str(out), repo=plan_repo)

    assert built.exit_code == 0, built.output
    assert re.search(r"^Search index: \d+ pages, \d+ files", built.stdout, re.M)
    entry = json.loads((out / SEARCH_INDEX_FOLDER / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert list(entry["languages"]) == ["sv"]  # the plans' language
    before = _snapshot(out)
    beside = sorted(p.name for p in plan_repo.parent.iterdir())

    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(plan_repo.parent / "no-such-program"))
    failed = run_cli("site", str(out), repo=plan_repo)

    assert failed.exit_code == 1, failed.output
    assert "cannot build the search index: Pagefind's program is not installed" in failed.stderr
    assert "Traceback" not in failed.output
    assert _snapshot(out) == before
    assert sorted(p.name for p in plan_repo.parent.iterdir()) == beside


def test_the_site_command_ends_with_a_message_when_pagefinds_program_ends(
        plan_repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = plan_repo.parent / "_site"
    beside = sorted(p.name for p in plan_repo.parent.iterdir())
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", sys.executable)
    ran: list[Any] = []

    assert _ended_within(120, lambda: ran.append(
        run_cli("--lang", "sv", "site", str(out), repo=plan_repo))) is None

    failed = ran[0]
    assert failed.exit_code == 1, failed.output
    assert "kan inte bygga sökindexet: Pagefinds program avslutades: " in failed.stderr
    assert "Traceback" not in failed.output
    assert sorted(p.name for p in plan_repo.parent.iterdir()) == beside


# A request left waiting when Pagefind failed must end with the command, not be collected later.
@pytest.mark.filterwarnings("error::pytest.PytestUnraisableExceptionWarning")
def test_pagefind_failing_while_the_pages_are_written_leaves_the_old_site(
        plan_repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from fardplan_cli import site_search

    out = plan_repo.parent / "_site"
    assert run_cli("site", str(out), repo=plan_repo).exit_code == 0
    before = _snapshot(out)
    beside = sorted(p.name for p in plan_repo.parent.iterdir())
    monkeypatch.setattr(site_search, "PAGES_PER_REQUEST", 3)  # a batch long before the last page
    monkeypatch.setattr(site_search, "pages_glob", lambda pages: "{")

    failed = run_cli("site", str(out), repo=plan_repo)

    assert failed.exit_code == 1, failed.output
    # said in the user's language (English here), not the site's
    assert "cannot build the search index of" in failed.stderr
    assert "Traceback" not in failed.output
    assert _snapshot(out) == before
    assert sorted(p.name for p in plan_repo.parent.iterdir()) == beside


def test_an_english_site_searches_the_plans_in_swedish(plan_repo: Path) -> None:
    out = plan_repo.parent / "_site"

    built = run_cli("site", str(out), "--lang", "en", repo=plan_repo)

    assert built.exit_code == 0, built.output
    assert '<html lang="en">' in (out / "index.html").read_text(encoding="utf-8")
    entry = json.loads((out / SEARCH_INDEX_FOLDER / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert list(entry["languages"]) == ["sv"]


# -- what of the site is searched -------------------------------------------------------------


@dataclass(frozen=True)
class ShippedSite:
    site: Site
    folder: Path


@pytest.fixture(scope="module")
def shipped(tmp_path_factory: pytest.TempPathFactory) -> ShippedSite:
    """The site of the shipped plans, written by ``fardplan site``, and its content."""
    from fardplan_cli.site import build_site

    root = tmp_path_factory.mktemp("shipped")
    repo = root / "plans-repo"
    shutil.copytree(SHIPPED_PLANS, repo / "plans")
    shutil.copytree(SHIPPED_SCHEMAS, repo / "schemas")
    init_git_repo(repo)
    commit_all(repo, "Import the plans")
    built = run_cli("site", str(root / "_site"), repo=repo)
    assert built.exit_code == 0, built.output
    return ShippedSite(build_site(repo), root / "_site")


def test_the_index_holds_the_pages_that_hold_things_not_the_lists_that_repeat_them(
        shipped: ShippedSite) -> None:
    site = shipped.site
    searched = searched_pages(site)
    common = {i.id for i in site.plan.region.initiatives}
    core = next(c for c in site.cores if {r.initiative.scope for r in c.rows} == {"core", "common"})
    own = next(r for r in core.rows if r.initiative.scope == "core")
    shared = next(r for r in core.rows if r.initiative.scope == "common")

    assert {f"/{page}" for page in searched} == set(indexed_pages(shipped.folder))
    assert all((shipped.folder / page).is_file() for page in searched)
    assert {"index.html", f"{core.path}index.html", f"{own.path}index.html",
            "aktorer/trafikverket/index.html"} <= searched
    assert {f"gemensamma/{i.replace('.', '-')}/index.html" for i in common} <= searched
    assert not searched & {
        f"{shared.path}index.html",  # a core's page of a common initiative: its own page has it
        f"{core.situation_path}index.html", "insatser/index.html", "gemensamma/index.html",
        "aktorer/index.html", "rapporter/index.html", "rapporter/status/index.html",
        "rapporter/ansvar/index.html", "cykler/index.html", "sok/index.html"}
    assert not any(page.startswith("cykler/") for page in searched)


def test_the_searched_pages_are_rendered_before_the_rest(shipped: ShippedSite) -> None:
    """Pagefind writes its index once the last searched page is there: every page after it (the
    lägesbild's charts, the lists, the reports) is rendered while the index is written."""
    from fardplan_cli.render.site_pages import render_site

    searched = searched_pages(shipped.site)
    order = [path for path, _ in render_site(shipped.site) if path.endswith(".html")]
    last_searched = max(order.index(page) for page in searched)
    assert last_searched == len(searched) - 1
    assert any(page.endswith("lagesbild/index.html") for page in order[last_searched + 1:])


def test_an_actors_page_is_searched_by_its_name_not_by_its_lists(shipped: ShippedSite) -> None:
    actor = next(a for a in shipped.site.actors if a.actor.id == "trafikverket")
    titles = {item.row.initiative.title for item in actor.involved}
    assert titles

    text = indexed_pages(shipped.folder)["/aktorer/trafikverket/index.html"]

    assert "Trafikverket" in text
    assert not [title for title in titles if title in text]


def test_a_core_plan_is_searched_by_its_own_text_not_its_initiatives(shipped: ShippedSite) -> None:
    core = next(c for c in shipped.site.cores if any(r.initiative.scope == "core" for r in c.rows))
    own = next(r for r in core.rows if r.initiative.scope == "core")
    index = indexed_pages(shipped.folder)
    description = own.initiative.description.split(".")[0]

    assert core.core.name in index[f"/{core.path}index.html"]
    assert description not in index[f"/{core.path}index.html"]
    assert description in index[f"/{own.path}index.html"]


def test_searching_an_actors_name_finds_its_page(shipped: ShippedSite, browser: Any) -> None:
    assert "/aktorer/trafikverket/index.html" in _found(browser, shipped.folder, "Trafikverket")


def test_every_searched_page_has_a_title_of_its_own_naming_a_cores_plan_by_its_core(
        shipped: ShippedSite) -> None:
    titles = indexed_titles(shipped.folder)
    repeated = [title for title in titles.values() if list(titles.values()).count(title) > 1]
    assert not repeated
    for core in shipped.site.cores:  # each plan's first heading is the cover's shared title
        assert titles[f"/{core.path}index.html"] == f"Färdplan för {core.core.name}"
    own = next(r for r in shipped.site.rows if r.initiative.scope == "core")
    assert own.core is not None
    assert titles[f"/{own.path}index.html"].endswith(f" ({own.core.name})")
    assert titles["/gemensamma/2-2/index.html"].startswith("2.2 ")
    assert titles["/aktorer/trafikverket/index.html"] == "Trafikverket"
