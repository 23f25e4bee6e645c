"""Helpers for the report and export tests: varied plans, loading, and golden files."""

from __future__ import annotations

import os
from pathlib import Path

from fardplan_cli.load import load_plan_set
from fardplan_cli.model import PlanSet
from fardplan_cli.repository import find_repository

GOLDEN = Path(__file__).resolve().parent / "golden" / "report"


def load(root: Path) -> PlanSet:
    return load_plan_set(find_repository(str(root)).read_plan_files())


def edit(root: Path, name: str, old: str, new: str) -> None:
    path = root / "plans" / name
    text = path.read_text(encoding="utf-8")
    assert old in text, (name, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def vary(root: Path) -> Path:
    """The shipped plans with statuses, priorities and missing leads spread out, still valid."""
    edit(root, "region.yaml", "participants: [karnkommunerna, trafikverket]\n    status: planned",
         "participants: [karnkommunerna, trafikverket]\n    status: ongoing\n"
         "    priority: [2023-2026, 2027-2030]")
    edit(root, "region.yaml", "lead: region-stockholm\n    participants: [karnkommunerna]\n"
         "    status: planned", "participants: [karnkommunerna]\n    status: paused\n"
         "    status_note: waits for the new health care plan")
    edit(root, "sodertalje.yaml", "participants: [sodertalje-kommun, region-stockholm, polis, "
         "fastighetsagare]\n    status: planned", "lead: sodertalje-kommun\n    participants: "
         "[region-stockholm, polis, fastighetsagare]\n    status: done\n    priority: [2023-2026]")
    edit(root, "sodertalje.yaml",
         "participants: [region-stockholm, sodertalje-kommun, trafikverket]\n    status: planned",
         "lead: trafikforvaltningen\n    participants: [sodertalje-kommun, trafikverket]\n"
         "    status: dropped\n    status_note: merged into 4.4")
    edit(root, "sodertalje.yaml", "places: [Campus Telge]", "places: [Campus Telge]\n"
         "    priority: [2027-2030]")
    return root


def check_golden(name: str, actual: str) -> None:
    """Compare with tests/golden/report/<name>; FARDPLAN_UPDATE_GOLDEN=1 rewrites it instead."""
    path = GOLDEN / name
    if os.environ.get("FARDPLAN_UPDATE_GOLDEN") == "1":
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(actual, encoding="utf-8", newline="\n")
        return
    assert path.exists(), f"{path} is missing; run with FARDPLAN_UPDATE_GOLDEN=1 to create it"
    assert actual == path.read_text(encoding="utf-8"), f"{name} differs from its golden file"
