"""Round trip: unedited files come back byte for byte; edits change only their own lines."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fardplan_cli import edit
from fardplan_cli.edit import roundtrip
from fardplan_cli.load import load_plan_set
from fardplan_cli.writing import LOCK_FILE_NAME
from fardplan_cli.yamlfile import parse_document, round_trip_yaml
from tests.support import SHIPPED_PLANS
from tests.support.edit import EDIT_FIXTURES

PLAN_FILES = sorted(SHIPPED_PLANS.glob("*.yaml"))
COMMENTED = sorted(EDIT_FIXTURES.glob("*.yaml"))


@pytest.mark.parametrize("path", PLAN_FILES + COMMENTED, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_round_trip_style_reproduces_the_file(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    yaml = round_trip_yaml()
    stream = io.StringIO()
    yaml.dump(yaml.load(text), stream)
    assert stream.getvalue() == text


@pytest.mark.parametrize("path", PLAN_FILES + COMMENTED, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_normalising_comments_changes_no_byte(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    doc = roundtrip.load_block(text)
    seq = doc.get("initiatives")
    if seq is not None:
        roundtrip.normalise_comments(seq)
    assert roundtrip.dump_block(doc) == text


def _files() -> dict[str, bytes]:
    files = {f"plans/{p.name}": p.read_bytes() for p in sorted(SHIPPED_PLANS.glob("*.yaml"))}
    files.update({f"plans/{p.name}": p.read_bytes() for p in COMMENTED})
    return files


def test_crlf_and_bom_are_kept() -> None:
    files = _files()
    original = files["plans/sodertalje.yaml"].decode("utf-8")
    crlf = "\ufeff" + original.replace("\n", "\r\n")
    files["plans/sodertalje.yaml"] = crlf.encode("utf-8")
    plan = load_plan_set(files)
    result = edit.set_status(plan, files, "sodertalje:1.4", "ongoing")
    assert result.new_text.startswith("\ufeff")
    assert "\n" not in result.new_text.replace("\r\n", "")
    assert _only_status_of_1_4_changed(crlf, result.new_text)


def _only_status_of_1_4_changed(old: str, new: str) -> bool:
    old_lines, new_lines = old.split("\r\n"), new.split("\r\n")
    changed = [i for i, (a, b) in enumerate(zip(old_lines, new_lines, strict=True)) if a != b]
    return len(changed) == 1 and new_lines[changed[0]] == "    status: ongoing"


def test_crlf_edit_changes_one_line() -> None:
    files = _files()
    crlf = files["plans/sodertalje.yaml"].decode("utf-8").replace("\n", "\r\n")
    files["plans/sodertalje.yaml"] = crlf.encode("utf-8")
    result = edit.set_status(load_plan_set(files), files, "sodertalje:1.4", "ongoing")
    assert _only_status_of_1_4_changed(crlf, result.new_text)


@pytest.mark.parametrize("text", [
    "no", "No", "NO", "yes", "on", "Off", "y", "n", "true", "False", "null", "~", "", "1.10", "1",
    "017", "0x1F", "1_000", "1:20", "-1.5e+3", ".inf", ".NaN", "2026-01-05", "=", "<<",
])
def test_yaml11_lookalikes_are_quoted(text: str) -> None:
    from ruamel.yaml.scalarstring import DoubleQuotedScalarString

    assert edit.yaml11_ambiguous(text)
    assert isinstance(edit.plain_scalar(text), DoubleQuotedScalarString)


@pytest.mark.parametrize("text", ["Trafikverket", "region-stockholm", "2023-2026", "nej", "1.3a"])
def test_ordinary_text_stays_plain(text: str) -> None:
    assert not edit.yaml11_ambiguous(text)
    assert type(edit.plain_scalar(text)) is str


def test_new_before_a_higher_area_when_the_area_has_none() -> None:
    files = _files()
    text = files["plans/sodertalje.yaml"].decode("utf-8")
    start = text.index('  - id: "2.3"')
    end = text.index('  - id: "3.4"')
    files["plans/sodertalje.yaml"] = (text[:start] + text[end:]).encode("utf-8")
    plan = load_plan_set(files)
    result = edit.new_initiative(plan, files, core="sodertalje", area=2, title="Ny")
    assert result.ref == "sodertalje:2.3"
    # Comments stay with the item below them: "Målområde 2" was above 3.4 and still is.
    assert ('  # polisen tillfrågad\n    status: planned\n  - id: "2.3"\n    title: Ny\n'
            '    status: planned\n\n  # Målområde 2\n  - id: "3.4"') in result.new_text


def test_the_lock_file_is_not_a_plan_file(plan_dir: Path) -> None:
    from fardplan_cli.repository import PlanRepository

    (plan_dir / "plans" / LOCK_FILE_NAME).write_text("", encoding="utf-8")
    (plan_dir / "plans" / ".sodertalje.yaml.abc.tmp").write_text("x: [", encoding="utf-8")
    names = PlanRepository(plan_dir).plan_file_names()
    assert all(name.endswith(".yaml") and "/." not in name for name in names)


# -- property: set-status changes only lines inside the initiative's block ------------------

_COMMENTED_FILES = _files()
_PLAN = load_plan_set(_COMMENTED_FILES)
# A status is set in a core: on the core's own initiatives here (a common initiative's follow-up
# in a core is tested in test_edit_followup_text.py and test_edit_followup_cli.py).
_REFS = [i.ref for i in _PLAN.all_initiatives() if i.core is not None]


def _block_lines(path: str, initiative_id: str) -> range:
    """The 1-based lines of the initiative's block: from its '- id' up to the next item or
    top-level key, without the comments and blank lines that lead up to that next one."""
    document = parse_document(path, _COMMENTED_FILES[path])
    index = next(i for i, item in enumerate(document.data["initiatives"])
                 if item["id"] == initiative_id)
    first = document.position(("initiatives", index)).line
    lines = _COMMENTED_FILES[path].decode("utf-8").splitlines()
    last = first
    for number in range(first + 1, len(lines) + 1):
        line = lines[number - 1]
        if line.startswith("  - ") or (line and not line.startswith(" ")):
            break
        last = number
    while not lines[last - 1].strip() or lines[last - 1].startswith("  #"):
        last -= 1
    return range(first, last + 1)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    ref=st.sampled_from(_REFS),
    status=st.sampled_from(["planned", "ongoing", "done", "paused", "dropped"]),
    note=st.one_of(st.none(), st.text(
        alphabet=st.characters(codec="utf-8", exclude_categories=("Cs", "Cc", "Zl", "Zp")),
        min_size=1, max_size=30).filter(lambda s: s.strip() == s and s)),
)
def test_set_status_changes_only_lines_of_its_initiative(
    ref: str, status: str, note: str | None
) -> None:
    import difflib

    result = edit.set_status(_PLAN, _COMMENTED_FILES, ref, status, note=note)
    old = result.old_text.splitlines()
    new = result.new_text.splitlines()
    block = _block_lines(result.path, ref.rsplit(":", 1)[-1])
    matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
    for tag, a1, a2, _b1, _b2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        # Lines a1..a2 (0-based) of the old file are replaced, or text is inserted before a1.
        touched = range(a1 + 1, a2 + 1) if a2 > a1 else range(a1, a1 + 1)
        assert all(line in block for line in touched), (ref, tag, a1, a2, block)
    reparsed = load_plan_set({**_COMMENTED_FILES, result.path: result.new_text.encode("utf-8")})
    changed = reparsed.find_initiative(*(ref.split(":") if ":" in ref else (None, ref)))
    assert changed is not None
    assert changed.status == status
    if note is not None:
        assert changed.status_note == note


# -- nothing rewritten that was not edited ----------------------------------------------------


def test_lone_cr_line_endings_are_kept() -> None:
    files = _files()
    cr = files["plans/sodertalje.yaml"].decode("utf-8").replace("\n", "\r")
    files["plans/sodertalje.yaml"] = cr.encode("utf-8")
    result = edit.set_status(load_plan_set(files), files, "sodertalje:1.4", "paused",
                             note="två\nrader")
    assert "\n" not in result.new_text
    old_lines = cr.split("\r")
    status = next(i for i in range(old_lines.index('  - id: "1.4"'), len(old_lines))
                  if old_lines[i].startswith("    status: "))
    assert result.new_text.split("\r") == [
        *old_lines[:status], "    status: paused", "    status_note: |-", "      två", "      rader",
        *old_lines[status + 1:]]


def test_an_edit_keeps_the_line_endings_of_the_lines_it_replaces_in_a_mixed_file() -> None:
    """A file whose head is CRLF and the rest LF (as a merge can leave it): the edited initiative's
    lines keep their own LF, not the first line's CRLF; only the edited line changes."""
    files = _files()
    text = files["plans/sodertalje.yaml"].decode("utf-8").replace("\n", "\r\n", 20)
    files["plans/sodertalje.yaml"] = text.encode("utf-8")
    result = edit.set_status(load_plan_set(files), files, "sodertalje:1.4", "done")
    old_lines, new_lines = text.splitlines(keepends=True), result.new_text.splitlines(keepends=True)
    changed = [(old, new) for old, new in zip(old_lines, new_lines, strict=True) if old != new]
    assert changed == [("    status: planned\n", "    status: done\n")]


@pytest.mark.parametrize("indent", [None, 2])
def test_a_file_in_json_style_is_refused_not_reflowed(indent: int | None) -> None:
    import json

    from fardplan_cli.errors import EditRefusedError

    files = _files()
    data = parse_document("plans/sodertalje.yaml", files["plans/sodertalje.yaml"]).data
    files["plans/sodertalje.yaml"] = json.dumps(data, ensure_ascii=False, indent=indent).encode()
    plan = load_plan_set(files)
    edits: list[Callable[[], edit.EditResult]] = [
        lambda: edit.set_status(plan, files, "sodertalje:1.4", "ongoing"),
        lambda: edit.assign(plan, files, "sodertalje:1.4", add=["trafikverket"]),
        lambda: edit.prioritize(plan, files, "sodertalje:1.4", "2027-2030",
                                dialogue="2027-03-14"),
        lambda: edit.new_initiative(plan, files, core="sodertalje", area=1, title="Ny"),
    ]
    for make in edits:
        with pytest.raises(EditRefusedError, match=r"in flow style .* block style"):
            make()


def test_flow_style_outside_the_edited_initiative_is_kept() -> None:
    files = _files()
    text = files["plans/sodertalje.yaml"].decode("utf-8")
    flow = text.replace('municipalities: [sodertalje-kommun]\n',
                        'municipalities: ["sodertalje-kommun"]\n', 1)
    start, end = flow.index('  - id: "3.4"'), flow.index('  - id: "3.5"')
    flow = flow[:start] + '  - {"id": "3.4", "title": "Flödesstil", "status": "planned"}\n' + \
        flow[end:]
    files["plans/sodertalje.yaml"] = flow.encode("utf-8")
    plan = load_plan_set(files)
    result = edit.set_status(plan, files, "sodertalje:1.4", "ongoing")
    assert result.new_text == flow.replace(
        "    participants: [sodertalje-kommun, region-stockholm, fastighetsagare]\n"
        "    status: planned\n",
        "    participants: [sodertalje-kommun, region-stockholm, fastighetsagare]\n"
        "    status: ongoing\n", 1)
    added = edit.new_initiative(plan, files, core="sodertalje", area=3, title="Efter")
    assert added.new_text.count('{"id": "3.4", "title": "Flödesstil", "status": "planned"}') == 1
    from fardplan_cli.errors import EditRefusedError

    with pytest.raises(EditRefusedError, match=r"initiative 3\.4 in flow style"):
        edit.set_status(plan, files, "sodertalje:3.4", "ongoing")


def test_an_initiative_in_another_layout_is_refused() -> None:
    from fardplan_cli.errors import EditRefusedError

    files = _files()
    text = files["plans/sodertalje.yaml"].decode("utf-8")
    start, end = text.index('  - id: "3.4"'), text.index('  - id: "3.5"')
    block = text[start:end].replace("    status: ", "    status:     ")  # ruamel writes one space
    files["plans/sodertalje.yaml"] = (text[:start] + block + text[end:]).encode("utf-8")
    plan = load_plan_set(files)
    with pytest.raises(EditRefusedError, match="in a layout that fardplan cannot edit"):
        edit.set_status(plan, files, "sodertalje:3.4", "ongoing")
    assert edit.set_status(plan, files, "sodertalje:3.5", "ongoing").changed  # the others can


def test_a_file_without_a_final_line_break_gets_a_new_initiative() -> None:
    files = _files()
    text = files["plans/region.yaml"].decode("utf-8")
    core = files["plans/haninge.yaml"].decode("utf-8").rstrip("\n")
    files["plans/haninge.yaml"] = core.encode("utf-8")
    result = edit.new_initiative(load_plan_set(files), files, core="haninge", area=2, title="Ny")
    assert result.new_text.startswith(core + "\ninitiatives:\n")
    assert text  # region.yaml untouched


# -- property: a typed text is written so that it reads back as typed, or refused -------------

_NASTY = st.sampled_from(list(" \t\n\r#:-'\"|>{}[],&*!%@`?~\\aöÅ1.\x1b\x00\x85\u2028\ufeff\x7f"
                              "\u200b\xa0\U0001F600"))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(typed=st.lists(_NASTY, min_size=1, max_size=14).map("".join))
def test_a_typed_text_reads_back_as_typed_or_is_refused(typed: str) -> None:
    from fardplan_cli.errors import UsageError

    try:
        result = edit.set_status(_PLAN, _COMMENTED_FILES, "sodertalje:1.4", "paused", note=typed)
    except UsageError:
        kept = typed.replace("\r\n", "\n").replace("\r", "\n")
        assert not typed.strip() or any(
            c in kept for c in "\x00\x1b\x85\u2028\ufeff\x7f")
        return
    data = parse_document(result.path, result.new_text.encode("utf-8")).data
    note = next(i for i in data["initiatives"] if i["id"] == "1.4").get("status_note")
    assert note == edit.typed_text("--note", typed)


@pytest.mark.parametrize("control", ["\x00", "\x1b", "\x7f", "\x85", "\u2028", "\ufeff"])
def test_control_characters_in_typed_text_are_refused(control: str) -> None:
    from fardplan_cli.errors import UsageError

    with pytest.raises(UsageError, match=f"U\\+{ord(control):04X}"):
        edit.set_status(_PLAN, _COMMENTED_FILES, "sodertalje:1.4", "paused", note=f"a{control}b")
    with pytest.raises(UsageError, match="--title holds the control character"):
        edit.new_initiative(_PLAN, _COMMENTED_FILES, core="sodertalje", area=1, title=f"{control}")


@pytest.mark.parametrize(("written", "added"), [
    ("initiatives: []\n", True), ("initiatives:\n", True), ("initiatives: ~\n", True),
    ("initiatives: text\n", False), ("initiatives: {}\n", False),
])
def test_new_in_a_core_whose_initiatives_key_holds_nothing(written: str, added: bool) -> None:
    from fardplan_cli.errors import EditRefusedError

    files = _files()
    core = files["plans/haninge.yaml"].decode("utf-8")
    files["plans/haninge.yaml"] = (core + written + "# slut\n").encode("utf-8")
    plan = load_plan_set({**files, "plans/haninge.yaml": core.encode("utf-8")})
    if not added:
        with pytest.raises(EditRefusedError, match="initiatives key that is not a list"):
            edit.new_initiative(plan, files, core="haninge", area=2, title="Ny")
        return
    result = edit.new_initiative(plan, files, core="haninge", area=2, title="Ny")
    assert result.new_text == core + (
        'initiatives:\n  - id: "2.1"\n    title: Ny\n    status: planned\n# slut\n'
    ).replace('"2.1"', f'"{result.ref.rpartition(":")[2]}"')


@pytest.mark.parametrize("newline", ["\r", "\r\n"])
@pytest.mark.parametrize("core", ["sodertalje", "haninge"])
def test_new_writes_the_files_own_line_ending(newline: str, core: str) -> None:
    files = _files()
    path = f"plans/{core}.yaml"
    with_lf = edit.new_initiative(load_plan_set(files), files, core=core, area=2, title="Ny",
                                  description="två\nrader")
    files[path] = files[path].decode("utf-8").replace("\n", newline).encode("utf-8")
    result = edit.new_initiative(load_plan_set(files), files, core=core, area=2, title="Ny",
                                 description="två\nrader")
    assert result.new_text == with_lf.new_text.replace("\n", newline)
