"""The site's search index (site_search.py): Pagefind's index and interface in the site's folder,
Swedish word forms, and the search page in a real browser, on small folders of pages written here."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from fardplan_cli.errors import FardplanError
from fardplan_cli.site_search import SEARCH_INDEX_FOLDER, SearchIndexSummary, index_site
from tests.support import run_cli
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


def test_only_site_search_imports_pagefind() -> None:
    importers = sorted(str(module.relative_to(PACKAGE)) for module in PACKAGE.rglob("*.py")
                       if "import pagefind" in (text := module.read_text(encoding="utf-8"))
                       or "from pagefind" in text)
    assert importers == ["site_search.py"]


# -- in the browser ---------------------------------------------------------------------------


def _found(browser: Any, site: Path, query: str) -> list[str]:
    """The addresses the search page's results link to, for ``?q=query``."""
    with served_page(browser, site, f"sok/index.html?q={query}") as served:
        return search_results(served.page)


def test_swedish_word_forms_find_a_page_by_another_form_of_its_word(tmp_path: Path, browser: Any) -> None:
    swedish = small_site(tmp_path / "sv")
    index_site(swedish, "sv")
    english = small_site(tmp_path / "en")
    index_site(english, "en")

    # "kärnans" is no prefix of "kärnorna": only Swedish stemming brings them together
    assert _found(browser, swedish, "kärnans") == ["/karnor/index.html"]
    assert _found(browser, english, "kärnans") == []
    assert _found(browser, swedish, "Science Park") == ["/karnor/index.html"]
    # the text outside data-pagefind-body (the navigation) is not indexed, nor the filters'
    # options or a list's column headings
    assert _found(browser, swedish, "Navigeringsord") == []
    assert _found(browser, swedish, "Filterord") == []
    assert _found(browser, swedish, "Rubrikord") == []
    assert _found(browser, swedish, "Radord") == ["/lista/index.html"]


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


def test_an_english_site_searches_the_plans_in_swedish(plan_repo: Path) -> None:
    out = plan_repo.parent / "_site"

    built = run_cli("site", str(out), "--lang", "en", repo=plan_repo)

    assert built.exit_code == 0, built.output
    assert '<html lang="en">' in (out / "index.html").read_text(encoding="utf-8")
    entry = json.loads((out / SEARCH_INDEX_FOLDER / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert list(entry["languages"]) == ["sv"]
