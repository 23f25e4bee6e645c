"""The checks the page tests make in the browser, shown to find what they look for."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tests.support.browser import accessibility_violations, open_file

BROKEN = """<!doctype html><html><head><title>Trasig</title></head><body><main>
<img src="karta.png"><p style="color:#eeeeee;background:#ffffff">Knappt synlig text</p>
</main></body></html>"""


def test_axe_reports_what_a_broken_page_breaks(tmp_path: Path, browser: Any) -> None:
    page_file = tmp_path / "trasig.html"
    page_file.write_text(BROKEN, encoding="utf-8")
    page, _ = open_file(browser, page_file)
    try:
        found = {v["id"] for v in accessibility_violations(page)}
        assert {"html-has-lang", "image-alt", "color-contrast"} <= found
        without_contrast = {v["id"] for v in accessibility_violations(page, contrast=False)}
        assert without_contrast == found - {"color-contrast"}
    finally:
        page.close()
