"""The nodes the plan rules read: only those of the right shape, so that a file with a schema error
still gets its other problems reported (plan_rules.py and follow_up_rules.py share them)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from fardplan_cli.grammar import is_initiative_id

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
