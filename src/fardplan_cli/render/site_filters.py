"""The choices of the site's initiative filters (``templates/site/filters.html.j2``).

A page's lists can be narrowed by core, goal area, status, actor and priority; the choices are the
values that the rows hold, named as the plan names them. They are counted here rather than in the
template: an actor's page can list thousands of rows, and a template loop over them costs many
times what this one does.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from fardplan_cli.model import Core, GoalArea, Initiative, PlanSet

FILTER_KINDS = ("core", "area", "status", "actor", "priority")


class FilteredRow(Protocol):
    """A row of an initiative list, as the filters read it (``site.InitiativeRow``)."""

    @property
    def initiative(self) -> Initiative: ...
    @property
    def core(self) -> Core | None: ...
    @property
    def actors(self) -> tuple[str, ...]: ...


def _sort_key(item: tuple[object, str], by_name: bool) -> Any:  # the values of one kind sort
    """Jinja's ``dictsort``: by name or by value, letters case-insensitively."""
    found = item[1] if by_name else item[0]
    return found.lower() if isinstance(found, str) else found


def filter_choices(rows: Sequence[FilteredRow],
                   plan: PlanSet) -> dict[str, list[tuple[object, str]]] | None:
    """For each kind of filter, its choices ``(value, name)`` in the order shown (by name; goal
    areas and priorities by value; statuses in the order of the work), or an empty list where no
    choice would hide a row; None when the list has fewer than two rows (no filters then)."""
    from fardplan_cli.i18n import status_label

    total = len(rows)
    if total <= 1:
        return None
    counts: dict[str, dict[object, int]] = {kind: {} for kind in FILTER_KINDS}
    names: dict[str, dict[object, str]] = {kind: {} for kind in FILTER_KINDS}
    areas: dict[int, GoalArea] = {}
    for area in plan.region.goal_areas:
        areas.setdefault(area.number, area)  # the first of a number, as ``PlanSet.goal_area``
    for row in rows:
        initiative = row.initiative
        values: dict[str, Sequence[object]] = {
            "core": [row.core.id] if row.core else [],
            "area": [initiative.area],
            "status": [initiative.status],
            "actor": list(dict.fromkeys(row.actors)),
            "priority": list(dict.fromkeys(initiative.priority)),
        }
        for kind, found in values.items():
            counted, named = counts[kind], names[kind]
            for value in found:
                counted[value] = counted.get(value, 0) + 1
                if value in named:
                    continue
                if kind == "core":
                    named[value] = row.core.name if row.core else str(value)
                elif kind == "area":
                    goal = areas.get(initiative.area)
                    named[value] = f"{initiative.area}. {goal.title}" if goal else str(value)
                elif kind == "status":
                    named[value] = status_label(str(value))
                elif kind == "actor":
                    named[value] = plan.actor_name(str(value))
                else:
                    named[value] = str(value)
    from fardplan_cli.i18n import STATUSES

    choices: dict[str, list[tuple[object, str]]] = {}
    for kind in FILTER_KINDS:
        by_name = kind not in ("area", "priority")
        hides = any(count < total for count in counts[kind].values())
        if not hides:
            choices[kind] = []
        elif kind == "status":  # in the order of the work: planned, ongoing, done, paused, dropped
            choices[kind] = sorted(names[kind].items(), key=lambda item: (
                STATUSES.index(str(item[0])) if item[0] in STATUSES else len(STATUSES),
                str(item[0])))
        else:
            choices[kind] = sorted(names[kind].items(), key=lambda item: _sort_key(item, by_name))
    return choices
