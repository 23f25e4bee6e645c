"""`fardplan site`: the pages, their addresses and links, the history from git, the writing."""

from __future__ import annotations

import contextlib
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from fardplan_cli.render.site_pages import ReaderRefs
from tests.support import SHIPPED_PLANS, SHIPPED_SCHEMAS, commit_all, git, init_git_repo, run_cli


def _edit(root: Path, old: str, new: str, path: str = "plans/sodertalje.yaml") -> None:
    file = root / path
    text = file.read_text(encoding="utf-8")
    assert old in text
    file.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped plans with a few edits, commits and a closed cycle, and the site built once."""
    root = tmp_path_factory.mktemp("site") / "repo"
    shutil.copytree(SHIPPED_PLANS, root / "plans")
    shutil.copytree(SHIPPED_SCHEMAS, root / "schemas")
    init_git_repo(root)
    commit_all(root, "Import the plans")
    assert run_cli("set-status", "sodertalje:1.3", "ongoing", "--commit", repo=root).exit_code == 0
    assert run_cli("cycle", "close", "2023-2026", "--force", repo=root).exit_code == 0
    _edit(root, "Utformningen av kärnans spårstationer", "Utformningen av de nya spårstationerna")
    git(root, "add", "-A")
    git(root, "-c", "user.name=Anna Andersson", "commit", "-q", "-m", "Reword 1.3",
        "--date", "2027-02-03T10:00:00+01:00")
    result = run_cli("site", str(root.parent / "_site"), repo=root)
    assert result.exit_code == 0, result.output
    return root.parent / "_site"


def _page(site: Path, path: str) -> str:
    return (site / path / "index.html").read_text(encoding="utf-8")


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_the_page_set_and_its_addresses(built: Path) -> None:
    for path in ("", "sodertalje", "sodertalje/lagesbild", "sodertalje/1-3", "gemensamma",
                 "gemensamma/2-2", "sodertalje/2-2", "aktorer", "aktorer/trafikverket",
                 "insatser", "rapporter", "rapporter/status", "rapporter/ansvar", "cykler",
                 "cykler/2023-2026--2027-2030", "sok"):
        assert (built / path / "index.html").is_file(), path
    assert (built / "assets" / "site.css").is_file()
    assert (built / "assets" / "print.css").is_file()  # the print stylesheet, linked once
    assert '@import url("assets/print.css");' in _page(built, "")
    start = _page(built, "")
    assert '<html lang="sv">' in start
    assert "Södertälje" in start


def test_an_initiative_shows_its_history_with_date_and_author(built: Path) -> None:
    text = _text(_page(built, "sodertalje/1-3"))
    assert "2027-02-03 · Anna Andersson · Reword 1.3" in text
    assert "Test Planner" in text  # the status change and the import
    history = text[text.index("Historik"):]
    assert history.index("Anna Andersson") < history.index("Import the plans")  # newest first
    html = _page(built, "sodertalje/1-3")
    reworded = html[html.index("Reword 1.3"):]
    assert "spårstationerna</ins>" in reworded and "<del>kärnans</del>" in reworded  # words marked


def test_an_initiative_shows_its_changes_between_cycles(built: Path) -> None:
    html = _page(built, "sodertalje/1-3")
    assert "Från 2023-2026 till 2027-2030" in _text(html)
    assert "de nya" in html
    diff = _text(_page(built, "cykler/2023-2026--2027-2030"))
    assert "1.3" in diff


def test_a_common_initiative_has_a_page_of_its_own_listing_every_core(built: Path) -> None:
    html = _page(built, "gemensamma/2-2")
    for core in ("sodertalje", "haninge", "flemingsberg"):
        assert f'href="../../{core}/2-2/index.html"' in html
    assert 'href="../../gemensamma/2-2/index.html"' in _page(built, "sodertalje/2-2")


def test_an_actor_page_lists_what_it_leads_and_takes_part_in(built: Path) -> None:
    text = _text(_page(built, "aktorer/trafikverket"))
    assert "Trafikverket" in text
    assert "Ansvarar för" in text or "Medverkar i" in text


def test_initiative_lists_carry_what_the_filters_narrow_by(built: Path) -> None:
    html = _page(built, "insatser")
    assert '<table class="initiatives">' in html
    row = re.search(r'<tr data-core="sodertalje" data-area="1" data-status="ongoing"[^>]*>', html)
    assert row is not None
    assert re.search(r'data-actors="[a-z0-9 -]*sodertalje-kommun', row.group(0))
    assert 'data-priority="' in row.group(0)


def test_the_lagesbild_is_the_status_report_of_the_core_with_its_charts(built: Path) -> None:
    html = _page(built, "sodertalje/lagesbild")
    assert '<figure id="status-chart" role="group" aria-labelledby="status-chart-caption">' in html
    assert '<svg role="img" aria-labelledby="status-chart-caption"' in html
    assert re.search(r'<figure id="indicator-[a-z0-9-]+" role="group"', html)
    assert '<table class="counts">' in html  # the report's table, saying the charts in text
    assert '<header class="site">' in html and '<header class="stamp">' not in html
    assert "@top-right" in html  # the stamp, in the margin of the printed page
    assert '<form class="initiative-filters" hidden' in html
    assert '<a href="../../sodertalje/index.html">' in html  # the core's plan


def test_the_reports_and_the_cycles_are_the_printable_pages_on_the_sites_layout(built: Path) -> None:
    status = _page(built, "rapporter/status")
    assert "<h1>Statusrapport</h1>" in status and '<figure id="status-chart"' in status
    responsibility = _page(built, "rapporter/ansvar")
    assert '<section class="letter" id="actor-trafikverket">' in responsibility
    diff = _page(built, "cykler/2023-2026--2027-2030")
    assert '<table class="summary" aria-label="Sammanfattning">' in diff
    for html in (status, responsibility, diff):
        assert '<header class="site">' in html and '<header class="stamp">' not in html
        assert 'id="main" data-pagefind-body' in html
    plan = _page(built, "sodertalje")
    assert '<header class="site">' in plan and "Södertälje" in plan


def test_a_cores_plan_links_each_initiative_and_the_lagesbild(built: Path) -> None:
    html = _page(built, "sodertalje")
    assert '<a href="../sodertalje/lagesbild/index.html">Lägesbild för Södertälje' in html
    headings = re.findall(r'<h4><span class="id">([0-9.]+)</span> <a href="([^"]+)">', html)
    assert len(headings) == html.count("<h4>") > 3  # every initiative of the plan, linked
    for initiative_id, link in headings:  # the core's own and the common ones as followed here
        assert link == f"../sodertalje/{initiative_id.replace('.', '-')}/index.html"


def test_the_reports_and_the_diffs_link_their_initiatives(built: Path) -> None:
    situation = _page(built, "sodertalje/lagesbild")
    # The core's page: the id alone, the title linked.
    assert '<td class="ref">1.3</td><td><a href="../../sodertalje/1-3/index.html">' in situation
    status = _page(built, "rapporter/status")  # its counts name the cores, not initiatives
    assert '<td class="core" rowspan="4"><a href="../../sodertalje/lagesbild/index.html">' in status
    letters = _page(built, "rapporter/ansvar")
    assert re.search(r'<td class="ref">Södertälje stadskärna 1\.3</td><td><a href="'
                     r'\.\./\.\./sodertalje/1-3/index\.html">', letters)
    assert "sodertalje:1.3" not in _text(letters)
    diff = _page(built, "cykler/2023-2026--2027-2030")
    assert ('Ändrad: <a href="../../sodertalje/1-3/index.html">Södertälje stadskärna 1.3</a>'
            in diff)
    own = _page(built, "sodertalje/1-3")  # named by its id, not linked to the page it is on
    assert "<h3>Ny insats: 1.3</h3>" in own
    assert not [h for h in re.findall(r"<h3>.*?</h3>", own) if "sodertalje:" in h]


def test_the_swedish_reads_as_an_official_writes_it(built: Path) -> None:
    start = _text(_page(built, ""))
    assert "Skapad med fardplan" in start and "Gjord med" not in start
    actors = _page(built, "aktorer")
    assert re.search(r'<th scope="col" class="n">Ansvarar</th><th scope="col" class="n">'
                     r'Medverkar</th><th scope="col" class="n">Berörs</th>', actors)
    lists = _page(built, "insatser")
    assert "Prioriterad i cykeln" not in lists
    statuses = re.findall(r'<option value="(\w+)">', lists[lists.index('id="filter-status"'):
                                                        lists.index("</select>", lists.index('id="filter-status"'))])
    assert statuses == ["planned", "ongoing"]  # in the order of the work
    shared = _text(_page(built, "sodertalje/2-2"))
    assert "I alla kärnor den gemensamma insatsen 2.2 med varje kärnas uppföljning" in shared
    diff = _page(built, "cykler/2023-2026--2027-2030")
    assert ('<p class="sub">från mandatperioden 2023-2026 till nuvarande planer (mandatperioden '
            '2027-2030 är inte avslutad)</p>') in diff
    assert "dess planer hittills" not in diff and "cycle/2023-2026" not in _text(diff)
    assert "(hittills) · 1 ändring</li>" in _page(built, "cykler")  # one change, in the singular


def test_a_core_whose_plan_is_not_entered_says_what_is_missing(plan_repo: Path) -> None:
    from dataclasses import replace
    from datetime import date

    from fardplan_cli.i18n import current_language, set_language
    from fardplan_cli.render.site_pages import SiteRenderer
    from fardplan_cli.site import build_site

    site = build_site(plan_repo, "sv")
    empty = replace(site.cores[0], core=replace(site.cores[0].core, initiatives=(), directions=(),
                                                character=(), indicators=()))
    assert not empty.core.entered
    renderer = SiteRenderer(replace(site, cores=(empty, *site.cores[1:])), None, date(2026, 11, 30))
    was = current_language()
    set_language("sv")
    try:
        _, html = renderer.page("", "site/start.html.j2", "Start")
    finally:
        set_language(was)
    assert "Lägesbild</a> <span class=\"note\">(planen är inte inlagd ännu)</span>" in html


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name in ("href", "src") and value:
                self.links.append(value)
            if name == "id" and value:
                self.ids.add(value)


def test_every_internal_link_resolves_and_none_leaves_the_site(built: Path) -> None:
    parsed: dict[Path, _Links] = {}
    for page in built.rglob("*.html"):
        links = _Links()
        links.feed(page.read_text(encoding="utf-8"))
        parsed[page.resolve()] = links
    for page, links in parsed.items():
        for link in links.links:
            parts = urlsplit(link)
            assert not parts.scheme and not parts.netloc, (page, link)
            target = (page.parent / unquote(parts.path)).resolve() if parts.path else page
            assert target.is_file(), (page, link)
            assert built.resolve() in target.parents
            if parts.fragment and target in parsed:
                assert parts.fragment in parsed[target].ids, (page, link)


def test_base_url_makes_the_links_absolute(plan_repo: Path, tmp_path: Path) -> None:
    result = run_cli("site", str(tmp_path / "out"), "--base-url", "https://example.org/plan/",
                     repo=plan_repo)
    assert result.exit_code == 0, result.output
    html = (tmp_path / "out" / "sodertalje" / "1-3" / "index.html").read_text(encoding="utf-8")
    assert 'href="https://example.org/plan/aktorer/' in html
    assert 'href="https://example.org/plan/assets/site.css"' in html


def test_english_labels_on_request(plan_repo: Path, tmp_path: Path) -> None:
    result = run_cli("site", str(tmp_path / "out"), "--lang", "en", repo=plan_repo)
    assert result.exit_code == 0, result.output
    html = (tmp_path / "out" / "sodertalje" / "1-3" / "index.html").read_text(encoding="utf-8")
    assert '<html lang="en">' in html
    assert "History" in html
    assert '<span lang="sv">' in html  # the plan's text keeps its own language


def test_hostile_text_shows_as_text(plan_repo: Path, tmp_path: Path) -> None:
    hostile = '<script>alert("x")</script> \'quoted\' ' + "å" * 5000
    _edit(plan_repo, "title: Fortsätt samverka kring stations- och stadsmiljöerna vid Södertälje C "
          "och Södertälje Syd", "title: " + repr(hostile).replace("\\'", "''"))
    commit_all(plan_repo, "A hostile title")
    result = run_cli("site", str(tmp_path / "out"), repo=plan_repo)
    assert result.exit_code == 0, result.output
    for page in (tmp_path / "out").rglob("*.html"):
        assert "<script>alert" not in page.read_text(encoding="utf-8"), page
    html = (tmp_path / "out" / "sodertalje" / "1-3" / "index.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in html


def test_an_amount_shows_with_a_space_between_thousands_as_in_its_history(
        plan_repo: Path, tmp_path: Path) -> None:
    result = run_cli("carry", "sodertalje:1.3", "--kind", "funding", "--actor", "Region Stockholm",
                     "--amount", "500000", "--commit", repo=plan_repo)
    assert result.exit_code == 0, result.output
    assert run_cli("site", str(tmp_path / "out"), repo=plan_repo).exit_code == 0
    html = (tmp_path / "out" / "sodertalje" / "1-3" / "index.html").read_text(encoding="utf-8")
    carried = html[html.index("<h3>Genomförande</h3>"):html.index("<h2>", html.index("<h3>Genomförande"))]
    assert ", 500\u00a0000 kr" in carried and "500000" not in carried
    assert "500\u00a0000 kr" in html[html.index("<h2>Historik</h2>"):]  # worded the same


def test_the_size_is_written_with_the_languages_decimal_sign(plan_repo: Path, tmp_path: Path) -> None:
    swedish = run_cli("--lang", "sv", "site", str(tmp_path / "sv"), repo=plan_repo)
    assert re.search(r"\d+,\d MB", swedish.stdout) and not re.search(r"\d\.\d MB", swedish.stdout)
    english = run_cli("--lang", "en", "site", str(tmp_path / "en"), repo=plan_repo)
    assert re.search(r"\d+\.\d MB", english.stdout), english.stdout


def test_the_site_says_what_it_wrote(plan_repo: Path, tmp_path: Path) -> None:
    result = run_cli("site", str(tmp_path / "out"), repo=plan_repo)
    assert result.exit_code == 0
    pages = len(list((tmp_path / "out").rglob("*.html")))
    assert re.search(rf"{pages} (pages|sidor)", result.stdout), result.stdout


def test_the_charts_drawn_by_a_worker_process_are_the_ones_drawn_with_the_page(
        plan_repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from fardplan_cli.render import charts

    assert run_cli("site", str(tmp_path / "here"), repo=plan_repo).exit_code == 0
    drawn_ahead: list[int] = []
    draw_ahead = charts.ChartsDrawnAhead.draw_ahead

    def counted(self: charts.ChartsDrawnAhead, *args: object) -> None:
        draw_ahead(self, *args)  # type: ignore[arg-type]
        drawn_ahead.append(len(self._drawn))

    monkeypatch.setattr(charts, "CHARTS_FOR_A_WORKER", 1)  # the shipped plans have a few only
    monkeypatch.setattr(charts.ChartsDrawnAhead, "draw_ahead", counted)
    assert run_cli("site", str(tmp_path / "ahead"), repo=plan_repo).exit_code == 0
    assert drawn_ahead and drawn_ahead[0] > 0
    pages = sorted(p.relative_to(tmp_path / "here") for p in (tmp_path / "here").rglob("*.html"))
    assert pages == sorted(p.relative_to(tmp_path / "ahead")
                           for p in (tmp_path / "ahead").rglob("*.html"))
    for page in pages:
        if "pagefind" not in page.parts:
            assert (tmp_path / "ahead" / page).read_bytes() == (tmp_path / "here" / page).read_bytes()


def test_a_second_run_replaces_the_site_it_wrote(plan_repo: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert run_cli("site", str(out), repo=plan_repo).exit_code == 0
    (out / "stale.html").write_text("old", encoding="utf-8")
    assert run_cli("site", str(out), repo=plan_repo).exit_code == 0
    assert not (out / "stale.html").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out", "plans-repo"]  # nothing beside


@pytest.mark.parametrize("where", ["plans", "plans/site", "schemas/x", ".git/site", "."])
def test_refuses_to_write_where_the_plans_are(plan_repo: Path, where: str) -> None:
    before = {p: p.read_bytes() for p in plan_repo.rglob("*") if p.is_file()}
    result = run_cli("site", str(plan_repo / where), repo=plan_repo)
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    assert {p: p.read_bytes() for p in plan_repo.rglob("*") if p.is_file()} == before


def test_refuses_a_folder_that_is_not_a_site(plan_repo: Path, tmp_path: Path) -> None:
    folder = tmp_path / "documents"
    folder.mkdir()
    (folder / "letter.txt").write_text("keep me", encoding="utf-8")
    result = run_cli("site", str(folder), repo=plan_repo)
    assert result.exit_code == 2
    assert (folder / "letter.txt").read_text(encoding="utf-8") == "keep me"


def test_needs_a_commit(plan_dir: Path, tmp_path: Path) -> None:
    init_git_repo(plan_dir)
    result = run_cli("site", str(tmp_path / "out"), repo=plan_dir)
    assert result.exit_code == 2
    assert "commit" in result.output
    assert not (tmp_path / "out").exists()


def test_a_core_named_like_a_site_folder_gets_a_folder_of_its_own() -> None:
    from fardplan_cli.site import core_path, initiative_path

    assert core_path("sodertalje") == "sodertalje/"
    assert core_path("aktorer") == "karna-aktorer/"
    assert initiative_path("aktorer", "1.3") == "karna-aktorer/1-3/"
    assert initiative_path(None, "2.2") == "gemensamma/2-2/"


@pytest.mark.slow  # a sweep over every initiative of 60 commits: .ci/run runs it
def test_the_one_walk_finds_the_commits_that_log_finds(repo: Path) -> None:
    """The history from one walk over the commits names, for every initiative at HEAD, the same
    commits as ``fardplan log`` finds for it alone (the generated history has no merges)."""
    from fardplan_cli.load import load_plan_set
    from fardplan_cli.log import follow_up_history, initiative_history
    from fardplan_cli.repository import PlanRepository
    from fardplan_cli.revisions import PlanReader
    from fardplan_cli.site_history import plan_history

    with PlanReader(repo) as reader:
        history = plan_history(reader)
    plan = load_plan_set(PlanRepository(repo).read_plan_files(), positions=False)
    compared = 0
    for core in plan.cores:
        for initiative in plan.core_plan(core.id):
            if initiative.scope == "core":
                keys = [initiative.ref]
                entries = initiative_history(repo, core.id, initiative.id)
            else:
                keys = [initiative.id, f"{core.id}:{initiative.id}"]
                entries = follow_up_history(repo, core.id, initiative.id)
            walked = {event.commit.commit for event in history.of(*keys)}
            assert walked == {entry.commit.commit for entry in entries}, initiative.ref
            compared += 1
    assert compared > 10


def test_the_site_follows_fardplans_language_and_else_the_plans(plan_repo: Path, tmp_path: Path) -> None:
    assert run_cli("--lang", "en", "site", str(tmp_path / "en"), repo=plan_repo).exit_code == 0
    assert '<html lang="en">' in (tmp_path / "en" / "index.html").read_text(encoding="utf-8")
    result = run_cli("site", str(tmp_path / "sv"), repo=plan_repo)  # LANG=C: messages in English
    assert '<html lang="sv">' in (tmp_path / "sv" / "index.html").read_text(encoding="utf-8")
    assert "Wrote the site" in result.stdout


def test_a_commit_whose_plans_do_not_read_is_passed_over(plan_repo: Path, tmp_path: Path) -> None:
    good = (plan_repo / "plans" / "sodertalje.yaml").read_text(encoding="utf-8")
    (plan_repo / "plans" / "sodertalje.yaml").write_text(good + "\n  broken: [\n", encoding="utf-8")
    commit_all(plan_repo, "Broken for a while")
    (plan_repo / "plans" / "sodertalje.yaml").write_text(good, encoding="utf-8")
    commit_all(plan_repo, "Mended")
    assert run_cli("set-status", "sodertalje:1.3", "ongoing", "--commit", repo=plan_repo).exit_code == 0
    result = run_cli("site", str(tmp_path / "out"), repo=plan_repo)
    assert result.exit_code == 0, result.output
    text = _text((tmp_path / "out" / "sodertalje" / "1-3" / "index.html").read_text(encoding="utf-8"))
    assert "set-status sodertalje:1.3" in text
    assert "Broken for a while" not in text and "Mended" not in text  # nothing changed across them


def test_plans_with_problems_at_head_are_refused(plan_repo: Path, tmp_path: Path) -> None:
    file = plan_repo / "plans" / "sodertalje.yaml"
    file.write_text(file.read_text(encoding="utf-8") + "\n  broken: [\n", encoding="utf-8")
    commit_all(plan_repo, "Broken")
    result = run_cli("site", str(tmp_path / "out"), repo=plan_repo)
    assert result.exit_code == 1
    assert "plans/sodertalje.yaml" in result.output
    assert "Traceback" not in result.output
    assert not (tmp_path / "out").exists()
    assert [p.name for p in tmp_path.iterdir()] == ["plans-repo"]  # no half-built folder left


def test_plans_that_validate_finds_errors_in_are_not_published(
        plan_repo: Path, tmp_path: Path) -> None:
    """They read, but a rule refuses them: the site would publish an actor that is not there."""
    file = plan_repo / "plans" / "sodertalje.yaml"
    text = file.read_text(encoding="utf-8")
    file.write_text(text.replace("participants: [", "participants: [poliss, ", 1), encoding="utf-8")
    commit_all(plan_repo, "An actor misspelt")
    out = tmp_path / "out"
    out.mkdir()
    (out / ".fardplan-site").write_text("an earlier site\n", encoding="utf-8")

    result = run_cli("site", str(out), repo=plan_repo)

    assert result.exit_code == 1, result.output
    assert re.search(r"plans/sodertalje\.yaml:\d+:\d+: error\[unknown-actor\].*'poliss'",
                     result.output)
    assert "Traceback" not in result.output
    assert [p.name for p in out.iterdir()] == [".fardplan-site"]  # the earlier site as it was
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out", "plans-repo"]


def test_uncommitted_plan_changes_are_not_in_the_site_and_it_says_so(
        plan_repo: Path, tmp_path: Path) -> None:
    assert run_cli("set-status", "sodertalje:4.4", "ongoing", repo=plan_repo).exit_code == 0

    result = run_cli("site", str(tmp_path / "out"), repo=plan_repo)

    assert result.exit_code == 0, result.output
    assert ("note: the site shows the plans as last committed; the uncommitted changes to "
            "plans/sodertalje.yaml are not in it") in result.stderr
    page = _text((tmp_path / "out" / "sodertalje" / "4-4" / "index.html").read_text(encoding="utf-8"))
    assert "Pågående" not in page
    again = run_cli("site", str(tmp_path / "out"), repo=plan_repo)  # replacing the site: the same
    assert "uncommitted" in again.stderr
    commit_all(plan_repo, "Status of 4.4")
    assert "uncommitted" not in run_cli("site", str(tmp_path / "out"), repo=plan_repo).stderr


def test_warnings_alone_do_not_stop_the_site(plan_repo: Path, tmp_path: Path) -> None:
    paused = run_cli("set-status", "sodertalje:1.3", "paused", "--commit", repo=plan_repo)
    assert paused.exit_code == 0, paused.output
    assert "warning[" in run_cli("validate", repo=plan_repo).output  # paused with no note saying why

    result = run_cli("site", str(tmp_path / "out"), repo=plan_repo)

    assert result.exit_code == 0, result.output


@pytest.mark.parametrize("url", ["javascript:alert(1)", "example.org/plan", "//example.org/",
                                 'https://example.org/"><script>', "ftp://example.org/"])
def test_a_base_url_that_is_not_an_address_is_refused(plan_repo: Path, tmp_path: Path, url: str) -> None:
    result = run_cli("site", str(tmp_path / "out"), "--base-url", url, repo=plan_repo)
    assert result.exit_code == 2
    assert "--base-url" in result.output
    assert not (tmp_path / "out").exists()


def test_a_base_url_with_a_space_is_refused_for_the_space(plan_repo: Path, tmp_path: Path) -> None:
    result = run_cli("site", str(tmp_path / "out"), "--base-url", "https://example.org/a b/",
                     repo=plan_repo)
    assert result.exit_code == 2
    assert "--base-url may not hold spaces" in result.output
    assert "must be an http" not in result.output


def test_a_base_url_may_be_a_path_from_the_servers_root(plan_repo: Path, tmp_path: Path) -> None:
    assert run_cli("site", str(tmp_path / "out"), "--base-url", "/plan", repo=plan_repo).exit_code == 0
    html = (tmp_path / "out" / "index.html").read_text(encoding="utf-8")
    assert 'href="/plan/sodertalje/index.html"' not in html
    assert 'href="/plan/sodertalje/"' in html


def test_the_plan_trees_read_at_once_are_those_read_one_by_one(repo: Path) -> None:
    from fardplan_cli.revisions import PlanReader

    with PlanReader(repo) as reader:
        commits = [c.commit for c in reader.git.commits_changing(["plans/"])][:30]
        one_by_one = [reader.plan_blobs(c) for c in commits]
        reader.read_plan_trees(commits)
        assert [reader.plan_blobs(c) for c in commits] == one_by_one
        assert len({tuple(sorted(b.items())) for b in one_by_one}) > 1
        assert reader.git.files_at_many(commits[:2], "no-such-folder") == [{}, {}]


def test_the_walk_cuts_each_version_of_a_core_file_once(repo: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    """The newer side of one comparison is the older side of the next of the same file: the
    walk cuts each version once (the plans' first commit's too). What it finds is what ``log``
    finds (the test above)."""
    from fardplan_cli import chunks
    from fardplan_cli.revisions import PlanReader
    from fardplan_cli.site_history import plan_history

    cut: list[str] = []
    original = chunks.cut_core_text

    def counted(text: str) -> chunks.CoreText | None:
        cut.append(text)
        return original(text)

    monkeypatch.setattr(chunks, "cut_core_text", counted)
    with PlanReader(repo) as reader:
        history = plan_history(reader)
        assert reader.files_cut > 0
    assert history.events
    assert cut and len(cut) == len(set(cut))


def test_a_file_that_cannot_be_written_leaves_the_old_site_and_nothing_beside(
        plan_repo: Path, tmp_path: Path) -> None:
    from fardplan_cli.errors import FardplanError
    from fardplan_cli.site_writing import write_site

    out = tmp_path / "out"
    assert run_cli("site", str(out), repo=plan_repo).exit_code == 0
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    # The second file needs a folder where the first is a file: the system refuses it.
    files = [("a/index.html", "<p>a</p>"), ("a/index.html/b.html", "<p>b</p>"),
             *((f"c{n}/index.html", "<p>c</p>") for n in range(200))]
    with pytest.raises(FardplanError, match="could not be written"):
        write_site(plan_repo, out, iter(files))
    assert {p: p.read_bytes() for p in out.rglob("*") if p.is_file()} == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out", "plans-repo"]


def test_the_old_site_is_removed_whole_and_a_link_in_it_is_not_followed(tmp_path: Path) -> None:
    from fardplan_cli.site_writing import remove_folder

    kept = tmp_path / "kept"
    kept.mkdir()
    (kept / "keep.txt").write_text("keep me", encoding="utf-8")
    old = tmp_path / "old"
    for n in range(300):
        (old / f"f{n % 7}" / f"p{n}").mkdir(parents=True)
        (old / f"f{n % 7}" / f"p{n}" / "index.html").write_text("x", encoding="utf-8")
    (old / "empty").mkdir()
    with contextlib.suppress(OSError):  # no symbolic links here (Windows without the right)
        (old / "link").symlink_to(kept, target_is_directory=True)
    remove_folder(old)
    assert not old.exists()
    assert (kept / "keep.txt").read_text(encoding="utf-8") == "keep me"


def _reader_refs() -> ReaderRefs:
    from types import SimpleNamespace

    def page(core: str | None, initiative_id: str) -> SimpleNamespace:
        return SimpleNamespace(core=SimpleNamespace(id=core) if core else None,
                               initiative=SimpleNamespace(id=initiative_id))

    site = SimpleNamespace(
        cores=[SimpleNamespace(core=SimpleNamespace(id="sodertalje", name="Södertälje stadskärna"))],
        initiatives=[page("sodertalje", "1.1"), page("sodertalje", "1.10"), page(None, "2.2")])
    return ReaderRefs(site)  # type: ignore[arg-type]  # a site's cores and pages alone


def test_a_diff_headline_links_only_the_initiative_its_item_names() -> None:
    from fardplan_cli.render.diff_common import Item
    from fardplan_cli.render.site_pages import linker

    refs, href = _reader_refs(), linker("cykler/a--b/", None)

    renumbered = Item("Omnumrerad: sodertalje:1.10 → sodertalje:1.1 Titel om 2.2",
                      kind="initiative-renumbered", ref="sodertalje:1.1")
    assert str(refs.linked_headline(renumbered, href, "cykler/a--b/", None)) == (
        'Omnumrerad: sodertalje:1.10 → <a href="../../sodertalje/1-1/index.html">'
        "Södertälje stadskärna 1.1</a> Titel om 2.2")
    removed = Item("Borttagen: sodertalje:1.10 <b>", kind="initiative-removed",
                   ref="sodertalje:1.10")
    assert str(refs.linked_headline(removed, href, "cykler/a--b/", "sodertalje")) == (
        "Borttagen: 1.10 &lt;b&gt;")
    own_page = Item("Ändrad: 2.2 Titel", kind="initiative-changed", ref="2.2")
    assert str(refs.linked_headline(own_page, href, "gemensamma/2-2/", None)) == "Ändrad: 2.2 Titel"
