"""Helpers for the report and export tests: varied plans and loading."""

from __future__ import annotations

from pathlib import Path

from fardplan_cli.load import load_plan_set
from fardplan_cli.model import PlanSet
from fardplan_cli.repository import find_repository


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

