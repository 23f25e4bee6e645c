"""`diff` parses only the initiatives of a changed core file whose text changed, and says exactly
what parsing the whole files says.

``chunks.cut_core_text`` cuts a core file's text into its head and one text per initiative
without parsing it; these tests check, on generated texts full of what could fool a cut made line
by line (quotes and flow collections over several lines, block scalars holding dashes, comments,
CRLF, anchors, tabs, escapes, keys after the initiatives), that whenever the cut is made and its
pieces read as they should, they say what the whole file says. Then the diff itself is compared
with the full comparison after edits that a cut could get wrong. No timing is asserted.
"""

from __future__ import annotations

import io
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fardplan_cli.chunks import CoreText, assemble, cut_core_text, lines_close
from fardplan_cli.diff import Change, DiffResult, word_diff
from fardplan_cli.errors import PlanProblemsError
from fardplan_cli.load import PLANS_DIR
from fardplan_cli.render import diff_text
from fardplan_cli.render.diff_common import DIFF_RENDERERS, DiffReport
from fardplan_cli.repository import PlanRepository
from fardplan_cli.revision_diff import compare
from fardplan_cli.revisions import WORK_TREE, PlanReader, Revision
from fardplan_cli.yamlfile import YamlProblemError, parse_document
from tests.support import PROJECT_ROOT, commit_all
from tests.test_revisions import _compare, reference_diff, resolve_revision

sys.path.insert(0, str(PROJECT_ROOT / "benchmarks"))

import generate


def split_core_text(text: str) -> CoreText | None:
    """The cut as the diff makes it: only where every line closes its quotes and flows."""
    cut = cut_core_text(text)
    return cut if cut is not None and lines_close(cut.text) else None


def _parsed(text: str) -> Any:
    """The data of a text, or the problem's code when it does not read."""
    try:
        return parse_document("plans/x.yaml", text.encode("utf-8")).data
    except YamlProblemError as exc:
        return ("problem", exc.problem.code)


def _failed(value: Any) -> bool:
    return isinstance(value, tuple) and value[:1] == ("problem",)


# -- the cut, on generated texts ----------------------------------------------------------------

# Values that a line-by-line cut must not be fooled by. {item} is the indentation of the items'
# dashes, {deep} one deeper than the keys: a line at {item} that starts with "- " inside a quoted
# scalar or a flow collection is not an item.
VALUES = [
    "Planerad insats", '"1.3"', "'1.3'", "1.3", '"citat: med kolon"', "'it''s'", "[a, b]",
    '["1.2", "1.3"]', "{a: 1, b: [c]}", "|-\n{deep}text\n{deep}- inte en insats\n",
    ">-\n{deep}rad ett\n\n{deep}rad två", '"över\n{item}- flera rader"', "'över\n{item}- flera'",
    "[a,\n{item}- b]", "{a: 1,\n{item}- b: 2}", "&ankare x", "*ankare", "!!str x", "a # kommentar",
    '"a" # kommentar', '"a" "b', "rad ett\n{deep}rad två", "x: y", '"tab\there"', "back\\slash",
    '"esc\\"aped"', "", "\n{deep}- lista\n{deep}- två", "[a, [b]]", '"a"b', "'a' #",
    "Forskning & utveckling, *kursiv*", "? x", "- x", "%x", "@x", "`x`", '"\n{item}"',
    "|\n{item}- kort indrag", "\n{item}  - djupare", '"a" : b', "a, \"b\n{item}- c\"",
    # Activities and updates of format 2: sequences of mappings with ids of their own, at the
    # keys' indentation or deeper.
    '\n{key}- id: "1.3.1"\n{key}  title: Steg\n{key}- id: "1.3.2"',
    '\n{deep}- id: "1.3.1"\n{deep}  status: done\n{deep}  done_on: 2027-05-30',
    "\n{key}- date: 2027-05-01\n{key}  text: \"över\n{item}- rader\"",
]
KEYS = ["id", "title", "status", "replaces", "description", "participants", "activities"]

# What a core file of format 2 holds before its initiatives: its dialogues and its follow-up of
# common initiatives (with activities and updates of their own, ids and dashes in them).
HEAD_SECTIONS = [
    ["dialogues:", "  - date: 2027-03-14", "    cycle: 2027-2030", '    prioritized: ["1.3", "2.2"]'],
    ["dialogues:", "- date: '2027-03-14'", "  prioritized:", "  - '1.3'", "  note: |-",
     "    - inte en insats", "    initiatives:"],
    ["common:", '  "2.2":', "    status: dropped", "    activities:", '      - id: "2.2.1"',
     "        title: Steg", "    updates:", "      - date: 2027-05-01",
     '        text: "över', '  - rader"'],
    ["common:", '  "2.2":', "    activities:", '    - id: "2.2.1"', "      title: x",
     "    carried_by:", "    - {kind: funding, amount_sek: 500000}"],
    ["common:", '  "2.2":', '    status_note: "a', "initiatives:", '  - id: \"9.9\""'],
    ["common:", "  '1.1': {status: done}", "dialogues: []"],
]


@st.composite
def core_texts(draw: st.DrawFn) -> str:
    item_indent = draw(st.sampled_from([0, 2, 4]))
    pad = " " * item_indent
    lines = ["schema_version: 2", "id: core-x", "name: Kärnan"]
    if draw(st.booleans()):
        lines += ["character:", "  - heading: Läge", "    text: |-", "      Text.",
                  "      - inte en insats"]
    for section in draw(st.lists(st.sampled_from(HEAD_SECTIONS), max_size=2)):
        lines += section
    lines.append("initiatives:" + draw(st.sampled_from(["", "  # insatser", " "])))
    ids = draw(st.lists(st.sampled_from(["1.3", "1.4", "2.1", "3.7"]), max_size=5))
    for number, item_id in enumerate(ids):
        if draw(st.booleans()):
            lines.append(" " * draw(st.integers(0, 6)) + "# kommentar " + str(number))
        dash = draw(st.sampled_from(["- ", "-   ", "-\n" + pad + "  "]))
        key_column = item_indent + (len(dash) if "\n" not in dash else 2)
        deep = " " * (key_column + 2)
        keys = draw(st.lists(st.sampled_from(KEYS), max_size=4))
        quote = draw(st.sampled_from(['"', "'", ""]))
        pairs = [("id", f"{quote}{item_id}{quote}")]
        pairs += [(key, draw(st.sampled_from(VALUES)).replace("{item}", pad).replace("{deep}", deep)
                   .replace("{key}", " " * key_column)) for key in keys]
        pairs = draw(st.permutations(pairs))
        for index, (key, value) in enumerate(pairs):
            prefix = pad + dash if index == 0 else " " * key_column
            separator = "" if value.startswith("\n") or not value else " "
            lines.append(f"{prefix}{key}:{separator}{value}")
    if draw(st.booleans()):
        lines += draw(st.sampled_from([
            ["indicators:", "  - id: jobs", "    values:", "      - {year: 2026, value: 1}"],
            ["extra: 1"], [" indrag: 1"], ["- x"], ["# slut"], ['"nyckel": 1'],
            ["<<<<<<< HEAD", "a: 1", "=======", "a: 2", ">>>>>>> gren"], ["---", "b: 1"],
        ]))
    text = "\n".join(lines) + draw(st.sampled_from(["\n", ""]))
    if draw(st.booleans()):
        text = text.replace("\n", "\r\n")
    return text


def _check_cut(text: str) -> None:
    cut = cut_core_text(text)
    if cut is not None:
        # The check is line by line: checking the pieces is checking the text (the diff checks
        # a piece once when two versions of a file share it).
        pieces = [cut.head, *cut.items]
        assert lines_close(cut.text) == all(lines_close(piece) for piece in pieces)
        assert sorted(cut.text.splitlines()) == sorted(
            line for piece in pieces for line in piece.splitlines())
    split = split_core_text(text)
    if split is None:
        return  # parsed whole
    assert len(split.items) == len(split.ids)
    head = _parsed(split.head)
    items = _parsed("".join(split.items)) if split.items else None
    if _failed(head) or _failed(items):
        return  # a piece does not read: parsed whole, which reports the problem
    data = assemble(head, items, split.ids)
    if data is None:
        return  # a piece is not what the cut says: parsed whole
    whole = _parsed(text)
    assert not _failed(whole), (text, whole)
    assert data == whole
    assert [i["id"] for i in whole["initiatives"]] == list(split.ids)
    # Any of the items, joined, read as those items of the whole.
    chosen = range(0, len(split.items), 2)
    some = _parsed("".join(split.items[n] for n in chosen)) if chosen else None
    if not _failed(some):
        part = assemble(head, some, [split.ids[n] for n in chosen])
        assert part is None or part["initiatives"] == [whole["initiatives"][n] for n in chosen]


@pytest.mark.slow  # a generated-example sweep: .ci/run runs it
@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(core_texts())
def test_a_cut_that_reads_says_what_the_whole_file_says(text: str) -> None:
    _check_cut(text)


def test_the_cut_is_made_on_the_shipped_and_generated_plans(tmp_path: Path) -> None:
    texts = [p.read_text(encoding="utf-8") for p in sorted((PROJECT_ROOT / PLANS_DIR).glob("*.yaml"))]
    made = generate.generate(tmp_path / "repo", cores=3, initiatives=8, commits=30, seed=5)
    texts += [p.read_text(encoding="utf-8") for p in sorted((made.root / PLANS_DIR).glob("core-*.yaml"))]
    cut = 0
    for text in texts:
        _check_cut(text)
        cut += split_core_text(text) is not None
    # Every file with initiatives: the Södertälje plan, the region's common ones and the
    # generated cores (the other shipped cores have none, and are parsed whole: they are small).
    assert cut == 2 + 3


@pytest.mark.parametrize("text", [
    # A quoted title over two lines, its second line starting as an item would.
    'initiatives:\n  - id: "1.3"\n    title: "Lång\n  - rubrik"\n  - id: "1.4"\n',
    # The same with a flow sequence.
    'initiatives:\n  - id: "1.3"\n    places: [a,\n  - b]\n',
    # Tabs, escapes, anchors, document markers, a lone carriage return.
    'initiatives:\n  - id: "1.3"\n    title:\tx\n',
    'initiatives:\n  - id: "1.3"\n    title: "a\\u0020b"\n',
    'initiatives:\n  - id: "1.3"\n    title: &a x\n  - id: "1.4"\n    title: *a\n',
    'initiatives:\n  - id: "1.3"\n---\n',
    'initiatives:\r  - id: "1.3"\r',
    # No initiatives, or not a block sequence, or two keys.
    "id: x\n", "initiatives: []\n", 'initiatives:\n  id: "1.3"\n',
    'initiatives:\n- id: "1.3"\ninitiatives:\n- id: "1.4"\n',
    # An item without one id key at its keys' indentation.
    'initiatives:\n  - title: x\n', 'initiatives:\n  - id: "1.3"\n    id: "1.4"\n',
    'initiatives:\n  -   title: x\n      id: "1.3"\n',
    # An id not quoted on its line: a number, a block scalar, on the next line.
    "initiatives:\n  - id: 1.3\n", "initiatives:\n  - id: >-\n      1.3\n",
    'initiatives:\n  - id:\n      "1.3"\n', 'initiatives:\n  - id: "1.3" x\n',
    # A key after the items that does not start at the first column.
    'initiatives:\n  - id: "1.3"\n extra: 1\n', 'initiatives:\n  - id: "1.3"\n- x\n',
])
def test_the_cut_is_refused_where_it_could_be_wrong(text: str) -> None:
    assert split_core_text(text) is None


def test_the_cut_keeps_every_character() -> None:
    text = ('schema_version: 2\ninitiatives:  # insatser\n  # först\n  - id: "1.3"\n    title: a\n'
            "  # mellan\n\n  - id: '1.4'\n    title: b\nindicators: []\n")
    split = split_core_text(text)
    assert split is not None
    assert split.items == ('  - id: "1.3"\n    title: a\n  # mellan\n\n',
                           "  - id: '1.4'\n    title: b\n")
    assert split.ids == ("1.3", "1.4")
    assert split.head == "schema_version: 2\ninitiatives:  # insatser\n  # först\nindicators: []\n"
    crlf = split_core_text(text.replace("\n", "\r\n"))
    assert crlf == split


# -- the diff, against the full comparison ------------------------------------------------------


def _text(repo: Path, name: str) -> str:
    return (repo / PLANS_DIR / name).read_text(encoding="utf-8")


def _write(repo: Path, name: str, text: str) -> None:
    (repo / PLANS_DIR / name).write_bytes(text.encode("utf-8"))


def _items(text: str) -> tuple[str, list[str], str]:
    split = split_core_text(text)
    assert split is not None
    head, _, tail = split.head.partition("initiatives:")
    line_end = tail.index("\n") + 1
    return head + "initiatives:" + tail[:line_end], list(split.items), tail[line_end:]


def _join(head: str, items: list[str], trailer: str) -> str:
    return head + "".join(items) + trailer


def _reorder(repo: Path) -> None:
    head, items, trailer = _items(_text(repo, "core-002.yaml"))
    items[0], items[-1] = items[-1], items[0]
    _write(repo, "core-002.yaml", _join(head, items, trailer))


def _comment_moved_and_one_edit(repo: Path) -> None:
    head, items, trailer = _items(_text(repo, "core-002.yaml"))
    items[1] = items[1] + "  # flyttad kommentar\n"
    items[2] = items[2].replace("status: ", "status_note: Ny anteckning\n    status: ", 1)
    _write(repo, "core-002.yaml", _join(head, items, trailer))


def _crlf(repo: Path) -> None:
    text = _text(repo, "core-003.yaml")
    _write(repo, "core-003.yaml", text.replace("status: planned", "status: ongoing", 1)
           .replace("\n", "\r\n"))


def _unchanged_item_claims_a_removed_one(repo: Path) -> None:
    # An initiative that names another in `replaces` while both are there; then the other goes.
    # Its text is the same on both sides, but the diff must see it: the other was merged into it.
    head, items, trailer = _items(_text(repo, "core-001.yaml"))
    second = items[1].replace("\n", f'\n    replaces: ["{_id(items[0])}"]\n', 1)
    _write(repo, "core-001.yaml", _join(head, [items[0], second, *items[2:]], trailer))
    commit_all(repo, "replaces")
    _write(repo, "core-001.yaml", _join(head, [second, *items[2:]], trailer))


def _id(item: str) -> str:
    split = split_core_text(f"initiatives:\n{item}")
    assert split is not None
    return split.ids[0]


def _duplicate_id(repo: Path) -> None:
    # Invalid, but diff compares what it is given: a copy of an initiative, then changed.
    head, items, trailer = _items(_text(repo, "core-002.yaml"))
    copy = items[0].replace("status: ", "status_note: Kopia\n    status: ", 1)
    _write(repo, "core-002.yaml", _join(head, [*items, copy], trailer))


def _duplicate_id_hidden_in_a_block_scalar(repo: Path) -> None:
    # The same, with the unchanged copy's id written so that a line-wise look would miss it.
    head, items, trailer = _items(_text(repo, "core-002.yaml"))
    item_id = _id(items[0])
    hidden = items[0].replace(f'id: "{item_id}"', f"id: >-\n      {item_id}", 1)
    _write(repo, "core-002.yaml", _join(head, [hidden, *items[1:]], trailer))
    commit_all(repo, "id as a block scalar")
    copy = items[0].replace("title: ", "title: Kopia. ", 1)
    _write(repo, "core-002.yaml", _join(head, [hidden, *items[1:], copy], trailer))


def _head_trailer_and_item(repo: Path) -> None:
    head, items, trailer = _items(_text(repo, "core-003.yaml"))
    head = head.replace("name: Regional stadskärna 003", "name: Stadskärna tre")
    trailer = trailer.replace("value: ", "value: 1", 1)
    items[3] = items[3].replace("title: ", "title: Ny rubrik. ", 1)
    _write(repo, "core-003.yaml", _join(head, items, trailer))


def _id_not_first_and_quoted_over_lines(repo: Path) -> None:
    head, items, trailer = _items(_text(repo, "core-001.yaml"))
    first = items[0].split("\n")
    items[0] = "\n".join([first[1].replace("    ", "  - ", 1), first[0].replace("  - ", "    "),
                          *first[2:]])
    _write(repo, "core-001.yaml", _join(head, items, trailer))
    head, items, trailer = _items(_text(repo, "core-002.yaml"))
    items[2] = items[2].replace("title: ", 'title: "Över två\n  - rader" # ', 1)
    _write(repo, "core-002.yaml", _join(head, items, trailer))


def _renumber_and_add(repo: Path) -> None:
    head, items, trailer = _items(_text(repo, "core-001.yaml"))
    old_id = _id(items[4])
    items[4] = items[4].replace(f'id: "{old_id}"', 'id: "4.19"', 1)
    items.append(items[5].replace(f'id: "{_id(items[5])}"', 'id: "4.20"', 1))
    _write(repo, "core-001.yaml", _join(head, items, trailer))


def _dialogue_reprioritises_unchanged_ones(repo: Path) -> None:
    # A dialogue added in the head prioritises two initiatives whose own text does not change:
    # their priorities do, and the diff must read them.
    head, items, trailer = _items(_text(repo, "core-002.yaml"))
    dialogue = (f'  - date: 2031-03-15\n    cycle: 2027-2030\n'
                f'    prioritized: ["{_id(items[3])}", "{_id(items[4])}"]\n')
    if "\ndialogues:" in head:
        line_end = head.index("\n", head.index("\ndialogues:") + 1) + 1
        head = head[:line_end] + dialogue + head[line_end:]
    else:
        head = head.replace("\ninitiatives:", "\ndialogues:\n" + dialogue + "initiatives:", 1)
    _write(repo, "core-002.yaml", _join(head, items, trailer))


def _follow_up_of_a_common_initiative(repo: Path) -> None:
    # The core's follow-up of common initiative 1.1 (in the head): that core's change only.
    head, items, trailer = _items(_text(repo, "core-003.yaml"))
    follow_up = 'common:\n  "1.1":\n    status: ongoing\n    status_note: "Startad, i år"\n'
    head = head.replace("\ninitiatives:", "\n" + follow_up + "initiatives:", 1)
    _write(repo, "core-003.yaml", _join(head, items, trailer))


SCENARIOS = {
    "reorder": (_reorder, 1),
    "comment-moved-and-one-edit": (_comment_moved_and_one_edit, 1),
    "crlf": (_crlf, 1),
    "unchanged-item-claims-a-removed-one": (_unchanged_item_claims_a_removed_one, 1),
    "duplicate-id": (_duplicate_id, 0),
    "duplicate-id-hidden-in-a-block-scalar": (_duplicate_id_hidden_in_a_block_scalar, 0),
    "head-trailer-and-item": (_head_trailer_and_item, 1),
    "id-not-first-and-quoted-over-lines": (_id_not_first_and_quoted_over_lines, 1),
    "renumber-and-add": (_renumber_and_add, 1),
    "dialogue-reprioritises-unchanged-ones": (_dialogue_reprioritises_unchanged_ones, 1),
    "follow-up-of-a-common-initiative": (_follow_up_of_a_common_initiative, 1),
}


def _files_split(repo: Path, source: str, target: str | None) -> int:
    files = PlanRepository(repo).read_plan_files() if target is None else None
    target_rev = WORK_TREE if target is None else resolve_revision(repo, target)
    with PlanReader(repo) as reader:
        compare(reader, resolve_revision(repo, source), target_rev, work_tree_files=files)
        return reader.files_cut


@pytest.mark.parametrize("scenario", list(SCENARIOS))
def test_the_diff_of_changed_initiatives_says_what_the_full_comparison_says(
    repo: Path, scenario: str
) -> None:
    edit, files_split = SCENARIOS[scenario]
    edit(repo)
    _compare(repo, "HEAD", None)
    assert _files_split(repo, "HEAD", None) == files_split
    commit_all(repo, scenario)
    for source, target in (("HEAD~1", "HEAD"), ("cycle/2023-2026", "HEAD"),
                           ("HEAD", "cycle/2023-2026")):
        _compare(repo, source, target)
        _compare(repo, source, target, "core-001")


def test_between_the_cycles_every_changed_core_is_cut(repo: Path) -> None:
    _compare(repo, "cycle/2023-2026", "cycle/2027-2030")
    cores = len(list((repo / PLANS_DIR).glob("core-*.yaml")))
    assert _files_split(repo, "cycle/2023-2026", "cycle/2027-2030") == cores


def test_a_broken_changed_initiative_is_reported_as_before(repo: Path) -> None:
    head, items, trailer = _items(_text(repo, "core-002.yaml"))
    items[1] = items[1].replace("title: ", "title: [", 1)
    _write(repo, "core-002.yaml", _join(head, items, trailer))
    files = PlanRepository(repo).read_plan_files()
    messages = []
    head_rev = resolve_revision(repo, "HEAD")
    with PlanReader(repo) as reader, pytest.raises(PlanProblemsError) as raised:
        compare(reader, head_rev, WORK_TREE, work_tree_files=files)
    messages.append((str(raised.value), raised.value.problems))
    with pytest.raises(PlanProblemsError) as raised:
        reference_diff(repo, head_rev, WORK_TREE, files, None)
    messages.append((str(raised.value), raised.value.problems))
    assert messages[0] == messages[1]
    assert "core-002.yaml" in messages[0][0]


# -- the plain text of a diff, without rich ------------------------------------------------------


# Plain letters, spaces and line breaks, what rich could take as markup or emoji, control
# characters (shown escaped on both paths), wide or zero-width characters; no tab, which rich
# expands and a pipe keeps.
_LETTERS = (st.sampled_from(list("ab åÄ  \n\n[]{}-+:\\/\x07\r\x1b\u202e\xa0\u200b漢😀"))
            | st.characters(blacklist_characters="\t"))


def _rich_text(report: DiffReport, monkeypatch: pytest.MonkeyPatch) -> str:
    """The text format on a terminal (without colour, as NO_COLOR is set)."""
    with monkeypatch.context() as patched:
        patched.setattr(diff_text, "is_terminal", lambda stream: True)
        patched.setattr("fardplan_cli.render.terminal.is_terminal", lambda stream: True)
        stream = io.StringIO()
        DIFF_RENDERERS["text"](report, stream)
    return stream.getvalue()


@settings(max_examples=150, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(old=st.text(_LETTERS, max_size=40), new=st.text(_LETTERS, max_size=40),
       note=st.none() | st.text(_LETTERS, max_size=10))
def test_the_plain_diff_text_is_what_rich_prints(
    old: str, new: str, note: str | None, monkeypatch: pytest.MonkeyPatch
) -> None:
    ref = "core-001:1.3"
    changes = (
        Change("initiative-changed", "core-001", ref, "title", old, new, words=word_diff(old, new)),
        Change("initiative-changed", "core-001", ref, "status", "planned", "ongoing", note=note),
        Change("initiative-added", "core-001", "core-001:1.4", None, new=new),
        Change("direction-changed", "core-001", None, "direction", old, new, key="2",
               words=word_diff(old, new)),
    )
    result = DiffResult(changes, {"core-001": old or "Kärnan"}, {}, {2: new}, {ref: new})
    report = DiffReport(Revision("cycle/2023-2026", "0" * 40, "2023-2026"), WORK_TREE, result, None)
    stream = io.StringIO()
    DIFF_RENDERERS["text"](report, stream)
    assert stream.getvalue() == _rich_text(report, monkeypatch)


def test_a_core_file_of_format_2_is_cut_with_its_dialogues_and_follow_up_in_the_head() -> None:
    text = ('schema_version: 2\nid: x\nname: X\ndialogues:\n  - date: 2027-03-14\n'
            '    cycle: 2027-2030\n    prioritized: ["1.3", "2.2"]\ncommon:\n  "2.2":\n'
            '    status: dropped\n    activities:\n      - id: "2.2.1"\n        title: Steg\n'
            'initiatives:\n  - id: "1.3"\n    title: a\n    activities:\n    - id: "1.3.1"\n'
            '      title: b\n  - id: "1.4"\n    title: c\nindicators: []\n')
    split = split_core_text(text)
    assert split is not None
    assert split.ids == ("1.3", "1.4")
    assert split.head.startswith(text[: text.index("initiatives:")])
    _check_cut(text)
