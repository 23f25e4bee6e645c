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

    from fardplan_cli.errors import ExitStatus, UsageError
    from fardplan_cli.history import WORK_TREE, PlanHistory, check_revision, latest_cycle
    from fardplan_cli.i18n import t
    from fardplan_cli.render.diff_common import DiffReport

    state(ctx).differs_is_status_1 = exit_code
    # Refuse a hostile revision before anything else looks at the repository.
    for typed in (source, target):
        if typed is not None:
            check_revision(typed)
    repository = open_repository(ctx)
    with PlanHistory(repository.root) as history:
        work_tree_files = repository.read_plan_files() if target is None else None
        target_rev = WORK_TREE if target is None else history.resolve(target)
        if source is None:
            order = history.cycle_order(work_tree_files) if work_tree_files is not None else []
            latest = latest_cycle(repository.root, order)
            if latest is None:
                if work_tree_files is not None:
                    history.plan_set(WORK_TREE, work_tree_files)  # its problems come first
                raise UsageError(t(
                    "no cycle has been closed yet (there is no cycle/<id> tag): name the revision "
                    "to compare with, as in 'fardplan diff FROM [TO]'"))
            source_rev = history.resolve(latest.cycle)
        else:
            source_rev = history.resolve(source)
        result, core_id = history.diff(source_rev, target_rev, work_tree_files=work_tree_files,
                                       core=core)
    # --exit-code says whether there are changes, read to the end or not.
    differs = exit_code and bool(result.changes)
    return deliver(ExitStatus.DIFFERS if differs else ExitStatus.OK,
                   lambda: DIFF_RENDERERS[format](DiffReport(source_rev, target_rev, result, core_id),
                                                        sys.stdout))
