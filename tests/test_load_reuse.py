"""A document parsed once builds its core once: the check of an edited plan set reuses the cores
of the files the edit did not change."""

from __future__ import annotations

from pathlib import Path

from fardplan_cli.load import build_plan_set, parse_documents
from fardplan_cli.repository import PlanRepository


def test_the_same_documents_give_the_same_cores_and_new_ones_new_cores(plan_dir: Path) -> None:
    files = PlanRepository(plan_dir).read_plan_files()
    documents, _ = parse_documents(files)
    first, _ = build_plan_set(documents, files, positions=False)
    again, _ = build_plan_set(documents, files, positions=False)
    assert all(a is b for a, b in zip(first.cores, again.cores, strict=True))
    with_positions, _ = build_plan_set(documents, files)  # what the core depends on differs
    assert all(a is not b for a, b in zip(first.cores, with_positions.cores, strict=True))
    reparsed, _ = parse_documents(files)
    fresh, _ = build_plan_set(reparsed, files, positions=False)
    assert fresh == first
    assert all(a is not b for a, b in zip(first.cores, fresh.cores, strict=True))
