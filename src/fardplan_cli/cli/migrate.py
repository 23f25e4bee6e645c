"""``fardplan migrate``: the plan files of format 1 moved to format 2."""

from __future__ import annotations

from typing import Annotated

import typer


def migrate(
    ctx: typer.Context,
    dry_run: Annotated[bool, typer.Option(
        "--dry-run", help="Print the unified diff of every file; write nothing.")] = False,
) -> None:
    """Move the plans from format 1 to format 2: each common initiative's status to every core's
    follow-up, priorities to the cores' dialogues; comments and every other line kept."""
    from fardplan_cli.cli.common import state
    from fardplan_cli.i18n import t
    from fardplan_cli.migrate import migrate_repository
    from fardplan_cli.repository import find_repository

    repository = find_repository(state(ctx).repo, plans_folder_is_enough=True)
    migration = migrate_repository(repository.root, repository.read_plan_files(), dry_run=dry_run)
    if not migration.files:
        typer.echo(t("The plans are in format 2 already: nothing to migrate."), err=True)
        return
    if dry_run:
        typer.echo("".join(change.diff() for change in migration.files), nl=False)
    elif migration.schemas:
        typer.echo(t("Migrated {count} plan files to format 2 and replaced the schemas in schemas/ "
                     "with those of format 2; review them with 'git diff' and commit them.",
                     count=len(migration.files)), err=True)
    else:
        typer.echo(t("Migrated {count} plan files to format 2; review them with 'git diff plans/' "
                     "and commit them.", count=len(migration.files)), err=True)
