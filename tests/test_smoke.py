from __future__ import annotations

import json
from pathlib import Path

from tests.support import run_cli


def test_list_core_shows_the_whole_plan(plan_dir: Path) -> None:
    result = run_cli("list", "--core", "sodertalje", "--format", "json", repo=plan_dir)
    assert result.exit_code == 0, result.output
    refs = [item["ref"] for item in json.loads(result.stdout)]
    assert len(refs) == 17
