"""The diff of the document's own text: an initiative's afterword, a goal area's heading, the
region's ``document:`` (title, colophon, shared sections) and a core's own wording of a shared
section."""

from __future__ import annotations

import io
import json
from dataclasses import replace
from pathlib import Path

import pytest

from fardplan_cli import i18n
from fardplan_cli.diff import Change, diff_plan_sets
from fardplan_cli.model import (
    Contact,
    DocumentSection,
    DocumentText,
    PlanSet,
    SectionReplacement,
)
from fardplan_cli.render.diff_common import DIFF_RENDERERS, DiffReport
from fardplan_cli.render.shapes import change_json
from fardplan_cli.revisions import WORK_TREE, Revision
from tests.support import assert_golden, commit_all, git, run_cli
from tests.test_diff import replace_once
from tests.test_diff_follow_up import ACTORS, AT, REGION, SHARED, core, initiative

ALMI = ("Almi Stockholm AB ägs till 51 procent av Almi Företagspartner AB och till 49 procent av "
        "Region Stockholm.")
OWN = initiative("sodertalje", "3.3", "Stärk företagsklimatet", lead="sodertalje-kommun")


def _essence(changes: tuple[Change, ...]) -> list[tuple[object, ...]]:
    return [(c.kind, c.core, c.ref or c.key, c.field, c.old, c.new) for c in changes]


def _plans(region: object = REGION, **cores: object) -> PlanSet:
    made = [core("sodertalje", "Södertälje stadskärna", **fields)  # type: ignore[arg-type]
            for fields in cores.values()]
    return PlanSet(region, ACTORS, tuple(made))  # type: ignore[arg-type]


def _rendered(report: DiffReport, fmt: str, lang: i18n.Language) -> str:
    out = io.StringIO()
    before = i18n.current_language()
    i18n.set_language(lang)
    try:
        DIFF_RENDERERS[fmt](report, out)
    finally:
        i18n.set_language(before)
    return out.getvalue()


SIDES = (Revision("cycle/2023-2026", "a" * 40, "cycle/2023-2026"), WORK_TREE)


# -- an initiative's afterword ------------------------------------------------------------------


@pytest.mark.parametrize(("before", "after"), [
    (None, ALMI),
    (ALMI, None),
    (ALMI, ALMI.replace("51 procent", "hälften")),
])
def test_an_afterword_added_removed_or_changed_is_a_text_field_of_the_initiative(
        before: str | None, after: str | None) -> None:
    old = _plans(sodertalje={"initiatives": (replace(OWN, afterword=before),)})
    new = _plans(sodertalje={"initiatives": (replace(OWN, afterword=after),)})
    result = diff_plan_sets(old, new)
    assert _essence(result.changes) == [
        ("initiative-changed", "sodertalje", "sodertalje:3.3", "afterword", before, after)]
    words = result.changes[0].words
    assert words is not None
    assert "".join(text for op, text in words if op != "insert") == (before or "")
    assert "".join(text for op, text in words if op != "delete") == (after or "")
    assert result.summary["initiatives_changed"] == 1


def test_a_common_initiatives_afterword_is_the_regions_change() -> None:
    region = replace(REGION, initiatives=(replace(SHARED, afterword=ALMI),))
    result = diff_plan_sets(_plans(), _plans(region))
    assert _essence(result.changes) == [("initiative-changed", None, "2.2", "afterword", None, ALMI)]


def test_the_afterword_reads_in_every_format_and_language() -> None:
    old = _plans(sodertalje={"initiatives": (replace(OWN, afterword=ALMI),)})
    new = _plans(sodertalje={"initiatives": (
        replace(OWN, afterword=ALMI.replace("51 procent", "hälften")),)})
    report = DiffReport(*SIDES, diff_plan_sets(old, new))
    assert "Afterword: Almi Stockholm AB ägs till [-51 procent-]{+hälften+}" in _rendered(
        report, "text", "en")
    assert "Efterskrift: Almi Stockholm AB ägs till [-51 procent-]{+hälften+}" in _rendered(
        report, "text", "sv")
    assert "~~51 procent~~**hälften**" in _rendered(report, "markdown", "sv")
    assert "<del>51 procent</del><ins>hälften</ins>" in _rendered(report, "html", "sv")


def test_a_new_initiatives_afterword_is_shown_with_it() -> None:
    added = replace(OWN, afterword=ALMI)
    result = diff_plan_sets(_plans(sodertalje={}), _plans(sodertalje={"initiatives": (added,)}))
    assert change_json(result.changes[0], result.added)["initiative"]["afterword"] == ALMI
    assert f"Efterskrift: {{+{ALMI}+}}" in _rendered(DiffReport(*SIDES, result), "text", "sv")


# -- a goal area's heading ----------------------------------------------------------------------


def test_a_goal_areas_heading_is_a_field_of_goal_area_changed() -> None:
    area = REGION.goal_areas[0]
    headed = replace(REGION, goal_areas=(replace(area, heading="Levande och attraktiv stadskärna"),
                                         *REGION.goal_areas[1:]))
    reworded = replace(REGION, goal_areas=(replace(area, heading="Levande stadskärna"),
                                           *REGION.goal_areas[1:]))
    assert _essence(diff_plan_sets(_plans(), _plans(headed)).changes) == [
        ("goal-area-changed", None, "1", "heading", None, "Levande och attraktiv stadskärna")]
    result = diff_plan_sets(_plans(headed), _plans(reworded))
    assert _essence(result.changes) == [
        ("goal-area-changed", None, "1", "heading", "Levande och attraktiv stadskärna",
         "Levande stadskärna")]
    assert result.changes[0].words == (("equal", "Levande "), ("delete", "och attraktiv "),
                                       ("equal", "stadskärna"))
    assert result.summary["goal_areas_changed"] == 1
    report = DiffReport(*SIDES, result)
    assert ("Heading in the core's plan: Levande [-och attraktiv -]stadskärna"
            in _rendered(report, "text", "en"))
    assert ("Rubrik i stadskärnans färdplan: Levande [-och attraktiv -]stadskärna"
            in _rendered(report, "text", "sv"))
    assert _essence(diff_plan_sets(_plans(reworded), _plans()).changes)[0][4:] == (
        "Levande stadskärna", None)


# -- the region's document and a core's own wording -----------------------------------------------

DELIMITED = ("Uppdraget omfattar att ta fram åtta färdplaner, en för varje regional stadskärna. "
             "Denna färdplan avgränsas till de regionala stadskärnorna.")
INTRODUCTION = DocumentSection("inledning", "Inledning", 1, "before-character", "", AT)
BOUNDS = DocumentSection("avgransning", "Avgränsning av färdplanerna", 2, "before-character",
                         DELIMITED, AT)
IMPLEMENTATION = DocumentSection("genomforande", "Genomförande", 1, "after-initiative-map",
                                 "Färdplanen genomförs i samverkan.", AT)
OLD_DOCUMENT = DocumentText(
    title="Färdplan för den regionala stadskärnan",
    publisher="Region Stockholm Regionledningskontoret",
    address="Box 30215, 104 25 Stockholm\n\nBesöksadress:\n\nLindhagensgatan 98",
    year=2026, contacts=(Contact("Ansvariga handläggare", None),),
    sections=(INTRODUCTION, BOUNDS, IMPLEMENTATION))
NEW_DOCUMENT = replace(
    OLD_DOCUMENT, title="Färdplan för den regionala stadskärnan 2027-2030",
    address="Box 30215, 104 25 Stockholm\n\nBesöksadress:\n\nLindhagensgatan 100", year=2027,
    contacts=(Contact("Ansvariga handläggare", "Anna Andersson"),),
    sections=(
        replace(INTRODUCTION, heading="Inledning och bakgrund"),
        replace(BOUNDS, level=1, placement="after-character",
                text=DELIMITED.replace("åtta", "nio")),
        DocumentSection("uppfoljning", "Uppföljning", 1, "after-initiative-map",
                        "Färdplanen följs upp varje år.", AT)))
OWN_BOUNDS = SectionReplacement("avgransning", None, DELIMITED.replace(
    "de regionala stadskärnorna", "Södertälje stadskärna"), AT)
OWN_IMPLEMENTATION = SectionReplacement("genomforande", "Genomförande i Södertälje",
                                        "Södertälje kommun leder arbetet.", AT)
OLD_DOC = _plans(replace(REGION, document=OLD_DOCUMENT),
                 sodertalje={"sections": (OWN_IMPLEMENTATION,)})
NEW_DOC = _plans(replace(REGION, document=NEW_DOCUMENT), sodertalje={"sections": (
    replace(OWN_BOUNDS, heading="Avgränsning"),)})


def test_the_document_each_changed_field_and_section_keyed_by_its_id() -> None:
    result = diff_plan_sets(OLD_DOC, NEW_DOC)
    assert [(c.kind, c.core, c.key, c.field) for c in result.changes] == [
        ("document-changed", None, None, "title"),
        ("document-changed", None, None, "address"),
        ("document-changed", None, None, "year"),
        ("document-changed", None, None, "contacts"),
        ("section-changed", None, "inledning", "heading"),
        ("section-changed", None, "avgransning", "level"),
        ("section-changed", None, "avgransning", "placement"),
        ("section-changed", None, "avgransning", "text"),
        ("section-added", None, "uppfoljning", None),
        ("section-removed", None, "genomforande", None),
        ("section-added", "sodertalje", "avgransning", None),
        ("section-removed", "sodertalje", "genomforande", None),
    ]
    by = {(c.kind, c.core, c.key, c.field): c for c in result.changes}
    year = by["document-changed", None, None, "year"]
    assert (year.old, year.new, year.words) == (2026, 2027, None)
    contacts = by["document-changed", None, None, "contacts"]
    assert contacts.added == ("Ansvariga handläggare: Anna Andersson",)
    assert contacts.removed == ("Ansvariga handläggare",)
    title = by["document-changed", None, None, "title"]
    assert title.words == (("equal", "Färdplan för den regionala stadskärnan"),
                           ("insert", " 2027-2030"))
    text = by["section-changed", None, "avgransning", "text"]
    assert ("delete", "åtta") in (text.words or ()) and ("insert", "nio") in (text.words or ())
    placement = by["section-changed", None, "avgransning", "placement"]
    assert (placement.old, placement.new) == ("before-character", "after-character")
    assert change_json(by["section-added", None, "uppfoljning", None])["new"] == {
        "id": "uppfoljning", "heading": "Uppföljning", "level": 1,
        "placement": "after-initiative-map", "text": "Färdplanen följs upp varje år."}
    assert change_json(by["section-added", "sodertalje", "avgransning", None])["new"] == {
        "id": "avgransning", "heading": "Avgränsning", "text": OWN_BOUNDS.text}
    summary = result.summary
    assert (summary["document_changed"], summary["sections_changed"]) == (4, 8)
    assert summary["changes"] == 12


def test_a_cores_own_wording_changed_is_that_cores_section_changed() -> None:
    old = _plans(sodertalje={"sections": (OWN_BOUNDS,)})
    new = _plans(sodertalje={"sections": (replace(OWN_BOUNDS, heading="Avgränsning", text=(
        OWN_BOUNDS.text.replace("åtta", "nio"))),)})
    result = diff_plan_sets(old, new)
    assert _essence(result.changes)[0][:5] == (
        "section-changed", "sodertalje", "avgransning", "heading", None)
    assert [(c.kind, c.field) for c in result.changes] == [
        ("section-changed", "heading"), ("section-changed", "text")]
    assert diff_plan_sets(old, new, core="sodertalje").changes == result.changes


def test_a_diff_limited_to_a_core_leaves_the_regions_document_out() -> None:
    kinds = {(c.kind, c.core) for c in diff_plan_sets(OLD_DOC, NEW_DOC, core="sodertalje").changes}
    assert kinds == {("section-added", "sodertalje"), ("section-removed", "sodertalje")}


def test_the_same_document_is_no_change() -> None:
    assert diff_plan_sets(OLD_DOC, OLD_DOC).changes == ()
    reordered = replace(OLD_DOCUMENT, contacts=(*OLD_DOCUMENT.contacts, Contact("Kontakt", "Bo")))
    turned = replace(reordered, contacts=reordered.contacts[::-1])
    assert diff_plan_sets(_plans(replace(REGION, document=reordered)),
                          _plans(replace(REGION, document=turned))).changes == ()


@pytest.mark.parametrize(("lang", "expected"), [
    ("en", [
        "* Changed: the document's own text",
        "    Title: Färdplan för den regionala stadskärnan{+ 2027-2030+}",
        "    Year: [-2026-] → {+2027+}",
        "    Contacts: {+Ansvariga handläggare: Anna Andersson+}, [-Ansvariga handläggare-]",
        "* Section changed: Avgränsning av färdplanerna (avgransning)",
        "    Heading level: [-2-] → {+1+}",
        "    Placement: [-before the character description-] → "
        "{+after the character description+}",
        "* Section added: Uppföljning (uppfoljning)",
        "    Text: {+Färdplanen följs upp varje år.+}",
        "* Section removed: Genomförande (genomforande)",
        "* Own wording of a section added: Avgränsning (avgransning)",
        "* Own wording of a section removed: Genomförande i Södertälje (genomforande)",
    ]),
    ("sv", [
        "* Ändrad: dokumentets text",
        "    Titel: Färdplan för den regionala stadskärnan{+ 2027-2030+}",
        "    År: [-2026-] → {+2027+}",
        "    Kontakter: {+Ansvariga handläggare: Anna Andersson+}, [-Ansvariga handläggare-]",
        "* Ändrat avsnitt: Avgränsning av färdplanerna (avgransning)",
        "    Rubriknivå: [-2-] → {+1+}",
        "    Placering: [-före karaktärsbeskrivningen-] → {+efter karaktärsbeskrivningen+}",
        "* Nytt avsnitt: Uppföljning (uppfoljning)",
        "* Borttaget avsnitt: Genomförande (genomforande)",
        "* Ny egen lydelse av avsnitt: Avgränsning (avgransning)",
        "* Borttagen egen lydelse av avsnitt: Genomförande i Södertälje (genomforande)",
        "  Ändringar i dokumentets text: 4",
        "  Ändrade avsnitt: 8",
    ]),
])
def test_the_document_reads_in_english_and_swedish(lang: i18n.Language,
                                                   expected: list[str]) -> None:
    text = _rendered(DiffReport(*SIDES, diff_plan_sets(OLD_DOC, NEW_DOC)), "text", lang)
    lines = text.splitlines()
    for line in expected:
        assert line in lines, f"{line!r} not in:\n{text}"


@pytest.mark.parametrize(("fmt", "lang", "name"), [
    ("json", "en", "document.json"),
    ("text", "en", "document.en.txt"),
    ("text", "sv", "document.sv.txt"),
    ("markdown", "sv", "document.sv.md"),
    ("html", "sv", "document.sv.html"),
])
def test_the_document_in_every_format(fmt: str, lang: i18n.Language, name: str,
                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FARDPLAN_TODAY", "2027-01-15")
    old = replace(OLD_DOC, cores=(replace(OLD_DOC.cores[0], initiatives=(OWN,)),))
    new = replace(NEW_DOC, cores=(replace(NEW_DOC.cores[0], initiatives=(
        replace(OWN, afterword=ALMI),)),))
    region = replace(new.region, goal_areas=(
        replace(new.region.goal_areas[0], heading="Levande och attraktiv stadskärna"),
        *new.region.goal_areas[1:]))
    report = DiffReport(*SIDES, diff_plan_sets(old, replace(new, region=region)))
    assert_golden(f"history/{name}", _rendered(report, fmt, lang))


# -- `fardplan diff` and `fardplan log` between two commits ---------------------------------------

BOUNDS_TEXT = "Uppdraget omfattar att ta fram åtta färdplaner, en för varje regional stadskärna."


def test_diff_between_two_commits_shows_the_documents_text(plan_repo: Path) -> None:
    region = plan_repo / "plans" / "region.yaml"
    core_file = plan_repo / "plans" / "sodertalje.yaml"
    before = git(plan_repo, "rev-parse", "HEAD").strip()
    replace_once(region, "  year: 2026\n", "  year: 2027\n")
    replace_once(region, "        " + BOUNDS_TEXT, "        " + BOUNDS_TEXT.replace("åtta", "nio"))
    replace_once(region, "Almi Stockholm AB ägs av Almi AB (51 procent)",
                 "Almi Stockholm AB ägs av Almi AB (hälften)")
    replace_once(region, "    heading: Levande och attraktiv stadskärna\n",
                 "    heading: Levande stadskärna\n")
    replace_once(core_file, "Denna färdplan avgränsas till Södertälje stadskärna.",
                 "Denna färdplan avgränsas till Södertälje stadskärna och Södertälje hamn.")
    commit_all(plan_repo, "The document's text for the next cycle")
    result = run_cli("diff", before, "HEAD", "--format", "json", repo=plan_repo)
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert [(c["kind"], c["core"], c["ref"] or c["key"], c["field"]) for c in data["changes"]] == [
        ("document-changed", None, None, "year"),
        ("section-changed", None, "avgransning", "text"),
        ("goal-area-changed", None, "1", "heading"),
        ("initiative-changed", None, "3.3", "afterword"),
        ("section-changed", "sodertalje", "avgransning", "text"),
    ]
    own = data["changes"][-1]
    assert any(op == "insert" and "Södertälje hamn" in text for op, text in own["words"])
    assert (data["summary"]["document_changed"], data["summary"]["sections_changed"]) == (1, 2)
    swedish = run_cli("--lang", "sv", "diff", before, "HEAD", repo=plan_repo).stdout
    for line in ("    År: [-2026-] → {+2027+}", "* Ändrat avsnitt: Avgränsning av färdplanerna "
                 "(avgransning)", "* Ändrad egen lydelse av avsnitt: Avgränsning av färdplanerna "
                 "(avgransning)", "    Rubrik i stadskärnans färdplan: Levande [-och attraktiv "
                 "-]stadskärna"):
        assert line in swedish.splitlines(), swedish
    assert "[-51 procent-]{+hälften+}" in swedish.replace("(", "").replace(")", "")
    limited = json.loads(run_cli("diff", before, "HEAD", "--core", "sodertalje", "--format",
                                 "json", repo=plan_repo).stdout)
    assert [(c["kind"], c["core"]) for c in limited["changes"]] == [
        ("initiative-changed", None), ("section-changed", "sodertalje")]


def test_log_of_an_initiative_shows_its_afterword_changed(plan_repo: Path) -> None:
    region = plan_repo / "plans" / "region.yaml"
    replace_once(region, "Almi Stockholm AB ägs av Almi AB (51 procent)",
                 "Almi Stockholm AB ägs av Almi AB (hälften)")
    commit_all(plan_repo, "Almi's owners in words")
    data = json.loads(run_cli("log", "3.3", "--format", "json", repo=plan_repo).stdout)
    assert data[0]["message"].startswith("Almi's owners in words")
    assert [(c["kind"], c["field"]) for c in data[0]["changes"]] == [
        ("initiative-changed", "afterword")]


# -- what the diff reads of two revisions --------------------------------------------------------

DOCUMENT_YAML = """document:
  title: Färdplan för den regionala stadskärnan
  year: 2026
  sections:
    - id: inledning
      heading: Inledning
      level: 1
      placement: before-character
    - id: avgransning
      heading: Avgränsning av färdplanerna
      level: 3
      placement: before-character
      text: >-
        Uppdraget omfattar att ta fram åtta färdplaner.
"""
OWN_WORDING_YAML = """sections:
  - id: avgransning
    text: >-
      Denna färdplan avgränsas till stadskärna 001.
"""


def _with_document(repo: Path) -> None:
    """The generated plans with the document's text and core-001's own wording, committed."""
    from tests.test_revisions import _edit

    _edit(repo, "region.yaml", "goal_areas:", DOCUMENT_YAML + "goal_areas:")
    _edit(repo, "core-001.yaml", "character:", OWN_WORDING_YAML + "character:")
    commit_all(repo, "The document's own text")


def _kinds(repo: Path, source: str, target: str | None, core: str | None = None
           ) -> list[tuple[str, str | None, str | None, str | None]]:
    from fardplan_cli.repository import PlanRepository
    from fardplan_cli.revision_diff import compare
    from fardplan_cli.revisions import PlanReader
    from tests.test_revisions import resolve_revision

    files = PlanRepository(repo).read_plan_files() if target is None else None
    with PlanReader(repo) as reader:
        result, _ = compare(reader, resolve_revision(repo, source),
                            WORK_TREE if target is None else resolve_revision(repo, target),
                            work_tree_files=files, core=core)
    return [(c.kind, c.core, c.key, c.field) for c in result.changes]


def test_the_diff_of_two_revisions_reads_only_the_changed_document(repo: Path) -> None:
    from tests.test_diff_changed_initiatives import _files_split
    from tests.test_revisions import _compare, _edit

    _with_document(repo)
    _edit(repo, "region.yaml", "åtta färdplaner", "nio färdplaner")
    _edit(repo, "region.yaml", "  year: 2026", "  year: 2027")
    assert _compare(repo, "HEAD", None) == 2  # region.yaml on each side, nothing else
    assert _kinds(repo, "HEAD", None) == [("document-changed", None, None, "year"),
                                          ("section-changed", None, "avgransning", "text")]
    assert _kinds(repo, "HEAD", None, "core-001") == []
    commit_all(repo, "Nine roadmaps")
    for source, target in (("HEAD~1", "HEAD"), ("HEAD", "HEAD~1"), ("cycle/2027-2030", "HEAD")):
        _compare(repo, source, target)
        _compare(repo, source, target, "core-001")
    assert _files_split(repo, "HEAD~1", "HEAD") == 0


def test_the_diff_of_two_revisions_finds_a_cores_own_wording_in_the_cut_head(repo: Path) -> None:
    from tests.test_diff_changed_initiatives import _files_split
    from tests.test_revisions import _compare, _edit

    _with_document(repo)
    _edit(repo, "core-001.yaml", "till stadskärna 001.", "till stadskärna 001 och dess hamn.")
    assert _compare(repo, "HEAD", None) == 3  # region.yaml once, core-001 cut on each side
    assert _files_split(repo, "HEAD", None) == 1
    expected = [("section-changed", "core-001", "avgransning", "text")]
    assert _kinds(repo, "HEAD", None) == expected
    assert _kinds(repo, "HEAD", None, "core-001") == expected
    commit_all(repo, "The harbour too")
    for source, target in (("HEAD~1", "HEAD"), ("HEAD", "HEAD~1"), ("cycle/2027-2030", "HEAD")):
        _compare(repo, source, target)
        _compare(repo, source, target, "core-001")
    assert _kinds(repo, "HEAD~1", "HEAD") == expected
    assert [kind for kind, core, _, _ in _kinds(repo, "HEAD~2", "HEAD") if core == "core-001"] == [
        "section-added"]
