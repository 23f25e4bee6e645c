"""``fardplan import``: read a follow-up workbook back into the plans."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from fardplan_cli.cli.common import echo_error, open_repository
from fardplan_cli.cli.edit import CommitOption, MessageOption


def import_workbook(
    ctx: typer.Context,
    file: Annotated[Path, typer.Argument(
        metavar="FILE", help="The workbook (xlsx) made by 'fardplan export --format xlsx'.")],
    dry_run: Annotated[bool, typer.Option(
        "--dry-run", help="Print what would change and the unified diff; write nothing.")] = False,
    commit: CommitOption = False,
    message: MessageOption = None,
) -> None:
    """Apply what a follow-up workbook changed: status, notes, lead and participants, activities
    and new progress reports, merged cell by cell with what the plans changed since the workbook
    was made. A cell changed on both sides is a conflict, and then nothing is written.
    """
    import sys

    from fardplan_cli.errors import UsageError
    from fardplan_cli.i18n import t
    from fardplan_cli.render.workbook import import_lines
    from fardplan_cli.sheet_import import import_workbook as run_import

    if dry_run and commit:
        raise UsageError(t("--dry-run and --commit exclude each other"))
    if message is not None and not commit:
        raise UsageError(t("-m/--message goes with --commit"))
    outcome = run_import(open_repository(ctx), file, dry_run=dry_run, commit=commit,
                         message=message)
    for line in import_lines(outcome, dry_run):
        echo_error(line)
    if dry_run:
        sys.stdout.write("".join(result.diff() for result in outcome.results))
