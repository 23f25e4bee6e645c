"""`fardplan export`: the plan as a document in the published order; Markdown, HTML and JSON."""

from __future__ import annotations

import errno
import json
import os
import re
import stat
from html.parser import HTMLParser
from pathlib import Path
from typing import ClassVar

import pytest

from tests.support import assert_golden, run_cli
from tests.support.report import edit, load

# The order of the published roadmap for Södertälje stadskärna (Region Stockholm, 2026).
SOURCE_CHARACTER = [
    "En storregional mötesplats",
    "Medeltida stadskärna med stort utbud av service",
    "En kunskapsintensiv kärna",
    "Stadskärnan utvecklas",
]
SOURCE_INITIATIVES = {
    1: (["1.1", "1.2"], ["1.3", "1.4", "1.5"]),
    2: (["2.1", "2.2"], ["2.3"]),
    3: (["3.1", "3.2", "3.3"], ["3.4", "3.5"]),
    4: (["4.1", "4.2"], ["4.3", "4.4"]),
}


def export(repo: Path, *args: str) -> str:
    result = run_cli("--lang", "sv", "export", *args, repo=repo)
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    return result.stdout


def assert_in_order(document: str, pieces: list[str]) -> None:
    position = 0
    for piece in pieces:
        found = document.find(piece, position)
        assert found >= 0, f"not found in order: {piece[:80]!r}"
        position = found + len(piece)


def paragraphs(text: str) -> list[str]:
    return [p.strip() for p in text.split("\n\n") if p.strip()]


def test_markdown_holds_the_source_in_its_order(plan_dir: Path) -> None:
    plan = load(plan_dir)
    core = plan.core("sodertalje")
    assert core is not None
    document = export(plan_dir, "--core", "sodertalje", "--format", "markdown")
    expected: list[str] = ["# Färdplan för den regionala stadskärnan", "Södertälje stadskärna",
                           "## Innehåll", "## Inledning", "### Bakgrund",
                           "## Färdplan för Södertälje stadskärna"]
    assert [s.heading for s in core.character] == SOURCE_CHARACTER
    for section in core.character:
        expected += [f"### {section.heading}", *paragraphs(section.text)]
    for area, (common, own) in SOURCE_INITIATIVES.items():
        goal = plan.goal_area(area)
        direction = core.direction(area)
        assert goal is not None and direction is not None
        expected += [f"## {goal.plan_heading}\n", goal.summary, "### Färdriktning", direction.text]
        for heading, ids, scope in (("Gemensamma insatser", common, None),
                                    ("Kärnspecifika insatser", own, "sodertalje")):
            expected.append(f"### {heading}")
            for initiative_id in ids:
                initiative = plan.find_initiative(scope, initiative_id)
                assert initiative is not None
                expected += [f"#### {initiative.id} {initiative.title}",
                             *paragraphs(initiative.description)]
                if initiative.lead:
                    expected.append(f"**Ansvarig aktör:** {plan.actor_name(initiative.lead)}")
                names = ", ".join(plan.actor_name(p) for p in initiative.participants)
                expected.append(f"**Exempel på medverkande aktörer:** {names}")
    expected += ["## Insatskarta Södertälje stadskärna", "### Levande och attraktiva stadskärnor",
                 "- 1.1 ", "## Genomförande av färdplanerna", "## Lägesbild",
                 "| Boende i stadskärnan | personer | 25 000 (cirka) |"]
    assert_in_order(document, expected)


def test_participants_are_named_as_in_the_source(plan_dir: Path) -> None:
    document = export(plan_dir, "--core", "sodertalje")
    assert ("**Exempel på medverkande aktörer:** Region Stockholm, Region Sörmland, Södertälje "
            "kommun, Trafikverket, bussoperatör") in document
    assert "**Ansvarig aktör:** Region Stockholm  \n**Exempel på medverkande aktörer:** " \
        "kärnkommunerna, näringslivet, fastighetsägare" in document


def test_initiative_map_by_goal_area_in_id_order(plan_dir: Path) -> None:
    document = export(plan_dir, "--core", "sodertalje")
    map_part = document[document.index("## Insatskarta"):document.index("## Genomförande")]
    items = [line.split(" ", 2)[1] for line in map_part.splitlines() if line.startswith("- ")]
    assert items == [i for common, own in SOURCE_INITIATIVES.values() for i in sorted(common + own)]
    assert_in_order(map_part, [
        "### Levande och attraktiva stadskärnor", "- 1.1 Stärk kommunikationen", "- 1.5 ",
        "### Regionala målpunkter för samhällsservice", "- 2.1 ",
        "### Naturliga lokaliseringsplatser för näringsliv och innovation", "- 3.1 ",
        "### Tillgängliga regionala stadskärnor som bidrar till ett hållbart resande", "- 4.4 ",
    ])


def test_status_and_priority_appear_when_followed_up(plan_dir: Path) -> None:
    edit(plan_dir, "sodertalje.yaml", "places: [Campus Telge]",
         "places: [Campus Telge]\n    priority: [2027-2030]")
    edit(plan_dir, "sodertalje.yaml", "participants: [sodertalje-kommun, region-stockholm, polis, "
         "fastighetsagare]\n    status: planned", "participants: [sodertalje-kommun, "
         "region-stockholm, polis, fastighetsagare]\n    status: paused\n    status_note: väntar")
    document = export(plan_dir, "--core", "sodertalje")
    assert "**Status:** Pausad (väntar)" in document
    assert "**Prioriterad:** 2027-2030" in document
    assert document.count("**Status:**") == 1


def test_markdown_escapes_what_would_become_markup(plan_dir: Path) -> None:
    edit(plan_dir, "sodertalje.yaml", "title: Samverka för en tryggare stadskärna",
         "title: Samverka för en *tryggare* stadskärna <b>[x](y)</b>")
    document = export(plan_dir, "--core", "sodertalje")
    assert r"#### 1.5 Samverka för en \*tryggare\* stadskärna \<b\>\[x\](y)\</b\>" in document


def test_core_without_a_plan_exports_cleanly(plan_dir: Path) -> None:
    markdown = export(plan_dir, "--core", "Haninge")
    note = ("Färdplanen för Haninge stadskärna har inte förts in ännu: dokumentet innehåller bara "
            "den text som alla färdplaner delar.")
    assert markdown.startswith("# Färdplan för den regionala stadskärnan\n\nHaninge stadskärna\n\n"
                               f"*{note}*\n")
    assert "Kärnspecifika insatser" not in markdown and "Södertälje" not in markdown.replace(
        "stadskärnor ut; Södertälje stadskärna", "")
    assert "#### 1.1 " in markdown  # the common initiatives are in every core's plan
    # the shared text, and the shared wording of the section Södertälje words in its own way
    assert_in_order(markdown, ["## Inledning", "#### Avgränsning av färdplanerna",
                               "en för varje regional stadskärna. Till respektive", "## Färdplan "
                               "för Haninge stadskärna", "## Genomförande av färdplanerna"])
    html = export(plan_dir, "--core", "haninge", "--format", "html")
    assert note in html
    data = json.loads(export(plan_dir, "--core", "haninge", "--format", "json"))
    assert data["cores"][0]["entered"] is False
    assert data["cores"][0]["character"] == [] and data["cores"][0]["indicators"] == []


def test_every_core_without_core_option(plan_dir: Path) -> None:
    plan = load(plan_dir)
    markdown = export(plan_dir)
    assert markdown.startswith("# Färdplaner för de regionala stadskärnorna\n")
    assert_in_order(markdown, [f"## Färdplan för {c.name}" for c in plan.cores])
    data = json.loads(export(plan_dir, "--format", "json"))
    assert [c["id"] for c in data["cores"]] == [c.id for c in plan.cores]


def test_json_export_shape(plan_dir: Path) -> None:
    data = json.loads(export(plan_dir, "--core", "sodertalje", "--format", "json"))
    core = data["cores"][0]
    assert [a["number"] for a in core["areas"]] == [1, 2, 3, 4]
    area = core["areas"][3]
    assert [i["ref"] for i in area["common"]] == ["4.1", "4.2"]
    assert [i["ref"] for i in area["core_specific"]] == ["sodertalje:4.3", "sodertalje:4.4"]
    assert area["core_specific"][0]["participant_names"] == [
        "Region Stockholm", "Södertälje kommun", "Trafikverket"]
    assert area["common"][0]["lead"] == "region-stockholm"
    assert area["common"][0]["lead_name"] == "Region Stockholm"
    assert core["initiative_map"][0] == {"place": "Södertälje C", "initiatives": ["sodertalje:1.3"]}


class StrictParser(HTMLParser):
    """Checks that every element is closed in order, and collects what could load from outside."""

    VOID: ClassVar[set[str]] = {"meta", "br", "link", "img", "hr", "input"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.external: list[tuple[str, str]] = []
        self.tags: list[str] = []
        self.lang: str | None = None
        self.text: list[str] = []
        self.fragments: list[str] = []
        self.ids: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        if tag == "html":
            self.lang = dict(attrs).get("lang")
        for name, value in attrs:
            if name == "href" and (value or "").startswith("#"):
                self.fragments.append((value or "")[1:])  # a place in the page itself
            elif name in {"src", "href", "srcset", "action", "data", "poster"}:
                self.external.append((name, value or ""))
            if name == "id":
                self.ids.append(value or "")
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        assert self.stack and self.stack[-1] == tag, f"</{tag}> closes {self.stack[-1:]}"
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def parse(html: str) -> StrictParser:
    parser = StrictParser()
    parser.feed(html)
    parser.close()
    assert parser.stack == [], f"unclosed: {parser.stack}"
    assert len(parser.ids) == len(set(parser.ids)), "an id twice"
    assert set(parser.fragments) <= set(parser.ids), "a link to nowhere in the page"
    return parser


@pytest.mark.parametrize("core", ["sodertalje", "haninge", None])
def test_html_is_well_formed_and_self_contained(plan_dir: Path, core: str | None) -> None:
    html = export(plan_dir, *(("--core", core) if core else ()), "--format", "html")
    assert html.startswith("<!DOCTYPE html>\n")
    parser = parse(html)
    assert parser.lang == "sv"
    assert parser.external == []
    assert not re.search(r"https?://|url\(|@import", html)
    assert {"script", "link", "img", "iframe"}.isdisjoint(parser.tags)
    assert "@page { size: A4" in html and "overflow-wrap: anywhere" in html


def test_html_holds_every_text_of_the_core(plan_dir: Path) -> None:
    plan = load(plan_dir)
    core = plan.core("sodertalje")
    assert core is not None
    text = " ".join(" ".join(parse(export(plan_dir, "--core", "sodertalje", "-f", "html")).text)
                    .split())
    pieces = [s.text for s in core.character] + [d.text for d in core.directions]
    pieces += [i.title for i in plan.core_plan("sodertalje")]
    pieces += [p for i in plan.core_plan("sodertalje") for p in paragraphs(i.description)]
    for piece in pieces:
        for paragraph in paragraphs(piece):
            assert " ".join(paragraph.split()) in text


def test_html_is_stamped_with_the_plan_the_day_and_the_revision(
        plan_repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from tests.support import git

    monkeypatch.setenv("FARDPLAN_TODAY", "2026-11-30")
    head = git(plan_repo, "rev-parse", "HEAD").strip()[:10]
    stamp = f"Färdplaner för de regionala stadskärnorna · Utskriven 2026-11-30 · incheckning {head}"
    html = export(plan_repo, "--core", "sodertalje", "--format", "html")
    assert f'<header class="stamp">\n<p>{stamp}</p>\n</header>' in html
    assert "@page { @top-right { content: " in html  # on every printed sheet too
    edit(plan_repo, "sodertalje.yaml", "Utformningen av kärnans", "Utformningen av de nya")
    assert "arbetskopian (ändringar sedan" in export(plan_repo, "--core", "sodertalje", "-f", "html")
    for fmt in ("markdown", "json"):  # the page for print only
        assert "Utskriven" not in export(plan_repo, "--core", "sodertalje", "--format", fmt)


def test_html_escapes_the_plan_text(plan_dir: Path) -> None:
    edit(plan_dir, "sodertalje.yaml", "title: Samverka för en tryggare stadskärna",
         "title: Samverka <script>alert(1)</script> & \"citat\"")
    html = export(plan_dir, "--core", "sodertalje", "--format", "html")
    assert "<script>" not in html
    assert "Samverka &lt;script&gt;alert(1)&lt;/script&gt; &amp; &#34;citat&#34;" in html
    parse(html)


def test_html_language_follows_lang(plan_dir: Path) -> None:
    result = run_cli("--lang", "en", "export", "--core", "sodertalje", "-f", "html", repo=plan_dir)
    assert '<html lang="en">' in result.stdout
    assert "Roadmap for Södertälje stadskärna" in result.stdout
    assert "Example participants" in result.stdout


def test_output_file(plan_dir: Path, tmp_path: Path) -> None:
    target = tmp_path / "out" / "sodertalje.html"
    target.parent.mkdir()
    result = run_cli("export", "--core", "sodertalje", "-f", "html", "-o", str(target),
                     repo=plan_dir)
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert target.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert [p.name for p in target.parent.iterdir()] == ["sodertalje.html"]  # no temporary left
    size = len(target.read_bytes())
    assert result.stderr == f"Wrote {target} (html, {size} bytes)\n"  # says what it wrote
    swedish = run_cli("--lang", "sv", "export", "-o", str(target), repo=plan_dir)
    assert swedish.stderr == f"Skrev {target} (markdown, {len(target.read_bytes())} byte)\n"


@pytest.mark.parametrize("inside,folder", [
    ("plans/export.md", "plans"), ("plans", "plans"), ("plans/../plans/x.md", "plans"),
    ("schemas/core.schema.json", "schemas"), ("schemas/export.md", "schemas"),
    (".git/HEAD", ".git"), (".git/export.md", ".git"),
])
def test_output_inside_plans_schemas_or_git_is_refused(plan_dir: Path, inside: str, folder: str) -> None:
    (plan_dir / ".git").mkdir(exist_ok=True)
    (plan_dir / ".git" / "HEAD").write_text("ref: refs/heads/main\n", encoding="utf-8")
    files = sorted(p for p in plan_dir.rglob("*") if p.is_file())
    before = [p.read_bytes() for p in files]
    result = run_cli("export", "-o", str(plan_dir / inside), repo=plan_dir)
    assert result.exit_code == 2
    assert f"inside {folder}/" in result.stderr and result.stdout == ""
    assert sorted(p for p in plan_dir.rglob("*") if p.is_file()) == files
    assert [p.read_bytes() for p in files] == before


def test_the_domain_writes_the_document_without_the_command_line(plan_dir: Path, tmp_path: Path) -> None:
    from fardplan_cli.errors import UsageError
    from fardplan_cli.export import write_document
    from fardplan_cli.repository import PlanRepository

    repository = PlanRepository(plan_dir)
    write_document(repository, tmp_path / "plan.md", "# Plan\n")
    assert (tmp_path / "plan.md").read_text(encoding="utf-8") == "# Plan\n"
    with pytest.raises(UsageError, match="inside plans/"):
        write_document(repository, plan_dir / "plans" / "x.md", "# Plan\n")
    with pytest.raises(UsageError, match="a folder"):
        write_document(repository, tmp_path, "# Plan\n")
    assert not (plan_dir / "plans" / "x.md").exists()


def test_output_to_missing_folder(plan_dir: Path, tmp_path: Path) -> None:
    result = run_cli("export", "-o", str(tmp_path / "nowhere" / "x.md"), repo=plan_dir)
    assert result.exit_code == 2 and "does not exist" in result.stderr


def test_unknown_core(plan_dir: Path) -> None:
    result = run_cli("export", "--core", "sodertälj", repo=plan_dir)
    assert result.exit_code == 2 and "sodertalje" in result.stderr


@pytest.mark.parametrize("fmt,name", [("markdown", "export-sodertalje.md"),
                                      ("html", "export-sodertalje.html"),
                                      ("json", "export-sodertalje.json")])
def test_golden_export(plan_dir: Path, fmt: str, name: str,
                       monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FARDPLAN_TODAY", "2026-11-30")  # the day in the HTML page's stamp
    assert_golden(f"report/{name}", export(plan_dir, "--core", "sodertalje", "--format", fmt))


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes")
def test_output_to_a_pipe_writes_into_it_and_never_replaces_it(plan_dir: Path, tmp_path: Path) -> None:
    """A device or a pipe (/dev/null, /dev/stdout) is written to: the atomic rename put a regular
    file in its place (as root, ``-o /dev/null`` replaced the machine's /dev/null)."""
    import threading

    folder = tmp_path / "out"
    folder.mkdir()
    pipe = folder / "pipe"
    os.mkfifo(pipe)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(pipe.read_bytes()))
    reader.start()
    result = run_cli("export", "--core", "sodertalje", "-o", str(pipe), repo=plan_dir)
    reader.join(timeout=30)
    assert result.exit_code == 0, result.output
    assert stat.S_ISFIFO(pipe.stat().st_mode)
    assert received and received[0].startswith(b"# ")
    assert [p.name for p in folder.iterdir()] == ["pipe"]


def test_output_that_cannot_be_written_is_one_message(plan_dir: Path, tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    import tempfile

    def no_space(*args: object, **kwargs: object) -> tuple[int, str]:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(tempfile, "mkstemp", no_space)
    target = tmp_path / "plan.md"
    result = run_cli("export", "-o", str(target), repo=plan_dir)
    assert result.exit_code == 1, result.output
    assert result.stderr.splitlines()[-1] == (
        f"fardplan: the output could not be written to {target}: No space left on device")
    assert not target.exists()
