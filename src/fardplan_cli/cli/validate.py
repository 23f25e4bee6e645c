from __future__ import annotations

import sys
from enum import Enum
from typing import TYPE_CHECKING, Annotated

import typer

from fardplan_cli.cli.common import handle_errors, state

if TYPE_CHECKING:
    from fardplan_cli.repository import PlanRepository


class ValidateFormat(str, Enum):
    """The formats of ``validate``; the same names as ``render.problems.PROBLEM_RENDERERS``."""

    text = "text"
    json = "json"
    github = "github"


@handle_errors
def validate(
    ctx: typer.Context,
    format: Annotated[
        ValidateFormat,
        typer.Option("--format", "-f", case_sensitive=False,
                     help="Output format: text, json or github (workflow-command annotations)."),
    ] = ValidateFormat.text,
    strict: Annotated[
        bool, typer.Option("--strict", help="Treat warnings as errors."),
    ] = False,
) -> None:
    """Check the whole plan set against the schemas and the plan rules; print every problem.

    Exit 0 when the plans are valid, 1 when they have errors (with --strict, warnings too).
    """
    from fardplan_cli.render.problems import PROBLEM_RENDERERS
    from fardplan_cli.validate import read_repository_schemas, validate_files

    repository = _repository(ctx)
    schemas = read_repository_schemas(repository.root)
    result = validate_files(repository.read_plan_files(), strict=strict, schemas=schemas,
                            ignored=repository.ignored_plan_entries())
    PROBLEM_RENDERERS[format.value](result, sys.stdout, sys.stderr)
    if not result.ok:
        raise typer.Exit(1)


def _repository(ctx: typer.Context) -> PlanRepository:
    """The plan repository; a folder with ``plans/`` but no region file is validated all the same,
    so that the missing ``plans/region.yaml`` is reported as a problem of the plans."""
    from fardplan_cli.repository import find_repository

    return find_repository(state(ctx).repo, plans_folder_is_enough=True)
