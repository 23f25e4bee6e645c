from __future__ import annotations

from typing import Annotated

import typer


def init(
    path: Annotated[
        str, typer.Argument(metavar="PATH", help="The folder to create (new or empty)."),
    ],
    empty: Annotated[
        bool,
        typer.Option("--empty", help="Start with no plans: an empty region.yaml and actors.yaml "
                     "instead of the Stockholm plans."),
    ] = False,
    hook_repo: Annotated[
        str | None,
        typer.Option("--hook-repo", metavar="URL", help="Use the fardplan-validate hook published in "
                     "this repository in .pre-commit-config.yaml (default: a local hook that runs the "
                     "installed fardplan)."),
    ] = None,
    install: Annotated[
        str | None,
        typer.Option("--install", metavar="SPEC", help="What the CI job pip-installs (default: "
                     "fardplan==<this version>; e.g. 'fardplan @ git+https://host/fardplan@v0.1.0')."),
    ] = None,
) -> None:
    """Create a new plan repository: git init, schemas, plans, a pre-commit hook and a CI job."""
    from pathlib import Path

    from fardplan_cli.i18n import t
    from fardplan_cli.scaffold import DEFAULT_INSTALL, init_plan_repository

    target = Path(path).expanduser()
    written = init_plan_repository(target, empty=empty, hook_repo=hook_repo, install=install or DEFAULT_INSTALL)
    message = t("Created the plan repository {path} ({count} files); check it with "
                "'fardplan --repo {path} validate' and commit it.", path=target, count=len(written))
    typer.echo(message, err=True)
    if install is None:
        typer.echo(t("Note: the CI job installs {spec} from PyPI, where fardplan is not published yet; "
                     "name its source with --install, or edit .github/workflows/fardplan.yml.",
                     spec=DEFAULT_INSTALL), err=True)
