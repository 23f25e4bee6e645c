"""The export against the published färdplan for Södertälje stadskärna (Region Stockholm, 2026).

Both texts are cut into blocks (each line that is not empty: a paragraph, a heading, a list item),
normalised (whitespace, Markdown markup, the list and heading marks), their tables of contents
taken aside, and compared in order. Every block that does not match must be one that
docs/export.md lists, with the reason, under "What differs from the published PDF, and why".
"""

from __future__ import annotations

import difflib
import json
import re
from pathlib import Path

import pytest

from tests.support import PROJECT_ROOT, run_cli
from tests.support.report import edit, load

SOURCE = Path(__file__).parent / "source" / "sodertalje-2026.txt"
DOCS = PROJECT_ROOT / "docs" / "export.md"
MATCHED_AT_LEAST = 180
"""docs/export.md states this count: keep the two in step."""


def _normalise(line: str) -> str:
    line = line.strip()
    line = re.sub(r"^#+\s+", "", line)
    line = re.sub(r"^-\s+", "", line)
    line = line.replace("**", "")
    line = re.sub(r"\\(.)", r"\1", line)  # Markdown's escapes
    return " ".join(line.split())


def _blocks(lines: list[str]) -> list[str]:
    return [b for b in (_normalise(line) for line in lines) if b]


def source_parts() -> tuple[list[str], list[str]]:
    """The source's blocks without its contents, and the headings of its contents."""
    lines = SOURCE.read_text(encoding="utf-8").splitlines()
    start = lines.index("Innehåll") + 1
    end = lines.index("Inledning", start)
    contents = [cell.strip() for line in lines[start:end] for cell in line.split("\t")
                if cell.strip() and not cell.strip().isdigit()]
    return _blocks(lines[:start] + lines[end:]), contents


def export_parts(markdown: str) -> tuple[list[str], list[str]]:
    """The export's blocks without its contents, and the entries of its contents."""
    lines = markdown.splitlines()
    start = lines.index("## Innehåll") + 1
    end = next(i for i in range(start + 1, len(lines)) if lines[i].startswith("#"))
    return _blocks(lines[:start] + lines[end:]), _blocks(lines[start:end])


def documented_differences() -> list[tuple[str, re.Pattern[str], str]]:
    """(side, pattern, reason) of each row of the table in docs/export.md."""
    text = DOCS.read_text(encoding="utf-8")
    part = text[text.index("## What differs from the published PDF, and why"):]
    rows = []
    for line in part.splitlines():
        found = re.match(r"^\| (source|export) \| `(.+?)` \| (.+) \|$", line)
        if found:
            rows.append((found[1], re.compile(found[2].replace("\\|", "|")), found[3]))
    return rows


@pytest.fixture
def markdown(plan_dir: Path) -> str:
    result = run_cli("export", "--core", "sodertalje", "--format", "markdown", repo=plan_dir)
    assert result.exit_code == 0, result.output
    return result.stdout


def test_the_export_holds_the_published_text_in_its_order(markdown: str) -> None:
    source, _ = source_parts()
    exported, _ = export_parts(markdown)
    matcher = difflib.SequenceMatcher(None, source, exported, autojunk=False)
    matched = sum(block.size for block in matcher.get_matching_blocks())
    assert matched >= MATCHED_AT_LEAST, f"{matched} of {len(source)} blocks match"
    assert f"**{MATCHED_AT_LEAST} of the source's {len(source)} blocks**" in DOCS.read_text(
        encoding="utf-8")
    rows = documented_differences()
    assert rows
    unexplained = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        for side, blocks in (("source", source[i1:i2]), ("export", exported[j1:j2])):
            unexplained += [f"{side}: {block[:90]}" for block in blocks
                            if not any(s == side and p.match(block) for s, p, _ in rows)]
    assert unexplained == [], "not in docs/export.md's list of differences"


def test_every_listed_difference_still_occurs(markdown: str) -> None:
    """A row of the list that no block needs any more is stale: the docs would explain nothing."""
    source, _ = source_parts()
    exported, _ = export_parts(markdown)
    matcher = difflib.SequenceMatcher(None, source, exported, autojunk=False)
    unmatched: dict[str, list[str]] = {"source": [], "export": []}
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag != "equal":
            unmatched["source"] += source[i1:i2]
            unmatched["export"] += exported[j1:j2]
    stale = [pattern.pattern for side, pattern, _ in documented_differences()
             if not any(pattern.match(block) for block in unmatched[side])]
    assert stale == []


def test_the_contents_hold_every_published_heading(markdown: str) -> None:
    _, published = source_parts()
    _, generated = export_parts(markdown)
    # The published contents name goal areas 3 and 4 otherwise than their headings (docs/export.md).
    renamed = {
        "Naturliga lokaliseringsplatser för näringsliv och innovation":
            "Naturlig lokaliseringsplats för näringsliv och innovation",
        "Tillgängliga regionala stadskärnor som bidrar till hållbart resande":
            "Tillgänglig regional stadskärna som bidrar till hållbart resande",
    }
    wanted = [renamed.get(heading, heading) for heading in published]
    missing = [heading for heading in wanted if heading not in generated]
    assert missing == []
    headings = [_normalise(line) for line in markdown.splitlines() if line.startswith("#")]
    assert all(entry in headings for entry in generated)


def test_the_plans_language_labels_the_document_whatever_the_locale(plan_dir: Path) -> None:
    swedish = run_cli("export", "--core", "sodertalje", repo=plan_dir,
                      env={"LANG": "C", "LC_ALL": "C"})
    assert swedish.exit_code == 0, swedish.output
    for heading in ("## Innehåll", "### Färdriktning", "### Gemensamma insatser",
                    "### Kärnspecifika insatser", "**Ansvarig aktör:** Region Stockholm",
                    "## Insatskarta Södertälje stadskärna", "Publicerad: 2026"):
        assert heading in swedish.stdout
    english = run_cli("--lang", "en", "export", "--core", "sodertalje", repo=plan_dir)
    assert "### Direction" in english.stdout and "## Contents" in english.stdout
    # --lang translates the labels, never the text
    assert "## Inledning" in english.stdout and "## Levande och attraktiv stadskärna" in english.stdout
    html = run_cli("export", "--core", "sodertalje", "-f", "html", repo=plan_dir,
                   env={"LANG": "C"}).stdout
    assert '<html lang="sv">' in html
    # messages stay in the run's language
    unknown = run_cli("export", "--core", "nowhere", repo=plan_dir, env={"LANG": "C"})
    assert unknown.exit_code == 2 and "unknown core" in unknown.stderr


def test_an_english_plan_set_prints_english_labels(plan_dir: Path) -> None:
    edit(plan_dir, "region.yaml", "language: sv", "language: en")
    result = run_cli("export", "--core", "sodertalje", repo=plan_dir, env={"LANG": "sv_SE.UTF-8"})
    assert "### Direction" in result.stdout
    swedish = run_cli("--lang", "sv", "export", "--core", "sodertalje", repo=plan_dir)
    assert "### Färdriktning" in swedish.stdout


HOSTILE = "<script>alert(1)</script> {{ 7*7 }} {% if x %} & &amp; *kursiv*"


def test_hostile_text_in_the_document_shows_as_text(plan_dir: Path) -> None:
    edit(plan_dir, "region.yaml", "heading: Roller och ansvar", f"heading: \"{HOSTILE}\"")
    edit(plan_dir, "sodertalje.yaml", "ingen enskild aktör har ensam rådighet över.",
         f"ingen enskild aktör har ensam rådighet över.\n\n      - {HOSTILE}")
    edit(plan_dir, "region.yaml", "Almi AB ägs av staten.", f"Almi AB ägs av staten. {HOSTILE}")
    html = run_cli("export", "--core", "sodertalje", "-f", "html", repo=plan_dir).stdout
    shown = ("&lt;script&gt;alert(1)&lt;/script&gt; {{ 7*7 }} {% if x %} &amp; &amp;amp; "
             "*kursiv*")
    assert "<script>" not in html
    assert html.count(shown) == 3  # the heading, the list item, the afterword
    assert f"<li>{shown}</li>" in html
    assert "49" not in html.replace("(49 procent)", "")
    markdown = run_cli("export", "--core", "sodertalje", repo=plan_dir).stdout
    assert r"\<script\>alert(1)\</script\> {{ 7\*7 }} {% if x %} & &amp; \*kursiv\*" in markdown
    data = json.loads(run_cli("export", "--core", "sodertalje", "-f", "json", repo=plan_dir).stdout)
    sections = {s["id"]: s for s in data["cores"][0]["sections"]}
    assert sections["roller-och-ansvar"]["heading"] == HOSTILE
    assert sections["avgransning"]["blocks"][-1] == {"kind": "list", "lines": [HOSTILE]}


def test_the_other_cores_say_their_plan_is_not_entered(plan_dir: Path) -> None:
    plan = load(plan_dir)
    shared = [s.heading for s in plan.region.document.sections if s.heading]
    for core in plan.cores:
        markdown = run_cli("export", "--core", core.id, repo=plan_dir).stdout
        note = (f"*Färdplanen för {core.name} har inte förts in ännu: dokumentet innehåller bara "
                "den text som alla färdplaner delar.*")
        if core.id == "sodertalje":
            assert note not in markdown
            continue
        assert note in markdown.split("## Innehåll")[0]
        assert all(f" {heading}\n" in markdown for heading in shared)
        assert "Denna färdplan avgränsas till" not in markdown
        assert "Kärnspecifika insatser" not in markdown
