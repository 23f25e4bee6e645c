"""Pages in a real headless Chromium, driven by Playwright: open, print to PDF, check accessibility.

The browser is the system's Chromium (Debian's package, which ``.ci/run`` installs), never one
that Playwright downloads. Where it is missing the browser tests are skipped, unless
``FARDPLAN_REQUIRE_BROWSER=1`` (set by ``.ci/run``) makes that a failure.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from io import BytesIO
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome", "chrome")
# 210 mm at CSS's 96 px per inch: the width of an A4 sheet.
A4_WIDTH_PX = 794


def chromium_path() -> str | None:
    configured = os.environ.get("FARDPLAN_CHROMIUM")
    if configured:
        return configured
    for name in CHROMIUM_NAMES:
        found = shutil.which(name)
        if found:
            return found
    return None


def _unavailable(reason: str) -> None:
    if os.environ.get("FARDPLAN_REQUIRE_BROWSER") == "1":
        pytest.fail(f"browser tests required but {reason}")
    pytest.skip(reason)


@contextmanager
def chromium() -> Iterator[Browser]:
    """One headless Chromium for the caller's tests."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("playwright is not installed (pip install -e '.[test]')")
        raise  # unreachable: _unavailable skips or fails
    path = chromium_path()
    if path is None:
        _unavailable("no Chromium found (apt-get install chromium, or set FARDPLAN_CHROMIUM)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=path, args=["--no-sandbox", "--disable-background-networking"])
        try:
            yield browser
        finally:
            browser.close()


def open_file(browser: Browser, path: Path, *, width: int = 1200) -> tuple[Page, list[str]]:
    """A new page showing the file, and the list of every request it makes outside ``file://``
    (filled as the page loads and runs)."""
    page = browser.new_page(viewport={"width": width, "height": 900})
    outside: list[str] = []
    page.on("request", lambda request: outside.append(request.url)
            if not request.url.startswith(("file://", "data:", "about:")) else None)
    page.goto(path.as_uri())
    return page, outside


def print_to_pdf(page: Page) -> bytes:
    """The page as the browser prints it: A4, the page's own @page margins."""
    page.emulate_media(media="print")
    return page.pdf(format="A4", prefer_css_page_size=True, print_background=False)


def pdf_pages(pdf: bytes) -> list[str]:
    """The text of every page of a PDF, in order."""
    from pypdf import PdfReader

    return [page.extract_text() or "" for page in PdfReader(BytesIO(pdf)).pages]


def pdf_page_sizes(pdf: bytes) -> list[tuple[float, float]]:
    from pypdf import PdfReader

    return [(float(p.mediabox.width), float(p.mediabox.height)) for p in PdfReader(BytesIO(pdf)).pages]


def overflowing_elements(page: Page) -> list[str]:
    """Elements wider than the page at A4 width in print media: what would be clipped on paper."""
    page.emulate_media(media="print")
    page.set_viewport_size({"width": A4_WIDTH_PX, "height": 1123})
    result: list[str] = page.evaluate("""() => {
        const limit = document.documentElement.clientWidth;
        const out = [];
        for (const el of document.body.querySelectorAll('*')) {
            const box = el.getBoundingClientRect();
            if (box.right > limit + 1)
                out.push(el.tagName + ' ' + (el.id || el.className || '') + ' ' + Math.round(box.right));
        }
        return out;
    }""")
    return result


def accessibility_violations(page: Page, *, contrast: bool = True) -> list[dict[str, Any]]:
    """axe-core's violations on the page (WCAG 2 A and AA rules and best practices). Without
    ``contrast``, every rule but colour contrast: on a page that repeats one structure hundreds
    of times (every actor's letter) it is half of axe's time, and the structure's colours are
    checked on a page that holds it once."""
    from axe_playwright_python.sync_playwright import Axe  # type: ignore[import-untyped]

    # Only the violations are reported in full: the passes' details on a large page cost axe
    # more than its checks.
    options: dict[str, Any] = {"resultTypes": ["violations"]}
    if not contrast:
        options["rules"] = {"color-contrast": {"enabled": False}}
    results = Axe().run(page, options=options)
    violations: list[dict[str, Any]] = results.response["violations"]
    return violations
