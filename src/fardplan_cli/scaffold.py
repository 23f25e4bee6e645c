"""``fardplan init``: a new plan repository that validates clean and is gated from the start.

It holds the schemas, the plans (the Stockholm plans packaged with fardplan, or a minimal empty
set), a ``.pre-commit-config.yaml`` that runs the ``fardplan-validate`` hook, and a GitHub Actions
workflow that runs ``fardplan validate --format github``. Nothing is committed: the new repository's
owner reviews and makes the first commit.
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

from fardplan_cli import __version__
from fardplan_cli.errors import UsageError
from fardplan_cli.i18n import t
from fardplan_cli.validate import SCHEMA_NAMES, SCHEMAS_DIR, packaged_schema

# Where the fardplan-validate hook is published; the one place to change when that moves.
HOOK_REPOSITORY = "https://github.com/region-stockholm/fardplan"

EMPTY_REGION = """\
# yaml-language-server: $schema=../schemas/region.schema.json
schema_version: 1
name: Färdplaner
goal_areas: []
cycles: []
initiatives: []
"""

EMPTY_ACTORS = """\
# yaml-language-server: $schema=../schemas/actors.schema.json
schema_version: 1
actors: []
"""

PRE_COMMIT_CONFIG = f"""\
# Validate the plans before every commit. Once: pip install pre-commit && pre-commit install
repos:
  - repo: {HOOK_REPOSITORY}
    rev: v{__version__}
    hooks:
      - id: fardplan-validate
"""

WORKFLOW = f"""\
# Validates every plan edit and annotates the problems on the pull request.
name: fardplan
on:
  push:
    paths: ["plans/**", "schemas/**", ".github/workflows/fardplan.yml"]
  pull_request:
    paths: ["plans/**", "schemas/**", ".github/workflows/fardplan.yml"]
jobs:
  validate:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-python@v5
        with:
          python-version: "3.12"
      - run: python -m pip install "fardplan=={__version__}"
      - run: fardplan validate --format github
"""


def packaged_plans() -> dict[str, bytes]:
    """The Stockholm plans packaged with fardplan: ``plans/<name>.yaml`` -> bytes."""
    folder = files("fardplan_cli").joinpath("data").joinpath("plans")
    return {
        f"plans/{entry.name}": entry.read_bytes()
        for entry in sorted(folder.iterdir(), key=lambda e: e.name)
        if entry.name.endswith(".yaml")
    }


def scaffold_files(*, empty: bool) -> dict[str, bytes]:
    """Every file of a new plan repository, by repository-relative posix path."""
    out = {f"{SCHEMAS_DIR}/{name}": packaged_schema(name) for name in SCHEMA_NAMES.values()}
    if empty:
        out["plans/region.yaml"] = EMPTY_REGION.encode("utf-8")
        out["plans/actors.yaml"] = EMPTY_ACTORS.encode("utf-8")
    else:
        out.update(packaged_plans())
    out[".pre-commit-config.yaml"] = PRE_COMMIT_CONFIG.encode("utf-8")
    out[".github/workflows/fardplan.yml"] = WORKFLOW.encode("utf-8")
    return out


def init_plan_repository(target: Path, *, empty: bool = False) -> list[str]:
    """Create a plan repository at ``target``; return the files written.

    Refuses a target that exists and is not an empty folder (exit 2).
    """
    if target.exists() and not target.is_dir():
        raise UsageError(t("{path} exists and is not a folder", path=target))
    if target.is_dir() and any(target.iterdir()):
        raise UsageError(t("{path} is not empty; fardplan init needs a new or empty folder",
                           path=target))
    target.mkdir(parents=True, exist_ok=True)
    from fardplan_cli.history import run_git  # all git processes start in one place

    run_git(target, "init", "-q")
    content = scaffold_files(empty=empty)
    for relative, data in content.items():
        path = target.joinpath(*relative.split("/"))
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    return sorted(content)
