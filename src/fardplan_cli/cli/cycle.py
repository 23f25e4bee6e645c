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
    """Each cycle of plans/region.yaml, its tag and commit, and whether it is closed."""
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
) -> None:
    """Close a cycle: an annotated tag cycle/<id> on HEAD. Refuses invalid plans, uncommitted plan
    changes, an unknown cycle, or a cycle already closed."""
    from fardplan_cli.cli.common import open_repository
    from fardplan_cli.cycles import close_cycle
    from fardplan_cli.i18n import t

    closed = close_cycle(open_repository(ctx), cycle, message)
    typer.echo(t("Closed cycle {cycle}: tag {tag} on commit {commit}", cycle=closed.cycle,
                 tag=closed.tag, commit=closed.commit[:10]))
