"""``fardplan validate``: every problem of the plan set, and a status that says whether there are any."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from fardplan_cli.cli.common import deliver, format_option, state
from fardplan_cli.render.problems import PROBLEM_RENDERERS


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
    from fardplan_cli.repository import find_repository
    from fardplan_cli.validate import read_repository_schemas, validate_files

    repository = find_repository(state(ctx).repo, plans_folder_is_enough=True)
    schemas = read_repository_schemas(repository.root)
    result = validate_files(repository.read_plan_files(), strict=strict, schemas=schemas,
                            ignored=repository.ignored_plan_entries())
    if format == "text":  # for the reader, from where they stand; json and github stay
        result = result.seen_from(repository.root, Path.cwd())  # repository-relative
    return deliver(ExitStatus.OK if result.ok else ExitStatus.PROBLEMS,
                   lambda: PROBLEM_RENDERERS[format](result, sys.stdout, sys.stderr))
