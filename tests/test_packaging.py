"""The wheel carries the schemas and the Stockholm plans, so an installed fardplan needs no checkout."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.support import PROJECT_ROOT, SHIPPED_PLANS, SHIPPED_SCHEMAS


@pytest.mark.slow
def test_the_wheel_holds_the_schemas_and_the_plans(tmp_path: Path) -> None:
    built = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--wheel-dir", str(tmp_path),
         str(PROJECT_ROOT)],
        capture_output=True, text=True, check=False,
    )
    assert built.returncode == 0, built.stderr
    (wheel,) = tmp_path.glob("fardplan-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        for schema in SHIPPED_SCHEMAS.glob("*.schema.json"):
            assert archive.read(f"fardplan_cli/schemas/{schema.name}") == schema.read_bytes()
        for plan in SHIPPED_PLANS.glob("*.yaml"):
            assert archive.read(f"fardplan_cli/data/plans/{plan.name}") == plan.read_bytes()
        assert "fardplan_cli/py.typed" in names
        templates = PROJECT_ROOT / "src" / "fardplan_cli" / "render" / "templates"
        for template in (p for p in templates.rglob("*") if p.is_file()):
            name = "fardplan_cli/render/templates/" + template.relative_to(templates).as_posix()
            assert archive.read(name) == template.read_bytes()
