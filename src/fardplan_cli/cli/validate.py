from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Annotated

import typer

from fardplan_cli.cli.common import deliver, format_option, open_repository, state
from fardplan_cli.render.problems import PROBLEM_RENDERERS

if TYPE_CHECKING:
    from fardplan_cli.repository import PlanRepository


def validate(
    ctx: typer.Context,
    format: Annotated[str, format_option(
        PROBLEM_RENDERERS, "Output format (github: workflow-command annotations).")] = "text",
    strict: Annotated[
        bool, typer.Option("--strict", help="Treat warnings as errors."),
    ] = False,
) -> int:
    """Check the whole plan set against the schemas and the plan rules; print every problem.

    Exit 0 when the plans are valid, 1 when they have errors (with --strict, warnings too).
    """
    from fardplan_cli.errors import ExitStatus
    from fardplan_cli.validate import read_repository_schemas, validate_files

    repository = _repository(ctx)
    schemas = read_repository_schemas(repository.root)
    result = validate_files(repository.read_plan_files(), strict=strict, schemas=schemas,
                            ignored=repository.ignored_plan_entries())
    return deliver(ExitStatus.OK if result.ok else ExitStatus.PROBLEMS,
                   lambda: PROBLEM_RENDERERS[format](result, sys.stdout, sys.stderr))


def _repository(ctx: typer.Context) -> PlanRepository:
    """The plan repository; a folder with ``plans/`` but no region file is validated all the same,
    so that the missing ``plans/region.yaml`` is reported as a problem of the plans."""
    import os
    from pathlib import Path

    from fardplan_cli.errors import RepositoryNotFoundError
    from fardplan_cli.load import PLANS_DIR
    from fardplan_cli.repository import ENV_REPO, PlanRepository

    try:
        return open_repository(ctx)
    except RepositoryNotFoundError:
        chosen = state(ctx).repo or os.environ.get(ENV_REPO) or None
        root = Path(chosen).expanduser() if chosen else Path.cwd()
        if (root / PLANS_DIR).is_dir():
            return PlanRepository(root.resolve())
        raise
