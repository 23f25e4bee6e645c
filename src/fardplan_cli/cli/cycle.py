"""`fardplan cycle list` and `fardplan cycle close`: the political cycles and their tags."""

from __future__ import annotations

from typing import Annotated

import typer

from fardplan_cli.cli.common import FormatOption, emit, load_plans

cycle_app = typer.Typer(
    name="cycle",
    help="The political cycles (mandatperioder) of plans/region.yaml and their git tags.",
    no_args_is_help=True,
    rich_markup_mode=None,
)


@cycle_app.command("list")
def list_cycles(ctx: typer.Context, format: FormatOption = "table") -> None:
    """Each cycle of plans/region.yaml, its tag and commit, and where it stands: upcoming,
    ongoing (today within its years), ended (not closed yet) or closed (tagged)."""
    from fardplan_cli.cycles import cycle_states
    from fardplan_cli.render.cycles import cycles_output

    repository, plan = load_plans(ctx)
    emit(cycles_output(cycle_states(repository.root, plan)), format)


@cycle_app.command("close")
def close(
    ctx: typer.Context,
    cycle: Annotated[str, typer.Argument(metavar="CYCLE", help="The cycle id, e.g. 2023-2026.")],
    message: Annotated[str | None, typer.Option(
        "--message", "-m", metavar="MSG",
        help="The tag's message (default: 'Close the political cycle CYCLE').")] = None,
    force: Annotated[bool, typer.Option(
        "--force", help="Close the cycle although its years are not over yet.")] = False,
) -> None:
    """Close a cycle: an annotated tag cycle/<id> on HEAD. Refuses invalid plans, uncommitted plan
    changes, an unknown cycle, a cycle already closed, or one whose years are not over (2023-2026
    ends on 2026-12-31) unless --force."""
    from fardplan_cli.cli.common import open_repository
    from fardplan_cli.cycles import close_cycle
    from fardplan_cli.i18n import t

    closed = close_cycle(open_repository(ctx), cycle, message, force=force)
    typer.echo(t("Closed cycle {cycle}: tag {tag} on commit {commit}", cycle=closed.cycle,
                 tag=closed.tag, commit=closed.commit[:10]))
    if closed.off_the_default_branch:
        typer.echo(t("warning: the cycle was closed on {branch}, not on {default}; a cycle is "
                     "usually closed on the default branch",
                     branch=closed.branch or t("a detached HEAD"),
                     default=closed.default_branch or "main"), err=True)
    typer.echo(t("Share the tag: git push origin {tag}", tag=closed.tag))
