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
                     "this repository in .pre-commit-config.yaml (default: a local hook for which "
                     "pre-commit installs fardplan from the --install source)."),
    ] = None,
    install: Annotated[
        str | None,
        typer.Option("--install", metavar="SPEC", help="The pip requirement from which the CI job and "
                     "the pre-commit hook install fardplan (default: the source this fardplan was "
                     "installed from; e.g. 'fardplan @ git+https://host/fardplan@v0.1.0')."),
    ] = None,
) -> None:
    """Create a new plan repository: git init, schemas, plans, a pre-commit hook and a CI job.
    Prints where fardplan will be installed from, and the commands for the first commit and push."""
    from pathlib import Path

    from fardplan_cli.i18n import t
    from fardplan_cli.scaffold import init_plan_repository, install_source

    target = Path(path).expanduser()
    made = init_plan_repository(target, empty=empty, hook_repo=hook_repo,
                                install=install_source(install))
    source = made.source
    typer.echo(t("Created the plan repository {path} ({count} files).", path=target,
                 count=len(made.files)))
    typer.echo(t("The CI job and the pre-commit hook install fardplan from: {spec} ({origin}).",
                 spec=source.spec, origin=t(_ORIGINS[source.kind])))
    if source.on_this_machine_only:
        typer.echo(t("warning: {spec} exists on this machine only: a CI runner (or a colleague's "
                     "pre-commit) cannot install it. Run init again with --install naming a source "
                     "they can reach (e.g. --install \"fardplan @ "
                     "git+https://<git host>/fardplan@v0.1.0\"), or edit "
                     ".github/workflows/fardplan.yml and .pre-commit-config.yaml.",
                     spec=source.spec), err=True)
    shown = f'"{target}"' if any(c.isspace() for c in str(target)) else str(target)
    typer.echo(t("Next:"))
    for command in (
        f"cd {shown}",
        "fardplan validate",
        "git add -A",
        'git commit -m "' + t("The plans, as fardplan init made them") + '"',
        t("git remote add origin <the URL of the new, empty repository>"),
        f"git push -u origin {made.branch}",
        "pip install pre-commit && pre-commit install",
    ):
        typer.echo(f"  {command}")


_ORIGINS = {
    "given": "named with --install",
    "index": "the package index this fardplan was installed from",
    "git": "the git repository and commit this fardplan was installed from",
    "archive": "the archive this fardplan was installed from",
    "folder": "the folder this fardplan was installed from",
}
