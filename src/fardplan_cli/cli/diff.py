"""`fardplan diff`: what changed in the plans between two revisions, in plan terms."""

from __future__ import annotations

from enum import Enum
from typing import Annotated

import typer

from fardplan_cli.cli.common import handle_errors, open_repository, silence_stdout


class DiffFormat(str, Enum):
    """The formats of `diff`; the same names as ``render.diff_common.DIFF_RENDERERS``."""

    text = "text"
    markdown = "markdown"
    json = "json"
    html = "html"


@handle_errors
def diff(
    ctx: typer.Context,
    *,
    source: Annotated[str | None, typer.Argument(
        metavar="[FROM]", show_default=False,
        help="A cycle id (2023-2026), tag, branch or commit. Default: the latest closed cycle.",
    )] = None,
    target: Annotated[str | None, typer.Argument(
        metavar="[TO]", show_default=False,
        help="A cycle id, tag, branch or commit. Default: the working tree.")] = None,
    core: Annotated[str | None, typer.Option(
        "--core", "-c", metavar="CORE", help="Only this core (id or name) and the common initiatives.")] = None,
    format: Annotated[DiffFormat, typer.Option(
        "--format", "-f", case_sensitive=False,
        help="Output format: text, markdown, json or html.")] = DiffFormat.text,
    exit_code: Annotated[bool, typer.Option(
        "--exit-code", help="Exit with 1 when there are changes, 0 when there are none.")] = False,
) -> None:
    """Show what changed in the plans between two revisions (default: the latest cycle and the
    working tree): cores, initiatives, fields, directions, character, goal areas, cycles, actors."""
    import sys

    from fardplan_cli.errors import EXIT_PROBLEMS
    from fardplan_cli.render.diff_common import DIFF_RENDERERS, DiffReport
    from fardplan_cli.revision_diff import diff_revisions

    found = diff_revisions(open_repository(ctx), source, target, core=core)
    result = found.result
    try:
        DIFF_RENDERERS[format.value](DiffReport(found.source, found.target, result, found.core),
                                     sys.stdout)
    except BrokenPipeError:
        if not exit_code:
            raise  # a closed pipe ends quietly (handle_errors)
        silence_stdout()  # --exit-code says whether there are changes, read to the end or not
    if exit_code and result.changes:
        raise typer.Exit(EXIT_PROBLEMS)
