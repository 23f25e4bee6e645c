"""The choices of the site's initiative filters, counted in Python for the template."""

from __future__ import annotations

from dataclasses import dataclass, replace

from fardplan_cli.i18n import status_label
from fardplan_cli.load import load_plan_set
from fardplan_cli.model import Core, Initiative, PlanSet
from fardplan_cli.render.site_filters import filter_choices
from tests.support import SHIPPED_PLANS


@dataclass(frozen=True)
class Row:
    initiative: Initiative
    core: Core | None
    actors: tuple[str, ...]


def _plan() -> PlanSet:
    return load_plan_set({f"plans/{p.name}": p.read_bytes() for p in SHIPPED_PLANS.glob("*.yaml")})


def _rows(plan: PlanSet, core_id: str) -> list[Row]:
    core = plan.core(core_id)
    assert core is not None
    return [Row(i, core, tuple(filter(None, (i.lead, *i.participants))))
            for i in plan.core_plan(core_id)]


def test_no_filters_for_a_list_of_one() -> None:
    plan = _plan()
    assert filter_choices(_rows(plan, "sodertalje")[:1], plan) is None
    assert filter_choices([], plan) is None


def test_a_choice_is_offered_only_where_it_would_hide_a_row_and_named_as_the_plan_names_it() -> None:
    plan = _plan()
    rows = [replace(r, initiative=replace(r.initiative, status=status)) for r, status in
            zip(_rows(plan, "sodertalje"), ["ongoing", "done", "planned"] * 20, strict=False)]
    choices = filter_choices(rows, plan)
    assert choices is not None
    assert choices["core"] == []  # every row is Södertälje's: choosing it hides nothing
    # Statuses in the order of the work, not by name (Genomförd, Pågående, Planerad)
    assert choices["status"] == [(s, status_label(s)) for s in ("planned", "ongoing", "done")]
    areas = sorted({r.initiative.area for r in rows})
    assert [value for value, _ in choices["area"]] == areas  # by number, not by name
    first = plan.goal_area(areas[0])
    assert first is not None and choices["area"][0][1] == f"{areas[0]}. {first.title}"
    actors = {a for r in rows for a in r.actors}
    assert any(sum(a in r.actors for r in rows) < len(rows) for a in actors)
    assert {value for value, _ in choices["actor"]} == actors  # a select offers every value
    assert all(shown == plan.actor_name(str(value)) for value, shown in choices["actor"])
    names = [shown.lower() for _, shown in choices["actor"]]
    assert names == sorted(names)


def test_two_cores_give_a_choice_of_core() -> None:
    plan = _plan()
    rows = _rows(plan, "sodertalje")[:2] + _rows(plan, "haninge")[:2]
    choices = filter_choices(rows, plan)
    assert choices is not None
    assert [value for value, _ in choices["core"]] == ["haninge", "sodertalje"]
