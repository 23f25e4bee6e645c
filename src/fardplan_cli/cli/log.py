"""`fardplan log REF`: the history of one initiative."""

from __future__ import annotations

from typing import Annotated

import typer

from fardplan_cli.cli.common import (
    FormatOption,
    echo_error,
    emit,
    open_repository,
)


def log(
    ctx: typer.Context,
    ref: Annotated[str, typer.Argument(metavar="REF", help="An initiative: sodertalje:1.3, or a "
                   "common one's id, 1.1.")],
    format: FormatOption = "table",
) -> None:
    """Every commit that changed an initiative, newest first, with date, author, message and what
    changed; follows renumbering back through 'replaces'."""
    from fardplan_cli.i18n import t
    from fardplan_cli.log import initiative_log
    from fardplan_cli.render.log import log_output

    found = initiative_log(open_repository(ctx), ref)
    if found.only_in_work_tree:
        echo_error("fardplan: " + t(
            "no commit has changed {ref} yet: it is only in the working tree", ref=found.ref))
    emit(log_output(found), format)
