"""The printable pages in a real browser: printed to PDF on A4, nothing clipped, accessible."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.support import run_cli
from tests.support.browser import (
    accessibility_violations,
    open_file,
    overflowing_elements,
    pdf_page_sizes,
    pdf_pages,
    print_to_pdf,
)

A4_POINTS = (595.0, 842.0)


def _written(repo: Path, name: str, *args: str) -> Path:
    out = repo.parent / name
    result = run_cli(*args, "--output", str(out), repo=repo)
    assert result.exit_code == 0, result.output
    return out


def test_the_exported_plan_prints_on_a4(plan_dir: Path, browser: Any) -> None:
    page_file = _written(plan_dir, "sodertalje.html", "export", "--core", "sodertalje",
                         "--format", "html")
    page, outside = open_file(browser, page_file)
    pdf = print_to_pdf(page)
    sizes = pdf_page_sizes(pdf)
    assert len(sizes) > 3
    assert all(abs(w - A4_POINTS[0]) < 2 and abs(h - A4_POINTS[1]) < 2 for w, h in sizes)
    text = "\n".join(pdf_pages(pdf))
    assert "Södertälje stadskärna" in text
    assert overflowing_elements(page) == []
    assert outside == []


@pytest.mark.parametrize("args", [
    ("export", "--core", "sodertalje", "--format", "html"),
])
def test_printable_pages_are_accessible(plan_dir: Path, browser: Any, args: tuple[str, ...]) -> None:
    page, _ = open_file(browser, _written(plan_dir, "page.html", *args))
    assert [v["id"] + ": " + v["help"] for v in accessibility_violations(page)] == []
