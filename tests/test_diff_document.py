"""The diff of the document's own text: an initiative's afterword, a goal area's heading, the
region's ``document:`` (title, colophon, shared sections) and a core's own wording of a shared
section."""

from __future__ import annotations

import io
from dataclasses import replace

import pytest

from fardplan_cli import i18n
from fardplan_cli.diff import Change, diff_plan_sets
from fardplan_cli.model import PlanSet
from fardplan_cli.render.diff_common import DIFF_RENDERERS, DiffReport
from fardplan_cli.render.shapes import change_json
from fardplan_cli.revisions import WORK_TREE, Revision
from tests.test_diff_follow_up import ACTORS, REGION, SHARED, core, initiative

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
