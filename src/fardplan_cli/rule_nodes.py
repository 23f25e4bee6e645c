"""The nodes the plan rules read: only those of the right shape, so that a file with a schema error
still gets its other problems reported (plan_rules.py and follow_up_rules.py share them)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from fardplan_cli.grammar import is_initiative_id
from fardplan_cli.i18n import t

ID_FORMS: dict[int, str] = {2: "AREA.NUMBER", 3: "INITIATIVE.NUMBER"}
"""The form of an id of two numbers (an initiative's) and of three (an activity's)."""


def bad_id_message(typed: str, parts: int = 2) -> str:
    """Why ``typed`` is no id of ``parts`` numbers, with the id it most likely means, made from its
    own numbers: ``2,10`` -> ``"2.10"``; without as many numbers in it, the form alone."""
    what = t("an initiative id") if parts == 2 else t("an activity id")
    form = t(ID_FORMS.get(parts, "AREA.NUMBER"))
    numbers = [n.lstrip("0") for n in re.findall(r"[0-9]+", typed)]
    if len(numbers) == parts and all(numbers):
        return t("{value!r} is not {what}; write it as {form} in quotes: \"{meant}\"",
                 value=typed, what=what, form=form, meant=".".join(numbers))
    return t("{value!r} is not {what}; write it as {form} in quotes (numbers from 1, "
             "separated by dots)", value=typed, what=what, form=form)

_NOTE_STATUSES = frozenset({"paused", "dropped"})
"""An initiative with one of these statuses needs a ``status_note`` saying why."""


def _items(data: Any, key: str) -> Iterator[tuple[int, dict[str, Any]]]:
    """(index, mapping) for each mapping in the list ``data[key]``; the schema reports the rest."""
    value = data.get(key) if isinstance(data, dict) else None
    if isinstance(value, list):
        for index, item in enumerate(value):
            if isinstance(item, dict):
                yield index, item


def _strings(data: dict[str, Any], key: str) -> Iterator[tuple[int, str]]:
    value = data.get(key)
    if isinstance(value, list):
        for index, item in enumerate(value):
            if isinstance(item, str):
                yield index, item


def _initiative_id(value: Any) -> str | None:
    return value if isinstance(value, str) and is_initiative_id(value) else None


def _text(data: dict[str, Any], key: str) -> str | None:
    value = data.get(key)
    return value if isinstance(value, str) else None
