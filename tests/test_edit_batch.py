"""Edits made one after the other on ``EditedFiles`` (as an import makes them): each gives the
text the same edit gives on the files' bytes, and the blocks it keeps for the next edit are
where reading the file again finds them."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path

import pytest

from fardplan_cli import edit
from fardplan_cli.edit import followup
from fardplan_cli.edit.lines import EditedFiles, EditResult
from fardplan_cli.edit.plantext import Block, PlanText
from fardplan_cli.model import PlanSet
from tests.test_edit_followup_text import SODERTALJE, files, plan  # noqa: F401  (fixtures)

Step = Callable[[PlanSet, Mapping[str, bytes]], EditResult]

STEPS: list[Step] = [
    lambda p, f: edit.set_status(p, f, "sodertalje:1.3", "ongoing", note="Ett\nTvå"),
    lambda p, f: edit.assign(p, f, "sodertalje:1.3", add=["trafikverket"]),
    lambda p, f: followup.set_activity_status(p, f, "sodertalje:4.2.1", "done",
                                              date="2027-05-01"),
    lambda p, f: edit.set_status(p, f, "sodertalje:2.2", "ongoing"),
    lambda p, f: followup.add_update(p, f, "sodertalje:2.2", "Beslut fattat",
                                     date="2027-05-02"),
    lambda p, f: edit.set_status(p, f, "sodertalje:4.1", "ongoing", note="Ny post"),
    lambda p, f: followup.add_activity(p, f, "sodertalje:4.2", title="Andra steget"),
    lambda p, f: followup.prioritize(p, f, "sodertalje:1.3", "2027-2030", remove=True),
    lambda p, f: edit.set_status(p, f, "sodertalje:1.3", "done"),
]


def _comments_only(text: str) -> bool:
    return all(not line.strip() or line.lstrip().startswith("#") for line in text.splitlines())


def _same_place(kept: list[Block], fresh: list[Block], body: str) -> None:
    assert [(b.name, b.start, b.flow, b.own_lines) for b in kept] == [
        (b.name, b.start, b.flow, b.own_lines) for b in fresh]
    for k, f in zip(kept, fresh, strict=True):
        assert k.end >= f.end and _comments_only(body[f.end:k.end])


def test_a_batch_of_edits_gives_what_each_edit_gives_alone(
        plan: PlanSet, files: dict[str, bytes],  # noqa: F811
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FARDPLAN_TODAY", "2027-06-01")
    batch = EditedFiles(files)
    alone = dict(files)
    for step in STEPS:
        made = step(plan, batch)
        expected = step(plan, alone)
        assert made.new_text == expected.new_text
        assert made.summary == expected.summary
        batch.apply(made)
        alone[made.path] = expected.new_text.encode("utf-8")
        if made.new_plan_text is not None:
            fresh = PlanText(made.path, made.new_text)
            assert made.new_plan_text.source == made.new_text
            for kind in ("items", "dialogues", "common"):
                _same_place(getattr(made.new_plan_text, kind), getattr(fresh, kind), fresh.body)
            _same_place(list(made.new_plan_text.keys.values()), list(fresh.keys.values()), fresh.body)
    assert dict(batch) == alone
    assert batch[SODERTALJE] != files[SODERTALJE]


def test_a_block_followed_by_a_comment_is_found_again(tmp_path: Path) -> None:
    text = ('initiatives:\n  - id: "1.1"\n    status: planned\n    # about 1.2\n'
            '  - id: "1.2"\n    status: planned\nindicators: []\n')
    scanned = PlanText("plans/x.yaml", text)
    first = scanned.items[0]
    new = scanned.with_text(first.start, first.end, '  - id: "1.1"\n    status: ongoing\n')
    kept = scanned.replaced(first, new)
    fresh = PlanText("plans/x.yaml", new)
    assert kept.items == fresh.items and kept.keys == fresh.keys


@pytest.mark.parametrize("ref", ["sodertalje:4.1", "sodertalje:1.1"])
def test_a_follow_up_entry_added_is_found_where_it_was_put(
        plan: PlanSet, files: dict[str, bytes], ref: str) -> None:  # noqa: F811
    # "4.1" after the last entry (the text has no "4.2"), "1.1" before the first
    text = files[SODERTALJE].decode("utf-8")
    start = text.index('  "4.2":')
    edited = {**files, SODERTALJE: (text[:start] + text[text.index("initiatives:")
                                                        :]).encode("utf-8")}
    made = edit.set_status(plan, EditedFiles(edited), ref, "ongoing")
    assert made.new_plan_text is not None
    fresh = PlanText(made.path, made.new_text)
    assert made.new_plan_text.source == made.new_text
    for kind in ("items", "dialogues", "common"):
        _same_place(getattr(made.new_plan_text, kind), getattr(fresh, kind), fresh.body)
    _same_place(list(made.new_plan_text.keys.values()), list(fresh.keys.values()), fresh.body)
    assert [b.name for b in fresh.common] == sorted(["2.2", ref.split(":")[1]])


def test_lines_that_read_the_same_are_written_once_in_a_batch(plan_dir: Path) -> None:
    from fardplan_cli.load import load_plan_set
    from fardplan_cli.repository import PlanRepository

    shipped_files = PlanRepository(plan_dir).read_plan_files()
    shipped = load_plan_set(shipped_files)
    own = [i for core in shipped.cores for i in core.initiatives
           if i.status == "planned" and i.status_note is None][:4]
    assert len(own) == 4
    batch = EditedFiles(shipped_files)
    alone = dict(shipped_files)
    for initiative in own:
        made = edit.set_status(shipped, batch, initiative.ref, "ongoing")
        expected = edit.set_status(shipped, alone, initiative.ref, "ongoing")
        assert made.new_text == expected.new_text
        batch.apply(made)
        alone[made.path] = expected.new_text.encode("utf-8")
    assert dict(batch) == alone
    assert len(batch.written) < len(own)  # the same lines with the same change: written once
