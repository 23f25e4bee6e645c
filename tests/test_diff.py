"""The semantic diff between two political cycles, in every format, in a real git repository."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tests.support import assert_golden, commit_all, git, run_cli


def replace_once(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times in {path.name}"
    path.write_text(text.replace(old, new), encoding="utf-8", newline="\n")


REWORDED = ("Besöksnäringen är viktig för en plats varumärke, tillväxt och attraktionskraft.",
            "Besöksnäringen är avgörande för en plats identitet, tillväxt och attraktionskraft.")
DIRECTION_2 = (
    "Fortsätt utveckla Södertälje stadskärna som en målpunkt för samhällsservice i den sydvästra "
    "delen av regionen. Stärk utbudet av högre utbildning och kultur och säkerställ vård efter "
    "behov i takt med att kärnan växer.",
    "Utveckla Södertälje stadskärna till den självklara målpunkten för samhällsservice i sydvästra "
    "Stockholmsregionen. Stärk utbudet av högre utbildning och kultur och säkerställ vård efter "
    "behov i takt med att kärnan växer.",
)
NEW_INITIATIVE = '''  - id: "4.5"
    title: Utred en ny gång- och cykelbro över Södertälje kanal
    description: >-
      Utred tillsammans förutsättningarna för en ny gång- och cykelbro över kanalen.
    lead: sodertalje-kommun
    participants: [region-stockholm, trafikverket]
    status: planned
'''


def edit_between_cycles(root: Path) -> None:
    """The edits of the acceptance scenario, made by hand in the YAML text."""
    core = root / "plans" / "sodertalje.yaml"
    # a lead set (1.3)
    replace_once(core, "    participants: [sodertalje-kommun, region-stockholm, fastighetsagare]\n"
                       "    status: planned\n    places: [Södertälje C",
                 "    lead: sodertalje-kommun\n"
                 "    participants: [sodertalje-kommun, region-stockholm, fastighetsagare]\n"
                 "    status: planned\n    places: [Södertälje C")
    # a participant added (1.4)
    replace_once(core, "    participants: [sodertalje-kommun, region-stockholm, fastighetsagare]\n"
                       "    status: planned\n    places: [Södertälje sjukhus",
                 "    participants: [sodertalje-kommun, region-stockholm, fastighetsagare, "
                 "halso-och-sjukvardsforvaltningen]\n"
                 "    status: planned\n    places: [Södertälje sjukhus")
    # a status changed with a note (1.5)
    people = "    participants: [sodertalje-kommun, region-stockholm, polis, fastighetsagare]\n"
    replace_once(core, people + "    status: planned\n",
                 people + "    status: paused\n"
                 "    status_note: Väntar på kommunens nya trygghetsanalys\n")
    # renumbered with replaces (2.3 -> 2.4)
    replace_once(core, '  - id: "2.3"\n', '  - id: "2.4"\n    replaces: ["2.3"]\n')
    # a description reworded (3.4)
    replace_once(core, REWORDED[0], REWORDED[1])
    # one removed (3.5)
    text = core.read_text(encoding="utf-8")
    start = text.index('  - id: "3.5"')
    end = text.index('  - id: "4.3"')
    core.write_text(text[:start] + text[end:], encoding="utf-8", newline="\n")
    # a new initiative (4.5), appended after 4.4
    replace_once(core, "indicators:\n", NEW_INITIATIVE + "indicators:\n")
    # a direction rewritten (area 2)
    replace_once(core, DIRECTION_2[0], DIRECTION_2[1])


@pytest.fixture
def cycles_repo(plan_repo: Path) -> Path:
    """cycle/2023-2026 closed, the scenario's edits committed, cycle/2027-2030 closed."""
    result = run_cli("cycle", "close", "2023-2026", "--force", repo=plan_repo)
    assert result.exit_code == 0, result.output
    edit_between_cycles(plan_repo)
    commit_all(plan_repo, "Follow-up after the political dialogue")
    result = run_cli("cycle", "close", "2027-2030", "--force", "-m", "End of the cycle", repo=plan_repo)
    assert result.exit_code == 0, result.output
    return plan_repo


def _essence(change: dict[str, object]) -> tuple[object, ...]:
    return (change["kind"], change["ref"] or change["key"], change["field"])


def test_diff_between_cycles_reports_exactly_the_edits(cycles_repo: Path) -> None:
    result = run_cli("diff", "2023-2026", "2027-2030", "--format", "json", repo=cycles_repo)
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert {_essence(c) for c in data["changes"]} == {
        ("initiative-changed", "sodertalje:1.3", "lead"),
        ("initiative-changed", "sodertalje:1.4", "participants"),
        ("initiative-changed", "sodertalje:1.5", "status"),
        ("initiative-renumbered", "sodertalje:2.4", "id"),
        ("initiative-changed", "sodertalje:3.4", "description"),
        ("initiative-removed", "sodertalje:3.5", None),
        ("initiative-added", "sodertalje:4.5", None),
        ("direction-changed", "2", "direction"),
    }
    assert len(data["changes"]) == 8
    by = {(c["kind"], c["ref"] or c["key"], c["field"]): c for c in data["changes"]}
    lead = by["initiative-changed", "sodertalje:1.3", "lead"]
    assert (lead["old"], lead["new"]) == (None, "sodertalje-kommun")
    participants = by["initiative-changed", "sodertalje:1.4", "participants"]
    assert participants["added"] == ["halso-och-sjukvardsforvaltningen"]
    assert participants["removed"] == []
    status = by["initiative-changed", "sodertalje:1.5", "status"]
    assert (status["old"], status["new"]) == ("planned", "paused")
    assert status["note"] == "Väntar på kommunens nya trygghetsanalys"
    renumbered = by["initiative-renumbered", "sodertalje:2.4", "id"]
    assert (renumbered["old"], renumbered["new"]) == ("2.3", "2.4")
    words = by["initiative-changed", "sodertalje:3.4", "description"]["words"]
    assert ["delete", "viktig"] in words and ["insert", "avgörande"] in words
    assert "".join(t for op, t in words if op != "insert").startswith(REWORDED[0])
    assert all(c["core"] == "sodertalje" for c in data["changes"])
    assert data["from"]["label"] == "cycle/2023-2026"
    assert data["to"]["commit"] == git(cycles_repo, "rev-parse", "cycle/2027-2030^{commit}").strip()
    assert data["summary"]["changes"] == 8
    assert data["summary"]["initiatives_changed"] == 4
    assert data["summary"]["initiatives_added"] == 1
    assert data["summary"]["initiatives_removed"] == 1
    assert data["summary"]["initiatives_renumbered"] == 1
    assert data["summary"]["directions_changed"] == 1


def _normalized(text: str, repo: Path) -> str:
    for tag in ("cycle/2023-2026", "cycle/2027-2030"):
        commit = git(repo, "rev-parse", f"{tag}^{{commit}}").strip()
        text = text.replace(commit, f"<commit of {tag}>")
    # when the commits were made (both may be in the same second)
    text = re.sub(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(Z|[+-]\d\d:\d\d)", "<commit date>", text)
    return re.sub(r"incheckad \d{4}-\d\d-\d\d \d\d:\d\d|committed \d{4}-\d\d-\d\d \d\d:\d\d",
                  "<committed on>", text)


@pytest.mark.parametrize(("fmt", "lang", "name"), [
    ("json", "en", "cycles.json"),
    ("text", "en", "cycles.en.txt"),
    ("markdown", "en", "cycles.en.md"),
    ("markdown", "sv", "cycles.sv.md"),
    ("html", "en", "cycles.en.html"),
    ("html", "sv", "cycles.sv.html"),
])
def test_diff_formats_match_golden_files(cycles_repo: Path, fmt: str, lang: str, name: str,
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FARDPLAN_TODAY", "2027-01-15")
    result = run_cli("--lang", lang, "diff", "2023-2026", "2027-2030", "--format", fmt,
                     repo=cycles_repo)
    assert result.exit_code == 0, result.output
    assert_golden(f"history/{name}", _normalized(result.stdout, cycles_repo))


@pytest.mark.parametrize("fmt", ["text", "markdown", "html"])
def test_every_format_names_every_change(cycles_repo: Path, fmt: str) -> None:
    result = run_cli("diff", "2023-2026", "2027-2030", "--format", fmt, repo=cycles_repo)
    assert result.exit_code == 0, result.output
    out = result.stdout
    for expected in ("sodertalje:1.3", "Södertälje kommun", "sodertalje:1.4",
                     "hälso- och sjukvårdsförvaltningen", "Paused", "kommunens nya trygghetsanalys",
                     "2.3", "sodertalje:2.4", "sodertalje:3.4", "viktig", "avgörande",
                     "sodertalje:3.5", "sodertalje:4.5", "gång- och cykelbro",
                     "självklara"):
        assert expected in out, f"{expected!r} missing from the {fmt} diff"


def test_html_is_self_contained_red_line_page(cycles_repo: Path) -> None:
    result = run_cli("--lang", "sv", "diff", "2023-2026", "2027-2030", "--format", "html",
                     repo=cycles_repo)
    page = result.stdout
    assert page.startswith("<!DOCTYPE html>")
    assert '<html lang="sv">' in page
    assert "<del>viktig</del>" in page and "<ins>avgörande</ins>" in page
    assert "@media print" in page and "size: A4" in page
    assert not re.search(r"""(src|href)\s*=|@import|url\(|<script""", page, re.IGNORECASE)
    assert "Pausad" in page and "Ansvarig aktör" in page


def test_html_escapes_plan_text(plan_repo: Path) -> None:
    core = plan_repo / "plans" / "sodertalje.yaml"
    replace_once(core, REWORDED[0], "Besöksnäringen <script>alert(1)</script> & mer.")
    result = run_cli("diff", "HEAD", "--format", "html", repo=plan_repo)
    assert result.exit_code == 0, result.output
    assert "<script>" not in result.stdout
    assert "&lt;script&gt;" in result.stdout


def test_diff_without_arguments_shows_an_uncommitted_edit(cycles_repo: Path) -> None:
    region = cycles_repo / "plans" / "region.yaml"
    replace_once(region, "    participants: [karnkommunerna, naringslivet, fastighetsagare]\n",
                 "    participants: [karnkommunerna, naringslivet, fastighetsagare, almi]\n")
    result = run_cli("diff", "--format", "json", repo=cycles_repo)
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["from"]["label"] == "cycle/2027-2030"
    assert data["to"] == {"rev": None, "commit": None, "label": "working tree", "committed": None}
    assert [(c["kind"], c["ref"], c["field"], c["added"]) for c in data["changes"]] == [
        ("initiative-changed", "1.1", "participants", ["almi"])]
    text = run_cli("diff", repo=cycles_repo)
    assert "Participants: {+Almi AB+}" in text.stdout


def test_diff_json_is_the_same_in_every_language(cycles_repo: Path) -> None:
    """JSON is for programs: the working tree is "working tree" in Swedish too; only the text for
    people says "arbetskopian"."""
    region = cycles_repo / "plans" / "region.yaml"
    replace_once(region, "    participants: [karnkommunerna, naringslivet, fastighetsagare]\n",
                 "    participants: [karnkommunerna, naringslivet, fastighetsagare, almi]\n")
    english = run_cli("--lang", "en", "diff", "--format", "json", repo=cycles_repo).stdout
    swedish = run_cli("--lang", "sv", "diff", "--format", "json", repo=cycles_repo).stdout
    assert swedish == english
    assert "arbetskopian" in run_cli("--lang", "sv", "diff", repo=cycles_repo).stdout


def test_diff_exit_code(cycles_repo: Path) -> None:
    assert run_cli("diff", "--exit-code", repo=cycles_repo).exit_code == 0
    assert run_cli("diff", "2023-2026", "2027-2030", "--exit-code", repo=cycles_repo).exit_code == 1


def test_diff_limited_to_a_core(cycles_repo: Path) -> None:
    region = cycles_repo / "plans" / "region.yaml"
    replace_once(region, "    participants: [karnkommunerna, naringslivet, fastighetsagare]\n",
                 "    participants: [karnkommunerna, naringslivet]\n")
    haninge = cycles_repo / "plans" / "haninge.yaml"
    haninge.write_text(haninge.read_text(encoding="utf-8").replace(
        "name: Haninge stadskärna", "name: Haninge centrum"), encoding="utf-8")
    commit_all(cycles_repo, "More edits")
    result = run_cli("diff", "2023-2026", "--core", "Södertälje", "--format", "json",
                     repo=cycles_repo)
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["core"] == "sodertalje"
    cores = {c["core"] for c in data["changes"]}
    assert cores == {"sodertalje", None}
    assert ("initiative-changed", "1.1", "participants") in {
        (c["kind"], c["ref"], c["field"]) for c in data["changes"]}
    everything = json.loads(run_cli("diff", "2023-2026", "--format", "json",
                                    repo=cycles_repo).stdout)
    assert "core-renamed" in {c["kind"] for c in everything["changes"]}


def test_diff_without_a_closed_cycle_asks_for_a_revision(plan_repo: Path) -> None:
    result = run_cli("diff", repo=plan_repo)
    assert result.exit_code == 2
    assert "no cycle has been closed yet" in result.stderr
    assert result.stdout == ""


def test_renumbered_by_same_text_merged_and_split(plan_repo: Path) -> None:
    core = plan_repo / "plans" / "sodertalje.yaml"
    before = git(plan_repo, "rev-parse", "HEAD").strip()
    replace_once(core, '  - id: "1.5"\n', '  - id: "1.6"\n')  # same text under a new id
    replace_once(core, '  - id: "4.3"\n', '  - id: "4.6"\n    replaces: ["4.3", "4.4"]\n')
    text = core.read_text(encoding="utf-8")
    start = text.index('  - id: "4.4"')
    end = text.index("indicators:\n")
    core.write_text(text[:start] + text[end:], encoding="utf-8")
    replace_once(core, '  - id: "3.4"\n', '  - id: "3.6"\n    replaces: ["3.4"]\n')
    replace_once(core, "indicators:\n", '  - id: "3.7"\n    title: Del två\n    replaces: ["3.4"]\n'
                 "indicators:\n")
    result = run_cli("diff", before, "--format", "json", repo=plan_repo)
    assert result.exit_code == 0, result.output
    kinds = {(c["kind"], c["ref"], json.dumps(c["old"]), json.dumps(c["new"]))
             for c in json.loads(result.stdout)["changes"]}
    assert ("initiative-renumbered", "sodertalje:1.6", '"1.5"', '"1.6"') in kinds
    assert ("initiative-merged", "sodertalje:4.6", '["4.3", "4.4"]', '"4.6"') in kinds
    assert ("initiative-split", "sodertalje:3.4", '"3.4"', '["3.6", "3.7"]') in kinds
    assert not any(k[0] in ("initiative-added", "initiative-removed") for k in kinds)


def test_text_is_coloured_only_on_a_colour_terminal(
    cycles_repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    plain = run_cli("diff", "2023-2026", "2027-2030", repo=cycles_repo).stdout
    assert "\x1b[" not in plain
    assert "[-viktig-]{+avgörande+}" in plain
    monkeypatch.delenv("NO_COLOR")
    monkeypatch.setenv("FORCE_COLOR", "1")
    coloured = run_cli("diff", "2023-2026", "2027-2030", repo=cycles_repo).stdout
    assert "\x1b[" in coloured
    assert "[-viktig-]" not in coloured


def test_a_broken_revision_is_named_not_sent_to_validate(plan_repo: Path) -> None:
    path = plan_repo / "plans" / "sodertalje.yaml"
    good = path.read_text(encoding="utf-8")
    path.write_text(good.replace("name: Södertälje stadskärna", "name: [Södertälje", 1),
                    encoding="utf-8")
    commit_all(plan_repo, "broken")
    path.write_text(good, encoding="utf-8")
    result = run_cli("diff", "HEAD", repo=plan_repo)
    assert result.exit_code == 1
    assert "plans/sodertalje.yaml:" in result.stderr
    assert re.fullmatch(r"fardplan: the plans at HEAD \([0-9a-f]+\) have 1 problem, listed above",
                        result.stderr.splitlines()[-1])
    assert "fardplan validate" not in result.stderr


def test_a_text_in_paragraphs_continues_under_its_item() -> None:
    import io

    from fardplan_cli.diff import Change, DiffResult, word_diff
    from fardplan_cli.render.diff_common import DiffReport
    from fardplan_cli.render.diff_text import render_diff_text
    from fardplan_cli.revisions import WORK_TREE, Revision

    old = "Första stycket.\n\nAndra stycket."
    new = "Första stycket.\n\nNytt andra stycket.\nOch en rad till."
    ref = "sodertalje:1.3"
    change = Change("initiative-changed", "sodertalje", ref, "description", old, new,
                    words=word_diff(old, new))
    headline = Change("initiative-changed", "sodertalje", ref, "title", "A", "B\nC",
                      words=word_diff("A", "B\nC"))
    result = DiffResult((headline, change), {"sodertalje": "Södertälje"}, {}, {}, {ref: "B\nC"})
    stream = io.StringIO()
    render_diff_text(DiffReport(Revision("HEAD", "0" * 40, "HEAD"), WORK_TREE, result, None), stream)
    lines = stream.getvalue().splitlines()
    start = lines.index("* Changed: sodertalje:1.3 B")
    assert lines[start:] == [
        "* Changed: sodertalje:1.3 B",
        "  C",
        "    Title: [-A-]{+B",
        "      C+}",
        "    Description: Första stycket.",
        "",
        "      [-Andra-]{+Nytt andra+} stycket.{+",
        "      Och en rad till.+}",
    ]


def test_the_indentation_of_a_continued_line_is_not_styled() -> None:
    from fardplan_cli.render.diff_text import _continued

    assert _continued([("    Description: ", ""), ("ny\ntext", "green underline")], "  ") == [
        ("    Description: ", ""), ("ny\n", "green underline"), ("  ", ""),
        ("text", "green underline")]
    assert _continued([("a\n\n", "red"), ("b", "")], "  ") == [
        ("a\n", "red"), ("\n", "red"), ("  ", ""), ("b", "")]


def test_a_core_file_renamed_is_a_core_removed_and_one_added(plan_repo: Path) -> None:
    git(plan_repo, "mv", "plans/haninge.yaml", "plans/haninge-centrum.yaml")
    commit_all(plan_repo, "Rename the file only")
    moved = run_cli("diff", "HEAD~1", "HEAD", "--format", "json", repo=plan_repo)
    assert moved.exit_code == 0, moved.output
    kinds = [(c["kind"], c["key"]) for c in json.loads(moved.stdout)["changes"]]
    assert kinds == [("core-removed", "haninge"), ("core-added", "haninge-centrum")]
    core = plan_repo / "plans" / "haninge-centrum.yaml"
    core.write_text(core.read_text(encoding="utf-8").replace("id: haninge\n", "id: haninge-centrum\n"),
                    encoding="utf-8", newline="\n")
    commit_all(plan_repo, "And its id")
    both = run_cli("diff", "HEAD~2", "HEAD", "--format", "json", repo=plan_repo)
    assert [(c["kind"], c["key"]) for c in json.loads(both.stdout)["changes"]] == kinds
    text = run_cli("diff", "HEAD~1", "HEAD", repo=plan_repo)
    assert "No changes" in text.stdout  # only the id changed, to what the file's name says


def test_the_page_says_which_revisions_and_when(cycles_repo: Path) -> None:
    result = run_cli("--lang", "sv", "diff", "2023-2026", "2027-2030", "--format", "html",
                     repo=cycles_repo)
    header = result.stdout.split('<header class="stamp">', 1)[1].split("</header>", 1)[0]
    for tag in ("cycle/2023-2026", "cycle/2027-2030"):
        commit = git(cycles_repo, "rev-parse", f"{tag}^{{commit}}").strip()
        committed = git(cycles_repo, "show", "-s", "--format=%cI", commit).strip()
        assert tag in header and commit in header
        assert f"incheckad {committed[:10]} {committed[11:16]}" in header
    data = json.loads(run_cli("diff", "2023-2026", "--format", "json", repo=cycles_repo).stdout)
    assert data["from"]["committed"] == git(cycles_repo, "show", "-s", "--format=%cI",
                                            "cycle/2023-2026^{commit}").strip()
    assert data["to"]["committed"] is None
    page = run_cli("--lang", "sv", "diff", "2023-2026", "--format", "html", repo=cycles_repo)
    assert "ej incheckade ändringar i arbetskopian" in page.stdout
