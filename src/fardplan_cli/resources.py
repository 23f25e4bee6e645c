"""Data that ships with fardplan: the JSON Schemas and the Stockholm plans.

git keeps one copy of each, in the project's `schemas/` and `plans/`. A wheel carries them inside
the package (`setup.py` copies them there when it builds); a source checkout — an editable install,
the tests — reads the project's folders directly, so there is no second copy to keep in step.
"""

from __future__ import annotations

import sys
from importlib.resources import files
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    if sys.version_info >= (3, 11):
        from importlib.resources.abc import Traversable
    else:
        from importlib.abc import Traversable

_SOURCE_ROOT = Path(__file__).resolve().parents[2]


def _folder(packaged: str, source: str) -> Traversable:
    inside = files("fardplan_cli").joinpath(*packaged.split("/"))
    if inside.is_dir():
        return inside
    in_checkout = _SOURCE_ROOT / source
    if (_SOURCE_ROOT / "pyproject.toml").is_file() and in_checkout.is_dir():
        return in_checkout
    raise FileNotFoundError(f"fardplan's {source}/ is neither packaged nor in a source checkout")


def schema_bytes(name: str) -> bytes:
    """A JSON Schema as shipped (``core.schema.json``)."""
    return _folder("schemas", "schemas").joinpath(name).read_bytes()


def stockholm_plans() -> dict[str, bytes]:
    """The Stockholm plans as shipped: ``plans/<name>.yaml`` -> bytes."""
    folder = _folder("data/plans", "plans")
    return {
        f"plans/{entry.name}": entry.read_bytes()
        for entry in sorted(folder.iterdir(), key=lambda e: e.name)
        if entry.name.endswith(".yaml")
    }
