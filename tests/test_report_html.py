"""``report status --format html`` and ``report responsibility --format html``: pages for print.

The pages are golden files with each chart's SVG replaced by the texts it holds (the drawing's
coordinates are matplotlib's, which may move a little between its versions); the charts
themselves are checked for what they must show and for giving the same bytes twice.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from tests.support import assert_golden, commit_all, git, run_cli
from tests.support.report import edit, vary

SERIES = ("    values:\n      - {year: 2026, value: 25000, note: cirka}\n",
          "    values:\n      - {year: 2019, value: 22100}\n      - {year: 2022, value: 23800}\n"
          "      - {year: 2026, value: 25000, note: cirka}\n"
          "    target: {year: 2030, value: 28000}\n")


def followed_up(root: Path) -> Path:
    """The varied plans (tests.support.report.vary) with an indicator series and a target, an
    activity Trafikverket owns with its due date and note, and an update."""
    vary(root)
    edit(root, "sodertalje.yaml", *SERIES)
    for args in (
        ("activity", "add", "sodertalje:4.4", "--title", "Utred expressbuss till Stockholm C",
         "--owner", "trafikverket", "--due", "2026-06-30", "--note", "ÅVS Södertälje"),
        ("activity", "add", "sodertalje:4.1", "--title", "Gemensam lägesbild", "--owner",
         "trafikverket", "--due", "2027-03-01"),
        ("update", "sodertalje:4.1", "Första mötet hölls", "--date", "2026-10-01", "--by",
         "trafikverket"),
    ):
        result = run_cli(*args, repo=root)
        assert result.exit_code == 0, result.output
    return root


@pytest.fixture
def plans(plan_dir: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("FARDPLAN_TODAY", "2026-11-30")
    return followed_up(plan_dir)


def page(root: Path, *args: str) -> str:
    result = run_cli(*args, "--format", "html", repo=root)
    assert result.exit_code == 0, result.output
    return result.stdout


def charts_as_text(html: str) -> str:
    """Each ``<svg>…</svg>`` as its name and the texts it shows, one per line."""
    def texts(match: re.Match[str]) -> str:
        named = re.match(r'<svg (role="img" aria-labelledby="[^"]*")', match.group())
        shown = re.findall(r"<text\b[^>]*>([^<]*)</text>", match.group())
        return f"<svg {named.group(1) if named else ''}>\n" + "\n".join(shown) + "\n</svg>"
    return re.sub(r"<svg\b.*?</svg>", texts, html, flags=re.S)


class _Texts(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.texts: list[str] = []
        self.tags: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)

    def handle_data(self, data: str) -> None:
        self.texts.append(data)


def parsed(html: str) -> _Texts:
    parser = _Texts()
    parser.feed(html)
    return parser


@pytest.mark.parametrize(("name", "args"), [
    ("status-sodertalje", ("report", "status", "--core", "sodertalje")),
    ("status", ("report", "status")),
    ("responsibility-trafikverket", ("report", "responsibility", "--actor", "trafikverket")),
])
def test_golden_pages(plans: Path, name: str, args: tuple[str, ...]) -> None:
    assert_golden(f"report/{name}.html", charts_as_text(page(plans, *args)))


def test_the_status_page_names_goal_areas_and_shows_notes(plans: Path) -> None:
    html = page(plans, "report", "status", "--core", "sodertalje")
    assert "<h2>1 Levande och attraktiva stadskärnor</h2>" in html
    assert "<td>4 Tillgängliga regionala stadskärnor som bidrar till ett hållbart resande</td>" in html
    assert ' <span class="status-note">merged into 4.4</span>' in html
    assert '<span class="status-note">waits for the new health care plan</span>' in html
    assert "Första mötet hölls" in html
    assert "2026-06-30 (försenad)" in html  # overdue on the stamp's day


def test_the_status_page_draws_the_indicators_and_the_status(plans: Path) -> None:
    html = page(plans, "report", "status", "--core", "sodertalje")
    figures = re.findall(r"<figure\b.*?</figure>", html, flags=re.S)
    assert len(figures) == 3  # the status per goal area, and the two indicators
    status, residents, _ = figures
    assert "<figcaption" in status and "<svg" in status and "Planerad" in status
    assert "Boende i stadskärnan (personer)" in residents
    for year in ("2019", "2022", "2026", "2030"):
        assert f">{year}</text>" in residents
    assert "Mål 2030: 28 000" in residents
    # and the table beside says it in text
    assert '<td class="n">22 100</td>' in html and '<td class="n">28 000 (2030)</td>' in html
    assert "<script" not in html


def test_charts_are_the_same_bytes_every_time(plans: Path) -> None:
    args = ("report", "status", "--core", "sodertalje")
    assert page(plans, *args) == page(plans, *args)


def test_the_letter_to_an_actor(plans: Path) -> None:
    html = page(plans, "report", "responsibility", "--actor", "trafikverket")
    texts = " ".join(parsed(html).texts)
    assert "Ansvar för Trafikverket" in texts
    assert "Medverkar i" in texts and "Aktiviteter som aktören äger" in texts
    owned = html.split("Aktiviteter som aktören äger", 1)[1]
    assert owned.index("2026-06-30 (försenad)") < owned.index("2027-03-01")  # by due date
    assert "ÅVS Södertälje" in owned and "sodertalje:4.4" in owned


def test_without_an_actor_one_letter_per_involved_actor(plans: Path) -> None:
    html = page(plans, "report", "responsibility", "--core", "sodertalje")
    letters = re.findall(r'<section class="letter" id="actor-([^"]+)">', html)
    assert "trafikverket" in letters and "sodertalje-kommun" in letters
    assert len(letters) == len(set(letters)) > 3
    assert "Ansvar för Trafikverket: Södertälje stadskärna" in html


def test_pages_are_in_the_plans_language_unless_lang_says(plans: Path) -> None:
    assert '<html lang="sv">' in page(plans, "report", "status")
    english = page(plans, "--lang", "en", "report", "status")
    assert '<html lang="en">' in english and "Status report" in english
    edit(plans, "region.yaml", "language: sv", "language: en")
    assert '<html lang="en">' in page(plans, "report", "status")


def test_the_common_matrix_has_no_page(plans: Path) -> None:
    result = run_cli("report", "status", "--common", "--format", "html", repo=plans)
    assert result.exit_code == 2
    assert "--common" in result.stderr


HOSTILE = "<script>alert(1)</script> {{ 7*7 }} & $x$ "


def test_hostile_text_shows_as_text(plans: Path) -> None:
    title = HOSTILE + "x" * 5000
    edit(plans, "region.yaml", "title: Levande och attraktiva stadskärnor",
         f"title: '{title}'")
    edit(plans, "sodertalje.yaml", "label: Boende i stadskärnan", f"label: '{HOSTILE}'")
    edit(plans, "actors.yaml", "name: Trafikverket", f"name: '{HOSTILE}'")
    for args in (("report", "status", "--core", "sodertalje"), ("report", "status"),
                 ("report", "responsibility", "--actor", "trafikverket")):
        html = page(plans, *args)
        assert "<script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
        assert "{{ 7*7 }} &amp; $x$" in html
        assert "script" not in parsed(html).tags


@pytest.mark.parametrize("args", [
    ("report", "status", "--core", "sodertalje", "--format", "html"),
    ("report", "responsibility", "--actor", "trafikverket", "--format", "html"),
])
def test_every_printed_report_carries_the_stamp(plan_repo: Path, args: tuple[str, ...],
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FARDPLAN_TODAY", "2026-11-30")
    head = git(plan_repo, "rev-parse", "HEAD").strip()
    git(plan_repo, "tag", "-a", "-m", "closed", "cycle/2023-2026")
    result = run_cli(*args, repo=plan_repo)
    assert result.exit_code == 0, result.output
    header = result.stdout.split('<header class="stamp">', 1)[1].split("</header>", 1)[0]
    assert "2026-11-30" in header and head[:10] in header and "cycle/2023-2026" in header
    assert "Färdplaner för de regionala stadskärnorna" in header
    (plan_repo / "plans" / "x.txt").write_text("x\n", encoding="utf-8")
    commit_all(plan_repo, "later")
    assert "cycle/2023-2026" not in run_cli(*args, repo=plan_repo).stdout


def test_only_the_pages_that_draw_import_the_plotting_library(plan_dir: Path) -> None:
    from tests.test_cli_startup import _loaded_after

    for fmt in ("table", "markdown", "json", "csv"):
        loaded = _loaded_after("--repo", str(plan_dir), "report", "status", "--core",
                               "sodertalje", "--format", fmt)
        assert "fardplan_cli.report" in loaded  # the command ran
        assert not {m for m in loaded if m.partition(".")[0] in ("matplotlib", "jinja2")}, fmt
    drawn = _loaded_after("--repo", str(plan_dir), "report", "status", "--format", "html")
    assert "matplotlib" in drawn and "fardplan_cli.render.charts" in drawn
    letters = _loaded_after("--repo", str(plan_dir), "report", "responsibility", "--format", "html")
    assert "jinja2" in letters and "matplotlib" not in letters


def test_every_label_of_the_page_templates_has_a_swedish_translation() -> None:
    from fardplan_cli import i18n
    from tests.support import PROJECT_ROOT

    templates = PROJECT_ROOT / "src" / "fardplan_cli" / "render" / "templates"
    for name in ("report_status.html.j2", "report_responsibility.html.j2", "diff.html.j2"):
        text = (templates / name).read_text(encoding="utf-8")
        labels = re.findall(r"""\bt\(\s*(?:"([^"]*)"|'([^']*)')""", text)
        assert labels, name
        missing = [a or b for a, b in labels if (a or b) not in i18n._SWEDISH]
        assert missing == [], name
