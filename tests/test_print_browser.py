"""The printable pages in a real browser: printed to PDF on A4, nothing clipped, accessible."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from fardplan_cli.load import load_plan_set
from tests.support import run_cli
from tests.support.browser import (
    accessibility_violations,
    open_file,
    overflowing_elements,
    pdf_page_sizes,
    pdf_pages,
    print_to_pdf,
)
from tests.support.report import edit

A4_POINTS = (595.0, 842.0)


def _written(repo: Path, name: str, *args: str) -> Path:
    out = repo.parent / name
    result = run_cli(*args, "--output", str(out), repo=repo)
    assert result.exit_code == 0, result.output
    return out


def _below_the_stamp(page: str) -> str:
    """A printed sheet's text without its first line: the stamp in the sheet's top margin."""
    stamp, _, rest = page.partition("\n")
    assert "Utskriven" in stamp, stamp
    return rest


def _stdout(repo: Path, name: str, *args: str) -> Path:
    """A report written to a file as a user would: ``fardplan ... > name``."""
    out = repo.parent / name
    result = run_cli(*args, repo=repo)
    assert result.exit_code == 0, result.output
    out.write_text(result.stdout, encoding="utf-8")
    return out


REPORTS = [
    ("report", "status", "--core", "sodertalje", "--format", "html"),
    ("report", "responsibility", "--actor", "trafikverket", "--format", "html"),
]


@pytest.fixture
def followed(plan_repo: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The plans in git with notes, an indicator series, activities and an update, committed."""
    from tests.support import commit_all
    from tests.test_report_html import followed_up

    monkeypatch.setenv("FARDPLAN_TODAY", "2026-11-30")
    followed_up(plan_repo)
    commit_all(plan_repo, "Follow-up")
    return plan_repo


def test_the_exported_plan_is_stamped_on_every_sheet_with_the_day_and_the_revision(
        followed: Path, browser: Any) -> None:
    from tests.support import git

    page, _ = open_file(browser, _written(followed, "plan.html", "export", "--core",
                                          "sodertalje", "--format", "html"))
    head = git(followed, "rev-parse", "HEAD").strip()[:10]
    assert page.inner_text("header.stamp") == (
        f"Färdplaner för de regionala stadskärnorna · Utskriven 2026-11-30 · incheckning {head}")
    pages = pdf_pages(print_to_pdf(page))
    assert len(pages) > 3
    assert all("2026-11-30" in sheet.partition("\n")[0] and head in sheet.partition("\n")[0]
               for sheet in pages)


@pytest.mark.parametrize("args", REPORTS)
def test_the_reports_print_on_a4_dated_with_revision_notes_and_charts(
        followed: Path, browser: Any, args: tuple[str, ...]) -> None:
    from tests.support import git

    page, outside = open_file(browser, _stdout(followed, "report.html", *args))
    charts = page.locator("figure svg").count()
    pdf = print_to_pdf(page)
    sizes = pdf_page_sizes(pdf)
    assert all(abs(w - A4_POINTS[0]) < 2 and abs(h - A4_POINTS[1]) < 2 for w, h in sizes)
    pages = pdf_pages(pdf)
    head = git(followed, "rev-parse", "HEAD").strip()[:10]
    # every sheet is headed with the day and the revision (the page's top margin)
    assert all("2026-11-30" in text and head in text for text in pages)
    text = " ".join(" ".join(pages).split())  # the PDF's lines joined: a cell's text wraps
    if args[1] == "status":
        assert "waits for the new health care plan" in text and "merged into 4.4" in text
        assert charts == 3
        assert "Mål 2030: 28 000" in text  # the target, as the chart's legend says it
        assert "1 Levande och attraktiva stadskärnor" in text
    else:
        assert "ÅVS Södertälje" in text and "2026-06-30" in text
    assert overflowing_elements(page) == []
    assert outside == []
def _printed(text: str) -> str:
    """A regular expression for ``text`` as a PDF's text holds it: any whitespace between words,
    and a hyphen and a line break wherever the browser hyphenated a word."""
    words = [r"(?:-?\s*)?".join(re.escape(c) for c in word) for word in text.split()]
    return r"\s+".join(words)


def test_the_exported_plan_prints_on_a4_with_the_published_sections_in_order(
        plan_dir: Path, browser: Any) -> None:
    page_file = _written(plan_dir, "sodertalje.html", "export", "--core", "sodertalje",
                         "--format", "html")
    page, outside = open_file(browser, page_file)
    pdf = print_to_pdf(page)
    sizes = pdf_page_sizes(pdf)
    assert len(sizes) > 3
    assert all(abs(w - A4_POINTS[0]) < 2 and abs(h - A4_POINTS[1]) < 2 for w, h in sizes)
    assert overflowing_elements(page) == []
    assert outside == []
    pages = [_below_the_stamp(sheet) for sheet in pdf_pages(pdf)]
    text = "\n".join(pages)
    assert "Södertälje stadskärna" in text
    body = text[re.search(_printed("Innehåll"), text).end():]  # type: ignore[union-attr]
    plan = load_plan_set({f"plans/{p.name}": p.read_bytes() for p in (plan_dir / "plans").glob("*.yaml")})
    wanted = [s.heading for s in plan.sections_of("sodertalje") if s.placement == "before-character"
              and s.heading]
    wanted += ["Färdplan för Södertälje stadskärna", "En storregional mötesplats",
               "Stadskärnan utvecklas", "Levande och attraktiv stadskärna", "Färdriktning",
               "Gemensamma insatser", "1.1 Stärk kommunikationen", "Kärnspecifika insatser",
               "1.5 Samverka för en tryggare stadskärna", "Regional målpunkt för samhällsservice",
               "Naturlig lokaliseringsplats för näringsliv och innovation",
               "Almi Stockholm AB ägs av Almi AB",
               "Tillgänglig regional stadskärna som bidrar till hållbart resande",
               "Insatskarta Södertälje stadskärna", "Genomförande av färdplanerna",
               "Politiska samtal som utgångspunkt", "Uppföljning av utvecklingen"]
    position = 0
    for heading in wanted:
        found = re.compile(_printed(heading)).search(body, position)
        assert found is not None, f"not printed in order: {heading}"
        position = found.end()
    # The core's part, each goal area, the map and Genomförande start a page of their own.
    for heading in ("Färdplan för Södertälje stadskärna", "Insatskarta Södertälje stadskärna",
                    "Genomförande av färdplanerna"):
        assert any(re.match(r"\s*" + _printed(heading), p) for p in pages), heading


def test_hostile_text_prints_as_text(plan_dir: Path, browser: Any) -> None:
    region = plan_dir / "plans" / "region.yaml"
    text = region.read_text(encoding="utf-8")
    region.write_text(text.replace("heading: Roller och ansvar",
                                   'heading: "<script>document.title=1</script> {{ 7*7 }} & x"'),
                      encoding="utf-8")
    page, _ = open_file(browser, _written(plan_dir, "page.html", "export", "--core", "sodertalje",
                                          "--format", "html"))
    assert page.evaluate("document.querySelectorAll('script').length") == 0
    printed = "\n".join(pdf_pages(print_to_pdf(page)))
    assert re.search(_printed("<script>document.title=1</script> {{ 7*7 }} & x"), printed)


@pytest.mark.parametrize("args", [
    ("export", "--core", "sodertalje", "--format", "html"),
    *REPORTS,
    # the other printable pages with the slow tests (.ci/run runs both)
    pytest.param(("report", "status", "--format", "html"), marks=pytest.mark.slow),
    pytest.param(("report", "responsibility", "--core", "sodertalje", "--format", "html"),
                 marks=pytest.mark.slow),
    pytest.param(("diff", "HEAD~1", "HEAD", "--format", "html"), marks=pytest.mark.slow),
    pytest.param(("export", "--core", "haninge", "--format", "html"), marks=pytest.mark.slow),
])
def test_printable_pages_are_accessible(followed: Path, browser: Any, args: tuple[str, ...]) -> None:
    written = (_written(followed, "page.html", *args) if args[0] == "export"
               else _stdout(followed, "page.html", *args))
    page, _ = open_file(browser, written)
    # the letters of every actor in a core: a letter's colours are checked on one actor's letter
    everyone = args[:2] == ("report", "responsibility") and "--actor" not in args
    assert [v["id"] + ": " + v["help"]
            for v in accessibility_violations(page, contrast=not everyone)] == []


HOSTILE = "<script>document.title='owned'</script> {{ 7*7 }} & "


# The export's hostile text is also printed by test_hostile_text_prints_as_text; the test command
# keeps the status report and the diff, .ci/run the export and the letter.
@pytest.mark.parametrize("args", [
    pytest.param(("export", "--core", "sodertalje", "--format", "html"), marks=pytest.mark.slow),
    REPORTS[0],
    pytest.param(REPORTS[1], marks=pytest.mark.slow),
    ("diff", "HEAD", "--format", "html"),
])
def test_hostile_text_shows_as_text_in_the_browser(plan_repo: Path, browser: Any,
                                                   args: tuple[str, ...]) -> None:
    plan_dir = plan_repo
    edit(plan_dir, "region.yaml", "title: Levande och attraktiva stadskärnor",
         f'title: "{HOSTILE}{"x" * 5000}"')
    edit(plan_dir, "sodertalje.yaml", "label: Boende i stadskärnan", f'label: "{HOSTILE}"')
    edit(plan_dir, "actors.yaml", "name: Trafikverket", f'name: "{HOSTILE}"')
    written = (_written(plan_dir, "page.html", *args) if args[0] == "export"
               else _stdout(plan_dir, "page.html", *args))
    page, _ = open_file(browser, written)
    assert page.evaluate("document.title") != "owned"
    assert page.locator("script").count() == 0
    assert "<script>document.title='owned'</script> {{ 7*7 }} &" in page.inner_text("body")
    assert overflowing_elements(page) == []
