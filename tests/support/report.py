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
    """The shipped plans with statuses, priorities and missing leads spread out, still valid:
    common 4.1 ongoing and prioritised in both cycles in every core, common 1.2 without a lead
    and paused in every core; Södertälje's 1.5 done and prioritised in 2023-2026, 2.3 prioritised
    in 2027-2030, 4.3 dropped."""
    edit(root, "region.yaml", "lead: region-stockholm\n    participants: [karnkommunerna]\n",
         "participants: [karnkommunerna]\n")
    follow_up = ('common:\n  "1.2":\n    status: paused\n'
                 '    status_note: waits for the new health care plan\n'
                 '  "4.1":\n    status: ongoing\n')
    for path in sorted((root / "plans").glob("*.yaml")):
        if path.stem in ("region", "actors"):
            continue
        own = {"2023-2026": '"1.5", ', "2027-2030": '"2.3", '} if path.stem == "sodertalje" else {}
        dialogues = "dialogues:\n" + "".join(
            f"  - date: {cycle[:4]}-03-15\n    cycle: {cycle}\n"
            f'    prioritized: [{own.get(cycle, "")}"4.1"]\n' for cycle in ("2023-2026", "2027-2030"))
        text = path.read_text(encoding="utf-8")
        if "\ninitiatives:\n" in text:
            text = text.replace("\ninitiatives:\n", "\n" + dialogues + follow_up + "initiatives:\n", 1)
        else:
            text += dialogues + follow_up
        path.write_text(text, encoding="utf-8")
    edit(root, "sodertalje.yaml", "participants: [sodertalje-kommun, region-stockholm, polis, "
         "fastighetsagare]\n    status: planned", "lead: sodertalje-kommun\n    participants: "
         "[region-stockholm, polis, fastighetsagare]\n    status: done")
    edit(root, "sodertalje.yaml",
         "participants: [region-stockholm, sodertalje-kommun, trafikverket]\n    status: planned",
         "lead: trafikforvaltningen\n    participants: [sodertalje-kommun, trafikverket]\n"
         "    status: dropped\n    status_note: merged into 4.4")
    return root
