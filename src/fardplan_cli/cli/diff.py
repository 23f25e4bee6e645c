"""`fardplan diff`: what changed in the plans between two revisions, in plan terms."""

from __future__ import annotations

from typing import Annotated

import typer

from fardplan_cli.cli.common import deliver, format_option, open_repository, state
from fardplan_cli.render.diff_common import DIFF_RENDERERS


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
    format: Annotated[str, format_option(DIFF_RENDERERS, "Output format.")] = "text",
    exit_code: Annotated[bool, typer.Option(
        "--exit-code", help="Exit with 1 when there are changes, 0 when there are none.")] = False,
) -> int:
    """Show what changed in the plans between two revisions (default: the latest cycle and the
    working tree): cores, initiatives, fields, directions, character, goal areas, cycles, actors."""
    import sys

    from fardplan_cli.errors import ExitStatus
    from fardplan_cli.render.diff_common import DiffReport
    from fardplan_cli.revision_diff import diff_revisions

    state(ctx).differs_is_status_1 = exit_code
    found = diff_revisions(open_repository(ctx), source, target, core=core)
    # --exit-code says whether there are changes, read to the end or not.
    differs = exit_code and bool(found.result.changes)
    report = DiffReport(found.source, found.target, found.result, found.core)
    return deliver(ExitStatus.DIFFERS if differs else ExitStatus.OK,
                   lambda: DIFF_RENDERERS[format](report, sys.stdout))
