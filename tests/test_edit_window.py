"""An edit of an initiative's status or actors opens only the lines of those keys (its
activities and updates stay out of ruamel's round trip), and makes exactly the text that opening
the whole initiative makes, comments around the keys included."""

from __future__ import annotations

from collections.abc import Callable, Mapping

import pytest

from fardplan_cli import edit
from fardplan_cli.edit import commands, lines, roundtrip
from fardplan_cli.edit.lines import EditedFiles, EditResult
from fardplan_cli.errors import FardplanError
from fardplan_cli.load import load_plan_set
from fardplan_cli.model import PlanSet
from tests.support import SHIPPED_PLANS
from tests.support.edit import EDIT_FIXTURES

AROUND_STATUS = '''\
  - id: "4.9"
    title: Kommenterad
    lead: region-stockholm
    # medverkande
    participants: [polis]  # tillfrågad

    # status enligt samtalet
    status: planned  # följs upp
    # efter statusen

    # före aktiviteterna
    activities:
      - id: "4.9.1"
        title: Första steget
        owner: polis
        status: planned
    # efter aktiviteterna
    updates:
      - date: 2026-02-15
        text: Rapport.
'''
NOTED = AROUND_STATUS.replace(
    "    # efter statusen\n", "    # före kommentaren\n    status_note: väntar  # varför\n"
    "    # efter statusen\n")
NO_STATUS_AT_THE_END = AROUND_STATUS.split("    # status enligt", 1)[0].replace(
    "  - id: \"4.9\"", "  - id: \"4.9\"  # sist")


def _files(extra: str | None) -> dict[str, bytes]:
    files = {f"plans/{p.name}": p.read_bytes() for p in sorted(SHIPPED_PLANS.glob("*.yaml"))}
    files.update({f"plans/{p.name}": p.read_bytes() for p in EDIT_FIXTURES.glob("*.yaml")})
    if extra is not None:
        text = files["plans/sodertalje.yaml"].decode("utf-8")
        at = text.index("\nindicators:") + 1 if "\nindicators:" in text else len(text)
        files["plans/sodertalje.yaml"] = (text[:at] + extra + text[at:]).encode("utf-8")
    return files


Make = Callable[[PlanSet, Mapping[str, bytes], str], EditResult]
EDITS: dict[str, Make] = {
    "status": lambda plan, files, ref: edit.set_status(plan, files, ref, "ongoing"),
    "status and note": lambda plan, files, ref: edit.set_status(plan, files, ref, "done",
                                                                  note="klar\nsom planerat"),
    "note only": lambda plan, files, ref: edit.set_status(
        plan, files, ref, plan_status(plan, ref), note="ny kommentar"),
    "note ending in blank lines": lambda plan, files, ref: edit.set_status(
        plan, files, ref, plan_status(plan, ref), note="#\n\n\n"),
    "note removed": lambda plan, files, ref: edit.set_status(
        plan, files, ref, plan_status(plan, ref), note=""),
    "lead": lambda plan, files, ref: edit.assign(plan, files, ref, lead="trafikverket"),
    "no lead": lambda plan, files, ref: edit.assign(plan, files, ref, no_lead=True),
    "participants": lambda plan, files, ref: edit.assign(plan, files, ref, add=["locum"]),
    "lead unit": lambda plan, files, ref: edit.assign(plan, files, ref, lead_unit="polis"),
}


def plan_status(plan: PlanSet, ref: str) -> str:
    return commands.resolve_for_edit(plan, ref).status


def _outcome(make: Make, plan: PlanSet, files: Mapping[str, bytes], ref: str) -> str:
    try:
        return make(plan, files, ref).new_text
    except Exception as error:  # the same refusal either way
        return f"{type(error).__name__}: {error}"


@pytest.mark.parametrize("extra", [None, AROUND_STATUS, NOTED, NO_STATUS_AT_THE_END],
                         ids=["fixtures", "comments", "note", "no-status"])
@pytest.mark.parametrize("name", sorted(EDITS))
def test_the_window_makes_what_the_whole_initiative_makes(
    extra: str | None, name: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    files = _files(extra)
    plan = load_plan_set(files)
    refs = [f"sodertalje:{i.id}" for i in plan.core_plan("sodertalje")]
    make = EDITS[name]
    windowed = {ref: _outcome(make, plan, files, ref) for ref in refs}
    whole = lines._Window.of
    monkeypatch.setattr(lines._Window, "of", classmethod(
        lambda cls, wrapper, text, keys, order: whole(wrapper, text, None, order)))
    assert {ref: _outcome(make, plan, files, ref) for ref in refs} == windowed
    assert sum(not text.endswith(")") and ":" in text for text in windowed.values()) > 3


@pytest.fixture
def loaded(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The texts ruamel reads as round-trip documents, in order."""
    texts: list[str] = []
    real_load = roundtrip.load_block

    def counting(text: str) -> object:
        texts.append(text)
        return real_load(text)

    monkeypatch.setattr(roundtrip, "load_block", counting)
    return texts


def test_setting_a_status_leaves_the_activities_out_of_the_round_trip(
    loaded: list[str]
) -> None:
    files = _files(AROUND_STATUS)
    plan = load_plan_set(files)
    result = edit.set_status(plan, files, "sodertalje:4.9", "ongoing")
    assert "    status: ongoing  # följs upp\n    # efter statusen\n" in result.new_text
    assert loaded and not any("activities" in text for text in loaded)


@pytest.mark.parametrize("extra", [None, AROUND_STATUS, NOTED], ids=["fixtures", "comments", "note"])
def test_a_batch_reuses_the_lines_it_opened_and_makes_what_single_edits_make(
    extra: str | None, loaded: list[str]
) -> None:
    files = _files(extra)
    plan = load_plan_set(files)
    refs = [f"sodertalje:{i.id}" for i in plan.core_plan("sodertalje")]
    makes = [EDITS[name] for name in ("status", "lead", "note only", "status and note")]
    batch = EditedFiles(files)
    single = dict(files)
    for make in makes:
        for ref in refs:
            try:
                made = make(plan, batch, ref)
            except FardplanError as error:
                assert _outcome(make, plan, single, ref) == f"{type(error).__name__}: {error}"
                continue
            assert made.new_text == make(plan, single, ref).new_text
            batch.apply(made)
            single[made.path] = made.new_text.encode("utf-8")
    assert batch.opened and len(set(loaded)) < len(loaded)
