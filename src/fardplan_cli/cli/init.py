from __future__ import annotations

from typing import Annotated

import typer

from fardplan_cli.cli.common import handle_errors


@handle_errors
def init(
    path: Annotated[
        str, typer.Argument(metavar="PATH", help="The folder to create (new or empty)."),
    ],
    empty: Annotated[
        bool,
        typer.Option("--empty", help="Start with no plans: an empty region.yaml and actors.yaml "
                     "instead of the Stockholm plans."),
    ] = False,
) -> None:
    """Create a new plan repository: git init, schemas, plans, a pre-commit hook and a CI job."""
    from pathlib import Path

    from fardplan_cli.i18n import t
    from fardplan_cli.scaffold import init_plan_repository

    target = Path(path).expanduser()
    written = init_plan_repository(target, empty=empty)
    message = t("Created the plan repository {path} ({count} files); check it with "
                "'fardplan --repo {path} validate' and commit it.", path=target, count=len(written))
    typer.echo(message, err=True)
